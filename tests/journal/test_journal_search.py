from __future__ import annotations

import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reflect.core.journal import EntryFilter, fts_query, search_journal
from reflect.errors import ReflectError
from reflect.render.console import stdout_console


@pytest.fixture
def entries(write_entry, write_note):
    return {
        "warmth": write_entry(
            "2026-11-01T10:00", feeling="Her warmth was hard to take; I wanted to leave."
        ),
        "heard": write_note(
            "2026-11-02T10:00", "I felt heard for once. Trust is growing, slowly.", tags=["trust"]
        ),
        "rupture": write_entry(
            "2026-11-03T10:00",
            feeling="We disagreed about the homework: a small rupture.",
            later="Bring up the self-esteem thing and why I felt pushed.",
            flagged=True,
        ),
    }


def test_search_finds_the_right_entries_with_highlighted_snippets(cli, entries):
    outcome = cli("search", "warmth")
    assert outcome.exit_code == 0
    assert entries["warmth"][:8] in outcome.stdout
    assert entries["heard"][:8] not in outcome.stdout
    assert "Her warmth was hard to take" in outcome.stdout
    assert "What stayed with you?" in outcome.stdout


def test_search_highlights_only_on_a_terminal(cli, entries):
    piped = cli("search", "warmth").stdout
    assert "**" not in piped and "\x1b[" not in piped
    stdout_console.cache_clear()  # the next command starts afresh, as a new process would
    on_a_terminal = cli("search", "warmth", env={"REFLECT_COLOUR": "always"}).stdout
    # NO_COLOR (set for every test) leaves bold and reverse: the word still stands out.
    assert "\x1b[1;7mwarmth\x1b[0m" in on_a_terminal


def test_no_results_hint_offers_what_works(cli, entries):
    outcome = cli("search", "trust*", "--pack", "checkin")
    assert outcome.exit_code == 0 and outcome.stdout == ""
    assert "not in the questions" in outcome.stderr
    assert "heard*" in outcome.stderr and "trust*" not in outcome.stderr


def test_search_json_gives_plain_snippets_with_highlight_spans(cli, entries):
    outcome = cli("search", "felt", "--json")
    hits = json.loads(outcome.stdout)["entries"]
    assert {hit["id"] for hit in hits} == {entries["heard"], entries["rupture"]}
    match = next(hit for hit in hits if hit["id"] == entries["heard"])["matches"][0]
    start, end = match["highlights"][0]
    assert match["snippet"][start:end] == "felt"
    assert "\ue000" not in outcome.stdout


def test_search_ranks_better_matches_first(journal, write_note):
    once = write_note("2026-11-01T10:00", "trust, and a long sentence about many other things")
    twice = write_note("2026-11-02T10:00", "trust trust")
    hits = search_journal(journal, "trust", EntryFilter()).hits
    assert [hit.entry.id for hit in hits] == [twice, once]


def test_search_takes_the_same_filters_as_list(cli, entries):
    outcome = cli("search", "felt", "--flagged", "--json")
    assert [hit["id"] for hit in json.loads(outcome.stdout)["entries"]] == [entries["rupture"]]
    outcome = cli("search", "felt", "--tag", "trust", "--json")
    assert [hit["id"] for hit in json.loads(outcome.stdout)["entries"]] == [entries["heard"]]
    outcome = cli("search", "felt", "--until", "2026-11-02", "--json")
    assert [hit["id"] for hit in json.loads(outcome.stdout)["entries"]] == [entries["heard"]]


def test_search_matches_accented_words_without_accents(journal, write_note):
    entry = write_note("2026-11-01T10:00", "Un café après la séance")
    assert [hit.entry.id for hit in search_journal(journal, "seance", EntryFilter()).hits] == [
        entry
    ]


AWKWARD_QUERIES = {
    '"felt heard"': "heard",
    '"felt heard': "heard",
    "tru*": "heard",
    "self-esteem": "rupture",
    "-homework": "rupture",
    "feeling:warmth": None,
    "warmth:": "warmth",
    "heard AND trust": "heard",
    "heard OR homework": None,
    "NOT warmth": "warmth",
    "NEAR(heard trust)": "heard",
    "NEAR(": None,
    "(heard": "heard",
    "heard)": "heard",
    "warmth ^": "warmth",
    "it's": None,
    "a'b\"c": None,
    "{heard}": "heard",
    "OR": None,
    "*": None,
    "": None,
    "   ": None,
    "-": None,
    ":": None,
    '"': None,
    "\x00\x1b[31m": None,
}


@pytest.mark.parametrize("query", list(AWKWARD_QUERIES))
def test_awkward_queries_give_results_or_a_clear_message(cli, entries, query):
    outcome = cli("search", "--", query)
    assert "syntax error" not in outcome.output and "fts5" not in outcome.output.lower()
    assert "Traceback" not in outcome.output and "unexpected" not in outcome.output
    if outcome.exit_code == 1:
        assert outcome.stderr.startswith("Error: There is no word to search for.")
    else:
        assert outcome.exit_code == 0
        assert outcome.stdout or "Nothing found" in outcome.stderr
    expected = AWKWARD_QUERIES[query]
    if expected:
        assert entries[expected][:8] in outcome.stdout


def test_or_between_words_finds_either(journal, entries):
    found = {
        hit.entry.id for hit in search_journal(journal, "warmth OR homework", EntryFilter()).hits
    }
    assert found == {entries["warmth"], entries["rupture"]}


@pytest.mark.parametrize(
    ("typed", "query"),
    [
        ("felt heard", '"felt" "heard"'),
        ('"felt heard" trust*', '"felt heard" "trust"*'),
        ("a AND b OR c NOT", '"a" "b" OR "c"'),
        ("OR NOT x", '"x"'),
        ('say "hi', '"say" "hi"'),
        ("- * :", None),
    ],
)
def test_typed_text_becomes_a_quoted_fts_query(typed, query):
    assert fts_query(typed) == query


@settings(max_examples=300, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.text(max_size=40))
def test_no_typed_text_reaches_fts5_as_syntax(journal, text):
    try:
        search_journal(journal, text, EntryFilter())
    except ReflectError as error:
        assert error.message == "There is no word to search for."


def test_a_limited_search_ranks_like_a_full_one_and_says_more_matched(cli, journal, write_entry):
    for day in range(1, 10):
        write_entry(
            f"2026-11-{day:02d}T10:00",
            feeling="trust " * day + "and other words",
            later="trust again" if day % 3 == 0 else None,
        )
    everything = search_journal(journal, "trust", EntryFilter())
    limited = search_journal(journal, "trust", EntryFilter(limit=4))
    assert limited.more and not everything.more
    assert [hit.entry.id for hit in limited.hits] == [hit.entry.id for hit in everything.hits[:4]]
    assert [hit.matches for hit in limited.hits] == [hit.matches for hit in everything.hits[:4]]
    outcome = cli("search", "trust", "-n", "4")
    assert "Showing the best 4 entries; more match" in outcome.stderr


def test_a_long_answer_gets_a_short_snippet_around_its_first_hit(journal, write_note):
    # Long answers are highlighted and cut in Python: snippet() is quadratic in the hits.
    text = "filler words here. " * 1500 + "then the rare lighthouse appeared. " + "more. " * 2000
    entry = write_note("2026-11-01T10:00", text)
    (hit,) = search_journal(journal, "lighthouse", EntryFilter(limit=5)).hits
    snippet = hit.matches[0].snippet
    assert hit.entry.id == entry and len(snippet) < 200
    assert snippet.startswith("…") and snippet.endswith("…")
    assert "the rare \ue000lighthouse\ue001 appeared." in snippet
