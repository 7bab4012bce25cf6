"""Time reflect and jrnl 4.6 doing the same jobs on the same journal, as a person runs them.

    .venv/bin/python benchmarks/run.py            # full run: writes benchmarks/RESULTS.md
    .venv/bin/python benchmarks/run.py --quick    # seconds, no jrnl: checks the budgets' shape

Full run: for 1,000, 10,000 and 100,000 entries, benchmarks/generate.py writes a reflect journal
and the same content as a jrnl journal under benchmarks/work/ (gitignored). jrnl 4.6 is installed
from PyPI into its own virtualenv there. Every command is started as a separate process, exactly as
typed in a terminal (stdin closed, output to a file), once to warm up and then --runs times; the
table shows the median wall time and the child's peak resident memory (GNU time's %M).
The budgets of issue 9 are checked and everything goes to benchmarks/RESULTS.md, together with
the import cost of `reflect --help`, the heavy modules each command loads, and
benchmarks/read_paths.md (why the read paths look the way they do).

Quick mode (tests/test_benchmarks_quick.py runs it in CI): 200 and 2,000 entries, reflect only.
For each size-independent command it compares the SQLite work (virtual-machine steps, counted
by benchmarks/sql_probe.py: exact, whatever the load on the machine) and the CPU time at the two
sizes, so a query that turns into a full scan, or a loop over every entry, fails the build.
"""

from __future__ import annotations

import argparse
import compileall
import json
import os
import platform
import shlex
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))

from generate import Manifest, generate  # noqa: E402

WORK = HERE / "work"
RESULTS = HERE / "RESULTS.md"
LAST_RUN = WORK / "last-run.json"
READ_PATHS_NOTES = HERE / "read_paths.md"
JRNL_VERSION = "4.6"
FULL_SIZES = (1_000, 10_000, 100_000)
QUICK_SIZES = (200, 2_000)
REPRODUCE = ".venv/bin/python benchmarks/run.py"
HEAVY_MODULES = (
    "sqlmodel",
    "sqlalchemy",
    "pydantic",
    "questionary",
    "rich",
    "yaml",
    "jinja2",
    "plotext",
    "dateparser",
    "fpdf",
    "pygal",
    "keyring",
)

# Budgets (issue 9), in seconds unless named otherwise.
HELP_BUDGET = 0.25
READ_BUDGET = 0.5
WRITE_BUDGET = 1.0
TRENDS_BUDGET = 1.5
SIZE_INDEPENDENCE = 1.25
EXPORT_SPEEDUP = 3.0
EXPORT_RSS_MB = 150

# The stack floor (issue 18): what importing reflect's own stack costs, before any of its code runs.
FLOOR_CODE = "import typer, rich.table, sqlite3, yaml"
FLOOR_COMMAND = ("python", "-c", FLOOR_CODE)
# Goals of issue 18, as ratios measured in the same run (CPU time: load-independent).
FLOOR_GOAL = 1.4  # a command that touches one entry: CPU at most this times the floor's
SINGLE_ENTRY_JOBS = ("help", "list", "show", "search", "note", "run")
EXPORT_VS_JRNL_GOAL = {"export_json": 0.3, "export_md": 0.5}  # at 10,000 entries
EXPORT_RSS_GROWTH = 1.5  # peak RSS of an export at the largest size vs the smallest
TRENDS_ALL_GOAL = 2.0  # `trends --all` vs `trends` at the largest size

# Quick-mode shape checks: generous, because CI machines are shared and noisy.
QUICK_HELP_SECONDS = 0.75
QUIET_WAIT_SECONDS = 3.0
SLOW_RUN_SECONDS = 60.0
"""A command slower than this (jrnl at 100,000 entries, for some jobs) is run once, not 1 + runs
times: its median would change nothing, and the whole benchmark stays under half an hour."""
QUICK_SQL_FACTOR = 2.0
QUICK_SQL_SLACK_STEPS = 5_000
QUICK_CPU_FACTOR = 2.0
QUICK_CPU_SLACK = 0.2
# Quick-mode floor check: least CPU of a single-entry command at most this multiple of the least
# CPU of the stack floor, measured in the same rounds. Looser than FLOOR_GOAL, for noisy CI
# machines, but tight enough that importing pydantic, sqlmodel or the whole command tree on such a
# path fails it (`run` was 2.2x while its records were dataclasses; 1.25x since, in the full run).
QUICK_FLOOR_FACTOR = {"help": 1.8, "list": 1.8, "show": 2.0, "search": 2.0, "note": 1.8, "run": 1.8}


@dataclass(frozen=True)
class Context:
    """What a job needs to build its command line at one journal size."""

    manifest: Manifest
    outputs: Path
    answers_file: Path
    jrnl: Path | None
    note_text: str = (
        "Felt more settled after today's session; want to talk about the missed week. @session"
    )


@dataclass(frozen=True)
class Job:
    key: str
    title: str
    reflect: Callable[[Context], list[str]]
    jrnl: Callable[[Context], list[str]] | None
    size_independent: bool
    note: str = ""


def jrnl_checkin_text(context: Context) -> str:
    given = context.manifest.checkin_answers.items()
    answers = "; ".join(f"{key}: {value}" for key, value in given) or "ANSWERS"
    return f"After-session check-in. {answers} @session"


