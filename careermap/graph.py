"""Routes between roles: the networkx graph of a career map and the searches over it.

networkx is imported only here and only when a route is asked for, so listing roles and
moves starts fast.
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import islice, pairwise
from typing import TYPE_CHECKING

from careermap.errors import NoRouteError, UsageError

if TYPE_CHECKING:
    import networkx as nx

    from careermap.models import CareerMap, Move

# How many equally fast routes are compared to pick the one with fewest steps.
TIE_WINDOW = 64
EPSILON = 1e-9


@dataclass(frozen=True)
class Route:
    """A sequence of moves; its totals are the sums of its steps."""

    steps: tuple[Move, ...]

    @property
    def roles(self) -> list[str]:
        return [self.steps[0].from_, *(step.to for step in self.steps)]

    @property
    def min_years(self) -> float:
        return sum(step.min_years for step in self.steps)

    @property
    def max_years(self) -> float:
        return sum(step.max_years for step in self.steps)


def build_graph(cmap: CareerMap) -> nx.DiGraph:
    """A directed graph with one node per role and one edge per move (``move`` holds it)."""
    import networkx as nx

    graph = nx.DiGraph()
    graph.add_nodes_from(role.id for role in cmap.roles)
    graph.add_edges_from(
        (move.from_, move.to, {"move": move, "min_years": move.min_years}) for move in cmap.moves
    )
    return graph


def fastest_route(cmap: CareerMap, source: str, target: str) -> Route:
    """The route with the smallest best-case total; ties go to fewer steps, then fewer max years.

    Raises ``NoRouteError`` when ``target`` cannot be reached from ``source``.
    """
    import networkx as nx

    if source == target:
        raise UsageError(f"{source!r} is both the start and the end; pick two different roles")
    graph = build_graph(cmap)
    candidates = nx.shortest_simple_paths(graph, source, target, weight="min_years")
    try:
        first = next(candidates)
    except nx.NetworkXNoPath:
        raise NoRouteError(
            f"no route from {source!r} to {target!r} in this map; "
            f"try 'careermap moves {source}' to see where it leads"
        ) from None
    best = _route(graph, first)
    for path in islice(candidates, TIE_WINDOW):
        route = _route(graph, path)
        if route.min_years > best.min_years + EPSILON:
            break
        if _rank(route) < _rank(best):
            best = route
    return best


def _route(graph: nx.DiGraph, path: list[str]) -> Route:
    return Route(tuple(graph.edges[a, b]["move"] for a, b in pairwise(path)))


def _rank(route: Route) -> tuple[float, int, float, list[str]]:
    return (round(route.min_years, 9), len(route.steps), route.max_years, route.roles)
