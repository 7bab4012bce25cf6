"""Write a realistic journal of N entries into a reflect database, and the same content for jrnl.

    .venv/bin/python benchmarks/generate.py --entries 100000 --out benchmarks/work/data-100000

writes
    OUT/reflect/journal.db   a reflect journal (REFLECT_HOME=OUT/reflect), opened through
                             reflect.store.database.open_database so the schema, the migrations and
                             the FTS triggers are the real ones
    OUT/jrnl/journal.txt     the same entries in jrnl's plain-text format
    OUT/jrnl/jrnl.yaml       a jrnl config pointing at it (`jrnl --config-file OUT/jrnl/jrnl.yaml`)
    OUT/manifest.json        what the benchmark needs to know: a mid-journal entry id, its date,
                             the rare search word, the checkin pack's answers, counts

The entries follow the built-in packs in prompts/ (any that load), or a built-in list of question
snapshots shaped like them when none do: runs and free notes, most answers on scales, text answers
of about 60 words, tags, a few flagged, private, unfinished or trashed entries, a therapy session
every week, and dates spread over several years. A rare word is planted in the same number of
entries whatever N is, so a search for it returns the same handful of hits at every size.

Everything is derived from --seed: the same arguments give the same journal. Rows go in with
executemany in one transaction, the answer table's indexes and FTS triggers deferred to the end
(see answer_indexes_deferred).
"""

from __future__ import annotations

import argparse
import contextlib
import json
import random
import sys
import time
import uuid
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:  # run as a script from a source checkout
    sys.path.insert(0, str(ROOT))

from reflect.paths import DataPaths  # noqa: E402
from reflect.store.database import open_database  # noqa: E402
from reflect.store.entries import (  # noqa: E402
    ANSWER_INSERT,
    AnswerValue,
    PackReference,
    QuestionSnapshot,
    answer_row,
)

RARE_WORD = "quillwort"
"""Planted in exactly RARE_WORD_ENTRIES entries at every size (a search returns a handful)."""
RARE_WORD_ENTRIES = 5
CHECKIN_PACK = "checkin"
JRNL_TIME_FORMAT = "%Y-%m-%d %H:%M"
TEXT_ANSWER_WORDS = 60
SENTENCE_POOL = 5_000
NOTE_SHARE = 0.15
FLAGGED_SHARE = 0.05
PRIVATE_SHARE = 0.03
DRAFT_SHARE = 0.01
TRASHED_SHARE = 0.005
SKIP_SHARE = 0.05
WORDED_SKIP_SHARE = 0.4
"""Writing takes more than tapping a number: worded questions are skipped more often, which
brings the answers given to about 70% on scales with the built-in packs."""
CHECKIN_WEIGHT = 6
"""The check-in after each session is run far more often than any other pack."""
ENTRIES_PER_BATCH = 20_000
END_OF_JOURNAL = datetime(2026, 11, 1, 21, 0, tzinfo=UTC)
"""Fixed, so the same seed gives the same journal on any day."""

SAMPLE_TEXT = (
    "I felt noticed today when she asked about the week and waited for the answer and I said "
    "more than I planned about work and my brother and the old feeling of being too much for "
    "people it was hard to stay with it but she did not rush me I wanted to change the subject "
    "twice and caught myself the silence felt heavy then softer I am not sure whether I trust "
    "her yet or whether I trust myself to say what I mean there was a moment where I thought "
    "she was bored and I went quiet later I said so and she thanked me for telling her which "
    "surprised me it reminded me of home where nobody asked twice I keep testing whether she "
    "will still be there next week my part is to show up and to say the true thing even when "
    "it comes out clumsy maybe the relationship is a place to practise that the goals feel "
    "clearer than a month ago we agreed to slow down and look at the pattern of pulling back "
    "just when things get close I noticed the same thing with friends on Sunday the warmth is "
    "hard to take in I wonder what she writes in her notes the session ended early because of "
    "the clock and I felt cut off although it was only five minutes I could bring that up "
    "next time and see what happens I was angry and did not show it I was relieved and did "
    "not show that either tired calm hopeful guarded understood heard dismissed accepted "
    "judged safe unsafe steady shaky curious ashamed proud lonely close distant respected"
)
"""The vocabulary of the generated answers (words only: the order is shuffled)."""
WORDS = tuple(SAMPLE_TEXT.split())

