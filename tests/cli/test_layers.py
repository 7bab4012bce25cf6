"""The layers as the imports show them (every import statement, function-local ones included):
render, packs and the CLI never reach into the store, the model depends on nothing but errors,
and the menu does not import the app that opens it."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

import reflect

PACKAGE = Path(reflect.__file__).parent


def imported_modules(path: Path) -> set[str]:
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
    return names


def modules_in(layer: str) -> list[Path]:
    return sorted((PACKAGE / layer).rglob("*.py"))


@pytest.mark.parametrize("layer", ["render", "packs", "cli"])
def test_a_layer_above_the_store_never_imports_it(layer):
    reaching = {
        str(path.relative_to(PACKAGE)): sorted(
            name for name in imported_modules(path) if name.startswith("reflect.store")
        )
        for path in modules_in(layer)
    }
    assert {path: names for path, names in reaching.items() if names} == {}


def test_the_model_depends_only_on_the_errors():
    for path in modules_in("model"):
        own = {name for name in imported_modules(path) if name.startswith("reflect")}
        assert own <= {"reflect.errors", "reflect.model"} | {
            name for name in own if name.startswith("reflect.model.")
        }, path


def test_the_menu_does_not_import_the_app():
    assert "reflect.cli.app" not in imported_modules(PACKAGE / "cli" / "menu.py")
