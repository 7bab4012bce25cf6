"""The HTML brief's score table and its notes, the chart palette's luminance, and the library
default of leaving private entries out (tests/MUTATION.md: each kills surviving mutants of
reflect/core/export.py or reflect/render/export/)."""

from __future__ import annotations

import io
from datetime import UTC, datetime, timedelta

import pytest

from reflect.core.export import ExportOptions, open_document
from reflect.render.export import write_document
from reflect.render.export.chart import relative_luminance
from reflect.store.database import Database
from reflect.store.entries import create_complete_entry
from tests.exchange.journals import CHECKIN, EASE, SampleJournal, export_text

TABLE_NOTE = (
    '<p class="note">Scores from 0 to 10, higher is better: the mean of the period&#39;s rated '
    "entries. A blank: not rated then.</p>"
)


def _weekly_check_ins(database: Database, weeks: int) -> None:
    first = datetime(2026, 9, 1, 20, 0, tzinfo=UTC)
    for week in range(weeks):
        create_complete_entry(database, CHECKIN, [(EASE, week)], at=first + timedelta(weeks=week))


def test_the_html_brief_table_says_which_earlier_periods_only_the_chart_shows(journal):
    _weekly_check_ins(journal, 10)
    page = export_text(journal, format="html")
    assert "<h3>Week by week</h3>" in page
    assert '<tr><th scope="row">Week of 2 Nov</th><td class="count">1</td><td>9.0</td></tr>' in page
    assert "Week of 7 Sep" not in page.split("<h3>Moments worth a look</h3>")[0]
    assert TABLE_NOTE + '<p class="note">2 earlier periods in the chart.</p>' in page


def test_a_table_that_shows_every_period_has_only_its_scores_note(journal):
    _weekly_check_ins(journal, 3)
    page = export_text(journal, format="html")
    assert (
        '<tr><th scope="row">Week of 31 Aug</th><td class="count">1</td><td>0.0</td></tr>' in page
    )
    brief = page.split("<h3>Moments worth a look</h3>")[0]
    assert brief.count('<p class="note">') == 2  # "nothing flagged" and the scores note
    assert TABLE_NOTE in brief and "in the chart." not in brief


@pytest.mark.parametrize(
    ("colour", "luminance"),
    [
        ("#FFFFFF", 1.0),
        ("#000000", 0.0),
        ("#FF0000", 0.2126),  # WCAG's weights of red, green and blue
        ("#00FF00", 0.7152),
        ("#0000FF", 0.0722),
        ("#0A0A0A", 10 / 255 / 12.92),  # at or below 0.03928 the channel is linear
        ("#0B0B0B", ((11 / 255 + 0.055) / 1.055) ** 2.4),  # just above: the power curve
        ("#777777", 0.184475),  # grey 119, 4.48:1 against white
    ],
)
def test_relative_luminance_is_wcags(colour: str, luminance: float):
    assert relative_luminance(colour) == pytest.approx(luminance, rel=1e-5, abs=1e-12)


def test_the_library_default_leaves_private_entries_out(journal, sample: SampleJournal):
    buffer = io.StringIO()
    options = ExportOptions(format="json", include_trends=False)
    with open_document(journal, options) as document:
        write_document(document, buffer)
    assert document.private_left_out == 1
    assert sample.private_answer not in buffer.getvalue()
    assert sample.public_answers[0] in buffer.getvalue()
