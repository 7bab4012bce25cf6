"""A small pack of every question kind, and a way to drive the real prompts from a pipe."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from prompt_keys import pipe_watchdog

SMALL_PACK = """\
id: small
title: A small pack
intro: Why this pack exists.
outro: Noticing is enough.
questions:
  - id: safe
    text: How safe did it feel?
    kind: scale
    min: 0
    max: 10
    min_label: not at all
    max_label: completely
    dimension: safety
  - id: held_back
    text: Did you hold something back?
    kind: yesno
  - id: what
    text: What did you hold back?
    kind: text
    when: {question: held_back, equals: "yes"}
  - id: mood
    text: Which word fits?
    kind: choice
    options: [calm, tense, warm]
  - id: themes
    text: Which themes came up?
    kind: multi
    options: [trust, safety, fit]
  - id: notes
    text: Anything else?
    kind: text
    multiline: true
"""


@pytest.fixture
def small_pack(reflect_home: Path):
    """The small pack, installed as a user pack and loaded."""
    from reflect.packs.catalog import find_pack

    folder = reflect_home / "packs"
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "small.yaml").write_text(SMALL_PACK, encoding="utf-8")
    return find_pack("small")


@pytest.fixture
def drive(journal) -> Callable:
    """Run a pack through the real questionary prompts, typing `keys` into a pipe."""
    from prompt_toolkit.input import create_pipe_input
    from prompt_toolkit.output import DummyOutput

    from reflect.core.running import PackRun
    from reflect.render.running import TerminalAsker

    def run(pack, keys: str, *, resume: bool = False, **options) -> PackRun:
        with create_pipe_input() as pipe, pipe_watchdog(pipe):
            pipe.send_text(keys)
            asker = TerminalAsker(input=pipe, output=DummyOutput(), **options)
            flow = PackRun.resume(journal, pack) if resume else PackRun.start(journal, pack)
            flow.ask_all(asker)
            return flow

    return run


@pytest.fixture
def stored(journal) -> Callable[[str], dict[str, object]]:
    """question_id -> value as stored for an entry."""
    from reflect.store.drafts import given_answers

    return lambda entry_id: given_answers(journal, entry_id)


@pytest.fixture
def newest_draft(journal) -> Callable:
    from reflect.store.drafts import newest_draft

    return lambda pack_id: newest_draft(journal, pack_id)
