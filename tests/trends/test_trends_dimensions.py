"""Dimensions as packs declare them: labels, former names joined (and flipped), theme order, and
follow-ups that count only when they were asked."""

from __future__ import annotations

import json
import textwrap
from pathlib import Path

import pytest
from trends_samples import SAFE, TRUST, local, scale, trend_query

from reflect.core.dimensions import DIMENSION_ORDER, DimensionCatalog, dimension_sort_key
from reflect.core.trends import compute_trends
from reflect.packs.definition import DimensionDeclaration, FormerDimension
from reflect.packs.loader import load_pack_text
from reflect.store.entries import create_complete_entry

# Version 1 of a user's pack: a "rupture" score (higher is worse) and a "bond" score.
STRAINS_V1 = """\
id: strains
title: Strains
version: "1"
questions:
  - {id: strain, text: "Did anything feel strained?", kind: yesno}
  - {id: strain-size, text: "How big did it feel?", kind: scale, min: 0, max: 10,
     dimension: rupture, when: {question: strain, equals: "yes"}}
  - {id: close, text: "How close did you feel?", kind: scale, min: 1, max: 5, dimension: bond}
"""

# Version 2 renames both, and says so: rupture became "ease" (inverted), bond "connection".
STRAINS_V2 = """\
id: strains
title: Strains
version: "2"
dimensions:
  ease:
    label: Ease between you
    formerly: [{name: rupture, inverted: true}]
  connection:
    label: Connection
    formerly: [{name: bond}]
questions:
  - {id: strain, text: "Did anything feel strained?", kind: yesno}
  - {id: strain-size, text: "How big did it feel?", kind: scale, min: 0, max: 10,
     dimension: ease, reverse: true, when: {question: strain, equals: "yes"}}
  - {id: smooth, text: "How smoothly are things going?", kind: scale, min: 0, max: 10,
     dimension: ease}
  - {id: close, text: "How close did you feel?", kind: scale, min: 1, max: 5,
     dimension: connection}
"""


def write(journal, pack_text: str, at: str, answers: dict[str, object]) -> None:
    pack = load_pack_text(pack_text, "strains.yaml")
    given = [
        (question.snapshot(position), answers[question.id])
        for position, question in enumerate(pack.questions)
        if question.id in answers
    ]
    create_complete_entry(journal, pack.reference(), given, at=local(at))


def install(reflect_home: Path, pack_text: str) -> None:
    folder = reflect_home / "packs"
    folder.mkdir(exist_ok=True)
    (folder / "strains.yaml").write_text(pack_text, encoding="utf-8")


def series(journal, name: str, **query) -> list[tuple[str, float]]:
    report = compute_trends(journal, trend_query(**query))
    (trend,) = [trend for trend in report.dimensions if trend.name == name]
    return [(period.start.isoformat(), period.score) for period in trend.periods]


@pytest.fixture
def renamed_history(journal, reflect_home):
    """Two weeks under version 1, two under version 2 (installed)."""
    install(reflect_home, STRAINS_V2)
    # v1: strain yes and 3 of 10 -> rupture 0.3 -> ease 1 - 0.3 = 0.7 -> 7.0; close 2 of 1-5
    # -> bond 0.25 -> connection 2.5.
    write(journal, STRAINS_V1, "2025-03-03 10:00", {"strain": "yes", "strain-size": 3, "close": 2})
    # v1: rupture 8 -> ease 2.0; close 5 -> 10.0.
    write(journal, STRAINS_V1, "2025-03-10 10:00", {"strain": "yes", "strain-size": 8, "close": 5})
    # v2: strain-size 6 reverse-scored -> 0.4, smooth 9 -> 0.9: ease (0.4 + 0.9) / 2 -> 6.5.
    write(
        journal,
        STRAINS_V2,
        "2025-03-17 10:00",
        {"strain": "yes", "strain-size": 6, "smooth": 9, "close": 4},
    )
    # v2: smooth 8 -> ease 8.0; close 3 -> connection 5.0.
    write(journal, STRAINS_V2, "2025-03-24 10:00", {"strain": "no", "smooth": 8, "close": 3})


def test_a_renamed_and_an_inverted_dimension_join_into_one_series(journal, renamed_history):
    report = compute_trends(journal, trend_query())
    assert [(trend.name, trend.label) for trend in report.dimensions] == [
        ("connection", "Connection"),
        ("ease", "Ease between you"),
    ]
    assert series(journal, "ease") == [
        ("2025-03-03", 7.0),
        ("2025-03-10", 2.0),
        ("2025-03-17", 6.5),
        ("2025-03-24", 8.0),
    ]
    assert series(journal, "connection") == [
        ("2025-03-03", 2.5),
        ("2025-03-10", 10.0),
        ("2025-03-17", 7.5),
        ("2025-03-24", 5.0),
    ]


