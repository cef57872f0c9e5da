"""Company ladders as a user meets them: titles, levels, compare and --company on every command.

The shipped map carries Google, Amazon, Microsoft and Meta ladders mapped onto canonical levels
(Google's numbering). These tests pin what each command shows for them, how company titles and
level codes resolve to careermap's roles (and when they are ambiguous), and how a broken
``companies`` section is reported: one line per problem, naming the file, field path and ids.
"""

from __future__ import annotations

import json
import re
import tomllib
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from careermap.cli import app
from careermap.errors import AmbiguousRoleError, UsageError
from careermap.ladders import resolve_role, titles, titles_at
from careermap.loader import validate
from careermap.models import CareerMap, Role, Rung, name_key
from tests.cli import run
from tests.conftest import MINI_TOML

runner = CliRunner()

WriteFile = Callable[[str, str | bytes], Path]

COMPANIES = ["google", "amazon", "microsoft", "meta"]

# A valid companies section for MINI_TOML (levels 3-5, tracks engineering and management).
ACME = """
[[companies]]
id = "acme"
name = "Acme"

[[companies.ladders]]
track = "engineering"
rungs = [
  { code = "E3", title = "Engineer", levels = 3 },
  { code = "E4", title = "Senior Engineer", levels = [4, 5] },
]

[[companies.ladders]]
track = "management"
rungs = [
  { code = "M4", title = "Team Lead", levels = 4 },
]
"""

ACME_YAML = """
roles:
  - {id: junior, title: Junior, track: engineering, levels: 3}
  - {id: senior, title: Senior, track: engineering, levels: [4, 5], aliases: [Old Hand]}
  - {id: manager, title: Manager, track: management, levels: 4}
moves:
  - {from: junior, to: senior, kind: upward, years: [2, 4], source: test}
  - {from: senior, to: manager, kind: lateral, years: [1, 2]}
companies:
  - id: acme
    name: Acme
    ladders:
      - track: engineering
        rungs:
          - {code: E3, title: Engineer, levels: 3}
          - {code: E4, title: Senior Engineer, levels: [4, 5]}
      - track: management
        rungs:
          - {code: M4, title: Team Lead, levels: 4}
"""


def run_json(*args: str) -> Any:
    """The command's JSON, rungs without their ``source`` (what these tests compare is codes,
    titles and levels; every rung's source is in the goldens and test_default_data)."""
    code, out, err = run(*args, "--json")
    assert code == 0, err
    return json.loads(out, object_hook=_without_rung_source)


def _without_rung_source(value: dict[str, Any]) -> dict[str, Any]:
    if {"code", "title", "levels", "source"} <= set(value):
        del value["source"]
    return value


def rung(code: str, title: str, level: int) -> dict[str, Any]:
    return {"code": code, "title": title, "levels": [level, level]}


def table_rows(out: str) -> dict[str, str]:
    """A ``levels`` table's text by row label ("L5", ...), continuation lines included."""
    rows: dict[str, str] = {}
    current = None
    for line in out.splitlines():
        label = re.match(r"\s*(L\d+)\s", line)
        if label:
            current = label[1]
            rows[current] = line
        elif current and line.strip() and not line.lstrip().startswith("Company titles"):
            rows[current] += "\n" + line
    return rows


def candidates(err: str) -> list[str]:
    """The role ids an ambiguity error lists: ``matches a (Acme X), b (Acme Y)``."""
    _, _, listed = err.partition("it matches ")
    return re.findall(r"([a-z0-9-]+) \(", listed)


# -- titles ----------------------------------------------------------------------------------


def test_titles_of_staff_engineer_at_each_company() -> None:
    shown = run_json("titles", "staff-engineer")
    assert (shown["role"], shown["title"], shown["levels"]) == (
        "staff-engineer",
        "Staff Engineer",
        [6, 7],
    )
    by_company = {entry["company"]: entry for entry in shown["companies"]}
    assert list(by_company) == COMPANIES
    assert {entry["track"] for entry in shown["companies"]} == {"engineering"}
    assert [by_company[c]["rungs"] for c in COMPANIES] == [
        [rung("L6", "Staff Software Engineer", 6), rung("L7", "Senior Staff Software Engineer", 7)],
        [rung("L7", "Principal SDE", 6), rung("L8", "Senior Principal SDE", 7)],
        [rung("65-67", "Principal Software Engineer", 6), rung("68", "Partner", 7)],
        [rung("E6", "Staff Software Engineer", 6), rung("E7", "Senior Staff Software Engineer", 7)],
    ]


