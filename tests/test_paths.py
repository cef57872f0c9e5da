"""`careermap path` and `careermap reach`: the acceptance criteria through the CLI, properties of
find_routes and reach on random maps checked against brute force and networkx, and bounded
work on a dense 200-role graph.

Expected routes come from enumerating every simple path of the data with networkx and applying
the constraints here, never from careermap's own search.
"""

from __future__ import annotations

import json
import shlex
import tomllib
from collections import Counter
from collections.abc import Callable
from itertools import pairwise
from pathlib import Path
from typing import Any, TypeVar

import networkx as nx
import pytest
from hypothesis import event, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from careermap.cli import app
from careermap.errors import NoRouteError
from careermap.graph import (
    COUNT_LIMIT,
    Route,
    RouteCount,
    RouteQuery,
    count_other_routes,
    find_routes,
    reach,
)
from careermap.loader import validate
from careermap.models import CareerMap
from careermap.options import RANK_KEYS, RouteOptions
from tests import oracle
from tests.cli import run
from tests.conftest import MINI_TOML
from tests.oracle import random_maps, reference_graph
from tests.work import meter, steps

T = TypeVar("T")
WriteFile = Callable[[str, str | bytes], Path]
runner = CliRunner()

SHIPPED_FILE = Path(__file__).resolve().parent.parent / "data" / "careermap.toml"
WORKED_EXAMPLE = [
    "senior-engineer",
    "engineering-manager",
    "senior-engineering-manager",
    "director-of-tech",
]


# -- helpers ------------------------------------------------------------------------------------


def run_json(*args: str) -> dict[str, Any]:
    code, out, err = run(*args, "--json")
    assert code == 0, err
    value = json.loads(out)
    assert isinstance(value, dict)
    return value


def flat(text: str) -> str:
    """Output with rich's line wrapping undone, for checking sentences."""
    return " ".join(text.split())


@pytest.fixture(scope="module")
def shipped_document() -> dict[str, Any]:
    """The shipped data, parsed with tomllib alone."""
    return tomllib.loads(SHIPPED_FILE.read_text(encoding="utf-8"))


def moves_of(document: dict[str, Any]) -> dict[tuple[str, str], dict[str, Any]]:
    return {(m["from"], m["to"]): m for m in document["moves"]}


def tracks_of(document: dict[str, Any]) -> dict[str, str]:
    return {role["id"]: role["track"] for role in document["roles"]}


def route_years(route: Route) -> list[tuple[float, float]]:
    return [(step.min_years, step.max_years) for step in route.steps]


def json_years(path: dict[str, Any]) -> list[tuple[float, float]]:
    """A --json route's steps as (min, max) years."""
    return [(step["min_years"], step["max_years"]) for step in path["steps"]]


def check_estimate(route: Route) -> None:
    result = route.estimate()
    assert (result.min_years, result.max_years) == (route.min_years, route.max_years)
    assert (
        route.min_years
        <= result.p10_years
        <= result.p50_years
        <= result.p90_years
        <= route.max_years
    )
    assert result.p50_years == pytest.approx(route.typical_years, abs=1e-9)


def check_json_years(item: dict[str, Any]) -> None:
    """A route or step in --json: min <= P10 <= P50 <= P90 <= max, P50 the midpoint sum."""
    assert {"min_years", "max_years", "p10_years", "p50_years", "p90_years"} <= item.keys()
    assert (
        item["min_years"]
        <= item["p10_years"]
        <= item["p50_years"]
        <= item["p90_years"]
        <= item["max_years"]
    )


# -- path: the acceptance criteria on the shipped map -----------------------------------------


def test_top_3_routes_are_sorted_by_best_case(shipped_document: dict[str, Any]) -> None:
    result = run_json("path", "senior-engineer", "director-of-tech", "--top", "3")
    paths = result["paths"]
    assert [(p["min_years"], p["max_years"]) for p in paths] == [(6.5, 18), (9.5, 26), (9.5, 26)]
    assert paths[0]["roles"] == WORKED_EXAMPLE
    assert paths[0]["p50_years"] == 12.25
    assert paths[0]["p10_years"] == pytest.approx(9.4437, abs=0.005)  # JSON rounds to 2 decimals
    assert paths[0]["p90_years"] == pytest.approx(15.0563, abs=0.005)
    assert result["other_routes"] is None
    # The three best of all routes, as brute force ranks them.
    every = oracle.routes(shipped_document, RouteQuery("senior-engineer", "director-of-tech"))
    best = sorted(oracle.rank_key("min", years) for _, years in every)[:3]
    assert [oracle.rank_key("min", json_years(p)) for p in paths] == best
    for path in paths:
        check_json_years(path)
        assert path["p50_years"] == sum(
            (s["min_years"] + s["max_years"]) / 2 for s in path["steps"]
        )
        assert path["min_years"] == sum(s["min_years"] for s in path["steps"])
        assert path["max_years"] == sum(s["max_years"] for s in path["steps"])
        for step in path["steps"]:
            check_json_years(step)
            width = step["max_years"] - step["min_years"]
            assert step["p50_years"] == (step["min_years"] + step["max_years"]) / 2
            assert step["p10_years"] == pytest.approx(step["min_years"] + 0.1 * width, abs=1e-9)
            assert step["p90_years"] == pytest.approx(step["min_years"] + 0.9 * width, abs=1e-9)


def test_top_3_table_numbers_its_routes() -> None:
    code, out, _ = run("path", "senior-engineer", "director-of-tech", "--top", "3")
    assert code == 0
    text = flat(out)
    for number in (1, 2, 3):
        assert f"Route {number} of 3" in text
    assert "6.5-18 years" in text
    assert "P10-P90: 9.4-15.1" in text
    assert "other route" not in text  # --top shows routes instead of counting them


