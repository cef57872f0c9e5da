"""The command line: arguments in, one call to the core, the result to ``render.emit``.

Every command parses its options, asks ``careermap.results`` for an answer and hands it to
the one emitter with the format asked for. This is the only module that chooses exit codes:
careermap's errors become one line per problem on stderr (exit 1 for bad data or no result,
2 for bad usage).
"""

from __future__ import annotations

import contextlib
import inspect
import math
import os
import sys
from collections.abc import Iterable, Iterator, MutableMapping
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, NoReturn

import typer
from typer.core import TyperGroup

from careermap import __version__
from careermap.choices import DataFormat, ExportFormat, Kind, RankBy, ReachBy, ReportFormat
from careermap.errors import CareermapError, UsageError

if TYPE_CHECKING:
    from careermap.api import Ladder
    from careermap.models import CareerMap


class _Group(TyperGroup):
    """Turns careermap's exceptions, from any command, into messages and exit codes."""

    def invoke(self, ctx: Any) -> Any:
        from careermap.errors import flags_spoken

        try:
            with flags_spoken():  # messages name options as the command line spells them
                return super().invoke(ctx)
        except CareermapError as exc:
            _say_errors(exc.lines)
            ctx.exit(exc.exit_code)

    def list_commands(self, ctx: Any) -> list[str]:
        """The commands' names, in the order they were declared. typer's own reads them from
        ``commands.items()``, which would build every (lazy) command to list their names."""
        return list(self.commands)

    def format_commands(self, ctx: Any, formatter: Any) -> None:
        """The "Commands" list of ``--help``, as click writes it, from each command's
        ``short_help``: click builds every command to ask it (typer turns each signature into
        click objects), which was most of ``careermap --help``'s own time. A command with no
        ``short_help``, or one built already, is asked as click asks it."""
        commands = self.commands
        if not isinstance(commands, LazyCommands):
            super().format_commands(ctx, formatter)
            return
        rows: list[tuple[str, Any]] = []  # (name, its short help, or the command to ask)
        for name in self.list_commands(ctx):
            info = commands.infos.get(name)
            if info is None or info.short_help is None or name in commands.built:
                cmd = self.get_command(ctx, name)
                if cmd is not None and not cmd.hidden:
                    rows.append((name, cmd))
            elif not info.hidden:
                text = inspect.cleandoc(info.short_help)
                rows.append((name, f"(Deprecated) {text}" if info.deprecated else text))
        if rows:
            limit = formatter.width - 6 - max(len(name) for name, _ in rows)
            with formatter.section("Commands"):
                formatter.write_dl(
                    [
                        (
                            name,
                            row.strip() if isinstance(row, str) else row.get_short_help_str(limit),
                        )
                        for name, row in rows
                    ]
                )


def _say_errors(lines: Iterable[object]) -> None:
    """Each problem as one ``error:`` line on stderr, whatever a message holds, and no control
    character from a file name or the data reaches the terminal: shown as its code."""
    from careermap.render.text import plain

    for line in lines:
        typer.echo(f"error: {plain(' '.join(str(line).splitlines()))}", err=True)


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


# -- shared state and option types -----------------------------------------------------------


def _ladder(ctx: typer.Context) -> Ladder:
    """The one door for this invocation's questions (``careermap.api``), over its map."""
    from careermap.api import Ladder

    return Ladder(_cmap(ctx))


def _cmap(ctx: typer.Context) -> CareerMap:
    """The map for this invocation, loaded once (``--data``/``--ladder`` > ``$CAREERMAP_DATA``/
    ``$CAREERMAP_LADDER`` > default)."""
    from careermap.loader import load

    root = ctx.find_root()
    if not isinstance(root.obj, dict):
        root.obj = {}
    if "cmap" not in root.obj:
        data, ladder = _given(ctx)
        root.obj["cmap"] = load(data, ladder=ladder)
    cmap: CareerMap = root.obj["cmap"]
    return cmap


def _given(ctx: typer.Context) -> tuple[Path | None, str | None]:
    """``--data`` and ``--ladder`` as typed on the command line. click also fills them from
    their variables (for the help), but an option beats every variable: those are left to
    ``resolve_data_path``, which ranks them."""
    root = ctx.find_root()

    def typed(name: str) -> Any:
        source = root.get_parameter_source(name)
        return None if source is None or source.name == "ENVIRONMENT" else root.params.get(name)

    return typed("data"), typed("ladder")


