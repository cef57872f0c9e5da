"""What each command answers, as plain result objects, and the functions that compute them.

A command in ``cli.py`` parses its arguments, calls one function here and hands the result
to ``careermap.render.emit``; the renderers only draw. Names given by the user (roles,
tracks, companies) are resolved here, so the Python API and the command line accept the same
things and fail with the same errors.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from careermap.errors import DataError, IncompleteDataError, TooLargeError, UsageError

if TYPE_CHECKING:
    from careermap.chance import ChanceResult
    from careermap.compare import Comparison
    from careermap.diff import LadderDiff
    from careermap.errors import Finding
    from careermap.evidence import Calibrated
    from careermap.framework import Assessment, Matrix
    from careermap.graph import Reached, Route, RouteCount, RouteQuery
    from careermap.ladders import CompanyTitles, LevelRow, ScaleTable
    from careermap.models import CareerMap, Company, Move, Role, Theme
    from careermap.options import RouteOptions


@dataclass(frozen=True)
class RoleList:
    """``roles``: the roles that match a level and tracks."""

    cmap: CareerMap
    roles: list[Role]
    company: Company | None = None


@dataclass(frozen=True)
class RoleView:
    """``show``: one role with its moves out and in."""

    cmap: CareerMap
    role: Role
    company: Company | None = None

    @property
    def moves_out(self) -> list[Move]:
        return self.cmap.moves_from(self.role.id)

    @property
    def moves_in(self) -> list[Move]:
        return self.cmap.moves_into(self.role.id)


@dataclass(frozen=True)
class MoveList:
    """``moves``: the moves out of a role, or into it."""

    cmap: CareerMap
    role: Role
    moves: list[Move]
    into: bool = False
    kind: str | Sequence[str] | None = None
    company: Company | None = None


@dataclass(frozen=True)
class PathResult:
    """``path``: the best routes for a query, and how many others exist when counted."""

    cmap: CareerMap
    query: RouteQuery
    routes: list[Route]
    others: RouteCount | None
    scale_up: float | None = None
    company: Company | None = None
    plan: bool = False  # show what to grow along each route (the ladder's themes)


@dataclass(frozen=True)
class ReachResult:
    """``reach``: roles reachable from a role (or leading into it), each with its best route."""

    cmap: CareerMap
    role: Role
    within: float | None
    by: str
    into: bool
    found: list[Reached]
    total: int = 0  # how many roles qualify; ``found`` holds the nearest REACH_ROLES of them
    # Roles reachable only at a length the data does not bound, and how many there are.
    unknown: list[Reached] = field(default_factory=list)
    unknown_total: int = 0

    def __iter__(self) -> Iterator[Reached]:  # the roles found, nearest first
        return iter(self.found)

    def __len__(self) -> int:
        return len(self.found)

    def __getitem__(self, index: int) -> Reached:
        return self.found[index]


@dataclass(frozen=True)
class TitlesResult:
    """``titles``: what a role is called at each company."""

    role: Role
    entries: list[CompanyTitles]
    companies: list[Company]
    cmap: CareerMap


@dataclass(frozen=True)
class LevelsResult:
    """``levels``: company ladders side by side, one table per ladder track; and, where the
    map names its levels, its scales side by side (by band where they have bands)."""

    tables: list[tuple[str, list[Company], list[LevelRow]]]
    scales: ScaleTable | None = None


@dataclass(frozen=True)
class SkillsMap:
    """``map``: the roles shown, the moves between them and the route highlighted."""

    cmap: CareerMap
    roles: list[Role]
    moves: list[Move]
    route: list[str]
    left_off: list[Role] = field(default_factory=list)  # no step in both --x/--y themes

    @property
    def title(self) -> str:
        return self.cmap.meta.name if self.cmap.meta else "Skills map"

    def summary(self) -> str:
        highlighted = ", route highlighted" if self.route else ""
        left = (
            f", {len(self.left_off):,} left off (no step in both themes)" if self.left_off else ""
        )
        return f"{len(self.roles):,} roles, {len(self.moves):,} moves{highlighted}{left}"


@dataclass(frozen=True)
class MapDocument:
    """``export``: the whole map, to be written in a data, graph or page format."""

    cmap: CareerMap


@dataclass(frozen=True)
class Written:
    """A file careermap wrote (``init``): a starter, or a copy of the built-in ladder
    ``ladder`` (by its gallery name)."""

    file: Path
    format: str
    ladder: str | None = None

    @property
    def from_default(self) -> bool:
        from careermap.sources import DEFAULT_LADDER

        return self.ladder == DEFAULT_LADDER


@dataclass(frozen=True)
class ValidationReport:
    """``validate``: a file's errors (then nothing else is known), or its warnings and summary."""

    file: str
    errors: list[Finding]
    warnings: list[Finding]
    summary: dict[str, Any] | None
    strict: bool = False

    @property
    def failed(self) -> bool:
        return bool(self.errors) or (self.strict and bool(self.warnings))


