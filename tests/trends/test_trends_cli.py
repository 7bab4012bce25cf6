"""`reflect trends` as a person runs it: tables, chart or not, summary lines, JSON, empty cases."""

from __future__ import annotations

import json
import re

import pytest
from trends_samples import GUARDED, SAFE, TRUST

from reflect.store.entries import create_note

TABLE_ROW = re.compile(
    r"^\s*(?P<start>\d{4}-\d{2}-\d{2})\s+(?P<entries>\d+)\s+(?P<score>\d+\.\d)"
    r"(?:\s+(?P<change>[+-]?\d+\.\d))?\s*$"
)


@pytest.fixture
def three_weeks(write_run) -> None:
    """Safety 5.0 -> 6.3 -> 7.5 and trust 7.5 -> 5.0 -> 2.5 over three weeks of 2025."""
    write_run("2025-03-03 10:00", {SAFE: 5, TRUST: 4})
    write_run("2025-03-10 10:00", {SAFE: 6, GUARDED: 3, TRUST: 3})  # (0.6 + 0.5) / 2 -> 5.5
    write_run("2025-03-11 10:00", {SAFE: 7, TRUST: 3})  # (0.55 + 0.7) / 2 = 0.625 -> 6.3
    write_run("2025-03-17 10:00", {SAFE: 7, GUARDED: 1, TRUST: 2})  # (0.7 + 1.0) / 2 = 0.85


def table_rows(stdout: str) -> dict[str, list[tuple[str, int, float, float | None]]]:
    """{title: [(start, entries, score, change)]} read back from the printed tables."""
    rows: dict[str, list[tuple[str, int, float, float | None]]] = {}
    title = None
    for line in stdout.splitlines():
        match = TABLE_ROW.match(line)
        if match and title:
            change = match["change"]
            rows[title].append(
                (
                    match["start"],
                    int(match["entries"]),
                    float(match["score"]),
                    float(change) if change else None,
                )
            )
        elif line.strip() in ("Safety", "Trust"):
            title = line.strip()
            rows[title] = []
    return rows


def test_table_shows_periods_scores_changes_and_summary(cli, three_weeks):
    outcome = cli("trends", "--all")
    assert outcome.exit_code == 0, outcome.stderr
    assert table_rows(outcome.stdout) == {
        "Safety": [
            ("2025-03-03", 1, 5.0, None),
            ("2025-03-10", 2, 6.3, 1.3),
            ("2025-03-17", 1, 8.5, 2.2),
        ],
        "Trust": [
            ("2025-03-03", 1, 7.5, None),
            ("2025-03-10", 2, 5.0, -2.5),
            ("2025-03-17", 1, 2.5, -2.5),
        ],
    }
    assert "Safety rose by 3.5, from 5.0 to 8.5, over 3 weeks (4 entries)." in outcome.stdout
    assert "Trust fell by 5.0, from 7.5 to 2.5, over 3 weeks (4 entries)." in outcome.stdout


def test_json_carries_the_numbers_the_table_shows(cli, three_weeks):
    table = table_rows(cli("trends", "--all", "--by", "week").stdout)
    outcome = cli("trends", "--all", "--by", "week", "--json")
    assert outcome.exit_code == 0
    document = json.loads(outcome.stdout)
    assert (document["format"], document["version"], document["by"]) == (
        "reflect-trends",
        1,
        "week",
    )
    from_json = {
        dimension["label"]: [
            (period["start"], period["entries"], period["score"], period["change"])
            for period in dimension["periods"]
        ]
        for dimension in document["dimensions"]
    }
    assert from_json == table
    safety = document["dimensions"][0]
    assert safety["periods"][0]["end"] == "2025-03-09"
    assert safety["summary"] | {"sentence": ""} == {
        "entries": 4,
        "periods": 3,
        "first_score": 5.0,
        "last_score": 8.5,
        "change": 3.5,
        "direction": "rose",
        "sentence": "",
    }


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
    assert "Dimensions in your journal: safety, trust." in outcome.stderr
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
    assert table_rows(outcome.stdout) == {"Safety": [("2025-03-03", 1, 7.0, None)]}
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
    assert "Safety rose by 3.5" in plain


def test_wide_colour_terminal_draws_a_chart(cli, three_weeks):
    outcome = cli(
        "trends", "--all", env={"COLUMNS": "100", "REFLECT_COLOUR": "always", "NO_COLOR": None}
    )
    assert outcome.exit_code == 0
    assert "Scores over time (0-10)" in outcome.stdout
    assert "Safety rose by 3.5" in outcome.stdout


def test_no_color_gives_tables_without_a_chart(cli, three_weeks):
    outcome = cli(
        "trends", "--all", env={"COLUMNS": "100", "REFLECT_COLOUR": "always", "NO_COLOR": "1"}
    )
    assert outcome.exit_code == 0
    assert "Scores over time" not in outcome.stdout
    assert not re.search(r"\x1b\[(?:3[0-7]|38;|9[0-7])", outcome.stdout)  # bold, but no colour
    assert "Safety rose by 3.5" in outcome.stdout


def test_without_a_terminal_the_output_is_plain_tables_and_words(run_reflect, three_weeks):
    outcome = run_reflect("trends", "--all", env={"NO_COLOR": ""})
    assert outcome.exit_code == 0, outcome.stderr
    assert "\x1b[" not in outcome.stdout
    assert "Scores over time" not in outcome.stdout
    assert table_rows(outcome.stdout)["Safety"][-1] == ("2025-03-17", 1, 8.5, 2.2)
    assert "Traceback" not in outcome.output


def test_help_documents_the_json_shape_and_an_example(cli):
    outcome = cli("trends", "--all", "--help")
    assert outcome.exit_code == 0
    text = " ".join(outcome.stdout.split()).replace("reflect- trends", "reflect-trends")
    assert '{"format": "reflect-trends", "version": 1,' in text
    assert "Example: reflect trends" in text


def test_by_default_only_the_last_twelve_weeks_count(cli, write_run):
    from datetime import date, datetime, time, timedelta

    this_monday = date.today() - timedelta(days=date.today().weekday())
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


def test_readme_trends_commands_work(cli, write_run):
    import shlex
    from datetime import date, timedelta
    from pathlib import Path

    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8")
    section = readme.split("### Trends", 1)[1]
    block = re.search(r"```bash\n(.*?)```", section, flags=re.DOTALL)
    assert block is not None
    commands = [line.split("#", 1)[0].strip() for line in block[1].splitlines()]
    for days_ago, value in ((20, 4), (10, 6), (1, 8)):
        day = date.today() - timedelta(days=days_ago)
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
