"""Finding packs: the built-in ones shipped with reflect and the user's own in the data folder.

A user pack with the same id as a built-in one shadows it. A broken pack is listed as invalid
with its reason and never stops the others from loading.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from reflect.errors import PackError
from reflect.packs.loader import load_pack_file
from reflect.packs.schema import Pack

PackOrigin = Literal["built-in", "user"]
PACK_SUFFIXES = (".yaml", ".yml")


def builtin_packs_folder() -> Path:
    """prompts/ inside the installed package (wheel), or at the top of a source checkout."""
    package = Path(__file__).resolve().parent.parent
    installed = package / "prompts"
    return installed if installed.is_dir() else package.parent / "prompts"


def user_packs_folder() -> Path:
    from reflect.paths import data_paths

    return data_paths().packs


@dataclass
class PackListing:
    """One pack file as found on disk: valid (pack set) or not (problem set)."""

    path: Path
    origin: PackOrigin
    pack: Pack | None = None
    problem: str | None = None
    shadows_builtin: bool = False
    shadowed: bool = False

    @property
    def id(self) -> str:
        return self.pack.id if self.pack else self.path.stem

    @property
    def valid(self) -> bool:
        return self.pack is not None


def _pack_files(folder: Path) -> list[Path]:
    if not folder.is_dir():
        return []
    return sorted(
        path
        for path in folder.iterdir()
        if path.suffix in PACK_SUFFIXES and path.is_file() and path.name[0] not in "._"
    )


def discover_packs() -> list[PackListing]:
    """Every pack file, built-in first, each loaded or marked invalid; user packs shadow."""
    listings: list[PackListing] = []
    for origin, folder in (("built-in", builtin_packs_folder()), ("user", user_packs_folder())):
        for path in _pack_files(folder):
            try:
                listings.append(PackListing(path, origin, pack=load_pack_file(path)))  # type: ignore[arg-type]
            except PackError as error:
                listings.append(PackListing(path, origin, problem=error.message))  # type: ignore[arg-type]
    user_ids = {listing.id for listing in listings if listing.origin == "user" and listing.valid}
    for listing in listings:
        if listing.origin == "built-in" and listing.id in user_ids:
            listing.shadowed = True
        if listing.origin == "user" and listing.valid:
            listing.shadows_builtin = any(
                other.origin == "built-in" and other.id == listing.id for other in listings
            )
    return listings


def find_pack(pack_id: str) -> Pack:
    """The pack with this id (a user pack wins over a built-in one), or a PackError."""
    candidates = [listing for listing in discover_packs() if listing.id == pack_id]
    for origin in ("user", "built-in"):
        for listing in candidates:
            if listing.origin == origin:
                if listing.pack is None:
                    raise PackError(
                        f"The pack {pack_id!r} ({listing.path}) is invalid: {listing.problem}",
                        f"Check it with `reflect packs validate {listing.path}`.",
                    )
                return listing.pack
    known = sorted({listing.id for listing in discover_packs() if listing.valid})
    raise PackError(
        f"There is no pack called {pack_id!r}.",
        f"Known packs: {', '.join(known) or 'none'}. See `reflect packs list`.",
    )
