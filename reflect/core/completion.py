"""What the shell may complete: pack ids, tags, entry and session ids, dimensions, formats.

Every function returns (value, description) pairs and never raises: a completion that fails
shows nothing rather than an error in the middle of someone's command line.
"""

from __future__ import annotations

from reflect.packs.files import builtin_packs_folder, pack_files_in
from reflect.paths import data_paths
from reflect.store import completion as lookups

Candidate = tuple[str, str]


def pack_ids(prefix: str) -> list[Candidate]:
    """Built-in and user pack ids, from the file names alone (no pack is parsed)."""
    try:
        folders = [(data_paths().packs, "your pack"), (builtin_packs_folder(), "built-in")]
        found: dict[str, str] = {}
        for folder, origin in folders:
            if not folder.is_dir():
                continue
            for path in pack_files_in(folder):
                found.setdefault(path.stem, origin)
    except Exception:  # completion must never break the shell
        return []
    return sorted((pack, origin) for pack, origin in found.items() if pack.startswith(prefix))


def pack_filters(prefix: str) -> list[Candidate]:
    """Pack ids for --pack, where `note` selects notes."""
    candidates = pack_ids(prefix)
    if "note".startswith(prefix):
        candidates.append(("note", "free-form notes"))
    return candidates


def tags(prefix: str) -> list[Candidate]:
    try:
        return lookups.tags_with_prefix(data_paths().database, prefix)
    except Exception:
        return []


def entry_ids(prefix: str, *, trashed: bool = False) -> list[Candidate]:
    try:
        return lookups.entry_ids_with_prefix(data_paths().database, prefix, trashed=trashed)
    except Exception:
        return []


def session_ids(prefix: str) -> list[Candidate]:
    try:
        return lookups.session_ids_with_prefix(data_paths().database, prefix)
    except Exception:
        return []


def dimensions(prefix: str) -> list[Candidate]:
    try:
        return lookups.dimensions_with_prefix(data_paths().database, prefix)
    except Exception:
        return []
