"""Reading one pack file into a Pack, with every problem located at its line and column.

Safety first: the file is read up to a size limit, decoded as UTF-8, and parsed by a SafeLoader
subclass (no Python tags) that also rejects duplicate mapping keys, which PyYAML would otherwise
resolve silently by keeping the last one. Every node's position is kept so that pydantic's error
locations (loc tuples such as ("questions", 2, "kind")) can be turned back into FILE:LINE:COL.

Any failure raises PackValidationError (a PackError) carrying the list of PackProblem values.
"""

from __future__ import annotations

import difflib
import functools
import os
import re
import sys
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from msgspec import Struct, field

from reflect.errors import PackError
from reflect.files import UserFileError, read_user_file
from reflect.model import QUESTION_KINDS
from reflect.packs.definition import Pack, clean_pack
from reflect.packs.files import SLUG_MAX_LENGTH, builtin_packs_folder
from reflect.packs.rules import Location, RuleViolation, all_violations
from reflect.packs.schema import (
    CROSS_QUESTION_ERROR_TYPE,
    RULE_ERROR_TYPE,
    pack_from_model,
    pack_models,
)
from reflect.paths import data_paths

if TYPE_CHECKING:
    import yaml
    from pydantic import BaseModel

MAX_PACK_BYTES = 256 * 1024
# Aliases can make a small file expand into a huge structure ("billion laughs"); a real pack of
# 200 questions has a few thousand values.
MAX_PACK_VALUES = 50_000


class PackProblem(Struct, frozen=True):
    """One problem in a pack file, printed as FILE:LINE:COL: where: what (hint)."""

    file: str
    line: int | None
    column: int | None
    where: str
    message: str
    hint: str | None = None

    def __str__(self) -> str:
        position = self.file if self.line is None else f"{self.file}:{self.line}:{self.column}"
        text = f"{position}: {self.where}: {self.message}"
        return f"{text} ({self.hint})" if self.hint else text

    def without_file(self) -> str:
        """The problem with `line L:` instead of the file name (for a listing that names it)."""
        position = "" if self.line is None else f"line {self.line}: "
        text = f"{position}{self.where}: {self.message}"
        return f"{text} ({self.hint})" if self.hint else text


class PackValidationError(PackError):
    """A pack file with one or more problems; `problems` lists them in file order."""

    def __init__(self, problems: Sequence[PackProblem]) -> None:
        self.problems = sorted(problems, key=lambda p: (p.line or 0, p.column or 0))
        super().__init__("\n".join(str(problem) for problem in self.problems))

    @property
    def summary(self) -> str:
        first = self.problems[0].without_file()
        more = len(self.problems) - 1
        return first if not more else f"{first} (and {more} more {_plural(more, 'problem')})"


def _plural(count: int, word: str) -> str:
    return word if count == 1 else f"{word}s"


# --- Public entry points


def load_pack_file(path: Path) -> Pack:
    """Load and validate the pack at path; any problem raises PackError naming the file."""
    source = str(path)
    if path.is_symlink() and not _links_within(path, data_paths().home):
        # A link's target could be any file this user may read (as root: any file at all), and
        # the messages below quote the lines they find: so a link is followed only within the
        # data folder.
        raise _single(
            source,
            "file",
            "is a symbolic link to a file outside reflect's data folder, which reflect does "
            "not follow",
            "validate the file it points to by its own name",
        )
    try:
        # Read within the limit (more bytes than that are never read), and a FIFO or device
        # is refused instead of waiting on it.
        raw = read_user_file(path, limit=MAX_PACK_BYTES, on_excess=lambda: _too_large(source))
    except UserFileError as error:
        reason = error.reason if "folder" not in error.reason else "is a folder, not a pack file"
        raise _single(source, "file", reason) from error
    shipped = not path.is_symlink() and path.parent.resolve() == builtin_packs_folder().resolve()
    return load_pack_bytes(raw, source, shipped=shipped)


def _links_within(link: Path, folder: Path) -> bool:
    target = Path(os.path.realpath(link))
    home = Path(os.path.realpath(folder))
    return home in target.parents


def _too_large(source: str) -> PackError:
    return _single(
        source,
        "file",
        f"is larger than {MAX_PACK_BYTES // 1024} KiB, the most a pack may be",
        "a pack is a short list of questions: is this the right file?",
    )


