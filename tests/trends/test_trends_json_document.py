"""The `reflect-trends` JSON document as TrendReport.to_json_dict builds it, key by key: the
query it answers, the scale and thresholds it was made with, each series' periods and summary,
and a pack's questions with their dimension and wording. `for_export` swaps in what an export
says: null while a series has too few entries."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from trends_samples import CHECKIN, GUARDED, SAFE, TRUST, local, trend_query

from reflect.core.trends import compute_trends


@pytest.fixture
def report(journal, write_run):
    write_run("2025-03-03 10:00", {SAFE: 4, TRUST: 2})
    write_run("2025-03-11 10:00", {SAFE: 6, GUARDED: 2})
    write_run("2025-03-12 10:00", {SAFE: 8})
    query = trend_query(
        since=local("2025-03-01 00:00"), until=local("2025-03-31 23:00"), pack=CHECKIN.id
    )
    return compute_trends(journal, query)


def test_the_document_names_its_query_scale_and_thresholds(report):
    document = report.to_json_dict()
    assert {key: document[key] for key in document if key not in ("dimensions", "questions")} == {
        "format": "reflect-trends",
        "version": 1,
        "by": "week",
        "since": local("2025-03-01 00:00").isoformat(),
        "until": local("2025-03-31 23:00").isoformat(),
        "pack": "checkin",
        "include_drafts": False,
        "scale": {"min": 0, "max": 10, "decimals": 1},
        "minimum_entries": 3,
        "steady_threshold": 1.0,
        "notable_change": 2.0,
        "reliable_change_minimum_entries": 8,
    }


def test_an_open_ended_query_with_drafts_says_so(journal, write_run):
    write_run("2025-03-03 10:00", {SAFE: 4})
    document = compute_trends(journal, trend_query(include_drafts=True)).to_json_dict()
    assert (document["since"], document["until"], document["pack"]) == (None, None, None)
    assert document["include_drafts"] is True
    assert document["questions"] == []


def test_a_series_has_its_periods_and_summary(report):
    (trust, safety) = report.to_json_dict()["dimensions"]
    assert (safety["name"], safety["label"]) == ("safety", "Safety")
    # Week 10: 0.4; week 11: (0.6 + 0.75) / 2 = 0.675 and 0.8 -> mean of entries 0.7375 -> 7.4
    assert safety["periods"] == [
        {
            "start": "2025-03-03",
            "end": "2025-03-09",
            "label": "2025-W10",
            "entries": 1,
            "score": 4.0,
            "change": None,
            "notable": False,
        },
        {
            "start": "2025-03-10",
            "end": "2025-03-16",
            "label": "2025-W11",
            "entries": 2,
            "score": 7.4,
            "change": 3.4,
            "notable": True,
        },
    ]
    summary = safety["summary"]
    assert summary["low"] == safety["periods"][0]
    assert summary["high"] == safety["periods"][1]
    assert summary["reliable_change"] is None  # fewer than 8 entries
    assert summary["halves"] == {
        "earlier": {"entries": 1, "mean": 4.0, "until": "2025-03-09"},
        "later": {"entries": 2, "mean": 7.4, "from": "2025-03-10"},
        "difference": 3.4,
    }
    assert trust["summary"]["entries"] == 1
    assert trust["summary"]["sentence"].startswith("Trust: not enough yet to show a trend")
    assert (trust["summary"]["low"], trust["summary"]["high"]) == (None, None)
    assert trust["summary"]["halves"] is None


def test_a_packs_questions_carry_their_dimension_and_wording(report):
    questions = report.to_json_dict()["questions"]
    assert [(q["name"], q["label"], q["dimension"], q["question"]) for q in questions] == [
        ("safe", "safe", "safety", "How was safe?"),
        ("guarded", "guarded", "safety", "How was guarded?"),
        ("trust", "trust", "trust", "How was trust?"),
    ]
    assert [len(q["periods"]) for q in questions] == [2, 1, 1]


def test_for_an_export_a_series_with_too_few_entries_has_no_sentence(report):
    shown = report.to_json_dict()
    exported = report.to_json_dict(for_export=True)
    trust, safety = exported["dimensions"]
    assert trust["summary"]["sentence"] is None
    assert safety["summary"]["sentence"] == shown["dimensions"][1]["summary"]["sentence"]
    assert report.summary_lines() == [safety["summary"]["sentence"]]


def test_the_reliable_change_figure_is_in_the_document(journal, write_run):
    # Eight Mondays rated 4, 5, 4, 5, 7, 8, 7, 8 (tests/trends/test_trends_summary.py derives
    # the figures by hand: halves 4.5 and 7.5, s = 0.577 -> 0.6, needed 0.8).
    first_monday = date(2025, 3, 3)
    for week, value in enumerate((4, 5, 4, 5, 7, 8, 7, 8)):
        write_run(f"{first_monday + timedelta(weeks=week)} 12:00", {SAFE: value})
    (safety,) = compute_trends(journal, trend_query()).to_json_dict()["dimensions"]
    assert safety["summary"]["reliable_change"] == {
        "entries": 8,
        "difference": 3.0,
        "usual_variation": 0.6,
        "needed": 0.8,
        "reliable": True,
    }
