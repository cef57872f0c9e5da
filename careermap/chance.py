"""Figures from a ladder's recorded evidence: route durations and the chance of reaching a role.

Pure Python, from the written ladder alone (no records, no lifelines, no numpy). A move's
evidence holds the cumulative share of the people in its first role who have made it after
0.5, 1, 1.5, ... years; between those points the share grows linearly.

**Route durations.** A recorded move's years are its curve normalised by its share (the years
of those who make it); a move with only stated years is uniform on them. The moves are
independent, and the total is their convolution on a grid of ``ROUTE_STEP`` years: no
sampling, so the same ladder always prints the same figures.

**Chance** (``careermap chance``). A semi-Markov model: from each role, the next role and the
years before it follow the recorded curves of the moves out of it (each a sub-distribution:
what they leave is leaving, staying, or a move the ladder does not list, and each of those
ends the walk); what happens in a role does not depend on the roles before it. The chance of
reaching a role within some years is worked out on a time grid of at most ``CHANCE_CELLS``
cells (a move counts as made at the end of the cell it falls in), over every route, cycles
included.
"""

from __future__ import annotations

import bisect
import heapq
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from itertools import accumulate, pairwise
from typing import TYPE_CHECKING

from careermap.errors import IncompleteDataError, TooLargeError

if TYPE_CHECKING:
    from careermap.estimates import Estimate
    from careermap.models import CareerMap, Evidence, Move

ROUTE_STEP = 0.1  # years a cell of a route's duration grid spans
MAX_ROUTE_CELLS = 2000  # a route's total is kept up to 200 years
CHANCE_CELLS = 200  # cells of the chance's time grid
CHANCE_MOVES = 500  # recorded moves the chance may involve
ROUTES_SHOWN = 5  # the routes that contribute most
ROUTE_EXPANSIONS = 400  # partial routes followed to find them
NEGLIGIBLE = 1e-4  # a partial route less likely than this is not followed
MODEL = (
    "semi-Markov: from each role, the next role and the years before it follow the recorded "
    "cumulative incidence of each move out of it (leaving, staying and moves the ladder does "
    "not list end the walk); what happens in a role does not depend on the roles before it"
)


def recorded(move: Move) -> bool:
    """Whether the move's evidence gives its years (its curve, share and quantiles)."""
    return move.evidence is not None and move.evidence.figures


def curved(move: Move) -> bool:
    """Whether the move's evidence gives its curve and share (what chance needs)."""
    return move.evidence is not None and move.evidence.chances


def cumulative(evidence: Evidence, years: float, scale: float = 1.0) -> float:
    """The share of people who have made the move after ``years`` (times ``scale``)."""
    from careermap.models import CURVE_STEP

    curve = evidence.curve
    position = years / scale / CURVE_STEP
    if position <= 0:
        return 0.0
    index = int(position)
    if index >= len(curve):
        return evidence.share or curve[-1]
    low = curve[index - 1] if index else 0.0
    return low + (curve[index] - low) * (position - index)


def _masses(evidence: Evidence, step: float, cells: int, scale: float = 1.0) -> list[float]:
    """The share of people making the move in each cell of ``step`` years (the last cell
    takes what the curve leaves beyond the grid)."""
    points = [cumulative(evidence, k * step, scale) for k in range(cells + 1)]
    masses = [b - a for a, b in pairwise(points)]
    masses[-1] += max((evidence.share or 0.0) - points[-1], 0.0)
    return masses


def _uniform(low: float, high: float, step: float) -> list[float]:
    """Uniform years on [low, high] as masses per cell."""
    cells = min(int(high / step) + 1, MAX_ROUTE_CELLS)
    if high - low <= 1e-12:
        out = [0.0] * cells
        out[min(int(low / step), cells - 1)] = 1.0
        return out
    return [
        max(0.0, min(high, (k + 1) * step) - max(low, k * step)) / (high - low)
        for k in range(cells)
    ]


def _convolve(a: Sequence[float], b: Sequence[float], cells: int) -> list[float]:
    """The distribution of a sum, cell ``i`` + cell ``j`` landing in cell ``i + j`` (each
    cell's mass taken at its start), kept to ``cells`` cells (the rest in the last)."""
    out = [0.0] * min(len(a) + len(b) - 1, cells)
    last = len(out) - 1
    for i, x in enumerate(a):
        if x:
            for j, y in enumerate(b):
                if y:
                    out[min(i + j, last)] += x * y
    return out


