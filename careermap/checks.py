"""Graph checks for ``careermap validate``: things that are allowed but probably unintended.

Schema errors stop a file from loading; these only warn (``--strict`` makes them fail), each
with the place in the file and a hint. An upward-only cycle is not among them: an upward move
may stay at its source's minimum level (a promotion within one grade), so such a cycle is
possible, and it is an error that ``models.integrity_problems`` reports when the file loads.
"""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass

from careermap.models import CareerMap, format_levels

MAX_UPWARD_SKIP = 2  # levels an upward move may jump over before it looks like a typo


@dataclass(frozen=True)
class GraphWarning:
    """A suspicious spot in a valid map: where (a location), what, and what to do."""

    loc: tuple[str | int, ...]
    message: str
    hint: str


def graph_warnings(cmap: CareerMap) -> list[GraphWarning]:
    """Every warning, in file order within each kind of check."""
    return [
        *_unreachable(cmap),
        *_dead_ends(cmap),
        *_long_jumps(cmap),
        *_missing_sources(cmap),
        *_partial_skills(cmap),
    ]


def _unreachable(cmap: CareerMap) -> list[GraphWarning]:
    starts = [role.id for role in cmap.entry_roles]
    lowest = cmap.level_span[0]
    successors: dict[str, list[str]] = {}
    for move in cmap.moves:
        successors.setdefault(move.from_, []).append(move.to)
    seen, queue = set(starts), deque(starts)
    while queue:
        for nxt in successors.get(queue.popleft(), []):
            if nxt not in seen:
                seen.add(nxt)
                queue.append(nxt)
    return [
        GraphWarning(
            ("roles", i),
            f"role {role.id!r} cannot be reached from any lowest-level role "
            f"(L{lowest}: {', '.join(starts)})",
            "add a move into it, or check the moves' from and to",
        )
        for i, role in enumerate(cmap.roles)
        if role.id not in seen
    ]


def _dead_ends(cmap: CareerMap) -> list[GraphWarning]:
    top = max(role.levels[1] for role in cmap.roles)
    leaving = {move.from_ for move in cmap.moves}
    return [
        GraphWarning(
            ("roles", i),
            f"role {role.id!r} ({format_levels(role.levels)}) is a dead end: no move leaves it, "
            f"though the map goes up to L{top}",
            "add a move out of it, unless the ladder really ends there",
        )
        for i, role in enumerate(cmap.roles)
        if role.id not in leaving and role.levels[1] < top
    ]


def _long_jumps(cmap: CareerMap) -> list[GraphWarning]:
    warnings = []
    for i, move in enumerate(cmap.moves):
        if move.kind != "upward":
            continue
        source, target = cmap.role(move.from_), cmap.role(move.to)
        skipped = target.levels[0] - source.levels[1] - 1
        if skipped > MAX_UPWARD_SKIP:
            warnings.append(
                GraphWarning(
                    ("moves", i),
                    f"upward move {move.from_} -> {move.to} skips {skipped} levels "
                    f"({format_levels(source.levels)} to {format_levels(target.levels)})",
                    "check the levels, or add the roles in between",
                )
            )
    return warnings


def _missing_sources(cmap: CareerMap) -> list[GraphWarning]:
    hint = "say where it comes from (a document, 'reconstructed', 'assumption')"
    warnings = [
        GraphWarning(("roles", i), f"role {role.id!r} has no source", hint)
        for i, role in enumerate(cmap.roles)
        if not role.source
    ]
    warnings += [
        GraphWarning(("moves", i), f"move {move.from_} -> {move.to} has no source", hint)
        for i, move in enumerate(cmap.moves)
        if not move.source
    ]
    return warnings


def _partial_skills(cmap: CareerMap) -> list[GraphWarning]:
    having = [role for role in cmap.roles if role.skills is not None]
    if not having or len(having) == len(cmap.roles):
        return []
    return [
        GraphWarning(
            ("roles", i),
            f"role {role.id!r} has no skills while {len(having)} other roles do",
            "give every role skills = { hard, soft }, or none; the skills map needs all",
        )
        for i, role in enumerate(cmap.roles)
        if role.skills is None
    ]