@dataclass(frozen=True)
class ValidationRun:
    """``validate FILE [FILE ...]``: one report per file, in the order given."""

    reports: list[ValidationReport]

    @property
    def failed(self) -> bool:
        return any(report.failed for report in self.reports)


@dataclass(frozen=True)
class Schema:
    """``schema``: the JSON Schema of data files."""

    document: dict[str, Any]


# -- the questions ---------------------------------------------------------------------------


def find_company(cmap: CareerMap, name: str | None) -> Company | None:
    """The company a ``--company`` option names, or None when none was given."""
    if name is None:
        return None
    from careermap.ladders import find_company as find

    return find(cmap, name)


def resolve_role(cmap: CareerMap, name: str, company: Company | None = None) -> Role:
    """A role by id, title or alias; with a company, its titles and codes too."""
    from careermap.ladders import resolve_role as resolve

    return resolve(cmap, name, company)


def list_roles(
    cmap: CareerMap,
    level: int | str | Sequence[int | str] | None = None,
    track: str | Sequence[str] | None = None,
    company: str | None = None,
) -> RoleList:
    """Roles at any of the levels and on any of the tracks: a union within each, an
    intersection of the two. A level is a level's code or name on every scale that has it,
    else a bare rank (6 or L6) on every scale; with a company, its level codes and titles
    come first (``--company amazon --level L6``: Amazon's L6 on each of its ladders)."""
    from careermap.ladders import company_level_places

    levels = [level] if isinstance(level, int | str) else list(level or ())
    tracks = [track] if isinstance(track, str) else list(track or ())
    at = find_company(cmap, company)
    places = [
        place
        for name in levels
        for place in (company_level_places(at, str(name)) if at else [])
        or cmap.level_places(str(name))
    ]
    wanted = [cmap.resolve_track(name) for name in tracks]
    return RoleList(cmap, cmap.filter_roles(level=places, track=wanted), at)


def show_role(cmap: CareerMap, name: str, company: str | None = None) -> RoleView:
    at = find_company(cmap, company)
    return RoleView(cmap, resolve_role(cmap, name, at), at)


def list_moves(
    cmap: CareerMap,
    name: str,
    kind: str | Sequence[str] | None = None,
    into: bool = False,
    company: str | None = None,
) -> MoveList:
    at = find_company(cmap, company)
    role = resolve_role(cmap, name, at)
    listed = (cmap.moves_into if into else cmap.moves_from)(role.id, kind)
    return MoveList(cmap, role, listed, into, kind, at)


