"""The small things of issue #12, item 11: counts in the singular, a boolean is no version, an
empty jrnl export is an export, and a huge number in a pack is described in reflect's words."""

from __future__ import annotations

import json
from pathlib import Path


def test_one_entry_is_counted_in_the_singular(run_reflect, tmp_path):
    assert run_reflect("note", "the only note").exit_code == 0

    backup = run_reflect("db", "backup", str(tmp_path / "copy.db"))
    check = run_reflect("db", "check")

    assert backup.exit_code == 0 and "Backed up 1 entry " in backup.stderr, backup.stderr
    assert check.exit_code == 0 and "(1 entry)" in check.stdout, check.stdout
    assert "1 entries" not in backup.output + check.output


def test_version_true_is_not_version_1(run_reflect, reflect_home, tmp_path):
    path = tmp_path / "export.json"
    path.write_text(json.dumps({"format": "reflect-journal", "version": True, "entries": []}))

    outcome = run_reflect("import", str(path))

    assert outcome.exit_code == 1
    assert "version True" in outcome.stderr, outcome.stderr
    control = tmp_path / "control.json"
    control.write_text(json.dumps({"format": "reflect-journal", "version": 1, "entries": []}))
    assert run_reflect("import", str(control)).exit_code == 0


def test_an_empty_jrnl_export_imports_nothing_and_succeeds(run_reflect, tmp_path):
    path = tmp_path / "jrnl.json"
    path.write_text(json.dumps({"tags": {}, "entries": []}))

    outcome = run_reflect("import", str(path), "--from", "jrnl")

    assert outcome.exit_code == 0, outcome.stderr
    assert "Traceback" not in outcome.stderr


def test_a_five_thousand_digit_number_in_a_pack_is_described_in_reflects_words(
    run_reflect, reflect_home: Path, tmp_path
):
    assert run_reflect("packs", "new", "mine").exit_code == 0
    pack = reflect_home / "packs" / "mine.yaml"
    text = pack.read_text(encoding="utf-8").replace("max: 10", "max: " + "9" * 5000, 1)
    pack.write_text(text, encoding="utf-8")

    outcome = run_reflect("packs", "validate", str(pack))

    assert outcome.exit_code == 1
    assert "int_max_str_digits" not in outcome.output and "sys.set_" not in outcome.output
    assert "more than 4300 digits" in outcome.stderr, outcome.stderr
