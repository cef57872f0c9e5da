"""Career records from a known process, for ``calibrate``'s tests and the shipped example.

The process, on data/examples/ladder.toml: people are hired uniformly over an observation
window into one of three roles; in each role, every way out (a move, listed or not) has a
latent time drawn from its own gamma distribution and leaving one from an exponential; the
earliest decides what happens, and the walk goes on from the new role until the person leaves
or the window ends (then the last spell has no end: still in the role). The truths the
estimates must recover (the share who ever make a move, the quantiles of the years before
it, the chance of reaching a role within some years, a route's typical years) follow from
the same distributions: by numerical integration or by simulating far more people.

    python -m tests.evidence_records --write   # data/examples/history.csv (4,000 people)
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import io
from dataclasses import dataclass
from pathlib import Path

import numpy as np

LADDER = Path(__file__).resolve().parent.parent / "data" / "examples" / "ladder.toml"
HISTORY = LADDER.with_name("history.csv")
WINDOW = (dt.date(2012, 1, 1), dt.date(2025, 1, 1))  # hires from, records until
DAYS_A_YEAR = 365.25


@dataclass(frozen=True)
class Process:
    """Per role: the leaving rate (a year) and each way out's gamma (shape, scale in years)."""

    leave: dict[str, float]
    exits: dict[str, dict[str, tuple[float, float]]]
    hires: dict[str, float]  # role -> share of hires


# Chosen once, before any estimate was seen, and not tuned since. engineer -> engineering-
# manager is not on the ladder: calibrate must report it as unlisted.
PROCESS = Process(
    leave={
        "engineer": 0.12,
        "senior-engineer": 0.10,
        "staff-engineer": 0.08,
        "principal-engineer": 0.10,
        "engineering-manager": 0.10,
        "senior-manager": 0.08,
        "director": 0.10,
    },
    exits={
        "engineer": {"senior-engineer": (3.0, 0.9), "engineering-manager": (6.0, 1.5)},
        "senior-engineer": {"staff-engineer": (4.0, 1.1), "engineering-manager": (3.0, 1.3)},
        "staff-engineer": {"principal-engineer": (5.0, 1.2)},
        "principal-engineer": {},
        "engineering-manager": {"senior-manager": (4.0, 1.0), "senior-engineer": (2.0, 2.5)},
        "senior-manager": {"director": (5.0, 1.1)},
        "director": {},
    },
    hires={"engineer": 0.6, "senior-engineer": 0.25, "engineering-manager": 0.15},
)


def _next(rng: np.random.Generator, process: Process, role: str) -> tuple[float, str | None]:
    """Years in ``role`` and what follows (a role, or None: leaving)."""
    years, to = rng.exponential(1 / process.leave[role]), None
    for target, (shape, scale) in process.exits[role].items():
        latent = rng.gamma(shape, scale)
        if latent < years:
            years, to = latent, target
    return years, to


def records(
    people: int, seed: int, process: Process = PROCESS, window: tuple[dt.date, dt.date] = WINDOW
) -> str:
    """The CSV of ``people`` people's spells (person ids like ``emp-3f9a02c1``, unique)."""
    rng = np.random.default_rng(seed)
    first, until = window
    span = (until - first).days
    roles, weights = zip(*process.hires.items(), strict=True)
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["person", "role", "start", "end", "team"])
    ids = {f"emp-{value:08x}" for value in rng.integers(0, 2**32, size=people * 2)}
    for person in sorted(ids)[:people]:
        day = first + dt.timedelta(days=int(rng.integers(0, span)))
        role: str | None = str(rng.choice(roles, p=weights))
        while role is not None:
            years, to = _next(rng, process, role)
            end = day + dt.timedelta(days=max(1, round(years * DAYS_A_YEAR)))
            if end >= until:
                writer.writerow([person, role, day.isoformat(), "", "platform"])
                break
            writer.writerow([person, role, day.isoformat(), end.isoformat(), "platform"])
            role, day = to, end
    return out.getvalue()


