"""The terminal side of a pack run: each question in its widget (render.answering), and the
texts around it.

Every question can be skipped ("Skip" in a list, or an empty answer) and every question after
the first can go back ("← Back" in a list, or `<`). Nothing is chosen until the person chooses:
a list's pointer starts on no answer, or on their answer from last time, marked as such. Text
questions open the person's editor with Ctrl-E when they have set one. User text shown back
(recap, echoes, defaults) goes through printable(). Prompts take an optional prompt_toolkit
input/output so tests can drive them from a pipe.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from msgspec import Struct, field

from reflect.core.asking import Answered, GoBack, QuestionPrompt, Reply, parse_tags
from reflect.core.editor import chosen_editor
from reflect.core.notes import text_from_editor
from reflect.model import AnswerMismatch, check_answer
from reflect.paths import data_paths
from reflect.render.answering import Cancelled, OpenEditor, Row, ScaleDigits, Ticked, pick, write
from reflect.render.console import printable, stdout_console

if TYPE_CHECKING:
    from reflect.core.welcome import Welcome
    from reflect.model import AnswerValue
    from reflect.packs.definition import Pack, Question

BACK_WORD = "<"
QUESTION_MARK = "›"
SKIP = ("skip",)
BACK = ("back",)
SKIP_TITLE = "Skip this question"
BACK_TITLE = "← Back to the previous question"
LARGEST_SCALE_AS_LIST = 11
DEFAULT_DATE_FORMAT = "%Y-%m-%d"
RECAP_WIDTH = 70

LAST_TIME = "your answer last time"
NOTHING_CHOSEN = "Nothing is chosen yet: pick an answer, or “Skip this question”."
NOTHING_POINTED = "Move to an answer with ↑ ↓ first; Space then ticks it."

INTRO_HINT = (
    "Every answer is saved as you give it, and any question can be skipped. "
    "The keys for each question are shown under it. "
    "Ctrl-C stops; `reflect run {pack} --resume` continues later."
)


class FinishChoices(Struct, frozen=True):
    flagged: bool | None
    private: bool | None
    tags: list[str] = field(default_factory=list)


def _print(text: str = "", style: str | None = None) -> None:

    stdout_console().print(text, style=style, markup=False, highlight=False, soft_wrap=False)


def show_welcome(welcome: Welcome) -> None:
    _print("Welcome to reflect.", style="bold")
    _print(
        "A private journal for noticing how the relationship with your therapist is going. "
        "Everything you write stays on this machine: nothing is sent anywhere."
    )
    _print(f"Your journal will live in {printable(welcome.home)}")
    _print(printable(welcome.crisis_line), style="italic")
    _print()


def _counted(count: int, noun: str) -> str:
    return f"{count} {noun}" + ("" if count == 1 else "s")


def held_so_far(kept: int, skipped: int) -> str:
    """ "3 answers and 1 skipped question", "no answers yet"."""
    if not kept and not skipped:
        return "no answers yet"
    parts = [_counted(kept, "answer")] if kept or not skipped else []
    if skipped:
        parts.append(_counted(skipped, "skipped question"))
    return " and ".join(parts)


def show_intro(
    pack: Pack,
    *,
    resumed: bool,
    kept: int = 0,
    skipped: int = 0,
    began: datetime | None = None,
    date_format: str = DEFAULT_DATE_FORMAT,
) -> None:
    _print(printable(pack.title), style="bold")
    if resumed:
        when = ""
        if began is not None:
            local = began.astimezone()
            when = f" you began on {printable(local.strftime(date_format))} at {local:%H:%M}"
        _print(f"Continuing the entry{when}. It holds {held_so_far(kept, skipped)}.")
    elif pack.intro.strip():
        _print(printable(pack.intro.strip()))
    _print(INTRO_HINT.format(pack=printable(pack.id)), style="dim")


def show_outro(pack: Pack) -> None:
    if pack.outro.strip():
        _print()
        _print(printable(pack.outro.strip()))


NOTE_HINT = (
    "Enter starts a new line · Enter on an empty line saves (or Ctrl-D) · Esc leaves without saving"
)


def write_note(terminal: Mapping[str, Any] | None = None) -> str | None:
    """A note typed right here in the terminal; None if the person left without saving."""

    typed = write("Write your note", hint=NOTE_HINT, multiline=True, note=True, terminal=terminal)
    if isinstance(typed, Cancelled):
        return None
    assert isinstance(typed, str)
    if typed.strip():
        echo_note(typed)
    return typed


def echo_note(text: str) -> None:
    from rich.text import Text

    line = Text(f"{QUESTION_MARK} Your note", style="dim")
    for part in text.splitlines():
        line.append("\n  " + printable(part), style="bold")
    stdout_console().print(line, highlight=False, soft_wrap=False)


def describe_value(question: Question, value: AnswerValue) -> str:
    """An answer as one short, safe line for a recap."""
    if value is None:
        return "(skipped)"
    if isinstance(value, list):
        text = ", ".join(value) if value else "(none)"
    elif question.kind == "scale":
        text = f"{value} of {question.min}–{question.max}"
    elif question.kind == "yesno" and isinstance(value, str):
        text = value.capitalize()
    else:
        text = str(value)
    flat = " ⏎ ".join(line for line in text.splitlines() if line.strip()) or text
    if len(flat) > RECAP_WIDTH:
        flat = flat[: RECAP_WIDTH - 1] + "…"
    return printable(flat)


def show_recap(pack: Pack, recap: Sequence[tuple[Question, AnswerValue]]) -> None:
    from rich.table import Table

    table = Table(title="Your answers", show_header=False, box=None, pad_edge=False)
    table.add_column("question", style="dim", overflow="fold", ratio=1)
    table.add_column("answer", overflow="fold", ratio=1)
    for question, value in recap:
        table.add_row(printable(question.text), describe_value(question, value))
    _print()
    stdout_console().print(table)


def show_crisis_line(text: str) -> None:
    """The one quiet line under a run's recap: reflect is not a crisis service, and the
    person's own line (see Config.crisis_line_text)."""
    _print()
    _print(printable(text), style="italic dim")


