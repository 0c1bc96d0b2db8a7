"""Write the configuration reference from the one place that defines it, ``variables/config.py``.

    python -m tools.build.config_docs           # writes docs/configuration.md and .env.example
    python -m tools.build.config_docs --check   # exit 1 when either file is out of date

Every variable is documented once, in ``variables/config.py`` (its group, default, meaning,
whether it is a secret); the reference page and the example ``.env`` are generated from it, and
a project test fails when they are not up to date.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterable


import config
from tools import ROOT

REFERENCE = ROOT / "docs" / "configuration.md"
EXAMPLE = ROOT / ".env.example"

INTRO = """\
# Configuration reference

Generated from `variables/config.py` by `python -m tools.build.config_docs`: change the
settings there, never here.

Every setting is a Robot variable with the same name as its environment variable
(`${PERMISO_BASE_URL}` from `PERMISO_BASE_URL`). Precedence, highest first:

1. `--variable NAME:value` on the `robot`/`pabot` command line (also through `./run-acceptance.sh`),
2. the process environment,
3. a `.env` file at the project root (`KEY=VALUE` lines, `#` comments, optional quotes and
   `export`; no `${VAR}` expansion; copy `.env.example`),
4. the defaults below, which match the embedded reference service.

What stops a run at once, with one message (runner exit code 2):

- a value that cannot be used (`PERF_AUTH_THRESHOLD_MS must be a whole number of milliseconds, got 'fast'`),
- a line of `.env` that is not `KEY=VALUE`, and a `.env` key that looks like one of the
  suite's ({prefixes}) but names nothing known, with the nearest known name
  (`.env sets PERMISO_BASEURL, which is not a setting of the suite: did you mean PERMISO_BASE_URL?`),
- a deployment (`PERMISO_BASE_URL` given) without every credential ({credentials}): the
  reference service's accounts are never tried against a deployment.

Secrets (🔒) reach Robot as `robot.api.types.Secret` values, which Robot never logs, and the
redacting listener masks them in every output. Give them through the environment or `.env`
rather than `--variable` (command lines are visible to other users of the machine).
The log of every run lists each setting with where it came from (environment, `.env`, default).
"""


def cell(text: str) -> str:
    """Markdown table cell text (pipes escaped)."""
    return text.replace("|", "\\|")


def groups() -> dict[str, list[config.Setting]]:
    """The settings by group, in their order of definition."""
    grouped: dict[str, list[config.Setting]] = {}
    for setting in config.SETTINGS:
        grouped.setdefault(setting.group, []).append(setting)
    return grouped


def reference() -> str:
    """The text of docs/configuration.md."""
    intro = INTRO.replace("{prefixes}", ", ".join(f"`{prefix}*`" for prefix in config.OUR_PREFIXES))
    parts = [intro.replace("{credentials}", ", ".join(f"`{name}`" for name in config.CREDENTIALS))]
    for group, settings in groups().items():
        parts.append(f"\n## {group}\n\n| Variable | Default | Meaning |\n|---|---|---|\n")
        for setting in settings:
            lock = " 🔒" if setting.secret else ""
            default = f"`{setting.default}`" if setting.default else "(empty)"
            parts.append(f"| `{setting.name}`{lock} | {cell(default)} | {cell(setting.meaning)} |\n")
    parts.append("\n## Endpoint paths\n\nDerived from `PERMISO_API_BASE`; not set one by one.\n\n"
                 "| Variable | Value with the default base |\n|---|---|\n")
    for name, path in config.endpoint_paths("/api/v1").items():
        parts.append(f"| `{name}` | `{path}` |\n")
    parts.append("\n## Set by the project's tools\n\nNot settings of the suite; named here so that "
                 "nobody mistakes them for one.\n\n| Variable | Meaning |\n|---|---|\n")
    for name, meaning in config.OTHER_NAMES.items():
        parts.append(f"| `{name}` | {cell(meaning)} |\n")
    return "".join(parts)


def commented(text: str, width: int = 98) -> Iterable[str]:
    """``text`` as ``# `` comment lines of at most ``width`` characters."""
    line = "#"
    for word in text.split():
        if len(line) + 1 + len(word) > width:
            yield line
            line = "#"
        line += " " + word
    yield line


def example() -> str:
    """The text of .env.example."""
    lines = [
        "# Permiso acceptance suite configuration: copy to .env and set what differs.",
        "# Generated from variables/config.py (python -m tools.build.config_docs); the meaning of",
        "# every variable is in docs/configuration.md. Values shown are the defaults (they match the",
        "# embedded reference service). Leave PERMISO_BASE_URL unset to test the embedded service;",
        "# set it, and every TEST_* credential, to test a deployment.",
    ]
    for group, settings in groups().items():
        lines += ["", f"# --- {group}"]
        for setting in settings:
            lines += [*commented(setting.meaning), f"# {setting.name}={setting.default}"]
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    """Write both files, or with ``--check`` say which one is out of date."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="only check that both files are up to date")
    args = parser.parse_args(argv)
    stale = []
    for path, text in ((REFERENCE, reference()), (EXAMPLE, example())):
        if args.check:
            if not path.exists() or path.read_text(encoding="utf-8") != text:
                stale.append(path.relative_to(ROOT))
        else:
            path.write_text(text, encoding="utf-8")
    if stale:
        print(f"Out of date: {', '.join(map(str, stale))}: run python -m tools.build.config_docs", file=sys.stderr)
        return 1
    print("docs/configuration.md and .env.example are up to date" if args.check else
          f"Wrote {REFERENCE.relative_to(ROOT)} and {EXAMPLE.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
