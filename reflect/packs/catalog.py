"""Finding packs: the built-in ones shipped with reflect and the user's own in the data folder.

A user pack with the same id as a built-in one shadows it. A broken pack is listed as invalid
with its reason and never stops the others from loading.
"""

from __future__ import annotations

import difflib
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Literal

from msgspec import Struct, field

from reflect.errors import PackError
from reflect.packs.definition import Pack
from reflect.packs.files import PACK_SUFFIXES, builtin_packs_folder, pack_files_in
from reflect.packs.loader import PackProblem, PackValidationError, load_pack_file
from reflect.paths import data_paths

PackOrigin = Literal["built-in", "user"]
START_HERE = "checkin"
# The order packs are suggested in before any has been used (and among packs used equally
# often): after a session, between sessions, before the next one, then the relationship's
# themes from the everyday to the occasional. Packs not named here follow, by id.
SUGGESTED_ORDER = (
    START_HERE,
    "between",
    "prepare",
    "mood",
    "trust",
    "safety",
    "conditions",
    "alliance",
    "ruptures",
    "patterns",
    "beginnings",
    "breaks",
    "practical",
    "stop-or-change",
)


def user_packs_folder() -> Path:

    return data_paths().packs


class PackListing(Struct):
    """One pack file as found on disk: valid (pack set) or not (problem set)."""

    path: Path
    origin: PackOrigin
    pack: Pack | None = None
    problem: str | None = None
    problems: list[str] = field(default_factory=list)
    shadows_builtin: bool = False
    shadowed: bool = False

    @property
    def id(self) -> str:
        return self.pack.id if self.pack else self.path.stem

    @property
    def valid(self) -> bool:
        return self.pack is not None


def _load_listing(path: Path, origin: PackOrigin) -> PackListing:
    try:
        return PackListing(path, origin, pack=load_pack_file(path))
    except PackValidationError as error:
        problems = [problem.without_file() for problem in error.problems]
        return PackListing(path, origin, problem=error.summary, problems=problems)
    except PackError as error:
        return PackListing(path, origin, problem=error.message, problems=[error.message])


def _folder_listings(folder: Path, origin: PackOrigin) -> list[PackListing]:
    """Every pack file of one folder, loaded or marked invalid."""
    listings: list[PackListing] = []
    first_file_of: dict[str, Path] = {}
    for path in pack_files_in(folder):
        listing = _load_listing(path, origin)
        if listing.pack is not None and listing.id in first_file_of:
            # Two files of one folder with the same id: which one wins must not depend on luck.
            reason = f"the id {listing.id!r} is already used by {first_file_of[listing.id].name}"
            listing = PackListing(path, origin, problem=reason, problems=[reason])
        elif listing.pack is not None:
            first_file_of[listing.id] = path
        listings.append(listing)
    return listings


def discover_packs() -> list[PackListing]:
    """Every pack file, built-in first, each loaded or marked invalid; user packs shadow."""
    listings = _folder_listings(builtin_packs_folder(), "built-in")
    listings += _folder_listings(user_packs_folder(), "user")
    # A broken user file named like a built-in still shadows it: running the built-in instead
    # would silently ignore the person's own pack.
    user_ids = {listing.id for listing in listings if listing.origin == "user"}
    builtin_ids = {listing.id for listing in listings if listing.origin == "built-in"}
    for listing in listings:
        if listing.origin == "built-in" and listing.id in user_ids:
            listing.shadowed = True
        if listing.origin == "user":
            listing.shadows_builtin = listing.id in builtin_ids
    return listings


def ordered_by_use(listings: Sequence[PackListing], uses: Mapping[str, int]) -> list[PackListing]:
    """The check-in first (the place to start), then the most used packs, then the suggested
    order; a built-in pack and the person's own pack that shadows it stay together."""

    def key(listing: PackListing) -> tuple[bool, int, int, str, bool]:
        suggested = (
            SUGGESTED_ORDER.index(listing.id)
            if listing.id in SUGGESTED_ORDER
            else len(SUGGESTED_ORDER)
        )
        return (
            listing.id != START_HERE,
            -uses.get(listing.id, 0),
            suggested,
            listing.id,
            listing.origin != "built-in",
        )

    return sorted(listings, key=key)


