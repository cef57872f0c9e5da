"""Routes between roles: the networkx graph of a career map and the searches over it.

Routes are found with Yen's k-shortest simple paths (``networkx.shortest_simple_paths``) and
reach with Dijkstra, never by enumerating every simple path, so the work stays bounded on dense
graphs. networkx is imported only here and only when a route is asked for, so listing roles and
moves starts fast.
"""

from __future__ import annotations

import math
from collections.abc import Iterator
from dataclasses import dataclass, field
from itertools import islice, pairwise, product
from typing import TYPE_CHECKING

from careermap.errors import NoRouteError, UsageError
from careermap.estimates import Estimate, estimate

if TYPE_CHECKING:
    import networkx as nx

    from careermap.models import CareerMap, Move

RANK_KEYS: tuple[str, ...] = ("min", "typical", "max", "steps")
EPSILON = 1e-9
# Bounds that keep every query's work finite on any graph.
COMBINATION_LIMIT = 20_000  # segment combinations tried when --via splits a route
COUNT_LIMIT = 100  # other routes counted before saying "at least"
SEARCH_BUDGET = 200_000  # moves a --max-steps search may look at
COUNT_BUDGET = 50_000  # moves counting other routes may look at
WEIGHT = "weight"  # the edge attribute searches minimise
TIE_BREAK = 1e-7  # per step: prefers fewer steps among equal totals (see _weight_terms)
SECONDARY = 1e-4  # per year of the other bound, in units of TIE_BREAK
CUTOFF_MARGIN = 1e-3  # years searched past a reach limit, far above any sum of tie-breakers


@dataclass(frozen=True)
class Step:
    """One move of a route, with the years it takes here (after any adjustment)."""

    move: Move
    min_years: float
    max_years: float

    @property
    def from_(self) -> str:
        return self.move.from_

    @property
    def to(self) -> str:
        return self.move.to

    @property
    def kind(self) -> str:
        return self.move.kind

    def estimate(self) -> Estimate:
        return estimate([(self.min_years, self.max_years)])


@dataclass(frozen=True)
class Route:
    """A sequence of steps; its totals are the sums of its steps."""

    steps: tuple[Step, ...]

    @property
    def roles(self) -> list[str]:
        return [self.steps[0].from_, *(step.to for step in self.steps)]

    @property
    def min_years(self) -> float:
        return sum(step.min_years for step in self.steps)

    @property
    def max_years(self) -> float:
        return sum(step.max_years for step in self.steps)

    @property
    def typical_years(self) -> float:
        """The median total: exactly the sum of the steps' midpoints (see estimates)."""
        return sum((step.min_years + step.max_years) / 2 for step in self.steps)

    def estimate(self) -> Estimate:
        return estimate([(step.min_years, step.max_years) for step in self.steps])

    def weight(self, by: str) -> float:
        """The route's total of the measure ``by`` (min, typical, max years, or steps)."""
        return sum(_measure(by, step.min_years, step.max_years) for step in self.steps)

    def rank(self, by: str) -> tuple[float, int, float, float, list[str]]:
        """Sort key: the chosen measure, then fewer steps, then the other bounds."""
        first, second = (
            (self.max_years, self.min_years)
            if by == "min"
            else (
                self.min_years,
                self.max_years,
            )
        )
        return (
            round(self.weight(by), 9),
            len(self.steps),
            round(first, 9),
            round(second, 9),
            self.roles,
        )


@dataclass(frozen=True)
class Adjustments:
    """Changes to every move's years: time already spent in the first role, a scale-up factor."""

    years_in_role: float = 0.0
    scale: float = 1.0

    def years(self, move: Move, first: bool) -> tuple[float, float]:
        low, high = move.min_years * self.scale, move.max_years * self.scale
        if first and self.years_in_role:
            low, high = max(0.0, low - self.years_in_role), max(0.0, high - self.years_in_role)
        return low, high


@dataclass(frozen=True)
class RouteQuery:
    """What the user asked of ``path``: the ends, the constraints and the ranking."""

    source: str
    target: str
    via: tuple[str, ...] = ()
    avoid: frozenset[str] = frozenset()
    tracks: frozenset[str] = frozenset()
    no_downward: bool = False
    no_rare: bool = False  # leave out moves marked rare (such as product -> tech)
    max_steps: int | None = None
    by: str = "min"
    adjustments: Adjustments = field(default_factory=Adjustments)

    @property
    def waypoints(self) -> list[str]:
        return [self.source, *self.via, self.target]


