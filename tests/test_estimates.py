"""Percentiles of a route's total years: each move uniform on its range, moves independent.

The expected figures come from closed forms (a single uniform, two uniforms) or from the exact
CDF of a sum of uniforms written out below, never from careermap's own convolution.
"""

from __future__ import annotations

import math
import random
from collections.abc import Sequence
from itertools import combinations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from careermap.estimates import Estimate, estimate

# -- an independent reference ------------------------------------------------------------------


def exact_cdf(x: float, widths: Sequence[float]) -> float:
    """P(U(0, w1) + ... + U(0, wn) <= x), by inclusion-exclusion over the widths:

    F(x) = sum over subsets S of (-1)^|S| (x - sum(S))_+^n / (n! * prod(w)).
    """
    n = len(widths)
    total = 0.0
    for size in range(n + 1):
        for subset in combinations(widths, size):
            shifted = x - sum(subset)
            if shifted > 0:
                total += (-1) ** size * shifted**n
    return total / (math.factorial(n) * math.prod(widths))


def exact_quantile(probability: float, ranges: Sequence[tuple[float, float]]) -> float:
    """The total's quantile by bisection on the exact CDF (all widths positive)."""
    low = sum(a for a, _ in ranges)
    widths = [b - a for a, b in ranges]
    lo, hi = 0.0, sum(widths)
    for _ in range(200):
        mid = (lo + hi) / 2
        if exact_cdf(mid, widths) < probability:
            lo = mid
        else:
            hi = mid
    return low + (lo + hi) / 2


def percentiles(result: Estimate) -> tuple[float, float, float]:
    return result.p10_years, result.p50_years, result.p90_years


# -- one move -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("low", "high"),
    [
        pytest.param(0.5, 2.0, id="lateral-0.5-2"),
        pytest.param(3.0, 8.0, id="upward-3-8"),
        pytest.param(0.0, 1.0, id="unit"),
        pytest.param(0.0, 10.0, id="from-zero"),
        pytest.param(7.25, 9.5, id="quarter-years"),
        pytest.param(0.375, 1.5, id="scaled-lateral"),
    ],
)
def test_one_move_has_linear_percentiles(low: float, high: float) -> None:
    result = estimate([(low, high)])
    width = high - low
    assert (result.min_years, result.max_years) == (low, high)
    assert result.p50_years == (low + high) / 2  # exactly the midpoint
    assert result.p10_years == pytest.approx(low + 0.1 * width, abs=1e-9)
    assert result.p90_years == pytest.approx(low + 0.9 * width, abs=1e-9)


def test_one_zero_width_move_is_a_constant() -> None:
    assert estimate([(2.5, 2.5)]) == Estimate(2.5, 2.5, 2.5, 2.5, 2.5)


@pytest.mark.parametrize(
    "constants",
    [
        pytest.param([(1.0, 1.0)], id="one-constant"),
        pytest.param([(1.0, 1.0), (2.5, 2.5)], id="two-constants"),
        pytest.param([(0.0, 0.0)], id="zero-years"),
    ],
)
def test_zero_width_moves_shift_every_percentile(constants: list[tuple[float, float]]) -> None:
    base_ranges = [(0.5, 2.0), (3.0, 8.0)]
    shift = sum(a for a, _ in constants)
    base = estimate(base_ranges)
    shifted = estimate([constants[0], *base_ranges, *constants[1:]])
    assert shifted.min_years == pytest.approx(base.min_years + shift, abs=1e-9)
    assert shifted.max_years == pytest.approx(base.max_years + shift, abs=1e-9)
    for got, want in zip(percentiles(shifted), percentiles(base), strict=True):
        assert got == pytest.approx(want + shift, abs=1e-9)


def test_only_zero_width_moves_give_their_sum() -> None:
    assert estimate([(1.0, 1.0), (2.0, 2.0)]) == Estimate(3.0, 3.0, 3.0, 3.0, 3.0)


# -- sums with closed forms ----------------------------------------------------------------------


def test_two_equal_uniforms_follow_the_triangle_distribution() -> None:
    # U(0,1) + U(0,1): F(x) = x^2 / 2 below 1, so P10 = sqrt(0.2) and P90 = 2 - sqrt(0.2).
    result = estimate([(0.0, 1.0), (0.0, 1.0)])
    assert (result.min_years, result.max_years) == (0.0, 2.0)
    assert result.p10_years == pytest.approx(math.sqrt(0.2), abs=1e-6)
    assert result.p50_years == 1.0
    assert result.p90_years == pytest.approx(2 - math.sqrt(0.2), abs=1e-6)


