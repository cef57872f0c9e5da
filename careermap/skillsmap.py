"""The article's picture as geometry: roles placed by soft skills (x) and hard skills (y).

Both renderers (the terminal map and the SVG) use this layout, so they agree on where each
role sits. Roles that share a position (Staff SRE and Staff Engineer do, on purpose) are spread
side by side, and labels are placed where they overlap no other label, marker or arrowhead
(``place_labels``).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from careermap.errors import IncompleteDataError
from careermap.models import CareerMap, Role, name_key

SPREAD = 0.5  # skill units between roles that share a position


@dataclass(frozen=True)
class Rect:
    x: float
    y: float
    width: float
    height: float

    def overlaps(self, other: Rect) -> bool:
        return (
            self.x < other.x + other.width
            and other.x < self.x + self.width
            and self.y < other.y + other.height
            and other.y < self.y + self.height
        )

    def inside(self, bounds: Rect) -> bool:
        return (
            self.x >= bounds.x
            and self.y >= bounds.y
            and self.x + self.width <= bounds.x + bounds.width
            and self.y + self.height <= bounds.y + bounds.height
        )


def positions(cmap: CareerMap, roles: Sequence[Role]) -> dict[str, tuple[float, float]]:
    """(soft, hard) per role id; roles at the same point are spread apart along soft skills.

    Raises ``IncompleteDataError`` when a role has no skills: the map needs every role's.
    """
    missing = [role.id for role in roles if role.skills is None]
    if missing:
        raise IncompleteDataError(
            f"the skills map needs skills on every role; missing on {', '.join(missing)}"
            + _themes_instead(cmap)
        )
    groups: dict[tuple[float, float], list[Role]] = {}
    for role in roles:
        assert role.skills is not None
        groups.setdefault((role.skills.soft, role.skills.hard), []).append(role)
    track_order = {track: i for i, track in enumerate(cmap.tracks)}
    placed: dict[str, tuple[float, float]] = {}
    for (soft, hard), members in groups.items():
        # The article draws Staff SRE left of Staff Engineer: later tracks go further left.
        members.sort(key=lambda role: -track_order[role.track])
        start = soft - SPREAD * (len(members) - 1) / 2
        for i, role in enumerate(members):
            placed[role.id] = (start + i * SPREAD, hard)
    return placed


def _themes_instead(cmap: CareerMap) -> str:
    """The hint to place roles by two competency themes, where the ladder has two: those its
    axes name, if they are themes, else its first two."""
    if len(cmap.themes) < 2:
        return ""
    ids = {name_key(name): theme.id for theme in cmap.themes for name in (theme.id, theme.name)}
    axes = cmap.meta.axes if cmap.meta else None
    named = [ids.get(name_key(axis)) for axis in ((axes.x, axes.y) if axes else ())]
    x, y = named if len(named) == 2 and None not in named else [t.id for t in cmap.themes[:2]]
    return f"; place them by two competency themes instead: --x {x} --y {y}"


@dataclass(frozen=True)
class Segment:
    """A straight piece of a drawn line (a move, a leader), in the renderer's units."""

    x1: float
    y1: float
    x2: float
    y2: float


def covered_length(rect: Rect, segment: Segment) -> float:
    """How much of ``segment`` lies inside ``rect`` (Liang-Barsky clipping)."""
    dx, dy = segment.x2 - segment.x1, segment.y2 - segment.y1
    low, high = 0.0, 1.0
    for p, q in (
        (-dx, segment.x1 - rect.x),
        (dx, rect.x + rect.width - segment.x1),
        (-dy, segment.y1 - rect.y),
        (dy, rect.y + rect.height - segment.y1),
    ):
        if p == 0:
            if q < 0:
                return 0.0
            continue
        t = q / p
        if p < 0:
            low = max(low, t)
        else:
            high = min(high, t)
        if low > high:
            return 0.0
    return (high - low) * math.hypot(dx, dy)


@dataclass(frozen=True)
class Placed:
    """Where a label went, and the leader line that ties it to its marker when it is not
    right beside it (None when it is)."""

    rect: Rect
    leader: Segment | None


# Gaps (marker edge to label) tried in turn; past NEAR a leader line ties the label back.
RINGS = (3.0, 9.0, 20.0, 34.0, 52.0, 74.0)
NEAR = 9.0
DIRECTIONS = 16


