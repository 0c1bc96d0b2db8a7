"""The tags of the acceptance suites keep their meaning (the ``--tagdoc`` lines of
``variables/robot.args``):

- every test has exactly one area tag;
- ``critical`` (the deployment gate) stays a minority, and is never on an authorization-matrix
  cell or a hardening test;
- every tag a test carries is documented;
- the precondition tags (``requires-signing-key``, ``requires-docker``, ``requires-https``,
  ``requires-test-tokens``) are on the tests that can skip for want of that precondition, and
  only there.

The precondition check is static: it follows the keyword calls from each test (its body or
template, its setup and teardown, the setups of its suites, and keywords named as arguments such
as ``Run As Set-up Step    …    Get Service Token``) through the user keywords of ``resources/``
and ``suites/`` to the keywords where the skip is decided (:data:`PRECONDITION_KEYWORDS`).
That over-approximates: a templated row whose argument takes a branch without the precondition
still reaches the keyword; such rows are listed in :data:`REACHES_BUT_NEVER_NEEDS`, each with
the reason. The other direction is checked against a real run by the project tests' production
stage (``tools/checks/precondition_tags.py``): every test skipped for want of a precondition
carries its tag, and every tagged test was skipped for it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from functools import cache
from pathlib import Path

import pytest
from robot.api import TestSuiteBuilder as SuiteBuilder
from robot.running import ResourceFileBuilder
from robot.utils import normalize

ROOT = Path(__file__).resolve().parents[2]
SUITES = ROOT / "suites"
ARGUMENT_FILE = ROOT / "variables" / "robot.args"

AREAS = frozenset({"infrastructure", "auth", "users", "roles", "clients", "sessions", "admin", "security",
                   "performance", "integration"})
CRITICAL_SHARE = 0.20  # at most this share of all tests is critical
MATRIX = "authorization-matrix"

# Where the skip is decided, by precondition tag: the keywords (user or library) a test reaches
# exactly when it may skip for want of the precondition.
PRECONDITION_KEYWORDS = {
    "requires-signing-key": ("Signing Key Is Configured",),
    "requires-docker": ("Docker Engine Should Be Reachable", "Dependency Faults Should Be Allowed"),
    "requires-https": ("HTTPS Endpoint Under Test",),
    "requires-test-tokens": ("One-Time Token In Header",),
}
# The skip messages of those keywords, for the check against a real run.

_NO_KEY_FLAWS = "its flaw (no token, garbage, a refresh token, a bad signature) needs no signing key"
_NO_KEY_KINDS = "its token (access, refresh or service token) is not re-signed, so no signing key is needed"
REACHES_BUT_NEVER_NEEDS = {
    "requires-signing-key": {
        **dict.fromkeys((f"02_auth/rejected_tokens.robot::{name}" for name in (
            "No Token Is Refused", "Garbage Is Refused", "Unsigned Token Is Refused",
            "Token Signed With Another Algorithm Is Refused", "Token With A Changed Payload Is Refused",
            "Token Signed With The Wrong Key Is Refused", "Refresh Token Is Refused As An Access Token")),
            _NO_KEY_FLAWS),
        **dict.fromkeys((f"02_auth/rejected_tokens_challenge.robot::{name}" for name in (
            "Missing Token Is Challenged", "Garbage Is Challenged", "Unsigned Token Is Challenged",
            "Token Signed With Another Algorithm Is Challenged", "Token With A Changed Payload Is Challenged",
            "Token Signed With The Wrong Key Is Challenged", "Refresh Token Is Challenged")),
            _NO_KEY_FLAWS),
        **dict.fromkeys((f"08_security/token_types.robot::{name}" for name in (
            "Access Token Cannot Be Refreshed", "Service Token Cannot Be Refreshed",
            "Refresh Token Cannot Call Introspection", "Refresh Token Cannot Call Revocation",
            "Refresh Token Cannot Log Out", "Refresh Token Cannot Open A User Route",
            "Service Token Cannot Open A User Route")),
            _NO_KEY_KINDS),
    },
}


# ---------------------------------------------------------------------------------- the suites

@cache
def all_tests() -> tuple:
    return tuple(SuiteBuilder().build(str(SUITES)).all_tests)


def name_of(test) -> str:
    return f"{Path(test.source).relative_to(SUITES).as_posix()}::{test.name}"


def tags_of(test) -> set[str]:
    return {str(tag) for tag in test.tags}


def documented_tags() -> dict[str, str]:
    docs = {}
    for line in ARGUMENT_FILE.read_text(encoding="utf-8").splitlines():
        if line.startswith("--tagdoc "):
            tag, _, doc = line[len("--tagdoc "):].partition(":")
            docs[tag] = doc
    return docs


def test_every_test_has_exactly_one_area_tag() -> None:
    wrong = {name_of(test): sorted(tags_of(test) & AREAS) for test in all_tests() if len(tags_of(test) & AREAS) != 1}
    assert not wrong, f"Tests without exactly one area tag: {wrong}"


def test_critical_is_the_gate_of_a_minority() -> None:
    critical = [test for test in all_tests() if "critical" in tags_of(test)]
    assert critical, "No test is critical: the deployment gate selects nothing"
    assert len(critical) <= CRITICAL_SHARE * len(all_tests()), (
        f"{len(critical)} of {len(all_tests())} tests are critical: more than {CRITICAL_SHARE:.0%} is no gate")


def test_no_matrix_cell_and_no_hardening_test_is_critical() -> None:
    wrong = [name_of(test) for test in all_tests()
             if "critical" in tags_of(test) and tags_of(test) & {MATRIX, "hardening"}]
    assert not wrong, f"Critical, but a matrix cell or hardening: {wrong}"


def test_every_tag_is_documented() -> None:
    docs = documented_tags()
    patterns = [re.compile(re.escape(tag).replace(r"\*", ".*") + "$") for tag in docs if "*" in tag]
    undocumented = sorted({tag for test in all_tests() for tag in tags_of(test)
                           if tag not in docs and not any(p.match(tag) for p in patterns)})
    assert not undocumented, f"Tags without a --tagdoc in {ARGUMENT_FILE.name}: {undocumented}"


# ---------------------------------------------------------------------------------- preconditions

def _norm(name: str) -> str:
    return normalize(name, ignore="_")


@cache
def _user_keywords() -> tuple[dict[str, list], list]:
    """The user keywords of every resource and suite file: by normalized name, and the ones
    with embedded arguments."""
    keywords = []
    for path in sorted(ROOT.glob("resources/**/*.resource")) + sorted(SUITES.glob("**/*.resource")):
        keywords += ResourceFileBuilder().build(path).keywords
    suites = [SuiteBuilder().build(str(SUITES))]
    while suites:
        suite = suites.pop()
        keywords += suite.resource.keywords
        suites += suite.suites
    plain: dict[str, list] = {}
    embedded = []
    for keyword in keywords:
        if keyword.embedded:
            embedded.append(keyword)
        else:
            plain.setdefault(_norm(keyword.name), []).append(keyword)
    return plain, embedded


@cache
def _resolve(name: str) -> list:
    plain, embedded = _user_keywords()
    for candidate in (name, name.split(".", 1)[-1]):
        if _norm(candidate) in plain:
            return plain[_norm(candidate)]
    return [keyword for keyword in embedded if keyword.matches(name)]


SOURCE_NAMES = frozenset(_norm(name) for names in PRECONDITION_KEYWORDS.values() for name in names)


def _known_name(value: object) -> bool:
    return isinstance(value, str) and bool(value) and (_norm(value) in SOURCE_NAMES or bool(_resolve(value)))


def _fixtures(owner) -> list:
    return [fixture for fixture in (getattr(owner, "setup", None), getattr(owner, "teardown", None))
            if fixture and fixture.name]


def _calls(body: Iterable) -> Iterator[str]:
    """The names of the keywords the body calls, at any depth of IF, FOR, TRY and the like, and
    the arguments that name a keyword (``Run As Set-up Step    …    Get Service Token``)."""
    for item in body:
        if getattr(item, "type", None) in ("KEYWORD", "SETUP", "TEARDOWN"):
            if item.name:
                yield item.name
                yield from (arg for arg in item.args if _known_name(arg))
            continue
        if getattr(item, "body", None) is not None:
            yield from _calls(item.body)


@cache
def _callees(name: str) -> tuple[str, ...]:
    return tuple(callee for keyword in _resolve(name) for callee in _calls([*keyword.body, *_fixtures(keyword)]))


def _reached(names: Iterable[str]) -> set[str]:
    """The normalized names of the keywords called, directly or not, from ``names``."""
    seen: set[str] = set()
    todo = list(names)
    while todo:
        name = todo.pop()
        if _norm(name) not in seen:
            seen.add(_norm(name))
            todo += _callees(name)
    return seen


def keywords_reached(test) -> set[str]:
    """The normalized names of every keyword the test may call."""
    names = list(_calls([*test.body, *_fixtures(test)]))
    suite = test.parent
    while suite is not None:
        names += _calls(_fixtures(suite))
        suite = suite.parent
    return _reached(names)


@cache
def preconditions_reached() -> dict[str, set[str]]:
    """By test: the precondition tags whose keywords the test may reach."""
    result = {}
    for test in all_tests():
        reached = keywords_reached(test)
        result[name_of(test)] = {tag for tag, keywords in PRECONDITION_KEYWORDS.items()
                                 if any(_norm(keyword) in reached for keyword in keywords)}
    return result


def test_every_precondition_keyword_is_still_reached() -> None:
    """A renamed or moved keyword would silently empty the check below."""
    reached = set().union(*(keywords_reached(test) for test in all_tests()))
    missing = [name for names in PRECONDITION_KEYWORDS.values() for name in names if _norm(name) not in reached]
    assert not missing, f"No test reaches {missing} any more: update PRECONDITION_KEYWORDS"


@pytest.mark.parametrize("tag", sorted(PRECONDITION_KEYWORDS))
def test_precondition_tags_are_on_the_tests_that_can_skip_for_them(tag: str) -> None:
    reaching = {name for name, tags in preconditions_reached().items() if tag in tags}
    tagged = {name_of(test) for test in all_tests() if tag in tags_of(test)}
    exempt = set(REACHES_BUT_NEVER_NEEDS.get(tag, {}))
    assert not tagged - reaching, f"Tagged {tag} but never reach {PRECONDITION_KEYWORDS[tag]}: {sorted(tagged - reaching)}"
    assert not exempt & tagged, f"Both tagged {tag} and listed as never needing it: {sorted(exempt & tagged)}"
    assert not exempt - reaching, f"Listed as reaching {tag}'s keywords, but do not (any more): {sorted(exempt - reaching)}"
    untagged = reaching - tagged - exempt
    assert not untagged, (f"May skip for want of {tag} but are not tagged (tag them, or list them in "
                          f"REACHES_BUT_NEVER_NEEDS with the reason): {sorted(untagged)}")
