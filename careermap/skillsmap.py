"""The article's picture as geometry: roles placed by soft skills (x) and hard skills (y).

Both renderers (the terminal map and the SVG) use this layout, so they agree on where each
role sits. Roles that share a position (Staff SRE and Staff Engineer do, on purpose) are spread
side by side, and labels are placed where they overlap neither each other nor any marker.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from careermap.errors import IncompleteDataError
from careermap.models import CareerMap, Role

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


def place_labels(
    anchors: Sequence[tuple[float, float]],
    sizes: Sequence[tuple[float, float]],
    bounds: Rect,
    gap: tuple[float, float],
    obstacles: Sequence[Rect] = (),
    margin: float = 0.0,
) -> list[Rect | None]:
    """A rectangle per label near its anchor, overlapping no other label or obstacle.

    Candidates go right, left, above and below the anchor at growing distances (``gap`` is the
    first distance, across and up); ``margin``
    keeps that much space between labels side by side. A label that fits nowhere gets None,
    and the caller shows it another way (a numbered key).
    """
    taken: list[Rect] = list(obstacles)
    result: list[Rect | None] = []
    for (x, y), (width, height) in zip(anchors, sizes, strict=True):
        chosen = None
        for step in range(0, 6):
            dx, dy = gap[0] * (1 + 2 * step), gap[1] * (1 + 2 * step)
            candidates = [
                Rect(x + dx, y - height / 2, width, height),
                Rect(x - dx - width, y - height / 2, width, height),
                Rect(x - width / 2, y - dy - height, width, height),
                Rect(x - width / 2, y + dy, width, height),
                Rect(x + dx, y - dy - height, width, height),
                Rect(x + dx, y + dy, width, height),
                Rect(x - dx - width, y - dy - height, width, height),
                Rect(x - dx - width, y + dy, width, height),
            ]
            for rect in candidates:
                padded = Rect(rect.x - margin, rect.y, rect.width + 2 * margin, rect.height)
                if rect.inside(bounds) and not any(padded.overlaps(t) for t in taken):
                    chosen = rect
                    break
            if chosen:
                break
        if chosen:
            taken.append(chosen)
        result.append(chosen)
    return result


def level_groups(roles: Sequence[Role]) -> dict[tuple[int, int], list[Role]]:
    """Roles grouped by level range (the article's boxes), lowest range first."""
    groups: dict[tuple[int, int], list[Role]] = {}
    for role in sorted(roles, key=lambda r: r.levels):
        groups.setdefault(role.levels, []).append(role)
    return groups
