"""The PDF export, through fpdf2, with real (selectable, searchable) text.

Page one is the brief; then the trend chart (vector lines drawn by fpdf2, not a picture), then
the entries. Every page has a footer with the date range and "Page N of M". Flagged entries
carry a coloured bar down their left side and a "⚑ Flagged" line, as in the HTML export.

Text is set in DejaVu Sans found through fontconfig (see reflect.render.export.fonts), shaped by
HarfBuzz (fpdf2's text shaping, with uharfbuzz) so Arabic letters join and Hebrew and Arabic run
right to left. Characters DejaVu lacks come from an installed font that has them (Noto, usually);
those no font has are drawn as a visible box (□) and named once on stderr. Without any Unicode
font the export still works in the PDF core font Helvetica (characters outside Latin-1 as '?').
"""

from __future__ import annotations

import contextlib
import importlib.util
import unicodedata
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any, BinaryIO

from reflect.core.export import Brief, ExportDocument, SessionDivider, TrendSection
from reflect.render.export import wording
from reflect.render.export.chart import (
    MAX_LINES,
    Y_TICKS,
    ChartLayout,
    ChartLine,
    ChartPanel,
    layout_chart,
    value_labels,
)
from reflect.render.export.fonts import (
    MAX_LOOKUPS,
    Coverage,
    find_unicode_font,
    fonts_with,
    script_of,
)

if TYPE_CHECKING:
    from fpdf import FPDF

    from reflect.model import StoredEntry

FONT_FAMILY = "DejaVu"
MISSING_GLYPH = "□"
# Without a Unicode font the PDF core font holds Latin-1 only. Typographic punctuation (what a
# phone types for ' " - ...) is written as its plain form rather than lost as "?", and so are the
# Latin letters no accent decomposition reaches (Polish ł, Croatian đ, the ligature œ).
_PLAIN_PUNCTUATION = str.maketrans(
    {
        **dict.fromkeys("\u2018\u2019\u201a\u201b\u2032", "'"),
        **dict.fromkeys("\u201c\u201d\u201e\u201f\u2033", '"'),
        **dict.fromkeys("\u2010\u2011\u2012\u2013\u2014\u2015\u2212", "-"),
        **dict.fromkeys("\u2002\u2003\u2007\u2009\u200a\u202f", " "),
        "\u2026": "...",
        "\u2022": "\u00b7",
        "\u0141": "L",
        "\u0142": "l",
        "\u0110": "D",
        "\u0111": "d",
        "\u0152": "OE",
        "\u0153": "oe",
        "\u0131": "i",
    }
)


def _in_latin_1(text: str, coverage: Coverage) -> str:
    """Text the core font can set: Latin-1 as itself, typographic punctuation plain, a letter
    with an accent Latin-1 lacks as its base letter ("ő" as "o"), anything else "?" (its script
    named in the export's notice)."""
    text = text.translate(_PLAIN_PUNCTUATION)
    if all(ord(character) <= 0xFF for character in text):
        return text
    shown = []
    for character in text:
        if ord(character) <= 0xFF:
            shown.append(character)
            continue
        base = "".join(
            part
            for part in unicodedata.normalize("NFKD", character)
            if not unicodedata.combining(part)
        )
        if base and all(ord(part) <= 0xFF for part in base):
            shown.append(base)
        else:
            coverage.missing_scripts.setdefault(script_of(character), None)
            shown.append("?")
    return "".join(shown)


INK = (29, 29, 31)
MUTED_COLOUR = (90, 90, 96)
FLAG_COLOUR = (164, 82, 15)
RULE_COLOUR = (216, 216, 222)
GRID_COLOUR = (227, 227, 232)
MARGIN = 18
FOOTER_SPACE = 16
BAR_WIDTH = 1.6
CHART_HEIGHT = 52  # mm of plot per panel
POINT_TO_MM = 0.3528


