"""The HTML export: one self-contained page, safe to open anywhere and to print.

Jinja2 with autoescaping renders every piece of user text as text. The page loads nothing (a
Content-Security-Policy forbids it, and there is no URL in it to load) and needs no JavaScript:
the trend chart is pygal's SVG, inlined, with pygal's own script elements and comments removed.
The template streams (`Template.generate`), so a long journal is never held in memory as a page.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, TextIO

from reflect.core.export import ExportDocument, SessionDivider, TrendSection
from reflect.render.export import wording

if TYPE_CHECKING:
    from reflect.model import StoredEntry

SVG_NAMESPACE = "http://www.w3.org/2000/svg"
XLINK_NAMESPACE = "http://www.w3.org/1999/xlink"
MAX_AXIS_LABELS = 12


@dataclass(frozen=True)
class SessionView:
    heading: str
    note: str | None
    is_session: bool = True


@dataclass(frozen=True)
class EntryView:
    heading: str
    flagged: bool
    private: bool
    tags: tuple[str, ...]
    is_note: bool
    answers: list[wording.ShownAnswer]
    is_session: bool = False


def _views(document: ExportDocument) -> Iterator[SessionView | EntryView]:
    titles = document.pack_titles
    for item in document.items():
        if isinstance(item, SessionDivider):
            yield SessionView(wording.session_heading(item.session.held_on), item.session.note)
        else:
            yield _entry_view(item, titles)


def _entry_view(entry: StoredEntry, titles: dict[str, str]) -> EntryView:
    return EntryView(
        heading=wording.entry_heading(entry, titles),
        flagged=entry.flagged,
        private=entry.private,
        tags=entry.tags,
        is_note=entry.kind == "note",
        answers=[wording.shown_answer(answer) for answer in wording.answered(entry)],
    )


def trend_chart_svg(trends: TrendSection) -> str:
    """The trend lines as an inline SVG element (empty when there is nothing to draw)."""
    drawable = [series for series in trends.series if any(s is not None for s in series.scores)]
    if not drawable:
        return ""
    import pygal
    from pygal.style import CleanStyle

    labels: list[str] = sorted({label for series in drawable for label in series.labels})
    # A year of weeks would crowd the axis: label about a dozen of them.
    every = max(1, -(-len(labels) // MAX_AXIS_LABELS))
    chart = pygal.Line(
        x_labels_major_every=every,
        show_minor_x_labels=every == 1,
        truncate_label=-1,
        js=[],  # no external script; pygal's inline config script is removed below
        style=CleanStyle(font_family="sans-serif"),
        width=720,
        height=320,
        range=(0, 10),
        show_dots=True,
        allow_interruptions=True,
        disable_xml_declaration=True,
        legend_at_bottom=True,
        x_label_rotation=0,
        title="Scores by week (0-10)",
    )
    chart.x_labels = labels
    for series in drawable:
        by_label = dict(zip(series.labels, series.scores, strict=True))
        chart.add(series.dimension, [by_label.get(label) for label in labels])
    return _without_scripts(chart.render(is_unicode=True))


def _without_scripts(svg: str) -> str:
    """pygal always embeds a configuration <script>; the export must carry none."""
    from xml.etree import ElementTree

    ElementTree.register_namespace("", SVG_NAMESPACE)
    ElementTree.register_namespace("xlink", XLINK_NAMESPACE)
    root = ElementTree.fromstring(svg)  # the parser drops comments (pygal's credit URLs)
    for parent in list(root.iter()):
        for child in list(parent):
            if child.tag in (f"{{{SVG_NAMESPACE}}}script", "script"):
                parent.remove(child)
    return ElementTree.tostring(root, encoding="unicode")


def write_html(document: ExportDocument, stream: TextIO) -> None:
    from jinja2 import Environment, PackageLoader, select_autoescape
    from markupsafe import Markup

    environment = Environment(
        loader=PackageLoader("reflect.render", "templates"),
        autoescape=select_autoescape(enabled_extensions=("html", "j2"), default=True),
        trim_blocks=True,
        lstrip_blocks=True,
    )
    template = environment.get_template("export.html.j2")
    chart = trend_chart_svg(document.trends) if document.trends is not None else ""
    for chunk in template.generate(
        title=wording.TITLE,
        date_range=wording.date_range(document),
        made_line=wording.made_line(document),
        trends=document.trends,
        chart_svg=Markup(chart),  # built by pygal from numbers and our labels; scripts removed
        items=_views(document),
        flag_mark=wording.FLAG_MARK,
    ):
        stream.write(chunk)
