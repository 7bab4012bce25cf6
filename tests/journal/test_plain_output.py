"""`show` and `search` to a file or another program: the words rich prints on a terminal, as
plain text that is never wrapped, written without building a rich console (which costs more
than the command's own work: benchmarks/read_paths.md)."""

from __future__ import annotations

import io

from rich.console import Console

from reflect.core.journal import find_entry, search_journal
from reflect.model import EntryFilter
from reflect.render.journal import as_plain, as_texts, entry_view, search_view

LONG = " ".join(["a long careful sentence about what felt hard to say"] * 6) + " quillwort."


def rich_prints(blocks) -> str:
    console = Console(file=io.StringIO(), width=10_000, no_color=True, highlight=False)
    for text in as_texts(blocks):
        console.print(text)
    return console.file.getvalue()


def test_show_to_a_file_is_what_rich_prints_and_keeps_each_answer_on_one_line(
    cli, journal, write_entry
):
    entry = write_entry("2026-11-01T10:00", feeling=LONG, tags=["work"], flagged=True)
    view = entry_view(find_entry(journal, entry), "%Y-%m-%d")
    assert as_plain(view) + "\n" == rich_prints(view)
    shown = cli("show", entry[:8])
    assert shown.exit_code == 0
    assert f"  {LONG}" in shown.stdout.splitlines()  # one line, however long
    assert "flagged · #work" in shown.stdout


def test_search_to_a_file_is_what_rich_prints_with_whole_ids(cli, journal, write_note):
    note = write_note("2026-11-01T10:00", LONG)
    results = search_journal(journal, "quillwort", EntryFilter())
    view = search_view(results.hits, "%Y-%m-%d", styled=False, id_length=36)
    assert as_plain(view) + "\n" == rich_prints(view)
    found = cli("search", "quillwort")
    assert found.exit_code == 0
    (head, match, blank) = found.stdout.splitlines()
    assert head.startswith(f"{note}  ") and blank == ""
    assert match == "  …say a long careful sentence about what felt hard to say quillwort."


def test_on_a_narrow_terminal_a_wrapped_answer_stays_under_its_question(journal, write_entry):
    entry = write_entry("2026-11-01T10:00", feeling=LONG)
    console = Console(file=io.StringIO(), width=40, no_color=True, highlight=False)
    for renderable in as_texts(entry_view(find_entry(journal, entry), "%Y-%m-%d")):
        console.print(renderable)
    lines = console.file.getvalue().splitlines()
    first = next(at for at, line in enumerate(lines) if line.startswith("  a long careful"))
    answer = lines[first : lines.index("", first)]
    assert len(answer) > 5  # wrapped over many lines ...
    assert all(line.startswith("  ") and len(line) <= 40 for line in answer)  # ... each one in
    assert " ".join(line.strip() for line in answer) == LONG


def test_a_wrapped_search_match_stays_under_its_entry(journal, write_note):
    write_note("2026-11-01T10:00", LONG)
    results = search_journal(journal, "quillwort", EntryFilter())
    console = Console(file=io.StringIO(), width=40, no_color=True, highlight=False)
    for renderable in as_texts(search_view(results.hits, "%Y-%m-%d", styled=True)):
        console.print(renderable)
    match = console.file.getvalue().splitlines()[1:-1]
    assert len(match) > 1 and all(line.startswith("  ") for line in match), match
