"""``careermap explore``: the Textual app driven headless with Pilot, its screenshot, and a run
in a real pseudo-terminal.

The app is driven as a person would: keys and clicks. What it shows must be what the commands
print: the routes it holds are compared with ``careermap path --json``'s.

``docs/explore.svg`` is the app's first screen at 100x32, opened on senior-engineer. When the
app's look changes on purpose, write it again with::

    CAREERMAP_WRITE_SCREENSHOT=1 .venv/bin/pytest tests/test_explore.py -k screenshot
"""

from __future__ import annotations

import asyncio
import html
import os
import re
import select
import subprocess
import sys
import time
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

import pytest
from rich.style import Style
from textual.pilot import Pilot
from textual.widgets import OptionList, Static, TabbedContent

from careermap.loader import load
from careermap.models import CareerMap
from careermap.options import RouteOptions
from careermap.render import render
from careermap.results import find_path
from careermap.skillsmap import level_groups
from careermap.tui.app import ExploreApp, HelpScreen

ROOT = Path(__file__).resolve().parent.parent
SCREENSHOT = ROOT / "docs" / "explore.svg"
SIZE = (100, 32)


@pytest.fixture(scope="module")
def cmap() -> CareerMap:
    return load()


def drive(
    app: ExploreApp, scenario: Callable[[Pilot[None]], Awaitable[None]], size: tuple[int, int]
) -> None:
    """Run ``scenario`` against the app, headless, at ``size`` columns and rows."""

    async def main() -> None:
        async with app.run_test(size=size) as pilot:
            await pilot.pause()
            await scenario(pilot)

    asyncio.run(main())


def held(app: ExploreApp) -> list[tuple[list[str], float, float]]:
    assert app.result is not None, app.route_error
    return [(route.roles, route.min_years, route.max_years) for route in app.result.routes]


def expected(cmap: CareerMap, source: str, target: str, **constraints: Any) -> list[Any]:
    """What `careermap path SOURCE TARGET --top 3 --plan ... --json` prints, as role ids and
    years."""
    options = RouteOptions(**constraints)
    shape = render(find_path(cmap, source, target, top=3, plan=True, options=options), "json")
    return [(path["roles"], path["min_years"], path["max_years"]) for path in shape["paths"]]


def shown(app: ExploreApp, widget_id: str) -> str:
    """The plain text a Static widget shows, as rich draws it at that widget's width, its
    runs of white space made one space (so that wrapped lines read as one)."""
    from io import StringIO

    from rich.console import Console

    widget = app.query_one(f"#{widget_id}", Static)
    console = Console(width=max(widget.size.width, 40), record=True, file=StringIO())
    console.print(widget.content)  # type: ignore[arg-type]
    return " ".join(console.export_text().split())


def listed(app: ExploreApp) -> list[str]:
    roles = app.query_one("#roles", OptionList)
    return [str(option.id) for option in roles.options if option.id is not None]


def screen_lines(svg: str) -> list[str]:
    """The text of an SVG screenshot, one string per terminal row (rich's export_svg draws
    each row's text spans clipped to that row)."""
    rows: dict[int, str] = {}
    for row, text in re.findall(r'clip-path="url\(#terminal-\d+-line-(\d+)\)"[^>]*>([^<]*)<', svg):
        rows[int(row)] = rows.get(int(row), "") + html.unescape(text).replace("\xa0", " ")
    return [rows[row].rstrip() for row in sorted(rows)]


# -- driving the app -------------------------------------------------------------------------


