"""``careermap explore`` on hostile ladders (issue 31): every valid ladder opens, and no click
anywhere on the screen does anything the app's own keys and buttons do not.

A data string is text: a level name such as ``[@click=app.screenshot('x','.')]Senior One[/]``
must show as those characters, and a click on it must not run the action it names (here:
write a file into the current directory). The click tests click every other column of every
row of an 80x24 screen, in each tab, with the current directory an empty folder, and then
check that the folder is still empty and the app still answers.
"""

from __future__ import annotations

import asyncio
import json
import os
import subprocess
import sys
from collections.abc import Callable
from itertools import pairwise
from pathlib import Path
from typing import Any

import pytest
from textual.widgets import OptionList, TabbedContent

from careermap.loader import load
from careermap.models import CareerMap
from careermap.tui.app import ExploreApp, HelpScreen
from tests.test_explore import shown

SIZE = (80, 24)
TABS = ("details", "routes", "map")
# Every cell's style is read (cheap): none may carry an action or a link, and any that does is
# clicked. Clicks are slow (each waits for the app to settle: about 0.2 s), so besides those
# the grid is every 16th column of every 6th row, offset by tab (rows 0, 6, ... in Details,
# 1, 7, ... in Routes, 2, 8, ... in Map): 60 clicks a ladder, which keeps the default run fast.
COLUMN_STEP = 16
ROW_STEP = 6


def action(name: str) -> str:
    """Textual action markup that writes ``name`` into the current directory when clicked; it
    shows as ``NAME-TEXT`` if the markup is interpreted."""
    return f"[@click=app.screenshot('{name}','.')]{name.upper()}-TEXT[/]"


def markup_ladder() -> dict[str, Any]:
    """A small valid ladder whose shown text fields are each a clickable action (and one a
    hyperlink)."""
    return {
        "meta": {
            "name": action("meta-name"),
            "axes": {"x": action("axis-x"), "y": action("axis-y")},
        },
        "levels": [
            {"rank": 3, "name": "[@click=app.screenshot('level.svg','.')]Senior One[/]"},
            {"rank": 4, "name": action("level-4"), "code": action("code-4")},
            {"rank": 5, "name": action("level-5")},
        ],
        "roles": [
            {
                "id": "junior",
                "title": action("junior-title"),
                "track": "engineering",
                "levels": 3,
                "skills": {"hard": 3, "soft": 2},
                "aliases": [action("junior-alias")],
                "description": action("junior-about"),
                "source": "[link=https://example.invalid]Hidden link text[/link]",
            },
            {
                "id": "senior",
                "title": "Senior",
                "track": "engineering",
                "levels": [4, 5],
                "skills": {"hard": 6, "soft": 4},
            },
            {
                "id": "manager",
                "title": action("manager-title"),
                "track": "management",
                "levels": 4,
                "skills": {"hard": 4, "soft": 7},
            },
        ],
        "moves": [
            {"from": "junior", "to": "senior", "kind": "upward", "years": [2, 4]},
            {
                "from": "senior",
                "to": "manager",
                "kind": "lateral",
                "years": [1, 2],
                "note": action("move-note"),
            },
        ],
    }


