"""The command line: arguments in, core calls, one renderer out, and the exit code.

This is the only module that prints or chooses exit codes. careermap's own errors become
one line per problem on stderr (exit 1 for bad data or no result, 2 for bad usage);
everything else is the core's business.
"""

from __future__ import annotations

import json
import math
import os
import sys
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer
from typer.core import TyperGroup

from careermap import __version__
from careermap.errors import CareermapError, OutputError, UsageError

if TYPE_CHECKING:
    from rich.console import RenderableType

    from careermap.graph import Adjustments, RouteQuery
    from careermap.models import CareerMap, Company, Role


class _Group(TyperGroup):
    """Turns careermap's exceptions, from any command, into messages and exit codes."""

    def invoke(self, ctx: Any) -> Any:
        try:
            return super().invoke(ctx)
        except CareermapError as exc:
            for line in exc.lines:
                # One line per problem, whatever a message holds.
                typer.echo(f"error: {' '.join(line.splitlines())}", err=True)
            ctx.exit(exc.exit_code)


def _new_app() -> typer.Typer:
    return typer.Typer(
        cls=_Group,
        name="careermap",
        epilog="Example: careermap path senior-engineer director-of-tech",
        no_args_is_help=True,
        pretty_exceptions_enable=False,
        # Plain click help and usage errors: typer's rich help imports a Markdown parser
        # and rich's traceback module, a third of a --help's start-up.
        rich_markup_mode=None,
        context_settings={"help_option_names": ["-h", "--help"]},
    )


app = _new_app()


class KindChoice(StrEnum):
    lateral = "lateral"
    upward = "upward"
    downward = "downward"


# -- shared state ----------------------------------------------------------------------------


def _cmap(ctx: typer.Context) -> CareerMap:
    """The map for this invocation, loaded once (``--data`` > ``$CAREERMAP_DATA`` > default)."""
    from careermap.loader import load

    root = ctx.find_root()
    if not isinstance(root.obj, dict):
        root.obj = {}
    if "cmap" not in root.obj:
        root.obj["cmap"] = load(root.params.get("data"))
    cmap: CareerMap = root.obj["cmap"]
    return cmap


def _complete_role(ctx: typer.Context, incomplete: str) -> list[str]:
    """Role ids for shell completion; silent when the data cannot be loaded."""
    try:
        cmap = _cmap(ctx)
    except CareermapError:
        return []
    return [role.id for role in cmap.roles if role.id.startswith(incomplete.lower())]


def _print(renderable: RenderableType) -> None:
    from rich.console import Console

    Console().print(renderable)


def _print_json(value: Any) -> None:
    sys.stdout.write(json.dumps(value, indent=2, ensure_ascii=False) + "\n")


def _note(message: str) -> None:
    typer.echo(message, err=True)


def _parse_level(value: str | None) -> int | None:
    if value is None:
        return None
    text = value.strip().upper().removeprefix("L")
    if not text.isdigit():
        raise typer.BadParameter(f"{value!r} is not a level; use a number like 6 or L6")
    return int(text)


def _check_track(cmap: CareerMap, track: str) -> str:
    """A track of the map, by name in any case; a usage error suggests the closest."""
    track = track.lower()
    if track not in cmap.tracks:
        import difflib

        close = difflib.get_close_matches(track, cmap.tracks, n=1)
        hint = f"did you mean {close[0]}?" if close else f"tracks: {', '.join(cmap.tracks)}"
        raise UsageError(f"unknown track {track!r}; {hint}")
    return track


def _finite(value: float | None) -> float | None:
    """Reject nan and infinity, which click's float type lets through."""
    if value is not None and not math.isfinite(value):
        raise typer.BadParameter(f"{value} is not a number of years")
    return value


def _count(number: int, singular: str, plural: str | None = None) -> str:
    return f"{number} {singular if number == 1 else plural or singular + 's'}"


def _version(value: bool) -> None:
    if value:
        typer.echo(f"careermap {__version__}")
        raise typer.Exit()


RoleArgument = Annotated[
    str,
    typer.Argument(
        help="A role id, title or alias (case-insensitive).",
        autocompletion=_complete_role,
        show_default=False,
    ),
]
JsonOption = Annotated[bool, typer.Option("--json", help="Print JSON instead of tables.")]
MarkdownOption = Annotated[
    bool,
    typer.Option("--markdown", help="Print plain Markdown (for screen readers and documents)."),
]
CompanyOption = Annotated[
    str | None,
    typer.Option(
        "--company",
        "-c",
        help="Also show this company's titles; role names may then be its titles or codes.",
        metavar="COMPANY",
    ),
]


