"""The quick benchmark (benchmarks/run.py --quick) keeps the budgets' shape in CI.

It builds journals of 200 and 2,000 entries and runs each size-independent command on both as a
real process, interleaved with the stack floor (`python -c "import typer, rich.table, sqlite3,
yaml"`), whose CPU time each command must stay within a stated multiple of. A command whose
SQLite work or time grows with the journal (a query that became a full scan, a Python loop over
every entry) fails here long before anyone notices at 100,000.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parent.parent
SIZE_INDEPENDENT_COMMANDS = ("list", "show", "search", "run", "note")

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def quick_benchmark(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    folder = tmp_path_factory.mktemp("quick-benchmark")
    report = folder / "quick.json"
    completed = subprocess.run(
        [
            sys.executable,
            str(ROOT / "benchmarks" / "run.py"),
            "--quick",
            "--work",
            str(folder / "work"),
            "--json",
            str(report),
        ],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert report.exists(), completed.stderr[-2000:]
    return json.loads(report.read_text(encoding="utf-8"))


def checks_about(report: dict[str, Any], command: str) -> list[dict[str, Any]]:
    return [check for check in report["checks"] if check["budget"].startswith(f"`{command}`")]


def test_help_starts_fast(quick_benchmark):
    checks = checks_about(quick_benchmark, "reflect --help")
    assert any("stack floor" in check["budget"] for check in checks), checks
    failed = [check for check in checks if not check["passed"]]
    assert not failed, failed


@pytest.mark.parametrize("command", SIZE_INDEPENDENT_COMMANDS)
def test_command_stays_near_the_stack_floor(quick_benchmark, command):
    """CPU time against `python -c "import typer, rich.table, sqlite3, yaml"` measured in the
    same rounds (issue 18): importing pydantic, sqlmodel or every command on a path that touches
    one entry makes it fail, whatever the load on the machine."""
    (check,) = [c for c in checks_about(quick_benchmark, command) if "stack floor" in c["budget"]]
    assert check["passed"], check


@pytest.mark.parametrize("command", SIZE_INDEPENDENT_COMMANDS)
def test_command_does_the_same_work_at_ten_times_the_entries(quick_benchmark, command):
    checks = checks_about(quick_benchmark, command)
    assert any("SQLite steps" in check["budget"] for check in checks), checks
    failed = [check for check in checks if not check["passed"]]
    assert not failed, failed


def test_results_were_made_by_the_command_the_readme_shows():
    results = (ROOT / "benchmarks" / "RESULTS.md").read_text(encoding="utf-8")
    command = results.split("Produced by `", 1)[1].split("`", 1)[0]
    assert command in (ROOT / "README.md").read_text(encoding="utf-8")