def interrupted_message(pack_id: str, kept: int, skipped: int, *, complete: bool) -> str:
    if not kept and not skipped:
        return "Stopped before the first answer, so nothing was kept."
    held = held_so_far(kept, skipped)
    if complete:
        return (
            f"Stopped. All is saved ({held}); `reflect run {pack_id} --resume` finishes the entry."
        )
    held = held[0].upper() + held[1:]
    return f"Stopped. {held} kept in a draft. To continue: reflect run {pack_id} --resume"


def _fits(question: Question, number: int) -> bool:
    """Whether a typed number is an answer to the scale (the one check every answer passes)."""
    try:
        check_answer(question, number)
    except AnswerMismatch:
        return False
    return True


def progress(prompt: QuestionPrompt) -> str:
    """ "Question 2 of 7": the total counts every question, so it never jumps as follow-ups open."""
    bound = "up to " if prompt.follow_ups else ""
    return f"Question {prompt.number} of {bound}{prompt.total}"


def _scale_title(question: Question, number: int, width: int) -> str:
    label = ""
    if number == question.min and question.min_label:
        label = f"  {question.min_label}"
    elif number == question.max and question.max_label:
        label = f"  {question.max_label}"
    return printable(f"{number:>{width}}{label}")


def _typed_scale(question: Question) -> bool:
    """A long scale is typed as a number rather than picked from a list."""
    if question.kind != "scale" or question.min is None or question.max is None:
        return False
    return question.max - question.min + 1 > LARGEST_SCALE_AS_LIST


def _two_digit_example(question: Question) -> str:
    """How to type a number of two digits on this scale ("for 10, type 1 then 0"), or ""."""
    high = question.max or 0
    if high < 10:
        return ""
    return f"for {high}, type {' then '.join(str(high))}"


def echo(question: Question, value: AnswerValue) -> None:
    """The answer just given, in place of the widget: the same way for every kind.

    A short answer follows its question on the same line; one that would not fit there, or
    has several lines, goes under it, indented, so no answer is broken across the question.
    """
    from rich.cells import cell_len
    from rich.padding import Padding
    from rich.text import Text

    console = stdout_console()
    if question.kind == "text" and isinstance(value, str):
        lines = [printable(line) for line in value.splitlines()] or [printable(value)]
    else:
        lines = [describe_value(question, value)]
    line = Text.assemble((f"{QUESTION_MARK} ", "dim"), printable(question.text))
    together = f"{QUESTION_MARK} {printable(question.text)}  {lines[0]}"
    if len(lines) == 1 and cell_len(together) <= console.width:
        line.append("  " + lines[0], style="bold")
        console.print(line, highlight=False)
        return
    console.print(line, highlight=False)
    answer = Text("\n".join(lines), style="bold")
    console.print(Padding(answer, (0, 0, 0, 2)), highlight=False)


