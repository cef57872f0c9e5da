"""``careermap diff OLD NEW``: what a change to a ladder changes, for a reviewer.

Records are compared as the data format writes them (``CareerMap.to_document``), each kind by
its identity: roles, themes and companies by id, moves by their two ends, levels by their
rank (and the track their scale belongs to, where the ladder has one scale per track). A renamed
id is a removal and an addition: nothing here guesses that two records are one. Then the best
routes from each entry role to each top role, in both versions, name the pairs whose route or
years changed.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from careermap.graph import Route
    from careermap.models import CareerMap

# The sections of a ladder in the order they are reported, and the fields that name a record.
KINDS: dict[str, tuple[str, ...]] = {
    "roles": ("id",),
    "moves": ("from", "to"),
    "levels": ("track", "rank"),
    "themes": ("id",),
    "companies": ("id",),
}
ROUTE_PAIRS = 2_000  # entry-to-top pairs compared at most (a ladder of 10,000 tops has more)


@dataclass(frozen=True)
class Change:
    """One record present in both versions and not the same: field -> (old, new)."""

    key: dict[str, Any]
    fields: dict[str, tuple[Any, Any]]


@dataclass(frozen=True)
class Section:
    """One kind of record: what was added, removed and changed (keys in file order)."""

    added: list[dict[str, Any]] = field(default_factory=list)
    removed: list[dict[str, Any]] = field(default_factory=list)
    changed: list[Change] = field(default_factory=list)

    def __bool__(self) -> bool:
        return bool(self.added or self.removed or self.changed)


@dataclass(frozen=True)
class RouteChange:
    """The best route between an entry and a top role, where it differs (None: no route)."""

    source: str
    target: str
    old: Route | None
    new: Route | None


@dataclass(frozen=True)
class LadderDiff:
    """``diff``: the two files, each kind's changes and the routes that changed."""

    old_file: str
    new_file: str
    sections: dict[str, Section]
    routes: list[RouteChange]
    pairs: int  # entry-to-top pairs in both versions
    compared: int  # of which compared (at most ROUTE_PAIRS)

    @property
    def changed(self) -> bool:
        return any(self.sections.values()) or bool(self.routes)


def _key(record: dict[str, Any], names: tuple[str, ...]) -> tuple[Any, ...]:
    return tuple(_hashable(record.get(name)) for name in names)


def _hashable(value: Any) -> Any:
    return tuple(value) if isinstance(value, list) else value


def _section(
    old: list[dict[str, Any]], new: list[dict[str, Any]], names: tuple[str, ...]
) -> Section:
    before = {_key(record, names): record for record in old}
    after = {_key(record, names): record for record in new}

    def ident(record: dict[str, Any]) -> dict[str, Any]:
        return {name: record[name] for name in names if record.get(name) is not None}

    section = Section(
        added=[ident(record) for key, record in after.items() if key not in before],
        removed=[ident(record) for key, record in before.items() if key not in after],
    )
    for key, record in after.items():
        was = before.get(key)
        if was is None or was == record:
            continue
        fields = {
            name: (was.get(name), record.get(name))
            for name in dict.fromkeys([*was, *record])
            if name not in names and was.get(name) != record.get(name)
        }
        section.changed.append(Change(ident(record), fields))
    return section


def _tops(cmap: CareerMap) -> list[str]:
    promoted = {move.from_ for move in cmap.moves if move.kind == "upward"}
    return [role.id for role in cmap.roles if role.id not in promoted]


def _route_pairs(old: CareerMap, new: CareerMap) -> list[tuple[str, str]]:
    """Entry-to-top pairs of the new version whose two roles exist in both versions."""
    both = {role.id for role in old.roles} & {role.id for role in new.roles}
    starts = [role.id for role in new.entry_roles if role.id in both]
    tops = [role for role in _tops(new) if role in both]
    return [(a, b) for a in starts for b in tops if a != b]


def _same(a: Route | None, b: Route | None) -> bool:
    if a is None or b is None:
        return a is b
    return (a.roles, a.min_years, a.max_years) == (b.roles, b.min_years, b.max_years)


def _changed_routes(
    old: CareerMap, new: CareerMap, pairs: list[tuple[str, str]]
) -> list[RouteChange]:
    from careermap.graph import best_routes_from

    sources = list(dict.fromkeys(a for a, _ in pairs))
    targets = list(dict.fromkeys(b for _, b in pairs))
    before = best_routes_from(old, sources, targets)
    after = best_routes_from(new, sources, targets)
    changes = []
    for a, b in pairs:
        was, now = before[a].get(b), after[a].get(b)
        if not _same(was, now):
            changes.append(RouteChange(a, b, was, now))
    return changes


def diff(old: CareerMap, new: CareerMap, old_file: str, new_file: str) -> LadderDiff:
    """What changed from ``old`` to ``new``, record by record, and which best routes moved."""
    before, after = old.to_document(), new.to_document()
    sections = {
        kind: _section(before.get(kind) or [], after.get(kind) or [], names)
        for kind, names in KINDS.items()
    }
    pairs = _route_pairs(old, new)
    compared = list(itertools.islice(pairs, ROUTE_PAIRS))
    routes = _changed_routes(old, new, compared)
    return LadderDiff(old_file, new_file, sections, routes, len(pairs), len(compared))
