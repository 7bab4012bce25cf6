"""`reflect trends` as a person runs it: tables, chart or not, summary lines, JSON, empty cases."""

from __future__ import annotations

import json
import re
from datetime import datetime, time, timedelta

import pytest
from trends_samples import GUARDED, SAFE, TRUST

from reflect.store.entries import create_note

PERIOD_HEADINGS = ("Week of", "Month", "From session")
CELL = re.compile(r"^(?P<score>\d+\.\d)(?P<mark>[▼▲]?)(?P<low>\*?)$")
ANSI = re.compile(r"\x1b\[[0-9;]*m")

Grid = dict[str, list[tuple[str, float | None, str, bool]]]


@pytest.fixture
def three_weeks(write_run) -> None:
    """Safety 5.0 -> 6.3 -> 8.5 and trust 7.5 -> 5.0 -> 2.5 over three weeks of 2025."""
    write_run("2025-03-03 10:00", {SAFE: 5, TRUST: 4})
    write_run("2025-03-10 10:00", {SAFE: 6, GUARDED: 3, TRUST: 3})  # (0.6 + 0.5) / 2 -> 5.5
    write_run("2025-03-11 10:00", {SAFE: 7, TRUST: 3})  # (0.55 + 0.7) / 2 = 0.625 -> 6.3
    write_run("2025-03-17 10:00", {SAFE: 7, GUARDED: 1, TRUST: 2})  # (0.7 + 1.0) / 2 = 0.85


def grid_rows(stdout: str) -> Grid:
    """{label: [(period, score or None, ▼/▲/"", low?)]} read back from the printed grid blocks
    (labels of one word, as in these tests)."""
    rows: Grid = {}
    columns: list[str] = []
    for line in ANSI.sub("", stdout).splitlines():
        heading = next((h for h in PERIOD_HEADINGS if line.startswith(h)), None)
        if heading:
            columns = line[len(heading) :].split()
            for column in columns:
                rows.setdefault(column, [])
            continue
        words = line.split()
        if columns and words and re.match(r"^\d{4}-\d{2}(-\d{2})?$", words[0]):
            for column, cell in zip(columns, words[1:], strict=True):
                match = CELL.match(cell)
                if cell == "-":
                    rows[column].append((words[0], None, "", False))
                else:
                    assert match, cell
                    rows[column].append(
                        (words[0], float(match["score"]), match["mark"], bool(match["low"]))
                    )
        elif not line.strip() or set(line.strip()) <= {"─"}:
            continue
        else:
            columns = []
    return rows


def sentences(stdout: str) -> str:
    return " ".join(ANSI.sub("", stdout).split())


def test_grid_shows_periods_as_rows_and_dimensions_as_columns(cli, three_weeks):
    outcome = cli("trends", "--all")
    assert outcome.exit_code == 0, outcome.stderr
    # Trust before safety: the packs' themes, not the alphabet. ▼/▲: a change of 2.0 or more.
    assert grid_rows(outcome.stdout) == {
        "Trust": [
            ("2025-03-03", 7.5, "", False),
            ("2025-03-10", 5.0, "▼", False),
            ("2025-03-17", 2.5, "▼", True),
        ],
        "Safety": [
            ("2025-03-03", 5.0, "", True),
            ("2025-03-10", 6.3, "", False),
            ("2025-03-17", 8.5, "▲", False),
        ],
    }
    said = sentences(outcome.stdout)
    assert (
        "Trust went from 7.5 to 2.5 over 3 weeks (4 entries); lowest 2.5 in the week of "
        "17 Mar 2025. Biggest drop between weeks: 2.5, from 5.0 to 2.5 in the week of 17 Mar 2025 "
        "(2 changes of 2.0 or more)." in said  # of equal drops, the latest
    )
    assert (
        "Safety went from 5.0 to 8.5 over 3 weeks (4 entries); lowest 5.0 in the week of "
        "3 Mar 2025. Biggest rise between weeks: 2.2, from 6.3 to 8.5 in the week of 17 Mar 2025 "
        "(the only change of 2.0 or more)." in said
    )


