"""One text type: every string of a data file passes one rule, whatever field it is in.

A ladder is hostile text. No field, today's or one added later, may hold a control character,
a bidirectional control (which makes text read in another order than it is stored) or an
invisible character (which makes two different names look the same), save the zero-width
joiner inside an emoji sequence. The schema is walked to find every string field; each is
then broken in a small valid ladder that fills them all, and the loader must name the line,
the field and the record. The cache re-checks entries with the same rule. Names that differ
but look the same (Unicode's confusables) are a warning of ``validate``.
"""

from __future__ import annotations

import copy
import dataclasses
import json
import subprocess
import sys
import types
import typing
from collections.abc import Iterator
from pathlib import Path
from typing import Annotated, Any, Literal, NotRequired, Required

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st
from jsonschema import Draft202012Validator
from pydantic import TypeAdapter, ValidationError
from typer.testing import CliRunner
from typing_extensions import is_typeddict

from careermap import cache as cachemod
from careermap import models, schema, textrules
from careermap.cli import app
from careermap.errors import DataError
from careermap.loader import format_loc, load_file

Loc = tuple[str | int, ...]
Path_ = tuple[str, ...]  # a place in the schema: "*" for any list item or table value

RLO = "\u202e"  # RIGHT-TO-LEFT OVERRIDE
ZWSP = "\u200b"  # ZERO WIDTH SPACE
ZWJ = "\u200d"
EMOJI = [
    "\U0001f469\u200d\U0001f4bb",  # woman technologist
    "\U0001f469\U0001f3fd\u200d\U0001f4bb",  # with a skin tone
    "\U0001f3f3\ufe0f\u200d\U0001f308",  # rainbow flag (VS16 before the joiner)
    "\u2764\ufe0f\u200d\U0001f525",  # heart on fire
    "\U0001f9d1\u200d\U0001f91d\u200d\U0001f9d1",  # people holding hands (two joiners)
    "\U0001f3f4\u200d\u2620\ufe0f",  # pirate flag
    "\U0001f3f4\U000e0067\U000e0062\U000e0073\U000e0063\U000e0074\U000e007f",  # Scotland
]


# -- the walk ---------------------------------------------------------------------------------


def string_fields(hint: Any, path: Path_ = ()) -> Iterator[tuple[Path_, Any]]:
    """Every place in the schema that holds a string, with its type, from the TypedDicts'
    annotations down through lists, tables, unions and pydantic's ``Annotated`` wrappers.
    A kind of type the walk does not know fails, so nothing is skipped silently."""
    origin, args = typing.get_origin(hint), typing.get_args(hint)
    if any(hint is checked for checked in schema.STRING_TYPES):
        yield path, hint
    elif hint is str:
        yield path, hint  # a bare string: unchecked
    elif is_typeddict(hint):
        for key, value in typing.get_type_hints(hint, include_extras=True).items():
            yield from string_fields(value, (*path, key))
    elif origin is Annotated:
        inner = args[0]
        yield from ([(path, hint)] if inner is str else string_fields(inner, path))
    elif origin in (NotRequired, Required, typing.Union, types.UnionType):
        for arg in args:
            yield from string_fields(arg, path)
    elif origin in (list, tuple):
        for arg in args:
            yield from string_fields(arg, (*path, "*"))
    elif origin is dict:
        yield from string_fields(args[0], (*path, "<key>"))
        yield from string_fields(args[1], (*path, "*"))
    else:
        assert hint in (int, float, bool, type(None)) or origin is Literal, (path, hint)


FIELDS = list(string_fields(schema.Document))
TEXT_FIELDS = [path for path, hint in FIELDS if hint is not schema.Slug]


def test_every_string_of_the_schema_is_one_of_the_checked_types() -> None:
    unchecked = [format_path(path) for path, hint in FIELDS if hint not in schema.STRING_TYPES]
    assert unchecked == [], "use schema.Slug, Line, Text or Prose for these fields"
    # The walk reaches every record (a walk that stopped early would pass vacuously).
    assert {"roles.*.title", "moves.*.note", "companies.*.ladders.*.rungs.*.title"} <= {
        format_path(path) for path in TEXT_FIELDS
    }
    assert len(TEXT_FIELDS) >= 30


def test_text_types_use_the_one_rule_and_ids_stay_ascii_slugs() -> None:
    patterns = {
        hint: next(m.pattern for m in hint.__metadata__[0].metadata if hasattr(m, "pattern"))
        for hint in schema.STRING_TYPES
    }
    assert patterns[schema.Slug] == schema.ID_PATTERN == r"^[a-z0-9]+(-[a-z0-9]+)*$"
    assert patterns[schema.Line] == patterns[schema.Text] == textrules.LINE_PATTERN
    assert patterns[schema.Prose] == textrules.PROSE_PATTERN


