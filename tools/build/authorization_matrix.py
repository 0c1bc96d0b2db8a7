"""Write the authorization-matrix suite from its data.

``variables/authorization_matrix.py`` holds one row per contract route with the status every
caller must get; this script writes ``suites/04_roles_and_scopes/authorization_matrix/``, one
suite file per contract section (so that a parallel run spreads the cells over its processes),
with one test per cell, named after the cell (``Normal User Gets 403 On DELETE
/api/v1/roles/{role_id}``). ``tools/tests/test_authorization_matrix.py`` fails when the two
disagree. Every cell is tagged ``authorization-matrix`` and with the area of its route
(``route_area`` of the data: ``auth``, ``users``, ``roles``, ``clients``, ``sessions``,
``admin``, ``infrastructure`` for the root routes), set as the suite file's ``Test Tags``: one
contract section is one area. Cells are not ``critical``.

    python -m tools.build.authorization_matrix          # rewrite the suite
    python -m tools.build.authorization_matrix --check  # exit 1 when the suite is out of date
"""

from __future__ import annotations

import argparse
import importlib.util
import sys
from pathlib import Path
from tools import ROOT

DATA = ROOT / "variables" / "authorization_matrix.py"
SUITE_DIR = ROOT / "suites" / "04_roles_and_scopes" / "authorization_matrix"
SECTION_FILES = {
    "§3": ("root_and_health", "the root, health and OpenAPI routes (§3)"),
    "§4": ("authentication", "the authentication routes (§4)"),
    "§6": ("users", "the user routes (§6)"),
    "§7": ("roles_scopes_permissions", "the role, scope and permission routes (§7)"),
    "§9": ("service_clients", "the service-client routes (§9)"),
    "§10": ("sessions", "the session routes (§10)"),
    "§11": ("administration", "the administration routes (§11)"),
}
MAX_TESTS = 100  # Robocop's too-many-test-cases limit for templated suites
MAX_LINES = 400  # Robocop's file-too-long limit
TEMPLATE_KEYWORD = "Route Should Answer The Caller As The Contract Says"

HEADER = """\
*** Comments ***
{disablers}# One test per cell of the authorization matrix: written by tools/build/authorization_matrix.py.


*** Settings ***
Documentation    Who may call {routes}.
...
...              Every route of the contract (§3–§11) is called by five kinds of caller: nobody
...              (no token), the normal user, the admin, the service client's token, and a user
...              who holds exactly one ``admin:*`` scope through a role of its own. Such a scope
...              is not admin rights (§2: an admin is a superuser or holds the role ``admin``):
...              it opens only the routes that ask for that very scope (§7 permissions, §10
...              session statistics and clean-up, §11 security events, audit, configuration
...              reload and error logs), so on those routes a holder of another admin scope is
...              refused too. Public routes answer without a token.
...
...              A wrongly allowed request acts on a throwaway resource made for the test, never on
...              shared data. The routes and the expected answers are data:
...              variables/authorization_matrix.py; this file is written from it by
...              tools/build/authorization_matrix.py (do not edit it by hand).

Resource         ../../../resources/authorization.resource

Test Teardown    Remove Temporary Data
Test Template    {template}

Test Tags        {area}    authorization-matrix


*** Test Cases ***"""


def load_data():
    spec = importlib.util.spec_from_file_location("permiso_authorization_matrix", DATA)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


def caller_title(caller: str) -> str:
    if caller.startswith("holder of "):
        return f"Holder Of {caller.split()[-1]} Only"
    return {"anonymous": "Anonymous Caller"}.get(caller, caller.title())


def test_name(cell: dict) -> str:
    """The cell's test name; a dot (which Robot reads as a suite separator) becomes ' dot '."""
    who = caller_title(cell["caller"])
    route = cell["route"].replace(".", " dot ")
    return f"{who} Gets {cell['expected'].replace('|', ' Or ')} On {route}"


def tags(cell: dict) -> list[str]:
    allowed = cell["expected"][:1] == "2"
    return ["destructive"] if cell["row"]["destructive"] and allowed else []


def render() -> dict[Path, str]:
    """The text of every suite file of the matrix, by path."""
    data = load_data()
    files: dict[Path, list[str]] = {}
    areas: dict[Path, set[str]] = {}
    for cell in data.cells():
        name, routes = SECTION_FILES[cell["row"]["section"]]
        path = SUITE_DIR / f"{name}.robot"
        lines = files.setdefault(path, [routes])
        areas.setdefault(path, set()).add(cell["area"])
        lines.append(test_name(cell))
        cell_tags = tags(cell)
        if cell_tags:
            lines.append("    [Tags]    " + "    ".join(cell_tags))
        lines.append(f"    {cell['caller']}    {cell['route']}    {cell['expected']}")
    for path, found in areas.items():
        if len(found) != 1:
            raise ValueError(f"{path.name} would hold routes of the areas {sorted(found)}: "
                             "one suite file is one area (its Test Tags)")
    return {path: _with_header(lines[0], lines[1:], areas[path].pop()) for path, lines in files.items()}


def _with_header(routes: str, body: list[str], area: str) -> str:
    """The suite text: header (with Robocop disablers only where a limit is passed) and tests."""
    header = HEADER.format(template=TEMPLATE_KEYWORD, routes=routes, area=area, disablers="{disablers}")
    tests = sum(1 for line in body if not line.startswith(" "))
    length = header.count("\n") + len(body) + 3
    rules = [rule for rule, over in (("too-many-test-cases", tests > MAX_TESTS),
                                     ("file-too-long", length > MAX_LINES)) if over]
    disablers = f"# robocop: off={','.join(rules)}\n" if rules else ""
    return header.replace("{disablers}", disablers) + "\n" + "\n".join(body) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="only check that the suite is up to date")
    args = parser.parse_args(argv)
    files = render()
    present = set(SUITE_DIR.glob("*.robot")) if SUITE_DIR.is_dir() else set()
    if args.check:
        stale = [path for path, text in files.items()
                 if not path.exists() or path.read_text(encoding="utf-8") != text]
        stale += sorted(present - set(files))
        for path in stale:
            print(f"{path.relative_to(ROOT)} is out of date: run python -m tools.build.authorization_matrix")
        return 1 if stale else 0
    SUITE_DIR.mkdir(parents=True, exist_ok=True)
    for path in present - set(files):
        path.unlink()
    for path, text in files.items():
        path.write_text(text, encoding="utf-8")
        print(f"wrote {path.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