def build_graph(cmap: CareerMap, query: RouteQuery | None = None, by: str = "min") -> nx.DiGraph:
    """One node per role and one edge per move (``move`` holds it, ``low``/``high`` its years,
    ``weight`` the measure routes are ranked by).

    With a query, the graph holds only what the query allows: no avoided roles, no roles off
    the wanted tracks (the ends and via roles excepted), no downward or rare moves if asked.
    """
    import networkx as nx

    graph = nx.DiGraph()
    adjust = query.adjustments if query else Adjustments()
    by = query.by if query else by
    source = query.source if query else None
    if query is None:
        allowed = {role.id for role in cmap.roles}
    else:
        allowed = {role.id for role in cmap.roles if _allowed(cmap, query, role.id)}
    skip_downward = query is not None and query.no_downward
    skip_rare = query is not None and query.no_rare
    moves = [
        move
        for move in cmap.moves
        if move.from_ in allowed
        and move.to in allowed
        and not (skip_downward and move.kind == "downward")
        and not (skip_rare and move.rare)
    ]
    a, b, c = _weight_terms(by)
    if adjust == Adjustments():  # the usual case: one comprehension, no call per move
        years = [move.years for move in moves]
    else:
        years = [adjust.years(move, move.from_ == source) for move in moves]
    graph.add_nodes_from(allowed)
    graph.add_edges_from(
        (m.from_, m.to, {"move": m, "low": lo, "high": hi, WEIGHT: a * lo + b * hi + c})
        for m, (lo, hi) in zip(moves, years, strict=True)
    )
    return graph


def _allowed(cmap: CareerMap, query: RouteQuery, role_id: str) -> bool:
    if role_id in query.avoid:
        return False
    if role_id in query.waypoints or not query.tracks:
        return True
    return cmap.role(role_id).on_track(query.tracks)


def check_query(cmap: CareerMap, query: RouteQuery) -> None:
    """Refuse contradictory queries with a usage error that says which part contradicts."""
    if query.source == query.target:
        raise UsageError(
            f"{query.source!r} is both the start and the end; pick two different roles"
        )
    if query.by not in RANK_KEYS:
        raise UsageError(f"unknown ranking {query.by!r}; use one of {', '.join(RANK_KEYS)}")
    waypoints = query.waypoints
    if len(set(waypoints)) != len(waypoints):
        raise UsageError("a --via role repeats the start, the end or another --via role")
    for role_id in waypoints:
        if role_id in query.avoid:
            raise UsageError(f"{role_id!r} is both avoided and part of the route")
    for role_id in query.via:
        if query.tracks and not cmap.role(role_id).on_track(query.tracks):
            raise UsageError(
                f"--via {role_id} is on track {cmap.role(role_id).track!r}, "
                f"outside --track {', '.join(sorted(query.tracks))}"
            )
    if query.max_steps is not None and query.max_steps < len(waypoints) - 1:
        raise UsageError(f"--max-steps {query.max_steps} is too few to pass every --via role")


def find_routes(
    cmap: CareerMap, query: RouteQuery, top: int = 1, graph: nx.DiGraph | None = None
) -> list[Route]:
    """The ``top`` best routes for the query, best first; raises ``NoRouteError`` if none.

    Without ``max_steps``: Yen's k-shortest paths per segment between via roles, combined
    (falling back to the best-first search when every combination revisits a role).
    With it: a best-first (A*) search over routes of at most that many moves, which finds
    them in order, bounded by ``SEARCH_BUDGET`` moves looked at.
    """
    check_query(cmap, query)
    graph = build_graph(cmap, query) if graph is None else graph
    if query.max_steps is not None:
        paths = list(islice(_best_first_paths(graph, query), top))
    else:
        paths = _combined_paths(graph, query, top)
        if not paths and query.via:
            # The best few segments all crossed each other: search whole routes instead.
            paths = list(islice(_best_first_paths(graph, query), top))
    if not paths:
        raise NoRouteError(_no_route_message(query, query.source, query.target))
    routes = sorted((_route(graph, path) for path in paths), key=lambda r: r.rank(query.by))
    return routes[:top]


def _combined_paths(graph: nx.DiGraph, query: RouteQuery, top: int) -> list[list[str]]:
    """Best simple paths through every waypoint: the best few per segment, combined."""
    segments = list(pairwise(query.waypoints))
    per_segment = _per_segment_limit(top, len(segments))
    options = []
    for start, end in segments:
        others = set(query.waypoints) - {start, end}
        found = list(islice(_segment_routes(graph, start, end, others), per_segment))
        if not found:
            raise NoRouteError(_no_route_message(query, start, end))
        options.append(found)
    paths = []
    for combination in islice(product(*options), COMBINATION_LIMIT):
        path = [combination[0][0]]
        for segment in combination:
            path.extend(segment[1:])
        if len(set(path)) == len(path):  # a route never visits a role twice
            paths.append(path)
    return paths


