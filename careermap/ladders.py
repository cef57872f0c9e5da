"""Company ladders: what a role is called at each company, and company titles back to roles.

Titles and levels differ between companies ("Principal" is L6 at Microsoft and L8 at Google),
so a data file may map each company's rungs onto the map's canonical levels. These queries
read that mapping; they need no graph, so they need no networkx.
"""

from __future__ import annotations

from dataclasses import dataclass

from careermap.errors import AmbiguousRoleError, IncompleteDataError, UsageError
from careermap.models import (
    CareerMap,
    Company,
    Ladder,
    Level,
    LevelPlace,
    Role,
    Rung,
    Scale,
    did_you_mean,
    format_levels,
    levels_overlap,
    name_key,
)


@dataclass(frozen=True)
class CompanyTitles:
    """A role's titles at one company: the rungs of its ladder that overlap the role's levels."""

    company: Company
    ladder: Ladder
    rungs: tuple[Rung, ...]

    @property
    def text(self) -> str:
        """``"L6 Staff Software Engineer, L7 Senior Staff Software Engineer"``, or "-"."""
        return ", ".join(f"{rung.code} {rung.title}" for rung in self.rungs) or "-"


@dataclass(frozen=True)
class LevelRow:
    """One canonical level: each company's rung(s) there, and the map's roles there."""

    level: int
    rungs: dict[str, tuple[Rung, ...]]
    roles: tuple[Role, ...]


@dataclass(frozen=True)
class ScaleTable:
    """The map's level scales side by side: a column per scale, a row per band where every
    named level has one (equivalent levels side by side), else per rank (the scales do not
    map: a row is only a position within each)."""

    by: str  # "band" or "rank"
    scales: tuple[Scale, ...]
    rows: list[tuple[int, tuple[tuple[Level, ...], ...]]]  # (band or rank, levels per scale)


def scale_table(cmap: CareerMap) -> ScaleTable | None:
    """The scales of a map whose tracks are on several scales (or have bands), else None:
    one scale is what the company tables' level column already shows."""
    scales = tuple(scale for scale in cmap.scales if scale.levels and scale.tracks)
    if not scales or not cmap.multiscale:
        return None
    levels = [level for scale in scales for level in scale.levels]
    by = "band" if all(level.band is not None for level in levels) else "rank"

    def at(level: Level) -> int:
        return level.band if by == "band" and level.band is not None else level.rank

    rows = [
        (key, tuple(tuple(lv for lv in scale.levels if at(lv) == key) for scale in scales))
        for key in sorted({at(level) for level in levels})
    ]
    return ScaleTable(by, scales, rows)


NO_COMPANIES = "this map has no company ladders (no 'companies' section)"


def find_company(cmap: CareerMap, name: str) -> Company:
    """A company by id or name, ignoring case; a usage error names the known ones."""
    for company in cmap.companies:
        if name_key(name) in (name_key(company.id), name_key(company.name)):
            return company
    known = [company.id for company in cmap.companies]
    if not known:
        raise IncompleteDataError(NO_COMPANIES)
    hint = did_you_mean(name.lower(), known, f"companies: {', '.join(known)}")
    raise UsageError(f"unknown company {name!r}; {hint}")


def ladder_tracks(cmap: CareerMap) -> list[str]:
    """Tracks that have a ladder at some company, in the order they first appear."""
    return list(dict.fromkeys(ladder.track for c in cmap.companies for ladder in c.ladders))


def ladder_track_for(cmap: CareerMap, track: str) -> str:
    """The ladder track whose titles ``track`` shows (itself, or e.g. engineering for sre)."""
    tracks = ladder_tracks(cmap)
    if track in tracks:
        return track
    for company in cmap.companies:
        for ladder in company.ladders:
            if track in ladder.shown_for:
                return ladder.track
    raise UsageError(f"no company ladder for track {track!r}; ladders: {', '.join(tracks)}")


def find_companies(cmap: CareerMap, names: list[str] | None) -> list[Company]:
    """The named companies once each, in the order named; all of them when none are named."""
    if not cmap.companies:
        raise IncompleteDataError(NO_COMPANIES)
    found = [find_company(cmap, name) for name in names or ()]
    return list({c.id: c for c in found}.values()) or list(cmap.companies)


def company_level_places(company: Company, name: str) -> list[LevelPlace]:
    """The map's levels a company's level code or title stands for: each matching rung's
    levels on the tracks of its ladder (a code on two ladders, such as Amazon's L6, means
    both)."""
    key = name_key(name)
    return [
        (frozenset((ladder.track, *ladder.shown_for)), *rung.levels)
        for ladder in company.ladders
        for rung in ladder.rungs
        if key in (name_key(rung.code), name_key(rung.title))
    ]


def titles_at(company: Company, role: Role) -> CompanyTitles | None:
    """The role's titles at ``company``, or None when the company has no ladder for its track."""
    ladder = next(filter(None, (company.ladder_for(track) for track in role.tracks)), None)
    if ladder is None:
        return None
    rungs = tuple(r for r in ladder.rungs if levels_overlap(r.levels, role.levels))
    return CompanyTitles(company, ladder, rungs)


def titles(
    cmap: CareerMap, role: Role, companies: list[Company] | None = None
) -> list[CompanyTitles]:
    """The role's titles at every company (or the given ones) that has a ladder for it."""
    found = (titles_at(company, role) for company in companies or cmap.companies)
    return [entry for entry in found if entry is not None]


def resolve_role(cmap: CareerMap, name: str, company: Company | None) -> Role:
    """A role by company title or code (when a company is given), else by id, title or alias.

    A company title or code names a rung; the role is the one on the rung's own track whose
    levels overlap the rung's (as ``titles_at`` pairs them). Several such roles (the same code
    on two ladders, or a rung two roles span) raise ``AmbiguousRoleError`` listing them.
    """
    if company is None:
        return cmap.resolve(name)
    key = name_key(name)
    candidates: dict[str, str] = {}
    matched: list[Rung] = []
    for ladder in company.ladders:
        for rung in ladder.rungs:
            if key not in (name_key(rung.code), name_key(rung.title)):
                continue
            matched.append(rung)
            for role in cmap.roles:
                if role.track == ladder.track and levels_overlap(role.levels, rung.levels):
                    label = f"{role.id} ({company.name} {rung.code} {rung.title})"
                    candidates.setdefault(role.id, label)
    if len(candidates) == 1:
        return cmap.role(next(iter(candidates)))
    if candidates:
        raise AmbiguousRoleError(name, list(candidates.values()))
    if matched:
        rung = matched[0]
        raise UsageError(
            f"{company.name}'s {rung.code} {rung.title!r} is {format_levels(rung.levels)}, "
            "where this map has no role on its track"
        )
    return cmap.resolve(name)


def level_rows(cmap: CareerMap, track: str, companies: list[Company]) -> list[LevelRow]:
    """Canonical levels down the side for one ladder track, a column per company."""
    shown = {track}
    for company in cmap.companies:
        shown.update(t for la in company.ladders if la.track == track for t in la.shown_for)
    ladders = {c.id: next((la for la in c.ladders if la.track == track), None) for c in companies}
    low, high = cmap.level_span
    rows = []
    for level in range(low, high + 1):
        rungs = {}
        for company_id, ladder in ladders.items():
            on_ladder = ladder.rungs if ladder else []
            rungs[company_id] = tuple(r for r in on_ladder if r.has_level(level))
        roles = tuple(r for r in cmap.roles if r.on_track(shown) and r.has_level(level))
        rows.append(LevelRow(level, rungs, roles))
    return rows
