"""reflect's own modules are imported at the top of every module (ruff's PLC0415 in pyproject),
and only the heavy libraries named in `banned-module-level-imports` are loaded inside the
functions that need them: a function-local import of a reflect module fails `ruff check`."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import reflect

ROOT = Path(__file__).resolve().parents[2]
PACKAGE = Path(reflect.__file__).parent
RUFF = Path(sys.executable).with_name("ruff")


def function_local_imports(path: Path) -> list[str]:
    """`module:line name` of every import of a reflect module inside a function."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = []
    for function in ast.walk(tree):
        if not isinstance(function, ast.FunctionDef | ast.AsyncFunctionDef):
            continue
        for node in ast.walk(function):
            if isinstance(node, ast.ImportFrom) and (
                node.level > 0 or (node.module or "").startswith("reflect")
            ):
                found.append(f"{path.relative_to(PACKAGE)}:{node.lineno} {node.module}")
            elif isinstance(node, ast.Import):
                found += [
                    f"{path.relative_to(PACKAGE)}:{node.lineno} {alias.name}"
                    for alias in node.names
                    if alias.name.startswith("reflect")
                ]
    return found


# A command module (reflect/cli/<command>.py) is imported whole whenever `reflect --help` lists the
# commands, so its commands import their work (core, render, packs) when they run: the same rule
# is in pyproject's per-file-ignores. Everywhere else reflect's own modules are imported at the
# top, except these, each of which loads pydantic (about 0.1 s with its model building,
# benchmarks/read_paths.md) that list, show, search, note, trends and the exports never need
# (tests/cli/test_command_tree.py): they are loaded only to check a config file, a person's own
# pack or a declaration that is not plain data, or when a run starts.
COMMAND_MODULES = {
    f"cli/{name}.py"
    for name in (
        "config",
        "db",
        "exchange",
        "journal",
        "manual",
        "packs",
        "reflecting",
        "sessions",
        "sync",
        "trends",
    )
}
LAZY_BY_DESIGN = {
    ("config.py", "reflect.config_file"),
    ("core/brief.py", "reflect.packs.catalog"),
    ("core/dimensions.py", "reflect.packs.catalog"),
    ("core/dimensions.py", "reflect.packs.schema"),
    ("render/running.py", "reflect.core.running"),
}


def test_no_function_imports_a_reflect_module():
    found = {
        (line.split(":")[0], line.split()[-1])
        for path in sorted(PACKAGE.rglob("*.py"))
        for line in function_local_imports(path)
    }
    in_commands = {(where, module) for where, module in found if where in COMMAND_MODULES}
    assert all(
        module.startswith(("reflect.core", "reflect.render", "reflect.packs"))
        for _, module in in_commands
    ), in_commands
    assert found - in_commands == LAZY_BY_DESIGN
    # Each exception is still needed: importing it loads pydantic.
    for module in sorted({module for _, module in LAZY_BY_DESIGN}):
        loads = subprocess.run(
            [sys.executable, "-c", f"import sys, {module}; print('pydantic' in sys.modules)"],
            capture_output=True,
            text=True,
            timeout=60,
            check=True,
        )
        assert loads.stdout.strip() == "True", module


def ruff(path: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(RUFF), "check", "--no-cache", "--config", str(ROOT / "pyproject.toml"), str(path)],
        capture_output=True,
        text=True,
        timeout=60,
        cwd=ROOT,
    )


def test_the_lint_rule_fails_a_function_local_import_of_reflect(tmp_path):
    module = tmp_path / "sample.py"
    module.write_text(
        '"""A module."""\n\n\ndef later() -> str:\n'
        "    from reflect.paths import data_paths\n\n    return str(data_paths().home)\n",
        encoding="utf-8",
    )
    result = ruff(module)
    assert result.returncode != 0
    assert "PLC0415" in result.stdout


def test_a_heavy_library_stays_inside_its_function(tmp_path):
    lazy = tmp_path / "lazy.py"
    lazy.write_text(
        '"""A module."""\n\n\ndef ask() -> object:\n    import questionary\n\n'
        "    return questionary\n",
        encoding="utf-8",
    )
    assert ruff(lazy).returncode == 0
    eager = tmp_path / "eager.py"
    eager.write_text(
        '"""A module."""\n\nimport questionary\n\nASK = questionary\n', encoding="utf-8"
    )
    result = ruff(eager)
    assert result.returncode != 0
    assert "TID253" in result.stdout
