"""Shell completion callbacks, handed to typer's options and arguments (`autocompletion=`).

typer calls each with the word being completed; the look-ups live in reflect.core.completion.
"""

from __future__ import annotations

from reflect.core import completion

Candidates = list[tuple[str, str]]


def complete_pack(incomplete: str) -> Candidates:
    return completion.pack_ids(incomplete)


def complete_pack_filter(incomplete: str) -> Candidates:
    return completion.pack_filters(incomplete)


def complete_tag(incomplete: str) -> Candidates:
    return completion.tags(incomplete)


def complete_entry_id(incomplete: str) -> Candidates:
    return completion.entry_ids(incomplete)


def complete_trashed_entry_id(incomplete: str) -> Candidates:
    return completion.entry_ids(incomplete, trashed=True)


def complete_session_id(incomplete: str) -> Candidates:
    return completion.session_ids(incomplete)


def complete_dimension(incomplete: str) -> Candidates:
    return completion.dimensions(incomplete)
