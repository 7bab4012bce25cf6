"""A pack declares its dimensions' labels and former names; `bring: true` marks brief questions."""

from __future__ import annotations

import textwrap

import pytest

from reflect.packs.loader import PackValidationError, load_pack_text

PACK = """\
id: sample
title: Sample
dimensions:
  ease:
    label: Ease between you
    formerly:
      - name: rupture
        inverted: true
  connection:
    label: Connection
    formerly: [{name: bond}]
questions:
  - id: smooth
    text: How smoothly are things going between you?
    kind: scale
    min: 0
    max: 10
    dimension: ease
  - id: bring
    text: What would you like to bring next time?
    kind: text
    bring: true
"""


def problems_of(text: str) -> list[str]:
    with pytest.raises(PackValidationError) as caught:
        load_pack_text(textwrap.dedent(text), "pack.yaml")
    return [str(problem) for problem in caught.value.problems]


def test_declared_dimensions_and_bring_questions_load():
    pack = load_pack_text(PACK, "pack.yaml")
    ease = pack.dimensions["ease"]
    assert ease.label == "Ease between you"
    assert [(f.name, f.inverted) for f in ease.formerly] == [("rupture", True)]
    assert [(f.name, f.inverted) for f in pack.dimensions["connection"].formerly] == [
        ("bond", False)
    ]
    assert pack.question("bring").bring is True
    assert pack.question("smooth").bring is False


def test_a_pack_without_dimensions_declares_none():
    pack = load_pack_text(
        "id: plain\ntitle: Plain\nquestions: [{id: q, text: Anything, kind: text}]\n", "p.yaml"
    )
    assert pack.dimensions == {}
    assert pack.question("q").bring is False


def test_a_current_dimension_cannot_be_a_former_name():
    text = PACK.replace("- name: rupture", "- name: connection")
    assert problems_of(text) == [
        "pack.yaml:7:15: dimensions.ease.formerly[0].name: 'connection' is a dimension of this "
        "pack now, so it cannot be a former name (list under formerly only names no question "
        "uses any more)"
    ]


def test_a_former_name_joins_one_dimension_only():
    text = PACK.replace("[{name: bond}]", "[{name: rupture}]")
    [problem] = problems_of(text)
    assert (
        "dimensions.connection.formerly[0].name: 'rupture' is already a former name of 'ease'"
        in problem
    )
    assert problem.startswith("pack.yaml:11:")


def test_unknown_keys_in_a_dimension_are_named_with_a_hint():
    problems = problems_of(PACK.replace("label: Connection", "lable: Connection"))
    assert (
        "pack.yaml:10:5: dimensions.connection.lable: unknown key 'lable' (did you mean 'label'?)"
        in problems
    )
    assert any("dimensions.connection.label: is missing" in problem for problem in problems)


def test_bring_must_be_true_or_false():
    [problem] = problems_of(PACK.replace("bring: true", "bring: often"))
    assert "questions[1].bring: should be true or false" in problem
