"""Ladders as organisations draw them: "at most N years", reach that is exact about what is
unknown, a file-wide default source, ``init --from`` any built-in ladder, and file names as
``str`` or ``Path`` in the Python API.

The reach oracle enumerates every simple route of a random ladder and works out, in whole
tenths of a year, the least and the most each route's measure can be from what the data
gives; nothing in it comes from careermap's own search.
"""

from __future__ import annotations

import json
import tomllib
from itertools import pairwise
from pathlib import Path
from typing import Any

import networkx as nx
import pytest
import yaml
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

import careermap
from careermap.graph import reach
from careermap.loader import load, validate
from careermap.sources import ladder_path
from tests.cli import run

runner = CliRunner()

THREE = """
[meta]
name = "Three"

[[roles]]
id = "a"
title = "Engineer"
track = "eng"
levels = 1

[[roles]]
id = "b"
title = "Senior"
track = "eng"
levels = 2

[[roles]]
id = "c"
title = "Staff"
track = "eng"
levels = 3

[[moves]]
from = "a"
to = "b"
kind = "upward"
years = [1, 2]
source = "handbook"

[[moves]]
from = "b"
to = "c"
kind = "upward"
years = { max = 2 }
source = "handbook"
"""

YEARS_FORMS = (
    "must be [min, max], { min = N } (at least N), { max = N } (at most N) or { min = N, max = M }"
)


def run_json(*args: str) -> Any:
    code, out, err = run(*args, "--json")
    assert code == 0, err
    return json.loads(out)


@pytest.fixture
def three(tmp_path: Path) -> Path:
    path = tmp_path / "three.toml"
    path.write_text(THREE, encoding="utf-8")
    return path


@pytest.fixture(autouse=True)
def _no_ladder_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("CAREERMAP_LADDER", raising=False)
    monkeypatch.delenv("CAREERMAP_DATA", raising=False)


# -- 3. years = { max = N } -------------------------------------------------------------------


def test_at_most_years_are_shown_as_at_most(three: Path) -> None:
    code, out, _ = run("--data", str(three), "moves", "b")
    assert code == 0
    assert "at most 2" in out
    (move,) = run_json("--data", str(three), "moves", "b")
    assert (move["min_years"], move["max_years"]) == (None, 2.0)


def test_a_route_with_an_at_most_move_is_at_most_its_maxima(three: Path) -> None:
    """[1, 2] then { max = 2 }: at most 4 years, at least 1 (the unknown minimum counts 0,
    as years are never negative), and no typical figure or P10-P90."""
    code, out, _ = run("--data", str(three), "path", "a", "c")
    assert code == 0
    assert "Total: 2 moves, at most 4 years (at least 1); 1 move with no known minimum" in out
    assert "typically" not in out and "P10-P90:" not in out
    (route,) = run_json("--data", str(three), "path", "a", "c")["paths"]
    assert (route["min_years"], route["max_years"]) == (1.0, 4.0)
    assert (route["p10_years"], route["p50_years"], route["p90_years"]) == (None, None, None)
    assert (route["unknown_moves"], route["open_moves"], route["at_most_moves"]) == (0, 0, 1)
    assert [s["min_years"] for s in route["steps"]] == [1.0, None]


@pytest.mark.parametrize(
    ("years", "message"),
    [
        ('"4+"', f"{YEARS_FORMS} (got '4+'); did you mean {{ min = 4 }}?"),
        ('"2-4"', f"{YEARS_FORMS} (got '2-4'); did you mean [2, 4]?"),
        ('"within 2 years"', f"{YEARS_FORMS} (got 'within 2 years'); did you mean {{ max = 2 }}?"),
        ("3", f"{YEARS_FORMS} (got 3); did you mean [3, 3]?"),
        ('"soon"', f"{YEARS_FORMS} (got 'soon')"),
        (
            "{}",
            "a table of years needs min, max or both, like { max = 2 } (at most 2 years); leave "
            "years out where the data gives none",
        ),
    ],
)
def test_malformed_years_hint_the_right_form(tmp_path: Path, years: str, message: str) -> None:
    path = tmp_path / "bad.toml"
    path.write_text(THREE.replace("years = { max = 2 }", f"years = {years}"), encoding="utf-8")
    code, _, err = run("validate", str(path))
    assert code == 1
    assert err == f"error: {path}: line 34: moves[1].years: {message} (move b -> c)\n"


