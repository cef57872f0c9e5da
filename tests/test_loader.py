"""Reading data files: every way a file can be wrong is one precise, file-named error line.

A user who breaks a data file must learn which file, which record (by path and by id) and what
is wrong, for every problem at once, whether the file is TOML, JSON or YAML, through the library
or the command line; and careermap must never crash, run code from the file, or touch the file.
"""

from __future__ import annotations

import contextlib
import json
import math
import os
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from careermap.cli import app
from careermap.errors import DataError
from careermap.loader import ENV_VAR, load, validate
from careermap.models import CareerMap
from tests.conftest import MINI_TOML

WriteFile = Callable[[str, str | bytes], Path]

runner = CliRunner()

MINI_IDS = ["junior", "senior", "manager"]
MINI_MOVES = [
    ("junior", "senior", "upward", (2.0, 4.0)),
    ("senior", "manager", "lateral", (1.0, 2.0)),
]

# The same map as MINI_TOML, in the two other formats.
MINI_JSON = """\
{
  "roles": [
    {"id": "junior", "title": "Junior", "track": "engineering", "levels": 3},
    {"id": "senior", "title": "Senior", "track": "engineering", "levels": [4, 5],
     "aliases": ["Old Hand"]},
    {"id": "manager", "title": "Manager", "track": "management", "levels": 4}
  ],
  "moves": [
    {"from": "junior", "to": "senior", "kind": "upward", "years": [2, 4], "source": "test"},
    {"from": "senior", "to": "manager", "kind": "lateral", "years": [1, 2]}
  ]
}
"""

MINI_YAML = """\
roles:
  - id: junior
    title: Junior
    track: engineering
    levels: 3
  - id: senior
    title: Senior
    track: engineering
    levels: [4, 5]
    aliases: [Old Hand]
  - id: manager
    title: Manager
    track: management
    levels: 4
moves:
  - from: junior
    to: senior
    kind: upward
    years: [2, 4]
    source: test
  - from: senior
    to: manager
    kind: lateral
    years: [1, 2]
"""

ROLE_KEYS = (
    "id, title, track, levels, skills, aliases, description, source, entry, terminal, "
    "competencies, expectations"
)
MOVE_KEYS = "from, to, kind, years, source, note, condition, rare, evidence"


def mini(*edits: tuple[str, str], append: str = "", prepend: str = "") -> str:
    """MINI_TOML with each ``(old, new)`` applied once (``old`` must occur exactly once)."""
    text = MINI_TOML
    for old, new in edits:
        assert text.count(old) == 1, f"{old!r} must occur once in MINI_TOML"
        text = text.replace(old, new)
    return prepend + text + append


# MINI_TOML starts with a blank line, so its first role's `levels = 3` is on line 6.
assert MINI_TOML.splitlines()[5] == "levels = 3"


@dataclass(frozen=True)
class Bad:
    """An invalid data file and the error lines it must produce.

    ``lines`` holds, for each expected error line in order, fragments that line must contain
    (after the ``FILE: `` prefix). ``content`` None means the file does not exist; "{tmp}" in
    text content is replaced by the test's tmp_path.
    """

    name: str
    content: str | bytes | None
    lines: tuple[tuple[str, ...], ...]
    directory: bool = False


def one(*fragments: str) -> tuple[tuple[str, ...], ...]:
    return (fragments,)


