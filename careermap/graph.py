"""Routes between roles: the graph of a career map and the searches over it.

The route searches: Yen's k-shortest simple paths (``networkx.shortest_simple_paths``) for
``find_routes``, and one Dijkstra run of our own (``_lightest_ways``, which keeps every tied
predecessor) for the best route alone, ``reach`` and ``best_routes``. Constraints become
graph structure, not search code: avoided and off-track roles and banned moves are left out
of the graph, and ordered via roles and a move limit make a product graph whose nodes are
(role, via roles passed[, moves made]) (see ``find_routes``).

How routes are ranked (``Route.rank``), the same for every search and every ``top``:

1. the total of the measure ranked by: best-case years (``min``), typical years (``typical``,
   the sum of the moves' midpoints), worst-case years (``max``) or the number of moves
   (``steps``). A route with moves whose measure the data does not give (a move of unknown
   length; for ``typical`` and ``max`` also an open-ended one, "4+") ranks after every
   route whose measure is known, fewer such moves first, and then by the part it knows: a
   route never looks faster because what it does not know was counted as nothing;
2. then fewer moves;
3. then the other bound, by the same rule for what is unknown: the smaller worst case when
   ranking by ``min``, else the smaller best case;
4. then the smaller worst case (this decides only between ``steps`` rankings);
5. then the role ids in order, compared as strings, the first difference deciding.

Years are compared in whole billionths of a year (``QUANTUM``), so 0.1 + 0.2 ties with 0.3
whatever the order of addition. No two different routes compare equal, so the routes of
``top K`` are exactly the first K routes of ``top K+1``.

The searches run on integer edge weights that encode steps 1-4 exactly (``_Ranking``), so
they find routes in rank order up to step 5, which is settled here. The graph is our own
``MoveGraph`` (networkx's layout, in plain dicts); networkx is imported only for Yen's
algorithm, so the best route, ``reach`` and listing roles and moves start fast.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Hashable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from itertools import pairwise
from typing import TYPE_CHECKING, Any

from careermap.errors import (
    NoRouteError,
    SearchLimitError,
    UnknownRoleError,
    UsageError,
    option,
)
from careermap.estimates import Estimate, estimate
from careermap.options import RANK_KEYS, RouteOptions

if TYPE_CHECKING:
    import networkx as nx

    from careermap.models import CareerMap, Move

QUANTUM = 1e-9  # years: totals are compared in whole multiples of this
# Bounds that keep every query's work finite on any graph.
CANDIDATE_LIMIT = 2_000  # paths Yen's algorithm may yield for one find_routes call
# ... and at most this many divided by the moves of the graph it searches: each path costs
# a few searches of that graph (about 0.5 s per million moves here), so a dense ladder
# gives up on Yen (and lists every route, or says the search stopped) within seconds.
# A route of more moves than this divided by the graph's is not searched by Yen at all.
YEN_WORK = 10_000_000
REPEAT_LIMIT = 200  # paths repeating a role it may yield before listing every route instead
LISTING_BUDGET = 200_000  # moves listing every route (when Yen gives up) may look at
OVERLONG_LIMIT = 20  # routes over --max-steps skipped before searching the move layers
COUNT_LIMIT = 100  # other routes counted before saying "at least"
COUNT_BUDGET = 50_000  # moves counting other routes may look at
WEIGHT = "weight"  # the edge attribute searches minimise: an int, see _Ranking
_SINK = ("", -1, -1)  # the one end of a product graph with a move limit


# -- what a route is and how routes rank ------------------------------------------------------


# A move's years on a route: (min, max); max None when open-ended ("4+"), min None when only
# a maximum is known ("at most 2"), both None when the data gives no duration.
Span = tuple[float | None, float | None]
# role -> role -> the move's data dict (networkx's dict-of-dicts layout)
Adjacency = dict[str, dict[str, dict[str, Any]]]


def _measure(by: str, low: float | None, high: float | None) -> float | None:
    """What one move adds to a route's total when routes are ranked ``by``, in years (None
    where the data does not give it)."""
    if by == "min":
        return low
    if by == "typical":
        return None if low is None or high is None else (low + high) / 2
    if by == "max":
        return high
    return 1.0


def _quanta(years: float) -> int:
    return round(years / QUANTUM)


def _term(years: float | None) -> tuple[int, int]:
    """(1 if unknown else 0, the years in quanta or 0): unknowns count apart, never as 0."""
    return (1, 0) if years is None else (0, _quanta(years))


def _rank_terms(by: str, low: float | None, high: float | None) -> tuple[int, ...]:
    """What one move adds to steps 1, 3 and 4 of the ranking (module docstring): for each,
    whether it is unknown, and its quanta.

    The one place that turns a move's years into ranking terms; every search and
    ``Route.rank`` go through it. ``typical`` counts twice the midpoint, to stay whole.
    """
    if by == "typical":
        measure = None if low is None or high is None else low + high
    else:
        measure = _measure(by, low, high)
    first, second = (high, low) if by == "min" else (low, high)
    return (*_term(measure), *_term(first), *_term(second))


@dataclass(frozen=True)
class Step:
    """One move of a route, with the years it takes here (after any adjustment)."""

    move: Move
    min_years: float | None
    max_years: float | None
    scale: float = 1.0  # the scale-up factor applied (for the move's recorded evidence)
    spent: float = 0.0  # years already spent in its first role

    @property
    def from_(self) -> str:
        return self.move.from_

    @property
    def to(self) -> str:
        return self.move.to

    @property
    def kind(self) -> str:
        return self.move.kind

    @property
    def recorded(self) -> bool:
        """Whether the move's years come from people's records (its evidence)."""
        evidence = self.move.evidence
        return evidence is not None and evidence.figures

    def estimate(self) -> Estimate | None:
        """Percentiles of the move's years (from its records where it has some); None unless
        both ends are known."""
        if self.recorded:
            from careermap.chance import legs_of, route_estimate

            return route_estimate(legs_of([self]))
        if self.min_years is None or self.max_years is None:
            return None
        return estimate([(self.min_years, self.max_years)])

    def as_dict(self) -> dict[str, Any]:
        """The step as a flat, JSON-ready row: its move, with the years it takes here."""
        return {**self.move.as_dict(), "min_years": self.min_years, "max_years": self.max_years}


@dataclass(frozen=True)
class Route:
    """A sequence of steps; its totals are the sums of its steps."""

    steps: tuple[Step, ...]

    @property
    def roles(self) -> list[str]:
        return [self.steps[0].from_, *(step.to for step in self.steps)]

    @property
    def unknown_moves(self) -> int:
        """Moves whose length the data does not give (neither stated nor recorded)."""
        return sum(
            s.min_years is None and s.max_years is None and not s.recorded for s in self.steps
        )

    @property
    def open_moves(self) -> int:
        """Moves with a known minimum, no known maximum ("4+") and no records."""
        return sum(
            s.min_years is not None and s.max_years is None and not s.recorded for s in self.steps
        )

    @property
    def recorded(self) -> int:
        """Moves whose years come from people's records."""
        return sum(step.recorded for step in self.steps)

    @property
    def at_most_moves(self) -> int:
        """Moves with a known maximum and no known minimum ("at most 2", ``{max = 2}``)."""
        return sum(s.min_years is None and s.max_years is not None for s in self.steps)

    @property
    def complete(self) -> bool:
        """Whether every move's years are a known range, so totals and percentiles exist."""
        return not self.unknown_moves and not self.open_moves and not self.at_most_moves

    @property
    def min_years(self) -> float:
        """The fewest years the route takes: a lower bound ("at least") unless complete, as a
        move of no known minimum counts 0 (years are never negative)."""
        return sum(step.min_years or 0.0 for step in self.steps)

    @property
    def max_years(self) -> float | None:
        """The most years it takes; None unless every move's maximum is known."""
        highs = [step.max_years for step in self.steps]
        return None if None in highs else sum(h for h in highs if h is not None)

    @property
    def typical_years(self) -> float | None:
        """The median total: exactly the sum of the steps' midpoints (see estimates); None
        unless the route is complete."""
        if not self.complete:
            return None
        if self.recorded:
            found = self.estimate()
            return None if found is None else found.p50_years
        return sum(((s.min_years or 0.0) + (s.max_years or 0.0)) / 2 for s in self.steps)

    def estimate(self) -> Estimate | None:
        """P10, P50 and P90 of the total (recorded moves by their records' distributions, see
        chance.py); None unless the route is complete."""
        if not self.complete:
            return None
        if self.recorded:
            from careermap.chance import legs_of, route_estimate

            return route_estimate(legs_of(self.steps))
        return estimate([(s.min_years or 0.0, s.max_years or 0.0) for s in self.steps])

    def as_dict(self) -> dict[str, Any]:
        """The route as one flat, JSON-ready row: its ends, its roles, how many moves and its
        totals (None where unknown); ``pd.DataFrame([r.as_dict() for r in routes])`` has a
        row per route."""
        found = self.estimate()
        return {
            "from": self.roles[0],
            "to": self.roles[-1],
            "roles": self.roles,
            "moves": len(self.steps),
            "min_years": self.min_years,
            "max_years": self.max_years,
            "typical_years": self.typical_years,
            "p10_years": found.p10_years if found else None,
            "p50_years": found.p50_years if found else None,
            "p90_years": found.p90_years if found else None,
            "unknown_moves": self.unknown_moves,
            "open_moves": self.open_moves,
        }

    def weight(self, by: str) -> float | None:
        """The route's total of the measure ``by`` (min, typical, max years, or steps); None
        where a move's measure is unknown."""
        measures = [_measure(by, step.min_years, step.max_years) for step in self.steps]
        return None if None in measures else sum(m for m in measures if m is not None)

    def rank(self, by: str) -> tuple[object, ...]:
        """Sort key, smaller first: the total order of the module docstring.

        The measure ranked by (unknown moves first counted apart), then fewer steps, then
        the other bound, then the worst case (all in quanta), then the role ids.
        """
        totals = [0] * 6
        for step in self.steps:
            for i, term in enumerate(_rank_terms(by, step.min_years, step.max_years)):
                totals[i] += term
        return (*totals[:2], len(self.steps), *totals[2:], self.roles)


