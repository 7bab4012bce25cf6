"""The command line: thin adapters that parse options, call reflect.core and render results.

Each top-level command lives in its own module (run.py, note.py, journal.py, export.py, ...),
listed with its one-line summary in app.py's COMMAND_MODULES: `reflect --help` reads the table,
and a command's module (with everything it imports, at its top) is imported only when that
command is looked up, to run or for its own help.
"""
