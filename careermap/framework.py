"""The framework view: levels by competencies, and a self-assessment against them.

A ladder's themes give each role a step per theme. ``matrix`` lays those steps out as a
table per track (themes down, the track's roles across in level order); ``assess`` takes the
steps a person gives themselves and finds, per track, the highest role whose every stated
step they meet, and what the roles one upward move away ask beyond that. Nothing here
imports rich, networkx or pydantic.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from careermap.errors import IncompleteDataError, UsageError

if TYPE_CHECKING:
    from careermap.models import CareerMap, Company, Role, Theme


@dataclass(frozen=True)
class TrackMatrix:
    """One track's matrix: its roles in level order (the columns) and the themes any of
    them has a step in (the rows)."""

    track: str
    roles: list[Role]
    themes: list[Theme]

    def step(self, role: Role, theme: Theme) -> float | None:
        return role.proficiency(theme.id)


@dataclass(frozen=True)
class Matrix:
    """``matrix``: a levels-by-competencies table per track."""

    cmap: CareerMap
    tables: list[TrackMatrix]
    company: Company | None = None

    def as_dict(self) -> dict[str, Any]:
        """The matrix as ``matrix --json`` writes it (JSON-ready): per track, the roles in
        column order, and per theme each role's cell (null: none)."""
        result = self
        return {
            "tracks": [
                {
                    "track": table.track,
                    "roles": [role.id for role in table.roles],
                    **(
                        {"titles": {r.id: _titles_at(result.company, r) for r in table.roles}}
                        if result.company
                        else {}
                    ),
                    "themes": [
                        {
                            "id": theme.id,
                            "name": theme.name,
                            "cells": {
                                role.id: None
                                if (step := role.proficiency(theme.id)) is None
                                else {
                                    "step": step,
                                    "words": theme.label(step),
                                    "expectations": list(role.expected(theme.id)),
                                }
                                for role in table.roles
                            },
                        }
                        for theme in table.themes
                    ],
                }
                for table in result.tables
            ]
        }


@dataclass(frozen=True)
class Gap:
    """A theme where a role asks more than the person has."""

    theme: Theme
    have: float
    need: float


@dataclass(frozen=True)
class NextRole:
    """A role one upward move away, with the gaps to it and the themes it states that the
    person did not rate (unknown: never taken as zero)."""

    role: Role
    gaps: list[Gap]
    unknown: list[Theme]


@dataclass(frozen=True)
class TrackAssessment:
    """A track's answer: the highest role met (None: not even the first), the themes it
    states that were not rated (met as far as the rated themes go), and the next roles."""

    track: str
    meets: Role | None
    next: list[NextRole]
    unknown: list[Theme]


@dataclass(frozen=True)
class Assessment:
    """``assess``: the person's steps, and each track's answer."""

    cmap: CareerMap
    ratings: dict[str, float]  # theme id -> step, in the ladder's theme order
    tracks: list[TrackAssessment]

    def as_dict(self) -> dict[str, Any]:
        """The answer as ``assess --json`` writes it (JSON-ready): per track, the highest role
        met, and the next roles with their gaps and the themes they state that were not rated
        (unknown)."""
        result = self
        return {
            "ratings": {theme: _number(step) for theme, step in result.ratings.items()},
            "unrated": [theme.id for theme in result.unrated],
            "tracks": [
                {
                    "track": answer.track,
                    "meets": answer.meets.id if answer.meets else None,
                    "unknown": [theme.id for theme in answer.unknown],
                    "next": [
                        {
                            "role": ahead.role.id,
                            "gaps": [
                                {
                                    "theme": gap.theme.id,
                                    "have": _number(gap.have),
                                    "need": _number(gap.need),
                                }
                                for gap in ahead.gaps
                            ],
                            "unknown": [theme.id for theme in ahead.unknown],
                        }
                        for ahead in answer.next
                    ],
                }
                for answer in result.tracks
            ],
        }

    @property
    def unrated(self) -> list[Theme]:
        """The ladder's themes the person gave no step for."""
        return [theme for theme in self.cmap.themes if theme.id not in self.ratings]


def level_order(cmap: CareerMap, track: str) -> list[Role]:
    """A track's roles from the lowest level to the highest (file order within a level)."""
    return sorted((r for r in cmap.roles if track in r.tracks), key=lambda r: r.levels)


