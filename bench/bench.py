"""Start-up and large-graph benchmark for careermap, as ratios to an import floor.

Every figure is the median wall time of a fresh process, measured in one run with the commands
interleaved round by round, divided by the floor measured in the same run: the bare imports of
careermap's dependencies. Ratios, unlike seconds, carry over between machines and loads.

    python bench/bench.py              # full run (a few minutes), prints the table and targets
    python bench/bench.py --quick      # one round, small graph only: a smoke test for CI
    python bench/bench.py --startup    # the start-up rows only (floor to explore)
    python bench/bench.py --startup --against OLD/.venv/bin/python
                                       # and an older install's, interleaved in the same rounds

Map commands run with a validation cache of the run's own, filled by an unmeasured warm-up
round, as a user's first command fills theirs; `path` on the large graphs is also timed
validating every time (no cache), as a user editing a ladder runs it.

A full run ends with bounded-time checks: commands on ladders built to be costly (2,000
roles without moves, chains of 5,000 and 100,000 roles, 20,000 roles with dangling moves,
complete ladders of 200 and 400 roles), each run once on a fresh cache and judged in
seconds and memory (at most 60 s and 1 GiB), exit 0 or 1 with no traceback.

Run it from the repository with careermap installed in the same interpreter.
"""

from __future__ import annotations

import argparse
import itertools
import json
import os
import platform
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

AGAINST = "against: "  # the name of an older release's row (--against)
FLOOR = "import typer, rich.table, networkx; from pydantic import BaseModel"

# Runs one command and prints its wall time and peak RSS (KiB), measured from a small parent
# so that RUSAGE_CHILDREN holds that one child only.
PROBE = """
import os, resource, subprocess, sys, time
start = time.perf_counter()
limit = float(os.environ.get("BENCH_TIMEOUT", "0")) or None
try:
    done = subprocess.run(
        sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, timeout=limit
    )
except subprocess.TimeoutExpired:
    sys.exit(f"{sys.argv[1:]} ran past {limit} s")
elapsed = time.perf_counter() - start
allowed = {0, 1} if os.environ.get("BENCH_EXIT_1_OK") else {0}
if done.returncode not in allowed or b"Traceback" in done.stderr:
    sys.exit(f"{sys.argv[1:]} failed: {done.stderr.decode()[-500:]}")
print(elapsed, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)
"""


@dataclass(frozen=True)
class Case:
    name: str
    argv: list[str]
    target: float | None  # at most this many floors
    rss_mib: float | None = None  # and at most this peak RSS
    cold: bool = False  # validate every time (CAREERMAP_NO_CACHE=1)
    env: tuple[tuple[str, str], ...] = ()  # more environment for the command


@dataclass
class Result:
    case: Case
    seconds: list[float]
    rss_kib: list[int]

    @property
    def median(self) -> float:
        return statistics.median(self.seconds)

    @property
    def peak_mib(self) -> float:
        return max(self.rss_kib) / 1024


def layered_graph(
    roles: int, moves: int, layers: int, seed: int = 7, skills: bool = False
) -> dict[str, object]:
    """A valid careermap document: ``layers`` levels, upward moves between neighbouring
    levels and lateral moves within one, about ``moves`` in all (roles with skills, for
    the skills map, if asked)."""
    rng = random.Random(seed)
    per_layer = roles // layers
    ids = [[f"r{layer}-{i}" for i in range(per_layer)] for layer in range(layers)]
    document_roles = [
        {
            "id": role_id,
            "title": f"Role {role_id}",
            "track": "t",
            "levels": layer,
            "source": "bench",
        }
        for layer in range(layers)
        for role_id in ids[layer]
    ]
    if skills:
        for role in document_roles:
            role["skills"] = {"hard": rng.randint(0, 100) / 10, "soft": rng.randint(0, 100) / 10}
    document_moves = []
    lateral_per_role = 2
    climbing = roles - per_layer  # roles with a level above them
    upward, extra = divmod(moves - roles * lateral_per_role, climbing)
    for layer in range(layers):
        for index, role_id in enumerate(ids[layer]):
            targets = []
            if layer + 1 < layers:
                count = upward + (1 if layer * per_layer + index < extra else 0)
                targets += [("upward", t) for t in rng.sample(ids[layer + 1], count)]
            others = [t for t in ids[layer] if t != role_id]
            targets += [("lateral", t) for t in rng.sample(others, lateral_per_role)]
            for kind, target in targets:
                low = rng.choice([0.5, 1.0, 2.0, 3.0])
                document_moves.append(
                    {
                        "from": role_id,
                        "to": target,
                        "kind": kind,
                        "years": [low, low + rng.choice([0.5, 1.0, 3.0, 5.0])],
                        "source": "bench",
                    }
                )
    return {
        "meta": {"name": f"benchmark graph {roles}/{moves}"},
        "roles": document_roles,
        "moves": document_moves,
    }


