"""Where reflect keeps its data.

One folder holds the database, the config file and the user's own packs:
platformdirs' user data dir for "reflect", moved as a whole by REFLECT_HOME.
REFLECT_DB moves only the database file.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

from msgspec import Struct

from reflect.errors import ReflectError, StorageError

APP_NAME = "reflect"
DATABASE_NAME = "journal.db"
CONFIG_NAME = "config.yaml"
PACKS_FOLDER = "packs"
FOLDER_MODE = 0o700
FILE_MODE = 0o600


class DataPaths(Struct, frozen=True):
    home: Path
    database: Path
    config: Path
    packs: Path

    @property
    def backups(self) -> Path:
        return self.home / "backups"


def data_paths() -> DataPaths:
    """Resolve the data locations from the environment (nothing is created here)."""
    home_env = os.environ.get("REFLECT_HOME")
    if home_env:
        home = Path(home_env).expanduser()
    else:
        from platformdirs import user_data_path

        home = user_data_path(APP_NAME, appauthor=False)
    db_env = os.environ.get("REFLECT_DB")
    database = Path(db_env).expanduser() if db_env else home / DATABASE_NAME
    return DataPaths(
        home=home.absolute(),
        database=database.absolute(),
        config=(home / CONFIG_NAME).absolute(),
        packs=(home / PACKS_FOLDER).absolute(),
    )


def ensure_private_folder(folder: Path) -> Path:
    """Create folder (and parents) as 0700 if missing; fail clearly if it cannot be used."""
    try:
        folder.mkdir(mode=FOLDER_MODE, parents=True, exist_ok=True)
    except FileExistsError as exc:
        raise StorageError(
            f"Cannot use {folder} as the data folder: something that is not a folder is there.",
            "Move it away, or point REFLECT_HOME at another folder.",
        ) from exc
    except NotADirectoryError as exc:
        raise StorageError(
            f"Cannot create the data folder {folder}: part of that path is a file, not a folder.",
            "Point REFLECT_HOME at another folder.",
        ) from exc
    except PermissionError as exc:
        raise StorageError(
            f"Cannot create the data folder {folder}: permission denied.",
            "Check the permissions of its parent folder, or point REFLECT_HOME elsewhere.",
        ) from exc
    except OSError as exc:
        raise StorageError(
            f"Cannot create the data folder {folder}: {exc.strerror or exc}.",
            "Point REFLECT_HOME at another folder.",
        ) from exc
    if not folder.is_dir():
        raise StorageError(
            f"Cannot use {folder} as the data folder: it is not a folder.",
            "Point REFLECT_HOME at another folder.",
        )
    if not os.access(folder, os.W_OK | os.X_OK):
        raise StorageError(
            f"Cannot write to the data folder {folder}: permission denied.",
            "Make it writable for your user (chmod u+rwx), or point REFLECT_HOME elsewhere.",
        )
    return folder


def create_private_file(path: Path) -> None:
    """Create an empty file readable only by its owner, unless it already exists."""
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, FILE_MODE)
    except FileExistsError:
        return
    except PermissionError as exc:
        raise StorageError(
            f"Cannot create {path}: permission denied.",
            "Make its folder writable for your user, or point REFLECT_HOME elsewhere.",
        ) from exc
    except OSError as exc:
        raise StorageError(f"Cannot create {path}: {exc.strerror or exc}.") from exc
    os.close(fd)


def check_trusted(path: Path, *, what: str, error: type[ReflectError] = StorageError) -> None:
    """Refuse a data folder or settings file that someone else could have changed.

    Like ssh's StrictModes: it must belong to the user running reflect and be writable by nobody
    else (no group or other write bit). Another user able to write config.yaml could name an
    `editor` that reflect would run as you. A path that does not exist yet passes (reflect
    creates it private). Without POSIX user ids (Windows) there is nothing to check.
    """
    if not hasattr(os, "geteuid"):  # pragma: no cover - Windows
        return
    try:
        status = os.stat(path)
    except FileNotFoundError:
        return
    except OSError:
        return  # unreadable: the read that follows reports it in its own words
    is_folder = stat.S_ISDIR(status.st_mode)
    private = "700" if is_folder else "600"
    if status.st_uid != os.geteuid():
        raise error(
            f"The {what} {path} belongs to another user (uid {status.st_uid}), so reflect will "
            "not trust it.",
            f"Use a {what} of your own (REFLECT_HOME), or make it yours: chown $(id -u) {path}",
        )
    if status.st_mode & (stat.S_IWGRP | stat.S_IWOTH):
        raise error(
            f"The {what} {path} can be changed by other users (mode "
            f"{stat.S_IMODE(status.st_mode):04o}), so reflect will not trust it.",
            f"Make it private: chmod {private} {path}",
        )


EDITOR_FILE_PREFIX = ".reflect-"
"""Names of the temporary files an editor session writes into the data folder (reflect.core.editor);
files named `edit-...` come from older versions."""


def editor_files_in(folder: Path) -> list[Path]:
    """The editor's temporary files in folder (none when it cannot be read). A cheap look that
    lets every command skip loading the editor's code when there is nothing to recover."""
    try:
        return [
            Path(entry.path)
            for entry in os.scandir(folder)
            if entry.name.startswith((EDITOR_FILE_PREFIX, "edit-")) and entry.is_file()
        ]
    except OSError:
        return []