def place_labels(
    anchors: Sequence[tuple[float, float]],
    sizes: Sequence[tuple[float, float]],
    bounds: Rect,
    obstacles: Sequence[Rect] = (),
    lines: Sequence[Segment] = (),
    radius: float = 0.0,
    rings: Sequence[float] = RINGS,
    taken: list[Rect] | None = None,
    leaders: list[Segment] | None = None,
    points: Sequence[tuple[float, float]] = (),
    leaders_cross: bool = False,
) -> list[Placed | None]:
    """A rectangle per label around its anchor that overlaps no obstacle (markers,
    arrowheads), no other label and no leader line, and crosses as few ``lines`` as it can.

    Candidates sit in ``DIRECTIONS`` directions at each gap of ``rings`` from the marker's edge
    (``radius`` from the anchor); among the free ones the nearest wins, with the length of
    line it would cover as a cost. A label placed beyond ``NEAR``, or nearer to another of the
    ``points`` (the other markers) than to its own, gets a leader line, which must cross no
    marker or label either. A label that fits nowhere gets None, and the caller
    shows it another way (a numbered key). Pass ``taken``/``leaders`` to place more labels
    among ones already placed (they are extended in place). ``leaders_cross`` lets a leader
    line pass over markers and labels: the last resort, where nothing else is free.
    """
    taken = taken if taken is not None else []
    leaders = leaders if leaders is not None else []
    result: list[Placed | None] = []
    for (x, y), (width, height) in zip(anchors, sizes, strict=True):
        best: tuple[float, Placed] | None = None
        for ring_index, gap in enumerate(rings):
            if best is not None and best[0] < gap:
                break  # nothing farther out can cost less
            for step in range(DIRECTIONS):
                angle = 2 * math.pi * step / DIRECTIONS
                cos, sin = math.cos(angle), math.sin(angle)
                # The rectangle's nearest side or corner is ``gap`` beyond the marker.
                cx = x + cos * (width / 2 + radius + gap)
                cy = y - sin * (height / 2 + radius + gap)
                rect = Rect(cx - width / 2, cy - height / 2, width, height)
                if not rect.inside(bounds):
                    continue
                if any(rect.overlaps(t) for t in obstacles) or any(rect.overlaps(t) for t in taken):
                    continue
                if any(covered_length(rect, leader) > 0 for leader in leaders):
                    continue
                leader = None
                own = _distance(rect, x, y)
                if gap > NEAR or any(
                    _distance(rect, px, py) < own + 2 for px, py in points if (px, py) != (x, y)
                ):
                    leader = _leader(x, y, radius, rect)
                    others = [t for t in obstacles if not _contains(t, x, y)]
                    if not leaders_cross and any(
                        covered_length(t, leader) > 0 for t in [*others, *taken]
                    ):
                        continue
                cost = (
                    gap
                    + 0.5 * sum(covered_length(rect, line) for line in lines)
                    + (0 if step == 0 else 1.5 if step == DIRECTIONS // 2 else 3)
                    + 4 * ring_index
                    + (8 if leader else 0)
                )
                if best is None or cost < best[0]:
                    best = (cost, Placed(rect, leader))
        if best is not None:
            taken.append(best[1].rect)
            if best[1].leader is not None:
                leaders.append(best[1].leader)
        result.append(best[1] if best else None)
    return result


def _distance(rect: Rect, x: float, y: float) -> float:
    """From a point to the nearest point of a rectangle."""
    dx = max(rect.x - x, 0.0, x - rect.x - rect.width)
    dy = max(rect.y - y, 0.0, y - rect.y - rect.height)
    return math.hypot(dx, dy)


def _contains(rect: Rect, x: float, y: float) -> bool:
    return rect.x <= x <= rect.x + rect.width and rect.y <= y <= rect.y + rect.height


def _leader(x: float, y: float, radius: float, rect: Rect) -> Segment:
    """From the marker's edge towards the nearest point of the label."""
    nx = min(max(x, rect.x), rect.x + rect.width)
    ny = min(max(y, rect.y), rect.y + rect.height)
    dx, dy = nx - x, ny - y
    length = max(math.hypot(dx, dy), 1e-9)
    start = radius + 1.5
    return Segment(x + dx / length * start, y + dy / length * start, nx, ny)


def level_groups(roles: Sequence[Role]) -> dict[tuple[int, int], list[Role]]:
    """Roles grouped by level range (the article's boxes), lowest range first."""
    groups: dict[tuple[int, int], list[Role]] = {}
    for role in sorted(roles, key=lambda r: r.levels):
        groups.setdefault(role.levels, []).append(role)
    return groups


def separate(
    points: dict[str, tuple[float, float]],
    halves: dict[str, float],
    bounds: Rect,
    gap: float = 3.0,
) -> dict[str, tuple[float, float]]:
    """Markers moved, where they must be, so that no two overlap: each in turn keeps its point
    if it is free, else takes the nearest free point on rings around it (steps of its own
    size, more directions on wider rings), inside ``bounds``. The caller draws a line from a
    moved marker back to its true point. Markers are squares of half-side ``halves[id]``
    plus ``gap``."""
    placed: dict[str, tuple[float, float]] = {}
    boxes: list[Rect] = []

    def box(role_id: str, x: float, y: float) -> Rect:
        half = halves[role_id] + gap / 2
        return Rect(x - half, y - half, 2 * half, 2 * half)

    for role_id, (x, y) in points.items():
        spot = (x, y)
        step = 2 * halves[role_id] + gap
        for ring in range(0, 12):
            found = None
            count = 1 if ring == 0 else 6 * ring
            # Sideways first (right, then left), then further round: a fanned group reads
            # as a row where it can.
            angles = sorted(
                (2 * math.pi * k / count for k in range(count)),
                key=lambda a: (round(abs(math.sin(a)), 6), math.cos(a) < 0, math.sin(a) < 0),
            )
            for angle in angles:
                cx, cy = x + math.cos(angle) * ring * step, y - math.sin(angle) * ring * step
                candidate = box(role_id, cx, cy)
                if ring and not candidate.inside(bounds):
                    continue
                if not any(candidate.overlaps(other) for other in boxes):
                    found = (cx, cy)
                    break
            if found is not None:
                spot = found
                break
        placed[role_id] = spot
        boxes.append(box(role_id, *spot))
    return placed
