"""The terminal: rich tables, panels and the skills map for people at a terminal.

``view`` turns a result into something ``emit`` prints: a rich renderable for stdout, plain
text, or a ``Notice`` for stderr when there is nothing to show. Nothing here computes an
answer, decides an exit code or prints.

Text from the data is never read as rich markup: everything here is built as rich ``Text``
(styles given beside the text, never inside it), every string from the data passes through
``_data`` (control characters shown as codes, very long words folded), and the tables and
groups turn any other string into ``Text`` as it is, so no ``[link=...]``, ``[/]`` or
``:emoji:`` in a title can style, link or break the output.
"""

from __future__ import annotations

from functools import cache
from typing import TYPE_CHECKING, Any

from careermap.models import CareerMap, Company, Move, Role, format_levels
from careermap.render.dispatch import ByType
from careermap.render.text import (
    COMPANY_NOTE,
    ESTIMATE_NOTE,
    KIND_MARK,
    MAX_WORD,
    NotRendered,
    closing_notes,
    count,
    diff_key,
    diff_route,
    diff_value,
    format_years,
    move_footnote,
    move_years,
    one_decimal,
    path_notes,
    plain,
    route_total,
    terminal_text,
    years_range,
)
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
    ValidationReport,
    ValidationRun,
    Written,
)

if TYPE_CHECKING:
    from collections.abc import Callable, Sequence

    from rich.console import Console, ConsoleOptions, Group, RenderableType, RenderResult
    from rich.table import Table
    from rich.text import Text

    from careermap.chance import ChanceResult
    from careermap.compare import Comparison
    from careermap.diff import LadderDiff
    from careermap.evidence import Calibrated
    from careermap.framework import Assessment, Matrix, TrackMatrix
    from careermap.gallery import Gallery
    from careermap.graph import Reached, Route
    from careermap.growth import ThemeChange
    from careermap.ladders import CompanyTitles, LevelRow, ScaleTable
    from careermap.models import Theme

KIND_STYLE = {"upward": "green", "lateral": "cyan", "downward": "yellow"}


class Notice(str):
    """A message for stderr instead of output on stdout: "no roles match", "wrote FILE"."""


class Plain(str):
    """Text for stdout as it is, without rich markup: ``validate``'s report, ``--ids``."""


# -- rich renderables ------------------------------------------------------------------------


def _data(text: str | None, style: str = "") -> Text:
    """Text from the data as rich ``Text``: never markup, control characters shown as their
    codes, very long words folded ("-" if there is none)."""
    from rich.text import Text

    shown = Text(terminal_text(text) if text else "-")
    shown.stylize(style)  # a span, as markup made: padding around it stays unstyled
    return shown


def _text(*parts: str | Text | tuple[str, str]) -> Text:
    """``Text.assemble`` of careermap's own words and ``_data`` pieces: a string is shown as it
    is (never read as markup), a (string, style) pair with its style."""
    from rich.text import Text

    return Text.assemble(*parts)


def _as_text(cell: object) -> Text:
    """What a table or group is given, as ``Text``: a string as it is, never as markup."""
    from rich.text import Text

    return cell if isinstance(cell, Text) else Text(str(cell))


def _group(*parts: RenderableType) -> Group:
    """A rich ``Group`` whose strings are text, never markup."""
    from rich.console import Group

    return Group(*(_as_text(part) if isinstance(part, str) else part for part in parts))


def _lines(pieces: list[Text]) -> Text:
    """Pieces one a line, in one cell."""
    from rich.text import Text

    return Text("\n").join(pieces)


def _kind(move: Move) -> Text:
    rare = _text(" ", ("(rare)", "dim")) if move.rare else ""
    return _text((f"{KIND_MARK[move.kind]} {move.kind}", KIND_STYLE[move.kind]), rare)


def _skills(role: Role) -> str:
    return f"{role.skills.hard:g} / {role.skills.soft:g}" if role.skills else "-"


def _levels(cmap: CareerMap, levels: tuple[int, int]) -> Text:
    """A level range in the ladder's own names (data: a level's name may hold anything)."""
    return _data(cmap.format_levels(levels))


def _table(title: str | Text, caption: str | Text | None = None) -> Table:
    """A table that never splits a word, drops a column or cuts a value: where its columns
    cannot fit the width without breaking a word, it is shown as one block per row. Its
    title, caption, headers and cells are ``Text``: a string given for one is shown as it is."""
    from rich import box

    class FittingTable(_text_table()):  # type: ignore[misc]
        def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
            if _fits(self, options.max_width):
                yield from super().__rich_console__(console, options)
            else:
                yield from _stacked(self)

    table: Table = FittingTable(
        title=_annotation(title, "table.title"),
        caption=None if caption is None else _annotation(caption, "table.caption"),
        header_style="bold",
        box=box.SIMPLE_HEAD,
    )
    return table


def _annotation(text: str | Text, style: str) -> Text:
    """A table's title or caption, styled as rich styles one given as a string."""
    shown = _as_text(text).copy()
    shown.style = style
    return shown


@cache
def _text_table() -> type[Table]:
    """rich's ``Table`` whose headers and cells are ``Text``: a string is shown as it is."""
    from rich.table import Table

    class TextTable(Table):
        def add_column(self, header: object = "", *args: Any, **kwargs: Any) -> None:
            super().add_column(_as_text(header), *args, **kwargs)

        def add_row(self, *cells: object, **kwargs: Any) -> None:
            super().add_row(*(None if cell is None else _as_text(cell) for cell in cells), **kwargs)

    return TextTable


def _words_width(cell: object, whole_lines: bool, whole_titles: bool = False) -> int:
    """The widest word of a cell (or, for a column that must not wrap, its widest line; with
    ``whole_titles``, a role's title in a ``_titled_cell`` counts as one word)."""
    from rich.cells import cell_len

    text = _as_text(cell)
    plain = text.held(2, first_line=True) if whole_titles and hasattr(text, "held") else text.plain
    parts = plain.splitlines() if whole_lines else plain.split()
    return max((cell_len(part) for part in parts), default=0)


