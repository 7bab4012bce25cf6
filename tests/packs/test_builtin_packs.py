"""The built-in packs: shape, tone, our own instruments, and the maps in prompts/README.md."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from reflect.packs.catalog import SUGGESTED_ORDER, builtin_packs_folder, discover_packs
from reflect.packs.definition import Pack, Question
from reflect.packs.loader import load_pack_file, load_pack_text
from reflect.render.packs import one_line_description

ROOT = Path(__file__).resolve().parents[2]
README = ROOT / "prompts" / "README.md"
# The packs of reflect's first version, as they shipped (answers in old journals were asked so).
FIRST_VERSION = ROOT / "tests" / "fixtures" / "packs-v1"
THEMED = ("trust", "safety", "patterns", "alliance", "conditions", "ruptures", "checkin")
THEMED += ("between", "beginnings")
NEW = ("breaks", "prepare", "practical", "stop-or-change")
OTHER = ("mood",)  # the home of mood histories imported from Daylio
ALL = THEMED + NEW + OTHER
THEMES = 16
# Fragments of published instruments' items and claims no pack may make (see shared/domain.md).
FORBIDDEN = (
    "heard, understood, and respected",
    "heard, understood and respected",
    "something missing",
    "right for me",
    "good fit for me",
    "mutually agreed",
    "likes me",
    "appreciates me",
    "respect each other",
    "cares about me even when",
    "the way we are working with my problem",
    "what is important for me to work on",
    "validated",
    "clinical",
    "session rating scale",
    "working alliance inventory",
)
# Item and scale names of published instruments, which no id, title or label of ours may be:
# Session Rating Scale (its four lines), Outcome Rating Scale, Working Alliance Inventory and its
# short revision (subscales and the literature's names for them), CALPAS and Helping Alliance
# scales, and the post-session rupture questionnaires' headings.
PUBLISHED_ITEM_NAMES = (
    "relationship",
    "goals and topics",
    "approach or method",
    "approach method",
    "overall",
    "individually",
    "interpersonally",
    "socially",
    "bond",
    "goal",
    "goals",
    "task",
    "tasks",
    "agreement on goals",
    "agreement on tasks",
    "goal agreement",
    "task agreement",
    "emotional bond",
    "working alliance",
    "therapeutic alliance",
    "helping alliance",
    "patient working capacity",
    "patient commitment",
    "working strategy consensus",
    "therapist understanding and involvement",
    "rupture",
    "ruptures",
    "rupture resolution",
    "resolution",
    "tension",
    "session rating scale",
    "outcome rating scale",
)
# The Session Rating Scale's order: relationship, goals and topics, approach, overall; our names
# for those ideas now, and the names the first version of reflect used.
SRS_ORDER = ("connection", "focus", "approach", "worth")
SRS_ORDER_FORMERLY = ("bond", "goals", "tasks", "overall")
CRISIS_WORDS = ("crisis", "emergency", "danger", "harming yourself", "harm yourself")


def builtin(pack_id: str) -> Pack:
    return load_pack_file(builtin_packs_folder() / f"{pack_id}.yaml")


def first_version(pack_id: str) -> Pack:
    return load_pack_file(FIRST_VERSION / f"{pack_id}.yaml")


def normalised(name: str) -> str:
    return " ".join(re.sub(r"[-_/]", " ", name.lower()).split())


def is_rating(question: Question) -> bool:
    return question.kind == "scale" and (question.min, question.max) == (0, 10)


def as_asked(pack: Pack) -> Iterator[list[Question]]:
    """The question sequences a run can ask: with every follow-up, and with none."""
    yield list(pack.questions)
    yield [question for question in pack.questions if question.when is None]


def test_exactly_these_packs_ship_and_all_are_valid():
    listings = [listing for listing in discover_packs() if listing.origin == "built-in"]
    assert sorted(listing.id for listing in listings) == sorted(ALL)
    assert all(listing.valid for listing in listings), [listing.problem for listing in listings]
    # find_pack loads a built-in pack by its file name alone
    assert all(listing.path.stem == listing.id for listing in listings)
    assert sorted(SUGGESTED_ORDER) == sorted(ALL)


@pytest.mark.parametrize("pack_id", THEMED)
def test_themed_pack_has_5_to_12_questions_mixing_scales_and_open_ones(pack_id):
    pack = builtin(pack_id)
    kinds = [question.kind for question in pack.questions]
    assert 5 <= len(kinds) <= 12
    assert "scale" in kinds
    assert "text" in kinds


@pytest.mark.parametrize("pack_id", NEW)
def test_new_pack_has_4_to_8_questions_with_room_to_write(pack_id):
    pack = builtin(pack_id)
    assert 4 <= len(pack.questions) <= 8
    assert sum(question.kind == "text" for question in pack.questions) >= 2


@pytest.mark.parametrize("pack_id", ALL)
def test_pack_says_why_it_exists_and_ends_kindly(pack_id):
    pack = builtin(pack_id)
    assert pack.intro.strip()
    assert pack.outro.strip()
    assert pack.description.strip()
    assert pack.version == ("2" if pack_id in THEMED else "1")


@pytest.mark.parametrize("pack_id", ALL)
def test_the_first_sentence_of_the_description_fits_one_line_of_the_pack_list(pack_id):
    summary = one_line_description(builtin(pack_id).description)
    assert summary.endswith(".")
    assert 20 <= len(summary) <= 62, summary  # 80 columns less the id column


@pytest.mark.parametrize("pack_id", ALL)
def test_every_rating_is_0_to_10_with_labelled_ends_and_a_dimension(pack_id):
    for question in builtin(pack_id).questions:
        if question.kind == "scale":
            assert (question.min, question.max) == (0, 10), question.id
            assert question.min_label and question.max_label, question.id
            assert question.dimension, question.id


@pytest.mark.parametrize("pack_id", ALL)
def test_no_pack_asks_four_ratings_in_a_row(pack_id):
    for questions in as_asked(builtin(pack_id)):
        run = longest = 0
        for question in questions:
            run = run + 1 if is_rating(question) else 0
            longest = max(longest, run)
        assert longest < 4, [question.id for question in questions]


@pytest.mark.parametrize("pack_id", ALL)
def test_no_pack_rates_in_the_session_rating_scales_order(pack_id):
    dimensions = [q.dimension for q in builtin(pack_id).questions if q.kind == "scale"]
    for order in (SRS_ORDER, SRS_ORDER_FORMERLY):
        remaining = iter(dimensions)
        assert not all(name in remaining for name in order), (pack_id, dimensions)


def test_the_order_check_would_catch_the_first_check_in():
    """The check above fails on the check-in reflect first shipped (four ratings in that order)."""
    old = first_version("checkin")
    dimensions = iter([q.dimension for q in old.questions if q.kind == "scale"])
    assert all(name in dimensions for name in SRS_ORDER_FORMERLY)
    assert [is_rating(q) for q in old.questions[:4]] == [True] * 4


@pytest.mark.parametrize("pack_id", ALL)
def test_no_id_title_or_label_is_a_published_instruments_item_name(pack_id):
    pack = builtin(pack_id)
    # Pack ids stay as they were (`--pack ruptures` and old journals keep working); what a
    # person reads is the title.
    names = [pack.title]
    for dimension, declared in pack.dimensions.items():
        names += [dimension, declared.label]
    for question in pack.questions:
        names += [question.id, question.dimension or "", question.text]
        names += [question.min_label or "", question.max_label or ""]
    published = set(PUBLISHED_ITEM_NAMES)
    assert [name for name in names if normalised(name) in published] == []


def test_the_item_name_check_would_catch_the_literature_labels():
    old_dimensions = {q.dimension for pack_id in THEMED for q in first_version(pack_id).questions}
    assert {"bond", "goals", "tasks", "overall", "rupture"} <= {
        normalised(name)
        for name in old_dimensions
        if name and normalised(name) in PUBLISHED_ITEM_NAMES
    }


@pytest.mark.parametrize("pack_id", ALL)
def test_questions_are_short_and_never_copy_an_instrument(pack_id):
    pack = builtin(pack_id)
    for question in pack.questions:
        assert len(question.text) <= 120, question.id
    text = Path(builtin_packs_folder() / f"{pack_id}.yaml").read_text(encoding="utf-8").lower()
    text = " ".join(text.split())
    for disclaimer in ("not a validated questionnaire", "not a clinical score"):
        text = text.replace(disclaimer, "")
    for fragment in FORBIDDEN:
        assert fragment not in text, fragment


def test_the_lines_found_presuming_or_accusing_are_gone():
    """Each of these was read as presuming, accusing or alarming (issue 15)."""
    gone = {
        "safety": ("something made it feel less safe", "how judged", "too fast or too deep"),
        "conditions": ("not proud of", "playing a part", "put on"),
        "trust": ("stays between the two of you", "waiting to be let down"),
        "alliance": ("see the point of your therapy", "what did you bring to the work lately"),
        "patterns": ("there for you when it counts", "how is this relationship different"),
        "ruptures": ("since you last reflected",),
        "beginnings": ("cold",),
    }
    for pack_id in ALL:
        text = " ".join(
            (builtin_packs_folder() / f"{pack_id}.yaml").read_text(encoding="utf-8").split()
        ).lower()
        assert "in the room" not in text, pack_id
        for phrase in gone.get(pack_id, ()):
            assert phrase not in text, (pack_id, phrase)


@pytest.mark.parametrize("pack_id", ALL)
def test_no_pack_speaks_of_crises_in_its_intro_questions_or_outro(pack_id):
    pack = builtin(pack_id)
    texts = [pack.intro, pack.outro]
    for question in pack.questions:
        texts += [question.text, question.help or "", *(question.options or [])]
    for text in texts:
        assert not any(word in text.lower() for word in CRISIS_WORDS), text


def test_the_first_versions_outros_did_speak_of_crises():
    """What the check above guards against, as reflect first shipped it."""
    with_crisis = [p for p in THEMED if "crisis" in first_version(p).outro]
    assert with_crisis == ["safety", "patterns", "ruptures", "beginnings"]


# Words of an outro that read the answers: the outro is the same whatever was answered.
ANSWER_READING_WORDS = re.compile(
    r"\b(low|lower|lowest|high|higher|highest|number|numbers|score)\b"
)


@pytest.mark.parametrize("pack_id", ALL)
def test_no_outro_speaks_of_answers_it_did_not_see(pack_id):
    assert not ANSWER_READING_WORDS.search(builtin(pack_id).outro.lower())


def test_the_first_check_in_s_outro_spoke_of_a_low_number():
    """What the check above guards against: shown after answers of 7 and 10 alike."""
    assert ANSWER_READING_WORDS.search(first_version("checkin").outro.lower())


@pytest.mark.parametrize("pack_id", ALL)
def test_every_dimension_a_pack_feeds_has_a_label(pack_id):
    pack = builtin(pack_id)
    fed = {question.dimension for question in pack.questions if question.dimension}
    assert fed <= set(pack.dimensions), fed - set(pack.dimensions)
    for declared in pack.dimensions.values():
        assert declared.label[0].isupper()
        assert normalised(declared.label) not in PUBLISHED_ITEM_NAMES


def test_a_dimension_reads_the_same_and_joins_the_same_old_names_in_every_pack():
    labels: dict[str, set[str]] = {}
    joins: dict[str, set[tuple[str, bool]]] = {}
    for pack_id in ALL:
        for name, declared in builtin(pack_id).dimensions.items():
            labels.setdefault(name, set()).add(declared.label)
            for former in declared.formerly:
                joins.setdefault(former.name, set()).add((name, former.inverted))
    assert {name: len(found) for name, found in labels.items() if len(found) > 1} == {}
    assert {old: len(found) for old, found in joins.items() if len(found) > 1} == {}
    assert {old: found.pop() for old, found in joins.items()} == {
        "bond": ("connection", False),
        "goals": ("focus", False),
        "tasks": ("approach", False),
        "overall": ("worth", False),
        "rupture": ("ease", True),
    }
    assert labels["connection"] == {"Connection"}
    assert labels["focus"] == {"Focus on what matters"}
    assert labels["approach"] == {"Way of working together"}
    assert labels["worth"] == {"Worth it"}
    assert labels["ease"] == {"Ease between you"}


@pytest.mark.parametrize("pack_id", THEMED)
def test_every_dimension_the_first_version_fed_is_declared_by_the_pack_today(pack_id):
    """So an old journal's answers find their dimension, whether joined per pack or overall."""
    pack = builtin(pack_id)
    old = {q.dimension for q in first_version(pack_id).questions if q.dimension}
    current = set(pack.dimensions)
    formerly = {f.name for declared in pack.dimensions.values() for f in declared.formerly}
    assert old - current - formerly == set()


