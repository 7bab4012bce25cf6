"""The widgets a question is answered with, built on prompt_toolkit (as questionary is).

- pick(): one answer from a list (a scale's numbers, a choice's options, yes or no), or several
  (multi-choice). The pointer starts on nothing unless told otherwise, so an Enter pressed by
  mistake records nothing. ↑ and ↓ stop at the ends (no wrapping round into "← Back"); Home and
  End jump to the first and last answer. On a scale, typing a number moves the pointer to it:
  `7` goes to 7, and `1` then `0` typed within a moment goes to 10.
- write(): text on one line, or on several (Enter on an empty line, or Ctrl-D, saves).

Each widget erases itself when it is answered; the caller prints one echo line in its place, so
every kind of question is echoed the same way. Titles and text given here must already be safe
to show (render.console.printable).
"""

from __future__ import annotations

import textwrap
import time
from collections.abc import Callable, Mapping, Sequence
from typing import TYPE_CHECKING, Any, cast

from msgspec import Struct, field

if TYPE_CHECKING:
    from prompt_toolkit.layout.controls import FormattedTextControl

Tokens = list[tuple[str, str]]

TWO_DIGIT_MOMENT = 1.0  # seconds within which a second digit continues the number
POINTER = "❯"
TICKED = "●"
UNTICKED = "○"
BACK_KEY = "<"
HINT_GAP = " · "

STYLE_RULES = [
    ("qmark", "fg:#5f819d bold"),
    ("question", "bold"),
    ("help", "italic"),
    ("pointer", "fg:#ff9d00 bold"),
    ("pointed", "fg:#ff9d00 bold"),
    ("marked", "italic"),
    ("hint", "fg:ansibrightblack"),
    ("notice", "fg:ansiyellow"),
]


class Row(Struct, frozen=True):
    """One line of a pick list. An action (Skip, Back) is drawn apart and is never ticked."""

    title: str
    value: Any
    action: bool = False
    marked: str = ""
    number: int | None = None  # a scale's value: where typing that number points


class Ticked(Struct, frozen=True):
    """What a multi-choice list returns when saved: the ticked values, in list order."""

    values: list[Any]


class OpenEditor(Struct, frozen=True):
    """Ctrl-E in a text prompt: continue the answer in the editor, starting from what was typed."""

    typed: str


class Cancelled(Struct, frozen=True):
    """Esc in a note: leave without saving."""


class ScaleDigits(Struct):
    """Digits typed on a scale: which of its numbers they point to, if any.

    A digit continues the number typed just before it when it comes within TWO_DIGIT_MOMENT
    and the two together can still become one of the numbers; otherwise it starts a new one.
    `numbers` are the scale's values as the list shows them (the caller decides what fits).
    """

    numbers: Sequence[int]
    moment: float = TWO_DIGIT_MOMENT
    clock: Callable[[], float] = time.monotonic
    typed: str = ""
    typed_at: float = field(default=float("-inf"))

    def _could_be(self, text: str) -> bool:
        return any(str(number).startswith(text) for number in self.numbers)

    def press(self, key: str) -> int | None:
        """The number the pointer should move to after this key, or None to leave it."""
        now = self.clock()
        candidate = key
        if self.typed and now - self.typed_at <= self.moment and self._could_be(self.typed + key):
            candidate = self.typed + key
        if not self._could_be(candidate):
            self.typed = ""
            return None
        self.typed, self.typed_at = candidate, now
        return next((number for number in self.numbers if str(number) == candidate), None)


def _style() -> Any:
    from prompt_toolkit.styles import Style

    return Style(STYLE_RULES)


def _columns() -> int:
    """The width of the terminal the widget is drawn in."""
    from prompt_toolkit.application.current import get_app

    return max(get_app().output.get_size().columns, 20)


def _wrap(text: str, indent: str = "  ") -> list[str]:
    """Text word-wrapped to the terminal, each line after the first indented."""
    width = _columns() - len(indent) - 1
    lines: list[str] = []
    for paragraph in text.splitlines() or [""]:
        lines += textwrap.wrap(paragraph, width, break_on_hyphens=False) or [""]
    return lines


def _hint_lines(hint: str) -> list[str]:
    """A hint's parts ("Enter saves · empty skips") packed into lines, never split inside one."""
    width = _columns() - 3
    lines: list[str] = []
    current = ""
    parts = [
        piece
        for part in hint.split(HINT_GAP)
        for piece in textwrap.wrap(part, width, break_on_hyphens=False) or [part]
    ]
    for part in parts:
        joined = f"{current}{HINT_GAP}{part}" if current else part
        if current and len(joined) > width:
            lines.append(current)
            current = part
        else:
            current = joined
    lines.append(current)
    return lines


def _styled_lines(style: str, lines: list[str], indent: str = "  ") -> Tokens:
    tokens: Tokens = []
    for line in lines:
        tokens += [("", "\n"), (style, f"{indent}{line}")]
    return tokens


