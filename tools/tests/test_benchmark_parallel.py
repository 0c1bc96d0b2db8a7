"""The parallel-run benchmark plans its runs and reads results as documented (no timing here)."""

from pathlib import Path

import pytest


from tools.bench import parallel as benchmark_parallel


def test_plan_runs_pabot_modes_per_process_count_and_the_rest_once() -> None:
    args = benchmark_parallel.parse_args(["--modes", "robot,suite,chunk,default,runner", "--processes", "2,4"])
    assert benchmark_parallel.plan(args) == [
        ("robot", "1"), ("suite", "2"), ("suite", "4"), ("chunk", "2"), ("chunk", "4"),
        ("default", "default"), ("runner", "default"),
    ]


def test_longest_first_brings_the_serial_run_it_needs() -> None:
    args = benchmark_parallel.parse_args(["--modes", "suite-longest-first", "--processes", "3"])
    assert benchmark_parallel.plan(args) == [("robot", "1"), ("suite-longest-first", "3")]


def test_selection_and_bad_arguments() -> None:
    args = benchmark_parallel.parse_args(["--include", "smoke", "--exclude", "slow", "--repeats", "2"])
    assert benchmark_parallel.selection(args) == ["--include", "smoke", "--exclude", "slow", "--exclude", "load"]
    assert args.repeats == 2
    for bad in (["--modes", "robot,fast"], ["--repeats", "0"]):
        with pytest.raises(SystemExit):
            benchmark_parallel.parse_args(bad)


def test_counts_of_a_missing_output_are_zero(tmp_path: Path) -> None:
    assert benchmark_parallel.counts(tmp_path / "output.xml") == (0, 0, 0)


def test_table_shows_speed_up_over_serial_robot(capsys) -> None:
    rows = [
        benchmark_parallel.Row("robot", "1", [20.0], 10, 0),
        benchmark_parallel.Row("suite", "4", [12.0, 10.0, 11.0], 10, 0),
        benchmark_parallel.Row("default", "default", [8.0], 9, 1),
    ]
    benchmark_parallel.show(rows, 4)
    lines = capsys.readouterr().out.splitlines()
    suite = next(line for line in lines if line.startswith("suite"))
    default = next(line for line in lines if line.startswith("default"))
    assert "11.0" in suite and "1.82x" in suite
    assert default.split()[1] == "4" and "2.50x" in default and default.split()[-2:] == ["1", "2.50x"]