def _map_options(ctx: typer.Context) -> list[str]:
    """The options that choose the map this invocation loaded, for commands shown to the
    user: the option typed, else the variable that chose it (as its option), else none."""
    data, ladder = _given(ctx)
    if data is None and ladder is None:
        params = ctx.find_root().params
        data, ladder = params.get("data"), params.get("ladder")
    if data is not None:
        return ["--data", str(data)]
    return ["--ladder", str(ladder)] if ladder is not None else []


def _completer(kind: str) -> Any:
    """A completion function for values of ``kind`` from the ladder on the command line
    (``--data``/``--ladder`` before it); silent when the data cannot be loaded. Passed as
    click's ``shell_complete``, whose results click keeps as they are: careermap's match any
    case and any word ("em" finds "EM", "sre" finds "Staff SRE"), which typer's
    ``autocompletion`` would narrow to those starting with what was typed."""

    def complete(ctx: Any, param: Any, incomplete: str) -> list[str]:
        from careermap import completion

        try:
            values: list[str] = getattr(completion, kind)(_cmap(ctx), incomplete)
        except CareermapError:
            return []
        return values

    return complete


_complete_role = _completer("roles")
_complete_track = _completer("tracks")
_complete_company = _completer("companies")
_complete_level = _completer("levels")
_complete_theme = _completer("themes")


def _complete_ladder(ctx: Any, param: Any, incomplete: str) -> list[str]:
    from careermap.completion import ladders

    return ladders(incomplete)


def _emit(result: object, fmt: str = "table", **kwargs: Any) -> None:
    from careermap.render import emit

    emit(result, fmt, **kwargs)


def _format(as_json: bool, as_markdown: bool = False) -> str:
    if as_json and as_markdown:
        raise UsageError("--json and --markdown are two formats; choose one")
    return "json" if as_json else "markdown" if as_markdown else "table"


# The largest number any numeric option takes: far above any answer (a route's years are at
# most 100 a move), far below what overflows where years become whole billionths or text.
OPTION_LIMIT = 1_000_000_000


def _finite(value: float | None) -> float | None:
    """Reject nan and infinity, which click's float type lets through, and numbers of years
    so large that counting them would overflow."""
    if value is not None and not math.isfinite(value):
        raise typer.BadParameter(f"{value} is not a number of years")
    if value is not None and value > OPTION_LIMIT:
        raise typer.BadParameter(
            f"{value:g} years is more than careermap counts ({OPTION_LIMIT:,})"
        )
    return value


def _version(value: bool) -> None:
    if value:
        typer.echo(f"careermap {__version__}")
        raise typer.Exit()


RoleArgument = Annotated[
    str,
    typer.Argument(
        help="A role id, title or alias (case-insensitive).",
        shell_complete=_complete_role,
        show_default=False,
    ),
]
FromArgument = Annotated[
    str,
    typer.Argument(
        metavar="FROM",
        help="Where you are: a role id, title or alias.",
        shell_complete=_complete_role,
        show_default=False,
    ),
]
ToArgument = Annotated[
    str,
    typer.Argument(
        metavar="TO",
        help="Where you want to be: a role id, title or alias.",
        shell_complete=_complete_role,
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
        shell_complete=_complete_company,
    ),
]
CompaniesOption = Annotated[
    list[str] | None,
    typer.Option(
        "--company",
        "-c",
        help="Only these companies (repeatable).",
        metavar="COMPANY",
        shell_complete=_complete_company,
    ),
]
ForceOption = Annotated[
    bool, typer.Option("--force", help="Overwrite the output file if it exists.")
]
# Options that shape a route, shared by `path` and `map --path`.
ViaOption = Annotated[
    list[str] | None,
    typer.Option(
        "--via",
        help="The route passes through this role (repeatable, in order).",
        shell_complete=_complete_role,
        metavar="ROLE",
    ),
]
AvoidOption = Annotated[
    list[str] | None,
    typer.Option(
        "--avoid",
        help="The route never passes through this role (repeatable).",
        shell_complete=_complete_role,
        metavar="ROLE",
    ),
]
NoDownwardOption = Annotated[
    bool, typer.Option("--no-downward", help="The route uses no downward moves.")
]
NoRareOption = Annotated[
    bool, typer.Option("--no-rare", help="The route uses no move the data marks rare.")
]
MaxStepsOption = Annotated[
    int | None,
    typer.Option(
        "--max-steps", min=1, max=OPTION_LIMIT, help="The route has at most N moves.", metavar="N"
    ),
]


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
            readable=False,  # the loader says why it cannot read a file, as bad data (exit 1)
        ),
    ] = None,
    ladder: Annotated[
        str | None,
        typer.Option(
            "--ladder",
            envvar="CAREERMAP_LADDER",
            show_envvar=True,
            help="A built-in ladder to use instead of the shipped map (see 'careermap ladders').",
            metavar="NAME",
            shell_complete=_complete_ladder,
        ),
    ] = None,
    version: Annotated[
        bool,
        typer.Option("--version", callback=_version, is_eager=True, help="Show the version."),
    ] = False,
    verbose: Annotated[
        bool,
        typer.Option("--verbose", help="Say on stderr why the validation cache is off, if it is."),
    ] = False,
) -> None:
    """Explore career paths in tech: roles, the moves between them, and how long they take.

    The shipped map encodes "The Skills Map of Senior Tech Career Progression"
    (codecapsule.com, 2021). Year ranges are estimates, not promises.
    """
    if verbose or "careermap.cache" in sys.modules:  # else it is not imported for nothing
        from careermap import cache

        cache.start_run(verbose)


