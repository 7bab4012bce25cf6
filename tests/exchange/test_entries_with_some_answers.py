"""exchange.iter_entries_with_some_answers, which the brief reads: in one walk of the journal,
the flagged entries and those holding a wanted answer, oldest first, each with only its wanted
answers (in their usual order); an entry with none of them, unflagged, is not read at all."""

from __future__ import annotations

from reflect.model import EntryFilter
from reflect.store.entries import create_complete_entry
from reflect.store.exchange import iter_entries_with_some_answers, read_snapshot
from tests.exchange.journals import BRING, CHECKIN, EASE, MOOD, RAISED, at

EVERY = EntryFilter(include_private=True, drafts=False)


def read(journal, *, flagged_kinds=("text",)):
    with read_snapshot(journal):
        return [
            (entry.id, [answer.question.id for answer in entry.answers])
            for entry in iter_entries_with_some_answers(
                journal,
                [EVERY],
                questions_by_hash={CHECKIN.content_hash: {"bring"}},
                questions_by_pack={"checkin": {"raised"}},
                flagged_kinds=flagged_kinds,
            )
        ]


def test_flagged_entries_and_wanted_answers_come_oldest_first_with_only_those_answers(journal):
    later = create_complete_entry(journal, CHECKIN, [(EASE, 3), (BRING, "this")], at=at(5))
    unwanted = create_complete_entry(journal, CHECKIN, [(EASE, 4), (MOOD, ["calm"])], at=at(4))
    flagged_bare = create_complete_entry(journal, CHECKIN, [(EASE, 2)], at=at(3), flagged=True)
    flagged_words = create_complete_entry(
        journal, CHECKIN, [(EASE, 5), (BRING, "that"), (RAISED, "no")], at=at(2), flagged=True
    )
    earliest = create_complete_entry(journal, CHECKIN, [(RAISED, "yes")], at=at(1))
    found = read(journal)
    assert unwanted not in [entry_id for entry_id, _ in found]
    assert found == [
        (earliest, ["raised"]),
        (flagged_words, ["bring", "raised"]),  # a flagged entry's text answers, wanted or not
        (flagged_bare, []),
        (later, ["bring"]),
    ]
    # With --scores-only a flagged entry also brings its scale answers.
    assert read(journal, flagged_kinds=("text", "scale"))[1:3] == [
        (flagged_words, ["ease", "bring", "raised"]),
        (flagged_bare, ["ease"]),
    ]


def test_a_skipped_wanted_answer_does_not_bring_its_entry(journal):
    create_complete_entry(journal, CHECKIN, [(BRING, None), (EASE, 6)], at=at(1))
    assert read(journal) == []
