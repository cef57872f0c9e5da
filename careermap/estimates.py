"""How long a route probably takes: percentiles of a sum of uniformly distributed move durations.

The model: each move's duration is uniform on its [min, max] and moves are independent. The
total's median is exact (a sum of symmetric distributions is symmetric about the sum of the
midpoints); P10 and P90 come from a deterministic numerical convolution on a fine grid: exact
for a single move, and otherwise off by far less than a hundredth of the range. No random
sampling, so the same data always prints the same figures.

A route of more than ``CONVOLVED_MOVES`` moves has its widest moves convolved so, and the
rest, each narrower than every one of those, taken together as a normal distribution of
their exact mean and variance. The error that adds is of the order of the rest's largest
share of the total variance (under 1/17): a few thousandths of a standard deviation. The
grid alone, which spans the whole range, would lose the total's shape on a long route (off
by 0.4 standard deviations at 300 moves), and its work would grow with the route's length.
"""

from __future__ import annotations

import bisect
import math
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import accumulate, pairwise

GRID_CELLS = 2048  # at most; routes of more than CELL_BUDGET / GRID_CELLS moves get fewer
CONVOLVED_MOVES = 16  # the widest moves convolved; any others join as one normal
REACH = 8  # deviations of that normal beyond which a cell counts whole or not at all
MIN_CELLS = 512
CELL_BUDGET = 16384
NEGLIGIBLE_YEARS = 1e-10


@dataclass(frozen=True)
class Estimate:
    """A total's range and the 10th, 50th and 90th percentiles under the model above."""

    min_years: float
    max_years: float
    p10_years: float
    p50_years: float
    p90_years: float
    people: int = 0  # from recorded evidence: the fewest people a recorded move's figures are from
    recorded: int = 0  # how many of the moves have figures from records (see chance.py)


def estimate(ranges: Sequence[tuple[float, float]]) -> Estimate:
    """The estimate for the sum of independent durations, each uniform on its (min, max)."""
    low = sum(a for a, _ in ranges)
    high = sum(b for _, b in ranges)
    # Narrower than a millisecond: a constant, whatever grid would otherwise underflow.
    widths = [b - a for a, b in ranges if b - a > NEGLIGIBLE_YEARS]
    median = sum((a + b) / 2 for a, b in ranges)
    if not widths:
        return Estimate(low, high, low, median, high)
    if len(widths) == 1:  # one uniform: its quantiles are linear (every step of a route)
        return Estimate(low, high, low + 0.1 * widths[0], median, low + 0.9 * widths[0])
    p10, p90 = (low + q for q in _quantiles_of_uniform_sum(widths, (0.1, 0.9)))
    # Keep the guaranteed order even where grid rounding would blur it.
    p10 = min(max(p10, low), median)
    p90 = max(min(p90, high), median)
    return Estimate(low, high, p10, median, p90)


def _quantiles_of_uniform_sum(
    widths: Sequence[float], probabilities: Sequence[float]
) -> list[float]:
    """Quantiles of ``sum(U(0, w) for w in widths)``, with the CDF kept on a grid.

    Between grid edges the CDF is linear (mass spread evenly within each cell). Adding a
    uniform of width w turns F into ``F'(x) = (I(x) - I(x - w)) / w`` where I integrates F, and
    I is exact for a piecewise-linear F, so each convolution costs O(cells), in list
    comprehensions, and little accuracy.
    """
    widths = sorted(widths, reverse=True)  # the widest is placed exactly, the rest convolved
    # A move far narrower than a grid cell only shifts the total by its mean; convolving it
    # would divide a cancelled difference by its width.
    floor = sum(widths) / GRID_CELLS / 100
    shift = sum(w for w in widths if w < floor) / 2
    widths = [w for w in widths if w >= floor]
    rest = widths[CONVOLVED_MOVES:]  # the narrowest moves of a very long route (module doc)
    widths = widths[:CONVOLVED_MOVES]
    # Each added move smooths the total, so longer routes keep their accuracy on fewer cells.
    cells = max(MIN_CELLS, min(GRID_CELLS, CELL_BUDGET // len(widths)))
    total = sum(widths)
    step = total / cells
    edges = [k * step for k in range(cells + 1)]
    cdf = [min(x / widths[0], 1.0) for x in edges]
    for width in widths[1:]:
        # integral[k] = the integral of F from 0 to edge k (trapezoids are exact here).
        integral = [0.0, *accumulate(step * (a + b) / 2 for a, b in pairwise(cdf))]
        # I(edge k - width): edge k - width lies in cell j = k - m - 1, a distance t into it.
        shift_cells = width / step
        m = int(shift_cells)
        t = (1 - (shift_cells - m)) * step
        curve = t * t / (2 * step)
        behind = [0.0] * (m + 1) + [
            integral[j] + t * cdf[j] + curve * (cdf[j + 1] - cdf[j]) for j in range(cells - m)
        ]
        cdf = [min(max((i - b) / width, 0.0), 1.0) for i, b in zip(integral, behind, strict=True)]
    if rest:
        mean = sum(rest) / 2
        deviation = math.sqrt(sum(w * w for w in rest) / 12)
        return [shift + mean + _invert_with_normal(cdf, edges, deviation, p) for p in probabilities]
    return [shift + _invert(cdf, edges, p) for p in probabilities]


def _invert_with_normal(
    cdf: list[float], edges: list[float], deviation: float, probability: float
) -> float:
    """The x where the grid's distribution plus a normal N(0, deviation²) reaches
    ``probability``: each cell's mass spread as that normal about the cell's middle, and x
    found by bisection (the grid's own CDF where the normal is too narrow to matter).

    A cell further than ``REACH`` deviations from x counts whole or not at all (an error
    below 1e-15), so each step sums only the cells near x."""
    step = edges[1] - edges[0]
    spread = deviation * math.sqrt(2)
    if spread <= step / 100:
        return _invert(cdf, edges, probability)
    masses = [b - a for a, b in pairwise(cdf)]
    middles = [(x + y) / 2 for x, y in pairwise(edges)]
    before = [0.0, *accumulate(masses)]  # mass of the cells before each
    reach = REACH * deviation

    def below(x: float) -> float:
        first = bisect.bisect_left(middles, x - reach)
        last = bisect.bisect_right(middles, x + reach)
        near = sum(
            masses[k] * (1 + math.erf((x - middles[k]) / spread)) / 2 for k in range(first, last)
        )
        return before[first] + near

    # The normal moves the grid's own quantile by less than REACH deviations.
    guess = _invert(cdf, edges, probability)
    lo, hi = guess - reach, guess + reach
    while hi - lo > step * 1e-6:  # far finer than the grid's own accuracy
        mid = (lo + hi) / 2
        if below(mid) < probability:
            lo = mid
        else:
            hi = mid
    return (lo + hi) / 2


def _invert(cdf: list[float], edges: list[float], probability: float) -> float:
    """The x where the piecewise-linear CDF reaches ``probability``."""
    lo, hi = 0, len(cdf) - 1
    while hi - lo > 1:
        mid = (lo + hi) // 2
        if cdf[mid] < probability:
            lo = mid
        else:
            hi = mid
    below, above = cdf[lo], cdf[hi]
    if above <= below:
        return edges[hi]
    return edges[lo] + (probability - below) / (above - below) * (edges[hi] - edges[lo])
