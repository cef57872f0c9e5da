"""Ladders kept in git: `validate` of several files (text, JSON, GitHub annotations) and
`diff` of two versions of a ladder, read from files or standard input."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from careermap.gallery import gallery
from tests.cli import run
from tests.conftest import MINI_TOML as UNSOURCED

# conftest's small map, every record with a source: no warning, even with --strict.
MINI_TOML = (
    UNSOURCED.replace("levels = 3\n", 'levels = 3\nsource = "test"\n')
    .replace("levels = [4, 5]\n", 'levels = [4, 5]\nsource = "test"\n')
    .replace("levels = 4\n", 'levels = 4\nsource = "test"\n')
    .replace("years = [1, 2]\n", 'years = [1, 2]\nsource = "test"\n')
)
BAD_TOML = MINI_TOML.replace('to = "manager"', 'to = "managr"')  # line 33: an unknown role


@pytest.fixture
def good(tmp_path: Path) -> Path:
    path = tmp_path / "good.toml"
    path.write_text(MINI_TOML, encoding="utf-8")
    return path


@pytest.fixture
def bad(tmp_path: Path) -> Path:
    path = tmp_path / "bad.toml"
    path.write_text(BAD_TOML, encoding="utf-8")
    return path


# -- validate FILE [FILE ...] ----------------------------------------------------------------


def test_validate_checks_every_file_and_fails_if_one_fails(good: Path, bad: Path) -> None:
    code, out, err = run("validate", str(good), str(bad), str(good))
    assert code == 1
    assert out.splitlines() == [
        f"{good}: valid: 3 roles, 2 moves, 2 tracks (engineering, management), levels L3-5; "
        "0 warnings",
        f"{bad}: invalid: 1 error",
        f"{good}: valid: 3 roles, 2 moves, 2 tracks (engineering, management), levels L3-5; "
        "0 warnings",
    ]
    assert err.splitlines() == [
        f"error: {bad}: line 33: moves[1].to: unknown role 'managr' in move senior -> managr; "
        "did you mean manager?"
    ]
    assert run("validate", str(good), str(good))[0] == 0


def test_validate_json_marks_which_file_failed(good: Path, bad: Path) -> None:
    code, out, _ = run("validate", str(good), str(bad), "--json")
    assert code == 1
    report = json.loads(out)
    assert report["valid"] is False
    assert [(f["file"], f["valid"]) for f in report["files"]] == [
        (str(good), True),
        (str(bad), False),
    ]
    assert report["files"][1]["errors"][0]["line"] == 33
    assert "file" not in report  # the one-file keys belong to one-file runs


def test_validate_strict_fails_a_file_with_a_warning(good: Path, tmp_path: Path) -> None:
    warned = tmp_path / "warned.toml"
    warned.write_text(UNSOURCED, encoding="utf-8")
    assert run("validate", str(good), str(warned))[0] == 0
    code, out, _ = run("validate", str(good), str(warned), "--strict", "--json")
    assert code == 1
    assert [f["valid"] for f in json.loads(out)["files"]] == [True, False]


def test_validate_format_github_prints_one_annotation_per_finding(good: Path, bad: Path) -> None:
    code, out, _ = run("validate", str(good), str(bad), "--format", "github")
    assert code == 1
    annotations = [line for line in out.splitlines() if line.startswith("::")]
    assert annotations == [
        f"::error file={bad},line=33,title=careermap::moves[1].to: unknown role 'managr' in "
        "move senior -> managr; did you mean manager?"
    ]


def test_github_annotations_escape_what_would_end_or_start_a_command(tmp_path: Path) -> None:
    """A file name with a comma and a colon, and a message with a percent sign, cannot close
    the annotation early or forge another property."""
    path = tmp_path / "a,b:c%.toml"
    path.write_text(BAD_TOML, encoding="utf-8")
    _, out, _ = run("validate", str(path), "--format", "github")
    (line,) = [line for line in out.splitlines() if line.startswith("::")]
    props, message = line.removeprefix("::error ").split("::", 1)
    assert props.split(",")[0] == f"file={tmp_path}/a%2Cb%3Ac%25.toml".replace(":", "%3A")
    assert "did you mean manager?" in message


def test_validate_format_github_and_json_are_two_formats(good: Path) -> None:
    code, _, err = run("validate", str(good), "--json", "--format", "github")
    assert code == 2
    assert "choose one" in err


# -- diff OLD NEW ------------------------------------------------------------------------------


def test_diff_of_a_ladder_with_itself_is_empty(good: Path) -> None:
    code, out, err = run("diff", str(good), str(good))
    assert (code, out) == (0, "")
    assert "No changes" in err
    code, out, _ = run("diff", str(good), str(good), "--json")
    assert code == 0
    result = json.loads(out)
    assert result["changed"] is False
    assert all(result[k] == {"added": [], "removed": [], "changed": []} for k in ("roles", "moves"))
    assert result["routes"] == []


def test_diff_reports_an_added_and_a_retitled_role_exactly(good: Path, tmp_path: Path) -> None:
    new = tmp_path / "new.toml"
    new.write_text(
        MINI_TOML.replace('title = "Senior"', 'title = "Senior Engineer"')
        + '\n[[roles]]\nid = "staff"\ntitle = "Staff"\ntrack = "engineering"\nlevels = 6\n',
        encoding="utf-8",
    )
    code, out, _ = run("diff", str(good), str(new), "--json")
    assert code == 1
    result = json.loads(out)
    assert result["roles"] == {
        "added": ["staff"],
        "removed": [],
        "changed": [
            {"id": "senior", "changes": {"title": {"old": "Senior", "new": "Senior Engineer"}}}
        ],
    }
    assert result["moves"] == {"added": [], "removed": [], "changed": []}
    code, out, _ = run("diff", str(good), str(new), "--markdown")
    assert code == 1
    assert "| added | staff | | | |" in out
    assert "| changed | senior | title | Senior | Senior Engineer |" in out


def test_diff_reads_the_old_version_from_stdin(good: Path, tmp_path: Path) -> None:
    new = tmp_path / "new.toml"
    new.write_text(MINI_TOML.replace("years = [2, 4]", "years = [3, 5]"), encoding="utf-8")
    code, out, _ = run("diff", "-", str(new), "--json", input=MINI_TOML)
    assert code == 1
    result = json.loads(out)
    assert result["old"] == "<stdin>"
    assert result["moves"]["changed"] == [
        {
            "from": "junior",
            "to": "senior",
            "changes": {"years": {"old": [2.0, 4.0], "new": [3.0, 5.0]}},
        }
    ]
    # Junior's best route to the top of its track changed its years, and says so.
    assert {"from": "junior", "to": "manager"} in [
        {"from": r["from"], "to": r["to"]} for r in result["routes"]
    ]
    (route,) = [r for r in result["routes"] if r["to"] == "manager"]
    assert (route["old"]["min_years"], route["new"]["min_years"]) == (3.0, 4.0)
    _, table, _ = run("diff", "-", str(new), input=MINI_TOML)
    assert "2-4 years" in table and "3-5 years" in table


def test_diff_refuses_two_stdins_and_a_bad_file(good: Path, bad: Path) -> None:
    code, _, err = run("diff", "-", "-", input=MINI_TOML)
    assert code == 2 and "only one of OLD and NEW" in err
    code, _, err = run("diff", str(good), str(bad))
    assert code == 1
    assert err.startswith(f"error: {bad}: line 33:")
    code, _, err = run("diff", "-", "ladder", input=MINI_TOML)
    assert code == 2 and "cannot tell the format" in err


@pytest.mark.parametrize(
    "name", [item.name for item in gallery().ladders if item.name != "skills-map"]
)
def test_diff_of_the_shipped_map_and_each_gallery_ladder(name: str, tmp_path: Path) -> None:
    """Different ladders share no role: every role of one is removed, of the other added."""
    shipped, other = tmp_path / "shipped.json", tmp_path / f"{name}.json"
    assert run("export", "--format", "json", "--output", str(shipped))[0] == 0
    assert run("--ladder", name, "export", "--format", "json", "--output", str(other))[0] == 0
    code, out, _ = run("diff", str(shipped), str(other), "--json")
    assert code == 1
    result = json.loads(out)
    before = [role["id"] for role in json.loads(shipped.read_text())["roles"]]
    after = [role["id"] for role in json.loads(other.read_text())["roles"]]
    assert result["roles"]["removed"] == [r for r in before if r not in after]
    assert result["roles"]["added"] == [r for r in after if r not in before]
    assert run("diff", str(shipped), str(other), "--markdown")[0] == 1
    assert run("diff", str(shipped), str(other))[0] == 1