@dataclass(frozen=True)
class _Ranking:
    """Integer edge weights whose sums order routes exactly as ``Route.rank`` (steps 1-4).

    A move's weight is its seven ranking digits (unknown measure, measure, one move, unknown
    other bound, other bound, unknown worst case, worst case) written in base ``base``, which
    exceeds any simple route's total of any digit: a route's weight is its totals written as
    digits, so comparing weights compares them in that order, with no rounding.
    """

    by: str
    base: int

    DIGITS = 7  # how many digits a weight has; the measure's unknown count is the first

    @classmethod
    def weights(cls, by: str, years: Sequence[Span], roles: int) -> tuple[_Ranking, list[int]]:
        """The ranking for moves of these years between this many roles, and their weights.

        Worked out once per distinct span of years: a ladder of 100,000 moves has few.
        """
        distinct = {span: _rank_terms(by, *span) for span in dict.fromkeys(years)}
        largest = max((max(term) for term in distinct.values()), default=0)
        base = (largest + 1) * (roles + 1) + 1
        weight_of = {}
        for span, term in distinct.items():
            u_m, m, u_f, f, u_s, s = term
            weight = 0
            for digit in (u_m, m, 1, u_f, f, u_s, s):
                weight = weight * base + digit
            weight_of[span] = weight
        return cls(by, base), [weight_of[span] for span in years]


# -- the query and its graph ------------------------------------------------------------------


@dataclass(frozen=True)
class Adjustments:
    """Changes to every move's years: time already spent in the first role, a scale-up factor."""

    years_in_role: float = 0.0
    scale: float = 1.0

    def years(self, move: Move, first: bool) -> Span:
        """The move's years here: scaled, and shortened by the years in role if it is first
        (never below 0); what the data does not give stays unknown."""
        low, high = move.min_years, move.max_years
        low = None if low is None else low * self.scale
        high = None if high is None else high * self.scale
        if first and self.years_in_role:
            low = None if low is None else max(0.0, low - self.years_in_role)
            high = None if high is None else max(0.0, high - self.years_in_role)
        return low, high


