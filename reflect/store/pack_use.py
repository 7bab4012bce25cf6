"""How often each pack has been used: the order `reflect packs list` shows them in."""

from __future__ import annotations

from reflect.store.database import Database

ENTRIES_PER_PACK = (
    "SELECT pack_id, COUNT(*) FROM entry "
    "WHERE kind = 'run' AND pack_id IS NOT NULL AND trashed_at IS NULL "
    "GROUP BY pack_id"
)


def entries_per_pack(database: Database) -> dict[str, int]:
    """The number of entries (drafts included, the trash left out) written with each pack."""
    return {pack_id: count for pack_id, count in database.query(ENTRIES_PER_PACK)}
