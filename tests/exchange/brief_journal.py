"""A journal as a client would have it after seven weeks of weekly sessions: check-ins after
every session (with a dip in the fourth week), a strain recorded in the ruptures pack, flagged
entries, and answers to "bring" questions of the person's own packs. Unique planted words let
tests check that --scores-only keeps none of them."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

import yaml

from reflect.packs.catalog import find_pack
from reflect.packs.definition import Pack
from reflect.packs.schema import validated_pack
from reflect.store.database import Database
from reflect.store.entries import AnswerValue, create_complete_entry, create_note
from reflect.store.sessions import add_session

FIRST_SESSION = datetime(2026, 10, 6, 10, 0, tzinfo=UTC)  # a Tuesday
SESSIONS = 7
# The fourth week's check-in is the dip: connection 2 of 10.
CONNECTION = (6, 7, 7, 2, 6, 8, 8)
WORTH = (5, 6, 6, 4, 6, 7, 7)

PREPARE_PACK = """\
id: prepare-me
title: Before the session
questions:
  - id: to-bring
    text: What would you like to bring?
    kind: text
    bring: true
  - id: ready
    text: How ready do you feel to bring it?
    kind: scale
    min: 0
    max: 10
    dimension: openness
"""
# The same pack before `bring:` existed: entries written with it store this definition.
OLD_STYLE_PACK = PREPARE_PACK.replace("id: prepare-me", "id: old-style").replace(
    "    bring: true\n", ""
)

SESSION_WORD = "zephyrsessionword"
TAG_WORD = "quokkatagword"
NOTE_WORD = "marmalisknoteword"
ANSWER_WORD = "velvetanswerword"
BRING_TEXT = "That she looked at the clock when I talked about my brother"
OLD_BRING_TEXT = "Whether we could meet fortnightly over the holidays"
FLAGGED_TEXT = f"I held back again when the pause came {ANSWER_WORD}"
STRAIN_TEXT = "She seemed distracted and I went quiet"


@dataclass(frozen=True)
class BriefJournal:
    sessions: tuple[datetime, ...]
    dip_at: datetime
    strain_at: datetime
    planted_words: tuple[str, ...]


def _answers(pack: Pack, values: dict[str, AnswerValue]) -> list[tuple[object, AnswerValue]]:
    unknown = set(values) - {question.id for question in pack.questions}
    assert not unknown, f"{pack.id} has no question {sorted(unknown)}"  # the pack was reworded
    return [
        (question.snapshot(position), values[question.id])
        for position, question in enumerate(pack.questions)
        if question.id in values
    ]


def fill_brief_journal(database: Database, home: Path) -> BriefJournal:
    packs = home / "packs"
    packs.mkdir(parents=True, exist_ok=True)
    (packs / "prepare-me.yaml").write_text(PREPARE_PACK, encoding="utf-8")
    old_style = validated_pack(yaml.safe_load(OLD_STYLE_PACK))
    checkin = find_pack("checkin")
    ruptures = find_pack("ruptures")
    prepare = find_pack("prepare-me")

    sessions = tuple(FIRST_SESSION + timedelta(weeks=week) for week in range(SESSIONS))
    for week, held in enumerate(sessions):
        note = f"Talked about the break {SESSION_WORD}" if week == 3 else None
        add_session(database, held, note=note)
        create_complete_entry(
            database,
            checkin.reference(),
            _answers(
                checkin,
                {
                    "connected": CONNECTION[week],
                    "worth-it": WORTH[week],
                    "helped-most": f"Week {week + 1} {ANSWER_WORD}",
                },
            ),
            at=held + timedelta(hours=9),
            tags=[TAG_WORD] if week == 2 else [],
        )
    dip_at = sessions[3] + timedelta(hours=9)
    strain_at = sessions[3] + timedelta(days=1, hours=8)
    create_complete_entry(
        database,
        ruptures.reference(),
        _answers(
            ruptures,
            {
                "strain": "yes",
                "strain-size": 6,
                "strain-what": STRAIN_TEXT,
                "talked-through": "a little",
                "eased": 5,
                "smooth": 5,
            },
        ),
        at=strain_at,
    )
    create_complete_entry(
        database,
        checkin.reference(),
        _answers(checkin, {"connected": 5, "helped-most": FLAGGED_TEXT}),
        at=sessions[5] + timedelta(days=2),
        flagged=True,
    )
    create_complete_entry(
        database,
        prepare.reference(),
        _answers(prepare, {"to-bring": BRING_TEXT, "ready": 6}),
        at=sessions[6] - timedelta(days=1),
    )
    # Written before `bring:` existed; the pack file marks it now.
    create_complete_entry(
        database,
        old_style.reference(),
        _answers(old_style, {"to-bring": OLD_BRING_TEXT, "ready": 4}),
        at=sessions[6] - timedelta(days=2),
    )
    (packs / "old-style.yaml").write_text(
        OLD_STYLE_PACK.replace("    kind: text\n", "    kind: text\n    bring: true\n", 1),
        encoding="utf-8",
    )
    create_note(
        database,
        f"A note about the waiting room {NOTE_WORD}",
        at=sessions[6] + timedelta(days=1),
        flagged=True,
        tags=[TAG_WORD],
    )
    return BriefJournal(
        sessions=sessions,
        dip_at=dip_at,
        strain_at=strain_at,
        planted_words=(SESSION_WORD, TAG_WORD, NOTE_WORD, ANSWER_WORD, "brother", "fortnightly"),
    )


def brief_text(journal: Database, format: str, made_at: datetime) -> str:
    """The first page of an export without trends (its brief), as words: HTML without tags,
    the PDF's first page as pypdf reads it; whitespace (no-break spaces too) made single."""
    import io
    import re

    from pypdf import PdfReader

    from reflect.core.export import ExportOptions, open_document
    from reflect.model import ExportFormat
    from reflect.render.export import write_document

    options = ExportOptions(format=ExportFormat(format), include_trends=False, made_at=made_at)
    buffer: io.BytesIO | io.StringIO = io.BytesIO() if format == "pdf" else io.StringIO()
    with open_document(journal, options) as document:
        write_document(document, buffer)
    if isinstance(buffer, io.BytesIO):
        text = PdfReader(io.BytesIO(buffer.getvalue())).pages[0].extract_text()
    else:
        text = re.sub(r"<[^>]+>", " ", buffer.getvalue())
    return " ".join(text.split())
