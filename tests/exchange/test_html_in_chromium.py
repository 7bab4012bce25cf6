"""Must show 3: the HTML export in headless Chromium shows the entries and the charts, makes no
network request (Chromium's own net log is read; a control page proves the check sees one), and
runs no script from the person's text."""

from __future__ import annotations

import json
import re
import subprocess
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from reflect.store.database import Database
from tests.conftest import require_tool
from tests.exchange.journals import SampleJournal

CONTENT_SECURITY_POLICY = "default-src 'none'; style-src 'unsafe-inline'; img-src data:"
# Headless Chromium pings its own services (updates, accounts, dictionaries) whatever the page is;
# those requests are Chromium's, not the page's, and are the only ones the net log may show.
CHROMIUM_OWN_HOSTS = ("google.com", "googleapis.com", "gvt1.com", "gstatic.com")


class _Elements(HTMLParser):
    """Every start tag with its attributes, and the page's title (the first <title>: the SVG
    chart has titles of its own)."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.title: str | None = None
        self._reading_title = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))
        self._reading_title = tag == "title" and self.title is None
        if self._reading_title:
            self.title = ""

    def handle_endtag(self, tag: str) -> None:
        self._reading_title = False

    def handle_data(self, data: str) -> None:
        if self._reading_title and self.title is not None:
            self.title += data


def _parse(html: str) -> _Elements:
    elements = _Elements()
    elements.feed(html)
    return elements


@pytest.fixture
def html_export(cli, journal: Database, sample: SampleJournal, tmp_path: Path) -> Path:
    target = tmp_path / "session.html"
    outcome = cli("export", "--format", "html", "-o", str(target))
    assert outcome.exit_code == 0, outcome.stderr
    return target


def test_html_loads_nothing_from_anywhere(html_export: Path):
    html = html_export.read_text(encoding="utf-8")
    elements = _parse(html)
    policies = [
        attributes.get("content")
        for tag, attributes in elements.tags
        if tag == "meta" and attributes.get("http-equiv") == "Content-Security-Policy"
    ]
    assert policies == [CONTENT_SECURITY_POLICY]
    for tag, attributes in elements.tags:
        for name in ("src", "xlink:href", "action", "srcset", "poster", "data"):
            assert name not in attributes, f"<{tag} {name}=...> could load something"
        # Links only within the page (the brief points to its entries): nothing to fetch.
        assert (attributes.get("href") or "#").startswith("#"), f"<{tag} href=...> leaves the page"
    # The only URL in the page names the SVG namespace; it is an identifier, never fetched.
    assert set(re.findall(r"https?://[^\s\"'<>)]+", html)) == {"http://www.w3.org/2000/svg"}
    assert "@import" not in html and "url(" not in html


def open_in_chromium(page: Path, work: Path) -> tuple[str, set[str]]:
    """The DOM Chromium builds for page, and every URL its network stack was asked for."""
    chromium = require_tool("chromium")
    net_log = work / "net-log.json"
    completed = subprocess.run(
        [
            chromium,
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--no-first-run",
            f"--user-data-dir={work / 'chromium-profile'}",
            f"--log-net-log={net_log}",
            "--net-log-capture-mode=Everything",
            "--dump-dom",
            page.as_uri(),
        ],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert completed.returncode == 0, completed.stderr[-2000:]
    requested = set(re.findall(r'"url":\s*"([^"]+)"', net_log.read_text(encoding="utf-8")))
    return completed.stdout, {json.loads(f'"{url}"') for url in requested}


def requests_made_by_the_page(requested: set[str], page: Path) -> set[str]:
    def chromiums_own(url: str) -> bool:
        host = urlsplit(url).hostname or ""
        return any(host == own or host.endswith("." + own) for own in CHROMIUM_OWN_HOSTS)

    return {url for url in requested if url != page.as_uri() and not chromiums_own(url)}


def test_the_net_log_check_sees_a_page_that_does_load_something(tmp_path: Path):
    control = tmp_path / "control.html"
    control.write_text('<p>control</p><img src="http://reflect-test.invalid/pixel.png">')
    _, requested = open_in_chromium(control, tmp_path)
    assert requests_made_by_the_page(requested, control) == {
        "http://reflect-test.invalid/pixel.png"
    }


def test_chromium_shows_entries_and_charts_and_runs_no_script(
    html_export: Path, sample: SampleJournal, tmp_path: Path
):
    dom, requested = open_in_chromium(html_export, tmp_path)
    assert requests_made_by_the_page(requested, html_export) == set()  # no network request
    elements = _parse(dom)
    tags = [tag for tag, _ in elements.tags]

    assert elements.title == "Reflections to bring to therapy"  # the answer did not retitle it
    assert "script" not in tags
    assert "&lt;script&gt;document.title='pwned'&lt;/script&gt;" in dom  # shown as text
    assert "svg" in tags and tags.count("polyline") > 0  # the trend chart, drawn inline
    assert dom.count('class="entry') == 4  # the private entry is not there
    assert "I pulled back when she asked about my father." in dom
    assert "Café, naïve — שלום and 日本語 with 🌱" in dom
    assert "Therapy session · Thursday 5 November 2026" in dom
    assert 'class="entry flagged"' in dom


def test_chromium_shows_whole_legend_names_and_dates_on_the_axis(
    cli, journal: Database, reflect_home: Path, tmp_path: Path
):
    from tests.exchange.brief_journal import fill_brief_journal

    fill_brief_journal(journal, reflect_home)
    page = tmp_path / "brief.html"
    outcome = cli("export", "--format", "html", "--by", "week", "-o", str(page))
    assert outcome.exit_code == 0, outcome.stderr
    dom, requested = open_in_chromium(page, tmp_path)
    assert requests_made_by_the_page(requested, page) == set()  # no network request
    legend = re.findall(r'<ul class="legend">(.*?)</ul>', dom, re.DOTALL)
    names = [name for block in legend for name in re.findall(r"<span>([^<]*)</span>", block)]
    assert "Easing after a strain" in names and "Ease between you" in names  # whole, not cut
    assert not any(name.endswith(("…", "...")) for name in names)
    axis = re.findall(r'<text[^>]*class="tick date"[^>]*>([^<]*)</text>', dom)
    assert axis and all(re.fullmatch(r"\d{1,2} [A-Z][a-z]{2}", label) for label in axis), axis
    assert "W4" not in " ".join(axis)
    assert axis[0] == "5 Oct" and axis[-1] == "16 Nov"  # the Mondays of the first and last weeks
