"""The data file's models: roles, moves and meta, and the checks that span records.

The keys are a contract that other tools write to, so the models are strict: unknown keys, strings
where numbers belong and reversed ranges are all rejected. Cross-record integrity (ids exist, are
unique, kinds agree with levels) is checked once, here, so the rest of careermap can trust a
``CareerMap`` it is handed.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Annotated, Any, Literal

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    PrivateAttr,
    model_validator,
)

from careermap.errors import AmbiguousRoleError, UnknownRoleError

ID_PATTERN = r"^[a-z0-9]+(-[a-z0-9]+)*$"
MAX_LEVEL = 99
KINDS: tuple[str, ...] = ("lateral", "upward", "downward")

Kind = Literal["lateral", "upward", "downward"]
Slug = Annotated[str, Field(pattern=ID_PATTERN)]
Text = Annotated[str, Field(min_length=1)]
Score = Annotated[float, Field(ge=0, le=10, allow_inf_nan=False)]


@dataclass(frozen=True)
class Problem:
    """One thing wrong with a data file: where (a pydantic-style location) and what."""

    loc: tuple[str | int, ...]
    message: str


class IntegrityError(Exception):
    """Raised by ``CareerMap`` validation with every cross-record problem found.

    The loader turns it into a ``DataError`` that names the file; it is not a ``ValueError``
    on purpose, so pydantic lets it through instead of folding it into one message.
    """

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        super().__init__("; ".join(p.message for p in problems))


def _is_number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def format_levels(levels: tuple[int, int]) -> str:
    """``(6, 7)`` -> ``"L6-7"``, ``(5, 5)`` -> ``"L5"``."""
    low, high = levels
    return f"L{low}" if low == high else f"L{low}-{high}"


def name_key(name: str) -> str:
    """The form role names are compared in: case-folded, punctuation and spaces collapsed."""
    return " ".join(re.split(r"[^0-9a-z]+", name.casefold())).strip()


def _parse_levels(value: Any) -> tuple[int, int]:
    """An integer level or a ``[min, max]`` pair, as a checked ``(min, max)`` tuple."""
    if isinstance(value, int) and not isinstance(value, bool):
        low = high = value
    elif (
        isinstance(value, list | tuple)
        and len(value) == 2
        and all(isinstance(v, int) and not isinstance(v, bool) for v in value)
    ):
        low, high = value
    else:
        raise ValueError("must be an integer level or a [min, max] pair of integers")
    if not 0 <= low <= MAX_LEVEL or not 0 <= high <= MAX_LEVEL:
        raise ValueError(f"levels must be between 0 and {MAX_LEVEL}")
    if low > high:
        raise ValueError(f"minimum level {low} is greater than maximum level {high}")
    return (low, high)


# Checked by pydantic-core alone (no Python call per move): two finite, non-negative numbers.
# That min <= max and that a move does not loop are checked with the other cross-record
# rules, once per file.
YearRange = Annotated[
    tuple[
        Annotated[float, Field(ge=0, allow_inf_nan=False)],
        Annotated[float, Field(ge=0, allow_inf_nan=False)],
    ],
    Field(strict=False),
]

LevelRange = Annotated[
    tuple[int, int],
    BeforeValidator(_parse_levels, json_schema_input_type=int | tuple[int, int]),
]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True, populate_by_name=False)


class Skills(_Strict):
    """A role's position on the skills map: hard skills (y) and soft skills (x), 0-10, relative."""

    hard: Score
    soft: Score


class Role(_Strict):
    """A job role spanning one level or a range of levels on one track."""

    id: Slug
    title: Text
    track: Slug
    levels: LevelRange
    skills: Skills | None = None
    aliases: list[Text] = Field(default_factory=list)
    description: str = ""
    source: Text | None = None

    def has_level(self, level: int) -> bool:
        return self.levels[0] <= level <= self.levels[1]


