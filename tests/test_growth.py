"""Growth: competencies compared between roles and planned along a route, in every format."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from careermap.api import Ladder
from careermap.cli import app
from careermap.growth import changes, new_expectations, plan
from careermap.loader import load
from tests.conftest import MINI_TOML

runner = CliRunner()

# Themes with a scale and without one; roles missing some themes.
THEMED = """
[[themes]]
id = "craft"
name = "Craft"
scale = ["Learning", "Capable", "Strong", "Leading"]

[[themes]]
id = "people"
name = "People"
about = "Helping others grow."

[[themes]]
id = "delivery"
name = "Delivery"
scale = ["Own tasks", "Own features", "Own projects"]

[[roles]]
id = "engineer"
title = "Engineer"
track = "eng"
levels = 3
competencies = { craft = 1, people = 2.5, delivery = 1 }
expectations = { craft = ["Writes tested code"], delivery = ["Ships tasks"] }

[[roles]]
id = "senior"
title = "Senior Engineer"
track = "eng"
levels = 4
competencies = { craft = 3, people = 4 }
expectations = { craft = ["Writes tested code", "Designs modules"], people = ["Mentors"] }

[[roles]]
id = "lead"
title = "Lead Engineer"
track = "eng"
levels = 5
competencies = { craft = 4, people = 6, delivery = 3 }
expectations = { people = ["Mentors", "Runs hiring loops"], delivery = ["Owns projects"] }

[[moves]]
from = "engineer"
to = "senior"
kind = "upward"
years = [2, 3]

