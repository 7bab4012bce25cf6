"""reflect's own modules are imported at the top of every module (ruff's PLC0415 in pyproject),
and only the heavy libraries named in `banned-module-level-imports` are loaded inside the
functions that need them: a function-local import of a reflect module fails `ruff check`, and
this test finds none anywhere (no per-file exception either)."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

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


def test_no_function_imports_a_reflect_module():
    found = [
        line for path in sorted(PACKAGE.rglob("*.py")) for line in function_local_imports(path)
    ]
    assert found == []


# What the commands that must start fast never load (see tests/cli/test_command_tree.py for the
# commands themselves): the modules every command imports, and the pack readers of trends and
# the brief, are free of pydantic, which is imported only inside the functions that check a
# config file, a pack or an import file.
PYDANTIC_FREE = (
    "reflect.cli.app",
    "reflect.config",
    "reflect.config_file",
    "reflect.core.dimensions",
    "reflect.core.brief",
    "reflect.core.asking",
    "reflect.core.notes",
    "reflect.packs.plain",
    "reflect.render.running",
)


@pytest.mark.parametrize("module", PYDANTIC_FREE)
def test_a_module_on_the_fast_paths_imports_no_pydantic(module: str):
    loads = subprocess.run(
        [sys.executable, "-c", f"import sys, {module}; print('pydantic' in sys.modules)"],
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    assert loads.stdout.strip() == "False", module


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