def _rgb(colour: str) -> tuple[int, int, int]:
    return int(colour[1:3], 16), int(colour[3:5], 16), int(colour[5:7], 16)


class _Typesetter:
    """Lays the export out on A4 pages, keeping every string within what the fonts can draw."""

    def __init__(self, footer_text: str) -> None:
        from fpdf import FPDF

        typesetter = self

        class Pages(FPDF):
            def footer(self) -> None:
                typesetter.footer()

        self.pdf: FPDF = Pages(format="A4")
        self.pdf.set_margins(MARGIN, MARGIN, MARGIN)
        self.pdf.set_auto_page_break(True, margin=FOOTER_SPACE + 4)
        self.pdf.set_title(wording.TITLE)
        self.pdf.set_creator("reflect")
        self.pdf.alias_nb_pages()
        fonts = find_unicode_font()
        if fonts is not None:
            for style, path in fonts.items():
                self.pdf.add_font(FONT_FAMILY, style, str(path))
            self.family = FONT_FAMILY
            self.coverage = Coverage(_glyphs(self.pdf, FONT_FAMILY.lower()))
            if importlib.util.find_spec("uharfbuzz") is not None:
                self.pdf.set_text_shaping(True)
        else:
            self.family = "Helvetica"
            self.coverage = Coverage(None)
        self.footer_text = self.drawable(footer_text)
        self.pdf.add_page()

    # --- text

    def _add_fallback_for(self, character: str) -> bool:
        coverage = self.coverage
        if coverage.lookups >= MAX_LOOKUPS:
            return False
        coverage.lookups += 1
        for font in fonts_with(character)[:3]:
            name = f"fallback{len(coverage.fallbacks) + 1}"
            try:
                self.pdf.add_font(name, "", str(font.path), collection_font_number=font.index)
            except Exception:  # a font fpdf2 cannot read is simply not used
                continue
            glyphs = _glyphs(self.pdf, name)
            if ord(character) not in glyphs:
                continue
            coverage.fallbacks.append(name)
            coverage.covered |= glyphs
            self.pdf.set_fallback_fonts(coverage.fallbacks, exact_match=False)
            return True
        return False

    def drawable(self, text: str) -> str:
        coverage = self.coverage
        if coverage.primary is None:
            return _in_latin_1(text, coverage)
        shown = []
        for character in text:
            codepoint = ord(character)
            drawn = character in "\n\t" or coverage.has(codepoint)
            if not drawn and codepoint not in coverage.missing:
                drawn = self._add_fallback_for(character)
            if drawn:
                shown.append(character)
            elif unicodedata_is_mark(character):
                continue  # a lone combining mark or variation selector: nothing to draw
            else:
                coverage.missing.add(codepoint)
                coverage.missing_scripts.setdefault(script_of(character), None)
                shown.append(MISSING_GLYPH)
        return "".join(shown)

    def font(self, size: float, *, bold: bool = False, colour: tuple[int, int, int] = INK) -> None:
        self.pdf.set_font(self.family, "B" if bold else "", size)
        self.pdf.set_text_color(*colour)

    def text(
        self,
        text: str,
        *,
        size: float = 10,
        bold: bool = False,
        indent: float = 0,
        colour: tuple[int, int, int] = INK,
        space_after: float = 1,
        link: int | None = None,
    ) -> None:
        from fpdf.enums import XPos, YPos

        pdf = self.pdf
        self.font(size, bold=bold, colour=colour)
        pdf.set_x(pdf.l_margin + indent)
        pdf.multi_cell(
            pdf.epw - indent,
            size * 0.5,
            self.drawable(text),
            align="R" if starts_right_to_left(text) else "L",
            new_x=XPos.LMARGIN,
            new_y=YPos.NEXT,
            link=link,
        )
        pdf.ln(space_after)

    def write(
        self,
        text: str,
        *,
        size: float = 10,
        bold: bool = False,
        colour: tuple[int, int, int] = INK,
        link: int | str = "",
    ) -> None:
        """Text that flows on from the previous piece (a line of mixed styles)."""
        self.font(size, bold=bold, colour=colour)
        self.pdf.write(size * 0.5, self.drawable(text), link=link)

    def heading(self, text: str, size: float = 14, space_before: float = 4) -> None:
        self.pdf.ln(space_before)
        self.text(text, size=size, bold=True, space_after=1.5)

    def footer(self) -> None:
        pdf = self.pdf
        pdf.set_y(-FOOTER_SPACE)
        pdf.set_draw_color(*RULE_COLOUR)
        pdf.set_line_width(0.2)
        pdf.line(pdf.l_margin, pdf.get_y(), pdf.w - pdf.r_margin, pdf.get_y())
        pdf.ln(1.5)
        self.font(8, colour=MUTED_COLOUR)
        pdf.cell(pdf.epw * 0.78, 4, self.footer_text, align="L")
        pdf.cell(pdf.epw * 0.22, 4, f"Page {pdf.page_no()} of {{nb}}", align="R")

    # --- marks

    @contextlib.contextmanager
    def left_bar(self, colour: tuple[int, int, int], width: float = BAR_WIDTH) -> Iterator[None]:
        """A bar down the left of what is written inside, on every page it runs over."""
        pdf = self.pdf
        start_page, start_y = pdf.page, pdf.get_y()
        yield
        end_page, end_y = pdf.page, pdf.get_y()
        top = pdf.t_margin
        bottom = pdf.h - pdf.b_margin
        for page in range(start_page, end_page + 1):
            pdf.page = page
            y0 = start_y if page == start_page else top
            y1 = end_y if page == end_page else bottom
            if y1 > y0:
                pdf.set_fill_color(*colour)
                pdf.rect(pdf.l_margin - 4, y0, width, y1 - y0, style="F")
        pdf.page = end_page

    def rule(self, width: float = 0.3, colour: tuple[int, int, int] = (80, 80, 90)) -> None:
        pdf = self.pdf
        pdf.set_draw_color(*colour)
        pdf.set_line_width(width)
        pdf.line(pdf.l_margin, pdf.get_y(), pdf.w - pdf.r_margin, pdf.get_y())
        pdf.ln(2)

    def space_left(self) -> float:
        return self.pdf.h - self.pdf.b_margin - self.pdf.get_y()


