"""The skills map as a standalone SVG: level boxes, role nodes, one arrow per move.

Hard skills go up, soft skills go right, as in the article. Arrows are styled by kind (upward
solid, lateral dashed, downward dotted) and a highlighted route is drawn over them. Label boxes
come from ``skillsmap.place_labels``, which keeps them apart where it finds room; on a crowded
map a label that finds none is still drawn at its marker and may overlap another. Each label
sits on a pale box so it stays readable over the arrows.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from itertools import pairwise
from xml.sax import saxutils

from careermap.models import CareerMap, Move, Role
from careermap.render.text import plain, years_range
from careermap.results import SkillsMap
from careermap.skillsmap import Rect, level_groups, place_labels, positions


def escape(text: str) -> str:
    """Text as XML 1.0 character data: markup escaped, control characters (invalid in XML,
    or unseen) shown as their codes."""
    return saxutils.escape(plain(text))


def quoteattr(text: str) -> str:
    return saxutils.quoteattr(plain(text))


WIDTH, HEIGHT = 1100, 760
MARGIN_LEFT, MARGIN_RIGHT, MARGIN_TOP, MARGIN_BOTTOM = 80, 40, 80, 90
FONT_SIZE = 13
CHAR_WIDTH = 0.6 * FONT_SIZE  # a generous average for sans-serif text (bold included)
LABEL_PAD = 4
NODE_RADIUS = 7
TRACK_COLOURS = ["#2563eb", "#0d9488", "#c2410c", "#7c3aed", "#be185d", "#4d7c0f"]
KIND_DASH = {"upward": "", "lateral": "7 5", "downward": "2 4"}
ROUTE_COLOUR = "#dc2626"


@dataclass(frozen=True)
class Layout:
    """Where everything goes, in SVG pixels; tests read it to check for overlaps."""

    nodes: dict[str, tuple[float, float]]
    labels: dict[str, Rect]
    boxes: dict[tuple[int, int], Rect]


def layout(cmap: CareerMap, roles: Sequence[Role]) -> Layout:
    """Nodes from skills, a label rectangle per role, a box around each level group."""
    plot = Rect(
        MARGIN_LEFT,
        MARGIN_TOP,
        WIDTH - MARGIN_LEFT - MARGIN_RIGHT,
        HEIGHT - MARGIN_TOP - MARGIN_BOTTOM,
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
    markers = [
        Rect(x - NODE_RADIUS, y - NODE_RADIUS, 2 * NODE_RADIUS, 2 * NODE_RADIUS)
        for x, y in nodes.values()
    ]
    sizes = [
        (len(role.title) * CHAR_WIDTH + 2 * LABEL_PAD, FONT_SIZE + 2 * LABEL_PAD) for role in roles
    ]
    bounds = Rect(0, MARGIN_TOP - 30, WIDTH, HEIGHT - MARGIN_TOP - 10)
    placed = place_labels(
        [nodes[role.id] for role in roles],
        sizes,
        bounds,
        gap=(NODE_RADIUS + 2, NODE_RADIUS + 2),
        obstacles=markers,
    )
    labels = {}
    for role, rect in zip(roles, placed, strict=True):
        if rect is None:  # crowded: put it under the node anyway, flagged by the overlap test
            x, y = nodes[role.id]
            width, height = sizes[roles.index(role)]
            rect = Rect(x - width / 2, y + NODE_RADIUS + 2, width, height)
        labels[role.id] = rect
    boxes = {}
    for levels, members in level_groups(roles).items():
        xs = [nodes[m.id][0] for m in members]
        ys = [nodes[m.id][1] for m in members]
        pad = 22
        boxes[levels] = Rect(
            min(xs) - pad, min(ys) - pad, max(xs) - min(xs) + 2 * pad, max(ys) - min(ys) + 2 * pad
        )
    return Layout(nodes, labels, boxes)


def svg_text(result: SkillsMap) -> str:
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
    geometry = layout(cmap, roles)
    tracks = list(dict.fromkeys(role.track for role in roles))
    colour = {track: TRACK_COLOURS[i % len(TRACK_COLOURS)] for i, track in enumerate(tracks)}
    on_route = set(pairwise(route))
    shown = {role.id for role in roles}
    out: list[str] = []
    add = out.append
    description = _description(cmap, roles, moves, route)
    add(
        f'<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" '
        f'width="{WIDTH}" height="{HEIGHT}" viewBox="0 0 {WIDTH} {HEIGHT}" role="img" '
        f'aria-labelledby="map-title map-desc" font-family="system-ui, -apple-system, '
        f'Segoe UI, Helvetica, Arial, sans-serif" font-size="{FONT_SIZE}">'
    )
    add(f'<title id="map-title">{escape(title)}</title>')
    add(f'<desc id="map-desc">{escape(description)}</desc>')
    add(_defs(colour))
    add(f'<rect width="{WIDTH}" height="{HEIGHT}" fill="#ffffff"/>')
    add(
        f'<text x="{WIDTH / 2}" y="32" text-anchor="middle" font-size="20" '
        f'font-weight="bold" fill="#111827">{escape(title)}</text>'
    )
    add(
        f'<text x="{WIDTH / 2}" y="52" text-anchor="middle" font-size="12" fill="#6b7280">'
        "Only relative positions mean anything; boxes group roles by level range</text>"
    )
    add(_axes(cmap))
    add('<g class="level-boxes">')
    for levels, rect in geometry.boxes.items():
        add(
            f'<g class="level-box" data-levels="{cmap.format_levels(levels)}">'
            f'<rect x="{rect.x:.1f}" y="{rect.y:.1f}" width="{rect.width:.1f}" '
            f'height="{rect.height:.1f}" rx="10" fill="#6b7280" fill-opacity="0.07" '
            f'stroke="#6b7280" stroke-opacity="0.45" stroke-dasharray="4 3"/>'
            f'<text x="{rect.x + 6:.1f}" y="{rect.y + 13:.1f}" font-size="11" fill="#4b5563">'
            f"{cmap.format_levels(levels)}</text></g>"
        )
    add("</g>")
    add('<g class="moves">')
    for move in moves:
        if move.from_ not in shown or move.to not in shown:
            continue
        highlighted = (move.from_, move.to) in on_route
        add(_arrow(geometry, move, highlighted))
    add("</g>")
    add('<g class="roles">')
    for role in roles:
        x, y = geometry.nodes[role.id]
        label = geometry.labels[role.id]
        marked = role.id in route
        classes = "role on-route" if marked else "role"
        ring = (
            f'<circle cx="{x:.1f}" cy="{y:.1f}" r="{NODE_RADIUS + 4}" fill="none" '
            f'stroke="{ROUTE_COLOUR}" stroke-width="2.5"/>'
            if marked
            else ""
        )
        opening, closing = (f'<a href="#role-{role.id}">', "</a>") if link_roles else ("", "")
        add(
            f"<g class={quoteattr(classes)} id={quoteattr('node-' + role.id)} "
            f"data-role={quoteattr(role.id)}>{opening}"
            f"<title>{escape(role.title)} ({cmap.format_levels(role.levels)}, {escape(role.track)})"
            f"</title>{ring}"
            f'<circle cx="{x:.1f}" cy="{y:.1f}" r="{NODE_RADIUS}" fill="{colour[role.track]}" '
            f'stroke="#ffffff" stroke-width="1.5"/>'
            f'<rect class="label-box" x="{label.x:.1f}" y="{label.y:.1f}" '
            f'width="{label.width:.1f}" height="{label.height:.1f}" rx="3" fill="#ffffff" '
            f'fill-opacity="0.88"/>'
            f'<text x="{label.x + LABEL_PAD:.1f}" y="{label.y + LABEL_PAD + FONT_SIZE - 2:.1f}" '
            f'fill="#111827" font-weight="{"bold" if marked else "normal"}">'
            f"{escape(role.title)}</text>{closing}</g>"
        )
    add("</g>")
    add(_legend(colour, bool(route)))
    add("</svg>")
    return "\n".join(out) + "\n"


def _defs(colour: dict[str, str]) -> str:
    markers = [
        '<marker id="arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" '
        'markerHeight="7" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" '
        'fill="#6b7280"/></marker>',
        f'<marker id="arrow-route" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="6" '
        f'markerHeight="6" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" '
        f'fill="{ROUTE_COLOUR}"/></marker>',
    ]
    return "<defs>" + "".join(markers) + "</defs>"


def _arrow(geometry: Layout, move: Move, highlighted: bool) -> str:
    (x1, y1), (x2, y2) = geometry.nodes[move.from_], geometry.nodes[move.to]
    dx, dy = x2 - x1, y2 - y1
    length = max((dx * dx + dy * dy) ** 0.5, 1e-9)
    shrink = NODE_RADIUS + 3
    sx, sy = x1 + dx / length * shrink, y1 + dy / length * shrink
    ex, ey = x2 - dx / length * (shrink + 2), y2 - dy / length * (shrink + 2)
    dash = KIND_DASH[move.kind]
    style = f' stroke-dasharray="{dash}"' if dash else ""
    stroke, width, marker = (
        (ROUTE_COLOUR, 3.2, "arrow-route") if highlighted else ("#6b7280", 1.4, "arrow")
    )
    classes = f"move {move.kind}" + (" route" if highlighted else "")
    years = f"{years_range(move.min_years, move.max_years)} years"
    return (
        f'<g class="{classes}" data-from={quoteattr(move.from_)} data-to={quoteattr(move.to)}>'
        f"<title>{escape(move.from_)} → {escape(move.to)}: {move.kind}, {years}</title>"
        f'<line x1="{sx:.1f}" y1="{sy:.1f}" x2="{ex:.1f}" y2="{ey:.1f}" stroke="{stroke}" '
        f'stroke-width="{width}"{style} marker-end="url(#{marker})"/></g>'
    )


def _axis_text(cmap: CareerMap, axis: str) -> str:
    """ "Soft skills → (communication, ...)": the label, the arrow, what the article means."""
    label = cmap.axis_label(axis)
    detail = cmap.axis_label(axis, detail=True)[len(label) :]
    return f"{label[:1].upper()}{label[1:]} →{detail}"


def _axes(cmap: CareerMap) -> str:
    left, top = MARGIN_LEFT, MARGIN_TOP
    right, bottom = WIDTH - MARGIN_RIGHT, HEIGHT - MARGIN_BOTTOM
    return (
        '<g class="axes" stroke="#9ca3af">'
        f'<line x1="{left}" y1="{bottom}" x2="{right}" y2="{bottom}" marker-end="url(#arrow)"/>'
        f'<line x1="{left}" y1="{bottom}" x2="{left}" y2="{top}" marker-end="url(#arrow)"/></g>'
        f'<text x="{(left + right) / 2}" y="{bottom + 32}" text-anchor="middle" '
        f'fill="#374151">{escape(_axis_text(cmap, "x"))}</text>'
        f'<text x="{left - 30}" y="{(top + bottom) / 2}" text-anchor="middle" fill="#374151" '
        f'transform="rotate(-90 {left - 30} {(top + bottom) / 2})">'
        f"{escape(_axis_text(cmap, 'y'))}</text>"
    )


def _legend(colour: dict[str, str], with_route: bool) -> str:
    y = HEIGHT - 28
    x = float(MARGIN_LEFT)
    parts = ['<g class="legend" font-size="12" fill="#374151">']
    for track, fill in colour.items():
        parts.append(
            f'<circle cx="{x + 6}" cy="{y - 4}" r="6" fill="{fill}"/>'
            f'<text x="{x + 16}" y="{y}">{escape(track)}</text>'
        )
        x += 24 + len(track) * 7.5
    x += 16
    for kind in ("upward", "lateral", "downward"):
        dash = KIND_DASH[kind]
        style = f' stroke-dasharray="{dash}"' if dash else ""
        parts.append(
            f'<line x1="{x}" y1="{y - 4}" x2="{x + 34}" y2="{y - 4}" stroke="#6b7280" '
            f'stroke-width="1.6"{style}/><text x="{x + 40}" y="{y}">{kind}</text>'
        )
        x += 48 + len(kind) * 7.5
    if with_route:
        parts.append(
            f'<line x1="{x}" y1="{y - 4}" x2="{x + 34}" y2="{y - 4}" stroke="{ROUTE_COLOUR}" '
            f'stroke-width="3.2"/><text x="{x + 40}" y="{y}">highlighted route</text>'
        )
    parts.append("</g>")
    return "".join(parts)


def _description(
    cmap: CareerMap, roles: Sequence[Role], moves: Sequence[Move], route: Sequence[str]
) -> str:
    text = (
        f"{len(roles)} roles placed by {cmap.axis_label('x')} (left to right) and "
        f"{cmap.axis_label('y')} (bottom to top), grouped in boxes by level range, with "
        f"{len(moves)} moves drawn as arrows: "
        "upward moves solid, lateral moves dashed, downward moves dotted."
    )
    if route:
        titles = " → ".join(cmap.role(role_id).title for role_id in route)
        text += f" Highlighted route: {titles}."
    return text
