"""Fixtures of the export tests written against surviving mutants (tests/MUTATION.md): the
sample journal of tests/exchange."""

from tests.exchange.journals import export_caches_emptied, open_extra_journal, sample

__all__ = ["export_caches_emptied", "open_extra_journal", "sample"]
