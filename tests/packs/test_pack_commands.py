"""`reflect packs list|show|validate|new` as a person uses them."""

from __future__ import annotations

import json
import stat
from pathlib import Path

from reflect.packs.catalog import builtin_packs_folder

# In the order `reflect packs list` suggests them before any has been used.
BUILT_IN = [
    "checkin",
    "between",
    "prepare",
    "mood",
    "trust",
    "safety",
    "conditions",
    "alliance",
    "ruptures",
    "patterns",
    "beginnings",
    "breaks",
    "practical",
    "stop-or-change",
]


def user_pack(home: Path, name: str, text: str) -> Path:
    folder = home / "packs"
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


SMALL_PACK = "id: {id}\ntitle: {title}\nquestions:\n  - {{id: q, text: A question, kind: text}}\n"


def test_list_shows_every_built_in_pack_with_a_one_line_description(cli):
    outcome = cli("packs", "list")
    assert outcome.exit_code == 0
    lines = outcome.stdout.splitlines()
    for pack_id in BUILT_IN:
        [line] = [number for number, text in enumerate(lines) if text.startswith(f"{pack_id} ")]
        assert "built-in · ok" in lines[line]
        description = lines[line + 1]
        assert description.startswith(" " * len("stop-or-change  ")) and description.strip()
    assert "A two-minute look back right after a session." in outcome.stdout
    assert "Wondering whether to stop, pause or see someone else." in outcome.stdout


def test_list_starts_with_the_check_in_marked_as_the_place_to_start(cli):
    lines = cli("packs", "list").stdout.splitlines()
    assert lines[0].startswith("checkin ")
    assert "After a session · start here" in lines[0]
    assert sum("start here" in line for line in lines) == 1
    listed = json.loads(cli("packs", "list", "--json").stdout)
    assert [item["id"] for item in listed if item["start_here"]] == ["checkin"]
    assert listed[0]["description"] == "A two-minute look back right after a session."


def _run(cli, tmp_path, pack_id, times):
    from reflect.packs.catalog import find_pack

    first = find_pack(pack_id).questions[0]
    value = {"text": "a few words", "scale": 5, "yesno": "no"}.get(first.kind)
    if first.options:
        value = first.options[0] if first.kind == "choice" else [first.options[0]]
    answers = tmp_path / f"{pack_id}.yaml"
    answers.write_text(json.dumps({first.id: value}))
    for _ in range(times):
        assert cli("run", pack_id, "--answers", str(answers)).exit_code == 0


def test_list_puts_the_most_used_packs_next_then_the_suggested_order(cli, tmp_path):
    _run(cli, tmp_path, "practical", 3)
    _run(cli, tmp_path, "ruptures", 2)
    _run(cli, tmp_path, "trust", 2)
    _run(cli, tmp_path, "checkin", 1)
    listed = [item["id"] for item in json.loads(cli("packs", "list", "--json").stdout)]
    # checkin stays first however little it is used; trust and ruptures tie, so the suggested
    # order decides between them; unused packs keep the suggested order.
    unused = [pack_id for pack_id in BUILT_IN if pack_id not in ("checkin", "practical", "trust")]
    unused.remove("ruptures")
    assert listed == ["checkin", "practical", "trust", "ruptures", *unused]
    lines = cli("packs", "list").stdout.splitlines()
    assert [line.split()[0] for line in lines if not line.startswith(" ")][:4] == listed[:4]


def test_trashed_entries_do_not_count_as_use(cli, tmp_path):
    _run(cli, tmp_path, "breaks", 1)
    [entry] = json.loads(cli("list", "--json").stdout)["entries"]
    entry_id = entry["id"]
    assert cli("delete", entry_id, "--yes").exit_code == 0
    listed = [item["id"] for item in json.loads(cli("packs", "list", "--json").stdout)]
    assert listed == BUILT_IN


def test_list_does_not_create_a_journal_or_ask_for_a_passphrase(cli, reflect_home, monkeypatch):
    listed = [item["id"] for item in json.loads(cli("packs", "list", "--json").stdout)]
    assert listed == BUILT_IN
    assert not (reflect_home / "journal.db").exists()
    reflect_home.mkdir(parents=True, exist_ok=True)
    (reflect_home / "journal.db").write_bytes(b"\x8f" * 4096)  # encrypted, as far as it shows
    monkeypatch.delenv("REFLECT_PASSPHRASE", raising=False)
    outcome = cli("packs", "list", "--json")
    assert outcome.exit_code == 0, outcome.stderr
    assert [item["id"] for item in json.loads(outcome.stdout)] == BUILT_IN