JOBS: tuple[Job, ...] = (
    Job("help", "help", lambda c: ["--help"], lambda c: ["--help"], True),
    Job("list", "last 10 entries", lambda c: ["list", "-n", "10"], lambda c: ["-n", "10"], True),
    Job(
        "show",
        "one entry",
        lambda c: ["show", c.manifest.show_id[:8]],
        lambda c: ["-on", c.manifest.show_date],
        True,
        "jrnl has no entry ids: `-on DATE` shows that day's entries (about eight).",
    ),
    Job(
        "search",
        "search a rare word",
        lambda c: ["search", c.manifest.rare_word],
        lambda c: ["-contains", c.manifest.rare_word],
        True,
    ),
    Job(
        "trends",
        "trends",
        lambda c: ["trends"],
        lambda c: ["--tags"],
        False,
        "jrnl has no scores: `--tags` (counts over the whole journal) is its nearest summary.",
    ),
    Job(
        "trends_all",
        "trends, whole journal",
        lambda c: ["trends", "--all"],
        None,
        False,
    ),
    Job(
        "export_json",
        "export all, JSON",
        lambda c: [
            "export",
            "--format",
            "json",
            "--include-private",
            "-o",
            str(c.outputs / "reflect.json"),
        ],
        lambda c: ["--format", "json", "--file", str(c.outputs / "jrnl.json")],
        False,
    ),
    Job(
        "export_md",
        "export all, Markdown",
        lambda c: [
            "export",
            "--format",
            "md",
            "--include-private",
            "-o",
            str(c.outputs / "reflect.md"),
        ],
        lambda c: ["--format", "md", "--file", str(c.outputs / "jrnl.md")],
        False,
    ),
    Job(
        "run",
        "non-interactive check-in",
        lambda c: [
            "run",
            c.manifest.checkin_pack or "checkin",
            "--answers",
            str(c.answers_file),
        ],
        lambda c: [jrnl_checkin_text(c)],
        True,
        "jrnl: the same answers written as one entry from the command line.",
    ),
    Job("note", "write a note", lambda c: ["note", c.note_text], lambda c: [c.note_text], True),
)
JOBS_BY_KEY = {job.key: job for job in JOBS}
QUICK_JOBS = ("help", "list", "show", "search", "run", "note")


@dataclass
class Measurement:
    """Several runs of one command: wall seconds, peak RSS (MiB), CPU seconds."""

    tool: str
    size: int
    job: str
    command: list[str]
    wall: list[float] = field(default_factory=list)
    peak_rss_mb: list[float] = field(default_factory=list)
    cpu: list[float] = field(default_factory=list)
    error: str | None = None
    single_run: bool = False
    sql: dict[str, int] | None = None
    heavy_modules: list[str] | None = None

    @property
    def ok(self) -> bool:
        return self.error is None and bool(self.wall)

    @property
    def median(self) -> float:
        return statistics.median(self.wall)

    @property
    def fastest(self) -> float:
        return min(self.wall)

    @property
    def least_cpu(self) -> float:
        return min(self.cpu)

    @property
    def peak_mb(self) -> float:
        return max(self.peak_rss_mb)


@dataclass(frozen=True)
class RunResult:
    seconds: float
    peak_rss_mb: float
    cpu_seconds: float
    exit_code: int
    stderr: str


GNU_TIME = Path("/usr/bin/time")


def run_once(command: Sequence[str], env: dict[str, str], output: Path) -> RunResult:
    """Start command and wait for it; wall time from here, peak RSS and CPU time of the child.

    GNU time, when present, reports the command's own peak RSS. Without it, wait4's rusage is
    used, which on Linux also counts the resident pages of this (larger) process at fork time.
    """
    usage_file = output.with_suffix(".rusage")
    wrapper = [str(GNU_TIME), "-f", "%M %U %S", "-o", str(usage_file)] if GNU_TIME.exists() else []
    with output.open("wb") as stdout, (output.with_suffix(".err")).open("w+b") as stderr:
        started = time.perf_counter()
        process = subprocess.Popen(
            [*wrapper, *command], stdin=subprocess.DEVNULL, stdout=stdout, stderr=stderr, env=env
        )
        _, status, usage = os.wait4(process.pid, 0)
        seconds = time.perf_counter() - started
        process.returncode = os.waitstatus_to_exitcode(status)
        stderr.seek(0)
        message = stderr.read().decode("utf-8", "replace")
    # CPU time from wait4 (microseconds; it includes the command, which GNU time waits for):
    # GNU time's %U and %S are rounded to 10 ms, too coarse for ratios of 60 ms commands.
    peak_kib, cpu_seconds = usage.ru_maxrss, usage.ru_utime + usage.ru_stime
    if wrapper:
        # The last line; a line before it says so if the command was killed by a signal.
        fields = usage_file.read_text(encoding="utf-8").strip().splitlines()[-1].split()
        peak_kib = int(fields[0])
    return RunResult(
        seconds=seconds,
        peak_rss_mb=peak_kib / 1024,
        cpu_seconds=cpu_seconds,
        exit_code=process.returncode,
        stderr=message,
    )


@dataclass
class Subject:
    """One command of one tool at one size, with where and how to run it."""

    measurement: Measurement
    env: dict[str, str]

    def run(self, scratch: Path) -> bool:
        """Run once; record the numbers unless warming up. False once the command has failed."""
        m = self.measurement
        if m.error is not None:
            return False
        result = run_once(m.command, self.env, scratch / f"{m.tool}-{m.size}-{m.job}.out")
        if result.exit_code != 0:
            lines = [line for line in result.stderr.strip().splitlines() if line.strip()]
            last = lines[-1] if lines else "no message"
            m.error = f"exit {result.exit_code}: {last[:160]}"
            m.wall.clear()
            return False
        m.wall.append(result.seconds)
        m.peak_rss_mb.append(result.peak_rss_mb)
        m.cpu.append(result.cpu_seconds)
        return True


def idle_share(interval: float = 0.5) -> float:
    """Share of all CPU time spent idle over the next `interval` seconds (1.0 if unknown)."""

    def sample() -> tuple[int, int]:
        fields = [int(value) for value in Path("/proc/stat").read_text().split("\n")[0].split()[1:]]
        return fields[3] + fields[4], sum(fields)  # idle + iowait, total

    try:
        idle_before, total_before = sample()
        time.sleep(interval)
        idle_after, total_after = sample()
    except (OSError, ValueError, IndexError):
        return 1.0
    return (idle_after - idle_before) / max(total_after - total_before, 1)


