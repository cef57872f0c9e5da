"""The gallery's frameworks keep the shape their sources give them (issue 25, item 7).

Each test asks the question a reader of that framework would ask and checks the answer the
source supports: Mews's IC grades and leadership grades do not compare; Dropbox's IC and
manager scales share the level number; the FT's Senior 2 and Principal are one level on both
tracks; Monzo's level 6 has its mastery behaviours; durations are what the sources state.
"""

from __future__ import annotations

import json
from typing import Any

from typer.testing import CliRunner

from careermap.cli import app

runner = CliRunner()


def _json(ladder: str, *args: str) -> Any:
    result = runner.invoke(app, ["--ladder", ladder, *args, "--json"])
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def _ids(ladder: str, *args: str) -> set[str]:
    return {role["id"] for role in _json(ladder, "roles", *args)}


def _table(ladder: str, *args: str) -> str:
    result = runner.invoke(app, ["--ladder", ladder, *args], env={"COLUMNS": "200"})
    assert result.exit_code == 0, result.output
    return result.stdout


# --- Mews: an IC scale beside a leadership scale, with no mapping between them -----


def test_mews_level_code_lists_only_that_scales_roles() -> None:
    assert _ids("mews-engineering", "--level", "IC4") == {"senior-engineer"}
    # S2 is a grade of the shared leadership scale: a team lead and a technical leader.
    assert _ids("mews-engineering", "--level", "S2") == {"engineering-manager-s2", "staff-engineer"}


def test_mews_compare_ic_with_manager_says_the_scales_do_not_map() -> None:
    compared = _json("mews-engineering", "compare", "senior-engineer", "engineering-manager-s2")
    assert compared["level_difference"] is None and compared["level_basis"] is None
    table = _table("mews-engineering", "compare", "senior-engineer", "engineering-manager-s2")
    assert "no mapping" in table
    assert "lower" not in table and "higher" not in table


def test_mews_sub_levels_are_their_own_grades() -> None:
    engineers = _json("mews-engineering", "roles", "--track", "engineer")
    assert [(role["title"], role["level"]) for role in engineers] == [
        ("Engineer", "IC2"),
        ("Engineer II", "IC3"),
        ("Senior Engineer", "IC4"),
        ("Senior Engineer II", "IC5"),
    ]


# --- Dropbox: IC1-IC7 beside M3-M7, the level number shared as the band ------------


def test_dropbox_level_code_lists_one_scale_and_the_shared_name_both() -> None:
    assert _ids("dropbox-engineering", "--level", "IC3") == {"ic3-software-engineer"}
    assert _ids("dropbox-engineering", "--level", "M3") == {"m3-engineering-manager"}
    assert _ids("dropbox-engineering", "--level", "Level 3") == {
        "ic3-software-engineer",
        "m3-engineering-manager",
    }


def test_dropbox_compares_ic_and_manager_by_band() -> None:
    ic6, m6 = "ic6-principal-software-engineer", "m6-engineering-director"
    same = _json("dropbox-engineering", "compare", ic6, m6)
    assert (same["level_basis"], same["level_difference"]) == ("band", 0)
    lower = _json(
        "dropbox-engineering", "compare", "ic4-software-engineer", "m3-engineering-manager"
    )
    assert (lower["level_basis"], lower["level_difference"]) == ("band", -1)


def test_dropbox_years_are_the_guidelines_time_in_level() -> None:
    route = _json("dropbox-engineering", "path", "ic1-software-engineer", "ic4-software-engineer")
    best = route["paths"][0]
    assert (best["min_years"], best["max_years"]) == (5.5, 9)  # 1.5-2 + 2-3 + 2-4
    (out_of_ic4,) = _json("dropbox-engineering", "moves", "ic4-software-engineer")
    assert (out_of_ic4["min_years"], out_of_ic4["max_years"]) == (4, None)  # "4+"
    (out_of_ic5,) = _json("dropbox-engineering", "moves", "ic5-staff-software-engineer")
    assert (out_of_ic5["min_years"], out_of_ic5["max_years"]) == (None, None)  # not given


# --- FT: one track splitting at Senior 2; Senior 2 and Principal share a band ------


def test_ft_shared_level_code_lists_both_tracks() -> None:
    senior_2 = {"senior-engineer-2-ic", "senior-engineer-2-pm"}
    assert _ids("ft-engineering", "--level", "S2") == senior_2
    principal = {"principal-engineer-ic", "principal-engineer-pm"}
    assert _ids("ft-engineering", "--level", "P") == principal
    assert _ids("ft-engineering", "--level", "TD") == {"technology-director"}


def test_ft_compare_the_two_senior_2_roles_says_same_band() -> None:
    compared = _json("ft-engineering", "compare", "senior-engineer-2-ic", "senior-engineer-2-pm")
    assert (compared["level_basis"], compared["level_difference"]) == ("band", 0)
    assert "same starting band" in _table(
        "ft-engineering", "compare", "senior-engineer-2-ic", "senior-engineer-2-pm"
    )


def test_ft_technology_director_is_reached_only_through_management() -> None:
    route = _json("ft-engineering", "path", "junior-engineer", "technology-director")
    roles = route["paths"][0]["roles"]
    assert "principal-engineer-pm" in roles and "principal-engineer-ic" not in roles
    assert all(step.get("min_years") is None for step in route["paths"][0]["steps"])


# --- Monzo: level 6 keeps its three mastery behaviours -----------------------------


def test_monzo_level_6_has_its_mastery_behaviours() -> None:
    role = _json("monzo-backend", "show", "backend-engineer-6")["role"]
    assert role["competencies"]["mastery"] == 6
    assert len(role["expectations"]["mastery"]) == 3
    compared = _json("monzo-backend", "compare", "backend-engineer-5", "backend-engineer-6")
    mastery = [row for row in compared["competencies"] if row["theme"] == "mastery"]
    assert mastery == [{"theme": "mastery", "a": 5.0, "b": 6.0, "change": 1.0}]
