"""ARCHITECTURE.md and CONTRIBUTING.md name files and functions that exist, so a newcomer
following them never lands on a path that moved."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
# `core/filters.py`, `cli/access.open_journal`, `render/export/writer_for`, tests/store/test_x.py
REFERENCE = re.compile(
    r"((?:reflect/|tests/)?(?:[a-z_]+/)+[a-z_0-9]+(?:\.py)?)(?:[ .]([A-Za-z]*[A-Z_][A-Za-z_]*))?"
)


def named_files(document: str) -> list[tuple[Path, str | None]]:
    text = (ROOT / document).read_text(encoding="utf-8")
    found = []
    for path, name in REFERENCE.findall(text):
        if path.startswith("tests/"):
            found.append((ROOT / path, None))
        elif "/" in path and path.split("/")[0] in {
            "cli",
            "core",
            "store",
            "packs",
            "render",
            "model",
        }:
            found.append((ROOT / "reflect" / path, name or None))
        elif path.startswith("reflect/"):
            found.append((ROOT / path, name or None))
    return found


@pytest.mark.parametrize("document", ["ARCHITECTURE.md", "CONTRIBUTING.md"])
def test_every_file_a_contributor_doc_names_exists(document):
    references = named_files(document)
    assert len(references) > 10
    missing = []
    for path, name in references:
        candidates = [path, path.with_suffix(".py"), path / "__init__.py"]
        existing = next((c for c in candidates if c.is_file() or c.is_dir()), None)
        if existing is None and path.parent.with_suffix(".py").is_file():
            # `render/export/writer_for`: a function of the module named before it
            existing, name = path.parent.with_suffix(".py"), path.name
        if existing is None and (path.parent / "__init__.py").is_file():
            existing, name = path.parent / "__init__.py", path.name
        if existing is None:
            missing.append(str(path.relative_to(ROOT)))
        elif name and existing.is_file() and name not in existing.read_text(encoding="utf-8"):
            missing.append(f"{existing.relative_to(ROOT)}: {name}")
    assert missing == []
