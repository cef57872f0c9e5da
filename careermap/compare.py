"""Two roles side by side: levels, skills and how they differ, company titles, routes between."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from careermap.errors import NoRouteError, UsageError
from careermap.ladders import CompanyTitles, titles_at

if TYPE_CHECKING:
    from careermap.graph import Route
    from careermap.growth import ThemeChange
    from careermap.models import CareerMap, Company, Role


@dataclass(frozen=True)
class Comparison:
    """What tells two roles apart; ``b`` minus ``a`` wherever a difference is given."""

    a: Role
    b: Role
    titles: list[tuple[Company, CompanyTitles | None, CompanyTitles | None]]
    a_to_b: Route | None
    b_to_a: Route | None
    cmap: CareerMap

    @property
    def competencies(self) -> list[ThemeChange]:
        """Each theme's proficiency in ``a`` and ``b`` (empty where the ladder has no themes)."""
        from careermap.growth import changes

        return changes(self.cmap, self.a, self.b)

    @property
    def expectations_new(self) -> dict[str, list[str]]:
        """What ``b`` expects that ``a`` does not, per theme."""
        from careermap.growth import new_expectations

        return new_expectations(self.cmap, self.a, self.b)

    @property
    def level_basis(self) -> str | None:
        """What the levels compare by: "rank" (one scale), "band" (scales with bands), or
        None: the roles are on different scales with no mapping between them."""
        basis = self.cmap.level_basis(self.a, self.b)
        return None if basis is None else basis[0]

    @property
    def level_difference(self) -> int | None:
        """How many levels (or, across scales, bands) ``b`` starts above ``a`` (negative:
        below); None where the roles' scales do not map onto each other."""
        basis = self.cmap.level_basis(self.a, self.b)
        return None if basis is None else basis[2][0] - basis[1][0]

    @property
    def skills_difference(self) -> tuple[float, float] | None:
        """(hard, soft) of ``b`` minus ``a``, or None when either role has no skills."""
        if self.a.skills is None or self.b.skills is None:
            return None
        return (
            round(self.b.skills.hard - self.a.skills.hard, 6),
            round(self.b.skills.soft - self.a.skills.soft, 6),
        )


def compare(cmap: CareerMap, a: Role, b: Role) -> Comparison:
    """Compare two different roles; a missing route either way is None, not an error."""
    from careermap.graph import RouteQuery, build_moves, find_routes

    if a.id == b.id:
        raise UsageError(f"{a.id!r} compared with itself; pick two different roles")
    graph = build_moves(cmap)

    def route(source: Role, target: Role) -> Route | None:
        try:
            return find_routes(cmap, RouteQuery(source.id, target.id), graph=graph)[0]
        except NoRouteError:
            return None

    titles = [(c, titles_at(c, a), titles_at(c, b)) for c in cmap.companies]
    return Comparison(a, b, titles, route(a, b), route(b, a), cmap)