def route_query(
    cmap: CareerMap,
    source: str,
    target: str,
    options: RouteOptions | None = None,
    company: Company | None = None,
) -> RouteQuery:
    """The query the route options describe, every name resolved to its id (avoided roles
    and tracks sorted: they are sets).

    ``scale_up`` applies the data's ``meta.scale_up`` factor, and is an error on a map that
    gives none.
    """
    from careermap.graph import RouteQuery
    from careermap.options import RouteOptions

    given = options or RouteOptions()
    resolved = replace(
        given,
        via=tuple(resolve_role(cmap, name, company).id for name in given.via),
        avoid=tuple(sorted({resolve_role(cmap, name, company).id for name in given.avoid})),
        tracks=tuple(sorted({cmap.resolve_track(name) for name in given.tracks})),
    )
    return RouteQuery(
        source=resolve_role(cmap, source, company).id,
        target=resolve_role(cmap, target, company).id,
        options=resolved,
        scale=scale_up_factor(cmap) if given.scale_up else 1.0,
    )


def scale_up_factor(cmap: CareerMap) -> float:
    """The data's scale-up factor; asking for it on a map without one is a usage error."""
    if cmap.meta is None or cmap.meta.scale_up is None:
        raise UsageError(
            "--scale-up needs a factor in the data file's meta.scale_up; this map has none"
        )
    return cmap.meta.scale_up.factor


def find_path(
    cmap: CareerMap,
    source: str,
    target: str,
    *,
    top: int | None = None,
    company: str | None = None,
    plan: bool = False,
    options: RouteOptions | None = None,
) -> PathResult:
    """The best ``top`` routes (one when not given, then also counting the others)."""
    from careermap.graph import build_moves, count_other_routes, find_routes

    at = find_company(cmap, company)
    query = route_query(cmap, source, target, options, at)
    graph = build_moves(cmap, query)
    routes = find_routes(cmap, query, top=top or 1, graph=graph)
    others = count_other_routes(cmap, query, graph) if top is None else None
    factor = query.scale if query.options.scale_up else None
    return PathResult(cmap, query, routes, others, factor, at, plan)


def find_reach(
    cmap: CareerMap,
    role: str | None = None,
    within: float | None = None,
    by: str = "min",
    into: str | None = None,
    options: RouteOptions | None = None,
) -> ReachResult:
    """Roles within ``within`` years of ``role``, or (``into``) the roles leading to one;
    the options' ``tracks``, ``no_downward`` and ``no_rare`` narrow the moves as for
    ``path`` (``by`` is the argument; no other option means anything here)."""
    from careermap.errors import option
    from careermap.graph import reach
    from careermap.options import RouteOptions

    given = options or RouteOptions()
    extra = [name for name in given.given() if name not in REACH_OPTIONS]
    if extra:
        raise UsageError(
            f"reach takes {', '.join(option(name) for name in REACH_OPTIONS)} of the route "
            f"options, not {', '.join(option(name) for name in extra)}"
        )

    if (role is None) == (into is None):
        raise UsageError("give a ROLE to reach from, or --into ROLE, not both or neither")
    if role is not None and within is None:
        raise UsageError("reach ROLE needs --within YEARS (only --into may go without it)")
    found_role = cmap.resolve(role or into or "")
    found = reach(
        cmap,
        found_role.id,
        within,
        by,
        into=into is not None,
        limit=REACH_ROLES,
        tracks=frozenset(cmap.resolve_track(track) for track in given.tracks),
        no_downward=given.no_downward,
        no_rare=given.no_rare,
    )
    return ReachResult(
        cmap,
        found_role,
        within,
        by,
        into is not None,
        found,
        found.total,
        found.unknown,
        found.unknown_total,
    )


def company_titles(cmap: CareerMap, name: str, companies: list[str] | None = None) -> TitlesResult:
    from careermap.ladders import find_companies, titles

    chosen = find_companies(cmap, companies)
    # With one company named, the role may be given by that company's title or code.
    role = resolve_role(cmap, name, chosen[0] if companies and len(chosen) == 1 else None)
    return TitlesResult(role, titles(cmap, role, chosen), chosen, cmap)