def _company(cmap: CareerMap, name: str | None) -> Company | None:
    if name is None:
        return None
    from careermap.ladders import find_company

    return find_company(cmap, name)


def _role(cmap: CareerMap, name: str, company: Company | None) -> Role:
    """A role argument: a company title or code first when --company is given, else a name."""
    from careermap.ladders import resolve_role

    return resolve_role(cmap, name, company)


# -- commands --------------------------------------------------------------------------------


@app.callback()
def _main(
    data: Annotated[
        Path | None,
        typer.Option(
            "--data",
            envvar="CAREERMAP_DATA",
            show_envvar=True,
            help="Data file (TOML, JSON or YAML) to use instead of the shipped map.",
            metavar="FILE",
        ),
    ] = None,
    version: Annotated[
        bool,
        typer.Option("--version", callback=_version, is_eager=True, help="Show the version."),
    ] = False,
) -> None:
    """Explore career paths in tech: roles, the moves between them, and how long they take.

    The shipped map encodes "The Skills Map of Senior Tech Career Progression"
    (codecapsule.com, 2021). Year ranges are estimates, not promises.
    """


@app.command(
    epilog="Examples: careermap roles --level 6 --track engineering  ·  careermap roles --ids",
    short_help="List the roles, at a level or on a track.",
)
def roles(
    ctx: typer.Context,
    level: Annotated[
        str | None,
        typer.Option("--level", "-l", help="Only roles whose level range contains this (6 or L6)."),
    ] = None,
    track: Annotated[
        str | None, typer.Option("--track", "-t", help="Only roles on this track.")
    ] = None,
    company: CompanyOption = None,
    ids: Annotated[
        bool, typer.Option("--ids", help="Only the ids, one a line (for scripts).")
    ] = False,
    as_json: JsonOption = False,
    as_markdown: MarkdownOption = False,
) -> None:
    """List the roles, optionally at one level or on one track."""
    wanted_level = _parse_level(level)
    cmap = _cmap(ctx)
    wanted_track = _check_track(cmap, track) if track is not None else None
    at = _company(cmap, company)
    found = cmap.filter_roles(level=wanted_level, track=wanted_track)
    if ids:
        sys.stdout.write("".join(f"{role.id}\n" for role in found))
        return
    if as_json:
        from careermap.render import with_company

        _print_json([with_company(role, at) for role in found])
        return
    if as_markdown:
        from careermap.markdown import roles_markdown

        sys.stdout.write(roles_markdown(found))
        return
    if not found:
        low, high = cmap.level_span
        _note(f"No roles match; this map spans L{low}-{high} and tracks {', '.join(cmap.tracks)}.")
        return
    from rich.markup import escape

    from careermap.render import roles_table

    meta = f" from {cmap.meta.name}" if cmap.meta else ""
    caption = escape(f"{len(found)} of {len(cmap.roles)} roles{meta}")
    _print(roles_table(found, caption=caption, company=at))


@app.command(
    epilog="Example: careermap show staff-engineer",
    short_help="One role: levels, skills, source, moves.",
)
def show(
    ctx: typer.Context,
    role: RoleArgument,
    company: CompanyOption = None,
    as_json: JsonOption = False,
) -> None:
    """Show one role: levels, track, skills, description, source and its moves out and in."""
    cmap = _cmap(ctx)
    at = _company(cmap, company)
    found = _role(cmap, role, at)
    if as_json:
        from careermap.render import show_json, with_company

        _print_json({**show_json(cmap, found), "role": with_company(found, at)})
        return
    from careermap.render import role_panel

    _print(role_panel(cmap, found, at))