def _glyphs(pdf: FPDF, family: str) -> set[int]:
    """The code points a TrueType font added to `pdf` has glyphs for."""
    font = pdf.fonts[family]
    return set(getattr(font, "cmap", {}))


def starts_right_to_left(text: str) -> bool:
    """Whether a paragraph reads right to left: its first letter with a direction is Hebrew,
    Arabic or another right-to-left script (as HTML's `unicode-bidi: plaintext` decides)."""
    for character in text:
        direction = unicodedata.bidirectional(character)
        if direction in ("R", "AL"):
            return True
        if direction == "L":
            return False
    return False


def unicodedata_is_mark(character: str) -> bool:
    return unicodedata.category(character) in ("Mn", "Me", "Cf")


# --- the brief


def _brief(typesetter: _Typesetter, brief: Brief, links: dict[str, int]) -> None:
    pdf = typesetter.pdf

    def link_to(entry_id: str) -> int:
        if entry_id not in links:
            links[entry_id] = pdf.add_link()
        return links[entry_id]

    made_on = brief.made_on
    typesetter.heading(wording.BRIEF_TITLE, size=15, space_before=2)
    typesetter.text(wording.BRING_HEADING, size=11.5, bold=True, space_after=1.5)
    if not brief.bring:
        typesetter.text(wording.NOTHING_TO_BRING, size=9.5, colour=MUTED_COLOUR)
    for item in brief.bring:
        colour = FLAG_COLOUR if item.flagged else RULE_COLOUR
        with typesetter.left_bar(colour, BAR_WIDTH if item.flagged else 0.8):
            pdf.set_x(pdf.l_margin)
            if item.flagged:
                typesetter.write(f"{wording.FLAG_MARK} ", bold=True, colour=FLAG_COLOUR)
            where = f"{wording.brief_day(item.created_at, made_on)} · {item.source}"
            typesetter.write(where, bold=True)
            if item.excerpt:
                typesetter.write(": " + wording.cut(item.excerpt))
            elif item.flagged:
                typesetter.write(" (flagged)")
            # No-break spaces: the pointer wraps as one piece, never across two lines.
            pointer = wording.full_entry_pointer(item.created_at, made_on).replace(" ", "\u00a0")
            typesetter.write(
                f"  ({pointer})",
                size=8.5,
                colour=MUTED_COLOUR,
                link=link_to(item.entry_id),
            )
            pdf.ln(5.5)
        pdf.ln(1.2)
    if brief.bring_left_out:
        typesetter.text(
            wording.more_line(brief.bring_left_out, "item"), size=9, colour=MUTED_COLOUR
        )
    if brief.table is not None:
        _score_table(typesetter, brief)
    if brief.low_points or brief.strains:
        typesetter.text(wording.MOMENTS_HEADING, size=11.5, bold=True, space_after=1.5)
        lines = [
            (wording.low_point_line(low, made_on), link_to(low.entry_id))
            for low in brief.low_points
        ]
        lines += [
            (wording.strain_line(strain, made_on), link_to(strain.entry_id))
            for strain in brief.strains
        ]
        for line, link in lines:
            typesetter.text(f"•  {line}", size=9.5, indent=1, link=link, space_after=0.8)
        if brief.strains_left_out:
            typesetter.text(
                wording.more_line(brief.strains_left_out, "strain"), size=9, colour=MUTED_COLOUR
            )