@dataclass(frozen=True)
class RouteQuery:
    """What the user asked of ``path``: the ends, the options (role and track ids) and the
    data's scale-up factor when the options ask for it."""

    source: str
    target: str
    options: RouteOptions = field(default_factory=RouteOptions)
    scale: float = 1.0

    @property
    def via(self) -> tuple[str, ...]:
        return self.options.via

    @cached_property
    def avoid(self) -> frozenset[str]:
        return frozenset(self.options.avoid)

    @cached_property
    def tracks(self) -> frozenset[str]:
        return frozenset(self.options.tracks)

    @property
    def no_downward(self) -> bool:
        return self.options.no_downward

    @property
    def no_rare(self) -> bool:
        return self.options.no_rare

    @property
    def max_steps(self) -> int | None:
        return self.options.max_steps

    @property
    def by(self) -> str:
        return self.options.by

    @property
    def adjustments(self) -> Adjustments:
        return Adjustments(years_in_role=self.options.years_in_role, scale=self.scale)

    @property
    def waypoints(self) -> list[str]:
        return [self.source, *self.via, self.target]


def _graph_key(query: RouteQuery | None, by: str) -> tuple[object, ...]:
    """What of a query shapes its graph: two queries with equal keys share one graph."""
    if query is None:
        return (frozenset(), frozenset(), (), False, False, by, Adjustments(), None)
    adjust = query.adjustments
    return (
        query.avoid,
        query.tracks,
        tuple(query.waypoints) if query.tracks else (),  # the roles --track leaves in
        query.no_downward,
        query.no_rare,
        query.by,
        adjust,
        query.source if adjust != Adjustments() else None,  # whose first moves change
    )


class MoveGraph:
    """A map's roles and moves as a query allows them, in networkx's own layout:
    ``succ[a][b]`` and ``pred[b][a]`` are one data dict per move, and ``graph`` says what it
    was built for (see ``build_moves``).

    The searches of our own read these dicts, so the best route, ``reach`` and the count of
    other routes need no networkx, whose import is about half of the benchmark's import
    floor. A networkx graph of the same moves (built through networkx's public API, so its
    data dicts are copies) is made on the first call of ``networkx()``, for its algorithms
    (Yen's).
    """

    __slots__ = ("_digraph", "graph", "pred", "succ")

    def __init__(
        self,
        succ: Adjacency,
        pred: Adjacency,
        graph: dict[str, Any],
        digraph: nx.DiGraph | None = None,
    ) -> None:
        self.succ = succ
        self.pred = pred
        self.graph = graph
        self._digraph = digraph

    @classmethod
    def of(cls, graph: MoveGraph | nx.DiGraph) -> MoveGraph:
        """The graph itself, or the moves of a networkx graph (``build_graph``): plain dicts
        read through its public ``succ``/``pred`` views, holding its own edge data dicts."""
        if isinstance(graph, MoveGraph):
            return graph
        succ = {role: dict(out) for role, out in graph.succ.items()}
        pred = {role: dict(into) for role, into in graph.pred.items()}
        return cls(succ, pred, graph.graph, graph)

    def __contains__(self, role: object) -> bool:
        return role in self.succ

    def __len__(self) -> int:
        return len(self.succ)

    def networkx(self) -> nx.DiGraph:
        """The same graph as a ``networkx.DiGraph`` (made once), its edges' data copied."""
        if self._digraph is None:
            import networkx as nx

            digraph = nx.DiGraph(**self.graph)
            digraph.add_nodes_from(self.succ)
            digraph.add_edges_from(
                (role, other, data)
                for role, out in self.succ.items()
                for other, data in out.items()
            )
            self._digraph = digraph
        return self._digraph


def build_graph(cmap: CareerMap, query: RouteQuery | None = None, by: str = "min") -> nx.DiGraph:
    """``build_moves`` as a ``networkx.DiGraph``, for networkx's algorithms and other tools."""
    return build_moves(cmap, query, by).networkx()


def build_moves(cmap: CareerMap, query: RouteQuery | None = None, by: str = "min") -> MoveGraph:
    """One node per role and one edge per move (``move`` holds it, ``low``/``high`` its years,
    ``weight`` the integer search weight of ``_Ranking``), roles in file order.

    With a query, the graph holds only what the query allows: no avoided roles, no roles off
    the wanted tracks (the ends and via roles excepted), no downward or rare moves if asked.
    The graph remembers the map and the query it was built for, so that a search given it
    can refuse a graph built for another (``_check_graph``).
    """
    adjust = query.adjustments if query else Adjustments()
    by = query.by if query else by
    source = query.source if query else None
    if query is None:
        allowed = dict.fromkeys(role.id for role in cmap.roles)
    else:
        allowed = dict.fromkeys(role.id for role in cmap.roles if _allowed(cmap, query, role.id))
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
    if adjust == Adjustments():  # the usual case: no call per move
        years: list[Span] = [move.years or (None, None) for move in moves]
    else:
        years = [adjust.years(move, move.from_ == source) for move in moves]
    ranked = years
    if by == "typical" and any(m.evidence is not None for m in moves):  # the records' median
        ranked = [
            _typical_span(m, span, adjust.scale) for m, span in zip(moves, years, strict=True)
        ]
    ranking, weights = _Ranking.weights(by, ranked, len(allowed))
    # One data dict per move shared by both directions, as networkx's add_edges_from stores
    # them (a map has one move per pair; tests hold the two equal).
    succ: Adjacency = {role: {} for role in allowed}
    pred: Adjacency = {role: {} for role in allowed}
    for m, (lo, hi), w in zip(moves, years, weights, strict=True):
        succ[m.from_][m.to] = pred[m.to][m.from_] = {"move": m, "low": lo, "high": hi, WEIGHT: w}
    if ranked is not years:  # what reach measures a move by: its records' median, if any
        for m, span in zip(moves, ranked, strict=True):
            succ[m.from_][m.to]["ranked"] = span
    if adjust != Adjustments():  # what a recorded move's distribution needs to know
        for m in moves:
            spent = adjust.years_in_role if m.from_ == source else 0.0
            succ[m.from_][m.to]["adjust"] = (adjust.scale, spent)
    return MoveGraph(succ, pred, {"cmap": cmap, "key": _graph_key(query, by), "ranking": ranking})


def _typical_span(move: Move, span: Span, scale: float) -> Span:
    """What ranks a move by typical years: its records' median where it has one, else its
    stated years (whose midpoint is the typical figure)."""
    evidence = move.evidence
    if evidence is None or not evidence.figures or evidence.median is None:
        return span
    median = evidence.median * scale
    return (median, median)


