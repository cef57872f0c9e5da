"""Routes between roles: the article's worked example, no-route answers, tie-breaks, and
properties of fastest_route checked against independent shortest-path computations.
"""

from __future__ import annotations

from itertools import pairwise
from typing import Any

import networkx as nx
import pytest
from hypothesis import event, given, settings
from hypothesis import strategies as st

from careermap.errors import NoRouteError, UsageError
from careermap.graph import Route, _hops, build_graph, build_moves, fastest_route
from careermap.loader import default_data_path, load, validate
from careermap.models import CareerMap
from tests.oracle import random_maps, reference_graph


@pytest.fixture(scope="module")
def shipped() -> CareerMap:
    return load(default_data_path())


def make_map(
    levels: dict[str, int | list[int]], moves: list[tuple[str, str, float, float]]
) -> CareerMap:
    """A validated map from ``{id: levels}`` and ``(from, to, min, max)``, kinds from levels."""
    roles = [
        {"id": role_id, "title": role_id.upper(), "track": "t", "levels": level}
        for role_id, level in levels.items()
    ]

    def low(role_id: str) -> int:
        level = levels[role_id]
        return level if isinstance(level, int) else level[0]

    def kind(a: str, b: str) -> str:
        return "upward" if low(b) > low(a) else "downward" if low(b) < low(a) else "lateral"

    document = {
        "roles": roles,
        "moves": [
            {"from": a, "to": b, "kind": kind(a, b), "years": [lo, hi]} for a, b, lo, hi in moves
        ],
    }
    return validate(document, "hand-made.json")


# -- the shipped map --------------------------------------------------------------------------


def test_the_article_worked_example(shipped: CareerMap) -> None:
    route = fastest_route(shipped, "senior-engineer", "director-of-tech")
    assert route.roles == [
        "senior-engineer",
        "engineering-manager",
        "senior-engineering-manager",
        "director-of-tech",
    ]
    assert [step.kind for step in route.steps] == ["lateral", "upward", "upward"]
    assert route.min_years == pytest.approx(6.5)
    assert route.max_years == pytest.approx(18)


@pytest.mark.parametrize(
    ("source", "target", "roles", "years"),
    [
        pytest.param(
            "senior-engineer",
            "staff-engineer",
            ["senior-engineer", "staff-engineer"],
            (3, 8),
            id="one-upward-step",
        ),
        pytest.param(
            "senior-sre",
            "staff-engineer",
            ["senior-sre", "senior-engineer", "staff-engineer"],
            (3.5, 10),
            id="lateral-then-up",
        ),
        pytest.param(
            "principal-engineer",
            "engineering-manager",
            ["principal-engineer", "engineering-manager"],
            (3, 8),
            id="two-levels-down",
        ),
        pytest.param(
            "senior-sre",
            "product-manager",
            ["senior-sre", "senior-engineer", "product-manager"],
            (1, 4),
            id="two-laterals",
        ),
        pytest.param(
            "senior-engineer",
            "svp-of-tech",
            [
                "senior-engineer",
                "engineering-manager",
                "senior-engineering-manager",
                "director-of-tech",
                "vp-of-tech",
                "svp-of-tech",
            ],
            (12.5, 34),
            id="to-the-top-skips-senior-director",
        ),
    ],
)
def test_shipped_routes(
    shipped: CareerMap, source: str, target: str, roles: list[str], years: tuple[float, float]
) -> None:
    route = fastest_route(shipped, source, target)
    assert route.roles == roles
    assert (route.min_years, route.max_years) == pytest.approx(years)


@pytest.mark.parametrize(
    ("source", "target"),
    [
        pytest.param("svp-of-tech", "senior-engineer", id="from-the-top-down"),
        pytest.param("fellow", "svp-of-tech", id="dead-end"),
        pytest.param("vp-of-product", "product-manager", id="no-way-back"),
    ],
)
def test_no_route_is_a_no_route_error(shipped: CareerMap, source: str, target: str) -> None:
    with pytest.raises(NoRouteError) as caught:
        fastest_route(shipped, source, target)
    assert caught.value.lines == [
        f"no route from {source!r} to {target!r} in this map; "
        f"try 'careermap moves {source}' to see where it leads"
    ]
    assert caught.value.exit_code == 1


def test_same_role_is_a_usage_error(shipped: CareerMap) -> None:
    with pytest.raises(UsageError, match="'staff-engineer' is both the start and the end") as c:
        fastest_route(shipped, "staff-engineer", "staff-engineer")
    assert c.value.exit_code == 2


