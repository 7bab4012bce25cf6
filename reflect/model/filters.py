"""Which entries a listing, search, trend or export covers: one EntryFilter with one DateRange.

The range is checked once, where it is made, so every command refuses "since later than until"
with the same message.
"""

from __future__ import annotations

from datetime import datetime

from msgspec import Struct, field

from reflect.errors import DateParseError

RANGE_BACKWARDS_MESSAGE = "--since is later than --until, so no entry could match."


class DateRange(Struct, frozen=True):
    """Inclusive bounds on an entry's date; None means from the first / up to the last."""

    since: datetime | None = None
    until: datetime | None = None

    def __post_init__(self) -> None:
        if self.since is not None and self.until is not None and self.since > self.until:
            raise DateParseError(RANGE_BACKWARDS_MESSAGE)

    @property
    def bounded(self) -> bool:
        return self.since is not None or self.until is not None


class EntryFilter(Struct, frozen=True):
    """Which entries a listing, search, trend or export covers.

    `drafts`: False (the default) gives completed entries only, True only unfinished drafts, None
    both. `dates` bounds the entry's date (inclusive). `tag` is matched after the same
    normalisation as when it was saved (`#Work` finds `work`). `pack` "note" means notes.
    """

    dates: DateRange = field(default_factory=DateRange)
    pack: str | None = None
    tag: str | None = None
    flagged: bool = False
    drafts: bool | None = False
    include_trashed: bool = False
    include_private: bool = True
    limit: int | None = None

    @property
    def since(self) -> datetime | None:
        return self.dates.since

    @property
    def until(self) -> datetime | None:
        return self.dates.until
