"""The rules that relate a pack's fields to each other, on plain mappings.

Each rule works on plain data (a validated pack's fields or the raw YAML of a file) and returns
RuleViolation values located by a path below the object it checks; none of them raises. The
pydantic models (reflect.packs.schema) enforce them, the loader runs them on the raw data so
that every problem of a file is reported with its own line, and the fast reading of a clean
pack (reflect.packs.definition) runs them before it trusts a file. Nothing here imports pydantic.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any, TypeGuard

from msgspec import Struct

from reflect.model import QUESTION_KINDS

SCALE_ONLY_FIELDS = ("min", "max", "min_label", "max_label", "dimension", "reverse")
SCALE_REQUIRED_FIELDS = ("min", "max", "dimension")
CONDITION_FIELDS = ("at_most", "at_least", "equals", "includes")
MAX_SCALE_POINTS = 101
MAX_QUESTIONS = 200


class RuleViolation(Struct, frozen=True):
    """One broken rule: where (a path below the checked object), what, and how to fix it."""

    path: tuple[str | int, ...]
    message: str
    hint: str | None = None
    # Point at the key rather than its value: the problem is that the key is there at all.
    at_key: bool = False


def dimension_violations(pack: Mapping[str, Any]) -> list[RuleViolation]:
    """A former name belongs to one declared dimension only and is not a current name.

    Paths start at the pack (dimensions, name, formerly, index, name).
    """
    declared = pack.get("dimensions")
    if not isinstance(declared, Mapping):
        return []
    violations: list[RuleViolation] = []
    owner: dict[str, str] = {}
    for name, declaration in declared.items():
        if not isinstance(declaration, Mapping) or not isinstance(
            declaration.get("formerly"), list
        ):
            continue
        for index, former in enumerate(declaration["formerly"]):
            if not isinstance(former, Mapping) or not isinstance(former.get("name"), str):
                continue
            old = former["name"]
            where = ("dimensions", name, "formerly", index, "name")
            if old in declared:
                violations.append(
                    RuleViolation(
                        where,
                        f"{old!r} is a dimension of this pack now, so it cannot be a former name",
                        "list under formerly only names no question uses any more",
                    )
                )
            elif old in owner and owner[old] != name:
                violations.append(
                    RuleViolation(
                        where,
                        f"{old!r} is already a former name of {owner[old]!r}",
                        "an old dimension can join only one new one",
                    )
                )
            owner.setdefault(old, name)
    return violations


def _is_number(value: object) -> TypeGuard[int | float]:
    return isinstance(value, int | float) and not isinstance(value, bool)


def condition_violations(condition: Mapping[str, Any]) -> list[RuleViolation]:
    """A follow-up condition names exactly one test."""
    given = [name for name in CONDITION_FIELDS if condition.get(name) is not None]
    if not given:
        return [
            RuleViolation(
                (),
                "has no condition",
                "add one of at_most, at_least (scale), equals (choice, yes/no) or includes (multi)",
            )
        ]
    if len(given) > 1 and set(given) != {"at_most", "at_least"}:
        return [
            RuleViolation(
                (given[1],),
                f"give one condition, not {' and '.join(given)}",
                "only at_most and at_least may be combined, for a range",
            )
        ]
    return []


def question_violations(question: Mapping[str, Any]) -> list[RuleViolation]:
    """The fields of one question fit its kind (field types are checked elsewhere)."""
    kind = question.get("kind")
    if kind not in QUESTION_KINDS:
        return []
    violations: list[RuleViolation] = []
    if kind == "scale":
        for name in SCALE_REQUIRED_FIELDS:
            if question.get(name) is None:
                violations.append(
                    RuleViolation(
                        (name,),
                        f"a scale question needs {name}",
                        "for example min: 0, max: 10, dimension: trust",
                    )
                )
        low, high = question.get("min"), question.get("max")
        if _is_number(low) and _is_number(high):
            if low >= high:
                violations.append(
                    RuleViolation(
                        ("min",),
                        f"min ({low}) must be smaller than max ({high})",
                        "for example min: 0 and max: 10",
                    )
                )
            elif high - low + 1 > MAX_SCALE_POINTS:
                violations.append(
                    RuleViolation(
                        ("max",),
                        f"a scale may have at most {MAX_SCALE_POINTS} points, this one has "
                        f"{high - low + 1}",
                    )
                )
    else:
        for name in SCALE_ONLY_FIELDS:
            if name in question:
                violations.append(
                    RuleViolation(
                        (name,),
                        f"{name} only belongs to scale questions, and this one is {kind}",
                        f"remove {name}, or make the question kind: scale",
                        at_key=True,
                    )
                )
    options = question.get("options")
    if kind in ("choice", "multi"):
        if options is None:
            violations.append(
                RuleViolation(
                    ("options",),
                    f"a {kind} question needs options",
                    "add options: a list of at least two answers to pick from",
                )
            )
        elif isinstance(options, list):
            if len(options) < 2:
                violations.append(
                    RuleViolation(("options",), f"a {kind} question needs at least two options")
                )
            seen: set[str] = set()
            for index, option in enumerate(options):
                if not isinstance(option, str):
                    continue
                if option in seen:
                    violations.append(
                        RuleViolation(("options", index), f"the option {option!r} appears twice")
                    )
                seen.add(option)
    elif "options" in question:
        violations.append(
            RuleViolation(
                ("options",),
                f"options only belong to choice and multi questions, and this one is {kind}",
                "remove options, or make the question kind: choice",
                at_key=True,
            )
        )
    if question.get("multiline") and kind != "text":
        violations.append(
            RuleViolation(
                ("multiline",), f"multiline only belongs to text questions, not {kind}", at_key=True
            )
        )
    return violations


def cross_question_violations(questions: object) -> list[RuleViolation]:
    """Question ids are unique; a follow-up depends on an earlier question, with a fitting test.

    Works on raw data: anything that is not shaped like a question is left to the field checks.
    Paths start at the questions list (index, field, ...).
    """
    if not isinstance(questions, list):
        return []
    violations: list[RuleViolation] = []
    position_of: dict[str, int] = {}
    for index, question in enumerate(questions):
        if isinstance(question, Mapping) and isinstance(question.get("id"), str):
            question_id = question["id"]
            if question_id in position_of:
                violations.append(
                    RuleViolation(
                        (index, "id"),
                        f"the question id {question_id!r} is already used by "
                        f"questions[{position_of[question_id]}]",
                        "every question needs its own id",
                    )
                )
            else:
                position_of[question_id] = index
    for index, question in enumerate(questions):
        if not isinstance(question, Mapping):
            continue
        condition = question.get("when")
        if not isinstance(condition, Mapping):
            continue
        target = condition.get("question")
        if not isinstance(target, str):
            continue
        where = (index, "when", "question")
        earlier_ids = {
            q["id"]: None
            for q in questions[:index]
            if isinstance(q, Mapping) and isinstance(q.get("id"), str)
        }
        earlier_hint = _earlier_questions_hint(earlier_ids)
        if target == question.get("id"):
            violations.append(
                RuleViolation(where, "a question cannot follow up itself", earlier_hint)
            )
        elif target not in position_of:
            violations.append(
                RuleViolation(where, f"there is no question {target!r} in this pack", earlier_hint)
            )
        elif position_of[target] > index:
            violations.append(
                RuleViolation(
                    where,
                    f"{target!r} comes later (questions[{position_of[target]}]); "
                    "a follow-up can only depend on an earlier question",
                    "move this question after the one it follows up",
                )
            )
        else:
            earlier = questions[position_of[target]]
            violations.extend(
                RuleViolation((index, "when", *v.path), v.message, v.hint)
                for v in condition_fit_violations(condition, earlier, target)
            )
    return violations


def _earlier_questions_hint(candidates: Iterable[str]) -> str:
    names = list(candidates)
    if not names:
        return "a follow-up needs an earlier question to depend on"
    return f"earlier questions: {', '.join(names)}"


def condition_fit_violations(
    condition: Mapping[str, Any], earlier: Mapping[str, Any], earlier_id: str
) -> list[RuleViolation]:
    """The test of a follow-up makes sense for the kind of question it depends on."""
    kind = earlier.get("kind")
    if kind not in QUESTION_KINDS:
        return []
    given = earlier.get("options")
    options: list[Any] = given if isinstance(given, list) else []
    violations: list[RuleViolation] = []
    for name in ("at_most", "at_least"):
        threshold = condition.get(name)
        if threshold is None:
            continue
        if kind != "scale":
            violations.append(
                RuleViolation(
                    (name,),
                    f"{name} needs a scale question, and {earlier_id!r} is {kind}",
                    _condition_hint(kind),
                )
            )
            continue
        low, high = earlier.get("min"), earlier.get("max")
        if (
            _is_number(threshold)
            and _is_number(low)
            and _is_number(high)
            and low < high
            and not low <= threshold <= high
        ):
            violations.append(
                RuleViolation(
                    (name,),
                    f"{threshold} is outside the scale of {earlier_id!r} ({low} to {high})",
                    "the follow-up would be asked always or never",
                )
            )
    equals = condition.get("equals")
    if isinstance(equals, bool):
        equals = "yes" if equals else "no"
    if equals is not None:
        if kind == "yesno" and equals not in ("yes", "no"):
            violations.append(
                RuleViolation(("equals",), f"{earlier_id!r} is yes/no: equals must be yes or no")
            )
        elif kind in ("choice", "multi") and equals not in options:
            violations.append(
                RuleViolation(
                    ("equals",),
                    f"{equals!r} is not one of the options of {earlier_id!r}",
                    f"options: {', '.join(map(str, options))}" if options else None,
                )
            )
        elif kind in ("text", "scale"):
            violations.append(
                RuleViolation(
                    ("equals",),
                    f"equals needs a choice or yes/no question, and {earlier_id!r} is {kind}",
                    _condition_hint(kind),
                )
            )
    includes = condition.get("includes")
    if includes is not None:
        if kind != "multi":
            violations.append(
                RuleViolation(
                    ("includes",),
                    f"includes needs a multi question, and {earlier_id!r} is {kind}",
                    _condition_hint(kind),
                )
            )
        elif includes not in options:
            violations.append(
                RuleViolation(
                    ("includes",),
                    f"{includes!r} is not one of the options of {earlier_id!r}",
                    f"options: {', '.join(map(str, options))}" if options else None,
                )
            )
    return violations


def _condition_hint(kind: str) -> str:
    return {
        "scale": "for a scale use at_most or at_least",
        "choice": "for a choice use equals",
        "yesno": "for a yes/no question use equals: 'yes' or equals: 'no'",
        "multi": "for a multi question use includes",
        "text": "a text answer cannot start a follow-up",
    }[kind]


Location = tuple[str | int, ...]


def all_violations(data: Mapping[Any, Any]) -> list[tuple[Location, RuleViolation]]:
    """Every rule broken anywhere in a pack's raw data, each with the location (from the pack)
    its violation's path starts at."""
    found: list[tuple[Location, RuleViolation]] = [
        ((), violation) for violation in dimension_violations(data)
    ]
    questions = data.get("questions")
    if not isinstance(questions, list):
        return found
    for index, question in enumerate(questions):
        if not isinstance(question, Mapping):
            continue
        base = ("questions", index)
        found.extend((base, violation) for violation in question_violations(question))
        condition = question.get("when")
        if isinstance(condition, Mapping):
            found.extend(
                ((*base, "when"), violation) for violation in condition_violations(condition)
            )
    found.extend((("questions",), violation) for violation in cross_question_violations(questions))
    return found
