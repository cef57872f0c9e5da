"""``careermap calibrate`` and ``chance``: figures from people's records, checked against the
known process that generated them (tests/evidence_records.py), and the rules around them:
every problem in the records named by its line, no person id in any output, no figures under
--min-people, a written ladder that validates strictly and is never overwritten unasked."""

from __future__ import annotations

import json
import re
import sys
from functools import cache
from pathlib import Path

import numpy as np
import pytest

from careermap import evidence
from careermap.api import calibrate, load
from careermap.evidence import Calibrated, read_history
from tests import evidence_records as er
from tests.cli import run

pytest.importorskip("lifelines")

PEOPLE, SEED = 5000, 7  # a history the estimates have never been tuned on
SHARE_TOLERANCE = 0.05
QUANTILE_TOLERANCE = 0.12  # relative
QUANTILE_FLOOR = 0.1  # years: a gap this small counts as met (records are dated by the day)
PERSON = re.compile(r"emp-[0-9a-f]{8}")


@cache
def history(tmp: Path) -> Path:
    path = tmp / "history.csv"
    path.write_text(er.records(PEOPLE, SEED), encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def records_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return history(tmp_path_factory.mktemp("records"))


@pytest.fixture(scope="module")
def calibrated(records_file: Path) -> Calibrated:
    return calibrate(load(er.LADDER), records_file)


@pytest.fixture(scope="module")
def written(records_file: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("written") / "calibrated.toml"
    code, _, err = run("--data", str(er.LADDER), "calibrate", str(records_file), "-o", str(out))
    assert code == 0, err
    return out


def quantile_misses(estimate: float | None, truth: float) -> bool:
    return estimate is None or abs(estimate - truth) > max(
        QUANTILE_TOLERANCE * truth, QUANTILE_FLOOR
    )


def misses(
    share: float, quantiles: tuple[float | None, float | None, float | None], truth: er.Truth
) -> list[str]:
    """What of a move's figures is out of tolerance."""
    wrong = []
    if abs(share - truth.share) > SHARE_TOLERANCE:
        wrong.append(f"share {share:.3f} vs {truth.share:.3f}")
    for name, got, true in zip(
        ("p10", "median", "p90"), quantiles, (truth.p10, truth.median, truth.p90), strict=True
    ):
        if quantile_misses(got, true):
            wrong.append(f"{name} {'None' if got is None else f'{got:.2f}'} vs {true:.2f}")
    return wrong


# -- the estimates recover the truth --------------------------------------------------------


def test_shares_and_quantiles_recover_the_known_process(calibrated: Calibrated) -> None:
    checked = 0
    for move in calibrated.moves:
        assert move.share is not None and move.p10 is not None, move
        assert move.median is not None and move.p90 is not None
        truth = er.move_truth(move.from_, move.to)
        quantiles = (move.p10, move.median, move.p90)
        assert misses(move.share, quantiles, truth) == [], f"{move.from_} -> {move.to}"
        checked += 1
    assert checked == 7


def _naive(calibrated_file: Path, *, drop_censored: bool) -> dict[tuple[str, str], list[str]]:
    """What naive estimators get wrong on the same records: counting only the finished
    spells (dropping the censored), or treating leavers as censored (one Kaplan-Meier per
    move, the other moves censored too)."""
    from lifelines import KaplanMeierFitter

    cmap = load(er.LADDER)
    outcomes = read_history(calibrated_file, cmap).outcomes
    wrong = {}
    for move in cmap.moves:
        spells = outcomes[move.from_]
        truth = er.move_truth(move.from_, move.to)
        if drop_censored:
            done = [o for o in spells if o.to is not None]
            years = np.array([o.years for o in done if o.to == move.to])
            share = len(years) / len(done)
            quantiles = tuple(float(np.quantile(years, q)) for q in (0.1, 0.5, 0.9))
        else:
            km = KaplanMeierFitter().fit(
                [o.years for o in spells], [o.to == move.to for o in spells]
            )
            curve = 1 - km.survival_function_.iloc[:, 0].to_numpy()
            times = km.survival_function_.index.to_numpy()
            share = float(curve[-1])
            quantiles = tuple(
                float(times[np.searchsorted(curve, q * share)]) for q in (0.1, 0.5, 0.9)
            )
        wrong[move.from_, move.to] = misses(share, quantiles, truth)  # type: ignore[arg-type]
    return wrong


@pytest.mark.parametrize("drop_censored", [True, False], ids=["drop-censored", "leavers-censored"])
def test_naive_estimators_would_fail_the_same_tolerances(
    records_file: Path, drop_censored: bool
) -> None:
    wrong = _naive(records_file, drop_censored=drop_censored)
    failed = {move: why for move, why in wrong.items() if why}
    assert len(failed) >= 3, wrong


def test_a_routes_typical_figures_are_within_a_tenth_of_the_truth(written: Path) -> None:
    cmap = load(written)
    (route,) = cmap.routes("engineer", "senior-manager", by="typical")
    assert route.roles == ["engineer", "senior-engineer", "engineering-manager", "senior-manager"]
    estimate = route.estimate()
    assert estimate is not None and estimate.recorded == 3
    rng = np.random.default_rng(11)
    total = sum(
        er.conditional_years(a, b, 20_000, rng)
        for a, b in zip(route.roles, route.roles[1:], strict=False)
    )
    truth = np.percentile(total, [10, 50, 90])
    got = (estimate.p10_years, estimate.p50_years, estimate.p90_years)
    for value, true in zip(got, truth, strict=True):
        assert abs(value - true) <= 0.10 * true, (got, truth)


@pytest.mark.parametrize(
    ("source", "target", "within"),
    [("senior-engineer", "senior-manager", 6.0), ("engineer", "staff-engineer", 8.0)],
)
def test_chances_are_within_a_few_points_of_the_truth(
    written: Path, source: str, target: str, within: float
) -> None:
    result = load(written).chance(source, target, within)
    truth = er.simulated_chance(source, target, within, people=40_000)
    assert abs(result.probability - truth) <= 0.03, (result.probability, truth)
    assert result.routes and result.routes[0].roles[0] == source
    assert result.routes[0].roles[-1] == target


def test_chance_counts_routes_through_cycles(written: Path) -> None:
    """senior-engineer -> engineering-manager -> senior-engineer -> ... is a route too."""
    result = load(written).chance("senior-engineer", "staff-engineer", 10)
    cyclic = [r for r in result.routes if len(r.roles) > len(set(r.roles))]
    assert cyclic, result.routes
    direct = next(r for r in result.routes if r.roles == ["senior-engineer", "staff-engineer"])
    assert result.probability > direct.probability


# -- the command line -----------------------------------------------------------------------


def test_unlisted_moves_are_reported_never_added(records_file: Path) -> None:
    code, out, _ = run("--data", str(er.LADDER), "calibrate", str(records_file), "--json")
    assert code == 0
    data = json.loads(out)
    assert set(data) == {"records", "people", "since", "until", "min_people", "moves", "unlisted"}
    assert [(u["from"], u["to"]) for u in data["unlisted"]] == [("engineer", "engineering-manager")]
    assert ("engineer", "engineering-manager") not in {(m["from"], m["to"]) for m in data["moves"]}
    assert data["people"] == PEOPLE


def test_no_person_id_in_any_output(records_file: Path, tmp_path: Path) -> None:
    assert PERSON.search(records_file.read_text())  # the records do hold them
    outputs = []
    for args in ([], ["--json"], ["--min-people", "500", "--json"]):
        code, out, err = run("--data", str(er.LADDER), "calibrate", str(records_file), *args)
        assert code == 0
        outputs += [out, err]
    for suffix in ("toml", "yaml", "json"):
        target = tmp_path / f"out.{suffix}"
        code, out, err = run(
            "--data", str(er.LADDER), "calibrate", str(records_file), "-o", str(target)
        )
        assert code == 0, err
        outputs += [out, err, target.read_text()]
        assert all(m.evidence is not None for m in load(target).moves)  # reads back
    broken = tmp_path / "broken.csv"  # the errors name lines, not people
    broken.write_text(records_file.read_text().replace("2019-", "2019-13-", 3))
    code, out, err = run("--data", str(er.LADDER), "calibrate", str(broken))
    assert code == 1 and err
    outputs += [out, err]
    assert [PERSON.findall(text) for text in outputs if PERSON.search(text)] == []


def test_moves_under_min_people_carry_counts_only(records_file: Path, tmp_path: Path) -> None:
    target = tmp_path / "few.toml"
    code, _, err = run(
        "--data", str(er.LADDER), "calibrate", str(records_file),
        "--min-people", "300", "-o", str(target), "--json",
    )  # fmt: skip
    assert code == 0, err
    cmap = load(target)
    few = [m for m in cmap.moves if m.evidence is not None and m.evidence.moved < 300]
    many = [m for m in cmap.moves if m.evidence is not None and m.evidence.moved >= 300]
    assert few and many
    for move in few:
        ev = move.evidence
        assert ev is not None
        assert (ev.share, ev.p10, ev.median, ev.p90, ev.curve) == (None, None, None, None, ())
        assert ev.people > 0
    assert all(m.evidence and m.evidence.figures for m in many)
    assert cmap.meta is not None and cmap.meta.evidence is not None
    assert cmap.meta.evidence.min_people == 300


def test_the_written_ladder_is_strict_valid_and_never_overwritten(
    written: Path, records_file: Path
) -> None:
    code, out, err = run("validate", "--strict", str(written))
    assert code == 0, out + err
    before = written.read_bytes()
    code, _, err = run("--data", str(er.LADDER), "calibrate", str(records_file), "-o", str(written))
    assert code == 1 and "--force" in err
    assert written.read_bytes() == before


def test_the_output_never_replaces_what_it_reads(records_file: Path, tmp_path: Path) -> None:
    ladder = tmp_path / "ladder.toml"
    ladder.write_bytes(er.LADDER.read_bytes())
    for target in (ladder, records_file):
        before = target.read_bytes()
        code, _, err = run(
            "--data", str(ladder), "calibrate", str(records_file), "-o", str(target), "--force"
        )
        assert code == 2 and "reads" in err, err
        assert target.read_bytes() == before


def test_path_and_chance_on_the_written_ladder_say_their_figures_are_recorded(
    written: Path,
) -> None:
    code, out, _ = run("--data", str(written), "path", "engineer", "senior-engineer")
    assert code == 0
    flat = " ".join(out.split())
    assert re.search(r"typically \d+\.\d years \(P10-P90: [\d.]+-[\d.]+\), from the records of "
                     r"[\d,]+ people", flat), flat  # fmt: skip
    code, out, _ = run(
        "--data", str(written), "path", "engineer", "senior-manager", "--by", "typical"
    )
    assert code == 0 and "from the records of at least" in " ".join(out.split())
    code, out, _ = run("--data", str(written), "chance", "engineer", "staff-engineer", "-w", "8")
    assert code == 0
    assert re.search(r"[\d.]+% chance of reaching Staff Engineer", " ".join(out.split()))
    code, out, _ = run(
        "--data", str(written), "chance", "engineer", "staff-engineer", "-w", "8", "--json"
    )
    data = json.loads(out)
    assert set(data) == {"from", "to", "within", "probability", "routes", "model"}
    assert 0 < data["probability"] < 1 and "semi-Markov" in data["model"]


def test_chance_without_evidence_names_the_moves_that_lack_it() -> None:
    code, out, err = run("--data", str(er.LADDER), "chance", "engineer", "director", "-w", "10")
    assert code == 1 and out == ""
    assert "not estimable" in err
    assert "engineer -> senior-engineer" in err and "senior-manager -> director" in err


# -- records that cannot be -------------------------------------------------------------------


BROKEN = """person,role,start,end
a,engineer,2015-01-01,2016-03-01
a,senior-engineer,2016-02-01,
b,engineer,2015-02-30,2016-01-01
c,engineer,2016-01-01,2015-01-01
d,Enginer,2015-01-01,
e,senior engineer,2016,
"""


def test_every_problem_in_the_records_is_one_line_naming_its_line(tmp_path: Path) -> None:
    path = tmp_path / "h.csv"
    path.write_text(BROKEN)
    code, out, err = run("--data", str(er.LADDER), "calibrate", str(path))
    assert code == 1 and out == ""
    lines = err.splitlines()
    assert len(lines) == 4, err  # the overlap is checked once every line reads
    assert re.search(r"line 4: start: '2015-02-30' is not a date", lines[0])
    assert re.search(r"line 5: end: ends \(2015-01-01\) before it starts", lines[1])
    assert re.search(r"line 6: role: unknown role 'Enginer'; did you mean .*engineer", lines[2])
    assert re.search(r"line 7: start: '2016' is not a date", lines[3])
    assert "Traceback" not in err


def test_overlapping_spells_name_both_lines(tmp_path: Path) -> None:
    path = tmp_path / "h.csv"
    path.write_text(BROKEN.split("b,")[0])
    code, _, err = run("--data", str(er.LADDER), "calibrate", str(path))
    assert code == 1
    assert err.splitlines() == [
        f"error: {path}: line 3: start: overlaps line 2 of the same person, which ends "
        "2016-03-01; a person holds one role at a time"
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("", "line 1: empty file"),
        ("person,role,start,end\n", "line 1: empty file: a header and no records"),
        ("person,role,begin,end\na,engineer,2015-01,\n", "line 1: missing column start"),
    ],
    ids=["empty", "header-only", "missing-column"],
)
def test_empty_files_and_missing_columns(tmp_path: Path, text: str, expected: str) -> None:
    path = tmp_path / "h.csv"
    path.write_text(text)
    code, _, err = run("--data", str(er.LADDER), "calibrate", str(path))
    assert code == 1 and expected in err and len(err.splitlines()) == 1, err


def test_without_lifelines_calibrate_says_how_to_install_it(
    records_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "lifelines", None)  # import lifelines fails
    code, out, err = run("--data", str(er.LADDER), "calibrate", str(records_file))
    assert code == 1 and out == ""
    assert evidence.INSTALL_LINE in err


def test_evidence_that_cannot_be_is_refused(written: Path, tmp_path: Path) -> None:
    text = written.read_text()
    bad = tmp_path / "bad.toml"
    bad.write_text(re.sub(r"moved = \d+", "moved = 999999", text, count=1))
    code, _, err = run("validate", str(bad))
    assert code == 1 and "people moved but only" in err


def test_a_calibrated_ladder_reads_back_the_same_from_the_cache(
    written: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("CAREERMAP_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.delenv("CAREERMAP_NO_CACHE", raising=False)
    first = load(written)  # validated, and remembered
    again = load(written)  # from the cache
    assert list(tmp_path.joinpath("cache").rglob("*"))
    assert [m.evidence for m in again.moves] == [m.evidence for m in first.moves]
    assert again.meta == first.meta


def test_only_calibrate_imports_lifelines_and_numpy(written: Path, records_file: Path) -> None:
    from tests.test_entry_point import _imported_modules

    heavy = {"numpy", "pandas", "lifelines"}
    for args in (
        ["--data", str(written), "chance", "engineer", "staff-engineer", "-w", "8"],
        ["--data", str(written), "path", "engineer", "senior-manager", "--by", "typical"],
        ["--data", str(written), "reach", "engineer", "--within", "6", "--by", "typical"],
    ):
        assert not _imported_modules(*args) & heavy, args
    calibrating = ["--data", str(er.LADDER), "calibrate", str(records_file), "--json"]
    assert heavy <= _imported_modules(*calibrating)  # the check above can fail


@pytest.mark.parametrize(
    ("field", "value"),
    [("moved", 10**9), ("share", 1.5), ("median", -1.0), ("curve", [0.5, 0.2]), ("people", "x")],
)
def test_a_cache_entry_with_evidence_that_cannot_be_is_not_trusted(
    written: Path, field: str, value: object
) -> None:
    """The cache re-checks each move's evidence as the schema and the rules do."""
    from careermap import cache

    compact = json.loads(json.dumps(load(written).to_compact()))
    assert cache._build(json.loads(json.dumps(compact))).moves == load(written).moves
    compact["moves"][0][-1][field] = value
    with pytest.raises(cache._Unsound):
        cache._build(compact)


@pytest.mark.parametrize(
    "args",
    [
        ["reach", "engineer", "--within", "8", "--by", "typical"],
        ["compare", "engineer", "senior-manager"],
        ["show", "engineer"],
        ["moves", "engineer"],
        ["path", "engineer", "senior-manager", "--markdown"],
        ["export", "--format", "html"],
    ],
    ids=lambda args: " ".join(args[:2]),
)
def test_every_view_of_a_recorded_figure_says_it_is_from_records(
    written: Path, args: list[str]
) -> None:
    code, out, err = run("--data", str(written), *args, env={"COLUMNS": "200"})
    assert code == 0, err
    assert re.search(r"from the records of (at least )?[\d,]+ people", " ".join(out.split())), out


def test_declared_years_stay_the_stated_range(written: Path, tmp_path: Path) -> None:
    """A move with both stated years and records shows the range and the records' figure."""
    text = written.read_text().replace(
        'to = "senior-engineer"\nkind = "upward"\n', 'to = "senior-engineer"\nkind = "upward"\n'
        "years = [1, 3]\n", 1
    )  # fmt: skip
    both = tmp_path / "both.toml"
    both.write_text(text)
    code, out, _ = run("--data", str(both), "moves", "engineer", "--json")
    assert code == 0
    (move,) = json.loads(out)
    assert (move["min_years"], move["max_years"]) == (1.0, 3.0)
    assert move["evidence"]["median"] == pytest.approx(2.1, abs=0.2)
    code, out, _ = run("--data", str(both), "path", "engineer", "senior-engineer")
    flat = " ".join(out.split())
    assert code == 0 and "1-3 years, typically" in flat and "from the records of" in flat, flat


def test_as_of_sees_only_what_had_happened_by_then(records_file: Path) -> None:
    cmap = load(er.LADDER)
    early = calibrate(cmap, records_file, as_of="2016-01")
    assert (early.since, early.until) == ("2012-01-01", "2016-01-01")
    assert early.people < PEOPLE and early.records < 2 * PEOPLE
    late = calibrate(cmap, records_file)
    # Four years in, fewer people have been seen making each move, none more.
    for before, after in zip(early.moves, late.moves, strict=True):
        assert before.moved <= after.moved
    assert sum(m.moved for m in early.moves) < sum(m.moved for m in late.moves) / 2
    code, _, err = run(
        "--data", str(er.LADDER), "calibrate", str(records_file), "--as-of", "2016-13"
    )
    assert code == 2 and "--as-of '2016-13' is not a date" in err


def test_another_process_and_a_shorter_window_are_recovered_too(tmp_path: Path) -> None:
    """The tolerances hold on a second process (other rates, shapes, hires and window)."""
    path = tmp_path / "other.csv"
    path.write_text(er.records(6000, 99, er.OTHER_PROCESS, er.OTHER_WINDOW))
    result = calibrate(load(er.LADDER), path)
    wrong, beyond = {}, []
    for move in result.moves:
        assert move.share is not None and move.median is not None, move
        truth = er.move_truth(move.from_, move.to, er.OTHER_PROCESS)
        figures = (move.p10, move.median, move.p90)
        why = misses(move.share, figures, truth)
        beyond += [f"{move.from_} -> {move.to} {w}" for w in why if " None vs " in w]
        wrong[move.from_, move.to] = [w for w in why if " None vs " not in w]
    assert {move: why for move, why in wrong.items() if why} == {}
    # The window is short for staff engineers (a tenth of them still unsettled after the
    # longest time anyone was seen there): their P90 is beyond the records, not a guess.
    assert beyond == ["staff-engineer -> principal-engineer p90 None vs 6.77"]


def test_years_already_in_role_condition_a_recorded_move(written: Path) -> None:
    """With Y years spent, a recorded first move takes the years left to those still there."""
    (route,) = load(written).routes("engineer", "senior-engineer", years_in_role=1.5)
    estimate = route.estimate()
    assert estimate is not None and estimate.recorded == 1
    sample = er.conditional_years("engineer", "senior-engineer", 40_000, np.random.default_rng(5))
    left = sample[sample > 1.5] - 1.5
    truth = np.percentile(left, [10, 50, 90])
    got = (estimate.p10_years, estimate.p50_years, estimate.p90_years)
    assert abs(got[1] - truth[1]) <= 0.10 * truth[1], (got, truth)
    assert abs(got[2] - truth[2]) <= 0.10 * truth[2], (got, truth)


@pytest.mark.parametrize("special", ["/dev/zero", "folder", "missing.csv"])
def test_records_that_are_no_regular_file_are_refused_at_once(tmp_path: Path, special: str) -> None:
    path = Path(special) if special.startswith("/") else tmp_path / special
    if special == "folder":
        path.mkdir()
    code, out, err = run("--data", str(er.LADDER), "calibrate", str(path))
    assert code == 1 and out == ""
    assert err.startswith(f"error: {path}: ") and len(err.splitlines()) == 1, err


def test_the_python_api_names_calibrate() -> None:
    import careermap

    assert careermap.calibrate is calibrate
