"""Growth: what changes from one role to the next, and what to work on along a route.

A ladder's themes (competencies) give each role a proficiency per theme and a list of
expectations. Comparing two roles, or walking a route step by step, says which themes must
grow and what the destination newly expects. Where a ladder has no themes, there is no
growth to show, and the skills map's hard/soft positions stand in for it (``compare``).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from careermap.graph import Route
    from careermap.models import CareerMap, Role, Theme


@dataclass(frozen=True)
class ThemeChange:
    """A theme's proficiency in two roles (None where a role has none) and the change."""

    theme: Theme
    a: float | None
    b: float | None

    @property
    def change(self) -> float | None:
        """``b`` minus ``a``; None unless both are known."""
        return None if self.a is None or self.b is None else round(self.b - self.a, 6)


@dataclass(frozen=True)
class PlanStep:
    """One move of a route: the themes that must grow, and what the destination newly asks."""

    from_: str
    to: str
    grow: list[ThemeChange]
    expectations_new: dict[str, list[str]]


def changes(cmap: CareerMap, a: Role, b: Role) -> list[ThemeChange]:
    """Every theme either role has a proficiency in, in the ladder's theme order."""
    return [
        ThemeChange(theme, a.proficiency(theme.id), b.proficiency(theme.id))
        for theme in cmap.themes
        if a.proficiency(theme.id) is not None or b.proficiency(theme.id) is not None
    ]


def new_expectations(cmap: CareerMap, a: Role, b: Role) -> dict[str, list[str]]:
    """What ``b`` expects that ``a`` does not, per theme (themes with nothing new left out)."""
    found = {}
    for theme in cmap.themes:
        before = set(a.expected(theme.id))
        added = [text for text in b.expected(theme.id) if text not in before]
        if added:
            found[theme.id] = added
    return found


def plan(cmap: CareerMap, route: Route) -> list[PlanStep]:
    """Per step of the route: the themes that grow (both ends known, the destination higher),
    and the destination's new expectations."""
    steps = []
    for step in route.steps:
        a, b = cmap.role(step.from_), cmap.role(step.to)
        grow = [c for c in changes(cmap, a, b) if c.change is not None and c.change > 0]
        steps.append(PlanStep(a.id, b.id, grow, new_expectations(cmap, a, b)))
    return steps


def route_growth(cmap: CareerMap, route: Route) -> list[ThemeChange]:
    """The whole route's growth: each theme from the first role to the last."""
    first, last = cmap.role(route.roles[0]), cmap.role(route.roles[-1])
    return [c for c in changes(cmap, first, last) if c.change]