def fastest_route(cmap: CareerMap, source: str, target: str) -> Route:
    """The route with the smallest best-case total; ties go to fewer steps."""
    return find_routes(cmap, RouteQuery(source, target))[0]


def _per_segment_limit(top: int, segments: int) -> int:
    """Candidates kept per segment: enough for ``top`` routes, within the combination bound."""
    if segments == 1:
        return top
    wanted = top + 4
    bound = max(1, int(COMBINATION_LIMIT ** (1 / segments)))
    return max(1, min(wanted, bound))


def _measure(by: str, low: float, high: float) -> float:
    """What one move adds to a route's total when routes are ranked ``by``."""
    if by == "min":
        return low
    if by == "typical":
        return (low + high) / 2
    if by == "max":
        return high
    return 1.0


def _weight_terms(by: str) -> tuple[float, float, float]:
    """(a, b, c) such that an edge's search weight is ``a * low + b * high + c``.

    The weight is the measure ranked by, plus ``TIE_BREAK`` per step, plus a far smaller
    share of the other bound (the worst case when ranking by min, else the best case). So
    among equal totals one Dijkstra run prefers fewer steps, then the smaller other bound:
    the order of ``Route.rank``, as long as totals differ by more than a millionth of a year.
    Linear terms keep the per-move work of ``build_graph`` to one multiply-add.
    """
    fine = TIE_BREAK * SECONDARY
    return {
        "min": (1.0, fine, TIE_BREAK),
        "typical": (0.5 + fine, 0.5, TIE_BREAK),
        "max": (fine, 1.0, TIE_BREAK),
        "steps": (TIE_BREAK, fine, 1.0),
    }[by]


def _segment_routes(
    graph: nx.DiGraph, start: str, end: str, excluded: set[str]
) -> Iterator[list[str]]:
    """Simple paths from start to end avoiding ``excluded``, best first (Yen's algorithm)."""
    import networkx as nx

    if excluded:  # a copy, not a view: views make every edge lookup of Yen's algorithm slow
        graph = graph.subgraph(set(graph) - excluded).copy()
    try:
        yield from nx.shortest_simple_paths(graph, start, end, weight=WEIGHT)
    except nx.NetworkXNoPath:
        return


def _route(graph: nx.DiGraph, path: list[str]) -> Route:
    return Route(
        tuple(
            Step(graph.edges[a, b]["move"], graph.edges[a, b]["low"], graph.edges[a, b]["high"])
            for a, b in pairwise(path)
        )
    )


def _no_route_message(query: RouteQuery, start: str, end: str) -> str:
    constrained = bool(
        query.via or query.avoid or query.tracks or query.no_downward or query.max_steps
    )
    hint = (
        "with these constraints; try fewer of --via, --avoid, --track, --no-downward, --max-steps"
        if constrained
        else f"in this map; try 'careermap moves {start}' to see where it leads"
    )
    return f"no route from {start!r} to {end!r} {hint}"


@dataclass(frozen=True)
class RouteCount:
    """How many routes exist besides the one shown; ``complete`` is False when only a bound."""

    others: int
    complete: bool


def count_other_routes(
    cmap: CareerMap, query: RouteQuery, graph: nx.DiGraph | None = None
) -> RouteCount:
    """How many routes satisfy the query besides the best, up to ``COUNT_LIMIT``.

    Pass the graph ``find_routes`` used (``build_graph(cmap, query)``) to build it once.
    """
    graph = build_graph(cmap, query) if graph is None else graph
    budget = _Budget(COUNT_BUDGET)
    found = 0
    # Order does not matter for a count: depth-first is cheapest, but with via roles the
    # best-first search, steered through them, finds routes before the budget runs out.
    search = _best_first_paths if query.via else _depth_first_paths
    for _ in search(graph, query, budget):
        found += 1
        if found - 1 > COUNT_LIMIT:  # more others than we count
            return RouteCount(COUNT_LIMIT, complete=False)
    return RouteCount(max(found - 1, 0), complete=not budget.exhausted)


@dataclass
class _Budget:
    """Search steps left; a search that runs out stops and says so through ``exhausted``."""

    left: int
    exhausted: bool = False


