"""The command line: thin adapters that parse options, call reflect.core and render results.

Modules here import only typer and the standard library at import time, so `reflect --help`
stays fast; everything else is imported inside the command that needs it.
"""
