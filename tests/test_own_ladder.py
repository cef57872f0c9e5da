"""Bringing your own ladder: `init`, `validate`, `schema`, the limits, and a hostile corpus.

A user writes a data file from a starter, checks it, and points careermap at it. Whatever the
file holds (broken syntax, wrong types, Python tags, alias bombs, 25 MB of padding, 10,000 levels
of nesting), careermap answers with one "error: FILE: ..." line per problem and exit 1, quickly,
without a traceback, without touching the file and without running anything from it. The corpus
lives in tests/assets/invalid/ with its manifest, expected.toml (file name -> message fragment).
"""

from __future__ import annotations

import codecs
import json
import os
import re
import subprocess
import sys
import threading
import tomllib
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
import yaml
from jsonschema import Draft202012Validator
from typer.testing import CliRunner, Result

import careermap.loader
from careermap.cli import app
from careermap.errors import DataError, Finding
from careermap.loader import load
from careermap.templates import SCHEMA_FILE, starter
from tests.cli import run

runner = CliRunner()

CORPUS = Path(__file__).parent / "assets" / "invalid"
MANIFEST = CORPUS / "expected.toml"
EXPECTED: dict[str, dict[str, Any]] = tomllib.loads(MANIFEST.read_text(encoding="utf-8"))
CORPUS_NAMES = sorted(EXPECTED)
SCRIPT_NAMES = [name for name in CORPUS_NAMES if EXPECTED[name].get("console_script")]
CONSOLE_SCRIPT = Path(sys.executable).parent / "careermap"
MANIFEST_KEYS = {"fragment", "line", "creates", "console_script"}

MB = 1024 * 1024
YAML_SCHEMA_LINE = f"# yaml-language-server: $schema={SCHEMA_FILE}"
STARTER_IDS = ["engineer", "senior-engineer", "engineering-manager"]

# A small valid map without warnings, for the limit tests.
SMALL_DOC: dict[str, Any] = {
    "roles": [
        {"id": "junior", "title": "Junior", "track": "eng", "levels": 1, "source": "hb"},
        {"id": "senior", "title": "Senior", "track": "eng", "levels": 2, "source": "hb"},
        {"id": "lead", "title": "Lead", "track": "eng", "levels": 3, "source": "hb"},
    ],
    "moves": [
        {"from": "junior", "to": "senior", "kind": "upward", "years": [1, 2], "source": "hb"},
        {"from": "senior", "to": "lead", "kind": "upward", "years": [2, 3], "source": "hb"},
    ],
}


def stderr_lines(result: Result) -> list[str]:
    return result.stderr.splitlines()


def assert_refused(stderr: str, path: Path, expected: dict[str, Any]) -> None:
    """stderr is only "error: PATH: ..." lines, one holds the fragment and names the line."""
    assert "Traceback" not in stderr
    lines = stderr.splitlines()
    assert lines, "no error message"
    assert all(line.startswith(f"error: {path}: ") for line in lines), lines
    matching = [line for line in lines if expected["fragment"] in line]
    assert matching, f"{expected['fragment']!r} not in {lines}"
    if "line" in expected:
        assert re.search(rf": line {expected['line']}[:,]", matching[0]), matching[0]


def run_validate(path: Path, *options: str) -> Result:
    return runner.invoke(app, ["validate", str(path), *options])


def peak_memory(call: Any) -> tuple[Any, int]:
    """The call's result and the most memory (bytes) Python allocated during it: how much
    work a refusal did, measured without a clock."""
    import tracemalloc

    tracemalloc.start()
    try:
        return call(), tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


# -- the hostile corpus --------------------------------------------------------------------------


def test_manifest_and_corpus_folder_list_the_same_files() -> None:
    on_disk = sorted(path.name for path in CORPUS.iterdir() if path != MANIFEST)
    assert all((CORPUS / name).is_file() for name in on_disk)
    assert on_disk == CORPUS_NAMES
    assert len(on_disk) >= 30
    per_format = Counter(Path(name).suffix for name in on_disk)
    assert set(per_format) == {".toml", ".json", ".yaml"}
    assert min(per_format.values()) >= 10, per_format
    for name, entry in EXPECTED.items():
        assert set(entry) <= MANIFEST_KEYS, (name, entry)
        assert isinstance(entry["fragment"], str) and entry["fragment"].strip(), name
        assert isinstance(entry.get("line", 1), int) and entry.get("line", 1) >= 1, name
        assert (CORPUS / name).stat().st_size < 16 * 1024, f"{name} is not small"


