"""What a run asks and what comes back: the vocabulary between reflect.core.running (which walks a
pack) and whatever puts the questions to the person (reflect.render.running's terminal, or a test
double). Plain types, so the screen can use them without loading the pack model."""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol

from msgspec import Struct

if TYPE_CHECKING:
    from reflect.model import AnswerValue
    from reflect.packs.definition import Question


class Answered(Struct, frozen=True):
    """The person answered (value None: they skipped the question)."""

    value: AnswerValue


class GoBack(Struct, frozen=True):
    """The person wants to change the previous answer."""


Reply = Answered | GoBack


class QuestionPrompt(Struct, frozen=True):
    """One question as it is put to the person, with where they are in the pack.

    `number` counts the questions asked so far in this run; `total` is every question of the
    pack, follow-ups included (`follow_ups` says whether some may not be asked), so the count
    never jumps when a follow-up opens. `previous` is this run's answer (after going back);
    `last_time` the answer the pack's previous entry gave, when it can be offered as a start.
    """

    question: Question
    number: int
    total: int
    previous: AnswerValue = None
    answered_before: bool = False
    can_go_back: bool = False
    follow_ups: bool = False
    last_time: AnswerValue = None


class Asker(Protocol):
    """Whatever shows a question and returns the reply (a terminal, or a test double)."""

    def ask(self, prompt: QuestionPrompt) -> Reply: ...


def parse_tags(text: str) -> list[str]:
    """Tags typed as one line: separated by commas or spaces."""
    return [part for part in text.replace(",", " ").split() if part]
