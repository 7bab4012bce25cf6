"""Files a person names on the command line: reading them within a bound, and writing to them
without ever harming the journal.

Reading (`read_user_file`, `open_user_file`): a file is opened non-blocking, so a named pipe
(FIFO) without a writer cannot hang reflect; anything that is not a regular file (FIFO, device,
socket, folder) is refused with a sentence saying what it is. The size limit counts the bytes
actually read, not what `stat` says, so a file that grows, or a /proc file reporting size 0,
is held to it too.

Writing (`output_target`, `write_output`): the one routine behind `export -o`, `db backup DEST`
and `packs new`. It refuses the journal, its WAL, shared-memory and rollback files, config.yaml
and anything else inside the data folder (except a new file directly in packs/ when asked for);
a character device or FIFO (and `-`, standard output) is written in place as a stream, never
renamed over; a regular file is written beside its target and renamed into place, so a failed
write never leaves half a file.
"""

from __future__ import annotations

import contextlib
import os
import stat
import sys
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import IO, Any, Generic, Literal, Protocol, Self, TypeVar

from msgspec import Struct

from reflect.errors import ReflectError, StorageError
from reflect.paths import DataPaths, data_paths

STANDARD_STREAM = "-"
_READ_CHUNK = 1024 * 1024


class UserFileError(ReflectError):
    """A named file cannot be read as asked; `reason` completes a sentence about the file."""

    def __init__(self, path: Path | str, reason: str, hint: str | None = None) -> None:
        super().__init__(f"{path} {reason}.", hint)
        self.path = str(path)
        self.reason = reason


def _kind_of(mode: int) -> str:
    if stat.S_ISDIR(mode):
        return "is a folder, not a file"
    if stat.S_ISFIFO(mode):
        return "is a named pipe (FIFO), not a file"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "is a device, not a file"
    if stat.S_ISSOCK(mode):
        return "is a socket, not a file"
    return "is not a regular file"


def _open_regular(path: Path) -> int:
    """A descriptor of the regular file at path, opened without blocking on FIFOs or devices."""
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0)
    try:
        descriptor = os.open(path, flags)
    except FileNotFoundError as error:
        raise UserFileError(path, "does not exist", "Check the file name.") from error
    except PermissionError as error:
        raise UserFileError(path, "cannot be read: permission denied") from error
    except IsADirectoryError as error:
        raise UserFileError(path, "is a folder, not a file") from error
    except OSError as error:
        raise UserFileError(path, f"cannot be read ({error.strerror or error})") from error
    try:
        mode = os.fstat(descriptor).st_mode
        if not stat.S_ISREG(mode):
            raise UserFileError(path, _kind_of(mode))
        if hasattr(os, "set_blocking"):
            os.set_blocking(descriptor, True)
    except BaseException:
        os.close(descriptor)
        raise
    return descriptor


class TooLarge(ReflectError):
    """More bytes were read than the limit allows."""


class _Closable(Protocol):
    def close(self) -> None: ...


_Raw = TypeVar("_Raw", bound=_Closable)


class ReaderOver(Generic[_Raw]):
    """A reader over another one (`raw`): closing it, or leaving its `with` block, closes that."""

    def __init__(self, raw: _Raw) -> None:
        self.raw = raw

    def close(self) -> None:
        self.raw.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()


class BoundedReader(ReaderOver[IO[bytes]]):
    """A binary reader that fails (TooLarge) as soon as more than `limit` bytes are read."""

    def __init__(self, raw: IO[bytes], limit: int, on_excess: Callable[[], ReflectError]) -> None:
        super().__init__(raw)
        self.limit = limit
        self.consumed = 0
        self.on_excess = on_excess

    def read(self, size: int = -1) -> bytes:
        allowed = self.limit + 1 - self.consumed
        if size < 0 or size > allowed:
            size = allowed
        data = self.raw.read(size) if size > 0 else b""
        self.consumed += len(data)
        if self.consumed > self.limit:
            raise self.on_excess()
        return data