TAGS = (
    "session",
    "work",
    "family",
    "sleep",
    "anger",
    "trust",
    "rupture",
    "repair",
    "progress",
    "homework",
    "friends",
    "partner",
    "body",
    "grief",
    "hope",
    "childhood",
    "money",
    "break",
    "holiday",
    "medication",
)


@dataclass(frozen=True)
class FollowUp:
    """A question asked only when an earlier answer meets a condition."""

    question_id: str
    is_met: Callable[[AnswerValue], bool]


@dataclass(frozen=True)
class PackShape:
    """What the generator needs of a pack: its reference and its questions as snapshots."""

    reference: PackReference
    questions: tuple[QuestionSnapshot, ...]
    follow_ups: dict[str, FollowUp] = field(default_factory=dict)


def builtin_pack_shapes() -> list[PackShape]:
    """The packs in prompts/ that load, shaped for the generator (empty if none do)."""
    try:
        from reflect.packs.catalog import builtin_packs_folder
        from reflect.packs.loader import load_pack_file
    except ImportError:
        return []
    shapes: list[PackShape] = []
    for path in sorted(builtin_packs_folder().glob("*.y*ml")):
        try:
            pack = load_pack_file(path)
        except Exception:  # a pack being written right now may not load yet: skip it
            continue
        follow_ups = {
            question.id: FollowUp(question.when.question, question.when.is_met)
            for question in pack.questions
            if question.when is not None
        }
        shapes.append(
            PackShape(
                reference=pack.reference(),
                questions=tuple(
                    question.snapshot(position) for position, question in enumerate(pack.questions)
                ),
                follow_ups=follow_ups,
            )
        )
    return shapes


def _scale(
    position: int, question_id: str, text: str, dimension: str, *, reverse: bool = False
) -> QuestionSnapshot:
    return QuestionSnapshot(
        id=question_id,
        text=text,
        kind="scale",
        position=position,
        scale_min=0,
        scale_max=10,
        min_label="not at all",
        max_label="completely",
        dimension=dimension,
        reverse=reverse,
    )


def fallback_pack_shapes() -> list[PackShape]:
    """Question snapshots shaped like the built-in packs, for when prompts/ has none yet."""
    checkin = (
        _scale(0, "safe", "How safe did it feel to say what was on your mind?", "safety"),
        _scale(1, "understood", "How understood did you feel?", "understood"),
        _scale(2, "trust", "How much did you trust your therapist this week?", "trust"),
        _scale(3, "goals", "How much were you working on what matters to you?", "goals"),
        _scale(4, "held_back", "How much did you hold back?", "openness", reverse=True),
        QuestionSnapshot(id="moment", text="What moment stays with you?", kind="text", position=5),
        QuestionSnapshot(id="bring", text="Anything to bring next time?", kind="yesno", position=6),
    )
    rupture = (
        _scale(0, "strain", "How strained did things feel?", "rupture", reverse=True),
        QuestionSnapshot(
            id="shape",
            text="How did it show?",
            kind="choice",
            position=1,
            options=("I went quiet", "I argued", "Both", "Neither"),
        ),
        _scale(2, "repaired", "How far has it been talked through?", "repair"),
        _scale(3, "bond", "How close does the relationship feel now?", "bond"),
        QuestionSnapshot(id="what", text="What happened, in your words?", kind="text", position=4),
    )
    weekly = (
        _scale(0, "accepted", "How accepted did you feel?", "accepted"),
        _scale(1, "genuine", "How real did your therapist seem?", "genuine"),
        _scale(2, "tasks", "How well do the things you do in sessions fit you?", "tasks"),
        _scale(3, "openness", "How easy was it to talk about the relationship?", "openness"),
        _scale(4, "bond", "How connected did you feel?", "bond"),
        _scale(5, "safety", "How free did you feel to go at your own pace?", "safety"),
        QuestionSnapshot(
            id="noticed",
            text="What did you notice about how you relate?",
            kind="text",
            position=6,
        ),
        QuestionSnapshot(
            id="feelings",
            text="Which of these were there?",
            kind="multi",
            position=7,
            options=("warmth", "irritation", "relief", "shame", "hope"),
        ),
    )
    shapes = []
    for pack_id, title, questions in (
        (CHECKIN_PACK, "After-session check-in", checkin),
        ("rupture", "When something felt off", rupture),
        ("weekly", "Weekly reflection", weekly),
    ):
        reference = PackReference(
            id=pack_id,
            version="1",
            title=title,
            content_hash=uuid.uuid5(uuid.NAMESPACE_URL, f"reflect-benchmark/{pack_id}").hex,
            definition={"id": pack_id, "title": title, "generated": "benchmark fallback"},
        )
        shapes.append(PackShape(reference=reference, questions=questions))
    return shapes


