"""The HTML export's trend chart, as the SVG a browser draws (tests/MUTATION.md: surviving
mutants of render/export/chart.py and html.py). The plot is 626 x 172 units inside a 680 x 210
box (30 left, 24 right, 12 top, 26 bottom), so a score s sits at y = 12 + (1 - s/10) * 172 and
the first and last periods at x = 30 and x = 656."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from reflect.model import QuestionSnapshot
from reflect.store.database import Database
from reflect.store.entries import create_complete_entry, create_note
from tests.exchange.journals import CHECKIN, EASE, export_text

CALM = QuestionSnapshot(
    id="calm",
    text="How calm?",
    kind="scale",
    position=1,
    scale_min=0,
    scale_max=10,
    dimension="calm",
)
FIRST = datetime(2026, 9, 1, 20, 0, tzinfo=UTC)  # a Tuesday: the week of Monday 31 Aug
CAPTION = "Scores by week, 0 to 10 (higher is better)"
# The score axis: 0 at y 184.0, 10 at y 12.0, a gridline and a label (4 units lower) each.
GRID = "".join(
    f'<line x1="30" y1="{y}" x2="656" y2="{y}" stroke="#e3e3e8" stroke-width="1"/>'
    f'<text x="24" y="{label_y}" text-anchor="end" class="tick">{tick}</text>'
    for tick, y, label_y in [
        (0, "184.0", "188.0"), (2, "149.6", "153.6"), (4, "115.2", "119.2"),
        (6, "80.8", "84.8"), (8, "46.4", "50.4"), (10, "12.0", "16.0"),
    ]
)  # fmt: skip


def _date_tick(x: str, label: str) -> str:
    return (
        f'<line x1="{x}" y1="184" x2="{x}" y2="188" stroke="#8a8a90"/>'
        f'<text x="{x}" y="201" text-anchor="middle" class="tick date">{label}</text>'
    )


def _point(x: str, y: str, colour: str, title: str, radius: str = "3.2") -> str:
    return (
        f'<circle cx="{x}" cy="{y}" r="{radius}" fill="{colour}" stroke="#fff" '
        f'stroke-width="1"><title>{title}</title></circle>'
    )


def _chart(page: str) -> str:
    start = page.index('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 680 210"')
    return page[start : page.index("</svg>", start) + len("</svg>")]


def test_two_lines_over_three_weeks_are_drawn_where_their_scores_are(journal: Database):
    create_complete_entry(journal, CHECKIN, [(EASE, 5), (CALM, 2)], at=FIRST)
    create_complete_entry(journal, CHECKIN, [(EASE, 7), (CALM, 4)], at=FIRST + timedelta(days=7))
    create_complete_entry(journal, CHECKIN, [(EASE, 9), (CALM, 6)], at=FIRST + timedelta(days=8))
    create_complete_entry(journal, CHECKIN, [(EASE, 10), (CALM, 8)], at=FIRST + timedelta(days=14))
    page = export_text(journal, format="html", include_trends=True, by="week")

    blue, orange = "#0072B2", "#E69F00"  # the palette's first two; the second line is dashed
    assert _chart(page) == (
        '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 680 210" role="img" '
        f'aria-label="{CAPTION}: Ease between you, Calm" class="trend-chart">'
        + GRID
        + _date_tick("30.0", "31 Aug") + _date_tick("343.0", "7 Sep")
        + _date_tick("656.0", "14 Sep")
        # Ease: 5, then (7 + 9) / 2 = 8, then 10.
        + f'<polyline points="30.0,98.0 343.0,46.4 656.0,12.0" fill="none" stroke="{blue}" '
        'stroke-width="2.4" stroke-linejoin="round"/>'
        + _point("30.0", "98.0", blue, "Ease between you, 31 Aug: 5.0 (1 rated entry)")
        + _point("343.0", "46.4", blue, "Ease between you, 7 Sep: 8.0 (2 rated entries)")
        + _point("656.0", "12.0", blue, "Ease between you, 14 Sep: 10.0 (1 rated entry)")
        + f'<polyline points="30.0,149.6 343.0,98.0 656.0,46.4" fill="none" stroke="{orange}" '
        'stroke-width="2.4" stroke-linejoin="round" stroke-dasharray="6 3"/>'
        + _point("30.0", "149.6", orange, "Calm, 31 Aug: 2.0 (1 rated entry)")
        + _point("343.0", "98.0", orange, "Calm, 7 Sep: 5.0 (2 rated entries)")
        + _point("656.0", "46.4", orange, "Calm, 14 Sep: 8.0 (1 rated entry)")
        + "</svg>"
    )  # fmt: skip
    assert f"<figcaption>{CAPTION}</figcaption>" in page
    legend = page.split('<ul class="legend">')[1].split("</ul>")[0]
    assert legend.count('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 28 10"') == 2
    assert 'stroke="#E69F00" stroke-width="2.4" stroke-dasharray="6 3"/>' in legend
    assert "<span>Ease between you</span>" in legend and "<span>Calm</span>" in legend


def test_a_single_period_is_a_larger_point_with_its_value(journal: Database):
    create_complete_entry(journal, CHECKIN, [(EASE, 6)], at=FIRST)
    create_note(journal, "just a note", at=FIRST + timedelta(days=1))
    page = export_text(journal, format="html", include_trends=True, by="week")
    assert _chart(page).endswith(
        _date_tick("343.0", "31 Aug")
        + _point("343.0", "80.8", "#0072B2", "Ease between you, 31 Aug: 6.0 (1 rated entry)", "4.5")
        + '<text x="351.0" y="84.8" class="value" fill="#1d1d1f">6.0</text></svg>'
    )
    assert "<title>Reflections to bring to therapy</title>" in page
    # A note is its words as a quotation, without the question a run's answers have.
    assert (
        "<h3>Wednesday 2 September 2026, 20:00 · Note</h3>\n"
        "<blockquote>just a note</blockquote></article>"
    ) in page