@app.command(
    epilog="Examples: careermap roles --level 6 --track engineering  ·  careermap roles --ids",
    short_help="List the roles, at a level or on a track.",
)
def roles(
    ctx: typer.Context,
    level: Annotated[
        list[str] | None,
        typer.Option(
            "--level",
            "-l",
            help="Only roles whose level range contains this (6, L6, or a level's name or "
            "code; repeatable).",
            shell_complete=_complete_level,
        ),
    ] = None,
    track: Annotated[
        list[str] | None,
        typer.Option(
            "--track",
            "-t",
            help="Only roles on this track (repeatable).",
            shell_complete=_complete_track,
        ),
    ] = None,
    company: CompanyOption = None,
    ids: Annotated[
        bool, typer.Option("--ids", help="Only the ids, one a line (for scripts).")
    ] = False,
    as_json: JsonOption = False,
    as_markdown: MarkdownOption = False,
) -> None:
    """List the roles, optionally at one level or on one track."""
    result = _ladder(ctx).list_roles(level or (), track or (), company)
    _emit(result, "ids" if ids else _format(as_json, as_markdown))


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
    _emit(_ladder(ctx).show(role, company), _format(as_json))


@app.command(
    epilog="Example: careermap moves senior-engineer --kind lateral",
    short_help="The moves out of a role, or into it.",
)
def moves(
    ctx: typer.Context,
    role: RoleArgument,
    kind: Annotated[
        list[Kind] | None,
        typer.Option("--kind", "-k", help="Only moves of this kind (repeatable)."),
    ] = None,
    into: Annotated[
        bool, typer.Option("--into", help="Moves into the role instead of out of it.")
    ] = False,
    company: CompanyOption = None,
    as_json: JsonOption = False,
    as_markdown: MarkdownOption = False,
) -> None:
    """List the moves out of a role (or into it): the other role, kind, years and source."""
    kinds = [k.value for k in kind or ()]
    result = _ladder(ctx).list_moves(role, kinds, into, company)
    _emit(result, _format(as_json, as_markdown))


