"""The prompt-pack format, as pydantic models with extra="forbid": the authority on what a pack
file may hold, and the source of every message about a pack that is not clean.

A pack is a YAML mapping: id, title, description, version, intro, outro, questions. Each question
has an id (a slug, unique in the pack), text, optional help, and a kind:
  text    optional `multiline: true`
  scale   min, max, dimension (the trend it feeds), optional min_label, max_label, reverse
  choice  options (pick one)
  multi   options (pick any)
  yesno
A question may be a follow-up: `when:` names an earlier question and a condition on its answer;
it is asked only when the condition holds. Every question can be skipped. `bring: true` marks a
question whose answers belong in the export brief's "What I'd like to bring".

A pack may declare its dimensions under `dimensions:`: the label a client reads ("Connection") and,
under `formerly:`, the names the dimension had in earlier versions of the pack (`inverted: true`
when the old dimension read "higher is worse"), so trends join old answers with new ones.

The rules that relate fields to each other live in reflect.packs.rules; the models enforce them
(so a pack built in code is as valid as one loaded from a file). What a validated pack becomes is
a reflect.packs.definition.Pack (plain records, no pydantic).

pydantic is imported, and the models built, the first time pack_models() is called: together
they cost about 0.1 s, more than the rest of `reflect run --answers`, and a clean pack file never
needs them (reflect.packs.definition.clean_pack).
"""

from __future__ import annotations

import functools
from typing import TYPE_CHECKING, Annotated, Any, NamedTuple

from reflect.errors import PackError
from reflect.model import QuestionKind
from reflect.packs.definition import Pack, clean_pack
from reflect.packs.files import SLUG_MAX_LENGTH, SLUG_PATTERN
from reflect.packs.rules import (
    MAX_QUESTIONS,
    RuleViolation,
    condition_violations,
    cross_question_violations,
    dimension_violations,
    question_violations,
)

if TYPE_CHECKING:
    from pydantic import BaseModel

# The error type the models raise for a broken rule; its ctx carries the RuleViolation list.
RULE_ERROR_TYPE = "pack_rule"
CROSS_QUESTION_ERROR_TYPE = "pack_questions"


class PackModels(NamedTuple):
    """The pydantic models of a pack, one per kind of mapping in a pack file."""

    Pack: type[BaseModel]
    Question: type[BaseModel]
    FollowUpCondition: type[BaseModel]
    DimensionDeclaration: type[BaseModel]
    FormerDimension: type[BaseModel]


def validated_pack(data: object) -> Pack:
    """data checked by the pack model (pydantic's ValidationError, a ValueError, for anything
    wrong), as a Pack."""
    return pack_from_model(pack_models().Pack.model_validate(data))


def pack_from_model(model: BaseModel) -> Pack:
    """The Pack a validated pack model describes."""
    pack = clean_pack(model.model_dump(mode="json", exclude_none=True))
    if pack is None:  # pragma: no cover - tests/packs/test_clean_reading.py keeps the two agreed
        raise PackError("The pack is valid, but reflect could not read it.")
    return pack


@functools.cache
def pack_models() -> PackModels:
    """The pack models, built on first use (see the module's docstring)."""
    from pydantic import (
        BaseModel,
        ConfigDict,
        Field,
        Strict,
        field_validator,
        model_validator,
    )
    from pydantic_core import PydanticCustomError

    Slug = Annotated[str, Field(pattern=SLUG_PATTERN, min_length=1, max_length=SLUG_MAX_LENGTH)]
    NonEmpty = Annotated[str, Field(min_length=1)]
    ScaleEnd = Annotated[int, Strict()]
    Threshold = Annotated[float, Field(allow_inf_nan=False)]

    def raise_violations(error_type: str, violations: list[RuleViolation]) -> None:
        if violations:
            raise PydanticCustomError(
                error_type,
                "{summary}",
                {"summary": "; ".join(v.message for v in violations), "violations": violations},
            )

    class FollowUpCondition(BaseModel):
        """When a follow-up question is asked: a condition on an earlier answer."""

        model_config = ConfigDict(extra="forbid")

        question: Slug
        at_most: Threshold | None = None
        at_least: Threshold | None = None
        equals: str | None = None
        includes: str | None = None

        @field_validator("equals", "includes", mode="before")
        @classmethod
        def _yes_no_as_text(cls, value: Any) -> Any:
            # YAML reads an unquoted yes/no as true/false; a condition on a yes/no answer means
            # text.
            if isinstance(value, bool):
                return "yes" if value else "no"
            return value

        @model_validator(mode="after")
        def _one_condition(self) -> FollowUpCondition:
            raise_violations(RULE_ERROR_TYPE, condition_violations(self.model_dump()))
            return self

    class Question(BaseModel):
        model_config = ConfigDict(extra="forbid")

        id: Slug
        text: NonEmpty
        kind: QuestionKind
        help: str | None = None
        multiline: bool = False
        min: ScaleEnd | None = None
        max: ScaleEnd | None = None
        min_label: str | None = None
        max_label: str | None = None
        dimension: Slug | None = None
        reverse: bool | None = None
        options: list[NonEmpty] | None = None
        when: FollowUpCondition | None = None
        bring: bool = False

        @model_validator(mode="after")
        def _fields_fit_kind(self) -> Question:
            fields = self.model_dump(exclude_unset=True, exclude={"when"})
            raise_violations(RULE_ERROR_TYPE, question_violations(fields))
            return self

    class FormerDimension(BaseModel):
        """A name a dimension had in an earlier version of a pack (`inverted: true` when the
        old dimension read "higher is worse")."""

        model_config = ConfigDict(extra="forbid")

        name: Slug
        inverted: bool = False

    class DimensionDeclaration(BaseModel):
        """How a dimension reads to the person, and the names it had before."""

        model_config = ConfigDict(extra="forbid")

        label: NonEmpty
        formerly: list[FormerDimension] = Field(default_factory=list)

    class PackModel(BaseModel):
        model_config = ConfigDict(extra="forbid")

        id: Slug
        title: NonEmpty
        description: str = ""
        version: str = "1"
        intro: str = ""
        outro: str = ""
        dimensions: dict[Slug, DimensionDeclaration] = Field(default_factory=dict)
        questions: Annotated[list[Question], Field(min_length=1, max_length=MAX_QUESTIONS)]

        @field_validator("version", mode="before")
        @classmethod
        def _version_as_text(cls, value: Any) -> Any:
            if isinstance(value, int | float) and not isinstance(value, bool):
                return str(value)
            return value

        @model_validator(mode="after")
        def _questions_fit_together(self) -> PackModel:
            raw = [question.model_dump(exclude_none=True) for question in self.questions]
            raise_violations(CROSS_QUESTION_ERROR_TYPE, cross_question_violations(raw))
            raise_violations(
                RULE_ERROR_TYPE, dimension_violations(self.model_dump(include={"dimensions"}))
            )
            return self

    return PackModels(
        Pack=PackModel,
        Question=Question,
        FollowUpCondition=FollowUpCondition,
        DimensionDeclaration=DimensionDeclaration,
        FormerDimension=FormerDimension,
    )