def load_pack_bytes(raw: bytes, source: str, *, shipped: bool = False) -> Pack:
    """Validate a pack given as bytes; source names it in messages. shipped: one of reflect's
    own packs (parsed by libyaml: see parse_pack_yaml)."""
    if len(raw) > MAX_PACK_BYTES:
        raise _too_large(source)
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = raw.count(b"\n", 0, error.start) + 1
        column = error.start - (raw.rfind(b"\n", 0, error.start) + 1) + 1
        raise PackValidationError(
            [
                PackProblem(
                    source,
                    line,
                    column,
                    "file",
                    f"byte 0x{raw[error.start]:02x} is not UTF-8 text",
                    "save the file as UTF-8 (most editors offer it under 'encoding')",
                )
            ]
        ) from error
    return load_pack_text(text, source, shipped=shipped)


def load_pack_text(text: str, source: str, *, shipped: bool = False) -> Pack:
    """Parse YAML text and validate it as a pack; source names it in messages."""
    if shipped:  # one of reflect's own packs, clean: no positions are needed for messages
        quick = _parse_clean_yaml_fast(text, source, with_marks=False)
        clean = clean_pack(quick.data) if quick is not None else None
        if clean is not None:
            return clean
    parsed = parse_pack_yaml(text, source, shipped=shipped)
    return validate_pack_data(parsed.data, source, parsed.marks, parsed.problems)


def validate_pack_data(
    data: object,
    source: str,
    marks: NodeMarks | None = None,
    problems_so_far: Sequence[PackProblem] = (),
) -> Pack:
    """Validate parsed data as a pack, reporting every problem at once (never only the first)."""
    marks = marks or NodeMarks()
    problems = list(problems_so_far)
    if data is None:
        problems.append(
            PackProblem(
                source,
                None,
                None,
                "file",
                "is empty",
                "a pack needs at least id, title and questions; `reflect packs new ID` "
                "writes a starter",
            )
        )
        raise PackValidationError(problems)
    if not isinstance(data, dict):
        line, column = marks.position(())
        problems.append(
            PackProblem(
                source,
                line,
                column,
                "pack",
                f"the top level is {_describe(data)}, and it must be a mapping",
                "start with lines like `id: my-pack`, `title: ...` and `questions:`",
            )
        )
        raise PackValidationError(problems)

    if not problems:
        clean = clean_pack(data)
        if clean is not None:  # nearly every file: no need for the models (see definition.py)
            return clean

    from pydantic import ValidationError

    pack: Pack | None = None
    located: list[tuple[Location, RuleViolation, bool]] = []
    try:
        pack = pack_from_model(pack_models().Pack.model_validate(data))
    except ValidationError as error:
        for detail in error.errors(include_url=False):
            loc = tuple(detail["loc"])
            if detail["type"] in (RULE_ERROR_TYPE, CROSS_QUESTION_ERROR_TYPE):
                base = (*loc, "questions") if detail["type"] == CROSS_QUESTION_ERROR_TYPE else loc
                for violation in detail.get("ctx", {}).get("violations", []):
                    located.append((base, violation, violation.at_key))
            else:
                if detail["type"] == "invalid_key":  # the key itself ends loc: name it as a key
                    loc = (*loc[:-1], str(loc[-1]))
                located.append((loc, _violation_from_pydantic(detail, loc), _is_key_error(detail)))
    except RecursionError:
        problems.append(PackProblem(source, None, None, "pack", "is nested too deeply"))

    # The rules again on the raw data: pydantic checks them only for questions whose fields are
    # all valid, and a person fixing a file wants to see every problem in one go.
    for base, violation in all_violations(data):
        located.append((base, violation, violation.at_key))

    seen: set[tuple[str, str]] = set()
    for base, violation, at_key in located:
        loc = (*base, *violation.path)
        where = format_location(loc)
        if (where, violation.message) in seen:
            continue
        seen.add((where, violation.message))
        line, column = marks.position(loc, at_key=at_key)
        problems.append(PackProblem(source, line, column, where, violation.message, violation.hint))
    if problems or pack is None:
        if not problems:  # pragma: no cover - pydantic failed without a single error detail
            problems.append(PackProblem(source, None, None, "pack", "is not a valid pack"))
        raise PackValidationError(problems)
    return pack


