"""Summarise a mutmut run (run from the folder mutmut ran in): per-module counts and score, and
every surviving mutant's one-line diff, marked `case-only SQL` when the mutant only changes
the letter case of SQL text outside quoted literals (SQL keywords and names are
case-insensitive, so such a mutant is equivalent: no test can tell it apart).

    python tests/mutation/summarise.py "reflect.store*"          # tables (Markdown)
    python tests/mutation/summarise.py "reflect.store*" --diffs  # and every survivor's diff
    python tests/mutation/summarise.py "reflect.store*" --untested  # names of mutants no test ran
    python tests/mutation/summarise.py "reflect.store*" --second-pass /tmp/reflect-mut-rest

`--second-pass DIR` takes, for each mutant the run here had no tests for or did not reach, its
result in the run in DIR (another copy of the same code, run with another test selection or
on other mutants; see tests/MUTATION.md). `--rerun DIR` takes, for every mutant checked in DIR
(a later copy of the same code whose tests were added to since, run on named mutants such as
this run's survivors), its result there instead of the one here.
"""

from __future__ import annotations

import ast
import difflib
import fnmatch
import json
import re
import sys
from collections import Counter, defaultdict
from pathlib import Path

STATUS = {1: "killed", 3: "killed", 0: "survived", 5: "no tests", 33: "no tests", None: "unchecked"}
# A mutant that makes the tests run past mutmut's time limit was caught (counted as killed).
STATUS.update({code: "timeout" for code in (-24, 24, 152, 255, 36)})
SQL_WORDS = re.compile(
    r"\b(SELECT|INSERT|UPDATE|DELETE|FROM|WHERE|PRAGMA|JOIN|ORDER BY|GROUP BY|VALUES|"
    r"CREATE|LIMIT|ATTACH|DETACH|BEGIN|COMMIT|ROLLBACK|VACUUM|EXISTS|IS NULL|IS NOT NULL|"
    r"ON CONFLICT|ASC|DESC|AND|MATCH|SET)\b",
    re.IGNORECASE,
)
# A fragment of an SQL statement: a column list "(a, b, c) " or assignments "a = ?, b = ? ".
SQL_NAMES = re.compile(r'^"\s*\(?\s*\w+(\s*=\s*\?)?(\s*,\s*\w+(\s*=\s*\?)?)+\s*\)?\s*"$')
QUOTED = re.compile(r"'[^']*'")
# A Python string literal in double quotes (mutmut changes the case of a whole literal).
LITERAL = re.compile(r'"(?:[^"\\]|\\.)*"')


def functions(path: Path) -> dict[str, str]:
    source = path.read_text()
    lines = source.splitlines()
    found: dict[str, str] = {}
    # mutmut writes each variant as a function of the module, or of the class of a method.
    for top in ast.parse(source).body:
        for node in top.body if isinstance(top, ast.ClassDef) else [top]:
            if isinstance(node, ast.FunctionDef) and "__mutmut_" in node.name:
                found[node.name] = "\n".join(lines[node.lineno : node.end_lineno])
    return found


def changed_lines(original: str, mutant: str) -> tuple[list[str], list[str]]:
    before, after = [], []
    for line in difflib.ndiff(original.splitlines(), mutant.splitlines()):
        if line.startswith("- "):
            before.append(line[2:].strip())
        elif line.startswith("+ "):
            after.append(line[2:].strip())
    return before, after


def case_only_sql(before: list[str], after: list[str]) -> bool:
    """Every changed line differs only in the letter case of string literals that are SQL
    (they hold an SQL keyword) and keep their single-quoted SQL literals as they were."""
    if not before or len(before) != len(after):
        return False
    for old, new in zip(before, after, strict=True):
        if old == new or LITERAL.sub('""', old) != LITERAL.sub('""', new):
            return False  # a change outside the string literals
        pairs = zip(LITERAL.findall(old), LITERAL.findall(new), strict=True)
        changed = [(a, b) for a, b in pairs if a != b]
        for old_text, new_text in changed:
            sql = SQL_WORDS.search(old_text) or SQL_NAMES.match(old_text)
            if old_text.lower() != new_text.lower() or not sql:
                return False
            if QUOTED.findall(old_text) != QUOTED.findall(new_text):
                return False  # a quoted SQL literal ('scale', 'optimize') changed case
        if not changed:
            return False
    return True