def test_titles_table_lists_both_rungs_per_company() -> None:
    code, out, _ = run("titles", "staff-engineer")
    assert code == 0
    assert "Staff Engineer (L6-7) at each company" in out
    assert re.search(r"Google\s+engineering\s+L6\s+Staff Software Engineer\s+L6", out)
    assert re.search(r"Amazon\s+engineering\s+L7\s+Principal SDE\s+L6", out)
    assert re.search(r"\n\s+L8\s+Senior Principal SDE\s+L7", out)
    assert re.search(r"Microsoft\s+engineering\s+65-67\s+Principal Software Engineer\s+L6", out)
    assert re.search(r"Meta\s+engineering\s+E6\s+Staff Software Engineer\s+L6", out)
    assert "approximate" in out


def test_titles_only_for_the_companies_asked() -> None:
    shown = run_json("titles", "principal-engineer", "--company", "meta", "-c", "Google")
    assert [entry["company"] for entry in shown["companies"]] == ["meta", "google"]
    assert shown["companies"][0]["rungs"] == [
        rung("E7", "Senior Staff Software Engineer", 7),
        rung("E8", "Principal Engineer", 8),
    ]


def test_sre_roles_show_the_engineering_ladder() -> None:
    sre = run_json("titles", "staff-sre")
    engineer = run_json("titles", "staff-engineer")
    assert sre["role"] == "staff-sre"
    assert sre["companies"] == engineer["companies"]
    assert {entry["track"] for entry in sre["companies"]} == {"engineering"}


def test_a_role_without_a_ladder_has_no_titles() -> None:
    assert run_json("titles", "senior-product-manager")["companies"] == []
    code, out, err = run("titles", "senior-product-manager")
    assert code == 0
    assert out == ""
    assert "ladder for senior-product-manager's track (product)" in err


# -- levels ----------------------------------------------------------------------------------


def test_levels_management_json_puts_director_at_l8() -> None:
    shown = run_json("levels", "--track", "management")
    [table] = shown["tracks"]
    assert table["track"] == "management"
    assert table["companies"] == COMPANIES
    rows = {row["level"]: row for row in table["levels"]}
    assert list(rows) == list(range(5, 12))
    assert rows[8]["companies"]["google"] == [rung("L8", "Director", 8)]
    assert all("Director" not in r["title"] for r in rows[7]["companies"]["google"]), (
        "Director is L8, not L7"
    )
    assert rows[7]["companies"]["google"] == [rung("L7", "Software Engineering Manager III", 7)]
    # Amazon's Director is its L8, beside its Senior Principal SDE (L8, canonical 7): the
    # rung spans 7-8, so a lateral move between the ladders keeps Amazon's number.
    amazon_director = {"code": "L8", "title": "Director", "levels": [7, 8]}
    assert rows[7]["companies"]["amazon"] == rows[8]["companies"]["amazon"] == [amazon_director]
    assert rows[9]["companies"]["amazon"] == [
        {"code": "L10", "title": "Vice President", "levels": [9, 10]}
    ]
    for level, row in rows.items():
        assert ("director-of-tech" in row["roles"]) == (level in (7, 8)), level
    assert rows[7]["roles"] == ["senior-engineering-manager", "director-of-tech"]


def test_levels_management_table_puts_director_at_l8() -> None:
    code, out, _ = run("levels", "--track", "management", "--company", "google", "-c", "amazon")
    assert code == 0, out
    assert "Levels: management ladders" in out
    rows = table_rows(out)
    assert list(rows) == [f"L{level}" for level in range(5, 12)]
    assert rows["L8"].count("L8 Director") == 2
    director = re.compile(r"(?<![a-z-])director-of-tech")
    assert director.search(rows["L8"])
    assert director.search(rows["L7"])
    assert "L7 Software Engineering Manager III" in rows["L7"]
    assert "L7 Senior Software Development Manager" in rows["L6"]  # beside Principal SDE
    assert rows["L7"].count(" Director") == 1  # Amazon's L8 Director spans 7-8, Google's not
    assert not director.search(rows["L6"] + rows["L9"])
    assert re.search(
        r"L9\s+senior-director-of-tech\s+L9 Senior Director\s+L10 Vice President", rows["L9"]
    )
    assert "Microsoft" not in out and "Meta" not in out