def grid_from_json(document: dict) -> Grid:
    """What the grid should show, computed from --json alone."""
    grid: Grid = {}
    for dimension in document["dimensions"]:
        low = dimension["summary"]["low"]
        grid[dimension["label"]] = [
            (
                period["start"],
                period["score"],
                ("▼" if period["change"] < 0 else "▲") if period["notable"] else "",
                low is not None and period["start"] == low["start"],
            )
            for period in dimension["periods"]
        ]
    return grid


def test_json_carries_everything_the_grid_and_sentences_show(cli, write_run):
    # Ten weeks, two dimensions: enough for the reliable-change figure (8 scored entries).
    from datetime import date, timedelta

    weeks = [(4, 2), (5, 3), (4, 5), (5, 1), (7, 2), (6, 4), (8, 3), (7, 5), (9, 1), (9, 2)]
    for week, (safe, trust) in enumerate(weeks):
        monday = date(2025, 3, 3) + timedelta(weeks=week)
        write_run(f"{monday} 10:00", {SAFE: safe, TRUST: trust})
    shown = cli("trends", "--all", "--by", "week")
    outcome = cli("trends", "--all", "--by", "week", "--json")
    assert outcome.exit_code == 0
    document = json.loads(outcome.stdout)
    assert (document["format"], document["version"], document["by"]) == (
        "reflect-trends",
        1,
        "week",
    )
    assert grid_rows(shown.stdout) == grid_from_json(document)
    said = sentences(shown.stdout)
    for dimension in document["dimensions"]:
        summary = dimension["summary"]
        assert summary["sentence"] in said
        reliable = summary["reliable_change"]
        assert reliable is not None and reliable["entries"] >= 8
        assert f"it takes {reliable['needed']:.1f} to stand out" in summary["sentence"] or (
            f"{reliable['needed']:.1f} or more stands out" in summary["sentence"]
        )
        for notable in summary["notable_changes"]:
            assert notable["change"] == pytest.approx(notable["to"] - notable["from"])
    assert document["notable_change"] == 2.0
    assert document["reliable_change_minimum_entries"] == 8


def test_json_summary_has_the_documented_keys(cli, three_weeks):
    document = json.loads(cli("trends", "--all", "--json").stdout)
    safety = document["dimensions"][1]
    assert safety["name"] == "safety"
    assert safety["periods"][0]["end"] == "2025-03-09"
    summary = safety["summary"]
    assert {key: summary[key] for key in ("entries", "periods", "first_score", "last_score")} == {
        "entries": 4,
        "periods": 3,
        "first_score": 5.0,
        "last_score": 8.5,
    }
    assert (summary["change"], summary["direction"]) == (3.5, "rose")
    assert summary["low"] == safety["periods"][0]
    assert summary["high"] == safety["periods"][2]
    assert summary["notable_changes"] == [
        {
            "start": "2025-03-17",
            "end": "2025-03-23",
            "label": "2025-W12",
            "from": 6.3,
            "to": 8.5,
            "change": 2.2,
            "kind": "rise",
        }
    ]
    # Halves of 1 + 2 + 1 entries: splitting after 1 or after 3 is equally near 2, so the
    # earlier split: 5.0 against (0.55 + 0.7 + 0.85) / 3 = 0.7 -> 7.0. Fewer than 8 entries,
    # so no reliable-change figure.
    assert summary["halves"] == {
        "earlier": {"entries": 1, "mean": 5.0, "until": "2025-03-09"},
        "later": {"entries": 3, "mean": 7.0, "from": "2025-03-10"},
        "difference": 2.0,
    }
    assert summary["reliable_change"] is None


def test_notable_option_changes_the_threshold(cli, three_weeks):
    document = json.loads(cli("trends", "--all", "--json", "--notable", "1").stdout)
    assert document["notable_change"] == 1.0
    safety = document["dimensions"][1]
    assert [period["notable"] for period in safety["periods"]] == [False, True, True]
    assert cli("trends", "--all", "--notable", "0").exit_code == 1


