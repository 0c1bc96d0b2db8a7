"""Build the keyword documentation (Libdoc HTML) of every resource and keyword library.

Usage::

    .venv/bin/python -m tools.build.keyword_docs [--output docs/keywords]

Writes one HTML page per ``resources/*.resource`` and keyword library ``libraries/<CamelCase>.py``
(``<name>.html``; lower-case modules such as ``answers.py`` are helpers without keywords) and an
``index.html`` linking them, into a fresh output folder (default ``docs/keywords/``, which is
generated and git-ignored). Exits with 1, naming each one, when a library or resource has no
documentation of its own or any of its keywords has none; the pages are written all the same.
"""

from __future__ import annotations

import argparse
import html
import shutil
import sys
from dataclasses import dataclass, field
from pathlib import Path

from robot.errors import DataError
from robot.libdocpkg import LibraryDocumentation
from tools import ROOT

DEFAULT_OUTPUT = ROOT / "docs" / "keywords"
SOURCES = (("resources", "*.resource"), ("libraries", "*.py"))


@dataclass
class Page:
    """One documented library or resource: where it came from, what is undocumented."""

    source: Path
    name: str
    kind: str
    keywords: int
    summary: str
    undocumented: list[str] = field(default_factory=list)


def sources(root: Path = ROOT) -> list[Path]:
    """Every resource file and keyword library of the project, in a stable order."""
    found: list[Path] = []
    for folder, pattern in SOURCES:
        found += sorted(path for path in (root / folder).glob(pattern)
                        if not path.name.startswith("_") and (folder != "libraries" or path.stem[0].isupper()))
    return found


def document(source: Path, output: Path, root: Path = ROOT) -> Page:
    """Write the Libdoc HTML of one source and return what it documents."""
    libdoc = LibraryDocumentation(str(source))
    libdoc.save(str(output / f"{source.stem}.html"), "HTML")
    page = Page(source, libdoc.name, libdoc.type.lower(), len(libdoc.keywords),
                (libdoc.doc.strip().splitlines() or [""])[0])
    # Libdoc fills in "Documentation for library ``X``." where the source has none.
    placeholders = {f"Documentation for library ``{libdoc.name}``.", f"Documentation for resource file ``{libdoc.name}``."}
    if not libdoc.doc.strip() or libdoc.doc.strip() in placeholders:
        page.undocumented.append(f"{source.relative_to(root)}: the {page.kind} itself has no documentation")
    page.undocumented += [f"{source.relative_to(root)}: keyword '{kw.name}' has no documentation"
                          for kw in libdoc.keywords if not kw.doc.strip()]
    return page


def write_index(pages: list[Page], output: Path) -> None:
    """A plain index page linking every Libdoc page."""
    rows = "\n".join(
        f'<tr><td><a href="{html.escape(page.source.stem)}.html">{html.escape(page.name)}</a></td>'
        f"<td>{page.kind}</td><td>{page.keywords}</td><td>{html.escape(page.summary)}</td></tr>"
        for page in pages
    )
    output.joinpath("index.html").write_text(
        "<!DOCTYPE html>\n<html><head><meta charset='utf-8'><title>Permiso acceptance keywords</title>"
        "<style>body{font-family:sans-serif;margin:2em}td,th{padding:.3em .8em;text-align:left}</style>"
        "</head><body><h1>Permiso acceptance suite: keyword documentation</h1>\n"
        "<table><tr><th>library or resource</th><th>kind</th><th>keywords</th><th>summary</th></tr>\n"
        f"{rows}\n</table></body></html>\n",
        encoding="utf-8",
    )


def build(output: Path = DEFAULT_OUTPUT, root: Path = ROOT) -> list[Page]:
    """Write every page and the index into a fresh ``output`` folder; return the pages."""
    if output.exists():
        shutil.rmtree(output)
    output.mkdir(parents=True)
    pages = []
    for source in sources(root):
        try:
            pages.append(document(source, output, root))
        except DataError as error:
            first_line = str(error).splitlines()[0]
            pages.append(Page(source, source.stem, "unreadable", 0, first_line,
                              [f"{source.relative_to(root)}: Libdoc could not read it: {first_line}"]))
    write_index(pages, output)
    return pages


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--output", type=Path, default=DEFAULT_OUTPUT, help="folder to write (replaced)")
    args = parser.parse_args(argv)
    pages = build(args.output.resolve())
    problems = [problem for page in pages for problem in page.undocumented]
    keywords = sum(page.keywords for page in pages)
    print(f"Keyword documentation: {len(pages)} libraries and resources, {keywords} keywords -> "
          f"{args.output / 'index.html'}")
    for problem in problems:
        print(f"  undocumented: {problem}")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