def test_corpus_covers_the_hostile_kinds_of_input(tmp_path: Path) -> None:
    contents = {name: (CORPUS / name).read_bytes() for name in CORPUS_NAMES}

    def having(predicate: Any) -> list[str]:
        return [name for name, data in contents.items() if predicate(data)]

    assert having(lambda data: b"!!python/object/apply:os.system" in data)
    assert having(lambda data: data.startswith(codecs.BOM_UTF16_LE))
    assert having(lambda data: data.startswith(codecs.BOM_UTF8))
    assert having(lambda data: data == b"")
    assert having(lambda data: b"NaN" in data or b"nan" in data)
    assert having(lambda data: b"Infinity" in data or b"inf" in data)
    assert having(lambda data: re.search(rb"\d{400}", data) is not None)
    assert having(lambda data: data.count(b"*a") > 100)  # an alias bomb over the cap
    bombs = having(lambda data: data.count(b"*lol") >= 80)  # the classic billion laughs
    assert bombs and all(EXPECTED[name].get("console_script") for name in bombs)
    tags = having(lambda data: b"!!python/" in data)
    assert len(tags) >= 3 and all(EXPECTED[name].get("console_script") for name in tags)
    assert having(lambda data: b"companies" in data)
    # A UTF-8 BOM before a valid file is accepted, so each BOM file is broken after its BOM too.
    for name in having(lambda data: data.startswith(codecs.BOM_UTF8)):
        without_bom = tmp_path / name
        without_bom.write_bytes(contents[name].removeprefix(codecs.BOM_UTF8))
        assert run_validate(without_bom).exit_code == 1, name


