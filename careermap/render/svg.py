"""The skills map as a standalone SVG: role markers, labels tagged with their level, one arrow
per move, a legend, and a numbered key when a ladder is too crowded to label.

Hard skills go up, soft skills go right, as in the article. Tracks differ by marker shape and
colour, so the map reads without colour. Arrows are styled by kind (upward solid, lateral
dashed, downward dotted); a two-way move is two parallel arrows, so both heads show; a
highlighted route is thicker, darker and sits on a dashed halo. Labels are measured with the
declared font's metrics (``fontmetrics``) and placed by ``skillsmap.place_labels`` where they
cover no marker, arrowhead or other label, with a leader line when they must sit away from their
marker; a role whose label finds no room gets a number instead, listed in the key. Every label
carries a tag naming the role's level range (on the side nearer the marker), so no role can be
read against another's level.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from itertools import pairwise

from careermap.models import CareerMap, Move, Role
from careermap.render.fontmetrics import FONT_FAMILY, text_width
from careermap.render.text import markup_escape, plain, years_range
from careermap.results import SkillsMap
from careermap.skillsmap import Placed, Rect, Segment, place_labels, positions, separate

# Text as XML 1.0: markup escaped, control characters (invalid in XML, or unseen) shown as
# their codes; the one escaping function the page and the map share.
escape = markup_escape


def quoteattr(text: str) -> str:
    """A quoted attribute value."""
    return f'"{escape(text)}"'


WIDTH = 1100
MARGIN_LEFT, MARGIN_RIGHT, MARGIN_TOP = 80, 30, 80
PLOT_HEIGHT = 590  # grows with crowded ladders, see ``plot_height``
FONT_SIZE = 13
TAG_SIZE = 11
SMALL_SIZE = 12
LABEL_HEIGHT = 18
TAG_HEIGHT = 15
LABEL_PAD = 2
TAG_GAP = 4
NODE_RADIUS = 7
RING = NODE_RADIUS + 5  # the route's ring around a marker
HEAD = (9.0, 4.0)  # arrowhead length and half width
ROUTE_HEAD = (13.0, 6.5)
PAIR_OFFSET = 5.0  # each arrow of a two-way move moves this far to its right
INK = "#111827"
MUTED = "#374151"
LINE = "#6b7280"  # 4.8:1 on white: lines, axes and arrowheads
ROUTE_COLOUR = "#b91c1c"  # 6.5:1 on white
HALO_COLOUR = "#f87171"
# Twelve shapes and twelve colours (each 3:1 or more on white); track i gets shape i mod 12 and
# colour (i + i // 12) mod 12, so 144 tracks pass before a shape+colour pair repeats. The
# shapes follow the terminal's markers: ● ■ ▲ ◆ ★ ✚ ▼ ○ □ △ ◇ ✖.
SHAPES = (
    "circle",
    "square",
    "triangle",
    "diamond",
    "star",
    "plus",
    "triangle-down",
    "ring",
    "open-square",
    "open-triangle",
    "open-diamond",
    "cross",
)
TRACK_COLOURS = (
    "#1d4ed8",
    "#0f766e",
    "#b45309",
    "#7e22ce",
    "#be185d",
    "#4d7c0f",
    "#0e7490",
    "#78350f",
    "#4338ca",
    "#475569",
    "#047857",
    "#a21caf",
)
KIND_DASH = {"upward": "", "lateral": "7 5", "downward": "2 4"}


def track_style(index: int) -> tuple[str, str]:
    """The (shape, colour) of the track at ``index`` in the legend's order."""
    return SHAPES[index % len(SHAPES)], TRACK_COLOURS[(index + index // len(SHAPES)) % 12]


@dataclass(frozen=True)
class Arrow:
    """One move as drawn: its line (ending at the head's base) and its head's triangle."""

    move: Move
    line: Segment
    head: tuple[tuple[float, float], tuple[float, float], tuple[float, float]]
    highlighted: bool

    @property
    def head_box(self) -> Rect:
        xs, ys = [p[0] for p in self.head], [p[1] for p in self.head]
        return Rect(min(xs), min(ys), max(xs) - min(xs), max(ys) - min(ys))


@dataclass(frozen=True)
class Layout:
    """Where everything goes, in SVG pixels; tests read it to check for overlaps.

    ``labels`` holds each labelled role's label box (level tag and title); ``numbers`` the box
    of the number drawn instead for a role in the key (``keyed``, in key order); ``leaders``
    the line from a marker to a label or number set away from it; ``anchors`` the line from a
    role's true point to its marker, where the marker had to move off another."""

    nodes: dict[str, tuple[float, float]]
    labels: dict[str, Rect]
    numbers: dict[str, Rect]
    keyed: list[str]
    leaders: dict[str, Segment]
    arrows: list[Arrow]
    markers: dict[str, Rect]
    plot: Rect
    height: float
    anchors: dict[str, Segment] = field(default_factory=dict)


def plot_height(count: int) -> float:
    """Taller plots for ladders of many roles, so more labels find room."""
    return PLOT_HEIGHT + max(0, count - 24) * 8


def label_size(cmap: CareerMap, role: Role, bold: bool) -> tuple[float, float]:
    tag = text_width(cmap.role_levels(role), TAG_SIZE, bold=True) + 8
    title = text_width(plain(role.title), FONT_SIZE, bold=bold)
    return (LABEL_PAD + tag + TAG_GAP + title + LABEL_PAD, LABEL_HEIGHT)


def layout(
    cmap: CareerMap,
    roles: Sequence[Role],
    moves: Sequence[Move] | None = None,
    route: Sequence[str] = (),
) -> Layout:
    """Markers from skills, arrows between them, then a label (or a number) per role."""
    plot = Rect(
        MARGIN_LEFT, MARGIN_TOP, WIDTH - MARGIN_LEFT - MARGIN_RIGHT, plot_height(len(roles))
    )
    skills = positions(cmap, roles)
    # Only relative positions mean anything, so the plot spans the data, not all of 0-10.
    softs = [soft for soft, _ in skills.values()]
    hards = [hard for _, hard in skills.values()]
    low_x, high_x = min(softs) - 0.8, max(softs) + 0.8
    low_y, high_y = min(hards) - 0.8, max(hards) + 0.8
    nodes = {
        role_id: (
            plot.x + (soft - low_x) / (high_x - low_x) * plot.width,
            plot.y + (high_y - hard) / (high_y - low_y) * plot.height,
        )
        for role_id, (soft, hard) in skills.items()
    }
    on_route = set(route)
    halves = {
        role_id: (RING + 1.5) if role_id in on_route else NODE_RADIUS + 1.5 for role_id in nodes
    }
    # Markers that would cover one another move to the nearest free spot (the route's first,
    # so it keeps its points); a line ties each moved one back to its true point.
    true_points = dict(sorted(nodes.items(), key=lambda item: item[0] not in on_route))
    nodes = separate(true_points, halves, Rect(plot.x, plot.y - 14, plot.width, plot.height + 10))
    nodes = {role_id: nodes[role_id] for role_id in true_points if role_id in nodes}
    nodes = {role.id: nodes[role.id] for role in roles}
    anchors = {
        role_id: Segment(
            *true_points[role_id], *_towards(true_points[role_id], nodes[role_id], halves[role_id])
        )
        for role_id in nodes
        if nodes[role_id] != true_points[role_id]
    }
    markers = {role_id: _square(x, y, halves[role_id]) for role_id, (x, y) in nodes.items()}
    shown = set(nodes)
    if moves is None:
        moves = cmap.moves
    drawn = [m for m in moves if m.from_ in shown and m.to in shown]
    arrows = _arrows(nodes, drawn, set(pairwise(route)), on_route)
    bounds = Rect(plot.x + 4, plot.y - 22, WIDTH - 6 - plot.x - 4, plot.height + 22 - 4)
    obstacles = [
        *markers.values(),
        *(_pad(a.head_box, 1.5) for a in arrows),
        *(_square(a.x1, a.y1, 3) for a in anchors.values()),
    ]
    lines = [a.line for a in arrows]
    # The most crowded roles choose first, while there is still room around them.
    order = sorted(roles, key=lambda role: -_crowding(nodes, role.id))
    taken: list[Rect] = []
    leaders: list[Segment] = list(anchors.values())
    placed = place_labels(
        [nodes[role.id] for role in order],
        [label_size(cmap, role, role.id in on_route) for role in order],
        bounds,
        obstacles,
        lines,
        radius=NODE_RADIUS,
        taken=taken,
        leaders=leaders,
        points=list(nodes.values()),
    )
    labels: dict[str, Rect] = {}
    lead: dict[str, Segment] = {}
    unplaced: list[Role] = []
    for role, spot in zip(order, placed, strict=True):
        if spot is None:
            unplaced.append(role)
            continue
        labels[role.id] = spot.rect
        if spot.leader is not None:
            lead[role.id] = spot.leader
    keyed = [role.id for role in roles if role in unplaced]
    numbers: dict[str, Rect] = {}
    for number, role_id in enumerate(keyed, 1):
        size = (text_width(str(number), SMALL_SIZE, bold=True) + 8, TAG_HEIGHT)
        [spot] = place_labels(
            [nodes[role_id]],
            [size],
            bounds,
            obstacles,
            lines,
            radius=NODE_RADIUS,
            rings=(*RINGS_FOR_NUMBERS,),
            taken=taken,
            leaders=leaders,
            points=list(nodes.values()),
        )
        if spot is None:  # the last resort: farther, with a leader that may cross things
            [spot] = place_labels(
                [nodes[role_id]],
                [size],
                bounds,
                obstacles,
                lines,
                radius=NODE_RADIUS,
                rings=(*RINGS_FOR_NUMBERS, 140.0, 175.0, 215.0, 260.0),
                taken=taken,
                leaders=leaders,
                points=list(nodes.values()),
                leaders_cross=True,
            )
        if spot is None:  # not seen on any ladder tried; tests would flag the overlap
            x, y = nodes[role_id]
            spot = Placed(Rect(x + NODE_RADIUS + 2, y - TAG_HEIGHT / 2, *size), None)
        numbers[role_id] = spot.rect
        if spot.leader is not None:
            lead[role_id] = spot.leader
    height = plot.y + plot.height + 58 + _legend_height(cmap, roles, bool(route))
    height += _key_height(cmap, roles, keyed)
    return Layout(nodes, labels, numbers, keyed, lead, arrows, markers, plot, height, anchors)


RINGS_FOR_NUMBERS = (2.0, 6.0, 14.0, 26.0, 40.0, 60.0, 84.0, 110.0)


def _square(x: float, y: float, half: float) -> Rect:
    return Rect(x - half, y - half, 2 * half, 2 * half)


def _towards(
    start: tuple[float, float], end: tuple[float, float], back: float
) -> tuple[float, float]:
    """The point ``back`` short of ``end`` on the way from ``start``."""
    dx, dy = end[0] - start[0], end[1] - start[1]
    length = max(math.hypot(dx, dy), 1e-9)
    return end[0] - dx / length * back, end[1] - dy / length * back


def _pad(rect: Rect, pad: float) -> Rect:
    return Rect(rect.x - pad, rect.y - pad, rect.width + 2 * pad, rect.height + 2 * pad)


def _crowding(nodes: dict[str, tuple[float, float]], role_id: str) -> int:
    x, y = nodes[role_id]
    return sum(1 for ox, oy in nodes.values() if abs(ox - x) < 160 and abs(oy - y) < 40)


def _arrows(
    nodes: dict[str, tuple[float, float]],
    moves: Sequence[Move],
    route_moves: set[tuple[str, str]],
    on_route: set[str],
) -> list[Arrow]:
    pairs = {(m.from_, m.to) for m in moves}
    arrows = []
    for move in moves:
        (x1, y1), (x2, y2) = nodes[move.from_], nodes[move.to]
        dx, dy = x2 - x1, y2 - y1
        length = max(math.hypot(dx, dy), 1e-9)
        ux, uy = dx / length, dy / length
        if (move.to, move.from_) in pairs:  # two-way: each arrow keeps to its right
            x1, y1 = x1 - uy * PAIR_OFFSET, y1 + ux * PAIR_OFFSET
            x2, y2 = x2 - uy * PAIR_OFFSET, y2 + ux * PAIR_OFFSET
        start = (RING if move.from_ in on_route else NODE_RADIUS) + 3
        end = (RING if move.to in on_route else NODE_RADIUS) + 2
        highlighted = (move.from_, move.to) in route_moves
        head_length, half = ROUTE_HEAD if highlighted else HEAD
        tip = (x2 - ux * end, y2 - uy * end)
        base = (tip[0] - ux * head_length, tip[1] - uy * head_length)
        head = (
            tip,
            (base[0] - uy * half, base[1] + ux * half),
            (base[0] + uy * half, base[1] - ux * half),
        )
        line = Segment(x1 + ux * start, y1 + uy * start, base[0] + ux * 0.5, base[1] + uy * 0.5)
        arrows.append(Arrow(move, line, head, highlighted))
    return arrows


def svg_text(result: SkillsMap) -> str:
    from careermap.results import drawable

    result = drawable(result)
    return render_svg(result.cmap, result.roles, result.moves, result.route, result.title)


def render_svg(
    cmap: CareerMap,
    roles: Sequence[Role],
    moves: Sequence[Move],
    route: Sequence[str] = (),
    title: str = "Skills map",
    link_roles: bool = False,
) -> str:
    """The whole document as text. ``route`` lists the role ids of a route to highlight;
    ``link_roles`` makes each node a link to ``#role-ID`` (for the HTML page)."""
    geometry = layout(cmap, roles, moves, route)
    tracks = list(dict.fromkeys(role.track for role in roles))
    style = {track: track_style(i) for i, track in enumerate(tracks)}
    height = f"{geometry.height:.0f}"
    out: list[str] = []
    add = out.append
    description = _description(cmap, roles, moves, route, geometry.keyed)
    # A picture of links is no image: as a group, its role links stay reachable and named.
    svg_role = "group" if link_roles else "img"
    add(
        f'<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" '
        f'width="{WIDTH}" height="{height}" viewBox="0 0 {WIDTH} {height}" role="{svg_role}" '
        f'aria-labelledby="map-title map-desc" font-family="{FONT_FAMILY}" '
        f'font-size="{FONT_SIZE}">'
    )
    add(f'<title id="map-title">{escape(title)}</title>')
    add(f'<desc id="map-desc">{escape(description)}</desc>')
    add(f'<rect width="{WIDTH}" height="{height}" fill="#ffffff"/>')
    add(
        f'<text x="{WIDTH / 2}" y="32" text-anchor="middle" font-size="20" '
        f'font-weight="bold" fill="{INK}">{escape(title)}</text>'
    )
    add(
        f'<text x="{WIDTH / 2}" y="52" text-anchor="middle" font-size="{SMALL_SIZE}" '
        f'fill="{MUTED}">Only relative positions mean anything; each label carries the role\'s '
        "level range</text>"
    )
    add(_axes(cmap, geometry.plot))
    add('<g class="moves">')
    # The route goes last, over the other moves.
    for arrow in sorted(geometry.arrows, key=lambda a: a.highlighted):
        add(_arrow(cmap, arrow))
    add("</g>")
    add('<g class="leaders" stroke="#4b5563" stroke-width="1">')
    for role_id, leader in geometry.leaders.items():
        add(
            f'<line class="leader" data-role={quoteattr(role_id)} x1="{leader.x1:.1f}" '
            f'y1="{leader.y1:.1f}" x2="{leader.x2:.1f}" y2="{leader.y2:.1f}"/>'
        )
    for role_id, anchor in geometry.anchors.items():
        add(
            f'<line class="anchor" data-role={quoteattr(role_id)} x1="{anchor.x1:.1f}" '
            f'y1="{anchor.y1:.1f}" x2="{anchor.x2:.1f}" y2="{anchor.y2:.1f}"/>'
            f'<circle class="true-point" cx="{anchor.x1:.1f}" cy="{anchor.y1:.1f}" r="2" '
            f'fill="#4b5563" stroke="none"/>'
        )
    add("</g>")
    add('<g class="roles">')
    for role in roles:
        add(_role(cmap, role, geometry, style[role.track], role.id in route, link_roles))
    add("</g>")
    y = geometry.plot.y + geometry.plot.height + 58
    legend, y = _legend(cmap, roles, style, bool(route), y)
    add(legend)
    if geometry.keyed:
        add(_key(cmap, geometry.keyed, y))
    add("</svg>")
    return "\n".join(out) + "\n"


def _role(
    cmap: CareerMap,
    role: Role,
    geometry: Layout,
    style: tuple[str, str],
    marked: bool,
    link: bool,
) -> str:
    x, y = geometry.nodes[role.id]
    levels = cmap.role_levels(role)
    classes = "role on-route" if marked else "role"
    ring = (
        f'<circle class="route-ring" cx="{x:.1f}" cy="{y:.1f}" r="{RING - 1.5}" fill="none" '
        f'stroke="{ROUTE_COLOUR}" stroke-width="3"/>'
        if marked
        else ""
    )
    opening, closing = (f'<a href="#role-{role.id}">', "</a>") if link else ("", "")
    parts = [
        f"<g class={quoteattr(classes)} id={quoteattr('node-' + role.id)} "
        f"data-role={quoteattr(role.id)} data-levels={quoteattr(levels)}>{opening}"
        f"<title>{escape(role.title)} ({escape(levels)}, {escape(role.track)})</title>{ring}",
        marker_shape(style[0], style[1], x, y, NODE_RADIUS),
    ]
    if role.id in geometry.labels:
        parts.append(_label(role, levels, geometry.labels[role.id], marked, x))
    else:
        number = geometry.keyed.index(role.id) + 1
        box = geometry.numbers[role.id]
        parts.append(
            f'<g class="key-number" data-number="{number}">'
            f'<rect x="{box.x:.1f}" y="{box.y:.1f}" width="{box.width:.1f}" '
            f'height="{box.height:.1f}" rx="7" fill="#ffffff" stroke="{MUTED}"/>'
            f'<text x="{box.x + box.width / 2:.1f}" y="{box.y + 11.7:.1f}" text-anchor="middle" '
            f'font-size="{SMALL_SIZE}" font-weight="bold" fill="{INK}">{number}</text></g>'
        )
    parts.append(f"{closing}</g>")
    return "".join(parts)


def _label(role: Role, levels: str, box: Rect, bold: bool, marker_x: float) -> str:
    """The level tag and the title. Widths carry headroom for fallback fonts, so the tag goes
    at the end nearer the marker and the title runs from it: any slack is on the far side."""
    tag_width = text_width(levels, TAG_SIZE, bold=True) + 8
    tag_y = box.y + (LABEL_HEIGHT - TAG_HEIGHT) / 2
    if box.x + box.width / 2 < marker_x:  # left of its marker: "Title [L6-7] ●"
        tag_x = box.x + box.width - LABEL_PAD - tag_width
        title_x, anchor = tag_x - TAG_GAP, ' text-anchor="end"'
    else:  # "● [L6-7] Title"
        tag_x = box.x + LABEL_PAD
        title_x, anchor = tag_x + tag_width + TAG_GAP, ""
    weight = ' font-weight="bold"' if bold else ""
    return (
        f'<g class="label" data-x="{box.x:.1f}" data-y="{box.y:.1f}" data-width="{box.width:.1f}" '
        f'data-height="{box.height:.1f}">'
        f'<rect class="level-tag" x="{tag_x:.1f}" y="{tag_y:.1f}" width="{tag_width:.1f}" '
        f'height="{TAG_HEIGHT}" rx="3" fill="#f3f4f6" stroke="{MUTED}"/>'
        f'<text x="{tag_x + 4:.1f}" y="{tag_y + 11.2:.1f}" font-size="{TAG_SIZE}" '
        f'font-weight="bold" fill="{INK}">{escape(levels)}</text>'
        f'<text class="title" x="{title_x:.1f}" y="{box.y + 13.6:.1f}"{anchor} fill="{INK}" '
        f'stroke="#ffffff" stroke-width="3" stroke-linejoin="round" paint-order="stroke"{weight}>'
        f"{escape(role.title)}</text></g>"
    )


def marker_shape(shape: str, colour: str, x: float, y: float, r: float) -> str:
    """A track's marker centred on (x, y), about ``r`` in radius."""
    filled = f'class="marker" fill="{colour}" stroke="#ffffff" stroke-width="1.2"'
    hollow = f'class="marker" fill="#ffffff" stroke="{colour}" stroke-width="2.6"'

    def polygon(points: Sequence[tuple[float, float]], attrs: str) -> str:
        text = " ".join(f"{x + px * r:.1f},{y + py * r:.1f}" for px, py in points)
        return f'<polygon points="{text}" {attrs}/>'

    triangle = [(0, -1.1), (1.0, 0.75), (-1.0, 0.75)]
    diamond = [(0, -1.15), (1.15, 0), (0, 1.15), (-1.15, 0)]
    square = [(-0.85, -0.85), (0.85, -0.85), (0.85, 0.85), (-0.85, 0.85)]
    if shape == "circle":
        return f'<circle cx="{x:.1f}" cy="{y:.1f}" r="{r:.1f}" {filled}/>'
    if shape == "ring":
        return f'<circle cx="{x:.1f}" cy="{y:.1f}" r="{r - 1.3:.1f}" {hollow}/>'
    if shape == "square":
        return polygon(square, filled)
    if shape == "open-square":
        return polygon([(px * 0.85, py * 0.85) for px, py in square], hollow)
    if shape == "triangle":
        return polygon(triangle, filled)
    if shape == "open-triangle":
        return polygon([(px * 0.85, py * 0.85) for px, py in triangle], hollow)
    if shape == "triangle-down":
        return polygon([(px, -py) for px, py in triangle], filled)
    if shape == "diamond":
        return polygon(diamond, filled)
    if shape == "open-diamond":
        return polygon([(px * 0.85, py * 0.85) for px, py in diamond], hollow)
    if shape == "star":
        return polygon(STAR, filled)
    if shape == "plus":
        return polygon(PLUS, filled)
    return polygon(CROSS, filled)  # the plus turned 45 degrees


def _star() -> list[tuple[float, float]]:
    points = []
    for i in range(10):
        reach = 1.25 if i % 2 == 0 else 0.52
        angle = math.pi / 2 + i * math.pi / 5
        points.append((math.cos(angle) * reach, -math.sin(angle) * reach + 0.1))
    return points


_ARM = 0.36
STAR = _star()
PLUS = [
    (-_ARM, -1), (_ARM, -1), (_ARM, -_ARM), (1, -_ARM), (1, _ARM), (_ARM, _ARM),
    (_ARM, 1), (-_ARM, 1), (-_ARM, _ARM), (-1, _ARM), (-1, -_ARM), (-_ARM, -_ARM),
]  # fmt: skip
CROSS = [((x - y) / math.sqrt(2) * 1.15, (x + y) / math.sqrt(2) * 1.15) for x, y in PLUS]


def _arrow(cmap: CareerMap, arrow: Arrow) -> str:
    move, line = arrow.move, arrow.line
    dash = KIND_DASH[move.kind]
    style = f' stroke-dasharray="{dash}"' if dash else ""
    stroke, width = (ROUTE_COLOUR, 3.2) if arrow.highlighted else (LINE, 1.4)
    classes = f"move {move.kind}" + (" route" if arrow.highlighted else "")
    years = f"{years_range(move.min_years, move.max_years)} years"
    names = f"{escape(cmap.role(move.from_).title)} → {escape(cmap.role(move.to).title)}"
    halo = (
        f'<line class="route-halo" x1="{line.x1:.1f}" y1="{line.y1:.1f}" x2="{line.x2:.1f}" '
        f'y2="{line.y2:.1f}" stroke="{HALO_COLOUR}" stroke-opacity="0.55" stroke-width="11" '
        f'stroke-dasharray="10 5"/>'
        if arrow.highlighted
        else ""
    )
    head = " ".join(f"{x:.1f},{y:.1f}" for x, y in arrow.head)
    return (
        f'<g class="{classes}" data-from={quoteattr(move.from_)} data-to={quoteattr(move.to)}>'
        f"<title>{names}: {move.kind}, {years}</title>{halo}"
        f'<line x1="{line.x1:.1f}" y1="{line.y1:.1f}" x2="{line.x2:.1f}" y2="{line.y2:.1f}" '
        f'stroke="{stroke}" stroke-width="{width}"{style}/>'
        f'<polygon class="head" points="{head}" fill="{stroke}"/></g>'
    )


def _axis_text(cmap: CareerMap, axis: str) -> str:
    """ "Soft skills → (communication, ...)": the label, the arrow, what the article means."""
    label = cmap.axis_label(axis)
    detail = cmap.axis_label(axis, detail=True)[len(label) :]
    return f"{label[:1].upper()}{label[1:]} →{detail}"


def _axes(cmap: CareerMap, plot: Rect) -> str:
    left, top = plot.x, plot.y - 20
    right, bottom = plot.x + plot.width, plot.y + plot.height
    return (
        f'<g class="axes" stroke="{LINE}" fill="{LINE}">'
        f'<line x1="{left}" y1="{bottom}" x2="{right - 8}" y2="{bottom}"/>'
        f'<polygon points="{right},{bottom} {right - 9},{bottom - 4} {right - 9},{bottom + 4}"/>'
        f'<line x1="{left}" y1="{bottom}" x2="{left}" y2="{top + 8}"/>'
        f'<polygon points="{left},{top} {left - 4},{top + 9} {left + 4},{top + 9}"/></g>'
        f'<text x="{(left + right) / 2}" y="{bottom + 32}" text-anchor="middle" '
        f'fill="{MUTED}">{escape(_axis_text(cmap, "x"))}</text>'
        f'<text x="{left - 30}" y="{(top + bottom) / 2}" text-anchor="middle" fill="{MUTED}" '
        f'transform="rotate(-90 {left - 30} {(top + bottom) / 2})">'
        f"{escape(_axis_text(cmap, 'y'))}</text>"
    )


LEGEND_ROW = 22


def _legend_items(
    cmap: CareerMap, roles: Sequence[Role], with_route: bool
) -> list[tuple[str, float]]:
    """(kind of item, width) for each legend item, in order."""
    tracks = list(dict.fromkeys(role.track for role in roles))
    items = [(f"track:{t}", 22 + text_width(plain(t), SMALL_SIZE)) for t in tracks]
    items += [(f"kind:{k}", 46 + text_width(k, SMALL_SIZE)) for k in KIND_DASH]
    if with_route:
        items.append(("route", 46 + text_width("highlighted route", SMALL_SIZE)))
    example = _example_levels(cmap, roles)
    items.append(
        ("levels", text_width(example, TAG_SIZE, True) + 14 + text_width("level range", SMALL_SIZE))
    )
    return items


def _rows(widths: Sequence[float], gap: float) -> list[list[int]]:
    """Indices of items laid out in rows that fit the plot's width."""
    rows: list[list[int]] = [[]]
    x = 0.0
    available = WIDTH - MARGIN_LEFT - MARGIN_RIGHT
    for i, width in enumerate(widths):
        if rows[-1] and x + width > available:
            rows.append([])
            x = 0.0
        rows[-1].append(i)
        x += width + gap
    return rows


def _legend_height(cmap: CareerMap, roles: Sequence[Role], with_route: bool) -> float:
    items = _legend_items(cmap, roles, with_route)
    return len(_rows([w for _, w in items], 22)) * LEGEND_ROW + 8


def _example_levels(cmap: CareerMap, roles: Sequence[Role]) -> str:
    widest = max((role.levels for role in roles), key=lambda levels: levels[1] - levels[0])
    return cmap.format_levels(widest)


def _legend(
    cmap: CareerMap,
    roles: Sequence[Role],
    style: dict[str, tuple[str, str]],
    with_route: bool,
    top: float,
) -> tuple[str, float]:
    items = _legend_items(cmap, roles, with_route)
    parts = [f'<g class="legend" font-size="{SMALL_SIZE}" fill="{MUTED}">']
    y = top
    for row in _rows([w for _, w in items], 22):
        x = float(MARGIN_LEFT)
        for i in row:
            item, width = items[i]
            mid = y - 4
            if item.startswith("track:"):
                track = item[6:]
                shape, colour = style[track]
                parts.append(
                    marker_shape(shape, colour, x + 7, mid, 6.5)
                    + f'<text x="{x + 20}" y="{y}">{escape(track)}</text>'
                )
            elif item.startswith("kind:"):
                kind = item[5:]
                dash = KIND_DASH[kind]
                dashed = f' stroke-dasharray="{dash}"' if dash else ""
                parts.append(
                    f'<line x1="{x}" y1="{mid}" x2="{x + 28}" y2="{mid}" stroke="{LINE}" '
                    f'stroke-width="1.6"{dashed}/><polygon points="{x + 36},{mid} {x + 27},'
                    f'{mid - 4} {x + 27},{mid + 4}" fill="{LINE}"/>'
                    f'<text x="{x + 42}" y="{y}">{kind}</text>'
                )
            elif item == "route":
                parts.append(
                    f'<line x1="{x}" y1="{mid}" x2="{x + 28}" y2="{mid}" stroke="{HALO_COLOUR}" '
                    f'stroke-opacity="0.55" stroke-width="11" stroke-dasharray="10 5"/>'
                    f'<line x1="{x}" y1="{mid}" x2="{x + 26}" y2="{mid}" stroke="{ROUTE_COLOUR}" '
                    f'stroke-width="3.2"/><polygon points="{x + 38},{mid} {x + 25},{mid - 6.5} '
                    f'{x + 25},{mid + 6.5}" fill="{ROUTE_COLOUR}"/>'
                    f'<text x="{x + 42}" y="{y}">highlighted route</text>'
                )
            else:
                example = _example_levels(cmap, roles)
                tag = text_width(example, TAG_SIZE, True) + 8
                parts.append(
                    f'<rect x="{x}" y="{mid - 7.5}" width="{tag:.1f}" height="{TAG_HEIGHT}" '
                    f'rx="3" fill="#f3f4f6" stroke="{MUTED}"/><text x="{x + 4}" y="{mid + 3.7}" '
                    f'font-size="{TAG_SIZE}" font-weight="bold" fill="{INK}">'
                    f"{escape(example)}</text>"
                    f'<text x="{x + tag + 6:.1f}" y="{y}">level range</text>'
                )
            x += width + 22
        y += LEGEND_ROW
    parts.append("</g>")
    return "".join(parts), y + 8


KEY_ROW = 18


def _key_entries(cmap: CareerMap, keyed: Sequence[str]) -> list[str]:
    """Entries such as "7 Principal Data Engineer (L7-8)": the level in parentheses, never run
    into the title (SVG shows runs of spaces as one)."""
    entries = []
    for i, role_id in enumerate(keyed, 1):
        role = cmap.role(role_id)
        levels = cmap.role_levels(role)
        entries.append(f"{i} {plain(role.title)}" + (f" ({levels})" if levels else ""))
    return entries


def _key_columns(cmap: CareerMap, keyed: Sequence[str]) -> tuple[int, float]:
    entries = _key_entries(cmap, keyed)
    column = max(text_width(entry, SMALL_SIZE) for entry in entries) + 24
    available = WIDTH - MARGIN_LEFT - MARGIN_RIGHT
    return max(1, int(available // column)), column


def _key_height(cmap: CareerMap, roles: Sequence[Role], keyed: Sequence[str]) -> float:
    if not keyed:
        return 0.0
    columns, _ = _key_columns(cmap, keyed)
    return KEY_ROW * (1 + math.ceil(len(keyed) / columns)) + 8


def _key(cmap: CareerMap, keyed: Sequence[str], top: float) -> str:
    columns, column = _key_columns(cmap, keyed)
    rows = math.ceil(len(keyed) / columns)
    parts = [
        f'<g class="key" font-size="{SMALL_SIZE}" fill="{INK}">'
        f'<text x="{MARGIN_LEFT}" y="{top}" font-weight="bold">Roles too crowded to label '
        "(number, title, level range)</text>"
    ]
    for i, entry in enumerate(_key_entries(cmap, keyed)):
        x = MARGIN_LEFT + (i // rows) * column
        y = top + KEY_ROW * (1 + i % rows)
        parts.append(f'<text x="{x:.1f}" y="{y:.1f}">{escape(entry)}</text>')
    parts.append("</g>")
    return "".join(parts)


def _description(
    cmap: CareerMap,
    roles: Sequence[Role],
    moves: Sequence[Move],
    route: Sequence[str],
    keyed: Sequence[str],
) -> str:
    text = (
        f"{len(roles)} roles placed by {cmap.axis_label('x')} (left to right) and "
        f"{cmap.axis_label('y')} (bottom to top), each labelled with its level range, with "
        f"{len(moves)} moves drawn as arrows: "
        "upward moves solid, lateral moves dashed, downward moves dotted."
    )
    if keyed:
        text += f" {len(keyed)} roles are numbered and listed in a key under the legend."
    if route:
        titles = " → ".join(cmap.role(role_id).title for role_id in route)
        text += f" Highlighted route: {titles}."
    return text
