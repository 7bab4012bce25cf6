"""The prompt-pack format, as pydantic models with extra="forbid".

A pack is a YAML mapping: id, title, description, version, intro, outro, questions. Each question
has an id (a slug, unique in the pack), text, optional help, and a kind:
  text    optional `multiline: true`
  scale   min, max, min_label, max_label, dimension (the trend it feeds), optional reverse
  choice  options (pick one)
  multi   options (pick any)
  yesno
A question may be a follow-up: `when:` names an earlier question and a condition on its answer;
it is asked only when the condition holds. Every question can be skipped.
"""

from __future__ import annotations

import hashlib
import json
from typing import TYPE_CHECKING, Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

if TYPE_CHECKING:
    from reflect.store.entries import AnswerValue, PackReference, QuestionSnapshot

SLUG_PATTERN = r"^[a-z0-9]+(?:[-_][a-z0-9]+)*$"
Slug = Annotated[str, Field(pattern=SLUG_PATTERN, min_length=1, max_length=64)]
NonEmpty = Annotated[str, Field(min_length=1)]
QuestionKind = Literal["text", "scale", "choice", "multi", "yesno"]
QUESTION_KINDS: tuple[str, ...] = ("text", "scale", "choice", "multi", "yesno")
SCALE_ONLY_FIELDS = ("min", "max", "min_label", "max_label", "dimension", "reverse")


class FollowUpCondition(BaseModel):
    """When a follow-up question is asked: a condition on an earlier answer."""

    model_config = ConfigDict(extra="forbid")

    question: Slug
    at_most: float | None = None
    at_least: float | None = None
    equals: str | None = None
    includes: str | None = None

    @model_validator(mode="after")
    def _one_condition(self) -> FollowUpCondition:
        given = [
            name
            for name in ("at_most", "at_least", "equals", "includes")
            if getattr(self, name) is not None
        ]
        if not given:
            raise ValueError("give a condition: at_most, at_least, equals or includes")
        return self

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


class Question(BaseModel):
    model_config = ConfigDict(extra="forbid")

    id: Slug
    text: NonEmpty
    kind: QuestionKind
    help: str | None = None
    multiline: bool = False
    min: int | None = None
    max: int | None = None
    min_label: str | None = None
    max_label: str | None = None
    dimension: Slug | None = None
    reverse: bool | None = None
    options: list[NonEmpty] | None = None
    when: FollowUpCondition | None = None

    @model_validator(mode="after")
    def _fields_fit_kind(self) -> Question:
        if self.kind == "scale":
            missing = [name for name in ("min", "max", "dimension") if getattr(self, name) is None]
            if missing:
                raise ValueError(f"a scale question needs {', '.join(missing)}")
            assert self.min is not None and self.max is not None
            if self.min >= self.max:
                raise ValueError(f"min ({self.min}) must be smaller than max ({self.max})")
            if self.max - self.min > 100:
                raise ValueError("a scale may have at most 101 points")
        else:
            misplaced = [name for name in SCALE_ONLY_FIELDS if getattr(self, name) is not None]
            if misplaced:
                raise ValueError(
                    f"{', '.join(misplaced)} only belong to scale questions, not {self.kind}"
                )
        if self.kind in ("choice", "multi"):
            if not self.options or len(self.options) < 2:
                raise ValueError(f"a {self.kind} question needs at least two options")
            if len(set(self.options)) != len(self.options):
                raise ValueError("options must be different from each other")
        elif self.options is not None:
            raise ValueError(f"options only belong to choice and multi questions, not {self.kind}")
        if self.multiline and self.kind != "text":
            raise ValueError("multiline only belongs to text questions")
        return self

    def snapshot(self, position: int) -> QuestionSnapshot:
        """The question as it is asked now, stored with every answer."""
        from reflect.store.entries import QuestionSnapshot

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
            options=tuple(self.options) if self.options else None,
        )


class Pack(BaseModel):
    model_config = ConfigDict(extra="forbid")

    id: Slug
    title: NonEmpty
    description: str = ""
    version: str = "1"
    intro: str = ""
    outro: str = ""
    questions: Annotated[list[Question], Field(min_length=1, max_length=200)]

    @field_validator("version", mode="before")
    @classmethod
    def _version_as_text(cls, value: Any) -> Any:
        if isinstance(value, int | float) and not isinstance(value, bool):
            return str(value)
        return value

    @model_validator(mode="after")
    def _questions_fit_together(self) -> Pack:
        seen: dict[str, Question] = {}
        for question in self.questions:
            if question.id in seen:
                raise ValueError(f"question id {question.id!r} is used twice")
            if question.when is not None:
                earlier = seen.get(question.when.question)
                if earlier is None:
                    raise ValueError(
                        f"question {question.id!r} follows up {question.when.question!r}, "
                        "which is not an earlier question of this pack"
                    )
                check_condition_fits(question.when, earlier)
            seen[question.id] = question
        return self

    def question(self, question_id: str) -> Question | None:
        return next((q for q in self.questions if q.id == question_id), None)

    def content_hash(self) -> str:
        canonical = json.dumps(self.model_dump(mode="json"), sort_keys=True, ensure_ascii=False)
        return hashlib.sha256(canonical.encode("utf-8")).hexdigest()

    def reference(self) -> PackReference:
        from reflect.store.entries import PackReference

        return PackReference(
            id=self.id,
            version=self.version,
            title=self.title,
            content_hash=self.content_hash(),
            definition=self.model_dump(mode="json", exclude_none=True),
        )


def check_condition_fits(condition: FollowUpCondition, earlier: Question) -> None:
    numeric = condition.at_most is not None or condition.at_least is not None
    if numeric and earlier.kind != "scale":
        raise ValueError(f"at_most/at_least need a scale question, and {earlier.id!r} is not one")
    if condition.equals is not None:
        if earlier.kind == "yesno" and condition.equals not in ("yes", "no"):
            raise ValueError(f"{earlier.id!r} is yes/no: equals must be 'yes' or 'no'")
        if earlier.kind in ("choice", "multi") and condition.equals not in (earlier.options or []):
            raise ValueError(f"{condition.equals!r} is not one of {earlier.id!r}'s options")
        if earlier.kind in ("text", "scale"):
            raise ValueError("equals needs a choice or yes/no question")
    if condition.includes is not None and (
        earlier.kind != "multi" or condition.includes not in (earlier.options or [])
    ):
        raise ValueError(f"includes needs one of the options of a multi question ({earlier.id!r})")
