"""Write the authorization-matrix suite from its data.

``variables/authorization_matrix.py`` holds one row per contract route with the status every
caller must get; this script writes ``suites/04_roles_and_scopes/authorization_matrix.robot``
with one test per cell, named after the cell (``Normal User Gets 403 On DELETE
/api/v1/roles/{role_id}``). ``tools/tests/test_authorization_matrix.py`` fails when the two
disagree.

    python tools/build_authorization_matrix.py          # rewrite the suite
    python tools/build_authorization_matrix.py --check  # exit 1 when the suite is out of date
"""

from __future__ import annotations

import argparse
import importlib.util
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "variables" / "authorization_matrix.py"
SUITE = ROOT / "suites" / "04_roles_and_scopes" / "authorization_matrix.robot"
TEMPLATE_KEYWORD = "Route Should Answer The Caller As The Contract Says"

HEADER = """\
*** Comments ***
# robocop: off=too-many-test-cases,file-too-long
# One test per cell of the authorization matrix: written by tools/build_authorization_matrix.py.


*** Settings ***
Documentation    Who may call which route. Every route of the contract (§3–§11) is called by five
...              kinds of caller: nobody (no token), the normal user, the admin, the service
...              client's token, and a user who holds exactly one ``admin:*`` scope through a role
...              of its own. Such a scope is not admin rights (§2: an admin is a superuser or holds
...              the role ``admin``): it opens only the routes that ask for that very scope
...              (§7 permissions, §10 session statistics and clean-up, §11 security events,
...              audit, configuration reload and error logs), so on those routes a holder of
...              another admin scope is refused too. Public routes answer without a token.
...
...              A wrongly allowed request acts on a throwaway resource made for the test, never on
...              shared data. The routes and the expected answers are data:
...              variables/authorization_matrix.py; this file is written from it by
...              tools/build_authorization_matrix.py (do not edit it by hand).

Resource         ../../resources/authorization.resource

Test Teardown    Remove Temporary Data
Test Template    {template}

Test Tags        roles    critical


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
    if cell["expected"] == "open":
        return f"{who} On {route} Is Left Open By The Contract"
    return f"{who} Gets {cell['expected'].replace('|', ' Or ')} On {route}"


def tags(cell: dict) -> list[str]:
    allowed = cell["expected"][:1] == "2"
    return ["destructive"] if cell["row"]["destructive"] and allowed else []


def render() -> str:
    data = load_data()
    lines = [HEADER.format(template=TEMPLATE_KEYWORD)]
    for cell in data.cells():
        lines.append(test_name(cell))
        cell_tags = tags(cell)
        if cell_tags:
            lines.append("    [Tags]    " + "    ".join(cell_tags))
        lines.append(f"    {cell['caller']}    {cell['route']}    {cell['expected']}")
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="only check that the suite is up to date")
    args = parser.parse_args(argv)
    text = render()
    if args.check:
        current = SUITE.read_text(encoding="utf-8") if SUITE.exists() else ""
        if current != text:
            print(f"{SUITE.relative_to(ROOT)} is out of date: run python tools/build_authorization_matrix.py")
            return 1
        return 0
    SUITE.write_text(text, encoding="utf-8")
    print(f"wrote {SUITE.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