def pack_shapes() -> list[PackShape]:
    return builtin_pack_shapes() or fallback_pack_shapes()


@dataclass
class GeneratedEntry:
    id: str
    kind: str
    pack: PackShape | None
    created_at: datetime
    flagged: bool
    private: bool
    draft: bool
    trashed: bool
    tags: list[str]
    answers: list[tuple[QuestionSnapshot, AnswerValue]]


class JournalWriter:
    """Builds entries from a seeded random source."""

    def __init__(self, seed: int, shapes: Sequence[PackShape]) -> None:
        self.random = random.Random(seed)
        self.shapes = list(shapes)
        self.weights = [
            CHECKIN_WEIGHT if s.reference.id == CHECKIN_PACK else 1 for s in self.shapes
        ]
        # Drawing 60 words one by one for every answer dominates the run time at 100,000
        # entries; whole sentences from a large pool give the same vocabulary and lengths.
        self.sentences = [self.sentence() for _ in range(SENTENCE_POOL)]

    def sentence(self) -> str:
        words = self.random.choices(WORDS, k=self.random.randint(6, 18))
        return " ".join(words).capitalize() + "."

    def text(self) -> str:
        """About TEXT_ANSWER_WORDS words: sentences drawn from a pool made once per journal."""
        return " ".join(self.random.choices(self.sentences, k=self.random.choice((4, 5, 6))))

    def value(self, question: QuestionSnapshot) -> AnswerValue:
        skip_share = SKIP_SHARE if question.kind == "scale" else WORDED_SKIP_SHARE
        if self.random.random() < skip_share:
            return None
        if question.kind == "scale":
            low, high = question.scale_min or 0, question.scale_max or 10
            middle = (low + high) / 2
            spread = (high - low) / 4
            return max(low, min(high, round(self.random.gauss(middle + spread / 2, spread))))
        if question.kind == "text":
            return self.text()
        if question.kind == "yesno":
            return self.random.choice(("yes", "no"))
        options = list(question.options or ("one", "two"))
        if question.kind == "choice":
            return self.random.choice(options)
        return self.random.sample(options, self.random.randint(1, min(3, len(options))))

    def answers(self, shape: PackShape) -> list[tuple[QuestionSnapshot, AnswerValue]]:
        given: dict[str, AnswerValue] = {}
        answers = []
        for question in shape.questions:
            follow_up = shape.follow_ups.get(question.id)
            if follow_up is not None and not follow_up.is_met(given.get(follow_up.question_id)):
                continue  # a follow-up that was not asked leaves no row
            value = self.value(question)
            given[question.id] = value
            answers.append((question, value))
        return answers

    def entry(self, created_at: datetime) -> GeneratedEntry:
        rng = self.random
        entry_id = str(uuid.UUID(int=rng.getrandbits(128), version=4))
        is_note = rng.random() < NOTE_SHARE
        shape = None if is_note else rng.choices(self.shapes, self.weights)[0]
        if shape is None:
            note = QuestionSnapshot(id="note", text="Note", kind="text", position=0)
            answers: list[tuple[QuestionSnapshot, AnswerValue]] = [(note, self.text())]
        else:
            answers = self.answers(shape)
        return GeneratedEntry(
            id=entry_id,
            kind="note" if is_note else "run",
            pack=shape,
            created_at=created_at,
            flagged=rng.random() < FLAGGED_SHARE,
            private=rng.random() < PRIVATE_SHARE,
            draft=not is_note and rng.random() < DRAFT_SHARE,
            trashed=rng.random() < TRASHED_SHARE,
            tags=rng.sample(TAGS, rng.choice((0, 0, 1, 1, 1, 2, 3))),
            answers=answers,
        )