NO_TESTS = (5, 33)


def second_pass_codes(folder: Path) -> dict[str, int]:
    codes: dict[str, int] = {}
    for meta in folder.joinpath("mutants").rglob("*.py.meta"):
        for key, code in json.loads(meta.read_text())["exit_code_by_key"].items():
            if code is not None and code not in NO_TESTS:
                codes[key] = code
    return codes


def main() -> None:
    arguments = sys.argv[1:]
    second: dict[str, int] = {}
    while "--second-pass" in arguments:  # the first one named wins
        at = arguments.index("--second-pass")
        second = second_pass_codes(Path(arguments[at + 1])) | second
        del arguments[at : at + 2]
    rerun: dict[str, int] = {}
    while "--rerun" in arguments:  # the first one named wins
        at = arguments.index("--rerun")
        rerun = second_pass_codes(Path(arguments[at + 1])) | rerun
        del arguments[at : at + 2]
    patterns = [arg for arg in arguments if not arg.startswith("--")]
    show_diffs = "--diffs" in arguments
    untested = "--untested" in arguments
    rows = []
    survivors: dict[str, list[tuple[str, str, bool]]] = defaultdict(list)
    for meta in sorted(Path("mutants").rglob("*.py.meta")):
        data = json.loads(meta.read_text())
        source = Path(str(meta)[: -len(".meta")])
        module = ".".join(source.relative_to("mutants").with_suffix("").parts)
        wanted = (fnmatch.fnmatch(module + ".x", p) for p in patterns)
        if not any(wanted):
            continue
        codes = data["exit_code_by_key"]
        if not codes:
            continue
        for key, code in codes.items():
            if (code is None or code in NO_TESTS) and key in second:
                codes[key] = second[key]
            if key in rerun:
                codes[key] = rerun[key]
        if untested:
            print("\n".join(key for key, code in codes.items() if code in NO_TESTS))
            continue
        bodies = functions(source)
        counts: Counter[str] = Counter()
        for key, code in codes.items():
            status = STATUS.get(code, f"other {code}")
            name = key.rsplit(".", 1)[1]
            if status == "survived":
                original = bodies.get(name.rsplit("__mutmut_", 1)[0] + "__mutmut_orig", "")
                before, after = changed_lines(original, bodies.get(name, ""))
                equivalent = case_only_sql(before, after)
                if equivalent:
                    status = "equivalent"
                diff = " | ".join(f"- {b}" for b in before) + "  =>  " + " | ".join(after)
                survivors[module].append((key, diff, equivalent))
            counts[status] += 1
        rows.append((module, counts))
    if untested:
        return
    print(
        "| module | killed | timeout | survived | of which case-only SQL | no tests | unchecked "
        "| score |"
    )
    print("|---|---|---|---|---|---|---|---|")
    total: Counter[str] = Counter()
    for module, counts in rows:
        total.update(counts)
        print(line(module, counts))
    for pattern in patterns:  # one total per target, e.g. all of reflect/store/
        subtotal: Counter[str] = Counter()
        for module, counts in rows:
            if fnmatch.fnmatch(module + ".x", pattern):
                subtotal.update(counts)
        print(line(f"**{pattern.rstrip('*')} (all)**", subtotal))
    if show_diffs:
        for module, found in survivors.items():
            print(f"\n## {module}\n")
            for key, diff, equivalent in found:
                mark = " [case-only SQL]" if equivalent else ""
                print(f"- `{key.rsplit('.', 1)[1]}`{mark}: `{diff[:400]}`")


def line(module: str, counts: Counter[str]) -> str:
    killed = counts["killed"] + counts["timeout"]
    equivalent = counts["equivalent"]
    survived = counts["survived"] + equivalent
    checked = killed + survived
    raw = f"{100 * killed / checked:.1f}%" if checked else "-"
    net = checked - equivalent
    adjusted = f"{100 * killed / net:.1f}%" if net else "-"
    return (
        f"| {module} | {counts['killed']} | {counts['timeout']} | {survived} | {equivalent} | "
        f"{counts['no tests']} | "
        f"{counts['unchecked']} | {raw} ({adjusted} without case-only SQL) |"
    )


if __name__ == "__main__":
    main()