@app.command(
    epilog="Example: careermap moves senior-engineer --kind lateral",
    short_help="The moves out of a role, or into it.",
)
def moves(
    ctx: typer.Context,
    role: RoleArgument,
    kind: Annotated[
        KindChoice | None, typer.Option("--kind", "-k", help="Only moves of this kind.")
    ] = None,
    into: Annotated[
        bool, typer.Option("--into", help="Moves into the role instead of out of it.")
    ] = False,
    company: CompanyOption = None,
    as_json: JsonOption = False,
    as_markdown: MarkdownOption = False,
) -> None:
    """List the moves out of a role (or into it): the other role, kind, years and source."""
    cmap = _cmap(ctx)
    at = _company(cmap, company)
    found = _role(cmap, role, at)
    kind_name = kind.value if kind else None
    listed = (cmap.moves_into if into else cmap.moves_from)(found.id, kind_name)
    if as_json:
        from careermap.render import move_json

        _print_json([move_json(move) for move in listed])
        return
    if as_markdown:
        from careermap.markdown import moves_markdown

        sys.stdout.write(moves_markdown(cmap, found, listed, into))
        return
    direction = "into" if into else "out of"
    if not listed:
        qualifier = f"{kind_name} " if kind_name else ""
        _note(f"No {qualifier}moves {direction} {found.id} in this map.")
        return
    from rich.markup import escape

    from careermap.render import moves_table

    title = escape(f"Moves {direction} {found.title} ({found.id})")
    _print(moves_table(cmap, listed, into=into, title=title, company=at))


class RankChoice(StrEnum):
    min = "min"
    typical = "typical"
    max = "max"
    steps = "steps"


class ReachRankChoice(StrEnum):
    min = "min"
    typical = "typical"


# Options that shape a route, shared by `path` and `map --path`.
ViaOption = Annotated[
    list[str] | None,
    typer.Option(
        "--via",
        help="The route passes through this role (repeatable, in order).",
        autocompletion=_complete_role,
        metavar="ROLE",
    ),
]
AvoidOption = Annotated[
    list[str] | None,
    typer.Option(
        "--avoid",
        help="The route never passes through this role (repeatable).",
        autocompletion=_complete_role,
        metavar="ROLE",
    ),
]
NoDownwardOption = Annotated[
    bool, typer.Option("--no-downward", help="The route uses no downward moves.")
]
MaxStepsOption = Annotated[
    int | None,
    typer.Option("--max-steps", min=1, help="The route has at most N moves.", metavar="N"),
]
RankOption = Annotated[
    RankChoice,
    typer.Option("--by", help="Rank routes by min, typical or max years, or by steps."),
]
CompaniesOption = Annotated[
    list[str] | None,
    typer.Option("--company", "-c", help="Only these companies (repeatable).", metavar="COMPANY"),
]


def _route_query(
    cmap: CareerMap,
    ends: tuple[str, str],
    via: list[str] | None,
    avoid: list[str] | None,
    tracks: frozenset[str],
    no_downward: bool,
    max_steps: int | None,
    by: RankChoice,
    company: Company | None = None,
    adjustments: Adjustments | None = None,
) -> RouteQuery:
    """The query the route options describe, every role name resolved."""
    from careermap.graph import Adjustments, RouteQuery

    source, target = (_role(cmap, name, company).id for name in ends)
    return RouteQuery(
        source=source,
        target=target,
        via=tuple(_role(cmap, name, company).id for name in via or ()),
        avoid=frozenset(_role(cmap, name, company).id for name in avoid or ()),
        tracks=tracks,
        no_downward=no_downward,
        max_steps=max_steps,
        by=by.value,
        adjustments=adjustments or Adjustments(),
    )


