"""Where a command's CPU time goes above the stack floor, phase by phase, in one process.

    .venv/bin/python benchmarks/generate.py --entries 1000 --out /tmp/j1k --no-jrnl
    .venv/bin/python benchmarks/phases.py --home /tmp/j1k/reflect --rounds 3

Each round is a fresh interpreter (imports are what is measured), timed with
time.process_time() around: the stack floor's imports, reflect.cli.app (which every command
imports), then for `trends` its module, the work and the rendering, and for `run --answers`
the pack machinery (pydantic, the pack models), loading a built-in pack and its reference.
Byte-compile first (`python -m compileall -q reflect`) when PYTHONDONTWRITEBYTECODE is set.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
from pathlib import Path

TRENDS = """
import io, time
from dataclasses import replace
T = time.process_time
t0 = T()
import typer, rich.table, sqlite3, yaml
t1 = T()
import reflect.cli.app
t2 = T()
import reflect.cli.trends
t3 = T()
from reflect.core.access import open_journal
from reflect.core.filters import FilterOptions, filter_from_options
from reflect.core.trends import TrendQuery, compute_trends, recent_since
from reflect.model import DateRange
from reflect.paths import data_paths
database = open_journal(data_paths())
entries = filter_from_options(database, FilterOptions(None, None, None, None, False), drafts=False)
start = recent_since(database, "week", until=entries.until)
entries = replace(entries, dates=DateRange(start, entries.until))
report = compute_trends(database, TrendQuery(entries=entries, by="week", dimensions=()))
t4 = T()
from rich.console import Console
from reflect.render.trends import render_trends
render_trends(report, Console(file=io.StringIO(), width=100))
t5 = T()
print(f"trends  floor {1000 * (t1 - t0):4.0f}  cli.app {1000 * (t2 - t1):3.0f}  "
      f"cli.trends {1000 * (t3 - t2):3.0f}  work {1000 * (t4 - t3):3.0f}  "
      f"render {1000 * (t5 - t4):3.0f}  (ms of CPU)")
"""

RUN = """
import time
T = time.process_time
t0 = T()
import typer, rich.table, sqlite3, yaml
t1 = T()
import reflect.cli.app
t2 = T()
import pydantic
from pydantic import BaseModel, ConfigDict, Field, Strict, field_validator, model_validator
import pydantic_core
t3 = T()
import reflect.packs.schema
t4 = T()
import reflect.cli.run
from reflect.packs.catalog import find_pack
t5 = T()
find_pack("checkin").reference()
t6 = T()
print(f"run     floor {1000 * (t1 - t0):4.0f}  cli.app {1000 * (t2 - t1):3.0f}  "
      f"pydantic {1000 * (t3 - t2):3.0f}  pack models {1000 * (t4 - t3):3.0f}  "
      f"cli.run+catalog {1000 * (t5 - t4):3.0f}  load {1000 * (t6 - t5):3.0f}  (ms of CPU)")
"""


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--home", type=Path, required=True, help="a REFLECT_HOME with a journal")
    parser.add_argument("--rounds", type=int, default=3, help="fresh interpreters per command")
    args = parser.parse_args()
    environment = {**os.environ, "REFLECT_HOME": str(args.home), "TZ": "UTC", "NO_COLOR": "1"}
    for _ in range(args.rounds):
        for script in (TRENDS, RUN):
            subprocess.run([sys.executable, "-c", script], env=environment, check=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
