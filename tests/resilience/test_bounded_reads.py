"""Reads of a file the person names are bounded and never hang (issue #12, item 9): a FIFO
given to `import`, `run --answers` or `packs validate` is refused at once instead of waiting for
a writer, and a 600 MB stream through /dev/stdin is not read to its end."""

from __future__ import annotations

import contextlib
import os
import subprocess
import threading
import time

import pytest

from tests.conftest import reflect_command


@pytest.mark.parametrize(
    "command",
    [
        ["import", "{fifo}"],
        ["import", "{fifo}", "--from", "jrnl"],
        ["run", "checkin", "--answers", "{fifo}"],
        ["packs", "validate", "{fifo}"],
    ],
    ids=" ".join,
)
def test_a_fifo_without_a_writer_is_refused_at_once(run_reflect, tmp_path, command):
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    arguments = [part.replace("{fifo}", str(fifo)) for part in command]
    started = time.monotonic()

    try:
        outcome = run_reflect(*arguments, timeout=30)
    except subprocess.TimeoutExpired:
        pytest.fail(f"reflect {' '.join(command)} waited on the FIFO for 30 s")

    assert time.monotonic() - started < 30
    assert outcome.exit_code == 1, outcome.stderr
    assert "Traceback" not in outcome.stderr
    assert "named pipe" in outcome.stderr, outcome.stderr


def test_a_600_megabyte_stream_through_dev_stdin_is_not_read_to_its_end(tmp_path):
    """The old 100 MB cap looked at the file's size, which a pipe does not have."""
    chunk = b"a" * (1024 * 1024)
    process = subprocess.Popen(
        [*reflect_command(), "import", "/dev/stdin"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=dict(os.environ),
    )
    written = 0

    def feed() -> None:
        nonlocal written
        assert process.stdin is not None
        try:
            process.stdin.write(b'{"format": "reflect-journal", "version": 1, "x": "')
            for _ in range(600):
                process.stdin.write(chunk)
                written += len(chunk)
            process.stdin.write(b'"}')
            process.stdin.close()
        except (BrokenPipeError, ValueError):
            pass

    feeder = threading.Thread(target=feed, daemon=True)
    started = time.monotonic()
    feeder.start()
    try:
        process.wait(timeout=60)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()
        pytest.fail("reflect was still reading the stream after 60 s")
    seconds = time.monotonic() - started
    feeder.join(timeout=60)
    stderr = process.stderr.read().decode() if process.stderr else ""
    for stream in (process.stdin, process.stdout, process.stderr):
        if stream is not None and not stream.closed:
            with contextlib.suppress(BrokenPipeError):
                stream.close()

    assert process.returncode == 1, stderr
    assert "Traceback" not in stderr
    assert "named pipe" in stderr or "larger than" in stderr, stderr
    assert written < 200 * len(chunk), f"{written / len(chunk):.0f} MB were read"
    assert seconds < 30