def wait_for_a_free_core(limit: float = QUIET_WAIT_SECONDS) -> None:
    """On a shared machine, start a round only when about one core is free (waiting at most
    `limit` seconds): it keeps other people's test suites out of the medians as far as possible."""
    needed = 1 / (os.cpu_count() or 1)
    deadline = time.monotonic() + limit
    while time.monotonic() < deadline and idle_share() < needed * 0.9:
        pass


def measure_interleaved(
    subjects: Sequence[Subject], runs: int, scratch: Path, *, wait_for_quiet: bool = False
) -> None:
    """A warm-up of each, then `runs` rounds running every subject once per round.

    Interleaving the sizes and tools of one job spreads the load of a shared machine evenly over
    them, so the ratios between sizes (the size-independence budgets) stay fair.
    """
    for subject in subjects:
        if subject.run(scratch):
            m = subject.measurement
            if m.wall[0] > SLOW_RUN_SECONDS:
                m.single_run = True  # minutes per run: its warm-up is its measurement
            else:
                m.wall.pop(), m.peak_rss_mb.pop(), m.cpu.pop()  # warm-up: page cache, .pyc
    for _ in range(runs):
        for subject in subjects:
            if subject.measurement.single_run:
                continue
            if wait_for_quiet and subject.measurement.tool != "jrnl":
                wait_for_a_free_core()
            subject.run(scratch)


def reflect_executable() -> list[str]:
    script = Path(sys.executable).parent / "reflect"
    return [str(script)] if script.exists() else [sys.executable, "-m", "reflect"]


def compile_reflect() -> None:
    """Byte-compile reflect's own modules before measuring, as installing a wheel does (pip
    compiles what it installs, jrnl's virtualenv included). A source checkout installed in
    editable mode has no bytecode until reflect first runs, and none at all when
    PYTHONDONTWRITEBYTECODE is set (as on some CI and agent machines): every command would then
    compile its modules again, about 0.05 s of CPU at each start that no installed copy pays."""
    compileall.compile_dir(str(ROOT / "reflect"), quiet=1)


def base_environment() -> dict[str, str]:
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith("REFLECT_") and key not in ("EDITOR", "VISUAL")
    }
    env.update(TZ="UTC", NO_COLOR="1", LC_ALL="C.UTF-8", COLUMNS="100")
    return env


def sql_counts(job: Job, context: Context, env: dict[str, str], scratch: Path) -> dict[str, int]:
    counts_file = scratch / f"sql-{context.manifest.entries}-{job.key}.json"
    probe_env = dict(env, REFLECT_BENCH_SQL_COUNTS=str(counts_file))
    command = [sys.executable, str(HERE / "sql_probe.py"), *job.reflect(context)]
    result = run_once(command, probe_env, scratch / "probe.out")
    if result.exit_code != 0 or not counts_file.exists():
        return {}
    return json.loads(counts_file.read_text(encoding="utf-8"))


def heavy_modules_loaded(
    job: Job, context: Context, env: dict[str, str], scratch: Path
) -> list[str] | None:
    """Which of HEAVY_MODULES the command imports (python -X importtime, top-level names)."""
    command = [sys.executable, "-X", "importtime", "-m", "reflect", *job.reflect(context)]
    result = run_once(command, env, scratch / "importtime.out")
    if result.exit_code != 0:
        return None
    loaded = set()
    for line in result.stderr.splitlines():
        if line.startswith("import time:") and "|" in line:
            name = line.rsplit("|", 1)[1].strip()
            loaded.add(name.split(".")[0])
    return [name for name in HEAVY_MODULES if name in loaded]


def help_import_profile(env: dict[str, str], scratch: Path) -> list[tuple[str, float]]:
    """Import time (s) of `reflect --help` by top-level package (own time of each module)."""
    result = run_once(
        [sys.executable, "-X", "importtime", "-m", "reflect", "--help"], env, scratch / "it.out"
    )
    totals: dict[str, float] = {}
    for line in result.stderr.splitlines():
        if not line.startswith("import time:") or line.count("|") != 2:
            continue
        own, _, name = line[len("import time:") :].split("|")
        if not own.strip().isdigit():
            continue  # the header line
        package = name.strip().split(".")[0]
        totals[package] = totals.get(package, 0.0) + int(own) / 1e6
    return sorted(totals.items(), key=lambda item: -item[1])


def ensure_jrnl() -> Path | None:
    """jrnl 4.6 in its own virtualenv under benchmarks/work (created on first use)."""
    venv = WORK / f"jrnl-{JRNL_VERSION}-venv"
    executable = venv / "bin" / "jrnl"
    if executable.exists():
        return executable
    print(f"Installing jrnl {JRNL_VERSION} into {venv} ...", file=sys.stderr)
    base_python = getattr(sys, "_base_executable", sys.executable)
    try:
        subprocess.run([base_python, "-m", "venv", str(venv)], check=True)
        subprocess.run(
            [str(venv / "bin" / "pip"), "install", "-q", f"jrnl=={JRNL_VERSION}"], check=True
        )
    except (OSError, subprocess.CalledProcessError) as error:
        print(f"jrnl could not be installed ({error}): measuring reflect only", file=sys.stderr)
        shutil.rmtree(venv, ignore_errors=True)
        return None
    return executable


def prepare_data(folder: Path, size: int, *, with_jrnl: bool, reuse: bool) -> Manifest:
    manifest_path = folder / "manifest.json"
    if reuse and manifest_path.exists():
        return Manifest.read(manifest_path)
    shutil.rmtree(folder, ignore_errors=True)
    manifest = generate(folder, size, jrnl=with_jrnl)
    print(f"  generated {size:,} entries in {manifest.seconds:.1f} s", file=sys.stderr)
    return manifest