BAD_FILES = [
    # -- reading and parsing ------------------------------------------------------------------
    pytest.param(
        Bad(
            "syntax.toml",
            mini(("levels = 3", "levels = ")),
            one("line 6, column 10: TOML syntax error: "),  # then tomllib's own words
        ),
        id="toml-syntax",
    ),
    pytest.param(
        Bad(
            "syntax.json",
            '{\n  "roles": [\n    {"id": "junior", "title": "Junior",}\n  ]\n}\n',
            # Then the json module's words, and its column: 40 before Python 3.13, 39 since.
            one("line 3, column ", ": JSON syntax error: "),
        ),
        id="json-syntax",
    ),
    pytest.param(
        Bad(
            "syntax.yaml",
            "roles:\n  - id: junior\n    title: Junior: Dev\n",
            one("line 3, column 18: YAML error:", "mapping values are not allowed here"),
        ),
        id="yaml-syntax",
    ),
    pytest.param(
        Bad(
            "python.yaml",
            'roles: !!python/object/apply:os.system ["touch {tmp}/pwned"]\nmoves: []\n',
            one(
                "line 1, column 8: YAML error:",
                "could not determine a constructor for the tag",
                "python/object/apply:os.system",
            ),
        ),
        id="yaml-python-object-tag",
    ),
    pytest.param(
        Bad(
            "python-new.yaml",
            "roles: !!python/object/new:pathlib.Path ['{tmp}/pwned']\n",
            one("line 1, column 8: YAML error:", "python/object/new:pathlib.Path"),
        ),
        id="yaml-python-new-tag",
    ),
    pytest.param(
        Bad(
            "duplicate.yaml",
            MINI_YAML + "roles: []\n",
            one("line 25, column 1: YAML error:", "duplicate key 'roles'"),
        ),
        id="yaml-duplicate-key",
    ),
    pytest.param(
        Bad(
            "duplicate-in-role.yaml",
            MINI_YAML.replace("    levels: 3\n", "    levels: 3\n    title: Again\n"),
            one("YAML error:", "duplicate key 'title'"),
        ),
        id="yaml-duplicate-key-in-role",
    ),
    pytest.param(
        Bad(
            "duplicate.json",
            MINI_JSON.replace('"levels": 3}', '"levels": 3, "title": "Again"}'),
            one("invalid JSON: duplicate key 'title'"),
        ),
        id="json-duplicate-key",
    ),
    pytest.param(
        Bad(
            "nan.json",
            MINI_JSON.replace('"years": [1, 2]', '"years": [NaN, 2]'),
            one("invalid JSON: NaN is not a number careermap accepts"),
        ),
        id="json-nan",
    ),
    pytest.param(
        Bad(
            "infinity.json",
            MINI_JSON.replace('"years": [1, 2]', '"years": [1, Infinity]'),
            one("invalid JSON: Infinity is not a number careermap accepts"),
        ),
        id="json-infinity",
    ),
    pytest.param(
        Bad("empty.toml", "", one("file is empty; it needs 'roles' and 'moves'")),
        id="empty",
    ),
    pytest.param(
        Bad("blank.yaml", "  \n\t\n   \n", one("file is empty; it needs 'roles' and 'moves'")),
        id="whitespace-only",
    ),
    pytest.param(
        Bad("bom-only.json", b"\xef\xbb\xbf\n", one("file is empty")),
        id="bom-only",
    ),
    pytest.param(Bad("missing.toml", None, one("no such file")), id="missing-file"),
    pytest.param(
        Bad("folder.toml", None, one("is a directory, not a data file"), directory=True),
        id="directory",
    ),
    pytest.param(
        Bad(
            "map.txt",
            MINI_TOML,
            one("unknown file type '.txt'; careermap reads .toml, .json, .yaml and .yml files"),
        ),
        id="unknown-extension",
    ),
    pytest.param(
        Bad("careermap", MINI_TOML, one("unknown file type '(no extension)'")),
        id="no-extension",
    ),
    pytest.param(
        Bad(
            "latin1.toml",
            mini(('title = "Senior"', 'title = "S\xe9nior"')).encode("latin-1"),
            one("line 10: not valid UTF-8 (byte 0xe9); save the file as UTF-8"),
        ),
        id="non-utf8",
    ),
    pytest.param(
        Bad(
            "list.json",
            "[1, 2]\n",
            one("the top level must be a table (mapping) with 'roles' and 'moves', not a list"),
        ),
        id="top-level-list-json",
    ),
    pytest.param(
        Bad("list.yaml", "- junior\n- senior\n", one("the top level must be a table", "a list")),
        id="top-level-list-yaml",
    ),
    pytest.param(
        Bad("scalar.yaml", "just words\n", one("the top level must be a table", "not a string")),
        id="top-level-string-yaml",
    ),
    # -- keys ---------------------------------------------------------------------------------
    pytest.param(
        Bad(
            "top-key.toml",
            mini(prepend='colour = "red"\n'),
            one("colour: unknown key 'colour'; allowed keys: meta, levels, themes, roles, moves"),
        ),
        id="unknown-key-top-level",
    ),
    pytest.param(
        Bad(
            "role-key.toml",
            mini(("levels = 3", "levels = 3\nsalary = 100")),
            one(
                f"roles[0].salary: unknown key 'salary'; allowed keys: {ROLE_KEYS} (role junior)",
            ),
        ),
        id="unknown-key-role",
    ),
    pytest.param(
        Bad(
            "move-key.toml",
            mini(('source = "test"', 'source = "test"\nweight = 2')),
            one(
                f"moves[0].weight: unknown key 'weight'; allowed keys: {MOVE_KEYS} "
                "(move junior -> senior)",
            ),
        ),
        id="unknown-key-move",
    ),
    pytest.param(
        Bad(
            "skills-key.toml",
            mini(("levels = 3", "levels = 3\nskills = { hard = 1, soft = 2, charm = 3 }")),
            one(
                "roles[0].skills.charm: unknown key 'charm'; allowed keys: hard, soft (role junior)"
            ),
        ),
        id="unknown-key-skills",
    ),
    pytest.param(
        Bad(
            "no-title.toml",
            mini(('title = "Junior"\n', "")),
            one("roles[0].title: required key is missing (role junior)"),
        ),
        id="missing-title",
    ),
    pytest.param(
        Bad("no-roles.json", '{"moves": []}', one("roles: required key is missing")),
        id="missing-roles",
    ),
    pytest.param(
        Bad(
            "no-from.yaml",
            MINI_YAML.replace("  - from: senior\n    to: manager\n", "  - to: manager\n"),
            one("moves[1].from: required key is missing"),
        ),
        id="missing-from-yaml",
    ),
    # -- types (strict: no coercion) ----------------------------------------------------------
    pytest.param(
        Bad(
            "levels-word.toml",
            mini(("levels = 3", 'levels = "five"')),
            one(
                "roles[0].levels: must be an integer level or a [min, max] pair of integers "
                "(role junior)"
            ),
        ),
        id="levels-string",
    ),
    pytest.param(
        Bad(
            "levels-digit.toml",
            mini(("levels = 3", 'levels = "5"')),
            one("roles[0].levels: must be an integer level or a [min, max] pair", "(role junior)"),
        ),
        id="levels-numeric-string-not-coerced",
    ),
    pytest.param(
        Bad(
            "levels-float.json",
            MINI_JSON.replace('"levels": 3', '"levels": 3.0'),
            one("roles[0].levels: must be an integer level", "(role junior)"),
        ),
        id="levels-float-json",
    ),
    pytest.param(
        Bad(
            "years-range.toml",
            mini(("years = [2, 4]", 'years = "3-8"')),
            one(
                "moves[0].years: must be [min, max], { min = N } (at least N), { max = N } "
                "(at most N) or { min = N, max = M } (got '3-8'); did you mean [3, 8]? "
                "(move junior -> senior)"
            ),
        ),
        id="years-string",
    ),
    pytest.param(
        Bad(
            "years-bool.yaml",
            MINI_YAML.replace("years: [1, 2]", "years: [true, 2]"),
            one(
                "moves[1].years[0]: Input should be a valid number (got true)",
                "(move senior -> manager)",
            ),
        ),
        id="years-bool-yaml",
    ),
    pytest.param(
        Bad(
            "skills-word.toml",
            mini(("levels = 3", 'levels = 3\nskills = { hard = "x", soft = 2 }')),
            one("roles[0].skills.hard: Input should be a valid number (got 'x') (role junior)"),
        ),
        id="skills-hard-string",
    ),
    pytest.param(
        Bad(
            "title-number.toml",
            mini(('title = "Junior"', "title = 5")),
            one("roles[0].title: Input should be a valid string (got 5) (role junior)"),
        ),
        id="title-number",
    ),
    pytest.param(
        Bad(
            "aliases-string.toml",
            mini(('aliases = ["Old Hand"]', 'aliases = "Old Hand"')),
            one("roles[1].aliases: Input should be a valid list (got 'Old Hand') (role senior)"),
        ),
        id="aliases-string",
    ),
    pytest.param(
        Bad(
            "date.yaml",
            "meta:\n  name: M\n  sources:\n    - title: T\n      published: 2021-07-15\n"
            + MINI_YAML,
            one("meta.sources[0].published: Input should be a valid string (got a date or time)"),
        ),
        id="yaml-date-not-coerced",
    ),
    # -- values -------------------------------------------------------------------------------
    pytest.param(
        Bad(
            "id-case.toml",
            mini(('id = "manager"', 'id = "Manager_1"')),
            one(
                "roles[2].id: 'Manager_1' must be lowercase kebab-case, like 'senior-engineer' "
                "(role Manager_1)"
            ),
        ),
        id="id-not-kebab-case",
    ),
    pytest.param(
        Bad(
            "track-case.toml",
            mini(('track = "management"', 'track = "Management Track"')),
            one(
                "roles[2].track: 'Management Track' must be lowercase kebab-case", "(role manager)"
            ),
        ),
        id="track-not-kebab-case",
    ),
    pytest.param(
        Bad(
            "levels-reversed.toml",
            mini(("levels = [4, 5]", "levels = [7, 5]")),
            one("roles[1].levels: minimum level 7 is greater than maximum level 5 (role senior)"),
        ),
        id="levels-reversed",
    ),
    pytest.param(
        Bad(
            "level-100.toml",
            mini(("levels = 4\n", "levels = 100\n")),
            one("roles[2].levels: levels must be between 0 and 99 (role manager)"),
        ),
        id="level-above-range",
    ),
    pytest.param(
        Bad(
            "level-negative.toml",
            mini(("levels = [4, 5]", "levels = [-1, 5]")),
            one("roles[1].levels: levels must be between 0 and 99 (role senior)"),
        ),
        id="level-below-range",
    ),
    pytest.param(
        Bad(
            "skills-11.toml",
            mini(("levels = 3", "levels = 3\nskills = { hard = 11, soft = 2 }")),
            one(
                "roles[0].skills.hard: Input should be less than or equal to 10 (got 11) "
                "(role junior)"
            ),
        ),
        id="skills-above-10",
    ),
    pytest.param(
        Bad(
            "skills-negative.toml",
            mini(("levels = 3", "levels = 3\nskills = { hard = 1, soft = -0.5 }")),
            one(
                "roles[0].skills.soft: Input should be greater than or equal to 0 (got -0.5) "
                "(role junior)"
            ),
        ),
        id="skills-below-0",
    ),
    pytest.param(
        Bad(
            "skills-nan.toml",
            mini(("levels = 3", "levels = 3\nskills = { hard = nan, soft = 1 }")),
            one("roles[0].skills.hard: Input should be a finite number (got nan) (role junior)"),
        ),
        id="skills-nan-toml",
    ),
    pytest.param(
        Bad(
            "years-reversed.toml",
            mini(("years = [2, 4]", "years = [8, 3]")),
            one("moves[0].years: minimum 8 is greater than maximum 3 (move junior -> senior)"),
        ),
        id="years-reversed",
    ),
    pytest.param(
        Bad(
            "years-negative.toml",
            mini(("years = [1, 2]", "years = [-1, 2]")),
            one("moves[1].years[0]: Input should be greater than or equal to 0 (got -1)"),
        ),
        id="years-negative",
    ),
    pytest.param(
        Bad(
            "years-three.toml",
            mini(("years = [2, 4]", "years = [2, 4, 6]")),
            one(
                "moves[0].years: must be [min, max], { min = N } (at least N), { max = N } "
                "(at most N) or { min = N, max = M } (got [2, 4, 6]) (move junior -> senior)"
            ),
        ),
        id="years-three-items",
    ),
    pytest.param(
        Bad(
            "years-inf.toml",
            mini(("years = [2, 4]", "years = [2, inf]")),
            one(
                "moves[0].years[1]: Input should be a finite number (got inf) "
                "(move junior -> senior)"
            ),
        ),
        id="years-infinite",
    ),
    pytest.param(
        Bad(
            "kind.toml",
            mini(('kind = "lateral"', 'kind = "sideways"')),
            one(
                "moves[1].kind: Input should be 'lateral', 'upward' or 'downward' "
                "(got 'sideways') (move senior -> manager)"
            ),
        ),
        id="kind-unknown",
    ),
    pytest.param(
        Bad(
            "loop.toml",
            mini(('to = "manager"', 'to = "senior"')),
            one("moves[1].to: a move cannot go from 'senior' to itself"),
        ),
        id="move-to-itself",
    ),
    pytest.param(
        Bad("no-roles.toml", "roles = []\n", one("roles: must not be empty")),
        id="empty-roles-list",
    ),
    # -- cross-record integrity ---------------------------------------------------------------
    pytest.param(
        Bad(
            "dangling-from.toml",
            mini(('from = "senior"', 'from = "senoir"')),
            one(
                "moves[1].from: unknown role 'senoir' in move senoir -> manager; "
                "did you mean senior?"
            ),
        ),
        id="dangling-from",
    ),
    pytest.param(
        Bad(
            "dangling-to.toml",
            mini(('to = "manager"', 'to = "manger"')),
            one(
                "moves[1].to: unknown role 'manger' in move senior -> manger; did you mean manager?"
            ),
        ),
        id="dangling-to",
    ),
    pytest.param(
        Bad(
            "dangling-far.toml",
            mini(('to = "manager"', 'to = "astronaut"')),
            one("moves[1].to: unknown role 'astronaut' in move senior -> astronaut"),
        ),
        id="dangling-without-near-id",
    ),
    pytest.param(
        Bad(
            "dangling-both.toml",
            mini(('from = "senior"', 'from = "senoir"'), ('to = "manager"', 'to = "manger"')),
            (
                ("moves[1].from: unknown role 'senoir' in move senoir -> manger", "senior?"),
                ("moves[1].to: unknown role 'manger' in move senoir -> manger", "manager?"),
            ),
        ),
        id="dangling-from-and-to",
    ),
    pytest.param(
        Bad(
            "duplicate-role.toml",
            mini(
                append='\n[[roles]]\nid = "senior"\ntitle = "Other"\ntrack = "engineering"\n'
                "levels = 4\n"
            ),
            one("roles[3].id: duplicate role id 'senior' (first defined at roles[1])"),
        ),
        id="duplicate-role-id",
    ),
    pytest.param(
        Bad(
            "alias-id.toml",
            mini(('aliases = ["Old Hand"]', 'aliases = ["Old Hand", "Manager"]')),
            one(
                "roles[1].aliases[1]: alias 'Manager' of role 'senior' is already the id or an "
                "alias of role 'manager'"
            ),
        ),
        id="alias-collides-with-id",
    ),
    pytest.param(
        Bad(
            "alias-alias.toml",
            mini(("levels = 4\n", 'levels = 4\naliases = ["old-hand"]\n')),
            one(
                "roles[2].aliases[0]: alias 'old-hand' of role 'manager' is already the id or an "
                "alias of role 'senior'"
            ),
        ),
        id="alias-collides-with-alias",
    ),
    pytest.param(
        Bad(
            "alias-twice.toml",
            mini(('aliases = ["Old Hand"]', 'aliases = ["Old Hand", "OLD HAND"]')),
            one("roles[1].aliases[1]: alias 'OLD HAND' is listed twice for role 'senior'"),
        ),
        id="alias-listed-twice",
    ),
    pytest.param(
        Bad(
            "duplicate-move.toml",
            mini(
                append='\n[[moves]]\nfrom = "junior"\nto = "senior"\nkind = "upward"\n'
                "years = [5, 6]\n"
            ),
            one("moves[2]: duplicate move junior -> senior (first defined at moves[0])"),
        ),
        id="duplicate-move",
    ),
    pytest.param(
        Bad(
            "upward.toml",
            mini(('kind = "lateral"', 'kind = "upward"'), ("levels = 4\n", "levels = 3\n")),
            one(
                "moves[1].kind: move senior -> manager: an upward move must go to the same or "
                "a higher minimum level, but senior is L4-5 and manager is L3"
            ),
        ),
        id="upward-to-a-lower-level",
    ),
    pytest.param(
        Bad(
            "upward-cycle-two.toml",
            mini(
                ('kind = "lateral"', 'kind = "upward"'),
                append='\n[[moves]]\nfrom = "manager"\nto = "senior"\nkind = "upward"\n'
                "years = [1, 2]\n",
            ),
            one(
                "moves[1].kind: upward moves go round in a cycle: senior -> manager -> senior; "
                "a promotion cannot lead back to the role it started from"
            ),
        ),
        id="upward-cycle-of-two-roles",
    ),
    pytest.param(
        Bad(
            "upward-cycle-three.toml",
            mini(
                ('kind = "lateral"', 'kind = "upward"'),
                append='\n[[roles]]\nid = "lead"\ntitle = "Lead"\ntrack = "management"\n'
                'levels = [4, 6]\n\n[[moves]]\nfrom = "manager"\nto = "lead"\nkind = "upward"\n'
                'years = [1, 2]\n\n[[moves]]\nfrom = "lead"\nto = "senior"\nkind = "upward"\n'
                "years = [1, 2]\n",
            ),
            one(
                "moves[1].kind: upward moves go round in a cycle: senior -> manager -> lead -> "
                "senior; a promotion cannot lead back to the role it started from"
            ),
        ),
        id="upward-cycle-of-three-roles",
    ),
    pytest.param(
        Bad(
            "downward.toml",
            mini(('kind = "lateral"', 'kind = "downward"')),
            one(
                "moves[1].kind: move senior -> manager: a downward move must go to a lower "
                "minimum level, but senior is L4-5 and manager is L4"
            ),
        ),
        id="downward-not-lower",
    ),
    pytest.param(
        Bad(
            "lateral.toml",
            mini(('kind = "upward"', 'kind = "lateral"')),
            one(
                "moves[0].kind: move junior -> senior: a lateral move must stay within "
                "overlapping levels, but junior is L3 and senior is L4-5"
            ),
        ),
        id="lateral-not-overlapping",
    ),
]


