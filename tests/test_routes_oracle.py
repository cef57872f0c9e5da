"""find_routes against the brute-force oracle (``tests.oracle``): every route option at
once, on ladders shaped to break route searches (shared hub roles, dense clusters of cheap
moves, long cheap chains), with rare moves, roles on two tracks and per-track scales.
"""

from __future__ import annotations

import contextlib
import json
from collections.abc import Callable
from itertools import pairwise
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from careermap.cli import app
from careermap.errors import NoRouteError, SearchLimitError, UnknownRoleError, UsageError
from careermap.graph import (
    RouteQuery,
    best_routes,
    build_graph,
    build_moves,
    find_routes,
    reach,
)
from careermap.loader import validate
from careermap.models import CareerMap
from careermap.options import RANK_KEYS, RouteOptions
from tests import oracle
from tests.oracle import Document, cases, ladders
from tests.work import meter, steps

runner = CliRunner()


def oracle_routes(document: Document, query: RouteQuery) -> list[list[str]]:
    """Every route the query allows, best first (``tests.oracle``)."""
    return [path for path, _ in oracle.routes(document, query)]


def check_against_oracle(cmap: CareerMap, document: Document, query: RouteQuery, top: int) -> None:
    expected = oracle_routes(document, query)
    if not expected:
        event("no route")
        with pytest.raises(NoRouteError):
            find_routes(cmap, query, top=top)
        return
    event(f"{min(len(expected), 10)} routes exist" if len(expected) < 10 else "10+ routes exist")
    got = [route.roles for route in find_routes(cmap, query, top=top)]
    assert got == expected[:top]


@settings(
    max_examples=800,
    deadline=None,
    derandomize=True,  # the same examples every run: they are known to break the old search
    suppress_health_check=[HealthCheck.too_slow],
)
@given(case=cases())
def test_find_routes_matches_the_oracle(case: tuple[Document, RouteQuery, int]) -> None:
    document, query, top = case
    cmap = validate(document, "oracle.json")
    check_against_oracle(cmap, document, query, top)
    # The first routes of top K+1 are the routes of top K.
    expected = oracle_routes(document, query)
    if len(expected) > top:
        longer = [route.roles for route in find_routes(cmap, query, top=top + 1)]
        assert longer[:top] == expected[:top]


def cli_args(path: Path, query: RouteQuery, top: int) -> list[str]:
    """The command line asking the query: its route options as ``RouteOptions.flags``."""
    args = ["--data", str(path), "path", query.source, query.target, "--top", str(top)]
    return [*args, *query.options.flags(), "--json"]


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(case=cases())
def test_the_cli_json_matches_the_oracle(
    case: tuple[Document, RouteQuery, int], tmp_path_factory: pytest.TempPathFactory
) -> None:
    document, query, top = case
    cmap = validate(document, "oracle.json")
    if query.tracks and not set(query.tracks) <= set(cmap.tracks):
        return  # the CLI refuses a track no role is on
    path = tmp_path_factory.mktemp("oracle") / "ladder.json"
    path.write_text(json.dumps(document), encoding="utf-8")
    result = runner.invoke(app, cli_args(path, query, top))
    expected = oracle_routes(document, query)
    if not expected:
        assert result.exit_code == 1, result.output
        assert "no route" in result.stderr
        return
    assert result.exit_code == 0, result.output
    assert [item["roles"] for item in json.loads(result.stdout)["paths"]] == expected[:top]


# -- three ladders that broke the old search ----------------------------------------------------


def lateral_ladder(moves: list[tuple[str, str, float]]) -> Document:
    """One level, one track: every move lateral, years [y, y]."""
    roles = sorted({role for a, b, _ in moves for role in (a, b)})
    return {
        "roles": [{"id": r, "title": r.upper(), "track": "eng", "levels": 5} for r in roles],
        "moves": [{"from": a, "to": b, "kind": "lateral", "years": [y, y]} for a, b, y in moves],
    }


def via_collision() -> Document:
    """Every cheap way to v, and all but one dear way on, pass x; the best route crosses x
    once, after v: s -> b -> v -> x -> t, 1.2 years."""
    moves = [("s", "x", 0.1), ("s", "b", 0.5), ("b", "v", 0.5), ("v", "x", 0.1)]
    moves += [("x", "t", 0.1), ("v", "d", 25.0), ("d", "t", 25.0)]
    moves += [("x", f"m{i}", 0.1) for i in range(5)] + [(f"m{i}", "v", 0.1) for i in range(5)]
    moves += [("x", f"n{i}", 0.1) for i in range(3)] + [(f"n{i}", "t", 0.1) for i in range(3)]
    return lateral_ladder(moves)


