"""A pack as the rest of reflect uses it: plain frozen records (msgspec Structs), and the fast
reading of a clean pack file into them.

The pack format is defined by the pydantic models of reflect.packs.schema, which every pack file
that is not clean goes through, for their exact, located messages. But importing pydantic and
building those models costs more than a whole `reflect run --answers` does otherwise
(benchmarks/read_paths.md), and nearly every pack file is clean: the built-in ones always, a
person's own once they have fixed it. So clean_pack() reads a pack whose every value already has
its final type and shape (a subset of what the models accept: `yes` for true or a quoted number
sends the file to the models) and which breaks none of the rules of reflect.packs.rules, and
gives exactly what the models would give (tests/packs/test_clean_reading.py compares the two on
every built-in pack, the test packs and thousands of generated variations). Anything else, it
leaves to the models by returning None.
"""

from __future__ import annotations

import hashlib
import json
import math
import re
from collections.abc import Mapping
from typing import Any, cast

from msgspec import Struct, field

from reflect.model import QUESTION_KINDS, AnswerValue, PackReference, QuestionKind, QuestionSnapshot
from reflect.packs.files import SLUG_MAX_LENGTH, SLUG_PATTERN
from reflect.packs.rules import MAX_QUESTIONS, all_violations

Document = dict[str, Any]


class FollowUpCondition(Struct, frozen=True):
    """When a follow-up question is asked: a condition on an earlier answer."""

    question: str
    at_most: float | None = None
    at_least: float | None = None
    equals: str | None = None
    includes: str | None = None

    def is_met(self, value: AnswerValue) -> bool:
        """Whether the earlier answer (None if skipped) calls for the follow-up."""
        if value is None:
            return False
        if self.at_most is not None or self.at_least is not None:
            if isinstance(value, bool) or not isinstance(value, int | float):
                return False
            if self.at_most is not None and value > self.at_most:
                return False
            return not (self.at_least is not None and value < self.at_least)
        if self.equals is not None:
            if isinstance(value, bool):
                value = "yes" if value else "no"
            return value == self.equals
        if self.includes is not None:
            return isinstance(value, list) and self.includes in value
        return False

    def document(self, *, exclude_none: bool = False) -> Document:
        return _without_none(
            {
                "question": self.question,
                "at_most": self.at_most,
                "at_least": self.at_least,
                "equals": self.equals,
                "includes": self.includes,
            },
            exclude_none,
        )


class Question(Struct, frozen=True):
    id: str
    text: str
    kind: QuestionKind
    help: str | None = None
    multiline: bool = False
    min: int | None = None
    max: int | None = None
    min_label: str | None = None
    max_label: str | None = None
    dimension: str | None = None
    reverse: bool | None = None
    options: tuple[str, ...] | None = None
    when: FollowUpCondition | None = None
    bring: bool = False

    @property
    def bounds(self) -> tuple[int, int] | None:
        """(min, max) of a scale question; None for the other kinds."""
        if self.min is None or self.max is None:
            return None
        return self.min, self.max

    def snapshot(self, position: int) -> QuestionSnapshot:
        """The question as it is asked now, stored with every answer."""
        return QuestionSnapshot(
            id=self.id,
            text=self.text,
            kind=self.kind,
            position=position,
            scale_min=self.min,
            scale_max=self.max,
            min_label=self.min_label,
            max_label=self.max_label,
            dimension=self.dimension,
            reverse=bool(self.reverse),
            options=self.options or None,
        )

    def document(self, *, exclude_none: bool = False) -> Document:
        when = None if self.when is None else self.when.document(exclude_none=exclude_none)
        return _without_none(
            {
                "id": self.id,
                "text": self.text,
                "kind": self.kind,
                "help": self.help,
                "multiline": self.multiline,
                "min": self.min,
                "max": self.max,
                "min_label": self.min_label,
                "max_label": self.max_label,
                "dimension": self.dimension,
                "reverse": self.reverse,
                "options": None if self.options is None else list(self.options),
                "when": when,
                "bring": self.bring,
            },
            exclude_none,
        )