BOUND_SECONDS = 60.0
BOUND_MIB = 1024.0


def _ladder(roles: list[str], moves: list[tuple[str, str, list[float]]]) -> dict[str, object]:
    """A one-level, one-track document: every move lateral."""
    return {
        "roles": [{"id": r, "title": f"Role {r}", "track": "t", "levels": 1} for r in roles],
        "moves": [{"from": a, "to": b, "kind": "lateral", "years": y} for a, b, y in moves],
    }


def bounded_checks(workdir: Path, careermap: str) -> list[tuple[str, float, float]]:
    """The red team's costly ladders (issue 19), each command once on a fresh cache, as
    (what ran, seconds, peak MiB); a run past twice the bound stops the benchmark."""
    rng = random.Random(1)

    def chain(count: int) -> dict[str, object]:
        ids = [f"r{i}" for i in range(count)]
        return _ladder(ids, [(a, b, [0.5, 1.0]) for a, b in itertools.pairwise(ids)])

    def complete(count: int) -> dict[str, object]:
        ids = [f"r{i}" for i in range(count)]
        pairs = [(a, b) for a in ids for b in ids if a != b]
        return _ladder(ids, [(a, b, [rng.choice([0.5, 1.0, 2.0]), 3.0]) for a, b in pairs])

    dangling = _ladder(
        [f"r{i}" for i in range(20_000)], [(f"r{i}", f"x{i}", [1.0, 2.0]) for i in range(200)]
    )
    ladders = {
        "isolated-2000": _ladder([f"r{i}" for i in range(2000)], []),
        "chain-5000": chain(5000),
        "chain-100000": chain(100_000),
        "dangling-20000": dangling,
        "complete-200": complete(200),
        "complete-400": complete(400),
    }
    runs = [
        ("isolated-2000", ["export", "--format", "html"]),
        ("chain-5000", ["reach", "r0", "--within", "5000"]),
        ("chain-100000", ["path", "r0", "r99999"]),
        ("chain-100000", ["path", "r0", "r99999", "--via", "r50000"]),
        ("chain-100000", ["path", "r0", "r99999", "--top", "3"]),
        ("chain-100000", ["path", "r0", "r99999", "--max-steps", "99999"]),
        ("chain-100000", ["roles"]),
        ("chain-100000", ["reach", "r0", "--within", "50000"]),
        ("chain-100000", ["map", "--json"]),
        ("chain-100000", ["export", "--format", "html"]),
        ("chain-100000", ["export", "--format", "graphml"]),
        ("chain-100000", ["export", "--format", "yaml"]),
        ("dangling-20000", ["validate"]),
        ("complete-200", ["path", "r0", "r199", "--top", "1000"]),
        ("complete-400", ["path", "r0", "r399", "--max-steps", "3", "--top", "1000"]),
    ]
    folder = workdir / "bounded"
    folder.mkdir()
    for name, document in ladders.items():
        (folder / f"{name}.json").write_text(json.dumps(document), encoding="utf-8")
    out = []
    for name, argv in runs:
        path = str(folder / f"{name}.json")
        command = (
            [careermap, *argv, path] if argv == ["validate"] else [careermap, "--data", path, *argv]
        )
        shutil.rmtree(workdir / "cache", ignore_errors=True)  # the first run on a file
        extra = (("BENCH_TIMEOUT", str(2 * BOUND_SECONDS)), ("BENCH_EXIT_1_OK", "1"))
        seconds, rss = measure(command, extra=extra)
        out.append((f"{' '.join(argv)} on {name}", seconds, rss / 1024))
    return out


def calibrate_case(workdir: Path, careermap: str) -> Case:
    """`calibrate` of 100,000 people's generated records (tests/evidence_records.py, which needs
    numpy: the evidence extra) on the example ladder: at most 60 floors and 1 GiB."""
    root = Path(__file__).resolve().parent.parent
    sys.path.insert(0, str(root))
    from tests.evidence_records import LADDER, records

    history = workdir / "history-100k.csv"
    history.write_text(records(100_000, seed=1), encoding="utf-8")
    lines = history.read_text(encoding="utf-8").count("\n") - 1
    argv = [careermap, "--data", str(LADDER), "calibrate", str(history), "--json"]
    return Case(f"calibrate 100,000 people ({lines:,} records)", argv, 60.0, 1024.0)


