"""Any timestamp, through any entrance, in any time zone (issue #12, must-show 2): `run --at`,
`note --at`, `sessions add`, and imports of reflect JSON and jrnl either refuse it with reflect's
message naming the years it keeps (exit 1, no traceback) or store it; and then `list`, `trends`,
every export format and `db check` succeed.

Moments come from the whole datetime range (years 1 to 9999), with every UTC offset Python allows
(whole minutes from -23:59 to +23:59) or none (local time), in four time zones set through TZ.
The commands run in-process through Typer's CliRunner, with TZ applied by time.tzset (reflect
reads local time through the C library, as a separate process would); the hardest cases are also
pinned as explicit examples, and tests/resilience/test_extreme_dates.py runs them as separate
processes.
"""

from __future__ import annotations

import json
import os
import tempfile
import time
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from reflect.cli.app import app

ZONES = ["UTC", "America/Los_Angeles", "Pacific/Kiritimati", "Asia/Kathmandu"]
ENTRANCES = ["run --at", "note --at", "sessions add", "import reflect", "import jrnl"]
REFUSAL = "outside the years reflect keeps (1900 to 2200)"

CHECKIN = yaml.safe_load(
    (Path(__file__).parents[2] / "prompts" / "checkin.yaml").read_text(encoding="utf-8")
)
SCALE_ID = next(q["id"] for q in CHECKIN["questions"] if q["kind"] == "scale")

# Half of the moments anywhere in the range, half in the years at its ends and at the ends of the
# years reflect keeps, where a shift into a time zone or a step of a week overflows.
anywhere = st.datetimes(min_value=datetime(1, 1, 1), max_value=datetime(9999, 12, 31, 23, 59, 59))
at_the_edges = st.builds(
    lambda year, start, days, hour, minute: (
        datetime(year, 1, 1 + days, hour, minute)
        if start
        else datetime(year, 12, 31 - days, hour, minute)
    ),
    year=st.sampled_from([1, 1899, 1900, 2200, 2201, 9999]),
    start=st.booleans(),
    days=st.integers(0, 6),
    hour=st.integers(0, 23),
    minute=st.integers(0, 59),
)
moments = anywhere | at_the_edges
offsets = st.none() | st.integers(min_value=-(24 * 60 - 1), max_value=24 * 60 - 1).map(
    lambda minutes: timezone(timedelta(minutes=minutes))
)


@pytest.fixture
def in_zone(monkeypatch: pytest.MonkeyPatch) -> Iterator[object]:
    """in_zone(name): TZ set for this process (tzset), restored after the test."""

    before = os.environ.get("TZ")

    def use(name: str) -> None:
        monkeypatch.setenv("TZ", name)
        time.tzset()

    yield use
    # Back to the test run's zone now: monkeypatch restores the variable only after this
    # fixture, too late for tzset.
    if before is None:
        monkeypatch.delenv("TZ", raising=False)
    else:
        monkeypatch.setenv("TZ", before)
    time.tzset()


def invoke(home: Path, *args: str) -> tuple[int, str, str]:
    from reflect.render import console

    console.stdout_console.cache_clear()
    console.stderr_console.cache_clear()
    result = CliRunner().invoke(app, list(args), env={"REFLECT_HOME": str(home)})
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise result.exception
    return result.exit_code, result.stdout, result.stderr


def _aware(moment: datetime, offset: timezone | None) -> datetime:
    return moment.replace(tzinfo=offset or UTC)


