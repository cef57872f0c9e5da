"""The commands as a user runs them: tables, JSON shapes, errors and exit codes."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from itertools import pairwise
from pathlib import Path

import pytest
import typer.main
from typer.testing import CliRunner

from careermap import __version__
from careermap.cli import app
from tests.cli import run
from tests.conftest import MINI_TOML

runner = CliRunner()

WriteFile = Callable[[str, str | bytes], Path]


def run_json(*args: str) -> object:
    code, out, err = run(*args, "--json")
    assert code == 0, err
    return json.loads(out)


# -- roles -----------------------------------------------------------------------------------


def test_roles_lists_every_role_in_a_table() -> None:
    code, out, _ = run("roles")
    assert code == 0
    for title in ("Senior Engineer", "Director of Tech", "Senior VP of Technology"):
        assert title in out
    assert "17 of 17 roles" in out


@pytest.mark.parametrize("level", ["6", "L6", "l6"])
def test_roles_at_level_6(level: str) -> None:
    ids = [role["id"] for role in run_json("roles", "--level", level)]  # type: ignore[index, union-attr]
    assert ids == [
        "staff-engineer",
        "staff-sre",
        "senior-engineering-manager",
        "senior-product-manager",
    ]


def test_roles_level_7_includes_overlapping_ranges() -> None:
    ids = {role["id"] for role in run_json("roles", "--level", "7")}  # type: ignore[index, union-attr]
    assert {"staff-engineer", "principal-engineer", "director-of-tech"} <= ids
    assert "senior-engineer" not in ids


def test_roles_by_track() -> None:
    roles = run_json("roles", "--track", "product")
    assert isinstance(roles, list)
    assert [r["id"] for r in roles] == [
        "product-manager",
        "senior-product-manager",
        "director-of-product",
        "vp-of-product",
    ]


def test_roles_json_shape() -> None:
    roles = run_json("roles")
    assert isinstance(roles, list)
    first = roles[0]
    assert first == {
        "id": "senior-engineer",
        "title": "Senior Engineer",
        "track": "engineering",
        "tracks": ["engineering"],
        "levels": [5, 5],
        "skills": {"hard": 1.5, "soft": 1.0},
        "aliases": first["aliases"],
        "description": first["description"],
        "source": "article",
        "entry": False,
        "terminal": False,
        "competencies": first["competencies"],
        "expectations": first["expectations"],
        "scale": None,  # the shared scale: the shipped map has one
        "level": "L5",
        "band": None,
    }


def test_roles_with_no_match_says_so_on_stderr() -> None:
    code, out, err = run("roles", "--level", "12")
    assert code == 0
    assert out == ""
    assert "No roles match" in err
    assert run_json("roles", "--level", "12") == []


@pytest.mark.parametrize(
    ("args", "fragment"),
    [
        (["roles", "--level", "six"], "is not a level"),
        (["roles", "--track", "managment"], "did you mean management?"),
        (["moves", "senior-engineer", "--kind", "sideways"], "sideways"),
    ],
)
def test_bad_options_are_usage_errors(args: list[str], fragment: str) -> None:
    code, out, err = run(*args)
    assert code == 2
    assert fragment in err
    assert out == ""


# -- show ------------------------------------------------------------------------------------


def test_show_a_role_with_its_moves() -> None:
    code, out, _ = run("show", "staff-engineer")
    assert code == 0
    for text in ("Staff Engineer", "L6-7", "hard 5, soft 2.5", "Moves out", "Moves in"):
        assert text in out
    assert "principal-engineer" in out
    assert "engineering-manager" in out  # the downward move


def test_show_json_shape() -> None:
    shown = run_json("show", "Staff Engineer")
    assert isinstance(shown, dict)
    assert shown["role"]["id"] == "staff-engineer"
    assert {m["to"] for m in shown["moves_out"]} == {"principal-engineer", "engineering-manager"}
    assert {m["from"] for m in shown["moves_in"]} == {"senior-engineer"}


@pytest.mark.parametrize(
    "name", ["senior-engineer", "Senior Engineer", "SENIOR ENGINEER", "Senior SWE"]
)
def test_role_names_accept_ids_titles_and_aliases(name: str) -> None:
    shown = run_json("show", name)
    assert isinstance(shown, dict)
    assert shown["role"]["id"] == "senior-engineer"


def test_unknown_role_suggests_the_closest() -> None:
    code, out, err = run("show", "senior-enginer")
    assert code == 2
    assert out == ""
    assert err.strip() == "error: unknown role 'senior-enginer'; did you mean senior-engineer?"


def test_unknown_role_far_from_everything_points_to_roles() -> None:
    code, _, err = run("path", "astronaut", "fellow")
    assert code == 2
    assert "careermap roles" in err


def test_ambiguous_name_lists_the_candidates(write_file: WriteFile) -> None:
    data = write_file(
        "amb.toml",
        MINI_TOML
        + '\n[[roles]]\nid = "senior-two"\ntitle = "Senior"\ntrack = "management"\nlevels = 5\n',
    )
    code, _, err = run("--data", str(data), "show", "Senior")
    assert code == 2
    assert "ambiguous" in err
    assert "senior, senior-two" in err
    # An exact id always wins over a title that reads the same.
    code, out, err = run("--data", str(data), "show", "senior", "--json")
    assert code == 0, err
    assert json.loads(out)["role"]["id"] == "senior"


# -- moves -----------------------------------------------------------------------------------


def test_moves_out_of_senior_engineer() -> None:
    moves = run_json("moves", "senior-engineer")
    assert isinstance(moves, list)
    by_target = {m["to"]: m for m in moves}
    for target in ("engineering-manager", "product-manager"):
        assert by_target[target]["kind"] == "lateral"
        assert (by_target[target]["min_years"], by_target[target]["max_years"]) == (0.5, 2.0)
    assert by_target["staff-engineer"]["kind"] == "upward"
    assert (by_target["staff-engineer"]["min_years"], by_target["staff-engineer"]["max_years"]) == (
        3.0,
        8.0,
    )
    assert set(moves[0]) == {
        "from",
        "to",
        "kind",
        "min_years",
        "max_years",
        "source",
        "note",
        "condition",
        "rare",
        "evidence",
    }


def test_moves_table_shows_kinds_and_years() -> None:
    code, out, _ = run("moves", "senior-engineer")
    assert code == 0
    assert "lateral" in out and "upward" in out
    assert "0.5-2" in out and "3-8" in out
    assert "engineering-manager" in out and "product-manager" in out


def test_moves_of_staff_engineer_include_the_downward_move() -> None:
    moves = run_json("moves", "staff-engineer", "--kind", "downward")
    assert moves == [
        {
            "from": "staff-engineer",
            "to": "engineering-manager",
            "kind": "downward",
            "min_years": 3.0,
            "max_years": 8.0,
            "source": "reconstructed",
            "note": moves[0]["note"],  # type: ignore[index]
            "condition": None,
            "rare": False,
            "evidence": None,
        }
    ]


def test_moves_into_a_role() -> None:
    moves = run_json("moves", "director-of-tech", "--into")
    assert isinstance(moves, list)
    # Director of Product -> Director of Tech is a rare (product -> tech) move.
    assert {m["from"] for m in moves} == {"senior-engineering-manager", "director-of-product"}


def test_rare_moves_are_marked_and_can_be_left_out() -> None:
    """Product to tech is rare in the article, not impossible (issue: fidelity)."""
    shown = run_json("path", "product-manager", "senior-engineer")
    [step] = shown["paths"][0]["steps"]  # type: ignore[index]
    assert step["rare"] is True
    code, out, _ = run("path", "product-manager", "senior-engineer")
    assert code == 0 and "(rare)" in out
    code, _, err = run("path", "product-manager", "senior-engineer", "--no-rare")
    assert code == 1 and "no route" in err
    code, out, _ = run("path", "product-manager", "senior-engineer", "--markdown")
    assert "lateral move (rare)" in out


def test_moves_none_is_said_on_stderr() -> None:
    code, out, err = run("moves", "svp-of-tech")
    assert code == 0
    assert out == ""
    assert "No moves out of svp-of-tech" in err


# -- path ------------------------------------------------------------------------------------


def test_path_reproduces_the_article_example() -> None:
    code, out, _ = run("path", "senior-engineer", "director-of-tech")
    assert code == 0
    assert "Senior Engineer → Director of Tech" in out
    assert "3 moves, 6.5-18 years" in out
    assert "not promises" in out
    assert out.index("Engineering Manager") < out.index("Senior Engineering Manager")


def test_path_json_shape() -> None:
    result = run_json("path", "senior-engineer", "director-of-tech")
    assert isinstance(result, dict)
    assert result["from"] == "senior-engineer"
    assert result["to"] == "director-of-tech"
    [route] = result["paths"]
    assert route["roles"] == [
        "senior-engineer",
        "engineering-manager",
        "senior-engineering-manager",
        "director-of-tech",
    ]
    assert (route["min_years"], route["max_years"]) == (6.5, 18.0)
    assert [(s["from"], s["to"], s["kind"]) for s in route["steps"]] == [
        ("senior-engineer", "engineering-manager", "lateral"),
        ("engineering-manager", "senior-engineering-manager", "upward"),
        ("senior-engineering-manager", "director-of-tech", "upward"),
    ]
    assert sum(s["min_years"] for s in route["steps"]) == route["min_years"]


def test_path_without_a_route_exits_1() -> None:
    code, out, err = run("path", "svp-of-tech", "senior-engineer")
    assert code == 1
    assert out == ""
    assert "no route from 'svp-of-tech' to 'senior-engineer'" in err


def test_path_to_the_same_role_is_a_usage_error() -> None:
    code, _, err = run("path", "fellow", "Fellow")
    assert code == 2
    assert "both the start and the end" in err


# -- data selection, version, help, colour ---------------------------------------------------


def test_data_option_and_environment_variable(write_file: WriteFile, tmp_path: Path) -> None:
    mini = write_file("mini.toml", MINI_TOML)
    ids = run_json("--data", str(mini), "roles")
    assert [r["id"] for r in ids] == ["junior", "senior", "manager"]  # type: ignore[index, union-attr]

    code, out, _ = run("roles", "--json", env={"CAREERMAP_DATA": str(mini)})
    assert code == 0
    assert len(json.loads(out)) == 3

    missing = tmp_path / "missing.toml"
    code, out, _ = run("--data", str(mini), "roles", "--json", env={"CAREERMAP_DATA": str(missing)})
    assert code == 0, "--data must win over CAREERMAP_DATA"
    assert len(json.loads(out)) == 3


def test_bad_data_file_exits_1_with_one_line_per_problem(write_file: WriteFile) -> None:
    bad = write_file(
        "bad.toml",
        MINI_TOML.replace("years = [2, 4]", "years = [-4, 2]").replace(
            "levels = 3", 'levels = "x"'
        ),
    )
    code, out, err = run("--data", str(bad), "path", "junior", "senior")
    assert code == 1
    assert out == ""
    lines = err.strip().splitlines()
    assert len(lines) == 2
    assert all(line.startswith(f"error: {bad}: ") for line in lines)
    assert "roles[0].levels" in err and "(role junior)" in err
    assert "moves[0].years[0]: Input should be greater than or equal to 0 (got -4) " in err
    assert "(move junior -> senior)" in err


def test_cross_record_problems_come_once_records_are_well_formed(write_file: WriteFile) -> None:
    bad = write_file("bad.toml", MINI_TOML.replace("years = [2, 4]", "years = [4, 2]"))
    code, _, err = run("--data", str(bad), "roles")
    assert code == 1
    assert err.strip() == (
        f"error: {bad}: line 25: moves[0].years: minimum 4 is greater than maximum 2 "
        "(move junior -> senior)"
    )


def test_version() -> None:
    code, out, _ = run("--version")
    assert code == 0
    assert out.strip() == f"careermap {__version__}"


# export and schema print their formats directly (export --format json, schema is JSON);
# explore is the full-screen app.
WITHOUT_JSON = {"export", "schema", "explore"}


def test_every_command_has_help_with_an_example() -> None:
    commands = typer.main.get_group(app).commands
    assert len(commands) >= 13
    for command in commands:
        code, out, _ = run(command, "--help")
        assert code == 0
        assert re.search(rf"Examples?: careermap {command}\b", out), (command, out)
        assert ("--json" in out) == (command not in WITHOUT_JSON), command


def test_no_arguments_shows_help() -> None:
    result = runner.invoke(app, [])
    assert "Usage" in result.output
    assert "path" in result.output


def test_no_color_and_non_terminal_output_have_no_escape_codes() -> None:
    code, out, _ = run("moves", "senior-engineer", env={"NO_COLOR": "1"})
    assert code == 0
    assert "\x1b[" not in out
    code, out, _ = run("path", "senior-engineer", "director-of-tech")
    assert code == 0
    assert "\x1b[" not in out


def test_forced_colour_does_colour_and_no_color_wins() -> None:
    green, cyan = "\x1b[32m", "\x1b[36m"  # upward and lateral moves
    _, out, _ = run("moves", "senior-engineer", env={"FORCE_COLOR": "1"})
    assert green in out and cyan in out
    _, out, _ = run("moves", "senior-engineer", env={"FORCE_COLOR": "1", "NO_COLOR": "1"})
    assert green not in out and cyan not in out
    assert "↑ upward" in out and "→ lateral" in out  # the kind is still readable without colour


def test_role_ids_complete_in_the_shell() -> None:
    env = {
        "_CAREERMAP_COMPLETE": "complete_bash",
        "COMP_WORDS": "careermap path senior-engineer dir",
        "COMP_CWORD": "3",
    }
    result = runner.invoke(app, [], env=env, prog_name="careermap")
    assert "director-of-tech" in result.output
    assert "director-of-product" in result.output
    assert "fellow" not in result.output


def test_titles_and_names_with_markup_characters_print_as_written(write_file: WriteFile) -> None:
    data = write_file(
        "markup.toml",
        '[meta]\nname = "Acme [/] ladder"\n'
        + MINI_TOML.replace('title = "Senior"', 'title = "C++ Dev [/] [red]lead"'),
    )
    code, out, err = run("--data", str(data), "roles")
    assert code == 0, err
    assert "Acme [/] ladder" in out and "C++ Dev [/] [red]lead" in out
    code, out, err = run("--data", str(data), "moves", "senior", "--into")
    assert code == 0, err
    assert "Moves into C++ Dev [/] [red]lead" in out


@pytest.mark.parametrize(
    "args",
    [
        ["path", "senior-engineer", "director-of-tech", "--years-in-role", "nan"],
        ["path", "senior-engineer", "director-of-tech", "--years-in-role", "inf"],
        ["reach", "senior-engineer", "--within", "nan"],
        ["reach", "senior-engineer", "--within", "inf", "--json"],
    ],
    ids=lambda args: " ".join(args[-2:]),
)
def test_years_must_be_finite_numbers(args: list[str]) -> None:
    code, out, err = run(*args)
    assert code == 2
    assert out == ""
    assert "is not a number of years" in err


def test_reach_into_without_a_limit_says_no_limit(write_file: WriteFile) -> None:
    data = write_file("mini.toml", MINI_TOML)
    code, _, err = run("--data", str(data), "reach", "--into", "junior")
    assert code == 0
    assert err.strip() == "No roles lead to junior."


def test_validate_summary_counts_in_words(write_file: WriteFile) -> None:
    data = write_file(
        "one.toml", '[[roles]]\nid = "solo"\ntitle = "Solo"\ntrack = "eng"\nlevels = 5\n'
    )
    code, out, _ = run("validate", str(data))
    assert code == 0
    assert out.strip().endswith("valid: 1 role, 0 moves, 1 track (eng), levels L5; 1 warning")


def test_roles_ids_lists_one_id_a_line() -> None:
    result = runner.invoke(app, ["roles", "--ids", "--level", "6"])
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines() == [
        "staff-engineer",
        "staff-sre",
        "senior-engineering-manager",
        "senior-product-manager",
    ]


def test_filters_repeat_as_a_union_and_combine_as_an_intersection() -> None:
    _, out, _ = run("roles", "--track", "engineering", "--track", "management", "--ids")
    both = set(out.split())
    _, eng, _ = run("roles", "--track", "engineering", "--ids")
    _, mgmt, _ = run("roles", "--track", "management", "--ids")
    assert both == set(eng.split()) | set(mgmt.split())
    _, out, _ = run("roles", "--track", "engineering", "--level", "6", "--level", "8", "--ids")
    assert out.split() == ["staff-engineer", "principal-engineer"]
    moves = run_json("moves", "staff-engineer", "--kind", "downward", "--kind", "upward")
    assert {m["kind"] for m in moves} == {"downward", "upward"}  # type: ignore[index]


def test_tables_longer_than_table_rows_show_the_first_and_say_so(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Rich lays out about 3,000 rows a second: a ladder of 100,000 roles would take
    a minute, so a table stops at TABLE_ROWS (here 5) and says where the rest are."""
    from careermap.render import terminal

    monkeypatch.setattr(terminal, "TABLE_ROWS", 5)
    env = {"COLUMNS": "200"}
    shown = runner.invoke(app, ["roles"], env=env)
    assert shown.exit_code == 0
    ids = [role["id"] for role in json.loads(runner.invoke(app, ["roles", "--json"]).stdout)]
    assert len(ids) == 17
    assert [i for i in ids if f" {i} " in shown.stdout] == ids[:5]
    assert "The first 5 of 17 roles are shown; --json or --markdown lists them all." in (
        " ".join(shown.stdout.split())
    )
    monkeypatch.setattr(terminal, "TABLE_ROWS", 1)
    moves = runner.invoke(app, ["moves", "senior-engineer"], env=env)
    assert "The first 1 of " in moves.stdout and "moves are shown" in moves.stdout


# -- large counts ----------------------------------------------------------------------------


def test_counts_of_a_thousand_or_more_are_grouped_by_thousands(write_file: WriteFile) -> None:
    """A chain of 1,050 roles: every count a person reads has its thousands separator."""
    ids = [f"r{i}" for i in range(1050)]
    document = {
        "roles": [{"id": r, "title": f"Role {r}", "track": "t", "levels": 1} for r in ids],
        "moves": [
            {"from": a, "to": b, "kind": "lateral", "years": [0.5, 1]} for a, b in pairwise(ids)
        ],
    }
    data = str(write_file("chain.json", json.dumps(document)))
    code, out, err = run("--data", data, "roles")
    assert code == 0, err
    assert "1,050 of 1,050 roles" in " ".join(out.split())
    code, out, err = run("--data", data, "path", "r0", "r1049")
    assert code == 0, err
    assert "Total: 1,049 moves" in out
    assert "Moves 101-949 not shown" in out
    code, out, err = run("--data", data, "path", "r0", "r1049", "--markdown")
    assert code == 0, err
    assert "Total: 1,049 moves" in out
    code, out, err = run("validate", data)
    assert code == 0, err
    assert "valid: 1,050 roles, 1,049 moves" in " ".join(out.split())