def format_path(path: Path_) -> str:
    return ".".join(path)


# -- a ladder with every text field -------------------------------------------------------------

FULL: dict[str, Any] = {
    "$schema": "careermap.schema.json",
    "meta": {
        "name": "Acme",
        "description": "Acme's ladder.\nTwo lines.",
        "source": "handbook",
        "evidence": {
            "records": 20,
            "people": 10,
            "since": "2020-01-01",
            "until": "2024-01-01",
            "min_people": 10,
            "method": "Aalen-Johansen",
        },
        "sources": [
            {
                "key": "handbook",
                "title": "Acme handbook",
                "author": "Acme",
                "url": "https://example.com/handbook",
                "published": "2024",
            }
        ],
        "scale_up": {"factor": 0.8, "source": "handbook", "note": "faster"},
        "axes": {"x": "scope", "y": "depth"},
    },
    "levels": [
        {"rank": 3, "name": "Engineer 1", "code": "E1"},
        {"rank": 4, "name": "Engineer 2", "code": "E2"},
    ],
    "themes": [
        {"id": "craft", "name": "Craft", "about": "Code.", "scale": ["Learning", "Leading"]}
    ],
    "roles": [
        {
            "id": "engineer",
            "title": "Engineer",
            "track": ["eng", "mgmt"],
            "levels": 3,
            "aliases": ["Dev"],
            "description": "Writes code.",
            "source": "handbook",
            "competencies": {"craft": 1},
            "expectations": {"craft": ["Ships tested code"]},
        },
        {"id": "senior", "title": "Senior", "track": "eng", "levels": 4, "source": "handbook"},
    ],
    "moves": [
        {
            "from": "engineer",
            "to": "senior",
            "kind": "upward",
            "years": [1, 2],
            "source": "handbook",
            "note": "usual",
            "condition": "by interview",
        }
    ],
    "companies": [
        {
            "id": "acme",
            "name": "Acme Inc",
            "source": "handbook",
            "note": "ours",
            "ladders": [
                {
                    "track": "eng",
                    "shown_for": ["mgmt"],
                    "source": "handbook",
                    "rungs": [
                        {"code": "A1", "title": "Acme one", "levels": 3, "source": "handbook"}
                    ],
                }
            ],
        }
    ],
}


def concrete(document: Any, path: Path_) -> Loc:
    """The place in ``document`` of a schema path: the first item of each list or table."""
    loc: list[str | int] = []
    here = document
    for part in path:
        if part == "*":
            assert isinstance(here, list | dict) and here, f"FULL has no {format_path(path)}"
            key: str | int = 0 if isinstance(here, list) else next(iter(here))
        else:
            assert isinstance(here, dict) and part in here, f"FULL has no {format_path(path)}"
            key = part
        loc.append(key)
        here = here[key]
    assert isinstance(here, str), f"FULL's {format_path(path)} is not a string"
    return tuple(loc)


def replaced(document: Any, loc: Loc, value: str) -> Any:
    changed = copy.deepcopy(document)
    target = changed
    for part in loc[:-1]:
        target = target[part]
    target[loc[-1]] = value
    return changed


def dumped(document: Any, fmt: str) -> str:
    if fmt == "json":
        return json.dumps(document, indent=2, ensure_ascii=False)
    return yaml.safe_dump(document, allow_unicode=True, sort_keys=False, width=10_000)


RECORD_IDS = {
    "roles": " (role engineer)",
    "moves": " (move engineer -> senior)",
    "companies": " (company acme)",
    "themes": " (theme craft)",
}


def test_the_full_ladder_is_valid_and_has_every_text_field(tmp_path: Path) -> None:
    for path in TEXT_FIELDS:
        concrete(FULL, path)
    for fmt in ("json", "yaml"):
        file = tmp_path / f"full.{fmt}"
        file.write_text(dumped(FULL, fmt), encoding="utf-8")
        load_file(file, read_cache=False)


