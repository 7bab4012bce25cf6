"""The PDF export, through fpdf2, with real (selectable, searchable) text.

The text is set in DejaVu Sans, a Unicode TrueType font (Debian: fonts-dejavu-core, which .ci/run
installs; most Linux systems have it). A character the font has no glyph for (emoji, CJK) is drawn
as a visible box (□) instead of failing or vanishing. Without any Unicode font on the machine the
export still works in the PDF core font Helvetica, with characters outside Latin-1 shown as '?'.
Right-to-left text is kept in its logical order (fpdf2 shapes it only with uharfbuzz installed).
"""

from __future__ import annotations

import importlib.util
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO

from reflect.core.export import ExportDocument, SessionDivider
from reflect.render.export import wording

if TYPE_CHECKING:
    from fpdf import FPDF

    from reflect.model import StoredEntry

FONT_FAMILY = "DejaVu"
FONT_FILES = {"": "DejaVuSans.ttf", "B": "DejaVuSans-Bold.ttf"}
FONT_FOLDERS = (
    Path("/usr/share/fonts/truetype/dejavu"),  # Debian, Ubuntu
    Path("/usr/share/fonts/dejavu-sans-fonts"),  # Fedora
    Path("/usr/share/fonts/dejavu"),
    Path("/usr/share/fonts/TTF"),  # Arch
    Path("/usr/local/share/fonts"),
    Path("/opt/homebrew/share/fonts"),
    Path.home() / "Library/Fonts",
    Path("/Library/Fonts"),
)
MISSING_GLYPH = "□"
FLAG_COLOUR = (181, 101, 29)
MUTED_COLOUR = (90, 90, 90)


def find_unicode_font() -> dict[str, Path] | None:
    """DejaVu Sans regular and bold, from the system or from matplotlib if it is installed."""
    folders = list(FONT_FOLDERS)
    matplotlib = importlib.util.find_spec("matplotlib")
    if matplotlib is not None and matplotlib.origin:
        folders.append(Path(matplotlib.origin).parent / "mpl-data" / "fonts" / "ttf")
    for folder in folders:
        files = {style: folder / name for style, name in FONT_FILES.items()}
        if all(path.is_file() for path in files.values()):
            return files
    return None


class _Typesetter:
    """Lays the export out on A4 pages, keeping every string within what the font can draw."""

    def __init__(self) -> None:
        from fpdf import FPDF

        self.pdf: FPDF = FPDF(format="A4")
        self.pdf.set_margins(18, 18, 18)
        self.pdf.set_auto_page_break(True, margin=18)
        self.pdf.set_title(wording.TITLE)
        self.pdf.set_creator("reflect")
        fonts = find_unicode_font()
        if fonts is not None:
            for style, path in fonts.items():
                self.pdf.add_font(FONT_FAMILY, style, str(path))
            self.family = FONT_FAMILY
            self.glyphs: set[int] | None = set(self.pdf.fonts[FONT_FAMILY.lower()].cmap)
        else:
            self.family = "Helvetica"
            self.glyphs = None
        self.pdf.add_page()

    def drawable(self, text: str) -> str:
        if self.glyphs is None:
            return text.encode("latin-1", "replace").decode("latin-1")
        glyphs = self.glyphs
        return "".join(
            character if ord(character) in glyphs or character in "\n\t" else MISSING_GLYPH
            for character in text
        )

    def text(
        self,
        text: str,
        *,
        size: float = 10,
        bold: bool = False,
        indent: float = 0,
        colour: tuple[int, int, int] = (0, 0, 0),
        space_after: float = 1,
    ) -> None:
        from fpdf.enums import XPos, YPos

        pdf = self.pdf
        pdf.set_font(self.family, "B" if bold else "", size)
        pdf.set_text_color(*colour)
        pdf.set_x(pdf.l_margin + indent)
        pdf.multi_cell(
            pdf.epw - indent,
            size * 0.5,
            self.drawable(text),
            align="L",
            new_x=XPos.LMARGIN,
            new_y=YPos.NEXT,
        )
        pdf.ln(space_after)

    def rule(self, width: float = 0.3) -> None:
        pdf = self.pdf
        pdf.set_line_width(width)
        pdf.line(pdf.l_margin, pdf.get_y(), pdf.w - pdf.r_margin, pdf.get_y())
        pdf.ln(2)


def _entry(typesetter: _Typesetter, entry: StoredEntry, titles: dict[str, str]) -> None:
    typesetter.pdf.ln(3)
    if entry.flagged:
        typesetter.text(
            f"{wording.FLAG_MARK} Flagged to bring to the session",
            bold=True,
            colour=FLAG_COLOUR,
            space_after=0,
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
            typesetter.text(shown.question, bold=True, space_after=0.5)
        typesetter.text(shown.value, indent=4, space_after=2)


def write_pdf(document: ExportDocument, stream: BinaryIO) -> None:
    typesetter = _Typesetter()
    typesetter.text(wording.TITLE, size=18, bold=True, space_after=2)
    typesetter.text(wording.date_range(document), colour=MUTED_COLOUR, space_after=0)
    typesetter.text(wording.made_line(document), colour=MUTED_COLOUR, space_after=4)
    if document.trends is not None:
        typesetter.text("Trends", size=14, bold=True)
        for line in document.trends.summary_lines or ("Not enough scored entries yet.",):
            typesetter.text(f"• {line}", indent=2)
    titles = document.pack_titles
    for item in document.items():
        if isinstance(item, SessionDivider):
            typesetter.pdf.ln(4)
            typesetter.rule(0.6)
            typesetter.text(wording.session_heading(item.session.held_on), size=13, bold=True)
            if item.session.note:
                typesetter.text(item.session.note, indent=4, colour=MUTED_COLOUR)
        else:
            _entry(typesetter, item, titles)
    if document.entries_written == 0:
        typesetter.text("No entries matched.", colour=MUTED_COLOUR)
    stream.write(bytes(typesetter.pdf.output()))
