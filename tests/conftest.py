"""Shared fixtures. Every test runs with REFLECT_HOME in its own temp folder: no test can touch
the real user folder."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

ISOLATED_VARIABLES = (
    "REFLECT_DB",
    "REFLECT_PASSPHRASE",
    "REFLECT_DEBUG",
    "REFLECT_COLOUR",
    "EDITOR",
    "VISUAL",
)


@pytest.fixture(autouse=True)
def reflect_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """Point REFLECT_HOME at a fresh temp folder for every test."""
    home = tmp_path / "reflect-home"
    monkeypatch.setenv("REFLECT_HOME", str(home))
    for name in ISOLATED_VARIABLES:
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.setenv("TZ", os.environ.get("REFLECT_TEST_TZ", "UTC"))
    # keyring must never reach a real OS keychain from a test
    monkeypatch.setenv("PYTHON_KEYRING_BACKEND", "keyring.backends.fail.Keyring")
    from reflect.render import console

    console.stdout_console.cache_clear()
    console.stderr_console.cache_clear()
    yield home
    console.stdout_console.cache_clear()
    console.stderr_console.cache_clear()


@dataclass
class Outcome:
    exit_code: int
    stdout: str
    stderr: str

    @property
    def output(self) -> str:
        return self.stdout + self.stderr


@pytest.fixture
def cli() -> Callable[..., Outcome]:
    """Run `reflect ARGS` in-process through Typer's CliRunner."""
    from typer.testing import CliRunner

    from reflect.cli.app import app

    def invoke(*args: str, input: str | bytes | None = None, env: dict[str, str] | None = None):
        result = CliRunner().invoke(app, list(args), input=input, env=env, catch_exceptions=False)
        return Outcome(result.exit_code, result.stdout, result.stderr)

    return invoke


def reflect_command() -> list[str]:
    """How to start reflect as a separate process (the installed console script if present)."""
    script = Path(sys.executable).parent / "reflect"
    return [str(script)] if script.exists() else [sys.executable, "-m", "reflect"]


@pytest.fixture
def run_reflect() -> Callable[..., Outcome]:
    """Run `reflect ARGS` as a real process, with no TTY, in the test's REFLECT_HOME."""

    def run(
        *args: str,
        input: str | bytes | None = None,
        env: dict[str, str] | None = None,
        timeout: float = 60,
        cwd: Path | None = None,
    ) -> Outcome:
        environment = dict(os.environ)
        environment.update(env or {})
        data = input.encode() if isinstance(input, str) else input
        completed = subprocess.run(
            [*reflect_command(), *args],
            input=data,
            stdin=None if data is not None else subprocess.DEVNULL,
            capture_output=True,
            env=environment,
            timeout=timeout,
            cwd=cwd,
            check=False,
        )
        return Outcome(
            completed.returncode,
            completed.stdout.decode("utf-8", "replace"),
            completed.stderr.decode("utf-8", "replace"),
        )

    return run


def require_tool(name: str) -> str:
    """A system tool a test needs: skipped locally if missing, but a failure in CI (CI=true)."""
    path = shutil.which(name)
    if path:
        return path
    if os.environ.get("CI"):
        pytest.fail(f"{name} is required in CI (.ci/run installs it)")
    pytest.skip(f"{name} is not installed")
    raise AssertionError("unreachable")


@pytest.fixture
def journal(reflect_home: Path):
    """An open journal database in the test's REFLECT_HOME."""
    from reflect.core.access import open_journal

    database = open_journal()
    yield database
    database.close()