def _single(source: str, where: str, message: str, hint: str | None = None) -> PackError:
    return PackValidationError([PackProblem(source, None, None, where, message, hint)])


# --- YAML with positions


class NodeMarks(Struct):
    """Where each value (and each mapping key) starts in the file, by location path."""

    values: dict[Location, tuple[int, int]] = field(default_factory=dict)
    keys: dict[Location, tuple[int, int]] = field(default_factory=dict)

    def position(self, loc: Location, *, at_key: bool = False) -> tuple[int | None, int | None]:
        """1-based (line, column) of loc, or of its nearest ancestor the file has."""
        if at_key and loc in self.keys:
            return self.keys[loc]
        for end in range(len(loc), -1, -1):
            if loc[:end] in self.values:
                return self.values[loc[:end]]
        return None, None


class ParsedYaml(Struct):
    data: object
    marks: NodeMarks
    problems: list[PackProblem]


class _NotesDuplicateKeys:
    """Mixed into a YAML loader: notes duplicate keys instead of silently keeping the last."""

    duplicate_keys: list[tuple[Any, Any, Any]]

    def construct_mapping(self, node: Any, deep: bool = False) -> dict[Any, Any]:
        import yaml

        if isinstance(node, yaml.MappingNode):
            first_key_nodes: dict[object, yaml.Node] = {}
            for key_node, _ in node.value:
                # A merge key (<<) brings in values that the mapping's own keys may override.
                if key_node.tag == "tag:yaml.org,2002:merge" or not isinstance(
                    key_node, yaml.ScalarNode
                ):
                    continue
                key = self.construct_object(key_node)  # type: ignore[attr-defined]
                if key in first_key_nodes:
                    self.duplicate_keys.append((node, first_key_nodes[key], key_node))
                else:
                    first_key_nodes[key] = key_node
        return super().construct_mapping(node, deep=deep)  # type: ignore[misc,no-any-return]


@functools.cache
def _pack_yaml_loader() -> type[Any]:
    """A SafeLoader that notes duplicate keys instead of silently keeping the last value."""
    import yaml

    class PackYamlLoader(_NotesDuplicateKeys, yaml.SafeLoader):
        def __init__(self, stream: str) -> None:
            super().__init__(stream)
            self.duplicate_keys = []

    return PackYamlLoader


@functools.cache
def _libyaml_pack_loader() -> type[Any] | None:
    """The same loader over libyaml's parser (C), when PyYAML was built with it."""
    import yaml

    if not getattr(yaml, "__with_libyaml__", False):
        return None

    class FastPackYamlLoader(_NotesDuplicateKeys, yaml.CSafeLoader):
        def __init__(self, stream: str) -> None:
            super().__init__(stream)
            self.duplicate_keys = []

    return FastPackYamlLoader


def _parse_clean_yaml_fast(text: str, source: str, *, with_marks: bool = True) -> ParsedYaml | None:
    """One of reflect's own pack files, parsed by libyaml (about four times faster than PyYAML's
    own parser, which is most of what loading the built-in packs costs). None for anything
    else (no libyaml, a character PyYAML refuses, any error, a repeated key, an alias):
    parse_pack_yaml then parses it again the slow way. libyaml accepts a few files PyYAML
    refuses (a `%YAML 1.1#` directive, for one), so a person's own packs always take PyYAML's
    parser and its messages; tests/packs/test_builtin_packs.py checks both parsers read every
    built-in pack alike."""
    import yaml

    loader_class = _libyaml_pack_loader()
    if loader_class is None or yaml.reader.Reader.NON_PRINTABLE.search(text):
        return None
    if "*" in text and re.search(r"(^|[\s\[{,:-])\*\w", text):
        return None  # aliases: left to the slow path, which budgets their expansion
    try:
        loader = loader_class(text)
    except Exception:
        return None
    try:
        root = loader.get_single_node()
        if root is None:
            return None
        marks = _collect_marks(root, source)[0] if with_marks else NodeMarks()
        data = loader.construct_document(root)
    except Exception:
        return None
    finally:
        loader.dispose()
    if loader.duplicate_keys:
        return None
    return ParsedYaml(data, marks, [])


