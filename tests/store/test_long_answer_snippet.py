"""The search snippet of a long answer (over LONG_ANSWER_CHARACTERS, cut in Python rather than
by FTS5's snippet()): four words before the first hit, the hit, words after it up to twelve in
all, an ellipsis only where text was left out, and the highlight always closed."""

from __future__ import annotations

from reflect.model.entries import SNIPPET_END as E
from reflect.model.entries import SNIPPET_START as S
from reflect.store.journal import LONG_ANSWER_CHARACTERS, _around_first_hit

FILLER = "filler " * 4000  # 28,000 characters before the hit


def test_the_window_starts_four_words_before_the_hit_and_holds_twelve_words():
    marked = f"{FILLER}{S}river{E}" + " after" * 3000

    assert _around_first_hit(marked) == (
        f"…filler filler filler filler {S}river{E} after after after after after after after…"
    )


def test_a_hit_at_the_very_start_has_no_opening_ellipsis():
    marked = f"{S}river{E}" + " after" * 5000
    assert _around_first_hit(marked) == f"{S}river{E} after after after after after after after…"


def test_a_hit_at_the_very_end_has_no_closing_ellipsis():
    marked = f"{FILLER}{S}river{E}"
    assert _around_first_hit(marked) == f"…filler filler filler filler {S}river{E}"


def test_a_highlighted_phrase_cut_by_the_window_is_closed():
    phrase = " ".join(f"w{number}" for number in range(20))
    marked = f"{FILLER}{S}{phrase}{E}" + " after" * 10

    assert _around_first_hit(marked) == (
        f"…filler filler filler filler {S}w0 w1 w2 w3 w4 w5 w6 w7{E}…"
    )


def test_without_a_hit_the_window_is_the_beginning():
    marked = "word " * 5000
    assert _around_first_hit(marked) == "word word word word word word word word…"


def test_an_answer_up_to_the_limit_keeps_the_snippet_fts5_made():
    at_limit = f"{S}river{E}" + "x" * (LONG_ANSWER_CHARACTERS - 7)
    assert len(at_limit) == LONG_ANSWER_CHARACTERS
    assert _around_first_hit(at_limit) == at_limit
    just_over = at_limit + " y"
    # One unbroken "word": the window stops after 50 characters a word, 600 in all.
    assert _around_first_hit(just_over) == just_over[:600] + "…"
