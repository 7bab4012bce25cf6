"""Pack files read as plain data (libyaml when it is there), without the pack model.

`reflect trends` and the session brief need two small facts of the installed packs on every run:
the dimensions a pack declares and which questions are to bring to the session. Validating every
pack with pydantic to learn them would cost more than the trends themselves (importing pydantic
and building the pack models, benchmarks/read_paths.md), so they are read from the files here,
with the same rules the model applies to those few fields (tests/packs/test_plain_reading.py
checks the two agree). Everything else about a pack goes through reflect.packs.catalog.

Even parsed by libyaml, the fourteen built-in packs cost a trends run or an export about 40 ms
of YAML. So prompts/ ships their documents, already parsed, in one JSON file (INDEX_NAME), each
beside the SHA-256 of the file it was parsed from: a built-in file whose bytes still have that
hash is read from the index; any other (edited, added, an index missing or broken) is parsed.
`python -m reflect.packs.plain` writes the index; tests/packs/test_plain_reading.py fails when
it is out of date.
"""

from __future__ import annotations

import functools
import hashlib
import json
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from reflect.packs.files import builtin_packs_folder, pack_files_in
from reflect.paths import data_paths

# The strings pydantic reads as a yes/no in a pack (its lax mode: `inverted: "yes"`).
_TRUE_WORDS = frozenset({"1", "on", "t", "true", "y", "yes"})
_FALSE_WORDS = frozenset({"0", "off", "f", "false", "n", "no"})


def plain_bool(value: object) -> bool | None:
    """`value` as the pack model reads a true/false field; None when the model refuses it."""
    if isinstance(value, bool):
        return value
    if isinstance(value, int) and value in (0, 1):
        return bool(value)
    if isinstance(value, float) and value in (0.0, 1.0):
        return bool(value)
    if isinstance(value, str):
        word = value.lower()
        if word in _TRUE_WORDS:
            return True
        if word in _FALSE_WORDS:
            return False
    return None


def read_pack_document(path: Path) -> dict[str, Any] | None:
    """The mapping a pack file holds; None when it cannot be read as one (not YAML, not a mapping,
    not UTF-8, unreadable): such a file declares nothing. A file is parsed once per process while
    it is unchanged (an export needs its dimensions and its bring questions): the same object is
    given to every caller, so read it and never change it."""
    try:
        status = path.stat()
    except OSError:
        return None
    return _parsed(path, status.st_mtime_ns, status.st_size)


@functools.lru_cache(maxsize=128)
def _parsed(path: Path, modified_ns: int, size: int) -> dict[str, Any] | None:
    try:
        raw = path.read_bytes()
    except OSError:
        return None
    if path.parent == builtin_packs_folder():
        indexed = _builtin_index().get(path.name)
        if indexed is not None and indexed[0] == hashlib.sha256(raw).hexdigest():
            return indexed[1]
    return _parsed_yaml(raw)


def _parsed_yaml(raw: bytes) -> dict[str, Any] | None:
    import yaml

    loader: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    try:
        data = yaml.load(raw.decode("utf-8"), Loader=loader)
    except (UnicodeError, yaml.YAMLError, RecursionError):
        return None
    return data if isinstance(data, dict) else None


INDEX_NAME = "_documents.json"


@functools.cache
def _builtin_index() -> dict[str, tuple[str, dict[str, Any]]]:
    """file name -> (SHA-256 of the file, its document), from the index in prompts/; empty
    when the index is missing or not what this version writes."""
    try:
        index = json.loads((builtin_packs_folder() / INDEX_NAME).read_bytes())
        return {
            name: (entry["sha256"], entry["document"])
            for name, entry in index["files"].items()
            if isinstance(entry["sha256"], str) and isinstance(entry["document"], dict)
        }
    except (OSError, ValueError, TypeError, KeyError, AttributeError):
        return {}


def builtin_index_text() -> str:
    """The index of the built-in packs as `python -m reflect.packs.plain` writes it."""
    files: dict[str, Any] = {}
    for path in pack_files_in(builtin_packs_folder()):
        raw = path.read_bytes()
        document = _parsed_yaml(raw)
        if document is not None:
            files[path.name] = {"sha256": hashlib.sha256(raw).hexdigest(), "document": document}
    index = {
        "about": "The built-in packs, parsed: see reflect/packs/plain.py. Written by "
        "`python -m reflect.packs.plain`; never edit by hand.",
        "files": files,
    }
    return json.dumps(index, ensure_ascii=False, indent=1, sort_keys=True) + "\n"


def _pack_id(path: Path, document: dict[str, Any]) -> str:
    value = document.get("id")
    return value if isinstance(value, str) else path.stem


def installed_pack_documents() -> Iterator[tuple[str, dict[str, Any]]]:
    """(id, document) of every installed pack that reads as a mapping: the person's own packs
    first, then the built-in ones a pack of theirs does not shadow (a file of theirs named like a
    built-in shadows it even when broken, as in reflect.packs.catalog). Within a folder the first
    file of an id wins."""
    seen: set[str] = set()
    user_files = pack_files_in(data_paths().packs)
    shadowing = {path.stem for path in user_files}
    for folder_files in (user_files, pack_files_in(builtin_packs_folder())):
        for path in folder_files:
            document = read_pack_document(path)
            if document is None:
                continue
            pack_id = _pack_id(path, document)
            if pack_id in seen or (folder_files is not user_files and pack_id in shadowing):
                continue
            seen.add(pack_id)
            shadowing.add(pack_id)
            yield pack_id, document


def installed_pack_document(pack_id: str) -> dict[str, Any] | None:
    """The document of the installed pack `pack_id`, as installed_pack_documents() would give it,
    found by file name first (a pack's file is named after its id), so that looking up one pack
    reads one file. None when it is not installed, or shadowed by a broken file of the person's."""
    user_files = pack_files_in(data_paths().packs)
    for path in user_files:
        if path.stem == pack_id:
            document = read_pack_document(path)
            return (
                document if document is not None and _pack_id(path, document) == pack_id else None
            )
    for path in user_files:  # a file of theirs named otherwise that declares this id
        document = read_pack_document(path)
        if document is not None and _pack_id(path, document) == pack_id:
            return document
    for path in pack_files_in(builtin_packs_folder()):
        if path.stem == pack_id:
            return read_pack_document(path)
    return None


if __name__ == "__main__":
    target = builtin_packs_folder() / INDEX_NAME
    target.write_text(builtin_index_text(), encoding="utf-8")
    sys.stdout.write(f"Wrote {target}\n")