@app.command(
    epilog="Examples: careermap path senior-engineer director-of-tech --top 3  ·  "
    "careermap path senior-engineer vp-of-tech --no-downward --track management",
    short_help="Routes between two roles, with their years.",
)
def path(
    ctx: typer.Context,
    source: Annotated[
        str,
        typer.Argument(
            metavar="FROM",
            help="Where you are: a role id, title or alias.",
            autocompletion=_complete_role,
            show_default=False,
        ),
    ],
    target: Annotated[
        str,
        typer.Argument(
            metavar="TO",
            help="Where you want to be: a role id, title or alias.",
            autocompletion=_complete_role,
            show_default=False,
        ),
    ],
    top: Annotated[
        int | None,
        typer.Option("--top", "-n", min=1, help="Show the K best routes.", metavar="K"),
    ] = None,
    by: RankOption = RankChoice.min,
    via: ViaOption = None,
    avoid: AvoidOption = None,
    track: Annotated[
        list[str] | None,
        typer.Option(
            "--track", "-t", help="Intermediate roles must be on this track (repeatable)."
        ),
    ] = None,
    no_downward: NoDownwardOption = False,
    max_steps: MaxStepsOption = None,
    years_in_role: Annotated[
        float,
        typer.Option(
            "--years-in-role",
            min=0,
            callback=_finite,
            help="Years already spent in FROM; they count toward the first move.",
            metavar="Y",
        ),
    ] = 0.0,
    scale_up: Annotated[
        bool,
        typer.Option("--scale-up", help="Apply the data's scale-up speed factor (meta.scale_up)."),
    ] = False,
    company: CompanyOption = None,
    as_json: JsonOption = False,
    as_markdown: MarkdownOption = False,
) -> None:
    """Routes between two roles, with their years: the fastest by best case unless told otherwise.

    Ties go to fewer moves. Each route shows its best-worst range and typical years with
    P10-P90 (each move's years uniform on its range, moves independent).
    """
    from careermap.graph import Adjustments, build_graph, count_other_routes, find_routes

    cmap = _cmap(ctx)
    at = _company(cmap, company)
    factor = None
    if scale_up:
        if cmap.meta is None or cmap.meta.scale_up is None:
            raise UsageError(
                "--scale-up needs a factor in the data file's meta.scale_up; this map has none"
            )
        factor = cmap.meta.scale_up.factor
    query = _route_query(
        cmap,
        (source, target),
        via,
        avoid,
        frozenset(_check_track(cmap, name) for name in track or ()),
        no_downward,
        max_steps,
        by,
        at,
        Adjustments(years_in_role=years_in_role, scale=factor or 1.0),
    )
    graph = build_graph(cmap, query)
    routes = find_routes(cmap, query, top=top or 1, graph=graph)
    others = count_other_routes(cmap, query, graph) if top is None else None
    if as_json:
        from careermap.render import path_json

        _print_json(path_json(query, routes, others, factor))
        return
    from careermap.render import path_notes

    notes = path_notes(cmap, query, others, factor)
    if as_markdown:
        from careermap.markdown import routes_markdown

        sys.stdout.write(routes_markdown(cmap, routes, notes))
        return
    from careermap.render import path_view

    _print(path_view(cmap, routes, notes, at))


@app.command(
    epilog="Examples: careermap reach senior-engineer --within 8  ·  "
    "careermap reach --into director-of-tech",
    short_help="Roles reachable within some years.",
)
def reach(
    ctx: typer.Context,
    role: Annotated[
        str | None,
        typer.Argument(
            help="Where you start: a role id, title or alias.",
            autocompletion=_complete_role,
            show_default=False,
        ),
    ] = None,
    within: Annotated[
        float | None,
        typer.Option(
            "--within",
            "-w",
            min=0,
            callback=_finite,
            help="Only roles this many years away.",
            metavar="YEARS",
        ),
    ] = None,
    by: Annotated[
        ReachRankChoice, typer.Option("--by", help="Measure years as best case (min) or typical.")
    ] = ReachRankChoice.min,
    into: Annotated[
        str | None,
        typer.Option(
            "--into",
            help="Instead: the roles from which this role can be reached.",
            autocompletion=_complete_role,
            metavar="ROLE",
        ),
    ] = None,
    as_json: JsonOption = False,
) -> None:
    """Every role reachable from ROLE (or, with --into, leading to a role), with its best route."""
    from careermap.graph import reach as find_reach

    if (role is None) == (into is None):
        raise UsageError("give a ROLE to reach from, or --into ROLE, not both or neither")
    if role is not None and within is None:
        raise UsageError("reach ROLE needs --within YEARS (only --into may go without it)")
    cmap = _cmap(ctx)
    found_role = cmap.resolve(role or into or "")
    found = find_reach(cmap, found_role.id, within, by.value, into=into is not None)
    if as_json:
        from careermap.render import reach_json

        _print_json(reach_json(cmap, found_role, within, by.value, into is not None, found))
        return
    if not found:
        direction = "lead to" if into else "can be reached from"
        limit = f" within {within:g} years" if within is not None else ""
        _note(f"No roles {direction} {found_role.id}{limit}.")
        return
    from careermap.render import reach_view

    _print(reach_view(cmap, found_role, within, by.value, into is not None, found))