def open_user_file(
    path: Path, *, limit: int, on_excess: Callable[[], ReflectError]
) -> BoundedReader:
    """The regular file at path as a stream that stops after `limit` bytes (see module doc)."""
    descriptor = _open_regular(path)
    return BoundedReader(os.fdopen(descriptor, "rb"), limit, on_excess)


def read_user_file(path: Path, *, limit: int, on_excess: Callable[[], ReflectError]) -> bytes:
    """The bytes of the regular file at path, at most `limit` of them (else on_excess())."""
    with open_user_file(path, limit=limit, on_excess=on_excess) as reader:
        chunks: list[bytes] = []
        while chunk := reader.read(_READ_CHUNK):
            chunks.append(chunk)
    return b"".join(chunks)


# --- writing ----------------------------------------------------------------------------------


class OutputTarget(Struct, frozen=True):
    """Where a requested output really goes: a regular file (written atomically), a stream
    (device, FIFO) written in place, or standard output."""

    requested: str
    path: Path | None  # None: standard output
    kind: Literal["file", "stream", "stdout"]

    @property
    def shown(self) -> str:
        return "standard output" if self.kind == "stdout" else self.requested


def _real(path: Path) -> Path:
    return Path(os.path.realpath(path))


def _is_within(path: Path, folder: Path) -> bool:
    return path == folder or folder in path.parents


def _protected_files(paths: DataPaths) -> dict[Path, str]:
    database = paths.database
    protected = {_real(database): "your journal"}
    for suffix in ("-wal", "-shm", "-journal"):
        protected[_real(database.with_name(database.name + suffix))] = "a file of your journal"
    protected[_real(paths.config)] = "your settings file (config.yaml)"
    return protected


def output_target(
    requested: Path | str, *, paths: DataPaths | None = None, new_pack: bool = False
) -> OutputTarget:
    """Check where an output may go. Raises StorageError for the journal, its companion files,
    config.yaml or anything inside the data folder (a new file directly in packs/ only with
    new_pack=True), for a block device or socket, and for a folder that does not exist."""
    text = str(requested)
    if text == STANDARD_STREAM:
        return OutputTarget(text, None, "stdout")
    paths = paths or data_paths()
    given = Path(text).expanduser().absolute()
    real = _real(given)
    what = _protected_files(paths).get(real)
    if what is not None:
        raise StorageError(
            f"{given} is {what}; reflect will not write over it.",
            "Choose a file outside reflect's data folder (`reflect db path` shows it).",
        )
    home = _real(paths.home)
    if _is_within(real, home):
        in_packs = real.parent == _real(paths.packs)
        if not (new_pack and in_packs and not os.path.lexists(real)):
            raise StorageError(
                f"{given} is inside reflect's data folder {paths.home}; reflect will not write "
                "there.",
                "Choose a file outside it, for example in your home folder.",
            )
    try:
        mode = os.stat(real).st_mode
    except FileNotFoundError:
        mode = None
    except OSError as error:
        raise StorageError(f"Cannot write {given} ({error.strerror or error}).") from error
    if mode is not None:
        if stat.S_ISCHR(mode) or stat.S_ISFIFO(mode):
            return OutputTarget(text, real, "stream")
        if stat.S_ISDIR(mode):
            raise StorageError(f"{given} is a folder; give a file name inside it.")
        if not stat.S_ISREG(mode):
            raise StorageError(
                f"{given} {_kind_of(mode).replace(', not a file', '')}; reflect writes only to "
                "files, character devices and named pipes."
            )
    if not real.parent.is_dir():
        raise StorageError(
            f"Cannot write {given}: the folder {real.parent} does not exist.",
            "Create it first, or choose another place.",
        )
    return OutputTarget(text, real, "file")