def company_levels(
    cmap: CareerMap, track: str | None = None, companies: list[str] | None = None
) -> LevelsResult:
    from careermap.ladders import (
        find_companies,
        ladder_track_for,
        ladder_tracks,
        level_rows,
        scale_table,
    )

    scales = scale_table(cmap)
    if scales is not None and not cmap.companies and not companies:
        if track is not None:
            cmap.resolve_track(track)
        return LevelsResult([], scales)  # a ladder of several scales and no company ladders
    chosen = find_companies(cmap, companies)
    tracks = ladder_tracks(cmap) if track is None else [ladder_track_for(cmap, track.lower())]
    return LevelsResult([(t, chosen, level_rows(cmap, t, chosen)) for t in tracks], scales)


def compare_roles(
    cmap: CareerMap, first: str, second: str, company: str | None = None
) -> Comparison:
    from careermap.compare import compare

    at = find_company(cmap, company)
    return compare(cmap, resolve_role(cmap, first, at), resolve_role(cmap, second, at))


def skills_map(
    cmap: CareerMap,
    path: tuple[str, str] | None = None,
    tracks: list[str] | tuple[str, ...] = (),
    x: str | None = None,
    y: str | None = None,
    options: RouteOptions | None = None,
) -> SkillsMap:
    """The roles on ``tracks`` (all when none), the moves among them, and a highlighted route.

    With ``x`` and ``y`` (two themes), roles are placed by those competencies instead of the
    soft/hard skills; roles without a proficiency in both are left off the map. Route
    options (via, avoid, ...) shape the ``path`` route and mean nothing without it; its
    intermediate roles are on ``tracks`` (the options' own ``tracks`` are the map's).
    """
    from careermap.errors import option
    from careermap.options import RouteOptions

    given = options or RouteOptions()
    if (x is None) != (y is None):
        raise UsageError("--x and --y go together: give a theme for each axis")
    left_off: list[Role] = []
    if x is not None and y is not None:
        whole = cmap
        cmap = themed_view(cmap, cmap.resolve_theme(x), cmap.resolve_theme(y))
        kept = {role.id for role in cmap.roles}
        left_off = [role for role in whole.roles if role.id not in kept]
    wanted = frozenset(cmap.resolve_track(name) for name in tracks or given.tracks)
    roles = [role for role in cmap.roles if not wanted or role.on_track(wanted)]
    route: list[str] = []
    if path is not None:
        from careermap.graph import find_routes

        query = route_query(cmap, *path, replace(given, tracks=tuple(wanted)), None)
        for end in (cmap.role(query.source), cmap.role(query.target)):
            if wanted and not end.on_track(wanted):
                on = ", ".join(repr(track) for track in end.tracks)
                raise UsageError(f"{end.id} is on track {on}, which --track leaves out")
        route = find_routes(cmap, query)[0].roles
    elif shaping := [name for name in given.given() if name not in ("by", "tracks")]:
        raise UsageError(
            f"{', '.join(option(name) for name in shaping)} shape a {option('path')} route; "
            f"give {option('path')} FROM TO"
        )
    shown = {role.id for role in roles}
    moves = [m for m in cmap.moves if m.from_ in shown and m.to in shown]
    left = [role for role in left_off if not wanted or role.on_track(wanted)]
    return SkillsMap(cmap, roles, moves, route, left)


MAP_ROLES = 300  # every picture of the map (terminal, SVG, the page) draws at most this many roles
REACH_OPTIONS = ("tracks", "no_downward", "no_rare")  # the route options reach takes
REACH_ROLES = 1000  # reach lists at most this many roles, the nearest first
# The web page lists every role with its moves. What bounds it is the browser: measured in
# Chromium (2 shared cores), a page of 2,000 roles and 20,000 moves (9.8 MB) took 10 s to
# load and 4,000 roles 29 s (20,000 roles, 92 MB: two minutes); 1,000 roles and 10,000
# moves (5 MB) took 5.5-7 s. Larger ladders are refused, pointing to the data formats.
PAGE_ROLES = 1_000
PAGE_MOVES = 10_000