def enter(home: Path, entrance: str, moment: datetime, offset: timezone | None) -> tuple:
    """Let the moment in through the entrance; returns what the command returned."""
    typed = moment.replace(tzinfo=offset).isoformat() if offset else moment.isoformat()
    if entrance == "run --at":
        answers = home.parent / "answers.yaml"
        answers.write_text(f"{SCALE_ID}: 7\n", encoding="utf-8")
        return invoke(home, "run", "checkin", "--answers", str(answers), "--at", typed)
    if entrance == "note --at":
        return invoke(home, "note", "--at", typed, "a note at an odd time")
    if entrance == "sessions add":
        return invoke(home, "sessions", "add", typed)
    path = home.parent / "import.json"
    if entrance == "import jrnl":
        entry = {"title": "From jrnl", "body": "", "date": moment.date().isoformat()}
        entry["time"] = moment.strftime("%H:%M")
        path.write_text(json.dumps({"tags": {}, "entries": [entry]}), encoding="utf-8")
        return invoke(home, "import", str(path), "--from", "jrnl")
    stamp = _aware(moment, offset).isoformat()
    question = {
        "id": "note",
        "text": "Note",
        "kind": "text",
        "position": 0,
        "scale_min": None,
        "scale_max": None,
        "min_label": None,
        "max_label": None,
        "dimension": None,
        "reverse": False,
        "options": None,
    }
    document = {
        "format": "reflect-journal",
        "version": 1,
        "sessions": [],
        "entries": [
            {
                "id": "5eed5eed-0000-4000-8000-000000000001",
                "kind": "note",
                "pack": None,
                "created_at": stamp,
                "updated_at": stamp,
                "completed_at": stamp,
                "flagged": False,
                "private": False,
                "tags": [],
                "answers": [{"question": question, "value": "imported", "answered_at": stamp}],
            }
        ],
    }
    path.write_text(json.dumps(document), encoding="utf-8")
    return invoke(home, "import", str(path))


def check_every_reader(home: Path) -> None:
    for command in (
        ["list"],
        ["list", "--json"],
        ["trends"],
        ["sessions", "list"],
        ["export", "-f", "md"],
        ["export", "-f", "html"],
        ["export", "-f", "json"],
        ["export", "-f", "csv"],
        ["export", "-f", "pdf", "-o", str(home.parent / "out.pdf")],
        ["db", "check"],
    ):
        code, _stdout, stderr = invoke(home, *command)
        assert code == 0, (command, stderr)
        assert "unexpected" not in stderr, (command, stderr)


@settings(
    max_examples=int(os.environ.get("REFLECT_TIMESTAMP_EXAMPLES", "12")),
    derandomize=True,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    zone=st.sampled_from(ZONES),
    entrance=st.sampled_from(ENTRANCES),
    moment=moments,
    offset=offsets,
)
@example(
    zone="America/Los_Angeles", entrance="import reflect", moment=datetime(1, 1, 1), offset=None
)
@example(
    zone="Pacific/Kiritimati",
    entrance="run --at",
    moment=datetime(9999, 12, 31, 23, 59, 59),
    offset=None,
)
@example(
    zone="Pacific/Kiritimati",
    entrance="sessions add",
    moment=datetime(2200, 12, 31, 23, 59),
    offset=None,
)
@example(
    zone="America/Los_Angeles",
    entrance="run --at",
    moment=datetime(1900, 1, 1),
    offset=timezone(timedelta(hours=23, minutes=59)),
)
@example(
    zone="UTC",
    entrance="import reflect",
    moment=datetime(2200, 12, 31, 23, 59, 59),
    offset=timezone(timedelta(hours=-23, minutes=-59)),
)
@example(
    zone="Asia/Kathmandu", entrance="import jrnl", moment=datetime(1900, 1, 1, 0, 0), offset=None
)
@example(zone="UTC", entrance="note --at", moment=datetime(1899, 12, 31, 23, 59, 59), offset=None)
def test_any_timestamp_is_refused_by_name_or_stored_and_every_reader_still_works(
    in_zone, zone, entrance, moment, offset
):
    in_zone(zone)
    with tempfile.TemporaryDirectory() as folder:
        home = Path(folder) / "reflect-home"

        code, _stdout, stderr = enter(home, entrance, moment, offset)

        assert code in (0, 1), stderr
        assert "Traceback" not in stderr and "unexpected" not in stderr, stderr
        if code == 1:
            assert REFUSAL in stderr or "1900 to 2200" in stderr, stderr
        if 1901 <= moment.year <= 2199:  # well inside the years kept, in any zone or offset
            assert code == 0, stderr
        check_every_reader(home)
        stored = json.loads(invoke(home, "export", "-f", "json")[1])
        count = len(stored["entries"]) + len(stored.get("sessions", []))
        assert count == (1 if code == 0 else 0)