def make_bad_file(bad: Bad, tmp_path: Path) -> Path:
    path = tmp_path / bad.name
    if bad.directory:
        path.mkdir()
    elif isinstance(bad.content, bytes):
        path.write_bytes(bad.content)
    elif bad.content is not None:
        path.write_text(bad.content.replace("{tmp}", str(tmp_path)), encoding="utf-8")
    return path


def assert_lines_match(lines: list[str], prefix: str, bad: Bad) -> None:
    assert len(lines) == len(bad.lines), lines
    for line, fragments in zip(lines, bad.lines, strict=True):
        assert line.startswith(prefix), line
        for fragment in fragments:
            assert fragment in line, f"{fragment!r} not in {line!r}"


@pytest.mark.parametrize("bad", BAD_FILES)
def test_invalid_file_is_one_data_error_line_per_problem(bad: Bad, tmp_path: Path) -> None:
    path = make_bad_file(bad, tmp_path)
    with pytest.raises(DataError) as caught:
        load(path)
    assert_lines_match(caught.value.lines, f"{path}: ", bad)
    # Nothing in a data file is ever executed.
    assert not (tmp_path / "pwned").exists()


@pytest.mark.parametrize("bad", BAD_FILES)
def test_invalid_file_through_the_cli(bad: Bad, tmp_path: Path) -> None:
    path = make_bad_file(bad, tmp_path)
    result = runner.invoke(app, ["--data", str(path), "roles"])
    assert result.exit_code == 1, result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(
        result.exception
    )
    assert result.stdout == ""
    assert "Traceback" not in result.stderr
    stderr_lines = result.stderr.splitlines()
    assert all(line.startswith("error: ") for line in stderr_lines), stderr_lines
    assert_lines_match([line.removeprefix("error: ") for line in stderr_lines], f"{path}: ", bad)
    assert not (tmp_path / "pwned").exists()