@contextlib.contextmanager
def write_output(
    target: OutputTarget,
    *,
    binary: bool,
    newline: str | None = None,
    exclusive: bool = False,
) -> Iterator[IO[Any]]:
    """A stream to write the output into; on success it is in place, on failure nothing is.

    A regular file is written as a private (0600) temporary file beside the target, flushed to
    disk and renamed over it (exclusive=True: only if no file has appeared there meanwhile). A
    device or FIFO is opened and written in place; standard output is written as it is.
    """
    if target.kind == "stdout":
        stream: IO[Any] = sys.stdout.buffer if binary else sys.stdout
        yield stream
        stream.flush()
        return
    assert target.path is not None
    if target.kind == "stream":
        flags = os.O_WRONLY | getattr(os, "O_CLOEXEC", 0)
        try:
            descriptor = os.open(target.path, flags)
        except OSError as error:
            raise StorageError(
                f"Cannot write {target.requested} ({error.strerror or error})."
            ) from error
        mode = "wb" if binary else "w"
        encoding = None if binary else "utf-8"
        with os.fdopen(descriptor, mode, encoding=encoding, newline=newline) as handle:
            yield handle
        return
    try:
        # mkstemp creates the file readable only by you: an output holds private writing.
        descriptor, name = tempfile.mkstemp(
            prefix=f".{target.path.name}.", suffix=".partial", dir=target.path.parent
        )
    except OSError as error:
        raise StorageError(
            f"Cannot write {target.requested} ({error.strerror or error}).",
            "Check that the folder is writable, or choose another place.",
        ) from error
    temporary = Path(name)
    try:
        mode = "wb" if binary else "w"
        encoding = None if binary else "utf-8"
        with os.fdopen(descriptor, mode, encoding=encoding, newline=newline) as handle:
            yield handle
            handle.flush()
            os.fsync(handle.fileno())
        place_file(temporary, target, exclusive=exclusive)
    except OSError as error:
        temporary.unlink(missing_ok=True)
        raise StorageError(
            f"Cannot write {target.requested} ({error.strerror or error}). Nothing was written.",
            "Check the disk has space and the folder is writable.",
        ) from error
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise


def place_file(finished: Path, target: OutputTarget, *, exclusive: bool = False) -> None:
    """Put a finished file (written beside the target) at the target: renamed over a regular
    file, copied into a stream, or onto standard output; `finished` is gone afterwards."""
    if target.kind == "file":
        assert target.path is not None
        if exclusive:
            try:
                os.link(finished, target.path)  # fails if a file appeared there meanwhile
            except FileExistsError as error:
                finished.unlink()
                raise StorageError(
                    f"{target.requested} already exists; reflect will not overwrite it.",
                    "Choose another file name, or move the old one away.",
                ) from error
            except OSError:  # a filesystem without hard links (FAT, some network shares)
                if os.path.lexists(target.path):
                    finished.unlink()
                    raise StorageError(
                        f"{target.requested} already exists; reflect will not overwrite it."
                    ) from None
                os.replace(finished, target.path)
                return
            finished.unlink()
        else:
            os.replace(finished, target.path)
        return
    try:
        with finished.open("rb") as source, write_output(target, binary=True) as sink:
            while chunk := source.read(_READ_CHUNK):
                sink.write(chunk)
    finally:
        finished.unlink(missing_ok=True)


def shred(path: Path) -> None:
    """Overwrite a file with zeros, flush it to disk, then remove it: a copy that may hold
    plaintext does not survive in its old blocks (as far as the filesystem allows: copy-on-write
    filesystems and SSD wear levelling may keep old blocks, which no program can reach)."""
    try:
        descriptor = os.open(path, os.O_WRONLY | getattr(os, "O_NOFOLLOW", 0))
    except FileNotFoundError:
        return
    except OSError:
        with contextlib.suppress(OSError):
            path.unlink()
        return
    try:
        remaining = os.fstat(descriptor).st_size
        zeros = bytes(1024 * 1024)
        while remaining > 0:
            remaining -= os.write(descriptor, zeros[: min(remaining, len(zeros))])
        os.fsync(descriptor)
    except OSError:
        pass
    finally:
        os.close(descriptor)
    with contextlib.suppress(FileNotFoundError):
        path.unlink()


def quiet_stdout() -> None:
    """The reader of standard output went away (`reflect list | head -1`): point stdout at
    /dev/null, so nothing more written to it, nor the interpreter's final flush, raises."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    try:
        os.dup2(devnull, sys.stdout.fileno())
    finally:
        os.close(devnull)
