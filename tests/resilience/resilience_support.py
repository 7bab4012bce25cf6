"""Running a child process under resource limits and measuring it (imported by name: pytest puts
this folder on sys.path).

Peak memory comes from GNU time's %M when /usr/bin/time is there (the benchmark uses it too):
a child forked from the pytest process starts with that process's pages, and Linux keeps the
high-water mark across exec, so wait4's ru_maxrss would report the test runner's size (over
200 MB late in the suite) instead of reflect's; the command time forks starts from time's own
few pages.

Permission tests must hold for root too, since CI runs as root and root ignores permission bits:
there the child drops CAP_DAC_OVERRIDE and CAP_DAC_READ_SEARCH from its capability bounding set
before exec, so it is an ordinary owner who obeys chmod, yet can still run the interpreter.
"""

from __future__ import annotations

import ctypes
import os
import re
import resource
import shutil
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
    gnu_time = shutil.which("time", path="/usr/bin:/bin")
    measured_path = scratch / "child.rusage"
    measured_path.unlink(missing_ok=True)
    if gnu_time is not None:
        command = [gnu_time, "-f", "%M", "-o", str(measured_path), *command]
    started = time.monotonic()
    with (
        stdin_path.open("rb") as stdin,
        stdout_path.open("wb") as out,
        stderr_path.open("wb") as err,
    ):
        pid = os.fork()
        if pid == 0:  # the child
            try:
                os.setpgid(0, 0)  # with time's child: one group to stop at the deadline
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
            os.killpg(pid, signal.SIGKILL)
            os.wait4(pid, 0)
            raise TimeoutError(f"{command} ran for more than {limits.seconds} s")
        time.sleep(0.01)
    seconds = time.monotonic() - started
    exit_code = os.waitstatus_to_exitcode(status)
    peak_kib = usage.ru_maxrss  # Linux reports kibibytes
    if gnu_time is not None and measured_path.exists():
        report = measured_path.read_text("utf-8", "replace")
        # time exits with the command's status, or 128 + N when a signal N ended it (and says so).
        killed = re.search(r"Command terminated by signal (\d+)", report)
        if killed:
            exit_code = -int(killed.group(1))
        peak_kib = int(report.split()[-1])
    return ProcessResult(
        exit_code=exit_code,
        stdout=stdout_path.read_text("utf-8", "replace"),
        stderr=stderr_path.read_text("utf-8", "replace"),
        seconds=seconds,
        peak_memory_mb=peak_kib / 1024,
    )