def exportable(cmap: CareerMap, fmt: str) -> MapDocument:
    """``export``'s document, unless it is a web page too large to build within bounds (a
    TooLargeError naming the formats that take any map)."""
    roles, moves = len(cmap.roles), len(cmap.moves)
    if fmt == "html" and (roles > PAGE_ROLES or moves > PAGE_MOVES):
        raise TooLargeError(
            f"the web page shows at most {PAGE_ROLES:,} roles and {PAGE_MOVES:,} moves (a "
            f"browser takes too long to open more), and this ladder has {roles:,} roles and "
            f"{moves:,} moves; export it as json, toml, yaml, graphml, dot or mermaid instead"
        )
    return MapDocument(cmap)


def drawable(result: SkillsMap) -> SkillsMap:
    """The map, if it is small enough to draw legibly and quickly; else a TooLargeError that
    says how to narrow it (JSON and Markdown list any number of roles)."""
    if len(result.roles) > MAP_ROLES:
        raise TooLargeError(
            f"the skills map draws at most {MAP_ROLES} roles and this selection has "
            f"{len(result.roles)}; narrow it with --track, or use --json or --markdown"
        )
    return result


def themed_view(cmap: CareerMap, x: Theme, y: Theme) -> CareerMap:
    """The map with each role placed by two themes (as its soft and hard position) and the
    axes named after them: every picture of the map then draws the themes."""
    from dataclasses import replace

    from careermap.models import Axes, Meta, Skills

    roles = []
    for role in cmap.roles:
        soft, hard = role.proficiency(x.id), role.proficiency(y.id)
        if soft is not None and hard is not None:
            roles.append(replace(role, skills=Skills(hard=hard, soft=soft)))
    if not roles:
        raise IncompleteDataError(f"no role has a proficiency in both {x.id} and {y.id}")
    kept = {role.id for role in roles}
    moves = [m for m in cmap.moves if m.from_ in kept and m.to in kept]
    axes = Axes(x.name, y.name)
    meta = replace(cmap.meta, axes=axes) if cmap.meta else Meta(name="Skills map", axes=axes)
    return replace(cmap, roles=roles, moves=moves, meta=meta)


def data_format_for(target: Path, fmt: str | None) -> str:
    """The data format a new file is written in: its extension's, which ``fmt`` must agree with."""
    from careermap.loader import FORMATS

    by_extension = FORMATS.get(target.suffix.lower())
    if by_extension is None:
        suffix = f".{fmt}" if fmt is not None else ".toml"
        raise UsageError(
            f"{target}: careermap reads data files by their extension (.toml, .yaml, .yml, "
            f".json); name it {target.with_suffix(suffix).name}"
        )
    if fmt is not None and fmt != by_extension:
        raise UsageError(f"{target}: the extension says {by_extension}, --format says {fmt}")
    return by_extension


def init_source(
    from_ladder: str | None,
    from_default: bool,
    chosen_ladder: str | None = None,
    on_command_line: bool = False,
) -> str | None:
    """The built-in ladder ``init`` copies (its gallery name), or None for the starter.

    ``--from NAME`` names it (``default``: the shipped map) and ``--from-default`` is
    ``--from default``. A ladder chosen for the whole command (``--ladder``, or
    ``CAREERMAP_LADDER``) never silently gives way to another: one that disagrees with
    ``--from`` is a usage error, and ``--ladder`` alone, which ``init`` does not read, is
    one that says to use ``--from``.
    """
    from careermap.sources import DEFAULT_LADDER, ladder_path

    def name_of(name: str) -> str:
        name = name.strip().lower()
        if name == "default":
            return DEFAULT_LADDER
        ladder_path(name)  # a usage error, with the closest names, for an unknown one
        return name

    if from_default and from_ladder is not None and name_of(from_ladder) != DEFAULT_LADDER:
        raise UsageError(f"--from {from_ladder} and --from-default disagree; give one of them")
    wanted = name_of(from_ladder) if from_ladder is not None else None
    if from_default:
        wanted = DEFAULT_LADDER
    if chosen_ladder is not None:
        chosen = name_of(chosen_ladder)
        flag = "--ladder" if on_command_line else "CAREERMAP_LADDER"
        if wanted is not None and wanted != chosen:
            given = "--from-default" if from_default else f"--from {from_ladder}"
            raise UsageError(
                f"{flag} {chosen_ladder} and {given} disagree; init copies the ladder named "
                f"by --from: careermap init FILE --from {chosen} (or --from {wanted})"
            )
        if wanted is None and on_command_line:
            raise UsageError(
                f"init does not read --ladder; to start from {chosen}: careermap init FILE "
                f"--from {chosen}"
            )
    return wanted