@pytest.mark.parametrize("fmt", ["toml", "yaml", "json"])
def test_at_most_years_survive_export(three: Path, tmp_path: Path, fmt: str) -> None:
    out = tmp_path / f"out.{fmt}"
    code, _, err = run("--data", str(three), "export", "--format", fmt, "--output", str(out))
    assert code == 0, err
    assert load(out).moves[1].years == (None, 2.0)


def test_basecamp_within_two_years_is_at_most_two() -> None:
    path = ladder_path("basecamp")
    document = tomllib.loads(path.read_text(encoding="utf-8"))
    within_two = [m for m in document["moves"] if "within" in m.get("condition", "")]
    assert len(within_two) == 2
    assert all(move["years"] == {"max": 2} for move in within_two)
    code, out, _ = run("--ladder", "basecamp", "path", "junior-programmer", "senior-programmer")
    assert code == 0
    assert "Total: 2 moves, at most 4 years; 2 moves with no known minimum" in out
    assert "typically" not in out


# -- 4. reach is exact about what is unknown -------------------------------------------------


def ids(items: list[dict[str, Any]]) -> list[str]:
    return [item["id"] for item in items]


def test_reach_on_monzo_lists_unknown_lengths_apart() -> None:
    """Every Monzo move is of unknown length: no level is known to be half a year away."""
    result = run_json("--ladder", "monzo-backend", "reach", "backend-engineer-1", "--within", "0.5")
    assert result["roles"] == []
    assert ids(result["unknown"]) == [f"backend-engineer-{n}" for n in range(2, 7)]
    assert result["unknown_count"] == 5
    code, out, _ = run("--ladder", "monzo-backend", "reach", "backend-engineer-1", "-w", "0.5")
    assert code == 0
    assert "No roles are known to be reachable from backend-engineer-1 within 0.5 years." in out
    assert "time unknown" in out


@pytest.mark.parametrize(
    ("within", "known", "unknown"),
    [
        ("10", ["programmer", "senior-programmer"], ["lead-programmer", "principal-programmer"]),
        ("20", ["programmer", "senior-programmer"], ["lead-programmer", "principal-programmer"]),
        # at most 2 years: not known to be within 1, but it may be
        (
            "1",
            [],
            ["programmer", "senior-programmer", "lead-programmer", "principal-programmer"],
        ),
    ],
)
def test_reach_on_basecamp(within: str, known: list[str], unknown: list[str]) -> None:
    result = run_json("--ladder", "basecamp", "reach", "junior-programmer", "--within", within)
    assert ids(result["roles"]) == known
    assert ids(result["unknown"]) == unknown


BRANCHES = """
[[roles]]
id = "ic"
title = "IC"
track = "eng"
levels = 2

[[roles]]
id = "senior"
title = "Senior"
track = "eng"
levels = 3

[[roles]]
id = "manager"
title = "Manager"
track = "mgmt"
levels = 3

[[roles]]
id = "lead"
title = "Lead"
track = "mgmt"
levels = 1

[[roles]]
id = "pm"
title = "PM"
track = "product"
levels = 3

[[moves]]
from = "ic"
to = "senior"
kind = "upward"
years = [1, 2]

[[moves]]
from = "ic"
to = "manager"
kind = "upward"
years = [1, 2]

[[moves]]
from = "ic"
to = "lead"
kind = "downward"
years = [1, 2]

[[moves]]
from = "ic"
to = "pm"
kind = "upward"
years = [1, 2]
rare = true
"""


@pytest.mark.parametrize(
    ("options", "api", "expected"),
    [
        ((), {}, ["lead", "manager", "pm", "senior"]),
        (("--no-downward",), {"no_downward": True}, ["manager", "pm", "senior"]),
        (("--no-rare",), {"no_rare": True}, ["lead", "manager", "senior"]),
        (("--track", "mgmt"), {"tracks": ["mgmt"]}, ["lead", "manager"]),
        (
            ("--track", "MGMT", "--no-downward"),
            {"tracks": ["mgmt"], "no_downward": True},
            ["manager"],
        ),
    ],
)
def test_reach_takes_the_route_constraints(
    tmp_path: Path, options: tuple[str, ...], api: dict[str, Any], expected: list[str]
) -> None:
    path = tmp_path / "branches.toml"
    path.write_text(BRANCHES, encoding="utf-8")
    result = run_json("--data", str(path), "reach", "ic", "--within", "5", *options)
    assert sorted(ids(result["roles"])) == expected
    found = careermap.load(path).reach("ic", within=5, **api)
    assert sorted(item.role for item in found) == expected