@pytest.mark.parametrize(
    "extra",
    [pytest.param((), id="best"), pytest.param(("--top", "10"), id="top-10")],
)
def test_no_downward_on_the_management_track(
    extra: tuple[str, ...], shipped_document: dict[str, Any]
) -> None:
    args = ("path", "senior-engineer", "vp-of-tech", "--no-downward", "--track", "management")
    result = run_json(*args, *extra)
    track = tracks_of(shipped_document)
    assert result["constraints"]["no_downward"] is True
    assert result["constraints"]["tracks"] == ["management"]
    assert result["paths"][0]["roles"] == [*WORKED_EXAMPLE, "vp-of-tech"]
    for path in result["paths"]:
        assert all(step["kind"] != "downward" for step in path["steps"])
        assert [track[role] for role in path["roles"][1:-1]] == ["management"] * (
            len(path["roles"]) - 2
        )
    query = RouteQuery(
        "senior-engineer",
        "vp-of-tech",
        RouteOptions(tracks=frozenset({"management"}), no_downward=True),
    )
    expected = oracle.routes(shipped_document, query)
    if extra:
        assert sorted(p["roles"] for p in result["paths"]) == sorted(r for r, _ in expected)
    else:
        assert result["other_routes"] == {"count": len(expected) - 1, "complete": True}


@pytest.mark.parametrize(
    ("spent", "first_step", "total"),
    [
        pytest.param("1", (0.0, 1.0), (6.0, 17.0), id="one-year"),
        pytest.param("0.25", (0.25, 1.75), (6.25, 17.75), id="a-quarter"),
        pytest.param("3", (0.0, 0.0), (6.0, 16.0), id="more-than-the-move"),
    ],
)
def test_years_in_role_count_toward_the_first_move(
    spent: str, first_step: tuple[float, float], total: tuple[float, float]
) -> None:
    args = ("path", "senior-engineer", "director-of-tech", "--years-in-role", spent)
    result = run_json(*args)
    assert result["years_in_role"] == float(spent)
    [route] = result["paths"]
    assert route["roles"] == WORKED_EXAMPLE
    steps = route["steps"]
    assert (steps[0]["min_years"], steps[0]["max_years"]) == first_step
    assert [(s["min_years"], s["max_years"]) for s in steps[1:]] == [(3, 8), (3, 8)]
    assert (route["min_years"], route["max_years"]) == total
    check_json_years(route)


def test_years_in_role_best_case_and_note() -> None:
    code, out, _ = run("path", "senior-engineer", "director-of-tech", "--years-in-role", "1")
    assert code == 0
    text = flat(out)
    assert "6-17 years" in text
    assert "Counting 1 year already spent as Senior Engineer" in text


def test_scale_up_multiplies_every_move(shipped_document: dict[str, Any]) -> None:
    result = run_json("path", "senior-engineer", "director-of-tech", "--scale-up", "--top", "3")
    assert result["scale_up_factor"] == 0.75
    moves = moves_of(shipped_document)
    for path in result["paths"]:
        for step in path["steps"]:
            low, high = moves[(step["from"], step["to"])]["years"]
            # JSON rounds years to two decimals
            assert (step["min_years"], step["max_years"]) == (
                round(low * 0.75, 2),
                round(high * 0.75, 2),
            )
        check_json_years(path)
    first = result["paths"][0]
    assert first["roles"] == WORKED_EXAMPLE
    assert (first["min_years"], first["max_years"]) == (round(4.875, 2), 13.5)
    assert first["p50_years"] == round(12.25 * 0.75, 2)


def test_scale_up_is_off_by_default() -> None:
    result = run_json("path", "senior-engineer", "director-of-tech")
    assert result["scale_up_factor"] is None
    assert (result["paths"][0]["min_years"], result["paths"][0]["max_years"]) == (6.5, 18)


def test_scale_up_says_the_factor_was_applied() -> None:
    code, out, _ = run("path", "senior-engineer", "director-of-tech", "--scale-up")
    assert code == 0
    text = flat(out)
    assert "Scale-up factor 0.75 applied" in text
    assert "4.9-13.5 years" in text  # one decimal for both ends (issue 20)


def test_scale_up_then_years_in_role() -> None:
    # The factor applies first: 0.5-2 becomes 0.375-1.5, then one year comes off both ends.
    result = run_json(
        "path", "senior-engineer", "director-of-tech", "--scale-up", "--years-in-role", "1"
    )
    first_step = result["paths"][0]["steps"][0]
    assert (first_step["min_years"], first_step["max_years"]) == (0.0, 0.5)
    assert result["paths"][0]["min_years"] == 4.5


@pytest.mark.parametrize(
    "header",
    [pytest.param("", id="no-meta"), pytest.param('[meta]\nname = "Mini"\n', id="meta-no-factor")],
)
def test_scale_up_without_a_factor_is_a_usage_error(header: str, write_file: WriteFile) -> None:
    data = write_file("mini.toml", header + MINI_TOML)
    code, out, err = run("--data", str(data), "path", "junior", "manager", "--scale-up")
    assert code == 2
    assert out == ""
    assert "meta.scale_up" in err
    assert run("--data", str(data), "path", "junior", "manager")[0] == 0


@pytest.mark.parametrize(
    ("source", "target"),
    [
        pytest.param("senior-engineer", "director-of-tech", id="worked-example"),
        pytest.param("senior-engineer", "vp-of-tech", id="to-vp"),
        pytest.param("senior-sre", "principal-engineer", id="sre-to-principal"),
        pytest.param("senior-engineer", "staff-engineer", id="only-one-route"),
    ],
)
def test_other_routes_are_counted_without_top(
    source: str, target: str, shipped_document: dict[str, Any]
) -> None:
    routes = oracle.routes(shipped_document, RouteQuery(source, target))
    result = run_json("path", source, target)
    assert result["other_routes"] == {"count": len(routes) - 1, "complete": True}
    assert run_json("path", source, target, "--top", "1")["other_routes"] is None
    code, out, _ = run("path", source, target)
    assert code == 0
    others = len(routes) - 1
    if others == 0:
        assert "other route" not in flat(out)
    else:
        noun = "route exists" if others == 1 else "routes exist"
        assert f"{others} other {noun}; see them with --top N." in flat(out)


RANK_FIELDS: dict[str, Callable[[dict[str, Any]], float]] = {
    "min": lambda p: p["min_years"],
    "typical": lambda p: p["p50_years"],
    "max": lambda p: p["max_years"],
    "steps": lambda p: len(p["steps"]),
}


