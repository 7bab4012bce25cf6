"""Make a clean copy of the checkout for one mutmut target, with that target's test selection.

    python tests/mutation/prepare.py store-trends /tmp/reflect-mut-store
    python tests/mutation/prepare.py export /tmp/reflect-mut-export

The copy is `git archive HEAD` (so editing the tree meanwhile cannot leak into a run), and its
pyproject.toml's `[tool.mutmut]` gets the target's `only_mutate` and
`pytest_add_cli_args_test_selection` from TARGETS below. mutmut runs, for each mutant, only the
selected tests that call the mutated function; the smaller, relevant selection is what makes a
complete run fit in an hour or so on two cores (a mutant of `connect` runs the store and trends
tests, about 30 s, instead of most of the suite). Then, in the copy:

    nice -n 19 mutmut run --max-children 2 "reflect.store*" "reflect.core.trends*"
    python tests/mutation/summarise.py "reflect.store*" "reflect.core.trends*" --diffs
"""

from __future__ import annotations

import io
import re
import subprocess
import sys
import tarfile
from pathlib import Path

TARGETS: dict[str, dict[str, list[str]]] = {
    "store-trends": {
        "only_mutate": ["reflect/store/*", "reflect/core/trends.py"],
        # Not test_old_journal_history.py: its fixture builds a journal of the oldest schema and
        # upgrades it (7 s a test, a setup mutmut's time estimate leaves out), and nearly every
        # mutant of core/trends.py would run it; tests/store covers the migrations.
        "pytest_add_cli_args_test_selection": [
            "tests/store",
            "tests/trends",
            "--ignore=tests/trends/test_old_journal_history.py",
        ],
    },
    # Second pass for store/ and core/trends.py: the functions no test of tests/store or
    # tests/trends calls (the sync records, export's and the CLI's look-ups), run by name with
    # the tests that do call them (`summarise.py --untested` in the first pass's copy names them).
    "store-rest": {
        "only_mutate": ["reflect/store/*", "reflect/core/trends.py"],
        # Not tests/sync/test_sync_killed.py: it kills separate processes (which never run a
        # mutant) at random moments and counts where they landed, a timing a loaded machine
        # and mutmut's tracing upset.
        "pytest_add_cli_args_test_selection": [
            "tests/sync/test_sync_captures.py",
            "tests/sync/test_sync_converges.py",
            "tests/sync/test_sync_folder.py",
            "tests/journal",
            "tests/exchange",
            "tests/cli",
        ],
    },
    "export": {
        "only_mutate": ["reflect/core/export.py", "reflect/render/export/*"],
        # The export tests of tests/exchange (not its import tests: they export only to look at
        # what an import did) and tests/export. Headless Chromium takes seconds a test but is
        # the only look at the HTML chart as drawn.
        "pytest_add_cli_args_test_selection": [
            "tests/exchange/test_export_brief.py",
            "tests/exchange/test_export_chart.py",
            "tests/exchange/test_export_scores_only.py",
            "tests/exchange/test_formats.py",
            "tests/exchange/test_html_in_chromium.py",
            "tests/exchange/test_json_round_trip.py",
            "tests/exchange/test_json_written_by_sqlite.py",
            "tests/exchange/test_markdown_export.py",
            "tests/exchange/test_markdown_rows.py",
            "tests/exchange/test_pdf_as_a_reader_sees_it.py",
            "tests/exchange/test_pdf_export.py",
            "tests/export",
        ],
    },
}


def toml_list(values: list[str]) -> str:
    return "[" + ", ".join(f'"{value}"' for value in values) + "]"


def configure(pyproject: str, settings: dict[str, list[str]]) -> str:
    start = pyproject.index("[tool.mutmut]")
    end = pyproject.index("\n[", start + 1)
    section = pyproject[start:end]
    for key, values in settings.items():
        # The key's whole value: a list that may span lines, up to its closing bracket.
        section, count = re.subn(
            rf"^{key} = \[.*?\]", f"{key} = {toml_list(values)}", section, flags=re.S | re.M
        )
        if count != 1:
            raise SystemExit(f"[tool.mutmut] has no single {key} to replace")
    return pyproject[:start] + section + pyproject[end:]


def main() -> None:
    if len(sys.argv) != 3 or sys.argv[1] not in TARGETS:
        raise SystemExit(f"usage: prepare.py {{{','.join(TARGETS)}}} DESTINATION")
    target, destination = sys.argv[1], Path(sys.argv[2])
    if destination.exists():
        raise SystemExit(f"{destination} exists; remove it first")
    archive = subprocess.run(["git", "archive", "HEAD"], check=True, capture_output=True).stdout
    destination.mkdir(parents=True)
    with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
        tar.extractall(destination, filter="data")
    pyproject = destination / "pyproject.toml"
    pyproject.write_text(configure(pyproject.read_text(), TARGETS[target]))
    print(f"{destination}: {target}, tests {TARGETS[target]['pytest_add_cli_args_test_selection']}")


if __name__ == "__main__":
    main()