# -- the truths -------------------------------------------------------------------------------

GRID = np.arange(0.0005, 80, 0.001)  # years, cell middles


def sub_densities(role: str, process: Process = PROCESS) -> dict[str | None, np.ndarray]:
    """Per way out of ``role`` (None: leaving), the density of leaving that way at each time."""
    from scipy import stats

    leave = process.leave[role]
    survivals = {None: np.exp(-leave * GRID)}
    densities = {None: leave * np.exp(-leave * GRID)}
    for target, (shape, scale) in process.exits[role].items():
        survivals[target] = stats.gamma.sf(GRID, shape, scale=scale)
        densities[target] = stats.gamma.pdf(GRID, shape, scale=scale)
    return {
        way: density * np.prod([s for other, s in survivals.items() if other != way], axis=0)
        for way, density in densities.items()
    }


@dataclass(frozen=True)
class Truth:
    share: float
    p10: float
    median: float
    p90: float


def move_truth(source: str, target: str, process: Process = PROCESS) -> Truth:
    """The share who ever make the move and the quantiles of their years before it."""
    density = sub_densities(source, process)[target] * 0.001
    cumulative = np.cumsum(density)
    share = float(cumulative[-1])

    def quantile(q: float) -> float:
        return float(GRID[np.searchsorted(cumulative, q * share)])

    return Truth(share, quantile(0.1), quantile(0.5), quantile(0.9))


def simulated_chance(
    source: str,
    target: str,
    within: float,
    people: int = 200_000,
    seed: int = 1,
    process: Process = PROCESS,
) -> float:
    """The chance of reaching ``target`` from ``source`` within the years, by simulation."""
    rng = np.random.default_rng(seed)
    reached = 0
    for _ in range(people):
        role: str | None = source
        elapsed = 0.0
        while role is not None and role != target and elapsed <= within:
            years, role = _next(rng, process, role)
            elapsed += years
        reached += role == target and elapsed <= within
    return reached / people


def conditional_years(
    source: str, target: str, samples: int, rng: np.random.Generator
) -> np.ndarray:
    """Years before the move among those who make it, sampled exactly."""
    out: list[float] = []
    while len(out) < samples:
        years, to = _next(rng, PROCESS, source)
        if to == target:
            out.append(years)
    return np.array(out)


# A second process, drawn up after the first's estimates were seen and not tuned either:
# other rates and shapes, a shorter window (more people still in their roles at its end),
# and more hires at the top of the management track.
OTHER_PROCESS = Process(
    leave={
        "engineer": 0.2,
        "senior-engineer": 0.15,
        "staff-engineer": 0.12,
        "principal-engineer": 0.1,
        "engineering-manager": 0.18,
        "senior-manager": 0.1,
        "director": 0.1,
    },
    exits={
        "engineer": {"senior-engineer": (2.0, 1.2), "engineering-manager": (4.0, 2.0)},
        "senior-engineer": {"staff-engineer": (6.0, 0.6), "engineering-manager": (2.5, 1.0)},
        "staff-engineer": {"principal-engineer": (3.0, 1.5)},
        "principal-engineer": {},
        "engineering-manager": {"senior-manager": (3.0, 1.2), "senior-engineer": (1.5, 3.0)},
        "senior-manager": {"director": (4.0, 1.0)},
        "director": {},
    },
    hires={
        "engineer": 0.5,
        "senior-engineer": 0.2,
        "engineering-manager": 0.2,
        "senior-manager": 0.1,
    },
)
OTHER_WINDOW = (dt.date(2015, 6, 1), dt.date(2025, 6, 1))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--write", action="store_true", help=f"write {HISTORY.name}")
    parser.add_argument("--people", type=int, default=4000)
    parser.add_argument("--seed", type=int, default=2026)
    args = parser.parse_args()
    text = records(args.people, args.seed)
    if args.write:
        HISTORY.write_text(text, encoding="utf-8")
    else:
        print(text, end="")


if __name__ == "__main__":
    main()