@app.command(
    epilog="Example: careermap titles staff-engineer",
    short_help="What a role is called at each company.",
)
def titles(
    ctx: typer.Context,
    role: RoleArgument,
    company: CompaniesOption = None,
    as_json: JsonOption = False,
) -> None:
    """What a role is called at each company: level code and title (approximate)."""
    from careermap.ladders import find_companies
    from careermap.ladders import titles as find_titles

    cmap = _cmap(ctx)
    companies = find_companies(cmap, company)
    # With one company named, the role may be given by that company's title or code.
    found = _role(cmap, role, companies[0] if company and len(companies) == 1 else None)
    entries = find_titles(cmap, found, companies)
    if as_json:
        from careermap.render import titles_json

        _print_json(titles_json(found, entries))
        return
    if not entries:
        names = ", ".join(c.name for c in companies)
        _note(f"No ladder for {found.id}'s track ({found.track}) at {names}.")
        return
    from careermap.render import titles_view

    _print(titles_view(found, entries))


@app.command(
    epilog="Example: careermap levels --track management --company google --company amazon",
    short_help="Company ladders side by side.",
)
def levels(
    ctx: typer.Context,
    track: Annotated[
        str | None,
        typer.Option(
            "--track", "-t", help="Only this ladder track (engineering, management, ...)."
        ),
    ] = None,
    company: CompaniesOption = None,
    as_json: JsonOption = False,
) -> None:
    """Companies' ladders side by side: canonical levels down, one column per company."""
    from careermap.ladders import find_companies, ladder_track_for, ladder_tracks, level_rows

    cmap = _cmap(ctx)
    companies = find_companies(cmap, company)
    tracks = ladder_tracks(cmap)
    if track is not None:
        tracks = [ladder_track_for(cmap, track.lower())]
    tables = [(t, companies, level_rows(cmap, t, companies)) for t in tracks]
    if as_json:
        from careermap.render import levels_json

        _print_json(levels_json(tables))
        return
    from careermap.render import levels_view

    _print(levels_view(tables))


@app.command(
    epilog="Example: careermap compare staff-engineer engineering-manager",
    short_help="Two roles side by side.",
)
def compare(
    ctx: typer.Context,
    first: Annotated[
        str,
        typer.Argument(
            metavar="ROLE_A",
            help="A role id, title or alias.",
            autocompletion=_complete_role,
            show_default=False,
        ),
    ],
    second: Annotated[
        str,
        typer.Argument(
            metavar="ROLE_B",
            help="Another role id, title or alias.",
            autocompletion=_complete_role,
            show_default=False,
        ),
    ],
    company: CompanyOption = None,
    as_json: JsonOption = False,
) -> None:
    """Two roles side by side: levels, skills and their difference, titles, routes each way."""
    from careermap.compare import compare as compare_roles

    cmap = _cmap(ctx)
    at = _company(cmap, company)
    comparison = compare_roles(cmap, _role(cmap, first, at), _role(cmap, second, at))
    if as_json:
        from careermap.render import compare_json

        _print_json(compare_json(comparison))
        return
    from careermap.render import compare_view

    _print(compare_view(comparison))


class ExportFormat(StrEnum):
    json = "json"
    toml = "toml"
    yaml = "yaml"
    mermaid = "mermaid"
    dot = "dot"
    graphml = "graphml"
    html = "html"


ForceOption = Annotated[
    bool, typer.Option("--force", help="Overwrite the output file if it exists.")
]