def test_list_json_has_id_title_count_source_and_validity(cli):
    listed = json.loads(cli("packs", "list", "--json").stdout)
    assert [item["id"] for item in listed] == BUILT_IN
    trust = next(item for item in listed if item["id"] == "trust")
    assert trust["title"] == "Trust"
    assert trust["source"] == "built-in"
    assert trust["valid"] is True
    assert 5 <= trust["questions"] <= 12


def test_a_user_pack_shadows_the_built_in_one_and_list_says_so(cli, reflect_home):
    user_pack(reflect_home, "trust.yaml", SMALL_PACK.format(id="trust", title="My trust"))
    listed = json.loads(cli("packs", "list", "--json").stdout)
    mine = [item for item in listed if item["id"] == "trust"]
    assert [(item["source"], item["shadows_builtin"], item["shadowed"]) for item in mine] == [
        ("built-in", False, True),
        ("user", True, False),
    ]
    assert "shadows the built-in pack" in " ".join(cli("packs", "list").stdout.split())
    assert "My trust" in cli("packs", "show", "trust").stdout


def test_a_broken_user_pack_is_listed_with_its_reason_and_the_others_still_load(cli, reflect_home):
    user_pack(reflect_home, "broken.yaml", "id: broken\ntitle: Broken\nquestions: []\n")
    user_pack(reflect_home, "fine.yaml", SMALL_PACK.format(id="fine", title="Fine"))
    outcome = cli("packs", "list")
    assert outcome.exit_code == 0
    assert "invalid: line 3: questions: has no questions" in " ".join(outcome.stdout.split())
    listed = {item["id"]: item for item in json.loads(cli("packs", "list", "--json").stdout)}
    assert listed["fine"]["valid"] is True
    assert listed["broken"]["valid"] is False
    assert all(listed[pack_id]["valid"] for pack_id in BUILT_IN)
    shown = cli("packs", "show", "broken")
    assert shown.exit_code == 1
    assert "is invalid" in shown.stderr


def test_a_broken_user_file_named_like_a_built_in_is_reported_not_silently_skipped(
    cli, reflect_home
):
    user_pack(reflect_home, "trust.yaml", "id: trust\ntitle: Mine\n")
    listed = [item for item in json.loads(cli("packs", "list", "--json").stdout)]
    assert [item["shadowed"] for item in listed if item["id"] == "trust"] == [True, False]
    outcome = cli("packs", "show", "trust")
    assert outcome.exit_code == 1
    assert (
        f"The pack 'trust' ({reflect_home / 'packs' / 'trust.yaml'}) is invalid" in outcome.stderr
    )
    assert "reflect packs validate" in outcome.stderr


def test_a_user_pack_may_carry_an_id_unlike_its_file_name(cli, reflect_home):
    user_pack(reflect_home, "anything.yaml", SMALL_PACK.format(id="mine", title="Mine"))
    assert "Mine" in cli("packs", "show", "mine").stdout


def test_two_user_files_with_one_id_do_not_depend_on_luck(cli, reflect_home):
    user_pack(reflect_home, "a.yaml", SMALL_PACK.format(id="same", title="A"))
    user_pack(reflect_home, "b.yaml", SMALL_PACK.format(id="same", title="B"))
    listed = [item for item in json.loads(cli("packs", "list", "--json").stdout)]
    by_path = {Path(item["path"]).name: item for item in listed if item["source"] == "user"}
    assert by_path["a.yaml"]["valid"] is True
    assert by_path["b.yaml"]["problems"] == ["the id 'same' is already used by a.yaml"]


def test_show_trust_lists_questions_kinds_scale_ends_and_dimensions(cli):
    outcome = cli("packs", "show", "trust")
    assert outcome.exit_code == 0
    text = outcome.stdout
    assert "How much do you trust your therapist at the moment?" in text
    assert "scale 0 (hardly at all) to 10 (a great deal)" in text
    assert "dimension: trust (Trust)" in text
    assert "not-said-yet · yesno" in text
    assert "asked only when not-said-yet is 'yes'" in text


def test_show_names_reverse_scored_items_and_the_label_of_a_renamed_dimension(cli):
    text = " ".join(cli("packs", "show", "ruptures").stdout.split())
    assert "strain-size · scale 0 (a small wobble) to 10 (a real break)" in text
    assert "dimension: ease (Ease between you) · reverse-scored" in text


def test_show_json_is_the_pack_definition(cli):
    shown = json.loads(cli("packs", "show", "safety", "--json").stdout)
    assert shown["id"] == "safety"
    assert shown["source"] == "built-in"
    first = shown["questions"][0]
    assert (first["kind"], first["min"], first["max"], first["dimension"]) == (
        "scale",
        0,
        10,
        "safety",
    )


def test_show_accepts_a_file_path(cli, tmp_path):
    path = tmp_path / "draft.yaml"
    path.write_text(SMALL_PACK.format(id="draft", title="Draft"), encoding="utf-8")
    assert "Draft" in cli("packs", "show", str(path)).stdout