def journal_span(entries: int) -> timedelta:
    """About eight entries a day, over at least a month and at most fifteen years."""
    days = min(max(entries / 8, 30), 15 * 365)
    return timedelta(days=days)


def entry_times(rng: random.Random, count: int) -> list[datetime]:
    span = journal_span(count).total_seconds()
    start = END_OF_JOURNAL - timedelta(seconds=span)
    offsets = sorted(rng.uniform(0, span) for _ in range(count))
    return [start + timedelta(seconds=int(offset)) for offset in offsets]


def db_time(moment: datetime) -> str:
    return moment.isoformat(timespec="microseconds")


def plant_rare_word(entries: list[GeneratedEntry], rng: random.Random) -> list[str]:
    """Append RARE_WORD to a text answer of RARE_WORD_ENTRIES live, public, finished entries."""
    candidates = [
        entry
        for entry in entries
        if not (entry.trashed or entry.private or entry.draft)
        and any(q.kind == "text" and isinstance(v, str) for q, v in entry.answers)
    ]
    chosen = rng.sample(candidates, min(RARE_WORD_ENTRIES, len(candidates)))
    for entry in chosen:
        for index, (question, value) in enumerate(entry.answers):
            if question.kind == "text" and isinstance(value, str):
                entry.answers[index] = (question, f"{value} A {RARE_WORD} by the window.")
                break
    return [entry.id for entry in chosen]


def insert_batch(cursor: Any, entries: Sequence[GeneratedEntry]) -> None:
    entry_rows = []
    answer_rows = []
    tag_rows = []
    for entry in entries:
        created = db_time(entry.created_at)
        finished = db_time(entry.created_at + timedelta(minutes=4))
        pack = entry.pack.reference if entry.pack else None
        entry_rows.append(
            (
                entry.id,
                entry.kind,
                pack.id if pack else None,
                pack.version if pack else None,
                pack.content_hash if pack else None,
                created,
                finished,
                None if entry.draft else finished,
                int(entry.flagged),
                int(entry.private),
                finished if entry.trashed else None,
            )
        )
        answer_rows.extend(
            answer_row(entry.id, question, value, created) for question, value in entry.answers
        )
        tag_rows.extend((entry.id, tag) for tag in entry.tags)
    cursor.executemany(
        "INSERT INTO entry (id, kind, pack_id, pack_version, pack_hash, created_at, "
        "updated_at, completed_at, flagged, private, trashed_at) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        entry_rows,
    )
    cursor.executemany(ANSWER_INSERT, answer_rows)
    cursor.executemany("INSERT INTO entry_tag (entry_id, tag) VALUES (?, ?)", tag_rows)


@contextlib.contextmanager
def answer_indexes_deferred(cursor: Any) -> Iterator[None]:
    """Drop the answer table's triggers and secondary indexes during a bulk load, then recreate
    them from their own SQL in sqlite_master (so the schema ends exactly as the migrations made
    it) and index the text answers in one pass.

    Per-row FTS triggers and random-order inserts into three indexes keyed by a UUID make a
    row-by-row load about five times slower; building them once at the end is sorted and fast.
    """
    saved = cursor.execute(
        "SELECT type, name, sql FROM sqlite_master "
        "WHERE tbl_name = 'answer' AND type IN ('index', 'trigger') AND sql IS NOT NULL"
    ).fetchall()
    for kind, name, _ in saved:
        cursor.execute(f'DROP {kind.upper()} "{name}"')
    yield
    for kind, _, sql in saved:
        if kind == "index":
            cursor.execute(sql)
    # The same rows the insert trigger (migration m002) indexes.
    cursor.execute(
        "INSERT INTO answer_fts (rowid, value_text) SELECT id, value_text FROM answer "
        "WHERE question_kind = 'text' AND value_text IS NOT NULL"
    )
    for kind, _, sql in saved:
        if kind == "trigger":
            cursor.execute(sql)


