"""Fixtures for the export and import tests (defined in tests/exchange/journals.py)."""

from tests.exchange.journals import open_extra_journal, sample

__all__ = ["open_extra_journal", "sample"]