@pytest.mark.parametrize("fmt", ["json", "yaml"])
@pytest.mark.parametrize(
    ("char", "what"),
    [
        (RLO, "a bidirectional control character (U+202E RIGHT-TO-LEFT OVERRIDE)"),
        (ZWSP, "an invisible character (U+200B ZERO WIDTH SPACE)"),
    ],
    ids=["bidi-override", "zero-width-space"],
)
@pytest.mark.parametrize("path", TEXT_FIELDS, ids=format_path)
def test_each_text_field_refuses_hidden_characters_with_line_path_and_id(
    path: Path_, char: str, what: str, fmt: str, tmp_path: Path
) -> None:
    loc = concrete(FULL, path)
    text = dumped(replaced(FULL, loc, f"Marked{char}text"), fmt)
    line = next(n for n, row in enumerate(text.splitlines(), 1) if "Marked" in row)
    file = tmp_path / f"hostile.{fmt}"
    file.write_text(text, encoding="utf-8")
    with pytest.raises(DataError) as caught:
        load_file(file, read_cache=False)
    [finding] = caught.value.findings
    assert (finding.path, finding.line) == (format_loc(loc), line)
    suffix = RECORD_IDS.get(str(loc[0]), "")
    assert finding.message == f"must not hold {what}; text is data, never control{suffix}"


@pytest.mark.parametrize("fmt", ["json", "yaml"])
def test_emoji_sequences_are_welcome_in_every_text_field(fmt: str, tmp_path: Path) -> None:
    document = FULL
    for n, path in enumerate(TEXT_FIELDS):
        loc = concrete(FULL, path)
        document = replaced(document, loc, f"{EMOJI[n % len(EMOJI)]} {loc[-1]}")
    file = tmp_path / f"emoji.{fmt}"
    file.write_text(dumped(document, fmt), encoding="utf-8")
    cmap, _ = load_file(file, read_cache=False)
    assert cmap.roles[0].title == document["roles"][0]["title"]
    assert cmap.moves[0].note == document["moves"][0]["note"]


# -- the rule, character by character ---------------------------------------------------------

LINE = TypeAdapter(schema.Line)
PROSE = TypeAdapter(schema.Prose)


def passes(adapter: TypeAdapter[str], text: str) -> bool:
    try:
        adapter.validate_python(text)
    except ValidationError:
        return False
    return True


BIDI = ["\u061c", "\u200e", "\u200f", *map(chr, [*range(0x202A, 0x202F), *range(0x2066, 0x206A)])]
INVISIBLE = ["\u200b", "\u200c", "\u200d", "\u2060", "\u2063", "\ufeff", "\u180e", "\U000e0041"]


@pytest.mark.parametrize("char", BIDI + INVISIBLE, ids=lambda c: f"U+{ord(c):04X}")
def test_bidi_and_invisible_characters_are_refused_in_lines_and_prose(char: str) -> None:
    for text in (char, f"Lead{char}", f"{char}Lead", f"Le{char}ad"):
        assert not passes(LINE, text) and not passes(PROSE, text), repr(text)


@pytest.mark.parametrize("text", [*EMOJI, "Dev \U0001f469\u200d\U0001f4bb lead", "caf\u00e9"])
def test_emoji_joiner_sequences_and_other_text_pass(text: str) -> None:
    assert passes(LINE, text) and passes(PROSE, text)


@pytest.mark.parametrize(
    "text",
    [
        "a\u200db",  # between letters
        "\U0001f469\u200d",  # at the end
        "\u200d\U0001f469",  # at the start
        "\U0001f469\u200d\u200d\U0001f4bb",  # twice
        "x\u200d\U0001f4bb",  # after a letter
        "\U0001f469\u200dx",  # before a letter
        "\U0001f3f4\U000e0041",  # a tag sequence without its end
        "A\U000e0041\U000e007f",  # tags after a letter
    ],
)
def test_a_joiner_or_tag_outside_an_emoji_sequence_is_refused(text: str) -> None:
    assert not passes(LINE, text) and not passes(PROSE, text)


def test_prose_keeps_line_breaks_and_tabs_and_lines_do_not() -> None:
    assert passes(PROSE, "one\n\ttwo\r\n") and not passes(LINE, "one\ntwo")
    assert not passes(PROSE, "bell\x07") and not passes(LINE, "esc\x1b[2J")


@pytest.mark.parametrize(
    "slug", ["senior\u202e", "sen\u200bior", "s\u0435nior", "senior\n", "ｓenior", "Senior"]
)
def test_ids_are_ascii_slugs_so_no_hidden_character_gets_in(slug: str, tmp_path: Path) -> None:
    file = tmp_path / "ids.json"
    file.write_text(json.dumps(replaced(FULL, ("roles", 1, "id"), slug)), encoding="utf-8")
    with pytest.raises(DataError) as caught:
        load_file(file, read_cache=False)
    assert any(
        f.path == "roles[1].id" and "must be lowercase kebab-case" in f.message
        for f in caught.value.findings
    ), caught.value.lines
    assert not passes(TypeAdapter(schema.Slug), slug)