# -- tie-breaks -------------------------------------------------------------------------------

TIE_LEVELS: dict[str, int | list[int]] = {"a": 5, "b": 5, "c": 6, "d": 7}


def test_equal_best_case_prefers_fewer_steps() -> None:
    # a -> d directly takes 4-9 years; a -> b -> c -> d also takes 4 at best (but 4 at worst).
    cmap = make_map(
        TIE_LEVELS,
        [("a", "b", 1, 1), ("b", "c", 1, 1), ("c", "d", 2, 2), ("a", "d", 4, 9)],
    )
    route = fastest_route(cmap, "a", "d")
    assert route.roles == ["a", "d"]
    assert (route.min_years, route.max_years) == (4, 9)


def test_smaller_best_case_wins_even_with_more_steps() -> None:
    cmap = make_map(
        TIE_LEVELS,
        [("a", "b", 1, 1), ("b", "c", 1, 1), ("c", "d", 2, 2), ("a", "d", 4.5, 5)],
    )
    route = fastest_route(cmap, "a", "d")
    assert route.roles == ["a", "b", "c", "d"]
    assert route.min_years == 4


def test_equal_best_case_and_steps_prefers_fewer_worst_case_years() -> None:
    levels: dict[str, int | list[int]] = {"a": 5, "b": 6, "c": 6, "d": 7}
    cmap = make_map(
        levels,
        [("a", "b", 1, 5), ("b", "d", 1, 5), ("a", "c", 1, 2), ("c", "d", 1, 3)],
    )
    route = fastest_route(cmap, "a", "d")
    assert route.roles == ["a", "c", "d"]
    assert (route.min_years, route.max_years) == (2, 5)


def test_zero_year_moves_still_prefer_fewer_steps() -> None:
    levels: dict[str, int | list[int]] = {"a": 5, "b": 5, "c": 5, "d": 5}
    cmap = make_map(
        levels, [("a", "b", 0, 1), ("b", "c", 0, 1), ("c", "d", 0, 1), ("a", "d", 0, 1)]
    )
    assert fastest_route(cmap, "a", "d").roles == ["a", "d"]


def test_route_steps_are_the_maps_moves() -> None:
    cmap = make_map(TIE_LEVELS, [("a", "b", 0.5, 2), ("b", "c", 3, 8)])
    route = fastest_route(cmap, "a", "c")
    assert isinstance(route, Route)
    assert [(s.from_, s.to, s.kind, s.min_years, s.max_years) for s in route.steps] == [
        ("a", "b", "lateral", 0.5, 2.0),
        ("b", "c", "upward", 3.0, 8.0),
    ]
    assert (route.min_years, route.max_years) == (3.5, 10.0)
    with pytest.raises(NoRouteError):
        fastest_route(cmap, "c", "a")


# -- properties on random valid maps ----------------------------------------------------------


@settings(max_examples=150, deadline=None)
@given(data=random_maps(), ends=st.tuples(st.integers(0, 6), st.integers(0, 6)))
def test_fastest_route_properties(data: tuple[dict[str, Any], CareerMap], ends: Any) -> None:
    document, cmap = data
    count = len(document["roles"])
    first = ends[0] % count
    source, target = f"r{first}", f"r{(first + 1 + ends[1] % (count - 1)) % count}"
    graph = reference_graph(document)

    if not nx.has_path(graph, source, target):
        event("no route")
        with pytest.raises(NoRouteError):
            fastest_route(cmap, source, target)
        return

    route = fastest_route(cmap, source, target)
    event(f"route of {min(len(route.steps), 3)}+ steps")
    moves = {(m["from"], m["to"]): (m["kind"], *m["years"]) for m in document["moves"]}
    assert route.steps
    for step in route.steps:
        assert moves[(step.from_, step.to)] == (step.kind, step.min_years, step.max_years)
    assert all(a.to == b.from_ for a, b in pairwise(route.steps))
    assert route.roles[0] == source
    assert route.roles[-1] == target
    assert len(set(route.roles)) == len(route.roles)  # no role visited twice
    assert route.min_years == sum(step.min_years for step in route.steps)
    assert route.max_years == sum(step.max_years for step in route.steps)
    assert route.min_years <= route.max_years

    best = nx.dijkstra_path_length(graph, source, target, weight="low")
    assert abs(route.min_years - best) < 1e-9

    # Among all routes as fast at best, none has fewer steps; among those, none has a
    # smaller worst case.
    tied = [
        path
        for path in nx.all_simple_paths(graph, source, target)
        if abs(sum(graph.edges[e]["low"] for e in pairwise(path)) - best) < 1e-9
    ]
    fewest = min(len(path) - 1 for path in tied)
    assert len(route.steps) == fewest
    least_worst = min(
        sum(graph.edges[e]["high"] for e in pairwise(path))
        for path in tied
        if len(path) - 1 == fewest
    )
    assert abs(route.max_years - least_worst) < 1e-9


