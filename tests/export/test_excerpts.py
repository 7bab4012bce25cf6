"""The brief's excerpts: a long answer is cut at a word with one ellipsis, never mid-word and
never after a full stop ("whether.…" reads as a typo to the therapist reading it)."""

from __future__ import annotations

from reflect.render.export.wording import EXCERPT_CHARACTERS, cut


def test_a_short_answer_is_kept_whole_with_its_spaces_tidied():
    assert cut("Felt  heard\ntoday.") == "Felt heard today."


def test_a_long_answer_is_cut_at_a_word_with_one_ellipsis():
    text = "word " * (EXCERPT_CHARACTERS // 5 + 10)
    excerpt = cut(text)
    assert excerpt.endswith("word…")
    assert len(excerpt) <= EXCERPT_CHARACTERS + 1


def test_a_cut_after_a_sentence_drops_its_full_stop_and_commas():
    sentence = "x" * (EXCERPT_CHARACTERS - 10) + " whether."
    assert cut(sentence + " Then more words follow here.") == sentence[:-1] + "…"
    listed = "x" * (EXCERPT_CHARACTERS - 8) + " apart,"
    assert cut(listed + " and then more words follow.") == listed[:-1] + "…"


def test_a_question_mark_stays_before_the_ellipsis():
    asked = "x" * (EXCERPT_CHARACTERS - 7) + " safe?"
    assert cut(asked + " And then more words follow.") == asked + "…"