def insert_packs_and_sessions(
    cursor: Any, shapes: Sequence[PackShape], first: datetime, last: datetime
) -> int:
    sessions = []
    held = first.replace(hour=17, minute=0, second=0, microsecond=0)
    rng = random.Random(first.toordinal())
    while held <= last:
        sessions.append(
            (
                str(uuid.UUID(int=rng.getrandbits(128), version=4)),
                db_time(held),  # as `reflect sessions add` stores it
                None,
                db_time(held),
            )
        )
        held += timedelta(weeks=1)
    cursor.executemany(
        "INSERT OR IGNORE INTO pack_snapshot "
        "(content_hash, pack_id, version, title, definition, first_used_at) "
        "VALUES (?, ?, ?, ?, ?, ?)",
        [
            (
                shape.reference.content_hash,
                shape.reference.id,
                shape.reference.version,
                shape.reference.title,
                json.dumps(shape.reference.definition, ensure_ascii=False, sort_keys=True),
                db_time(first),
            )
            for shape in shapes
        ],
    )
    cursor.executemany(
        "INSERT INTO therapy_session (id, held_on, note, created_at) VALUES (?, ?, ?, ?)",
        sessions,
    )
    return len(sessions)


def jrnl_value(value: AnswerValue) -> str:
    if value is None:
        return "(skipped)"
    if isinstance(value, list):
        return ", ".join(value)
    return str(value)


def jrnl_text(entry: GeneratedEntry) -> str:
    """One entry in jrnl's plain-text format: `[date] title` (+ ` *` if starred), then the body."""
    stamp = entry.created_at.strftime(JRNL_TIME_FORMAT)
    tags = " ".join(f"@{tag}" for tag in entry.tags)
    if entry.pack is None:
        body = str(entry.answers[0][1])
        head = f"[{stamp}] {body}"
        lines = [head + (" *" if entry.flagged else "")]
        if tags:
            lines.append(tags)
    else:
        title = f"{entry.pack.reference.title}."
        lines = [f"[{stamp}] {title}" + (" *" if entry.flagged else "")]
        for question, value in entry.answers:
            if question.kind == "scale":
                shown = f"{jrnl_value(value)} ({question.scale_min}-{question.scale_max})"
            else:
                shown = jrnl_value(value)
            lines.append(f"{question.text} {shown}")
        if tags:
            lines.append(tags)
    return "\n".join(lines) + "\n\n"


def jrnl_config(journal: Path) -> str:
    """A complete jrnl 4.6 config (a complete one, so jrnl never stops to ask anything)."""
    import yaml

    config = {
        "colors": {"body": "none", "date": "none", "tags": "none", "title": "none"},
        "default_hour": 9,
        "default_minute": 0,
        "editor": "",
        "encrypt": False,
        "highlight": False,
        "indent_character": "|",
        "journals": {"default": {"journal": str(journal)}},
        "linewrap": 79,
        "tagsymbols": "#@",
        "template": False,
        "timeformat": JRNL_TIME_FORMAT,
        "version": "4.6",
    }
    return yaml.safe_dump(config, sort_keys=True)


@dataclass
class Manifest:
    entries: int
    seed: int
    reflect_home: str
    jrnl_config: str | None
    show_id: str
    show_date: str
    rare_word: str
    rare_word_entries: list[str]
    checkin_pack: str | None
    checkin_answers: dict[str, Any]
    answers: int
    """Answers given (skipped questions not counted)."""
    scale_answers: int
    text_answers: int
    sessions: int
    packs: list[str]
    seconds: float

    def write(self, path: Path) -> None:
        path.write_text(json.dumps(self.__dict__, indent=2) + "\n", encoding="utf-8")

    @classmethod
    def read(cls, path: Path) -> Manifest:
        return cls(**json.loads(path.read_text(encoding="utf-8")))


def checkin_answers(shapes: Sequence[PackShape]) -> tuple[str | None, dict[str, Any]]:
    """A complete set of answers for the check-in pack (for a non-interactive `run`)."""
    shape = next((s for s in shapes if s.reference.id == CHECKIN_PACK), None)
    if shape is None:
        return None, {}
    writer = JournalWriter(7, [shape])
    answers: dict[str, Any] = {}
    for question, value in writer.answers(shape):
        if value is None:
            value = writer.value(question)
            while value is None:
                value = writer.value(question)
        answers[question.id] = value
    return shape.reference.id, answers


