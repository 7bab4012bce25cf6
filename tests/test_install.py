"""A normal (non-editable) install works from any directory and ships the built-in packs."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
import sysconfig
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def installed_venv(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A fresh virtualenv with reflect installed from a wheel built from this checkout.

    The wheel is built and installed offline; third-party dependencies are borrowed from the
    test environment through a .pth path line, which sys.path puts AFTER the new venv's own
    site-packages, so `import reflect` can only find the freshly installed copy.
    """
    work = tmp_path_factory.mktemp("install")
    wheels = work / "wheels"
    subprocess.run(
        [
            *(sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "--no-build-isolation"),
            *("--wheel-dir", str(wheels), str(ROOT)),
        ],
        check=True,
        capture_output=True,
    )
    venv = work / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True, capture_output=True)
    python = venv / "bin" / "python"
    site = subprocess.run(
        [str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout.strip()
    borrowed = sysconfig.get_paths()["purelib"]
    Path(site, "borrowed_dependencies.pth").write_text(borrowed + "\n", encoding="utf-8")
    wheel = next(wheels.glob("*.whl"))
    subprocess.run(
        [str(python), "-m", "pip", "install", "--quiet", "--no-deps", "--no-index", str(wheel)],
        check=True,
        capture_output=True,
    )
    return venv


def run_installed(venv: Path, cwd: Path, home: Path, *args: str) -> subprocess.CompletedProcess:
    environment = {**os.environ, "REFLECT_HOME": str(home)}
    return subprocess.run(
        [str(venv / "bin" / "reflect"), *args],
        cwd=cwd,
        env=environment,
        capture_output=True,
        text=True,
        stdin=subprocess.DEVNULL,
        timeout=60,
        check=False,
    )


@pytest.mark.slow
def test_installed_reflect_runs_from_another_directory(installed_venv, tmp_path):
    home = tmp_path / "data"
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    for args in (["--version"], ["--help"], ["db", "path"]):
        completed = run_installed(installed_venv, elsewhere, home, *args)
        assert completed.returncode == 0, completed.stderr
    imported_from = subprocess.run(
        [str(installed_venv / "bin" / "python"), "-c", "import reflect; print(reflect.__file__)"],
        cwd=elsewhere,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert str(installed_venv) in imported_from
    assert stat.S_IMODE(home.stat().st_mode) == 0o700
    assert stat.S_IMODE((home / "journal.db").stat().st_mode) == 0o600


@pytest.mark.slow
def test_installed_wheel_ships_the_built_in_packs(installed_venv, tmp_path):
    shipped = sorted(
        p.name for p in installed_venv.glob("lib/python*/site-packages/reflect/prompts/*.yaml")
    )
    in_checkout = sorted(p.name for p in (ROOT / "prompts").glob("*.yaml"))
    assert in_checkout, "the checkout has no built-in packs"
    assert shipped == in_checkout
    completed = run_installed(
        installed_venv, tmp_path, tmp_path / "data", "packs", "list", "--json"
    )
    assert completed.returncode == 0, completed.stderr
    for name in in_checkout:
        assert Path(name).stem in completed.stdout
