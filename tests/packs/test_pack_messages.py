"""Each kind of mistake in a pack file gets its own message, at its own line and column."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from reflect.errors import PackError
from reflect.packs.loader import (
    MAX_PACK_BYTES,
    PackValidationError,
    load_pack_bytes,
    load_pack_file,
    load_pack_text,
)

VALID = """\
id: sample
title: Sample
questions:
  - id: safe
    text: How safe did it feel?
    kind: scale
    min: 0
    max: 10
    dimension: safety
  - id: why
    text: What happened?
    kind: text
    when: {question: safe, at_most: 3}
"""


def problems_of(text: str, name: str = "pack.yaml") -> list[str]:
    with pytest.raises(PackValidationError) as caught:
        load_pack_text(textwrap.dedent(text), name)
    return [str(problem) for problem in caught.value.problems]


def only_problem(text: str) -> str:
    problems = problems_of(text)
    assert len(problems) == 1, problems
    return problems[0]


def test_the_sample_pack_is_valid():
    pack = load_pack_text(VALID, "pack.yaml")
    assert [question.id for question in pack.questions] == ["safe", "why"]


def test_unknown_kind_is_reported_in_the_documented_form():
    text = VALID.replace("kind: text", "kind: slider")
    assert only_problem(text) == (
        "pack.yaml:12:11: questions[1].kind: 'slider' is not one of text, scale, choice, multi, "
        "yesno"
    )


def test_unknown_key_suggests_the_key_that_was_meant():
    problem = only_problem(VALID.replace("title: Sample", "title: Sample\ndescripton: typo"))
    assert problem == (
        "pack.yaml:3:1: descripton: unknown key 'descripton' (did you mean 'description'?)"
    )


def test_unknown_question_key_without_a_close_match_lists_the_known_keys():
    problem = only_problem(VALID.replace("    kind: text", "    kind: text\n    colour: red"))
    assert problem.startswith("pack.yaml:13:5: questions[1].colour: unknown key 'colour'")
    assert "known keys: id, text, kind" in problem


@pytest.mark.parametrize("key", ["id", "title", "questions"])
def test_missing_required_pack_key_is_named(key):
    lines = VALID.splitlines(keepends=True)
    if key == "questions":
        text = "id: sample\ntitle: Sample\n"
    else:
        text = "".join(line for line in lines if not line.startswith(f"{key}:"))
    problem = only_problem(text)
    assert f": {key}: is missing (a pack needs id, title and questions" in problem


def test_missing_question_id_points_at_the_question():
    problem = only_problem(VALID.replace("  - id: why\n    text:", "  - text:"))
    assert problem.startswith("pack.yaml:10:5: questions[1].id: is missing")


def test_duplicate_question_ids_point_at_the_second_one():
    text = VALID.replace("id: why", "id: safe").replace(
        "    when: {question: safe, at_most: 3}\n", ""
    )
    problem = only_problem(text)
    assert "questions[1].id: the question id 'safe' is already used by questions[0]" in problem
    assert problem.startswith("pack.yaml:10:9:")


def test_duplicate_mapping_key_is_rejected_not_silently_kept():
    problem = only_problem(VALID.replace("    max: 10\n", "    max: 10\n    max: 5\n"))
    assert problem.startswith("pack.yaml:9:5: questions[0].max: the key 'max' appears twice")
    assert "first on line 8" in problem


def test_duplicate_top_level_key_is_rejected():
    problem = only_problem("id: a\n" + VALID)
    assert problem.startswith("pack.yaml:2:1: id: the key 'id' appears twice (first on line 1)")


def test_scale_with_min_not_below_max():
    problem = only_problem(VALID.replace("min: 0", "min: 10"))
    assert problem.startswith("pack.yaml:7:10: questions[0].min: min (10) must be smaller than max")


@pytest.mark.parametrize("key", ["reverse: true", "dimension: safety", "min: 1"])
def test_scale_fields_on_a_text_question_point_at_the_key(key):
    problem = only_problem(VALID.replace("    kind: text\n", f"    kind: text\n    {key}\n"))
    name = key.split(":")[0]
    assert problem.startswith(f"pack.yaml:13:5: questions[1].{name}: {name} only belongs to scale")


def test_choice_without_options():
    text = VALID.replace("kind: text\n    when: {question: safe, at_most: 3}", "kind: choice")
    assert only_problem(text) == (
        "pack.yaml:10:5: questions[1].options: a choice question needs options "
        "(add options: a list of at least two answers to pick from)"
    )


def test_follow_up_naming_an_unknown_question():
    problem = only_problem(VALID.replace("question: safe", "question: unsafe"))
    assert problem == (
        "pack.yaml:13:22: questions[1].when.question: there is no question 'unsafe' in this "
        "pack (earlier questions: safe)"
    )


def test_follow_up_naming_a_later_question():
    text = VALID + "  - id: later\n    text: Later?\n    kind: yesno\n"
    problem = only_problem(text.replace("question: safe", "question: later"))
    assert "questions[1].when.question: 'later' comes later (questions[2])" in problem


def test_follow_up_test_must_fit_the_earlier_question():
    problem = only_problem(VALID.replace("at_most: 3", "equals: 'yes'"))
    assert "questions[1].when.equals: equals needs a choice or yes/no question" in problem


@pytest.mark.parametrize("bad_id", ["Trust Pack", "trust!", "-trust", "trust--pack"])
def test_an_id_that_is_not_a_slug_gets_a_suggestion(bad_id):
    problem = only_problem(VALID.replace("id: sample", f"id: '{bad_id}'"))
    assert problem.startswith(f"pack.yaml:1:5: id: {bad_id!r} is not a valid id")
    assert "for example" in problem


@pytest.mark.parametrize("text", ["", "   \n", "# only a comment\n", "---\n", "~\n"])
def test_an_empty_file(text):
    assert only_problem(text).startswith("pack.yaml: file: is empty")


@pytest.mark.parametrize(
    ("text", "described"), [("- a\n- b\n", "a list"), ("just words\n", "'just words'")]
)
def test_a_top_level_that_is_not_a_mapping(text, described):
    assert only_problem(text).startswith(
        f"pack.yaml:1:1: pack: the top level is {described}, and it must be a mapping"
    )


def test_python_tags_are_refused_and_never_run(tmp_path):
    marker = tmp_path / "ran"
    text = f"id: !!python/object/apply:os.system ['touch {marker}']\ntitle: x\n"
    assert only_problem(text) == (
        "pack.yaml:1:5: yaml: the tag !!python/object/apply:os.system is not allowed "
        "(a pack holds only text, numbers, true/false, lists and mappings)"
    )
    assert not marker.exists()


def test_a_file_over_the_size_limit(tmp_path):
    path = tmp_path / "huge.yaml"
    path.write_text(VALID + "#" * MAX_PACK_BYTES, encoding="utf-8")
    with pytest.raises(PackError) as caught:
        load_pack_file(path)
    assert str(caught.value).startswith(f"{path}: file: is larger than 256 KiB")


def test_bytes_that_are_not_utf8_are_located():
    with pytest.raises(PackValidationError) as caught:
        load_pack_bytes(b"id: sample\ntitle: Caf\xe9\n", "latin1.yaml")
    assert str(caught.value) == (
        "latin1.yaml:2:11: file: byte 0xe9 is not UTF-8 text "
        "(save the file as UTF-8 (most editors offer it under 'encoding'))"
    )


def test_a_utf8_byte_order_mark_is_accepted():
    assert load_pack_bytes(b"\xef\xbb\xbf" + VALID.encode(), "bom.yaml").id == "sample"


def test_a_syntax_error_names_line_and_column():
    problem = only_problem("id: sample\ntitle: [unclosed\n")
    assert problem.startswith("pack.yaml:3:1: yaml: ")


def test_unquoted_yes_in_a_text_field_explains_the_yaml_trap():
    problem = only_problem(VALID.replace("title: Sample", "title: yes"))
    assert "title: should be text, not true (YAML reads yes, no, on and off" in problem


def test_unquoted_yes_in_a_follow_up_condition_means_yes():
    text = VALID.replace(
        "kind: scale\n    min: 0\n    max: 10\n    dimension: safety", "kind: yesno"
    )
    pack = load_pack_text(text.replace("at_most: 3", "equals: yes"), "pack.yaml")
    assert pack.questions[1].when is not None
    assert pack.questions[1].when.equals == "yes"


def test_every_problem_is_reported_not_only_the_first():
    text = """\
        id: Bad Id
        title: ''
        questions:
          - id: a
            text: One
            kind: slider
          - id: a
            text: Two
            kind: scale
            min: 5
            max: 1
            dimension: trust
          - id: c
            text: Three
            kind: multi
            when: {question: zzz, at_most: 2}
        """
    problems = problems_of(text)
    wheres = [problem.split(": ")[1] for problem in problems]
    assert wheres == [
        "id",
        "title",
        "questions[0].kind",
        "questions[1].id",
        "questions[1].min",
        "questions[2].options",
        "questions[2].when.question",
    ]


def test_an_alias_bomb_is_stopped_before_it_expands():
    lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
    lines += [f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 10)}]" for i in range(1, 8)]
    problem = only_problem("\n".join(lines) + "\n")
    assert "the file expands to more than" in problem


def test_deep_nesting_is_an_error_not_a_crash():
    assert "nested too deeply" in only_problem("[" * 5000 + "]" * 5000)


def test_a_folder_given_as_a_file(tmp_path):
    with pytest.raises(PackError) as caught:
        load_pack_file(tmp_path)
    assert str(caught.value) == f"{tmp_path}: file: is a folder, not a pack file"


def test_a_missing_file(tmp_path):
    with pytest.raises(PackError) as caught:
        load_pack_file(tmp_path / "nope.yaml")
    assert "nope.yaml: file: does not exist" in str(caught.value)


def test_a_merge_key_may_be_overridden_without_counting_as_a_duplicate():
    text = """\
        id: merged
        title: Merged
        base: &scale {kind: scale, min: 0, max: 10, dimension: trust}
        questions:
          - <<: *scale
            id: q
            text: Q?
            max: 5
        """
    problems = problems_of(text)
    assert problems == [
        "pack.yaml:3:1: base: unknown key 'base' (known keys: id, title, "
        "description, version, intro, outro, dimensions, questions)"
    ]


def test_a_pack_loaded_from_a_path_names_the_path(tmp_path: Path):
    path = tmp_path / "trust.yaml"
    path.write_text(VALID.replace("kind: text", "kind: slider"), encoding="utf-8")
    with pytest.raises(PackError) as caught:
        load_pack_file(path)
    assert str(caught.value).startswith(f"{path}:12:11: questions[1].kind:")


def test_a_key_that_is_not_text_is_named_as_a_key():
    problem = only_problem(VALID.replace("title: Sample", "title: Sample\n1: one"))
    assert problem == "pack.yaml:3:1: 1: a key must be text, not the number 1 (put it in quotes)"


@pytest.mark.parametrize("threshold", [".inf", "-.inf", ".nan"])
def test_a_follow_up_threshold_must_be_a_finite_number(threshold: str):
    problems = problems_of(VALID.replace("at_most: 3", f"at_most: {threshold}"))
    shown = threshold.lstrip(".").replace("-.", "-")
    assert problems[0] == (
        f"pack.yaml:13:37: questions[1].when.at_most: should be a finite number, not {shown}"
    )