@pytest.mark.parametrize("name", CORPUS_NAMES, ids=CORPUS_NAMES)
def test_corpus_file_is_refused_with_its_message(
    name: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = CORPUS / name
    before = path.read_bytes()
    listing = sorted(CORPUS.iterdir())
    monkeypatch.chdir(tmp_path)  # what a Python tag would create, it would create here
    result, peak = peak_memory(lambda: run_validate(path))
    assert result.exit_code == 1, result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(
        result.exception
    )
    assert result.stdout == ""
    assert "Traceback" not in result.output
    assert_refused(result.stderr, path, EXPECTED[name])
    assert peak < 64 * MB  # no file of the corpus is expanded beyond its caps
    assert path.read_bytes() == before
    assert sorted(CORPUS.iterdir()) == listing
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("name", CORPUS_NAMES, ids=CORPUS_NAMES)
def test_corpus_file_is_refused_in_json(name: str) -> None:
    path = CORPUS / name
    result = run_validate(path, "--json")
    assert result.exit_code == 1, result.output
    assert result.stderr == ""
    report = json.loads(result.stdout)
    assert set(report) == {"file", "valid", "errors", "warnings", "summary", "files"}
    assert report["files"] == [{k: v for k, v in report.items() if k != "files"}]
    assert report["file"] == str(path)
    assert report["valid"] is False
    assert report["warnings"] == []
    assert report["summary"] is None
    assert report["errors"]
    for error in report["errors"]:
        assert set(error) == {"file", "line", "column", "path", "message", "hint"}
        assert error["file"] == str(path)
    expected = EXPECTED[name]
    matching = [e for e in report["errors"] if expected["fragment"] in str(Finding(**e))]
    assert matching, report["errors"]
    if "line" in expected:
        assert matching[0]["line"] == expected["line"]


@pytest.mark.parametrize("name", SCRIPT_NAMES, ids=SCRIPT_NAMES)
def test_console_script_refuses_python_tags_and_alias_bombs(name: str, tmp_path: Path) -> None:
    path = CORPUS / name
    before = path.read_bytes()
    listing = sorted(CORPUS.iterdir())
    completed = subprocess.run(
        [str(CONSOLE_SCRIPT), "validate", str(path)],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert completed.returncode == 1, completed.stderr
    assert completed.stdout == ""
    assert_refused(completed.stderr, path, EXPECTED[name])
    assert path.read_bytes() == before
    assert sorted(CORPUS.iterdir()) == listing
    assert list(tmp_path.iterdir()) == []
    creates = EXPECTED[name].get("creates")
    if creates:
        assert not (tmp_path / creates).exists()
        assert not (CORPUS / creates).exists()
        assert not (Path.cwd() / creates).exists()


def test_console_script_is_the_installed_careermap() -> None:
    completed = subprocess.run(
        [str(CONSOLE_SCRIPT), "--version"], capture_output=True, text=True, check=False
    )
    assert completed.returncode == 0, completed.stderr
    assert completed.stdout.startswith("careermap ")


# -- init ----------------------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["my.yaml", "my.yml", "my.toml", "my.json"])
def test_init_then_validate_then_use_the_starter(
    name: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    created = runner.invoke(app, ["init", name])
    assert created.exit_code == 0, created.output
    assert created.stdout == ""
    assert created.stderr == f"Wrote {name}. Next: careermap validate {name}\n"

    checked = runner.invoke(app, ["validate", name, "--strict"])
    assert checked.exit_code == 0, checked.output
    assert checked.stdout == (
        f"{name}: valid: 3 roles, 2 moves, 2 tracks (engineering, management), levels L3-4; "
        "0 warnings\n"
    )

    used = runner.invoke(app, ["--data", name, "roles", "--json"])
    assert used.exit_code == 0, used.output
    assert [role["id"] for role in json.loads(used.stdout)] == STARTER_IDS
    assert sorted(p.name for p in tmp_path.iterdir()) == [name]


def test_starters_follow_their_format(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    for name in ("s.yaml", "s.toml", "s.json"):
        assert runner.invoke(app, ["init", name]).exit_code == 0
    yaml_text = (tmp_path / "s.yaml").read_text(encoding="utf-8")
    assert yaml_text.splitlines()[0] == YAML_SCHEMA_LINE
    assert json.loads((tmp_path / "s.json").read_text(encoding="utf-8"))["$schema"] == SCHEMA_FILE
    assert (tmp_path / "s.toml").read_text(encoding="utf-8") == starter("toml")
    as_yaml = yaml.safe_load(yaml_text)
    as_toml = tomllib.loads(starter("toml"))
    assert as_yaml == as_toml


@pytest.mark.parametrize("name", ["full.yaml", "full.toml", "full.json"])
def test_init_from_default_gives_the_shipped_map(
    name: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    created = runner.invoke(app, ["init", name, "--from-default"])
    assert created.exit_code == 0, created.output
    if name.endswith(".yaml"):
        assert (tmp_path / name).read_text(encoding="utf-8").splitlines()[0] == YAML_SCHEMA_LINE

    checked = runner.invoke(app, ["validate", name, "--json"])
    assert checked.exit_code == 0, checked.output
    report = json.loads(checked.stdout)
    assert report["valid"] is True
    assert report["errors"] == []
    assert report["summary"]["roles"] == 17
    assert report["summary"]["moves"] == 31

    used = runner.invoke(app, ["--data", name, "roles", "--json"])
    assert used.exit_code == 0, used.output
    shipped = [role.id for role in load(None).roles]
    assert len(shipped) == 17
    assert [role["id"] for role in json.loads(used.stdout)] == shipped


def test_init_refuses_to_overwrite_without_force(tmp_path: Path) -> None:
    path = tmp_path / "ladder.yaml"
    path.write_bytes(b"roles: mine\n")
    refused = runner.invoke(app, ["init", str(path)])
    assert refused.exit_code == 1
    assert refused.stderr == f"error: {path}: exists; use --force to overwrite it\n"
    assert path.read_bytes() == b"roles: mine\n"

    refused = runner.invoke(app, ["init", str(path), "--from-default"])
    assert refused.exit_code == 1
    assert path.read_bytes() == b"roles: mine\n"

    forced = runner.invoke(app, ["init", str(path), "--force"])
    assert forced.exit_code == 0, forced.output
    assert path.read_text(encoding="utf-8") == starter("yaml")
    assert run_validate(path).exit_code == 0


@pytest.mark.parametrize(
    ("args", "message"),
    [
        pytest.param(
            ["init", "ladder.yaml", "--format", "toml"],
            "ladder.yaml: the extension says yaml, --format says toml",
            id="yaml-vs-toml",
        ),
        pytest.param(
            ["init", "ladder.json", "-f", "yaml"],
            "ladder.json: the extension says json, --format says yaml",
            id="json-vs-yaml",
        ),
        pytest.param(
            ["init", "ladder.txt"],
            "ladder.txt: careermap reads data files by their extension (.toml, .yaml, .yml, "
            ".json); name it ladder.toml",
            id="unknown-extension",
        ),
        pytest.param(
            ["init", "ladder"],
            "ladder: careermap reads data files by their extension (.toml, .yaml, .yml, "
            ".json); name it ladder.toml",
            id="no-extension",
        ),
    ],
)
def test_init_usage_errors_exit_2_and_write_nothing(
    args: list[str], message: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(app, args)
    assert result.exit_code == 2
    assert result.stderr == f"error: {message}\n"
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("name", ["ladder.txt", "ladder"])
def test_init_never_writes_a_file_its_next_step_rejects(
    name: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    created = runner.invoke(app, ["init", name, "--format", "toml"])
    if created.exit_code == 0:
        checked = runner.invoke(app, ["validate", name])
        assert checked.exit_code == 0, checked.stderr
    else:
        assert created.exit_code == 2
        assert list(tmp_path.iterdir()) == []


# -- validate: graph warnings --------------------------------------------------------------------

UNREACHABLE_HINT = "add a move into it, or mark it entry = true if people start there"
DEAD_END_HINT = "add a move out of it, or mark it terminal = true if people stay there"
JUMP_HINT = "check the levels, or add the roles in between"
SOURCE_HINT = (
    "say where it comes from (a document, 'reconstructed', 'assumption'), or give every "
    "record a default with meta.source"
)
SKILLS_HINT = "give every role skills = { hard, soft }, or none; the skills map needs all"

UNREACHABLE_YAML = """\
roles:
  - {id: junior, title: Junior, track: eng, levels: 1, source: hb}
  - {id: senior, title: Senior, track: eng, levels: 2, source: hb}
  - {id: lead, title: Lead, track: eng, levels: 2, source: hb}
moves:
  - {from: junior, to: senior, kind: upward, years: [1, 2], source: hb}
  - {from: lead, to: senior, kind: lateral, years: [1, 2], source: hb}
"""

DEAD_END_YAML = """\
roles:
  - {id: junior, title: Junior, track: eng, levels: 1, source: hb}
  - {id: senior, title: Senior, track: eng, levels: 2, source: hb}
  - {id: support, title: Support, track: ops, levels: 1, source: hb}
  - {id: ops-lead, title: Ops lead, track: ops, levels: 2, source: hb}
moves:
  - {from: junior, to: senior, kind: upward, years: [1, 2], source: hb}
  - {from: junior, to: support, kind: lateral, years: [1, 2], source: hb}
  - {from: senior, to: ops-lead, kind: lateral, years: [1, 2], source: hb}
"""

# junior -> staff skips 5 - 2 - 1 = 2 levels (allowed); junior -> principal skips 3 (warned);
# a downward move over many levels is never a skip.
LONG_JUMP_YAML = """\
roles:
  - {id: junior, title: Junior, track: eng, levels: [1, 2], source: hb}
  - {id: staff, title: Staff, track: eng, levels: [5, 6], source: hb}
  - {id: principal, title: Principal, track: eng, levels: [6, 7], source: hb}
moves:
  - {from: junior, to: staff, kind: upward, years: [4, 8], source: hb}
  - {from: junior, to: principal, kind: upward, years: [6, 12], source: hb}
  - {from: staff, to: principal, kind: upward, years: [2, 4], source: hb}
  - {from: principal, to: junior, kind: downward, years: [0, 1], source: hb}
"""

MISSING_SOURCE_YAML = """\
roles:
  - id: junior
    title: Junior
    track: eng
    levels: 1
    source: handbook
  - id: senior
    title: Senior
    track: eng
    levels: 2
moves:
  - from: junior
    to: senior
    kind: upward
    years: [1, 2]
"""

PARTIAL_SKILLS_YAML = """\
roles:
  - {id: junior, title: Junior, track: eng, levels: 1, source: hb, skills: {hard: 1, soft: 1}}
  - {id: senior, title: Senior, track: eng, levels: 2, source: hb}
  - {id: lead, title: Lead, track: eng, levels: 3, source: hb, skills: {hard: 3, soft: 2}}
moves:
  - {from: junior, to: senior, kind: upward, years: [1, 2], source: hb}
  - {from: senior, to: lead, kind: upward, years: [1, 2], source: hb}
"""

CLEAN_YAML = PARTIAL_SKILLS_YAML.replace(
    "levels: 2, source: hb}", "levels: 2, source: hb, skills: {hard: 2, soft: 1}}"
)

# (line, path, message, hint) for each warning, in output order.
ExpectedWarning = tuple[int, str, str, str]

WARNING_CASES = [
    pytest.param(
        UNREACHABLE_YAML,
        [
            (
                4,
                "roles[2]",
                "role 'lead' cannot be reached from any entry role (junior)",
                UNREACHABLE_HINT,
            )
        ],
        "3 roles, 2 moves, 1 track (eng), levels L1-2",
        id="unreachable",
    ),
    pytest.param(
        DEAD_END_YAML,
        [
            (
                4,
                "roles[2]",
                "role 'support' (L1) is a dead end: no move leaves it, though its track goes up "
                "to L2",
                DEAD_END_HINT,
            )
        ],
        "4 roles, 3 moves, 2 tracks (eng, ops), levels L1-2",
        id="dead-end",
    ),
    pytest.param(
        LONG_JUMP_YAML,
        [
            (
                7,
                "moves[1]",
                "upward move junior -> principal skips 3 levels (L1-2 to L6-7)",
                JUMP_HINT,
            )
        ],
        "3 roles, 4 moves, 1 track (eng), levels L1-7",
        id="long-upward-jump",
    ),
    pytest.param(
        MISSING_SOURCE_YAML,
        [
            (7, "roles[1]", "role 'senior' has no source", SOURCE_HINT),
            (12, "moves[0]", "move junior -> senior has no source", SOURCE_HINT),
        ],
        "2 roles, 1 move, 1 track (eng), levels L1-2",
        id="missing-sources",
    ),
    pytest.param(
        PARTIAL_SKILLS_YAML,
        [(3, "roles[1]", "role 'senior' has no skills while 2 other roles do", SKILLS_HINT)],
        "3 roles, 2 moves, 1 track (eng), levels L1-3",
        id="partial-skills",
    ),
    pytest.param(CLEAN_YAML, [], "3 roles, 2 moves, 1 track (eng), levels L1-3", id="clean"),
]


@pytest.mark.parametrize(("text", "warnings", "summary"), WARNING_CASES)
def test_validate_prints_each_warning_with_line_path_and_hint(
    text: str, warnings: list[ExpectedWarning], summary: str, tmp_path: Path
) -> None:
    path = tmp_path / "ladder.yaml"
    path.write_text(text, encoding="utf-8")
    result = run_validate(path)
    assert result.exit_code == 0, result.output
    assert result.stderr == ""
    count = f"{len(warnings)} warning" + ("" if len(warnings) == 1 else "s")
    assert result.stdout.splitlines() == [
        *(
            f"warning: {path}: line {line}: {where}: {message} (hint: {hint})"
            for line, where, message, hint in warnings
        ),
        f"{path}: valid: {summary}; {count}",
    ]


@pytest.mark.parametrize(("text", "warnings", "summary"), WARNING_CASES)
def test_validate_strict_fails_on_warnings(
    text: str, warnings: list[ExpectedWarning], summary: str, tmp_path: Path
) -> None:
    path = tmp_path / "ladder.yaml"
    path.write_text(text, encoding="utf-8")
    result = run_validate(path, "--strict")
    assert result.exit_code == (1 if warnings else 0), result.output
    last = result.stdout.splitlines()[-1]
    assert last.startswith(f"{path}: valid: {summary}; ")
    assert last.endswith(" (--strict: failing)") == bool(warnings)


@pytest.mark.parametrize(("text", "warnings", "summary"), WARNING_CASES)
def test_validate_json_reports_warnings_and_summary(
    text: str, warnings: list[ExpectedWarning], summary: str, tmp_path: Path
) -> None:
    path = tmp_path / "ladder.yaml"
    path.write_text(text, encoding="utf-8")
    for options, valid in (((), True), (("--strict",), not warnings)):
        result = run_validate(path, "--json", *options)
        assert result.exit_code == (0 if valid else 1), result.output
        report = json.loads(result.stdout)
        assert set(report) == {"file", "valid", "errors", "warnings", "summary", "files"}
        assert report["file"] == str(path)
        assert report["valid"] is valid
        assert report["errors"] == []
        assert report["warnings"] == [
            {
                "file": str(path),
                "line": line,
                "column": None,
                "path": where,
                "message": message,
                "hint": hint,
            }
            for line, where, message, hint in warnings
        ]
        cmap = load(path)
        assert report["summary"]["roles"] == len(cmap.roles)
        assert report["summary"]["moves"] == len(cmap.moves)
        assert report["summary"]["tracks"] == cmap.tracks
        assert report["summary"]["levels"] == list(cmap.level_span)
        moves = f"{len(cmap.moves)} move" + ("" if len(cmap.moves) == 1 else "s")
        assert summary.startswith(f"{len(cmap.roles)} roles, {moves}")


def test_warnings_in_toml_name_the_path_and_the_line(tmp_path: Path) -> None:
    path = tmp_path / "ladder.toml"
    path.write_text(
        '[[roles]]\nid = "junior"\ntitle = "Junior"\ntrack = "eng"\nlevels = 1\n'
        'source = "hb"\n\n[[roles]]\nid = "senior"\ntitle = "Senior"\ntrack = "eng"\n'
        'levels = 2\n\n[[moves]]\nfrom = "junior"\nto = "senior"\nkind = "upward"\n'
        'years = [1, 2]\nsource = "hb"\n',
        encoding="utf-8",
    )
    result = run_validate(path)
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines() == [
        f"warning: {path}: line 8: roles[1]: role 'senior' has no source (hint: {SOURCE_HINT})",
        f"{path}: valid: 2 roles, 1 move, 1 track (eng), levels L1-2; 1 warning",
    ]


def test_validate_names_a_missing_file(tmp_path: Path) -> None:
    path = tmp_path / "nowhere.yaml"
    result = run_validate(path)
    assert result.exit_code == 1
    assert result.stderr == f"error: {path}: no such file\n"
    assert not path.exists()


# -- schema --------------------------------------------------------------------------------------


def schema_document() -> dict[str, Any]:
    result = runner.invoke(app, ["schema"])
    assert result.exit_code == 0, result.output
    document: dict[str, Any] = json.loads(result.stdout)
    return document


def test_schema_is_json_that_json_tool_accepts() -> None:
    result = runner.invoke(app, ["schema"])
    assert result.exit_code == 0, result.output
    completed = subprocess.run(
        [sys.executable, "-m", "json.tool"],
        input=result.stdout,
        capture_output=True,
        text=True,
        check=False,
    )
    assert completed.returncode == 0, completed.stderr
    schema = json.loads(completed.stdout)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    Draft202012Validator.check_schema(schema)


def starter_documents(tmp_path: Path) -> dict[str, Any]:
    """The JSON starter and the shipped map, as `init` and `export --format json` write them."""
    json_starter = tmp_path / "starter.json"
    assert runner.invoke(app, ["init", str(json_starter)]).exit_code == 0
    exported = runner.invoke(app, ["export", "--format", "json"])
    assert exported.exit_code == 0, exported.output
    return {
        "json-starter": json.loads(json_starter.read_text(encoding="utf-8")),
        "shipped-map-export": json.loads(exported.stdout),
        "toml-starter": tomllib.loads(starter("toml")),
        "yaml-starter": yaml.safe_load(starter("yaml")),
    }


def test_schema_accepts_the_starters_and_the_exported_shipped_map(tmp_path: Path) -> None:
    validator = Draft202012Validator(schema_document())
    for name, document in starter_documents(tmp_path).items():
        errors = [error.message for error in validator.iter_errors(document)]
        assert errors == [], name


@pytest.mark.parametrize(
    ("where", "key", "error_path"),
    [
        pytest.param((), "colour", [], id="top-level"),
        pytest.param(("roles", 0), "salary", ["roles", 0], id="role"),
        pytest.param(("moves", 1), "weight", ["moves", 1], id="move"),
        pytest.param(("roles", 0, "skills"), "charm", ["roles", 0, "skills"], id="skills"),
    ],
)
def test_schema_rejects_unknown_keys(
    where: tuple[str | int, ...], key: str, error_path: list[str | int], tmp_path: Path
) -> None:
    document = starter_documents(tmp_path)["json-starter"]
    target: Any = document
    for part in where:
        target = target[part]
    target[key] = 1
    errors = list(Draft202012Validator(schema_document()).iter_errors(document))
    assert [list(error.absolute_path) for error in errors] == [error_path]
    # skills may be null, so its error is an anyOf whose context holds the unknown key
    messages = [errors[0].message, *(error.message for error in errors[0].context or [])]
    assert any(f"'{key}' was unexpected" in message for message in messages), messages
    # careermap itself agrees.
    path = tmp_path / "unknown-key.json"
    path.write_text(json.dumps(document), encoding="utf-8")
    result = run_validate(path)
    assert result.exit_code == 1
    assert f"unknown key '{key}'" in result.stderr


# -- limits --------------------------------------------------------------------------------------


def padded(fmt: str, size: int) -> bytes:
    """A valid-looking map of exactly ``size`` bytes: padding or one long string."""
    if fmt == "json":
        body = json.dumps(SMALL_DOC).encode()
        return body + b" " * (size - len(body))
    if fmt == "yaml":
        head = b"meta:\n  name: Big\n  description: "
        tail = ("\n" + yaml.safe_dump({k: SMALL_DOC[k] for k in ("roles", "moves")})).encode()
        return head + b"x" * (size - len(head) - len(tail)) + tail
    head = b'[meta]\nname = "Big"\ndescription = "'
    tail = b'"\n\n[[roles]]\nid = "a"\ntitle = "A"\ntrack = "t"\nlevels = 1\n'
    return head + b"x" * (size - len(head) - len(tail)) + tail


@pytest.mark.parametrize("fmt", ["json", "yaml", "toml"])
def test_a_25_mb_file_is_refused_before_it_is_read(fmt: str, tmp_path: Path) -> None:
    path = tmp_path / f"huge.{fmt}"
    path.write_bytes(padded(fmt, 25 * MB))
    result, peak = peak_memory(lambda: run_validate(path))
    assert result.exit_code == 1, result.output
    assert result.stderr == (
        f"error: {path}: file is 25.0 MB; careermap reads data files of at most 20 MB\n"
    )
    assert peak < 5 * MB  # its size alone refused it: not one copy of its bytes was made
    assert path.stat().st_size == 25 * MB


def test_the_size_limit_is_20_mb_exactly(tmp_path: Path) -> None:
    at_limit = tmp_path / "at-limit.json"
    at_limit.write_bytes(padded("json", 20 * MB))
    result = run_validate(at_limit)
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith(f"{at_limit}: valid: 3 roles, 2 moves")

    over = tmp_path / "over.json"
    over.write_bytes(padded("json", 20 * MB + 1))
    result = runner.invoke(app, ["--data", str(over), "roles"])
    assert result.exit_code == 1
    assert "careermap reads data files of at most 20 MB" in result.stderr


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs named pipes")
def test_the_size_limit_holds_for_a_file_that_is_not_regular(tmp_path: Path) -> None:
    fifo = tmp_path / "stream.json"
    os.mkfifo(fifo)
    data = padded("json", 25 * MB)

    def feed() -> None:
        try:
            with fifo.open("wb") as pipe:
                pipe.write(data)
        except BrokenPipeError:
            pass

    writer = threading.Thread(target=feed, daemon=True)
    writer.start()
    try:
        result = run_validate(fifo)
    finally:
        if writer.is_alive():  # careermap never opened it, or stopped reading: unblock the writer
            reader = os.open(fifo, os.O_RDONLY | os.O_NONBLOCK)
            os.close(reader)
        writer.join(timeout=10)
    assert result.exit_code == 1, result.output
    assert result.stdout == ""
    assert all(line.startswith(f"error: {fifo}: ") for line in stderr_lines(result))


@pytest.mark.parametrize("name", ["yaml-alias-bomb.yaml", "yaml-alias-bomb-over-cap.yaml"])
def test_an_alias_bomb_is_refused_without_expanding_it(name: str) -> None:
    path = CORPUS / name
    for args in (["validate", str(path)], ["--data", str(path), "roles"]):
        runner.invoke(app, args)  # once first, so the modules it imports are not counted
        result, peak = peak_memory(lambda args=args: runner.invoke(app, args))
        assert result.exit_code == 1, result.output
        assert peak < 64 * MB  # a billion nodes expanded would take gigabytes
        lines = stderr_lines(result)
        assert 1 <= len(lines) <= 30  # one line per problem, never one per expanded node
        assert_refused(result.stderr, path, EXPECTED[name])


def test_a_graph_over_the_role_cap_is_refused_before_validation(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(careermap.loader, "MAX_ROLES", 1_000)
    path = tmp_path / "many.json"
    path.write_text(json.dumps({"roles": list(range(1_001))}), encoding="utf-8")
    result = run_validate(path)
    assert result.exit_code == 1
    assert result.stderr == f"error: {path}: roles: 1,001 roles; careermap reads at most 1,000\n"
    with pytest.raises(DataError, match="1,001 roles; careermap reads at most 1,000"):
        load(path)


def test_a_graph_at_the_role_cap_loads(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(careermap.loader, "MAX_ROLES", len(SMALL_DOC["roles"]))
    path = tmp_path / "at-cap.yaml"
    path.write_text(yaml.safe_dump(SMALL_DOC), encoding="utf-8")
    result = run_validate(path)
    assert result.exit_code == 0, result.output


def test_a_graph_over_the_move_cap_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(careermap.loader, "MAX_MOVES", 1)
    path = tmp_path / "moves.toml"
    path.write_text(
        "roles = [{ id = 'a', title = 'A', track = 't', levels = 1 }]\n"
        "moves = [{ from = 'a' }, { from = 'b' }]\n",
        encoding="utf-8",
    )
    result = run_validate(path)
    assert result.exit_code == 1
    assert result.stderr == f"error: {path}: moves: 2 moves; careermap reads at most 1\n"


DEPTH = 10_000  # beyond every parser's limit, on Python 3.11 to 3.13
# careermap's prefix; the rest is Python's RecursionError text (TOML's message is careermap's).


@pytest.mark.parametrize(
    ("name", "content", "fragment"),
    [
        pytest.param(
            "deep.json",
            '{"roles": ' + "[" * DEPTH + "]" * DEPTH + "}\n",
            "invalid JSON: ",
            id="json-arrays",
        ),
        pytest.param(
            "deep-objects.json",
            '{"roles": ' + '{"a": ' * DEPTH + "1" + "}" * DEPTH + "}\n",
            "invalid JSON: ",
            id="json-objects",
        ),
        pytest.param(
            "deep.yaml",
            "roles: " + "[" * DEPTH + "]" * DEPTH + "\n",
            "invalid YAML: ",
            id="yaml-flow",
        ),
        pytest.param(
            "deep-block.yaml",
            "roles:\n  " + "- " * DEPTH + "x\n",
            "invalid YAML: ",
            id="yaml-block",
        ),
        pytest.param(
            "deep-mappings.yaml",
            "roles: " + "{a: " * DEPTH + "1" + "}" * DEPTH + "\n",
            "invalid YAML: ",
            id="yaml-mappings",
        ),
        pytest.param(
            "deep.toml",
            "roles = " + "[" * DEPTH + "]" * DEPTH + "\n",
            "invalid TOML: nested too deeply",
            id="toml-arrays",
        ),
        pytest.param(
            "deep-tables.toml",
            "roles = " + "{ a = " * DEPTH + "1" + " }" * DEPTH + "\n",
            "invalid TOML: nested too deeply",
            id="toml-inline-tables",
        ),
    ],
)
def test_deeply_nested_input_is_a_data_error(
    name: str, content: str, fragment: str, tmp_path: Path
) -> None:
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    result = run_validate(path)
    assert result.exit_code == 1
    assert isinstance(result.exception, SystemExit)  # a DataError, reported; nothing escaped
    assert "Traceback" not in result.output
    assert len(stderr_lines(result)) == 1
    assert result.stderr.startswith(f"error: {path}: {fragment}")


# -- once bugs, now guarded ------------------------------------------------------------------------


@pytest.mark.parametrize("problem", ["warnings", "errors"])
def test_validate_parses_a_yaml_file_a_bounded_number_of_times(
    problem: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    title = "" if problem == "errors" else "title: R, "
    path = tmp_path / "many.yaml"
    path.write_text(
        "roles:\n"
        + "".join(f"  - {{id: r{i}, {title}track: eng, levels: 1}}\n" for i in range(40)),
        encoding="utf-8",
    )
    parses = 0
    compose_document = yaml.composer.Composer.compose_document

    def counting(self: yaml.composer.Composer) -> Any:
        nonlocal parses
        parses += 1
        return compose_document(self)

    monkeypatch.setattr(yaml.composer.Composer, "compose_document", counting)
    result = run_validate(path)
    assert result.exit_code == (1 if problem == "errors" else 0)
    assert len(result.stdout.splitlines() + stderr_lines(result)) >= 40
    assert parses <= 2


@pytest.mark.parametrize(
    ("name", "content"),
    [
        pytest.param("comments.yaml", f"{YAML_SCHEMA_LINE}\n# to do\n", id="comment-only-yaml"),
        pytest.param("null.json", "null\n", id="json-null"),
        pytest.param("number.json", "5\n", id="json-number"),
    ],
)
def test_a_non_mapping_top_level_is_described_in_data_words(
    name: str, content: str, tmp_path: Path
) -> None:
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    result = run_validate(path)
    assert result.exit_code == 1
    assert result.stderr.startswith(f"error: {path}: ")
    assert not re.search(r"NoneType|\ba int\b", result.stderr), result.stderr


def test_yaml_merge_keys_load_as_with_the_safe_loader(tmp_path: Path) -> None:
    text = (
        "roles:\n"
        "  - {id: a, title: A, track: t, levels: 1, source: hb}\n"
        "  - {id: b, title: B, track: t, levels: 2, source: hb}\n"
        "  - {id: c, title: C, track: t, levels: 3, source: hb}\n"
        "moves:\n"
        "  - &up {from: a, to: b, kind: upward, years: [1, 2], source: hb}\n"
        "  - <<: *up\n"
        "    from: b\n"
        "    to: c\n"
    )
    assert yaml.safe_load(text)["moves"][1]["kind"] == "upward"
    path = tmp_path / "merge.yaml"
    path.write_text(text, encoding="utf-8")
    result = run_validate(path)
    assert result.exit_code == 0, result.stderr
    assert result.stdout.startswith(f"{path}: valid: 3 roles, 2 moves")


# -- format v2: ends of tracks, flags, shared paths, declared sources ---------------------------


FAMILIES_YAML = """\
meta:
  name: Two families
  sources: [{key: hb, title: Handbook}]
roles:
  - {id: engineer, title: Engineer, track: [eng, mgmt], levels: 3, source: hb}
  - {id: senior, title: Senior, track: [eng, mgmt], levels: 4, source: hb}
  - {id: staff, title: Staff, track: eng, levels: 6, source: hb}
  - {id: manager, title: Manager, track: mgmt, levels: 5, source: hb}
  - {id: sre, title: SRE, track: sre, levels: 6, source: hb}
  - {id: sre-lead, title: SRE lead, track: sre, levels: 7, source: hb}
  - {id: ic5, title: IC5, track: support, levels: 3, source: hb}
  - {id: ic6, title: IC6, track: support, levels: 5, source: hb}
moves:
  - {from: engineer, to: senior, kind: upward, years: [1, 2], source: hb}
  - {from: senior, to: staff, kind: upward, years: [2, 4], source: hb}
  - {from: senior, to: manager, kind: upward, years: [2, 4], source: hb}
  - {from: sre, to: sre-lead, kind: upward, years: [2, 4], source: hb}
  - {from: ic5, to: ic6, kind: upward, years: [2, 4], source: hb}
"""


def test_families_that_start_higher_or_end_lower_raise_no_warning(tmp_path: Path) -> None:
    """SRE starts at 6 and support ends at 5, below the map's 3 and 7: neither is a problem."""
    path = tmp_path / "families.yaml"
    path.write_text(FAMILIES_YAML, encoding="utf-8")
    code, out, err = run("validate", str(path), "--strict")
    assert code == 0, out + err
    assert out.strip().endswith("; 0 warnings")


def test_a_shared_path_is_on_each_of_its_tracks(tmp_path: Path) -> None:
    path = tmp_path / "families.yaml"
    path.write_text(FAMILIES_YAML, encoding="utf-8")
    code, out, _ = run("--data", str(path), "roles", "--track", "mgmt", "--ids")
    assert out.split() == ["engineer", "senior", "manager"]
    code, out, err = run(
        "--data", str(path), "path", "engineer", "manager", "--track", "mgmt", "--json"
    )
    assert code == 0, err
    assert json.loads(out)["paths"][0]["roles"] == ["engineer", "senior", "manager"]
    [role] = [
        r for r in json.loads(run("--data", str(path), "roles", "--json")[1]) if r["id"] == "senior"
    ]
    assert (role["track"], role["tracks"]) == ("eng", ["eng", "mgmt"])


@pytest.mark.parametrize(
    ("change", "warning"),
    [
        # an entry flag on a role moves lead into
        (
            ("id: senior, title: Senior,", "id: senior, entry: true, title: Senior,"),
            "role 'senior' is marked entry, yet moves lead into it",
        ),
        # a terminal flag on a role moves leave
        (
            ("id: engineer, title", "id: engineer, terminal: true, title"),
            "role 'engineer' is marked terminal, yet moves leave it",
        ),
        # a source that names no declared key, with a did-you-mean
        (
            (
                "{from: sre, to: sre-lead, kind: upward, years: [2, 4], source: hb}",
                "{from: sre, to: sre-lead, kind: upward, years: [2, 4], source: hbb}",
            ),
            "source 'hbb' names no source in meta.sources (hint: did you mean hb?)",
        ),
    ],
    ids=["entry-with-moves-in", "terminal-with-moves-out", "undeclared-source"],
)
def test_flags_and_sources_that_contradict_the_data_are_warned(
    change: tuple[str, str], warning: str, tmp_path: Path
) -> None:
    path = tmp_path / "families.yaml"
    assert change[0] in FAMILIES_YAML
    path.write_text(FAMILIES_YAML.replace(change[0], change[1], 1), encoding="utf-8")
    code, out, _ = run("validate", str(path), "--strict")
    assert code == 1
    assert warning in out


def test_entry_and_terminal_flags_silence_their_warnings(tmp_path: Path) -> None:
    text = UNREACHABLE_YAML.replace("id: lead, title: Lead,", "id: lead, entry: true, title: Lead,")
    text = text.replace("id: senior, title: Senior,", "id: senior, title: Senior,")
    path = tmp_path / "flags.yaml"
    path.write_text(text, encoding="utf-8")
    code, out, err = run("validate", str(path), "--strict")
    assert code == 0, out + err
    dead = DEAD_END_YAML.replace("id: support, title", "id: support, terminal: true, title")
    path.write_text(dead, encoding="utf-8")
    code, out, err = run("validate", str(path), "--strict")
    assert code == 0, out + err