def dense_and_chain() -> Document:
    """A 30-role cluster of 0.01-year moves, each 100 years from t, and an 11-move cheap chain
    from the cluster to t: with --max-steps 4 only s -> k -> t routes (100.01 years) remain."""
    cluster = [f"k{i}" for i in range(30)]
    chain = [f"c{i}" for i in range(10)]
    moves = [("s", k, 0.01) for k in cluster] + [(k, "t", 100.0) for k in cluster]
    moves += [(a, b, 0.01) for a in cluster for b in cluster if a != b]
    moves += [(k, "c0", 0.01) for k in cluster]
    moves += [(a, b, 0.01) for a, b in pairwise([*chain, "t"])]
    return lateral_ladder(moves)


def four_vias() -> Document:
    """s -> v1 -> v2 -> v3 -> v4, then twelve ways from v4 to t."""
    moves = [(a, b, 1.0) for a, b in pairwise(["s", "v1", "v2", "v3", "v4"])]
    moves += [("v4", f"w{i}", 0.5 + i * 0.25) for i in range(12)]
    moves += [(f"w{i}", "t", 1.0) for i in range(12)]
    return lateral_ladder(moves)


@pytest.mark.parametrize(
    ("ladder", "query", "top", "size"),
    [
        pytest.param(
            via_collision, RouteQuery("s", "t", RouteOptions(via=("v",))), 1, 1, id="via-collision"
        ),
        pytest.param(
            dense_and_chain,
            RouteQuery("s", "t", RouteOptions(max_steps=4)),
            1,
            1,
            id="dense-and-chain",
        ),
        pytest.param(
            four_vias,
            RouteQuery("s", "t", RouteOptions(via=("v1", "v2", "v3", "v4"))),
            10,
            10,
            id="four-vias-top-10",
        ),
    ],
)
def test_ladders_that_broke_the_old_search(
    ladder: Any, query: RouteQuery, top: int, size: int
) -> None:
    document = ladder()
    cmap = validate(document, "regression.json")
    expected = oracle_routes(document, query)[:top]
    got = [route.roles for route in find_routes(cmap, query, top=top)]
    assert len(got) == size
    assert got == expected


def test_via_collision_finds_the_1_2_year_route() -> None:
    cmap = validate(via_collision(), "via.json")
    [route] = find_routes(cmap, RouteQuery("s", "t", RouteOptions(via=("v",))))
    assert route.min_years == pytest.approx(1.2)
    # A bound that changes nothing changes nothing.
    [same] = find_routes(cmap, RouteQuery("s", "t", RouteOptions(via=("v",), max_steps=10)))
    assert same.roles == route.roles


@pytest.mark.parametrize("max_steps", [2, 3, 4])
def test_dense_and_chain_top_3(max_steps: int, monkeypatch: pytest.MonkeyPatch) -> None:
    document = dense_and_chain()
    cmap = validate(document, "dense.json")
    query = RouteQuery("s", "t", RouteOptions(max_steps=max_steps))
    work = meter(monkeypatch)
    routes = find_routes(cmap, query, top=3)
    # Bounded by work, not time (tests/work.py): at most 7 paths drawn here, measured.
    assert work["yen"] + work["listed"] <= 50 and steps(work) <= 1_000, (work, steps(work))
    assert [route.roles for route in routes] == oracle_routes(document, query)[:3]


@st.composite
def tied_ladders(draw: st.DrawFn) -> tuple[Document, str, str]:
    """Layers of roles joined by moves of one duration: many routes tie on every measure,
    so only the role ids can order them. Ids are shuffled, so file order says nothing."""
    widths = draw(st.lists(st.integers(1, 4), min_size=3, max_size=6))
    names = draw(st.permutations([f"r{i:02d}" for i in range(sum(widths))]))
    layers, taken = [], 0
    for width in widths:
        layers.append(names[taken : taken + width])
        taken += width
    years = draw(st.sampled_from([[1, 1], [0.5, 2], {"min": 1}, None]))
    moves = []
    for lower, upper in pairwise(layers):
        for a in lower:
            for b in upper:
                if draw(st.integers(0, 3)):  # most pairs: a move
                    move = {"from": a, "to": b, "kind": "upward"}
                    moves.append(move if years is None else {**move, "years": years})
    roles = [
        {"id": role, "title": f"Role {role}", "track": "a", "levels": [level + 1, level + 1]}
        for level, layer in enumerate(layers)
        for role in layer
    ]
    document: Document = {"roles": roles, "moves": draw(st.permutations(moves))}
    return document, draw(st.sampled_from(layers[0])), draw(st.sampled_from(layers[-1]))


