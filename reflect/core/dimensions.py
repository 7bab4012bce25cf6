"""What each dimension is called, which names it had before, and in what order trends list them.

Packs declare their dimensions (reflect/packs/schema.py, `dimensions:`): the label a person reads
("Ease between you") and, under `formerly:`, the names the dimension had in earlier versions of
the pack, `inverted: true` when the old one read "higher is worse". Trends count an answer
stored under a former name under the new one (flipped when inverted), so a renamed dimension
keeps its history as one series. Dimensions are shared by all packs, so a declaration joins the
old name's answers from every entry.

Where the declarations come from, first one wins: the packs in the user's folder, then the
built-in packs, then the pack versions stored with past entries (newest first), so entries
imported from a pack that is not installed keep their labels too. An undeclared dimension reads
as its id, capitalised.

The order is the order of the themes the built-in packs cover (/work/shared/domain.md): trust
and safety first, then feeling understood, accepted, genuineness, the working alliance, strains
and repair, and so on; dimensions not listed here come after them, alphabetically.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, Any, Protocol

from msgspec import Struct, field

from reflect.packs.files import SLUG_MAX_LENGTH, SLUG_PATTERN
from reflect.packs.plain import installed_pack_documents, plain_bool
from reflect.store.trends import DimensionJoin, StoredPackDefinition, pack_definitions

if TYPE_CHECKING:
    from reflect.store.database import Database

# The single place that orders dimensions. Former names sit next to what they became, so a
# journal whose packs have not declared the new names yet still reads in the same order.
DIMENSION_ORDER: tuple[str, ...] = (
    "trust",
    "safety",
    "understood",
    "accepted",
    "genuine",
    "connection",
    "bond",
    "focus",
    "goals",
    "approach",
    "tasks",
    "worth",
    "overall",
    "hope",
    "ease",
    "rupture",
    "repair",
    "openness",
    "fit",
    "arrangements",
    "self-kindness",
    "mood",
)
_RANK = {name: index for index, name in enumerate(DIMENSION_ORDER)}


def default_label(dimension: str) -> str:
    """An undeclared dimension reads as its id: "self_kindness" -> "Self kindness"."""
    words = dimension.replace("_", " ").replace("-", " ")
    return words[:1].upper() + words[1:]


def dimension_sort_key(dimension: str) -> tuple[int, str]:
    return (_RANK.get(dimension, len(_RANK)), dimension)


class FormerName(Protocol):
    @property
    def name(self) -> str: ...
    @property
    def inverted(self) -> bool: ...


class Declaration(Protocol):
    """A dimension's declaration: reflect.packs.definition.DimensionDeclaration of a loaded pack, or
    the same read from a file or a stored version without pydantic (Declared)."""

    @property
    def label(self) -> str: ...
    @property
    def formerly(self) -> Sequence[FormerName]: ...


class Former(Struct, frozen=True):
    name: str
    inverted: bool = False


class Declared(Struct, frozen=True):
    label: str
    formerly: tuple[Former, ...] = ()


_SLUG = re.compile(SLUG_PATTERN)


def _plain_former(value: object) -> Former | None:
    if not isinstance(value, dict) or not set(value) <= {"name", "inverted"}:
        return None
    name, inverted = value.get("name"), plain_bool(value.get("inverted", False))
    if not isinstance(name, str) or len(name) > SLUG_MAX_LENGTH or not _SLUG.match(name):
        return None
    if inverted is None:
        return None
    return Former(name, inverted)


def plain_declaration(value: object) -> Declared | None:
    """A declaration read without pydantic, by the rules of reflect.packs.schema's
    DimensionDeclaration (a non-empty label, former names that are ids, `inverted` a yes/no
    as the model reads one); None for anything the model refuses (tests/packs check both
    agree)."""
    if not isinstance(value, dict) or not set(value) <= {"label", "formerly"}:
        return None
    label, formerly = value.get("label"), value.get("formerly", [])
    if not isinstance(label, str) or not label or not isinstance(formerly, list):
        return None
    names = [_plain_former(item) for item in formerly]
    if any(name is None for name in names):
        return None
    return Declared(label, tuple(name for name in names if name is not None))


class DimensionCatalog(Struct, frozen=True):
    """Labels and former names of every declared dimension."""

    labels: Mapping[str, str] = field(default_factory=dict)
    joins: Mapping[str, DimensionJoin] = field(default_factory=dict)  # by former name

    def label(self, dimension: str) -> str:
        return self.labels.get(dimension) or default_label(dimension)

    def current_name(self, stored: str) -> str:
        """The name an answer stored under `stored` counts under now."""
        join = self.joins.get(stored)
        return join.new if join else stored

    def stored_names(self, dimension: str) -> tuple[str, ...]:
        """`dimension` and every former name joined into it, as answers may carry them."""
        former = sorted(join.old for join in self.joins.values() if join.new == dimension)
        return (dimension, *former)

    def join_list(self) -> tuple[DimensionJoin, ...]:
        return tuple(self.joins[old] for old in sorted(self.joins))

    def ordered(self, dimensions: Iterable[str]) -> list[str]:
        return sorted(dict.fromkeys(dimensions), key=dimension_sort_key)

    @classmethod
    def from_declarations(
        cls, declarations: Iterable[Mapping[str, Declaration]]
    ) -> DimensionCatalog:
        """Declarations in order of precedence: the first label and the first join of a name win."""
        labels: dict[str, str] = {}
        joins: dict[str, DimensionJoin] = {}
        for group in declarations:
            for name, declaration in group.items():
                labels.setdefault(name, declaration.label)
                for former in declaration.formerly:
                    if former.name != name:
                        joins.setdefault(
                            former.name, DimensionJoin(former.name, name, former.inverted)
                        )
        # A name that was renamed twice (a -> b, then b -> c) goes straight to the latest.
        for old, join in list(joins.items()):
            seen = {old}
            target = join
            while target.new in joins and target.new not in seen:
                seen.add(target.new)
                following = joins[target.new]
                target = DimensionJoin(old, following.new, target.inverted != following.inverted)
            joins[old] = target
        # A name that is both a former and the latest name (a -> b, later b -> a) stays itself.
        joins = {old: join for old, join in joins.items() if join.new != old}
        return cls(labels=labels, joins=joins)


def _declarations_in(document: Mapping[str, Any]) -> dict[str, Declaration]:
    """The valid dimension declarations of a pack's definition (a file's or a stored version's);
    one that breaks the rules is left out, and its dimension reads as its id."""
    raw = document.get("dimensions")
    if not isinstance(raw, Mapping):
        return {}
    declarations: dict[str, Declaration] = {}
    for name, value in raw.items():
        declared = plain_declaration(value)
        if declared is not None and isinstance(name, str):
            declarations[name] = declared
    return declarations


def _installed_declarations() -> list[dict[str, Declaration]]:
    """The installed packs' declarations (the person's own packs first), read from their files."""
    return [_declarations_in(document) for _, document in installed_pack_documents()]


def dimension_catalog(
    database: Database, stored: list[StoredPackDefinition] | None = None
) -> DimensionCatalog:
    """The catalog for this journal: installed packs first, then stored pack versions."""
    if stored is None:
        stored = pack_definitions(database)
    declarations: list[Mapping[str, Any]] = [*_installed_declarations()]
    declarations += [_declarations_in(definition.definition) for definition in stored]
    return DimensionCatalog.from_declarations(declarations)
