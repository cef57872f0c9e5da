"""The map pictures measured where people see them: in a real browser (Playwright driving the
system Chromium).

The drawn geometry is read back with getBoundingClientRect and document.elementFromPoint, on the
shipped map and on a generated 50-role, 9-track ladder: no label box meets another label, a
marker or an arrowhead; every arrowhead's middle shows (no label is the topmost element there);
the labels drawn fit the boxes the layout measured for them. The HTML page must not scroll
sideways at 390 px (a phone) or 1280 px. Screenshots go to tests/artifacts/ to look at.

They skip, saying why, without the playwright package or /usr/bin/chromium (.ci/run installs
Debian's chromium; Playwright's own browser download is not used).
"""

from __future__ import annotations

import json
import struct
from collections.abc import Iterator
from itertools import pairwise
from pathlib import Path
from typing import Any

import pytest

from careermap.loader import load
from careermap.models import CareerMap
from careermap.render.html import render_page
from careermap.render.svg import WIDTH, render_svg
from tests.browser import ARGS, ARTIFACTS, BROWSER_MODULE, CHROMIUM
from tests.crowded import clustered_ladder, generated_ladder, stacked_ladder

WORKED_EXAMPLE = ["senior-engineer", "engineering-manager", "senior-engineering-manager"]
WORKED_EXAMPLE.append("director-of-tech")

sync_api = pytest.importorskip(
    "playwright.sync_api", reason="the playwright package is not installed (pip install -e .[dev])"
)
pytestmark = BROWSER_MODULE

# -- generated ladders (tests/crowded.py) ----------------------------------------------------


def load_generated(tmp_path_factory: pytest.TempPathFactory, ladder: dict[str, Any]) -> CareerMap:
    path = tmp_path_factory.mktemp("ladder") / "generated.json"
    path.write_text(json.dumps(ladder), encoding="utf-8")
    return load(path)


@pytest.fixture(scope="module")
def stacked(tmp_path_factory: pytest.TempPathFactory) -> CareerMap:
    return load_generated(tmp_path_factory, stacked_ladder())


@pytest.fixture(scope="module")
def long_titles(tmp_path_factory: pytest.TempPathFactory) -> CareerMap:
    return load_generated(tmp_path_factory, stacked_ladder(long_titles=True))


@pytest.fixture(scope="module")
def clustered(tmp_path_factory: pytest.TempPathFactory) -> CareerMap:
    return load_generated(tmp_path_factory, clustered_ladder())


@pytest.fixture(scope="module")
def shipped() -> CareerMap:
    return load()


@pytest.fixture(scope="module")
def big(tmp_path_factory: pytest.TempPathFactory) -> CareerMap:
    path = tmp_path_factory.mktemp("ladder") / "fifty.json"
    path.write_text(json.dumps(generated_ladder()), encoding="utf-8")
    cmap = load(path)
    assert len(cmap.roles) == 50 and len(cmap.tracks) == 9
    assert {m.kind for m in cmap.moves} == {"upward", "lateral"}
    return cmap


BIG_ROUTE = ["backend-0", "backend-1", "backend-2", "backend-3", "backend-4"]


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    with sync_api.sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        yield launched
        launched.close()


# -- the map's drawn geometry ----------------------------------------------------------------

