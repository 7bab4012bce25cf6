"""Writers for `reflect export`: each lays an ExportDocument out in one format.

Imported only by the export command. Each format's module is imported when that format is
asked for, as reflect.cli.app imports only the command that runs: a JSON export has no use for
the HTML, PDF and chart code (about 25 ms of imports), and fpdf2 and Jinja2 are loaded inside the
writers that need them.
"""

from __future__ import annotations

import importlib
from typing import IO, Any, cast

from reflect.core.export import ExportDocument, Writer
from reflect.model import ExportFormat
from reflect.render.console import printable

# Each format's writer: the module under reflect.render.export and the function in it.
WRITERS: dict[ExportFormat, tuple[str, str]] = {
    ExportFormat.md: ("markdown", "write_markdown"),
    ExportFormat.html: ("html", "write_html"),
    ExportFormat.pdf: ("pdf", "write_pdf"),
    ExportFormat.json: ("json_document", "write_json"),
    ExportFormat.csv: ("csv_table", "write_csv"),
}


def writer_for(format: ExportFormat | str) -> Writer:
    module, function = WRITERS[ExportFormat(format)]
    return cast("Writer", getattr(importlib.import_module(f"{__name__}.{module}"), function))


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


__all__ = ["WRITERS", "TerminalSafeStream", "write_document", "writer_for"]