def _check_graph(graph: MoveGraph, cmap: CareerMap, query: RouteQuery) -> None:
    """Refuse a graph built for another map or for a query that shapes the graph otherwise."""
    if graph.graph.get("cmap") is not cmap or graph.graph.get("key") != _graph_key(query, query.by):
        raise ValueError(
            "this graph was built for another map or query; pass build_graph(cmap, query) "
            "for the same query, or no graph"
        )


def _allowed(cmap: CareerMap, query: RouteQuery, role_id: str) -> bool:
    if role_id in query.avoid:
        return False
    if role_id in query.waypoints or not query.tracks:
        return True
    return cmap.role(role_id).on_track(query.tracks)


def _known(cmap: CareerMap, role_id: str) -> None:
    try:
        cmap.role(role_id)
    except KeyError:
        raise UnknownRoleError(role_id, cmap.suggest(role_id)) from None


def check_query(cmap: CareerMap, query: RouteQuery, top: int = 1) -> None:
    """Refuse unknown ids and contradictory queries with a usage error that says which part."""
    for role_id in (*query.waypoints, *sorted(query.avoid)):
        _known(cmap, role_id)
    if top < 1:
        raise UsageError(f"asked for {top} routes; ask for at least 1")
    if query.source == query.target:
        raise UsageError(
            f"{query.source!r} is both the start and the end; pick two different roles"
        )
    if query.by not in RANK_KEYS:
        raise UsageError(f"unknown ranking {query.by!r}; use one of {', '.join(RANK_KEYS)}")
    waypoints = query.waypoints
    if len(set(waypoints)) != len(waypoints):
        raise UsageError(
            f"a {option('via')} role repeats the start, the end or another {option('via')} role"
        )
    for role_id in waypoints:
        if role_id in query.avoid:
            raise UsageError(f"{role_id!r} is both avoided and part of the route")
    for role_id in query.via:
        if query.tracks and not cmap.role(role_id).on_track(query.tracks):
            raise UsageError(
                f"{option('via')} {role_id} is on track {cmap.role(role_id).track!r}, "
                f"outside {option('tracks')} {', '.join(sorted(query.tracks))}"
            )
    if query.max_steps is not None and query.max_steps < 1:
        raise UsageError(
            f"{option('max_steps')} {query.max_steps}: a route needs at least one move"
        )
    if query.max_steps is not None and query.max_steps < len(waypoints) - 1:
        raise UsageError(
            f"{option('max_steps')} {query.max_steps} is too few to pass every {option('via')} role"
        )
    adjust = query.adjustments
    if not adjust.years_in_role >= 0 or not adjust.scale > 0:
        raise UsageError("years in role must be at least 0 and the scale more than 0")


# -- the k best routes ------------------------------------------------------------------------


def find_routes(
    cmap: CareerMap, query: RouteQuery, top: int = 1, graph: MoveGraph | nx.DiGraph | None = None
) -> list[Route]:
    """The ``top`` best routes for the query in rank order (module docstring), or all of
    them if fewer exist; raises ``NoRouteError`` if none, ``SearchLimitError`` if the search
    gave up first.

    Routes are simple (no role twice), pass the via roles in order and make at most
    ``max_steps`` moves. The best route alone, without via roles or a move limit, is the
    one the tree of best routes holds (``_lightest_routes``). Otherwise Yen's algorithm
    runs on a graph where those rules are structure:
    without via roles or a binding move limit, the map's graph itself; otherwise a product
    graph whose nodes are (role, via roles passed, moves made) (``_product``). Each route is
    one path of it, but a product path may visit a role twice (in different layers): those
    are skipped. Paths come in weight order, which is rank order up to the role ids, so the
    search stops at the first path weighing more than the ``top``-th route kept; routes of
    equal weight are ordered by their role ids.

    When few routes exist among many product paths that repeat a role (``REPEAT_LIMIT``
    of those, or ``CANDIDATE_LIMIT`` paths in all, or fewer on a large graph: ``YEN_WORK``),
    or when the fewest moves of any route times the moves of the graph exceed ``YEN_WORK``
    (a long route: Yen's searches would be quadratic in time and memory on a long chain),
    every route is listed depth-first
    instead and the best taken; if that too runs out of budget (``LISTING_BUDGET``), the
    search gives up with ``SearchLimitError``.

    ``graph``, if given, must be ``build_moves(cmap, query)`` or ``build_graph(cmap, query)``
    (or either without the query, for a query that shapes no graph); another raises
    ``ValueError``.
    """
    check_query(cmap, query, top)
    if graph is None:
        graph = build_moves(cmap, query)
    else:
        graph = MoveGraph.of(graph)
        _check_graph(graph, cmap, query)
    try:
        if top == 1 and not query.via and query.max_steps is None:
            kept = _lightest_routes(graph, query.source, query.target)
        else:
            kept = _yen_routes(graph, query, top)
    except _GaveUp:
        kept = _listed_routes(graph, query)
    if not kept:
        start, end = _blocked_segment(graph, query)
        raise NoRouteError(no_route_message(query.options, start, end))
    routes = sorted((_route(graph, roles) for _, roles in kept), key=lambda r: r.rank(query.by))
    return routes[:top]


class _GaveUp(Exception):
    """Yen's algorithm met too many paths that repeat a role, or too many paths."""


def _listed_routes(graph: MoveGraph, query: RouteQuery) -> list[tuple[int, list[str]]]:
    """Every route of the query, listed depth-first; ``SearchLimitError`` if too many."""
    budget = _Budget(LISTING_BUDGET)
    kept = [
        (sum(graph.succ[a][b][WEIGHT] for a, b in pairwise(path)), path)
        for path in _depth_first_paths(graph, query, budget)
    ]
    if budget.exhausted:
        raise SearchLimitError(
            f"search stopped after {len(kept):,} candidate routes without finishing; "
            f"narrow it with {option('max_steps')}, {option('via')} or {option('tracks')}"
        )
    return kept