def test_pack_adds_a_table_per_scale_question(cli, three_weeks):
    outcome = cli("trends", "--all", "--pack", "checkin")
    assert outcome.exit_code == 0
    assert "guarded (safety)" in outcome.stdout
    assert "How was guarded?" in outcome.stdout
    document = json.loads(cli("trends", "--all", "--pack", "checkin", "--json").stdout)
    assert [question["name"] for question in document["questions"]] == ["safe", "guarded", "trust"]


def test_unknown_dimension_lists_the_known_ones(cli, three_weeks):
    outcome = cli("trends", "--all", "--dimension", "safty")
    assert outcome.exit_code == 1
    assert "Dimensions in your journal: trust, safety." in outcome.stderr
    assert "Traceback" not in outcome.output


def test_bad_since_is_a_clear_error(cli, three_weeks):
    outcome = cli("trends", "--all", "--since", "the other day maybe")
    assert outcome.exit_code == 1
    assert "Could not understand the date" in outcome.stderr


def test_unknown_grouping_is_a_usage_error(cli):
    assert cli("trends", "--all", "--by", "year").exit_code == 2


@pytest.mark.parametrize("args", [(), ("--by", "session"), ("--dimension", "safety")])
def test_empty_journal_is_a_friendly_message(cli, args):
    outcome = cli("trends", *args)
    assert outcome.exit_code == 0
    assert outcome.stdout == ""
    assert "No scale answers" in outcome.stderr


def test_only_notes_is_a_friendly_message(cli, journal):
    create_note(journal, "A note without any ratings.")
    outcome = cli("trends")
    assert (outcome.exit_code, outcome.stdout) == (0, "")
    assert "No scale answers yet" in outcome.stderr


def test_empty_journal_json_is_still_the_documented_shape(cli):
    document = json.loads(cli("trends", "--all", "--json").stdout)
    assert (document["format"], document["dimensions"], document["questions"]) == (
        "reflect-trends",
        [],
        [],
    )


def test_one_entry_shows_its_score_and_says_not_enough_yet(cli, write_run):
    write_run("2025-03-03 10:00", {SAFE: 7})
    outcome = cli("trends", "--all")
    assert outcome.exit_code == 0
    assert grid_rows(outcome.stdout) == {"Safety": [("2025-03-03", 7.0, "", False)]}
    assert "Safety: not enough yet to show a trend (1 scored entry so far" in outcome.stdout


def test_by_session_without_sessions_suggests_recording_them(cli, write_run):
    write_run("2025-03-03 10:00", {SAFE: 7})
    outcome = cli("trends", "--all", "--by", "session")
    assert outcome.exit_code == 0
    assert "before the first" in outcome.stdout
    assert "reflect sessions add" in outcome.stderr


def test_narrow_terminal_keeps_every_line_within_40_columns(cli, three_weeks):
    outcome = cli(
        "trends", "--all", env={"COLUMNS": "40", "REFLECT_COLOUR": "always", "NO_COLOR": None}
    )
    assert outcome.exit_code == 0
    plain = re.sub(r"\x1b\[[0-9;]*m", "", outcome.stdout)
    assert max(len(line) for line in plain.splitlines()) <= 40
    assert "Scores over time" not in plain  # too narrow for a chart: tables only
    assert "8.5" in plain
    assert "Safety went from 5.0 to 8.5" in sentences(plain)


def test_wide_colour_terminal_draws_a_chart(cli, three_weeks):
    outcome = cli(
        "trends", "--all", env={"COLUMNS": "100", "REFLECT_COLOUR": "always", "NO_COLOR": None}
    )
    assert outcome.exit_code == 0
    assert "Scores over time (0-10)" in outcome.stdout
    assert "Safety went from 5.0 to 8.5" in sentences(outcome.stdout)


def test_no_color_gives_tables_without_a_chart(cli, three_weeks):
    outcome = cli(
        "trends", "--all", env={"COLUMNS": "100", "REFLECT_COLOUR": "always", "NO_COLOR": "1"}
    )
    assert outcome.exit_code == 0
    assert "Scores over time" not in outcome.stdout
    assert not re.search(r"\x1b\[(?:3[0-7]|38;|9[0-7])", outcome.stdout)  # bold, but no colour
    assert "Safety went from 5.0 to 8.5" in sentences(outcome.stdout)