@dataclass
class Report:
    started: str
    quick: bool
    runs: int
    sizes: list[int]
    machine: dict[str, str]
    measurements: list[Measurement] = field(default_factory=list)
    generation_seconds: dict[int, float] = field(default_factory=dict)
    help_imports: list[tuple[str, float]] = field(default_factory=list)
    load_before: str = ""
    load_after: str = ""
    jrnl_reused_from: str | None = None

    def floor_cpu(self, size: int, job: str) -> float | None:
        """Median CPU of the stack floor measured in the rounds of job at size."""
        found = self.find("floor", size, job)
        return statistics.median(found.cpu) if found is not None and found.ok else None

    def find(self, tool: str, size: int, job: str) -> Measurement | None:
        return next(
            (m for m in self.measurements if m.tool == tool and m.size == size and m.job == job),
            None,
        )


def machine_description() -> dict[str, str]:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
        memory_kb = next(
            int(line.split()[1])
            for line in Path("/proc/meminfo").read_text().splitlines()
            if line.startswith("MemTotal")
        )
        memory = f"{memory_kb / 1024 / 1024:.0f} GiB"
    except (OSError, StopIteration, ValueError):
        memory = "unknown"
    return {
        "cpu": f"{cpu}, {os.cpu_count()} cores",
        "memory": memory,
        "system": f"{platform.system()} {platform.release()}",
        "python": platform.python_version(),
        "sqlite": sqlite3.sqlite_version,
    }


def load_average() -> str:
    try:
        return ", ".join(f"{value:.2f}" for value in os.getloadavg())
    except OSError:
        return "unknown"


def benchmark(
    sizes: Sequence[int],
    job_keys: Sequence[str],
    *,
    runs: int,
    work: Path,
    with_jrnl: bool,
    reuse: bool,
    quick: bool,
    jrnl_measurements: Sequence[Measurement] = (),
    jrnl_measured_at: str | None = None,
) -> Report:
    report = Report(
        started=datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
        quick=quick,
        runs=runs,
        sizes=list(sizes),
        machine=machine_description(),
        load_before=load_average(),
    )
    jrnl = ensure_jrnl() if with_jrnl and not jrnl_measurements else None
    if jrnl_measurements:
        report.measurements.extend(jrnl_measurements)
        report.jrnl_reused_from = jrnl_measured_at
    env = base_environment()
    compile_reflect()
    scratch = work / "scratch"
    scratch.mkdir(parents=True, exist_ok=True)
    report.help_imports = help_import_profile(env, scratch)
    contexts: dict[int, Context] = {}
    for size in sizes:
        print(f"{size:,} entries", file=sys.stderr)
        manifest = prepare_data(work / f"data-{size}", size, with_jrnl=with_jrnl, reuse=reuse)
        report.generation_seconds[size] = manifest.seconds
        outputs = work / f"out-{size}"
        outputs.mkdir(parents=True, exist_ok=True)
        answers_file = outputs / "checkin-answers.json"
        answers_file.write_text(json.dumps(manifest.checkin_answers, indent=2), encoding="utf-8")
        contexts[size] = Context(manifest, outputs, answers_file, jrnl)
    for key in job_keys:
        job = JOBS_BY_KEY[key]
        subjects = []
        for size, context in contexts.items():
            # The stack floor, measured in the same rounds as every job, so that each job's
            # ratio to it is measured under the same load.
            floor = [sys.executable, "-c", FLOOR_CODE]
            subjects.append(Subject(Measurement("floor", size, key, floor), env))
            reflect_env = dict(env, REFLECT_HOME=context.manifest.reflect_home)
            command = [*reflect_executable(), *job.reflect(context)]
            subjects.append(Subject(Measurement("reflect", size, key, command), reflect_env))
            if jrnl is not None and job.jrnl is not None and context.manifest.jrnl_config:
                command = [str(jrnl), "--config-file", context.manifest.jrnl_config]
                subjects.append(
                    Subject(Measurement("jrnl", size, key, [*command, *job.jrnl(context)]), env)
                )
        measure_interleaved(subjects, runs, scratch, wait_for_quiet=not quick)
        for subject in subjects:
            result = subject.measurement
            context = contexts[result.size]
            if result.tool == "reflect" and result.ok:
                if quick and job.size_independent:
                    result.sql = sql_counts(job, context, subject.env, scratch)
                if not quick and result.size == sizes[0]:
                    result.heavy_modules = heavy_modules_loaded(job, context, subject.env, scratch)
            report.measurements.append(result)
            print(
                f"  {result.tool:8}{result.size:>8,} {key:12} {describe(result)}", file=sys.stderr
            )
    report.load_after = load_average()
    return report


def describe(measurement: Measurement) -> str:
    if not measurement.ok:
        return f"FAILED ({measurement.error})"
    text = (
        f"{measurement.median:6.3f} s median, {statistics.median(measurement.cpu):6.3f} s CPU, "
        f"{measurement.peak_mb:6.1f} MiB"
    )
    if measurement.sql:
        text += f", {measurement.sql['vm_steps']:,} SQLite steps"
    return text


# --- budgets ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class BudgetCheck:
    budget: str
    measured: str
    passed: bool | None  # None: could not be measured


def seconds(value: float) -> str:
    return f"{value:.3f} s"