[[moves]]
from = "senior"
to = "lead"
kind = "upward"
years = [2, 4]
"""


@pytest.fixture
def themed(tmp_path: Path) -> Path:
    path = tmp_path / "themed.toml"
    path.write_text(THEMED, encoding="utf-8")
    return path


def run(path: Path, *args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, ["--data", str(path), *args], env={"COLUMNS": "120"})
    assert "Traceback" not in result.output
    return result.exit_code, result.stdout, result.stderr


def test_changes_and_new_expectations(themed: Path) -> None:
    cmap = load(themed)
    found = {
        c.theme.id: (c.a, c.b, c.change)
        for c in changes(cmap, cmap.role("engineer"), cmap.role("senior"))
    }
    # delivery: the senior role gives none, so the change is unknown, not -1.
    assert found == {"craft": (1, 3, 2), "people": (2.5, 4, 1.5), "delivery": (1, None, None)}
    assert new_expectations(cmap, cmap.role("engineer"), cmap.role("senior")) == {
        "craft": ["Designs modules"],
        "people": ["Mentors"],
    }


def test_compare_json_has_competencies_and_new_expectations(themed: Path) -> None:
    code, out, err = run(themed, "compare", "engineer", "lead", "--json")
    assert code == 0, err
    shown = json.loads(out)
    assert shown["competencies"] == [
        {"theme": "craft", "a": 1, "b": 4, "change": 3},
        {"theme": "people", "a": 2.5, "b": 6, "change": 3.5},
        {"theme": "delivery", "a": 1, "b": 3, "change": 2},
    ]
    assert shown["expectations_new"] == {
        "people": ["Mentors", "Runs hiring loops"],
        "delivery": ["Owns projects"],
    }


def test_compare_table_speaks_in_scale_names(themed: Path) -> None:
    code, out, _ = run(themed, "compare", "engineer", "senior")
    assert code == 0
    assert "Learning (1/4)" in out and "Strong (3/4)" in out  # craft, scaled
    assert "2.5" in out and "grows by 1.5" in out  # people, no scale
    assert "not given for both" in out  # delivery: the senior role gives none
    assert "New in Senior Engineer (People): Mentors" in out


def test_path_plan_in_every_format(themed: Path) -> None:
    code, out, err = run(themed, "path", "engineer", "lead", "--plan", "--json")
    assert code == 0, err
    [route] = json.loads(out)["paths"]
    assert route["plan"] == [
        {
            "from": "engineer",
            "to": "senior",
            "grow": [
                {"theme": "craft", "from": 1, "to": 3},
                {"theme": "people", "from": 2.5, "to": 4},
            ],
            "expectations_new": {"craft": ["Designs modules"], "people": ["Mentors"]},
        },
        {
            "from": "senior",
            "to": "lead",
            "grow": [
                {"theme": "craft", "from": 3, "to": 4},
                {"theme": "people", "from": 4, "to": 6},
            ],
            "expectations_new": {"people": ["Runs hiring loops"], "delivery": ["Owns projects"]},
        },
    ]
    code, out, _ = run(themed, "path", "engineer", "lead", "--plan")
    assert "What to grow, step by step" in out
    assert "Craft: Learning (1/4) → Strong (3/4)" in out
    assert "Across the route:" in out and "Delivery Own tasks (1/3) → Own projects (3/3)" in out
    code, out, _ = run(themed, "path", "engineer", "lead", "--plan", "--markdown")
    assert "### What to grow" in out
    assert "  - grow Craft: Learning to Strong" in out
    assert "  - newly expected (Delivery): Owns projects" in out
    # Without --plan, no plan in JSON.
    code, out, _ = run(themed, "path", "engineer", "lead", "--json")
    assert "plan" not in json.loads(out)["paths"][0]


@pytest.fixture
def plain(tmp_path: Path) -> Path:
    path = tmp_path / "plain.toml"
    path.write_text(MINI_TOML, encoding="utf-8")
    return path


def test_plan_on_a_ladder_without_themes_says_so(plain: Path) -> None:
    code, out, err = run(plain, "path", "junior", "manager", "--plan")
    assert code == 0, err
    assert "defines no competency themes" in out
    assert "What to grow" not in out


def test_show_and_the_page_list_competencies(themed: Path) -> None:
    _, out, _ = run(themed, "show", "senior")
    assert "Craft" in out and "Strong (3/4)" in out and "• Designs modules" in out
    assert "Delivery" not in out  # the senior role says nothing about delivery
    _, out, _ = run(themed, "export", "--format", "html")
    assert "<dt>Craft</dt><dd>Strong: Writes tested code; Designs modules</dd>" in out


def test_plan_is_what_the_route_steps_are(themed: Path) -> None:
    cmap = load(themed)
    [route] = Ladder(cmap).routes("engineer", "lead")
    assert [(s.from_, s.to) for s in plan(cmap, route)] == [
        ("engineer", "senior"),
        ("senior", "lead"),
    ]


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        (
            "competencies = { craft = 3, people = 4 }",
            "competencies = { craft = 5, people = 4 }",
            "5 is not a position on theme 'craft''s scale "
            "(1-4: Learning, Capable, Strong, Leading)",
        ),
        (
            "competencies = { craft = 3, people = 4 }",
            "competencies = { craft = 3, peple = 4 }",
            "unknown theme 'peple' in role 'senior'; did you mean people?",
        ),
        ('people = ["Mentors"] }', 'leadership = ["Mentors"] }', "unknown theme 'leadership'"),
        (
            "competencies = { craft = 3, people = 4 }",
            "competencies = { craft = 2.5, people = 4 }",
            "2.5 is not a position on theme 'craft''s scale",
        ),
    ],
    ids=["outside-the-scale", "unknown-theme", "expectation-for-no-theme", "between-positions"],
)
def test_theme_errors_name_the_place(tmp_path: Path, old: str, new: str, message: str) -> None:
    path = tmp_path / "bad.toml"
    assert old in THEMED
    path.write_text(THEMED.replace(old, new, 1), encoding="utf-8")
    code, _, err = run(path, "roles")
    assert code == 1
    assert message in err
    assert "roles[1]." in err


def test_map_on_two_themes(themed: Path, tmp_path: Path) -> None:
    """--x/--y place roles by two competencies; a role without both is left off the map."""
    code, out, err = run(themed, "map", "--x", "people", "--y", "Craft", "--json")
    assert code == 0, err
    shown = {role["id"]: role for role in json.loads(out)["roles"]}
    assert set(shown) == {"engineer", "senior", "lead"}
    assert (shown["lead"]["soft"], shown["lead"]["hard"]) == (6, 4)
    code, out, err = run(themed, "map", "--x", "delivery", "--y", "craft", "--json")
    assert [role["id"] for role in json.loads(out)["roles"]] == ["engineer", "lead"]
    code, out, _ = run(themed, "map", "--x", "people", "--y", "craft")
    assert "Craft ↑" in out and "People →" in out
    svg = tmp_path / "themes.svg"
    code, _, err = run(themed, "map", "--x", "people", "--y", "craft", "--output", str(svg))
    assert code == 0, err
    assert "People →" in svg.read_text() and "Craft →" in svg.read_text()
    code, out, _ = run(themed, "map", "--x", "people", "--y", "craft", "--markdown")
    assert "with Craft and People on a relative 0-10 scale" in out


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        (["--x", "people"], 2, "--x and --y go together"),
        (["--x", "peple", "--y", "craft"], 2, "unknown theme 'peple'; did you mean people?"),
    ],
)
def test_map_theme_errors(themed: Path, args: list[str], code: int, message: str) -> None:
    got, _, err = run(themed, "map", *args)
    assert (got, message in err) == (code, True), err


def test_map_themes_on_a_ladder_without_themes(plain: Path) -> None:
    code, _, err = run(plain, "map", "--x", "a", "--y", "b")
    assert code == 1
    assert "defines no competency themes" in err
