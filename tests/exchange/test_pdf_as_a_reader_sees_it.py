"""The PDF export as a person's PDF reader shows it, through poppler (pdftotext, pdftoppm): the
text a reader selects, searches and copies, and pages with visible ink on them."""

from __future__ import annotations

import subprocess
from pathlib import Path

from tests.conftest import require_tool
from tests.exchange.journals import SampleJournal

INK = 128  # a grey level below this is ink, not paper


def _export_pdf(cli, tmp_path: Path, *extra: str) -> Path:
    target = tmp_path / "session.pdf"
    outcome = cli("export", "--format", "pdf", "-o", str(target), *extra)
    assert outcome.exit_code == 0, outcome.stderr
    return target


def _read_pgm(path: Path) -> tuple[int, int, bytes]:
    """(width, height, pixels) of a binary greyscale PGM (P5) as pdftoppm -gray writes it."""
    data = path.read_bytes()
    fields: list[bytes] = []
    position = 0
    while len(fields) < 4:  # magic, width, height, maximum grey
        while data[position : position + 1].isspace():
            position += 1
        start = position
        while not data[position : position + 1].isspace():
            position += 1
        fields.append(data[start:position])
    assert fields[0] == b"P5" and fields[3] == b"255"
    width, height = int(fields[1]), int(fields[2])
    pixels = data[position + 1 :]
    assert len(pixels) == width * height
    return width, height, pixels


def test_a_pdf_reader_finds_every_public_answer_as_real_text(
    cli, sample: SampleJournal, tmp_path: Path
):
    pdftotext = require_tool("pdftotext")
    pdf = _export_pdf(cli, tmp_path)
    text = subprocess.run(
        [pdftotext, "-enc", "UTF-8", str(pdf), "-"],
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    ).stdout
    for answer in sample.public_answers:
        assert answer in text
    assert sample.hostile_answer.split(">", 1)[1].split("<", 1)[0] in text  # shown, as text
    assert sample.private_answer not in text


def test_every_page_of_the_pdf_shows_ink_a_reader_can_see(cli, sample, tmp_path: Path):
    pdftoppm = require_tool("pdftoppm")
    pdf = _export_pdf(cli, tmp_path)
    subprocess.run(
        [pdftoppm, "-gray", "-r", "40", str(pdf), str(tmp_path / "page")],
        capture_output=True,
        check=True,
        timeout=120,
    )
    pages = sorted(tmp_path.glob("page*.pgm"))
    from pypdf import PdfReader

    assert len(pages) == len(PdfReader(pdf).pages) >= 1
    for page in pages:
        width, height, pixels = _read_pgm(page)
        assert width < height  # portrait, as printed for a session
        inked = sum(1 for grey in pixels if grey < INK)
        assert inked > width * height * 0.002, f"{page.name} looks blank"
        # the top of the first page carries the heading, not empty paper
        if page == pages[0]:
            top = pixels[: width * height // 4]
            assert sum(1 for grey in top if grey < INK) > 0