@app.command(
    epilog="Examples: careermap path senior-engineer director-of-tech --top 3  ·  "
    "careermap path senior-engineer vp-of-tech --no-downward --track management",
    short_help="Routes between two roles, with their years.",
)
def path(
    ctx: typer.Context,
    source: FromArgument,
    target: ToArgument,
    top: Annotated[
        int | None,
        typer.Option(
            "--top", "-n", min=1, max=OPTION_LIMIT, help="Show the K best routes.", metavar="K"
        ),
    ] = None,
    by: Annotated[
        RankBy, typer.Option("--by", help="Rank routes by min, typical or max years, or by steps.")
    ] = RankBy.min,
    via: ViaOption = None,
    avoid: AvoidOption = None,
    track: Annotated[
        list[str] | None,
        typer.Option(
            "--track",
            "-t",
            help="Intermediate roles must be on this track (repeatable).",
            shell_complete=_complete_track,
        ),
    ] = None,
    no_downward: NoDownwardOption = False,
    no_rare: NoRareOption = False,
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
    plan: Annotated[
        bool,
        typer.Option("--plan", help="Under each route, the competencies to grow at each step."),
    ] = False,
    company: CompanyOption = None,
    as_json: JsonOption = False,
    as_markdown: MarkdownOption = False,
) -> None:
    """Routes between two roles, with their years: the fastest by best case unless told otherwise.

    Ties go to fewer moves. Each route shows its best-worst range and typical years with
    P10-P90 (each move's years uniform on its range, moves independent).
    """
    fmt = _format(as_json, as_markdown)
    result = _ladder(ctx).path(
        source,
        target,
        top=top,
        company=company,
        plan=plan,
        via=tuple(via or ()),
        avoid=tuple(avoid or ()),
        tracks=tuple(track or ()),
        no_downward=no_downward,
        no_rare=no_rare,
        max_steps=max_steps,
        by=by.value,
        years_in_role=years_in_role,
        scale_up=scale_up,
    )
    _emit(result, fmt)


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
            shell_complete=_complete_role,
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
        ReachBy,
        typer.Option(
            "--by",
            help="What --within measures: the route's best-case (min, the default) or typical "
            "years.",
        ),
    ] = ReachBy.min,
    into: Annotated[
        str | None,
        typer.Option(
            "--into",
            help="Instead: the roles from which this role can be reached.",
            shell_complete=_complete_role,
            metavar="ROLE",
        ),
    ] = None,
    track: Annotated[
        list[str] | None,
        typer.Option(
            "--track",
            "-t",
            help="Only roles on this track, reached through such roles (repeatable).",
            shell_complete=_complete_track,
        ),
    ] = None,
    no_downward: NoDownwardOption = False,
    no_rare: NoRareOption = False,
    as_json: JsonOption = False,
) -> None:
    """Every role reachable from ROLE (or, with --into, leading to a role), with its best route.

    A role is listed as within YEARS only when its route's years, by the --by measure, are
    known to be at most YEARS (a move giving only a maximum counts that maximum); roles
    reachable only through moves of unknown length are listed apart, time unknown.
    """
    result = _ladder(ctx).reach(
        role,
        within,
        by.value,
        into or False,
        tracks=tuple(track or ()),
        no_downward=no_downward,
        no_rare=no_rare,
    )
    _emit(result, _format(as_json))


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
    _emit(_ladder(ctx).titles(role, company), _format(as_json))


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
    _emit(_ladder(ctx).levels(track, company), _format(as_json))


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
            shell_complete=_complete_role,
            show_default=False,
        ),
    ],
    second: Annotated[
        str,
        typer.Argument(
            metavar="ROLE_B",
            help="Another role id, title or alias.",
            shell_complete=_complete_role,
            show_default=False,
        ),
    ],
    company: CompanyOption = None,
    as_json: JsonOption = False,
) -> None:
    """Two roles side by side: levels, skills and their difference, titles, routes each way."""
    _emit(_ladder(ctx).compare(first, second, company), _format(as_json))


@app.command(
    epilog="Examples: careermap matrix --track engineering  ·  careermap matrix --csv > matrix.csv",
    short_help="Levels by competencies: a table per track.",
)
def matrix(
    ctx: typer.Context,
    track: Annotated[
        list[str] | None,
        typer.Option(
            "--track",
            "-t",
            help="Only this track (repeatable).",
            metavar="TRACK",
            shell_complete=_complete_track,
        ),
    ] = None,
    company: CompanyOption = None,
    as_json: JsonOption = False,
    as_markdown: MarkdownOption = False,
    as_csv: Annotated[
        bool, typer.Option("--csv", help="Print CSV: a header row, then one row per theme.")
    ] = False,
) -> None:
    """The ladder's competencies: themes down, each track's roles across in level order,
    each cell the role's step in the theme's own words."""
    fmt = _format(as_json, as_markdown)
    if as_csv and fmt != "table":
        raise UsageError("--csv, --json and --markdown are formats; choose one")
    _emit(_ladder(ctx).matrix(track or (), company), "csv" if as_csv else fmt)


