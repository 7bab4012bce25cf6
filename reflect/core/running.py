"""Running a pack and writing notes: the flow, independent of how questions are shown.

A run becomes a draft entry with its first answer (or skip): a run stopped before that leaves
nothing behind. Each answer is committed the moment it is given, with Ctrl-C, SIGTERM and SIGHUP
held back for the few milliseconds of the commit, so an interruption at any point keeps every
answer given so far and `--resume` continues at the first unanswered question. The flow walks
the questions that apply (follow-ups whose condition holds) in pack order with a cursor, so
"back" and "forward" are well defined even when changing an answer brings a follow-up in or out.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterable
from datetime import datetime
from typing import TYPE_CHECKING, Unpack

from msgspec import Struct, field

from reflect import clock
from reflect.clock import from_db_time
from reflect.core.asking import Asker, GoBack, QuestionPrompt
from reflect.core.signals import interruptible_by_signals as interruptible_by_signals
from reflect.core.signals import signals_held_back
from reflect.errors import ReflectError
from reflect.model import AnswerMismatch, EntryMarks, check_answer
from reflect.packs.definition import clean_pack
from reflect.packs.schema import validated_pack
from reflect.store.drafts import (
    given_answers,
    newest_draft,
    pack_definition,
    previous_entry_answers,
)
from reflect.store.entries import NewEntryMarks, complete_entry, save_answer, start_entry

if TYPE_CHECKING:
    from reflect.model import AnswerValue, QuestionSnapshot
    from reflect.packs.definition import Pack, Question
    from reflect.store.database import Database


class PackRun(Struct):
    """A pack being answered: its draft entry (None until the first answer) and the answers."""

    database: Database
    pack: Pack
    entry_id: str | None
    answers: dict[str, AnswerValue] = field(default_factory=dict)
    resumed: bool = False
    flagged: bool = False
    private: bool = False
    started_at: datetime | None = None
    dated: datetime | None = None
    tags: tuple[str, ...] = ()
    last_time: dict[str, AnswerValue] = field(default_factory=dict)

    @classmethod
    def start(
        cls,
        database: Database,
        pack: Pack,
        **marks: Unpack[NewEntryMarks],
    ) -> PackRun:

        return cls(
            database,
            pack,
            None,
            flagged=marks.get("flagged", False),
            private=marks.get("private", False),
            started_at=clock.utc_now(),  # looked up on the module: tests freeze it there
            dated=marks.get("at"),
            tags=tuple(marks.get("tags", ())),
            last_time=_offered_again(database, pack, None),
        )

    @classmethod
    def resume(cls, database: Database, pack: Pack) -> PackRun:
        """The newest draft of this pack, with the pack exactly as that draft was started."""

        draft = newest_draft(database, pack.id)
        if draft is None:
            raise ReflectError(
                f"There is no unfinished entry of the pack {pack.id!r} to continue.",
                f"Start a new one with `reflect run {pack.id}`.",
            )
        started_with = pack
        if draft.pack_hash and draft.pack_hash != pack.content_hash():
            definition = pack_definition(database, draft.pack_hash)
            if definition is not None:
                stored = clean_pack(definition)
                if stored is None:  # not clean: the models decide (a ValueError if invalid)
                    with contextlib.suppress(ValueError):
                        stored = validated_pack(definition)
                started_with = stored or pack

        return cls(
            database,
            started_with,
            draft.entry_id,
            given_answers(database, draft.entry_id),
            resumed=True,
            flagged=draft.flagged,
            private=draft.private,
            started_at=from_db_time(draft.created_at),
            last_time=_offered_again(database, started_with, draft.entry_id),
        )

    def applicable(self) -> list[Question]:
        """The questions this run asks, given the answers so far (follow-ups only when met)."""
        return [
            question
            for question in self.pack.questions
            if question.when is None
            or question.when.is_met(self.answers.get(question.when.question))
        ]

    def first_unanswered(self) -> int:
        questions = self.applicable()
        return next(
            (index for index, q in enumerate(questions) if q.id not in self.answers),
            len(questions),
        )

    @property
    def kept(self) -> int:
        """How many questions have an answer (skips not counted)."""
        return sum(1 for value in self.answers.values() if value is not None)

    @property
    def skipped(self) -> int:
        return sum(1 for value in self.answers.values() if value is None)

    def record(self, question: Question, value: AnswerValue) -> None:
        """Commit one answer now; an interruption waits until the commit is done.

        The answer passes the one check every answer passes (check_answer) first.
        """

        value = check_answer(question, value)
        snapshot = question.snapshot(self.pack.questions.index(question))
        with signals_held_back():
            if self.entry_id is None:
                self.entry_id = self._start_entry([(snapshot, value)])
            else:
                save_answer(self.database, self.entry_id, snapshot, value)
            self.answers[question.id] = value

    def _start_entry(self, answers: list[tuple[QuestionSnapshot, AnswerValue]]) -> str:

        return start_entry(
            self.database,
            self.pack.reference(),
            at=self.dated or self.started_at,
            flagged=self.flagged,
            private=self.private,
            tags=self.tags,
            answers=answers,
        )

    def ask_all(self, asker: Asker) -> None:
        """Ask from the first unanswered question to the end, saving each reply as it comes."""
        position = self.first_unanswered()
        total = len(self.pack.questions)
        follow_ups = any(question.when is not None for question in self.pack.questions)
        while True:
            questions = self.applicable()
            if position >= len(questions):
                return
            question = questions[position]
            reply = asker.ask(
                QuestionPrompt(
                    question=question,
                    number=position + 1,
                    total=total,
                    previous=self.answers.get(question.id),
                    answered_before=question.id in self.answers,
                    can_go_back=position > 0,
                    follow_ups=follow_ups,
                    last_time=self.last_time.get(question.id),
                )
            )
            if isinstance(reply, GoBack):
                position = max(position - 1, 0)
                continue
            self.record(question, reply.value)
            position = self.applicable().index(question) + 1

    def recap(self) -> list[tuple[Question, AnswerValue]]:
        """The questions asked, in order, with their answers (None: skipped)."""
        return [
            (question, self.answers.get(question.id))
            for question in self.applicable()
            if question.id in self.answers
        ]

    def complete(
        self, *, flagged: bool | None = None, private: bool | None = None, tags: Iterable[str] = ()
    ) -> None:

        with signals_held_back():
            if self.entry_id is None:  # nothing was asked: the entry is still worth keeping
                self.entry_id = self._start_entry([])
            marks = EntryMarks(flagged, private, add_tags=tuple(tags))
            complete_entry(self.database, self.entry_id, marks)


def _offered_again(database: Database, pack: Pack, current: str | None) -> dict[str, AnswerValue]:
    """The previous entry's scale answers that still fit the same question's scale."""

    earlier = previous_entry_answers(database, pack.id, before=current)
    offered: dict[str, AnswerValue] = {}
    for question in pack.questions:
        answer = earlier.get(question.id)
        if answer is None or question.kind != "scale" or answer.kind != "scale":
            continue
        if (answer.scale_min, answer.scale_max) != (question.min, question.max):
            continue  # the scale changed: the old number would not mean the same
        with contextlib.suppress(AnswerMismatch):
            offered[question.id] = check_answer(question, answer.value)
    return offered