def test_levels_without_track_shows_every_ladder_track() -> None:
    shown = run_json("levels")
    assert [table["track"] for table in shown["tracks"]] == ["engineering", "management"]
    engineering = {row["level"]: row for row in shown["tracks"][0]["levels"]}
    # SRE roles are shown next to the engineering ladder whose titles they carry.
    assert engineering[6]["roles"] == ["staff-engineer", "staff-sre"]
    assert engineering[6]["companies"]["microsoft"] == [
        rung("65-67", "Principal Software Engineer", 6)
    ]
    assert engineering[11]["companies"]["meta"] == []


@pytest.mark.parametrize(
    ("args", "fragment"),
    [
        (["--track", "product"], "no company ladder for track 'product'; ladders: engineering, "),
        (["--company", "amazn"], "unknown company 'amazn'; did you mean amazon?"),
    ],
    ids=["track-without-ladder", "unknown-company"],
)
def test_levels_usage_errors(args: list[str], fragment: str) -> None:
    code, out, err = run("levels", *args)
    assert code == 2
    assert out == ""
    assert fragment in err


# -- --company: resolving company titles and codes -------------------------------------------


def test_path_between_amazon_titles() -> None:
    result = run_json("path", "SDE III", "Principal SDE", "--company", "amazon")
    assert (result["from"], result["to"]) == ("senior-engineer", "staff-engineer")
    assert [route["roles"] for route in result["paths"]] == [["senior-engineer", "staff-engineer"]]


def test_path_table_shows_the_company_titles() -> None:
    code, out, _ = run("path", "SDE III", "Principal SDE", "--company", "amazon")
    assert code == 0
    assert "Senior Engineer → Staff Engineer" in out
    assert "Amazon: L6 SDE III" in out
    assert "Amazon: L7 Principal SDE, L8" in out


@pytest.mark.parametrize(
    ("name", "company", "role_id"),
    [
        ("Staff Software Engineer", "google", "staff-engineer"),
        ("staff software engineer", "Meta", "staff-engineer"),
        ("E5", "meta", "senior-engineer"),
        ("Principal SDE", "amazon", "staff-engineer"),
        ("Principal Software Engineer", "microsoft", "staff-engineer"),
        ("Principal Software Engineer", "google", "principal-engineer"),
        ("Director", "google", "director-of-tech"),
        ("D1", "meta", "director-of-tech"),
        ("staff-sre", "google", "staff-sre"),
        ("Senior PM", "amazon", "senior-product-manager"),
    ],
    ids=[
        "google-title-to-engineering-not-sre",
        "title-ignores-case",
        "meta-code",
        "amazon-principal-is-l6",
        "microsoft-title-wins-over-the-alias",
        "no-such-rung-falls-back-to-the-alias",
        "management-title",
        "management-code",
        "role-id-still-works",
        "alias-still-works",
    ],
)
def test_show_resolves_company_titles(name: str, company: str, role_id: str) -> None:
    shown = run_json("show", name, "--company", company)
    assert shown["role"]["id"] == role_id


def test_show_table_at_meta() -> None:
    code, out, _ = run("show", "staff-engineer", "--company", "meta")
    assert code == 0
    assert re.search(
        r"At Meta\s+E6 Staff Software Engineer, E7 Senior Staff Software Engineer", out
    )
    assert "Meta: E5 Senior Software Engineer" in out  # the move in, from senior-engineer


def test_show_json_role_gains_the_company() -> None:
    shown = run_json("show", "E6", "--company", "meta")
    assert shown["role"]["company"] == {
        "company": "meta",
        "name": "Meta",
        "track": "engineering",
        "rungs": [
            rung("E6", "Staff Software Engineer", 6),
            rung("E7", "Senior Staff Software Engineer", 7),
        ],
    }
    assert "company" not in run_json("show", "staff-engineer")["role"]