def test_open_filter_select_target_toggle_and_quit(cmap: CareerMap) -> None:
    app = ExploreApp(cmap, "senior-engineer")

    async def scenario(pilot: Pilot[None]) -> None:
        # Opens on the role given, every role listed, its details shown.
        assert (app.source, app.selected, app.target) == ("senior-engineer",) * 2 + (None,)
        assert sorted(listed(app)) == sorted(role.id for role in cmap.roles)
        assert "Moves out" in shown(app, "details-body")
        assert "senior-engineer" in shown(app, "details-body")

        # Filter by typing: ids, titles and aliases.
        await pilot.press("slash", *"director")
        assert listed(app) == ["director-of-tech", "director-of-product", "senior-director-of-tech"]
        assert app.selected == "director-of-tech"  # the first match, shown
        assert "Director of Tech" in shown(app, "details-body")
        await pilot.press("ctrl+a", "ctrl+k", *"svp")  # an alias of svp-of-tech
        assert listed(app) == ["svp-of-tech"]
        await pilot.press("escape")  # clears the filter, back to the list
        assert len(listed(app)) == len(cmap.roles)
        assert app.query_one("#roles", OptionList).has_focus

        # Select director-of-tech with the keys and make it the target.
        await pilot.press("slash", *"director-of-tech", "enter")
        assert app.selected == "director-of-tech"
        await pilot.press("t")
        assert app.target == "director-of-tech"
        assert app.query_one("#tabs", TabbedContent).active == "routes"
        assert held(app) == expected(cmap, "senior-engineer", "director-of-tech")
        routes = shown(app, "routes-body")
        assert "Route 1 of 3" in routes and "6.5-18 years" in routes
        assert "What to grow, step by step" in routes  # the shipped map has themes
        assert "careermap path senior-engineer director-of-tech --top 3 --plan" in routes

        # Constraints, toggled by keys, give the routes `careermap path` gives.
        await pilot.press("d")
        assert app.no_downward
        assert held(app) == expected(cmap, "senior-engineer", "director-of-tech", no_downward=True)
        assert "--no-downward" in shown(app, "routes-body")

        await pilot.press("escape", "slash", *"engineering manager", "enter")
        assert app.selected == "engineering-manager"
        await pilot.press("a")
        assert app.avoid == {"engineering-manager"}
        assert held(app) == expected(
            cmap,
            "senior-engineer",
            "director-of-tech",
            no_downward=True,
            avoid=("engineering-manager",),
        )
        assert all("engineering-manager" not in roles for roles, _, _ in held(app))
        await pilot.press("a")  # toggles back
        assert app.avoid == set()

        # Staying on engineering leaves no route: the app says what `path` says.
        await pilot.press("s")
        assert app.stay_on_track and app.result is None
        assert app.route_error is not None and "no route" in app.route_error
        assert "no route from 'senior-engineer'" in shown(app, "routes-body")
        await pilot.press("s", "d")
        assert held(app) == expected(cmap, "senior-engineer", "director-of-tech")

        # The map highlights the best route, and its legend says so.
        await pilot.press("3")
        assert app.query_one("#tabs", TabbedContent).active == "map"
        drawn = shown(app, "map-body")
        assert "Route: Senior Engineer → Engineering Manager → Senior Engineering Manager" in drawn

        await pilot.press("q")
        await pilot.pause()
        assert app.return_code == 0

    drive(app, scenario, SIZE)
    assert not app.is_running


def test_keys_typed_at_once_reach_the_filter_then_the_list(cmap: CareerMap) -> None:
    """A terminal delivers "/staff⏎td" typed fast (or pasted) in one read: every key is queued
    before the first is handled. The filter gets "staff"; t and d act on the list and the app."""
    from textual import events

    app = ExploreApp(cmap, "senior-engineer")

    def type_at_once(keys: list[tuple[str, str]]) -> None:
        for key, char in keys:
            app.post_message(events.Key(key, char))

    async def scenario(pilot: Pilot[None]) -> None:
        type_at_once([("slash", "/"), *((c, c) for c in "staff"), ("enter", "\r"), ("t", "t")])
        type_at_once([("d", "d")])
        await pilot.pause()
        await pilot.pause()
        assert app.query_one("#filter").value == "staff"  # type: ignore[attr-defined]
        assert listed(app) == ["staff-engineer", "staff-sre"]
        assert app.target == "staff-engineer"
        assert (app.no_downward, app.stay_on_track) == (True, False)  # the s went to the filter
        # Again, leaving with Esc: the filter is cleared, the next key is the list's.
        type_at_once([("slash", "/"), *((c, c) for c in "fell"), ("escape", ""), ("a", "a")])
        await pilot.pause()
        await pilot.pause()
        assert app.query_one("#filter").value == ""  # type: ignore[attr-defined]
        assert app.avoid == set()  # the selected role, the target, cannot be avoided
        assert app.query_one("#roles", OptionList).has_focus

    drive(app, scenario, SIZE)


