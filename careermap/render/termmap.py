"""The skills map drawn in the terminal: a character canvas rendered with rich.

Markers differ by track and a legend names them, so the map reads without colour (NO_COLOR,
pipes). A label that finds no free place is replaced by a number whose title is listed under the
map, so every role stays readable even in 80 columns.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from itertools import pairwise
from typing import TYPE_CHECKING

from careermap.models import CareerMap, Role
from careermap.render.text import plain
from careermap.skillsmap import Rect, level_groups, place_labels, positions

if TYPE_CHECKING:
    from rich.console import RenderableType

MARKERS = ["●", "■", "▲", "◆", "★", "✚"]
COLOURS = ["blue", "cyan", "dark_orange", "magenta", "green", "red"]
ROUTE_STYLE = "bold red"
HEIGHT = 24
MAX_WIDTH = 100


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


def render_map(
    cmap: CareerMap, roles: Sequence[Role], route: Sequence[str], width: int
) -> RenderableType:
    """The map for a console ``width`` columns wide (at most ``MAX_WIDTH`` are used)."""
    from rich.console import Group
    from rich.text import Text

    width = max(40, min(width, MAX_WIDTH))
    canvas = _Canvas(width - 2, HEIGHT)
    tracks = list(dict.fromkeys(role.track for role in roles))
    marker = {t: MARKERS[i % len(MARKERS)] for i, t in enumerate(tracks)}
    colour = {t: COLOURS[i % len(COLOURS)] for i, t in enumerate(tracks)}
    cells = _cells(cmap, roles, canvas)

    tags = [
        _level_tag(canvas, [cells[m.id] for m in members], cmap.format_levels(levels))
        for levels, members in level_groups(roles).items()
    ]
    for a, b in pairwise(route):
        _line(canvas, cells[a], cells[b])

    # Anchors at cell centres: a label then starts one blank cell right of its marker, or
    # sits on the row just above or below it.
    anchors = [(c + 0.5, r + 0.5) for c, r in (cells[role.id] for role in roles)]
    markers = [Rect(c, r, 1, 1) for c, r in (cells[role.id] for role in roles)]
    bounds = Rect(0, 0, canvas.width, canvas.height)
    labels = place_labels(
        anchors,
        [(len(plain(role.title)), 1) for role in roles],
        bounds,
        gap=(1.5, 0.5),
        obstacles=[*markers, *tags],
        margin=1,
    )
    keyed: list[Role] = []
    for role, rect, (col, row) in zip(roles, labels, anchors, strict=True):
        on_route = role.id in route
        style = ROUTE_STYLE if on_route else f"bold {colour[role.track]}"
        canvas.put(int(col), int(row), marker[role.track], style)
        if rect is None:
            keyed.append(role)
            number = f"{len(keyed)}"
            fallback = place_labels(
                [(col, row)],
                [(len(number), 1)],
                bounds,
                gap=(1.5, 0.5),
                obstacles=[*markers, *tags, *_used(labels)],
            )[0]
            if fallback is not None:
                canvas.put(int(fallback.x), int(fallback.y), number, style)
            continue
        canvas.put(int(rect.x), int(rect.y), plain(role.title), "bold" if on_route else "")

    lines = [Text(f"{cmap.axis_label('y')} ↑", style="dim")]
    for row in range(canvas.height):
        line = Text("│ ", style="dim")
        for col in range(canvas.width):
            line.append(canvas.chars[row][col], style=canvas.styles[row][col] or None)
        line.rstrip()
        lines.append(line)
    x_label = f" {cmap.axis_label('x')} →"
    lines.append(Text("└" + "─" * max(1, canvas.width - len(x_label)) + x_label, style="dim"))
    legend = Text("  ".join(f"{marker[t]} {t}" for t in tracks))
    for t in tracks:
        legend.highlight_words([f"{marker[t]} {t}"], style=colour[t])
    example = cmap.format_levels(max(level_groups(roles), key=lambda levels: levels[1] - levels[0]))
    legend.append(f"   ┌{example} level range of the roles below and right of it", style="dim")
    if route:
        legend.append("   ", style="")
        legend.append("·· highlighted route", style=ROUTE_STYLE)
    parts: list[RenderableType] = [*lines, legend]
    if keyed:
        parts.append(
            Text("Crowded labels: " + ", ".join(f"{i} {r.title}" for i, r in enumerate(keyed, 1)))
        )
    if route:
        parts.append(
            Text(
                "Route: " + " → ".join(plain(cmap.role(role_id).title) for role_id in route),
                ROUTE_STYLE,
            )
        )
    parts.append(Text("Only relative positions mean anything.", style="dim"))
    return Group(*parts)


def _cells(cmap: CareerMap, roles: Sequence[Role], canvas: _Canvas) -> dict[str, tuple[int, int]]:
    """Character cells of the roles, from their skills scaled to the data's own range."""
    skills = positions(cmap, roles)
    softs = [s for s, _ in skills.values()]
    hards = [h for _, h in skills.values()]
    low_x, high_x = min(softs) - 0.5, max(softs) + 0.5
    low_y, high_y = min(hards) - 0.5, max(hards) + 0.5
    cells = {}
    for role_id, (soft, hard) in skills.items():
        col = round((soft - low_x) / (high_x - low_x) * (canvas.width - 1))
        row = round((high_y - hard) / (high_y - low_y) * (canvas.height - 1))
        cells[role_id] = (col, row)
    # Roles spread apart by skillsmap may still land on one cell in a narrow canvas.
    taken: set[tuple[int, int]] = set()
    for role_id, (col, row) in sorted(cells.items(), key=lambda item: item[1]):
        while (col, row) in taken and col > 0:
            col -= 2
        cells[role_id] = (col, row)
        taken.add((col, row))
    return cells


def _level_tag(canvas: _Canvas, points: list[tuple[int, int]], label: str) -> Rect:
    """The level range written at the top-left corner of its group's roles: "┌L6-7"."""
    col = max(0, min(c for c, _ in points) - 2)
    row = max(0, min(r for _, r in points) - 1)
    text = "┌" + label
    col = min(col, canvas.width - len(text))
    canvas.put(col, row, text, "dim")
    return Rect(col, row, len(text), 1)


def _line(canvas: _Canvas, start: tuple[int, int], end: tuple[int, int]) -> None:
    """Dots from one route role to the next (Bresenham), leaving the ends to the markers."""
    (x0, y0), (x1, y1) = start, end
    dx, dy = abs(x1 - x0), -abs(y1 - y0)
    sx, sy = (1 if x0 < x1 else -1), (1 if y0 < y1 else -1)
    error = dx + dy
    x, y = x0, y0
    while (x, y) != (x1, y1):
        if (x, y) != (x0, y0):
            canvas.put(x, y, "·", ROUTE_STYLE)
        doubled = 2 * error
        if doubled >= dy:
            error += dy
            x += sx
        if doubled <= dx:
            error += dx
            y += sy


def _used(labels: Sequence[Rect | None]) -> list[Rect]:
    return [rect for rect in labels if rect is not None]