def _yen_routes(graph: MoveGraph, query: RouteQuery, top: int) -> list[tuple[int, list[str]]]:
    """The ``top`` best routes and any tied with the last, as (weight, roles), by Yen's
    algorithm (see ``find_routes``); ``_GaveUp`` if it meets too many useless paths."""
    budget = _Budget(CANDIDATE_LIMIT)
    layered = _needs_layers(graph, query)
    limit = query.max_steps if layered else None
    search, start, end = _search_graph(graph, query)
    found = None
    if layered:
        # A tight limit makes the move layers small: search them. Else search without them
        # first, skipping routes over the limit (exact, and far smaller when the best routes
        # are short); if long routes keep coming, search the layers after all.
        cap = 2 * search.number_of_edges()
        layers = _product(graph, query, layered=True, cap=cap)
        if layers is None:
            found = _collect(
                graph, search, start, end, top, budget, limit, query.by, OVERLONG_LIMIT
            )
            if found is None:
                layers = _product(graph, query, layered=True)
        if layers is not None:
            search, start, end = layers
    if found is None:
        found = _collect(graph, search, start, end, top, budget)
    kept = found or []
    if len(kept) == top:
        # Routes may tie with the top-th: list every route as light, on the part of the
        # graph such routes use (cheaper than asking Yen for one more path).
        heaviest = kept[-1][0]
        part = _within(search, start, end, heaviest)
        kept = _collect(graph, part, start, end, top, budget, limit, heaviest=heaviest) or []
    return kept


def _lightest_routes(graph: MoveGraph, start: str, end: str) -> list[tuple[int, list[str]]]:
    """The best route alone, as [(weight, roles)] ([] if none), from the tree of best routes
    that one Dijkstra run gives (``_best_tree``, ties by role ids as ``Route.rank``): Yen's
    algorithm with its tie check costs three such searches."""
    if start not in graph or end not in graph:
        return []
    tree = _best_tree(graph, start, stop=end)
    return [(tree.distance[end], tree.path(end))] if end in tree.parent else []


def _collect(
    graph: MoveGraph,
    search: nx.DiGraph,
    start: Hashable,
    end: Hashable,
    top: int,
    budget: _Budget,
    max_steps: int | None = None,
    by: str = "min",
    patience: int | None = None,
    heaviest: int | None = None,
) -> list[tuple[int, list[str]]] | None:
    """The first ``top`` simple routes Yen's algorithm finds on ``search``, as (weight, roles);
    with ``heaviest``, every route weighing at most that instead.

    Paths come in order of weight, so the search stops at the first path too heavy.
    Non-simple paths (see ``_product``) and routes of more than ``max_steps`` moves are
    skipped, counted against the budget (``_GaveUp`` when it or ``REPEAT_LIMIT`` runs out).
    After ``patience`` routes too long, or if the first route is too long, returns None.
    """
    import networkx as nx

    kept: list[tuple[int, list[str]]] = []
    product = isinstance(start, tuple)
    overlong = repeats = 0
    edges = max(search.number_of_edges(), 1)
    # Each path costs a search of the graph per move of the path before it (its spur
    # searches), and networkx's searches hold every reached node's path as a list: on a
    # long chain the first path alone is quadratic in memory. A route of more moves than
    # YEN_WORK allows is listed depth-first instead (linear on a chain).
    fewest = _hops(search.succ, start).get(end)
    if fewest is not None and fewest * edges > YEN_WORK:
        raise _GaveUp
    affordable = YEN_WORK // edges  # paths, on this graph
    try:
        for path in nx.shortest_simple_paths(search, start, end, weight=WEIGHT):
            roles = [node[0] for node in path if node != _SINK] if product else path
            weight = sum(graph.succ[a][b][WEIGHT] for a, b in pairwise(roles))
            if heaviest is not None and weight > heaviest:
                break
            budget.left -= 1
            affordable -= 1
            if budget.left < 0 or affordable < 0:
                raise _GaveUp
            if len(set(roles)) != len(roles):
                repeats += 1
                if repeats > REPEAT_LIMIT:
                    raise _GaveUp
                continue
            if max_steps is not None and len(roles) - 1 > max_steps:
                if by == "steps":
                    break  # paths come by number of moves: every later one is too long
                overlong += 1
                if patience is not None and (overlong > patience or not kept):
                    return None  # the best routes are long: search the move layers
                continue
            kept.append((weight, roles))
            if heaviest is None and len(kept) == top:
                break  # do not make Yen find one more path
    except nx.NetworkXNoPath:
        pass
    return kept


def _within(search: nx.DiGraph, start: Hashable, end: Hashable, heaviest: int) -> nx.DiGraph:
    """The part of ``search`` that paths from start to end weighing at most ``heaviest`` use:
    the edges (u, v) with lightest(start, u) + weight + lightest(v, end) <= heaviest."""
    import networkx as nx

    ahead = nx.single_source_dijkstra_path_length(search, start, heaviest, WEIGHT)
    behind = nx.single_source_dijkstra_path_length(
        search.reverse(copy=False), end, heaviest, WEIGHT
    )
    part = nx.DiGraph()
    part.add_nodes_from([start, end])
    part.add_edges_from(
        (node, other, data)
        for node, before in ahead.items()
        for other, data in search.succ[node].items()
        if other in behind and before + data[WEIGHT] + behind[other] <= heaviest
    )
    return part


def fastest_route(cmap: CareerMap, source: str, target: str) -> Route:
    """The route with the smallest best-case total; ties go to fewer steps."""
    return find_routes(cmap, RouteQuery(source, target))[0]


def _reachable_roles(graph: MoveGraph, query: RouteQuery) -> int:
    """How many roles lie on some walk from the source to the target."""
    if query.source not in graph or query.target not in graph:
        return 0
    ahead = _hops(graph.succ, query.source)
    return sum(role in ahead for role in _hops(graph.pred, query.target))


def _needs_layers(graph: MoveGraph, query: RouteQuery) -> bool:
    """Whether the move limit can bind: some simple route may make more moves than it."""
    return query.max_steps is not None and query.max_steps < _reachable_roles(graph, query) - 1


def _search_graph(graph: MoveGraph, query: RouteQuery) -> tuple[nx.DiGraph, Hashable, Hashable]:
    """The graph Yen's algorithm runs on without move layers, with its start and end: the
    map's graph, or with via roles the product graph of via layers."""
    if not query.via:
        return graph.networkx(), query.source, query.target
    product = _product(graph, query, layered=False)
    assert product is not None  # no cap
    return product


def _hops_needed(graph: MoveGraph, query: RouteQuery) -> list[dict[str, int]]:
    """For each count of via roles passed, the fewest moves from each role to the target
    through the via roles still ahead, ignoring repeats: a lower bound for pruning."""
    waypoints = [*query.via, query.target]
    to_next = [_hops(graph.pred, w) for w in waypoints]
    needed = [dict(to_next[-1])]
    for k in range(len(waypoints) - 2, -1, -1):
        onward = needed[0].get(waypoints[k])
        if onward is None:
            needed.insert(0, {})
        else:
            needed.insert(0, {role: hops + onward for role, hops in to_next[k].items()})
    return needed