def test_reach_track_must_exist(tmp_path: Path) -> None:
    path = tmp_path / "branches.toml"
    path.write_text(BRANCHES, encoding="utf-8")
    code, _, err = run("--data", str(path), "reach", "ic", "--within", "5", "--track", "mgmnt")
    assert code == 2
    assert err == "error: unknown track 'mgmnt'; did you mean mgmt?\n"


def test_reach_help_says_what_within_measures() -> None:
    code, out, _ = run("reach", "--help")
    assert code == 0
    text = " ".join(out.split())
    assert "What --within measures: the route's best-case (min, the default) or typical" in text
    for option in ("--no-downward", "--no-rare", "--track"):
        assert option in out


# The oracle: bounds of a route's measure, in tenths (typical: the sum of low + high).
Years = tuple[float | None, float | None]


def tenths(years: float) -> int:
    return round(years * 10)


def move_bounds(by: str, years: Years) -> tuple[int, int | None]:
    """The least and the most a move can add to the measure: what the data says of it."""
    low, high = years
    if by == "min":
        if low is not None:
            return tenths(low), tenths(low)
        return 0, None if high is None else tenths(high)
    if low is not None and high is not None:
        return tenths(low + high), tenths(low + high)
    return (0 if low is None else 2 * tenths(low)), None if high is None else 2 * tenths(high)


@st.composite
def reach_cases(draw: st.DrawFn) -> tuple[dict[str, Any], dict[str, Any]]:
    """A ladder of 2-7 roles whose moves are of every kind of years, and a reach query."""
    count = draw(st.integers(2, 7))
    names = [f"r{i}" for i in range(count)]
    tracks = {name: draw(st.sampled_from(["x", "y"])) for name in names}
    levels = {name: draw(st.integers(1, 3)) for name in names}
    spans: list[dict[str, Any]] = [
        {},  # unknown
        {"years": [0.5, 1.5]},
        {"years": [1, 1]},
        {"years": [2, 4]},
        {"years": [0, 0.5]},
        {"years": {"min": 1}},  # open-ended
        {"years": {"min": 3}},
        {"years": {"max": 1}},  # at most
        {"years": {"max": 2.5}},
        {"years": {"min": 0.5, "max": 3}},
    ]
    moves = []
    pairs = draw(
        st.lists(
            st.tuples(st.sampled_from(names), st.sampled_from(names)),
            min_size=count,
            max_size=20,
            unique=True,
        )
    )
    for a, b in pairs:
        if a == b:
            continue
        if levels[b] > levels[a]:
            kind = "upward"
        elif levels[b] < levels[a]:
            kind = "downward"
        else:
            kind = "lateral"
        rare = draw(st.integers(0, 3)) == 0
        moves.append(
            {"from": a, "to": b, "kind": kind, "rare": rare, **draw(st.sampled_from(spans))}
        )
    document = {
        "roles": [{"id": n, "title": n, "track": tracks[n], "levels": levels[n]} for n in names],
        "moves": moves,
    }
    into = draw(st.booleans())
    ends = [move["to" if into else "from"] for move in moves]
    query = {
        "role": draw(st.sampled_from(ends or names)),
        "within": draw(st.one_of(st.none(), st.integers(0, 100).map(lambda q: q / 10))),
        "by": draw(st.sampled_from(["min", "typical"])),
        "into": into,
        "tracks": frozenset(["x"] if draw(st.integers(0, 3)) == 0 else []),
        "no_downward": draw(st.integers(0, 3)) == 0,
        "no_rare": draw(st.integers(0, 3)) == 0,
    }
    return document, query