class Move(_Strict):
    """A transition between two roles, with the years it usually takes."""

    from_: Slug = Field(alias="from")
    to: Slug
    kind: Kind
    years: YearRange
    source: Text | None = None
    note: str | None = None

    @property
    def min_years(self) -> float:
        return self.years[0]

    @property
    def max_years(self) -> float:
        return self.years[1]


class MetaSource(_Strict):
    """A document the data is drawn from; ``key`` is what roles and moves cite in ``source``."""

    key: Slug | None = None
    title: Text
    author: str | None = None
    url: str | None = None
    published: str | None = None


class ScaleUp(_Strict):
    """How much faster moves go at a fast-growing company: years are multiplied by ``factor``."""

    factor: Annotated[float, Field(gt=0, le=1, allow_inf_nan=False)]
    source: Text | None = None
    note: str | None = None


class Meta(_Strict):
    """What the data file describes and where it comes from."""

    name: Text
    description: str | None = None
    sources: list[MetaSource] = Field(default_factory=list)
    scale_up: ScaleUp | None = None


class Rung(_Strict):
    """One step of a company's ladder and the canonical level(s) it corresponds to."""

    code: Text
    title: Text
    levels: LevelRange
    source: Text | None = None

    def has_level(self, level: int) -> bool:
        return self.levels[0] <= level <= self.levels[1]


class Ladder(_Strict):
    """A company's ladder for one track; ``shown_for`` tracks display its titles too."""

    track: Slug
    shown_for: list[Slug] = Field(default_factory=list)
    source: Text | None = None
    rungs: list[Rung] = Field(min_length=1)


class Company(_Strict):
    """A company's own titles and level codes, mapped onto the map's canonical levels."""

    id: Slug
    name: Text
    source: Text | None = None
    note: str | None = None
    ladders: list[Ladder] = Field(min_length=1)

    def ladder_for(self, track: str) -> Ladder | None:
        """The ladder whose titles a role on ``track`` carries here, if any."""
        for ladder in self.ladders:
            if ladder.track == track or track in ladder.shown_for:
                return ladder
        return None


class CareerMap(_Strict):
    """A whole data file: the roles, the moves between them, and optional meta.

    Validation checks every cross-record rule and reports all problems at once. Afterwards the
    map answers the lookups that need no graph algorithm (so they need no networkx).
    """

    meta: Meta | None = None
    roles: list[Role] = Field(min_length=1)
    moves: list[Move] = Field(default_factory=list)
    companies: list[Company] = Field(default_factory=list)
    schema_: str | None = Field(default=None, alias="$schema")  # for editors; ignored

    _by_id: dict[str, Role] = PrivateAttr(default_factory=dict)
    _names: dict[str, set[str]] = PrivateAttr(default_factory=dict)

    @model_validator(mode="after")
    def _integrity(self) -> CareerMap:
        problems = [
            *_check_integrity(self.roles, self.moves),
            *_check_companies(self.companies, self.roles),
        ]
        if problems:
            raise IntegrityError(problems)
        self._by_id = {role.id: role for role in self.roles}
        names: dict[str, set[str]] = {}
        for role in self.roles:
            for name in (role.id, role.title, *role.aliases):
                names.setdefault(name_key(name), set()).add(role.id)
        self._names = names
        return self

    # -- lookups -------------------------------------------------------------------------

    def role(self, role_id: str) -> Role:
        """The role with this exact id (ids come from validated data, so it exists)."""
        return self._by_id[role_id]

    def resolve(self, name: str) -> Role:
        """Find a role by id, title or alias, ignoring case and punctuation.

        Raises ``UnknownRoleError`` with the closest names, or ``AmbiguousRoleError``.
        """
        matches = self._names.get(name_key(name), set())
        if len(matches) == 1:
            return self._by_id[next(iter(matches))]
        if matches:
            raise AmbiguousRoleError(name, sorted(matches))
        raise UnknownRoleError(name, self.suggest(name))

    def suggest(self, name: str, limit: int = 3) -> list[str]:
        """Role ids whose id, title or alias is nearly as close to ``name`` as the closest."""
        wanted = name_key(name)
        scored: dict[str, float] = {}
        for key, role_ids in self._names.items():
            score = difflib.SequenceMatcher(None, wanted, key).ratio()
            for role_id in role_ids:
                scored[role_id] = max(score, scored.get(role_id, 0.0))
        ranked = sorted(scored.items(), key=lambda item: (-item[1], item[0]))
        if not ranked or ranked[0][1] < 0.6:
            return []
        best = ranked[0][1]
        return [role_id for role_id, score in ranked[:limit] if score >= best - 0.05]

    def filter_roles(self, level: int | None = None, track: str | None = None) -> list[Role]:
        """Roles whose level range contains ``level`` and whose track is ``track`` (if given)."""
        return [
            role
            for role in self.roles
            if (level is None or role.has_level(level)) and (track is None or role.track == track)
        ]

    def moves_from(self, role_id: str, kind: str | None = None) -> list[Move]:
        return [m for m in self.moves if m.from_ == role_id and (kind is None or m.kind == kind)]

    def moves_into(self, role_id: str, kind: str | None = None) -> list[Move]:
        return [m for m in self.moves if m.to == role_id and (kind is None or m.kind == kind)]

    @property
    def tracks(self) -> list[str]:
        """Tracks in the order they first appear in the file."""
        return list(dict.fromkeys(role.track for role in self.roles))

    @property
    def level_span(self) -> tuple[int, int]:
        return min(r.levels[0] for r in self.roles), max(r.levels[1] for r in self.roles)