def _product(
    graph: MoveGraph, query: RouteQuery, layered: bool, cap: int | None = None
) -> tuple[nx.DiGraph, Hashable, Hashable] | None:
    """The product graph of the query: nodes (role, via roles passed, moves made).

    Moves made stays 0 unless ``layered``. A move into via role i is kept only from layer
    i (and leads to layer i + 1); a move into the target only from the last layer; none
    leaves the target or enters the source. Only nodes that can still reach the target
    within the moves left are made. With ``layered``, every (target, last, n) leads to one
    sink; otherwise (target, last, 0) is the end. None if it would have more than ``cap``
    edges.
    """
    import networkx as nx

    source, target, via = query.source, query.target, query.via
    last = len(via)
    stage_of = {role: i for i, role in enumerate(via)}
    needed = _hops_needed(graph, query)
    limit = query.max_steps if layered and query.max_steps is not None else None
    start = (source, 0, 0)
    if needed[0].get(source) is None or (limit is not None and needed[0][source] > limit):
        product = nx.DiGraph()
        product.add_nodes_from([start, _SINK])
        return product, start, _SINK
    edges: list[tuple[tuple[str, int, int], tuple[str, int, int], dict[str, int]]] = []
    seen = {start}
    queue = deque([start])
    succ = graph.succ
    while queue:
        node = queue.popleft()
        role, passed, made = node
        if role == target:
            continue
        after = made + 1 if limit is not None else 0
        for other, data in succ[role].items():
            if other == source:
                continue
            stage = passed
            index = stage_of.get(other)
            if index is not None:
                if index != passed:
                    continue
                stage += 1
            if other == target and stage != last:
                continue
            hops = needed[stage].get(other)
            if hops is None or (limit is not None and after + hops > limit):
                continue
            nxt = (other, stage, after)
            edges.append((node, nxt, {WEIGHT: data[WEIGHT]}))
            if cap is not None and len(edges) > cap:
                return None
            if nxt not in seen:
                seen.add(nxt)
                queue.append(nxt)
    product = nx.DiGraph()
    product.add_node(start)
    product.add_edges_from(edges)
    if limit is None:
        end = (target, last, 0)
        product.add_node(end)
        return product, start, end
    product.add_node(_SINK)
    product.add_edges_from(
        (node, _SINK, {WEIGHT: 0}) for node in seen if node[0] == target and node[1] == last
    )
    return product, start, _SINK


def _blocked_segment(graph: MoveGraph, query: RouteQuery) -> tuple[str, str]:
    """The first leg between waypoints with no way at all (other waypoints left out), for
    the message; the whole route when every leg has one but no route joins them."""
    waypoints = query.waypoints
    for start, end in pairwise(waypoints):
        others = set(waypoints) - {start, end}
        if end not in _hops(graph.succ, start, others):
            return start, end
    return query.source, query.target


def _hops(
    adjacency: Mapping[Any, Mapping[Any, object]], root: Any, blocked: Iterable[str] = ()
) -> dict[Any, int]:
    """The fewest moves from ``root`` to each role it reaches (breadth first) through
    ``adjacency`` (``pred``: from each role that reaches it), never entering ``blocked``;
    any adjacency of that layout, such as a product graph's (``_collect``)."""
    hops: dict[Any, int] = dict.fromkeys(blocked, -1)
    hops[root] = 0
    frontier = [root]
    count = 0
    while frontier:
        count += 1
        ahead = []
        for role in frontier:
            for other in adjacency.get(role, ()):
                if other not in hops:
                    hops[other] = count
                    ahead.append(other)
        frontier = ahead
    return {role: n for role, n in hops.items() if n >= 0}


def _route(graph: MoveGraph, path: Sequence[str]) -> Route:
    edges = graph.succ
    return Route(
        tuple(
            Step(
                edges[a][b]["move"],
                edges[a][b]["low"],
                edges[a][b]["high"],
                *edges[a][b].get("adjust", ()),
            )
            for a, b in pairwise(path)
        )
    )


def no_route_message(options: RouteOptions, start: str, end: str) -> str:
    """ "No route", naming each option given that can rule a route out (so a route the
    options alone ruled out is never reported as missing from the map)."""
    given = options.given(narrowing=True)
    if given:
        names = ", ".join(option(name) for name in given)
        hint = f"with these constraints; try without some of {names}"
    else:
        hint = f"in this map; try 'careermap moves {start}' to see where it leads"
    return f"no route from {start!r} to {end!r} {hint}"


# -- counting the other routes ----------------------------------------------------------------


@dataclass(frozen=True)
class RouteCount:
    """How many routes exist besides the one shown; ``complete`` is False when only a bound."""

    others: int
    complete: bool


def count_other_routes(
    cmap: CareerMap, query: RouteQuery, graph: MoveGraph | nx.DiGraph | None = None
) -> RouteCount:
    """How many routes satisfy the query besides the best, up to ``COUNT_LIMIT``.

    Pass the graph ``find_routes`` used (``build_moves(cmap, query)``) to build it once.
    """
    if graph is None:
        graph = build_moves(cmap, query)
    else:
        graph = MoveGraph.of(graph)
        _check_graph(graph, cmap, query)
    budget = _Budget(COUNT_BUDGET)
    found = 0
    for _ in _depth_first_paths(graph, query, budget):
        found += 1
        if found - 1 > COUNT_LIMIT:  # more others than we count
            return RouteCount(COUNT_LIMIT, complete=False)
    return RouteCount(max(found - 1, 0), complete=not budget.exhausted)


@dataclass
class _Budget:
    """Search steps left; a search that runs out stops and says so through ``exhausted``."""

    left: int
    exhausted: bool = False


