"""`reflect packs validate` takes a path, or the id (or file name) of a pack in the packs folder,
so the README's `packs new my-pack` then `packs validate my-pack` works as written."""

from __future__ import annotations

import os


def test_a_new_pack_validates_by_its_id_and_its_file_name_from_anywhere(cli, tmp_path):
    assert cli("packs", "new", "my-pack").exit_code == 0
    os.chdir(tmp_path)  # not the packs folder: the file name alone is not a path here
    for name in ("my-pack", "my-pack.yaml"):
        outcome = cli("packs", "validate", name)
        assert outcome.exit_code == 0, outcome.output
        assert outcome.stdout.startswith("ok  ") and "packs/my-pack.yaml" in outcome.stdout


def test_a_built_in_pack_validates_by_its_id(cli):
    outcome = cli("packs", "validate", "trust")
    assert outcome.exit_code == 0 and "(trust, " in outcome.stdout


def test_a_file_in_the_current_folder_wins_over_a_pack_of_that_name(cli, tmp_path):
    assert cli("packs", "new", "my-pack").exit_code == 0
    os.chdir(tmp_path)
    (tmp_path / "my-pack.yaml").write_text("id: [broken\n", encoding="utf-8")
    outcome = cli("packs", "validate", "my-pack.yaml")
    assert outcome.exit_code == 1 and outcome.stderr.startswith("my-pack.yaml:")


def test_an_unknown_name_says_it_is_neither_a_file_nor_a_pack(cli):
    outcome = cli("packs", "validate", "nope")
    assert outcome.exit_code == 1
    assert "nope: file: no such file, and no pack has that id" in outcome.stderr
    assert "reflect packs list" in outcome.stderr