@pytest.mark.parametrize("by", RANK_KEYS)
@pytest.mark.parametrize(
    ("source", "target"),
    [
        pytest.param("senior-engineer", "director-of-tech", id="to-director"),
        pytest.param("senior-sre", "vp-of-product", id="sre-to-vp-of-product"),
    ],
)
def test_by_ranks_routes(
    by: str, source: str, target: str, shipped_document: dict[str, Any]
) -> None:
    result = run_json("path", source, target, "--by", by, "--top", "10")
    assert result["by"] == by
    paths = result["paths"]
    measure = RANK_FIELDS[by]
    keys = [(round(measure(p), 9), len(p["steps"])) for p in paths]
    assert keys == sorted(keys)
    every = oracle.routes(shipped_document, RouteQuery(source, target, RouteOptions(by=by)))
    best = sorted(oracle.rank_key(by, years) for _, years in every)[: len(paths)]
    assert len(paths) == min(10, len(every))
    got = [oracle.rank_key(by, json_years(p)) for p in paths]
    assert got == best


def test_by_steps_prefers_fewer_moves_over_fewer_years() -> None:
    # senior-sre -> staff-sre -> principal-engineer: 2 moves, 6-16 years, against
    # senior-sre -> senior-engineer -> staff-engineer -> principal-engineer: 3 moves, 6.5-18.
    fastest = run_json("path", "senior-sre", "principal-engineer", "--by", "steps")
    assert fastest["paths"][0]["roles"] == ["senior-sre", "staff-sre", "principal-engineer"]
    by_max = run_json("path", "senior-engineer", "director-of-tech", "--by", "max")
    assert by_max["paths"][0]["max_years"] == 18


@pytest.mark.parametrize(
    ("via", "roles"),
    [
        pytest.param(
            ["principal-engineer"],
            [
                "senior-engineer",
                "staff-engineer",
                "principal-engineer",
                "senior-engineering-manager",
                "director-of-tech",
            ],
            id="one-via",
        ),
        pytest.param(
            ["staff-engineer", "principal-engineer"],
            [
                "senior-engineer",
                "staff-engineer",
                "principal-engineer",
                "senior-engineering-manager",
                "director-of-tech",
            ],
            id="two-via-in-order",
        ),
        pytest.param(
            ["senior-sre", "principal-engineer"],
            [
                "senior-engineer",
                "senior-sre",
                "staff-sre",
                "principal-engineer",
                "senior-engineering-manager",
                "director-of-tech",
            ],
            id="sre-then-principal",
        ),
    ],
)
def test_via_passes_through_roles_in_order(
    via: list[str], roles: list[str], shipped_document: dict[str, Any]
) -> None:
    args = [arg for role in via for arg in ("--via", role)]
    result = run_json("path", "senior-engineer", "director-of-tech", *args, "--top", "5")
    assert result["constraints"]["via"] == via
    assert result["paths"][0]["roles"] == roles
    for path in result["paths"]:
        assert [role for role in path["roles"] if role in via] == via
    query = RouteQuery("senior-engineer", "director-of-tech", RouteOptions(via=tuple(via)))
    expected = oracle.routes(shipped_document, query)
    assert len(result["paths"]) == min(5, len(expected))


def test_avoid_is_repeatable() -> None:
    one = run_json("path", "senior-engineer", "director-of-tech", "--avoid", "engineering-manager")
    assert one["constraints"]["avoid"] == ["engineering-manager"]
    # Past Engineering Manager, the fastest way is through product and a rare move back.
    assert one["paths"][0]["roles"] == [
        "senior-engineer",
        "product-manager",
        "senior-product-manager",
        "director-of-product",
        "director-of-tech",
    ]
    two = run_json(
        "path",
        "senior-engineer",
        "director-of-tech",
        "--avoid",
        "engineering-manager",
        "--avoid",
        "staff-engineer",
        "--top",
        "10",
    )
    assert two["constraints"]["avoid"] == ["engineering-manager", "staff-engineer"]
    assert [p["roles"] for p in two["paths"]] == [
        [
            "senior-engineer",
            "product-manager",
            "senior-product-manager",
            "director-of-product",
            "director-of-tech",
        ],
        [
            "senior-engineer",
            "product-manager",
            "senior-product-manager",
            "senior-engineering-manager",
            "director-of-tech",
        ],
        [
            "senior-engineer",
            "senior-sre",
            "staff-sre",
            "principal-engineer",
            "senior-engineering-manager",
            "director-of-tech",
        ],
        [
            "senior-engineer",
            "senior-sre",
            "staff-sre",
            "principal-engineer",
            "senior-engineering-manager",
            "senior-product-manager",
            "director-of-product",
            "director-of-tech",
        ],
    ]


@pytest.mark.parametrize(
    ("tracks", "roles"),
    [
        pytest.param(
            ["engineering", "management"],
            [
                "senior-sre",
                "senior-engineer",
                "engineering-manager",
                "senior-engineering-manager",
                "director-of-tech",
            ],
            id="engineering-and-management",
        ),
        pytest.param(
            ["sre", "management"],
            [
                "senior-sre",
                "staff-sre",
                "engineering-manager",
                "senior-engineering-manager",
                "director-of-tech",
            ],
            id="sre-and-management",
        ),
        pytest.param(
            ["SRE", "Management"],
            [
                "senior-sre",
                "staff-sre",
                "engineering-manager",
                "senior-engineering-manager",
                "director-of-tech",
            ],
            id="case-insensitive",
        ),
    ],
)
def test_track_is_repeatable_and_binds_intermediate_roles_only(
    tracks: list[str], roles: list[str]
) -> None:
    args = [arg for track in tracks for arg in ("--track", track)]
    result = run_json("path", "senior-sre", "director-of-tech", *args)
    assert result["constraints"]["tracks"] == sorted(track.lower() for track in tracks)
    assert result["paths"][0]["roles"] == roles


def test_track_does_not_bind_the_ends() -> None:
    # Both ends are on the engineering track; no intermediate role is needed.
    result = run_json("path", "senior-engineer", "staff-engineer", "--track", "management")
    assert result["paths"][0]["roles"] == ["senior-engineer", "staff-engineer"]


