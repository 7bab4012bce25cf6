"""Fuzzing the files people hand to reflect (answers files, import files): whatever they hold,
only reflect's own errors come out, never a traceback or an "unexpected" crash."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

PACK = "checkin"
QUESTIONS = yaml.safe_load((Path(__file__).parents[2] / "prompts" / f"{PACK}.yaml").read_text())[
    "questions"
]
QUESTION_IDS = [question["id"] for question in QUESTIONS]
SCALE_IDS = [question["id"] for question in QUESTIONS if question["kind"] == "scale"]

FUZZ = settings(
    max_examples=60,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

scalars = (
    st.none()
    | st.booleans()
    | st.integers(min_value=-(2**70), max_value=2**70)
    | st.floats(allow_nan=True, allow_infinity=True)
    | st.text(max_size=40)
)
json_values = st.recursive(
    scalars,
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=10), inner, max_size=4)
    ),
    max_leaves=12,
)
answer_mappings = st.dictionaries(
    st.sampled_from(QUESTION_IDS) | st.text(max_size=12), json_values, max_size=6
)


def as_file_content(value: Any, encoding: str) -> bytes:
    if encoding == "yaml":
        return yaml.safe_dump(value, allow_unicode=True).encode()
    return json.dumps(value, allow_nan=True).encode()


answers_files = (
    st.tuples(answer_mappings, st.sampled_from(["yaml", "json"])).map(
        lambda pair: as_file_content(*pair)
    )
    | st.text(max_size=300).map(str.encode)
    | st.binary(max_size=300)
)


def assert_only_reflect_errors(outcome) -> None:
    assert outcome.exit_code in (0, 1), outcome.output
    if outcome.exit_code == 1:
        assert outcome.stderr.startswith("Error: "), outcome.stderr
        assert "unexpected" not in outcome.stderr, outcome.stderr
    assert "Traceback" not in outcome.output


@settings(FUZZ, max_examples=40)  # each run parses every pack: about 0.35 s per example
@given(content=answers_files)
def test_fuzzed_answers_files_give_only_reflect_errors(cli, tmp_path, content):
    answers = tmp_path / "answers.yaml"
    answers.write_bytes(content)

    assert_only_reflect_errors(cli("run", PACK, "--answers", str(answers)))


@pytest.fixture(scope="module")
def real_export(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """A genuine `reflect export --format json` of a small journal, to mutate."""
    from typer.testing import CliRunner

    from reflect.cli.app import app

    home = tmp_path_factory.mktemp("export-home")
    environment = {"REFLECT_HOME": str(home)}  # CliRunner sets it only during each call
    answers = home / "answers.json"
    answers.write_text(json.dumps({question_id: 5 for question_id in SCALE_IDS[:2]}))
    runner = CliRunner()
    for arguments in (["note", "a note to export"], ["run", PACK, "--answers", str(answers)]):
        assert runner.invoke(app, arguments, env=environment).exit_code == 0
    result = runner.invoke(app, ["export", "--format", "json"], env=environment)
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def paths_in(value: Any, prefix: tuple = ()) -> list[tuple]:
    found = [prefix]
    if isinstance(value, dict):
        for key, inner in value.items():
            found += paths_in(inner, (*prefix, key))
    elif isinstance(value, list):
        for index, inner in enumerate(value):
            found += paths_in(inner, (*prefix, index))
    return found


def replaced(document: Any, path: tuple, new: Any) -> Any:
    if not path:
        return new
    copy = json.loads(json.dumps(document))
    holder = copy
    for step in path[:-1]:
        holder = holder[step]
    holder[path[-1]] = new
    return copy


@FUZZ
@given(data=st.data())
def test_fuzzed_import_files_give_only_reflect_errors(cli, tmp_path, real_export, data):
    """Mostly a real export with one value replaced (the hard case: everything else is valid),
    sometimes arbitrary JSON or bytes; once as a reflect export, once as a jrnl one."""
    kind = data.draw(st.sampled_from(["mutated", "json", "bytes"]))
    if kind == "mutated":
        path = data.draw(st.sampled_from(paths_in(real_export)))
        content = json.dumps(replaced(real_export, path, data.draw(json_values))).encode()
    elif kind == "json":
        content = json.dumps(data.draw(json_values)).encode()
    else:
        content = data.draw(st.binary(max_size=300))
    source = data.draw(st.sampled_from(["reflect", "jrnl"]))
    imported = tmp_path / "import.json"
    imported.write_bytes(content)

    assert_only_reflect_errors(cli("import", str(imported), "--from", source))