def kind_problem(kind: str, source: Role, target: Role) -> str | None:
    """Why a move of this kind between these roles disagrees with their levels, or None."""
    (from_min, from_max), (to_min, to_max) = source.levels, target.levels
    where = (
        f"{source.id} is {format_levels(source.levels)} and {target.id} is "
        f"{format_levels(target.levels)}"
    )
    if kind == "upward" and not to_min > from_min:
        return f"an upward move must go to a higher minimum level, but {where}"
    if kind == "downward" and not to_min < from_min:
        return f"a downward move must go to a lower minimum level, but {where}"
    if kind == "lateral" and not (to_min <= from_max and from_min <= to_max):
        return f"a lateral move must stay within overlapping levels, but {where}"
    return None


def _check_integrity(roles: list[Role], moves: list[Move]) -> Iterable[Problem]:
    """Every cross-record problem: duplicate ids and aliases, dangling moves, wrong kinds."""
    first_index: dict[str, int] = {}
    for i, role in enumerate(roles):
        if role.id in first_index:
            yield Problem(
                ("roles", i, "id"),
                f"duplicate role id {role.id!r} (first defined at roles[{first_index[role.id]}])",
            )
        else:
            first_index[role.id] = i

    owner: dict[str, str] = {name_key(role.id): role.id for role in roles}
    for i, role in enumerate(roles):
        for j, alias in enumerate(role.aliases):
            key = name_key(alias)
            taken_by = owner.get(key)
            if taken_by is None:
                owner[key] = role.id
            elif taken_by != role.id:
                yield Problem(
                    ("roles", i, "aliases", j),
                    f"alias {alias!r} of role {role.id!r} is already the id or an alias "
                    f"of role {taken_by!r}",
                )
            elif key != name_key(role.id):
                yield Problem(
                    ("roles", i, "aliases", j),
                    f"alias {alias!r} is listed twice for role {role.id!r}",
                )

    by_id: dict[str, Role] = {}
    for role in roles:
        by_id.setdefault(role.id, role)
    ids = list(by_id)
    seen_pairs: dict[tuple[str, str], int] = {}
    for i, move in enumerate(moves):
        label = f"move {move.from_} -> {move.to}"
        low, high = move.years
        if low > high:
            yield Problem(
                ("moves", i, "years"),
                f"minimum {low:g} is greater than maximum {high:g} ({label})",
            )
        if move.from_ == move.to:
            yield Problem(("moves", i, "to"), f"a move cannot go from {move.to!r} to itself")
            continue
        dangling = False
        for field, role_id in (("from", move.from_), ("to", move.to)):
            if role_id not in by_id:
                dangling = True
                hint = difflib.get_close_matches(role_id, ids, n=1)
                suffix = f"; did you mean {hint[0]!r}?" if hint else ""
                yield Problem(("moves", i, field), f"unknown role {role_id!r} in {label}{suffix}")
        pair = (move.from_, move.to)
        if pair in seen_pairs:
            yield Problem(
                ("moves", i),
                f"duplicate {label} (first defined at moves[{seen_pairs[pair]}])",
            )
        else:
            seen_pairs[pair] = i
        if not dangling:
            problem = kind_problem(move.kind, by_id[move.from_], by_id[move.to])
            if problem:
                yield Problem(("moves", i, "kind"), f"{label}: {problem}")