class TerminalAsker:
    """Asks each question with the widget that fits its kind (render.answering)."""

    def __init__(
        self,
        *,
        input: Any = None,
        output: Any = None,
        editor_folder: Path | None = None,
        configured_editor: str = "",
    ) -> None:
        self.terminal: dict[str, Any] = {}
        if input is not None:
            self.terminal["input"] = input
        if output is not None:
            self.terminal["output"] = output
        self.editor_folder = editor_folder
        self.configured_editor = configured_editor
        self.heading = ""

    def ask(self, prompt: QuestionPrompt) -> Reply:

        question = prompt.question
        self.heading = progress(prompt)  # drawn in the widget, so going back leaves no trace
        if question.kind == "text":
            reply = self._text(prompt)
        elif question.kind == "scale" and _typed_scale(question):
            reply = self._number(prompt)
        elif question.kind == "scale":
            reply = self._scale(prompt)
        elif question.kind == "choice":
            options = question.options or ()
            reply = self._select(prompt, [(printable(option), option) for option in options])
        elif question.kind == "yesno":
            reply = self._select(prompt, [("Yes", "yes"), ("No", "no")])
        else:
            reply = self._checkbox(prompt)
        if isinstance(reply, Answered):
            _print()
            _print(self.heading, style="dim")
            echo(question, reply.value)
        return reply

    @staticmethod
    def _back_hint(prompt: QuestionPrompt, word: str = "<") -> str:
        return f" · {word} goes back" if prompt.can_go_back else ""

    def _actions(self, prompt: QuestionPrompt, *, skip: bool = True) -> list[Row]:

        rows = [Row(SKIP_TITLE, SKIP, action=True)] if skip else []
        if prompt.can_go_back:
            rows.append(Row(BACK_TITLE, BACK, action=True))
        return rows

    def _pick_one(
        self, prompt: QuestionPrompt, rows: list[Row], hint: str, **options: Any
    ) -> Reply:

        rows = rows + self._actions(prompt)
        start = options.pop("start", None)
        if prompt.answered_before:  # back here: start on the answer given in this run
            wanted = ("value", prompt.previous) if prompt.previous is not None else SKIP
            start = next((i for i, row in enumerate(rows) if row.value == wanted), start)
        picked = pick(
            printable(prompt.question.text),
            rows,
            hint=hint,
            heading=self.heading,
            help_text=printable((prompt.question.help or "").strip()),
            start=start,
            back=BACK if prompt.can_go_back else None,
            nothing_chosen=NOTHING_CHOSEN,
            terminal=self.terminal,
            **options,
        )
        if picked == BACK:
            return GoBack()
        if picked == SKIP:
            return Answered(None)
        return Answered(picked[1])

    def _scale(self, prompt: QuestionPrompt) -> Reply:

        question = prompt.question
        low, high = question.min, question.max
        assert low is not None and high is not None
        width = max(len(str(low)), len(str(high)))
        numbers = [number for number in range(low, high + 1) if _fits(question, number)]
        rows = [
            Row(
                _scale_title(question, number, width),
                ("value", number),
                marked=LAST_TIME if number == prompt.last_time else "",
                number=number,
            )
            for number in numbers
        ]
        start = next(
            (i for i, row in enumerate(rows) if row.marked and prompt.last_time is not None),
            None,
        )
        example = _two_digit_example(question)
        hint = "Type a number or use ↑ ↓" + (f" · {example}" if example else "")
        hint += f" · Enter saves{self._back_hint(prompt)}"
        return self._pick_one(prompt, rows, hint, start=start, digits=ScaleDigits(numbers))

    def _select(self, prompt: QuestionPrompt, options: list[tuple[str, AnswerValue]]) -> Reply:

        rows = [Row(title, ("value", value)) for title, value in options]
        hint = f"Use ↑ ↓ · Enter saves{self._back_hint(prompt)}"
        return self._pick_one(prompt, rows, hint)

    def _checkbox(self, prompt: QuestionPrompt) -> Reply:

        previous = prompt.previous if isinstance(prompt.previous, list) else []
        options = prompt.question.options or ()
        rows = [Row(printable(option), option) for option in options]
        picked = pick(
            printable(prompt.question.text),
            rows + self._actions(prompt, skip=False),
            hint="Use ↑ ↓ · Space ticks or unticks · Enter saves (nothing ticked skips)"
            + self._back_hint(prompt),
            heading=self.heading,
            help_text=printable((prompt.question.help or "").strip()),
            multiple=True,
            ticked=[i for i, option in enumerate(options) if option in previous],
            back=BACK if prompt.can_go_back else None,
            nothing_pointed=NOTHING_POINTED,
            terminal=self.terminal,
        )
        if picked == BACK:
            return GoBack()
        assert isinstance(picked, Ticked)
        return Answered(list(picked.values) if picked.values else None)

    def _number(self, prompt: QuestionPrompt) -> Reply:

        question = prompt.question
        low, high = question.min, question.max
        ends = ""
        if question.min_label or question.max_label:
            ends = f"{low} = {question.min_label or low}, {high} = {question.max_label or high}"

        def problem(text: str) -> str | None:
            typed = text.strip()
            if typed in ("", BACK_WORD):
                return None
            if typed.lstrip("-").isdigit() and _fits(question, int(typed)):
                return None
            return f"A whole number from {low} to {high}, or empty to skip."

        default, since = "", ""
        if prompt.answered_before and prompt.previous is not None:
            default = str(prompt.previous)
        elif prompt.last_time is not None:
            default, since = str(prompt.last_time), f" · filled in: {LAST_TIME}"
        typed = write(
            printable(question.text),
            hint=f"A number from {low} to {high}{since} · Enter saves · empty skips"
            + self._back_hint(prompt, "< alone"),
            heading=self.heading,
            help_text=printable(" · ".join(part for part in (ends, question.help or "") if part)),
            default=default,
            validate=problem,
            terminal=self.terminal,
        )
        assert isinstance(typed, str)
        typed = typed.strip()
        if typed == BACK_WORD and prompt.can_go_back:
            return GoBack()
        if typed in ("", BACK_WORD):
            return Answered(None)
        return Answered(int(typed))

    def _text(self, prompt: QuestionPrompt) -> Reply:

        question = prompt.question
        editor = bool(chosen_editor(self.configured_editor))
        if question.multiline:
            saves = "Enter starts a new line · Enter on an empty line saves (or Ctrl-D)"
        else:
            saves = "Enter saves"
        hint = f"{saves} · empty skips{self._back_hint(prompt, '< alone')}"
        if editor:
            hint += " · Ctrl-E opens your editor"
        default = prompt.previous if isinstance(prompt.previous, str) else ""
        typed = write(
            printable(question.text),
            hint=hint,
            heading=self.heading,
            help_text=printable((question.help or "").strip()),
            default=default,
            multiline=question.multiline,
            editor=editor,
            terminal=self.terminal,
        )
        if isinstance(typed, OpenEditor):
            typed = self._edit(typed.typed)
        assert isinstance(typed, str)
        if typed.strip() == BACK_WORD and prompt.can_go_back:
            return GoBack()
        if not typed.strip():
            return Answered(None)
        return Answered(typed)

    def _edit(self, typed: str) -> str:

        folder = self.editor_folder or data_paths().home
        return text_from_editor(folder, typed, self.configured_editor)

    def finish(self, *, flagged: bool, private: bool) -> FinishChoices:
        """Ask (unless already decided by options) to flag, keep private and tag the entry."""
        import questionary

        def yes(question: str, decided: bool) -> bool | None:
            """True when the person says yes; None when decided already or they say no."""
            if decided:
                return None
            answer = questionary.confirm(
                question, default=False, qmark=QUESTION_MARK, **self.terminal
            ).unsafe_ask()
            return answer or None

        flag = yes("Bring this entry to your next therapy session (flag it)?", flagged)
        keep_private = yes("Keep it private (left out of exports unless you ask)?", private)
        tags = questionary.text(
            "Tags (optional, separated by commas):",
            qmark=QUESTION_MARK,
            **self.terminal,
        ).unsafe_ask()
        return FinishChoices(flag, keep_private, parse_tags(tags))

    def choose_pack(self, packs: Sequence[Pack], default_pack: str = "") -> Pack:
        """The pack to run; the pointer starts on the person's default pack, else the first."""
        from rich.text import Text

        rows = [
            Row(printable(f"{pack.title}  ({pack.id}, {len(pack.questions)} questions)"), pack.id)
            for pack in packs
        ]
        ids = [pack.id for pack in packs]
        message = "Which pack would you like to reflect with?"
        picked = pick(
            message,
            rows,
            hint="Use ↑ ↓ · Enter starts it",
            start=ids.index(default_pack) if default_pack in ids else 0,
            terminal=self.terminal,
        )
        pack = next(pack for pack in packs if pack.id == picked)
        line = Text.assemble((f"{QUESTION_MARK} ", "dim"), message, "  ")
        line.append(printable(pack.title), style="bold")
        stdout_console().print(line, highlight=False)
        return pack