def full_budget_checks(report: Report) -> list[BudgetCheck]:
    checks: list[BudgetCheck] = []
    largest, smallest = max(report.sizes), min(report.sizes)

    def reflect(job: str, size: int) -> Measurement | None:
        found = report.find("reflect", size, job)
        return found if found is not None and found.ok else None

    def missing(budget: str, job: str, size: int) -> BudgetCheck:
        found = report.find("reflect", size, job)
        return BudgetCheck(budget, found.error if found is not None else "not run", None)

    help_run = reflect("help", largest)
    if help_run:
        checks.append(
            BudgetCheck(
                f"`reflect --help` <= {HELP_BUDGET} s",
                seconds(help_run.median),
                help_run.median <= HELP_BUDGET,
            )
        )
    else:
        checks.append(missing(f"`reflect --help` <= {HELP_BUDGET} s", "help", largest))
    for job, limit in (
        ("list", READ_BUDGET),
        ("show", READ_BUDGET),
        ("search", READ_BUDGET),
        ("run", WRITE_BUDGET),
        ("note", WRITE_BUDGET),
    ):
        name = f"`reflect {' '.join(JOBS_BY_KEY[job].reflect(placeholder_context()))}`"
        big, small = reflect(job, largest), reflect(job, smallest)
        label = f"{name} at {largest:,} <= {limit} s"
        if big is None:
            checks.append(missing(label, job, largest))
            continue
        checks.append(BudgetCheck(label, seconds(big.median), big.median <= limit))
        label = f"{name} at {largest:,} within 25% of {smallest:,}"
        if small is None:
            checks.append(missing(label, job, smallest))
            continue
        ratio = big.median / small.median
        checks.append(
            BudgetCheck(
                label,
                f"{seconds(big.median)} vs {seconds(small.median)} (x{ratio:.2f})",
                ratio <= SIZE_INDEPENDENCE,
            )
        )
    for job in ("trends", "trends_all"):
        trends = reflect(job, largest)
        command = " ".join(JOBS_BY_KEY[job].reflect(placeholder_context()))
        label = f"`reflect {command}` at {largest:,} <= {TRENDS_BUDGET} s"
        if trends:
            checks.append(
                BudgetCheck(label, seconds(trends.median), trends.median <= TRENDS_BUDGET)
            )
        else:
            checks.append(missing(label, job, largest))
    export = reflect("export_json", largest)
    jrnl_export = report.find("jrnl", largest, "export_json")
    label = f"JSON export of {largest:,} at least {EXPORT_SPEEDUP:.0f}x faster than jrnl"
    if export and jrnl_export and jrnl_export.ok:
        speedup = jrnl_export.median / export.median
        checks.append(
            BudgetCheck(
                label,
                f"{seconds(export.median)} vs jrnl {seconds(jrnl_export.median)} (x{speedup:.1f})",
                speedup >= EXPORT_SPEEDUP,
            )
        )
    elif export:
        checks.append(BudgetCheck(label, "jrnl not measured", None))
    else:
        checks.append(missing(label, "export_json", largest))
    label = f"JSON export of {largest:,}: peak RSS <= {EXPORT_RSS_MB} MB"
    if export:
        peak_mb = export.peak_mb * 1.048576  # MiB -> MB
        checks.append(BudgetCheck(label, f"{peak_mb:.0f} MB", peak_mb <= EXPORT_RSS_MB))
    else:
        checks.append(missing(label, "export_json", largest))
    return checks


def cpu(measurement: Measurement) -> float:
    return statistics.median(measurement.cpu)


def goal_checks(report: Report) -> list[BudgetCheck]:
    """Issue 18's goals, each a ratio of CPU medians measured in the same run."""
    checks: list[BudgetCheck] = []
    largest, smallest = max(report.sizes), min(report.sizes)
    placeholder = placeholder_context()

    def ok(tool: str, size: int, job: str) -> Measurement | None:
        found = report.find(tool, size, job)
        return found if found is not None and found.ok else None

    for size in report.sizes:
        for job in JOBS:
            if job.jrnl is None:
                continue
            label = f"{size:,}: `reflect {' '.join(job.reflect(placeholder))}` faster than jrnl"
            ours, theirs = ok("reflect", size, job.key), ok("jrnl", size, job.key)
            if ours is None or theirs is None:
                checks.append(BudgetCheck(label, "not measured", None))
                continue
            checks.append(
                BudgetCheck(
                    label,
                    f"CPU {seconds(cpu(ours))} vs {seconds(cpu(theirs))} "
                    f"(x{cpu(theirs) / cpu(ours):.1f})",
                    cpu(ours) < cpu(theirs),
                )
            )
    for size in sorted({smallest, largest}):
        for key in SINGLE_ENTRY_JOBS:
            job = JOBS_BY_KEY[key]
            label = (
                f"{size:,}: `reflect {' '.join(job.reflect(placeholder))}` CPU <= "
                f"{FLOOR_GOAL}x the stack floor's"
            )
            ours, floor = ok("reflect", size, key), report.floor_cpu(size, key)
            if ours is None or floor is None:
                checks.append(BudgetCheck(label, "not measured", None))
                continue
            ratio = cpu(ours) / floor
            checks.append(
                BudgetCheck(
                    label,
                    f"{seconds(cpu(ours))} vs {seconds(floor)} (x{ratio:.2f})",
                    ratio <= FLOOR_GOAL,
                )
            )
    middle = 10_000 if 10_000 in report.sizes else largest
    for key, goal in EXPORT_VS_JRNL_GOAL.items():
        title = JOBS_BY_KEY[key].title
        label = f"{middle:,}: {title} CPU <= {goal}x jrnl's"
        ours, theirs = ok("reflect", middle, key), ok("jrnl", middle, key)
        if ours is None or theirs is None:
            checks.append(BudgetCheck(label, "not measured", None))
        else:
            ratio = cpu(ours) / cpu(theirs)
            checks.append(
                BudgetCheck(
                    label,
                    f"{seconds(cpu(ours))} vs {seconds(cpu(theirs))} (x{ratio:.2f})",
                    ratio <= goal,
                )
            )
        label = f"{title}: peak RSS at {largest:,} <= {EXPORT_RSS_GROWTH}x that at {smallest:,}"
        big, small = ok("reflect", largest, key), ok("reflect", smallest, key)
        if big is None or small is None:
            checks.append(BudgetCheck(label, "not measured", None))
        else:
            checks.append(
                BudgetCheck(
                    label,
                    f"{big.peak_mb:.0f} MiB vs {small.peak_mb:.0f} MiB",
                    big.peak_mb <= EXPORT_RSS_GROWTH * small.peak_mb,
                )
            )
    label = f"{largest:,}: `reflect trends --all` <= {TRENDS_ALL_GOAL}x `reflect trends` (CPU)"
    every, last = ok("reflect", largest, "trends_all"), ok("reflect", largest, "trends")
    if every is None or last is None:
        checks.append(BudgetCheck(label, "not measured", None))
    else:
        ratio = cpu(every) / cpu(last)
        checks.append(
            BudgetCheck(
                label,
                f"{seconds(cpu(every))} vs {seconds(cpu(last))} (x{ratio:.2f})",
                ratio <= TRENDS_ALL_GOAL,
            )
        )
    return checks


