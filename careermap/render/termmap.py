"""The skills map drawn in the terminal: a character canvas rendered with rich.

Markers differ by track (shape and colour) and a legend names them, so the map reads without
colour (NO_COLOR, pipes). Each label is the role's title and level range, printed at full
intensity beside its marker: one blank cell to its right or left, or on the row just above or
below, touching its column, and never where another marker is as near. A label that finds no
such place is replaced by a number, placed by the same rule, whose title is listed under the
map. The route is shown in reverse video with dots between its roles, which no track uses, so it
stays distinct in 16-colour, 256-colour and NO_COLOR terminals.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from itertools import pairwise
from typing import TYPE_CHECKING

from careermap.models import CareerMap, Role
from careermap.render.text import terminal_text
from careermap.skillsmap import positions

if TYPE_CHECKING:
    from rich.console import RenderableType
    from rich.text import Text

# Twelve markers (the SVG's shapes) and ten colours, none of them red or orange (which 16-colour
# terminals turn into the route's red); track i gets marker i mod 12 and colour
# (i + i // 12) mod 10, so 120 tracks pass before a marker+colour pair repeats.
MARKERS = ["●", "■", "▲", "◆", "★", "✚", "▼", "○", "□", "△", "◇", "✖"]
COLOURS = [
    "blue",
    "cyan",
    "magenta",
    "green",
    "yellow",
    "bright_blue",
    "bright_magenta",
    "bright_cyan",
    "bright_green",
    "bright_yellow",
]
ROUTE_STYLE = "bold reverse red"  # reverse video: no track is drawn that way
ROUTE_DOTS = "bold red"
HEIGHT = 24
MAX_WIDTH = 100


def track_style(index: int) -> tuple[str, str]:
    """The (marker, colour) of the track at ``index`` in the legend's order."""
    return MARKERS[index % len(MARKERS)], COLOURS[(index + index // len(MARKERS)) % len(COLOURS)]


@dataclass(frozen=True)
class Spot:
    """Text at a cell: ``col`` and ``row`` of its first character on the canvas."""

    col: int
    row: int
    text: str

    @property
    def end(self) -> int:
        return self.col + len(self.text)


@dataclass(frozen=True)
class TermLayout:
    """Where the map's parts go on the canvas (without the 2-column axis at the left)."""

    width: int
    cells: dict[str, tuple[int, int]]
    labels: dict[str, Spot]
    numbers: dict[str, Spot]
    keyed: list[str]
    hidden: list[str] = field(default_factory=list)  # no room for a label or a number


@dataclass
class _Canvas:
    width: int
    height: int

    def __post_init__(self) -> None:
        self.chars = [[" "] * self.width for _ in range(self.height)]
        self.styles: list[list[str]] = [[""] * self.width for _ in range(self.height)]

    def put(self, col: int, row: int, text: str, style: str = "") -> None:
        for i, char in enumerate(text):
            if 0 <= col + i < self.width and 0 <= row < self.height:
                self.chars[row][col + i] = char
                self.styles[row][col + i] = style


def label_text(cmap: CareerMap, role: Role) -> str:
    """A role's label: its title and, in parentheses, its level in its own scale, as text
    (``Text`` is made of it, never markup), with control characters shown and long words
    folded."""
    levels = cmap.role_levels(role)
    return terminal_text(f"{role.title} ({levels})" if levels else role.title)


def term_layout(
    cmap: CareerMap, roles: Sequence[Role], route: Sequence[str], width: int
) -> TermLayout:
    """Marker cells, then a label (or a number) per role, for a console ``width`` wide."""
    width = max(40, min(width, MAX_WIDTH))
    canvas_width = width - 2
    cells = _cells(cmap, roles, canvas_width, HEIGHT)
    dots = {cell for a, b in pairwise(route) for cell in _line(cells[a], cells[b])}
    occupied: list[Spot] = []
    labels: dict[str, Spot] = {}
    order = sorted(roles, key=lambda role: -_crowding(cells, role.id))
    unplaced = []
    for role in order:
        spot = _place(label_text(cmap, role), cells[role.id], cells, occupied, dots, canvas_width)
        if spot is None:
            unplaced.append(role.id)
        else:
            labels[role.id] = spot
            occupied.append(spot)
    # A number only for a role it can be shown beside: the key lists only what the plot shows,
    # and names the roles left without room apart.
    keyed: list[str] = []
    hidden: list[str] = []
    numbers: dict[str, Spot] = {}
    for role_id in [role.id for role in roles if role.id in unplaced]:
        number = str(len(keyed) + 1)
        spot = _place(number, cells[role_id], cells, occupied, dots, canvas_width)
        if spot is None:
            hidden.append(role_id)
            continue
        keyed.append(role_id)
        numbers[role_id] = spot
        occupied.append(spot)
    return TermLayout(width, cells, labels, numbers, keyed, hidden)


def _crowding(cells: dict[str, tuple[int, int]], role_id: str) -> int:
    col, row = cells[role_id]
    return sum(1 for c, r in cells.values() if abs(c - col) < 20 and abs(r - row) <= 1)


def _place(
    text: str,
    cell: tuple[int, int],
    cells: dict[str, tuple[int, int]],
    occupied: Sequence[Spot],
    dots: set[tuple[int, int]],
    width: int,
) -> Spot | None:
    """The first free spot beside ``cell``: at most one blank cell away, nearer to it than to
    any other marker, clear of markers and of other labels (one blank cell between)."""
    col, row = cell
    size = len(text)
    candidates = [
        Spot(col + 2, row, text),
        Spot(col - 1 - size, row, text),
        *(
            Spot(start, row + dr, text)
            for dr in (-1, 1)
            for start in (col - 1, col - size + 2, col - size // 2, col + 1, col - size)
        ),
    ]
    markers = set(cells.values())
    best: tuple[int, Spot] | None = None
    for rank, spot in enumerate(candidates):
        if spot.col < 0 or spot.end > width or not 0 <= spot.row < HEIGHT:
            continue
        spans = {(c, spot.row) for c in range(spot.col, spot.end)}
        if spans & markers:
            continue
        if any(
            other.row == spot.row and spot.col - 1 <= other.end and other.col <= spot.end
            for other in occupied
        ):
            continue
        own = _distance(spot, cell)
        if own > 2.3 or any(_distance(spot, other) <= own for other in markers if other != cell):
            continue
        cost = rank + 3 * len(spans & dots)
        if best is None or cost < best[0]:
            best = (cost, spot)
    return best[1] if best else None


def _distance(spot: Spot, cell: tuple[int, int]) -> float:
    """From a cell to the nearest character of ``spot``, with a row as tall as two columns."""
    col, row = cell
    dx = max(spot.col - col, 0, col - (spot.end - 1))
    dy = abs(spot.row - row) * 2
    return math.hypot(dx, dy)


def render_map(
    cmap: CareerMap,
    roles: Sequence[Role],
    route: Sequence[str],
    width: int,
    *,
    colour: bool = True,
) -> RenderableType:
    """The map for a console ``width`` columns wide (at most ``MAX_WIDTH`` are used). Without
    ``colour`` (explore with NO_COLOR, where Textual draws each colour as a grey, some too
    faint to see) markers and the route carry only their shape, bold and reverse video."""
    from rich.console import Group
    from rich.text import Text

    geometry = term_layout(cmap, roles, route, width)
    width = geometry.width
    canvas = _Canvas(width - 2, HEIGHT)
    tracks = list(dict.fromkeys(role.track for role in roles))
    styles = {t: track_style(i) for i, t in enumerate(tracks)}
    if not colour:
        styles = {t: (marker, "") for t, (marker, _) in styles.items()}
    route_style, route_dots = (ROUTE_STYLE, ROUTE_DOTS) if colour else ("bold reverse", "bold")
    for a, b in pairwise(route):
        for col, row in _line(geometry.cells[a], geometry.cells[b]):
            canvas.put(col, row, "·", route_dots)
    for role in roles:
        col, row = geometry.cells[role.id]
        marker, track_colour = styles[role.track]
        on_route = role.id in route
        canvas.put(col, row, marker, route_style if on_route else f"bold {track_colour}".strip())
        spot = geometry.labels.get(role.id) or geometry.numbers.get(role.id)
        if spot is not None:
            canvas.put(spot.col, spot.row, spot.text, route_style if on_route else "bold")

    lines = [Text(f"{terminal_text(cmap.axis_label('y'))} ↑", style="dim")]
    for row in range(canvas.height):
        line = Text()
        line.append("│ ", style="dim")  # dim axis only, not the line's base style
        col = 0
        while col < canvas.width:  # one span per run of a style
            end = col
            while end < canvas.width and canvas.styles[row][end] == canvas.styles[row][col]:
                end += 1
            text = "".join(canvas.chars[row][col:end])
            line.append(text, style=canvas.styles[row][col] or None)
            col = end
        line.rstrip()
        lines.append(line)
    x_label = f" {terminal_text(cmap.axis_label('x'))} →"
    lines.append(Text("└" + "─" * max(1, canvas.width - len(x_label)) + x_label, style="dim"))
    items = [
        Text(f"{styles[t][0]} {terminal_text(t)}", style=styles[t][1] or "bold") for t in tracks
    ]
    widest = max((r.levels for r in roles), key=lambda lv: lv[1] - lv[0])
    example = terminal_text(cmap.format_levels(widest))
    items.append(Text(f"Title ({example}): the role's level range"))
    if route:
        items.append(Text.assemble(("·· ", route_dots), ("highlighted route", route_style)))
    parts: list[RenderableType] = [*lines, *_wrap(items, width)]
    if geometry.keyed:
        entries = [
            f"{i} {label_text(cmap, cmap.role(role_id))}"
            for i, role_id in enumerate(geometry.keyed, 1)
        ]
        entries[0] = f"Crowded labels: {entries[0]}"
        parts += _wrap([Text(entry) for entry in entries], width, ", ")
    if geometry.hidden:
        entries = [label_text(cmap, cmap.role(role_id)) for role_id in geometry.hidden]
        entries[0] = f"No room in the plot (try a wider terminal or the SVG): {entries[0]}"
        parts += _wrap([Text(entry) for entry in entries], width, ", ")
    if route:
        titles = [terminal_text(cmap.role(role_id).title) for role_id in route]
        steps = [Text(f"{t} →", route_dots) for t in titles[:-1]] + [Text(titles[-1], route_dots)]
        steps[0] = Text.assemble(("Route: ", route_dots), steps[0])
        parts += _wrap(steps, width, " ")
    parts.append(Text("Only relative positions mean anything."))
    return Group(*parts)


def _wrap(items: Sequence[Text], width: int, separator: str = "  ") -> list[Text]:
    """Items joined on lines of at most ``width`` cells, breaking only between items."""
    from rich.text import Text

    lines: list[Text] = []
    line = Text()
    for item in items:
        if line.plain and len(line.plain) + len(separator) + len(item.plain) > width:
            lines.append(line)
            line = Text()
        if line.plain:
            line.append(separator)
        line.append_text(item)
    if line.plain:
        lines.append(line)
    return lines


def _cells(
    cmap: CareerMap, roles: Sequence[Role], width: int, height: int
) -> dict[str, tuple[int, int]]:
    """Character cells of the roles, from their skills scaled to the data's own range."""
    skills = positions(cmap, roles)
    softs = [s for s, _ in skills.values()]
    hards = [h for _, h in skills.values()]
    low_x, high_x = min(softs) - 0.5, max(softs) + 0.5
    low_y, high_y = min(hards) - 0.5, max(hards) + 0.5
    cells = {}
    for role_id, (soft, hard) in skills.items():
        col = round((soft - low_x) / (high_x - low_x) * (width - 1))
        row = round((high_y - hard) / (high_y - low_y) * (height - 1))
        cells[role_id] = (col, row)
    # Roles spread apart by skillsmap may still land on one cell in a narrow canvas.
    taken: set[tuple[int, int]] = set()
    for role_id, (col, row) in sorted(cells.items(), key=lambda item: item[1]):
        while (col, row) in taken and col > 0:
            col -= 2
        cells[role_id] = (col, row)
        taken.add((col, row))
    return cells


def _line(start: tuple[int, int], end: tuple[int, int]) -> list[tuple[int, int]]:
    """The cells from one route role to the next (Bresenham), without the two ends."""
    (x0, y0), (x1, y1) = start, end
    dx, dy = abs(x1 - x0), -abs(y1 - y0)
    sx, sy = (1 if x0 < x1 else -1), (1 if y0 < y1 else -1)
    error = dx + dy
    x, y = x0, y0
    cells = []
    while (x, y) != (x1, y1):
        if (x, y) != (x0, y0):
            cells.append((x, y))
        doubled = 2 * error
        if doubled >= dy:
            error += dy
            x += sx
        if doubled <= dx:
            error += dx
            y += sy
    return cells