# Characters and whole emoji sequences, so that strings of them are often valid with joiners
# and tags in them, and often invalid in the many ways a joiner or tag can be misplaced.
PIECES = st.sampled_from(
    [
        *("a", " ", "\n", "\t", "\x1b", "\x85", "\u00e9", "\ufe0f", "\U0001f3fd", "\U0001f469"),
        *("\U0001f4bb", "\u2764", "\U0001f3f4", "\U000e0067", "\U000e007f", ZWJ, ZWSP, RLO),
        *EMOJI,
    ]
)


@settings(max_examples=300, deadline=None)
@given(st.lists(PIECES, max_size=6).map("".join))
def test_the_cache_and_the_schema_apply_the_same_rule(text: str) -> None:
    """pydantic-core's regex engine on the schema's pattern and Python's on the cache's
    agree on every string, and the loader names the first refused character."""
    for prose, adapter in ((False, LINE), (True, PROSE)):
        verdict = passes(adapter, text)
        assert textrules.all_allowed([text], prose) == verdict
        assert (textrules.refused(text, prose) is None) == verdict


def test_the_json_schema_for_editors_holds_the_same_rule() -> None:
    validator = Draft202012Validator(schema.json_schema())
    assert list(validator.iter_errors(replaced(FULL, ("roles", 0, "title"), EMOJI[0]))) == []
    hostile = replaced(FULL, ("roles", 0, "title"), f"Lead{RLO}")
    assert [list(e.absolute_path) for e in validator.iter_errors(hostile)] == [
        ["roles", 0, "title"]
    ]


# -- the cache's re-check -----------------------------------------------------------------------


def compact_loc(loc: Loc) -> Loc:
    """Where a document's field is in the cache's compact form (moves are rows)."""
    if loc[0] != "moves":
        return ("document", *loc)
    columns = [field.name for field in dataclasses.fields(models.Move)]
    return ("moves", loc[1], columns.index(str(loc[2])))


CACHED_FIELDS = [path for path in TEXT_FIELDS if path != ("$schema",)]  # not kept


def test_the_cache_knows_which_fields_are_prose() -> None:
    """The re-check allows line breaks only in the fields the records annotate as prose:
    exactly the schema's Prose fields (one more lets a line break into a title; one fewer
    would make entries with that field validate again each time)."""
    prose = {path[-1] for path, hint in FIELDS if hint is schema.Prose}
    records = [models.Role, models.Move, models.Theme, models.Meta, models.ScaleUp]
    records += [models.Company, models.Rung, models.Level, models.MetaSource]
    annotated = {
        name
        for record in records
        for name, hint in cachemod._field_hints(record)
        if cachemod._unpacked(hint)[1].text == "prose"
    }
    assert prose == annotated


@pytest.mark.parametrize("char", [RLO, ZWSP, "\x1b"], ids=["bidi-override", "zwsp", "escape"])
@pytest.mark.parametrize("path", CACHED_FIELDS, ids=format_path)
def test_the_cache_refuses_an_entry_with_hidden_characters(path: Path_, char: str) -> None:
    cmap = models.CareerMap.from_document(schema.validate(FULL))
    compact = json.loads(json.dumps(cmap.to_compact()))
    loc = compact_loc(concrete(FULL, path))
    emoji = replaced(compact, loc, EMOJI[0])  # what the schema accepts, the cache accepts
    assert json.loads(json.dumps(cachemod._build(emoji).to_compact())) == emoji
    with pytest.raises(cachemod._Unsound):
        cachemod._build(replaced(compact, loc, f"Marked{char}text"))


# -- look-alike names ----------------------------------------------------------------------------

runner = CliRunner()


def ladder_with(tmp_path: Path, titles: list[str], levels: list[str] | None = None) -> Path:
    roles = [
        {"id": f"r{n}", "title": title, "track": "t", "levels": n + 1, "source": "x"}
        for n, title in enumerate(titles)
    ]
    moves = [
        {"from": f"r{n}", "to": f"r{n + 1}", "kind": "upward", "years": [1, 2], "source": "x"}
        for n in range(len(titles) - 1)
    ]
    document: dict[str, Any] = {"roles": roles, "moves": moves}
    if levels:
        document["levels"] = [{"rank": n + 1, "name": name} for n, name in enumerate(levels)]
    file = tmp_path / "names.yaml"
    file.write_text(dumped(document, "yaml"), encoding="utf-8")
    return file