def quick_budget_checks(report: Report) -> list[BudgetCheck]:
    small, large = min(report.sizes), max(report.sizes)
    checks: list[BudgetCheck] = []
    help_run = report.find("reflect", large, "help")
    floor_run = report.find("floor", large, "help")
    if help_run is not None and help_run.ok and floor_run is not None and floor_run.ok:
        factor = QUICK_FLOOR_FACTOR["help"]
        ratio = help_run.least_cpu / floor_run.least_cpu
        checks.append(
            BudgetCheck(
                f"`reflect --help` CPU time <= {factor}x the stack floor's",
                f"{seconds(help_run.least_cpu)} vs {seconds(floor_run.least_cpu)} (x{ratio:.2f})",
                ratio <= factor,
            )
        )
    if help_run is not None:
        checks.append(
            BudgetCheck(
                f"`reflect --help` least CPU time <= {QUICK_HELP_SECONDS} s",
                seconds(help_run.least_cpu) if help_run.ok else str(help_run.error),
                help_run.ok and help_run.least_cpu <= QUICK_HELP_SECONDS,
            )
        )
    for job in QUICK_JOBS:
        if job == "help":
            continue
        small_run, large_run = (
            report.find("reflect", small, job),
            report.find("reflect", large, job),
        )
        if small_run is None or large_run is None:
            continue
        floor_run = report.find("floor", large, job)
        if large_run.ok and floor_run is not None and floor_run.ok:
            factor = QUICK_FLOOR_FACTOR[job]
            ratio = large_run.least_cpu / floor_run.least_cpu
            checks.append(
                BudgetCheck(
                    f"`{job}`: CPU time at {large:,} <= {factor}x the stack floor's",
                    f"{seconds(large_run.least_cpu)} vs {seconds(floor_run.least_cpu)} "
                    f"(x{ratio:.2f})",
                    ratio <= factor,
                )
            )
        if not (small_run.ok and large_run.ok):
            error = large_run.error or small_run.error
            checks.append(BudgetCheck(f"`{job}` runs", str(error), False))
            continue
        if small_run.sql and large_run.sql:
            allowed = QUICK_SQL_FACTOR * small_run.sql["vm_steps"] + QUICK_SQL_SLACK_STEPS
            checks.append(
                BudgetCheck(
                    f"`{job}`: SQLite steps at {large:,} <= {QUICK_SQL_FACTOR}x those at {small:,}"
                    f" + {QUICK_SQL_SLACK_STEPS:,}",
                    f"{large_run.sql['vm_steps']:,} vs {small_run.sql['vm_steps']:,}",
                    large_run.sql["vm_steps"] <= allowed,
                )
            )
        # CPU time rather than wall time: other processes on a shared machine delay a command
        # but hardly change the CPU it needs.
        allowed_cpu = QUICK_CPU_FACTOR * small_run.least_cpu + QUICK_CPU_SLACK
        checks.append(
            BudgetCheck(
                f"`{job}`: CPU time at {large:,} <= {QUICK_CPU_FACTOR}x that at {small:,}"
                f" + {QUICK_CPU_SLACK} s",
                f"{seconds(large_run.least_cpu)} vs {seconds(small_run.least_cpu)}",
                large_run.least_cpu <= allowed_cpu,
            )
        )
    return checks


def placeholder_context() -> Context:
    manifest = Manifest(
        entries=0,
        seed=0,
        reflect_home="",
        jrnl_config=None,
        show_id="ID",
        show_date="DATE",
        rare_word="WORD",
        rare_word_entries=[],
        checkin_pack="checkin",
        checkin_answers={},
        answers=0,
        scale_answers=0,
        text_answers=0,
        sessions=0,
        packs=[],
        seconds=0,
    )
    return Context(manifest, Path("FILE"), Path("ANSWERS"), None, note_text="TEXT")


# --- the report ------------------------------------------------------------------------------


def mark(passed: bool | None) -> str:
    return {True: "pass", False: "**FAIL**", None: "not measured"}[passed]