def _fits(table: Table, width: int) -> bool:
    """Whether every column can be as wide as its widest word (or line) within ``width``;
    when they can, each column is held at least that wide, so rich never cuts a word, and
    as wide as its widest role title where all of those fit too (never split needlessly)."""
    for whole_titles in (True, False):
        widths = [
            max(
                max(
                    _words_width(cell, bool(column.no_wrap), whole_titles)
                    for cell in [column.header, *column.cells]
                ),
                column.min_width or 0,
            )
            for column in table.columns
        ]
        # A space of padding each side, and an edge (and, holding titles whole, the dividers
        # too: that layout is rich's no more, it must truly fit).
        edges = 3 * len(widths) + 1 if whole_titles else 2 * len(widths) + 2
        if sum(widths) + edges > width:
            continue
        for column, least in zip(table.columns, widths, strict=True):
            column.min_width = least
        natural = [
            max(_words_width(cell, True) for cell in [column.header, *column.cells])
            for column in table.columns
        ]
        room = width - (3 * len(widths) + 1)  # padding, dividers and edges
        titled = any(hasattr(cell, "held") for column in table.columns for cell in column.cells)
        if (
            whole_titles
            and titled
            and sum(max(n, w) for n, w in zip(natural, widths, strict=True)) > room
        ):
            # rich's shrinking would take a column below its minimum (then widen it again,
            # past the edge): the widest columns are narrowed here, never below it.
            for column, fitted in zip(table.columns, _narrowed(natural, widths, room), strict=True):
                column.width = fitted
        return True
    return False


