"""A normal (non-editable) install works from any directory and ships the built-in packs."""

from __future__ import annotations

import stat
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.slow
def test_installed_reflect_runs_from_another_directory(installed_reflect, tmp_path):
    home = tmp_path / "data"
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    for args in (["--version"], ["--help"], ["db", "path"]):
        completed = installed_reflect.run(elsewhere, home, *args)
        assert completed.returncode == 0, completed.stderr
    imported_from = subprocess.run(
        [str(installed_reflect.python), "-c", "import reflect; print(reflect.__file__)"],
        cwd=elsewhere,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert str(installed_reflect.venv) in imported_from
    assert stat.S_IMODE(home.stat().st_mode) == 0o700
    assert stat.S_IMODE((home / "journal.db").stat().st_mode) == 0o600


@pytest.mark.slow
def test_installed_wheel_ships_the_built_in_packs(installed_reflect, tmp_path):
    site_packages = installed_reflect.venv.glob("lib/python*/site-packages/reflect/prompts/*.yaml")
    shipped = sorted(path.name for path in site_packages)
    in_checkout = sorted(path.name for path in (ROOT / "prompts").glob("*.yaml"))
    assert in_checkout, "the checkout has no built-in packs"
    assert shipped == in_checkout
    # and their parsed documents, which trends and the brief read (reflect/packs/plain.py)
    (index,) = installed_reflect.venv.glob(
        "lib/python*/site-packages/reflect/prompts/_documents.json"
    )
    assert index.read_bytes() == (ROOT / "prompts" / "_documents.json").read_bytes()
