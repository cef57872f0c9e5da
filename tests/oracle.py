"""The one route oracle: every route a query allows, by brute force, in the stated order.

``routes`` enumerates every simple path of the document with networkx, applies the query's
rules as the docs state them and sorts by the stated order (``rank_key``), written out here
on its own: the measure, then fewer moves, then the other bound, then the worst case, then
the role ids; a total the data does not give (a move of unknown length, or an open-ended one
for a maximum) counts as unknown, and more unknowns rank later whatever the known part.
Years are compared in whole billionths, as careermap states it does. Nothing here comes from
careermap's own search. ``ladders`` and ``cases`` generate ladders shaped to break route
searches (shared hubs, dense clusters of cheap moves, long cheap chains), with rare moves,
roles on several tracks and per-track level scales (with or without bands), and queries
with any mix of the route options.
"""

from __future__ import annotations

from collections.abc import Sequence
from itertools import pairwise
from typing import Any

import networkx as nx
from hypothesis import strategies as st

from careermap.graph import RouteQuery
from careermap.loader import validate
from careermap.models import CareerMap
from careermap.options import RANK_KEYS, RouteOptions

Document = dict[str, Any]
Years = tuple[float | None, float | None]
TRACKS = ("a", "b", "c")  # with per-track scales: "a" and "c" share one, "b" has its own


def document_years(move: dict[str, Any]) -> Years:
    """A move's years as the document gives them: [min, max], {min, max?}, {max} or none."""
    given = move.get("years")
    if given is None:
        return (None, None)
    if isinstance(given, dict):
        return (given.get("min"), given.get("max"))
    return (given[0], given[1])


def years_field(years: Years) -> dict[str, Any]:
    """The ``years`` of a move in the data format: left out, {min} or [min, max]."""
    low, high = years
    if low is None:
        return {}
    return {"years": {"min": low}} if high is None else {"years": [low, high]}


def role_tracks(role: dict[str, Any]) -> tuple[str, ...]:
    """A role's tracks: ``track`` is one, or a list of them."""
    track = role["track"]
    return (track,) if isinstance(track, str) else tuple(track)


def reference_graph(document: Document) -> nx.DiGraph:
    """The map's graph built straight from the document, not through careermap: an edge
    per move, with its years as ``low`` and ``high``."""
    graph = nx.DiGraph()
    graph.add_nodes_from(role["id"] for role in document["roles"])
    for move in document["moves"]:
        low, high = document_years(move)
        graph.add_edge(move["from"], move["to"], low=low, high=high)
    return graph


def _quanta(years: float) -> int:
    return round(years * 1_000_000_000)


def _total(parts: Sequence[float | None]) -> tuple[int, int]:
    """(how many parts are unknown, the known parts' sum in billionths)."""
    return sum(p is None for p in parts), sum(_quanta(p) for p in parts if p is not None)


def rank_key(
    by: str, years: Sequence[Years], roles: Sequence[str] | None = None
) -> tuple[Any, ...]:
    """The stated order: measure, fewer moves, the other bound, the worst case (then the
    role ids, where given); each total first by how many of its parts are unknown."""
    lows = [a for a, _ in years]
    highs = [b for _, b in years]
    sums = [None if a is None or b is None else a + b for a, b in years]
    measure = {"min": _total(lows), "typical": _total(sums), "max": _total(highs)}
    key = (
        measure.get(by, (0, len(years))),
        len(years),
        _total(highs) if by == "min" else _total(lows),
        _total(highs),
    )
    return key if roles is None else (*key, list(roles))


def _adjusted(years: Years, scale: float, spent: float) -> Years:
    """A move's years on a route: scaled, less the years already spent (never below 0)."""
    low, high = (None if y is None else y * scale for y in years)
    if spent:
        low = None if low is None else max(0.0, low - spent)
        high = None if high is None else max(0.0, high - spent)
    return low, high


def routes(document: Document, query: RouteQuery) -> list[tuple[list[str], list[Years]]]:
    """Every route the query allows, best first, each with its steps' years on it (scaled,
    the first less the years in role)."""
    moves = {(m["from"], m["to"]): m for m in document["moves"]}
    tracks = {role["id"]: role_tracks(role) for role in document["roles"]}
    ends = set(query.waypoints)
    graph = nx.DiGraph()
    graph.add_nodes_from(tracks)
    for (a, b), move in moves.items():
        if query.no_downward and move["kind"] == "downward":
            continue
        if query.no_rare and move.get("rare", False):
            continue
        if {a, b} & query.avoid:
            continue
        if query.tracks and any(
            r not in ends and not set(tracks[r]) & query.tracks for r in (a, b)
        ):
            continue
        graph.add_edge(a, b)
    scale, spent = query.adjustments.scale, query.adjustments.years_in_role
    found = []
    for path in nx.all_simple_paths(graph, query.source, query.target, cutoff=query.max_steps):
        if [role for role in path if role in query.via] != list(query.via):
            continue
        years = [
            _adjusted(document_years(moves[step]), scale, spent if number == 0 else 0.0)
            for number, step in enumerate(pairwise(path))
        ]
        found.append((rank_key(query.by, years, path), path, years))
    found.sort()
    return [(path, years) for _, path, years in found]


# -- small maps, and ladders that break searches ---------------------------------------------------