def test_yaml_python_tag_never_runs_the_command(write_file: WriteFile, tmp_path: Path) -> None:
    marker = tmp_path / "created-by-yaml"
    path = write_file(
        "evil.yaml",
        f'roles: !!python/object/apply:os.system ["echo hi > {marker}"]\n'
        f"moves: !!python/object/apply:pathlib.Path.touch [!!python/object/new:pathlib.Path "
        f"['{marker}']]\n",
    )
    with pytest.raises(DataError, match="could not determine a constructor"):
        load(path)
    assert not marker.exists()


def without_lines(lines: list[str]) -> list[str]:
    """Messages without their "line N: " (TOML findings carry lines too)."""
    return [re.sub(r"line \d+: ", "", line) for line in lines]


def test_toml_findings_carry_the_line_of_their_entry(write_file: WriteFile) -> None:
    path = write_file("lines.toml", mini(("levels = 3", "levels = [7, 5]")))
    text = path.read_text(encoding="utf-8").splitlines()
    with pytest.raises(DataError) as caught:
        load(path)
    [line] = caught.value.lines
    number = int(re.search(r"line (\d+):", line).group(1))  # type: ignore[union-attr]
    assert text[number - 1].strip() == "levels = [7, 5]"


def test_several_problems_are_all_reported(write_file: WriteFile) -> None:
    path = write_file(
        "several.toml",
        mini(
            ("levels = 3", "levels = [7, 5]"),
            ('title = "Manager"', "title = 5"),
            ("years = [1, 2]", "years = [-1, 2]"),
        ),
    )
    with pytest.raises(DataError) as caught:
        load(path)
    assert [line for line in caught.value.lines if ": line " in line] == caught.value.lines
    assert without_lines(caught.value.lines) == [
        f"{path}: roles[0].levels: minimum level 7 is greater than maximum level 5 (role junior)",
        f"{path}: roles[2].title: Input should be a valid string (got 5) (role manager)",
        f"{path}: moves[1].years[0]: Input should be greater than or equal to 0 (got -1) "
        "(move senior -> manager)",
    ]
    result = runner.invoke(app, ["--data", str(path), "roles"])
    assert result.exit_code == 1
    assert len(result.stderr.splitlines()) == 3


