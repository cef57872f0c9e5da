"""Hostile ladders and arguments, bounds (issue 31): numbers too large for any option end in a
usage error, and routes on a long chain are found in memory linear in the chain."""

from __future__ import annotations

import json
import tracemalloc
from itertools import pairwise
from pathlib import Path
from typing import Any

import pytest
from typer._click.types import FloatParamType, IntParamType  # typer's own click (0.28 pin)
from typer.main import get_command
from typer.testing import CliRunner

from careermap.cli import app
from careermap.graph import RouteQuery, find_routes
from careermap.loader import validate
from careermap.options import RouteOptions

runner = CliRunner()
# A role for each of a command's arguments, in order (path FROM TO, reach ROLE, ...).
ROLES = ["senior-engineer", "director-of-tech"]
HUGE_INT, HUGE_FLOAT = str(10**30), "1e300"


def numeric_options() -> list[tuple[str, list[str], str, str]]:
    """(command, its arguments, option, value) for every int or float option of every
    command, found by walking the app: a new numeric option is tested without a new line."""
    group: Any = get_command(app)
    found = []
    for name in sorted(group.commands):
        command = group.commands[name]
        arguments = [p for p in command.params if p.param_type_name == "argument"]
        for param in command.params:
            if param.param_type_name != "option":
                continue
            if isinstance(param.type, IntParamType):
                found.append((name, ROLES[: len(arguments)], param.opts[0], HUGE_INT))
            elif isinstance(param.type, FloatParamType):
                found.append((name, ROLES[: len(arguments)], param.opts[0], HUGE_FLOAT))
    return found


OPTIONS = numeric_options()


def test_the_walk_finds_the_numeric_options() -> None:
    assert {(command, option) for command, _, option, _ in OPTIONS} >= {
        ("path", "--top"),
        ("path", "--max-steps"),
        ("path", "--years-in-role"),
        ("reach", "--within"),
        ("map", "--max-steps"),
    }


@pytest.mark.parametrize(
    ("command", "arguments", "option", "value"),
    [
        *OPTIONS,
        *[(c, a, o, "1.7e308") for c, a, o, v in OPTIONS if v == HUGE_FLOAT],
    ],
    ids=lambda value: str(value)[:12],
)
def test_numbers_too_large_for_an_option_are_a_usage_error(
    command: str, arguments: list[str], option: str, value: str
) -> None:
    result = runner.invoke(app, [command, *arguments, option, value])
    assert result.exit_code == 2, result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert result.stdout == ""
    problems = [line for line in result.stderr.splitlines() if line.startswith("Error")]
    assert len(problems) == 1, result.stderr
    assert f"Invalid value for '{option}" in problems[0]
    assert "Traceback" not in result.stderr


def test_large_numbers_within_the_bound_still_answer() -> None:
    for argv in (
        ["reach", "senior-engineer", "--within", "1e9", "--json"],
        ["path", *ROLES, "--years-in-role", "1e9"],
        ["path", *ROLES, "--top", "1000000000", "--max-steps", "1000000000"],
    ):
        result = runner.invoke(app, argv)
        assert result.exit_code == 0, (argv, result.output)


# -- a long chain -----------------------------------------------------------------------------

CHAIN = 6_000  # roles: long enough that Yen's first path alone would hold ~CHAIN² role ids


def chain(count: int) -> dict[str, Any]:
    ids = [f"r{i}" for i in range(count)]
    return {
        "roles": [{"id": r, "title": f"Role {r}", "track": "t", "levels": 1} for r in ids],
        "moves": [
            {"from": a, "to": b, "kind": "lateral", "years": [0.5, 1.0]} for a, b in pairwise(ids)
        ],
    }


@pytest.fixture(scope="module")
def long_chain() -> Any:
    return validate(chain(CHAIN), "chain.json")


@pytest.mark.parametrize(
    ("query", "top"),
    [
        (RouteQuery("r0", f"r{CHAIN - 1}", RouteOptions(via=(f"r{CHAIN // 2}",))), 1),
        (RouteQuery("r0", f"r{CHAIN - 1}"), 3),
        (RouteQuery("r0", f"r{CHAIN - 1}", RouteOptions(max_steps=CHAIN - 1)), 1),
        (
            RouteQuery(
                "r0", f"r{CHAIN - 1}", RouteOptions(via=("r1", f"r{CHAIN - 2}"), max_steps=CHAIN)
            ),
            2,
        ),
    ],
    ids=["via", "top-3", "max-steps", "via-max-steps-top-2"],
)
def test_routes_on_a_long_chain_take_memory_linear_in_the_chain(
    long_chain: Any, query: RouteQuery, top: int
) -> None:
    """`path r0 r99999 --via r50000` (or --top, --max-steps) ran out of memory: networkx's
    searches keep every reached role's path, quadratic on a chain. The one route is found,
    and the peak of what the search allocates stays a few KiB a role."""
    tracemalloc.start()
    try:
        routes = find_routes(long_chain, query, top=top)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert [route.roles for route in routes] == [[f"r{i}" for i in range(CHAIN)]]
    assert peak < 8 * 1024 * CHAIN, f"{peak / 2**20:.0f} MiB"


# -- the web page -----------------------------------------------------------------------------


def ladder(roles: int, moves: int) -> dict[str, Any]:
    """``roles`` roles on one level and the first ``moves`` lateral moves among them."""
    ids = [f"r{i}" for i in range(roles)]
    pairs = ((a, b) for a in ids for b in ids if a != b)
    return {
        "roles": [{"id": r, "title": f"Role {r}", "track": "t", "levels": 1} for r in ids],
        "moves": [
            {"from": a, "to": b, "kind": "lateral", "years": [1, 2]}
            for _, (a, b) in zip(range(moves), pairs, strict=False)
        ],
    }


@pytest.mark.parametrize(
    ("roles", "moves", "said"),
    [(1_001, 0, "this ladder has 1,001 roles"), (200, 10_001, "and 10,001 moves")],
    ids=["roles", "moves"],
)
def test_a_page_too_large_for_a_browser_is_refused_with_the_way_to_the_data(
    tmp_path: Path, roles: int, moves: int, said: str
) -> None:
    """Chromium took two minutes to open the page at the old caps (20,000 roles); past
    1,000 roles or 10,000 moves the page is refused, saying which formats take the map."""
    data = tmp_path / "large.json"
    data.write_text(json.dumps(ladder(roles, moves)), encoding="utf-8")
    page = tmp_path / "large.html"
    argv = ["--data", str(data), "export", "--format", "html", "--output", str(page)]
    result = runner.invoke(app, argv)
    assert result.exit_code == 1, result.output
    assert result.stderr.count("\n") == 1
    assert said in result.stderr
    assert "export it as json, toml, yaml, graphml, dot or mermaid instead" in result.stderr
    assert not page.exists()
    argv[-5:] = ["export", "--format", "json"]
    assert runner.invoke(app, argv).exit_code == 0