MEASURE = """() => {
  const box = (el) => { const r = el.getBoundingClientRect();
    return {x: r.x, y: r.y, w: r.width, h: r.height}; };
  const labels = [...document.querySelectorAll('g.label, g.key-number')].map((g) => ({
    role: g.closest('g.role').dataset.role, box: box(g),
    planned: g.dataset.width ? {x: +g.dataset.x, y: +g.dataset.y, w: +g.dataset.width,
                                h: +g.dataset.height} : null}));
  const drawn = document.querySelectorAll('g.roles .marker, g.roles .route-ring');
  const markers = [...drawn].map((m) => ({
    role: m.closest('g.role').dataset.role, box: box(m)}));
  const heads = [...document.querySelectorAll('polygon.head')].map((p) => {
    const pts = p.getAttribute('points').trim().split(/\\s+/).map((s) => s.split(',').map(Number));
    const cx = (pts[0][0] + pts[1][0] + pts[2][0]) / 3;
    const cy = (pts[0][1] + pts[1][1] + pts[2][1]) / 3;
    const top = document.elementFromPoint(cx, cy);
    const move = p.closest('g.move');
    return {move: move.dataset.from + '->' + move.dataset.to, box: box(p),
            covered: !!(top && top.closest('g.label, g.key-number, g.legend, g.key')),
            topmost: top ? top.tagName + '.' + (top.getAttribute('class') || '') : null};
  });
  const legend = box(document.querySelector('g.legend'));
  const svg = box(document.querySelector('svg'));
  return {labels, markers, heads, legend, svg};
}"""


def overlap(a: dict[str, float], b: dict[str, float], slack: float = 0.5) -> bool:
    return (
        a["x"] + slack < b["x"] + b["w"]
        and b["x"] + slack < a["x"] + a["w"]
        and a["y"] + slack < b["y"] + b["h"]
        and b["y"] + slack < a["y"] + a["h"]
    )


def measure_map(browser: Any, svg: str, tmp_path: Path, name: str) -> dict[str, Any]:
    path = tmp_path / f"{name}.svg"
    path.write_text(svg, encoding="utf-8")
    page = browser.new_page(viewport={"width": WIDTH, "height": 1200})
    page.goto(path.as_uri())
    drawn: dict[str, Any] = page.evaluate(MEASURE)
    ARTIFACTS.mkdir(exist_ok=True)
    height = int(drawn["svg"]["h"] + 0.5)
    page.set_viewport_size({"width": WIDTH, "height": height})
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"))
    page.close()
    return drawn


@pytest.mark.parametrize("which", ["shipped", "big", "stacked", "long_titles", "clustered"])
def test_drawn_labels_hide_no_marker_arrowhead_or_label(
    which: str, browser: Any, tmp_path: Path, request: pytest.FixtureRequest
) -> None:
    cmap: CareerMap = request.getfixturevalue(which)
    route = WORKED_EXAMPLE if which == "shipped" else BIG_ROUTE
    if which != "shipped":  # BIG_ROUTE's moves are on every generated ladder
        assert {(a, b) for a, b in pairwise(BIG_ROUTE)} <= {(m.from_, m.to) for m in cmap.moves}
    svg = render_svg(cmap, cmap.roles, cmap.moves, route, cmap.meta.name if cmap.meta else "")
    drawn = measure_map(browser, svg, tmp_path, f"map-{which}")
    labels, markers, heads = drawn["labels"], drawn["markers"], drawn["heads"]
    assert sorted(label["role"] for label in labels) == sorted(role.id for role in cmap.roles)
    assert len(heads) == len(cmap.moves)
    for i, label in enumerate(labels):
        for other in labels[i + 1 :]:
            assert not overlap(label["box"], other["box"]), (label["role"], other["role"])
        for marker in markers:
            assert not overlap(label["box"], marker["box"]), (label["role"], marker["role"])
        for head in heads:
            assert not overlap(label["box"], head["box"]), (label["role"], head["move"])
        planned = label["planned"]
        if planned:  # the measured font metrics hold in the browser: text stays in its box
            box = label["box"]
            assert box["x"] >= planned["x"] - 0.5 and box["y"] >= planned["y"] - 0.5
            assert box["x"] + box["w"] <= planned["x"] + planned["w"] + 0.5, label["role"]
            assert box["y"] + box["h"] <= planned["y"] + planned["h"] + 0.5, label["role"]
    for i, marker in enumerate(markers):  # no role's marker drawn over another's
        for other in markers[i + 1 :]:
            if marker["role"] != other["role"]:
                assert not overlap(marker["box"], other["box"]), (marker["role"], other["role"])
    for head in heads:  # every arrowhead shows: no label is on top at its middle
        assert not head["covered"], head
    svg_box = drawn["svg"]
    assert drawn["legend"]["x"] + drawn["legend"]["w"] <= svg_box["x"] + svg_box["w"]
    if which == "shipped":
        assert all(label["planned"] for label in labels)  # every role labelled, none keyed