def test_a_former_name_chooses_the_joined_series(journal, renamed_history):
    report = compute_trends(journal, trend_query(dimensions=("rupture",)))
    assert [trend.name for trend in report.dimensions] == ["ease"]
    assert len(report.dimensions[0].periods) == 4


def test_the_json_carries_the_new_name_and_label(cli, renamed_history):
    document = json.loads(cli("trends", "--all", "--json", "-d", "ease").stdout)
    (ease,) = document["dimensions"]
    assert (ease["name"], ease["label"]) == ("ease", "Ease between you")
    assert [period["score"] for period in ease["periods"]] == [7.0, 2.0, 6.5, 8.0]
    assert ease["summary"]["low"]["score"] == 2.0


def test_question_series_of_a_pack_feed_the_new_dimension(journal, renamed_history):
    report = compute_trends(journal, trend_query(pack="strains"))
    by_name = {trend.name: trend for trend in report.questions}
    assert by_name["strain-size"].dimension == "ease"
    # Read as ease too: 7.0 and 2.0 (flipped old answers), then 4.0 (reverse-scored 6).
    assert [period.score for period in by_name["strain-size"].periods] == [7.0, 2.0, 4.0]


def test_declarations_stored_with_entries_count_when_the_pack_is_gone(journal, reflect_home):
    # Never installed: version 2 is known only from the entries written with it.
    write(journal, STRAINS_V1, "2025-03-03 10:00", {"strain": "yes", "strain-size": 3})
    write(journal, STRAINS_V2, "2025-03-10 10:00", {"smooth": 9})
    report = compute_trends(journal, trend_query())
    assert [(trend.label, len(trend.periods)) for trend in report.dimensions] == [
        ("Ease between you", 2)
    ]


def test_an_installed_declaration_wins_over_a_stored_one(journal, reflect_home):
    write(journal, STRAINS_V2, "2025-03-10 10:00", {"smooth": 9})
    install(reflect_home, STRAINS_V2.replace("label: Ease between you", "label: How easy it is"))
    (trend,) = compute_trends(journal, trend_query()).dimensions
    assert trend.label == "How easy it is"


def test_an_undeclared_dimension_reads_as_its_id():
    catalog = DimensionCatalog.from_declarations([])
    assert catalog.label("self-kindness") == "Self kindness"
    assert catalog.label("goals") == "Goals"  # no literature labels any more


def test_a_rename_of_a_rename_goes_to_the_latest_name():
    catalog = DimensionCatalog.from_declarations(
        [
            {"ease": DimensionDeclaration(label="Ease", formerly=(FormerDimension("strain"),))},
            {
                "strain": DimensionDeclaration(
                    label="Strain", formerly=(FormerDimension("rupture"),)
                )
            },
            {"calm": DimensionDeclaration(label="Calm", formerly=(FormerDimension("ease"),))},
        ]
    )
    assert catalog.current_name("rupture") == "calm"
    assert catalog.current_name("strain") == "calm"
    assert set(catalog.stored_names("calm")) == {"calm", "ease", "strain", "rupture"}


def test_an_inverted_rename_of_an_inverted_rename_reads_the_right_way_round():
    catalog = DimensionCatalog.from_declarations(
        [
            {
                "ease": DimensionDeclaration(
                    label="Ease", formerly=(FormerDimension("tension", inverted=True),)
                )
            },
            {
                "tension": DimensionDeclaration(
                    label="Tension", formerly=(FormerDimension("calm", inverted=True),)
                )
            },
        ]
    )
    # calm -> tension (flip) -> ease (flip again): calm reads as ease the same way round.
    assert catalog.joins["calm"].new == "ease"
    assert catalog.joins["calm"].inverted is False
    assert catalog.joins["tension"].inverted is True


def test_dimensions_follow_the_themes_not_the_alphabet(journal, write_run):
    from reflect.store.entries import PackReference

    mixed = PackReference(id="mixed", version="1", title="Mixed", content_hash="hash-mixed")
    questions = {
        scale(name, name, 0, 10, position=index): 5
        for index, name in enumerate(["zest", "repair", "safety", "ease", "accepted", "apple"])
    }
    write_run("2025-03-03 10:00", {**questions, TRUST: 3}, pack=mixed)
    report = compute_trends(journal, trend_query())
    assert [trend.name for trend in report.dimensions] == [
        "trust",
        "safety",
        "accepted",
        "ease",
        "repair",
        "apple",
        "zest",
    ]
    assert DIMENSION_ORDER.index("trust") == 0
    assert dimension_sort_key("zest") > dimension_sort_key("self-kindness")
    assert SAFE.dimension == "safety"