def test_the_current_role_moves_with_f(cmap: CareerMap) -> None:
    app = ExploreApp(cmap, "senior-engineer")

    async def scenario(pilot: Pilot[None]) -> None:
        await pilot.press("slash", *"staff-engineer", "enter", "f")
        assert app.source == "staff-engineer"
        await pilot.press("slash", *"fellow", "enter", "t")
        assert held(app) == expected(cmap, "staff-engineer", "fellow")
        await pilot.press("t")  # the current role cannot be its own target
        await pilot.press("slash", *"staff-engineer", "enter", "t")
        assert app.target == "fellow"

    drive(app, scenario, SIZE)


def test_everything_works_with_the_mouse(cmap: CareerMap) -> None:
    app = ExploreApp(cmap, "senior-engineer")

    async def scenario(pilot: Pilot[None]) -> None:
        roles = app.query_one("#roles", OptionList)
        # Click a role: it is selected and shown.
        row = [option.id for option in roles.options].index("principal-engineer")
        assert await pilot.click("#roles", offset=(4, row))
        await pilot.pause()
        assert app.selected == "principal-engineer"
        assert "Principal Engineer" in shown(app, "details-body")
        # Click the target button, then the tabs and the footer's keys.
        assert await pilot.click("#to")
        await pilot.pause()
        assert app.target == "principal-engineer"
        assert held(app) == expected(cmap, "senior-engineer", "principal-engineer")
        assert await pilot.click("#tabs Tab#--content-tab-map")
        await pilot.pause()
        assert app.query_one("#tabs", TabbedContent).active == "map"
        assert await pilot.click("#tabs Tab#--content-tab-details")
        await pilot.pause()
        assert await pilot.click("#avoid")  # the target's own button: refused, nothing changes
        assert app.avoid == set()

    drive(app, scenario, SIZE)


def test_help_lists_the_keys_and_closes(cmap: CareerMap) -> None:
    app = ExploreApp(cmap, "senior-engineer")

    async def scenario(pilot: Pilot[None]) -> None:
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        text = "\n".join(screen_lines(app.export_screenshot()))
        for words in ("toggle: no downward moves", "avoid the selected role", "quit"):
            assert words in text
        await pilot.press("escape")
        assert not isinstance(app.screen, HelpScreen)
        await pilot.press("question_mark")
        await pilot.click(offset=(1, 1))  # a click closes it too
        await pilot.pause()
        assert not isinstance(app.screen, HelpScreen)

    drive(app, scenario, SIZE)


def test_usable_at_80x24_without_colour(cmap: CareerMap, monkeypatch: pytest.MonkeyPatch) -> None:
    """At the smallest common terminal and with NO_COLOR, what matters is in words and markers:
    the current role and target are tagged, the toggles say on or off, the keys are listed."""
    monkeypatch.setenv("NO_COLOR", "1")
    app = ExploreApp(cmap, "senior-engineer")
    assert app.no_color

    async def scenario(pilot: Pilot[None]) -> None:
        await pilot.press("slash", *"vp-of-tech", "enter", "t", "d", "escape")
        lines = screen_lines(app.export_screenshot())
        assert len(lines) == 24 and max(len(line) for line in lines) <= 80
        text = "\n".join(lines)
        assert "[from] Senior Engineer" in text
        assert "[to] VP of Tech" in text
        assert "d no-down: on" in text
        assert "Route 1 of 3" in text
        assert "q Quit" in text and "? Keys" in text and "t To" in text
        # The track markers of the skills map.
        assert "● [from] Senior Engineer" in text and "▲ [to] VP of Tech" in text

    drive(app, scenario, (80, 24))


def test_a_map_without_themes_or_routes(write_file: Callable[[str, str], Path]) -> None:
    """On a small map without themes: no growth plan, and a target with no route says so."""
    from tests.conftest import MINI_TOML

    cmap = load(write_file("mini.toml", MINI_TOML))
    app = ExploreApp(cmap)

    async def scenario(pilot: Pilot[None]) -> None:
        assert app.source == "junior"  # an entry role when none is given
        await pilot.press("slash", *"old hand", "enter", "t")  # an alias
        assert app.target == "senior"
        assert held(app) == expected(cmap, "junior", "senior")
        assert "What to grow" not in shown(app, "routes-body")
        await pilot.press("escape", "slash", *"manager", "enter", "f")
        await pilot.press("slash", *"junior", "enter", "t")
        assert app.result is None and "no route" in str(app.route_error)

    drive(app, scenario, SIZE)