@pytest.mark.parametrize("max_steps", [pytest.param(n, id=f"{n}-steps") for n in (3, 4, 5)])
def test_max_steps_bounds_the_moves(max_steps: int, shipped_document: dict[str, Any]) -> None:
    result = run_json(
        "path", "senior-engineer", "director-of-tech", "--max-steps", str(max_steps), "--top", "20"
    )
    assert result["constraints"]["max_steps"] == max_steps
    assert result["paths"][0]["roles"] == WORKED_EXAMPLE
    assert all(len(p["steps"]) <= max_steps for p in result["paths"])
    query = RouteQuery("senior-engineer", "director-of-tech", RouteOptions(max_steps=max_steps))
    expected = oracle.routes(shipped_document, query)
    assert sorted(p["roles"] for p in result["paths"]) == sorted(path for path, _ in expected)


def test_max_steps_3_leaves_only_the_worked_example() -> None:
    result = run_json(
        "path", "senior-engineer", "director-of-tech", "--max-steps", "3", "--top", "5"
    )
    assert [p["roles"] for p in result["paths"]] == [WORKED_EXAMPLE]


@pytest.mark.parametrize(
    "command",
    [
        pytest.param(
            "senior-engineer director-of-tech --via staff-engineer --avoid staff-engineer",
            id="via-is-avoided",
        ),
        pytest.param("senior-engineer director-of-tech --via senior-engineer", id="via-is-from"),
        pytest.param(
            "senior-engineer director-of-tech --via 'Director of Engineering'",
            id="via-is-to-by-alias",
        ),
        pytest.param(
            "senior-engineer director-of-tech --via staff-engineer --via staff-engineer",
            id="via-twice",
        ),
        pytest.param(
            "senior-engineer director-of-tech --avoid director-of-tech", id="to-is-avoided"
        ),
        pytest.param("fellow fellow", id="from-is-to"),
        pytest.param("director-of-tech 'Director of Engineering'", id="from-is-to-by-alias"),
        pytest.param(
            "senior-engineer director-of-tech --via staff-engineer --track management",
            id="via-off-the-track",
        ),
        pytest.param(
            "senior-engineer director-of-tech --via staff-engineer --max-steps 1",
            id="too-few-steps-for-via",
        ),
        pytest.param("senior-engineer director-of-tech --track marketing", id="unknown-track"),
        pytest.param("senior-engineer director-of-tech --avoid astronaut", id="unknown-avoid"),
        pytest.param("senior-engineer director-of-tech --top 0", id="top-0"),
        pytest.param("senior-engineer director-of-tech --max-steps 0", id="max-steps-0"),
        pytest.param("senior-engineer director-of-tech --years-in-role -1", id="negative-years"),
        pytest.param("senior-engineer director-of-tech --by fastest", id="unknown-ranking"),
    ],
)
def test_contradictions_are_usage_errors(command: str) -> None:
    code, out, err = run("path", *shlex.split(command))
    assert code == 2
    assert out == ""
    assert err.strip()


@pytest.mark.parametrize(
    ("command", "start", "end"),
    [
        pytest.param(
            "senior-engineer director-of-tech --avoid engineering-manager "
            "--avoid product-manager --no-downward",
            "senior-engineer",
            "director-of-tech",
            id="avoid-and-no-downward",
        ),
        pytest.param(
            "senior-engineer director-of-tech --via principal-engineer --via staff-engineer",
            "principal-engineer",
            "staff-engineer",
            id="via-in-the-wrong-order",
        ),
        pytest.param(
            "senior-engineer director-of-tech --max-steps 2",
            "senior-engineer",
            "director-of-tech",
            id="too-few-steps",
        ),
        pytest.param(
            "senior-sre staff-engineer --track sre", "senior-sre", "staff-engineer", id="off-track"
        ),
    ],
)
def test_no_route_under_constraints_exits_1(command: str, start: str, end: str) -> None:
    code, out, err = run("path", *shlex.split(command))
    assert code == 1
    assert out == ""
    assert err.startswith(f"error: no route from {start!r} to {end!r} with these constraints")
    assert len(err.strip().splitlines()) == 1


def test_path_survives_vanishing_year_ranges(write_file: WriteFile) -> None:
    """Moves of [0, 5e-324] years once crashed `path` with ZeroDivisionError in the estimate."""
    text = MINI_TOML.replace("years = [2, 4]", "years = [0, 5e-324]")
    data = write_file("tiny.toml", text.replace("years = [1, 2]", "years = [0, 5e-324]"))
    result = runner.invoke(app, ["--data", str(data), "path", "junior", "manager", "--json"])
    assert result.exception is None
    [route] = json.loads(result.stdout)["paths"]
    assert route["min_years"] <= route["p10_years"] <= route["p90_years"] <= route["max_years"]


# -- reach: the acceptance criteria on the shipped map ------------------------------------------


def distances(
    document: dict[str, Any], role: str, by: str = "min", into: bool = False
) -> dict[str, float]:
    """Best-case (or typical) years between ``role`` and every role, by networkx alone."""
    graph = reference_graph(document)
    if into:
        graph = graph.reverse()

    def weight(_a: str, _b: str, edge: dict[str, float]) -> float:
        return edge["low"] if by == "min" else (edge["low"] + edge["high"]) / 2

    found = nx.single_source_dijkstra_path_length(graph, role, weight=weight)
    return {other: years for other, years in found.items() if other != role}


def test_reach_within_8_years(shipped_document: dict[str, Any]) -> None:
    result = run_json("reach", "senior-engineer", "--within", "8")
    assert (result["role"], result["direction"], result["within_years"]) == (
        "senior-engineer",
        "from",
        8,
    )
    expected = {
        role: years
        for role, years in distances(shipped_document, "senior-engineer").items()
        if years <= 8
    }
    got = {item["id"]: item["min_years"] for item in result["roles"]}
    assert got == expected
    assert got["director-of-tech"] == 6.5
    assert "vp-of-tech" not in got
    for item in result["roles"]:
        assert item["roles"][0] == "senior-engineer"
        assert item["roles"][-1] == item["id"]
        assert item["steps"] == len(item["roles"]) - 1


