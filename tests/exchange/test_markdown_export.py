"""The Markdown export is CommonMark whose structure the person's own text can never change."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt

from reflect.render.export.markdown import escape_line, quoted
from reflect.store.database import Database
from reflect.store.entries import create_note
from tests.exchange.journals import at, export_text

HOSTILE_LINES = [
    "# I am not a heading",
    "## nor this",
    "---",
    "***",
    "___",
    "===",
    "> not a quote of mine",
    "```python",
    "~~~",
    "<div>raw html</div>",
    "<script>alert(1)</script>",
    "- a list",
    "+ another",
    "* and another",
    "1. ordered",
    "2) ordered too",
    "    indented code?",
    "\tindented by a tab",
    "[link]: http://example.com",
    "![image](http://example.com/x.png)",
    "<http://example.com>",
    "&copy; &#169;",
    "a line ending in a backslash \\",
    "*emphasis* _this_ `code` | table | ~~strike~~",
    "| a | b |",
    "|---|---|",
    "Setext underline below",
    "-----",
]


def _blocks(markdown: str) -> list[tuple[str, str]]:
    """(token type, heading text) for every block token outside our own block quotes."""
    tokens = MarkdownIt("commonmark").parse(markdown)
    shape = []
    for index, token in enumerate(tokens):
        if token.type == "heading_open":
            shape.append((token.tag, tokens[index + 1].content))
        elif token.type in (
            "hr",
            "fence",
            "code_block",
            "html_block",
            "bullet_list_open",
            "ordered_list_open",
            "table_open",
        ):
            shape.append((token.type, ""))
    return shape


def test_hostile_text_in_a_note_leaves_exactly_our_headings(journal: Database):
    # Flagged, so the text also goes through the brief's list of what to bring.
    create_note(journal, "\n".join(HOSTILE_LINES), at=at(3), flagged=True)
    markdown = export_text(journal, format="md")
    shape = _blocks(markdown)
    assert [kind for kind, _ in shape] == ["h1", "h2", "h3", "bullet_list_open", "h2", "h3"]
    tokens = MarkdownIt("commonmark").parse(markdown)
    inline = [t for t in tokens if t.type == "inline"]
    rendered = MarkdownIt("commonmark").render(markdown)
    # Every hostile line survives as text: nothing became a link, an image, code or raw HTML.
    # The only emphasis is ours: the brief's item names its date in bold and its pointer in
    # italics; the entry says in bold that it is flagged.
    children = [child.type for token in inline for child in token.children or []]
    assert set(children) <= {
        "text",
        "softbreak",
        "hardbreak",
        "strong_open",
        "strong_close",
        "em_open",
        "em_close",
    }
    assert children.count("strong_open") == 2 and children.count("em_open") == 1
    assert "<script>" not in rendered and "&lt;script&gt;" in rendered


def test_sample_journal_has_title_sessions_and_entries_as_headings(journal: Database, sample):
    markdown = export_text(journal, format="md")
    assert _blocks(markdown) == [
        ("h1", "Reflections to bring to therapy"),
        ("h2", "The brief"),
        ("h3", "What I'd like to bring"),
        ("bullet_list_open", ""),
        ("h3", "Session by session"),
        ("h3", "Moments worth a look"),
        ("bullet_list_open", ""),
        ("h2", "The entries"),
        ("h3", "Tuesday 3 November 2026, 20:15 · Check-in"),
        ("hr", ""),
        ("h2", "Therapy session · Thursday 5 November 2026"),
        ("h3", "⚑ Friday 6 November 2026, 20:15 · Check-in"),
        ("h3", "Sunday 8 November 2026, 20:15 · Note"),
        ("h3", "Tuesday 10 November 2026, 20:15 · Check-in"),
    ]


@settings(max_examples=200, deadline=None)
@given(st.text(st.characters(exclude_categories=("Cs",)), max_size=60))
def test_no_single_line_can_become_structure(line: str):
    tokens = MarkdownIt("commonmark").parse(quoted(line))
    types = {token.type for token in tokens}
    assert types <= {
        "blockquote_open",
        "blockquote_close",
        "paragraph_open",
        "paragraph_close",
        "inline",
    }
    children = {child.type for token in tokens for child in token.children or []}
    assert children <= {"text", "softbreak"}


def test_escaping_reads_naturally_for_ordinary_text():
    assert escape_line("I felt heard, and that's new!") == "I felt heard, and that's new!"
    assert escape_line("3 > 2 and a+b=c") == "3 > 2 and a+b=c"
