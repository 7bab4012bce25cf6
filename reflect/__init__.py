"""reflect: a private command-line journal about the relationship with your therapist.

The library API (docs/api.md): `reflect.open_journal(path, passphrase=...)` returns a Journal
to list, search, show, record runs and notes, chart trends and export. The names are loaded on
first use (module __getattr__), so `import reflect` and `reflect --help` stay fast.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

if TYPE_CHECKING:
    from reflect.api import Journal, open_journal
    from reflect.core.export import ExportResult
    from reflect.core.trends import TrendReport
    from reflect.errors import PassphraseRequiredError, ReflectError, WrongPassphraseError
    from reflect.model import EntryDetail, EntrySummary, ExportFormat, SearchResults

# Each public name, and the module it comes from.
_EXPORTS = {
    "Journal": "reflect.api",
    "open_journal": "reflect.api",
    "ExportResult": "reflect.core.export",
    "TrendReport": "reflect.core.trends",
    "PassphraseRequiredError": "reflect.errors",
    "ReflectError": "reflect.errors",
    "WrongPassphraseError": "reflect.errors",
    "EntryDetail": "reflect.model",
    "EntrySummary": "reflect.model",
    "ExportFormat": "reflect.model",
    "SearchResults": "reflect.model",
}

__all__ = [
    "EntryDetail",
    "EntrySummary",
    "ExportFormat",
    "ExportResult",
    "Journal",
    "PassphraseRequiredError",
    "ReflectError",
    "SearchResults",
    "TrendReport",
    "WrongPassphraseError",
    "__version__",
    "open_journal",
]


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'reflect' has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value  # found once, then an ordinary attribute
    return value


def __dir__() -> list[str]:
    return sorted([*globals(), *_EXPORTS])