def test_reach_table_within_8_years() -> None:
    code, out, _ = run("reach", "senior-engineer", "--within", "8")
    assert code == 0
    assert "director-of-tech" in out
    assert "vp-of-tech" not in out


def test_reach_into_director(shipped_document: dict[str, Any]) -> None:
    result = run_json("reach", "--into", "director-of-tech")
    assert (result["direction"], result["within_years"]) == ("into", None)
    expected = distances(shipped_document, "director-of-tech", into=True)
    got = {item["id"]: item["min_years"] for item in result["roles"]}
    assert got == expected
    assert got["senior-engineer"] == 6.5
    for item in result["roles"]:
        assert item["roles"][0] == item["id"]
        assert item["roles"][-1] == "director-of-tech"


def test_reach_into_table() -> None:
    code, out, _ = run("reach", "--into", "director-of-tech")
    assert code == 0
    assert "senior-engineer" in out


def test_reach_by_typical_sums_midpoints(shipped_document: dict[str, Any]) -> None:
    result = run_json("reach", "senior-engineer", "--within", "6", "--by", "typical")
    assert result["by"] == "typical"
    expected = {
        role: years
        for role, years in distances(shipped_document, "senior-engineer", by="typical").items()
        if years <= 6
    }
    got = {item["id"]: item["p50_years"] for item in result["roles"]}
    assert got == expected
    # staff-engineer is 5.5 typical years away; senior-engineering-manager 6.75 (1.25 + 5.5),
    # although its best case (3.5) is within 6.
    assert got["staff-engineer"] == 5.5
    assert "senior-engineering-manager" not in got


@pytest.mark.parametrize(
    ("args", "role", "years"),
    [
        pytest.param(
            ("senior-engineer", "--within", "6.5"), "director-of-tech", 6.5, id="best-case"
        ),
        pytest.param(
            ("senior-engineer", "--within", "5.5", "--by", "typical"),
            "staff-engineer",
            5.5,
            id="typical",
        ),
        pytest.param(
            ("--into", "director-of-tech", "--within", "6.5"),
            "senior-engineer",
            6.5,
            id="into",
        ),
    ],
)
def test_reach_includes_roles_exactly_at_the_limit(
    args: tuple[str, ...], role: str, years: float
) -> None:
    result = run_json("reach", *args)
    got = {item["id"]: item for item in result["roles"]}
    assert role in got
    assert got[role]["min_years" if "typical" not in args else "p50_years"] == years


@pytest.mark.parametrize(
    "args",
    [
        pytest.param(("reach", "senior-engineer"), id="role-without-within"),
        pytest.param(("reach",), id="neither-role-nor-into"),
        pytest.param(("reach", "--within", "8"), id="within-alone"),
        pytest.param(
            ("reach", "senior-engineer", "--into", "director-of-tech", "--within", "8"),
            id="role-and-into",
        ),
        pytest.param(("reach", "senior-engineer", "--within", "-1"), id="negative-within"),
        pytest.param(("reach", "senior-engineer", "--within", "8", "--by", "max"), id="by-max"),
    ],
)
def test_reach_usage_errors(args: tuple[str, ...]) -> None:
    code, out, err = run(*args)
    assert code == 2
    assert out == ""
    assert err.strip()


# -- properties on random maps ------------------------------------------------------------------

TRACKS = ("a", "b", "c")


CONSTRAINTS = ("via", "avoid", "tracks", "no_downward", "max_steps")


@st.composite
def scenarios(draw: st.DrawFn) -> tuple[dict[str, Any], CareerMap, RouteQuery, int]:
    """A random valid map with random tracks, and a consistent query on it with a top K.

    At most two constraints at a time, so that most queries still have several routes.
    """
    document, _ = draw(random_maps())
    document = json.loads(json.dumps(document))
    for role in document["roles"]:
        role["track"] = draw(st.sampled_from(TRACKS))
    # Up to a dozen more moves (kinds from the levels), so that routes have alternatives.
    levels = {role["id"]: role["levels"] for role in document["roles"]}
    taken = {(move["from"], move["to"]) for move in document["moves"]}
    free = sorted((a, b) for a in levels for b in levels if a != b and (a, b) not in taken)
    for a, b in draw(st.lists(st.sampled_from(free), unique=True, max_size=12)) if free else []:
        low = draw(st.integers(0, 8)) * 0.5
        kind = (
            "upward"
            if levels[b][0] > levels[a][0]
            else "downward"
            if levels[b][0] < levels[a][0]
            else "lateral"
        )
        years = [low, low + draw(st.integers(0, 6)) * 0.5]
        document["moves"].append({"from": a, "to": b, "kind": kind, "years": years})
    cmap = validate(document, "tracked.json")
    track = tracks_of(document)
    ids = [role["id"] for role in document["roles"]]
    source = draw(st.sampled_from(ids))
    # Mostly a target the source can reach: queries without any route teach little.
    reachable = sorted(nx.descendants(reference_graph(document), source))
    target = draw(st.sampled_from(reachable or [i for i in ids if i != source]))
    rest = draw(st.permutations([i for i in ids if i not in (source, target)]))
    active = draw(st.sets(st.sampled_from(CONSTRAINTS), max_size=2))
    tracks: frozenset[str] = frozenset()
    if "tracks" in active:
        tracks = frozenset(draw(st.sets(st.sampled_from(TRACKS), min_size=1, max_size=2)))
    via: tuple[str, ...] = ()
    on_track = [role for role in rest if not tracks or track[role] in tracks]
    if "via" in active and on_track:
        via = tuple(on_track[: draw(st.integers(1, min(2, len(on_track))))])
    avoid: frozenset[str] = frozenset()
    others = [role for role in rest if role not in via]
    if "avoid" in active and others:
        avoid = frozenset(draw(st.sets(st.sampled_from(others), min_size=1, max_size=2)))
    max_steps = None
    if "max_steps" in active:
        max_steps = draw(st.integers(len(via) + 1, 6))
    query = RouteQuery(
        source,
        target,
        RouteOptions(
            via=via,
            avoid=avoid,
            tracks=tracks,
            no_downward="no_downward" in active,
            max_steps=max_steps,
            by=draw(st.sampled_from(RANK_KEYS)),
            years_in_role=draw(st.sampled_from([0.0, 0.5, 1.0, 2.25])),
        ),
        scale=draw(st.sampled_from([1.0, 0.75, 0.5])),
    )
    event(f"constraints: {', '.join(sorted(active)) or 'none'}")
    return document, cmap, query, draw(st.integers(1, 5))


