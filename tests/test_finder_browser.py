"""The page's route finder ("Find a route") in a real browser, against the command line.

The finder is plain JavaScript (careermap/render/finder.js) inlined in the exported page; it
exposes ``window.careermapFind(from, to, options)``, which returns its answer as plain data, so
one page load can ask it every question. Each answer is compared with ``careermap path FROM TO
--top K [--no-downward] [--track T] [--avoid R] --json`` (the Python API and the JSON renderer,
as the CLI calls them): the routes' role ids in order, their totals (best case, worst case,
typical, P10 and P90), and the total as the CLI words it (``render.text.route_total``). On the
shipped map for every (from, to) pair and a sample of constrained queries; on a generated
60-role ladder (open-ended and unknown years, downward moves, roles on two tracks) for a sample
of pairs and constraints.

Also: the link is the state (the hash round trip, role links untouched), the keyboard, a
390 px phone, the accessibility tree of the result, and the page without JavaScript.
Screenshots go to tests/artifacts/finder-*.png.

They skip, saying why, without the playwright package or /usr/bin/chromium (.ci/run installs
Debian's chromium; Playwright's own browser download is not used).
"""

from __future__ import annotations

import json
import random
from collections.abc import Iterator
from itertools import pairwise
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from careermap.cli import app
from careermap.errors import NoRouteError
from careermap.estimates import estimate
from careermap.loader import load
from careermap.models import CareerMap
from careermap.options import RouteOptions
from careermap.render import render
from careermap.render.html import render_page
from careermap.render.text import route_total
from careermap.results import find_path
from tests.browser import ARGS, ARTIFACTS, BROWSER_MODULE, CHROMIUM

WORKED = ["senior-engineer", "engineering-manager", "senior-engineering-manager"]
WORKED.append("director-of-tech")
STATE = "#from=senior-engineer&to=director-of-tech"

sync_api = pytest.importorskip(
    "playwright.sync_api", reason="the playwright package is not installed (pip install -e .[dev])"
)
pytestmark = BROWSER_MODULE
runner = CliRunner()

# -- a generated ladder ----------------------------------------------------------------------

TRACKS = ["backend", "frontend", "data", "sre", "management", "product"]
RANKS = 10


def generated_ladder(seed: int = 17) -> dict[str, Any]:
    """A valid 60-role ladder: 6 tracks of 10 ranks, some roles on two tracks; upward moves
    (some skipping a rank), lateral moves both ways between neighbouring tracks, downward
    moves to another track; years in halves, a tenth of them open-ended ("1+") and as many of
    unknown length; some moves with a note or a condition."""
    rng = random.Random(seed)
    roles: list[dict[str, Any]] = []
    moves: list[dict[str, Any]] = []
    levels: dict[str, tuple[int, int]] = {}
    for k, track in enumerate(TRACKS):
        for rank in range(RANKS):
            role_id, low = f"{track}-{rank}", 2 + rank
            ranged = (rank + k) % 4 == 0
            levels[role_id] = (low, low + 1 if ranged else low)
            on: str | list[str] = track
            if rank in (4, 5) and k + 1 < len(TRACKS):
                on = [track, TRACKS[k + 1]]  # a role two tracks share
            roles.append(
                {
                    "id": role_id,
                    "title": f"{track.title()} role {rank}",
                    "track": on,
                    "levels": [low, low + 1] if ranged else low,
                }
            )
    made: set[tuple[str, str]] = set()

    def add(a: str, b: str, years: Any) -> None:
        if (a, b) in made:
            return
        made.add((a, b))
        (a_low, a_high), (b_low, b_high) = levels[a], levels[b]
        if a_low <= b_high and b_low <= a_high:
            kind = "lateral"
        else:
            kind = "upward" if b_low > a_low else "downward"
        move: dict[str, Any] = {"from": a, "to": b, "kind": kind, "source": "generated"}
        if rng.random() < 0.3:
            move["note"] = f"a note on {a} to {b}"
        if rng.random() < 0.15:
            move["condition"] = "business need"
        if years == "open":
            move["years"] = {"min": rng.choice([1, 1.5, 2])}
        elif years is not None:
            move["years"] = years
        moves.append(move)

    up = [[1, 3], [2, 4], [3, 8], [0.5, 2], [2.5, 5], [1.5, 1.5], "open", None]
    side = [[0.5, 2], [1, 2], [0.5, 1], "open", None]
    for k, track in enumerate(TRACKS):
        for rank in range(RANKS - 1):
            add(f"{track}-{rank}", f"{track}-{rank + 1}", rng.choice(up))
            if rank + 2 < RANKS and rng.random() < 0.25:
                add(f"{track}-{rank}", f"{track}-{rank + 2}", rng.choice(up))
        for rank in range(RANKS):
            for other in (k - 1, k + 1):
                if 0 <= other < len(TRACKS) and rng.random() < 0.6:
                    add(f"{track}-{rank}", f"{TRACKS[other]}-{rank}", rng.choice(side))
            if rank and rng.random() < 0.2:
                add(f"{track}-{rank}", f"{TRACKS[(k + 1) % len(TRACKS)]}-{rank - 1}", [1, 3])
            if rank + 1 < RANKS and rng.random() < 0.2:
                onward = f"{TRACKS[(k + 2) % len(TRACKS)]}-{rank + 1}"
                add(f"{track}-{rank}", onward, rng.choice(up))
    return {"meta": {"name": "A generated 60-role ladder"}, "roles": roles, "moves": moves}


