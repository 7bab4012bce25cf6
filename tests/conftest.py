"""Shared fixtures. Every test runs with REFLECT_HOME in its own temp folder: no test can touch
the real user folder."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import sysconfig
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
INSTALL_HINT = "Install the checkout editable: .venv/bin/pip install -e '.[test]'"


def checkout_mismatch(imported_from: str | Path, root: Path) -> str | None:
    """Why `reflect` imported from imported_from is not the code of the checkout at root."""
    expected = (root / "reflect" / "__init__.py").resolve()
    found = Path(imported_from).resolve()
    if found == expected:
        return None
    return f"`reflect` is imported from {found.parent}, not from this checkout ({expected.parent})"


def _reflect_a_process_imports() -> str:
    """Where a separate process of the test environment (as the console script and every
    subprocess test start it) imports reflect from: run outside the checkout, so the working
    folder cannot put the source on sys.path by accident."""
    completed = subprocess.run(
        [sys.executable, "-c", "import reflect; print(reflect.__file__)"],
        cwd=Path(sys.executable).parent,
        env={**os.environ, "PYTHONSAFEPATH": "1"},
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    return completed.stdout.strip() or completed.stderr.strip().splitlines()[-1]


def pytest_sessionstart(session: pytest.Session) -> None:
    """Refuse to run against any code but this checkout's: a stale installed copy would test
    yesterday's code and give a green run for today's edit."""
    import reflect

    problems = [checkout_mismatch(reflect.__file__ or "", ROOT)]
    # mutmut runs the suite in a copy of the checkout (mutants/) whose mutations live in this
    # process; a subprocess cannot see them either way, so only the in-process check applies.
    if "MUTANT_UNDER_TEST" not in os.environ:
        mismatch = checkout_mismatch(_reflect_a_process_imports(), ROOT)
        problems.append(mismatch and f"in a separate process, {mismatch}")
    found = [problem for problem in problems if problem]
    if found:
        raise pytest.UsageError("; ".join(found) + f". {INSTALL_HINT}")


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


@pytest.fixture
def frozen_clock(monkeypatch: pytest.MonkeyPatch) -> Callable[[datetime], datetime]:
    """freeze(moment): from then on reflect's one clock (reflect.clock) says it is `moment`
    (a naive moment is local time), so a test and the program agree on "today" even when the
    test runs across midnight. Returns the moment, aware."""
    from reflect import clock

    def freeze(moment: datetime) -> datetime:
        aware = moment.astimezone()
        monkeypatch.setattr(clock, "utc_now", lambda: aware.astimezone(UTC))
        return aware

    return freeze


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
    from reflect.cli.access import open_journal

    database = open_journal()
    yield database
    database.close()


@dataclass
class InstalledReflect:
    """reflect installed from a wheel into a fresh virtualenv."""

    venv: Path

    @property
    def python(self) -> Path:
        return self.venv / "bin" / "python"

    def run(self, cwd: Path, home: Path, *args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [str(self.venv / "bin" / "reflect"), *args],
            cwd=cwd,
            env={**os.environ, "REFLECT_HOME": str(home)},
            capture_output=True,
            text=True,
            stdin=subprocess.DEVNULL,
            timeout=60,
            check=False,
        )


@pytest.fixture(scope="session")
def installed_reflect(tmp_path_factory: pytest.TempPathFactory) -> InstalledReflect:
    """A wheel built from this checkout, installed (not editable) into a fresh virtualenv.

    Built and installed offline; third-party dependencies are borrowed from the test environment
    through a .pth path line, which sys.path puts AFTER the new venv's own site-packages, so
    `import reflect` can only find the freshly installed copy.
    """
    work = tmp_path_factory.mktemp("install")
    wheels = work / "wheels"
    pip_wheel = [sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps"]
    subprocess.run(
        [*pip_wheel, "--no-build-isolation", "--wheel-dir", str(wheels), str(ROOT)],
        check=True,
        capture_output=True,
    )
    venv = work / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True, capture_output=True)
    installed = InstalledReflect(venv)
    site = subprocess.run(
        [str(installed.python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout.strip()
    wheel = next(wheels.glob("*.whl"))
    pip_install = [str(installed.python), "-m", "pip", "install", "--quiet", "--no-deps"]
    subprocess.run([*pip_install, "--no-index", str(wheel)], check=True, capture_output=True)
    # Only now borrow the dependencies: had pip seen the test environment's own copy of
    # reflect, it would have called the wheel "already installed" and skipped it.
    borrowed = sysconfig.get_paths()["purelib"]
    Path(site, "borrowed_dependencies.pth").write_text(borrowed + "\n", encoding="utf-8")
    return installed


@pytest.fixture
def memory_keyring() -> Iterator[dict[tuple[str, str], str]]:
    """A keyring backend keeping secrets in a dict, standing in for the OS keyring: tests never
    reach a real keychain (used by the passphrase, sync and no-network tests)."""
    import keyring
    from keyring.backend import KeyringBackend
    from keyring.errors import PasswordDeleteError

    secrets: dict[tuple[str, str], str] = {}

    class Backend(KeyringBackend):
        priority = 1  # type: ignore[assignment]

        def get_password(self, service: str, username: str) -> str | None:
            return secrets.get((service, username))

        def set_password(self, service: str, username: str, password: str) -> None:
            secrets[(service, username)] = password

        def delete_password(self, service: str, username: str) -> None:
            if secrets.pop((service, username), None) is None:
                raise PasswordDeleteError(username)

    previous = keyring.get_keyring()
    keyring.set_keyring(Backend())
    yield secrets
    keyring.set_keyring(previous)
