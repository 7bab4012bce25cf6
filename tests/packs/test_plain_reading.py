"""reflect.packs.plain reads the few facts trends and the brief need (dimension declarations, the
questions to bring) straight from pack files, without pydantic: it must read them exactly as the
pack model does, and find the same pack the catalog would (the person's own before a built-in)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st
from pydantic import BaseModel, ValidationError

from reflect.core.brief import current_bring_ids
from reflect.core.dimensions import dimension_catalog, plain_declaration
from reflect.packs import plain
from reflect.packs.catalog import discover_packs, find_pack
from reflect.packs.files import builtin_packs_folder, pack_files_in
from reflect.packs.plain import installed_pack_document, installed_pack_documents, plain_bool
from reflect.packs.schema import pack_models
from reflect.paths import data_paths

YES_NO_WORDS = ["yes", "no", "true", "false", "on", "off", "y", "n", "t", "f", "1", "0"]
ODD_VALUES = st.one_of(
    st.booleans(),
    st.integers(-2, 3),
    st.sampled_from([0.0, 1.0, 0.5, 2.0, -1.0]),
    st.sampled_from(YES_NO_WORDS + [w.upper() for w in YES_NO_WORDS] + [" yes", "maybe", ""]),
    st.none(),
    st.lists(st.booleans(), max_size=1),
)


class _Flag(BaseModel):
    value: bool


def _model_bool(value: object) -> bool | None:
    try:
        return _Flag.model_validate({"value": value}).value
    except ValidationError:
        return None


@given(ODD_VALUES)
def test_a_yes_no_reads_as_the_pack_model_reads_it(value: object):
    assert plain_bool(value) == _model_bool(value)


SLUGS = st.sampled_from(["trust", "ease", "self-kindness", "a_b", "Trust", "x y", "", "-x", 7])
FORMER = st.one_of(
    st.fixed_dictionaries({"name": SLUGS}, optional={"inverted": ODD_VALUES}),
    st.fixed_dictionaries({"name": SLUGS, "extra": st.just(1)}),
    st.sampled_from(["trust", None, 3]),
)
DECLARATION = st.one_of(
    st.fixed_dictionaries(
        {"label": st.sampled_from(["Trust", "", " ", "Ease", 5, None])},
        optional={"formerly": st.one_of(st.lists(FORMER, max_size=3), st.none(), st.just("x"))},
    ),
    st.fixed_dictionaries({"label": st.just("Trust"), "colour": st.just("blue")}),
    st.sampled_from([None, "Trust", ["Trust"], {}]),
)


@settings(max_examples=300)
@given(DECLARATION)
def test_a_dimension_declaration_reads_as_the_pack_model_reads_it(value: object):
    plain = plain_declaration(value)
    try:
        model = pack_models().DimensionDeclaration.model_validate(value)
    except ValidationError:
        assert plain is None
        return
    assert plain is not None
    assert plain.label == model.label
    assert [(f.name, f.inverted) for f in plain.formerly] == [
        (f.name, f.inverted) for f in model.formerly
    ]


def _own_pack(file_name: str, data: bytes) -> None:
    folder = data_paths().packs
    folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    (folder / file_name).write_bytes(data)


OWN_TRUST = """\
id: trust
title: My own trust pack
version: 1
dimensions:
  trust:
    label: Feeling able to rely on them
    formerly:
      - name: reliance
        inverted: "no"
questions:
  - id: rely
    kind: scale
    min: 0
    max: 10
    dimension: trust
    text: How much could you rely on your therapist this week?
  - id: words
    kind: text
    text: What would you like to say about it?
    bring: "yes"