# -- the command -----------------------------------------------------------------------------


def test_explore_refuses_an_unknown_role_before_starting() -> None:
    from typer.testing import CliRunner

    from careermap.cli import app

    result = CliRunner().invoke(app, ["explore", "senior-enginer"])
    assert result.exit_code == 2
    assert "unknown role 'senior-enginer'" in result.stderr


def test_explore_draws_its_first_screen_and_exits(write_file: Callable[[str, str], Path]) -> None:
    """The benchmark's run: headless, the first screen, exit 0 (here on a --data map)."""
    from tests.conftest import MINI_TOML

    data = write_file("mini.toml", MINI_TOML)
    careermap = [sys.executable, "-m", "careermap", "--data", str(data)]
    result = subprocess.run(
        [*careermap, "explore", "senior", "--exit-after-first-screen"],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 0, result.stderr


# -- the screenshot in the README ------------------------------------------------------------


def _normalised(svg: str) -> str:
    # rich names the SVG's classes and clip paths "terminal-<checksum of the content>".
    return re.sub(r"terminal-\d+", "terminal", svg)


def test_the_screenshot_in_docs_is_up_to_date(cmap: CareerMap) -> None:
    """docs/explore.svg is the first screen, opened on senior-engineer at 100x32. The SVG is
    deterministic, so it is compared whole (after its checksum ids); see the module docstring
    to write it again."""
    app = ExploreApp(cmap, "senior-engineer")
    taken: list[str] = []

    async def scenario(pilot: Pilot[None]) -> None:
        taken.append(app.export_screenshot())

    drive(app, scenario, SIZE)
    if os.environ.get("CAREERMAP_WRITE_SCREENSHOT"):
        SCREENSHOT.write_text(taken[0], encoding="utf-8")
    committed = SCREENSHOT.read_text(encoding="utf-8")
    assert "Senior Engineer" in "\n".join(screen_lines(committed))
    assert _normalised(taken[0]) == _normalised(committed), (
        "docs/explore.svg is stale: CAREERMAP_WRITE_SCREENSHOT=1 pytest tests/test_explore.py "
        "-k screenshot"
    )


# -- a real terminal -------------------------------------------------------------------------


@pytest.mark.skipif(sys.platform == "win32", reason="needs a POSIX pseudo-terminal")
def test_in_a_real_pseudo_terminal() -> None:
    """`python -m careermap explore senior-engineer` on a pty: the role appears, q quits, exit 0,
    and the terminal is restored."""
    import fcntl
    import struct
    import termios

    main_fd, child_fd = os.openpty()
    fcntl.ioctl(child_fd, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 80, 0, 0))
    env = {k: v for k, v in os.environ.items() if not k.startswith("TEXTUAL")}
    env.update(TERM="xterm-256color", COLUMNS="80", LINES="24")
    child = subprocess.Popen(
        [sys.executable, "-m", "careermap", "explore", "senior-engineer"],
        stdin=child_fd,
        stdout=child_fd,
        stderr=child_fd,
        env=env,
        start_new_session=True,
    )
    os.close(child_fd)
    output = b""

    def read_for(seconds: float, until: bytes | None = None) -> None:
        nonlocal output
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline and (until is None or until not in output):
            ready, _, _ = select.select([main_fd], [], [], 0.1)
            if ready:
                try:
                    chunk = os.read(main_fd, 65536)
                except OSError:  # the child closed the terminal
                    return
                if not chunk:
                    return
                output += chunk
            elif child.poll() is not None:
                return

    try:
        read_for(
            120, until=b"Senior Engineer"
        )  # a bound on waiting, not a timing: it ends at the text
        assert b"Senior Engineer" in output, output[-2000:]
        os.write(main_fd, b"q")
        deadline = time.monotonic() + 120
        while child.poll() is None and time.monotonic() < deadline:
            read_for(0.5)  # keep draining, so the app never blocks writing its last frame
        assert child.wait(timeout=5) == 0, output[-2000:]
        read_for(0.5)
        # The terminal is given back (careermap ends with os._exit, after the app's own
        # shutdown): the alternate screen left and the cursor shown, after the last frame.
        assert output.rfind(b"\x1b[?1049l") > output.rfind(b"\x1b[?1049h") >= 0
        assert output.rfind(b"\x1b[?25h") > output.rfind(b"\x1b[?25l") >= 0
    finally:
        if child.poll() is None:
            child.kill()
            child.wait()
        os.close(main_fd)


