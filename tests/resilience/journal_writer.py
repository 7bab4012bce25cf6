"""A child process for the resilience tests: writes to the journal in REFLECT_HOME and prints one
acknowledgement line on stdout after each commit returns (so the parent knows it is durable).

    python journal_writer.py answers COUNT   one draft entry, COUNT answers saved one by one
    python journal_writer.py notes COUNT     COUNT notes, one transaction each

It prints "ready" once the journal is open; with --wait-for-go it then waits for a line on
stdin, so two writers can be started together.
"""

from __future__ import annotations

import random
import sys

from reflect.cli.access import open_journal
from reflect.store.entries import (
    PackReference,
    QuestionSnapshot,
    create_note,
    save_answer,
    start_entry,
)

PACK = PackReference(id="resilience", version="1", title="Resilience", content_hash="resilience-1")


def acknowledge(line: str) -> None:
    sys.stdout.write(line + "\n")
    sys.stdout.flush()


def write_answers(count: int) -> None:
    with open_journal() as database:
        acknowledge("ready")
        entry_id = start_entry(database, PACK)
        acknowledge(f"entry {entry_id}")
        sizes = random.Random(entry_id)
        for number in range(count):
            question = QuestionSnapshot(
                id=f"q{number}", text=f"Question {number}", kind="text", position=number
            )
            # Mostly short answers, some spanning several pages (overflow pages in the WAL).
            padding = "x" * sizes.choice([0, 10, 100, 5_000, 20_000])
            save_answer(database, entry_id, question, f"answer {number} {padding}")
            acknowledge(f"ack {entry_id} q{number} {len(padding)}")


def write_notes(count: int, wait_for_go: bool) -> None:
    with open_journal() as database:
        acknowledge("ready")
        if wait_for_go:
            sys.stdin.readline()
        for number in range(count):
            entry_id = create_note(database, f"note {number} from a concurrent writer")
            acknowledge(f"ack {entry_id}")


def main(arguments: list[str]) -> None:
    mode, count = arguments[0], int(arguments[1])
    if mode == "answers":
        write_answers(count)
    else:
        write_notes(count, wait_for_go="--wait-for-go" in arguments)


if __name__ == "__main__":
    main(sys.argv[1:])
