"""reflect as a library: the journal from Python, under the same rules as the commands.

    import reflect

    with reflect.open_journal("journal.db", passphrase=None) as journal:
        journal.write_note("Felt rushed at the end.", tags=["pace"])
        for entry in journal.entries(since="2026-01-01"):
            print(entry.created_at, entry.pack_id)

Everything goes through the core, as the CLI does: the same answer checks, the same filter
(dates read as `reflect list --since` reads them, and a range that runs backwards refused), the
same transactions. Unlike the CLI, nothing here reads REFLECT_PASSPHRASE, the OS keyring or the
terminal: an encrypted journal opens with the passphrase you pass, or raises
PassphraseRequiredError. Errors are ReflectError subclasses with a message (and a hint that
names the command-line way to fix it).

docs/api.md shows a whole session; tests/docs/test_api_example.py runs it.
"""

from __future__ import annotations

import os
from collections.abc import Mapping, Sequence
from datetime import date
from pathlib import Path
from types import TracebackType
from typing import IO, Any, TypedDict, Unpack

from reflect.core import access
from reflect.core.answers import check_answers
from reflect.core.dates import parse_optional_when
from reflect.core.entries import create_complete_entry, create_note
from reflect.core.export import ExportResult, open_document, options_from_command_line
from reflect.core.filters import FilterOptions, filter_from_options
from reflect.core.journal import find_entry, list_journal, search_journal
from reflect.core.trends import PeriodKind, TrendQuery, TrendReport, compute_trends
from reflect.errors import ReflectError
from reflect.model import EntryDetail, EntryFilter, EntrySummary, ExportFormat, SearchResults
from reflect.packs.catalog import find_pack
from reflect.paths import CONFIG_NAME, PACKS_FOLDER, DataPaths, data_paths
from reflect.render.export import writer_for

When = str | date | None
"""A date as the CLI takes it ("2026-01-02", "2026-01-02T18:30", "yesterday", "6m",
"last-session"), or a date/datetime."""


def _text(when: When) -> str | None:
    return when.isoformat() if isinstance(when, date) else when


class Selection(TypedDict, total=False):
    """Which entries, as the CLI's --since/--until/--pack/--tag/--flagged choose them: the
    keywords entries(), search(), trends() and export() all take. Left out: no limit."""

    since: When
    until: When
    pack: str | None
    tag: str | None
    flagged: bool


def _options(selection: Selection) -> FilterOptions:
    unknown = sorted(set(selection) - set(Selection.__annotations__))
    if unknown:  # a typing mistake such as sinse= must not widen the selection silently
        raise TypeError(f"unexpected keyword argument {unknown[0]!r}")
    return FilterOptions(
        _text(selection.get("since")),
        _text(selection.get("until")),
        selection.get("pack"),
        selection.get("tag"),
        selection.get("flagged", False),
    )


