"""Trends for the terminal: one grid, the chart, then the plain-language sentences.

The grid has the periods as rows (latest at the bottom) and the dimensions as columns, in the
order of the packs' themes; when the labels do not fit the width, the columns wrap into a second
block that repeats the period column. The chart draws at most CHART_LINES series (more become
small multiples, one chart per group), in colours that read on dark and light backgrounds (no
grey, white or yellow), marks each series' lowest point, and names every line in a legend printed
as text rows below the plot, so it can never cover a score.

Every number shown comes from the TrendReport as it is (already rounded to one decimal), so the
grid, the chart, the sentences and `--json` cannot disagree.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from datetime import date
from typing import TYPE_CHECKING

from msgspec import Struct

from reflect.render.console import printable

if TYPE_CHECKING:
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    from reflect.core.trends import DimensionTrend, PeriodKind, TrendPeriod, TrendReport

# Below this width a chart's date axis no longer fits; the grid alone is clearer.
MINIMUM_CHART_WIDTH = 60
MAXIMUM_CHART_WIDTH = 100
CHART_HEIGHT = 14
SMALL_MULTIPLE_HEIGHT = 11
# More lines than this in one chart and nobody can follow them: the rest go in the next chart.
CHART_LINES = 5
# xterm-256 colours of middle lightness, far apart in hue, none grey, white or yellow: each
# stays readable on a black and on a white background.
CHART_COLOURS = (33, 208, 35, 163, 160)
LOW_MARKER = "x"
LEGEND_GAP = "   "  # between two legend entries on one row
# The grid shows the most recent periods; the chart and the summary cover them all.
RECENT_PERIODS = 12
SCORE_COLUMN_WIDTH = 6  # "10.0▼*"
LONGEST_HEADER_WORD = 12

_PERIOD_COLUMN = {"week": "Week of", "month": "Month", "session": "From session"}
_PERIOD_NOUNS = {"week": "weeks", "month": "months", "session": "periods"}
SCALE_NOTE = (
    "Scores are your own answers on a 0-10 scale, averaged per period: a way to notice, "
    "not a measurement."
)


class Marks(Struct, frozen=True):
    """The symbols a grid cell may carry (plain ASCII when the terminal cannot show others)."""

    drop: str
    rise: str
    low: str = "*"


UNICODE_MARKS = Marks(drop="▼", rise="▲")
ASCII_MARKS = Marks(drop="v", rise="^")


def marks_for(console: Console) -> Marks:
    return UNICODE_MARKS if console.encoding.lower().startswith("utf") else ASCII_MARKS


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


def grid_cell(trend: DimensionTrend, period: TrendPeriod, marks: Marks) -> str:
    """A score, ▼/▲ when it moved by a notable amount from the period before, * at the low."""
    cell = format_score(period.score)
    if period.notable and period.change is not None:
        cell += marks.drop if period.change < 0 else marks.rise
    low = trend.summary.low
    if low is not None and low.start == period.start and len(trend.periods) > 1:
        cell += marks.low
    return cell


def _header_width(label: str) -> int:
    longest = max((len(word) for word in label.split()), default=1)
    return max(SCORE_COLUMN_WIDTH, min(longest, LONGEST_HEADER_WORD))


def _column_blocks(
    series: Sequence[DimensionTrend], first_column: int, width: int
) -> list[list[DimensionTrend]]:
    """Columns in order, as many per block as fit the width (each column has 2 of padding and
    a 1-wide separator)."""
    blocks: list[list[DimensionTrend]] = [[]]
    used = first_column + 1
    for trend in series:
        needed = _header_width(printable(trend.label)) + 3
        if blocks[-1] and used + needed > width:
            blocks.append([])
            used = first_column + 1
        blocks[-1].append(trend)
        used += needed
    return blocks


def grid_periods(
    series: Sequence[DimensionTrend], recent: int = RECENT_PERIODS
) -> tuple[list[date], int]:
    """The period starts the grid shows (the latest `recent`) and how many earlier are hidden."""
    starts = sorted({period.start for trend in series for period in trend.periods})
    hidden = max(0, len(starts) - recent)
    return starts[hidden:], hidden


def trend_grids(
    series: Sequence[DimensionTrend],
    by: PeriodKind,
    *,
    width: int,
    marks: Marks = UNICODE_MARKS,
    recent: int = RECENT_PERIODS,
) -> list[Table]:
    """The grid, as one table per block of columns that fits `width`."""
    from rich import box
    from rich.table import Table

    starts, _ = grid_periods(series, recent)
    by_start = {trend.name: {period.start: period for period in trend.periods} for trend in series}
    names: dict[date, str] = {}
    for trend in series:
        for period in trend.periods:
            names.setdefault(period.start, period_name(period, by))
    first_column = max([len(_PERIOD_COLUMN[by]), *(len(names[start]) for start in starts)])
    tables = []
    for block in _column_blocks(series, first_column, width):
        table = Table(box=box.SIMPLE_HEAD, pad_edge=False, show_edge=False)
        table.add_column(_PERIOD_COLUMN[by], no_wrap=True, vertical="bottom")
        for trend in block:
            table.add_column(
                printable(trend.label),
                justify="right",
                width=_header_width(printable(trend.label)),
                overflow="fold",
            )
        for start in starts:
            cells = [names[start]]
            for trend in block:
                found = by_start[trend.name].get(start)
                cells.append(grid_cell(trend, found, marks) if found else "-")
            table.add_row(*cells)
        tables.append(table)
    return tables


def grid_key(
    series: Sequence[DimensionTrend], by: PeriodKind, notable: float, marks: Marks
) -> str | None:
    """What the marks in the grid mean, for the marks that appear."""
    parts = []
    if any(period.notable for trend in series for period in trend.periods):
        parts.append(
            f"{marks.drop} {marks.rise} a change of {notable:.1f} or more from the "
            f"{'period' if by == 'session' else by} before"
        )
    if any(trend.summary.low is not None and len(trend.periods) > 1 for trend in series):
        parts.append(f"{marks.low} the lowest period")
    if any(len(trend.periods) < len(grid_periods(series)[0]) for trend in series):
        parts.append("- no score that period")
    return "; ".join(parts) + "." if parts else None


def hidden_periods_note(hidden: int, by: PeriodKind) -> str | None:
    if hidden <= 0:
        return None
    return f"({hidden} earlier {_PERIOD_NOUNS[by]} not shown; narrow the range with --since.)"


def chart_groups(series: Sequence[DimensionTrend]) -> list[list[DimensionTrend]]:
    """The series in charts of at most CHART_LINES lines, as evenly filled as possible."""
    drawn = list(series)
    if not drawn:
        return []
    count = -(-len(drawn) // CHART_LINES)
    size = -(-len(drawn) // count)
    return [drawn[index : index + size] for index in range(0, len(drawn), size)]


def plot_lines(
    series: Sequence[DimensionTrend], width: int, height: int = CHART_HEIGHT
) -> list[str]:
    """The plot of these series (at most CHART_LINES), as terminal lines with colour codes."""
    import plotext

    figure = plotext.figure
    figure.clear()
    figure.theme("simple")  # the terminal's own background, coloured lines
    figure.plot_size(width, height)
    dates = figure.date("x")
    dates.activate(form="%Y-%m-%d")
    for trend, colour in zip(series, CHART_COLOURS, strict=False):
        starts = [period.start.isoformat() for period in trend.periods]
        scores = [period.score for period in trend.periods]
        figure.draw(
            figure.signal(starts, scores, marker=plotext.marker("braille", pixel=colour)).lines()
        )
        low = trend.summary.low
        if low is not None and len(trend.periods) > 1:
            marker = plotext.marker(LOW_MARKER, pixel=colour)
            figure.draw(figure.signal([low.start.isoformat()], [low.score], marker=marker))
    figure.ruler("y").lim(0, 10)
    # No signal has a label, so plotext draws no legend of its own over the data.
    lines: list[str] = figure.build().string().rstrip("\n").split("\n")
    return lines


def legend_text(series: Sequence[DimensionTrend], width: int) -> Text:
    """One entry per line drawn, in its colour, then what the low-point mark means.

    Entries wrap whole: a name is never split across two rows, so each reads as one label.
    """
    from rich.text import Text

    entries: list[tuple[str, int | None]] = [
        (printable(trend.label), colour)
        for trend, colour in zip(series, CHART_COLOURS, strict=False)
    ]
    if any(len(trend.periods) > 1 for trend in series):
        entries.append((f"{LOW_MARKER} lowest point", None))
    legend = Text(no_wrap=False, overflow="fold")
    used = 0
    for label, colour in entries:
        size = len(label) + (3 if colour is not None else 0)
        if used and used + len(LEGEND_GAP) + size > width:
            legend.append("\n")
            used = 0
        elif used:
            legend.append(LEGEND_GAP)
            used += len(LEGEND_GAP)
        if colour is not None:
            legend.append("━━ ", style=f"color({colour})")
        legend.append(label)
        used += size
    return legend


def render_chart(report: TrendReport, console: Console) -> None:
    """The chart, or a chart per group of CHART_LINES series, each with its legend below."""
    from rich.text import Text

    groups = chart_groups(report.dimensions)
    width = min(console.width, MAXIMUM_CHART_WIDTH)
    height = CHART_HEIGHT if len(groups) == 1 else SMALL_MULTIPLE_HEIGHT
    for number, group in enumerate(groups, start=1):
        title = "Scores over time (0-10)"
        if len(groups) > 1:
            title += f", chart {number} of {len(groups)}"
        console.print(title, markup=False, highlight=False, style="bold")
        for line in plot_lines(group, width, height):
            console.print(Text.from_ansi(line), no_wrap=True, overflow="crop")
        console.print(legend_text(group, width))
        console.print()


def render_trends(report: TrendReport, console: Console, *, recent: int = RECENT_PERIODS) -> None:
    """The grid, then a chart when the terminal allows it, then the plain-language lines."""
    marks = marks_for(console)
    for series, heading in ((report.dimensions, None), (report.questions, "Each question")):
        if not series:
            continue
        if heading:
            console.print(f"{heading} of the pack {printable(report.query.entries.pack or '')}:")
        for table in trend_grids(
            series, report.by, width=console.width, marks=marks, recent=recent
        ):
            console.print(table)
        _, hidden = grid_periods(series, recent)
        notes = [
            grid_key(series, report.by, report.query.notable_change, marks),
            hidden_periods_note(hidden, report.by),
        ]
        for note in filter(None, notes):
            console.print(note, markup=False, highlight=False, style="dim")
        if heading:
            for trend in series:
                about = f"{printable(trend.name)}"
                if trend.dimension:
                    about += f" ({printable(trend.dimension)})"
                if trend.question_text:
                    about += f": {printable(trend.question_text)}"
                console.print(about, markup=False, highlight=False)
        console.print()
    if chart_fits(console) and any(len(trend.periods) > 1 for trend in report.dimensions):
        render_chart(report, console)
    for trend in report.dimensions:
        console.print(printable(trend.summary_sentence), markup=False, highlight=False)
        console.print()
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