def _write_output(path: Path, text: str, force: bool) -> None:
    """Write a new file; an existing one only with --force. Never touches anything else."""
    if path.is_dir():
        raise OutputError(f"{path}: is a directory; give a file name")
    if not path.parent.is_dir():
        raise OutputError(f"{path}: the folder {path.parent} does not exist")
    try:
        with path.open("w" if force else "x", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
    except FileExistsError:
        raise OutputError(f"{path}: exists; use --force to overwrite it") from None
    except OSError as exc:
        raise OutputError(f"{path}: cannot write: {exc.strerror or exc}") from None


@app.command(
    name="map",
    epilog="Examples: careermap map --path senior-engineer director-of-tech  ·  "
    "careermap map --output map.svg",
    short_help="The skills map, in the terminal or as SVG.",
)
def map_(
    ctx: typer.Context,
    route_ends: Annotated[
        tuple[str, str] | None,
        typer.Option("--path", metavar="FROM TO", help="Highlight the route between two roles."),
    ] = None,
    via: ViaOption = None,
    avoid: AvoidOption = None,
    no_downward: NoDownwardOption = False,
    max_steps: MaxStepsOption = None,
    by: Annotated[
        RankChoice,
        typer.Option(
            "--by", help="Which route: fastest by min, typical or max years, or fewest moves."
        ),
    ] = RankChoice.min,
    track: Annotated[
        list[str] | None,
        typer.Option(
            "--track", "-t", help="Show only roles on this track (repeatable).", metavar="TRACK"
        ),
    ] = None,
    output: Annotated[
        Path | None,
        typer.Option(
            "--output", "-o", help="Write a standalone SVG file instead.", metavar="FILE.svg"
        ),
    ] = None,
    force: ForceOption = False,
    as_json: JsonOption = False,
    as_markdown: MarkdownOption = False,
) -> None:
    """The skills map: roles by soft skills (right) and hard skills (up), grouped by level."""
    cmap = _cmap(ctx)
    tracks = frozenset(_check_track(cmap, name) for name in track or ())
    roles = [role for role in cmap.roles if not tracks or role.track in tracks]
    route: list[str] = []
    if route_ends is not None:
        from careermap.graph import find_routes

        query = _route_query(cmap, route_ends, via, avoid, tracks, no_downward, max_steps, by)
        for role in (cmap.role(query.source), cmap.role(query.target)):
            if tracks and role.track not in tracks:
                raise UsageError(f"{role.id} is on track {role.track!r}, which --track leaves out")
        route = find_routes(cmap, query)[0].roles
    elif via or avoid or no_downward or max_steps:
        raise UsageError("--via, --avoid, --no-downward and --max-steps shape a --path route")
    if output is not None:
        if output.suffix.lower() != ".svg":
            raise UsageError(f"{output}: the map is written as SVG; name the file *.svg")
        from careermap.svg import render_svg

        title = cmap.meta.name if cmap.meta else "Skills map"
        shown = {role.id for role in roles}
        moves = [m for m in cmap.moves if m.from_ in shown and m.to in shown]
        _write_output(output, render_svg(cmap, roles, moves, route, title), force)
        highlighted = ", route highlighted" if route else ""
        _note(f"Wrote {output} ({len(roles)} roles, {len(moves)} moves{highlighted}).")
        return
    if as_json:
        from careermap.render import map_json

        _print_json(map_json(cmap, roles, route))
        return
    if as_markdown:
        from careermap.markdown import map_markdown

        sys.stdout.write(map_markdown(cmap, roles, route))
        return
    from rich.console import Console

    from careermap.termmap import render_map

    console = Console()
    console.print(render_map(cmap, roles, route, console.width))


@app.command(
    epilog="Examples: careermap export --format html --output ladder.html  ·  "
    "careermap export --format toml --output ladder.toml",
    short_help="The map as data, a graph or a web page.",
)
def export(
    ctx: typer.Context,
    fmt: Annotated[
        ExportFormat,
        typer.Option(
            "--format",
            "-f",
            help="Data (json, toml, yaml), graph (mermaid, dot, graphml) or web page (html).",
        ),
    ] = ExportFormat.json,
    output: Annotated[
        Path | None,
        typer.Option(
            "--output", "-o", help="Write to this file instead of stdout.", metavar="FILE"
        ),
    ] = None,
    force: ForceOption = False,
) -> None:
    """The map in another format: its data format (round-trips), graphs, or one web page."""
    from careermap.export import export as export_map

    cmap = _cmap(ctx)
    text = export_map(cmap, fmt.value)
    if output is None:
        sys.stdout.write(text)
        return
    _write_output(output, text, force)
    _note(f"Wrote {output} ({fmt.value}).")


class DataFormat(StrEnum):
    toml = "toml"
    yaml = "yaml"
    json = "json"


@app.command(
    epilog="Examples: careermap init ladder.yaml  ·  careermap init ladder.toml --from-default",
    short_help="Write a starter ladder file.",
)
def init(
    target: Annotated[
        Path,
        typer.Argument(
            metavar="FILE",
            help="The file to create (.toml, .yaml, .yml or .json).",
            show_default=False,
        ),
    ],
    fmt: Annotated[
        DataFormat | None,
        typer.Option("--format", "-f", help="File format; by default, from FILE's extension."),
    ] = None,
    from_default: Annotated[
        bool,
        typer.Option(
            "--from-default", help="Start from the full shipped map instead of a small example."
        ),
    ] = False,
    force: ForceOption = False,
    as_json: JsonOption = False,
) -> None:
    """Write a starter data file that validates, with comments on every key (TOML, YAML)."""
    from careermap.loader import FORMATS
    from careermap.templates import from_default as default_text
    from careermap.templates import starter

    by_extension = FORMATS.get(target.suffix.lower())
    if by_extension is None:
        suffix = f".{fmt.value}" if fmt is not None else ".toml"
        raise UsageError(
            f"{target}: careermap reads data files by their extension (.toml, .yaml, .yml, "
            f".json); name it {target.with_suffix(suffix).name}"
        )
    if fmt is not None and by_extension is not None and fmt.value != by_extension:
        raise UsageError(f"{target}: the extension says {by_extension}, --format says {fmt.value}")
    chosen = fmt.value if fmt is not None else str(by_extension)
    if from_default:
        from careermap.export import export as export_map
        from careermap.loader import default_data_path, load

        text = default_text(export_map(load(default_data_path()), chosen), chosen)
    else:
        text = starter(chosen)
    _write_output(target, text, force)
    if as_json:
        _print_json({"file": str(target), "format": chosen, "from_default": from_default})
        return
    _note(f"Wrote {target}. Next: careermap validate {target}")


@app.command(
    epilog="Example: careermap validate ladder.yaml --strict",
    short_help="Check a ladder file: errors, then warnings.",
)
def validate(
    data_file: Annotated[
        Path, typer.Argument(metavar="FILE", help="The data file to check.", show_default=False)
    ],
    strict: Annotated[
        bool, typer.Option("--strict", help="Fail (exit 1) on warnings too.")
    ] = False,
    as_json: JsonOption = False,
) -> None:
    """Check a data file: schema errors (exit 1), then graph warnings with hints."""
    from careermap.checks import graph_warnings
    from careermap.errors import DataError, Finding
    from careermap.loader import format_loc, load_file
    from careermap.models import format_levels

    name = str(data_file)
    try:
        cmap, find_line = load_file(data_file, read_cache=False)
    except DataError as exc:
        if not as_json:
            raise
        _print_json(
            {
                "file": name,
                "valid": False,
                "errors": [f.as_json() for f in exc.findings],
                "warnings": [],
                "summary": None,
            }
        )
        raise typer.Exit(exc.exit_code) from None
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
    }
    failed = strict and bool(warnings)
    if as_json:
        _print_json(
            {
                "file": name,
                "valid": not failed,
                "errors": [],
                "warnings": [w.as_json() for w in warnings],
                "summary": summary,
            }
        )
    else:
        for warning in warnings:
            typer.echo(f"warning: {' '.join(str(warning).splitlines())}")
        count = len(warnings)
        typer.echo(
            f"{name}: valid: {_count(len(cmap.roles), 'role')}, "
            f"{_count(len(cmap.moves), 'move')}, {_count(len(cmap.tracks), 'track')} "
            f"({', '.join(cmap.tracks)}), levels {format_levels((low, high))}"
            + (f", {_count(len(cmap.companies), 'company', 'companies')}" if cmap.companies else "")
            + f"; {_count(count, 'warning')}"
            + (" (--strict: failing)" if failed else "")
        )
    if failed:
        raise typer.Exit(1)