def test_moves_accept_company_titles() -> None:
    moves = run_json("moves", "Principal SDE", "--company", "amazon", "--kind", "upward")
    assert [(m["from"], m["to"]) for m in moves] == [("staff-engineer", "principal-engineer")]


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["show", "L6", "--company", "amazon"], ["senior-engineer", "engineering-manager"]),
        (
            ["show", "Engineering Manager", "--company", "meta"],
            ["engineering-manager", "senior-engineering-manager"],
        ),
        (
            ["show", "L7", "--company", "google"],
            [
                "staff-engineer",
                "principal-engineer",
                "senior-engineering-manager",
                "director-of-tech",
            ],
        ),
        (["show", "Partner", "--company", "microsoft"], ["staff-engineer", "principal-engineer"]),
        (["moves", "L6", "--company", "amazon"], ["senior-engineer", "engineering-manager"]),
        (
            ["show", "L8", "--company", "amazon"],
            [
                "staff-engineer",
                "principal-engineer",
                "senior-engineering-manager",
                "director-of-tech",
            ],
        ),
        (
            ["show", "Technical Fellow", "--company", "microsoft"],
            ["distinguished-engineer", "fellow"],
        ),
        (
            ["path", "Senior Software Engineer", "L7", "--company", "google"],
            [
                "staff-engineer",
                "principal-engineer",
                "senior-engineering-manager",
                "director-of-tech",
            ],
        ),
        (
            ["compare", "M1", "Engineering Manager", "--company", "meta"],
            ["engineering-manager", "senior-engineering-manager"],
        ),
    ],
    ids=[
        "amazon-L6-on-two-ladders",
        "meta-title-on-two-rungs",
        "google-L7-spanned-by-two-roles-per-ladder",
        "microsoft-title-on-two-rungs",
        "moves",
        "amazon-L8-spanned-by-two-roles-and-on-two-ladders",
        "alias-that-is-also-a-company-title",
        "path",
        "compare",
    ],
)
def test_ambiguous_company_names_list_the_candidates(args: list[str], expected: list[str]) -> None:
    code, out, err = run(*args)
    assert code == 2
    assert out == ""
    assert "is ambiguous" in err
    assert sorted(candidates(err)) == sorted(expected)
    assert "sre" not in err  # engineering titles never resolve to SRE roles


def test_ambiguity_message_names_the_company_rungs() -> None:
    _, _, err = run("show", "L6", "--company", "amazon")
    assert err.strip() == (
        "error: role 'L6' is ambiguous: it matches senior-engineer (Amazon L6 SDE III), "
        "engineering-manager (Amazon L6 Software Development Manager II)"
    )


@pytest.mark.parametrize(
    "args",
    [
        ["roles"],
        ["show", "staff-engineer"],
        ["moves", "staff-engineer"],
        ["path", "senior-engineer", "staff-engineer"],
        ["compare", "senior-engineer", "staff-engineer"],
        ["titles", "staff-engineer"],
        ["levels"],
    ],
    ids=lambda args: args[0],
)
def test_unknown_company_suggests_the_closest(args: list[str]) -> None:
    code, out, err = run(*args, "--company", "amazn")
    assert code == 2
    assert out == ""
    assert err.strip() == "error: unknown company 'amazn'; did you mean amazon?"


def test_unknown_company_far_from_every_name_lists_them() -> None:
    code, out, err = run("show", "staff-engineer", "--company", "initech")
    assert code == 2
    assert out == ""
    assert "unknown company 'initech'; companies: google, amazon, microsoft, meta" in err


def test_company_is_found_by_name_ignoring_case() -> None:
    shown = run_json("show", "staff-engineer", "--company", "MICROSOFT")
    assert shown["role"]["company"]["company"] == "microsoft"


def test_company_rung_without_a_role_on_its_track(write_file: WriteFile) -> None:
    """A rung the map has no role for names the rung and its levels instead of a vague error."""
    data = write_file(
        "gap.toml",
        broken(
            '{ code = "M4", title = "Team Lead", levels = 4 },',
            '{ code = "M3", title = "Lead", levels = 3 },\n'
            '  { code = "M4", title = "Team Lead", levels = 4 },',
        ),
    )
    code, out, err = run("--data", str(data), "show", "M3", "--company", "acme")
    assert code == 2
    assert out == ""
    assert "Acme's M3 'Lead' is L3, where this map has no role on its track" in err


# -- roles --company -------------------------------------------------------------------------


def test_roles_with_company_gain_a_company_object() -> None:
    roles = {role["id"]: role for role in run_json("roles", "--company", "google")}
    assert roles["staff-sre"]["company"] == {
        "company": "google",
        "name": "Google",
        "track": "engineering",
        "rungs": [
            rung("L6", "Staff Software Engineer", 6),
            rung("L7", "Senior Staff Software Engineer", 7),
        ],
    }
    assert roles["director-of-tech"]["company"]["track"] == "management"
    assert [r["code"] for r in roles["director-of-tech"]["company"]["rungs"]] == ["L7", "L8"]
    for product in ("product-manager", "senior-product-manager", "director-of-product"):
        assert roles[product]["company"] is None, "no Google ladder for the product track"
    assert all("company" in role for role in roles.values())
    assert all("company" not in role for role in run_json("roles"))


def test_role_above_a_company_ladder_gets_no_rungs() -> None:
    roles = {role["id"]: role for role in run_json("roles", "--company", "amazon")}
    assert roles["fellow"]["company"] == {
        "company": "amazon",
        "name": "Amazon",
        "track": "engineering",
        "rungs": [],
    }
    code, out, _ = run("show", "fellow", "--company", "amazon")
    assert code == 0
    assert re.search(r"At Amazon\s+-\s", out)


