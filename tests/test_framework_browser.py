"""The page's weekly view in a real browser (issue 28): the matrix, the self-assessment and
the comparison give the command line's answers, on the shipped map and a gallery ladder; the
address holds their state; the page still fits a 390 px phone. Screenshots go to
tests/artifacts/framework-*.png.

They skip, saying why, without the playwright package or /usr/bin/chromium.
"""

from __future__ import annotations

import itertools
import json
import random
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from careermap.api import load
from careermap.cli import app
from careermap.models import CareerMap
from careermap.render import render
from careermap.results import compare_roles
from careermap.sources import ladder_path
from tests.browser import ARGS, ARTIFACTS, BROWSER_MODULE, CHROMIUM

sync_api = pytest.importorskip(
    "playwright.sync_api", reason="the playwright package is not installed (pip install -e .[dev])"
)
pytestmark = BROWSER_MODULE
runner = CliRunner()
DONE_WHEN = "#assess=tech-depth:3,tech-breadth:3,product:1,communication:2,organisation:2"
LADDERS = ["default", "basecamp"]


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    with sync_api.sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        yield launched
        launched.close()


def _cmap(name: str) -> CareerMap:
    return load() if name == "default" else load(ladder_path(name))


@pytest.fixture(scope="module")
def pages(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Each ladder's page, written as a user would: ``careermap export --format html``."""
    folder = tmp_path_factory.mktemp("pages")
    found = {}
    for name in LADDERS:
        target = folder / f"{name}.html"
        chosen = [] if name == "default" else ["--ladder", name]
        result = runner.invoke(app, [*chosen, "export", "--format", "html", "-o", str(target)])
        assert result.exit_code == 0, result.output
        found[name] = target
    return found


def open_page(browser: Any, path: Path, fragment: str = "", **context: Any) -> Any:
    page = browser.new_context(**context).new_page()
    problems: list[str] = []
    page.on("pageerror", lambda error: problems.append(str(error)))
    page.on("console", lambda message: problems.append(message.text))
    page.on(
        "request",
        lambda request: (
            problems.append(f"request {request.url}")
            if not request.url.startswith("file:")
            else None
        ),
    )
    page.problems = problems
    page.goto(path.as_uri() + fragment)
    return page


def close(page: Any) -> None:
    assert page.problems == []
    page.context.close()


def _ratings(cmap: CareerMap, seed: int, count: int) -> list[dict[str, int]]:
    """Random self-assessments: each theme rated (a step of its scale) or left out."""
    rng = random.Random(seed)
    found = []
    for _ in range(count):
        ratings = {}
        for theme in cmap.themes:
            if rng.random() < 0.8:
                ratings[theme.id] = rng.randint(1, len(theme.scale) or 10)
        found.append(ratings)
    return found


@pytest.mark.parametrize("name", LADDERS)
def test_the_pages_self_assessment_gives_the_clis_answers(
    name: str, browser: Any, pages: dict[str, Path]
) -> None:
    cmap = _cmap(name)
    page = open_page(browser, pages[name])
    for ratings in _ratings(cmap, seed=5, count=40):
        expected = render(cmap.assess(ratings), "json")
        got = page.evaluate("(r) => careermapAssess(r)", ratings)
        assert got["tracks"] == expected["tracks"], ratings
        assert got["unrated"] == expected["unrated"]
    close(page)


@pytest.mark.parametrize("name", LADDERS)
def test_the_pages_comparison_gives_the_clis_answers(
    name: str, browser: Any, pages: dict[str, Path]
) -> None:
    cmap = _cmap(name)
    page = open_page(browser, pages[name])
    ids = [role.id for role in cmap.roles]
    pairs = list(itertools.permutations(ids, 2))
    random.Random(3).shuffle(pairs)
    for a, b in pairs[:120]:
        expected = render(compare_roles(cmap, a, b), "json")
        got = page.evaluate("([a, b]) => careermapCompare(a, b)", [a, b])
        assert got["competencies"] == expected["competencies"], (a, b)
        assert got["expectations_new"] == expected["expectations_new"], (a, b)
        for way in ("a_to_b", "b_to_a"):
            route = expected["routes"][way]
            assert (got["routes"][way] or {}).get("roles") == (route and route["roles"]), (a, b)
    close(page)


@pytest.mark.parametrize("name", LADDERS)
def test_the_pages_matrix_is_the_clis(name: str, browser: Any, pages: dict[str, Path]) -> None:
    cmap = _cmap(name)
    shaped = render(cmap.matrix(), "json")["tracks"]
    page = open_page(browser, pages[name])
    tables = page.evaluate(
        """() => [...document.querySelectorAll('#matrix table')].map((t) => ({
          heads: [...t.querySelectorAll('thead th a')].map((a) => a.getAttribute('href')),
          rows: [...t.querySelectorAll('tbody tr')].map((r) => [...r.children].map(
            (c) => c.firstChild ? c.firstChild.textContent.trim() : ''))}))"""
    )
    assert len(tables) == len(shaped)
    for table, want in zip(tables, shaped, strict=True):
        assert table["heads"] == [f"#role-{role}" for role in want["roles"]]
        for row, theme in zip(table["rows"], want["themes"], strict=True):
            cells = [theme["cells"][role] for role in want["roles"]]
            shown = [
                _cell_label(cmap, theme["id"], role, c)
                for role, c in zip(want["roles"], cells, strict=True)
            ]
            assert row == [theme["name"], *shown]
    close(page)


def _cell_label(cmap: Any, theme_id: str, role_id: str, cell: dict[str, Any] | None) -> str:
    """What the page's cell starts with for the CLI's cell: the step in the theme's words,
    or "Step N" where an expectation in the cell says those words again (never twice)."""
    from careermap.render.text import step_words

    if cell is None:
        return "-"
    theme = next(t for t in cmap.themes if t.id == theme_id)
    label, _ = step_words(theme, cmap.role(role_id))
    if label is None:
        return f"Step {cell['step']:g}"
    assert label == cell["words"]
    return str(label)


def test_the_address_opens_the_assessment_and_the_comparison(
    browser: Any, pages: dict[str, Path]
) -> None:
    page = open_page(browser, pages["default"], DONE_WHEN)
    shown = page.inner_text("#assess-result")
    assert "The engineering track\n\nYou meet: Staff Engineer" in shown
    assert "Next: Principal Engineer" in shown
    assert "The management track\n\nYou meet: Engineering Manager" in shown
    assert "Next: Senior Engineering Manager" in shown
    assert (
        "Communication: you have 2 (Trusted by neighbouring teams and stakeholders), it " in shown
    )
    assert page.input_value("#assess-0") == "3"  # the form shows the steps of the address
    ARTIFACTS.mkdir(exist_ok=True)
    page.locator("#assess").screenshot(path=str(ARTIFACTS / "framework-assess.png"))

    page.goto(pages["default"].as_uri() + "#compare=staff-engineer,principal-engineer")
    page.reload()
    shown = page.inner_text("#compare-result")
    assert "Staff Engineer and Principal Engineer" in shown
    assert "Tech depth\t3 (Go-to expert for a group of systems)\t4 (Authority in a" in shown
    assert "Staff Engineer → Principal Engineer: 1 move, 3-8 years" in shown
    page.locator("#compare").screenshot(path=str(ARTIFACTS / "framework-compare.png"))
    close(page)


def test_choosing_writes_the_address_and_the_keyboard_reaches_every_form(
    browser: Any, pages: dict[str, Path]
) -> None:
    page = open_page(browser, pages["default"])
    page.focus("#assess-0")
    page.keyboard.press("ArrowDown")  # a select changes from the keyboard
    page.select_option("#assess-3", "2")
    assert page.evaluate("location.hash").startswith("#assess=tech-depth:")
    assert "communication:2" in page.evaluate("location.hash")
    page.select_option("#compare-a", "senior-engineer")
    page.select_option("#compare-b", "engineering-manager")
    assert page.evaluate("location.hash") == "#compare=senior-engineer,engineering-manager"
    assert "Senior Engineer → Engineering Manager: 1 move" in page.inner_text("#compare-result")
    close(page)


@pytest.mark.parametrize("width", [390, 1280])
def test_the_weekly_view_fits_a_phone_and_a_desktop(
    width: int, browser: Any, pages: dict[str, Path]
) -> None:
    phone = width < 500
    page = open_page(
        browser,
        pages["default"],
        DONE_WHEN,
        viewport={"width": width, "height": 844 if phone else 900},
        device_scale_factor=2 if phone else 1,
        is_mobile=phone,
        has_touch=phone,
    )
    sizes = page.evaluate(
        """() => ({scroll: document.documentElement.scrollWidth, inner: window.innerWidth,
        matrix: document.querySelector('#matrix table').getBoundingClientRect().width,
        frame: document.querySelector('#matrix .table-wrap').getBoundingClientRect().right})"""
    )
    assert sizes["scroll"] <= sizes["inner"] == width, sizes  # the page never scrolls sideways
    assert sizes["frame"] <= width, sizes  # the matrix scrolls inside its own box
    if phone:
        assert sizes["matrix"] > width, sizes
    ARTIFACTS.mkdir(exist_ok=True)
    for section in ("matrix", "assess", "compare", "companies"):
        page.locator(f"#{section}").screenshot(
            path=str(ARTIFACTS / f"framework-{section}-{width}.png")
        )
    close(page)


def test_without_javascript_the_matrix_stays_and_the_forms_say_why(
    browser: Any, pages: dict[str, Path]
) -> None:
    page = open_page(browser, pages["default"], DONE_WHEN, java_script_enabled=False)
    assert page.is_visible("#matrix table") and page.is_visible("#companies table")
    assert not page.is_visible("#assess-form") and not page.is_visible("#compare-form")
    assert "needs JavaScript" in page.inner_text("#assess")
    close(page)


def test_hostile_text_in_the_framework_data_stays_text(browser: Any, tmp_path: Path) -> None:
    from careermap.models import Move, Role, Skills, Theme
    from careermap.render.html import render_page

    evil = '<img src=x onerror="document.title=1"></script><b>x</b>'
    theme = Theme("t", evil, scale=(evil, "two"))
    roles = [
        Role(
            "a",
            evil,
            ("tr",),
            (1, 1),
            Skills(1, 1),
            competencies=(("t", 1.0),),
            expectations=(("t", (evil,)),),
        ),
        Role(
            "b",
            "B",
            ("tr",),
            (2, 2),
            Skills(2, 2),
            competencies=(("t", 2.0),),
            expectations=(("t", (evil, "more")),),
        ),
    ]
    cmap = CareerMap(roles, [Move("a", "b", "upward", (1.0, 2.0))], themes=[theme])
    target = tmp_path / "evil.html"
    target.write_text(render_page(cmap), encoding="utf-8")
    page = open_page(browser, target, "#compare=a,b")
    assert page.locator("#compare-result img, #matrix img, #assess img").count() == 0
    assert page.title() != "1"
    assert evil in page.inner_text("#compare-result")
    page.goto(target.as_uri() + "#assess=t:1")
    page.reload()
    assert evil in page.inner_text("#assess-result") or "B" in page.inner_text("#assess-result")
    assert json.loads(json.dumps(page.problems)) == []
    close(page)
