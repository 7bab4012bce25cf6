"""How each kind of answer is stored and read back: numbers as numbers, yes/no as words, choices
as a JSON list in the writer's own characters, a skipped question as nothing at all."""

from __future__ import annotations

import pytest

from reflect.store.entries import decode_value, encode_value

ROUND_TRIPS = [
    ("scale", 7, (None, 7.0), 7),
    ("scale", 0, (None, 0.0), 0),
    ("scale", 6.5, (None, 6.5), 6.5),
    ("multi", ["calmer", "tired"], ('["calmer", "tired"]', None), ["calmer", "tired"]),
    ("multi", ("ruhig", "müde"), ('["ruhig", "müde"]', None), ["ruhig", "müde"]),
    ("multi", [], ("[]", None), []),
    ("yesno", True, ("yes", None), "yes"),
    ("yesno", False, ("no", None), "no"),
    ("yesno", "yes", ("yes", None), "yes"),
    ("yesno", "no", ("no", None), "no"),
    ("text", "A long day.", ("A long day.", None), "A long day."),
    ("choice", "better", ("better", None), "better"),
]


@pytest.mark.parametrize(("kind", "value", "stored", "read_back"), ROUND_TRIPS)
def test_each_kind_is_stored_in_its_column_and_read_back(kind, value, stored, read_back):
    assert encode_value(kind, value) == stored
    decoded = decode_value(kind, *stored)
    assert decoded == read_back
    assert type(decoded) is type(read_back)


@pytest.mark.parametrize("kind", ["scale", "multi", "yesno", "text", "choice"])
def test_a_skipped_question_stores_nothing_and_reads_back_as_skipped(kind):
    assert encode_value(kind, None) == (None, None)
    assert decode_value(kind, None, None) is None


def test_a_whole_number_read_back_is_an_int_and_a_fraction_stays_a_float():
    assert type(decode_value("scale", None, 4.0)) is int
    assert decode_value("scale", None, 4.25) == 4.25
    assert decode_value("scale", "ignored", 3.0) == 3


WRONG_VALUES = [
    ("scale", True, "a scale answer is a number"),
    ("scale", "7", "a scale answer is a number"),
    ("multi", "calmer", "a multi-choice answer is a list"),
    ("yesno", "maybe", "a yes/no answer is yes or no"),
    ("yesno", 1, "a yes/no answer is yes or no"),
    ("text", 3, "a text or choice answer is a string"),
    ("choice", ["better"], "a text or choice answer is a string"),
]


@pytest.mark.parametrize(("kind", "value", "message"), WRONG_VALUES)
def test_a_value_of_the_wrong_type_is_refused_by_kind(kind, value, message):
    with pytest.raises(TypeError) as raised:
        encode_value(kind, value)
    assert str(raised.value) == message