@dataclass(frozen=True)
class Leg:
    """One move of a route as its duration model sees it."""

    move: Move
    low: float | None  # stated years after adjustments
    high: float | None
    scale: float = 1.0
    spent: float = 0.0  # years already spent in its first role


def route_estimate(legs: Sequence[Leg]) -> Estimate | None:
    """P10, P50 and P90 of a route's years with its recorded moves' distributions; None if a
    move has neither a record nor stated years. The range is the stated one's."""
    from careermap.estimates import Estimate

    people = [leg.move.evidence.people for leg in legs if recorded(leg.move) and leg.move.evidence]
    if any(not recorded(leg.move) and (leg.low is None or leg.high is None) for leg in legs):
        return None
    lone = legs[0] if len(legs) == 1 else None
    if lone is not None and lone.scale == 1.0 and not lone.spent and lone.move.evidence:
        evidence = lone.move.evidence  # the recorded quantiles themselves
        p10, p50, p90 = evidence.p10, evidence.median, evidence.p90
        if p10 is not None and p50 is not None and p90 is not None:
            return Estimate(p10, p90, p10, p50, p90, min(people), 1)
    total = [1.0]
    for leg in legs:
        total = _convolve(total, _leg_masses(leg), MAX_ROUTE_CELLS)
    # Each cell's mass spread evenly over it: the total's quantiles by linear interpolation.
    edges = [0.0, *accumulate(total)]
    mass = edges[-1]

    def quantile(q: float) -> float:
        k = max(bisect.bisect_left(edges, q * mass) - 1, 0)
        inside = edges[k + 1] - edges[k]
        within = (q * mass - edges[k]) / inside if inside > 0 else 0.0
        return (k + min(max(within, 0.0), 1.0)) * ROUTE_STEP

    p10, p50, p90 = quantile(0.1), quantile(0.5), quantile(0.9)
    return Estimate(p10, p90, p10, p50, p90, min(people, default=0), len(people))


def _leg_masses(leg: Leg) -> list[float]:
    """The leg's years as masses per cell of ROUTE_STEP, summing to 1."""
    evidence = leg.move.evidence
    if evidence is not None and recorded(leg.move):
        cells = min(MAX_ROUTE_CELLS, int(len(evidence.curve) * 5 * leg.scale) + 2)
        masses = _masses(evidence, ROUTE_STEP, cells, leg.scale)
        if leg.spent:  # those still in the role after the years spent, from then on
            skip = min(int(leg.spent / ROUTE_STEP), len(masses) - 1)
            masses = masses[skip:]
        total = sum(masses)
        if total > 0:
            return [m / total for m in masses]
    low, high = leg.low or 0.0, leg.high if leg.high is not None else leg.low or 0.0
    return _uniform(low, high, ROUTE_STEP)


# -- the chance of reaching a role ------------------------------------------------------------


@dataclass(frozen=True)
class ChanceRoute:
    roles: list[str]
    probability: float


@dataclass(frozen=True)
class ChanceResult:
    """``chance``: the probability of reaching ``target`` from ``source`` within ``within``
    years under MODEL, and the routes that contribute most."""

    cmap: CareerMap
    source: str
    target: str
    within: float
    probability: float
    routes: list[ChanceRoute]
    people: int  # the fewest people a move's figures involved come from
    model: str = MODEL