# -- the page on a phone and a desktop -------------------------------------------------------


@pytest.mark.parametrize("which", ["shipped", "big", "long_titles"])
@pytest.mark.parametrize("width", [390, 1280])
def test_page_never_scrolls_sideways(
    which: str, width: int, browser: Any, tmp_path: Path, request: pytest.FixtureRequest
) -> None:
    cmap: CareerMap = request.getfixturevalue(which)
    path = tmp_path / "ladder.html"
    path.write_text(render_page(cmap), encoding="utf-8")
    phone = width < 500
    context = browser.new_context(
        viewport={"width": width, "height": 844 if phone else 900},
        device_scale_factor=2 if phone else 1,
        is_mobile=phone,
        has_touch=phone,
    )
    page = context.new_page()
    page.goto(path.as_uri())
    sizes = page.evaluate(
        """() => ({scroll: document.documentElement.scrollWidth, inner: window.innerWidth,
        map: document.querySelector('.map svg').getBoundingClientRect().width,
        frame: document.querySelector('.map').getBoundingClientRect().width,
        tables: [...document.querySelectorAll('table')].map((t) =>
          t.closest('.table-wrap') ? null : t.getBoundingClientRect().right)
          .filter((r) => r !== null && r > window.innerWidth)})"""
    )
    assert sizes["scroll"] <= sizes["inner"] == width, sizes
    assert sizes["tables"] == []  # a table wider than the screen scrolls in its own frame
    # The map keeps a legible size (13 px labels drawn at 10 px or more) and scrolls in its frame.
    assert sizes["map"] / WIDTH * 13 >= 10, sizes
    assert sizes["frame"] <= width
    # Where the map is wider than its frame, a cue above it says it scrolls.
    cue = page.locator(".scroll-cue")
    assert cue.is_visible() == (sizes["map"] > sizes["frame"] + 1), sizes
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"page-{which}-{width}.png"))
    if phone:
        page.evaluate("document.querySelector('#map').scrollIntoView()")
        page.screenshot(path=str(ARTIFACTS / f"page-{which}-{width}-map.png"))
    context.close()


# -- the font metrics the layout measures with -----------------------------------------------

FONTS = Path("/usr/share/fonts/truetype/dejavu")


@pytest.mark.parametrize(
    ("name", "bold"), [("DejaVuSans.ttf", False), ("DejaVuSans-Bold.ttf", True)]
)
def test_shipped_widths_are_the_fonts_own(name: str, bold: bool) -> None:
    """The advance widths in fontmetrics.py are the installed DejaVu Sans's (read from its hmtx
    table through its cmap), so the table can be checked and regenerated."""
    from careermap.render import fontmetrics

    font = FONTS / name
    if not font.exists():
        pytest.skip(f"{font} is not installed (Debian: fonts-dejavu-core)")
    units, widths = advance_widths(font.read_bytes(), [chr(c) for c in range(0x20, 0x7F)])
    assert units == fontmetrics.UNITS_PER_EM
    assert tuple(widths) == (fontmetrics.BOLD if bold else fontmetrics.REGULAR)