@settings(max_examples=150, deadline=None, derandomize=True)
@given(case=tied_ladders(), by=st.sampled_from(RANK_KEYS))
def test_tied_routes_are_ordered_by_role_ids(case: tuple[Document, str, str], by: str) -> None:
    document, source, target = case
    cmap = validate(document, "tied.json")
    query = RouteQuery(source, target, RouteOptions(by=by))
    check_against_oracle(cmap, document, query, 1)  # the best alone has a search of its own
    check_against_oracle(cmap, document, query, 3)


@settings(max_examples=150, deadline=None, derandomize=True)
@given(
    document=st.one_of(ladders(), tied_ladders().map(lambda case: case[0])),
    data=st.data(),
)
def test_one_search_per_role_agrees_with_find_routes(
    document: Document, data: st.DataObject
) -> None:
    """best_routes and reach (one Dijkstra from a role, a pointer per role) give for each
    role find_routes' best route, ties included, and reach lists them in rank order."""
    cmap = validate(document, "tree.json")
    ids = [role["id"] for role in document["roles"]]
    role = data.draw(st.sampled_from(ids))
    by = data.draw(st.sampled_from(["min", "typical"]))
    into = data.draw(st.booleans())
    best = {}
    for other in ids:
        if other != role:
            query = (
                RouteQuery(other, role, RouteOptions(by=by))
                if into
                else RouteQuery(role, other, RouteOptions(by=by))
            )
            with contextlib.suppress(NoRouteError):
                best[other] = find_routes(cmap, query)[0].roles
    if not into:
        got = best_routes(cmap, role, by=by)
        assert {other: route.roles for other, route in got.items()} == best
    found = reach(cmap, role, 10_000.0, by, into=into)
    # Every role reached is listed, as within the years or as of unknown time; those within
    # them, whose years by the measure are known here, with find_routes' best route.
    assert {item.role for item in [*found, *found.unknown]} == set(best)
    assert all(item.route.roles == best[item.role] for item in found)
    ranks = [item.route.rank(by) for item in found]
    assert ranks == sorted(ranks)


def test_ties_are_broken_by_the_whole_route_not_the_last_role() -> None:
    """r->z->a->t and r->c->b->t tie; the second comes first by its role ids (c < z), though
    the role before t on the first (a) has the smaller id."""
    levels = {"r": 1, "z": 2, "c": 2, "a": 3, "b": 3, "t": 4}
    document = {
        "roles": [
            {"id": role, "title": role, "track": "a", "levels": level}
            for role, level in levels.items()
        ],
        "moves": [
            {"from": a, "to": b, "kind": "upward", "years": [1, 1]}
            for a, b in (("r", "z"), ("r", "c"), ("z", "a"), ("c", "b"), ("a", "t"), ("b", "t"))
        ],
    }
    cmap = validate(document, "ties.json")
    expected = ["r", "c", "b", "t"]
    assert find_routes(cmap, RouteQuery("r", "t"))[0].roles == expected
    assert best_routes(cmap, "r")["t"].roles == expected
    assert [item.route.roles for item in reach(cmap, "r", 10.0) if item.role == "t"] == [expected]


# -- the engine checks its inputs ---------------------------------------------------------------


@pytest.fixture(scope="module")
def small() -> tuple[Document, CareerMap]:
    document = four_vias()
    return document, validate(document, "four.json")


@pytest.mark.parametrize(
    ("query", "top", "error"),
    [
        pytest.param(RouteQuery("nope", "t"), 1, UnknownRoleError, id="unknown-start"),
        pytest.param(
            RouteQuery("s", "t", RouteOptions(via=("v9",))), 1, UnknownRoleError, id="unknown-via"
        ),
        pytest.param(
            RouteQuery("s", "t", RouteOptions(avoid=frozenset({"zz"}))),
            1,
            UnknownRoleError,
            id="unknown-avoid",
        ),
        pytest.param(RouteQuery("s", "t"), 0, UsageError, id="top-0"),
        pytest.param(RouteQuery("s", "t"), -1, UsageError, id="top-negative"),
        pytest.param(
            RouteQuery("s", "t", RouteOptions(via=("s",))), 1, UsageError, id="via-is-start"
        ),
        pytest.param(
            RouteQuery("s", "t", RouteOptions(via=("t",))), 1, UsageError, id="via-is-end"
        ),
        pytest.param(
            RouteQuery("s", "t", RouteOptions(via=("v1",), avoid=frozenset({"v1"}))),
            1,
            UsageError,
            id="via-avoided",
        ),
        pytest.param(
            RouteQuery("s", "t", RouteOptions(max_steps=0)), 1, UsageError, id="max-steps-0"
        ),
        pytest.param(
            RouteQuery("s", "t", RouteOptions(via=("v1", "v2"), max_steps=2)),
            1,
            UsageError,
            id="too-few-steps",
        ),
        pytest.param(
            RouteQuery("s", "t", RouteOptions(by="fastest")), 1, UsageError, id="unknown-ranking"
        ),
    ],
)
def test_find_routes_checks_its_inputs(
    small: tuple[Document, CareerMap], query: RouteQuery, top: int, error: type[Exception]
) -> None:
    _, cmap = small
    with pytest.raises(error):
        find_routes(cmap, query, top=top)