def _depth_first_paths(graph: MoveGraph, query: RouteQuery, budget: _Budget) -> Iterator[list[str]]:
    """Every route of the query (simple, via roles in order, within max_steps), in no
    particular order.

    Enters only roles that can still reach the target through the via roles left in the
    moves left; stops when the budget (moves looked at) runs out.
    """
    source, target, via = query.source, query.target, query.via
    if source not in graph or target not in graph:
        return
    needed = _hops_needed(graph, query)
    if source not in needed[0]:
        return
    last = len(via)
    stage_of = {role: i for i, role in enumerate(via)}
    max_steps = query.max_steps if query.max_steps is not None else len(graph)
    path, on_path, stages = [source], {source}, [0]
    stack = [iter(graph.succ[source])]
    while stack:
        succ = next(stack[-1], None)
        if succ is None:
            stack.pop()
            stages.pop()
            on_path.discard(path.pop())
            continue
        budget.left -= 1
        if budget.left < 0:
            budget.exhausted = True
            return
        if succ in on_path:
            continue
        stage = stages[-1]
        index = stage_of.get(succ)
        if index is not None:
            if index != stage:
                continue
            stage += 1
        steps_left = max_steps - len(path)  # after this move
        if needed[stage].get(succ, steps_left + 1) > steps_left:
            continue
        if succ == target:
            if stage == last:
                yield [*path, succ]
            continue
        path.append(succ)
        on_path.add(succ)
        stages.append(stage)
        stack.append(iter(graph.succ[succ]))


# -- single-source searches: reach and the best routes from a role ---------------------------


@dataclass
class _BestTree:
    """The best routes from one role (``into``: to it) to every role one Dijkstra reached,
    kept as each role's next role towards the root: a chain of 100,000 roles holds 100,000
    pointers here, where its routes as lists would hold five billion role ids."""

    root: str
    into: bool
    parent: dict[str, str]  # role -> the role before it on its best route (into: after it)
    distance: dict[str, int]  # role -> the weight of its best route
    order: dict[str, int]  # role -> its place among equal-weight roles by route role ids

    def path(self, role: str) -> list[str]:
        """The best route's roles, from its start to its end."""
        roles = [role]
        while roles[-1] != self.root:
            roles.append(self.parent[roles[-1]])
        return roles if self.into else roles[::-1]

    def reached(self) -> list[str]:
        """Every role reached but the root, nearest first; equal weights by route role ids."""
        return sorted(self.parent, key=lambda role: (self.distance[role], self.order[role]))


def _lightest_ways(
    adjacency: dict[str, dict[str, dict[str, int]]],
    root: str,
    cutoff: int | None = None,
    stop: str | None = None,
) -> tuple[dict[str, int], dict[str, list[str]]]:
    """Dijkstra from ``root``: each role's weight, nearest first, and every role it is reached
    from at that weight. Roles heavier than ``cutoff`` are left out; the search ends once
    ``stop`` is settled, when every lightest way into it is known (weights are positive)."""
    import heapq
    from itertools import count

    done: dict[str, int] = {}
    best = {root: 0}
    before: dict[str, list[str]] = {root: []}
    tiebreak = count()
    heap = [(0, next(tiebreak), root)]
    while heap:
        weight, _, node = heapq.heappop(heap)
        if node in done:
            continue
        done[node] = weight
        if node == stop:
            break
        for other, data in adjacency[node].items():
            if other in done:
                continue
            total = weight + data[WEIGHT]
            if cutoff is not None and total > cutoff:
                continue
            known = best.get(other)
            if known is None or total < known:
                best[other] = total
                before[other] = [node]
                heapq.heappush(heap, (total, next(tiebreak), other))
            elif total == known:
                before[other].append(node)
    return done, before


def _best_tree(
    graph: MoveGraph,
    role_id: str,
    into: bool = False,
    cutoff: int | None = None,
    stop: str | None = None,
) -> _BestTree:
    """The best route from ``role_id`` to every role it reaches (``into``: to ``role_id``
    from every role reaching it), by one Dijkstra run; with ``stop``, to the roles no
    further than that one (enough for its own best route).

    The weights order routes by rank up to the role ids, and routes of equal weight have as
    many moves (a move is a digit of the weight). Among a role's equal-weight predecessors,
    it keeps the one whose route's role ids come first, so each route is
    ``find_routes(...)[0]``. From the root, routes grow at their end, so that is the
    predecessor of least ``order``: roles ranked a move-count at a time by (their
    predecessor's order, their id), which is the order of their routes' role ids. Into the
    root, routes grow at their start: the predecessor of least id.
    """
    adjacency = graph.pred if into else graph.succ
    distance, preds = _lightest_ways(adjacency, role_id, cutoff, stop)
    moves = {role_id: 0}
    by_moves: list[list[str]] = [[role_id]]
    for role in distance:  # nearest first: predecessors first
        if role != role_id:
            count = moves[role] = moves[preds[role][0]] + 1
            if count == len(by_moves):
                by_moves.append([])
            by_moves[count].append(role)
    parent: dict[str, str] = {}
    order = {role_id: 0}
    for layer in by_moves[1:]:
        for role in layer:
            parent[role] = min(preds[role], key=(lambda p: p) if into else order.__getitem__)
        layer.sort(key=lambda role: (role if into else order[parent[role]], role))
        order.update((role, place) for place, role in enumerate(layer))
    return _BestTree(role_id, into, parent, distance, order)


def best_routes(
    cmap: CareerMap, source: str, targets: Iterable[str] | None = None, by: str = "min"
) -> dict[str, Route]:
    """The best route (``find_routes`` with ``RouteOptions(by=by)``, its first) from
    ``source`` to each of ``targets`` it reaches (default: every role), by one Dijkstra run.

    For tables of many routes, such as the HTML page's: one search per source, not per pair.
    """
    return best_routes_from(cmap, [source], targets, by)[source]


def best_routes_from(
    cmap: CareerMap,
    sources: Sequence[str],
    targets: Iterable[str] | None = None,
    by: str = "min",
) -> dict[str, dict[str, Route]]:
    """``best_routes`` for each of ``sources``, sharing one graph; keyed by source."""
    if by not in RANK_KEYS:
        raise UsageError(f"unknown ranking {by!r}; use one of {', '.join(RANK_KEYS)}")
    for role_id in sources:
        _known(cmap, role_id)
    wanted = None if targets is None else set(targets)
    graph = build_moves(cmap, by=by)
    steps: dict[tuple[str, str], Step] = {}  # one Step per move, shared by the routes

    def step(a: str, b: str) -> Step:
        found = steps.get((a, b))
        if found is None:
            data = graph.succ[a][b]
            found = steps[a, b] = Step(
                data["move"], data["low"], data["high"], *data.get("adjust", ())
            )
        return found

    routes: dict[str, dict[str, Route]] = {}
    for source in sources:
        tree = _best_tree(graph, source)
        routes[source] = {
            role: Route(tuple(step(a, b) for a, b in pairwise(tree.path(role))))
            for role in tree.parent
            if wanted is None or role in wanted
        }
    return routes


