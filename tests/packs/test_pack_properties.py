"""Whatever it is given, the validator either returns a Pack or raises PackError: never any
other exception (property tests with hypothesis)."""

from __future__ import annotations

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reflect.errors import PackError
from reflect.packs.definition import Pack
from reflect.packs.loader import load_pack_bytes, load_pack_text, validate_pack_data

KEYS = [
    *("id", "title", "description", "version", "intro", "outro", "questions", "text", "kind"),
    *("help", "multiline", "min", "max", "min_label", "max_label", "dimension", "reverse"),
    *("options", "when", "question", "at_most", "at_least", "equals", "includes"),
]
PLAUSIBLE = st.sampled_from(
    ["text", "scale", "choice", "multi", "yesno", "q1", "q2", "trust", "yes", "no", "a", ""]
)
SCALARS = (
    st.none()
    | st.booleans()
    | st.integers(min_value=-(10**20), max_value=10**20)
    | st.floats(allow_nan=True, allow_infinity=True)
    | st.text(max_size=12)
    | PLAUSIBLE
)
KEY = st.sampled_from(KEYS) | st.text(max_size=6) | st.integers() | st.none() | st.booleans()
ANY_DATA = st.recursive(
    SCALARS,
    lambda children: st.lists(children, max_size=5) | st.dictionaries(KEY, children, max_size=6),
    max_leaves=40,
)
QUESTION = st.dictionaries(st.sampled_from(KEYS), ANY_DATA | PLAUSIBLE, max_size=9)
CONDITION = st.fixed_dictionaries(
    {"question": PLAUSIBLE},
    optional={name: ANY_DATA for name in ("at_most", "at_least", "equals", "includes")},
)
NEAR_PACK = st.fixed_dictionaries(
    {"id": PLAUSIBLE, "title": st.text(max_size=5)},
    optional={
        "questions": st.lists(
            st.one_of(
                QUESTION,
                st.builds(lambda q, when: {**q, "when": when}, QUESTION, CONDITION),
                ANY_DATA,
            ),
            max_size=4,
        ),
        "version": ANY_DATA,
        "intro": ANY_DATA,
    },
)
YAML_CHARACTERS = [*"ab1 -:?,[]{}&*!|>'\"#%@`\n\t\\~", "\x00"]
YAMLISH = st.text(alphabet=st.sampled_from(YAML_CHARACTERS))

EXAMPLES = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def validates_or_reports(call, *args) -> None:
    try:
        assert isinstance(call(*args), Pack)
    except PackError as error:
        assert str(error)  # a message a person can read, never an empty one


@EXAMPLES
@given(ANY_DATA)
def test_any_structure_validates_or_raises_pack_error(data):
    validates_or_reports(validate_pack_data, data, "random.yaml")


@EXAMPLES
@given(NEAR_PACK)
def test_near_packs_validate_or_raise_pack_error(data):
    validates_or_reports(validate_pack_data, data, "near.yaml")


@EXAMPLES
@given(NEAR_PACK)
def test_near_packs_as_yaml_text_validate_or_raise_pack_error(data):
    try:
        text = yaml.safe_dump(data, allow_unicode=True)
    except yaml.YAMLError:
        return
    validates_or_reports(load_pack_text, text, "near.yaml")


@EXAMPLES
@given(YAMLISH | st.text())
def test_random_yaml_text_validates_or_raises_pack_error(text):
    validates_or_reports(load_pack_text, text, "random.yaml")


@EXAMPLES
@given(st.binary(max_size=200))
def test_random_bytes_validate_or_raise_pack_error(raw):
    validates_or_reports(load_pack_bytes, raw, "random.yaml")