def test_show_an_unknown_pack_suggests_a_close_one(cli):
    outcome = cli("packs", "show", "trsut")
    assert outcome.exit_code == 1
    assert "There is no pack called 'trsut'." in outcome.stderr
    assert "Did you mean 'trust'?" in outcome.stderr


def test_validate_prints_ok_for_good_files_and_exits_0(cli):
    files = sorted(str(path) for path in builtin_packs_folder().glob("*.yaml"))
    outcome = cli("packs", "validate", *files)
    assert outcome.exit_code == 0
    assert [line.split()[:2] for line in outcome.stdout.splitlines()] == [
        ["ok", path] for path in files
    ]


def test_validate_reports_every_bad_file_and_still_checks_the_good_ones(cli, tmp_path):
    good = tmp_path / "good.yaml"
    good.write_text(SMALL_PACK.format(id="good", title="Good"), encoding="utf-8")
    bad = tmp_path / "bad.yaml"
    bad.write_text("id: bad\ntitle: Bad\nquestions:\n  - {id: q, text: Q, kind: slider}\n")
    outcome = cli("packs", "validate", str(bad), str(good))
    assert outcome.exit_code == 1
    assert f"ok  {good}" in outcome.stdout
    assert f"{bad}:4:28: questions[0].kind: 'slider' is not one of" in outcome.stderr
    assert "1 of 2 files have problems." in outcome.stderr


def test_validate_json(cli, tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("id: bad\n", encoding="utf-8")
    outcome = cli("packs", "validate", "--json", str(bad))
    assert outcome.exit_code == 1
    [checked] = json.loads(outcome.stdout)
    assert checked["valid"] is False
    assert {problem["where"] for problem in checked["problems"]} == {"title", "questions"}


def test_validate_a_folder_checks_its_pack_files(cli):
    outcome = cli("packs", "validate", str(builtin_packs_folder()))
    assert outcome.exit_code == 0
    assert len(outcome.stdout.splitlines()) == len(BUILT_IN)


def test_new_writes_a_commented_starter_that_validates(cli, reflect_home):
    outcome = cli("packs", "new", "my-pack")
    assert outcome.exit_code == 0
    path = reflect_home / "packs" / "my-pack.yaml"
    assert outcome.stdout.strip() == str(path)
    assert path.read_text(encoding="utf-8").startswith("# ")
    assert stat.S_IMODE((reflect_home / "packs").stat().st_mode) == 0o700
    assert stat.S_IMODE(reflect_home.stat().st_mode) == 0o700
    assert cli("packs", "validate", str(path)).exit_code == 0
    listed = {item["id"]: item for item in json.loads(cli("packs", "list", "--json").stdout)}
    assert listed["my-pack"]["valid"] is True
    assert listed["my-pack"]["source"] == "user"


def test_new_refuses_to_overwrite(cli, reflect_home):
    assert cli("packs", "new", "mine").exit_code == 0
    path = reflect_home / "packs" / "mine.yaml"
    path.write_text("# my edits\n", encoding="utf-8")
    outcome = cli("packs", "new", "mine")
    assert outcome.exit_code == 1
    assert "already exists" in outcome.stderr
    assert path.read_text(encoding="utf-8") == "# my edits\n"


def test_new_with_a_bad_id_explains_and_suggests(cli, reflect_home):
    outcome = cli("packs", "new", "My Pack")
    assert outcome.exit_code == 1
    assert "'My Pack' cannot be a pack id." in outcome.stderr
    assert "reflect packs new my-pack" in outcome.stderr
    assert not (reflect_home / "packs").exists()


def test_new_with_a_built_in_id_warns_that_it_will_be_used_instead(cli):
    outcome = cli("packs", "new", "trust")
    assert outcome.exit_code == 0
    assert "used instead of the built-in pack 'trust'" in outcome.stderr


def test_pack_text_cannot_drive_the_terminal(cli, reflect_home):
    user_pack(reflect_home, "esc.yaml", SMALL_PACK.format(id="esc", title='"\\e[31m[bold]x"'))
    outcome = cli("packs", "show", "esc")
    assert "\x1b" not in outcome.stdout
    assert "␛[31m[bold]x" in outcome.stdout


def test_the_starter_pack_runs(cli, reflect_home, tmp_path):
    assert cli("packs", "new", "my-pack").exit_code == 0
    answers = tmp_path / "answers.yaml"
    answers.write_text("felt-heard: 3\nwhat-got-in-the-way: rushed\nbring-it-up: 'yes'\n")
    outcome = cli("run", "my-pack", "--answers", str(answers))
    assert outcome.exit_code == 0, outcome.stderr