@app.command(
    epilog="Example: careermap assess --rate tech-depth=3 --rate communication=2",
    short_help="Rate yourself per theme: the roles you meet, and the gaps to the next.",
)
def assess(
    ctx: typer.Context,
    file: Annotated[
        Path | None,
        typer.Argument(
            metavar="[FILE]",
            help="A TOML, YAML or JSON file of theme = step.",
            show_default=False,
            readable=False,  # the loader says why it cannot read a file, as bad data (exit 1)
        ),
    ] = None,
    rate: Annotated[
        list[str] | None,
        typer.Option(
            "--rate",
            "-r",
            help="Your step in a theme, THEME=STEP: a number or the scale's words (repeatable).",
            metavar="THEME=STEP",
        ),
    ] = None,
    as_json: JsonOption = False,
    as_markdown: MarkdownOption = False,
) -> None:
    """Rate yourself per competency theme and see, for each track, the highest role whose
    every step you meet and the gaps to the roles one upward move away. Themes you do not
    rate are unknown, never taken as zero."""
    _emit(_ladder(ctx).assess(rate=rate or (), file=file), _format(as_json, as_markdown))


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
        typer.Option(
            "--path",
            metavar="FROM TO",
            help="Highlight the route between two roles.",
            shell_complete=_complete_role,
        ),
    ] = None,
    via: ViaOption = None,
    avoid: AvoidOption = None,
    no_downward: NoDownwardOption = False,
    no_rare: NoRareOption = False,
    max_steps: MaxStepsOption = None,
    by: Annotated[
        RankBy,
        typer.Option(
            "--by", help="Which route: fastest by min, typical or max years, or fewest moves."
        ),
    ] = RankBy.min,
    track: Annotated[
        list[str] | None,
        typer.Option(
            "--track",
            "-t",
            help="Show only roles on this track (repeatable).",
            metavar="TRACK",
            shell_complete=_complete_track,
        ),
    ] = None,
    x: Annotated[
        str | None,
        typer.Option(
            "--x",
            help="Place roles by this competency theme, left to right.",
            metavar="THEME",
            shell_complete=_complete_theme,
        ),
    ] = None,
    y: Annotated[
        str | None,
        typer.Option(
            "--y",
            help="Place roles by this competency theme, bottom to top.",
            metavar="THEME",
            shell_complete=_complete_theme,
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
    fmt = _format(as_json, as_markdown)
    if output is not None and output.suffix.lower() != ".svg":
        raise UsageError(f"{output}: the map is written as SVG; name the file *.svg")
    result = _ladder(ctx).map(
        route_ends,
        track or (),
        x,
        y,
        via=tuple(via or ()),
        avoid=tuple(avoid or ()),
        no_downward=no_downward,
        no_rare=no_rare,
        max_steps=max_steps,
        by=by.value,
    )
    if output is not None:
        _emit(result, "svg", output=output, force=force)
    else:
        _emit(result, fmt)


@app.command(
    epilog="Examples: careermap explore senior-engineer  ·  careermap --data ladder.yaml explore",
    short_help="Browse roles, routes and the map in a full-screen app.",
)
def explore(
    ctx: typer.Context,
    role: Annotated[
        str | None,
        typer.Argument(
            metavar="ROLE",
            help="The role to start from: a role id, title or alias.",
            shell_complete=_complete_role,
            show_default=False,
        ),
    ] = None,
    exit_after_first_screen: Annotated[
        bool,
        typer.Option(
            "--exit-after-first-screen",
            hidden=True,
            help="Draw the first screen headless and exit (for the benchmark).",
        ),
    ] = False,
) -> None:
    """A full-screen app: the roles by level, a role's details, the best routes to a target
    with constraints to toggle, and the skills map. Press ? in it for the keys."""
    import gc
    import shlex

    gc.enable()  # a long session: collect its cycles (``main`` turns this off for commands)

    ladder = _ladder(ctx)
    start = ladder.role(role).id if role is not None else None
    if not exit_after_first_screen:  # headless, the first screen needs no terminal
        import sys

        for name, stream in (("stdin", sys.stdin), ("stdout", sys.stdout)):
            if stream is None or not stream.isatty():
                raise UsageError(
                    f"explore runs in a terminal and its {name} is not one; "
                    "for output to a file or pipe use show, path or map"
                )
    prefix = ["careermap", *_map_options(ctx)]
    # Textual is imported here only: no other command pays for it at start-up.
    from careermap.tui.app import run

    run(ladder, start, prefix=shlex.join(prefix), exit_after_first_screen=exit_after_first_screen)


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
            help="Data (json, toml, yaml), graph (mermaid, dot, graphml), web page (html) or "
            "a spreadsheet of the roles (csv).",
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
    _emit(_ladder(ctx).export(fmt.value), fmt.value, output=output, force=force)


@app.command(
    epilog="Examples: careermap calibrate history.csv  ·  "
    "careermap --data ladder.toml calibrate history.csv --output calibrated.toml",
    short_help="How long moves take, from people's records.",
)
def calibrate(
    ctx: typer.Context,
    history: Annotated[
        Path,
        typer.Argument(
            metavar="HISTORY.csv",
            help="Who held which role when: columns person, role, start, end.",
            show_default=False,
            readable=False,  # said as bad data (exit 1), with the reason
        ),
    ],
    as_of: Annotated[
        str | None,
        typer.Option(
            "--as-of",
            help="The date the records were taken (default: the latest date in them).",
            metavar="DATE",
        ),
    ] = None,
    min_people: Annotated[
        int,
        typer.Option(
            "--min-people",
            min=1,
            max=OPTION_LIMIT,
            help="No figures for a move made by fewer people than this (counts only).",
            metavar="N",
        ),
    ] = 10,
    output: Annotated[
        Path | None,
        typer.Option(
            "--output",
            "-o",
            help="Write the ladder with the evidence on its moves (.toml, .yaml, .json).",
            metavar="FILE",
        ),
    ] = None,
    force: ForceOption = False,
    as_json: JsonOption = False,
) -> None:
    """Per move of the ladder: people seen, people who moved, the share who ever move and
    P10-median-P90 of their years (Aalen-Johansen; needs pip install 'careermap[evidence]')."""
    from careermap.results import MapDocument, data_format_for

    fmt = data_format_for(output, None) if output is not None else None
    if output is not None:
        _refuse_inputs(ctx, output, history, force)
    result = _ladder(ctx).calibrate(history, as_of=as_of, min_people=min_people)
    if output is not None and fmt is not None:
        _emit(MapDocument(result.cmap), fmt, output=output, force=force)
        if as_json:
            _emit(result, "json")
        return
    _emit(result, _format(as_json))


def _refuse_inputs(ctx: typer.Context, output: Path, history: Path, force: bool) -> None:
    """An output never replaces the files read (the ladder, the records), even with --force;
    without --force it replaces nothing, checked before the work."""
    from careermap.errors import OutputError

    data, _ = _given(ctx)
    for given, what in ((data, "the ladder"), (history, "the records")):
        with contextlib.suppress(OSError):
            if given is not None and output.exists() and output.samefile(given):
                raise UsageError(f"{output}: is {what} this command reads; write elsewhere")
    if os.path.lexists(output) and not force:
        raise OutputError(f"{output}: exists; use --force to overwrite it")


@app.command(
    epilog="Example: careermap chance engineer senior-manager --within 8",
    short_help="The chance of reaching a role within some years, from records.",
)
def chance(
    ctx: typer.Context,
    source: FromArgument,
    target: ToArgument,
    within: Annotated[
        float,
        typer.Option(
            "--within",
            "-w",
            min=0,
            callback=_finite,
            help="Within this many years.",
            metavar="YEARS",
        ),
    ],
    as_json: JsonOption = False,
) -> None:
    """The probability that someone who starts in FROM reaches TO within YEARS, by any route,
    under a semi-Markov model of the ladder's recorded evidence (careermap calibrate)."""
    _emit(_ladder(ctx).chance(source, target, within), _format(as_json))


@app.command(
    epilog="Examples: careermap init ladder.yaml  ·  careermap init ladder.toml --from basecamp",
    short_help="Write a starter ladder file.",
)
def init(
    ctx: typer.Context,
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
    from_ladder: Annotated[
        str | None,
        typer.Option(
            "--from",
            help="Start from this built-in ladder instead of a small example ('default' is the "
            "shipped map; 'careermap ladders' lists them).",
            metavar="NAME",
            shell_complete=_complete_ladder,
        ),
    ] = None,
    from_default: Annotated[
        bool,
        typer.Option("--from-default", help="The same as --from default: the shipped map."),
    ] = False,
    force: ForceOption = False,
    as_json: JsonOption = False,
) -> None:
    """Write a starter data file that validates, with comments on every key (TOML, YAML)."""
    from careermap.output import write_text
    from careermap.results import Written, data_format_for, init_source, starter_text

    root = ctx.find_root()
    source = root.get_parameter_source("ladder")
    chosen_ladder = root.params.get("ladder")
    from_command_line = source is not None and source.name == "COMMANDLINE"
    name = init_source(from_ladder, from_default, chosen_ladder, from_command_line)
    chosen = data_format_for(target, fmt.value if fmt is not None else None)
    write_text(target, starter_text(chosen, name), force)
    _emit(Written(target, chosen, name), _format(as_json))


@app.command(
    epilog="Examples: careermap validate ladder.yaml --strict  ·  "
    "careermap validate ladders/*.toml --format github",
    short_help="Check ladder files: errors, then warnings.",
)
def validate(
    data_files: Annotated[
        list[Path],
        typer.Argument(
            metavar="FILE...", help="The data files to check.", show_default=False, readable=False
        ),
    ],
    strict: Annotated[
        bool, typer.Option("--strict", help="Fail (exit 1) on warnings too.")
    ] = False,
    report_format: Annotated[
        ReportFormat,
        typer.Option(
            "--format",
            help="text: for people; github: GitHub Actions annotations (::error file=...).",
        ),
    ] = ReportFormat.text,
    as_json: JsonOption = False,
) -> None:
    """Check data files, every one: schema errors, then graph warnings with hints; one
    summary line a file. Exit 1 if any file has an error (or, with --strict, a warning)."""
    from careermap.results import validation_run

    if as_json and report_format is not ReportFormat.text:
        raise UsageError("--json and --format github are two formats; choose one")
    run = validation_run(data_files, strict)
    fmt = "json" if as_json else "github" if report_format is ReportFormat.github else "table"
    if fmt == "table":
        for report in run.reports:
            _say_errors(report.errors)  # on stderr, as every error
    _emit(run, fmt)
    if run.failed:
        raise typer.Exit(1)


@app.command(
    "diff",
    epilog="Examples: careermap diff old.toml ladder.toml  ·  "
    "git show HEAD~1:ladder.toml | careermap diff - ladder.toml --markdown",
    short_help="What changed between two versions of a ladder.",
)
def diff_(
    old: Annotated[
        str,
        typer.Argument(metavar="OLD", help="The old version (- for stdin).", show_default=False),
    ],
    new: Annotated[
        str,
        typer.Argument(metavar="NEW", help="The new version (- for stdin).", show_default=False),
    ],
    as_json: JsonOption = False,
    as_markdown: MarkdownOption = False,
) -> None:
    """Roles, moves, levels, themes and companies added, removed or changed (field: old ->
    new), and the entry-to-top routes whose best route or years changed. Exit 0 when nothing
    changed, 1 when something did (like diff), 1 for a file that does not validate."""
    import sys

    from careermap.results import ladder_diff

    stdin = sys.stdin.buffer.read() if "-" in (old, new) else None
    result = ladder_diff(old, new, stdin)
    _emit(result, _format(as_json, as_markdown))
    if result.changed:
        raise typer.Exit(1)


@app.command(
    epilog="Examples: careermap ladders  ·  careermap --ladder basecamp roles",
    short_help="The built-in ladders: the article's map and real frameworks.",
)
def ladders(as_json: JsonOption = False) -> None:
    """List the built-in ladders that --ladder NAME selects: name, title, roles and moves."""
    from careermap.gallery import gallery

    _emit(gallery(), _format(as_json))


@app.command(
    epilog="Example: careermap schema > careermap.schema.json",
    short_help="The JSON Schema of ladder files.",
)
def schema() -> None:
    """Print the JSON Schema of the data file, for editors and other tools."""
    from careermap.results import json_schema

    _emit(json_schema(), "json")


class LazyCommands(MutableMapping[str, Any]):
    """click's lazy-loading pattern: a command's click object is built when first looked up.

    typer turns every command's signature into click objects at each start; building only the
    command asked for saves a tenth of the start-up of a quick command. The names are all
    there from the start, so click still parses the whole command line, lists every command
    in help and suggests near names, as in any click app.
    """

    def __init__(self, infos: dict[str, Any]) -> None:
        self.infos = infos
        self.built: dict[str, Any] = {}

    def __getitem__(self, name: str) -> Any:
        if name not in self.built:
            from typer.main import get_command_from_info

            self.built[name] = get_command_from_info(
                self.infos[name], pretty_exceptions_short=True, rich_markup_mode=None
            )
        return self.built[name]

    def __setitem__(self, name: str, command: Any) -> None:
        self.infos.setdefault(name, None)
        self.built[name] = command

    def __delitem__(self, name: str) -> None:
        del self.infos[name]
        self.built.pop(name, None)

    def __iter__(self) -> Iterator[str]:
        return iter(self.infos)

    def __len__(self) -> int:
        return len(self.infos)


def command() -> _Group:
    """The click group of the console script, its commands built when used."""
    from typer.main import get_command

    lean = _new_app()
    lean.registered_callback = app.registered_callback
    group = get_command(lean)
    assert isinstance(group, _Group)
    group.commands = LazyCommands({_command_name(info): info for info in app.registered_commands})
    return group


def _command_name(info: Any) -> str:
    if info.name:
        return str(info.name)
    return str(info.callback.__name__).lower().replace("_", "-")


# What the terminal marks become where the output's encoding cannot write them.
_ASCII_MARKS = {"→": "->", "↑": "^", "↓": "v", "←": "<-", "·": "-", "•": "*", "…": "..."}


def _plain_marks(error: UnicodeError) -> tuple[str, int]:
    """A codecs error handler: arrows as ASCII arrows, anything else unwritable as "?"."""
    assert isinstance(error, UnicodeEncodeError)
    text = error.object[error.start : error.end]
    return "".join(_ASCII_MARKS.get(char, "?") for char in text), error.end


def main() -> None:
    """Run the command line in this process, as a script may: it ends as every click program
    does, by raising ``SystemExit`` with the exit code, and changes nothing in the process
    around it (``console_main`` is the console script, which also owns the process)."""
    command()(prog_name="careermap")


def console_main() -> None:
    """The console script (and ``python -m careermap``): ``main`` in a process of its own,
    which it sets up for a command's one short pass and ends without the interpreter's
    teardown once the output is flushed."""
    # careermap uses no pydantic plugins, and looking for them reads the metadata of every
    # installed package at each start; a user who sets the variable keeps their choice.
    os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")
    import codecs
    import gc
    import sys

    # A command is one short pass over a map whose objects form trees, not cycles: the cycle
    # collector would find nothing, yet on a map of 100,000 moves it walks every object again
    # and again while the map is built (a quarter of the time). ``explore``, which runs for
    # as long as the user likes, turns it back on.
    gc.disable()

    if sys.stdout is None:  # started with stdout closed: nowhere to answer
        if sys.stderr is not None:
            sys.stderr.write("error: cannot write the output: stdout is closed\n")
        raise SystemExit(1)
    codecs.register_error("careermap-marks", _plain_marks)
    for stream in (sys.stdout, sys.stderr):
        if stream is not None and hasattr(stream, "reconfigure"):
            stream.reconfigure(errors="careermap-marks")  # ASCII, Latin-1 terminals
    try:
        "→↑↓".encode(sys.stdout.encoding or "utf-8")
    except (UnicodeEncodeError, LookupError):
        from careermap.render.text import KIND_MARK

        KIND_MARK.update(upward="^", lateral="->", downward="v")  # tables measure these
    try:
        main()
    except SystemExit as done:  # how click ends every command
        _leave(done.code)
    except OSError as exc:  # stdout full (/dev/full), closed, or gone (a pipe's reader left)
        _cannot_write(exc)


def _cannot_write(exc: OSError) -> NoReturn:
    """One line on stderr, exit 1: stdout is full, closed or gone."""
    import sys

    with contextlib.suppress(OSError):
        sys.stderr.write(f"error: cannot write the output: {exc.strerror or exc}\n")
    os._exit(1)  # nothing more can be flushed to a broken stdout


def _leave(code: object) -> NoReturn:
    """End the process once its output is flushed, without the interpreter's teardown.

    Teardown frees every object one at a time: a map of 100,000 moves is a million of them,
    so it took a tenth of a second after the answer was printed (mypy ends the same way).
    Every file careermap writes is complete and closed by now (``output.py``), ``explore``'s
    app has restored the terminal, and nothing careermap runs registers ``atexit`` work.
    """
    import sys

    if code is None:
        status = 0
    elif isinstance(code, int):
        status = code
    else:  # SystemExit("message"): what Python itself would print, with exit 1
        sys.stderr.write(f"{code}\n")
        status = 1
    try:
        sys.stdout.flush()
        sys.stderr.flush()
    except OSError as exc:
        _cannot_write(exc)
    os._exit(status)