class FormerDimension(Struct, frozen=True):
    """A name a dimension had in an earlier version of a pack.

    `inverted: true` when the old dimension read "higher is worse" (for example a "rupture" score
    that became "ease"): its old scores are flipped (10 - score) when joined with the new ones.
    """

    name: str
    inverted: bool = False


class DimensionDeclaration(Struct, frozen=True):
    """How a dimension reads to the person, and the names it had before."""

    label: str
    formerly: tuple[FormerDimension, ...] = ()


class Pack(Struct, frozen=True, kw_only=True):
    id: str
    title: str
    description: str = ""
    version: str = "1"
    intro: str = ""
    outro: str = ""
    dimensions: Mapping[str, DimensionDeclaration] = field(default_factory=dict)
    questions: tuple[Question, ...]

    def question(self, question_id: str) -> Question | None:
        return next((q for q in self.questions if q.id == question_id), None)

    def document(self, *, exclude_none: bool = False) -> Document:
        """The pack as the pack model dumps it (`model_dump(mode="json")`): what its content
        hash is taken of and what is stored beside the entries written with it."""
        return {
            "id": self.id,
            "title": self.title,
            "description": self.description,
            "version": self.version,
            "intro": self.intro,
            "outro": self.outro,
            "dimensions": {
                name: {
                    "label": declared.label,
                    "formerly": [
                        {"name": former.name, "inverted": former.inverted}
                        for former in declared.formerly
                    ],
                }
                for name, declared in self.dimensions.items()
            },
            "questions": [q.document(exclude_none=exclude_none) for q in self.questions],
        }

    def content_hash(self) -> str:
        canonical = json.dumps(self.document(), sort_keys=True, ensure_ascii=False)
        return hashlib.sha256(canonical.encode("utf-8")).hexdigest()

    def reference(self) -> PackReference:
        return PackReference(
            id=self.id,
            version=self.version,
            title=self.title,
            content_hash=self.content_hash(),
            definition=self.document(exclude_none=True),
        )


def _without_none(document: Document, exclude_none: bool) -> Document:
    if not exclude_none:
        return document
    return {key: value for key, value in document.items() if value is not None}


# --- Reading a clean pack


class _NotClean(Exception):
    """Raised inside clean_pack for anything the fast reading does not take as it stands."""


_SLUG = re.compile(SLUG_PATTERN)
_PACK_KEYS = frozenset(
    {"id", "title", "description", "version", "intro", "outro", "dimensions", "questions"}
)
_QUESTION_KEYS = frozenset(
    {
        "id",
        "text",
        "kind",
        "help",
        "multiline",
        "min",
        "max",
        "min_label",
        "max_label",
        "dimension",
        "reverse",
        "options",
        "when",
        "bring",
    }
)
_CONDITION_KEYS = frozenset({"question", "at_most", "at_least", "equals", "includes"})
# A whole number a condition may compare with and still be read as the same float.
_EXACT_FLOAT_LIMIT = 2**53


def clean_pack(data: object) -> Pack | None:
    """The pack `data` (parsed YAML, or a pack's document) describes, when it is clean: every
    value of its final type, no unknown key, no rule broken. None otherwise: the pack models
    (reflect.packs.schema) then decide, and word every problem."""
    try:
        return _pack(data)
    except _NotClean:
        return None


def _mapping(value: object, keys: frozenset[str]) -> Mapping[str, Any]:
    if type(value) is not dict or not keys.issuperset(value):
        raise _NotClean
    return cast("Mapping[str, Any]", value)


def _text(value: object, *, optional: bool = False, non_empty: bool = False) -> Any:
    if value is None and optional:
        return None
    if type(value) is not str or (non_empty and not value):
        raise _NotClean
    return value


def _slug(value: object, *, optional: bool = False) -> Any:
    if value is None and optional:
        return None
    if type(value) is not str or len(value) > SLUG_MAX_LENGTH or not _SLUG.fullmatch(value):
        raise _NotClean
    return value


def _flag(value: object) -> bool:
    return cast("bool", _exactly(bool, value))