@app.command(
    epilog="Example: careermap schema > careermap.schema.json",
    short_help="The JSON Schema of ladder files.",
)
def schema() -> None:
    """Print the JSON Schema of the data file, for editors and other tools."""
    from careermap.schema import json_schema

    _print_json(json_schema())


def main() -> None:
    """Console-script entry point: builds only the command asked for (see ``_app_for``)."""
    _app_for(sys.argv[1:])(prog_name="careermap")


def _app_for(args: list[str]) -> typer.Typer:
    """The app with just the command the arguments name, or the whole app.

    typer turns every command's parameters into click objects at each start; building the
    one command in use saves a tenth of start-up. Help, completion, a bare ``careermap`` and
    unknown commands get the whole app, so they list and suggest every command.
    """
    if "_CAREERMAP_COMPLETE" in os.environ:
        return app
    commands = {_command_name(info): info for info in app.registered_commands}
    index = 0
    while index < len(args):
        token = args[index]
        if token in ("--data",):
            index += 2
            continue
        if token.startswith("-"):
            index += 1
            continue
        info = commands.get(token)
        if info is None:
            return app
        lean = _new_app()
        lean.registered_callback = app.registered_callback
        lean.registered_commands = [info]
        return lean
    return app


def _command_name(info: Any) -> str:
    if info.name:
        return str(info.name)
    return str(info.callback.__name__).lower().replace("_", "-")
