"""A ladder that uses every field of format version 2 validates strictly and is answered by
every command in every format as the README says."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from careermap.cli import app

runner = CliRunner()

EVERY_FIELD = """
[meta]
name = "Acme"
[meta.axes]
x = "scope"
y = "depth"
[[meta.sources]]
key = "handbook"
title = "Acme handbook"
url = "https://example.com/handbook"

[[levels]]
rank = 3
name = "Engineer 1"
code = "E1"

[[levels]]
rank = 4
name = "Engineer 2"
code = "E2"

[[levels]]
rank = 5
name = "Senior"

[[themes]]
id = "craft"
name = "Craft"
scale = ["Learning", "Doing", "Leading"]

[[roles]]
id = "engineer"
title = "Engineer"
track = ["eng", "mgmt"]
levels = 3
skills = { hard = 1, soft = 1 }
source = "handbook"
entry = true
competencies = { craft = 1 }
expectations = { craft = ["Ships tested code"] }

[[roles]]
id = "senior"
title = "Senior Engineer"
track = "eng"
levels = [4, 5]
skills = { hard = 3, soft = 2 }
source = "handbook"
terminal = true
competencies = { craft = 3 }
expectations = { craft = ["Designs systems"] }

[[roles]]
id = "manager"
title = "Manager"
track = "mgmt"
levels = 4
skills = { hard = 2, soft = 3 }
source = "reconstructed"
competencies = { craft = 2 }

[[roles]]
id = "director"
title = "Director"
track = "mgmt"
levels = 4
skills = { hard = 2.5, soft = 4 }
source = "assumption"

[[moves]]
from = "engineer"
to = "senior"
kind = "upward"
years = [2, 3]
source = "handbook"
condition = "by interview"

[[moves]]
from = "engineer"
to = "manager"
kind = "upward"
years = { min = 4 }
source = "handbook"
note = "at least four years, the handbook says"

[[moves]]
from = "manager"
to = "director"
kind = "upward"
source = "handbook"
rare = true
"""


@pytest.fixture
def ladder(tmp_path: Path) -> Path:
    path = tmp_path / "every.toml"
    path.write_text(EVERY_FIELD, encoding="utf-8")
    return path


def run(path: Path, *args: str) -> str:
    result = runner.invoke(app, ["--data", str(path), *args], env={"COLUMNS": "120"})
    assert result.exit_code == 0, result.output
    return result.stdout


def test_every_field_validates_strictly_with_no_warning(ladder: Path) -> None:
    result = runner.invoke(app, ["validate", str(ladder), "--strict"])
    assert result.exit_code == 0, result.output
    assert result.stdout.strip().endswith("; 0 warnings")


def test_named_levels_everywhere(ladder: Path) -> None:
    # The manager's level by name; the Senior Engineer's without "Senior", which its title
    # already says (that level has no code: tests/test_scales.py).
    assert "Engineer 2" in run(ladder, "roles")
    assert "Engineer 2" in run(ladder, "roles", "--markdown")
    assert "Engineer 2" in run(ladder, "export", "--format", "html")
    assert run(ladder, "roles", "--level", "E2", "--ids").split() == [
        "senior",
        "manager",
        "director",
    ]
    shown = json.loads(run(ladder, "roles", "--json"))
    assert shown[1]["levels"] == [4, 5]  # JSON keeps the ranks


def test_shared_tracks_flags_conditions_and_rare(ladder: Path) -> None:
    roles = {r["id"]: r for r in json.loads(run(ladder, "roles", "--json"))}
    assert (roles["engineer"]["track"], roles["engineer"]["tracks"]) == ("eng", ["eng", "mgmt"])
    assert roles["engineer"]["entry"] and roles["senior"]["terminal"]
    assert run(ladder, "roles", "--track", "mgmt", "--ids").split() == [
        "engineer",
        "manager",
        "director",
    ]
    text = run(ladder, "path", "engineer", "senior")
    assert "[1] condition: by interview" in text
    step = json.loads(run(ladder, "path", "engineer", "senior", "--json"))["paths"][0]["steps"][0]
    assert step["condition"] == "by interview"
    assert "(rare)" in run(ladder, "path", "manager", "director")


def test_axes_and_the_page(ladder: Path) -> None:
    text = run(ladder, "map")
    assert "depth ↑" in text and "scope →" in text
    page = run(ladder, "export", "--format", "html")
    assert 'href="https://example.com/handbook"' in page
    assert (
        '<tr><th scope="row"><a href="#role-engineer">Engineer</a></th>'
        '<td><a href="#role-director">Director</a></td><td>2</td><td>at least 4 years</td>'
        "<td>unknown</td><td>unknown</td><td>Engineer → Manager → Director</td></tr>"
    ) in page


def test_open_and_unknown_years_in_json(ladder: Path) -> None:
    route = json.loads(run(ladder, "path", "engineer", "director", "--json"))["paths"][0]
    assert route["min_years"] == 4 and route["max_years"] is None
    assert (route["unknown_moves"], route["open_moves"]) == (1, 1)