def measure(
    argv: list[str], cold: bool = False, extra: tuple[tuple[str, str], ...] = ()
) -> tuple[float, int]:
    env = {**os.environ, **dict(extra)} if extra else None
    if cold:
        env = {**(env or os.environ), "CAREERMAP_NO_CACHE": "1"}
    out = subprocess.run(
        [sys.executable, "-c", PROBE, *argv], capture_output=True, text=True, check=False, env=env
    )
    if out.returncode:
        sys.exit(out.stderr)
    seconds, rss = out.stdout.split()
    return float(seconds), int(rss)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rounds", type=int, default=15, help="rounds of every command")
    parser.add_argument("--quick", action="store_true", help="one round, 1k graph only")
    parser.add_argument("--json", type=Path, help="also write the results as JSON here")
    parser.add_argument(
        "--startup", action="store_true", help="only the start-up rows (no graphs, no checks)"
    )
    parser.add_argument(
        "--against",
        type=Path,
        metavar="PYTHON",
        help="also time the careermap installed beside this interpreter (an older release) in "
        "the same rounds, and compare each start-up ratio with its",
    )
    args = parser.parse_args()
    rounds = 1 if args.quick else args.rounds
    against = None
    if args.against is not None:
        against = shutil.which("careermap", path=str(args.against.parent))
        if against is None:
            sys.exit(f"no careermap installed beside {args.against}")

    careermap = shutil.which("careermap", path=str(Path(sys.executable).parent))
    if careermap is None:
        sys.exit("careermap is not installed in this interpreter's environment")
    env_data = os.environ.pop("CAREERMAP_DATA", None)
    if env_data:
        print(f"(ignoring CAREERMAP_DATA={env_data} for the run)")

    # An installed careermap has its bytecode compiled (pip compiles it); an editable install
    # run with PYTHONDONTWRITEBYTECODE (as on this project's machines) would compile every
    # module at every start instead. Compile it once, so the run measures what users run.
    import compileall
    import importlib.util

    spec = importlib.util.find_spec("careermap")
    if spec is not None and spec.origin is not None:
        compileall.compile_dir(Path(spec.origin).parent, quiet=1)

    workdir = Path(tempfile.mkdtemp(prefix="careermap-bench-"))
    # A cache of this run's own: the warm-up round fills it, as a user's first command would.
    os.environ["CAREERMAP_CACHE_DIR"] = str(workdir / "cache")
    os.environ.pop("CAREERMAP_NO_CACHE", None)
    # label, roles, moves, layers, path target (warm, then validating), RSS target,
    # export --format html target (None: past the page's cap, refused, so not timed), and
    # whether to time reach and map --path there
    graphs: list[tuple[str, int, int, int, tuple[float, float], float | None, float | None, bool]]
    graphs = [("1k/10k", 1_000, 10_000, 20, (1.5, 1.5), None, 3.0, False)]
    if not args.quick:
        graphs.append(("10k/100k", 10_000, 100_000, 50, (7.0, 5.0), 250.0, None, True))
    if args.startup:
        graphs = []
    cases = [
        Case(
            "floor: import typer, rich.table, networkx, pydantic",
            [sys.executable, "-c", FLOOR],
            None,
        ),
        Case("careermap --help", [careermap, "--help"], 0.75),
        Case("careermap roles --level 6", [careermap, "roles", "--level", "6"], 0.75),
        Case("careermap show staff-engineer", [careermap, "show", "staff-engineer"], 0.75),
        Case("careermap moves senior-engineer", [careermap, "moves", "senior-engineer"], 0.75),
        Case(
            "completion: careermap show sen<TAB> (bash)",
            [careermap],
            0.75,
            env=(
                ("_CAREERMAP_COMPLETE", "complete_bash"),
                ("COMP_WORDS", "careermap show sen"),
                ("COMP_CWORD", "2"),
            ),
        ),
        Case(
            "careermap path senior-engineer director-of-tech",
            [careermap, "path", "senior-engineer", "director-of-tech"],
            1.10,
        ),
        # The full-screen app, from start to its first screen drawn (headless), then exit.
        Case(
            "careermap explore senior-engineer (first screen)",
            [careermap, "explore", "senior-engineer", "--exit-after-first-screen"],
            2.0,
        ),
    ]
    startup = len(cases)
    if against is not None:  # the older release, with a cache of its own
        older = (("CAREERMAP_CACHE_DIR", str(workdir / "cache-against")),)
        cases += [
            Case(
                f"{AGAINST}{case.name}",
                [against, *case.argv[1:]],
                None,
                env=case.env + older,
            )
            for case in cases[1:startup]
        ]
    for label, roles, moves, layers, (warm, cold), rss, html, large in graphs:
        document = layered_graph(roles, moves, layers, skills=large)
        path = workdir / f"graph-{roles}.json"
        path.write_text(json.dumps(document), encoding="utf-8")
        first, last = "r0-0", f"r{layers - 1}-0"
        data = [careermap, "--data", str(path)]
        argv = [*data, "path", first, last]
        moves = len(document["moves"])  # type: ignore[arg-type]
        cases.append(Case(f"path on {label} graph ({moves} moves)", argv, warm, rss))
        cases.append(
            Case(f"path on {label} graph, validating (no cache)", argv, cold, rss, cold=True)
        )
        # The page's routes table: one search per entry role (graph.best_routes_from).
        if html is not None:
            page = [*data, "export", "--format", "html"]
            cases.append(Case(f"export --format html on {label} graph", page, html))
        if large:
            reach = [*data, "reach", first, "--within", "3"]
            cases.append(Case(f"reach --within 3 on {label} graph", reach, 7.0))
            # --json: the terminal map's label placement (termmap), not the route, would
            # dominate the plain command on 10k roles.
            drawn = [*data, "map", "--path", first, last, "--json"]
            cases.append(Case(f"map --path --json on {label} graph", drawn, 7.0))

    if not (args.quick or args.startup):
        cases.append(calibrate_case(workdir, careermap))
    results = {case.name: Result(case, [], []) for case in cases}
    for case in cases:  # warm the page cache, byte-code and validation cache, unmeasured
        measure(case.argv, case.cold, case.env)
    for _ in range(rounds):
        for case in cases:
            seconds, rss = measure(case.argv, case.cold, case.env)
            results[case.name].seconds.append(seconds)
            results[case.name].rss_kib.append(rss)
    bounded = [] if args.quick or args.startup else bounded_checks(workdir, careermap)
    shutil.rmtree(workdir, ignore_errors=True)

    floor = results[cases[0].name].median
    print(
        f"machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}"
    )
    print(f"rounds: {rounds}, floor median {floor * 1000:.0f} ms\n")
    print(f"{'command':<58} {'median':>8} {'ratio':>6} {'target':>7} {'peak RSS':>9}  met")
    unmet = []
    rows = []
    for result in results.values():
        ratio = result.median / floor
        case = result.case
        ok = (case.target is None or ratio <= case.target) and (
            case.rss_mib is None or result.peak_mib <= case.rss_mib
        )
        target = "" if case.target is None else f"<={case.target:.2f}"
        if case.rss_mib is not None:
            target += f", <={case.rss_mib:.0f} MiB"
        print(
            f"{case.name:<58} {result.median * 1000:>6.0f}ms {ratio:>5.2f}x {target:>7} "
            f"{result.peak_mib:>6.0f} MiB  {'yes' if ok else 'NO'}"
        )
        rows.append(
            {
                "command": case.name,
                "median_ms": round(result.median * 1000, 1),
                "ratio": round(ratio, 3),
                "target_ratio": case.target,
                "target_rss_mib": case.rss_mib,
                "peak_rss_mib": round(result.peak_mib, 1),
                "met": ok,
            }
        )
        if not ok:
            unmet.append(case.name)
    if bounded:
        print(
            f"\nbounded-time checks (one run each, fresh cache; at most {BOUND_SECONDS:.0f} s, "
            f"{BOUND_MIB:.0f} MiB)\n"
        )
        print(f"{'command':<70} {'time':>8} {'peak RSS':>9}  met")
    for name, seconds, mib in bounded:
        ok = seconds <= BOUND_SECONDS and mib <= BOUND_MIB
        print(f"{name:<70} {seconds:>7.1f}s {mib:>5.0f} MiB  {'yes' if ok else 'NO'}")
        rows.append(
            {
                "command": name,
                "seconds": round(seconds, 2),
                "peak_rss_mib": round(mib, 1),
                "met": ok,
            }
        )
        if not ok:
            unmet.append(name)
    if against is not None:
        print(f"\nagainst {against}: each start-up ratio, this install's and the older one's\n")
        print(f"{'command':<58} {'this':>6} {'older':>6} {'change':>7}")
        for case in cases[1:startup]:
            now = results[case.name].median / floor
            before = results[f"{AGAINST}{case.name}"].median / floor
            print(f"{case.name:<58} {now:>5.2f}x {before:>5.2f}x {now - before:>+6.2f}x")
    if args.json:
        args.json.write_text(json.dumps({"floor_ms": floor * 1000, "rows": rows}, indent=2))
    print()
    if args.quick:
        print("quick run (one round, small graph): a smoke test, targets not judged")
        return 0
    if unmet:
        print("targets NOT met: " + "; ".join(unmet))
        return 1
    print("all targets met")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