"""


def test_the_person_s_own_pack_is_read_before_the_built_in_one_it_shadows(reflect_home, journal):
    _own_pack("trust.yaml", OWN_TRUST.encode())
    listing = next(
        listing for listing in discover_packs() if listing.id == "trust" and not listing.shadowed
    )
    assert listing.origin == "user" and listing.pack is not None
    assert installed_pack_document("trust") == next(
        document for found, document in installed_pack_documents() if found == "trust"
    )
    # The brief's bring questions and the trends' labels are those the loaded pack has.
    assert current_bring_ids("trust") == {q.id for q in find_pack("trust").questions if q.bring}
    assert current_bring_ids("trust") == {"words"}
    catalog = dimension_catalog(journal, stored=[])
    assert catalog.label("trust") == "Feeling able to rely on them"
    assert catalog.current_name("reliance") == "trust"
    ids = [found for found, _ in installed_pack_documents()]
    assert ids.count("trust") == 1 and ids[0] == "trust"
    assert len(ids) == len({listing.id for listing in discover_packs() if not listing.shadowed})


def test_every_built_in_pack_reads_plainly_as_the_catalog_loads_it(reflect_home, journal):
    catalog = dimension_catalog(journal, stored=[])
    for listing in discover_packs():
        assert listing.pack is not None
        assert current_bring_ids(listing.id) == {q.id for q in listing.pack.questions if q.bring}
        for name, declaration in listing.pack.dimensions.items():
            assert catalog.label(name) == declaration.label


@pytest.mark.parametrize(
    "text",
    ["id: trust\nquestions: [unclosed\n", "- just\n- a list\n", "\xff\xfe not text"],
    ids=["not YAML", "not a mapping", "not UTF-8"],
)
def test_a_broken_file_of_the_person_s_shadows_the_built_in_and_declares_nothing(
    reflect_home, text: str
):
    _own_pack("trust.yaml", text.encode("latin-1"))
    assert installed_pack_document("trust") is None
    assert current_bring_ids("trust") == frozenset()
    assert "trust" not in [found for found, _ in installed_pack_documents()]


def test_a_pack_that_is_not_installed_has_no_bring_questions_now(reflect_home):
    assert installed_pack_document("gone-pack") is None
    assert current_bring_ids("gone-pack") == frozenset()


def test_the_index_of_the_built_in_packs_is_up_to_date():
    # If this fails after a change to prompts/: python -m reflect.packs.plain
    index = builtin_packs_folder() / plain.INDEX_NAME
    assert index.read_text(encoding="utf-8") == plain.builtin_index_text()
    names = {path.name for path in pack_files_in(builtin_packs_folder())}
    assert set(json.loads(index.read_text(encoding="utf-8"))["files"]) == names


def _copy_of_the_built_in_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    copy = tmp_path / "prompts"
    shutil.copytree(builtin_packs_folder(), copy)
    monkeypatch.setattr(plain, "builtin_packs_folder", lambda: copy)
    plain._builtin_index.cache_clear()
    plain._parsed.cache_clear()
    return copy


def test_a_built_in_pack_is_read_from_the_index_while_its_file_is_unchanged(
    reflect_home, tmp_path, monkeypatch
):
    copy = _copy_of_the_built_in_folder(tmp_path, monkeypatch)
    index = json.loads((copy / plain.INDEX_NAME).read_text(encoding="utf-8"))
    index["files"]["trust.yaml"]["document"]["title"] = "From the index"
    (copy / plain.INDEX_NAME).write_text(json.dumps(index), encoding="utf-8")
    plain._builtin_index.cache_clear()
    assert installed_pack_document("trust")["title"] == "From the index"


@pytest.mark.parametrize("index", ["changed file", "no index", "broken index", "old index"])
def test_a_built_in_file_that_differs_from_the_index_is_parsed_from_its_yaml(
    reflect_home, tmp_path, monkeypatch, index: str
):
    copy = _copy_of_the_built_in_folder(tmp_path, monkeypatch)
    if index == "changed file":
        trust = copy / "trust.yaml"
        trust.write_text(
            trust.read_text(encoding="utf-8").replace("title:", "title: Edited", 1),
            encoding="utf-8",
        )
    elif index == "no index":
        (copy / plain.INDEX_NAME).unlink()
    elif index == "broken index":
        (copy / plain.INDEX_NAME).write_text("{not json", encoding="utf-8")
    else:
        (copy / plain.INDEX_NAME).write_text('{"files": [1, 2]}', encoding="utf-8")
    plain._builtin_index.cache_clear()
    expected = yaml.safe_load((copy / "trust.yaml").read_text(encoding="utf-8"))
    assert installed_pack_document("trust") == expected
    assert (expected["title"].startswith("Edited")) is (index == "changed file")
