"""The journal's tables, declared with SQLModel: the typed description of the schema.

This is documentation that cannot go stale, not runtime code. The migrations in
reflect.store.migrations create these tables with explicit SQL (a released migration must never
change when a model does), and tests/store/test_tables.py checks that a freshly migrated database
has exactly these tables, columns, nullability, primary and foreign keys, so a migration that adds
a column fails until the column is declared here too. Nothing in reflect imports this module:
importing it costs about half a second (SQLAlchemy + pydantic), so the store reads and writes
through the DB-API, into the plain types of reflect.model. The classes are named `...Row` so
that none is mistaken for those types (reflect.model.TherapySession is what the code passes around).
"""

from __future__ import annotations

from sqlmodel import Field, SQLModel


class EntryRow(SQLModel, table=True):
    __tablename__ = "entry"

    id: str = Field(primary_key=True, description="UUID, stable for the life of the entry")
    kind: str = Field(description="'run' (a pack was answered) or 'note' (free text)")
    pack_id: str | None = None
    pack_version: str | None = None
    pack_hash: str | None = Field(default=None, description="pack_snapshot.content_hash")
    created_at: str = Field(description="when the entry is dated (UTC ISO 8601)")
    updated_at: str
    completed_at: str | None = Field(default=None, description="None while a draft")
    flagged: bool = Field(default=False, description="bring to therapy")
    private: bool = Field(default=False, description="left out of exports unless asked for")
    trashed_at: str | None = None


class AnswerRow(SQLModel, table=True):
    __tablename__ = "answer"

    id: int | None = Field(default=None, primary_key=True)
    entry_id: str = Field(foreign_key="entry.id")
    question_id: str
    position: int
    question_text: str
    question_kind: str = Field(description="text, scale, choice, multi or yesno")
    scale_min: int | None = None
    scale_max: int | None = None
    min_label: str | None = None
    max_label: str | None = None
    dimension: str | None = None
    reverse: bool = False
    options: str | None = Field(default=None, description="JSON list, for choice and multi")
    value_text: str | None = None
    value_number: float | None = None
    answered_at: str


class EntryTagRow(SQLModel, table=True):
    __tablename__ = "entry_tag"

    entry_id: str = Field(primary_key=True, foreign_key="entry.id")
    tag: str = Field(primary_key=True)


class TherapySessionRow(SQLModel, table=True):
    __tablename__ = "therapy_session"

    id: str = Field(primary_key=True)
    held_on: str = Field(description="ISO date of the session")
    note: str | None = None
    created_at: str


class PackSnapshotRow(SQLModel, table=True):
    __tablename__ = "pack_snapshot"

    content_hash: str = Field(primary_key=True)
    pack_id: str
    version: str
    title: str
    definition: str = Field(description="the pack as JSON, as it was when first used")
    first_used_at: str


class SyncFieldRow(SQLModel, table=True):
    """One synced field: its newest value (canonical JSON) and hybrid-logical-clock stamp."""

    __tablename__ = "sync_field"

    record: str = Field(
        primary_key=True, description="entry:ID, answer:ID/QUESTION, tag:ID/TAG, ..."
    )
    field: str = Field(primary_key=True)
    entry_id: str | None = Field(default=None, description="the entry the record belongs to")
    stamp: str = Field(description="HLC stamp; empty until the next sync assigns one")
    value: str | None = Field(default=None, description="canonical JSON")
    outgoing: bool = Field(default=False, description="not yet written to the sync folder")


class SyncStateRow(SQLModel, table=True):
    """This device's sync identity, clock and file counter (key/value)."""

    __tablename__ = "sync_state"

    key: str = Field(primary_key=True)
    value: str


class SyncSeenRow(SQLModel, table=True):
    """Another device's sync file already merged."""

    __tablename__ = "sync_seen"

    name: str = Field(primary_key=True)
    device: str
    changes: int
    merged_at: str


class SyncDirtyRow(SQLModel, table=True):
    """A record (entry:ID, session:ID, pack:HASH) written since the last sync."""

    __tablename__ = "sync_dirty"

    key: str = Field(primary_key=True)