@pytest.mark.parametrize("no_color", [True, False])
def test_role_markers_keep_full_contrast_without_colour(
    no_color: bool, cmap: CareerMap, monkeypatch: pytest.MonkeyPatch
) -> None:
    """With NO_COLOR, Textual shows each colour as a grey (the management track's 1.33:1 on
    the background, issue 30): the markers then carry no colour, only their shape, in bold."""
    if no_color:
        monkeypatch.setenv("NO_COLOR", "1")
    else:
        monkeypatch.delenv("NO_COLOR", raising=False)
    app = ExploreApp(cmap, "senior-engineer")
    assert app.no_color == no_color
    for role in cmap.roles:
        [marker] = [span for span in app.role_prompt(role).spans if span.start == 0]
        style = Style.parse(str(marker.style))
        assert style.bold
        assert (style.color is None) == no_color, (role.id, style)


@pytest.mark.parametrize("no_color", [True, False])
def test_map_markers_keep_full_contrast_without_colour(
    no_color: bool, cmap: CareerMap, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The map pane as the role list: with NO_COLOR its track markers, legend and route carry
    no colour (Textual would grey them, the management track's to 1.33:1), only their shape,
    bold and reverse video (issue 30)."""
    from io import StringIO

    from rich.console import Console

    from careermap.render.termmap import MARKERS

    if no_color:
        monkeypatch.setenv("NO_COLOR", "1")
    else:
        monkeypatch.delenv("NO_COLOR", raising=False)
    app = ExploreApp(cmap, "senior-engineer")

    async def scenario(pilot: Pilot[None]) -> None:
        await pilot.press("slash", *"vp-of-tech", "enter", "t", "3")
        await pilot.pause()
        assert app.query_one("#tabs", TabbedContent).active == "map"
        widget = app.query_one("#map-body", Static)
        console = Console(width=100, file=StringIO(), color_system="truecolor")
        segments = list(console.render(widget.content))  # type: ignore[arg-type]
        markers = [s for s in segments if s.style and any(m in s.text for m in MARKERS)]
        assert {m for s in markers for m in MARKERS if m in s.text} >= {"●", "▲"}
        coloured = [s for s in segments if s.style and s.style.color is not None]
        if no_color:
            assert not coloured, coloured[:3]
            assert all(s.style and s.style.bold for s in markers)
            assert any(s.style and s.style.reverse for s in markers)  # the route's ends
        else:
            assert any(s.style and s.style.color is not None for s in markers)

    drive(app, scenario, SIZE)


@pytest.mark.parametrize("ladder", ["dropbox-engineering", "ft-engineering", "mews-engineering"])
def test_the_role_list_gives_each_role_one_row(ladder: str) -> None:
    """A long title is never wrapped in the role list, where its last words ("Engineer",
    "Manager)", "product family") would read as a role of their own (issue 30): each row is
    a level group's heading or a role's marker and title, cut with "…" where too long."""
    from careermap.gallery import ladder_files
    from careermap.render.termmap import MARKERS

    cmap = load(ladder_files()[ladder])
    app = ExploreApp(cmap, None)
    headings = {
        cmap.format_group(levels, members) for levels, members in level_groups(cmap.roles).items()
    }

    async def scenario(pilot: Pilot[None]) -> None:
        rows = [line.split("▕")[0] for line in screen_lines(app.export_screenshot())[1:-1]]
        listed = [row for row in rows if row.strip()]
        assert len(listed) >= len(cmap.roles)
        for row in listed:
            shown = row.rstrip("…")
            assert row[0] in MARKERS or any(h.startswith(shown) for h in headings), row
        assert any(row.endswith("…") for row in listed)  # the long titles are cut, said so

    drive(app, scenario, (80, 40))