Scenario = tuple[dict[str, Any], CareerMap, RouteQuery, int]


@settings(max_examples=100, deadline=None)
@given(scenario=scenarios())
def test_routes_respect_every_constraint(scenario: Scenario) -> None:
    document, cmap, query, top = scenario
    expected = oracle.routes(document, query)
    if not expected:
        event("no route")
        with pytest.raises(NoRouteError):
            find_routes(cmap, query, top=top)
        return
    event(f"{min(len(expected), 5)}+ routes")
    routes = find_routes(cmap, query, top=top)
    track, moves = tracks_of(document), moves_of(document)
    allowed = {tuple(path): years for path, years in expected}
    assert len(routes) == min(top, len(expected))
    assert len({tuple(route.roles) for route in routes}) == len(routes)  # distinct
    for route in routes:
        roles = route.roles
        assert (roles[0], roles[-1]) == (query.source, query.target)
        assert len(set(roles)) == len(roles)  # simple
        assert not set(roles) & query.avoid
        assert [role for role in roles if role in query.via] == list(query.via)
        if query.tracks:
            assert all(track[role] in query.tracks for role in roles[1:-1])
        if query.no_downward:
            assert all(step.kind != "downward" for step in route.steps)
        if query.max_steps is not None:
            assert len(route.steps) <= query.max_steps
        assert [(s.from_, s.to) for s in route.steps] == list(pairwise(roles))
        assert all(s.kind == moves[(s.from_, s.to)]["kind"] for s in route.steps)
        # Adjusted years: the first move loses the years in role (never below 0).
        assert route_years(route) == allowed[tuple(roles)]
        assert route.min_years == sum(step.min_years for step in route.steps)
        assert route.max_years == sum(step.max_years for step in route.steps)
        check_estimate(route)


@settings(max_examples=100, deadline=None)
@given(scenario=scenarios())
def test_top_k_are_the_best_k_in_rank_order(scenario: Scenario) -> None:
    document, cmap, query, top = scenario
    expected = oracle.routes(document, query)
    if not expected:
        return
    routes = find_routes(cmap, query, top=top)
    ranks = [route.rank(query.by) for route in routes]
    assert ranks == sorted(ranks)
    best = sorted(oracle.rank_key(query.by, years) for _, years in expected)[:top]
    assert [oracle.rank_key(query.by, route_years(route)) for route in routes] == best
    assert find_routes(cmap, query, top=1)[0] == routes[0]


@settings(max_examples=100, deadline=None)
@given(scenario=scenarios())
def test_first_step_loses_the_years_in_role(scenario: Scenario) -> None:
    document, cmap, query, _ = scenario
    if not oracle.routes(document, query):
        return
    route = find_routes(cmap, query)[0]
    scale, spent = query.adjustments.scale, query.adjustments.years_in_role
    first, *rest = route.steps
    low, high = first.move.years
    assert (first.min_years, first.max_years) == (
        max(0.0, low * scale - spent),
        max(0.0, high * scale - spent),
    )
    for step in rest:
        assert (step.min_years, step.max_years) == (
            step.move.min_years * scale,
            step.move.max_years * scale,
        )


@settings(max_examples=100, deadline=None)
@given(scenario=scenarios())
def test_other_routes_are_counted_exactly(scenario: Scenario) -> None:
    document, cmap, query, _ = scenario
    expected = oracle.routes(document, query)
    if not expected:
        return
    others = len(expected) - 1
    # Up to COUNT_LIMIT other routes are counted exactly; beyond, the count is a lower bound.
    assert count_other_routes(cmap, query) == RouteCount(
        min(others, COUNT_LIMIT), complete=others <= COUNT_LIMIT
    )


@settings(max_examples=100, deadline=None)
@given(
    data=random_maps(),
    index=st.integers(0, 6),
    eighths=st.one_of(st.none(), st.integers(0, 120)),
    by=st.sampled_from(["min", "typical"]),
    into=st.booleans(),
)
def test_reach_is_dijkstra_within_the_limit(
    data: tuple[dict[str, Any], CareerMap], index: int, eighths: int | None, by: str, into: bool
) -> None:
    document, cmap = data
    role = cmap.roles[index % len(cmap.roles)].id
    # Totals are multiples of a quarter year: limits on eighths land both on and between them.
    within = None if eighths is None else eighths * 0.125
    expected = {
        other: years
        for other, years in distances(document, role, by=by, into=into).items()
        if within is None or years <= within
    }
    found = reach(cmap, role, within=within, by=by, into=into)
    event(f"{min(len(found), 3)}+ roles reached")
    assert {item.role for item in found} == set(expected)
    moves = moves_of(document)
    for item in found:
        route = item.route
        total = route.min_years if by == "min" else route.typical_years
        assert total == pytest.approx(expected[item.role], abs=1e-9)
        ends = (item.role, role) if into else (role, item.role)
        assert (route.roles[0], route.roles[-1]) == ends
        assert len(set(route.roles)) == len(route.roles)
        for step in route.steps:
            assert (step.min_years, step.max_years) == tuple(moves[(step.from_, step.to)]["years"])


# -- bounded work on a dense graph --------------------------------------------------------------

DENSE_ROLES = 200
# Each search below draws at most 41 paths from Yen's algorithm, runs 1 Dijkstra, lists 102
# routes and charges its budgets 40,702 steps (measured): a few times that, and no more.
LIMITS = {"yen": 200, "dijkstra": 5, "listed": 500, "steps": 100_000}


@pytest.fixture
def work(monkeypatch: pytest.MonkeyPatch) -> Counter[str]:
    return meter(monkeypatch)