def _header(message: str, help_text: str, heading: str = "") -> Tokens:
    """The heading (where the question is in the pack), the question (after "› ") and its
    help under it, ending with a line break."""
    first, *rest = _wrap(message)
    tokens: Tokens = [("", "\n"), ("class:hint", f"{heading}\n")] if heading else []
    tokens += [("class:qmark", "› "), ("class:question", first)]
    tokens += _styled_lines("class:question", rest)
    if help_text:
        tokens += _styled_lines("class:help", _wrap(help_text))
    tokens.append(("", "\n"))
    return tokens


def _footer(hint: str, notice: str) -> Tokens:
    """The keys under a widget, and what just happened (a notice), both starting on a new line."""
    tokens = _styled_lines("class:hint", _hint_lines(hint))
    if notice:
        tokens += _styled_lines("class:notice", _wrap(notice))
    return tokens


def _text_control(tokens: Callable[[], Tokens], **options: Any) -> FormattedTextControl:
    """A control drawing the tokens `tokens()` gives each time the screen is drawn."""
    from prompt_toolkit.formatted_text import StyleAndTextTuples
    from prompt_toolkit.layout.controls import FormattedTextControl

    return FormattedTextControl(lambda: cast(StyleAndTextTuples, tokens()), **options)


def _wrapped(control: Any) -> Any:
    """A window of text whose long lines wrap, indented under where they began."""
    from prompt_toolkit.layout import Window

    return Window(
        control,
        wrap_lines=True,
        dont_extend_height=True,
        get_line_prefix=lambda line, wrap_count: "    " if wrap_count else "",
    )


def _interrupt(event: Any) -> None:
    event.app.exit(exception=KeyboardInterrupt, style="class:aborting")


class _PickList:
    """The state of a pick list: where the pointer is, what is ticked, what to say."""

    def __init__(
        self,
        rows: Sequence[Row],
        *,
        multiple: bool,
        start: int | None,
        ticked: Sequence[int],
        digits: ScaleDigits | None,
    ) -> None:
        self.rows = list(rows)
        self.multiple = multiple
        self.pointer = start
        self.ticked = set(ticked)
        self.digits = digits
        self.notice = ""
        self.answers = [index for index, row in enumerate(self.rows) if not row.action]

    def move(self, step: int) -> None:
        if self.pointer is None:
            self.pointer = self.answers[0] if step > 0 else self.answers[-1]
        else:
            self.pointer = min(max(self.pointer + step, 0), len(self.rows) - 1)

    def point_at_number(self, number: int) -> None:
        for index, row in enumerate(self.rows):
            if row.number == number:
                self.pointer = index

    def tokens(self, message: str, help_text: str, hint: str, heading: str) -> Tokens:
        tokens = _header(message, help_text, heading)
        for index, row in enumerate(self.rows):
            if row.action and (index == 0 or not self.rows[index - 1].action):
                tokens.append(("", "\n"))
            pointed = index == self.pointer
            tokens.append(("class:pointer", f" {POINTER} ") if pointed else ("", "   "))
            box = ""
            if self.multiple and not row.action:
                box = f"{TICKED if index in self.ticked else UNTICKED} "
            tokens.append(("class:pointed" if pointed else "", box + row.title))
            if row.marked:
                tokens.append(("class:marked", f"   ← {row.marked}"))
            tokens.append(("", "\n"))
        return tokens[:-1] + _footer(hint, self.notice)


def pick(
    message: str,
    rows: Sequence[Row],
    *,
    hint: str,
    help_text: str = "",
    heading: str = "",
    multiple: bool = False,
    start: int | None = None,
    ticked: Sequence[int] = (),
    digits: ScaleDigits | None = None,
    back: Any = None,
    nothing_chosen: str = "",
    nothing_pointed: str = "",
    terminal: Mapping[str, Any] | None = None,
) -> Any:
    """A row's value, a Ticked (multiple) or `back` (typed `<`); KeyboardInterrupt on Ctrl-C."""
    from prompt_toolkit.application import Application
    from prompt_toolkit.key_binding import KeyBindings
    from prompt_toolkit.layout import HSplit, Layout

    state = _PickList(rows, multiple=multiple, start=start, ticked=ticked, digits=digits)
    bindings = KeyBindings()
    bindings.add("c-c")(_interrupt)

    @bindings.add("up")
    def _up(event: Any) -> None:
        state.notice = ""
        state.move(-1)

    @bindings.add("down")
    def _down(event: Any) -> None:
        state.notice = ""
        state.move(+1)

    @bindings.add("home")
    def _home(event: Any) -> None:
        state.pointer = state.answers[0]

    @bindings.add("end")
    def _end(event: Any) -> None:
        state.pointer = state.answers[-1]

    if digits is not None:
        for key in "0123456789-":

            @bindings.add(key)
            def _digit(event: Any) -> None:
                number = digits.press(event.data)
                if number is not None:
                    state.notice = ""
                    state.point_at_number(number)

    if back is not None:

        @bindings.add(BACK_KEY)
        def _back(event: Any) -> None:
            event.app.exit(result=back)

    if multiple:

        @bindings.add("space")
        def _tick(event: Any) -> None:
            if state.pointer is None:
                state.notice = nothing_pointed  # which answer was meant is not known
                return
            if state.rows[state.pointer].action:
                return
            state.ticked ^= {state.pointer}

    @bindings.add("enter")
    def _enter(event: Any) -> None:
        pointed = None if state.pointer is None else state.rows[state.pointer]
        if pointed is not None and pointed.action:
            event.app.exit(result=pointed.value)
        elif multiple:
            event.app.exit(result=Ticked([state.rows[i].value for i in sorted(state.ticked)]))
        elif pointed is not None:
            event.app.exit(result=pointed.value)
        else:
            state.notice = nothing_chosen

    control = _text_control(
        lambda: state.tokens(message, help_text, hint, heading), show_cursor=False
    )
    application: Application[Any] = Application(
        layout=Layout(HSplit([_wrapped(control)])),
        key_bindings=bindings,
        style=_style(),
        erase_when_done=True,
        **(terminal or {}),
    )
    return application.run()