def test_roles_table_with_company_shows_its_titles() -> None:
    code, out, _ = run("roles", "--track", "management", "--company", "meta")
    assert code == 0
    assert "Meta: M0 Engineering Manager" in out
    assert "Meta: M2 Senior Engineering Manager, D1 Director" in out


# -- compare ---------------------------------------------------------------------------------


def test_compare_staff_engineer_with_engineering_manager_json() -> None:
    shown = run_json("compare", "staff-engineer", "engineering-manager")
    assert (shown["a"]["id"], shown["b"]["id"]) == ("staff-engineer", "engineering-manager")
    assert shown["level_difference"] == -1
    assert shown["skills_difference"] == {"hard": -2.5, "soft": 0.0}
    assert [entry["company"] for entry in shown["titles"]] == COMPANIES
    google = shown["titles"][0]
    assert google["name"] == "Google"
    assert [r["code"] for r in google["a"]] == ["L6", "L7"]
    assert google["b"] == [rung("L5", "Software Engineering Manager I", 5)]
    a_to_b, b_to_a = shown["routes"]["a_to_b"], shown["routes"]["b_to_a"]
    assert a_to_b["roles"] == ["staff-engineer", "engineering-manager"]
    assert [(s["kind"], s["min_years"], s["max_years"]) for s in a_to_b["steps"]] == [
        ("downward", 3.0, 8.0)
    ]
    assert (a_to_b["min_years"], a_to_b["max_years"]) == (3.0, 8.0)
    assert b_to_a["roles"] == ["engineering-manager", "senior-engineer", "staff-engineer"]
    assert (b_to_a["min_years"], b_to_a["max_years"]) == (3.5, 10.0)


def test_compare_table_says_which_axis_grows_or_shrinks() -> None:
    code, out, _ = run("compare", "staff-engineer", "engineering-manager")
    assert code == 0
    assert "Staff Engineer vs Engineering Manager" in out
    assert "starts 1 level lower" in out
    assert "hard shrinks by 2.5" in out
    assert "same soft" in out
    assert re.search(r"At Meta\s+E6 Staff Software Engineer, E7", out)
    assert "staff-engineer → engineering-manager: 1 move, 3-8 years" in out
    assert "engineering-manager → staff-engineer: 2 moves, 3.5-10 years" in out
    assert "via senior-engineer" in out

    code, out, _ = run("compare", "engineering-manager", "staff-engineer")
    assert code == 0
    assert "starts 1 level higher" in out
    assert "hard grows by 2.5" in out


def test_compare_with_a_role_off_every_ladder_and_no_route_back() -> None:
    shown = run_json("compare", "product-manager", "svp-of-tech")
    assert all(entry["a"] is None for entry in shown["titles"])
    assert shown["titles"][1]["b"] == [rung("L11", "Senior Vice President", 11)]
    assert shown["titles"][2]["b"] == [], "Microsoft's ladder stops at L10"
    assert shown["routes"]["b_to_a"] is None
    code, out, _ = run("compare", "product-manager", "svp-of-tech")
    assert code == 0
    assert "svp-of-tech → product-manager: no route in this map" in out
    assert re.search(r"At Google\s+-\s", out)


@pytest.mark.parametrize(
    ("first", "second"),
    [("staff-engineer", "staff-engineer"), ("Staff SWE", "staff-engineer")],
    ids=["same-id", "alias-and-id"],
)
def test_compare_a_role_with_itself_is_a_usage_error(first: str, second: str) -> None:
    code, out, err = run("compare", first, second)
    assert code == 2
    assert out == ""
    assert "'staff-engineer' compared with itself" in err


def test_compare_accepts_company_titles() -> None:
    shown = run_json("compare", "SDE III", "Principal SDE", "--company", "amazon")
    assert (shown["a"]["id"], shown["b"]["id"]) == ("senior-engineer", "staff-engineer")
    assert shown["level_difference"] == 1
    assert shown["skills_difference"] == {"hard": 3.5, "soft": 1.5}
    code, _, err = run("compare", "E6", "Staff Software Engineer", "--company", "meta")
    assert code == 2
    assert "compared with itself" in err


# -- maps without companies ------------------------------------------------------------------


