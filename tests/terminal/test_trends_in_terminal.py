"""`reflect trends` with ten dimensions in real terminals of 80x24 and 120x40 (tmux).

What a person sees: one grid that fits the width (wrapping into a second block rather than
spilling over the edge), charts of at most five lines, each with a legend below it that names every
line drawn in full, and nothing but the plot inside the plot's frame (no legend text over a score).
"""

from __future__ import annotations

import re
import shutil
import sys
import tempfile
from collections.abc import Iterator
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from tmux import TmuxTerminal, terminal_environment

from reflect.cli.access import open_journal
from reflect.model import PackReference, QuestionSnapshot
from reflect.store.entries import create_complete_entry

pytestmark = pytest.mark.terminal

# The ten dimensions of the built-in packs, in the order of the packs' themes, with the labels the
# packs declare for them (prompts/*.yaml): what the grid's headers and the legends must show.
DIMENSIONS = {
    "trust": "Trust",
    "safety": "Safety",
    "understood": "Feeling understood",
    "accepted": "Feeling accepted",
    "genuine": "Meeting a real person",
    "connection": "Connection",
    "focus": "Focus on what matters",
    "approach": "Way of working together",
    "worth": "Worth it",
    "ease": "Ease between you",
}
WEEKS = 10
DIP_SERIES = (7, 8, 6, 3, 5, 8, 6, 7, 5, 9)
DATE = re.compile(r"^\d{4}-\d{2}-\d{2}\b")
SCORE = re.compile(r"\d+\.\d[▼▲*]*")
BRAILLE = {chr(code) for code in range(0x2800, 0x2900)}


def reflect_executable() -> list[str]:
    return [str(Path(sys.executable).parent / "reflect")]


@pytest.fixture
def ten_dimension_journal(reflect_home: Path) -> None:
    """Ten weeks, one entry a week, every dimension rated each time (each series its own shape)."""
    pack = PackReference(id="mixed", version="1", title="Mixed", content_hash="hash-mixed")
    questions = [
        QuestionSnapshot(
            id=f"how-{dimension}",
            text=f"How was {dimension}?",
            kind="scale",
            position=index,
            scale_min=0,
            scale_max=10,
            min_label="not at all",
            max_label="completely",
            dimension=dimension,
        )
        for index, dimension in enumerate(DIMENSIONS)
    ]
    first = datetime.fromisoformat("2026-09-01T10:00").astimezone()
    database = open_journal()
    try:
        for week in range(WEEKS):
            answers = [
                (question, (DIP_SERIES[(week + index) % WEEKS] + index) % 11)
                for index, question in enumerate(questions)
            ]
            create_complete_entry(database, pack, answers, at=first + timedelta(weeks=week))
    finally:
        database.close()


@pytest.fixture
def sized_terminal(request: pytest.FixtureRequest) -> Iterator[type[TmuxTerminal]]:
    shared = request.config.pluginmanager.get_plugin(
        str(Path(__file__).resolve().parents[1] / "conftest.py")
    )
    tmux = shared.require_tool("tmux")
    folder = Path(tempfile.mkdtemp(prefix="reflect-tmux-"))
    opened: list[TmuxTerminal] = []

    def make(width: int, height: int) -> TmuxTerminal:
        terminal = TmuxTerminal(tmux, folder, width=width, height=height)
        opened.append(terminal)
        return terminal

    try:
        yield make  # type: ignore[misc]
    finally:
        for terminal in opened:
            terminal.close()
        shutil.rmtree(folder, ignore_errors=True)


def whole_output(terminal: TmuxTerminal) -> list[str]:
    """Every line the command printed, scrolled-off ones included, without the exit line."""
    text = terminal._tmux("capture-pane", "-p", "-t", "reflect", "-S", "-2000")
    return [line.rstrip() for line in text.split("[exit status")[0].splitlines()]


def grid_blocks(lines: list[str]) -> list[tuple[list[str], list[str]]]:
    """(header lines, row lines) of each block of the grid, from the top of the output."""
    blocks = []
    index = 0
    while index < len(lines) and not lines[index].startswith("▼ ▲"):
        if set(lines[index]) == {"─"}:
            header_start = index
            while (
                header_start > 0
                and lines[header_start - 1]
                and not DATE.match(lines[header_start - 1])
            ):
                header_start -= 1
            rows = []
            index += 1
            while index < len(lines) and DATE.match(lines[index]):
                rows.append(lines[index])
                index += 1
            blocks.append((lines[header_start : index - len(rows) - 1], rows))
        else:
            index += 1
    return blocks