def bounded(call: Callable[[], T], work: Counter[str], limits: dict[str, int]) -> T:
    """The call's result, once its search work is within ``limits`` (paths Yen's algorithm
    drew, Dijkstra runs, routes listed depth-first; see tests/work.py): a search that went
    exponential would blow far past them, on any machine and under any load."""
    work.clear()
    work.budgets.clear()  # type: ignore[attr-defined]
    result = call()
    done = {name: work[name] for name in ("yen", "dijkstra", "listed")}
    done["steps"] = steps(work)
    assert all(done[name] <= limits.get(name, 0) for name in done), (done, limits)
    return result


def dense_level(index: int) -> int:
    return index // 2


@pytest.fixture(scope="module")
def dense_document() -> dict[str, Any]:
    """200 roles, each with a move to every other; kinds follow the levels, years vary."""
    roles = [
        {
            "id": f"r{i}",
            "title": f"Role {i}",
            "track": "m" if i % 3 == 0 else "t",
            "levels": dense_level(i),
        }
        for i in range(DENSE_ROLES)
    ]
    moves = []
    for i in range(DENSE_ROLES):
        for j in range(DENSE_ROLES):
            if i == j:
                continue
            a, b = dense_level(i), dense_level(j)
            kind = "upward" if b > a else "downward" if b < a else "lateral"
            low = 0.5 + (i * 7 + j * 13) % 20 * 0.25
            moves.append(
                {
                    "from": f"r{i}",
                    "to": f"r{j}",
                    "kind": kind,
                    "years": [low, low + (i + j) % 5 * 0.5],
                }
            )
    return {"roles": roles, "moves": moves}


@pytest.fixture(scope="module")
def dense(dense_document: dict[str, Any]) -> CareerMap:
    return validate(dense_document, "dense.json")