def batches(items: Sequence[GeneratedEntry], size: int) -> Iterator[Sequence[GeneratedEntry]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def generate(out: Path, entries: int, *, seed: int = 1, jrnl: bool = True) -> Manifest:
    """Write the journals under out (which must not hold a journal yet) and return the manifest."""
    started = time.perf_counter()
    home = out / "reflect"
    database_path = home / "journal.db"
    if database_path.exists():
        raise SystemExit(f"{database_path} exists already: remove {out} first")
    shapes = pack_shapes()
    writer = JournalWriter(seed, shapes)
    rng = random.Random(seed + 1)
    generated = [writer.entry(moment) for moment in entry_times(rng, entries)]
    rare_entries = plant_rare_word(generated, rng)

    paths = DataPaths(
        home=home.absolute(),
        database=database_path.absolute(),
        config=(home / "config.yaml").absolute(),
        packs=(home / "packs").absolute(),
    )
    with open_database(paths) as database:
        # Throwaway data, generated consistent: no fsync, no per-row foreign-key lookups.
        database.execute("PRAGMA synchronous = OFF")
        database.execute("PRAGMA foreign_keys = OFF")
        # Ids are random UUIDs, so the id indexes are written all over: keep them in memory.
        database.execute("PRAGMA cache_size = -262144")
        with database.transaction() as cursor:
            sessions = insert_packs_and_sessions(
                cursor, shapes, generated[0].created_at, generated[-1].created_at
            )
            with answer_indexes_deferred(cursor):
                for batch in batches(generated, ENTRIES_PER_BATCH):
                    insert_batch(cursor, batch)
        database.execute("PRAGMA optimize")
        database.execute("PRAGMA wal_checkpoint(TRUNCATE)")

    config_path = None
    if jrnl:
        jrnl_folder = out / "jrnl"
        jrnl_folder.mkdir(parents=True, exist_ok=True)
        journal_path = (jrnl_folder / "journal.txt").absolute()
        with journal_path.open("w", encoding="utf-8") as handle:
            handle.writelines(jrnl_text(entry) for entry in generated if not entry.trashed)
        config_path = jrnl_folder / "jrnl.yaml"
        config_path.write_text(jrnl_config(journal_path), encoding="utf-8")

    # An entry from the middle of the journal: `show` must not depend on where it sits.
    middle = next(e for e in generated[len(generated) // 2 :] if not (e.trashed or e.draft))
    checkin_pack, answers = checkin_answers(shapes)
    given = [q.kind for entry in generated for q, value in entry.answers if value is not None]
    manifest = Manifest(
        entries=entries,
        seed=seed,
        reflect_home=str(home.absolute()),
        jrnl_config=str(config_path.absolute()) if config_path else None,
        show_id=middle.id,
        show_date=middle.created_at.strftime("%Y-%m-%d"),
        rare_word=RARE_WORD,
        rare_word_entries=rare_entries,
        checkin_pack=checkin_pack,
        checkin_answers=answers,
        answers=len(given),
        scale_answers=given.count("scale"),
        text_answers=given.count("text"),
        sessions=sessions,
        packs=[shape.reference.id for shape in shapes],
        seconds=round(time.perf_counter() - started, 2),
    )
    manifest.write(out / "manifest.json")
    return manifest


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--entries", type=int, default=10_000, help="how many entries (10000)")
    parser.add_argument("--out", type=Path, required=True, help="folder to write into")
    parser.add_argument("--seed", type=int, default=1, help="random seed (1)")
    parser.add_argument("--no-jrnl", action="store_true", help="skip the jrnl journal")
    args = parser.parse_args(argv)
    manifest = generate(args.out, args.entries, seed=args.seed, jrnl=not args.no_jrnl)
    share = manifest.scale_answers / max(manifest.answers, 1)
    print(
        f"{manifest.entries} entries, {manifest.answers} answers given ({share:.0%} on scales), "
        f"{manifest.sessions} sessions, packs {', '.join(manifest.packs)}: "
        f"{manifest.seconds:.1f} s -> {args.out}",
        file=sys.stderr,
    )


if __name__ == "__main__":
    main()
