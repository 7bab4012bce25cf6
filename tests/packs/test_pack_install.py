"""After a normal (non-editable) install from a wheel, the fourteen built-in packs are there:
`reflect packs list` shows them and `reflect packs show trust` shows the pack's structure.

The wheel and its fresh virtualenv come from the session fixture `installed_reflect` in
tests/conftest.py (built offline, reflect imported only from the installed copy)."""

from __future__ import annotations

import json

import pytest

from reflect.packs.catalog import builtin_packs_folder


@pytest.mark.slow
def test_installed_reflect_lists_the_fourteen_packs_and_shows_trust(installed_reflect, tmp_path):
    home = tmp_path / "data"
    listed = installed_reflect.run(tmp_path, home, "packs", "list", "--json")
    assert listed.returncode == 0, listed.stderr
    packs = json.loads(listed.stdout)
    expected = sorted(path.stem for path in builtin_packs_folder().glob("*.yaml"))
    assert len(expected) == 14
    assert sorted(pack["id"] for pack in packs) == expected
    assert all(pack["valid"] and pack["source"] == "built-in" for pack in packs)
    assert all(
        str(installed_reflect.venv) in pack["path"] for pack in packs
    )  # from the wheel, not the checkout

    shown = installed_reflect.run(tmp_path, home, "packs", "show", "trust")
    assert shown.returncode == 0, shown.stderr
    assert "scale 0 (hardly at all) to 10 (a great deal)" in shown.stdout
    assert "dimension: trust" in shown.stdout
    assert "yesno" in shown.stdout