def test_map_without_companies(write_file: WriteFile) -> None:
    data = str(write_file("mini.toml", MINI_TOML))
    code, out, err = run("--data", data, "levels")
    assert code == 1  # the data lacks what the command needs
    assert out == ""
    assert err.strip() == "error: this map has no company ladders (no 'companies' section)"

    # titles says the same: there is nothing to translate into.
    code, out, err = run("--data", data, "titles", "senior")
    assert code == 1
    assert out == ""
    assert err.strip() == "error: this map has no company ladders (no 'companies' section)"

    code, out, err = run("--data", data, "show", "senior", "--company", "google")
    assert code == 1
    assert out == ""
    assert "this map has no company ladders" in err


# -- validation of the companies section -----------------------------------------------------


def broken(old: str, new: str, count: int = 1) -> str:
    companies = ACME.replace(old, new, count)
    assert companies != ACME, f"{old!r} is not in the companies section"
    return MINI_TOML + companies


SECOND_COMPANY = '\n[[companies]]\nid = "acme"\nname = "Acme Two"\n\n[[companies.ladders]]\n'
SECOND_COMPANY += 'track = "engineering"\nrungs = [{ code = "X3", title = "X", levels = 3 }]\n'

VALIDATION_CASES = [
    pytest.param(
        broken('track = "engineering"', 'track = "enginering"'),
        "companies[0].ladders[0].track",
        "unknown track 'enginering' in company 'acme'; "
        "the map's tracks are engineering, management",
        id="unknown-track",
    ),
    pytest.param(
        broken('track = "engineering"', 'track = "engineering"\nshown_for = ["sre"]'),
        "companies[0].ladders[0].shown_for",
        "unknown track 'sre' in company 'acme'",
        id="shown-for-unknown-track",
    ),
    pytest.param(
        broken('track = "management"', 'track = "engineering"'),
        "companies[0].ladders[1].track",
        "company 'acme' already has a ladder for track 'engineering' (ladders[0])",
        id="two-ladders-for-one-track",
    ),
    pytest.param(
        broken('track = "engineering"', 'track = "engineering"\nshown_for = ["management"]'),
        "companies[0].ladders[1].track",
        "company 'acme' already has a ladder for track 'management' (ladders[0])",
        id="shown-for-claims-a-ladder-track",
    ),
    pytest.param(
        broken(
            '{ code = "E3", title = "Engineer", levels = 3 },\n'
            '  { code = "E4", title = "Senior Engineer", levels = [4, 5] },',
            '{ code = "E4", title = "Senior Engineer", levels = [4, 5] },\n'
            '  { code = "E3", title = "Engineer", levels = 3 },',
        ),
        "companies[0].ladders[0].rungs[1].levels",
        "rung 'E3' of company 'acme' (L3) must come above the rung before it, 'E4' (L4-5)",
        id="rungs-out-of-order",
    ),
    pytest.param(
        broken('title = "Engineer", levels = 3', 'title = "Engineer", levels = [3, 4]'),
        "companies[0].ladders[0].rungs[1].levels",
        "rung 'E4' of company 'acme' (L4-5) must come above the rung before it, 'E3' (L3-4): "
        "rungs go up the levels without overlapping",
        id="overlapping-rungs",
    ),
    pytest.param(
        broken("levels = [4, 5]", "levels = [4, 6]"),
        "companies[0].ladders[0].rungs[1].levels",
        "rung 'E4' of company 'acme' is L4-6, outside the map's levels L3-5",
        id="rung-above-the-map",
    ),
    pytest.param(
        broken('title = "Engineer", levels = 3', 'title = "Engineer", levels = 2'),
        "companies[0].ladders[0].rungs[0].levels",
        "rung 'E3' of company 'acme' is L2, outside the map's levels L3-5",
        id="rung-below-the-map",
    ),
    pytest.param(
        broken('code = "E4"', 'code = "e3"'),
        "companies[0].ladders[0].rungs[1].code",
        "rung 'e3' of company 'acme' is listed twice",
        id="duplicate-code-ignoring-case",
    ),
    pytest.param(
        MINI_TOML + ACME + SECOND_COMPANY,
        "companies[1].id",
        "duplicate company id 'acme' (first defined at companies[0])",
        id="duplicate-company-id",
    ),
    pytest.param(
        broken("levels = [4, 5] }", 'levels = [4, 5], note = "x" }'),
        "companies[0].ladders[0].rungs[1].note",
        "unknown key 'note'; allowed keys: code, title, levels, source",
        id="unknown-key-in-rung",
    ),
    pytest.param(
        broken('title = "Senior Engineer", ', ""),
        "companies[0].ladders[0].rungs[1].title",
        "required key is missing",
        id="rung-without-title",
    ),
    pytest.param(
        broken('rungs = [\n  { code = "M4", title = "Team Lead", levels = 4 },\n]', "rungs = []"),
        "companies[0].ladders[1].rungs",
        "must not be empty",
        id="empty-rungs",
    ),
    pytest.param(
        broken("levels = [4, 5]", "levels = [5, 4]"),
        "companies[0].ladders[0].rungs[1].levels",
        "minimum level 5 is greater than maximum level 4",
        id="rung-levels-reversed",
    ),
]


