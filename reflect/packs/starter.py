"""`reflect packs new ID`: a commented starter pack in the user packs folder."""

from __future__ import annotations

import re
from pathlib import Path

from reflect.errors import PackError
from reflect.files import output_target
from reflect.packs.files import SLUG_MAX_LENGTH, SLUG_PATTERN
from reflect.paths import ensure_private_folder

STARTER_TEMPLATE = """\
# A prompt pack of your own for reflect. Every question can be skipped when it is asked.
#   Check it:  reflect packs validate {path}
#   Run it:    reflect run {pack_id}
# Lines starting with # are comments. Indent with spaces, never tabs. The whole format is
# described in reflect's prompts/README.md; `reflect packs show trust` shows a built-in pack.

id: {pack_id}          # what you type after `reflect run`
title: {title}
description: What this pack is for, in a sentence or two.
version: "1"           # raise it when you change the questions; old answers keep their wording
intro: |
  A line that says why this pack exists, shown before the first question.
outro: |
  A kind line to close with. Noticing is enough.

questions:
  # kind: scale -- a number from min to max, with words for both ends. `dimension` names the
  # trend it feeds (see `reflect trends`); add `reverse: true` when a high answer means less of it.
  - id: felt-heard
    text: How heard did you feel in your last session?
    kind: scale
    min: 0
    max: 10
    min_label: not at all
    max_label: completely
    dimension: understood

  # A follow-up is asked only when an earlier answer meets its condition: at_most or at_least
  # for a scale, equals for a choice or yes/no question, includes for a multi question.
  - id: what-got-in-the-way
    text: What, if anything, got in the way of feeling heard?
    kind: text
    when:
      question: felt-heard
      at_most: 4

  # kind: choice -- pick one of the options (kind: multi lets you pick several).
  - id: leaving-feeling
    text: Which word comes closest to how you left the session?
    kind: choice
    options: [lighter, about the same, heavier, not sure]

  # kind: yesno -- answered yes or no. Quote 'yes' and 'no' when you write them as values.
  - id: bring-it-up
    text: Is there something here you would like to bring up next time?
    kind: yesno

  # kind: text -- free writing; `multiline: true` leaves room for more than a line.
  - id: anything-else
    text: Anything else you noticed?
    help: A word or two is plenty.
    kind: text
    multiline: true
"""


def starter_pack_text(pack_id: str, path: Path) -> str:
    """The starter pack for pack_id, mentioning where it lives."""
    title = re.sub(r"[-_]+", " ", pack_id).capitalize()
    return STARTER_TEMPLATE.format(pack_id=pack_id, title=title, path=path)


def check_new_pack_id(pack_id: str) -> None:
    if len(pack_id) > SLUG_MAX_LENGTH or not re.fullmatch(SLUG_PATTERN, pack_id):
        suggestion = "-".join(re.findall(r"[a-z0-9]+", pack_id.lower()))[:SLUG_MAX_LENGTH]
        example = suggestion or "my-pack"
        raise PackError(
            f"{pack_id!r} cannot be a pack id.",
            "Use lowercase letters, digits, and - or _ between words "
            f"(at most {SLUG_MAX_LENGTH} characters), for example: reflect packs new {example}",
        )


def write_starter_pack(pack_id: str, folder: Path) -> Path:
    """Write folder/<pack_id>.yaml (folder created 0700); never overwrite an existing file.

    The path is checked by reflect.files like every file reflect writes on request: a new file
    directly in the packs folder, never a link to the journal or its settings."""

    check_new_pack_id(pack_id)
    ensure_private_folder(folder.parent)
    ensure_private_folder(folder)
    path = folder / f"{pack_id}.yaml"
    for existing in (folder / f"{pack_id}.yaml", folder / f"{pack_id}.yml"):
        if existing.exists():
            raise PackError(
                f"{existing} already exists; reflect leaves it as it is.",
                "Edit that file, or choose another id.",
            )
    output_target(path, new_pack=True)
    try:
        with path.open("x", encoding="utf-8") as stream:
            stream.write(starter_pack_text(pack_id, path))
    except FileExistsError as error:
        raise PackError(f"{path} already exists; reflect leaves it as it is.") from error
    except OSError as error:
        raise PackError(f"Cannot write {path}: {error.strerror or error}.") from error
    return path