def parse_pack_yaml(text: str, source: str, *, shipped: bool = False) -> ParsedYaml:
    """Parse text safely; raise PackValidationError for anything that is not usable YAML.
    shipped: one of reflect's own packs, which libyaml may parse (see _parse_clean_yaml_fast)."""
    import yaml

    fast = _parse_clean_yaml_fast(text, source) if shipped else None
    if fast is not None:
        return fast
    try:
        # The reader checks for forbidden characters as soon as the loader is created.
        loader = _pack_yaml_loader()(text)
    except yaml.reader.ReaderError as error:
        raise PackValidationError([_problem_from_reader_error(error, text, source)]) from error
    try:
        root = loader.get_single_node()
        if root is None:
            return ParsedYaml(None, NodeMarks(), [])
        marks, mapping_paths = _collect_marks(root, source)
        data = loader.construct_document(root)
    except yaml.MarkedYAMLError as error:
        raise PackValidationError([_problem_from_yaml_error(error, source)]) from error
    except yaml.reader.ReaderError as error:
        raise PackValidationError([_problem_from_reader_error(error, text, source)]) from error
    except yaml.YAMLError as error:
        raise _single(source, "file", f"is not valid YAML ({error})") from error
    except RecursionError as error:
        raise _single(source, "file", "is nested too deeply to be a pack") from error
    except (ValueError, TypeError, OverflowError) as error:
        # SafeConstructor turns some malformed scalars (a date like 2001-13-45, `!!int x`)
        # into plain Python errors without a position.
        reason = f"holds a value YAML cannot read ({error})"
        if "digits" in str(error):  # Python's int_max_str_digits guard, in its own words
            reason = f"holds a number with more than {sys.get_int_max_str_digits()} digits"
        raise _single(source, "file", reason, "put it in quotes") from error
    finally:
        loader.dispose()

    problems = []
    for mapping_node, first, repeated in loader.duplicate_keys:
        key = repeated.value
        loc = (*mapping_paths.get(id(mapping_node), ()), key)
        problems.append(
            _problem_at(
                source,
                repeated.start_mark,
                loc,
                f"the key {key!r} appears twice (first on line {first.start_mark.line + 1})",
                "YAML would silently keep only the last one: remove or rename one of them",
            )
        )
    return ParsedYaml(data, marks, problems)


def _problem_from_reader_error(
    error: yaml.reader.ReaderError, text: str, source: str
) -> PackProblem:
    position = min(max(error.position, 0), len(text))
    line = text.count("\n", 0, position) + 1
    column = position - (text.rfind("\n", 0, position) + 1) + 1
    code = error.character if isinstance(error.character, int) else 0
    return PackProblem(
        source,
        line,
        column,
        "file",
        f"the control character U+{code:04X} is not allowed in a pack",
        "remove it; a pack is plain text",
    )


def _collect_marks(root: yaml.Node, source: str) -> tuple[NodeMarks, dict[int, Location]]:
    """Positions of every value and key by location path, walking aliases with a budget."""
    import yaml

    marks = NodeMarks()
    mapping_paths: dict[int, Location] = {}
    stack: list[tuple[yaml.Node, Location, frozenset[int]]] = [(root, (), frozenset())]
    visited = 0
    while stack:
        node, path, ancestors = stack.pop()
        visited += 1
        if visited > MAX_PACK_VALUES:
            raise PackValidationError(
                [
                    _problem_at(
                        source,
                        node.start_mark,
                        path,
                        f"the file expands to more than {MAX_PACK_VALUES} values",
                        "aliases (*name) that repeat each other multiply quickly: write it out",
                    )
                ]
            )
        marks.values.setdefault(path, _position(node.start_mark))
        if id(node) in ancestors:  # an alias to an enclosing node: pydantic reports the loop
            continue
        inner = ancestors | {id(node)}
        if isinstance(node, yaml.MappingNode):
            mapping_paths.setdefault(id(node), path)
            for key_node, value_node in node.value:
                key = key_node.value if isinstance(key_node, yaml.ScalarNode) else None
                if key is None or key_node.tag == "tag:yaml.org,2002:merge":
                    stack.append((value_node, path, inner))
                    continue
                marks.keys.setdefault((*path, key), _position(key_node.start_mark))
                stack.append((value_node, (*path, key), inner))
        elif isinstance(node, yaml.SequenceNode):
            for index, item in enumerate(node.value):
                stack.append((item, (*path, index), inner))
    return marks, mapping_paths


