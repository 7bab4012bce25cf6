"""Packs for the terminal and as JSON: the list, one pack in detail, validation results.

Pack text may come from a user's file: it goes through printable() and into rich Text objects,
never through rich markup, so neither escape sequences nor [brackets] can change the display.
"""

from __future__ import annotations

import json
import re
import textwrap
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from reflect.packs.catalog import START_HERE
from reflect.render.console import printable, say, stdout_console

if TYPE_CHECKING:
    from reflect.packs.catalog import PackCheck, PackListing
    from reflect.packs.definition import FollowUpCondition, Pack, Question


def _number(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else str(value)


def describe_condition(condition: FollowUpCondition) -> str:
    """'felt-heard is at most 4', 'rupture is yes', ... (the question asked only then)."""
    subject = condition.question
    if condition.at_most is not None and condition.at_least is not None:
        return (
            f"{subject} is between {_number(condition.at_least)} and {_number(condition.at_most)}"
        )
    if condition.at_most is not None:
        return f"{subject} is at most {_number(condition.at_most)}"
    if condition.at_least is not None:
        return f"{subject} is at least {_number(condition.at_least)}"
    if condition.equals is not None:
        return f"{subject} is {condition.equals!r}"
    return f"{subject} includes {condition.includes!r}"


def describe_kind(question: Question) -> str:
    """'scale 0 (not at all) to 10 (completely)', 'choice (one of 4)', 'text, several lines'."""
    if question.kind == "scale":
        low = f"{question.min}" + (f" ({question.min_label})" if question.min_label else "")
        high = f"{question.max}" + (f" ({question.max_label})" if question.max_label else "")
        return f"scale {low} to {high}"
    if question.kind in ("choice", "multi"):
        count = len(question.options or [])
        return f"{question.kind} ({'one' if question.kind == 'choice' else 'any'} of {count})"
    if question.kind == "text" and question.multiline:
        return "text, several lines"
    return question.kind


START_HERE_MARK = "start here"
ID_WIDTH = 16
TITLE_WIDTH = 34
SUMMARY_WIDTH = 100


def one_line_description(description: str) -> str:
    """The first sentence of a pack's description: what `reflect packs list` shows."""
    flat = " ".join(description.split())
    sentence = re.split(r"(?<=[.!?])\s", flat, maxsplit=1)[0]
    if len(sentence) > SUMMARY_WIDTH:
        sentence = sentence[: SUMMARY_WIDTH - 1].rstrip() + "…"
    return sentence


def _status(listing: PackListing) -> str:
    status = f"invalid: {listing.problem}" if not listing.valid else "ok"
    if listing.shadows_builtin:
        status += "; shadows the built-in pack"
    if listing.shadowed:
        status += "; shadowed by your own pack"
    return status


def _titled(listing: PackListing) -> str:
    if listing.pack is None:
        return ""
    mark = f" · {START_HERE_MARK}" if listing.id == START_HERE else ""
    return printable(listing.pack.title) + mark


def print_pack_list(listings: Sequence[PackListing]) -> None:
    """Two lines a pack: id, title (the check-in marked as the place to start), question count,
    source and status; under them the first sentence of its description."""

    from rich.text import Text

    console = stdout_console()
    id_width = min(max((len(printable(item.id)) for item in listings), default=0), ID_WIDTH)
    title_width = min(max((len(_titled(item)) for item in listings), default=0), TITLE_WIDTH)
    for listing in listings:
        line = Text(printable(listing.id).ljust(id_width) + "  ", style="cyan")
        title = _titled(listing)
        line.append(title.ljust(title_width), style="bold")
        details = [listing.origin, printable(_status(listing))]
        if listing.pack is not None:
            count = len(listing.pack.questions)
            details.insert(0, f"{count} {'question' if count == 1 else 'questions'}")
        line.append("  " + " · ".join(details), style="dim")
        console.print(line)
        summary = one_line_description(listing.pack.description) if listing.pack else ""
        indent = " " * (id_width + 2)
        for wrapped in textwrap.wrap(printable(summary), max(console.width - len(indent), 20)):
            console.print(Text(indent + wrapped))
    if not listings:
        say("No packs found. `reflect packs new ID` writes a starter pack of your own.")


def pack_list_as_json(listings: Sequence[PackListing]) -> str:
    return json.dumps(
        [
            {
                "id": listing.id,
                "title": listing.pack.title if listing.pack else None,
                "description": (
                    one_line_description(listing.pack.description) if listing.pack else None
                ),
                "start_here": listing.id == START_HERE and listing.valid,
                "questions": len(listing.pack.questions) if listing.pack else None,
                "source": listing.origin,
                "path": str(listing.path),
                "valid": listing.valid,
                "problems": listing.problems,
                "shadows_builtin": listing.shadows_builtin,
                "shadowed": listing.shadowed,
            }
            for listing in listings
        ],
        indent=2,
        ensure_ascii=False,
    )


def _question_details(question: Question, pack: Pack) -> list[str]:
    details = [describe_kind(question)]
    if question.dimension:
        declared = pack.dimensions.get(question.dimension)
        label = f" ({declared.label})" if declared is not None else ""
        details.append(f"dimension: {question.dimension}{label}")
    if question.reverse:
        details.append("reverse-scored")
    return details


def print_pack(pack: Pack, source: str, path: str) -> None:
    """The pack as a person would meet it, with the structure (kinds, scales, follow-ups)."""
    from rich.table import Table
    from rich.text import Text

    console = stdout_console()
    heading = Text(printable(pack.title), style="bold")
    heading.append(f"  ({pack.id}, {source}, version {printable(pack.version)})", style="dim")
    console.print(heading)
    console.print(Text(printable(path), style="dim"))
    for text in (pack.description, pack.intro):
        if text.strip():
            console.print()
            console.print(Text(printable(text.strip())))
    questions = Table.grid(padding=(0, 1))
    questions.add_column(justify="right", no_wrap=True)
    questions.add_column()
    for number, question in enumerate(pack.questions, start=1):
        lines = Text(printable(question.text))
        lines.append("\n" + printable(question.id), style="cyan")
        lines.append(" · " + printable(" · ".join(_question_details(question, pack))), style="dim")
        if question.options:
            lines.append("\noptions: " + printable(" | ".join(question.options)))
        if question.when is not None:
            asked = "\nasked only when " + printable(describe_condition(question.when))
            lines.append(asked, style="italic")
        if question.help:
            lines.append("\nhelp: " + printable(question.help), style="dim")
        questions.add_row(Text(f"{number}.", style="bold"), lines)
        if number < len(pack.questions):
            questions.add_row("", "")
    console.print()
    console.print(questions)
    if pack.outro.strip():
        console.print()
        console.print(Text(printable(pack.outro.strip())))


def pack_as_json(pack: Pack, source: str, path: str) -> str:
    document: dict[str, Any] = {
        "source": source,
        "path": path,
        **pack.document(exclude_none=True),
    }
    return json.dumps(document, indent=2, ensure_ascii=False)


def print_validation(checks: Sequence[PackCheck]) -> None:
    """ok lines for good files on stdout; every problem of a bad file on stderr."""
    for check in checks:
        if check.pack is not None:
            count = len(check.pack.questions)
            stdout_console().print(
                printable(f"ok  {check.file}  ({check.pack.id}, {count} questions)"),
                markup=False,
                highlight=False,
                soft_wrap=True,
            )
        for problem in check.problems:
            say(printable(str(problem)))
    bad = sum(1 for check in checks if check.pack is None)
    if bad:
        say(f"{bad} of {len(checks)} {'file has' if len(checks) == 1 else 'files have'} problems.")


def validation_as_json(checks: Sequence[PackCheck]) -> str:
    return json.dumps(
        [
            {
                "file": check.file,
                "valid": check.pack is not None,
                "id": check.pack.id if check.pack else None,
                "problems": [
                    {
                        "line": problem.line,
                        "column": problem.column,
                        "where": problem.where,
                        "message": problem.message,
                        "hint": problem.hint,
                    }
                    for problem in check.problems
                ],
            }
            for check in checks
        ],
        indent=2,
        ensure_ascii=False,
    )