def _whole(value: object) -> int | None:
    return cast("int | None", _exactly(int, value, optional=True))


def _exactly(kind: type, value: object, *, optional: bool = False) -> object:
    """value, when it is of exactly this type (a bool is not an int here), or None if allowed."""
    if (value is None and optional) or type(value) is kind:
        return value
    raise _NotClean


def _threshold(value: object) -> float | None:
    if value is None:
        return None
    if type(value) is int and abs(value) <= _EXACT_FLOAT_LIMIT:
        return float(value)
    if type(value) is float and math.isfinite(value):
        return value
    raise _NotClean


def _answer_word(value: object) -> str | None:
    if type(value) is bool:
        return "yes" if value else "no"
    return cast("str | None", _text(value, optional=True))


def _condition(value: object) -> FollowUpCondition | None:
    if value is None:
        return None
    fields = _mapping(value, _CONDITION_KEYS)
    return FollowUpCondition(
        question=_slug(fields.get("question")),
        at_most=_threshold(fields.get("at_most")),
        at_least=_threshold(fields.get("at_least")),
        equals=_answer_word(fields.get("equals")),
        includes=_answer_word(fields.get("includes")),
    )


def _options(value: object) -> tuple[str, ...] | None:
    if value is None:
        return None
    if type(value) is not list:
        raise _NotClean
    return tuple(_text(option, non_empty=True) for option in value)


def _question(value: object) -> Question:
    fields = _mapping(value, _QUESTION_KEYS)
    kind = fields.get("kind")
    if kind not in QUESTION_KINDS or type(kind) is not str:
        raise _NotClean
    reverse = fields.get("reverse")
    return Question(
        id=_slug(fields.get("id")),
        text=_text(fields.get("text"), non_empty=True),
        kind=cast("QuestionKind", kind),
        help=_text(fields.get("help"), optional=True),
        multiline=_flag(fields.get("multiline", False)),
        min=_whole(fields.get("min")),
        max=_whole(fields.get("max")),
        min_label=_text(fields.get("min_label"), optional=True),
        max_label=_text(fields.get("max_label"), optional=True),
        dimension=_slug(fields.get("dimension"), optional=True),
        reverse=None if reverse is None else _flag(reverse),
        options=_options(fields.get("options")),
        when=_condition(fields.get("when")),
        bring=_flag(fields.get("bring", False)),
    )


def _dimensions(value: object) -> dict[str, DimensionDeclaration]:
    if type(value) is not dict:
        raise _NotClean
    declared: dict[str, DimensionDeclaration] = {}
    for name, declaration in value.items():
        fields = _mapping(declaration, frozenset({"label", "formerly"}))
        formerly = fields.get("formerly", [])
        if type(formerly) is not list:
            raise _NotClean
        former_names = []
        for former in formerly:
            former_fields = _mapping(former, frozenset({"name", "inverted"}))
            former_names.append(
                FormerDimension(
                    name=_slug(former_fields.get("name")),
                    inverted=_flag(former_fields.get("inverted", False)),
                )
            )
        declared[_slug(name)] = DimensionDeclaration(
            label=_text(fields.get("label"), non_empty=True), formerly=tuple(former_names)
        )
    return declared


def _version(value: object) -> str:
    if type(value) is int or (type(value) is float and math.isfinite(value)):
        return str(value)
    return cast("str", _text(value))


def _pack(data: object) -> Pack:
    fields = _mapping(data, _PACK_KEYS)
    questions = fields.get("questions")
    if type(questions) is not list or not 1 <= len(questions) <= MAX_QUESTIONS:
        raise _NotClean
    pack = Pack(
        id=_slug(fields.get("id")),
        title=_text(fields.get("title"), non_empty=True),
        description=_text(fields.get("description", "")),
        version=_version(fields.get("version", "1")),
        intro=_text(fields.get("intro", "")),
        outro=_text(fields.get("outro", "")),
        dimensions=_dimensions(fields.get("dimensions", {})),
        questions=tuple(_question(question) for question in questions),
    )
    if all_violations(fields):
        raise _NotClean
    return pack
