"""Writing entries that arrive whole: a note, and a pack run from an answers file.

The CLI and the menu write through the core, never through the store, so every write passes the
same layer; these two are the store's own one-transaction writes, offered here unchanged (an
interactive run writes answer by answer through reflect.core.running.PackRun).
"""

from __future__ import annotations

from reflect.store.entries import create_complete_entry, create_note

__all__ = ["create_complete_entry", "create_note"]