@pytest.mark.parametrize(("content", "path", "message"), VALIDATION_CASES)
def test_bad_companies_section_is_one_line_naming_the_field(
    write_file: WriteFile, content: str, path: str, message: str
) -> None:
    data = write_file("ladders.toml", content)
    code, out, err = run("--data", str(data), "roles")
    assert code == 1
    assert out == ""
    [line] = err.strip().splitlines()
    line = re.sub(r"line \d+: ", "", line)  # TOML findings name the line of their entry
    assert line.startswith(f"error: {data}: {path}: "), line
    assert message in line


# Record-level problems (found by pydantic, before the cross-record checks) inside a company say
# where they are but not which company, unlike roles ("(role x)") and moves ("(move a -> b)").
@pytest.mark.parametrize(
    "case", ["unknown-key-in-rung", "rung-without-title", "empty-rungs", "rung-levels-reversed"]
)
def test_record_level_company_errors_name_the_company(write_file: WriteFile, case: str) -> None:
    [content] = [param.values[0] for param in VALIDATION_CASES if param.id == case]
    data = write_file("ladders.toml", str(content))
    code, _, err = run("--data", str(data), "roles")
    assert code == 1
    assert "acme" in err.replace(str(data), "")


def test_every_companies_problem_is_reported_at_once(write_file: WriteFile) -> None:
    content = MINI_TOML + ACME.replace("levels = [4, 5]", "levels = [4, 6]").replace(
        'track = "management"', 'track = "product"'
    )
    data = write_file("ladders.toml", content)
    code, _, err = run("--data", str(data), "roles")
    assert code == 1
    lines = err.strip().splitlines()
    assert len(lines) == 2
    lines = [re.sub(r"line \d+: ", "", line) for line in lines]
    assert f"error: {data}: companies[0].ladders[0].rungs[1].levels: " in lines[0]
    assert f"error: {data}: companies[0].ladders[1].track: unknown track 'product'" in lines[1]


@pytest.mark.parametrize("fmt", ["toml", "yaml", "json"])
def test_valid_companies_section_loads_in_every_format(write_file: WriteFile, fmt: str) -> None:
    if fmt == "toml":
        content = MINI_TOML + ACME
    elif fmt == "yaml":
        content = ACME_YAML
    else:
        content = json.dumps(tomllib.loads(MINI_TOML + ACME), indent=2)
    data = str(write_file(f"acme.{fmt}", content))
    shown = run_json("--data", data, "titles", "senior")
    assert shown["companies"] == [
        {
            "company": "acme",
            "name": "Acme",
            "track": "engineering",
            "rungs": [{"code": "E4", "title": "Senior Engineer", "levels": [4, 5]}],
        }
    ]
    assert run_json("--data", data, "show", "Team Lead", "--company", "acme")["role"]["id"] == (
        "manager"
    )
    levels = run_json("--data", data, "levels", "--track", "engineering")
    assert [row["level"] for row in levels["tracks"][0]["levels"]] == [3, 4, 5]


# -- a rung spanning several levels ----------------------------------------------------------


def test_a_rung_spanning_levels_resolves_to_the_role_it_overlaps(write_file: WriteFile) -> None:
    data = str(write_file("span.toml", broken("levels = 4 }", "levels = [3, 4] }")))
    # titles shows the manager as Acme's M4 ...
    assert run_json("--data", data, "titles", "manager")["companies"][0]["rungs"] == [
        {"code": "M4", "title": "Team Lead", "levels": [3, 4]}
    ]
    # ... so M4 at Acme should name the manager (the only management role, at L4).
    code, out, err = run("--data", data, "show", "M4", "--company", "acme", "--json")
    assert code == 0, err
    assert json.loads(out)["role"]["id"] == "manager"


# -- properties ------------------------------------------------------------------------------

TRACKS = ("engineering", "management", "sre")
CODES = [f"L{n}" for n in range(1, 9)] + ["E1", "E2", "M1", "M2"]
TITLES = ["Engineer", "Lead", "Principal", "Head"]


