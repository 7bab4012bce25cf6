"""A journal written with the packs reflect first shipped keeps its whole trend history after
the packs are renewed (issue 15): dimensions renamed (bond -> connection, rupture -> ease, ...)
are declared under `formerly:` by today's packs, so trends join the old answers with the new.

The old journal is made the way a person made it: the first version's packs (kept in
tests/fixtures/packs-v1) installed, answered with `reflect run --answers`, so every entry stores
the questions and the pack definition exactly as they were. Then the old packs go away (the
upgrade) and today's built-in packs are answered for two more months.
"""

from __future__ import annotations

import importlib.util
import json
import shutil
from collections import defaultdict
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

import pytest

from reflect.packs.definition import Pack
from reflect.packs.loader import load_pack_file

FIRST_VERSION = Path(__file__).resolve().parents[1] / "fixtures" / "packs-v1"
OLD_MONTHS = ("2025-01", "2025-02", "2025-03")
NEW_MONTHS = ("2025-04", "2025-05")
RENAMED = {"bond": "connection", "goals": "focus", "tasks": "approach", "overall": "worth"}
INVERTED = {"rupture": "ease"}


def answers_for(pack: Pack, value: int) -> dict[str, object]:
    """An answer to every question a run would ask, follow-ups included when their test holds."""
    answers: dict[str, object] = {}
    for question in pack.questions:
        if question.when is not None and not question.when.is_met(
            answers.get(question.when.question)
        ):
            continue
        if question.kind == "scale":
            assert question.min is not None and question.max is not None
            answers[question.id] = min(max(value, question.min), question.max)
        elif question.kind == "yesno":
            answers[question.id] = "yes"
        elif question.kind == "choice":
            answers[question.id] = (question.options or [])[-1]
        elif question.kind == "multi":
            answers[question.id] = (question.options or [])[:1]
        else:
            answers[question.id] = "a few words"
    return answers


def entry_scores(pack: Pack, answers: dict[str, object]) -> dict[str, float]:
    """Per dimension, this entry's score on 0-1 (shared/domain.md: mean of rescaled items)."""
    items: dict[str, list[float]] = defaultdict(list)
    for question in pack.questions:
        value = answers.get(question.id)
        if question.kind != "scale" or value is None:
            continue
        assert question.min is not None and question.max is not None and question.dimension
        x = (int(value) - question.min) / (question.max - question.min)  # type: ignore[call-overload]
        items[question.dimension].append(1 - x if question.reverse else x)
    return {name: sum(xs) / len(xs) for name, xs in items.items()}


def one_decimal(score: float) -> float:
    return float(Decimal(str(score * 10)).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP))


@pytest.fixture
def old_journal(cli, reflect_home: Path, tmp_path: Path) -> dict[str, dict[str, list[float]]]:
    """The old journal, then the upgrade. Returns, per old dimension and month, the entry
    scores the old entries should show (0-1, as the old packs scored them)."""
    packs = reflect_home / "packs"
    packs.mkdir(parents=True)
    expected: dict[str, dict[str, list[float]]] = defaultdict(lambda: defaultdict(list))
    for source in sorted(FIRST_VERSION.glob("*.yaml")):
        shutil.copy(source, packs / source.name)  # the old pack, as it was installed
    for month_number, month in enumerate(OLD_MONTHS):
        for source in sorted(FIRST_VERSION.glob("*.yaml")):
            pack = load_pack_file(source)
            for day, value in ((3, 2 + month_number), (17, 6 + month_number)):
                answers = answers_for(pack, value)
                file = tmp_path / f"{pack.id}.json"
                file.write_text(json.dumps(answers), encoding="utf-8")
                at = f"{month}-{day:02d}T18:00"
                outcome = cli("run", pack.id, "--answers", str(file), "--at", at)
                assert outcome.exit_code == 0, outcome.stderr
                for dimension, score in entry_scores(pack, answers).items():
                    expected[dimension][month].append(score)
    shutil.rmtree(packs)  # the upgrade: from now on the built-in packs of today
    from reflect.packs.catalog import find_pack

    for month in NEW_MONTHS:
        for pack_id in ("checkin", "alliance", "ruptures", "trust"):
            pack = find_pack(pack_id)
            assert pack.version == "2"
            file = tmp_path / f"{pack_id}-new.json"
            file.write_text(json.dumps(answers_for(pack, 7)), encoding="utf-8")
            outcome = cli("run", pack_id, "--answers", str(file), "--at", f"{month}-10T18:00")
            assert outcome.exit_code == 0, outcome.stderr
    return expected


def monthly(cli) -> dict[str, dict[str, tuple[int, float]]]:
    """`reflect trends --all --by month --json`: series name -> month -> (entries, score)."""
    outcome = cli("trends", "--all", "--by", "month", "--json")
    assert outcome.exit_code == 0, outcome.stderr
    return {
        series["name"]: {
            period["start"][:7]: (period["entries"], period["score"])
            for period in series["periods"]
        }
        for series in json.loads(outcome.stdout)["dimensions"]
    }


def test_every_old_entry_still_counts_in_trends_after_the_upgrade(cli, old_journal):
    """Whether an old dimension shows under its old name or joined into its new one, every old
    entry is counted with the score its old pack gave it, flipped where the new name reads the
    other way round."""
    shown = monthly(cli)
    assert set(old_journal) == {
        "trust", "safety", "understood", "accepted", "genuine", "bond", "goals", "tasks",
        "rupture", "repair", "openness", "overall", "self-kindness", "hope", "fit",
    }  # fmt: skip
    for old, months in old_journal.items():
        new = RENAMED.get(old) or INVERTED.get(old) or old
        for month, scores in months.items():
            mean = sum(scores) / len(scores)
            as_old = (len(scores), one_decimal(mean))
            as_new = (len(scores), one_decimal(1 - mean if old in INVERTED else mean))
            found = [shown.get(old, {}).get(month), shown.get(new, {}).get(month)]
            if old != new:
                assert as_old in found[:1] or as_new in found[1:], (old, new, month, found)
            else:
                assert found[0] == as_old, (old, month, found)


def test_the_renamed_dimensions_carry_on_where_the_old_ones_left_off(cli, old_journal):
    shown = monthly(cli)
    for new in ("connection", "focus", "approach", "worth", "ease", "trust", "repair"):
        assert set(NEW_MONTHS) <= set(shown.get(new, {})), (new, sorted(shown.get(new, {})))


@pytest.mark.skipif(
    importlib.util.find_spec("reflect.core.dimensions") is None,
    reason="trends join declared dimensions once issue 21's reflect.core.dimensions is merged",
)
def test_an_old_journal_shows_one_series_per_renamed_dimension_from_its_first_month(
    cli, old_journal
):
    shown = monthly(cli)
    assert not set(RENAMED) & set(shown) and "rupture" not in shown
    for old, new in {**RENAMED, **INVERTED}.items():
        assert sorted(shown[new]) == sorted({*old_journal[old], *NEW_MONTHS} & set(shown[new]))
        assert set(old_journal[old]) <= set(shown[new]), (old, new)
    # rupture read "higher is more strain"; ease reads "higher is better": the old months flip.
    for month, scores in old_journal["rupture"].items():
        assert shown["ease"][month][1] == pytest.approx(
            one_decimal(1 - sum(scores) / len(scores)), abs=0.11
        )
