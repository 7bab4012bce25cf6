"""Writers for `reflect export`: each lays an ExportDocument out in one format.

Imported only by the export command (fpdf2 and Jinja2 are loaded by the writer that needs them,
not here).
"""

from __future__ import annotations

from typing import IO, Any

from reflect.core.export import ExportDocument, Writer
from reflect.model import ExportFormat
from reflect.render.console import printable
from reflect.render.export.csv_table import write_csv
from reflect.render.export.html import write_html
from reflect.render.export.json_document import write_json
from reflect.render.export.markdown import write_markdown
from reflect.render.export.pdf import write_pdf

WRITERS: dict[ExportFormat, Writer] = {
    ExportFormat.md: write_markdown,
    ExportFormat.html: write_html,
    ExportFormat.pdf: write_pdf,
    ExportFormat.json: write_json,
    ExportFormat.csv: write_csv,
}


def writer_for(format: ExportFormat | str) -> Writer:
    return WRITERS[ExportFormat(format)]


def write_document(document: ExportDocument, stream: IO[Any]) -> None:
    """Lay the document out in its own format."""
    writer_for(document.options.format)(document, stream)


class TerminalSafeStream:
    """Passes an export to a terminal with control characters made visible (see printable):
    an escape sequence someone pasted into an answer must never drive the terminal. Files and
    pipes get the text exactly as written."""

    def __init__(self, stream: IO[str]) -> None:
        self.stream = stream

    def write(self, text: str) -> int:
        return self.stream.write(printable(text))

    def flush(self) -> None:
        self.stream.flush()


__all__ = [
    "WRITERS",
    "TerminalSafeStream",
    "write_csv",
    "write_document",
    "write_html",
    "write_json",
    "write_markdown",
    "write_pdf",
    "writer_for",
]