def _position(mark: yaml.Mark) -> tuple[int, int]:
    return mark.line + 1, mark.column + 1


def _problem_at(
    source: str, mark: yaml.Mark, path: Location, message: str, hint: str
) -> PackProblem:
    """A problem at a YAML node: its line and column, and its location in the pack."""
    line, column = _position(mark)
    return PackProblem(source, line, column, format_location(path), message, hint)


YAML_HINTS = (
    ("cannot start any token", "indent with spaces; YAML does not allow tabs there"),
    ("another document", "a pack file holds one document: remove the second '---'"),
    ("mapping values are not allowed", "a value with ': ' in it needs quotes"),
    ("could not find expected ':'", "each line of a mapping is `key: value`"),
    ("expected <block end>", "check this line's indentation against the lines above it"),
    ("found undefined alias", "define the anchor (&name) before using it (*name)"),
    ("found unhashable key", "a key must be a plain word"),
)


def _problem_from_yaml_error(error: yaml.MarkedYAMLError, source: str) -> PackProblem:
    mark = error.problem_mark or error.context_mark
    line, column = (None, None) if mark is None else _position(mark)
    problem = (error.problem or "").strip()
    context = (error.context or "").strip()
    if problem.startswith("but ") and context:  # PyYAML splits "expected X, but found Y"
        problem = f"{context}, {problem}"
    problem = problem or context or "is not valid YAML"
    tag = re.search(r"could not determine a constructor for the tag '([^']*)'", problem)
    if tag:
        name = tag.group(1).replace("tag:yaml.org,2002:", "!!")
        return PackProblem(
            source,
            line,
            column,
            "yaml",
            f"the tag {name} is not allowed",
            "a pack holds only text, numbers, true/false, lists and mappings",
        )
    hint = next((text for needle, text in YAML_HINTS if needle in problem), None)
    return PackProblem(source, line, column, "yaml", problem, hint)


# --- Turning pydantic's errors into sentences


def format_location(loc: Location) -> str:
    """("questions", 2, "kind") -> questions[2].kind; () -> pack."""
    text = ""
    for part in loc:
        if isinstance(part, int):
            text += f"[{part}]"
        else:
            text += f".{part}" if text else str(part)
    return text or "pack"


def _is_key_error(detail: Mapping[str, Any]) -> bool:
    return detail["type"] in ("extra_forbidden", "invalid_key")


MISSING_HINTS: dict[Location, str] = {
    ("id",): "a pack needs id, title and questions; the id is a short name like 'my-pack'",
    ("title",): "a pack needs id, title and questions; the title is shown when it starts",
    ("questions",): "a pack needs id, title and questions: a list of at least one question",
    ("id", "question"): "every question needs its own id, a short name like 'felt-heard'",
    ("text", "question"): "the text is what the person is asked",
    ("kind", "question"): f"one of {', '.join(QUESTION_KINDS)}",
    ("question", "when"): "name the earlier question this one follows up",
}


def _model_at(loc: Location) -> type[BaseModel] | None:
    """The pydantic model that validates the mapping at loc (None if loc is not one)."""
    models = pack_models()
    match loc:
        case ():
            return models.Pack
        case ("questions", int()):
            return models.Question
        case ("questions", int(), "when"):
            return models.FollowUpCondition
        case ("dimensions", str()):
            return models.DimensionDeclaration
        case ("dimensions", str(), "formerly", int()):
            return models.FormerDimension
    return None


def _parent_kind(loc: Location) -> str:
    """What the mapping at loc is, for hints: 'pack', 'question' or 'when'."""
    models = pack_models()
    names: dict[type[BaseModel] | None, str] = {
        models.Pack: "pack",
        models.Question: "question",
        models.FollowUpCondition: "when",
        models.DimensionDeclaration: "dimension",
        models.FormerDimension: "former dimension",
    }
    return names.get(_model_at(loc), "")