def oracle(
    document: dict[str, Any], query: dict[str, Any]
) -> tuple[dict[str, int], dict[str, int]]:
    """Per role reached: the least bound of its routes' most (where some route has one),
    and the least of its routes' least; by every simple route."""
    track = {role["id"]: role["track"] for role in document["roles"]}
    graph = nx.DiGraph()
    graph.add_nodes_from(track)
    years: dict[tuple[str, str], Years] = {}
    root = query["role"]
    for move in document["moves"]:
        a, b = move["from"], move["to"]
        if query["no_downward"] and move["kind"] == "downward":
            continue
        if query["no_rare"] and move["rare"]:
            continue
        if query["tracks"] and any(r != root and track[r] not in query["tracks"] for r in (a, b)):
            continue
        given = move.get("years")
        if given is None:
            years[a, b] = (None, None)
        elif isinstance(given, dict):
            years[a, b] = (given.get("min"), given.get("max"))
        else:
            years[a, b] = (given[0], given[1])
        graph.add_edge(b, a) if query["into"] else graph.add_edge(a, b)
    most: dict[str, int] = {}
    least: dict[str, int] = {}
    for other in graph:
        if other == root:
            continue
        for path in nx.all_simple_paths(graph, root, other):
            steps = pairwise(path[::-1] if query["into"] else path)
            bounds = [move_bounds(query["by"], years[step]) for step in steps]
            low = sum(b[0] for b in bounds)
            least[other] = min(least.get(other, low), low)
            highs = [b[1] for b in bounds]
            if None not in highs:
                high = sum(h for h in highs if h is not None)
                most[other] = min(most.get(other, high), high)
    return most, least


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(case=reach_cases())
def test_reach_agrees_with_every_simple_route(case: tuple[dict[str, Any], dict[str, Any]]) -> None:
    document, query = case
    cmap = validate(document, "reach.json")
    most, least = oracle(document, query)
    scale = 2 if query["by"] == "typical" else 1
    within = query["within"]
    if within is None:
        known = set(most)
        maybe = set(least) - known
    else:
        limit = tenths(within) * scale
        known = {role for role, high in most.items() if high <= limit}
        maybe = {role for role, low in least.items() if low <= limit} - known
    found = reach(
        cmap,
        query["role"],
        within,
        query["by"],
        into=query["into"],
        tracks=query["tracks"],
        no_downward=query["no_downward"],
        no_rare=query["no_rare"],
    )
    event(f"{min(len(found), 3)} known, {min(len(found.unknown), 3)} unknown")
    assert [item.role for item in found] == sorted(
        (item.role for item in found), key=lambda role: most[role]
    )
    assert {item.role for item in found} == known
    assert {item.role for item in found.unknown} == maybe
    # Each route shown is one that gives the role's bound.
    for item, bound, side in [
        *((item, most, 1) for item in found),
        *((item, least, 0) for item in found.unknown),
    ]:
        steps = [(s.min_years, s.max_years) for s in item.route.steps]
        parts = [move_bounds(query["by"], step)[side] for step in steps]
        assert None not in parts
        assert sum(p for p in parts if p is not None) == bound[item.role]
        ends = (item.role, query["role"]) if query["into"] else (query["role"], item.role)
        assert (item.route.roles[0], item.route.roles[-1]) == ends


# -- 6. authoring: meta.source, init --from, no silent substitution ---------------------------


IN_HOUSE = """
[meta]
name = "In-house"
source = "our handbook"

[[roles]]
id = "a"
title = "Engineer"
track = "eng"
levels = 1

[[roles]]
id = "b"
title = "Senior"
track = "eng"
levels = 2
source = "reconstructed"

[[moves]]
from = "a"
to = "b"
kind = "upward"
years = [1, 2]
"""


def test_meta_source_is_every_record_s_default(tmp_path: Path) -> None:
    path = tmp_path / "in-house.toml"
    path.write_text(IN_HOUSE, encoding="utf-8")
    code, out, _ = run("validate", str(path), "--strict")
    assert code == 0
    assert out == f"{path}: valid: 2 roles, 1 move, 1 track (eng), levels L1-2; 0 warnings\n"
    cmap = load(path)
    assert [role.source for role in cmap.roles] == ["our handbook", "reconstructed"]
    assert cmap.moves[0].source == "our handbook"
    # Written back, the default stays the default and the override stays on its record.
    out_path = tmp_path / "out.toml"
    assert run("--data", str(path), "export", "--format", "toml", "-o", str(out_path))[0] == 0
    written = tomllib.loads(out_path.read_text(encoding="utf-8"))
    assert written["meta"]["source"] == "our handbook"
    assert [role.get("source") for role in written["roles"]] == [None, "reconstructed"]
    assert "source" not in written["moves"][0]