def advance_widths(data: bytes, chars: list[str]) -> tuple[int, list[int]]:
    """(units per em, advance width per character) from a TrueType file."""
    tables = {}
    for i in range(struct.unpack(">H", data[4:6])[0]):
        tag, _, offset, _ = struct.unpack(">4sIII", data[12 + 16 * i : 28 + 16 * i])
        tables[tag.decode()] = offset
    units = struct.unpack(">H", data[tables["head"] + 18 : tables["head"] + 20])[0]
    metrics = struct.unpack(">H", data[tables["hhea"] + 34 : tables["hhea"] + 36])[0]
    cmap = tables["cmap"]
    subtable = None
    for i in range(struct.unpack(">H", data[cmap + 2 : cmap + 4])[0]):
        platform, encoding, offset = struct.unpack(
            ">HHI", data[cmap + 4 + 8 * i : cmap + 12 + 8 * i]
        )
        if (platform, encoding) == (3, 1):
            subtable = cmap + offset
    assert subtable is not None and struct.unpack(">H", data[subtable : subtable + 2])[0] == 4
    count = struct.unpack(">H", data[subtable + 6 : subtable + 8])[0] // 2
    at = subtable + 14

    def array(fmt: str, start: int) -> tuple[int, ...]:
        return struct.unpack(f">{count}{fmt}", data[start : start + 2 * count])

    ends = array("H", at)
    starts = array("H", at + 2 * count + 2)
    deltas = array("h", at + 4 * count + 2)
    range_at = at + 6 * count + 2
    offsets = array("H", range_at)

    def glyph(code: int) -> int:
        for i in range(count):
            if starts[i] <= code <= ends[i]:
                if offsets[i] == 0:
                    return (code + deltas[i]) & 0xFFFF
                where = range_at + 2 * i + offsets[i] + 2 * (code - starts[i])
                found: int = struct.unpack(">H", data[where : where + 2])[0]
                return (found + deltas[i]) & 0xFFFF if found else 0
        return 0

    def advance(index: int) -> int:
        index = min(index, metrics - 1)
        at = tables["hmtx"] + 4 * index
        width: int = struct.unpack(">H", data[at : at + 2])[0]
        return width

    return units, [advance(glyph(ord(char))) for char in chars]


# -- accessibility: axe-core in the browser ---------------------------------------------------


def axe_script() -> str:
    """axe-core's axe.min.js, as the axe-playwright-python package ships it (a dev extra)."""
    try:
        from importlib.resources import files

        return files("axe_playwright_python").joinpath("axe.min.js").read_text(encoding="utf-8")
    except ModuleNotFoundError:
        pytest.skip("axe-playwright-python is not installed (pip install -e .[dev])")


@pytest.mark.parametrize("which", ["shipped", "long_titles"])
@pytest.mark.parametrize("width", [390, 1280])
def test_axe_finds_no_serious_violation(
    which: str, width: int, browser: Any, tmp_path: Path, request: pytest.FixtureRequest
) -> None:
    """axe-core (injected past the page's CSP, which allows only the page's own script) finds
    nothing serious or critical, nor two regions of one name; the map's role links are
    reachable (the picture is a group, not an image that would hide them) and named."""
    script = axe_script()
    cmap: CareerMap = request.getfixturevalue(which)
    if which == "long_titles":
        assert max(len(role.title) for role in cmap.roles) >= 62
    path = tmp_path / "ladder.html"
    path.write_text(render_page(cmap), encoding="utf-8")
    context = browser.new_context(viewport={"width": width, "height": 900}, bypass_csp=True)
    page = context.new_page()
    page.goto(path.as_uri())
    page.add_script_tag(content=script)
    violations = page.evaluate(
        """async () => (await axe.run(document, {resultTypes: ['violations']})).violations
        .map((v) => ({id: v.id, impact: v.impact, nodes: v.nodes.slice(0, 3)
          .map((n) => n.target.join(' '))}))"""
    )
    serious = [v for v in violations if v["impact"] in ("serious", "critical")]
    assert serious == [], serious
    assert [v for v in violations if v["id"] == "landmark-unique"] == []
    links = page.evaluate(
        """() => [...document.querySelectorAll('.map svg a')].map((a) => ({
          name: (a.querySelector('title') || {}).textContent || '',
          hidden: !!a.closest('[role=img], [aria-hidden=true]')}))"""
    )
    assert len(links) == len(cmap.roles)
    assert all(link["name"] and not link["hidden"] for link in links), links
    context.close()