def _themed(cmap: CareerMap) -> None:
    if not cmap.themes:
        raise IncompleteDataError(
            "this ladder defines no competency themes ([[themes]]), so it has no matrix"
        )


def matrix(cmap: CareerMap, tracks: Sequence[str] = (), company: Company | None = None) -> Matrix:
    """The matrix of each of ``tracks`` (every track with a role that has a step, where
    none are given)."""
    _themed(cmap)
    wanted = [cmap.resolve_track(name) for name in tracks] or cmap.tracks
    tables = []
    for track in dict.fromkeys(wanted):
        roles = level_order(cmap, track)
        themes = [t for t in cmap.themes if any(r.proficiency(t.id) is not None for r in roles)]
        if themes or tracks:
            tables.append(TrackMatrix(track, roles, themes))
    return Matrix(cmap, tables, company)


def parse_step(theme: Theme, text: str | float) -> float:
    """A step a person gives for a theme: its position (1 = the first of the scale's words)
    or, on a theme with words, one of the words; a usage error otherwise."""
    from careermap.models import name_key

    if isinstance(text, bool):
        raise UsageError(f"{theme.id}: a step is a number or one of the scale's words")
    if isinstance(text, str):
        words = {name_key(word): i + 1 for i, word in enumerate(theme.scale)}
        if name_key(text) in words:
            return float(words[name_key(text)])
        try:
            value = float(text)
        except ValueError:
            value = float("nan")
    else:
        value = float(text)
    top = len(theme.scale) if theme.scale else 10
    low = 1 if theme.scale else 0
    if not (low <= value <= top) or (theme.scale and not value.is_integer()):
        kind = f"1-{top}: {', '.join(theme.scale)}" if theme.scale else "0-10"
        raise UsageError(f"{text!r} is not a step of theme {theme.id!r} ({kind})")
    return value


def ratings_from(cmap: CareerMap, given: Mapping[str, str | float]) -> dict[str, float]:
    """Theme (id or name) -> step, resolved: theme ids in the ladder's order."""
    _themed(cmap)
    found: dict[str, float] = {}
    for name, step in given.items():
        theme = cmap.resolve_theme(name)
        if theme.id in found:
            raise UsageError(f"theme {theme.id!r} is rated twice")
        found[theme.id] = parse_step(theme, step)
    return {t.id: found[t.id] for t in cmap.themes if t.id in found}


def _meets(role: Role, ratings: Mapping[str, float]) -> bool:
    """Whether every step the role states, of the themes rated, is met."""
    return all(
        have >= need
        for theme, need in role.competencies
        if (have := ratings.get(theme)) is not None
    )


def assess(cmap: CareerMap, ratings: Mapping[str, float]) -> Assessment:
    """Per track (that states any step): the highest role met and the roles one upward move
    away on the track (where none is met, the track's first roles), with their gaps."""
    by_id = {theme.id: theme for theme in cmap.themes}
    answers = []
    for track in cmap.tracks:
        roles = [r for r in level_order(cmap, track) if r.competencies]
        if not roles:
            continue
        met = [r for r in roles if _meets(r, ratings)]
        meets = met[-1] if met else None
        if meets is None:
            lowest = roles[0].levels[0]
            ahead = [r for r in roles if r.levels[0] == lowest]
        else:
            ids = [m.to for m in cmap.moves_from(meets.id, "upward")]
            ahead = [r for r in roles if r.id in ids]
        following = []
        for role in ahead:
            gaps = [
                Gap(by_id[theme], have, need)
                for theme, need in role.competencies
                if (have := ratings.get(theme)) is not None and have < need
            ]
            unknown = [by_id[theme] for theme, _ in role.competencies if theme not in ratings]
            order = list(by_id)
            gaps.sort(key=lambda gap: order.index(gap.theme.id))
            unknown.sort(key=lambda theme: order.index(theme.id))
            following.append(NextRole(role, gaps, unknown))
        unsure = (
            []
            if meets is None
            else [
                t
                for t in by_id.values()
                if t.id in dict(meets.competencies) and t.id not in ratings
            ]
        )
        answers.append(TrackAssessment(track, meets, following, unsure))
    return Assessment(cmap, dict(ratings), answers)


def _number(value: float) -> float:
    """A step as the data would write it: 3, not 3.0."""
    return int(value) if float(value).is_integer() else value


def _titles_at(company: Company | None, role: Role) -> str | None:
    from careermap.ladders import titles_at

    entry = titles_at(company, role) if company else None
    return entry.text if entry else None
