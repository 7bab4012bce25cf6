"""The nine built-in packs: shape, tone guards, and the theme table of prompts/README.md."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from reflect.packs.catalog import builtin_packs_folder, discover_packs
from reflect.packs.loader import load_pack_file, load_pack_text
from reflect.packs.schema import Pack

ROOT = Path(__file__).resolve().parents[2]
README = ROOT / "prompts" / "README.md"
NINE = ("trust", "safety", "patterns", "alliance", "conditions", "ruptures", "checkin")
NINE += ("between", "beginnings", "mood")
HEAVY = ("safety", "ruptures", "patterns", "beginnings")
THEMES = 16
# Fragments of published instruments' items and claims no pack may make (see shared/domain.md).
FORBIDDEN = (
    "heard, understood, and respected",
    "heard, understood and respected",
    "something missing",
    "right for me",
    "good fit for me",
    "mutually agreed",
    "likes me",
    "appreciates me",
    "respect each other",
    "cares about me even when",
    "the way we are working with my problem",
    "what is important for me to work on",
    "validated",
    "clinical",
    "session rating scale",
    "working alliance inventory",
)


def builtin(pack_id: str) -> Pack:
    return load_pack_file(builtin_packs_folder() / f"{pack_id}.yaml")


def test_exactly_the_nine_packs_ship_and_all_are_valid():
    listings = [listing for listing in discover_packs() if listing.origin == "built-in"]
    assert sorted(listing.id for listing in listings) == sorted(NINE)
    assert all(listing.valid for listing in listings), [listing.problem for listing in listings]
    # find_pack loads a built-in pack by its file name alone
    assert all(listing.path.stem == listing.id for listing in listings)


@pytest.mark.parametrize("pack_id", NINE)
def test_pack_has_5_to_12_questions_mixing_scales_and_open_ones(pack_id):
    pack = builtin(pack_id)
    kinds = [question.kind for question in pack.questions]
    assert 5 <= len(kinds) <= 12
    assert "scale" in kinds
    assert "text" in kinds
    assert pack.intro.strip()
    assert pack.outro.strip()
    assert pack.description.strip()


@pytest.mark.parametrize("pack_id", NINE)
def test_every_scale_has_labelled_ends_and_a_dimension(pack_id):
    for question in builtin(pack_id).questions:
        if question.kind == "scale":
            assert question.min_label and question.max_label, question.id
            assert question.dimension, question.id


@pytest.mark.parametrize("pack_id", NINE)
def test_questions_are_short_and_never_copy_an_instrument(pack_id):
    pack = builtin(pack_id)
    for question in pack.questions:
        assert len(question.text) <= 120, question.id
    text = Path(builtin_packs_folder() / f"{pack_id}.yaml").read_text(encoding="utf-8").lower()
    text = " ".join(text.split())
    for disclaimer in ("not a validated questionnaire", "not a clinical score"):
        text = text.replace(disclaimer, "")
    for fragment in FORBIDDEN:
        assert fragment not in text, fragment


def test_checkin_is_four_0_to_10_scales_and_one_line():
    pack = builtin("checkin")
    scales = [q for q in pack.questions if q.kind == "scale"]
    assert [(q.min, q.max) for q in scales] == [(0, 10)] * 4
    assert [q.kind for q in pack.questions][-1] == "text"
    assert len(pack.questions) == 5
    assert "not a validated questionnaire" in pack.description


@pytest.mark.parametrize("pack_id", HEAVY)
def test_heavier_packs_end_with_the_not_a_crisis_service_sentence(pack_id):
    outro = builtin(pack_id).outro
    assert "reflect is not a crisis service" in outro
    assert "crisis line" in outro


def test_reverse_scored_items_are_worded_so_a_high_answer_means_less():
    reverse = {
        f"{pack_id}.{question.id}": question.dimension
        for pack_id in NINE
        for question in builtin(pack_id).questions
        if question.reverse
    }
    # Each of these asks about the opposite of its dimension (holding back -> openness, ...).
    assert reverse == {
        "trust.waiting-to-be-let-down": "trust",
        "safety.judged": "safety",
        "safety.holding-back": "openness",
        "conditions.felt-put-on": "genuine",
        "patterns.pull-back": "openness",
        "ruptures.smooth": "rupture",
    }


def test_follow_ups_ask_what_happened_after_a_low_safety_answer_and_about_repair():
    safety = builtin("safety").question("what-happened")
    assert safety is not None and safety.when is not None
    assert (safety.when.question, safety.when.at_most) == ("safe-to-open-up", 3)
    eased = builtin("ruptures").question("eased")
    assert eased is not None and eased.when is not None
    assert (eased.when.question, eased.when.equals) == ("talked-through", "yes")
    assert eased.dimension == "repair"


def theme_table() -> dict[int, list[str]]:
    section = README.read_text(encoding="utf-8").split("## Themes and the questions")[1]
    rows: dict[int, list[str]] = {}
    for line in section.splitlines():
        cells = [cell.strip() for cell in line.strip().strip("|").split("|")]
        if len(cells) == 3 and cells[0].isdigit():
            rows[int(cells[0])] = re.findall(r"`([a-z0-9_-]+\.[a-z0-9_-]+)`", cells[2])
    return rows


def test_the_theme_table_covers_every_theme_with_questions_that_exist():
    table = theme_table()
    assert sorted(table) == list(range(1, THEMES + 1))
    packs = {pack_id: builtin(pack_id) for pack_id in NINE}
    for theme, references in table.items():
        assert references, f"theme {theme} names no question"
        for reference in references:
            pack_id, question_id = reference.split(".")
            assert pack_id in packs, reference
            assert packs[pack_id].question(question_id) is not None, reference


def test_the_format_example_in_the_readme_is_a_valid_pack():
    section = README.read_text(encoding="utf-8").split("## The format")[1]
    example = section.split("```yaml\n")[1].split("```")[0]
    pack = load_pack_text(example, "README.md")
    assert {question.kind for question in pack.questions} == {
        "text",
        "scale",
        "choice",
        "multi",
        "yesno",
    }
