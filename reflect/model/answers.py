"""The one check of an answer against its question, for every way an answer arrives: a run in the
terminal, an answers file, an edit, an import.

It works on anything with a kind, bounds and options (a pack's Question, a stored
QuestionSnapshot), and says what was wrong as an AnswerProblem so each caller can word it for
its own place; the exception's text is the wording of an answers file. It never repeats the
answer itself.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from enum import Enum
from typing import Any, Protocol

from reflect.model.entries import AnswerValue


class AnswerShape(Protocol):
    """What an answer is checked against."""

    @property
    def kind(self) -> str: ...

    @property
    def bounds(self) -> tuple[int, int] | None: ...

    @property
    def options(self) -> Sequence[str] | None: ...


class AnswerProblem(Enum):
    NOT_A_WHOLE_NUMBER = "not a whole number"
    OUT_OF_RANGE = "outside the scale"
    NOT_AN_OPTION = "not one of the options"
    NOT_A_LIST = "not a list of options"
    UNKNOWN_OPTION = "an item is not one of the options"
    REPEATED_OPTION = "an option twice"
    NOT_YES_OR_NO = "not yes or no"
    NOT_TEXT = "not text"


class AnswerMismatch(ValueError):
    """The value does not fit the question; `problem` says how."""

    def __init__(self, problem: AnswerProblem, message: str) -> None:
        super().__init__(message)
        self.problem = problem


YES_WORDS = ("yes", "true")
NO_WORDS = ("no", "false")


def listed_options(shape: AnswerShape) -> str:
    """The options for a message. json.dumps escapes control characters, so a pack's option text
    cannot drive the terminal."""
    return ", ".join(json.dumps(option, ensure_ascii=False) for option in shape.options or ())


def check_answer(shape: AnswerShape, value: Any) -> AnswerValue:
    """The value as it is stored (None = skipped), or AnswerMismatch.

    Scale: a whole number (1.0 counts, True does not) within the bounds. Choice: one option,
    exactly as listed. Multi: a list of options, each at most once. Yes/no: a boolean or
    yes/no/true/false in any case, stored as "yes" or "no". Text: a string.
    """
    if value is None:
        return None
    if shape.kind == "scale":
        return _scale(shape, value)
    options = shape.options or ()
    if shape.kind == "choice":
        if not isinstance(value, str) or value not in options:
            raise AnswerMismatch(
                AnswerProblem.NOT_AN_OPTION,
                f"expected one of its options: {listed_options(shape)}",
            )
        return value
    if shape.kind == "multi":
        if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
            raise AnswerMismatch(
                AnswerProblem.NOT_A_LIST, f"expected a list of its options: {listed_options(shape)}"
            )
        if any(item not in options for item in value):
            raise AnswerMismatch(
                AnswerProblem.UNKNOWN_OPTION,
                f"every item must be one of its options: {listed_options(shape)}",
            )
        if len(set(value)) != len(value):
            raise AnswerMismatch(AnswerProblem.REPEATED_OPTION, "an option is listed twice")
        return list(value)
    if shape.kind == "yesno":
        return _yes_no(value)
    if not isinstance(value, str):
        raise AnswerMismatch(
            AnswerProblem.NOT_TEXT, "expected text (put numbers and dates in quotes)"
        )
    return value


def _scale(shape: AnswerShape, value: Any) -> int:
    bounds = shape.bounds
    span = f" from {bounds[0]} to {bounds[1]}" if bounds else ""
    whole = isinstance(value, int) or (isinstance(value, float) and value.is_integer())
    if isinstance(value, bool) or not whole:
        raise AnswerMismatch(AnswerProblem.NOT_A_WHOLE_NUMBER, f"expected a whole number{span}")
    number = int(value)
    if bounds is not None and not bounds[0] <= number <= bounds[1]:
        raise AnswerMismatch(
            AnswerProblem.OUT_OF_RANGE,
            f"{number} is outside its scale ({bounds[0]} to {bounds[1]})",
        )
    return number


def _yes_no(value: Any) -> str:
    if isinstance(value, bool):
        return "yes" if value else "no"
    word = value.strip().lower() if isinstance(value, str) else ""
    if word in YES_WORDS:
        return "yes"
    if word in NO_WORDS:
        return "no"
    raise AnswerMismatch(AnswerProblem.NOT_YES_OR_NO, "expected yes or no")