def test_reverse_scored_items_are_worded_so_a_high_answer_means_less():
    reverse = {
        f"{pack_id}.{question.id}": question.dimension
        for pack_id in ALL
        for question in builtin(pack_id).questions
        if question.reverse
    }
    # Each of these asks about the opposite of its dimension (holding back -> openness, ...).
    assert reverse == {
        "safety.holding-back": "openness",
        "patterns.pull-back": "openness",
        "ruptures.strain-size": "ease",
    }


def test_follow_ups_ask_what_happened_after_a_low_safety_answer():
    safety = builtin("safety").question("what-happened")
    assert safety is not None and safety.when is not None
    assert (safety.when.question, safety.when.at_most) == ("safe-to-open-up", 4)
    assert safety.when.is_met(4) and not safety.when.is_met(5)


def test_ruptures_asks_how_far_a_strain_was_talked_through_and_follows_up_each_answer():
    pack = builtin("ruptures")
    strain = pack.question("strain")
    talked = pack.question("talked-through")
    assert strain is not None and strain.kind == "yesno"
    assert talked is not None and talked.kind == "choice"
    assert talked.options == ("not yet", "a little", "properly")
    assert talked.when is not None and (talked.when.question, talked.when.equals) == (
        "strain",
        "yes",
    )
    easier = pack.question("easier-to-raise")
    assert easier is not None and easier.when is not None
    assert easier.when.question == "talked-through"
    assert [easier.when.is_met(option) for option in talked.options] == [True, False, False]
    eased = pack.question("eased")
    assert eased is not None and eased.when is not None and eased.dimension == "repair"
    assert eased.when.is_met("yes") and not eased.when.is_met("no")
    showed = pack.question("strain-showed")
    assert showed is not None and {"I blamed myself", "I felt confused"} <= set(showed.options)


