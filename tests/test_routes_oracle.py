"""find_routes against a brute-force oracle: every constraint at once, on ladders shaped to
break route searches (shared hub roles, dense clusters of cheap moves, long cheap chains).

The oracle enumerates every simple path of the document with networkx, applies the query's
rules and sorts by the stated order, written out here on its own: the measure, then fewer
moves, then the other bound, then the worst case, then the role ids; a total the data does
not give (a move of unknown length, or an open-ended one for a maximum) counts as unknown,
and more unknowns rank later whatever the known part. Years are multiples of a tenth, so the
oracle sums them exactly as whole tenths. Nothing here comes from careermap's own search.
"""

from __future__ import annotations

import contextlib
import json
from collections.abc import Callable
from itertools import pairwise
from pathlib import Path
from typing import Any

import networkx as nx
import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from careermap.cli import app
from careermap.errors import NoRouteError, SearchLimitError, UnknownRoleError, UsageError
from careermap.graph import (
    RANK_KEYS,
    RouteOptions,
    RouteQuery,
    best_routes,
    build_graph,
    build_moves,
    find_routes,
    reach,
)
from careermap.loader import validate
from careermap.models import CareerMap
from tests.work import meter, steps

runner = CliRunner()
TRACKS = ("a", "b")
Document = dict[str, Any]


# -- the oracle ---------------------------------------------------------------------------------


def tenths(years: float) -> int:
    return round(years * 10)


Years = tuple[float | None, float | None]


def total(parts: list[float | None]) -> tuple[int, int]:
    """(how many parts are unknown, the known parts' sum in tenths)."""
    return sum(p is None for p in parts), sum(tenths(p) for p in parts if p is not None)


def oracle_key(by: str, years: list[Years], roles: list[str]) -> tuple[Any, ...]:
    """The stated order: measure, fewer moves, the other bound, the worst case, role ids;
    each total first by how many of its parts the data does not give."""
    lows = [a for a, _ in years]
    highs = [b for _, b in years]
    steps = len(years)
    sums = [None if a is None or b is None else a + b for a, b in years]
    measure = {"min": total(lows), "typical": total(sums), "max": total(highs)}.get(by, (0, steps))
    other = total(highs) if by == "min" else total(lows)
    return (measure, steps, other, total(highs), roles)


def document_years(move: dict[str, Any]) -> Years:
    """A move's years as the document gives them: [min, max], {min, max?} or none."""
    given = move.get("years")
    if given is None:
        return (None, None)
    if isinstance(given, dict):
        return (given["min"], given.get("max"))
    return (given[0], given[1])


def oracle_routes(document: Document, query: RouteQuery) -> list[list[str]]:
    """Every route the query allows, best first, by enumerating simple paths."""
    kind = {(m["from"], m["to"]): m["kind"] for m in document["moves"]}
    years = {(m["from"], m["to"]): document_years(m) for m in document["moves"]}
    track = {role["id"]: role["track"] for role in document["roles"]}
    graph = nx.DiGraph()
    graph.add_nodes_from(track)
    for a, b in kind:
        if query.no_downward and kind[a, b] == "downward":
            continue
        if {a, b} & query.avoid:
            continue
        ends = set(query.waypoints)
        if query.tracks and any(r not in ends and track[r] not in query.tracks for r in (a, b)):
            continue
        graph.add_edge(a, b)
    found = []
    for path in nx.all_simple_paths(graph, query.source, query.target, cutoff=query.max_steps):
        inside = [role for role in path if role in query.via]
        if inside != list(query.via):
            continue
        steps = [years[step] for step in pairwise(path)]
        found.append((oracle_key(query.by, steps, path), path))
    found.sort()
    return [path for _, path in found]


# -- ladders that break searches ----------------------------------------------------------------


def kind_of(levels: dict[str, tuple[int, int]], a: str, b: str, pick: int) -> str:
    """One kind the loader accepts for a move from a to b (pick chooses among them)."""
    kinds = []
    if levels[b][0] > levels[a][0]:
        kinds.append("upward")
    if levels[b][0] < levels[a][0]:
        kinds.append("downward")
    if levels[a][0] <= levels[b][1] and levels[b][0] <= levels[a][1]:
        kinds.append("lateral")
    return kinds[pick % len(kinds)]


