"""Every file of the shared invalid-YAML corpus ends in one clear, located message: exit 1,
the file named (with the line where the parser knows it), no traceback, nothing stored."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
CORPUS = ROOT.parent / "shared" / "corpora" / "yaml-invalid"
EXPECTED_FILES = 94


def corpus_files() -> list[Path]:
    if not CORPUS.is_dir():
        if os.environ.get("CI"):
            return [CORPUS / "missing-corpus"]  # fails below, loudly, instead of skipping
        return []
    return sorted(CORPUS.glob("*.yaml"))


def test_the_corpus_is_complete():
    if not CORPUS.is_dir() and not os.environ.get("CI"):
        pytest.skip(f"{CORPUS} is not here (CI clones shared/ beside the repository)")
    assert len(corpus_files()) == EXPECTED_FILES


@pytest.mark.parametrize("path", corpus_files(), ids=lambda path: path.name)
def test_validate_rejects_the_file_with_a_located_message(cli, path, reflect_home):
    assert path.is_file(), f"the invalid-YAML corpus is missing: {CORPUS}"
    outcome = cli("packs", "validate", str(path))
    assert outcome.exit_code == 1
    assert outcome.stdout == ""
    assert "Traceback" not in outcome.stderr
    problems = [line for line in outcome.stderr.splitlines() if line.startswith(str(path))]
    assert problems, outcome.stderr
    # Every one of these files has a position the parser or validator knows.
    assert all(re.match(rf"{re.escape(str(path))}:\d+:\d+: \S", line) for line in problems)
    assert outcome.stderr.splitlines()[-1] == "1 of 1 file has problems."
    assert not reflect_home.exists()  # validating never creates or touches the journal


def test_the_whole_corpus_in_one_real_process(run_reflect):
    files = corpus_files()
    if not files:
        pytest.skip(f"{CORPUS} is not here (CI clones shared/ beside the repository)")
    outcome = run_reflect("packs", "validate", *map(str, files))
    assert outcome.exit_code == 1
    assert "Traceback" not in outcome.stderr
    for path in files:
        assert f"{path}:" in outcome.stderr
    counted = "file has" if len(files) == 1 else "files have"
    assert f"{len(files)} of {len(files)} {counted} problems." in outcome.stderr