def test_ruptures_says_once_and_calmly_that_some_things_are_not_strains_to_repair():
    pack = builtin("ruptures")
    texts = [pack.intro, pack.outro, *(q.help or "" for q in pack.questions)]
    naming = [text for text in texts if "licensing body" in text]
    assert len(naming) == 1
    [said] = naming
    assert "professional or licensing body" in said
    for thing in ("sexual", "social contact", "pressure", '"no"'):
        assert thing in said, thing
    assert "!" not in said and not any(word in said.lower() for word in CRISIS_WORDS)
    others = [pack_id for pack_id in ALL if pack_id != "ruptures"]
    assert not any("licensing body" in builtin(p).intro for p in others)


def test_bring_marks_the_questions_a_client_would_take_to_the_next_session():
    marked = {
        f"{pack_id}.{question.id}"
        for pack_id in ALL
        for question in builtin(pack_id).questions
        if question.bring
    }
    assert {
        "between.bring-next-time",
        "between.what-to-say",
        "trust.not-said-yet",
        "checkin.unsaid-what",
        "ruptures.easier-to-raise",
        "prepare.want-to-talk-about",
        "prepare.if-only-one",
        "prepare.how-to-open",
        "prepare.from-them",
    } <= marked
    # Ratings are for trends, not for the brief's own words.
    assert not any(
        builtin(reference.split(".")[0]).question(reference.split(".")[1]).kind == "scale"
        for reference in marked
    )