# -- fixtures --------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def shipped() -> CareerMap:
    return load()


@pytest.fixture(scope="module")
def sixty(tmp_path_factory: pytest.TempPathFactory) -> CareerMap:
    path = tmp_path_factory.mktemp("ladder") / "sixty.json"
    path.write_text(json.dumps(generated_ladder()), encoding="utf-8")
    cmap = load(path)
    assert len(cmap.roles) == 60 and len(cmap.tracks) == 6
    assert {m.kind for m in cmap.moves} == {"upward", "lateral", "downward"}
    assert any(m.years is None for m in cmap.moves)  # unknown length
    assert any(m.years is not None and m.years[1] is None for m in cmap.moves)  # open-ended
    assert any(len(role.tracks) == 2 for role in cmap.roles)
    return cmap


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    with sync_api.sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        yield launched
        launched.close()


@pytest.fixture(scope="module")
def exported(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The shipped map's page, written as a user would: ``careermap export --format html``."""
    target = tmp_path_factory.mktemp("page") / "ladder.html"
    result = runner.invoke(app, ["export", "--format", "html", "--output", str(target)])
    assert result.exit_code == 0, result.output
    return target


def open_page(browser: Any, path: Path, fragment: str = "", **context: Any) -> Any:
    """A new page on ``path`` (with ``fragment``); page errors and console messages fail."""
    page = browser.new_context(**context).new_page()
    problems: list[str] = []
    page.on("pageerror", lambda error: problems.append(str(error)))
    page.on("console", lambda message: problems.append(message.text))
    page.problems = problems
    page.goto(path.as_uri() + fragment)
    return page


def close(page: Any) -> None:
    assert page.problems == []
    page.context.close()


# -- the finder against the command line -----------------------------------------------------

ASK = """(queries) => queries.map(([from, to, options]) => {
  const answer = careermapFind(from, to, options);
  return {complete: answer.complete, error: answer.error, routes: answer.routes.map((r) => ({
    roles: r.roles, min: r.min, max: r.max, typical: r.typical, p10: r.p10, p90: r.p90,
    total: r.total, kinds: r.steps.map((s) => s.kind), years: r.steps.map((s) => s.years)}))};
})"""

Query = tuple[str, str, dict[str, Any]]


def cli_answer(cmap: CareerMap, source: str, target: str, options: dict[str, Any]) -> Any:
    """What ``careermap path`` answers: (its JSON, its routes), or None where it finds none."""
    try:
        result = find_path(
            cmap,
            source,
            target,
            top=options["top"],
            options=RouteOptions(
                no_downward=options.get("noDownward", False),
                tracks=(options["track"],) if options.get("track") else (),
                avoid=(options["avoid"],) if options.get("avoid") else (),
            ),
        )
    except NoRouteError:
        return None
    return render(result, "json"), result.routes


def near(got: float | None, want: float | None) -> bool:
    """Equal within the JSON's rounding to hundredths (and both unknown alike)."""
    if got is None or want is None:
        return got is None and want is None
    return abs(got - want) <= 0.006


def check_against_cli(page: Any, cmap: CareerMap, queries: list[Query]) -> int:
    """Ask the page every query at once, and each of the CLI; how many had routes."""
    answers = page.evaluate(ASK, [list(query) for query in queries])
    with_routes = 0
    for (source, target, options), got in zip(queries, answers, strict=True):
        where = (source, target, options)
        assert got["complete"] and got["error"] is None, where
        expected = cli_answer(cmap, source, target, options)
        if expected is None:
            assert got["routes"] == [], where  # and the page says so: see the text test
            continue
        with_routes += 1
        shaped, routes = expected
        paths = shaped["paths"]
        assert [r["roles"] for r in got["routes"]] == [p["roles"] for p in paths], where
        for mine, theirs, route in zip(got["routes"], paths, routes, strict=True):
            assert near(mine["min"], theirs["min_years"]), (where, mine, theirs)
            assert near(mine["max"], theirs["max_years"]), (where, mine, theirs)
            assert near(mine["typical"], theirs["p50_years"]), (where, mine, theirs)
            assert near(mine["p10"], theirs["p10_years"]), (where, mine, theirs)
            assert near(mine["p90"], theirs["p90_years"]), (where, mine, theirs)
            assert mine["total"] == route_total(route), where
            assert mine["kinds"] == [step["kind"] for step in theirs["steps"]]
    return with_routes


def sample_queries(cmap: CareerMap, count: int, seed: int) -> list[Query]:
    """Random (from, to) pairs with random constraints: K 1-5, no downward moves, a track,
    an avoided role (never an end)."""
    rng = random.Random(seed)
    ids = [role.id for role in cmap.roles]
    queries: list[Query] = []
    for _ in range(count):
        source, target = rng.sample(ids, 2)
        options: dict[str, Any] = {"top": rng.randint(1, 5), "noDownward": rng.random() < 0.5}
        if rng.random() < 0.4:
            options["track"] = rng.choice(cmap.tracks)
        if rng.random() < 0.4:
            options["avoid"] = rng.choice([i for i in ids if i not in (source, target)])
        queries.append((source, target, options))
    return queries


def test_every_pair_of_the_shipped_map_agrees_with_the_cli(
    browser: Any, shipped: CareerMap, exported: Path
) -> None:
    """All 272 (from, to) pairs, the best 5 routes of each, in one page load."""
    ids = [role.id for role in shipped.roles]
    pairs: list[Query] = [(a, b, {"top": 5}) for a in ids for b in ids if a != b]
    assert len(pairs) == 272
    page = open_page(browser, exported)
    assert check_against_cli(page, shipped, pairs) > 100  # 144 of the pairs have routes
    close(page)


def test_constrained_queries_on_the_shipped_map_agree_with_the_cli(
    browser: Any, shipped: CareerMap, exported: Path
) -> None:
    queries = sample_queries(shipped, 200, seed=1)
    page = open_page(browser, exported)
    assert check_against_cli(page, shipped, queries) > 40
    close(page)


def test_a_sixty_role_ladder_agrees_with_the_cli(
    browser: Any, sixty: CareerMap, tmp_path: Path
) -> None:
    """Pairs with and without constraints on the generated ladder, where routes mix known,
    open-ended and unknown years (so "at least" totals and unknown counts are compared too)."""
    path = tmp_path / "sixty.html"
    path.write_text(render_page(sixty), encoding="utf-8")
    rng = random.Random(5)
    ids = [role.id for role in sixty.roles]
    plain: list[Query] = [(*rng.sample(ids, 2), {"top": 5}) for _ in range(150)]  # type: ignore[misc]
    page = open_page(browser, path)
    assert check_against_cli(page, sixty, plain + sample_queries(sixty, 250, seed=2)) > 150
    totals = page.evaluate(
        """(ids) => { const seen = {complete: 0, atLeast: 0, unknownMoves: 0};
        for (const a of ids) for (const b of ids) if (a !== b)
          for (const r of careermapFind(a, b, {top: 5}).routes) {
            if (r.p10 !== null) seen.complete++;
            if (r.total.startsWith('at least')) seen.atLeast++;
            if (r.unknown) seen.unknownMoves++; }
        return seen; }""",
        ids,
    )
    assert all(count > 100 for count in totals.values()), totals  # every kind of total occurs
    close(page)


def test_p10_p90_port_agrees_with_python(browser: Any, exported: Path) -> None:
    """finder.js's port of estimates.py on random ranges: within 0.01 years of Python."""
    rng = random.Random(3)
    cases = []
    for _ in range(300):
        ranges = []
        for _ in range(rng.randint(1, 12)):
            low = rng.choice([0, 0.5, 1, 2, 3]) + round(rng.random() * 4, 2)
            width = rng.choice([0, 0, 0.0001, 0.5, 1, 2, 5]) * rng.random() * 2
            ranges.append([low, low + width])
        cases.append(ranges)
    page = open_page(browser, exported)
    got = page.evaluate("(cases) => cases.map((ranges) => careermapEstimate(ranges))", cases)
    for ranges, mine in zip(cases, got, strict=True):
        want = estimate([(a, b) for a, b in ranges])
        for key, theirs in (
            ("min", want.min_years),
            ("max", want.max_years),
            ("p10", want.p10_years),
            ("p50", want.p50_years),
            ("p90", want.p90_years),
        ):
            assert abs(mine[key] - theirs) < 0.01, (ranges, key, mine[key], theirs)
    close(page)


def test_the_finder_never_claims_no_route_when_it_stopped_early(
    browser: Any, exported: Path
) -> None:
    page = open_page(browser, exported)
    stopped = page.evaluate("careermapFind('senior-engineer', 'fellow', {top: 5, budget: 5})")
    assert stopped["complete"] is False and stopped["error"] is None
    full = page.evaluate("careermapFind('senior-engineer', 'fellow', {top: 5})")
    assert full["complete"] is True and full["routes"]
    refused = page.evaluate("careermapFind('fellow', 'fellow', {top: 1})")
    assert refused["error"] == "From and To are the same role: pick two different roles."
    close(page)


# -- the page: the link is the state, the map, the words -------------------------------------

FOUND = """() => ({
  moves: [...document.querySelectorAll('.map g.move.found')]
    .map((g) => g.dataset.from + '>' + g.dataset.to).sort(),
  roles: [...document.querySelectorAll('.map g.role.found')].map((g) => g.dataset.role).sort(),
  stroke: (() => { const line = document.querySelector('.map g.move.found line');
    return line ? getComputedStyle(line).stroke : null; })()})"""


def form_state(page: Any) -> dict[str, Any]:
    return {
        "from": page.input_value("#finder-from"),
        "to": page.input_value("#finder-to"),
        "top": page.input_value("#finder-top"),
        "no-downward": page.is_checked("#finder-no-downward"),
        "track": page.input_value("#finder-track"),
        "avoid": page.input_value("#finder-avoid"),
    }


def test_the_link_opens_the_route_and_the_map_shows_it(browser: Any, exported: Path) -> None:
    """The issue's check: the exported page opened at #from=senior-engineer&to=director-of-tech
    shows 6.5-18 years for the first route, at once, marked on the map."""
    page = open_page(browser, exported, STATE)
    first = page.locator("#finder-result h4").first
    assert first.inner_text() == ("Route 1: 6.5-18 years, typically 12.3 years (P10-P90: 9.4-15.1)")
    assert form_state(page) == {
        "from": "senior-engineer",
        "to": "director-of-tech",
        "top": "3",
        "no-downward": False,
        "track": "",
        "avoid": "",
    }
    found = page.evaluate(FOUND)
    assert found["moves"] == sorted(f"{a}>{b}" for a, b in pairwise(WORKED))
    assert found["roles"] == sorted(WORKED)
    assert found["stroke"] == "rgb(185, 28, 28)"  # the route colour, over the data's grey
    steps = page.locator("#finder-result ol.finder-steps").first.locator(":scope > li")
    assert steps.count() == 3
    assert (
        steps.nth(0)
        .inner_text()
        .startswith(
            "Senior Engineer → Engineering Manager: lateral, 0.5-2 years.\nnamed by the article"
        )
    )
    close(page)


def test_changing_the_form_rewrites_the_link_without_history(
    browser: Any, exported: Path, shipped: CareerMap
) -> None:
    page = open_page(browser, exported, STATE)
    entries = page.evaluate("history.length")
    page.select_option("#finder-track", "management")
    page.check("#finder-no-downward")
    page.select_option("#finder-top", "1")
    page.select_option("#finder-avoid", "senior-engineering-manager")
    wanted = (
        "#from=senior-engineer&to=director-of-tech&top=1&no-downward=1&track=management"
        "&avoid=senior-engineering-manager"
    )
    assert page.evaluate("location.hash") == wanted
    assert page.evaluate("history.length") == entries  # replaceState: no entry per change
    shown = page.inner_text("#finder-result")
    assert "No route from Senior Engineer to Director of Tech with these constraints" in shown
    assert page.evaluate(FOUND)["moves"] == []  # nothing left marked on the map
    page.select_option("#finder-avoid", "")
    result = find_path(
        shipped,
        "senior-engineer",
        "director-of-tech",
        top=1,
        options=RouteOptions(no_downward=True, tracks=("management",)),
    )
    heading = page.locator("#finder-result h4").first.inner_text()
    assert heading == f"Route 1: {route_total(result.routes[0])}"
    link = page.evaluate("location.href")
    close(page)
    # The link opens the same answer.
    again = open_page(browser, exported, link[link.index("#") :])
    assert form_state(again)["track"] == "management" and form_state(again)["top"] == "1"
    assert again.locator("#finder-result h4").first.inner_text() == heading
    close(again)


def test_role_links_keep_working_beside_the_finder(browser: Any, exported: Path) -> None:
    page = open_page(browser, exported, STATE)
    before = page.inner_text("#finder-result")
    page.click('#finder-result a[href="#role-engineering-manager"]')
    assert page.evaluate("location.hash") == "#role-engineering-manager"
    assert page.evaluate("document.querySelector(':target').id") == "role-engineering-manager"
    assert page.inner_text("#finder-result") == before  # a role link is not finder state
    page.click('.map a[href="#role-fellow"]')
    assert page.evaluate("document.querySelector(':target').id") == "role-fellow"
    page.go_back()
    page.go_back()
    assert page.evaluate("location.hash") == STATE
    assert page.inner_text("#finder-result") == before
    close(page)


def test_the_finder_works_from_the_keyboard(browser: Any, exported: Path) -> None:
    """Tab reaches From, then To; typing picks a role; Enter shows the routes."""
    page = open_page(browser, exported)
    for _ in range(30):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.id") == "finder-from":
            break
    else:
        pytest.fail("Tab never reached the From select")
    page.keyboard.type("Senior Engineer")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.id") == "finder-to"
    page.keyboard.type("Director of Tech")
    page.keyboard.press("Enter")
    assert page.input_value("#finder-from") == "senior-engineer"
    assert page.input_value("#finder-to") == "director-of-tech"
    assert page.locator("#finder-result h4").first.inner_text().startswith("Route 1: 6.5-18 years")
    assert page.evaluate("location.hash") == STATE
    # The rest of the form is in the tab order too, ending at the button.
    order = []
    for _ in range(6):
        page.keyboard.press("Tab")
        order.append(page.evaluate("document.activeElement.id || document.activeElement.type"))
    assert order == [
        "finder-no-downward",
        "finder-track",
        "finder-avoid",
        "finder-top",
        "submit",
        order[5],
    ]
    page.keyboard.press("Shift+Tab")
    page.keyboard.press("Shift+Tab")
    page.keyboard.press("Shift+Tab")
    page.keyboard.press("Shift+Tab")
    page.keyboard.press("Shift+Tab")
    assert page.evaluate("document.activeElement.id") == "finder-no-downward"
    page.keyboard.press("Space")
    assert "no-downward=1" in page.evaluate("location.hash")
    # Enter on a select goes on its own (typing above already fired "change"): values set
    # without any event show nothing until Enter.
    page.evaluate(
        """() => { document.querySelector('#finder-from').value = 'staff-engineer';
        document.querySelector('#finder-to').value = 'fellow'; }"""
    )
    page.focus("#finder-to")
    assert "Senior Engineer to Director of Tech" in page.inner_text("#finder-result")
    page.keyboard.press("Enter")
    assert page.locator("#finder-result h3").inner_text() == "Routes from Staff Engineer to Fellow"
    assert page.evaluate("location.hash").startswith("#from=staff-engineer&to=fellow")
    close(page)


def test_the_result_reads_well_in_a_screen_reader(browser: Any, exported: Path) -> None:
    """A polite live region; in Chromium's accessibility tree: a heading, then each route as a
    list item with its own heading and a list of its moves."""
    page = open_page(browser, exported, STATE)
    region = page.locator("#finder-result")
    assert region.get_attribute("aria-live") == "polite"
    if not hasattr(region, "aria_snapshot"):
        pytest.skip("this playwright has no aria_snapshot (1.49 or later)")
    tree = region.aria_snapshot()
    # YAML: a line with ": " in it is quoted ("- 'heading ...'").
    lines = [line.strip().replace("- '", "- ").rstrip("'") for line in tree.splitlines()]
    assert lines[0] == '- heading "Routes from Senior Engineer to Director of Tech" [level=3]'
    assert lines[2] == "- list:"
    assert lines[3] == "- listitem:"
    assert lines[4] == (
        '- heading "Route 1: 6.5-18 years, typically 12.3 years (P10-P90: 9.4-15.1)" [level=4]'
    )
    assert '- list "Moves of route 1":' in lines
    assert '- link "Engineering Manager":' in lines
    assert '- text: ": lateral, 0.5-2 years. named by the article as a lateral move within L5;' in (
        tree
    )
    controls = page.locator("#finder form").aria_snapshot()
    for name in ("From", "To", "Stay on a track", "Avoid a role", "Routes to show"):
        assert f'- combobox "{name}"' in controls, controls
    assert '- checkbox "No downward moves"' in controls
    close(page)


@pytest.mark.parametrize("width", [390, 1280])
def test_the_finder_fits_a_phone_and_a_desktop(width: int, browser: Any, exported: Path) -> None:
    phone = width < 500
    page = open_page(
        browser,
        exported,
        STATE,
        viewport={"width": width, "height": 844 if phone else 900},
        device_scale_factor=2 if phone else 1,
        is_mobile=phone,
        has_touch=phone,
    )
    sizes = page.evaluate(
        """() => ({scroll: document.documentElement.scrollWidth, inner: window.innerWidth,
        widest: Math.max(...[...document.querySelectorAll('#finder *')]
          .map((e) => e.getBoundingClientRect().right))})"""
    )
    assert sizes["scroll"] <= sizes["inner"] == width, sizes
    assert sizes["widest"] <= width, sizes
    ARTIFACTS.mkdir(exist_ok=True)
    page.locator("#finder").screenshot(path=str(ARTIFACTS / f"finder-{width}.png"))
    page.evaluate("document.querySelector('.map g.move.found').scrollIntoView({block: 'center'})")
    page.screenshot(path=str(ARTIFACTS / f"finder-{width}-map.png"))
    close(page)


def test_without_javascript_the_page_is_static_and_says_so(browser: Any, exported: Path) -> None:
    page = open_page(browser, exported, STATE, java_script_enabled=False)
    assert not page.is_visible("#finder-form")
    assert page.locator("#finder noscript").count() == 1
    assert "The route finder needs JavaScript" in page.inner_text("#finder")
    assert page.inner_text("#finder-result") == ""
    assert page.is_visible("#routes table")
    close(page)


def test_the_policy_runs_no_other_script(browser: Any, exported: Path, tmp_path: Path) -> None:
    """The Content-Security-Policy is enforced: the finder changed by one character no longer
    matches its hash, so Chromium refuses to run it and the page stays static."""
    html = exported.read_text(encoding="utf-8")
    tampered = tmp_path / "tampered.html"
    tampered.write_text(html.replace('"use strict";', '"use strict"; ', 1), encoding="utf-8")
    context = browser.new_context()
    page = context.new_page()
    messages: list[str] = []
    page.on("console", lambda message: messages.append(message.text))
    page.goto(tampered.as_uri() + STATE)
    assert not page.is_visible("#finder-form")
    assert page.evaluate("typeof window.careermapFind") == "undefined"
    assert any("Content Security Policy" in message for message in messages), messages
    context.close()


# -- hostile links ---------------------------------------------------------------------------

HOSTILE = "#from=constructor&to=__proto__"


@pytest.mark.parametrize(
    ("fragment", "ignored", "routes"),
    [
        (HOSTILE, ["from=constructor", "to=__proto__"], False),
        ("#from=senior-engineer&to=__proto__", ["to=__proto__"], False),
        ("#from=hasOwnProperty&to=director-of-tech&avoid=valueOf", ["from=", "avoid="], False),
        (
            STATE + "&avoid=toString&track=constructor&top=__proto__",
            ["avoid=toString", "track=constructor", "top=__proto__"],
            True,
        ),
        ("#__proto__=1&constructor=x&" + STATE[1:], ["__proto__=1", "constructor=x"], True),
    ],
    ids=["both-ends", "to", "from-and-avoid", "options", "keys"],
)
def test_a_link_with_names_the_map_lacks_is_ignored_with_a_note(
    browser: Any, exported: Path, fragment: str, ignored: list[str], routes: bool
) -> None:
    """Names such as constructor and __proto__ are on every JavaScript object: the finder
    threw on them. Now what the map lacks is left out of the form and the page says so, and
    the rest of the link still works."""
    page = open_page(browser, exported, fragment)
    note = page.locator("#finder-result .finder-ignored")
    assert note.is_visible()
    for item in ignored:
        assert item in note.inner_text()
    state = form_state(page)
    assert state["from"] in ("", "senior-engineer") and state["to"] in ("", "director-of-tech")
    assert state["avoid"] == "" and state["track"] == "" and state["top"] == "3"
    if routes:
        assert page.locator("#finder-result h4").first.inner_text().startswith("Route 1: 6.5-18")
    else:
        assert page.locator("#finder-result h4").count() == 0
        assert "Choose a From and a To role" in page.inner_text("#finder-result")
    close(page)  # no page error, no console message


def test_hostile_names_after_load_and_through_the_api_throw_nothing(
    browser: Any, exported: Path
) -> None:
    page = open_page(browser, exported, STATE)
    page.evaluate("location.hash = '#from=constructor&to=senior-engineer'")
    page.wait_for_selector("#finder-result .finder-ignored")
    assert "from=constructor" in page.inner_text("#finder-result .finder-ignored")
    answers = page.evaluate(
        """() => [
          careermapFind("constructor", "__proto__", {}).error,
          careermapFind("senior-engineer", "director-of-tech", {avoid: "toString"}).error,
          careermapFind("senior-engineer", "director-of-tech", {track: "constructor"}).error,
        ]"""
    )
    assert answers == [
        "This map has no role 'constructor'.",
        "This map has no role 'toString'.",
        "This map has no track 'constructor'.",
    ]
    close(page)


@pytest.mark.parametrize("with_map", [True, False])
def test_the_answer_mentions_the_map_only_where_there_is_one(
    with_map: bool, browser: Any, shipped: CareerMap, tmp_path: Path
) -> None:
    """A ladder without skills has no map on its page: the first route is not said to be
    marked on one (issue 30)."""
    result = runner.invoke(app, ["export", "--format", "json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    if not with_map:
        for role in data["roles"]:
            role.pop("skills", None)
    ladder = tmp_path / "ladder.json"
    ladder.write_text(json.dumps(data), encoding="utf-8")
    page_path = tmp_path / "ladder.html"
    page_path.write_text(render_page(load(ladder)), encoding="utf-8")
    page = open_page(browser, page_path, STATE)
    assert page.locator(".map svg").count() == (1 if with_map else 0)
    summary = page.locator("#finder-result .route-summary").first.inner_text()
    assert ("marked on the skills map" in summary) == with_map, summary
    close(page)