def starter_text(fmt: str, ladder: str | None) -> str:
    """A starter data file: a small commented example, or the whole of a built-in ladder
    (by its gallery name)."""
    from careermap.templates import from_ladder as ladder_text
    from careermap.templates import starter

    if ladder is None:
        return starter(fmt)
    from careermap.dump import document_text
    from careermap.loader import load
    from careermap.sources import ladder_path

    return ladder_text(document_text(load(ladder_path(ladder)).to_document(), fmt), fmt, ladder)


def validation_report(path: str | Path, strict: bool = False) -> ValidationReport:
    """Check a data file (a ``str`` or ``Path``): its errors, or (when it loads) its warnings
    and a summary."""
    from careermap.checks import graph_warnings
    from careermap.errors import Finding
    from careermap.loader import format_loc, load_file

    path = Path(path)
    name = str(path)
    try:
        cmap, find_line = load_file(path, read_cache=False)
    except DataError as exc:
        return ValidationReport(name, list(exc.findings), [], None, strict)
    warnings = [
        Finding(name, w.message, path=format_loc(w.loc), line=find_line(w.loc), hint=w.hint)
        for w in graph_warnings(cmap)
    ]
    low, high = cmap.level_span
    summary = {
        "roles": len(cmap.roles),
        "moves": len(cmap.moves),
        "tracks": cmap.tracks,
        "levels": [low, high],
        "companies": len(cmap.companies),
        "scales": [
            {"tracks": list(scale.tracks), "levels": list(levels), "span": span}
            for scale, levels, span in cmap.scale_spans()
        ],
    }
    return ValidationReport(name, [], warnings, summary, strict)


def validation_run(paths: Sequence[str | Path], strict: bool = False) -> ValidationRun:
    """``validation_report`` for each file, every file checked whatever the others hold."""
    return ValidationRun([validation_report(Path(path), strict) for path in paths])


def ladder_diff(old: str | Path, new: str | Path, stdin: bytes | None = None) -> LadderDiff:
    """``diff``: two versions of a ladder; either may be ``-``, the bytes of ``stdin`` in the
    format of the other file."""
    from careermap.diff import diff
    from careermap.loader import FORMATS, load_bytes, load_file

    names = [str(old), str(new)]
    if names == ["-", "-"]:
        raise UsageError("only one of OLD and NEW can be - (standard input)")
    maps = []
    for name, other in (names, names[::-1]):
        if name != "-":
            maps.append(load_file(Path(name))[0])
            continue
        fmt = FORMATS.get(Path(other).suffix.lower())
        if fmt is None:
            raise UsageError(
                f"cannot tell the format of standard input from {other!r}: "
                "name the other file with .toml, .json, .yaml or .yml"
            )
        maps.append(load_bytes(stdin or b"", fmt, "<stdin>")[0])
    shown = ["<stdin>" if name == "-" else name for name in names]
    return diff(maps[0], maps[1], *shown)


def calibrate_ladder(
    cmap: CareerMap,
    history: str | Path,
    as_of: str | None = None,
    min_people: int = 10,
) -> Calibrated:
    """``calibrate``: the ladder's moves estimated from people's records (``evidence.py``)."""
    from careermap.evidence import calibrate

    return calibrate(cmap, history, as_of=as_of, min_people=min_people)