def test_the_check_in_is_our_own_shape_open_questions_and_two_ratings():
    pack = builtin("checkin")
    kinds = [question.kind for question in pack.questions]
    assert kinds.count("scale") == 2
    assert kinds[0] != "scale"
    assert {q.dimension for q in pack.questions if q.kind == "scale"} == {"connection", "worth"}
    assert "not a validated questionnaire" in pack.description
    for idea in ("helped-most", "helped-least", "more-or-less", "unsaid", "leaving"):
        assert pack.question(idea) is not None, idea


def two_column_table(heading: str) -> dict[str, list[str]]:
    """A README table of `| name | questions |` rows under heading: name -> pack.question refs."""
    section = README.read_text(encoding="utf-8").split(heading)[1].split("\n## ")[0]
    rows: dict[str, list[str]] = {}
    for line in section.splitlines():
        cells = [cell.strip() for cell in line.strip().strip("|").split("|")]
        if line.startswith("|") and len(cells) == 2 and "`" in cells[1]:
            rows[cells[0]] = re.findall(r"`([a-z0-9_-]+\.[a-z0-9_-]+)`", cells[1])
    return rows


def theme_table() -> dict[int, list[str]]:
    section = README.read_text(encoding="utf-8").split("## Themes and the questions")[1]
    rows: dict[int, list[str]] = {}
    for line in section.split("\n## ")[0].splitlines():
        cells = [cell.strip() for cell in line.strip().strip("|").split("|")]
        if len(cells) == 3 and cells[0].isdigit():
            rows[int(cells[0])] = re.findall(r"`([a-z0-9_-]+\.[a-z0-9_-]+)`", cells[2])
    return rows


