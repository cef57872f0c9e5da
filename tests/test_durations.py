"""Unknown and open-ended durations (format v2): no output prints a maximum, a typical figure
or a percentile the data does not hold, and such routes never look faster than known ones."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from careermap.cli import app
from careermap.loader import load

runner = CliRunner()
# A typical figure or a percentile, as numbers: what no output may print for these routes.
NUMBERS_NOT_KNOWN = re.compile(r"typically \d|P10-P90: \d")

LADDER = """
[meta]
name = "Durations"
[meta.scale_up]
factor = 0.5

[[roles]]
id = "a"
title = "Engineer"
track = "eng"
levels = 1
skills = { hard = 1, soft = 1 }

[[roles]]
id = "b"
title = "Senior"
track = "eng"
levels = 2
skills = { hard = 2, soft = 1 }

[[roles]]
id = "c"
title = "Staff"
track = "eng"
levels = 3
skills = { hard = 3, soft = 2 }

[[roles]]
id = "d"
title = "Principal"
track = "eng"
levels = 4
skills = { hard = 4, soft = 3 }

[[roles]]
id = "e"
title = "Specialist"
track = "eng"
levels = 1
skills = { hard = 1.5, soft = 1 }

[[moves]]
from = "a"
to = "b"
kind = "upward"
years = [1, 2]

[[moves]]
from = "b"
to = "c"
kind = "upward"
years = { min = 4 }

[[moves]]
from = "c"
to = "d"
kind = "upward"

[[moves]]
from = "a"
to = "e"
kind = "lateral"
years = { min = 0.5, max = 1 }

