"""Trends for the terminal: a table per dimension, an optional chart, and the summary lines.

Every number shown comes from the TrendReport as it is (already rounded to one decimal), so the
table, the chart, the sentences and `--json` cannot disagree.
"""

from __future__ import annotations

import os
from typing import TYPE_CHECKING

from reflect.render.console import printable

if TYPE_CHECKING:
    from rich.console import Console
    from rich.table import Table

    from reflect.core.trends import DimensionTrend, PeriodKind, TrendPeriod, TrendReport

# Below this width a chart's date axis and legend no longer fit; the tables alone are clearer.
MINIMUM_CHART_WIDTH = 60
CHART_HEIGHT = 16
# A table shows the most recent periods; the chart and the summary cover them all.
RECENT_PERIODS = 12

_PERIOD_COLUMN = {"week": "Week of", "month": "Month", "session": "From session"}
_PERIOD_NOUNS = {"week": "weeks", "month": "months", "session": "periods"}
SCALE_NOTE = (
    "Scores are your own answers on a 0-10 scale, averaged per period: a way to notice, "
    "not a measurement."
)


def chart_fits(console: Console) -> bool:
    """A chart only on a real terminal, wide enough, and when colour is wanted (NO_COLOR unset)."""
    return (
        console.is_terminal
        and not console.is_dumb_terminal
        and console.width >= MINIMUM_CHART_WIDTH
        and "NO_COLOR" not in os.environ
        and not console.no_color
    )


def format_score(score: float) -> str:
    return f"{score:.1f}"


def format_change(change: float | None) -> str:
    if change is None:
        return ""
    return f"{change:+.1f}" if change != 0 else "0.0"


def period_name(period: TrendPeriod, by: PeriodKind) -> str:
    if by == "week":
        return period.start.isoformat()
    if by == "month":
        return f"{period.start:%Y-%m}"
    if period.label == "before first session":
        return "before the first"
    return period.start.isoformat()


def period_table(trend: DimensionTrend, by: PeriodKind, *, recent: int = RECENT_PERIODS) -> Table:
    from rich import box
    from rich.table import Table

    title = printable(trend.label)
    if trend.dimension and trend.dimension != trend.name:
        title = f"{title} ({printable(trend.dimension)})"
    table = Table(
        title=title,
        title_justify="left",
        caption=printable(trend.question_text) if trend.question_text else None,
        caption_justify="left",
        box=box.SIMPLE_HEAD,
        pad_edge=False,
    )
    table.add_column(_PERIOD_COLUMN[by], no_wrap=True)
    table.add_column("Entries", justify="right")
    table.add_column("Score", justify="right")
    table.add_column("Change", justify="right")
    shown = trend.periods[-recent:]
    for period in shown:
        table.add_row(
            period_name(period, by),
            str(period.entries),
            format_score(period.score),
            format_change(period.change),
        )
    return table


def hidden_periods_note(trend: DimensionTrend, by: PeriodKind, recent: int) -> str | None:
    hidden = len(trend.periods) - recent
    if hidden <= 0:
        return None
    return f"({hidden} earlier {_PERIOD_NOUNS[by]} not shown; narrow the range with --since.)"


def trend_chart(report: TrendReport, width: int, height: int = CHART_HEIGHT) -> str:
    """The scores of every dimension over time, as terminal text with colour codes."""
    import plotext

    figure = plotext.figure
    figure.clear()
    figure.theme("simple")  # the terminal's own background, coloured lines
    figure.plot_size(width, height)
    dates = figure.date("x")
    dates.activate(form="%Y-%m-%d")
    for trend in report.dimensions:
        points = figure.signal(
            [period.start.isoformat() for period in trend.periods],
            [period.score for period in trend.periods],
        )
        figure.draw(points.label(printable(trend.label)).lines())
    figure.ruler("y").lim(0, 10)
    # Bottom right, where the most recent scores are least likely to be (the default, top left,
    # hides the oldest ones).
    latest = max(trend.periods[-1].start for trend in report.dimensions)
    figure.legend(
        x=dates.convert(latest.isoformat(), "timestamp"),
        y=0,
        relative=True,
        ha="right",
        va="bottom",
    )
    figure.title("Scores over time (0-10)")
    return figure.build().string()


def render_trends(report: TrendReport, console: Console, *, recent: int = RECENT_PERIODS) -> None:
    """Tables, then a chart when the terminal allows it, then the plain-language lines."""
    from rich.text import Text

    for trend in (*report.dimensions, *report.questions):
        console.print(period_table(trend, report.by, recent=recent))
        note = hidden_periods_note(trend, report.by, recent)
        if note:
            console.print(note, markup=False)
    if chart_fits(console) and any(len(trend.periods) > 1 for trend in report.dimensions):
        console.print(Text.from_ansi(trend_chart(report, min(console.width, 100))))
    console.print()
    for line in report.summary_lines():
        console.print(printable(line), markup=False, highlight=False)
    console.print(SCALE_NOTE, markup=False, highlight=False, style="dim")


def empty_message(*, filtered: bool) -> str:
    """What to say when no entry has a scale answer in what was asked for (not an error).

    `filtered`: the person narrowed the choice (--since, --until, --dimension, --pack).
    """
    if filtered:
        return (
            "No scale answers match that choice yet, so there is no trend to show. "
            "Try a wider range or leave out --since, --until, --dimension or --pack."
        )
    return (
        "No scale answers yet, so there is no trend to show. Trends appear once you have "
        "answered a pack with rating questions a few times (for example `reflect run`)."
    )


def session_hint(report: TrendReport) -> str | None:
    """With --by session and no session recorded, every entry falls before the first one."""
    if report.by == "session" and report.sessions_recorded == 0:
        return (
            "No therapy sessions are recorded yet, so all entries count as before the first. "
            "Record them with `reflect sessions add DATE`."
        )
    return None