def resolve(reference: str) -> Question:
    pack_id, question_id = reference.split(".")
    assert pack_id in ALL, reference
    question = builtin(pack_id).question(question_id)
    assert question is not None, reference
    return question


def test_the_theme_table_covers_every_theme_with_questions_that_exist():
    table = theme_table()
    assert sorted(table) == list(range(1, THEMES + 1))
    for theme, references in table.items():
        assert references, f"theme {theme} names no question"
        for reference in references:
            resolve(reference)


# The topics clients bring that the first version had no home for (issue 15), with words a
# question about each must use (in its text, help or options).
TOPICS = {
    "Breaks and holidays": ("break", "holiday"),
    "Endings": ("ending",),
    "Fees and missed-session charges": ("fee", "charge", "cost"),
    "Scheduling": ("times", "scheduling"),
    "Contact between sessions": ("contact",),
    "Online sessions": ("online", "video"),
    "The most helpful moment of a session": ("helped most",),
    "The least helpful moment of a session": ("helped least",),
    "What was left unsaid in a session": ("did not get to say", "say today"),
    "Medication and other professionals": ("medication", "others involved"),
    "A therapist's self-disclosure": ("about themselves",),
    "A therapist's boundaries": ("limits",),
    "Thinking of stopping or changing therapist": ("stop", "someone new"),
    "Preparing what to say next time": ("talk about next time",),
    "How to open it": ("open it",),
}


def test_every_new_topic_has_questions_that_speak_of_it():
    table = two_column_table("## Topics people bring")
    assert sorted(table) == sorted(TOPICS)
    for topic, words in TOPICS.items():
        questions = [resolve(reference) for reference in table[topic]]
        assert questions, topic
        said = " ".join(
            " ".join([q.text, q.help or "", *(q.options or [])]).lower() for q in questions
        )
        assert any(word in said for word in words), (topic, words)


def test_the_pack_table_lists_every_pack_once_with_its_question_count():
    section = README.read_text(encoding="utf-8").split("## The built-in packs")[1]
    rows = re.findall(r"^\| `([a-z0-9-]+)` \|.*\| (\d+) \|$", section, flags=re.MULTILINE)
    assert sorted(pack_id for pack_id, _ in rows) == sorted(ALL)
    for pack_id, count in rows:
        assert int(count) == len(builtin(pack_id).questions), pack_id


def test_the_format_example_in_the_readme_is_a_valid_pack():
    section = README.read_text(encoding="utf-8").split("## The format")[1]
    example = section.split("```yaml\n")[1].split("```")[0]
    pack = load_pack_text(example, "README.md")
    assert {question.kind for question in pack.questions} == {
        "text",
        "scale",
        "choice",
        "multi",
        "yesno",
    }


@pytest.mark.parametrize("pack_id", ALL)
def test_libyaml_reads_the_builtin_pack_as_pyyaml_does(pack_id: str):
    """Built-in packs are parsed by libyaml (start-up cost, issue 18): same data, same positions."""
    from reflect.packs import loader

    text = (builtin_packs_folder() / f"{pack_id}.yaml").read_text(encoding="utf-8")
    fast = loader._parse_clean_yaml_fast(text, pack_id)
    slow = loader.parse_pack_yaml(text, pack_id)
    assert fast is not None
    assert fast.data == slow.data
    assert fast.marks.values == slow.marks.values
    assert fast.marks.keys == slow.marks.keys