def chance(cmap: CareerMap, source: str, target: str, within: float) -> ChanceResult:
    """The chance (module doc); raises IncompleteDataError naming the moves that lack
    evidence where they could lead to ``target``."""
    moves = _relevant(cmap, source, target)
    lacking = [m for m in moves if not curved(m)]
    if lacking:
        names = ", ".join(f"{m.from_} -> {m.to}" for m in lacking[:10])
        more = f" and {len(lacking) - 10} more" if len(lacking) > 10 else ""
        raise IncompleteDataError(
            f"the chance of reaching {target} from {source} is not estimable: these moves "
            f"have no figures from records (careermap calibrate): {names}{more}"
        )
    if len(moves) > CHANCE_MOVES:
        raise TooLargeError(
            f"the chance involves {len(moves):,} moves and careermap works it out for at most "
            f"{CHANCE_MOVES}; ask about nearer roles"
        )
    step = within / CHANCE_CELLS if within > 0 else 1.0
    cells = CHANCE_CELLS if within > 0 else 0
    density = {(m.from_, m.to): _arrivals(m, step, cells) for m in moves}
    out: dict[str, list[tuple[str, list[float]]]] = {}
    for (a, b), masses in density.items():
        out.setdefault(a, []).append((b, masses))
    # reach[x][k]: the chance of reaching the target within k cells, starting afresh in x.
    reach = {role: [0.0] * (cells + 1) for role in {source, *out, *(b for b, _ in density)}}
    reach[target] = [1.0] * (cells + 1)
    for k in range(1, cells + 1):
        for role, ways in out.items():
            if role == target:
                continue
            reach[role][k] = sum(
                f[j] * reach[b][k - 1 - j] for b, f in ways for j in range(k) if f[j]
            )
    probability = 1.0 if source == target else reach[source][cells]
    people = min((m.evidence.people for m in moves if m.evidence), default=0)
    return ChanceResult(
        cmap,
        source,
        target,
        within,
        min(max(probability, 0.0), 1.0),
        _top_routes(out, source, target, cells),
        people,
    )


def _arrivals(move: Move, step: float, cells: int) -> list[float]:
    """The share making the move in each cell, counted at the cell's end: index j is made
    within j + 1 cells."""
    if not cells or move.evidence is None:
        return []
    return _masses(move.evidence, step, cells)


def _relevant(cmap: CareerMap, source: str, target: str) -> list[Move]:
    """The moves a walk from ``source`` may take on its way to ``target``: out of a role
    reachable from source without passing target, into a role that leads to target."""
    ahead: set[str] = {source}
    queue = [source]
    while queue:
        role = queue.pop()
        if role == target:
            continue
        for move in cmap.moves_from(role):
            if move.to not in ahead:
                ahead.add(move.to)
                queue.append(move.to)
    behind: set[str] = {target}
    queue = [target]
    while queue:
        role = queue.pop()
        for move in cmap.moves_into(role):
            if move.from_ not in behind:
                behind.add(move.from_)
                queue.append(move.from_)
    return [
        move
        for role in sorted(ahead - {target})
        for move in cmap.moves_from(role)
        if move.to in behind
    ]


def _top_routes(
    out: dict[str, list[tuple[str, list[float]]]], source: str, target: str, cells: int
) -> list[ChanceRoute]:
    """The likeliest routes to the target within the grid, following the likeliest partial
    routes first (at most ROUTE_EXPANSIONS of them, none under NEGLIGIBLE)."""
    if source == target or not cells:
        return []
    found: list[ChanceRoute] = []
    start = [1.0] + [0.0] * cells  # arrival-time masses: cell k = arrived after k cells
    frontier: list[tuple[float, int, list[str], list[float]]] = [(-1.0, 0, [source], start)]
    tie = 0
    for _ in range(ROUTE_EXPANSIONS):
        if not frontier:
            break
        _, _, roles, arrived = heapq.heappop(frontier)
        for b, f in out.get(roles[-1], ()):
            shifted = [0.0] * (cells + 1)
            for i, x in enumerate(arrived):
                if x:
                    for j in range(cells - i):
                        if f[j]:
                            shifted[i + j + 1] += x * f[j]
            mass = sum(shifted)
            if mass < NEGLIGIBLE:
                continue
            if b == target:
                found.append(ChanceRoute([*roles, b], mass))
            else:
                tie += 1
                heapq.heappush(frontier, (-mass, tie, [*roles, b], shifted))
    found.sort(key=lambda r: (-r.probability, r.roles))
    return found[:ROUTES_SHOWN]


def legs_of(steps: Iterable[object]) -> list[Leg]:
    """The legs of a route's steps (``graph.Step``)."""
    return [
        Leg(s.move, s.min_years, s.max_years, s.scale, s.spent)  # type: ignore[attr-defined]
        for s in steps
    ]