def test_latin_and_cyrillic_a_are_a_look_alike_warning_naming_both(tmp_path: Path) -> None:
    file = ladder_with(tmp_path, ["A", "\u0410"])
    result = runner.invoke(app, ["validate", str(file)])
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[0] == (
        f"warning: {file}: line 8: roles[1].title: title '\u0410' of role 'r1' looks like "
        "title 'A' of role 'r0' (it has U+0410 CYRILLIC CAPITAL LETTER A where the other has "
        "U+0041 LATIN CAPITAL LETTER A) (hint: people cannot tell them apart; rename one, or "
        "spell both alike)"
    )
    strict = runner.invoke(app, ["validate", str(file), "--strict"])
    assert strict.exit_code == 1, strict.output


@pytest.mark.parametrize(
    "titles",
    [["Lead", "Lead"], ["Lead", "LEAD"], ["Lead", "Senior"], ["Engineer", "Engineer II"]],
    ids=["identical", "case", "distinct", "longer"],
)
def test_the_same_name_or_distinct_names_are_no_look_alikes(
    titles: list[str], tmp_path: Path
) -> None:
    result = runner.invoke(app, ["validate", str(ladder_with(tmp_path, titles)), "--strict"])
    assert result.exit_code == 0, result.output
    assert result.stdout.strip().endswith("; 0 warnings")


def test_aliases_and_level_names_are_compared_too(tmp_path: Path) -> None:
    file = ladder_with(tmp_path, ["Lead", "Senior"], levels=["Staff", "\u0405taff"])
    text = file.read_text(encoding="utf-8").replace(
        "title: Senior", "title: Senior\n  aliases:\n  - Le\u00adad"
    )
    file.write_text(text, encoding="utf-8")
    result = runner.invoke(app, ["validate", str(file)])
    assert result.exit_code == 0, result.output
    warnings = [line for line in result.stdout.splitlines() if line.startswith("warning:")]
    assert len(warnings) == 2, warnings
    assert (
        "roles[1].aliases[0]: alias 'Le\\xadad' of role 'r1' looks like title 'Lead'"
        in (warnings[0])
    )
    assert (
        "levels[1].name: name '\u0405taff' of level 2 looks like name 'Staff' of level 1"
        in (warnings[1])
    )


def test_the_confusables_data_is_read_by_validate_only(tmp_path: Path) -> None:
    file = ladder_with(tmp_path, ["Lead", "Senior"])
    probe = (
        "import sys\n"
        "from typer.testing import CliRunner\n"
        "from careermap.cli import app\n"
        "result = CliRunner().invoke(app, sys.argv[1:])\n"
        "assert result.exit_code == 0, result.output\n"
        "print('confusable_homoglyphs' in sys.modules)\n"
    )
    env = {"CAREERMAP_NO_CACHE": "1"}
    for args, imported in (
        (["--data", str(file), "roles"], "False"),
        (["--data", str(file), "path", "r0", "r1"], "False"),
        (["validate", str(file)], "True"),
    ):
        done = subprocess.run(
            [sys.executable, "-c", probe, *args],
            capture_output=True,
            text=True,
            env={**env, "PATH": "/usr/bin:/bin", "HOME": str(tmp_path)},
        )
        assert done.stdout.strip() == imported, (args, done.stderr)


def test_plain_text_is_checked_without_compiling_the_emoji_pattern(tmp_path: Path) -> None:
    # Start-up (issue 27): the full rule's pattern takes about a millisecond to compile per
    # kind of text, so it is compiled only for text the one-class pattern refuses, such as an
    # emoji joiner sequence. Work, not time: count the patterns compiled.
    (tmp_path / "plain").mkdir(), (tmp_path / "emoji").mkdir()
    plain = ladder_with(tmp_path / "plain", ["Lead", "Senior"])
    emoji = ladder_with(tmp_path / "emoji", ["Lead 👩‍💻", "Senior"])
    probe = (
        "import sys, careermap\n"
        "from careermap import textrules\n"
        "careermap.load(sys.argv[1]); careermap.load(sys.argv[1])\n"  # fills, then reads, the cache
        "print(textrules._exact.cache_info().currsize)\n"
    )
    for file, compiled in ((plain, "0"), (emoji, "1")):
        done = subprocess.run(
            [sys.executable, "-c", probe, str(file)],
            capture_output=True,
            text=True,
            env={"PATH": "/usr/bin:/bin", "HOME": str(tmp_path), "XDG_CACHE_HOME": ""},
        )
        assert done.stdout.strip() == compiled, (file.name, done.stderr)
