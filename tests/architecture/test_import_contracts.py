"""The layering's import-linter contracts (pyproject.toml [tool.importlinter]) hold on this tree,
and each kind of break makes `lint-imports` fail by the contract's name, as CI would."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import reflect

ROOT = Path(__file__).resolve().parents[2]
PACKAGE = Path(reflect.__file__).parent
LINT_IMPORTS = Path(sys.executable).with_name("lint-imports")


def lint_imports(tree: Path) -> subprocess.CompletedProcess[str]:
    """lint-imports run in tree (which holds a pyproject.toml and a reflect package)."""
    return subprocess.run(
        [str(LINT_IMPORTS), "--config", str(tree / "pyproject.toml"), "--no-cache"],
        cwd=tree,
        capture_output=True,
        text=True,
        # The copy in tree, not the editable install, is the package grimp reads.
        env={**os.environ, "PYTHONPATH": str(tree), "COLUMNS": "200"},
        timeout=120,
    )


def test_the_tree_keeps_every_contract():
    result = lint_imports(ROOT)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 broken" in result.stdout


@pytest.mark.parametrize(
    ("module", "added_import", "contract"),
    [
        (
            "store/tables.py",
            "import reflect.core.journal",
            "Layers: cli and api, render, core, packs and store, model",
        ),
        ("render/console.py", "import reflect.store.database", "Only core reaches the store"),
        ("model/formats.py", "import reflect.paths", "The model depends on nothing but the errors"),
        ("core/signals.py", "import reflect.core.running", "No import cycles between sibling"),
    ],
)
def test_a_forbidden_import_breaks_its_contract(tmp_path, module, added_import, contract):
    tree = tmp_path / "tree"
    shutil.copytree(PACKAGE, tree / "reflect", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(ROOT / "pyproject.toml", tree / "pyproject.toml")
    assert lint_imports(tree).returncode == 0  # the copy itself is clean

    target = tree / "reflect" / module
    target.write_text(
        target.read_text(encoding="utf-8") + f"\n{added_import}  # noqa\n", encoding="utf-8"
    )
    result = lint_imports(tree)
    assert result.returncode != 0
    broken = [line for line in result.stdout.splitlines() if line.endswith("BROKEN")]
    assert len(broken) >= 1
    assert any(line.startswith(contract) for line in broken), result.stdout