def reach_chance(cmap: CareerMap, source: str, target: str, within: float) -> ChanceResult:
    """``chance``: how likely someone starting in ``source`` reaches ``target`` within
    ``within`` years, from the ladder's recorded evidence (``chance.py``)."""
    from careermap.chance import chance

    if within < 0:
        raise UsageError(f"--within must be a number of years, 0 or more, not {within:g}")
    return chance(cmap, cmap.resolve(source).id, cmap.resolve(target).id, within)


def framework_matrix(
    cmap: CareerMap, tracks: Sequence[str] = (), company: str | None = None
) -> Matrix:
    """``matrix``: themes by the roles of each track, in level order."""
    from careermap.framework import matrix

    return matrix(cmap, tracks, find_company(cmap, company))


def self_assessment(
    cmap: CareerMap, rate: Sequence[str] = (), file: str | Path | None = None
) -> Assessment:
    """``assess``: steps from ``--rate THEME=STEP`` options and a file of ``theme = step``
    (an option wins over the file for the same theme)."""
    from careermap.framework import assess, ratings_from

    given: dict[str, str | float] = {}
    if file is not None:
        given.update(ratings_file(cmap, Path(file)))
    rated: dict[str, str | float] = {}
    for option in rate:
        name, equals, step = option.partition("=")
        if not equals or not name.strip() or not step.strip():
            raise UsageError(f"--rate {option!r}: give THEME=STEP, such as tech-depth=3")
        if name.strip() in rated:
            raise UsageError(f"--rate: theme {name.strip()!r} is rated twice")
        rated[name.strip()] = step.strip()
    if not given and not rated:
        raise UsageError("rate yourself with --rate THEME=STEP (repeatable) or a FILE")
    by_theme = {cmap.resolve_theme(name).id: step for name, step in given.items()}
    by_theme.update({cmap.resolve_theme(name).id: step for name, step in rated.items()})
    return assess(cmap, ratings_from(cmap, by_theme))


def ratings_file(cmap: CareerMap, path: Path) -> dict[str, str | float]:
    """A TOML, YAML or JSON table of theme = step; each bad entry one finding (exit 1) with
    the file, line and theme."""
    from careermap.errors import Finding
    from careermap.framework import parse_step
    from careermap.loader import _PARSERS, _line_finder, _read_bytes

    raw, fmt = _read_bytes(path)
    try:
        document = _PARSERS[fmt](raw.decode("utf-8-sig"), str(path))
    except UnicodeDecodeError:
        raise DataError(Finding(str(path), "not valid UTF-8; save the file as UTF-8")) from None
    if not isinstance(document, dict):
        raise DataError(Finding(str(path), "give a table of theme = step, one theme a line"))
    finder = _line_finder(raw, fmt)
    text = raw.decode("utf-8-sig").splitlines()

    def line(key: str) -> int | None:
        found = finder((key,))
        if found is None:  # a top-level key of TOML: the line it starts, bare or quoted
            keys = (key, f'"{key}"', f"'{key}'")
            starts = [n for n, t in enumerate(text, 1) if t.split("=")[0].strip() in keys]
            found = starts[0] if starts else None
        return found

    findings: list[Finding] = []
    found: dict[str, str | float] = {}
    for key, value in document.items():
        try:
            theme = cmap.resolve_theme(str(key))
            if isinstance(value, bool) or not isinstance(value, int | float | str):
                raise UsageError(f"a step is a number or one of the scale's words, not {value!r}")
            parse_step(theme, value)
        except UsageError as exc:
            findings.append(Finding(str(path), str(exc), path=str(key), line=line(str(key))))
            continue
        found[str(key)] = value
    if findings:
        raise DataError(findings)
    return found


def json_schema() -> Schema:
    from careermap.schema import json_schema as build

    return Schema(build())