def _score_table(typesetter: _Typesetter, brief: Brief) -> None:
    from fpdf.fonts import FontFace

    table = brief.table
    assert table is not None
    pdf = typesetter.pdf
    typesetter.pdf.ln(2.5)
    typesetter.text(
        wording.table_heading(table, brief.made_on), size=11.5, bold=True, space_after=1.5
    )
    label_width, count_width = 27.0, 14.0
    score_width = (pdf.epw - label_width - count_width) / max(1, len(table.columns))
    typesetter.font(8.5)
    pdf.set_fill_color(255, 255, 255)
    pdf.set_draw_color(*RULE_COLOUR)
    pdf.set_line_width(0.2)
    with pdf.table(
        col_widths=(label_width, count_width, *([score_width] * len(table.columns))),
        width=pdf.epw,
        text_align=("LEFT", "RIGHT", *(["RIGHT"] * len(table.columns))),
        headings_style=FontFace(emphasis="BOLD", color=INK, size_pt=8),
        borders_layout="HORIZONTAL_LINES",
        line_height=4.6,
        padding=(0.8, 1.0, 0.8, 1.0),
        v_align="BOTTOM",
        first_row_as_headings=True,
    ) as grid:
        heading = grid.row()
        for cell in ("", "Rated entries", *table.columns):
            heading.cell(typesetter.drawable(cell))
        for row in table.rows:
            cells = grid.row()
            cells.cell(typesetter.drawable(wording.row_label(row, table.by, brief.made_on)))
            cells.cell(str(row.entries))
            for score in row.scores:
                cells.cell(wording.score_cell(score))
    pdf.ln(1.5)
    notes = [wording.TABLE_NOTE]
    left_out = wording.table_left_out(table)
    if left_out:
        notes.append(left_out)
    typesetter.text(" ".join(notes), size=8.5, colour=MUTED_COLOUR, space_after=3)


# --- the chart


def _chart(typesetter: _Typesetter, layout: ChartLayout) -> None:
    typesetter.text(layout.title, size=10, bold=True, space_after=2)
    for panel in layout.panels:
        _panel(typesetter, layout, panel)