def test_without_meta_source_each_record_is_warned(tmp_path: Path) -> None:
    path = tmp_path / "in-house.toml"
    path.write_text(IN_HOUSE.replace('source = "our handbook"\n', ""), encoding="utf-8")
    code, out, _ = run("validate", str(path))
    assert code == 0
    assert out.count("has no source") == 2
    assert "give every record a default with meta.source" in out


def test_an_undeclared_meta_source_is_warned_once(tmp_path: Path) -> None:
    path = tmp_path / "in-house.toml"
    text = IN_HOUSE.replace(
        'source = "our handbook"\n',
        'source = "hanbook"\n[[meta.sources]]\nkey = "handbook"\ntitle = "H"\n',
    )
    path.write_text(text, encoding="utf-8")
    code, out, _ = run("validate", str(path))
    assert code == 0
    assert out.count("names no source in meta.sources") == 1
    assert "meta.source: source 'hanbook' names no source in meta.sources" in out


@pytest.mark.parametrize(
    ("name", "ladder"),
    [("basecamp", "basecamp"), ("default", "skills-map"), ("Monzo-Backend", "monzo-backend")],
)
def test_init_from_any_built_in_ladder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, name: str, ladder: str
) -> None:
    monkeypatch.chdir(tmp_path)
    result = run_json("init", "copy.yaml", "--from", name)
    assert result == {
        "file": "copy.yaml",
        "format": "yaml",
        "from": ladder,
        "from_default": ladder == "skills-map",
    }
    copy, shipped = load(tmp_path / "copy.yaml"), load(ladder_path(ladder))
    assert [r.id for r in copy.roles] == [r.id for r in shipped.roles]
    assert [(m.from_, m.to, m.years) for m in copy.moves] == [
        (m.from_, m.to, m.years) for m in shipped.moves
    ]
    assert run("validate", "copy.yaml", "--strict")[0] == 0
    assert yaml.safe_load((tmp_path / "copy.yaml").read_text(encoding="utf-8"))["roles"]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        pytest.param(
            ["--ladder", "basecamp", "init", "x.yaml", "--from-default"],
            "--ladder basecamp and --from-default disagree; init copies the ladder named by "
            "--from: careermap init FILE --from basecamp (or --from skills-map)",
            id="ladder-vs-from-default",
        ),
        pytest.param(
            ["--ladder", "basecamp", "init", "x.yaml", "--from", "monzo-backend"],
            "--ladder basecamp and --from monzo-backend disagree; init copies the ladder named "
            "by --from: careermap init FILE --from basecamp (or --from monzo-backend)",
            id="ladder-vs-from",
        ),
        pytest.param(
            ["--ladder", "basecamp", "init", "x.yaml"],
            "init does not read --ladder; to start from basecamp: careermap init FILE --from "
            "basecamp",
            id="ladder-alone",
        ),
        pytest.param(
            ["init", "x.yaml", "--from", "basecmp"],
            "unknown ladder 'basecmp'; did you mean basecamp?",
            id="unknown-ladder",
        ),
        pytest.param(
            ["init", "x.yaml", "--from", "basecamp", "--from-default"],
            "--from basecamp and --from-default disagree; give one of them",
            id="from-vs-from-default",
        ),
    ],
)
def test_init_never_substitutes_one_ladder_for_another(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, args: list[str], message: str
) -> None:
    monkeypatch.chdir(tmp_path)
    code, _, err = run(*args)
    assert code == 2
    assert err == f"error: {message}\n"
    assert not (tmp_path / "x.yaml").exists()


def test_init_with_an_agreeing_ladder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    code, _, err = run("--ladder", "basecamp", "init", "x.toml", "--from", "basecamp")
    assert code == 0, err
    assert len(load(tmp_path / "x.toml").roles) == 5


# -- 8. the Python API takes str or Path ------------------------------------------------------


@pytest.mark.parametrize("as_type", [str, Path])
def test_api_file_arguments_take_str_or_path(three: Path, as_type: type) -> None:
    report = careermap.validate(as_type(three))
    assert report.file == str(three)
    assert not report.failed
    assert report.summary is not None and report.summary["moves"] == 2
    assert len(careermap.load(as_type(three)).roles) == 3
    missing = careermap.validate(as_type(three.with_name("missing.json")))
    assert [finding.message for finding in missing.errors] == ["no such file"]
