"""The export formats, named once for the command line, the menu, the core and the writers."""

from __future__ import annotations

from enum import StrEnum


class ExportFormat(StrEnum):
    """A format `reflect export` writes. Members equal their names as strings ("md" == md)."""

    md = "md"
    html = "html"
    pdf = "pdf"
    json = "json"
    csv = "csv"

    @property
    def binary(self) -> bool:
        """Written as bytes, never to a terminal."""
        return self is ExportFormat.pdf
