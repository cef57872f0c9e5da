"""The command line: arguments in, core calls, one renderer out, and the exit code.

This is the only module that prints or chooses exit codes. careermap's own errors become
one line per problem on stderr (exit 1 for bad data or no result, 2 for bad usage);
everything else is the core's business.
"""

from __future__ import annotations

import json
import sys
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer
from typer.core import TyperGroup

from careermap import __version__
from careermap.errors import CareermapError, UsageError

if TYPE_CHECKING:
    from rich.console import RenderableType

    from careermap.models import CareerMap


class _Group(TyperGroup):
    """Turns careermap's exceptions, from any command, into messages and exit codes."""

    def invoke(self, ctx: Any) -> Any:
        try:
            return super().invoke(ctx)
        except CareermapError as exc:
            for line in exc.lines:
                typer.echo(f"error: {line}", err=True)
            ctx.exit(exc.exit_code)


app = typer.Typer(
    cls=_Group,
    name="careermap",
    epilog="Example: careermap path senior-engineer director-of-tech",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)


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


def _check_track(cmap: CareerMap, track: str | None) -> str | None:
    if track is None:
        return None
    track = track.lower()
    if track not in cmap.tracks:
        import difflib

        close = difflib.get_close_matches(track, cmap.tracks, n=1)
        hint = f"did you mean {close[0]}?" if close else f"tracks: {', '.join(cmap.tracks)}"
        raise UsageError(f"unknown track {track!r}; {hint}")
    return track


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


@app.command(epilog="Example: careermap roles --level 6 --track engineering")
def roles(
    ctx: typer.Context,
    level: Annotated[
        str | None,
        typer.Option("--level", "-l", help="Only roles whose level range contains this (6 or L6)."),
    ] = None,
    track: Annotated[
        str | None, typer.Option("--track", "-t", help="Only roles on this track.")
    ] = None,
    as_json: JsonOption = False,
) -> None:
    """List the roles, optionally at one level or on one track."""
    wanted_level = _parse_level(level)
    cmap = _cmap(ctx)
    wanted_track = _check_track(cmap, track)
    found = cmap.filter_roles(level=wanted_level, track=wanted_track)
    if as_json:
        from careermap.render import role_json

        _print_json([role_json(role) for role in found])
        return
    if not found:
        low, high = cmap.level_span
        _note(f"No roles match; this map spans L{low}-{high} and tracks {', '.join(cmap.tracks)}.")
        return
    from careermap.render import roles_table

    meta = f" from {cmap.meta.name}" if cmap.meta else ""
    _print(roles_table(found, caption=f"{len(found)} of {len(cmap.roles)} roles{meta}"))


@app.command(epilog="Example: careermap show staff-engineer")
def show(ctx: typer.Context, role: RoleArgument, as_json: JsonOption = False) -> None:
    """Show one role: levels, track, skills, description, source and its moves out and in."""
    cmap = _cmap(ctx)
    found = cmap.resolve(role)
    if as_json:
        from careermap.render import show_json

        _print_json(show_json(cmap, found))
        return
    from careermap.render import role_panel

    _print(role_panel(cmap, found))


@app.command(epilog="Example: careermap moves senior-engineer --kind lateral")
def moves(
    ctx: typer.Context,
    role: RoleArgument,
    kind: Annotated[
        KindChoice | None, typer.Option("--kind", "-k", help="Only moves of this kind.")
    ] = None,
    into: Annotated[
        bool, typer.Option("--into", help="Moves into the role instead of out of it.")
    ] = False,
    as_json: JsonOption = False,
) -> None:
    """List the moves out of a role (or into it): the other role, kind, years and source."""
    cmap = _cmap(ctx)
    found = cmap.resolve(role)
    kind_name = kind.value if kind else None
    listed = (cmap.moves_into if into else cmap.moves_from)(found.id, kind_name)
    if as_json:
        from careermap.render import move_json

        _print_json([move_json(move) for move in listed])
        return
    direction = "into" if into else "out of"
    if not listed:
        qualifier = f"{kind_name} " if kind_name else ""
        _note(f"No {qualifier}moves {direction} {found.id} in this map.")
        return
    from careermap.render import moves_table

    title = f"Moves {direction} {found.title} ({found.id})"
    _print(moves_table(cmap, listed, into=into, title=title))


@app.command(epilog="Example: careermap path senior-engineer director-of-tech")
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
    as_json: JsonOption = False,
) -> None:
    """The fastest route between two roles by best-case years (ties: fewer steps)."""
    from careermap.graph import fastest_route

    cmap = _cmap(ctx)
    start, end = cmap.resolve(source), cmap.resolve(target)
    route = fastest_route(cmap, start.id, end.id)
    if as_json:
        from careermap.render import path_json

        _print_json(path_json(start.id, end.id, [route]))
        return
    from careermap.render import route_view

    _print(route_view(cmap, route))


def main() -> None:
    """Console-script entry point."""
    app(prog_name="careermap")