@st.composite
def random_maps(draw: st.DrawFn) -> tuple[dict[str, Any], CareerMap]:
    """A valid document (and its CareerMap) of 2-7 roles and moves whose kinds fit the levels."""
    count = draw(st.integers(2, 7))
    ids = [f"r{i}" for i in range(count)]
    ranges = []
    for _ in ids:
        low = draw(st.integers(0, 4))
        ranges.append((low, low + draw(st.integers(0, 2))))
    all_pairs = [(i, j) for i in range(count) for j in range(count) if i != j]
    pairs = draw(
        st.lists(
            st.sampled_from(all_pairs), unique=True, min_size=count - 1, max_size=len(all_pairs)
        )
    )
    moves = []
    for i, j in pairs:
        (from_low, from_high), (to_low, to_high) = ranges[i], ranges[j]
        kinds = []
        if to_low > from_low:
            kinds.append("upward")
        if to_low < from_low:
            kinds.append("downward")
        if to_low <= from_high and from_low <= to_high:
            kinds.append("lateral")
        low_years = draw(st.integers(0, 8)) * 0.5
        high_years = low_years + draw(st.integers(0, 6)) * 0.5
        moves.append(
            {
                "from": ids[i],
                "to": ids[j],
                "kind": draw(st.sampled_from(kinds)),
                "years": [low_years, high_years],
            }
        )
    document = {
        "roles": [
            {"id": role_id, "title": f"Role {role_id}", "track": "t", "levels": list(levels)}
            for role_id, levels in zip(ids, ranges, strict=True)
        ],
        "moves": moves,
    }
    return document, validate(document, "random.json")


def kind_of(levels: dict[str, tuple[int, int]], a: str, b: str, pick: int) -> str:
    """One kind the loader accepts for a move from a to b (pick chooses among them); right on
    one scale, on scales whose bands are their ranks, and between scales without bands."""
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
    """3-12 roles with overlapping levels, some on two tracks; moves in dense cheap clusters,
    long cheap chains, fans of equal ways, to and from hubs, and a few random (often dear)
    moves, some marked rare; the levels one scale, or a scale per track with or without
    bands."""
    count = draw(st.integers(3, 12))
    ids = [f"r{i}" for i in range(count)]
    levels = {}
    for role_id in ids:
        low = draw(st.integers(1, 4))
        levels[role_id] = (low, low + draw(st.integers(0, 2)))
    scales = draw(st.sampled_from(["shared", "shared", "per-track", "per-track-banded"]))
    # Roles on two tracks: any two of one scale ("a" and "c" share theirs when per track).
    pairs = [["a", "c"]] if scales != "shared" else [["a", "b"], ["a", "c"], ["b", "c"]]
    track_of: dict[str, str | list[str]] = {}
    for role_id in ids:
        if draw(st.integers(0, 3)) == 0:
            track_of[role_id] = draw(st.sampled_from(pairs))
        else:
            track_of[role_id] = draw(st.sampled_from(TRACKS))
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
    document: Document = {
        "roles": [
            {
                "id": role_id,
                "title": f"Role {role_id}",
                "track": track_of[role_id],
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
                **({"rare": True} if draw(st.integers(0, 4)) == 0 else {}),
            }
            for (a, b), y in moves.items()
        ],
    }
    if scales != "shared":  # a scale for "a" and "c", another for "b", naming ranks 0-6
        banded = scales == "per-track-banded"
        used = {track for role in document["roles"] for track in role_tracks(role)}
        document["levels"] = [
            {
                "rank": rank,
                "name": f"{name} {rank}",
                "code": f"{name[0].upper()}{rank}",
                "track": [track for track in tracks if track in used],
                **({"band": rank} if banded else {}),
            }
            for name, tracks in (("ic", ("a", "c")), ("mgr", ("b",)))
            if used & set(tracks)
            for rank in range(7)
        ]
    return document


@st.composite
def cases(draw: st.DrawFn) -> tuple[Document, RouteQuery, int]:
    """A ladder and a valid query with any mix of the route options, and a top K.

    Mostly ends with a route between them and via roles on one, so that the options, not
    the lack of routes, decide the answer.
    """
    document = draw(ladders())
    ids = [role["id"] for role in document["roles"]]
    tracks = {role["id"]: role_tracks(role) for role in document["roles"]}
    graph = nx.DiGraph()
    graph.add_nodes_from(ids)
    graph.add_edges_from((m["from"], m["to"]) for m in document["moves"])
    source = draw(st.sampled_from(ids))
    reachable = sorted(nx.descendants(graph, source))
    target = draw(st.sampled_from(reachable or [i for i in ids if i != source]))
    between = sorted((nx.descendants(graph, source) & nx.ancestors(graph, target)) - {target})
    rest = [role for role in ids if role not in (source, target)]
    wanted_tracks: tuple[str, ...] = ()
    if draw(st.integers(0, 4)) == 0:
        chosen = draw(st.sets(st.sampled_from(TRACKS), min_size=1, max_size=2))
        wanted_tracks = tuple(sorted(chosen))
    usable = [
        role for role in between if not wanted_tracks or set(tracks[role]) & set(wanted_tracks)
    ]
    wanted = draw(st.sampled_from([0, 0, 1, 1, 2, 3, 4]))
    via = tuple(draw(st.permutations(usable))[: min(wanted, len(usable))])
    others = [role for role in rest if role not in via]
    avoid: tuple[str, ...] = ()
    if others and draw(st.integers(0, 2)) == 0:
        avoid = tuple(sorted(draw(st.sets(st.sampled_from(others), min_size=1, max_size=2))))
    max_steps = None
    if draw(st.integers(0, 2)) == 0:
        max_steps = draw(st.integers(len(via) + 1, len(via) + 5))
    query = RouteQuery(
        source,
        target,
        RouteOptions(
            via=via,
            avoid=avoid,
            tracks=wanted_tracks,
            no_downward=draw(st.integers(0, 3)) == 0,
            no_rare=draw(st.integers(0, 2)) == 0,
            max_steps=max_steps,
            by=draw(st.sampled_from(RANK_KEYS)),
        ),
    )
    return document, query, draw(st.sampled_from([1, 1, 2, 3, 5, 10]))