def test_several_integrity_problems_are_all_reported(write_file: WriteFile) -> None:
    path = write_file(
        "integrity.toml",
        mini(
            ('aliases = ["Old Hand"]', 'aliases = ["Junior"]'),
            ('kind = "lateral"', 'kind = "upward"'),
            ("levels = 4\n", "levels = 3\n"),
            append='\n[[moves]]\nfrom = "junior"\nto = "ceo"\nkind = "upward"\nyears = [1, 2]\n',
        ),
    )
    with pytest.raises(DataError) as caught:
        load(path)
    assert without_lines(caught.value.lines) == [
        f"{path}: roles[1].aliases[0]: alias 'Junior' of role 'senior' is already the id or an "
        "alias of role 'junior'",
        f"{path}: moves[1].kind: move senior -> manager: an upward move must go to the same or "
        "a higher minimum level, but senior is L4-5 and manager is L3",
        f"{path}: moves[2].to: unknown role 'ceo' in move junior -> ceo",
    ]


# -- valid files ------------------------------------------------------------------------------


def summary(cmap: CareerMap) -> tuple[list[tuple[Any, ...]], list[tuple[Any, ...]]]:
    roles = [(r.id, r.title, r.track, r.levels, tuple(r.aliases)) for r in cmap.roles]
    moves = [(m.from_, m.to, m.kind, m.years, m.source) for m in cmap.moves]
    return roles, moves