def test_without_a_terminal_the_output_is_plain_tables_and_words(run_reflect, three_weeks):
    outcome = run_reflect("trends", "--all", env={"NO_COLOR": ""})
    assert outcome.exit_code == 0, outcome.stderr
    assert "\x1b[" not in outcome.stdout
    assert "Scores over time" not in outcome.stdout
    assert grid_rows(outcome.stdout)["Safety"][-1] == ("2025-03-17", 8.5, "▲", False)
    assert "Traceback" not in outcome.output


def test_help_documents_the_json_shape_and_an_example(cli):
    outcome = cli("trends", "--all", "--help")
    assert outcome.exit_code == 0
    text = " ".join(outcome.stdout.split()).replace("reflect- trends", "reflect-trends")
    assert '{"format": "reflect-trends", "version": 1,' in text
    assert "Example: reflect trends" in text


@pytest.mark.parametrize(
    "now",
    [datetime(2026, 11, 8, 23, 59, 59, 999999), datetime(2026, 11, 9, 0, 0)],
    ids=["sunday-before-midnight", "monday-at-midnight"],
)
def test_by_default_only_the_last_twelve_weeks_count(cli, write_run, frozen_clock, now):
    today = frozen_clock(now).date()
    this_monday = today - timedelta(days=today.weekday())
    first_monday = this_monday - timedelta(weeks=11)
    for day, value in ((first_monday - timedelta(days=1), 1), (first_monday, 5)):
        write_run(datetime.combine(day, time(12)).strftime("%Y-%m-%d %H:%M"), {SAFE: value})
    document = json.loads(cli("trends", "--json").stdout)
    assert document["since"].startswith(first_monday.isoformat())
    (safety,) = document["dimensions"]
    # The Sunday before the window is left out: only the 5 (-> 5.0) counts.
    assert [(period["start"], period["score"]) for period in safety["periods"]] == [
        (first_monday.isoformat(), 5.0)
    ]


def test_only_older_entries_point_to_all(cli, write_run):
    write_run("2025-03-03 10:00", {SAFE: 7})
    outcome = cli("trends")
    assert (outcome.exit_code, outcome.stdout) == (0, "")
    assert "No scale answers in the last 12 weeks. `reflect trends --all`" in outcome.stderr


def test_readme_trends_commands_work(cli, write_run, frozen_clock):
    import shlex
    from pathlib import Path

    today = frozen_clock(datetime(2026, 11, 9, 0, 0, 0, 1)).date()

    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8")
    section = readme.split("### Trends", 1)[1]
    block = re.search(r"```bash\n(.*?)```", section, flags=re.DOTALL)
    assert block is not None
    commands = [line.split("#", 1)[0].strip() for line in block[1].splitlines()]
    for days_ago, value in ((20, 4), (10, 6), (1, 8)):
        day = today - timedelta(days=days_ago)
        write_run(f"{day.isoformat()} 12:00", {SAFE: value, TRUST: 3})
    for command in filter(None, commands):
        words = shlex.split(command)
        assert words[0] == "reflect"
        outcome = cli(*words[1:])
        assert outcome.exit_code == 0, (command, outcome.stderr)
        assert outcome.stdout, command


def test_flagged_and_tag_select_the_entries_they_name(cli, write_run):
    write_run("2026-11-02 10:00", {SAFE: 2}, flagged=True)
    write_run("2026-11-03 10:00", {SAFE: 6}, tags=["#Rupture"])
    write_run("2026-11-04 10:00", {SAFE: 10})

    def safety(*options: str) -> tuple[int, float]:
        report = json.loads(cli("trends", "--json", "--all", *options).stdout)
        [period] = next(d for d in report["dimensions"] if d["name"] == "safety")["periods"]
        return period["entries"], period["score"]

    assert safety() == (3, 6.0)
    assert safety("--flagged") == (1, 2.0)
    assert safety("--tag", "rupture") == (1, 6.0)  # matched as it was saved, like `list --tag`
    both = json.loads(cli("trends", "--json", "--all", "--flagged", "--tag", "rupture").stdout)
    assert both["dimensions"] == []
