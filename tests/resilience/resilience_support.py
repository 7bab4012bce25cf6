"""Running a child process under resource limits and measuring it (imported by name: pytest puts
this folder on sys.path).

Permission tests must hold for root too, since CI runs as root and root ignores permission bits:
there the child drops CAP_DAC_OVERRIDE and CAP_DAC_READ_SEARCH from its capability bounding set
before exec, so it is an ordinary owner who obeys chmod, yet can still run the interpreter.
"""

from __future__ import annotations

import ctypes
import os
import resource
import signal
import time
from dataclasses import dataclass
from pathlib import Path

PR_CAPBSET_DROP = 24
CAP_DAC_OVERRIDE = 1
CAP_DAC_READ_SEARCH = 2
MEBIBYTE = 1024 * 1024


@dataclass(frozen=True)
class Limits:
    file_size: int | None = None  # RLIMIT_FSIZE: largest file the child may write
    memory: int = 2048 * MEBIBYTE  # RLIMIT_AS: a runaway allocation fails instead of swapping
    obey_permissions: bool = False  # as root: lose the power to ignore permission bits
    seconds: float = 60.0


@dataclass(frozen=True)
class ProcessResult:
    exit_code: int
    stdout: str
    stderr: str
    seconds: float
    peak_memory_mb: float


def _limit_child(limits: Limits) -> None:
    """Runs in the child between fork and exec."""
    resource.setrlimit(resource.RLIMIT_AS, (limits.memory, limits.memory))
    if limits.file_size is not None:
        # Without this, writing past the limit kills the child with SIGXFSZ instead of
        # failing the write with EFBIG, which is what a full disk looks like to SQLite.
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (limits.file_size, limits.file_size))
    if limits.obey_permissions and os.geteuid() == 0:
        libc = ctypes.CDLL(None, use_errno=True)
        for capability in (CAP_DAC_OVERRIDE, CAP_DAC_READ_SEARCH):
            if libc.prctl(PR_CAPBSET_DROP, capability, 0, 0, 0) != 0:
                raise OSError(ctypes.get_errno(), "prctl(PR_CAPBSET_DROP) failed")


def run_limited(
    command: list[str],
    *,
    limits: Limits,
    input: bytes,
    scratch: Path,
    environment: dict[str, str] | None = None,
) -> ProcessResult:
    """Run command with input on stdin; stdout and stderr go through files, so the child can be
    reaped with wait4, which reports its own peak memory (ru_maxrss)."""
    scratch.mkdir(parents=True, exist_ok=True)
    stdin_path, stdout_path, stderr_path = (
        scratch / "child.stdin",
        scratch / "child.stdout",
        scratch / "child.stderr",
    )
    stdin_path.write_bytes(input)
    started = time.monotonic()
    with (
        stdin_path.open("rb") as stdin,
        stdout_path.open("wb") as out,
        stderr_path.open("wb") as err,
    ):
        pid = os.fork()
        if pid == 0:  # the child
            try:
                os.dup2(stdin.fileno(), 0)
                os.dup2(out.fileno(), 1)
                os.dup2(err.fileno(), 2)
                _limit_child(limits)
                os.execve(command[0], command, environment or dict(os.environ))
            finally:
                os._exit(127)
    deadline = started + limits.seconds
    while True:
        finished, status, usage = os.wait4(pid, os.WNOHANG)
        if finished:
            break
        if time.monotonic() > deadline:
            os.kill(pid, signal.SIGKILL)
            os.wait4(pid, 0)
            raise TimeoutError(f"{command} ran for more than {limits.seconds} s")
        time.sleep(0.01)
    return ProcessResult(
        exit_code=os.waitstatus_to_exitcode(status),
        stdout=stdout_path.read_text("utf-8", "replace"),
        stderr=stderr_path.read_text("utf-8", "replace"),
        seconds=time.monotonic() - started,
        peak_memory_mb=usage.ru_maxrss / 1024,  # Linux reports kibibytes
    )