@st.composite
def ladders(draw: st.DrawFn) -> Document:
    """3-12 roles with overlapping levels; moves in dense cheap clusters, long cheap chains,
    fans of equal ways, to and from hubs, and a few random (often dear) moves."""
    count = draw(st.integers(3, 12))
    ids = [f"r{i}" for i in range(count)]
    levels = {}
    for role_id in ids:
        low = draw(st.integers(1, 4))
        levels[role_id] = (low, low + draw(st.integers(0, 2)))
    moves: dict[tuple[str, str], Years] = {}
    # often equal (ties); None: a move of unknown length
    cheap = st.sampled_from([0.0, 0.5, 0.5, 1.0, 0.1, None])

    def add(a: str, b: str, low: float | None, spread: float | None) -> None:
        if a != b and (a, b) not in moves:
            high = None if low is None or spread is None else round(low + spread, 1)
            moves[a, b] = (low, high)

    spreads = st.sampled_from([0.0, 0.0, 0.0, 0.5, 2.5, None])  # None: open-ended ("4+")
    for _ in range(draw(st.integers(1, 3))):  # dense clusters
        members = draw(st.lists(st.sampled_from(ids), min_size=2, max_size=6, unique=True))
        for a in members:
            for b in members:
                add(a, b, draw(cheap), draw(spreads))
    for _ in range(draw(st.integers(1, 2))):  # long cheap chains
        chain = draw(st.permutations(ids))[: draw(st.integers(3, count))]
        for a, b in pairwise(chain):
            add(a, b, draw(cheap), draw(spreads))
    for _ in range(draw(st.integers(0, 2))):  # fans: ways from a to b of equal years
        a, b = draw(st.permutations(ids))[:2]
        low, spread = draw(cheap), draw(spreads)
        for middle in draw(st.lists(st.sampled_from(ids), min_size=2, max_size=5, unique=True)):
            if middle not in (a, b):
                add(a, middle, low, spread)
                add(middle, b, low, spread)
    for _ in range(draw(st.integers(1, 2))):  # hubs
        hub = draw(st.sampled_from(ids))
        for other in draw(st.lists(st.sampled_from(ids), max_size=6, unique=True)):
            if draw(st.booleans()):
                add(hub, other, draw(cheap), draw(spreads))
            else:
                add(other, hub, draw(cheap), draw(spreads))
    for _ in range(draw(st.integers(2, 12))):  # anything, often dear
        a, b = draw(st.sampled_from(ids)), draw(st.sampled_from(ids))
        add(a, b, draw(st.integers(0, 60)) * 0.5, draw(spreads))
    return {
        "roles": [
            {
                "id": role_id,
                "title": f"Role {role_id}",
                "track": draw(st.sampled_from(TRACKS)),
                "levels": list(levels[role_id]),
            }
            for role_id in ids
        ],
        "moves": [
            {
                "from": a,
                "to": b,
                "kind": kind_of(levels, a, b, draw(st.integers(0, 2))),
                **years_field(y),
            }
            for (a, b), y in moves.items()
        ],
    }


def years_field(years: Years) -> dict[str, Any]:
    """The ``years`` of a move in the data format: left out, {min} or [min, max]."""
    low, high = years
    if low is None:
        return {}
    return {"years": {"min": low}} if high is None else {"years": [low, high]}


@st.composite
def cases(draw: st.DrawFn) -> tuple[Document, RouteQuery, int]:
    """A ladder and a valid query with any mix of constraints, and a top K.

    Mostly ends with a route between them and via roles on one, so that the constraints,
    not the lack of routes, decide the answer.
    """
    document = draw(ladders())
    ids = [role["id"] for role in document["roles"]]
    track = {role["id"]: role["track"] for role in document["roles"]}
    graph = nx.DiGraph()
    graph.add_nodes_from(ids)
    graph.add_edges_from((m["from"], m["to"]) for m in document["moves"])
    source = draw(st.sampled_from(ids))
    reachable = sorted(nx.descendants(graph, source))
    target = draw(st.sampled_from(reachable or [i for i in ids if i != source]))
    between = sorted((nx.descendants(graph, source) & nx.ancestors(graph, target)) - {target})
    rest = [role for role in ids if role not in (source, target)]
    tracks: frozenset[str] = frozenset()
    if draw(st.integers(0, 4)) == 0:
        tracks = frozenset({draw(st.sampled_from(TRACKS))})
    usable = [role for role in between if not tracks or track[role] in tracks]
    wanted = draw(st.sampled_from([0, 0, 1, 1, 2, 3, 4]))
    via = tuple(draw(st.permutations(usable))[: min(wanted, len(usable))])
    others = [role for role in rest if role not in via]
    avoid: frozenset[str] = frozenset()
    if others and draw(st.integers(0, 2)) == 0:
        avoid = frozenset(draw(st.sets(st.sampled_from(others), min_size=1, max_size=2)))
    max_steps = None
    if draw(st.integers(0, 2)) == 0:
        max_steps = draw(st.integers(len(via) + 1, len(via) + 5))
    query = RouteQuery(
        source,
        target,
        RouteOptions(
            via=via,
            avoid=avoid,
            tracks=tracks,
            no_downward=draw(st.integers(0, 3)) == 0,
            max_steps=max_steps,
            by=draw(st.sampled_from(RANK_KEYS)),
        ),
    )
    return document, query, draw(st.sampled_from([1, 1, 2, 3, 5, 10]))


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
    args = ["--data", str(path), "path", query.source, query.target, "--top", str(top)]
    for role in query.via:
        args += ["--via", role]
    for role in sorted(query.avoid):
        args += ["--avoid", role]
    for track in sorted(query.tracks):
        args += ["--track", track]
    if query.no_downward:
        args.append("--no-downward")
    if query.max_steps is not None:
        args += ["--max-steps", str(query.max_steps)]
    return [*args, "--by", query.by, "--json"]


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