def render_markdown(report: Report, checks: Sequence[BudgetCheck]) -> str:
    context = placeholder_context()
    lines = [
        "# Benchmarks: reflect and jrnl 4.6 on the same journal",
        "",
        f"Produced by `{REPRODUCE}` on {report.started} (generated file: re-run it rather than "
        "editing by hand). Every command is a separate process started as a person would type it "
        f"(stdin closed, output to a file); one warm-up, then the median of {report.runs} runs. "
        "CPU is the median user + system time of the command, which other load on the machine "
        "hardly changes; peak RSS is the command's own peak resident memory (GNU time's %M). "
        "Ratio = jrnl's median / reflect's median (above 1: reflect is faster), of wall time and "
        "of CPU time. CPU / floor = reflect's CPU median / the CPU median of the stack floor "
        f'(`python -c "{FLOOR_CODE}"`, what reflect\'s own stack costs to import) measured in '
        "the same rounds as that job, so both see the same load; the goals of issue 18 are "
        "checked on these CPU ratios. Before each timed reflect (or floor) run the runner "
        "waits (up to 3 s) for a free core. A command whose first run "
        f"takes over {SLOW_RUN_SECONDS:.0f} s is run only once, marked (1 run).",
        "",
        "## Machine",
        "",
    ]
    for key, value in report.machine.items():
        lines.append(f"- {key}: {value}")
    lines.append(
        f"- load average (1, 5, 15 min) before: {report.load_before}; after: {report.load_after}. "
        "This is a shared 2-core machine: other agents were running test suites at the same "
        "time, so single runs vary; medians absorb most of it."
    )
    if sorted(report.sizes) != sorted(FULL_SIZES) and not report.quick:
        lines.append(
            f"- this run measured {', '.join(f'{size:,}' for size in report.sizes)} entries only "
            f"(`--sizes {','.join(str(size) for size in report.sizes)}`), not the default "
            f"{', '.join(f'{size:,}' for size in FULL_SIZES)}."
        )
    if report.jrnl_reused_from:
        lines.append(
            f"- jrnl's figures are from the full run of {report.jrnl_reused_from} on the same "
            "generated journals (`--reuse-jrnl`: jrnl does not change, and measuring it at "
            "100,000 entries takes about a quarter of an hour)."
        )
    lines += ["", "## Budgets", "", "| budget | measured | result |", "|---|---|---|"]
    lines += [f"| {c.budget} | {c.measured} | {mark(c.passed)} |" for c in checks]
    lines += ["", "## Results", ""]
    for size in report.sizes:
        generated = report.generation_seconds.get(size)
        lines += [
            f"### {size:,} entries"
            + (f" (generated in {generated:.1f} s)" if generated is not None else ""),
            "",
            "| job | reflect | median | CPU | CPU / floor | peak RSS "
            "| jrnl 4.6 | median | CPU | peak RSS | jrnl / reflect, wall | CPU |",
            "|---|---|---:|---:|---:|---:|---|---:|---:|---:|---:|---:|",
        ]
        floors = [m for m in report.measurements if m.tool == "floor" and m.size == size and m.ok]
        if floors:
            wall = statistics.median(value for m in floors for value in m.wall)
            floor_cpu = statistics.median(value for m in floors for value in m.cpu)
            peak = max(m.peak_mb for m in floors)
            lines.append(
                f"| stack floor (all rounds) | `{shlex.join(FLOOR_COMMAND)}` | {seconds(wall)} | "
                f"{seconds(floor_cpu)} | 1.00 | {peak:.0f} MiB |  |  |  |  |  |  |"
            )
        for job in JOBS:
            ours = report.find("reflect", size, job.key)
            theirs = report.find("jrnl", size, job.key)
            if ours is None and theirs is None:
                continue
            reflect_cells = cells(ours)
            jrnl_cells = cells(theirs)
            both = ours is not None and theirs is not None and ours.ok and theirs.ok
            ratio = f"{theirs.median / ours.median:.1f}x" if both else ""
            cpu_ratio = f"{cpu(theirs) / cpu(ours):.1f}x" if both else ""
            floor = report.floor_cpu(size, job.key)
            to_floor = f"{cpu(ours) / floor:.2f}" if ours is not None and ours.ok and floor else ""
            median_cpu, rss = reflect_cells.rsplit(" | ", 1)
            lines.append(
                f"| {job.title} | `reflect {shlex.join(job.reflect(context))}` | {median_cpu} | "
                f"{to_floor} | {rss} | "
                + (f"`jrnl {shlex.join(job.jrnl(context))}`" if job.jrnl else "")
                + f" | {jrnl_cells} | {ratio} | {cpu_ratio} |"
            )
        lines.append("")
    lines += [
        "Commands in the tables are shown with placeholders: ID is an 8-character prefix of an "
        "entry from the middle of the journal, DATE that entry's day, WORD a word planted in "
        "exactly five entries at every size, FILE a path under benchmarks/work/, ANSWERS a JSON "
        "file with an answer for every check-in question. jrnl is always started with "
        "`--config-file` pointing at the generated config.",
        "",
        "Closest equivalents chosen for jrnl:",
        "",
    ]
    lines += [f"- {job.title}: {job.note}" for job in JOBS if job.note]
    lines += [
        "- exports: jrnl writes with `--format json|md --file FILE`, reflect with "
        "`--include-private -o FILE` (jrnl has no private entries, so both export everything).",
        "- Why some jrnl jobs take minutes at 100,000 entries: its JSON export, `--tags` and "
        "writing an entry (which looks for similar existing tags) count the journal's tags with "
        "`tags.count(tag)` for every tag occurrence (`Journal.tags` in jrnl/journals/Journal.py, "
        "`get_tags_count` in jrnl/plugins/util.py), quadratic in the number of tags. The "
        "generated entries carry about one tag each, so these jobs take about 2 s at 10,000 "
        "entries and over 3 minutes at 100,000; a journal without tags would not pay it. "
        "`-n 10` and the Markdown export, which do not count tags, show jrnl's linear cost.",
        "",
        "## Import cost of `reflect --help`",
        "",
        "Import time of `python -X importtime -m reflect --help` by top-level package (the own "
        "time of its modules; one run, so only indicative):",
        "",
        "| package | seconds |",
        "|---|---:|",
    ]
    lines += [f"| {name} | {value:.3f} |" for name, value in report.help_imports[:12]]
    total = sum(value for _, value in report.help_imports)
    lines.append(f"| all {len(report.help_imports)} packages | {total:.3f} |")
    smallest = min(report.sizes)
    lines += [
        "",
        f"Heavy modules each command imports (at {smallest:,} entries, `-X importtime`):",
        "",
        "| command | heavy modules loaded |",
        "|---|---|",
    ]
    for job in JOBS:
        found = report.find("reflect", smallest, job.key)
        if found is None:
            continue
        loaded = (
            ", ".join(found.heavy_modules or ["none"])
            if found.heavy_modules is not None
            else "(not measured)"
        )
        lines.append(f"| `reflect {' '.join(job.reflect(context))}` | {loaded} |")
    lines += [
        "",
        "## Reproduce",
        "",
        "```bash",
        f"{REPRODUCE}          # this file (about 25 minutes; installs jrnl {JRNL_VERSION} "
        "into benchmarks/work/)",
        f"{REPRODUCE} --quick  # the shape check the test suite runs (about 20 seconds)",
        "```",
        "",
        "Generate a journal alone: `.venv/bin/python benchmarks/generate.py --entries 100000 "
        "--out DIR`, then `REFLECT_HOME=DIR/reflect reflect list` or "
        "`jrnl --config-file DIR/jrnl/jrnl.yaml -n 10`.",
        "",
    ]
    if READ_PATHS_NOTES.exists():
        lines.append(READ_PATHS_NOTES.read_text(encoding="utf-8").rstrip() + "\n")
    return "\n".join(lines)


