"""The README's two set-up commands are the ones that work, and CI runs the same test command."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def setup_commands() -> list[str]:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    blocks = re.findall(r"```bash\n(.*?)```", text, flags=re.DOTALL)
    return [block.strip() for block in blocks[:2]]


def test_readme_starts_with_exactly_two_single_line_setup_commands():
    install, test = setup_commands()
    assert "\n" not in install and "\n" not in test
    assert "pip install ." in install and ".venv/bin/reflect" in install
    assert "pytest" in test and "ruff check" in test and "ruff format --check" in test


def test_ci_runs_the_readme_test_command_verbatim():
    _, test = setup_commands()
    ci_lines = [
        line.strip()
        for line in (ROOT / ".ci" / "run").read_text(encoding="utf-8").splitlines()
        if line.strip() and not line.lstrip().startswith("#")
    ]
    assert ci_lines[-1] == test


def test_ci_script_never_reads_standard_input():
    script = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert "exec </dev/null" in script
    assert "set -euo pipefail" in script