def write(
    message: str,
    *,
    hint: str,
    help_text: str = "",
    heading: str = "",
    default: str = "",
    multiline: bool = False,
    validate: Callable[[str], str | None] | None = None,
    editor: bool = False,
    note: bool = False,
    terminal: Mapping[str, Any] | None = None,
) -> str | OpenEditor | Cancelled:
    """What was typed (trailing newlines dropped), OpenEditor (Ctrl-E) or Cancelled (Esc, note).

    Multi-line: Enter starts a new line, and saves on an empty last line (or an empty answer);
    Ctrl-D saves at any point. `note`: Esc leaves without saving, and when something has been
    written, Esc (or Ctrl-C) asks to be pressed again first, so nothing is thrown away by one key.
    """
    from prompt_toolkit.application import Application
    from prompt_toolkit.buffer import Buffer
    from prompt_toolkit.document import Document
    from prompt_toolkit.key_binding import KeyBindings, merge_key_bindings
    from prompt_toolkit.key_binding.defaults import load_key_bindings
    from prompt_toolkit.layout import HSplit, Layout, Window
    from prompt_toolkit.layout.controls import BufferControl

    notice = [""]
    armed = [""]  # the key that, pressed again, throws the note away
    buffer = Buffer(document=Document(default, len(default)), multiline=multiline)

    def changed(_: Any) -> None:
        notice[0] = ""
        armed[0] = ""

    buffer.on_text_changed += changed
    bindings = KeyBindings()

    def save(event: Any, text: str) -> None:
        problem = validate(text) if validate else None
        if problem:
            notice[0] = problem
            return
        event.app.exit(result=text.rstrip("\n") if multiline else text)

    @bindings.add("enter")
    def _enter(event: Any) -> None:
        text = buffer.text
        at_end = buffer.cursor_position == len(text)
        if not multiline or not text or (at_end and text.endswith("\n")):
            save(event, text)
        else:
            buffer.insert_text("\n")

    @bindings.add("c-d")
    def _done(event: Any) -> None:
        save(event, buffer.text)

    if multiline and not note:

        @bindings.add("escape", "enter")
        def _escape_enter(event: Any) -> None:  # the old way to save a long answer still works
            save(event, buffer.text)

    if editor:

        @bindings.add("c-e")
        def _open_editor(event: Any) -> None:
            event.app.exit(result=OpenEditor(buffer.text))

    def leave(event: Any, key: str, words: str) -> None:
        if not buffer.text.strip() or armed[0] == key:
            if key == "c-c":
                _interrupt(event)
            else:
                event.app.exit(result=Cancelled())
            return
        armed[0] = key
        notice[0] = f"Press {words} again to leave without saving; any other key keeps writing."

    if note:

        @bindings.add("escape", eager=True)
        def _escape(event: Any) -> None:
            leave(event, "escape", "Esc")

        @bindings.add("c-c")
        def _stop(event: Any) -> None:
            leave(event, "c-c", "Ctrl-C")

    else:
        bindings.add("c-c")(_interrupt)

    def footer() -> Tokens:
        return _footer(hint, notice[0])[1:]

    body = Window(
        BufferControl(buffer),
        wrap_lines=True,
        dont_extend_height=True,
        get_line_prefix=lambda line, wrap: "  ",
    )
    layout = HSplit(
        [
            _wrapped(_text_control(lambda: _header(message, help_text, heading)[:-1])),
            body,
            _wrapped(_text_control(footer)),
        ]
    )
    application: Application[Any] = Application(
        layout=Layout(layout, focused_element=body),
        key_bindings=merge_key_bindings([load_key_bindings(), bindings]),
        style=_style(),
        erase_when_done=True,
        **(terminal or {}),
    )
    typed: str | OpenEditor | Cancelled = application.run()
    return typed
