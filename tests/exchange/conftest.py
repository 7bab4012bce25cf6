"""Fixtures for the export and import tests (defined in tests/exchange/journals.py)."""

from tests.exchange.journals import export_caches_emptied, open_extra_journal, sample

__all__ = ["export_caches_emptied", "open_extra_journal", "sample"]