def _check_companies(companies: list[Company], roles: list[Role]) -> Iterable[Problem]:
    """Company ladders: unique ids, known tracks, rungs in order within the map's levels."""
    tracks = list(dict.fromkeys(role.track for role in roles))
    low = min(role.levels[0] for role in roles)
    high = max(role.levels[1] for role in roles)
    seen: dict[str, int] = {}
    for c, company in enumerate(companies):
        where: tuple[str | int, ...] = ("companies", c)
        if company.id in seen:
            yield Problem(
                (*where, "id"),
                f"duplicate company id {company.id!r} "
                f"(first defined at companies[{seen[company.id]}])",
            )
        seen.setdefault(company.id, c)
        claimed: dict[str, int] = {}
        for i, ladder in enumerate(company.ladders):
            at = (*where, "ladders", i)
            for field, track in (
                ("track", ladder.track),
                *(("shown_for", t) for t in ladder.shown_for),
            ):
                if track not in tracks:
                    yield Problem(
                        (*at, field),
                        f"unknown track {track!r} in company {company.id!r}; "
                        f"the map's tracks are {', '.join(tracks)}",
                    )
                elif track in claimed:
                    yield Problem(
                        (*at, field),
                        f"company {company.id!r} already has a ladder for track {track!r} "
                        f"(ladders[{claimed[track]}])",
                    )
                else:
                    claimed[track] = i
            codes: set[str] = set()
            previous: Rung | None = None
            for r, rung in enumerate(ladder.rungs):
                label = f"rung {rung.code!r} of company {company.id!r}"
                if not (low <= rung.levels[0] and rung.levels[1] <= high):
                    yield Problem(
                        (*at, "rungs", r, "levels"),
                        f"{label} is {format_levels(rung.levels)}, outside the map's levels "
                        f"L{low}-{high}",
                    )
                if previous is not None and rung.levels[0] <= previous.levels[1]:
                    yield Problem(
                        (*at, "rungs", r, "levels"),
                        f"{label} ({format_levels(rung.levels)}) must come above the rung "
                        f"before it, {previous.code!r} ({format_levels(previous.levels)}): "
                        "rungs go up the levels without overlapping",
                    )
                if name_key(rung.code) in codes:
                    yield Problem((*at, "rungs", r, "code"), f"{label} is listed twice")
                codes.add(name_key(rung.code))
                previous = rung


def json_schema() -> dict[str, Any]:
    """The JSON Schema of a data file, from these models (for editors and other tools)."""
    schema = CareerMap.model_json_schema(by_alias=True, mode="validation")
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "careermap data file",
        "description": (
            "Roles, the moves between them, optional meta and company ladders. Cross-record "
            "rules (ids unique and existing, kinds agreeing with levels, rungs in order) are "
            "checked by careermap itself: run careermap validate FILE."
        ),
        **{key: value for key, value in schema.items() if key not in ("title", "description")},
    }