@st.composite
def rungs(draw: st.DrawFn, low: int, high: int) -> list[dict[str, Any]]:
    """Rungs going up from ``low`` to ``high`` without overlapping, some spanning two levels."""
    points = sorted(draw(st.lists(st.integers(low, high), min_size=1, max_size=8, unique=True)))
    spans: list[tuple[int, int]] = []
    while points:
        first = points.pop(0)
        if points and draw(st.booleans()):
            spans.append((first, points.pop(0)))
        else:
            spans.append((first, first))
    codes = draw(
        st.lists(
            st.sampled_from(CODES), min_size=len(spans), max_size=len(spans), unique_by=str.lower
        )
    )
    return [
        {"code": code, "title": draw(st.sampled_from(TITLES)), "levels": list(span)}
        for code, span in zip(codes, spans, strict=True)
    ]


@st.composite
def maps_with_ladders(draw: st.DrawFn) -> CareerMap:
    """MINI_TOML, some extra roles (no moves), and one or two companies with valid ladders."""
    document = tomllib.loads(MINI_TOML)
    extras = draw(
        st.lists(
            st.tuples(st.sampled_from(TRACKS), st.integers(0, 9), st.integers(0, 2)), max_size=4
        )
    )
    for i, (track, low, width) in enumerate(extras):
        document["roles"].append(
            {
                "id": f"extra-{i}",
                "title": f"Extra {i}",
                "track": track,
                "levels": [low, low + width],
            }
        )
    tracks = list(dict.fromkeys(role["track"] for role in document["roles"]))
    low = min(
        role["levels"] if isinstance(role["levels"], int) else role["levels"][0]
        for role in document["roles"]
    )
    high = max(
        role["levels"] if isinstance(role["levels"], int) else role["levels"][1]
        for role in document["roles"]
    )
    companies = []
    for c in range(draw(st.integers(1, 2))):
        order = draw(st.permutations(tracks))
        count = draw(st.integers(1, len(order)))
        ladders = [
            {"track": track, "shown_for": [], "rungs": draw(rungs(low, high))}
            for track in order[:count]
        ]
        for track in order[count:]:
            if draw(st.booleans()):
                draw(st.sampled_from(ladders))["shown_for"].append(track)
        companies.append({"id": f"co-{c}", "name": f"Company {c}", "ladders": ladders})
    document["companies"] = companies
    return validate(document, "ladders.json")


def _overlaps(role: Role, rung_: Rung) -> bool:
    return role.levels[0] <= rung_.levels[1] and rung_.levels[0] <= role.levels[1]


@settings(max_examples=100, deadline=None)
@given(cmap=maps_with_ladders())
def test_every_rung_code_resolves_to_a_role_on_its_track_or_a_usage_error(
    cmap: CareerMap,
) -> None:
    for company in cmap.companies:
        for ladder in company.ladders:
            for rung_ in ladder.rungs:
                matched = [
                    (other.track, r)
                    for other in company.ladders
                    for r in other.rungs
                    if name_key(rung_.code) in (name_key(r.code), name_key(r.title))
                ]
                try:
                    role = resolve_role(cmap, rung_.code, company)
                except AmbiguousRoleError as exc:
                    assert len(exc.candidates) >= 2
                    continue
                except UsageError as exc:
                    assert "where this map has no role on its track" in str(exc)
                    assert not any(
                        role.track == track and _overlaps(role, r)
                        for track, r in matched
                        for role in cmap.roles
                    )
                    continue
                assert any(role.track == track and _overlaps(role, r) for track, r in matched)
                if len(matched) == 1:
                    assert role.track == ladder.track
                    assert _overlaps(role, rung_)


@settings(max_examples=100, deadline=None)
@given(cmap=maps_with_ladders())
def test_titles_at_are_the_rungs_overlapping_the_role(cmap: CareerMap) -> None:
    for role in cmap.roles:
        for company in cmap.companies:
            ladder = next(
                (la for la in company.ladders if role.track in (la.track, *la.shown_for)), None
            )
            entry = titles_at(company, role)
            if ladder is None:
                assert entry is None
                continue
            assert entry is not None
            assert entry.ladder is ladder
            assert entry.rungs == tuple(r for r in ladder.rungs if _overlaps(role, r))
        listed = titles(cmap, role)
        assert [entry.company.id for entry in listed] == [
            c.id for c in cmap.companies if titles_at(c, role) is not None
        ]


def test_titles_accepts_the_company_title_of_the_one_company_named() -> None:
    result = runner.invoke(app, ["titles", "SDE III", "--company", "amazon", "--json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["role"] == "senior-engineer"
