"""Summarise a mutmut run (run from the folder mutmut ran in): per-module counts and score, and
every surviving mutant's one-line diff, marked `case-only SQL` when the mutant only changes
the letter case of SQL text outside quoted literals (SQL keywords and names are
case-insensitive, so such a mutant is equivalent: no test can tell it apart).

    python tests/mutation/summarise.py "reflect.store*"          # tables (Markdown)
    python tests/mutation/summarise.py "reflect.store*" --diffs  # and every survivor's diff
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
    r"AND|coalesce|count|DISTINCT|SET|INTO|ON CONFLICT)\b",
    re.IGNORECASE,
)
QUOTED = re.compile(r"'[^']*'")


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
    if not before or len(before) != len(after):
        return False
    for old, new in zip(before, after, strict=True):
        if old == new or old.lower() != new.lower():
            return False
        if not SQL_WORDS.search(old):
            return False
        if QUOTED.findall(old) != QUOTED.findall(new):
            return False  # a quoted SQL literal ('scale', 'optimize') changed case: observable
    return True


def main() -> None:
    patterns = [arg for arg in sys.argv[1:] if not arg.startswith("--")]
    show_diffs = "--diffs" in sys.argv
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