def test_every_dimension_a_built_in_pack_feeds_has_its_place_in_the_theme_order():
    """A dimension left out of DIMENSION_ORDER would sort last, after the themes it belongs with."""
    from reflect.packs.catalog import builtin_packs_folder

    fed = set()
    for path in sorted(builtin_packs_folder().glob("*.yaml")):
        pack = load_pack_text(path.read_text(encoding="utf-8"), source=path.name)
        fed |= {question.dimension for question in pack.questions if question.dimension}
    assert fed, "no built-in pack feeds a dimension"
    assert sorted(fed - set(DIMENSION_ORDER)) == []


# --- A follow-up counts only when it was asked ----------------------------------------------


def test_a_rupture_follow_up_not_asked_gets_no_score(journal, reflect_home):
    install(reflect_home, STRAINS_V2)
    # The week: strain "no", yet a size left over (say, after going back), smooth 8.
    # Only smooth counts: ease 8.0, not (0.3 + 0.8) / 2 = 5.5.
    write(journal, STRAINS_V2, "2025-03-03 10:00", {"strain": "no", "strain-size": 7, "smooth": 8})
    # Asked (strain "yes"): both count, (0.3 + 0.8) / 2 = 0.55 -> 5.5.
    write(journal, STRAINS_V2, "2025-03-10 10:00", {"strain": "yes", "strain-size": 7, "smooth": 8})
    # Strain skipped: the follow-up was not asked either.
    write(journal, STRAINS_V2, "2025-03-17 10:00", {"strain-size": 2})
    assert series(journal, "ease") == [("2025-03-03", 8.0), ("2025-03-10", 5.5)]
    report = compute_trends(journal, trend_query(pack="strains"))
    (size,) = [trend for trend in report.questions if trend.name == "strain-size"]
    assert [(period.start.isoformat(), period.score) for period in size.periods] == [
        ("2025-03-10", 3.0)
    ]


def test_an_old_answer_under_a_former_name_also_needs_its_follow_up_asked(journal, reflect_home):
    install(reflect_home, STRAINS_V2)
    write(journal, STRAINS_V1, "2025-03-03 10:00", {"strain": "no", "strain-size": 9, "close": 3})
    report = compute_trends(journal, trend_query())
    assert [trend.name for trend in report.dimensions] == ["connection"]


CONDITIONS_PACK = """\
id: conditions-check
title: Conditions
questions:
  - {id: rating, text: A rating, kind: scale, min: 0, max: 10, dimension: other}
  - {id: pick, text: A choice, kind: choice, options: [calm, tense]}
  - {id: many, text: Some of these, kind: multi, options: [quiet, loud, late]}
  - {id: asked, text: The follow-up, kind: scale, min: 0, max: 10, dimension: followed,
     when: CONDITION}
  - {id: deeper, text: A follow-up of the follow-up, kind: scale, min: 0, max: 10,
     dimension: deeper, when: {question: asked, at_least: 5}}
"""

CONDITIONS = [
    {"question": "rating", "at_most": 4},
    {"question": "rating", "at_least": 6},
    {"question": "rating", "at_least": 3, "at_most": 7},
    {"question": "pick", "equals": "tense"},
    {"question": "many", "includes": "loud"},
]
EARLIER_ANSWERS = [
    {"rating": 0},
    {"rating": 4},
    {"rating": 5},
    {"rating": 6},
    {"rating": 10},
    {"pick": "calm"},
    {"pick": "tense"},
    {"many": []},
    {"many": ["quiet", "late"]},
    {"many": ["loud"]},
    {},
]


@pytest.mark.parametrize("condition", CONDITIONS, ids=lambda c: "-".join(map(str, c.values())))
def test_the_trend_decides_asked_exactly_as_the_run_does(journal, reflect_home, condition):
    text = CONDITIONS_PACK.replace("CONDITION", json.dumps(condition))
    pack = load_pack_text(textwrap.dedent(text), "conditions.yaml")
    expected = []
    for week, earlier in enumerate(EARLIER_ANSWERS):
        answers = {**earlier, "asked": 8, "deeper": 6}
        given = [
            (question.snapshot(position), answers[question.id])
            for position, question in enumerate(pack.questions)
            if question.id in answers
        ]
        create_complete_entry(
            journal, pack.reference(), given, at=local(f"2025-01-{week + 1:02d} 10:00")
        )
        follow_up = pack.question("asked").when
        met = follow_up.is_met(earlier.get(condition["question"]))
        expected.append(met)
    report = compute_trends(journal, trend_query(by="month"))
    counted = {trend.name: trend.entries for trend in report.dimensions}
    assert counted.get("followed", 0) == sum(expected)
    # The follow-up of a follow-up needs both conditions: the chain above it was asked too.
    assert counted.get("deeper", 0) == sum(expected)