def _depth_first_paths(
    graph: nx.DiGraph, query: RouteQuery, budget: _Budget
) -> Iterator[list[str]]:
    """Simple paths from source to target within max_steps, in no particular order.

    Enters only roles that can still reach the target in the steps left; stops when the budget
    (moves looked at) runs out. For queries without via roles (see ``count_other_routes``).
    """
    import networkx as nx

    hops = nx.single_source_shortest_path_length(graph.reverse(copy=False), query.target)
    if query.source not in hops:
        return
    max_steps = query.max_steps if query.max_steps is not None else len(hops)
    path, on_path = [query.source], {query.source}
    stack = [iter(graph.succ[query.source])]
    while stack:
        succ = next(stack[-1], None)
        if succ is None:
            stack.pop()
            on_path.discard(path.pop())
            continue
        budget.left -= 1
        if budget.left < 0:
            budget.exhausted = True
            return
        steps_left = max_steps - len(path)  # after this move
        if succ in on_path or hops.get(succ, steps_left + 1) > steps_left:
            continue
        if succ == query.target:
            yield [*path, succ]
            continue
        path.append(succ)
        on_path.add(succ)
        stack.append(iter(graph.succ[succ]))


def _best_first_paths(
    graph: nx.DiGraph, query: RouteQuery, budget: _Budget | None = None
) -> Iterator[list[str]]:
    """Simple paths within ``max_steps`` through the via roles in order, best first.

    A* over partial routes: a partial route's priority is its weight plus the lightest way
    from its end to the target (admissible and consistent), so complete routes come out in
    order of weight; roles that cannot reach the target in the steps left are not entered.
    """
    import heapq

    import networkx as nx

    budget = budget or _Budget(SEARCH_BUDGET)
    backwards = graph.reverse(copy=False)
    via = list(query.via)
    via_set = set(via)
    # With k via roles passed, the lightest way on is to via role k (or the target), then
    # from waypoint to waypoint: an admissible, consistent estimate for each stage.
    waypoints = [*via, query.target]
    to_waypoint = [
        nx.single_source_dijkstra_path_length(backwards, w, weight=WEIGHT) for w in waypoints
    ]
    onward = [0.0] * len(waypoints)
    for i in range(len(waypoints) - 2, -1, -1):
        onward[i] = to_waypoint[i + 1].get(waypoints[i], math.inf) + onward[i + 1]

    def estimate(node: str, passed: int) -> float:
        return float(to_waypoint[passed].get(node, math.inf)) + onward[passed]

    hops = nx.single_source_shortest_path_length(backwards, query.target)
    if math.isinf(estimate(query.source, 0)):
        return
    max_steps = query.max_steps if query.max_steps is not None else len(hops)
    order = 0  # ties pop in push order, so the search is deterministic
    heap: list[tuple[float, float, int, tuple[str, ...], int]] = [
        (estimate(query.source, 0), 0.0, order, (query.source,), 0)
    ]
    while heap:
        _, weight, _, path, passed = heapq.heappop(heap)
        node = path[-1]
        if node == query.target:
            if passed == len(via):
                yield list(path)
            continue
        steps_left = max_steps - len(path)  # after the next move
        for succ, data in graph.succ[node].items():
            budget.left -= 1
            if budget.left < 0:
                budget.exhausted = True
                return
            if succ in path or hops.get(succ, steps_left + 1) > steps_left:
                continue
            count = passed
            if succ in via_set:
                if count < len(via) and via[count] == succ:
                    count += 1
                else:
                    continue  # via roles are visited in the order given
            ahead = estimate(succ, count)
            if math.isinf(ahead):
                continue
            order += 1
            cost = weight + data[WEIGHT]
            heapq.heappush(heap, (cost + ahead, cost, order, (*path, succ), count))


@dataclass(frozen=True)
class Reached:
    """A role reachable from (or leading to) the asked role, with its best route."""

    role: str
    route: Route


def reach(
    cmap: CareerMap,
    role_id: str,
    within: float | None = None,
    by: str = "min",
    into: bool = False,
) -> list[Reached]:
    """Roles reachable from ``role_id`` (or, with ``into``, that reach it) within the years.

    "Best" is by best-case years (``by="min"``) or by the median (``by="typical"``, which is
    additive, so Dijkstra finds it exactly).
    """
    import networkx as nx

    if by not in ("min", "typical"):
        raise UsageError(f"reach ranks by min or typical, not {by!r}")
    graph = build_graph(cmap, by=by)
    search = graph.reverse(copy=False) if into else graph
    # Search weights carry tie-breakers (see _weight_terms), so search a little past the
    # limit and keep the routes whose real total is within it.
    cutoff = None if within is None else within + CUTOFF_MARGIN
    _, paths = nx.single_source_dijkstra(search, role_id, cutoff=cutoff, weight=WEIGHT)
    found = []
    for other, path in paths.items():
        if other == role_id:
            continue
        route = _route(graph, list(reversed(path)) if into else path)
        if within is None or route.weight(by) <= within + EPSILON:
            found.append(Reached(other, route))
    found.sort(key=lambda item: (item.route.rank(by), item.role))
    return found
