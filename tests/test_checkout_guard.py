"""The suite tests the code of this checkout, never a stale installed copy (tests/conftest.py)."""

from __future__ import annotations

from pathlib import Path

import reflect
from tests.conftest import ROOT, _reflect_a_process_imports, checkout_mismatch


def test_the_guard_accepts_the_checkout_and_names_any_other_copy(tmp_path: Path):
    assert checkout_mismatch(ROOT / "reflect" / "__init__.py", ROOT) is None
    stale = tmp_path / "site-packages" / "reflect" / "__init__.py"
    problem = checkout_mismatch(stale, ROOT)
    assert problem is not None
    assert str(stale.parent) in problem and str(ROOT / "reflect") in problem


def test_this_process_and_a_separate_one_both_import_the_checkout():
    assert checkout_mismatch(reflect.__file__ or "", ROOT) is None
    assert checkout_mismatch(_reflect_a_process_imports(), ROOT) is None