def large_ladder(roles: int = 400) -> dict[str, Any]:
    """A chain of ``roles`` roles on 10 levels, without skills: more than the skills map draws
    (300), and no skills for it to place anyway."""
    ids = [f"r{i}" for i in range(roles)]
    per_level = roles // 10
    return {
        "roles": [
            {"id": r, "title": f"Role {r}", "track": "t", "levels": 1 + i // per_level}
            for i, r in enumerate(ids)
        ],
        "moves": [
            {
                "from": a,
                "to": b,
                "kind": "upward" if (i + 1) % per_level == 0 else "lateral",
                "years": [0.5, 1],
            }
            for i, (a, b) in enumerate(pairwise(ids))
        ],
    }


@pytest.fixture
def cwd(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An empty current directory: whatever the app writes there, the test sees."""
    folder = tmp_path / "cwd"
    folder.mkdir()
    monkeypatch.chdir(folder)
    return folder


@pytest.fixture
def ladder(tmp_path: Path) -> Callable[[dict[str, Any]], CareerMap]:
    def loaded(document: dict[str, Any]) -> CareerMap:
        path = tmp_path / "ladder.json"
        path.write_text(json.dumps(document), encoding="utf-8")
        return load(path)

    return loaded


def hot_cells(app: ExploreApp) -> list[tuple[int, int, str]]:
    """Every cell of the screen whose style carries an action (``@click``) or a link."""
    width, height = SIZE
    found = []
    for y in range(height):
        for x in range(width):
            style = app.screen.get_style_at(x, y)
            if style.link or "@click" in style.meta:
                found.append((x, y, str(style.link or style.meta["@click"])))
    return found


def click_everywhere(app: ExploreApp, then: Callable[[], None]) -> int:
    """In each tab, click every cell that acts or links, then the grid; returns the number of
    grid clicks. After each click the tab is set again and the help screen, if a click opened
    it, closed. The footer's Quit key is not clicked: it quits, as it says. Asserts that the
    app survives every click, that no cell acts or links, and that it still answers keys; runs
    ``then`` before it quits."""
    clicks = 0

    async def main() -> None:
        nonlocal clicks
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            tabs = app.query_one("#tabs", TabbedContent)
            width, height = SIZE
            for number, tab in enumerate(TABS):
                tabs.active = tab
                await pilot.pause()
                hot = hot_cells(app)
                for x, y, _ in hot:
                    assert await pilot.click(offset=(x, y))
                    assert app.is_running, f"the app ended on a click at {x},{y} in {tab}"
                assert hot == [], tab
                for y in range(number % ROW_STEP, height, ROW_STEP):
                    for x in range(0, width, COLUMN_STEP):
                        if isinstance(app.screen, HelpScreen):
                            app.screen.dismiss(None)
                            await pilot.pause()
                        if tabs.active != tab:
                            tabs.active = tab
                            await pilot.pause()
                        widget, _ = app.screen.get_widget_at(x, y)
                        if getattr(widget, "action", None) == "quit":  # the footer's q Quit
                            continue
                        assert await pilot.click(offset=(x, y))
                        clicks += 1
                        assert app.is_running, f"the app ended on a click at {x},{y} in {tab}"
                assert hot_cells(app) == [], tab
            # Still answering: keys act (Esc first: a click may have focused the filter).
            await pilot.press("escape", "1")
            assert tabs.active == "details"
            then()
            await pilot.press("q")
            await pilot.pause()

    asyncio.run(main())
    assert app.return_code == 0
    return clicks


def grid_clicks() -> int:
    """The clicks click_everywhere makes at most: every cell of the grid, in each tab."""
    rows = [len(range(n % ROW_STEP, SIZE[1], ROW_STEP)) for n in range(len(TABS))]
    return sum(rows) * len(range(0, SIZE[0], COLUMN_STEP))


def test_no_click_on_a_markup_ladder_acts_and_data_shows_as_text(
    cwd: Path, ladder: Callable[[dict[str, Any]], CareerMap]
) -> None:
    document = markup_ladder()
    app = ExploreApp(ladder(document))

    def then() -> None:
        # The app's own lines show the data as written: the level name heads its roles.
        level_name = document["levels"][0]["name"]
        roles = app.query_one("#roles", OptionList)
        assert level_name in [str(option.prompt) for option in roles.options]

    clicks = click_everywhere(app, then)
    assert grid_clicks() - 2 * len(TABS) <= clicks <= grid_clicks()  # all but q Quit
    assert sorted(path.name for path in cwd.iterdir()) == []  # no screenshot written


def test_a_ladder_too_large_for_the_map_opens_and_survives_every_click(
    cwd: Path, ladder: Callable[[dict[str, Any]], CareerMap]
) -> None:
    app = ExploreApp(ladder(large_ladder(400)))

    def then() -> None:
        assert len([o for o in app.query_one("#roles", OptionList).options if o.id]) == 400
        assert "skills map draws at most 300 roles" in shown(app, "map-body")

    clicks = click_everywhere(app, then)
    assert grid_clicks() - 2 * len(TABS) <= clicks <= grid_clicks()
    assert sorted(path.name for path in cwd.iterdir()) == []


def test_the_map_tab_says_why_on_a_ladder_without_skills(
    cwd: Path, ladder: Callable[[dict[str, Any]], CareerMap]
) -> None:
    document = markup_ladder()
    for role in document["roles"]:
        del role["skills"]
    app = ExploreApp(ladder(document))

    async def main() -> None:
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            await pilot.press("3")
            assert app.query_one("#tabs", TabbedContent).active == "map"
            assert "the skills map needs skills on every role" in shown(app, "map-body")
            # Long titles do not push the panes down: the status stays two rows.
            assert app.query_one("#status").size.height == 2
            await pilot.press("q")

    asyncio.run(main())
    assert app.return_code == 0


# -- not a terminal --------------------------------------------------------------------------


def test_explore_needs_a_terminal(
    write_file: Callable[[str, str], Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    """CliRunner's stdin and stdout are not terminals: explore says so and exits 2 at once,
    instead of starting an app nobody can drive (it ran until killed). The app is replaced by
    a stand-in that records whether it was started, so that this test cannot hang."""
    from typer.testing import CliRunner

    import careermap.tui.app
    from careermap.cli import app
    from tests.conftest import MINI_TOML

    started: list[object] = []
    monkeypatch.setattr(careermap.tui.app, "run", lambda *args, **kw: started.append(args))
    data = str(write_file("mini.toml", MINI_TOML))
    result = CliRunner().invoke(app, ["--data", data, "explore"], input="q")
    assert started == []
    assert result.exit_code == 2
    assert result.stdout == ""
    lines = result.stderr.splitlines()
    assert len(lines) == 1 and "explore runs in a terminal and its stdin is not one" in lines[0]


@pytest.mark.skipif(sys.platform == "win32", reason="needs a POSIX pseudo-terminal")
def test_explore_needs_a_terminal_for_its_output(write_file: Callable[[str, str], Path]) -> None:
    """`careermap explore > file` from a terminal: stdin is one, stdout is not."""
    from tests.conftest import MINI_TOML

    data = str(write_file("mini.toml", MINI_TOML))
    main_fd, child_fd = os.openpty()
    try:
        result = subprocess.run(
            [sys.executable, "-m", "careermap", "--data", data, "explore"],
            stdin=child_fd,
            capture_output=True,
            text=True,
            timeout=60,
            check=False,
        )
    finally:
        os.close(child_fd)
        os.close(main_fd)
    assert result.returncode == 2
    assert result.stdout == ""
    assert result.stderr.splitlines() == [
        "error: explore runs in a terminal and its stdout is not one; "
        "for output to a file or pipe use show, path or map"
    ]