def test_unequal_uniforms_follow_the_trapezoid_distribution() -> None:
    # U(0,1) + U(0,3): F(x) = x^2 / 6 below 1, so P10 = sqrt(0.6); P90 by symmetry.
    result = estimate([(0.0, 1.0), (0.0, 3.0)])
    assert result.p10_years == pytest.approx(math.sqrt(0.6), abs=1e-6)
    assert result.p50_years == 2.0
    assert result.p90_years == pytest.approx(4 - math.sqrt(0.6), abs=1e-6)


def test_the_shipped_worked_example() -> None:
    # senior-engineer -> engineering-manager -> senior-engineering-manager -> director-of-tech
    ranges = [(0.5, 2.0), (3.0, 8.0), (3.0, 8.0)]
    result = estimate(ranges)
    assert (result.min_years, result.max_years) == (6.5, 18.0)
    assert result.p50_years == 12.25
    assert result.p10_years == pytest.approx(exact_quantile(0.1, ranges), abs=1e-3)
    assert result.p90_years == pytest.approx(exact_quantile(0.9, ranges), abs=1e-3)
    # What the CLI prints, to one decimal: "P10-P90: 9.4-15.1".
    assert (round(result.p10_years, 1), round(result.p90_years, 1)) == (9.4, 15.1)


def test_the_reference_cdf_is_right_where_it_is_known() -> None:
    """The test's own reference agrees with the closed forms used above."""
    assert exact_cdf(0.5, [1.0, 1.0]) == pytest.approx(0.125)
    assert exact_cdf(1.5, [1.0, 1.0]) == pytest.approx(1 - 0.125)
    assert exact_quantile(0.1, [(0.0, 1.0), (0.0, 3.0)]) == pytest.approx(math.sqrt(0.6))


@pytest.mark.parametrize(
    "ranges",
    [
        pytest.param([(0.5, 2.0), (3.0, 8.0)], id="lateral-then-upward"),
        pytest.param([(0.0, 1.0), (0.0, 1.0), (0.0, 1.0)], id="irwin-hall-3"),
        pytest.param([(0.5, 2.0), *[(3.0, 8.0)] * 4], id="to-the-top"),
        pytest.param([(0.0, 0.25), (1.0, 9.0), (2.0, 2.5), (0.0, 4.0)], id="mixed-widths"),
        pytest.param([(0.375, 1.5), (2.25, 6.0), (2.25, 6.0)], id="scaled-up-example"),
    ],
)
def test_percentiles_match_the_exact_distribution(ranges: list[tuple[float, float]]) -> None:
    result = estimate(ranges)
    assert result.p50_years == sum((a + b) / 2 for a, b in ranges)
    assert result.p10_years == pytest.approx(exact_quantile(0.1, ranges), abs=1e-3)
    assert result.p90_years == pytest.approx(exact_quantile(0.9, ranges), abs=1e-3)


# -- properties ---------------------------------------------------------------------------------


def ranges_from(widths: st.SearchStrategy[float]) -> st.SearchStrategy[list[tuple[float, float]]]:
    """1-8 moves, each from a minimum in [0, 10] over a width drawn from ``widths``."""
    move = st.tuples(st.floats(0, 10), widths).map(lambda pair: (pair[0], pair[0] + pair[1]))
    return st.lists(move, min_size=1, max_size=8)


ANY_RANGES = ranges_from(st.floats(0, 10))


@settings(max_examples=60, deadline=None)
@given(ranges=ANY_RANGES, seed=st.integers(0, 2**32 - 1))
def test_estimate_properties(ranges: list[tuple[float, float]], seed: int) -> None:
    result = estimate(ranges)
    low, high = sum(a for a, _ in ranges), sum(b for _, b in ranges)
    assert result.min_years == low
    assert result.max_years == high
    assert low <= result.p10_years <= result.p50_years <= result.p90_years <= high
    assert result.p50_years == sum((a + b) / 2 for a, b in ranges)

    assert estimate(list(ranges)) == result  # deterministic: no random sampling

    shuffled = list(ranges)
    random.Random(seed).shuffle(shuffled)
    again = estimate(shuffled)
    for got, want in zip(percentiles(again), percentiles(result), strict=True):
        assert got == pytest.approx(want, abs=1e-6)


