"""The one door: a ``Ladder`` answers every question the commands answer, with their rules.

``careermap.load()`` returns one, the command line builds one for each run, and ``explore``
asks one, so a name resolves, a bound is checked and an error is raised the same way from
every door: names by id, title or alias in any case; every error a ``CareermapError``; a
string where a list of names is expected taken as one name, never letter by letter.

A ``Ladder`` wraps the validated map (``CareerMap``, the records and their lookups) and hands
out its attributes too (``ladder.roles``, ``ladder.moves``, ``ladder.moves_from(id)``...).
Each question returns the result object the renderers draw (``careermap.results``).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from careermap.errors import UsageError, option

if TYPE_CHECKING:
    from careermap.chance import ChanceResult
    from careermap.compare import Comparison
    from careermap.evidence import Calibrated
    from careermap.framework import Assessment, Matrix
    from careermap.graph import Route
    from careermap.models import CareerMap, Role
    from careermap.options import RouteOptions
    from careermap.results import (
        LevelsResult,
        MapDocument,
        MoveList,
        PathResult,
        ReachResult,
        RoleList,
        RoleView,
        SkillsMap,
        TitlesResult,
    )

Names = str | Sequence[str]


def names(value: Names | None) -> tuple[str, ...]:
    """Role, track or company names as a tuple: a single string is one name."""
    if value is None:
        return ()
    return (value,) if isinstance(value, str) else tuple(value)


def load(path: str | Path | None = None, *, ladder: str | None = None) -> Ladder:
    """Read, parse and validate a data file (a ``str`` or ``Path``), or a built-in ladder by
    name; neither: ``$CAREERMAP_DATA``/``$CAREERMAP_LADDER``, else the shipped map. Raises
    ``DataError`` (with each problem's file, line and field) for a file that is not valid."""
    from careermap.loader import load as load_map

    return Ladder(load_map(path, ladder=ladder))


def calibrate(
    ladder: Ladder | CareerMap,
    history: str | Path,
    *,
    as_of: str | None = None,
    min_people: int = 10,
) -> Calibrated:
    """``careermap calibrate``: a ladder's moves estimated from a CSV of people's records
    (``Ladder.calibrate``; a ``CareerMap`` is taken too)."""
    target = ladder if isinstance(ladder, Ladder) else Ladder(ladder)
    return target.calibrate(history, as_of=as_of, min_people=min_people)


class Ladder:
    """A validated ladder and the questions careermap answers about it."""

    __slots__ = ("cmap",)

    def __init__(self, cmap: CareerMap) -> None:
        self.cmap = cmap

    def __getattr__(self, name: str) -> Any:  # the map's records and lookups
        if name == "cmap":  # not set yet (unpickling, a subclass): no map to ask
            raise AttributeError(name)
        return getattr(self.cmap, name)

    def __repr__(self) -> str:
        title = self.cmap.meta.name if self.cmap.meta else "careermap ladder"
        return f"<Ladder {title!r}: {len(self.cmap.roles):,} roles, {len(self.cmap.moves):,} moves>"

    # -- names ------------------------------------------------------------------------------

    def role(self, name: str) -> Role:
        """A role by id, title or alias, in any case. Raises ``UnknownRoleError`` (also a
        ``KeyError``) with the closest names, or ``AmbiguousRoleError``."""
        return self.cmap.resolve(_text(name, "role"))

    # -- the commands' questions ------------------------------------------------------------

    def list_roles(
        self,
        level: int | str | Sequence[int | str] | None = None,
        track: Names | None = None,
        company: str | None = None,
    ) -> RoleList:
        """``careermap roles``: the roles at any of the levels and on any of the tracks."""
        from careermap.results import list_roles

        return list_roles(self.cmap, level, names(track), company)

    def show(self, role: str, company: str | None = None) -> RoleView:
        """``careermap show``: one role and its moves out and in."""
        from careermap.results import show_role

        return show_role(self.cmap, _text(role, "role"), company)

    def list_moves(
        self,
        role: str,
        kind: Names | None = None,
        into: bool = False,
        company: str | None = None,
    ) -> MoveList:
        """``careermap moves``: the moves out of a role (or into it)."""
        from careermap.results import list_moves

        return list_moves(self.cmap, _text(role, "role"), names(kind) or None, into, company)

    def routes(
        self,
        source: str,
        target: str,
        options: RouteOptions | None = None,
        *,
        top: int = 1,
        **fields: Any,
    ) -> list[Route]:
        """The ``top`` best routes from ``source`` to ``target``, best first, as ``path``
        finds them, under ``options`` (a ``careermap.RouteOptions``) with any of its fields
        given as keywords (``no_rare=True``). Raises ``NoRouteError`` when there is none."""
        return self.path(source, target, options, top=top, **fields).routes

    def path(
        self,
        source: str,
        target: str,
        options: RouteOptions | None = None,
        *,
        top: int | None = None,
        company: str | None = None,
        plan: bool = False,
        **fields: Any,
    ) -> PathResult:
        """``careermap path``: the best ``top`` routes (one when not given, then also counting
        the others), with the question they answer; the route options as for ``routes``."""
        from careermap.results import find_path

        if top is not None and top < 1:
            raise UsageError(f"{option('top')} {top}: ask for at least 1 route")
        chosen = route_options(options, fields)
        _years(chosen.years_in_role, "years_in_role")
        return find_path(
            self.cmap,
            _text(source, "source"),
            _text(target, "target"),
            top=top,
            company=company,
            plan=plan,
            options=chosen,
        )

    def reach(
        self,
        role: str | None = None,
        within: float | None = None,
        by: str = "min",
        into: bool | str = False,
        options: RouteOptions | None = None,
        **fields: Any,
    ) -> ReachResult:
        """``careermap reach``: the roles known to be within ``within`` years of ``role``
        (``into=True``: the roles that lead to it), each with its best route; iterating the
        result gives them, nearest first, and its ``unknown`` holds the roles reachable only
        at a length the data does not bound. Of the route options it takes ``tracks``,
        ``no_downward`` and ``no_rare``."""
        from careermap.results import find_reach

        if within is not None:
            _years(within, "within")
        start: str | None
        target: str | None
        if isinstance(into, str):  # the command line's --into ROLE (with ROLE: an error)
            start, target = role, into
        else:
            start, target = (None, role) if into else (role, None)
        return find_reach(
            self.cmap,
            None if start is None else _text(start, "role"),
            within,
            by,
            None if target is None else _text(target, "role"),
            route_options(options, fields),
        )

    def titles(self, role: str, companies: Names | None = None) -> TitlesResult:
        """``careermap titles``: what a role is called at each company."""
        from careermap.results import company_titles

        return company_titles(self.cmap, _text(role, "role"), list(names(companies)) or None)

    def levels(self, track: str | None = None, companies: Names | None = None) -> LevelsResult:
        """``careermap levels``: the companies' ladders and the map's scales side by side."""
        from careermap.results import company_levels

        return company_levels(self.cmap, track, list(names(companies)) or None)

    def compare(self, first: str, second: str, company: str | None = None) -> Comparison:
        """``careermap compare``: two roles side by side."""
        from careermap.results import compare_roles

        return compare_roles(self.cmap, _text(first, "first"), _text(second, "second"), company)

    def map(
        self,
        path: tuple[str, str] | None = None,
        tracks: Names = (),
        x: str | None = None,
        y: str | None = None,
        options: RouteOptions | None = None,
        **fields: Any,
    ) -> SkillsMap:
        """``careermap map``: the roles on the skills map (or two themes), a route marked;
        the route options (as for ``routes``) shape the ``path`` route."""
        from careermap.results import skills_map

        return skills_map(self.cmap, path, names(tracks), x, y, route_options(options, fields))

    def matrix(self, tracks: Names = (), company: str | None = None) -> Matrix:
        """``careermap matrix``: themes by the roles of each track, in level order."""
        from careermap.results import framework_matrix

        return framework_matrix(self.cmap, names(tracks), company)

    def assess(
        self,
        ratings: Mapping[str, str | float] | None = None,
        *,
        rate: Names = (),
        file: str | Path | None = None,
    ) -> Assessment:
        """``careermap assess``: ``{theme id or name: step}`` (a number, or the scale's words),
        ``THEME=STEP`` strings and/or a file of them -> per track the highest role met and the
        gaps to the next. Themes left out are unknown, never taken as zero."""
        from careermap.results import self_assessment

        given = [f"{theme}={step}" for theme, step in (ratings or {}).items()]
        return self_assessment(self.cmap, [*given, *names(rate)], file)

    def calibrate(
        self, history: str | Path, *, as_of: str | None = None, min_people: int = 10
    ) -> Calibrated:
        """``careermap calibrate``: the moves estimated from a CSV of people's records."""
        from careermap.results import calibrate_ladder

        return calibrate_ladder(self.cmap, history, as_of, min_people)

    def chance(self, source: str, target: str, within: float) -> ChanceResult:
        """``careermap chance``: how likely someone starting in ``source`` reaches ``target``
        within ``within`` years, from the moves' recorded evidence."""
        from careermap.results import reach_chance

        _years(within, "within")
        return reach_chance(self.cmap, _text(source, "source"), _text(target, "target"), within)

    def export(self, fmt: str = "json") -> MapDocument:
        """``careermap export``: the whole map, for a format that takes it."""
        from careermap.results import exportable

        return exportable(self.cmap, fmt)


def route_options(options: RouteOptions | None, fields: dict[str, Any]) -> RouteOptions:
    """``options`` with ``fields`` (keyword arguments) replaced: one ``RouteOptions``."""
    from careermap.options import RouteOptions

    if options is not None and not isinstance(options, RouteOptions):
        raise UsageError(f"options must be a RouteOptions, not {type(options).__name__}")
    return RouteOptions.of(options, **fields)


def _text(value: object, name: str) -> str:
    if not isinstance(value, str):
        raise UsageError(f"{name} must be a role's name (a str), not {type(value).__name__}")
    return value


def _years(value: float, name: str) -> None:
    """A number of years a question takes: finite and at least 0."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise UsageError(f"{option(name)} must be a number of years, not {type(value).__name__}")
    if not 0 <= value < float("inf"):
        raise UsageError(f"{option(name)} {value:g}: give a number of years, at least 0")
