"""The pure parts of the run hygiene check: comparing runs and counts, judging stop messages,
the killed run's timing rules, and the shared secret search on hashes."""

from datetime import datetime, timedelta


from tools.checks import hygiene

import secret_scan

KILLED = datetime(2025, 1, 1, 12, 0, 0)


def test_equal_verdicts_give_no_difference() -> None:
    assert hygiene.verdict_differences({"A.x": "PASS", "A.y": "SKIP"}, {"A.y": "SKIP", "A.x": "PASS"}) == []


def test_changed_and_missing_verdicts_are_named() -> None:
    differences = hygiene.verdict_differences({"A.x": "PASS", "A.y": "PASS"}, {"A.x": "FAIL", "A.z": "PASS"})
    assert differences == ["A.x: PASS / FAIL", "A.y: PASS / not run", "A.z: not run / PASS"]


def test_count_differences_name_what_changed() -> None:
    before = {"users": 2, "roles": 2, "scopes": 12}
    assert hygiene.count_differences(before, dict(before)) == []
    assert hygiene.count_differences(before, {**before, "users": 3}) == ["users: 2 → 3"]


def test_other_sessions_leave_out_the_configured_accounts() -> None:
    assert hygiene.others_active_sessions(9, [6, 3]) == 0
    assert hygiene.others_active_sessions(10, [6, 3]) == 1


def test_one_clear_line_passes_a_single_message() -> None:
    message = "Permiso does not answer at http://127.0.0.1:9/health: connection refused\n"
    assert hygiene.one_clear_line(message, "does not answer at http://127.0.0.1:9") == []


def test_one_clear_line_refuses_tracebacks_and_chatter() -> None:
    text = "Traceback (most recent call last):\n  File x\nConnectionError: boom\n"
    problems = hygiene.one_clear_line(text, "does not answer")
    assert any("3 lines" in problem for problem in problems)
    assert any("no 'does not answer'" in problem for problem in problems)
    assert "a Python traceback" in problems


def _test(name: str, after: float, seconds: float, status: str = "FAIL",
          message: str = "Permiso does not answer at http://x/health: connection refused") -> hygiene.TestTiming:
    return hygiene.TestTiming(name, KILLED + timedelta(seconds=after), seconds, status, message)


def test_a_killed_run_that_fails_fast_and_clearly_has_no_problem() -> None:
    tests = [_test("before", -5, 9.0, "PASS", ""), _test("a", 1, 3.0),
             _test("b", 4, 0.1, "SKIP", "needs Docker"), _test("c", 5, 2.0)]
    assert hygiene.killed_run_problems(tests, KILLED, 30) == []


def test_a_slow_or_unclear_failure_after_the_kill_is_a_problem() -> None:
    tests = [_test("slow", 1, 31.0), _test("unclear", 2, 1.0, message="KeyError: 'access_token'")]
    problems = hygiene.killed_run_problems(tests, KILLED, 30)
    assert problems == ["slow took 31.0 s (> 30 s)",
                        "unclear failed without 'does not answer': KeyError: 'access_token'"]


def test_a_failure_that_says_the_target_does_not_answer_is_fine() -> None:
    message = "Permiso does not answer at http://x/health: connection refused"
    assert hygiene.killed_run_problems([_test("perf", 1, 1.0, message=message)], KILLED, 30) == []


def test_passed_tests_are_counted_from_the_console() -> None:
    console = "Login Works :: x                  | PASS |\nOther | FAIL |\nThird test   | PASS |  \n"
    assert hygiene.passed_tests_in(console) == 2


def test_the_default_subset_unless_a_selection_is_given() -> None:
    assert hygiene.selected_options([]) == hygiene.SUBSET
    assert hygiene.selected_options(["--include", "users"]) == ["--include", "users"]


def test_the_secret_search_finds_password_hashes() -> None:
    argon = "$argon2id$v=19$m=8192,t=1,p=4$c2FsdHNhbHRzYWx0$aGFzaGhhc2hoYXNoaGFzaGhhc2hoYXNo"
    bcrypt = "$2b$12$" + "a" * 53
    leaks = secret_scan.find_leaks({"log": f'"client_secret": "{argon}" and {bcrypt}'}, {})
    assert [leak.split(" $")[0] for leak in leaks] == ["log: argon2 hash", "log: bcrypt hash"]
    assert secret_scan.find_leaks({"log": '"client_secret": "***"'}, {}) == []


def test_the_secret_search_finds_known_secrets_in_their_encodings() -> None:
    leaks = secret_scan.find_leaks({"output.xml": "password=Adm%21n%26Pass"}, {"ADMIN": "Adm!n&Pass"})
    assert leaks == ["output.xml: ADMIN (URL-encoded)"]