def test_mini_toml_loads(write_file: WriteFile) -> None:
    cmap = load(write_file("mini.toml", MINI_TOML))
    assert [role.id for role in cmap.roles] == MINI_IDS
    assert [(m.from_, m.to, m.kind, m.years) for m in cmap.moves] == MINI_MOVES
    assert cmap.role("senior").levels == (4, 5)
    assert cmap.resolve("old hand").id == "senior"


@pytest.mark.parametrize(
    ("name", "content"),
    [
        pytest.param("mini.json", MINI_JSON, id="json"),
        pytest.param("mini.yaml", MINI_YAML, id="yaml"),
        pytest.param("mini.yml", MINI_YAML, id="yml"),
        pytest.param("MINI.TOML", MINI_TOML, id="upper-case-extension"),
    ],
)
def test_every_format_loads_the_same_map(write_file: WriteFile, name: str, content: str) -> None:
    expected = summary(load(write_file("mini.toml", MINI_TOML)))
    assert summary(load(write_file(name, content))) == expected


@pytest.mark.parametrize(
    ("name", "content"),
    [
        pytest.param("bom.toml", MINI_TOML, id="toml"),
        pytest.param("bom.json", MINI_JSON, id="json"),
        pytest.param("bom.yaml", MINI_YAML, id="yaml"),
    ],
)
def test_utf8_bom_is_accepted(write_file: WriteFile, name: str, content: str) -> None:
    path = write_file(name, b"\xef\xbb\xbf" + content.encode("utf-8"))
    assert [role.id for role in load(path).roles] == MINI_IDS


def test_non_ascii_utf8_text_is_kept(write_file: WriteFile) -> None:
    path = write_file("accents.toml", mini(('title = "Senior"', 'title = "Sénior Ingénieur"')))
    assert load(path).role("senior").title == "Sénior Ingénieur"


@pytest.mark.parametrize(
    ("name", "content"),
    [
        pytest.param("valid.toml", MINI_TOML, id="valid"),
        pytest.param("invalid.toml", mini(("years = [2, 4]", "years = [8, 3]")), id="invalid"),
        pytest.param("syntax.yaml", "roles: [\n", id="syntax-error"),
        pytest.param("bytes.json", b'{"roles": "\xff"}', id="not-utf8"),
    ],
)
def test_loading_never_modifies_the_file(
    write_file: WriteFile, name: str, content: str | bytes
) -> None:
    path = write_file(name, content)
    os.utime(path, ns=(1_000_000_000_000_000_000, 1_000_000_000_000_000_000))
    before_bytes, before = path.read_bytes(), path.stat()
    with contextlib.suppress(DataError):
        load(path)
    runner.invoke(app, ["--data", str(path), "roles"])
    after = path.stat()
    assert path.read_bytes() == before_bytes
    assert after.st_mtime_ns == before.st_mtime_ns
    assert after.st_size == before.st_size
    assert sorted(p.name for p in path.parent.iterdir()) == [name]


# -- where the data comes from ----------------------------------------------------------------


