"""Writers for `reflect export`: each lays an ExportDocument out in one format.

Imported only by the export command (fpdf2, Jinja2 and pygal are loaded by the writer that needs
them, not here).
"""

from __future__ import annotations

from reflect.render.export.csv_table import write_csv
from reflect.render.export.html import write_html
from reflect.render.export.json_document import write_json
from reflect.render.export.markdown import write_markdown
from reflect.render.export.pdf import write_pdf

__all__ = ["write_csv", "write_html", "write_json", "write_markdown", "write_pdf"]
