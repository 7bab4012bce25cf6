"""The domain: running packs, entries, sessions, search, trends, import and export."""