@settings(max_examples=60, deadline=None)
@given(ranges=ANY_RANGES)
def test_percentiles_are_symmetric_about_the_median(ranges: list[tuple[float, float]]) -> None:
    result = estimate(ranges)
    spread = result.max_years - result.min_years
    below = result.p10_years - result.min_years
    above = result.max_years - result.p90_years
    assert abs(below - above) <= 1e-6 * spread + 1e-9


@pytest.mark.parametrize(
    "tiny",
    [
        pytest.param(5e-324, id="width-5e-324"),
        pytest.param(1e-12, id="width-1e-12"),
        pytest.param(1e-9, id="width-1e-9"),
    ],
)
def test_a_negligible_move_leaves_the_percentiles_alone(tiny: float) -> None:
    # U(0, 1) plus a move of (almost) no width is, to within `tiny`, just U(0, 1).
    result = estimate([(0.0, 1.0), (0.0, tiny)])
    assert result.p10_years == pytest.approx(0.1, abs=1e-6)
    assert result.p50_years == 0.5 + tiny / 2
    assert result.p90_years == pytest.approx(0.9, abs=1e-6)


@pytest.mark.parametrize(
    "ranges",
    [
        pytest.param([(0.0, 1e-309), (0.0, 1e-309)], id="two-1e-309"),
        pytest.param([(0.0, 2e-320), (0.0, 2e-320)], id="two-2e-320"),
        pytest.param([(0.0, 5e-324), (0.0, 1.0)], id="beside-a-real-move"),
        pytest.param([(0.0, 5e-324), (0.0, 5e-324)], id="two-5e-324"),
        pytest.param([(0.0, 1e-322), (0.0, 1e-322)], id="two-1e-322"),
        pytest.param([(0.0, 5e-324), (1.0, 1.0), (0.0, 1e-323)], id="with-a-constant"),
    ],
)
def test_vanishing_widths_give_ordered_finite_percentiles(
    ranges: list[tuple[float, float]],
) -> None:
    """Subnormal widths once gave NaN or ZeroDivisionError from an underflowed grid step."""
    result = estimate(ranges)
    assert all(math.isfinite(value) for value in percentiles(result))
    assert result.min_years <= result.p10_years <= result.p50_years
    assert result.p50_years <= result.p90_years <= result.max_years


# -- very long routes ---------------------------------------------------------------------------


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(ranges=st.lists(st.tuples(st.floats(0, 5), st.floats(0.5, 4)), min_size=3, max_size=8))
def test_the_narrowest_moves_as_one_normal_stay_close(
    ranges: list[tuple[float, float]], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Past CONVOLVED_MOVES, the narrowest moves join as a normal: shown here with only the
    widest two convolved, against the exact distribution (a far harsher test than a long
    route, where the normal part is a sum of hundreds of moves)."""
    from careermap import estimates

    ranges = [(low, low + width) for low, width in ranges]
    deviation = math.sqrt(sum((b - a) ** 2 for a, b in ranges) / 12)
    monkeypatch.setattr(estimates, "CONVOLVED_MOVES", 2)
    result = estimate(ranges)
    assert result.p10_years == pytest.approx(exact_quantile(0.1, ranges), abs=0.03 * deviation)
    assert result.p90_years == pytest.approx(exact_quantile(0.9, ranges), abs=0.03 * deviation)


@pytest.mark.parametrize("moves", [17, 40, 300, 5000])
def test_long_routes_follow_the_normal_limit(moves: int) -> None:
    """Many moves of 3-8 years: the total is normal to within a thousandth of a standard
    deviation (excess kurtosis -1.2/n), so the estimate must be within a hundredth. (A grid
    over the whole range was 0.39 standard deviations off at 300 moves, 2.4 at 1,000.)"""
    from statistics import NormalDist

    result = estimate([(3.0, 8.0)] * moves)
    limit = NormalDist(moves * 5.5, 5 * math.sqrt(moves / 12))
    assert result.p50_years == pytest.approx(moves * 5.5)
    assert result.p10_years == pytest.approx(limit.inv_cdf(0.1), abs=0.01 * limit.stdev)
    assert result.p90_years == pytest.approx(limit.inv_cdf(0.9), abs=0.01 * limit.stdev)
