"""`reflect trends`: per-dimension scores over time as tables, a chart and plain words."""

from __future__ import annotations

import json
from enum import StrEnum
from typing import Annotated

import typer
from msgspec.structs import replace

from reflect.cli.access import open_journal
from reflect.cli.completion import complete_dimension, complete_pack_filter
from reflect.cli.options import FlaggedOption, SinceOption, TagFilterOption, UntilOption
from reflect.core.filters import FilterOptions, filter_from_options
from reflect.core.trends import (
    RECENT_PERIODS,
    TrendQuery,
    compute_trends,
    journal_has_scores,
    recent_since,
)
from reflect.model import DateRange
from reflect.render.console import say, stdout_console
from reflect.render.trends import empty_message, render_trends, session_hint


class Grouping(StrEnum):
    week = "week"
    month = "month"
    session = "session"


def register(app: typer.Typer) -> None:
    """Add this module's commands to the top-level app."""
    app.command("trends")(trends_command)


def trends_command(
    by: Annotated[
        Grouping,
        typer.Option(
            "--by",
            help="Group by ISO week (Monday first), calendar month, or the time between "
            "recorded therapy sessions.",
        ),
    ] = Grouping.week,
    since: SinceOption = None,
    until: UntilOption = None,
    dimension: Annotated[
        list[str] | None,
        typer.Option(
            "--dimension",
            "-d",
            metavar="NAME",
            help="Only this dimension (repeatable), e.g. --dimension safety.",
            autocompletion=complete_dimension,
        ),
    ] = None,
    pack: Annotated[
        str | None,
        typer.Option(
            metavar="PACK",
            help="Only entries of this pack, and each of its scale questions on its own.",
            autocompletion=complete_pack_filter,
        ),
    ] = None,
    tag: TagFilterOption = None,
    flagged: FlaggedOption = False,
    all_periods: Annotated[
        bool,
        typer.Option(
            "--all", help="Every period since the first entry (default: the last 12 of them)."
        ),
    ] = False,
    include_drafts: Annotated[
        bool, typer.Option("--include-drafts", help="Count unfinished entries too.")
    ] = False,
    notable: Annotated[
        float,
        typer.Option(
            "--notable",
            metavar="POINTS",
            help="The change between two periods (0-10) the summary names and the grid marks "
            "(default 2).",
        ),
    ] = 2.0,
    json_output: Annotated[
        bool,
        typer.Option(
            "--json",
            help='Print JSON alone on stdout: {"format": "reflect-trends", "version": 1, "by", '
            '"dimensions": [{"name", "periods": [{"start", "end", "entries", "score"}], '
            '"summary": {"low", "high", "notable_changes", "halves", "reliable_change", ...}}]} '
            "(scores 0-10, one decimal, as in the grid).",
        ),
    ] = False,
) -> None:
    """How your scores for trust, safety and the rest move over time.

    Without --since it looks at the last 12 weeks, months or sessions (--all: everything).
    Each scale answer is placed on 0-10 using its own range (reverse-scored items flipped),
    averaged per entry, then per period so every entry weighs the same. Skipped questions,
    follow-ups that were not asked, drafts and entries in the trash do not count; private
    entries do (they stay yours). The summary names where each score started and where it is,
    its lowest period, and the biggest change between periods of --notable points or more;
    from 8 scored entries it compares the later half with the earlier one against your own
    usual ups and downs. The README ("Trends") explains the figures and the JSON format.

    Example: reflect trends --by month --since 6m --dimension safety
    """

    with open_journal() as database:
        entries = filter_from_options(
            database,
            FilterOptions(since, until, pack, tag, flagged),
            drafts=None if include_drafts else False,
        )
        recent_only = since is None and not all_periods
        if recent_only:
            start = recent_since(database, by.value, until=entries.until)
            entries = replace(entries, dates=DateRange(start, entries.until))
        query = TrendQuery(
            entries=entries,
            by=by.value,
            dimensions=tuple(dimension or ()),
            notable_change=notable,
        )
        report = compute_trends(database, query)
        # An empty window over a journal with older ratings deserves a pointer to --all.
        older_scores = report.is_empty and recent_only and journal_has_scores(database)
    if json_output:
        typer.echo(json.dumps(report.to_json_dict(), indent=2, ensure_ascii=False))
        return

    if report.is_empty:
        if older_scores:
            say(
                f"No scale answers in the last {RECENT_PERIODS} {by.value}s. "
                "`reflect trends --all` looks at every period."
            )
        else:
            say(empty_message(filtered=bool(since or until or dimension or pack or tag or flagged)))
        return
    render_trends(report, stdout_console())
    hint = session_hint(report)
    if hint:
        say(hint)