def cells(measurement: Measurement | None) -> str:
    if measurement is None:
        return " |  | "
    if not measurement.ok:
        return f"failed: {measurement.error} |  | "
    once = " (1 run)" if measurement.single_run else ""
    return (
        f"{seconds(measurement.median)}{once} | {seconds(statistics.median(measurement.cpu))} | "
        f"{measurement.peak_mb:.0f} MiB"
    )


def print_checks(checks: Sequence[BudgetCheck]) -> None:
    for check in checks:
        print(f"{mark(check.passed):>12}  {check.budget}: {check.measured}")


def load_report(path: Path) -> Report:
    """A report as saved by a full run (JSON turns int keys into text and tuples into lists)."""
    saved = json.loads(path.read_text(encoding="utf-8"))["report"]
    saved["measurements"] = [Measurement(**found) for found in saved["measurements"]]
    saved["generation_seconds"] = {int(k): v for k, v in saved["generation_seconds"].items()}
    saved["help_imports"] = [tuple(item) for item in saved["help_imports"]]
    return Report(**saved)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="small sizes, reflect only, shape")
    parser.add_argument("--sizes", help="comma-separated journal sizes")
    parser.add_argument("--jobs", help=f"comma-separated subset of {','.join(JOBS_BY_KEY)}")
    parser.add_argument("--runs", type=int, help="timed runs per command (5; quick: 3)")
    parser.add_argument("--no-jrnl", action="store_true", help="measure reflect only")
    parser.add_argument("--reuse", action="store_true", help="reuse journals already generated")
    parser.add_argument(
        "--reuse-jrnl",
        action="store_true",
        help=f"take jrnl's figures from the last full run ({LAST_RUN}) instead of re-measuring",
    )
    parser.add_argument("--work", type=Path, help="where journals go (benchmarks/work)")
    parser.add_argument("--json", type=Path, help="also write the measurements as JSON here")
    parser.add_argument(
        "--render-only",
        action="store_true",
        help=f"measure nothing: write the Markdown report again from {LAST_RUN}",
    )
    parser.add_argument("--results", type=Path, default=RESULTS, help="Markdown report path")
    args = parser.parse_args(argv)

    sizes = (
        [int(part) for part in args.sizes.split(",")]
        if args.sizes
        else list(QUICK_SIZES if args.quick else FULL_SIZES)
    )
    jobs = args.jobs.split(",") if args.jobs else list(QUICK_JOBS if args.quick else JOBS_BY_KEY)
    unknown = [job for job in jobs if job not in JOBS_BY_KEY]
    if unknown:
        parser.error(f"unknown jobs: {', '.join(unknown)}")
    runs = args.runs or (3 if args.quick else 5)
    if args.render_only:
        report = load_report(LAST_RUN)
        if not report.help_imports:  # reports saved before this was measured correctly
            scratch = WORK / "scratch"
            scratch.mkdir(parents=True, exist_ok=True)
            report.help_imports = help_import_profile(base_environment(), scratch)
        checks = full_budget_checks(report) + goal_checks(report)
        args.results.write_text(render_markdown(report, checks), encoding="utf-8")
        print(f"wrote {args.results}", file=sys.stderr)
        return 0
    jrnl_measurements: list[Measurement] = []
    jrnl_measured_at = None
    if args.reuse_jrnl:
        last = json.loads(LAST_RUN.read_text(encoding="utf-8"))["report"]
        jrnl_measurements = [
            Measurement(**found)
            for found in last["measurements"]
            if found["tool"] == "jrnl" and found["size"] in sizes
        ]
        jrnl_measured_at = last["started"]
    with tempfile.TemporaryDirectory(prefix="reflect-bench-") as temporary:
        work = args.work or (Path(temporary) if args.quick else WORK)
        report = benchmark(
            sizes,
            jobs,
            runs=runs,
            work=work,
            with_jrnl=not (args.quick or args.no_jrnl),
            reuse=args.reuse,
            quick=args.quick,
            jrnl_measurements=jrnl_measurements,
            jrnl_measured_at=jrnl_measured_at,
        )
    checks = (
        quick_budget_checks(report)
        if args.quick
        else full_budget_checks(report) + goal_checks(report)
    )
    print_checks(checks)
    payload = json.dumps(
        {"report": asdict(report), "checks": [asdict(check) for check in checks]}, indent=2
    )
    if args.json:
        args.json.write_text(payload + "\n", encoding="utf-8")
    if not args.quick:
        LAST_RUN.parent.mkdir(parents=True, exist_ok=True)
        LAST_RUN.write_text(payload + "\n", encoding="utf-8")
    if not args.quick:
        args.results.write_text(render_markdown(report, checks), encoding="utf-8")
        print(f"wrote {args.results}", file=sys.stderr)
    return 0 if all(check.passed is not False for check in checks) else 1


if __name__ == "__main__":
    sys.exit(main())