@pytest.fixture(scope="module")
def dense_file(dense_document: dict[str, Any], tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("dense") / "dense.json"
    path.write_text(json.dumps(dense_document), encoding="utf-8")
    return path


def dense_graph(document: dict[str, Any], query: RouteQuery) -> nx.DiGraph:
    """The moves the query allows, with adjusted ``years`` and the ranked measure as
    ``weight``, built from the document alone."""
    track, scale = tracks_of(document), query.adjustments.scale
    ends = (query.source, query.target)
    graph = nx.DiGraph()
    for move in document["moves"]:
        a, b = move["from"], move["to"]
        if (
            {a, b} & query.avoid
            or (query.no_downward and move["kind"] == "downward")
            or (
                query.tracks and any(r not in ends and track[r] not in query.tracks for r in (a, b))
            )
        ):
            continue
        low, high = (y * scale for y in move["years"])
        if a == query.source:
            spent = query.adjustments.years_in_role
            low, high = max(0.0, low - spent), max(0.0, high - spent)
        measure = {"min": low, "typical": (low + high) / 2, "max": high}.get(query.by, 1.0)
        graph.add_edge(a, b, years=(low, high), weight=measure)
    return graph


@pytest.mark.parametrize(
    "query",
    [
        pytest.param(RouteQuery("r0", "r199"), id="by-min"),
        pytest.param(RouteQuery("r0", "r199", RouteOptions(by="typical")), id="by-typical"),
        pytest.param(RouteQuery("r199", "r0", RouteOptions(by="steps")), id="by-steps-downhill"),
        pytest.param(RouteQuery("r0", "r199", RouteOptions(via=("r100",))), id="via"),
        pytest.param(
            RouteQuery(
                "r1",
                "r198",
                RouteOptions(
                    avoid=("r0", "r2"), tracks=("m",), no_downward=True, years_in_role=1.0
                ),
                scale=0.75,
            ),
            id="constrained-and-adjusted",
        ),
        pytest.param(
            RouteQuery("r0", "r199", RouteOptions(max_steps=2, by="max")), id="max-steps-2"
        ),
        pytest.param(RouteQuery("r0", "r199", RouteOptions(max_steps=10)), id="max-steps-10"),
    ],
)
def test_dense_top_10_is_bounded(
    dense: CareerMap, dense_document: dict[str, Any], query: RouteQuery, work: Counter[str]
) -> None:
    routes = bounded(lambda: find_routes(dense, query, top=10), work, LIMITS)
    assert len(routes) == 10
    ranks = [route.rank(query.by) for route in routes]
    assert ranks == sorted(ranks)
    assert len({tuple(route.roles) for route in routes}) == 10
    if query.via:
        assert all(set(query.via) <= set(route.roles) for route in routes)
    got = [oracle.rank_key(query.by, route_years(route)) for route in routes]
    if not query.via and query.max_steps is None:
        graph = dense_graph(dense_document, query)
        best = nx.dijkstra_path_length(graph, query.source, query.target, weight="weight")
        first = routes[0]
        measure = {"min": first.min_years, "typical": first.typical_years}.get(
            query.by, first.max_years if query.by == "max" else len(first.steps)
        )
        assert measure == pytest.approx(best, abs=1e-9)
    if query.max_steps == 2:  # every route of one or two moves, enumerated
        graph = dense_graph(dense_document, query)
        source, target = query.source, query.target
        paths = [[source, target]] + [
            [source, middle, target]
            for middle in graph.successors(source)
            if middle != target and graph.has_edge(middle, target)
        ]
        every = [
            oracle.rank_key(query.by, [graph.edges[s]["years"] for s in pairwise(path)])
            for path in paths
        ]
        assert got == sorted(every)[:10]


@pytest.mark.parametrize("max_steps", [3, 10, 199])
def test_dense_max_steps_keeps_the_best_route(
    dense: CareerMap, max_steps: int, work: Counter[str]
) -> None:
    # The best route without the bound has one move, so every bound >= 1 must keep it.
    query = RouteQuery("r0", "r199", RouteOptions(max_steps=max_steps))
    routes = bounded(lambda: find_routes(dense, query, top=10), work, LIMITS)
    assert (routes[0].roles, routes[0].min_years, routes[0].max_years) == (
        ["r0", "r199"],
        2.25,
        4.25,
    )


@pytest.mark.parametrize("max_steps", [3, 4])
def test_dense_via_with_max_steps_finds_the_routes(
    dense: CareerMap, dense_document: dict[str, Any], max_steps: int, work: Counter[str]
) -> None:
    """This once ran out of search budget and answered 'no route'."""
    query = RouteQuery("r0", "r199", RouteOptions(via=("r50", "r100"), max_steps=max_steps))
    routes = bounded(lambda: find_routes(dense, query, top=10), work, LIMITS)
    # Every route: the three moves through the via roles, plus (with 4) one more role anywhere.
    base = ["r0", "r50", "r100", "r199"]
    paths = [base]
    if max_steps == 4:
        extra = [f"r{i}" for i in range(DENSE_ROLES) if f"r{i}" not in base]
        paths += [[*base[:i], role, *base[i:]] for i in (1, 2, 3) for role in extra]
    graph = dense_graph(dense_document, query)
    every = [
        oracle.rank_key("min", [graph.edges[step]["years"] for step in pairwise(path)])
        for path in paths
    ]
    assert [oracle.rank_key("min", route_years(route)) for route in routes] == sorted(every)[:10]


@pytest.mark.parametrize(
    ("within", "by", "into"),
    [
        pytest.param(5.0, "min", False, id="within-5"),
        pytest.param(None, "min", False, id="everything"),
        pytest.param(6.0, "typical", True, id="into-typical"),
    ],
)
def test_dense_reach_is_bounded(
    dense: CareerMap,
    dense_document: dict[str, Any],
    within: float | None,
    by: str,
    into: bool,
    work: Counter[str],
) -> None:
    found = bounded(lambda: reach(dense, "r0", within=within, by=by, into=into), work, LIMITS)
    expected = {
        role: years
        for role, years in distances(dense_document, "r0", by=by, into=into).items()
        if within is None or years <= within
    }
    assert expected
    assert {item.role for item in found} == set(expected)
    if within is None:
        assert len(found) == DENSE_ROLES - 1


def test_dense_path_through_the_cli(dense_file: Path) -> None:
    code, out, err = run("--data", str(dense_file), "path", "r0", "r199", "--top", "10", "--json")
    assert code == 0, err
    result = json.loads(out)
    assert len(result["paths"]) == 10
    assert result["other_routes"] is None


def test_dense_other_route_count_is_bounded(dense: CareerMap, work: Counter[str]) -> None:
    # What `path` does without --top: count the other routes, stopping at COUNT_LIMIT.
    count = bounded(lambda: count_other_routes(dense, RouteQuery("r0", "r199")), work, LIMITS)
    assert count == RouteCount(COUNT_LIMIT, complete=False)


def test_dense_other_route_count_with_via_and_max_steps(
    dense: CareerMap, work: Counter[str]
) -> None:
    query = RouteQuery("r0", "r199", RouteOptions(via=("r198",), max_steps=5))
    assert len(find_routes(dense, query, top=2)) == 2  # so at least one other route exists
    count = bounded(lambda: count_other_routes(dense, query), work, LIMITS)
    assert count.others >= 1


def test_via_finds_a_route_when_the_best_segments_all_cross(tmp_path: Path) -> None:
    """Every cheap way to the via role and on from it passes x: combining the best few of
    each segment gives no simple route, so the search falls back to whole routes."""
    roles = [
        "s",
        "x",
        "v",
        "y",
        "z",
        "t",
        *(f"m{i}" for i in range(6)),
        *(f"n{i}" for i in range(6)),
    ]
    moves = [
        ("s", "x", 1),
        ("s", "y", 50),
        ("y", "v", 1),
        ("v", "x", 1),
        ("v", "z", 50),
        ("z", "t", 1),
    ]
    moves += [("x", f"m{i}", 1) for i in range(6)] + [(f"m{i}", "v", 1) for i in range(6)]
    moves += [("x", f"n{i}", 1) for i in range(6)] + [(f"n{i}", "t", 1) for i in range(6)]
    document = {
        "roles": [{"id": r, "title": r.upper(), "track": "eng", "levels": 5} for r in roles],
        "moves": [{"from": a, "to": b, "kind": "lateral", "years": [y, y]} for a, b, y in moves],
    }
    data = tmp_path / "via.json"
    data.write_text(json.dumps(document), encoding="utf-8")
    result = CliRunner().invoke(
        app, ["--data", str(data), "path", "s", "t", "--via", "v", "--json"]
    )
    assert result.exit_code == 0, result.output
    [route] = json.loads(result.stdout)["paths"]
    assert route["roles"] in (["s", "y", "v", "x", "n0", "t"], ["s", "x", "m0", "v", "z", "t"])
    assert route["min_years"] == 54


def test_a_very_long_route_shows_its_ends_and_says_what_it_left_out(tmp_path: Path) -> None:
    """A 250-move route: the table shows moves 1-100 and 151-250 and says where the rest
    are; --json has them all, each step with its own one-move estimate."""
    count = 251
    document = {
        "roles": [
            {"id": f"r{i}", "title": f"Role {i}", "track": "t", "levels": 1} for i in range(count)
        ],
        "moves": [
            {"from": f"r{i}", "to": f"r{i + 1}", "kind": "lateral", "years": [1, 3]}
            for i in range(count - 1)
        ],
    }
    path = tmp_path / "chain.json"
    path.write_text(json.dumps(document), encoding="utf-8")
    shown = CliRunner().invoke(
        app, ["--data", str(path), "path", "r0", "r250"], env={"COLUMNS": "120"}
    )
    assert shown.exit_code == 0, shown.output
    rows = [line.split() for line in shown.stdout.splitlines() if "(L1)" in line or "…" in line]
    numbers = [row[0] for row in rows]
    assert numbers == [str(n) for n in range(1, 101)] + ["…"] + [str(n) for n in range(151, 251)]
    assert "Moves 101-150 not shown; --json or --markdown lists them all." in shown.stdout
    assert "Total: 250 moves, 250-750 years" in shown.stdout
    listed = runner.invoke(app, ["--data", str(path), "path", "r0", "r250", "--json"])
    steps = json.loads(listed.stdout)["paths"][0]["steps"]
    assert [step["from"] for step in steps] == [f"r{i}" for i in range(250)]
