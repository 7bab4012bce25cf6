"""The terminal side of a pack run: questions as questionary widgets, and the texts around them.

Every question can be skipped ("Skip" in a list, or an empty answer) and every question after
the first can go back ("← Back" in a list, or `<` alone as a typed answer). Text questions open
$EDITOR with Ctrl-E. User text shown back (recap, defaults) goes through printable().
Prompts take an optional prompt_toolkit input/output so tests can drive them from a pipe.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from reflect.model import AnswerMismatch, check_answer
from reflect.render.console import printable

if TYPE_CHECKING:
    from reflect.core.running import QuestionPrompt, Reply
    from reflect.core.welcome import Welcome
    from reflect.model import AnswerValue
    from reflect.packs.schema import Pack, Question

BACK_WORD = "<"
QUESTION_MARK = "›"
SKIP = ("skip",)
BACK = ("back",)
SKIP_TITLE = "Skip this question"
BACK_TITLE = "← Back to the previous question"
LARGEST_SCALE_AS_LIST = 11
RECAP_WIDTH = 70

INTRO_HINT = (
    "Every answer is saved as you give it. Skip anything: choose “Skip” or leave it empty. "
    "Change the previous answer: choose “← Back” or type < alone. "
    "Ctrl-E opens your editor for a long answer. Ctrl-C stops; `--resume` continues later."
)


@dataclass(frozen=True)
class OpenEditor:
    """Ctrl-E in a text prompt: continue the answer in $EDITOR, starting from what was typed."""

    typed: str


@dataclass(frozen=True)
class FinishChoices:
    flagged: bool | None
    private: bool | None
    tags: list[str] = field(default_factory=list)


def _print(text: str = "", style: str | None = None) -> None:
    from reflect.render.console import stdout_console

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


def show_intro(pack: Pack, *, resumed: bool, answered: int) -> None:
    _print(printable(pack.title), style="bold")
    if resumed:
        noun = "answer" if answered == 1 else "answers"
        _print(f"Continuing where you stopped ({answered} {noun} already saved).")
    elif pack.intro.strip():
        _print(printable(pack.intro.strip()))
    _print(INTRO_HINT, style="dim")
    _print()


def show_outro(pack: Pack) -> None:
    if pack.outro.strip():
        _print()
        _print(printable(pack.outro.strip()))


def describe_value(question: Question, value: AnswerValue) -> str:
    """An answer as one short, safe line for a recap."""
    if value is None:
        return "(skipped)"
    if isinstance(value, list):
        text = ", ".join(value) if value else "(none)"
    elif question.kind == "scale":
        text = f"{value} of {question.min}–{question.max}"
    else:
        text = str(value)
    flat = " ⏎ ".join(line for line in text.splitlines() if line.strip()) or text
    if len(flat) > RECAP_WIDTH:
        flat = flat[: RECAP_WIDTH - 1] + "…"
    return printable(flat)


def show_recap(pack: Pack, recap: Sequence[tuple[Question, AnswerValue]]) -> None:
    from rich.table import Table

    from reflect.render.console import stdout_console

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
    noun = "answer" if kept == 1 else "answers"
    skips = f" and {skipped} skipped" if skipped else ""
    if complete:
        return (
            f"Stopped. All {kept} {noun}{skips} are saved; "
            f"`reflect run {pack_id} --resume` finishes the entry."
        )
    return (
        f"Stopped. {kept} {noun}{skips} kept in a draft. "
        f"To continue: reflect run {pack_id} --resume"
    )


def _fits(question: Question, number: int) -> bool:
    """Whether a typed number is an answer to the scale (the one check every answer passes)."""
    try:
        check_answer(question, number)
    except AnswerMismatch:
        return False
    return True


def _scale_title(question: Question, number: int) -> str:
    label = ""
    if number == question.min and question.min_label:
        label = f"  {question.min_label}"
    elif number == question.max and question.max_label:
        label = f"  {question.max_label}"
    return printable(f"{number}{label}")


def _typed_scale(question: Question) -> bool:
    """A long scale is typed as a number rather than picked from a list."""
    if question.kind != "scale" or question.min is None or question.max is None:
        return False
    return question.max - question.min + 1 > LARGEST_SCALE_AS_LIST


class TerminalAsker:
    """Asks each question with the questionary widget that fits its kind."""

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

    def ask(self, prompt: QuestionPrompt) -> Reply:
        question = prompt.question
        _print()
        _print(f"{prompt.number} of {prompt.total}{self._keys_hint(prompt)}", style="dim")
        if question.help:
            _print(printable(question.help.strip()), style="italic dim")
        if question.kind == "text":
            return self._text(prompt)
        if question.kind == "scale":
            if _typed_scale(question):
                return self._number(prompt)
            numbers = range(question.min, question.max + 1)  # type: ignore[arg-type]
            return self._select(prompt, [(_scale_title(question, n), n) for n in numbers])
        if question.kind == "choice":
            options = question.options or []
            return self._select(prompt, [(printable(option), option) for option in options])
        if question.kind == "yesno":
            return self._select(prompt, [("Yes", "yes"), ("No", "no")])
        return self._checkbox(prompt)

    @staticmethod
    def _keys_hint(prompt: QuestionPrompt) -> str:
        question = prompt.question
        back = "  ·  < goes back" if prompt.can_go_back else ""
        if question.kind == "text":
            saves = "Esc then Enter saves" if question.multiline else "Enter saves"
            return f"  ·  {saves}  ·  empty skips{back}  ·  Ctrl-E opens your editor"
        if _typed_scale(question):
            return f"  ·  {question.min} to {question.max}  ·  empty skips{back}"
        return ""

    def _select(self, prompt: QuestionPrompt, options: list[tuple[str, AnswerValue]]) -> Reply:
        import questionary

        from reflect.core.running import Answered, GoBack

        choices: list[Any] = [questionary.Choice(title, value=("value", v)) for title, v in options]
        choices.append(questionary.Separator(" "))
        choices.append(questionary.Choice(SKIP_TITLE, value=SKIP))
        if prompt.can_go_back:
            choices.append(questionary.Choice(BACK_TITLE, value=BACK))
        default: Any = None
        if prompt.answered_before:
            default = ("value", prompt.previous) if prompt.previous is not None else SKIP
            if default not in [choice.value for choice in choices if hasattr(choice, "value")]:
                default = None  # an answer no longer among the options: start at the top
        picked = questionary.select(
            printable(prompt.question.text),
            choices=choices,
            default=default,
            qmark=QUESTION_MARK,
            **self.terminal,
        ).unsafe_ask()
        if picked == BACK:
            return GoBack()
        if picked == SKIP:
            return Answered(None)
        return Answered(picked[1])

    def _checkbox(self, prompt: QuestionPrompt) -> Reply:
        import questionary

        from reflect.core.running import Answered, GoBack

        previous = prompt.previous if isinstance(prompt.previous, list) else []
        choices: list[Any] = [
            questionary.Choice(printable(option), value=option, checked=option in previous)
            for option in prompt.question.options or []
        ]
        if prompt.can_go_back:
            choices.append(questionary.Separator(" "))
            choices.append(questionary.Choice(BACK_TITLE, value=BACK))
        picked = questionary.checkbox(
            printable(prompt.question.text),
            choices=choices,
            qmark=QUESTION_MARK,
            instruction="(Space picks, Enter saves; none picked skips)",
            **self.terminal,
        ).unsafe_ask()
        if BACK in picked:
            return GoBack()
        return Answered(list(picked) if picked else None)

    def _number(self, prompt: QuestionPrompt) -> Reply:
        import questionary

        from reflect.core.running import Answered, GoBack

        question = prompt.question
        low, high = question.min, question.max
        ends = ""
        if question.min_label or question.max_label:
            ends = f" ({low} = {question.min_label or low}, {high} = {question.max_label or high})"

        def valid(text: str) -> bool | str:
            typed = text.strip()
            if typed in ("", BACK_WORD):
                return True
            if typed.lstrip("-").isdigit() and _fits(question, int(typed)):
                return True
            return f"A whole number from {low} to {high}, or empty to skip."

        default = str(prompt.previous) if prompt.previous is not None else ""
        typed = questionary.text(
            printable(question.text + ends),
            default=default,
            validate=valid,
            qmark=QUESTION_MARK,
            **self.terminal,
        ).unsafe_ask()
        typed = typed.strip()
        if typed == BACK_WORD and prompt.can_go_back:
            return GoBack()
        if typed in ("", BACK_WORD):
            return Answered(None)
        return Answered(int(typed))

    def _text(self, prompt: QuestionPrompt) -> Reply:
        import questionary
        from prompt_toolkit.key_binding import KeyBindings

        from reflect.core.running import Answered, GoBack

        bindings = KeyBindings()

        @bindings.add("c-e")
        def _open_editor(event: Any) -> None:
            event.app.exit(result=OpenEditor(event.app.current_buffer.text))

        question = prompt.question
        default = prompt.previous if isinstance(prompt.previous, str) else ""
        typed = questionary.text(
            printable(question.text),
            default=default,
            multiline=question.multiline,
            qmark=QUESTION_MARK,
            instruction=" ",
            key_bindings=bindings,
            **self.terminal,
        ).unsafe_ask()
        if isinstance(typed, OpenEditor):
            typed = self._edit(typed.typed)
        if typed.strip() == BACK_WORD and prompt.can_go_back:
            return GoBack()
        if not typed.strip():
            return Answered(None)
        return Answered(typed)

    def _edit(self, typed: str) -> str:
        from reflect.core.running import text_from_editor
        from reflect.paths import data_paths

        folder = self.editor_folder or data_paths().home
        return text_from_editor(folder, typed, self.configured_editor)

    def finish(self, *, flagged: bool, private: bool) -> FinishChoices:
        """Ask (unless already decided by options) to flag, keep private and tag the entry."""
        import questionary

        from reflect.core.running import parse_tags

        flag_answer: bool | None = None
        private_answer: bool | None = None
        if not flagged:
            flag_answer = questionary.confirm(
                "Bring this entry to your next therapy session (flag it)?",
                default=False,
                qmark=QUESTION_MARK,
                **self.terminal,
            ).unsafe_ask()
        if not private:
            private_answer = questionary.confirm(
                "Keep it private (left out of exports unless you ask)?",
                default=False,
                qmark=QUESTION_MARK,
                **self.terminal,
            ).unsafe_ask()
        tags = questionary.text(
            "Tags (optional, separated by commas):",
            qmark=QUESTION_MARK,
            **self.terminal,
        ).unsafe_ask()
        return FinishChoices(flag_answer or None, private_answer or None, parse_tags(tags))

    def choose_pack(self, packs: Sequence[Pack], default_pack: str = "") -> Pack:
        import questionary

        choices = [
            questionary.Choice(
                printable(f"{pack.title}  ({pack.id}, {len(pack.questions)} questions)"),
                value=pack.id,
            )
            for pack in packs
        ]
        known = {pack.id for pack in packs}
        picked = questionary.select(
            "Which pack would you like to reflect with?",
            choices=choices,
            default=default_pack if default_pack in known else None,
            qmark=QUESTION_MARK,
            **self.terminal,
        ).unsafe_ask()
        return next(pack for pack in packs if pack.id == picked)
