"""The HTML export: one self-contained page, safe to open anywhere and to print.

Jinja2 with autoescaping renders every piece of user text as text. The page loads nothing (a
Content-Security-Policy forbids it, and there is no URL in it to load) and needs no JavaScript:
the trend chart is inline SVG drawn by reflect.render.export.chart.
The template streams (`Template.generate`), so a long journal is never held in memory as a page.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, TextIO

from msgspec import Struct

from reflect.core.export import Brief, ExportDocument, SessionDivider, TrendSection
from reflect.render.export import wording
from reflect.render.export.chart import layout_chart, panel_svg, swatch_svg

if TYPE_CHECKING:
    from markupsafe import Markup

    from reflect.model import StoredEntry


class SessionView(Struct, frozen=True):
    heading: str
    note: str | None
    is_session: bool = True


class EntryView(Struct, frozen=True):
    entry: StoredEntry  # its marks and tags as they are; the rest in words below
    heading: str
    anchor: str
    answers: list[wording.ShownAnswer]
    is_session: bool = False


class BringView(Struct, frozen=True):
    flagged: bool
    where: str
    excerpt: str
    anchor: str
    pointer: str


class TableView(Struct, frozen=True):
    heading: str
    columns: tuple[str, ...]
    rows: list[tuple[str, int, list[str]]]
    notes: list[str]


class BriefView(Struct, frozen=True):
    bring: list[BringView]
    bring_more: str | None
    nothing_to_bring: str
    table: TableView | None
    moments: list[tuple[str, str | None]]  # (text, anchor of the entry)


class LegendItem(Struct, frozen=True):
    label: str
    swatch: Markup


class PanelView(Struct, frozen=True):
    svg: Markup
    legend: list[LegendItem]


def _views(document: ExportDocument) -> Iterator[SessionView | EntryView]:
    titles = document.pack_titles
    for item in document.items():
        if isinstance(item, SessionDivider):
            yield SessionView(wording.session_heading(item.session.held_on), item.session.note)
        else:
            yield _entry_view(item, titles)


def _entry_view(entry: StoredEntry, titles: dict[str, str]) -> EntryView:
    return EntryView(
        entry=entry,
        heading=wording.entry_heading(entry, titles),
        anchor=wording.entry_anchor(entry.id),
        answers=[wording.shown_answer(answer) for answer in wording.answered(entry)],
    )


def brief_view(brief: Brief) -> BriefView:
    made_on = brief.made_on
    table = None
    if brief.table is not None:
        notes = [wording.TABLE_NOTE]
        left_out = wording.table_left_out(brief.table)
        if left_out:
            notes.append(left_out)
        table = TableView(
            heading=wording.table_heading(brief.table, made_on),
            columns=brief.table.columns,
            rows=[
                (
                    wording.row_label(row, brief.table.by, made_on),
                    row.entries,
                    [wording.score_cell(score) for score in row.scores],
                )
                for row in brief.table.rows
            ],
            notes=notes,
        )
    moments: list[tuple[str, str | None]] = [
        (wording.low_point_line(low, made_on), wording.entry_anchor(low.entry_id))
        for low in brief.low_points
    ]
    moments += [
        (wording.strain_line(strain, made_on), wording.entry_anchor(strain.entry_id))
        for strain in brief.strains
    ]
    if brief.strains_left_out:
        moments.append((wording.more_line(brief.strains_left_out, "strain"), None))
    return BriefView(
        bring=[
            BringView(
                flagged=item.flagged,
                where=f"{wording.brief_day(item.created_at, made_on)} · {item.source}",
                excerpt=wording.cut(item.excerpt) if item.excerpt else "",
                anchor=wording.entry_anchor(item.entry_id),
                pointer=wording.full_entry_pointer(item.created_at, made_on),
            )
            for item in brief.bring
        ],
        bring_more=wording.more_line(brief.bring_left_out, "item")
        if brief.bring_left_out
        else None,
        nothing_to_bring=wording.NOTHING_TO_BRING,
        table=table,
        moments=moments,
    )


def chart_panels(trends: TrendSection) -> tuple[str, list[PanelView]]:
    """The chart's title and its panels (several when there are more than six lines)."""
    from markupsafe import Markup  # with Jinja2: only when an HTML export is written

    layout = layout_chart(trends)
    if layout is None:
        return "", []
    panels = []
    for panel in layout.panels:
        names = ", ".join(line.label for line in panel.lines)
        panels.append(
            PanelView(
                # Built from numbers and labels, every label escaped: no person's text unescaped.
                svg=Markup(panel_svg(layout, panel, f"{layout.title}: {names}")),
                legend=[LegendItem(line.label, Markup(swatch_svg(line))) for line in panel.lines],
            )
        )
    return layout.title, panels


def write_html(document: ExportDocument, stream: TextIO) -> None:
    from jinja2 import Environment, PackageLoader, select_autoescape

    environment = Environment(
        loader=PackageLoader("reflect.render", "templates"),
        autoescape=select_autoescape(enabled_extensions=("html", "j2"), default=True),
        trim_blocks=True,
        lstrip_blocks=True,
    )
    template = environment.get_template("export.html.j2")
    chart_title, panels = chart_panels(document.trends) if document.trends else ("", [])
    for chunk in template.generate(
        title=wording.TITLE,
        covers=wording.covers_line(document),
        made_line=wording.made_line(document),
        brief=brief_view(document.brief) if document.brief is not None else None,
        words=wording,
        trends=document.trends,
        chart_title=chart_title,
        panels=panels,
        items=_views(document),
        flag_mark=wording.FLAG_MARK,
        with_sections=document.brief is not None or document.trends is not None,
    ):
        stream.write(chunk)