def _panel_height(panel: ChartPanel) -> float:
    return CHART_HEIGHT + 10 + 5.5 * (1 + (len(panel.lines) - 1) // 3)


def _panel(typesetter: _Typesetter, layout: ChartLayout, panel: ChartPanel) -> None:
    pdf = typesetter.pdf
    if typesetter.space_left() < _panel_height(panel):
        pdf.add_page()
    left = pdf.l_margin + 8
    width = pdf.epw - 12
    top = pdf.get_y() + 2
    bottom = top + CHART_HEIGHT

    def position(x: float, y: float) -> tuple[float, float]:
        return left + x * width, top + (1 - y) * CHART_HEIGHT

    pdf.set_line_width(0.2)
    pdf.set_draw_color(*GRID_COLOUR)
    typesetter.font(7, colour=MUTED_COLOUR)
    for tick in Y_TICKS:
        y = top + (1 - tick / 10) * CHART_HEIGHT
        pdf.line(left, y, left + width, y)
        label = str(tick)
        pdf.text(left - 2 - pdf.get_string_width(label), y + 1.2, label)
    pdf.set_draw_color(138, 138, 144)
    for x_share, label in layout.x_ticks:
        x = left + x_share * width
        pdf.line(x, bottom, x, bottom + 1.2)
        pdf.text(x - pdf.get_string_width(label) / 2, bottom + 4.5, typesetter.drawable(label))
    for line in panel.lines:
        _draw_line(typesetter, line, position)
    typesetter.font(7.5, bold=True)
    for value_label in value_labels(panel):
        x, y = position(value_label.x, value_label.y)
        pdf.text(x + 2.2, y + 1.2, value_label.text)
    pdf.set_dash_pattern()
    pdf.set_y(bottom + 7)
    _legend(typesetter, panel)
    pdf.ln(3)


def _take_pen(pdf: FPDF, line: ChartLine) -> None:
    """The line's colour (for strokes and dots), width and dash; a solid pattern if it has none."""
    red, green, blue = _rgb(line.colour)
    pdf.set_draw_color(red, green, blue)
    pdf.set_fill_color(red, green, blue)
    pdf.set_line_width(0.7)
    if line.dash:
        pdf.set_dash_pattern(dash=line.dash[0] * POINT_TO_MM, gap=line.dash[1] * POINT_TO_MM)
    else:
        pdf.set_dash_pattern()


def _draw_line(typesetter: _Typesetter, line: ChartLine, position: Any) -> None:
    pdf = typesetter.pdf
    _take_pen(pdf, line)
    for segment in line.segments:
        if len(segment) > 1:
            pdf.polyline([position(point.x, point.y) for point in segment], style="D")
    pdf.set_dash_pattern()
    radius = 1.3 if line.is_single_point else 0.9
    for point in line.points:
        x, y = position(point.x, point.y)
        pdf.circle(x, y, radius, style="F")  # fpdf2 2.8.1 on: x and y are the centre


def _legend(typesetter: _Typesetter, panel: ChartPanel) -> None:
    """Full names, three to a row, each with a stretch of its line."""
    pdf = typesetter.pdf
    column = pdf.epw / 3
    for index, line in enumerate(panel.lines):
        if index and index % 3 == 0:
            pdf.ln(5.5)
        x = pdf.l_margin + (index % 3) * column
        y = pdf.get_y() + 2.2
        _take_pen(pdf, line)
        pdf.line(x, y, x + 8, y)
        pdf.set_dash_pattern()
        pdf.circle(x + 4, y, 0.9, style="F")
        typesetter.font(8.5)
        pdf.set_xy(x + 10, pdf.get_y())
        pdf.multi_cell(column - 11, 4.4, typesetter.drawable(line.label), align="L")
        pdf.set_y(y - 2.2)
    pdf.ln(5.5)


def _trends(typesetter: _Typesetter, trends: TrendSection) -> None:
    layout = layout_chart(trends)
    if layout is None and not trends.summary_lines:
        return
    first_panel = layout.panels[0] if layout else None
    needed = 20 + (_panel_height(first_panel) if first_panel else 30)
    if typesetter.space_left() < needed:
        typesetter.pdf.add_page()
    typesetter.heading(wording.TRENDS_HEADING)
    if layout is not None:
        _chart(typesetter, layout)
    for line in trends.summary_lines:
        typesetter.text(f"•  {line}", size=9.5, indent=1, space_after=0.8)


# --- the entries


def _entry(
    typesetter: _Typesetter, entry: StoredEntry, titles: dict[str, str], links: dict[str, int]
) -> None:
    pdf = typesetter.pdf
    pdf.ln(3)
    if typesetter.space_left() < 20:
        pdf.add_page()
    if entry.id in links:
        pdf.set_link(links[entry.id], y=pdf.get_y(), page=pdf.page)
    bar = typesetter.left_bar(FLAG_COLOUR) if entry.flagged else contextlib.nullcontext()
    with bar:
        if entry.flagged:
            typesetter.text(
                f"{wording.FLAG_MARK} Flagged to bring to the session",
                size=9.5,
                bold=True,
                colour=FLAG_COLOUR,
                space_after=0.5,
            )
        typesetter.text(wording.entry_heading(entry, titles), size=11.5, bold=True)
        details = []
        if entry.tags:
            details.append("Tags: " + ", ".join(entry.tags))
        if entry.private:
            details.append("Private entry")
        if details:
            typesetter.text(" · ".join(details), size=9, colour=MUTED_COLOUR)
        answers = wording.answered(entry)
        if not answers:
            typesetter.text("No answers.", size=9, colour=MUTED_COLOUR)
        for answer in answers:
            shown = wording.shown_answer(answer)
            if entry.kind != "note":
                typesetter.text(shown.question, bold=True, size=9.5, space_after=0.5)
            typesetter.text(shown.value, indent=4, space_after=2)


def write_pdf(document: ExportDocument, stream: BinaryIO) -> None:
    typesetter = _Typesetter(f"{wording.TITLE} · {wording.date_range(document)}")
    typesetter.text(wording.TITLE, size=18, bold=True, space_after=2)
    typesetter.text(wording.covers_line(document), colour=MUTED_COLOUR, space_after=0)
    typesetter.text(wording.made_line(document), colour=MUTED_COLOUR, space_after=3)
    links: dict[str, int] = {}
    if document.brief is not None:
        _brief(typesetter, document.brief, links)
    if document.trends is not None:
        _trends(typesetter, document.trends)
    titles = document.pack_titles
    started = False
    for item in document.items():
        if not started:
            started = True
            if document.brief is not None or document.trends is not None:
                typesetter.pdf.add_page()
                typesetter.text(wording.ENTRIES_HEADING, size=15, bold=True, space_after=2)
        if isinstance(item, SessionDivider):
            typesetter.pdf.ln(4)
            if typesetter.space_left() < 30:
                typesetter.pdf.add_page()
            typesetter.rule(0.6)
            typesetter.text(wording.session_heading(item.session.held_on), size=13, bold=True)
            if item.session.note:
                typesetter.text(item.session.note, indent=4, colour=MUTED_COLOUR)
        else:
            _entry(typesetter, item, titles, links)
    if document.entries_written == 0:
        typesetter.text("No entries matched.", colour=MUTED_COLOUR)
    scripts = typesetter.coverage.missing_scripts
    if scripts:
        shown_as = "question marks" if typesetter.coverage.primary is None else "boxes"
        document.notices.append(
            f"Some characters have no font on this computer and show as {shown_as} in the PDF: "
            f"{', '.join(scripts)}."
        )
    stream.write(bytes(typesetter.pdf.output()))


__all__ = ["MAX_LINES", "write_pdf"]