[[moves]]
from = "e"
to = "d"
kind = "upward"
years = [10, 12]
"""


@pytest.fixture
def ladder(tmp_path: Path) -> Path:
    path = tmp_path / "durations.toml"
    path.write_text(LADDER, encoding="utf-8")
    return path


def run(path: Path, *args: str) -> str:
    result = runner.invoke(app, ["--data", str(path), *args], env={"COLUMNS": "120"})
    assert result.exit_code == 0, result.output
    return result.stdout


def test_the_format_reads_pairs_tables_and_no_years(ladder: Path) -> None:
    moves = {(m.from_, m.to): m.years for m in load(ladder).moves}
    assert moves == {
        ("a", "b"): (1, 2),
        ("b", "c"): (4, None),
        ("c", "d"): None,
        ("a", "e"): (0.5, 1),
        ("e", "d"): (10, 12),
    }
    exported = json.loads(run(ladder, "export", "--format", "json"))["moves"]
    assert [m.get("years") for m in exported] == [[1, 2], {"min": 4}, None, [0.5, 1], [10, 12]]


def test_a_known_route_ranks_before_one_that_only_looks_faster(ladder: Path) -> None:
    """a-b-c-d knows 5 years and not the rest; a-e-d takes 10.5-13: the known one is first."""
    shown = json.loads(run(ladder, "path", "a", "d", "--top", "2", "--json"))
    first, second = shown["paths"]
    assert first["roles"] == ["a", "e", "d"]
    assert (first["min_years"], first["max_years"]) == (10.5, 13)
    assert second["roles"] == ["a", "b", "c", "d"]
    assert second["min_years"] == 5
    assert second["max_years"] is None
    assert [second[k] for k in ("p10_years", "p50_years", "p90_years")] == [None, None, None]
    assert (second["unknown_moves"], second["open_moves"]) == (1, 1)
    # --top 1 is the first of --top 2
    assert json.loads(run(ladder, "path", "a", "d", "--json"))["paths"][0]["roles"] == [
        "a",
        "e",
        "d",
    ]


def test_every_format_says_what_is_not_known(ladder: Path) -> None:
    text = run(ladder, "path", "b", "d")
    total = next(line for line in text.splitlines() if line.startswith("Total:"))
    assert total == (
        "Total: 2 moves, at least 4 years; 1 move of unknown length, 1 open-ended move with no "
        "known maximum"
    )
    assert "4+" in text and "unknown" in text
    assert not NUMBERS_NOT_KNOWN.search(text)
    assert "rank after every route whose years" in " ".join(text.split())
    markdown = run(ladder, "path", "b", "d", "--markdown")
    assert "Total: 2 moves, at least 4 years; 1 move of unknown length" in markdown
    assert not NUMBERS_NOT_KNOWN.search(markdown)
    compared = run(ladder, "compare", "b", "d")
    assert "at least 4 years" in compared and not NUMBERS_NOT_KNOWN.search(compared)
    page = run(ladder, "export", "--format", "html")
    # The page's moves tables: the open move as "4+", the move without a length as "unknown".
    assert '<a href="#role-c">Staff</a></th><td>upward</td><td>4+</td>' in page
    assert '<a href="#role-c">Staff</a></th><td>upward</td><td>unknown</td>' in page


@pytest.mark.parametrize(
    "args",
    [
        ["path", "b", "d"],
        ["path", "b", "d", "--markdown"],
        ["path", "b", "d", "--json"],
        ["compare", "b", "d"],
        ["compare", "b", "d", "--json"],
        ["reach", "--into", "d"],
        ["reach", "--into", "d", "--json"],
        ["map", "--path", "b", "d"],
        ["map", "--path", "b", "d", "--json"],
    ],
    ids=" ".join,
)
def test_no_output_invents_a_maximum_or_a_typical_figure(ladder: Path, args: list[str]) -> None:
    """b -> c -> d is open then unknown: no maximum, typical or percentile for it anywhere."""
    out = run(ladder, *args)
    if "--json" in args:
        shown = json.loads(out)
        routes = shown.get("paths") or [shown.get("routes", {}).get("a_to_b")]
        if args[0] == "reach":
            routes = [r for r in shown["roles"] if r["id"] == "b"]
        for route in filter(None, routes):
            assert route["max_years"] is None
            assert route.get("p50_years") is None
    else:
        assert not NUMBERS_NOT_KNOWN.search(out)
        for figure in ("4-", "4.0-"):
            assert figure not in out


def test_reach_within_never_claims_a_role_on_unknown_years(ladder: Path) -> None:
    found = {
        r["id"]: r
        for r in json.loads(run(ladder, "reach", "a", "--within", "6", "--json"))["roles"]
    }
    # c is at least 5 years away (its best case is known); d only through an unknown move
    assert set(found) == {"b", "c", "e"}
    assert found["c"]["max_years"] is None
    typical = json.loads(run(ladder, "reach", "a", "--within", "6", "--by", "typical", "--json"))
    assert {r["id"] for r in typical["roles"]} == {"b", "e"}  # c's typical years are unknown


def test_years_in_role_and_scale_up_apply_to_what_is_known(ladder: Path) -> None:
    steps = json.loads(run(ladder, "path", "b", "d", "--years-in-role", "1", "--json"))["paths"][0][
        "steps"
    ]
    assert [(s["min_years"], s["max_years"]) for s in steps] == [(3, None), (None, None)]
    steps = json.loads(run(ladder, "path", "b", "d", "--scale-up", "--json"))["paths"][0]["steps"]
    assert [(s["min_years"], s["max_years"]) for s in steps] == [(2, None), (None, None)]


def test_a_move_without_years_validates_strict(ladder: Path) -> None:
    result = runner.invoke(app, ["validate", str(ladder), "--strict"])
    assert "0 warnings" in result.stdout


@pytest.mark.parametrize(
    ("years", "message"),
    [
        ("{}", "a table of years needs min, max or both, like { max = 2 } (at most 2 years)"),
        ("{ min = 3, max = 1 }", "minimum 3 is greater than maximum 1"),
        ("{ min = 1, most = 2 }", "unknown key 'most'"),
        ('"4+"', "years"),
    ],
)
def test_bad_durations_are_one_clear_error(tmp_path: Path, years: str, message: str) -> None:
    path = tmp_path / "bad.toml"
    path.write_text(LADDER.replace("years = { min = 4 }", f"years = {years}"), encoding="utf-8")
    result = runner.invoke(app, ["--data", str(path), "roles"])
    assert result.exit_code == 1
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, lines
    assert message in lines[0] and "moves[1].years" in lines[0]