@pytest.mark.parametrize("build", [build_graph, build_moves], ids=["networkx", "own"])
def test_a_graph_built_for_another_query_is_refused(
    small: tuple[Document, CareerMap], build: Callable[..., Any]
) -> None:
    _, cmap = small
    query = RouteQuery("s", "t", RouteOptions(avoid=frozenset({"w0"})))
    with pytest.raises(ValueError, match="another map or query"):
        find_routes(cmap, query, graph=build(cmap))
    other = validate(four_vias(), "other.json")
    with pytest.raises(ValueError, match="another map or query"):
        find_routes(cmap, query, graph=build(other, query))
    # The same query's graph, or the plain graph for a query that shapes none, is fine,
    # and gives the routes find_routes finds on its own.
    for top in (1, 3):
        assert find_routes(cmap, query, top, graph=build(cmap, query)) == find_routes(
            cmap, query, top
        )
    via = RouteQuery("s", "t", RouteOptions(via=("v2",)))
    assert find_routes(cmap, via, graph=build(cmap)) == find_routes(cmap, via)


def test_a_search_that_stops_at_its_limit_says_so(
    small: tuple[Document, CareerMap], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Never "no route" when the search only ran out of work."""
    from careermap import graph

    _, cmap = small
    query = RouteQuery("s", "t", RouteOptions(via=("v1", "v2", "v3", "v4")))
    assert len(find_routes(cmap, query, top=10)) == 10
    monkeypatch.setattr(graph, "CANDIDATE_LIMIT", 3)
    # Yen gives up after 3 paths; listing all twelve routes still fits the budget.
    assert len(find_routes(cmap, query, top=10)) == 10
    monkeypatch.setattr(graph, "LISTING_BUDGET", 10)
    with pytest.raises(SearchLimitError, match=r"stopped after [\d,]+ candidate routes"):
        find_routes(cmap, query, top=10)
    assert SearchLimitError.exit_code == 1 and not issubclass(SearchLimitError, NoRouteError)


def test_a_search_too_dear_for_yen_lists_every_route_instead(
    small: tuple[Document, CareerMap], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Yen's algorithm may yield fewer paths the more moves its graph has (YEN_WORK); past
    that, every route is listed and the best taken: the same answer, or a stop that says so."""
    from careermap import graph

    document, cmap = small
    query = RouteQuery("s", "t", RouteOptions(via=("v1", "v2", "v3", "v4")))
    monkeypatch.setattr(graph, "YEN_WORK", 1)  # not one path affordable on any graph
    got = [route.roles for route in find_routes(cmap, query, top=10)]
    assert got == oracle_routes(document, query)[:10]
    monkeypatch.setattr(graph, "LISTING_BUDGET", 10)  # only listing could have given up
    with pytest.raises(SearchLimitError, match=r"stopped after [\d,]+ candidate routes"):
        find_routes(cmap, query, top=10)


# -- bounded on a dense ladder --------------------------------------------------------------------


@pytest.fixture(scope="module")
def complete_400() -> CareerMap:
    """400 roles, a move from each to every other (159,600 moves)."""
    count = 400
    moves = [
        {
            "from": f"r{i}",
            "to": f"r{j}",
            "kind": "upward" if j // 4 > i // 4 else "downward" if j // 4 < i // 4 else "lateral",
            "years": [0.5 + (i * 7 + j * 13) % 20 * 0.25, 1.0 + (i * 7 + j * 13) % 20 * 0.25],
        }
        for i in range(count)
        for j in range(count)
        if i != j
    ]
    roles = [
        {"id": f"r{i}", "title": f"Role {i}", "track": "t", "levels": i // 4} for i in range(count)
    ]
    return validate({"roles": roles, "moves": moves}, "complete.json")


@pytest.mark.parametrize("top", [1, 2, 3])
def test_complete_400_role_ladder_is_bounded(
    complete_400: CareerMap, top: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    work = meter(monkeypatch)
    routes = find_routes(complete_400, RouteQuery("r0", "r399"), top=top)
    assert len(routes) == top
    assert routes[0].roles == ["r0", "r399"]  # one move is the cheapest here
    ranks = [route.rank("min") for route in routes]
    assert ranks == sorted(ranks)
    # Bounded by work, not time (tests/work.py): at most 162 paths drawn here, measured.
    assert work["yen"] + work["listed"] <= 500 and steps(work) <= 500, (work, steps(work))
