"""The packs in the order a person meets them: the check-in first, then the most used.

Counting uses reads the journal, but never asks for anything: with no journal yet, or an
encrypted one whose passphrase the caller does not already know (the CLI looks in
REFLECT_PASSPHRASE and the OS keyring), the packs simply come in their suggested order (listing
packs must not stop at a passphrase prompt).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from reflect.errors import ReflectError
from reflect.packs.catalog import PackListing, discover_packs, ordered_by_use
from reflect.paths import data_paths
from reflect.store.database import file_kind, open_database
from reflect.store.pack_use import entries_per_pack


def pack_uses(passphrase: Callable[[Path], str | None]) -> dict[str, int]:
    """Entries per pack id; empty when the journal cannot be read without asking."""
    paths = data_paths()
    try:
        kind = file_kind(paths.database)
        if kind in ("missing", "empty"):
            return {}
        known = None
        if kind == "opaque":
            known = passphrase(paths.database)
            if known is None:
                return {}
        with open_database(paths, passphrase=known) as database:
            return entries_per_pack(database)
    except ReflectError:
        # A journal that cannot be opened is reported by the commands that need it; the list
        # of packs is still worth showing, in its suggested order.
        return {}


def packs_in_order(passphrase: Callable[[Path], str | None]) -> list[PackListing]:
    """Every pack (built-in and the person's own), the check-in first, then by use.

    passphrase gives an encrypted journal's passphrase if it is known without asking, else None.
    """
    return ordered_by_use(discover_packs(), pack_uses(passphrase))
