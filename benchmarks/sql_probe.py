"""Run `reflect ARGS` in this process and count the SQLite work it does.

    python benchmarks/sql_probe.py list -n 10

Every sqlite3 connection reflect opens gets a progress handler (called every STEP_GRANULARITY
virtual-machine instructions) and a trace callback (called for every statement). The totals go,
as JSON, to the file named by REFLECT_BENCH_SQL_COUNTS when the process exits.

Unlike wall time, these counts do not depend on how busy the machine is: a size-independent
command does about the same SQLite work at 200 entries and at 2,000, and a query that turned into
a full scan does ten times as much. The quick benchmark (run.py --quick) compares them.
"""

from __future__ import annotations

import atexit
import json
import os
import sqlite3
import sys
from typing import Any

STEP_GRANULARITY = 10
COUNTS = {"vm_steps": 0, "statements": 0}


def _count_steps() -> int:
    COUNTS["vm_steps"] += STEP_GRANULARITY
    return 0  # non-zero would interrupt the statement


def _count_statement(_statement: str) -> None:
    COUNTS["statements"] += 1


def _counting_connect(*args: Any, **kwargs: Any) -> sqlite3.Connection:
    connection = _original_connect(*args, **kwargs)
    connection.set_progress_handler(_count_steps, STEP_GRANULARITY)
    connection.set_trace_callback(_count_statement)
    return connection


def _write_counts() -> None:
    target = os.environ.get("REFLECT_BENCH_SQL_COUNTS")
    if target:
        with open(target, "w", encoding="utf-8") as handle:
            json.dump(COUNTS, handle)


_original_connect = sqlite3.connect

if __name__ == "__main__":
    sqlite3.connect = _counting_connect  # type: ignore[assignment]
    atexit.register(_write_counts)
    from reflect.cli.app import main

    sys.argv = ["reflect", *sys.argv[1:]]
    main()