@settings(max_examples=50, deadline=None)
@given(data=random_maps())
def test_graph_has_one_node_per_role_and_one_edge_per_move(
    data: tuple[dict[str, Any], CareerMap],
) -> None:
    document, cmap = data
    graph = build_graph(cmap)
    assert set(graph.nodes) == {role["id"] for role in document["roles"]}
    assert set(graph.edges) == {(m["from"], m["to"]) for m in document["moves"]}


@settings(max_examples=100, deadline=None)
@given(
    data=random_maps(),
    root=st.integers(0, 6),
    blocked=st.sets(st.integers(0, 6), max_size=3),
)
def test_breadth_first_hops_agree_with_networkx(
    data: tuple[dict[str, Any], CareerMap], root: int, blocked: set[int]
) -> None:
    """careermap's own breadth-first search (the move limit's and the via roles' pruning,
    the no-route message) against networkx's, forwards and backwards, with roles blocked."""
    document, cmap = data
    ids = [role["id"] for role in document["roles"]]
    start = ids[root % len(ids)]
    avoided = {ids[i % len(ids)] for i in blocked} - {start}
    moves = build_moves(cmap)
    reference = reference_graph(document)
    for adjacency, graph in ((moves.succ, reference), (moves.pred, reference.reverse())):
        kept = graph.subgraph(set(ids) - avoided)
        expected = nx.single_source_shortest_path_length(kept, start)
        assert _hops(adjacency, start, avoided) == dict(expected)


@settings(max_examples=50, deadline=None)
@given(data=random_maps(), index=st.integers(0, 6))
def test_same_role_is_always_a_usage_error(
    data: tuple[dict[str, Any], CareerMap], index: int
) -> None:
    _, cmap = data
    role_id = cmap.roles[index % len(cmap.roles)].id
    with pytest.raises(UsageError):
        fastest_route(cmap, role_id, role_id)


def test_the_graph_code_uses_networkx_through_its_public_api() -> None:
    """No private attribute of a networkx graph (``_succ``, ``_pred``, ``_adj``...): they
    may change in any release."""
    import inspect
    import re

    import careermap.graph

    source = inspect.getsource(careermap.graph)
    assert not re.findall(r"\._(?:succ|pred|adj|node)\b", source)


@pytest.mark.parametrize("avoid", [frozenset(), frozenset({"vp-of-engineering", "cto"})])
def test_build_graph_is_the_graph_networkx_would_build(avoid: frozenset[str]) -> None:
    """build_graph holds each allowed move once in both directions, one data dict per move,
    as add_edges_from makes it, with the data the searches of our own read."""
    from careermap.graph import RouteQuery
    from careermap.options import RouteOptions

    cmap = load()
    built = build_graph(
        cmap, RouteQuery("senior-engineer", "director-of-tech", RouteOptions(avoid=avoid))
    )
    allowed = {(m.from_, m.to) for m in cmap.moves if m.from_ not in avoid and m.to not in avoid}
    assert set(built.edges) == allowed and built.number_of_edges() == len(allowed)
    assert {(a, b) for b, into in built.pred.items() for a in into} == allowed
    assert set(built.nodes) == {role.id for role in cmap.roles} - avoid
    for a, b, data in built.edges(data=True):
        assert built.pred[b][a] is data and (data["move"].from_, data["move"].to) == (a, b)
    moves = build_moves(
        cmap, RouteQuery("senior-engineer", "director-of-tech", RouteOptions(avoid=avoid))
    )
    assert {(a, b): data for a, b, data in built.edges(data=True)} == {
        (a, b): data for a, out in moves.succ.items() for b, data in out.items()
    }
    reference = nx.DiGraph()
    reference.add_nodes_from(built.nodes)
    reference.add_edges_from((a, b, dict(data)) for a, b, data in built.edges(data=True))
    for target in ("director-of-tech", "principal-engineer"):
        assert nx.dijkstra_path_length(built, "senior-engineer", target, "weight") == (
            nx.dijkstra_path_length(reference, "senior-engineer", target, "weight")
        )
