"""The fast reading of a clean pack (reflect.packs.definition.clean_pack) gives exactly what the
pack models give, or leaves the file to them: never a pack the models would refuse, never a
different one. The content hash of every pack depends on it (entries keep the hash of the pack
they were written with), so the comparison covers the document the hash is taken of."""

from __future__ import annotations

import copy
import hashlib
import json
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pydantic import ValidationError

from reflect.packs.definition import clean_pack
from reflect.packs.files import builtin_packs_folder, pack_files_in
from reflect.packs.loader import load_pack_file
from reflect.packs.schema import pack_from_model, pack_models

FIRST_VERSION = Path(__file__).resolve().parents[1] / "fixtures" / "packs-v1"
PACK_FILES = [*pack_files_in(builtin_packs_folder()), *pack_files_in(FIRST_VERSION)]

# Every field of every kind of mapping, follow-ups of each kind and declared dimensions.
EVERY_FIELD: dict[str, Any] = {
    "id": "every-field",
    "title": "Every field",
    "description": "All of them.",
    "version": 3,
    "intro": "Hello.",
    "outro": "Bye.",
    "dimensions": {
        "ease": {"label": "Ease", "formerly": [{"name": "strain", "inverted": True}]},
        "trust": {"label": "Trust"},
    },
    "questions": [
        {"id": "note", "text": "Anything?", "kind": "text", "help": "Or not.", "multiline": True},
        {
            "id": "rating",
            "text": "How easy?",
            "kind": "scale",
            "min": 0,
            "max": 10,
            "min_label": "hard",
            "max_label": "easy",
            "dimension": "ease",
            "reverse": False,
            "bring": True,
        },
        {"id": "pick", "text": "Which?", "kind": "choice", "options": ["calm", "tense"]},
        {"id": "many", "text": "Some?", "kind": "multi", "options": ["quiet", "loud", "late"]},
        {"id": "yes-no", "text": "Was it?", "kind": "yesno"},
        {
            "id": "low",
            "text": "What was hard?",
            "kind": "text",
            "when": {"question": "rating", "at_least": 2, "at_most": 4},
        },
        {
            "id": "tense",
            "text": "Why?",
            "kind": "text",
            "when": {"question": "pick", "equals": "tense"},
        },
        {
            "id": "loud",
            "text": "How?",
            "kind": "text",
            "when": {"question": "many", "includes": "loud"},
        },
        {
            "id": "was",
            "text": "Say more",
            "kind": "text",
            "when": {"question": "yes-no", "equals": True},
        },
        {
            "id": "trusting",
            "text": "How much trust?",
            "kind": "scale",
            "min": 1,
            "max": 5,
            "dimension": "trust",
            "reverse": True,
        },
    ],
}


def old_content_hash(model: Any) -> str:
    """The content hash as reflect took it from the pydantic model before the fast reading."""
    canonical = json.dumps(model.model_dump(mode="json"), sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def assert_agree(data: object) -> bool:
    """The fast reading and the models agree on data; True when the fast reading took it."""
    clean = clean_pack(data)
    try:
        model = pack_models().Pack.model_validate(data)
    except (ValidationError, RecursionError):
        assert clean is None, "the fast reading took a pack the models refuse"
        return False
    if clean is None:
        return False
    assert clean == pack_from_model(model)
    assert clean.document() == model.model_dump(mode="json")
    assert clean.document(exclude_none=True) == model.model_dump(mode="json", exclude_none=True)
    assert clean.content_hash() == old_content_hash(model)
    return True


@pytest.mark.parametrize("path", PACK_FILES, ids=lambda path: f"{path.parent.name}/{path.name}")
def test_every_shipped_and_first_version_pack_is_clean_and_reads_as_the_models_read_it(path: Path):
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert assert_agree(data) is True
    assert load_pack_file(path) == pack_from_model(pack_models().Pack.model_validate(data))


def test_a_pack_with_every_field_is_clean_and_reads_as_the_models_read_it():
    assert assert_agree(EVERY_FIELD) is True
    pack = clean_pack(EVERY_FIELD)
    assert pack is not None
    assert pack.version == "3"
    assert pack.question("low").when.at_least == 2.0  # type: ignore[union-attr]
    assert pack.question("was").when.equals == "yes"  # type: ignore[union-attr]


@pytest.mark.parametrize(
    ("path", "value"),
    [
        (("questions", 0, "multiline"), "yes"),  # the models read it as true; the file is not clean
        (("questions", 1, "min"), 0.0),
        (("questions", 1, "min"), True),
        (("questions", 5, "when", "at_most"), "4"),
        (("questions", 2, "options", 0), 7),
        (("dimensions", "ease", "formerly", 0, "inverted"), "on"),
        (("version",), float("inf")),
    ],
)
def test_a_value_the_models_would_convert_leaves_the_file_to_them(path: tuple, value: object):
    data = copy.deepcopy(EVERY_FIELD)
    target = data
    for part in path[:-1]:
        target = target[part]
    target[path[-1]] = value
    assert clean_pack(data) is None
    assert_agree(data)


ODD_VALUES = st.sampled_from(
    [
        None,
        True,
        False,
        0,
        1,
        -1,
        4,
        11,
        2.5,
        1.0,
        float("inf"),
        10**30,
        "",
        " ",
        "yes",
        "on",
        "tense",
        "loud",
        "rating",
        "X Y",
        "trust",
        "strain",
        "ease",
        "scale",
        "text",
        "choice",
        "a\n",
        [],
        ["a"],
        ["a", "a"],
        ["calm", "tense"],
        {},
        {"question": "rating", "at_most": 3},
        {"label": "Calm"},
        {"name": "calm"},
    ]
)


def _paths(value: object, prefix: tuple = ()) -> list[tuple]:
    found = [prefix] if prefix else []
    if isinstance(value, dict):
        for key, child in value.items():
            found += _paths(child, (*prefix, key))
    elif isinstance(value, list):
        for index, child in enumerate(value):
            found += _paths(child, (*prefix, index))
    return found


@st.composite
def variations(draw: st.DrawFn) -> object:
    """EVERY_FIELD with a few changes: a value replaced, a key removed, a key added."""
    data = copy.deepcopy(EVERY_FIELD)
    for _ in range(draw(st.integers(1, 3))):
        paths = _paths(data)
        if not paths:
            break
        path = draw(st.sampled_from(paths))
        parent: Any = data
        for part in path[:-1]:
            parent = parent[part]
        action = draw(st.sampled_from(["replace", "remove", "add"]))
        if action == "replace":
            parent[path[-1]] = copy.deepcopy(draw(ODD_VALUES))
        elif action == "remove":
            del parent[path[-1]]
        elif isinstance(parent, dict):
            name = draw(st.sampled_from(["help", "bring", "colour", "reverse", "options", "when"]))
            parent[name] = copy.deepcopy(draw(ODD_VALUES))
        else:
            parent.append(copy.deepcopy(draw(ODD_VALUES)))
    return data


@settings(max_examples=3000, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(variations())
def test_a_varied_pack_reads_as_the_models_read_it_or_is_left_to_them(data: object):
    assert_agree(data)
