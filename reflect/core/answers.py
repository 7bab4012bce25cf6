"""Answers given in a file (`reflect run PACK --answers FILE`): reading, parsing and checking.

The file is a YAML or JSON mapping of question id to value. Every value is checked against its
question before anything is written, so a file with one bad value saves nothing. Problems name
the question and what was expected, never the answer text itself.

Decisions where a file can be ambiguous:
- `null` (or `~`) skips a question; a question missing from the file is skipped too.
- A follow-up answered although its condition is not met is an error: silently dropping
  something a person wrote would lose it, and storing it would record a question never asked.
- yes/no accepts yes, no, true, false (any case, or YAML booleans).
- A scale value must be a whole number in range; text must be a string (quote numbers and dates).
"""

from __future__ import annotations

import json
import sys
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

from reflect.errors import AnswerError
from reflect.files import UserFileError, read_user_file
from reflect.model import AnswerMismatch, AnswerValue, QuestionSnapshot, check_answer

if TYPE_CHECKING:
    from reflect.packs.definition import Pack

MAX_ANSWERS_BYTES = 4 * 1024 * 1024
STDIN_SOURCE = "-"


def read_answers_source(source: str) -> tuple[bytes, str]:
    """The raw bytes of an answers file (or stdin for `-`) and a name for messages."""
    if source == STDIN_SOURCE:
        data = sys.stdin.buffer.read(MAX_ANSWERS_BYTES + 1)
        name = "standard input"
    else:
        path = Path(source).expanduser()
        name = str(path)
        try:
            # Bounded by the bytes read; a FIFO or device is refused rather than waited on.
            data = read_user_file(path, limit=MAX_ANSWERS_BYTES, on_excess=lambda: _too_large(name))
        except UserFileError as error:
            if "does not exist" in error.reason:
                raise AnswerError(f"The answers file {name} does not exist.") from error
            raise AnswerError(f"The answers file {error.message}") from error
    if len(data) > MAX_ANSWERS_BYTES:
        raise _too_large(name)
    return data, name


def _too_large(name: str) -> AnswerError:
    return AnswerError(f"The answers in {name} are larger than 4 MiB; nothing was saved.")


class DuplicateAnswer(ValueError):
    """The same question id appears twice: which answer was meant cannot be known."""

    def __init__(self, key: object, line: int | None = None) -> None:
        super().__init__(str(key))
        self.key = key
        self.line = line


def _unique_pairs(pairs: list[tuple[Any, Any]]) -> dict[Any, Any]:
    mapping: dict[Any, Any] = {}
    for key, value in pairs:
        if key in mapping:
            raise DuplicateAnswer(key)
        mapping[key] = value
    return mapping


def _load_yaml(text: str) -> Any:
    import yaml

    class AnswersLoader(yaml.SafeLoader):
        """safe_load, except that a key given twice is an error instead of last-one-wins."""

    def construct_unique_mapping(loader: yaml.SafeLoader, node: yaml.MappingNode) -> Any:
        loader.flatten_mapping(node)
        seen: set[Any] = set()
        for key_node, _ in node.value:
            key = loader.construct_object(key_node)
            if isinstance(key, str | int | float | bool) and key in seen:
                raise DuplicateAnswer(key, key_node.start_mark.line + 1)
            if isinstance(key, str | int | float | bool):
                seen.add(key)
        return loader.construct_mapping(node)

    AnswersLoader.add_constructor(
        yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG,
        construct_unique_mapping,
    )
    return yaml.load(text, Loader=AnswersLoader)  # a SafeLoader: plain data only


def parse_answers(data: bytes, name: str) -> dict[str, Any]:
    """The mapping in an answers file: JSON if it looks like JSON, YAML otherwise."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise AnswerError(f"The answers in {name} are not UTF-8 text.") from error
    if not text.strip():
        raise AnswerError(f"The answers in {name} are empty.")
    try:
        if text.lstrip().startswith("{"):
            loaded = json.loads(text, object_pairs_hook=_unique_pairs)
        else:
            loaded = _load_yaml(text)
    except DuplicateAnswer as duplicate:
        where = f" (line {duplicate.line})" if duplicate.line else ""
        raise AnswerError(
            f"The answers in {name} give {duplicate.key!r} more than once{where}; "
            "nothing was saved.",
            "Keep one answer per question.",
        ) from duplicate
    except RecursionError as error:
        raise AnswerError(f"The answers in {name} are nested too deeply to read.") from error
    except json.JSONDecodeError as error:
        raise AnswerError(
            f"The answers in {name} are not valid JSON (line {error.lineno}, column {error.colno})."
        ) from error
    except Exception as error:  # yaml.YAMLError and its parser/scanner subclasses
        mark = getattr(error, "problem_mark", None)
        where = f" (line {mark.line + 1}, column {mark.column + 1})" if mark is not None else ""
        raise AnswerError(f"The answers in {name} are not valid YAML{where}.") from error
    if not isinstance(loaded, dict):
        raise AnswerError(
            f"The answers in {name} must be a mapping of question id to answer.",
            "For example:  feel_safe: 7",
        )
    if not loaded:
        raise AnswerError(f"The answers in {name} hold no answers.")
    return {str(key): value for key, value in loaded.items()}


def check_answers(
    pack: Pack, given: Mapping[str, Any]
) -> list[tuple[QuestionSnapshot, AnswerValue]]:
    """Every question the run would ask, with its checked value (None = skipped).

    Raises one AnswerError listing every problem, each naming its question.
    """
    problems: list[str] = []
    known = {question.id for question in pack.questions}
    for question_id in given:
        if question_id not in known:
            problems.append(f"{question_id!r} is not a question of the pack {pack.id!r}")
    values: dict[str, AnswerValue] = {}
    answers: list[tuple[QuestionSnapshot, AnswerValue]] = []
    for position, question in enumerate(pack.questions):
        asked = question.when is None or question.when.is_met(values.get(question.when.question))
        if not asked:
            if given.get(question.id) is not None:
                problems.append(
                    f"{question.id!r} is a follow-up to {question.when.question!r} "  # type: ignore[union-attr]
                    "and its condition is not met by that answer; remove it or change that answer"
                )
            continue
        try:
            value = check_answer(question, given.get(question.id))
        except AnswerMismatch as error:
            problems.append(f"{question.id!r}: {error}")
            continue
        values[question.id] = value
        answers.append((question.snapshot(position), value))
    if problems:
        listed = "\n".join(f"  - {problem}" for problem in problems)
        raise AnswerError(
            f"The answers do not fit the pack {pack.id!r}; nothing was saved:\n{listed}",
            f"See the questions with `reflect packs show {pack.id}`.",
        )
    return answers