@dataclass(frozen=True)
class Reached:
    """A role reachable from (or leading to) the asked role, with its best route."""

    role: str
    route: Route

    def as_dict(self) -> dict[str, Any]:
        """The role and its best route's totals, as one flat, JSON-ready row."""
        return {"role": self.role, **self.route.as_dict()}


class ReachList(list[Reached]):
    """The roles ``reach`` lists, nearest first; ``total`` counts every role that qualifies,
    which may be more than it lists when a ``limit`` was given. ``unknown`` holds the roles
    that may be within the years but are not known to be (``reach``), and ``unknown_total``
    counts them."""

    total: int = 0
    unknown: list[Reached]
    unknown_total: int = 0


def _bounds(by: str, low: float | None, high: float | None) -> tuple[int, int | None]:
    """The least and the most a move can add to a route's measure ``by`` (``min`` or
    ``typical``) as far as the data tells, in quanta (``typical`` doubled, as in
    ``_rank_terms``). Where the measure is known, both are it; else the least is what is
    known below it (years are never negative; a median is never below the minimum) and
    the most is the move's maximum, which neither its best case nor its median can exceed
    ("at most 2"), or None where nothing bounds it (unknown years, or "4+" for typical)."""
    if by == "typical":
        if low is not None and high is not None:
            return _quanta(low + high), _quanta(low + high)
        least = 0 if low is None else 2 * _quanta(low)
        return least, None if high is None else 2 * _quanta(high)
    if low is not None:
        return _quanta(low), _quanta(low)
    return 0, None if high is None else _quanta(high)


def reach(
    cmap: CareerMap,
    role_id: str,
    within: float | None = None,
    by: str = "min",
    into: bool = False,
    limit: int | None = None,
    *,
    tracks: frozenset[str] = frozenset(),
    no_downward: bool = False,
    no_rare: bool = False,
) -> ReachList:
    """Roles reachable from ``role_id`` (or, with ``into``, that reach it) known to be within
    the years, nearest first (the nearest ``limit`` of them, where given); the roles that
    may be within them, but are not known to be, go to ``unknown``.

    A route's measure (best case, ``by="min"``, or median, ``by="typical"``) lies between
    the sums of its moves' least and most (``_bounds``). A role is within ``within`` years
    when some route's most is at most that, and listed with the route of least most, then
    best by rank (``Route.rank``: where every move's measure is known, the route ``path``
    gives). Otherwise it is unknown when some route's least is at most that (without
    ``within``: when no route's most is known), listed with the route of least least, then
    best by rank. Each is one Dijkstra run, on those bounds in quanta.
    ``tracks``, ``no_downward`` and ``no_rare`` shape the graph as they do for ``path``:
    every role but ``role_id`` must be on one of ``tracks``.
    """
    if by not in ("min", "typical"):
        raise UsageError(f"reach ranks by min or typical, not {by!r}")
    _known(cmap, role_id)
    options = RouteOptions(tracks=tuple(tracks), no_downward=no_downward, no_rare=no_rare, by=by)
    query = RouteQuery(role_id, role_id, options)
    graph = build_moves(cmap, query)
    ranking: _Ranking = graph.graph["ranking"]
    adjacency = graph.pred if into else graph.succ
    measured = all(
        _measure(by, *_measured_span(data)) is not None
        for out in adjacency.values()
        for data in out.values()
    )
    if measured:
        # Every move's measure known (the usual map): the rank weights, whose first digits
        # are the measure, order routes as the bounds would, and nothing is unknown.
        known = maybe = _best_tree(graph, role_id, into, _known_within(ranking, by, within))
    else:
        known, maybe = _bound_trees(graph, ranking, role_id, by, into, within)
    order = known.reached()
    found = ReachList(Reached(role, _route(graph, known.path(role))) for role in order[:limit])
    found.total = len(order)
    listed = set(order)
    unknown = [role for role in maybe.reached() if role not in listed]
    found.unknown = [Reached(role, _route(graph, maybe.path(role))) for role in unknown[:limit]]
    found.unknown_total = len(unknown)
    return found


def _measured_span(data: dict[str, Any]) -> Span:
    """The years a move's measure is taken from: its records' median by typical years where
    it has records (``build_moves``), else its stated years."""
    span: Span = data.get("ranked") or (data["low"], data["high"])
    return span


def _known_within(ranking: _Ranking, by: str, within: float | None) -> int | None:
    """The heaviest rank weight of a route whose measure is at most ``within``, on a graph
    where every move's measure is known (the first digit, unknown measures, is then 0)."""
    if within is None:
        return None
    quanta = _quanta(within) * (2 if by == "typical" else 1)
    return int((quanta + 1) * ranking.base ** (ranking.DIGITS - 2) - 1)


def _bound_trees(
    graph: MoveGraph, ranking: _Ranking, role_id: str, by: str, into: bool, within: float | None
) -> tuple[_BestTree, _BestTree]:
    """The best routes by the most and by the least their measure can be (``_bounds``), each
    up to ``within``: one Dijkstra run each. A weight is a route's bound, then its rank
    weight (less than ``shift`` on a simple route), as the digits of one integer: among
    routes of one bound, the best by rank, so a route whose years are all known is the one
    ``path`` gives."""
    shift = ranking.base**ranking.DIGITS
    most: Adjacency = {role: {} for role in graph.succ}
    least: Adjacency = {role: {} for role in graph.succ}
    for role, out in (graph.pred if into else graph.succ).items():
        for other, data in out.items():
            low, high = _bounds(by, *_measured_span(data))
            least[role][other] = {WEIGHT: low * shift + data[WEIGHT]}
            if high is not None:
                most[role][other] = {WEIGHT: high * shift + data[WEIGHT]}
    heaviest = None
    if within is not None:
        heaviest = (_quanta(within) * (2 if by == "typical" else 1) + 1) * shift - 1
    # Each search stops at the limit: nothing beyond it is listed.
    known = _best_tree(MoveGraph(most, most, {}), role_id, into, heaviest)
    maybe = _best_tree(MoveGraph(least, least, {}), role_id, into, heaviest)
    return known, maybe