def _chosen(candidates: list[PackListing], pack_id: str) -> PackListing | None:
    """The valid candidate, else a PackError for the invalid one; None if there is none."""
    for listing in sorted(candidates, key=lambda listing: not listing.valid):
        if listing.pack is None:
            raise PackError(
                f"The pack {pack_id!r} ({listing.path}) is invalid: {listing.problem}",
                f"See every problem with `reflect packs validate {listing.path}`.",
            )
        return listing
    return None


def find_pack_listing(pack_id: str) -> PackListing:
    """The valid listing for this id (a user pack wins over a built-in one), or a PackError.

    Only the user's folder is read whole (any of its files may carry the id); a built-in pack's
    file is named after its id, so just that one is loaded (tests/packs keep that true).
    """
    user = [
        listing
        for listing in _folder_listings(user_packs_folder(), "user")
        if listing.id == pack_id
    ]
    found = _chosen(user, pack_id)
    if found is None:
        builtin = [
            _load_listing(path, "built-in")
            for path in pack_files_in(builtin_packs_folder())
            if path.stem == pack_id
        ]
        found = _chosen([listing for listing in builtin if listing.id == pack_id], pack_id)
    if found is not None:
        return found
    listings = discover_packs()
    known = sorted({listing.id for listing in listings if listing.valid})
    close = difflib.get_close_matches(pack_id, known, n=1)
    suggestion = f"Did you mean {close[0]!r}? " if close else ""
    raise PackError(
        f"There is no pack called {pack_id!r}.",
        f"{suggestion}Known packs: {', '.join(known) or 'none'}. See `reflect packs list`.",
    )


def find_pack(pack_id: str) -> Pack:
    """The pack with this id (a user pack wins over a built-in one), or a PackError."""
    pack = find_pack_listing(pack_id).pack
    assert pack is not None  # find_pack_listing returns valid listings only
    return pack


class PackCheck(Struct):
    """The outcome of validating one file: the pack, or every problem found in it."""

    file: str
    pack: Pack | None
    problems: list[PackProblem]


def pack_file_named(name: str) -> Path | None:
    """The pack file a name given instead of a path stands for: the user's pack with that id or
    file name (`my-pack` or `my-pack.yaml`, as `reflect packs new` wrote it), else the built-in
    one; None when there is no such pack."""
    if "/" in name or not name.strip():
        return None
    stem = name[: -len(Path(name).suffix)] if Path(name).suffix in PACK_SUFFIXES else name
    for folder in (user_packs_folder(), builtin_packs_folder()):
        files = pack_files_in(folder)
        named = [path for path in files if path.name == name or path.stem == stem]
        if named:
            return named[0]
    for listing in _folder_listings(user_packs_folder(), "user"):
        if listing.valid and listing.id == stem:
            return listing.path
    return None


def check_pack_files(paths: Sequence[Path]) -> list[PackCheck]:
    """Validate each file (a folder stands for the pack files in it), never stopping early.

    A name that is not a file here may be a pack's id or file name (see pack_file_named).
    """
    checks: list[PackCheck] = []
    for given in paths:
        if not given.exists():
            found = pack_file_named(str(given))
            if found is None:
                problem = PackProblem(
                    str(given),
                    None,
                    None,
                    "file",
                    "no such file, and no pack has that id",
                    "see `reflect packs list` for the ids",
                )
                checks.append(PackCheck(str(given), None, [problem]))
                continue
            given = found
        files = pack_files_in(given) if given.is_dir() else [given]
        if given.is_dir() and not files:
            problem = PackProblem(str(given), None, None, "folder", "holds no .yaml pack files")
            checks.append(PackCheck(str(given), None, [problem]))
        for path in files:
            try:
                checks.append(PackCheck(str(path), load_pack_file(path), []))
            except PackValidationError as error:
                checks.append(PackCheck(str(path), None, list(error.problems)))
    return checks