def test_environment_variable_is_used_without_an_argument(
    write_file: WriteFile, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(ENV_VAR, str(write_file("env.toml", MINI_TOML)))
    assert [role.id for role in load(None).roles] == MINI_IDS
    assert [role.id for role in load().roles] == MINI_IDS


def test_explicit_path_beats_the_environment_variable(
    write_file: WriteFile, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(ENV_VAR, str(write_file("env.toml", MINI_TOML)))
    explicit = write_file("explicit.json", MINI_JSON.replace('"Junior"', '"Explicit Junior"'))
    assert load(explicit).role("junior").title == "Explicit Junior"


def test_broken_environment_file_is_reported_by_name(
    write_file: WriteFile, monkeypatch: pytest.MonkeyPatch
) -> None:
    broken = write_file("env.toml", mini(("years = [2, 4]", "years = [8, 3]")))
    monkeypatch.setenv(ENV_VAR, str(broken))
    with pytest.raises(DataError) as caught:
        load(None)
    assert without_lines(caught.value.lines) == [
        f"{broken}: moves[0].years: minimum 8 is greater than maximum 3 (move junior -> senior)"
    ]


def test_cli_data_option_beats_the_environment_variable(
    write_file: WriteFile, monkeypatch: pytest.MonkeyPatch
) -> None:
    env_file = write_file("env.yaml", MINI_YAML.replace("title: Junior", "title: From Env"))
    option_file = write_file("option.toml", mini(('title = "Junior"', 'title = "From Option"')))
    monkeypatch.setenv(ENV_VAR, str(env_file))

    result = runner.invoke(app, ["--data", str(option_file), "roles", "--json"])
    assert result.exit_code == 0, result.stderr
    titles = [role["title"] for role in json.loads(result.stdout)]
    assert titles == ["From Option", "Senior", "Manager"]

    result = runner.invoke(app, ["roles", "--json"])
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout)[0]["title"] == "From Env"


def test_cli_data_option_beats_a_broken_environment_file(
    write_file: WriteFile, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(ENV_VAR, str(write_file("broken.toml", "roles = [\n")))
    option_file = write_file("option.toml", MINI_TOML)
    result = runner.invoke(app, ["--data", str(option_file), "roles", "--json"])
    assert result.exit_code == 0, result.stderr
    assert len(json.loads(result.stdout)) == 3


def test_without_option_or_environment_the_shipped_map_loads() -> None:
    assert ENV_VAR not in os.environ
    cmap = load(None)
    assert len(cmap.roles) == 17
    assert cmap.role("senior-engineer").title == "Senior Engineer"
    result = runner.invoke(app, ["roles", "--json"])
    assert result.exit_code == 0, result.stderr
    assert len(json.loads(result.stdout)) == 17


def test_empty_environment_variable_means_the_shipped_map(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv(ENV_VAR, "")
    assert len(load(None).roles) == 17


# -- known bugs -------------------------------------------------------------------------------

TWO_ROLES_TOML = """\
[[roles]]
id = "a"
title = "A"
track = "t"
levels = 1

[[roles]]
id = "b"
title = "B"
track = "t"
levels = 1
"""


@pytest.mark.parametrize("suffix", [".toml", ".json"], ids=["toml", "json"])
def test_years_too_large_for_a_float_is_a_data_error(write_file: WriteFile, suffix: str) -> None:
    huge = "1" + "0" * 400
    if suffix == ".toml":
        content = TWO_ROLES_TOML + (
            f'\n[[moves]]\nfrom = "a"\nto = "b"\nkind = "lateral"\nyears = [1, {huge}]\n'
        )
    else:
        content = json.dumps(
            {
                "roles": [
                    {"id": "a", "title": "A", "track": "t", "levels": 1},
                    {"id": "b", "title": "B", "track": "t", "levels": 1},
                ],
                "moves": [{"from": "a", "to": "b", "kind": "lateral", "years": [1, 2]}],
            }
        ).replace("[1, 2]", f"[1, {huge}]")
    with pytest.raises(DataError, match=r"moves\[0\]\.years"):
        load(write_file("huge" + suffix, content))


def test_integer_with_too_many_digits_in_toml_is_a_data_error(write_file: WriteFile) -> None:
    path = write_file("digits.toml", "levels = 1" + "0" * 5000 + "\n")
    with pytest.raises(DataError, match=r"digits\.toml"):
        load(path)


def test_huge_hex_integer_in_a_text_field_is_a_data_error(write_file: WriteFile) -> None:
    path = write_file("hex.toml", TWO_ROLES_TOML.replace('title = "A"', "title = 0x" + "f" * 4000))
    with pytest.raises(DataError, match=r"roles\[0\]\.title"):
        load(path)


def test_deeply_nested_toml_is_a_data_error(write_file: WriteFile) -> None:
    path = write_file("deep.toml", "roles = " + "[" * 5000 + "]" * 5000 + "\n")
    with pytest.raises(DataError, match=r"deep\.toml"):
        load(path)


def test_deeply_nested_json_and_yaml_are_data_errors(write_file: WriteFile) -> None:
    """A data error naming the file, whichever it is: 5,000 levels exceed the recursion limit
    of the parsers before Python 3.13; since, json parses them and the schema refuses them."""
    for name in ("deep.json", "deep.yaml"):
        path = write_file(name, '{"roles": ' + "[" * 5000 + "]" * 5000 + "}\n")
        with pytest.raises(DataError) as caught:
            load(path)
        [line] = caught.value.lines
        assert line.startswith(f"{path}: "), line


def test_non_utf8_after_a_bom_reports_the_right_line(write_file: WriteFile) -> None:
    path = write_file("bom.toml", b"\xef\xbb\xbf\n\n\xff\n")
    with pytest.raises(DataError) as caught:
        load(path)
    assert caught.value.lines == [
        f"{path}: line 3: not valid UTF-8 (byte 0xff); save the file as UTF-8"
    ]


def test_an_id_with_a_newline_stays_on_one_error_line(write_file: WriteFile) -> None:
    path = write_file(
        "newline.json",
        json.dumps({"roles": [{"id": "x\ny", "title": 5, "track": "t", "levels": 1}]}),
    )
    with pytest.raises(DataError) as caught:
        load(path)
    assert all("\n" not in line for line in caught.value.lines), caught.value.lines
    result = runner.invoke(app, ["--data", str(path), "roles"])
    assert all(line.startswith("error: ") for line in result.stderr.splitlines())


# -- fuzzing ----------------------------------------------------------------------------------

scalars = (
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats(allow_nan=True, allow_infinity=True)
    | st.text(max_size=12)
)
json_values = st.recursive(
    scalars,
    lambda children: (
        st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=8), children, max_size=4)
    ),
    max_leaves=12,
)
slugs = st.sampled_from(["a", "b", "c", "senior", "x-y", "Bad Id", ""])
levels = st.one_of(
    st.integers(-2, 101),
    st.lists(st.integers(-2, 101), min_size=0, max_size=3),
    json_values,
)
years = st.one_of(
    st.lists(st.one_of(st.integers(-3, 10), st.floats(-3, 10), st.floats()), max_size=3),
    json_values,
)


def _record(fixed: dict[str, st.SearchStrategy[Any]]) -> st.SearchStrategy[dict[str, Any]]:
    """A record with some of the expected keys (plausible or wild values) and maybe extra keys."""
    optional = {key: st.one_of(value, json_values) for key, value in fixed.items()}
    return st.builds(
        lambda base, extra: {**extra, **base},
        st.fixed_dictionaries({}, optional=optional),
        st.dictionaries(st.text(max_size=6), json_values, max_size=2),
    )


roles_like = _record(
    {
        "id": slugs,
        "title": st.text(max_size=6),
        "track": slugs,
        "levels": levels,
        "skills": st.fixed_dictionaries(
            {"hard": st.floats(-1, 11), "soft": st.one_of(st.floats(), st.integers(-1, 11))}
        ),
        "aliases": st.lists(st.text(max_size=6), max_size=3),
    }
)
moves_like = _record(
    {
        "from": slugs,
        "to": slugs,
        "kind": st.sampled_from(["lateral", "upward", "downward", "sideways"]),
        "years": years,
    }
)
documents = st.one_of(
    json_values,
    st.fixed_dictionaries(
        {"roles": st.lists(roles_like, max_size=4)},
        optional={"moves": st.lists(moves_like, max_size=4), "meta": json_values},
    ),
)


@settings(max_examples=200, deadline=None)
@given(document=documents)
def test_validate_raises_only_data_errors(document: Any) -> None:
    try:
        cmap = validate(document, "x.json")
    except DataError as exc:
        assert exc.lines
        assert all(line.startswith("x.json: ") for line in exc.lines), exc.lines
    else:
        assert isinstance(cmap, CareerMap)
        assert cmap.roles
        ids = {role.id for role in cmap.roles}
        assert all(m.from_ in ids and m.to in ids for m in cmap.moves)
        assert all(math.isfinite(m.min_years) and m.min_years <= m.max_years for m in cmap.moves)


file_contents = st.one_of(
    st.binary(max_size=200),
    st.text(max_size=200).map(lambda text: text.encode("utf-8")),
    st.lists(
        st.sampled_from(
            [
                "[[roles]]\n",
                "roles:\n",
                "- ",
                "{",
                "}",
                "[",
                "]",
                '"id"',
                ": ",
                " = ",
                "\n",
                '"a"',
                "1",
                "-1",
                "nan",
                "true",
                ",",
                "&a ",
                "*a",
                "!!python/name:os.system",
                "\t",
            ]
        ),
        max_size=40,
    ).map(lambda parts: "".join(parts).encode("utf-8")),
    st.sampled_from([MINI_TOML, MINI_JSON, MINI_YAML]).flatmap(
        lambda text: st.integers(0, len(text)).map(lambda cut: text[:cut].encode("utf-8"))
    ),
)


@settings(
    max_examples=200,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(content=file_contents, suffix=st.sampled_from([".toml", ".json", ".yaml"]))
def test_arbitrary_bytes_load_or_raise_a_data_error(
    tmp_path: Path, content: bytes, suffix: str
) -> None:
    path = tmp_path / f"fuzz{suffix}"
    path.write_bytes(content)
    try:
        load(path)
    except DataError as exc:
        assert exc.lines
        assert all(line.startswith(f"{path}: ") for line in exc.lines), exc.lines
    assert path.read_bytes() == content


# -- rare moves -------------------------------------------------------------------------------

RARE_TOML = MINI_TOML + (
    '\n[[moves]]\nfrom = "manager"\nto = "senior"\nkind = "lateral"\n'
    'years = [1, 2]\nrare = true\nnote = "seldom made"\n'
)


def test_rare_is_optional_and_false_by_default(write_file: WriteFile) -> None:
    cmap = load(write_file("rare.toml", RARE_TOML))
    assert [(m.from_, m.to, m.rare) for m in cmap.moves] == [
        ("junior", "senior", False),
        ("senior", "manager", False),
        ("manager", "senior", True),
    ]


def test_rare_must_be_a_boolean(write_file: WriteFile) -> None:
    path = write_file("rare-string.toml", RARE_TOML.replace("rare = true", 'rare = "yes"'))
    with pytest.raises(DataError) as caught:
        load(path)
    assert without_lines(caught.value.lines) == [
        f"{path}: moves[2].rare: Input should be a valid boolean (got 'yes') "
        "(move manager -> senior)"
    ]


def test_rare_survives_the_document_the_compact_form_and_the_cache(
    write_file: WriteFile,
) -> None:
    path = write_file("rare.toml", RARE_TOML)
    first = load(path)  # validated, then kept in the cache
    again = load(path)  # read back from the cache
    for cmap in (
        again,
        CareerMap.from_document(first.to_document()),
        CareerMap.from_compact(first.to_compact()),
    ):
        assert [m.rare for m in cmap.moves] == [False, False, True]
    moves = first.to_document()["moves"]
    assert "rare" not in moves[0]  # only written when true, so other exports are unchanged
    assert moves[2]["rare"] is True


def test_json_findings_carry_the_line_of_their_entry(write_file: WriteFile) -> None:
    text = (
        '{\n  "roles": [\n    {"id": "a", "title": "A", "track": "t", "levels": 1},\n'
        '    {\n      "id": "b",\n      "title": "B",\n      "track": "T T",\n'
        '      "levels": [3, 1]\n    }\n  ],\n  "moves": [\n'
        '    {"from": "a", "to": "b", "kind": "upward",\n     "years": [-2, 1]}\n  ]\n}\n'
    )
    path = write_file("lines.json", text)
    with pytest.raises(DataError) as caught:
        load(path)
    lines = text.splitlines()
    for finding in caught.value.findings:
        assert finding.line is not None, finding
        key = {"roles[1].track": '"track"', "roles[1].levels": '"levels"'}.get(
            str(finding.path), '"years"'
        )
        assert key in lines[finding.line - 1], (finding, lines[finding.line - 1])


OUT_OF_ORDER = """
[[roles]]
id = "a"
title = "A"
track = "eng"
levels = 3
source = "s"

[[roles]]
id = "b"
title = "B"
track = "eng"
levels = "x"
source = "s"

[[moves]]
from = "a"
to = "b"
kind = "sideways"
years = [1, 2]
source = "s"

[[roles]]
id = "c"
track = "eng"
levels = 3
source = "s"
"""


def test_validate_lists_errors_in_line_order(tmp_path: Path) -> None:
    """The roles' errors and the moves' interleave as the file reads (issue 30), not all the
    roles' first."""
    path = tmp_path / "out-of-order.toml"
    path.write_text(OUT_OF_ORDER, encoding="utf-8")
    result = CliRunner().invoke(app, ["validate", str(path)])
    assert result.exit_code == 1
    lines = [int(m) for m in re.findall(r": line (\d+): ", result.stderr)]
    assert lines == [13, 19, 23], result.stderr