def charts(lines: list[str]) -> list[tuple[list[str], list[str]]]:
    """(plot lines from the frame's top to its bottom, legend rows) of each chart."""
    found = []
    for index, line in enumerate(lines):
        if not line.startswith("Scores over time"):
            continue
        top = next(i for i in range(index, len(lines)) if "┌" in lines[i])
        bottom = next(i for i in range(top, len(lines)) if "└" in lines[i])
        legend_start = next(i for i in range(bottom, len(lines)) if "━━" in lines[i])
        legend_end = legend_start
        while legend_end < len(lines) and lines[legend_end]:
            legend_end += 1
        # Between the frame's bottom and the legend: only the date labels of the axis.
        assert all(DATE.search(row.strip()) for row in lines[bottom + 1 : legend_start]), lines[
            bottom:legend_start
        ]
        found.append((lines[top : bottom + 1], lines[legend_start:legend_end]))
    return found


@pytest.mark.parametrize(("width", "height"), [(80, 24), (120, 40)])
def test_ten_dimensions_fit_with_a_legend_naming_every_line_and_covering_none(
    sized_terminal, ten_dimension_journal, reflect_home, width, height
):
    terminal = sized_terminal(width, height)
    environment = terminal_environment(reflect_home)
    del environment["NO_COLOR"]  # the chart is drawn only where colour can tell its lines apart
    terminal.start([*reflect_executable(), "trends", "--all"], environment)
    assert terminal.wait_for_exit(timeout=90) == 0
    lines = whole_output(terminal)
    assert all(len(line) <= width for line in lines)

    # The grid: every block's rows are the ten weeks, whole (a row wrapped by the terminal would
    # leave a line that does not start with its date), and the blocks together hold ten scores
    # per week under headers made of exactly the ten labels' words.
    blocks = grid_blocks(lines)
    assert 1 <= len(blocks) <= 2, lines[:40]
    header_words: list[str] = []
    scores_per_row = [0] * WEEKS
    for headers, rows in blocks:
        assert len(rows) == WEEKS, rows
        for number, row in enumerate(rows):
            scores_per_row[number] += len(SCORE.findall(row.split(maxsplit=1)[1]))
        header_words += " ".join(headers).split()
        assert " ".join(headers).split()[:2] == ["Week", "of"] or "Week of" in headers[-1]
    assert scores_per_row == [len(DIMENSIONS)] * WEEKS
    expected_words = ["Week", "of"] * len(blocks) + " ".join(DIMENSIONS.values()).split()
    assert sorted(header_words) == sorted(expected_words)
    # Theme order, not alphabetical: Trust heads the first block.
    first_header = blocks[0][0]
    assert first_header[-1].split()[2] == "Trust", first_header

    # The charts: at most five lines each, legends below naming each line whole on one row,
    # together every dimension once, in theme order.
    drawn = charts(lines)
    assert len(drawn) == 2, lines
    named: list[str] = []
    for plot, legend in drawn:
        entries = [
            entry.strip() for row in legend for entry in row.split("━━")[1:] if entry.strip()
        ]
        low_mark = "x lowest point"
        assert low_mark in legend[-1]
        entries = [entry.replace(low_mark, "").strip() for entry in entries]
        assert 1 <= len(entries) <= 5, legend
        assert all(entry in DIMENSIONS.values() for entry in entries), legend
        named += entries
        # Inside the frame: the plot and nothing else (braille dots, the low-point marks,
        # the frame's own edges and ticks, the y-axis numbers to its left).
        for row in plot[1:-1]:
            inside = row[row.index("│") + 1 if "│" in row[:8] else row.index("┤") + 1 :]
            inside = inside.rstrip("│")
            assert set(inside) <= BRAILLE | {" ", "x"}, row
            assert not re.search(r"[A-Za-wyz]", inside), row
    assert named == list(DIMENSIONS.values())

    # The sentences come after the charts and name the dip of the first dimension.
    sentences = "\n".join(lines[lines.index(drawn[-1][1][-1]) :])
    assert "Trust went from 7.0 to 9.0" in " ".join(sentences.split())
    assert "lowest 3.0 in the week of 21 Sep 2026" in " ".join(sentences.split())
