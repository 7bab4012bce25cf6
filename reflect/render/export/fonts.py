"""Fonts for the PDF export, found with fontconfig (`fc-match`, `fc-list`) where it exists.

The text is set in DejaVu Sans. A character DejaVu lacks (Chinese, Japanese, Devanagari, Thai,
...) is looked up with `fc-list :charset=XXXX` the first time it appears, and the installed
font that has it (Noto, on most Linux systems) becomes a fallback fpdf2 switches to for that
character. Characters no installed font has are drawn as a visible box (□), and their scripts
are named once, so the person knows why and what to install.
"""

from __future__ import annotations

import importlib.util
import shutil
import subprocess
import unicodedata
from pathlib import Path

from msgspec import Struct, field

FONT_FILES = {"": "DejaVuSans.ttf", "B": "DejaVuSans-Bold.ttf"}
FONT_FOLDERS = (
    Path("/usr/share/fonts/truetype/dejavu"),  # Debian, Ubuntu
    Path("/usr/share/fonts/dejavu-sans-fonts"),  # Fedora
    Path("/usr/share/fonts/dejavu"),
    Path("/usr/share/fonts/TTF"),  # Arch
    Path("/usr/local/share/fonts"),
    Path("/opt/homebrew/share/fonts"),
    Path.home() / "Library/Fonts",
    Path("/Library/Fonts"),
)
FONTCONFIG_TIMEOUT = 10
# Looking up fonts costs a process each; a journal of emoji the system has no font for must not
# run hundreds of them.
MAX_LOOKUPS = 40


def _fontconfig(*arguments: str) -> str | None:
    tool = shutil.which(arguments[0])
    if tool is None:
        return None
    try:
        completed = subprocess.run(
            [tool, *arguments[1:]],
            capture_output=True,
            text=True,
            timeout=FONTCONFIG_TIMEOUT,
            check=False,
        )
    except (OSError, subprocess.SubprocessError):
        return None
    return completed.stdout if completed.returncode == 0 else None


def _matched_file(pattern: str, expected_name: str) -> Path | None:
    found = _fontconfig("fc-match", "--format=%{file}", pattern)
    if not found:
        return None
    path = Path(found.strip())
    return path if path.name == expected_name and path.is_file() else None


def find_unicode_font() -> dict[str, Path] | None:
    """DejaVu Sans regular and bold: through fontconfig, in the usual folders, or from
    matplotlib if it is installed."""
    matched = {
        "": _matched_file("DejaVu Sans:style=Book", FONT_FILES[""]),
        "B": _matched_file("DejaVu Sans:style=Bold", FONT_FILES["B"]),
    }
    if all(matched.values()):
        return {style: path for style, path in matched.items() if path is not None}
    folders = list(FONT_FOLDERS)
    matplotlib = importlib.util.find_spec("matplotlib")
    if matplotlib is not None and matplotlib.origin:
        folders.append(Path(matplotlib.origin).parent / "mpl-data" / "fonts" / "ttf")
    for folder in folders:
        files = {style: folder / name for style, name in FONT_FILES.items()}
        if all(path.is_file() for path in files.values()):
            return files
    return None


class FontFile(Struct, frozen=True):
    path: Path
    index: int  # the face within a collection (.ttc)


def fonts_with(character: str) -> list[FontFile]:
    """Installed fonts that have a glyph for the character, the likeliest good choice first
    (regular sans faces before serif, bold or display ones)."""
    listed = _fontconfig(
        "fc-list", "--format=%{file}|%{index}|%{style}\\n", f":charset={ord(character):x}"
    )
    if not listed:
        return []
    candidates: list[tuple[tuple[int, int, int, str], FontFile]] = []
    for line in listed.splitlines():
        path_text, _, rest = line.partition("|")
        index_text, _, style = rest.partition("|")
        path = Path(path_text)
        if not path_text or path.name.startswith("DejaVu") or not path.is_file():
            continue
        name = path.name.lower()
        rank = (
            0 if "regular" in style.lower() or style.lower() in ("book", "normal") else 1,
            0 if "sans" in name else 1,
            0 if "emoji" not in name else 1,
            name,
        )
        index = int(index_text) if index_text.isdigit() else 0
        candidates.append((rank, FontFile(path, index)))
    return [font for _, font in sorted(candidates, key=lambda pair: pair[0])]


def script_of(character: str) -> str:
    """A reader's name for the script a character belongs to ("Ethiopic", "CJK", "emoji and
    symbols")."""
    category = unicodedata.category(character)
    if category in ("So", "Sk", "Cs", "Co"):
        return "emoji and symbols"
    if category[0] in "PSZ":  # a dash, a quotation mark, a maths sign, a space: no script
        return "punctuation and symbols"
    name = unicodedata.name(character, "")
    if not name:
        return "other characters"
    word = name.split()[0]
    return word if word in ("CJK",) else word.capitalize()


class Coverage(Struct):
    """The glyphs the document's fonts have, growing as fallback fonts are found."""

    primary: set[int] | None  # None: no Unicode font, the PDF core font (Latin-1) is used
    fallbacks: list[str] = field(default_factory=list)  # family names, in the order added
    covered: set[int] = field(default_factory=set)
    missing: set[int] = field(default_factory=set)
    missing_scripts: dict[str, None] = field(default_factory=dict)
    lookups: int = 0

    def has(self, codepoint: int) -> bool:
        return self.primary is None or codepoint in self.primary or codepoint in self.covered
