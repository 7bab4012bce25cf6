"""Fixtures for the resilience suite: real child processes on real files, no mocks."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from resilience_support import Limits, ProcessResult, run_limited

WRITER = Path(__file__).with_name("journal_writer.py")


@pytest.fixture
def start_writer() -> Iterator[Callable[..., subprocess.Popen[str]]]:
    """Start journal_writer.py on the test's journal; every writer is reaped at the end."""
    started: list[subprocess.Popen[str]] = []

    def start(*arguments: str) -> subprocess.Popen[str]:
        process = subprocess.Popen(
            [sys.executable, str(WRITER), *arguments],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env=dict(os.environ),
        )
        started.append(process)
        return process

    yield start
    for process in started:
        if process.poll() is None:
            process.kill()
        process.communicate()


@pytest.fixture
def run_reflect_limited(tmp_path: Path) -> Callable[..., ProcessResult]:
    """`reflect ARGS` as a real process under resource limits, measured (time, peak memory)."""

    def run(
        *arguments: str,
        limits: Limits | None = None,
        input: bytes = b"",
        env: dict[str, str] | None = None,
    ) -> ProcessResult:
        return run_limited(
            [sys.executable, "-m", "reflect", *arguments],
            limits=limits or Limits(),
            input=input,
            scratch=tmp_path,
            environment={**os.environ, **(env or {})},
        )

    return run