def _violation_from_pydantic(detail: Mapping[str, Any], loc: Location) -> RuleViolation:
    kind = detail["type"]
    value = detail.get("input")
    ctx = detail.get("ctx") or {}
    name = str(loc[-1]) if loc else "pack"
    if kind == "missing":
        parent = _parent_kind(loc[:-1])
        hint = MISSING_HINTS.get((name,) if parent == "pack" else (name, parent))
        return RuleViolation((), "is missing", hint)
    if kind == "extra_forbidden":
        model = _model_at(loc[:-1])
        known = list(model.model_fields) if model else []
        close = difflib.get_close_matches(name, known, n=1, cutoff=0.6)
        hint = f"did you mean {close[0]!r}?" if close else f"known keys: {', '.join(known)}"
        return RuleViolation((), f"unknown key {name!r}", hint if known else None)
    if kind == "invalid_key":
        return RuleViolation((), f"a key must be text, not {_describe(value)}", "put it in quotes")
    if kind == "literal_error":
        choices = (
            QUESTION_KINDS
            if name == "kind"
            else re.findall(r"'([^']*)'", str(ctx.get("expected", "")))
        )
        close = difflib.get_close_matches(str(value), choices, n=1, cutoff=0.6)
        return RuleViolation(
            (),
            f"{_show(value)} is not one of {', '.join(choices)}",
            f"did you mean {close[0]!r}?" if close else None,
        )
    if kind == "string_pattern_mismatch":
        suggestion = _slug_like(value)
        return RuleViolation(
            (),
            f"{_show(value)} is not a valid id",
            "use lowercase letters, digits, and - or _ between words"
            + (f", for example {suggestion!r}" if suggestion else ""),
        )
    if kind == "string_too_long":
        limit = ctx.get("max_length", SLUG_MAX_LENGTH)
        return RuleViolation((), f"is longer than {limit} characters")
    if kind == "string_too_short":
        return RuleViolation((), "is empty", "write something, or remove the line")
    if kind == "string_type":
        return RuleViolation((), f"should be text, not {_describe(value)}", _text_hint(value))
    if kind in ("int_type", "int_parsing", "int_from_float"):
        return RuleViolation((), f"should be a whole number, not {_describe(value)}")
    if kind == "finite_number":
        return RuleViolation((), f"should be a finite number, not {value}")
    if kind in ("float_type", "float_parsing"):
        return RuleViolation((), f"should be a number, not {_describe(value)}")
    if kind in ("bool_type", "bool_parsing"):
        return RuleViolation((), f"should be true or false, not {_describe(value)}")
    if kind == "list_type":
        return RuleViolation(
            (), f"should be a list, not {_describe(value)}", "write each item on a line after '- '"
        )
    if kind in ("model_type", "model_attributes_type", "dict_type"):
        return RuleViolation(
            (),
            f"should be a mapping of keys and values, not {_describe(value)}",
            "write lines like `key: value` indented below it",
        )
    if kind == "too_short":
        if name == "questions":
            return RuleViolation((), "has no questions", "add at least one question")
        return RuleViolation((), f"needs at least {ctx.get('min_length')} items")
    if kind == "too_long":
        return RuleViolation((), f"has more than {ctx.get('max_length')} items")
    if kind == "recursion_loop":
        return RuleViolation((), "refers to itself through an alias", "write the value out")
    message = str(detail.get("msg", "is not valid"))
    return RuleViolation((), message.removeprefix("Value error, "))


def _text_hint(value: object) -> str | None:
    if isinstance(value, bool):
        return "YAML reads yes, no, on and off as true/false: put the word in quotes"
    if value is None:
        return "write something after the colon, or remove the line"
    if isinstance(value, int | float):
        return "put it in quotes if you mean it as text"
    return None


def _describe(value: object) -> str:
    if value is None:
        return "empty"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return f"the number {value}"
    if isinstance(value, str):
        return _show(value)
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    return f"a {type(value).__name__}"


def _show(value: object, limit: int = 40) -> str:
    text = repr(value)
    return text if len(text) <= limit else text[: limit - 4] + "...'"


def _slug_like(value: object) -> str:
    if not isinstance(value, str):
        return ""
    return "-".join(re.findall(r"[a-z0-9]+", value.lower()))[:SLUG_MAX_LENGTH]
