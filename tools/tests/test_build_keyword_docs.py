"""tools/build/keyword_docs.py: a Libdoc page per resource and library, and undocumented items named."""

from __future__ import annotations

from pathlib import Path


from tools.build import keyword_docs as build_keyword_docs


def make_project(root: Path) -> None:
    (root / "resources").mkdir(parents=True)
    (root / "libraries").mkdir()
    (root / "resources" / "good.resource").write_text(
        "*** Settings ***\nDocumentation    Good words.\n\n*** Keywords ***\n"
        "Say Hello\n    [Documentation]    Logs hello.\n    Log    hello\n", encoding="utf-8")
    (root / "resources" / "bare.resource").write_text(
        "*** Keywords ***\nDo Something\n    Log    what\n", encoding="utf-8")
    (root / "libraries" / "Quiet.py").write_text(
        "class Quiet:\n    def shout(self):\n        pass\n", encoding="utf-8")


def test_every_page_is_written_and_gaps_are_named(tmp_path: Path) -> None:
    root = tmp_path / "project"
    make_project(root)
    output = tmp_path / "out"
    pages = build_keyword_docs.build(output, root)
    assert sorted(path.name for path in output.iterdir()) == ["Quiet.html", "bare.html", "good.html", "index.html"]
    problems = [problem for page in pages for problem in page.undocumented]
    assert problems == [
        "resources/bare.resource: the resource itself has no documentation",
        "resources/bare.resource: keyword 'Do Something' has no documentation",
        "libraries/Quiet.py: the library itself has no documentation",
        "libraries/Quiet.py: keyword 'Shout' has no documentation",
    ]
    assert "good.html" in (output / "index.html").read_text(encoding="utf-8")


def test_a_library_that_cannot_be_imported_is_a_problem_not_a_crash(tmp_path: Path) -> None:
    root = tmp_path / "project"
    make_project(root)
    (root / "libraries" / "Broken.py").write_text("import no_such_module_here\n", encoding="utf-8")
    pages = build_keyword_docs.build(tmp_path / "out", root)
    broken = next(page for page in pages if page.source.name == "Broken.py")
    assert broken.undocumented and "Libdoc could not read it" in broken.undocumented[0]
