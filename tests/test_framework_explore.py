"""``explore``'s framework panes (issue 28): the matrix of the selected role's track, and a
self-assessment, driven with Pilot as a person would; what they show is what ``careermap
matrix`` and ``careermap assess`` answer."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot
from textual.widgets import Select, TabbedContent

from careermap.loader import load
from careermap.models import CareerMap, Role, Skills, Theme
from careermap.tui.app import MATRIX_ROLES, ExploreApp
from tests.test_explore import SIZE, drive, shown


def test_the_matrix_pane_follows_the_selected_roles_track() -> None:
    cmap = load()
    app = ExploreApp(cmap, "senior-engineer")

    async def scenario(pilot: Pilot[None]) -> None:
        await pilot.press("4")
        assert app.query_one("#tabs", TabbedContent).active == "matrix"
        drawn = shown(app, "matrix-body")
        assert "Matrix: the engineering track" in drawn
        assert "Go-to expert for a group of systems" in drawn  # staff-engineer's tech depth
        assert "Senior SRE" not in drawn
        await pilot.press("slash", *"staff sre", "enter")
        assert app.selected == "staff-sre"
        drawn = shown(app, "matrix-body")
        assert "Matrix: the sre track" in drawn and "Senior SRE" in drawn

    drive(app, scenario, SIZE)


def test_the_assess_pane_answers_as_careermap_assess() -> None:
    cmap = load()
    app = ExploreApp(cmap, "senior-engineer")
    steps = {"tech-depth": 3, "tech-breadth": 3, "product": 1, "communication": 2}
    steps["organisation"] = 2

    async def scenario(pilot: Pilot[None]) -> None:
        await pilot.press("5")
        assert app.query_one("#tabs", TabbedContent).active == "assess"
        assert "Choose your step" in shown(app, "assess-body")
        # The first theme from the keyboard: focus its choice, open it, pick step 3.
        first = app.query_one("#rate-0", Select)
        first.focus()
        await pilot.press("enter", "down", "down", "down", "enter")
        await pilot.pause()
        assert app.ratings == {"tech-depth": 3.0}
        for i, theme in enumerate(cmap.themes[1:], start=1):
            app.query_one(f"#rate-{i}", Select).value = float(steps[theme.id])
        await pilot.pause()
        assert app.ratings == {key: float(value) for key, value in steps.items()}
        drawn = shown(app, "assess-body")
        for said in ("Staff Engineer", "Principal Engineer", "Senior Engineering Manager"):
            assert said in drawn
        assert "Tech depth:" in drawn and "3 → 4" in drawn
        app.query_one("#rate-2", Select).clear()  # product back to "Not rated"
        await pilot.pause()
        assert "product" not in app.ratings
        assert "Product skills: unknown (not rated)" in shown(app, "assess-body")

    drive(app, scenario, (120, 40))


def test_hostile_theme_text_is_shown_as_text_and_a_long_track_is_bounded() -> None:
    evil = "[bold red]x[/] [@click=app.quit]quit[/]"
    theme = Theme("t", evil, scale=(evil, "two"))
    roles = [
        Role(f"r{i}", f"R{i}", ("big",), (1 + i, 1 + i), Skills(1, 1), competencies=(("t", 1.0),))
        for i in range(MATRIX_ROLES + 1)
    ]
    roles.append(Role("x", evil, ("small",), (1, 1), Skills(1, 1), competencies=(("t", 2.0),)))
    cmap = CareerMap(roles, themes=[theme])
    app = ExploreApp(cmap, "r0")

    async def scenario(pilot: Pilot[None]) -> None:
        await pilot.press("4")
        assert f"has {MATRIX_ROLES + 1} roles" in shown(app, "matrix-body")
        app.select("x")
        await pilot.pause()
        assert evil in shown(app, "matrix-body")
        await pilot.press("5")
        label = app.query(".rate Static").first()
        assert str(label.render()) == evil  # the theme's name as text, not markup
        app.query_one("#rate-0", Select).value = 1.0
        await pilot.pause()
        assert app.is_running  # the [@click] text did not act
        assert "[bold red]x[/]" in shown(app, "assess-body")

    drive(app, scenario, SIZE)


def test_a_ladder_without_steps_says_so_in_both_panes(tmp_path: Path) -> None:
    cmap: CareerMap = load(
        Path(__file__).resolve().parent.parent / "data/ladders/medium-snowflake.toml"
    )
    app = ExploreApp(cmap)

    async def scenario(pilot: Pilot[None]) -> None:
        await pilot.press("4")  # each pane is filled when first shown
        assert "no competency steps" in shown(app, "matrix-body")
        await pilot.press("5")
        assert "no competency steps" in shown(app, "assess-body")

    drive(app, scenario, SIZE)


def test_the_framework_panes_ask_the_one_door(monkeypatch: pytest.MonkeyPatch) -> None:
    # Issue 27: explore answers through careermap.api.Ladder, as the CLI and the API do, so a
    # rule or an error there is the same from every door.
    from careermap.api import Ladder

    asked: list[str] = []
    for name in ("matrix", "assess"):
        method = getattr(Ladder, name)

        def spy(
            self: Ladder, *args: Any, _name: str = name, _method: Any = method, **kw: Any
        ) -> Any:
            asked.append(_name)
            return _method(self, *args, **kw)

        monkeypatch.setattr(Ladder, name, spy)
    app = ExploreApp(load(), "senior-engineer")

    async def scenario(pilot: Pilot[None]) -> None:
        await pilot.press("4")
        assert "Matrix: the engineering track" in shown(app, "matrix-body")
        await pilot.press("5")
        app.query_one("#rate-0", Select).value = 3.0
        await pilot.pause()
        assert "Tech depth:" in shown(app, "assess-body")

    drive(app, scenario, (120, 40))
    assert "matrix" in asked and "assess" in asked