def _narrowed(natural: list[int], least: list[int], room: int) -> list[int]:
    """Column widths from their natural ones, the widest narrowed first (as rich does), never
    below ``least``, until they fit ``room`` (or none can narrow)."""
    widths = [max(n, m) for n, m in zip(natural, least, strict=True)]
    excess = sum(widths) - room
    while excess > 0:
        narrowing = [i for i, w in enumerate(widths) if w > least[i]]
        if not narrowing:
            break
        top = max(widths[i] for i in narrowing)
        tops = [i for i in narrowing if widths[i] == top]
        second = max((widths[i] for i in narrowing if widths[i] < top), default=0)
        step = max(1, min(top - second, -(-excess // len(tops))))
        for i in tops:
            cut = min(step, widths[i] - least[i], excess)
            widths[i] -= cut
            excess -= cut
    return widths


def _stacked(table: Table) -> list[RenderableType]:
    """The table as one block per row: the first cell as a heading, then "Header: value"."""
    from rich.text import Text

    text = _as_text
    parts: list[RenderableType] = []
    if table.title:
        parts.extend([text(table.title).copy(), Text()])
    columns = [(column.header, list(column.cells)) for column in table.columns]
    for row in range(table.row_count):
        first = text(columns[0][1][row])
        if first.plain.strip():
            parts.append(first)
        for header, cells in columns[1:]:
            value = text(cells[row])
            if value.plain.strip():
                first_line, *more = value.split("\n")
                line = text(header).copy()
                line.stylize("bold")
                line.append(": ")
                line.append_text(first_line)
                parts.append(Text("  ").append_text(line))
                parts.extend(Text("    ").append_text(piece) for piece in more)
        parts.append(Text())
    if table.caption:
        parts.append(text(table.caption))
    return parts


def _role_cell(role: Role, company: Company | None = None) -> Text:
    """Title in bold with the id (what commands take) under it, and the company's title."""
    return _text(
        _data(role.title, "bold"), "\n", _data(role.id, "dim"), _company_line(role, company)
    )


def _company_text(role: Role, company: Company) -> Text:
    """The role's titles at the company, or "-" where its ladder has none."""
    from careermap.ladders import titles_at

    entry = titles_at(company, role)
    return _data(entry.text if entry else "-")


def _company_line(role: Role, company: Company | None) -> Text:
    if company is None:
        return _text()
    line = _text("\n", _data(company.name), ": ", _company_text(role, company))
    line.stylize("italic", 1)
    return line


def _id_width(roles: list[Role]) -> int:
    """Ids are what users type, so their column is never narrower than the longest (up to
    MAX_WORD characters, where a longer word is cut short)."""
    return min(max((len(role.id) for role in roles), default=0), MAX_WORD)


TABLE_ROWS = 2000  # a table shows at most this many rows: rich lays out about 3,000 a second


def _beyond(count: int, things: str) -> str | None:
    """What a table of ``count`` rows leaves out past ``TABLE_ROWS``, or None."""
    if count <= TABLE_ROWS:
        return None
    return (
        f"The first {TABLE_ROWS:,} of {count:,} {things} are shown; "
        "--json or --markdown lists them all."
    )


def roles_table(
    cmap: CareerMap,
    roles: list[Role],
    caption: str | Text | None = None,
    company: Company | None = None,
) -> Table:
    left_out = _beyond(len(roles), "roles")
    if left_out:
        caption = _text(caption, " · ", left_out) if caption else left_out
        roles = roles[:TABLE_ROWS]
    table = _table("Roles", caption)
    table.add_column("Role", min_width=_id_width(roles))
    table.add_column("Track", no_wrap=True)
    table.add_column("Levels", no_wrap=True)
    table.add_column("Hard/Soft", justify="right", no_wrap=True)
    table.add_column("Source")
    for role in roles:
        table.add_row(
            _role_cell(role, company),
            _data(", ".join(role.tracks)),
            _data(cmap.role_levels(role)),
            _skills(role),
            _data(role.source),
        )
    return table


class Footnotes:
    """Numbered footnotes for moves' conditions and notes: long and often repeated, so a
    table shows a number and the text comes once, under it. One numbering per screen."""

    def __init__(self) -> None:
        self.numbers: dict[str, int] = {}

    def mark(self, move: Move) -> Text:
        text = move_footnote(move)
        if not text:
            return _text()
        return _text(" ", (f"[{self.numbers.setdefault(text, len(self.numbers) + 1)}]", "dim"))

    def lines(self) -> list[RenderableType]:
        return [_text((f"[{n}] ", "dim"), _data(text, "dim")) for text, n in self.numbers.items()]


def moves_table(
    cmap: CareerMap,
    moves: list[Move],
    into: bool,
    title: str | Text,
    company: Company | None = None,
    footnotes: Footnotes | None = None,
) -> RenderableType:
    """Moves seen from one role: the *other* role of each move is the first column.

    Conditions and notes become numbered footnotes: under the table, or where ``footnotes``
    (shared with other tables on the same screen) says.
    """
    shared = footnotes is not None
    footnotes = footnotes if footnotes is not None else Footnotes()
    left_out = _beyond(len(moves), "moves")
    moves = moves[:TABLE_ROWS]
    table = _table(title, left_out)
    others = [cmap.role(m.from_ if into else m.to) for m in moves]
    table.add_column("From" if into else "To", min_width=_id_width(others))
    table.add_column("Kind", no_wrap=True)
    table.add_column("Years", justify="right", no_wrap=True)
    table.add_column("Source")
    for move, other in zip(moves, others, strict=True):
        table.add_row(
            _role_cell(other, company),
            _kind(move),
            move_years(move),
            _text(_data(move.source), footnotes.mark(move)),
        )
    return table if shared else _group(table, *footnotes.lines())


def role_panel(cmap: CareerMap, role: Role, company: Company | None = None) -> RenderableType:
    from rich.panel import Panel

    facts = _text_table().grid(padding=(0, 2))
    facts.add_column(style="bold")
    facts.add_column()
    facts.add_row("ID", _data(role.id))
    facts.add_row("Tracks" if len(role.tracks) > 1 else "Track", _data(", ".join(role.tracks)))
    levels = cmap.role_levels(role) or cmap.role_levels(role, short=True)
    facts.add_row("Levels", _data(levels))
    if cmap.multiscale:
        scale = cmap.role_scale(role)
        bands = scale.bands(role.levels)
        facts.add_row("Scale", _data("shared" if scale.name is None else scale.name))
        facts.add_row("Band", format_levels(bands).removeprefix("L") if bands else "-")
    facts.add_row(
        "Skills", f"hard {_skills(role).replace(' / ', ', soft ')}" if role.skills else "-"
    )
    # One a line: an alias may hold a comma, never a line break.
    facts.add_row("Aliases", _lines([_data(alias) for alias in role.aliases]) or "-")
    facts.add_row("Source", _data(role.source))
    if company is not None:
        facts.add_row(_text("At ", _data(company.name)), _company_text(role, company))
    for theme in cmap.themes:
        value = role.proficiency(theme.id)
        expected = role.expected(theme.id)
        if value is None and not expected:
            continue
        lines = [_proficiency(theme, value), *(_text("• ", _data(text)) for text in expected)]
        facts.add_row(_data(theme.name), _lines(lines))
    facts.add_row("About", _data(role.description))
    parts: list[RenderableType] = [Panel(facts, title=_data(role.title, "bold"))]
    outgoing, incoming = cmap.moves_from(role.id), cmap.moves_into(role.id)
    footnotes = Footnotes()
    if outgoing:
        parts.append(moves_table(cmap, outgoing, False, "Moves out", company, footnotes))
    if incoming:
        parts.append(moves_table(cmap, incoming, True, "Moves in", company, footnotes))
    return _group(*parts, *footnotes.lines())


ROUTE_ENDS_SHOWN = 100  # a route's table shows at most this many first and last moves


def route_view(
    cmap: CareerMap,
    route: Route,
    heading: str = "",
    company: Company | None = None,
    footnotes: Footnotes | None = None,
) -> RenderableType:
    first, last = cmap.role(route.roles[0]), cmap.role(route.roles[-1])
    table = _table(_text(heading, _data(first.title), " → ", _data(last.title)))
    table.add_column("#", justify="right")
    table.add_column("From")
    table.add_column("To")
    table.add_column("Kind", no_wrap=True)
    table.add_column("Years", justify="right", no_wrap=True)
    table.add_column("Source")
    steps = list(enumerate(route.steps, start=1))
    hidden = len(steps) - 2 * ROUTE_ENDS_SHOWN
    if hidden > 0:  # only generated ladders have such routes; a table of them all takes minutes
        steps = steps[:ROUTE_ENDS_SHOWN] + steps[-ROUTE_ENDS_SHOWN:]
    for number, step in steps:
        if hidden > 0 and number == len(route.steps) - ROUTE_ENDS_SHOWN + 1:
            table.add_row("…", "…", "…")
        source, target = cmap.role(step.from_), cmap.role(step.to)
        table.add_row(
            str(number),
            _titled_cell(cmap, source, company),
            _titled_cell(cmap, target, company),
            _kind(step.move),
            move_years(step.move) if step.recorded else years_range(step.min_years, step.max_years),
            _text(_data(step.move.source), footnotes.mark(step.move) if footnotes else ""),
        )
    moves = "move" if len(route.steps) == 1 else "moves"
    total = _text(("Total:", "bold"), f" {len(route.steps):,} {moves}, ", _bold_total(route))
    if hidden > 0:
        shown = f"Moves {ROUTE_ENDS_SHOWN + 1:,}-{len(route.steps) - ROUTE_ENDS_SHOWN:,} not shown"
        return _group(table, total, f"{shown}; --json or --markdown lists them all.")
    return _group(table, total)


def _titled(cmap: CareerMap, role: Role) -> tuple[Text | str, ...]:
    """A role's title and its level in its own scale: "Senior Engineer (L5)", or the title
    alone where it already says its level ("Staff Engineer" at "Staff")."""
    levels = cmap.role_levels(role)
    return (_data(role.title), " (", _data(levels), ")") if levels else (_data(role.title),)


def _titled_cell(cmap: CareerMap, role: Role, company: Company | None) -> Text:
    """A table cell of a role's title and level (and its company title under them) that never
    wraps into a line that looks like another role ("Senior Engineering" then "Manager
    (L6-7)"): the title and level on one line where they fit, else the title whole with the
    level under it, else the title's last two words ("Engineering Manager", "Engineer II")
    kept together; plain word wrapping only where even those are wider than the column."""
    cell = _text(*_titled(cmap, role), _company_line(role, company))
    title = terminal_text(role.title) if role.title else "-"
    spaces = [i for i, char in enumerate(title) if char == " "]
    glue = dict.fromkeys(spaces, 2)
    if spaces:
        glue[spaces[-1]] = 3  # the last two words, held longest
    if cmap.role_levels(role):
        glue[len(title)] = 1  # the space before "(level)"
    start = cell.plain.find("\n") + 1
    if start:  # the company's titles ("Company: L6 Software Development Manager II") alike
        offset = start
        for n, piece in enumerate(cell.plain[start:].split(", ")):
            inner = [i for i, char in enumerate(piece) if char == " "]
            free = piece.index(": ") + 1 if n == 0 and ": " in piece else -1
            glue.update({offset + i: 2 for i in inner if i > free})  # not after "Company:"
            if inner:
                glue[offset + inner[-1]] = 3
            offset += len(piece) + 2
    return _kept_together()(cell, glue)


_HOLD = "\ue000"  # stands for a space no line may break at, while rich wraps a cell


@cache
def _kept_together() -> Callable[[Text, dict[int, int]], Text]:
    """rich ``Text`` that breaks at some spaces only if it must: ``glue`` maps a
    space's index to its rank, and spaces of lower rank are let go first, until every run of
    held words fits the width (then rich wraps it as usual)."""
    from rich.cells import cell_len
    from rich.text import Text

    class KeptTogether(Text):
        def __init__(self, text: Text, glue: dict[int, int]) -> None:
            super().__init__()
            self.append_text(text)
            self.glue = glue

        def held(self, least: int, first_line: bool = False) -> str:
            """The plain text with the spaces of rank ``least`` or more held (only those of
            the first line, the role's own title, with ``first_line``)."""
            chars = list(self.plain)
            end = self.plain.find("\n") if first_line and "\n" in self.plain else len(chars)
            for index, rank in self.glue.items():
                if rank >= least and index < end and chars[index] == " ":
                    chars[index] = _HOLD
            return "".join(chars)

        def wrap(self, console: Console, width: int, **kwargs: Any) -> Any:
            for least in (1, 2, 3, 4):  # 4: no space held
                held = self.held(least)
                if all(cell_len(word) <= width for word in held.split()):
                    break
            copy = self.copy()
            copy.plain = held
            lines = copy.wrap(console, width, **kwargs)
            for line in lines:
                line.plain = line.plain.replace(_HOLD, " ")
            return lines

    return KeptTogether


def _bold_total(route: Route) -> Text:
    """The route's years with what is known of them in bold ("6.5-18 years", "at least 4
    years"), then the typical figure or what is unknown."""
    separator = ", " if route.complete else "; "
    known, _, rest = route_total(route).partition(separator)
    return _text((known, "bold"), separator, rest)


def path_view(
    cmap: CareerMap,
    routes: list[Route],
    notes: list[str],
    company: Company | None = None,
    plan: bool = False,
) -> RenderableType:
    parts: list[RenderableType] = []
    footnotes = Footnotes()
    for number, route in enumerate(routes, start=1):
        heading = f"Route {number:,} of {len(routes):,}: " if len(routes) > 1 else ""
        parts.extend([route_view(cmap, route, heading, company, footnotes), ""])
        if plan and cmap.themes:
            parts.extend([growth_view(cmap, route), ""])
    if footnotes.numbers:
        parts.extend([*footnotes.lines(), ""])
    parts.extend(_data(note, "dim") for note in [*notes, *closing_notes(routes)])
    return _group(*parts)


def reach_view(
    cmap: CareerMap,
    role: Role,
    within: float | None,
    by: str,
    into: bool,
    found: list[Reached],
    unknown: Sequence[Reached] = (),
) -> RenderableType:
    """A table of the roles known to be within reach, grouped by their lowest level, then
    one of the roles reachable only at a length the data does not give."""
    limit = f" within {format_years(within)} years" if within is not None else ""
    measure = "best-case" if by == "min" else "typical"
    title = (
        _text("Roles that lead to ", _data(role.title), f"{limit} ({measure})")
        if into
        else _text("Roles reachable from ", _data(role.title), f"{limit} ({measure})")
    )
    parts: list[RenderableType] = []
    if found:
        parts.append(_reach_table(cmap, title, found))
    if unknown:
        title = (
            _text("Roles that lead to ", _data(role.title), ", time unknown")
            if into
            else _text("Roles reachable from ", _data(role.title), ", time unknown")
        )
        parts.append(_reach_table(cmap, title, unknown))
        maybe = f"may be{limit}, but is not known to be" if limit else "is not known"
        note = (
            f"Time unknown: the {measure} time to each of these {maybe}, as the data gives "
            "no length (or only a bound) for a move on every route there."
        )
        parts.append(_text((note, "dim")))
    recorded = [e for item in found if item.route.recorded and (e := item.route.estimate())]
    if recorded:  # the typical figures of routes through moves with records
        fewest = min(e.people for e in recorded)
        note = f"Typical years from the records of at least {fewest:,} people a recorded move."
        parts.append(_text((note, "dim")))
    return _group(*parts, _text((ESTIMATE_NOTE, "dim")))


def _reach_table(cmap: CareerMap, title: Text, items: Sequence[Reached]) -> RenderableType:
    """Reached roles by their lowest level, nearest first within a level."""
    table = _table(title)
    table.add_column("Level", no_wrap=True)
    table.add_column("Role", min_width=_id_width([cmap.role(item.role) for item in items]))
    table.add_column("Moves", justify="right")
    table.add_column("Years", justify="right", no_wrap=True)
    table.add_column("Typical", justify="right", no_wrap=True)
    table.add_column("Via")
    ordered = sorted(items, key=lambda item: cmap.role(item.role).levels)
    previous = None
    for item in ordered:
        other = cmap.role(item.role)
        level = cmap.role_levels(other)
        if previous is not None and level != previous:
            table.add_section()
        table.add_row(
            _data(level) if level != previous else "",
            _role_cell(other),
            str(len(item.route.steps)),
            years_range(item.route.min_years, item.route.max_years)
            if item.route.complete and item.route.max_years is not None
            else "recorded"
            if item.route.complete
            else route_total(item.route).split(";")[0],
            one_decimal(item.route.typical_years) if item.route.typical_years is not None else "-",
            _data(_via(item.route.roles[1:-1])),
        )
        previous = level
    return table


def _via(roles: list[str], most: int = 6) -> str:
    """The roles a route passes through: all of a short one, the ends of a long one."""
    if not roles:
        return "direct"
    if len(roles) <= most:
        return ", ".join(roles)
    return f"{', '.join(roles[:3])}, … ({len(roles) - 5} more), {', '.join(roles[-2:])}"


def titles_view(cmap: CareerMap, role: Role, entries: list[CompanyTitles]) -> RenderableType:
    table = _table(_text(*_titled(cmap, role), " at each company"))
    table.add_column("Company", style="bold", no_wrap=True)
    table.add_column("Ladder", no_wrap=True)
    table.add_column("Code", no_wrap=True)
    table.add_column("Title")
    table.add_column("Levels", no_wrap=True)
    for entry in entries:
        first = True
        for rung in entry.rungs or (None,):
            table.add_row(
                _data(entry.company.name) if first else "",
                _data(entry.ladder.track) if first else "",
                _data(rung.code) if rung else "-",
                _data(rung.title) if rung else _text(("no title at these levels", "dim")),
                _levels(cmap, rung.levels) if rung else "",
            )
            first = False
    return _group(table, _text((COMPANY_NOTE, "dim")))


def levels_view(tables: list[tuple[str, list[Company], list[LevelRow]]]) -> RenderableType:
    parts: list[RenderableType] = []
    for track, companies, rows in tables:
        table = _table(_text("Levels: ", _data(track), " ladders"))
        table.add_column("Level", style="bold", no_wrap=True)
        table.add_column("careermap roles", no_wrap=True)
        for company in companies:  # titles fold so that every company fits in 80 columns
            table.add_column(_data(company.name), ratio=1)
        for row in rows:
            cells = [
                _lines([_text(_data(r.code), " ", _data(r.title)) for r in row.rungs[c.id]]) or "-"
                for c in companies
            ]
            roles = _lines([_data(role.id) for role in row.roles]) or "-"
            table.add_row(f"L{row.level}", roles, *cells)
        parts.extend([table, ""])
    parts.append(_text((COMPANY_NOTE, "dim")))
    return _group(*parts)


def scales_view(table: ScaleTable) -> RenderableType:
    """The map's level scales side by side, a column per scale."""
    shown = _table("Levels: the map's scales")
    shown.add_column(table.by.capitalize(), style="bold", no_wrap=True)
    for scale in table.scales:
        shown.add_column(_data("shared" if scale.name is None else scale.name), ratio=1)
    for key, cells in table.rows:
        shown.add_row(
            str(key),
            *(
                _lines([_data(f"{lv.code} {lv.name}" if lv.code else lv.name) for lv in cell])
                if cell
                else "-"
                for cell in cells
            ),
        )
    if table.by == "band" or len(table.scales) < 2:
        return shown
    note = "These scales have no bands: a row is a rank within each scale, not a match."
    return _group(shown, _text((note, "dim")))


def _theme_name(cmap: CareerMap, theme_id: str) -> str:
    return next((theme.name for theme in cmap.themes if theme.id == theme_id), theme_id)


def _proficiency(theme: Theme, value: float | None) -> Text:
    """A proficiency in the theme's words, with its position: "Practitioner (4/5)"."""
    if value is None:
        return _text("-")
    if theme.scale:
        return _text(_data(theme.label(value)), f" ({value:g}/{len(theme.scale)})")
    return _text(f"{value:g}")


def _growth(change: ThemeChange) -> str:
    if change.change is None:
        return "not given for both"
    if change.change == 0:
        return "same"
    return f"{'grows' if change.change > 0 else 'shrinks'} by {abs(change.change):g}"


def growth_view(cmap: CareerMap, route: Route) -> RenderableType:
    """What to work on along a route: per step, the themes that grow and the new
    expectations; then the whole route's growth in one line."""
    from careermap.growth import plan, route_growth

    table = _table("What to grow, step by step")
    table.add_column("Step")
    table.add_column("Grow")
    table.add_column("Newly expected")
    for step in plan(cmap, route):
        grow = _lines([_change(c, ": ") for c in step.grow])
        new = _lines(
            [
                _text(_data(_theme_name(cmap, theme_id)), ": ", _data(text))
                for theme_id, texts in step.expectations_new.items()
                for text in texts
            ]
        )
        target = cmap.role(step.to)
        table.add_row(_text("→ ", _data(target.title)), grow or "-", new or "-")
    whole = route_growth(cmap, route)
    summary = _text(", ").join(_change(c, " ") for c in whole)
    return _group(table, _text(("Across the route:", "bold"), " ", summary or "no theme grows"))


def _change(change: ThemeChange, separator: str) -> Text:
    """ "Mastery: Novice (1/5) → Expert (3/5)": a theme's proficiency before and after."""
    return _text(
        _data(change.theme.name),
        separator,
        _proficiency(change.theme, change.a),
        " → ",
        _proficiency(change.theme, change.b),
    )


def _difference(value: float, axis: str) -> str:
    if value == 0:
        return f"same {axis}"
    verb = "grows" if value > 0 else "shrinks"
    return f"{axis} {verb} by {abs(value):g}"


def compare_view(comparison: Comparison) -> RenderableType:
    cmap = comparison.cmap
    a, b = comparison.a, comparison.b
    table = _table(_text(_data(a.title), " vs ", _data(b.title)))
    table.add_column("", style="bold", no_wrap=True)
    table.add_column(_data(a.title))
    table.add_column(_data(b.title))
    table.add_column("Difference (second minus first)")
    levels = comparison.level_difference
    unit = "level" if comparison.level_basis == "rank" else "band"
    table.add_row(
        "Levels",
        _data(cmap.role_levels(a, short=True)),
        _data(cmap.role_levels(b, short=True)),
        "different level scales, with no mapping between them"
        if levels is None
        else f"starts {abs(levels)} {unit}{'s' if abs(levels) != 1 else ''} "
        f"{'higher' if levels > 0 else 'lower'}"
        if levels
        else f"same starting {unit}",
    )
    shared = "same track" if a.tracks == b.tracks else ""
    table.add_row("Track", _data(", ".join(a.tracks)), _data(", ".join(b.tracks)), shared)
    skills = comparison.skills_difference
    if skills is not None and a.skills and b.skills:
        table.add_row(
            "Hard skills",
            f"{a.skills.hard:g}",
            f"{b.skills.hard:g}",
            _difference(skills[0], "hard"),
        )
        table.add_row(
            "Soft skills",
            f"{a.skills.soft:g}",
            f"{b.skills.soft:g}",
            _difference(skills[1], "soft"),
        )
    elif not comparison.competencies:
        table.add_row("Skills", _skills(a), _skills(b), "not given for both")
    for change in comparison.competencies:
        table.add_row(
            _data(change.theme.name),
            _proficiency(change.theme, change.a),
            _proficiency(change.theme, change.b),
            _growth(change),
        )
    for company, first, second in comparison.titles:
        table.add_row(
            _text("At ", _data(company.name)),
            _data(first.text) if first else "-",
            _data(second.text) if second else "-",
            "",
        )
    lines: list[RenderableType] = [table]
    for theme_id, texts in comparison.expectations_new.items():
        name = _theme_name(cmap, theme_id)
        lines.extend(
            _text("New in ", _data(b.title), " (", _data(name), "): ", _data(t)) for t in texts
        )
    for label, route in (
        (f"{a.id} → {b.id}", comparison.a_to_b),
        (f"{b.id} → {a.id}", comparison.b_to_a),
    ):
        if route is None:
            lines.append(_text((f"{label}:", "bold"), " no route in this map"))
        else:
            moves = "move" if len(route.steps) == 1 else "moves"
            via = ", ".join(route.roles[1:-1])
            lines.append(
                _text(
                    (f"{label}:", "bold"),
                    f" {len(route.steps)} {moves}, {route_total(route)}",
                    _text(" via ", _data(via)) if via else "",
                )
            )
    lines.append(_text((ESTIMATE_NOTE, "dim")))
    if comparison.titles:
        lines.append(_text((COMPANY_NOTE, "dim")))
    return _group(*lines)


def _step(theme: Theme, value: float | None) -> Text:
    """A matrix cell: the step in the theme's words, its position dim after them."""
    if value is None:
        return _text("-")
    if theme.scale:
        return _text(_data(theme.label(value)), " ", (f"({value:g})", "dim"))
    return _text(f"{value:g}")


def _matrix_heading(cmap: CareerMap, role: Role, company: Company | None) -> Text:
    levels = _data(cmap.role_levels(role, short=True), "dim")
    return _text(_data(role.title), "\n", levels, _company_line(role, company))


def matrix_tables(result: Matrix, table: TrackMatrix) -> tuple[Table, Table]:
    """A track's matrix two ways: themes as rows (roles across), and roles as rows, for a
    width the roles cannot fit across."""
    cmap, company = result.cmap, result.company
    title = _text("Matrix: the ", _data(table.track), " track")
    across = _table(title)
    across.add_column("Theme", style="bold")
    for role in table.roles:
        across.add_column(_matrix_heading(cmap, role, company))
    for theme in table.themes:
        across.add_row(
            _data(theme.name), *(_step(theme, role.proficiency(theme.id)) for role in table.roles)
        )
    down = _table(title)
    down.add_column("Role", style="bold")
    for theme in table.themes:
        down.add_column(_data(theme.name))
    for role in table.roles:
        down.add_row(
            _matrix_heading(cmap, role, company),
            *(_step(theme, role.proficiency(theme.id)) for theme in table.themes),
        )
    return across, down


def _set_widths(table: Table, width: int) -> bool:
    """Whether the table fits ``width`` with every word whole; when it does, each column's
    width is set: its widest word, and the room left shared by how much more it holds
    (rich's own sharing can push a column back over the width when it keeps minimums).
    A column takes its padding and a separator: three cells more than its text."""
    from rich.cells import cell_len

    cells = [[column.header, *column.cells] for column in table.columns]
    least = [max(_words_width(cell, False) for cell in column) for column in cells]
    most = [
        max(cell_len(line) for cell in column for line in _as_text(cell).plain.splitlines() or [""])
        for column in cells
    ]
    room = width - sum(least) - 3 * len(least) - 1
    if room < 0:
        return False
    wants = [m - n for m, n in zip(most, least, strict=True)]
    total = sum(wants)
    for column, low, want in zip(table.columns, least, wants, strict=True):
        column.width = low + (min(want, room * want // total) if total else 0)
        column.min_width = column.width
    return True


class _Sized:
    """A table laid out at the width it is printed in (``_set_widths``), stacked one block
    per row where it cannot fit."""

    def __init__(self, table: Table) -> None:
        self.table = table

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        if _set_widths(self.table, options.max_width):
            yield self.table
        else:
            yield from _stacked(self.table)


class _Matrix:
    """A track's matrix, themes as rows where the roles fit across the width, else roles
    as rows (stacked, one block per role, where even that does not fit)."""

    def __init__(self, result: Matrix, table: TrackMatrix) -> None:
        self.tables = matrix_tables(result, table)

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        across, down = self.tables
        fits = _set_widths(across, options.max_width)
        yield across if fits else _Sized(down)


def assess_view(result: Assessment) -> RenderableType:
    cmap = result.cmap
    rated = [
        _text(_data(t.name), f" {result.ratings[t.id]:g}")
        for t in cmap.themes
        if t.id in result.ratings
    ]
    table = _table("Self-assessment")
    table.add_column("Track", style="bold", no_wrap=True)
    table.add_column("You meet")
    table.add_column("Next")
    table.add_column("Gaps (you have → it needs)")
    for answer in result.tracks:
        meets = (
            _text(_data(answer.meets.title), "\n", _data(answer.meets.id, "dim"))
            if answer.meets
            else _text("none of its roles")
        )
        if answer.unknown:
            names = _text(", ").join(_data(t.name) for t in answer.unknown)
            meets = _text(meets, "\n", _text(("as far as rated: ", "italic"), names, " unknown"))
        if not answer.next:
            table.add_row(_data(answer.track), meets, "-", "top of the track")
        for n, ahead in enumerate(answer.next):
            gaps = [
                _text(
                    _data(g.theme.name),
                    f": {g.have:g} → {g.need:g}",
                    _text(" ", _data(f"({g.theme.label(g.need)})", "dim")) if g.theme.scale else "",
                )
                for g in ahead.gaps
            ]
            gaps += [_text(_data(t.name), ": unknown (not rated)") for t in ahead.unknown]
            table.add_row(
                _data(answer.track) if n == 0 else "",
                meets if n == 0 else "",
                _text(_data(ahead.role.title), "\n", _data(ahead.role.id, "dim")),
                _lines(gaps) if gaps else "none: you meet every step it states",
            )
    steps = _text(("Your steps:", "bold"), " ", _text(", ").join(rated))
    parts: list[RenderableType] = [steps, _Sized(table)]
    if result.unrated:
        names = _text(", ").join(_data(t.name) for t in result.unrated)
        parts.append(
            _text(("Not rated (unknown, never taken as zero): ", "dim"), names, (".", "dim"))
        )
    return _group(*parts)


# -- results ---------------------------------------------------------------------------------


def _spans(spans: list[tuple[str, list[str]]]) -> str:
    """A ladder's levels: "L3-7", or per scale where tracks rank on scales of their own,
    "IC1-IC7 (software-engineering), M3-M7 (engineering-management)"."""
    if len(spans) == 1:
        return spans[0][0]
    return ", ".join(f"{span} ({', '.join(tracks)})" for span, tracks in spans)


view: ByType[RenderableType] = ByType("terminal view")
"""What the terminal shows for a result."""


@view.register(RoleList)
def _(result: RoleList) -> RenderableType:
    cmap = result.cmap
    if not result.roles:
        spans = [(span, list(scale.tracks)) for scale, _, span in cmap.scale_spans()]
        return Notice(
            f"No roles match; this map spans levels {_spans(spans)} "
            f"and tracks {', '.join(cmap.tracks)}."
        )
    meta = f" from {cmap.meta.name}" if cmap.meta else ""
    caption = _data(f"{len(result.roles):,} of {len(cmap.roles):,} roles{meta}")
    return roles_table(cmap, result.roles, caption=caption, company=result.company)


@view.register(RoleView)
def _(result: RoleView) -> RenderableType:
    return role_panel(result.cmap, result.role, result.company)


@view.register(MoveList)
def _(result: MoveList) -> RenderableType:
    role = result.role
    direction = "into" if result.into else "out of"
    if not result.moves:
        kinds = [result.kind] if isinstance(result.kind, str) else list(result.kind or ())
        qualifier = f"{' or '.join(kinds)} " if kinds else ""
        return Notice(f"No {qualifier}moves {direction} {role.id} in this map.")
    title = _data(f"Moves {direction} {role.title} ({role.id})")
    return moves_table(result.cmap, result.moves, result.into, title, result.company)


@view.register(PathResult)
def _(result: PathResult) -> RenderableType:
    notes = path_notes(result.cmap, result.query, result.others, result.scale_up)
    if result.plan and not result.cmap.themes:
        notes.append("--plan: this ladder defines no competency themes, so there is no plan.")
    return path_view(result.cmap, result.routes, notes, result.company, result.plan)


@view.register(ReachResult)
def _(result: ReachResult) -> RenderableType:
    direction = "lead to" if result.into else "can be reached from"
    limit = f" within {format_years(result.within)} years" if result.within is not None else ""
    if not result.found and not result.unknown:
        return Notice(f"No roles {direction} {result.role.id}{limit}.")
    parts: list[RenderableType] = []
    if not result.found:
        known = "lead to" if result.into else "be reachable from"
        parts.append(_text(f"No roles are known to {known} ", _data(result.role.id), f"{limit}."))
    parts.append(
        reach_view(
            result.cmap,
            result.role,
            result.within,
            result.by,
            result.into,
            result.found,
            result.unknown,
        )
    )
    if result.total > len(result.found):
        more = f"The nearest {len(result.found):,} of {result.total:,} roles are listed; narrow it "
        parts.append(_text((f"{more}with --within.", "dim")))
    if result.unknown_total > len(result.unknown):
        parts.append(
            _text(
                (
                    f"{len(result.unknown):,} of the {result.unknown_total:,} roles of unknown "
                    "time are listed.",
                    "dim",
                )
            )
        )
    return _group(*parts)


@view.register(TitlesResult)
def _(result: TitlesResult) -> RenderableType:
    if not result.entries:
        names = ", ".join(c.name for c in result.companies)
        return Notice(f"No ladder for {result.role.id}'s track ({result.role.track}) at {names}.")
    return titles_view(result.cmap, result.role, result.entries)


@view.register("careermap.gallery.Gallery")
def _(result: Gallery) -> RenderableType:
    table = _table("Built-in ladders", caption="Use one with: careermap --ladder NAME ...")
    table.add_column("Name", no_wrap=True)
    table.add_column("Ladder")
    table.add_column("Roles", justify="right")
    table.add_column("Moves", justify="right")
    for info in result.ladders:
        name = _text(info.name, ("\n(default)", "dim") if info.default else "")
        table.add_row(name, _data(info.title), str(info.roles), str(info.moves))
    return table


@view.register(LevelsResult)
def _(result: LevelsResult) -> RenderableType:
    if result.scales is None:
        return levels_view(result.tables)
    scales = scales_view(result.scales)
    return _group(scales, "", levels_view(result.tables)) if result.tables else scales


@view.register("careermap.compare.Comparison")
def _(result: Comparison) -> RenderableType:
    return compare_view(result)


@view.register("careermap.framework.Matrix")
def _(result: Matrix) -> RenderableType:
    if not result.tables:
        return Notice("No role on these tracks states a step in any theme.")
    parts: list[RenderableType] = []
    for table in result.tables:
        parts.extend([_Matrix(result, table), ""])
    return _group(*parts[:-1])


@view.register("careermap.framework.Assessment")
def _(result: Assessment) -> RenderableType:
    if not result.tracks:
        return Notice("No role on this ladder states a step in a theme, so none can be met.")
    return assess_view(result)


@view.register(SkillsMap)
def _(result: SkillsMap) -> RenderableType:
    return terminal_map(result)


def terminal_map(result: SkillsMap, *, colour: bool = True) -> RenderableType:
    """The skills map for a terminal (a TooLargeError if too large to draw); without
    ``colour``, its markers and route carry only their shape, bold and reverse video."""
    from careermap.results import drawable

    return _TerminalMap(drawable(result), colour)


class _TerminalMap:
    """The skills map, drawn at the width of the console that prints it."""

    def __init__(self, result: SkillsMap, colour: bool = True) -> None:
        self.result = result
        self.colour = colour

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        from rich.text import Text

        from careermap.render.termmap import render_map

        result = self.result
        yield render_map(
            result.cmap, result.roles, result.route, options.max_width, colour=self.colour
        )
        if result.left_off:  # said, never silently dropped
            yield Text.assemble(
                f"Left off, with no step in both themes ({len(result.left_off):,}): ",
                _data(", ".join(role.title for role in result.left_off)),
            )


@view.register(Written)
def _(result: Written) -> RenderableType:
    return Notice(f"Wrote {result.file}. Next: careermap validate {result.file}")


@view.register(ValidationRun)
def _(run: ValidationRun) -> RenderableType:
    """Each file's report in turn. A file with errors has its errors on stderr, as every
    error, and (where several files were checked) a line here that says how many."""
    several = len(run.reports) > 1
    return Plain(
        "".join(str(view(report)) for report in run.reports if several or not report.errors)
    )


@view.register(ValidationReport)
def _(report: ValidationReport) -> RenderableType:
    """The warnings, one a line, then a one-line summary (errors go to stderr, not here)."""
    if report.errors:
        return Plain(f"{plain(report.file)}: invalid: {count(len(report.errors), 'error')}\n")
    lines = [f"warning: {plain(' '.join(str(w).splitlines()))}" for w in report.warnings]
    summary = report.summary or {}
    tracks, companies = summary["tracks"], summary["companies"]
    spans = [(scale["span"], scale["tracks"]) for scale in summary["scales"]]
    lines.append(
        f"{plain(report.file)}: valid: {count(summary['roles'], 'role')}, "
        f"{count(summary['moves'], 'move')}, {count(len(tracks), 'track')} "
        f"({', '.join(tracks)}), levels {plain(_spans(spans))}"
        + (f", {count(companies, 'company', 'companies')}" if companies else "")
        + f"; {count(len(report.warnings), 'warning')}"
        + (" (--strict: failing)" if report.failed else "")
    )
    return Plain("".join(f"{line}\n" for line in lines))


def id_lines(result: RoleList) -> str:
    """``roles --ids``: one id a line, for scripts."""
    if not isinstance(result, RoleList):
        raise NotRendered(f"no id list for {type(result).__name__}")
    return "".join(f"{role.id}\n" for role in result.roles)


def written(result: SkillsMap | MapDocument, fmt: str, file: object) -> Notice:
    """The line that says what an ``--output`` file now holds."""
    what = result.summary() if isinstance(result, SkillsMap) else fmt
    return Notice(f"Wrote {file} ({what}).")


# -- diff -----------------------------------------------------------------------------------


@view.register("careermap.diff.LadderDiff")
def _(result: LadderDiff) -> RenderableType:
    if not result.changed:
        return Notice(
            f"No changes: {plain(result.old_file)} and {plain(result.new_file)} hold "
            "the same ladder."
        )
    parts: list[RenderableType] = []
    for kind, section in result.sections.items():
        if not section:
            continue
        table = _table(
            f"{kind.capitalize()}: {len(section.added)} added, "
            f"{len(section.removed)} removed, {len(section.changed)} changed"
        )
        for header in ("Change", "Record", "Field", "Old", "New"):
            table.add_column(header)
        for record in section.added:
            table.add_row("added", _data(diff_key(record)), "", "", "")
        for record in section.removed:
            table.add_row("removed", _data(diff_key(record)), "", "", "")
        for change in section.changed:
            for n, (name, (old, new)) in enumerate(change.fields.items()):
                table.add_row(
                    "changed" if n == 0 else "",
                    _data(diff_key(change.key)) if n == 0 else "",
                    name,
                    _data(diff_value(old, name)),
                    _data(diff_value(new, name)),
                )
        parts.append(table)
    if result.routes:
        table = _table(f"Best routes that changed ({len(result.routes):,})")
        for header in ("From", "To", "Old", "New"):
            table.add_column(header)
        for moved in result.routes:
            table.add_row(
                moved.source,
                moved.target,
                _data(diff_route(moved.old, moved.new)),
                _data(diff_route(moved.new, moved.old)),
            )
        parts.append(table)
    if result.compared < result.pairs:
        parts.append(
            f"Routes compared for the first {result.compared:,} of "
            f"{result.pairs:,} entry-to-top pairs."
        )
    return _group(*parts)


# -- evidence -------------------------------------------------------------------------------


def _share(value: float | None) -> str:
    return "-" if value is None else f"{value * 100:.0f}%"


@view.register("careermap.evidence.Calibrated")
def _(result: Calibrated) -> RenderableType:
    cmap = result.cmap
    table = _table(
        f"Moves from the records of {result.people:,} people "
        f"({result.records:,} records, {result.since} to {result.until})"
    )
    table.add_column("Move")
    table.add_column("People", justify="right")
    table.add_column("Moved", justify="right")
    table.add_column("Share", justify="right")
    table.add_column("P10-median-P90 years", justify="right", no_wrap=True)
    for m in result.moves:
        quantiles = (
            "-".join("beyond" if q is None else one_decimal(q) for q in (m.p10, m.median, m.p90))
            if m.share is not None
            else "-"
        )
        table.add_row(
            _text(_data(cmap.role(m.from_).title), " → ", _data(cmap.role(m.to).title)),
            f"{m.people:,}",
            f"{m.moved:,}",
            _share(m.share),
            quantiles,
        )
    parts: list[RenderableType] = [table]
    if result.unlisted:
        unlisted = _table("Moves in the records that the ladder does not list (not added)")
        unlisted.add_column("From")
        unlisted.add_column("To")
        unlisted.add_column("People", justify="right")
        for u in result.unlisted:
            unlisted.add_row(
                _data(cmap.role(u.from_).title), _data(cmap.role(u.to).title), f"{u.people:,}"
            )
        parts.append(unlisted)
    note = (
        "Share: the estimated share of the people in the first role who ever make the "
        "move (Aalen-Johansen: leaving and the other moves compete, people still in the role "
        "count as censored). Years: of those who make it; 'beyond' where people whose fate the "
        "records leave open could still move the figure. No figures for a move made by fewer "
        f"than {result.min_people:,} people. Write the ladder with them: --output FILE."
    )
    parts.append(_text((note, "dim")))
    return _group(*parts)


@view.register("careermap.chance.ChanceResult")
def _(result: ChanceResult) -> RenderableType:
    cmap = result.cmap
    source, target = cmap.role(result.source), cmap.role(result.target)
    head = _text(
        (f"{result.probability * 100:.1f}%", "bold"),
        " chance of reaching ",
        _data(target.title),
        " from ",
        _data(source.title),
        f" within {format_years(result.within)} years, from the records of at least "
        f"{result.people:,} people a move.",
    )
    parts: list[RenderableType] = [head]
    if result.routes:
        table = _table("The routes that contribute most")
        table.add_column("Route")
        table.add_column("Chance", justify="right")
        for route in result.routes:
            table.add_row(
                _data(" → ".join(cmap.role(r).title for r in route.roles)),
                f"{route.probability * 100:.1f}%" if route.probability >= 0.0005 else "<0.1%",
            )
        parts.append(table)
    parts.append(
        _text(("Model: ", "dim"), _data(result.model, "dim"), (f". {ESTIMATE_NOTE}", "dim"))
    )
    return _group(*parts)