class Journal:
    """An open journal. Close it (or use it in a `with` block) when done."""

    def __init__(self, database: access.Database) -> None:
        self._database = database

    @property
    def path(self) -> Path:
        return self._database.path

    @property
    def encrypted(self) -> bool:
        return self._database.encrypted

    def close(self) -> None:
        self._database.close()

    def __enter__(self) -> Journal:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()

    # --- reading ----------------------------------------------------------------------------

    def _filter(self, selection: Selection, **adding: Any) -> EntryFilter:
        """The filter the CLI's options make (core.filters): the same dates, the same checks."""
        return filter_from_options(self._database, _options(selection), **adding)

    def entries(
        self,
        *,
        drafts: bool = False,
        include_private: bool = True,
        limit: int | None = None,
        **selection: Unpack[Selection],
    ) -> list[EntrySummary]:
        """Matching entries, newest first (as `reflect list`; drafts=True: only unfinished ones)."""
        entry_filter = self._filter(
            selection, drafts=drafts, limit=limit, include_private=include_private
        )
        return list_journal(self._database, entry_filter, with_preview=True).entries

    def search(
        self,
        text: str,
        *,
        include_private: bool = True,
        limit: int | None = 20,
        **selection: Unpack[Selection],
    ) -> SearchResults:
        """Entries whose words match `text` (as `reflect search`), best first."""
        entry_filter = self._filter(selection, limit=limit, include_private=include_private)
        return search_journal(self._database, text, entry_filter)

    def show(self, entry_id: str) -> EntryDetail:
        """One entry with its answers, by id or a unique start of it (as `reflect show`)."""
        return find_entry(self._database, entry_id)

    def trends(
        self,
        *,
        by: PeriodKind = "week",
        dimensions: Sequence[str] = (),
        include_drafts: bool = False,
        **selection: Unpack[Selection],
    ) -> TrendReport:
        """Scores per period and dimension over every period in range (`reflect trends --all`
        without since; the CLI shows only the last 12 periods unless asked)."""
        entry_filter = self._filter(selection, drafts=None if include_drafts else False)
        query = TrendQuery(entries=entry_filter, by=by, dimensions=tuple(dimensions))
        return compute_trends(self._database, query)

    # --- writing ----------------------------------------------------------------------------

    def record_run(
        self,
        pack: str,
        answers: Mapping[str, Any],
        *,
        at: When = None,
        flagged: bool = False,
        private: bool = False,
        tags: Sequence[str] = (),
    ) -> str:
        """A complete run of a pack from its answers (question id -> answer; a missing one is
        skipped), checked as `reflect run PACK --answers FILE` checks them: all or nothing.
        Returns the new entry's id."""
        found = find_pack(pack)
        checked = check_answers(found, dict(answers))
        when = parse_optional_when(_text(at), self._database)
        return create_complete_entry(
            self._database,
            found.reference(),
            checked,
            at=when,
            flagged=flagged,
            private=private,
            tags=tags,
        )

    def write_note(
        self,
        text: str,
        *,
        at: When = None,
        flagged: bool = False,
        private: bool = False,
        tags: Sequence[str] = (),
    ) -> str:
        """A free-form note (as `reflect note`); returns its id. An empty note is refused."""
        if not text.strip():
            raise ReflectError("The note is empty, so nothing was saved.")
        when = parse_optional_when(_text(at), self._database)
        return create_note(
            self._database, text, at=when, flagged=flagged, private=private, tags=tags
        )

    # --- export -----------------------------------------------------------------------------

    def export(
        self,
        stream: IO[str] | IO[bytes],
        *,
        format: ExportFormat | str = ExportFormat.md,
        include_private: bool = False,
        scores_only: bool = False,
        include_trends: bool = True,
        **selection: Unpack[Selection],
    ) -> ExportResult:
        """Write an export (as `reflect export`) to a text stream, or a binary one for PDF.
        Private entries stay out unless include_private."""
        options = options_from_command_line(
            self._database,
            format=str(format),
            selection=_options(selection),
            include_private=include_private,
            scores_only=scores_only,
            include_trends=include_trends,
        )
        with open_document(self._database, options) as document:
            writer_for(options.format)(document, stream)
        return ExportResult(document.entries_written, document.private_left_out, None)


def open_journal(
    path: str | os.PathLike[str] | None = None, *, passphrase: str | None = None
) -> Journal:
    """Open (creating if needed) the journal at `path`; None: where the CLI keeps it
    (REFLECT_HOME / REFLECT_DB). The passphrase is used only if the file is encrypted.

    The journal's folder must be yours and not writable by others (as for the data folder);
    a new folder is made private (0700), a new journal file 0600.
    """
    if path is None:
        paths = data_paths()
    else:
        database = Path(path).expanduser().absolute()
        home = database.parent
        paths = DataPaths(
            home=home, database=database, config=home / CONFIG_NAME, packs=home / PACKS_FOLDER
        )
    return Journal(access.open_journal(paths, passphrase=passphrase))
