"""The career map careermap works with: roles, moves, meta and company ladders, and lookups.

These are plain, slotted dataclasses built from a document ``schema.py`` has checked, and
kept cheap on purpose: a map read from the validation cache is built without pydantic at all.
The rules that span records (ids exist and are unique, kinds agree with levels, rungs are in
order) are checked here, once, by ``integrity_problems``, so the rest of careermap can trust a
``CareerMap`` it is handed.
"""

from __future__ import annotations

import dataclasses
import difflib
import functools
import itertools
import re
import typing
import unicodedata
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Annotated, Any, TypeVar

from careermap.errors import (
    AmbiguousRoleError,
    IncompleteDataError,
    UnknownRoleError,
    UsageError,
)
from careermap.limits import MAX_CURVE, MAX_LEVEL, MAX_YEARS

T = TypeVar("T")
# What separates the words of a name; every other character, in any script, counts (so
# "C++ Dev" and "C# Dev" differ, and "Старший инженер" is a name).
_NAME_SPLIT = re.compile(
    "[\\s!\"$'()*,\\-./:;<=>?\\[\\\\\\]^_`{|}~\u00a1-\u00bf\u2010-\u205f\u3000-\u303f]+"
)
MAX_NAME = 200  # characters of a name looked up; a longer one matches nothing


@dataclass(frozen=True)
class Problem:
    """One thing wrong with a data file: where (a pydantic-style location) and what."""

    loc: tuple[str | int, ...]
    message: str


def format_levels(levels: tuple[int, int]) -> str:
    """``(6, 7)`` -> ``"L6-7"``, ``(5, 5)`` -> ``"L5"``."""
    low, high = levels
    return f"L{low}" if low == high else f"L{low}-{high}"


def name_key(name: str) -> str:
    """The form names are compared in: Unicode NFKC, case-folded, separators collapsed."""
    folded = unicodedata.normalize("NFKC", name).casefold()
    return " ".join(part for part in _NAME_SPLIT.split(folded) if part)


def did_you_mean(name: str, known: Sequence[str], otherwise: str = "") -> str:
    """``did you mean X?`` for the known name closest to ``name``, else ``otherwise``.

    The one place careermap suggests a near name for a track, a company or a role id in a
    file (role names given on the command line get ``CareerMap.suggest``, which also
    weighs titles and aliases).
    """
    close = difflib.get_close_matches(name, known, n=1)
    return f"did you mean {close[0]}?" if close else otherwise


def levels_overlap(a: tuple[int, int], b: tuple[int, int]) -> bool:
    """Whether two level ranges share a level: lateral moves, company rungs and roles."""
    return a[0] <= b[1] and b[0] <= a[1]


# -- what each field holds -------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Rule:
    """What a field's values must be beyond their Python type: the schema's constraint, said
    once on the dataclass field (``id: Slug``, ``Slug = Annotated[str, Rule(text="slug")]``),
    so that the cache's re-check of an entry derives from the records' own annotations,
    without pydantic (``tests/test_models.py`` holds each to the schema's type)."""

    text: str | None = None  # "slug", "line", "text" (a line, not empty) or "prose"
    low: float | None = None  # numbers: the least allowed (above it only, with ``above``)
    high: float | None = None  # the most allowed
    above: bool = False  # ``low`` itself is not allowed (a scale-up factor)
    non_empty: bool = False  # a tuple of at least one item
    most: int | None = None  # a tuple of at most this many items
    ordered: bool = False  # a pair (low, high) with low <= high where both are given
    choices: tuple[str, ...] = ()  # a word of this set


KINDS = ("lateral", "upward", "downward")  # a move's kinds (schema.Kind)
Slug = Annotated[str, Rule(text="slug")]
Line = Annotated[str, Rule(text="line")]
Text = Annotated[str, Rule(text="text")]
Prose = Annotated[str, Rule(text="prose")]
Kind = Annotated[str, Rule(choices=KINDS)]
Rank = Annotated[int, Rule(low=0, high=MAX_LEVEL)]
Count = Annotated[int, Rule(low=0)]
Score = Annotated[float, Rule(low=0, high=10)]  # skills, and proficiencies
Share = Annotated[float, Rule(low=0, high=1)]
Years = Annotated[float, Rule(low=0, high=MAX_YEARS)]
Factor = Annotated[float, Rule(low=0, high=1, above=True)]
RankRange = Annotated[tuple[Rank, Rank], Rule(ordered=True)]
YearSpan = Annotated[tuple[Years | None, Years | None], Rule(ordered=True)]
NON_EMPTY = Rule(non_empty=True)


@dataclass(frozen=True, slots=True)
class Skills:
    """A role's position on the skills map: hard skills (y) and soft skills (x), 0-10, relative."""

    hard: Score
    soft: Score


@dataclass(frozen=True, slots=True)
class Role:
    """A job role spanning one level or a range of levels, on one track or on several (a
    path that tracks share before they split). ``entry`` marks a starting point and
    ``terminal`` a level people may stay in, both by design."""

    id: Slug
    title: Text
    tracks: Annotated[tuple[Slug, ...], NON_EMPTY]
    levels: RankRange
    skills: Skills | None = None
    aliases: tuple[Text, ...] = ()
    description: Prose = ""
    source: Text | None = None
    entry: bool = False
    terminal: bool = False
    competencies: tuple[tuple[Slug, Score], ...] = ()  # (theme id, proficiency), file order
    expectations: tuple[tuple[Slug, tuple[Text, ...]], ...] = ()  # (theme id, what is expected)

    def __post_init__(self) -> None:
        if isinstance(self.tracks, str):  # Role(id, title, "engineering", ...)
            object.__setattr__(self, "tracks", (self.tracks,))

    @property
    def track(self) -> str:
        """The role's first track: where it is drawn, and what one-track readers see."""
        return self.tracks[0]

    def on_track(self, tracks: Iterable[str]) -> bool:
        """Whether the role is on any of ``tracks``."""
        return not set(self.tracks).isdisjoint(tracks)

    def has_level(self, level: int) -> bool:
        return self.levels[0] <= level <= self.levels[1]

    def proficiency(self, theme: str) -> float | None:
        """The role's proficiency in ``theme``, None where the data gives none."""
        return dict(self.competencies).get(theme)

    def expected(self, theme: str) -> tuple[str, ...]:
        """What the role is expected to do in ``theme``."""
        return dict(self.expectations).get(theme, ())

    def as_dict(self) -> dict[str, Any]:
        """The role as one flat, JSON-ready row: ``track`` (the first) and ``tracks``,
        ``level_min`` and ``level_max``, ``skills.hard``, ``competencies.THEME``,
        ``expectations.THEME``; for ``pandas.DataFrame([r.as_dict() for r in roles])``."""
        row: dict[str, Any] = {"id": self.id, "title": self.title, "track": self.track}
        row.update(tracks=list(self.tracks), level_min=self.levels[0], level_max=self.levels[1])
        skills = self.skills
        row["skills.hard"] = skills.hard if skills else None
        row["skills.soft"] = skills.soft if skills else None
        row.update(aliases=list(self.aliases), description=self.description)
        row.update(source=self.source, entry=self.entry, terminal=self.terminal)
        row.update(flat({"competencies": dict(self.competencies)}))
        row.update(flat({"expectations": {t: list(x) for t, x in self.expectations}}))
        return row


@dataclass(frozen=True, slots=True)
class Theme:
    """A competency roles hold at a proficiency: a 1-based position on ``scale``, or 0-10."""

    id: Slug
    name: Text
    about: Prose | None = None
    scale: tuple[Text, ...] = ()

    def as_dict(self) -> dict[str, Any]:
        """The theme as a flat, JSON-ready row (its scale's words as a list)."""
        return {"id": self.id, "name": self.name, "about": self.about, "scale": list(self.scale)}

    def label(self, proficiency: float) -> str:
        """A proficiency in the theme's words: its scale name, or the number."""
        if self.scale and float(proficiency).is_integer() and 1 <= proficiency <= len(self.scale):
            return self.scale[int(proficiency) - 1]
        return f"{proficiency:g}"


@dataclass(frozen=True, slots=True)
class Evidence:
    """What people's records say of a move (``careermap calibrate``): people seen in its first
    role, how many made it, the share who ever make it, the P10, median and P90 of their years
    before it, and the cumulative share after 0.5, 1, 1.5, ... years (``curve``). Under the
    calibration's min_people only the counts are given."""

    people: Count
    moved: Count
    share: Share | None = None
    p10: Years | None = None
    median: Years | None = None
    p90: Years | None = None
    curve: Annotated[tuple[Share, ...], Rule(most=MAX_CURVE)] = ()

    @property
    def figures(self) -> bool:
        """Whether the records give this move's years: its curve, share and P10, median and
        P90 (a quantile the records cannot reach is None)."""
        return (
            bool(self.curve)
            and self.share is not None
            and None not in (self.p10, self.median, self.p90)
        )

    @property
    def chances(self) -> bool:
        """Whether the records give the move's curve and share: enough for ``chance``."""
        return bool(self.curve) and self.share is not None


CURVE_STEP = 0.5  # years between the points of an evidence curve


@dataclass(slots=True)
class Move:
    """A transition between two roles, with the years it usually takes.

    Not frozen, unlike the other records: a map may hold a million moves, and a frozen
    dataclass's ``__init__`` costs half as much again. Nothing changes a move once built.
    """

    from_: Slug
    to: Slug
    kind: Kind
    # (min, max): max None is open-ended ("4+"), min None is "at most" ({max = 2}); None:
    # the data gives no duration.
    years: YearSpan | None = None
    source: Text | None = None
    note: Prose | None = None
    condition: Text | None = None  # what the move depends on: "by interview", "business need"
    rare: bool = False  # seldom made; routes can leave it out (RouteQuery.no_rare)
    evidence: Evidence | None = None  # what people's records say of it (calibrate)

    def as_dict(self) -> dict[str, Any]:
        """The move as a flat, JSON-ready row: ``min_years`` and ``max_years`` (None: open or
        unknown), as ``--json`` writes a move."""
        return {
            "from": self.from_,
            "to": self.to,
            "kind": self.kind,
            "min_years": self.min_years,
            "max_years": self.max_years,
            "source": self.source,
            "note": self.note,
            "condition": self.condition,
            "rare": self.rare,
        }

    @property
    def min_years(self) -> float | None:
        """The fewest years the move takes, or None where the data gives none (no duration,
        or only a maximum)."""
        return None if self.years is None else self.years[0]

    @property
    def max_years(self) -> float | None:
        """The most years it takes, or None where unknown or open-ended ("4+")."""
        return None if self.years is None else self.years[1]


@dataclass(frozen=True, slots=True)
class MetaSource:
    """A document the data is drawn from; ``key`` is what roles and moves cite in ``source``."""

    title: Text
    key: Slug | None = None
    author: Line | None = None
    url: Line | None = None
    published: Line | None = None


@dataclass(frozen=True, slots=True)
class ScaleUp:
    """How much faster moves go at a fast-growing company: years are multiplied by ``factor``."""

    factor: Factor
    source: Text | None = None
    note: Prose | None = None


@dataclass(frozen=True, slots=True)
class Axes:
    """What the skills map's axes measure on this ladder."""

    x: Text
    y: Text


DEFAULT_AXES = Axes("soft skills", "hard skills")
# What the article means by its axes; said only where a ladder keeps them.
DEFAULT_AXES_DETAIL = Axes(
    "communication, relationships, organisation", "programming, systems, product"
)


@dataclass(frozen=True, slots=True)
class Level:
    """A name (and a short code) for a level rank: on the scale of ``on_tracks`` (written
    ``track`` in the file), or on the shared scale where none are given. ``band`` places it
    against the levels of other scales (the same band: equivalent levels)."""

    rank: Rank
    name: Text
    code: Text | None = None
    on_tracks: tuple[Slug, ...] = ()
    band: Rank | None = None


@dataclass(frozen=True, slots=True)
class Scale:
    """The levels one or more tracks are ranked on: their own (``name`` says whose), or the
    shared scale (``name`` None) of every track that has none of its own."""

    name: str | None
    tracks: tuple[str, ...]
    levels: tuple[Level, ...]  # file order

    @property
    def label(self) -> str:
        """How messages and tables name the scale."""
        return "the shared scale" if self.name is None else f"the {self.name} scale"

    def level(self, rank: int) -> Level | None:
        """The scale's level of this rank, if it names one."""
        return next((level for level in self.levels if level.rank == rank), None)

    def bands(self, levels: tuple[int, int]) -> tuple[int, int] | None:
        """The bands of a level range on this scale, None unless both ends have one."""
        low, high = self.level(levels[0]), self.level(levels[1])
        if low is None or high is None or low.band is None or high.band is None:
            return None
        return (low.band, high.band)


# Where a role stands, for comparing it with another: (its scale's name, its lowest and
# highest rank, and the bands of those ranks or None). Ranks compare within one scale; across
# scales only bands do, and where a scale has none the levels do not compare at all.
Position = tuple[str | None, int, int, int | None, int | None]
# A level as a filter means: (the tracks whose scale it is on, None for every track; the
# lowest and highest rank).
LevelPlace = tuple[frozenset[str] | None, int, int]


def compare_positions(
    a: Position, b: Position
) -> tuple[str, tuple[int, int], tuple[int, int]] | None:
    """How two positions compare: ("rank", a's ranks, b's) on one scale, ("band", a's
    bands, b's) across scales with bands, or None (different scales and no mapping)."""
    if a[0] == b[0]:
        return ("rank", (a[1], a[2]), (b[1], b[2]))
    if a[3] is not None and a[4] is not None and b[3] is not None and b[4] is not None:
        return ("band", (a[3], a[4]), (b[3], b[4]))
    return None


def kind_fits_at(kind: str, source: Position, target: Position) -> bool:
    """``kind_fits`` for roles that may be on different scales: ranks on one scale, bands
    across scales; between scales with no mapping any kind fits (nothing says otherwise)."""
    basis = compare_positions(source, target)
    if basis is None:
        return kind in KIND_RULES
    return kind_fits(kind, basis[1], basis[2])


@dataclass(frozen=True, slots=True)
class Calibration:
    """Where a ladder's move evidence comes from (``careermap calibrate``)."""

    records: Count
    people: Count
    since: Text
    until: Text
    min_people: Annotated[int, Rule(low=1)]
    method: Text


@dataclass(frozen=True, slots=True)
class Meta:
    """What the data file describes and where it comes from."""

    name: Text
    description: Prose | None = None
    source: Text | None = None  # of every role and move that names none
    sources: tuple[MetaSource, ...] = ()
    scale_up: ScaleUp | None = None
    axes: Axes | None = None
    evidence: Calibration | None = None


@dataclass(frozen=True, slots=True)
class Rung:
    """One step of a company's ladder and the canonical level(s) it corresponds to."""

    code: Text
    title: Text
    levels: RankRange
    source: Text | None = None

    def has_level(self, level: int) -> bool:
        return self.levels[0] <= level <= self.levels[1]


@dataclass(frozen=True, slots=True)
class Ladder:
    """A company's ladder for one track; ``shown_for`` tracks display its titles too."""

    track: Slug
    rungs: Annotated[tuple[Rung, ...], NON_EMPTY]
    shown_for: tuple[Slug, ...] = ()
    source: Text | None = None


@dataclass(frozen=True, slots=True)
class Company:
    """A company's own titles and level codes, mapped onto the map's canonical levels."""

    id: Slug
    name: Text
    ladders: Annotated[tuple[Ladder, ...], NON_EMPTY]
    source: Text | None = None
    note: Prose | None = None

    def ladder_for(self, track: str) -> Ladder | None:
        """The ladder whose titles a role on ``track`` carries here, if any."""
        for ladder in self.ladders:
            if ladder.track == track or track in ladder.shown_for:
                return ladder
        return None


# -- one declaration per record ----------------------------------------------------------------


def _cited(record: dict[str, Any], default: str | None) -> dict[str, Any]:
    """A role's or move's document without its source where that is the file's default."""
    if default and record.get("source") == default:
        del record["source"]
    return record


def _years_form(years: tuple[float | None, float | None] | None) -> Any:
    """A move's years as the document writes them (the inverse of reading them)."""
    if years is None:
        return None
    low, high = years
    if low is None:
        return {"max": high}
    return {"min": low} if high is None else [low, high]


# Each record above is declared once; its document form (what schema.py checks and export
# writes) is derived from its fields. A field's key in the document is its name, except:
DOCUMENT_KEYS = {"from_": "from", "tracks": "track", "on_tracks": "track"}
# Fields whose document form is not their type's: one track is written as a string.
FIELD_FORMS: dict[str, tuple[Callable[[Any], Any], Callable[[Any], Any]]] = {
    "tracks": (
        lambda value: (value,) if isinstance(value, str) else tuple(value),
        lambda tracks: tracks[0] if len(tracks) == 1 else list(tracks),
    ),
    # Tables of theme -> value in the file; pairs in the map (records stay hashable). An
    # empty table is left out of the document, as None is.
    # A level's tracks: none (the shared scale), one written as a string, or a list.
    "on_tracks": (
        lambda value: () if value is None else (value,) if isinstance(value, str) else tuple(value),
        lambda tracks: None if not tracks else tracks[0] if len(tracks) == 1 else list(tracks),
    ),
    "competencies": (lambda table: tuple(table.items()), lambda pairs: dict(pairs) or None),
    "scale": (tuple, lambda scale: list(scale) or None),
    "curve": (tuple, lambda curve: list(curve) or None),
    # [min, max] as a pair; {min = N} (open-ended) as (N, None); {max = M} (at most) as
    # (None, M); no years: None (unknown).
    "years": (
        lambda value: (
            (value.get("min"), value.get("max")) if isinstance(value, dict) else tuple(value)
        ),
        _years_form,
    ),
    "expectations": (
        lambda table: tuple((theme, tuple(texts)) for theme, texts in table.items()),
        lambda pairs: {theme: list(texts) for theme, texts in pairs} or None,
    ),
}
# Required fields come first in a dataclass; where a document lists its keys in another
# order, that order (tests/test_models.py checks both against schema.py):
DOCUMENT_ORDER: dict[str, tuple[str, ...]] = {
    "MetaSource": ("key", "title", "author", "url", "published"),
    "Ladder": ("track", "shown_for", "source", "rungs"),
    "Company": ("id", "name", "source", "note", "ladders"),
}


_PLANS: dict[type, list[tuple[str, str, Callable[[Any], Any]]]] = {}


def _plan(cls: type) -> list[tuple[str, str, Callable[[Any], Any]]]:
    """(field, document key, how to convert a document value) for each field of ``cls``."""
    plan = _PLANS.get(cls)
    if plan is None:
        hints = typing.get_type_hints(cls)
        plan = _PLANS[cls] = [
            (
                f.name,
                DOCUMENT_KEYS.get(f.name, f.name),
                FIELD_FORMS[f.name][0] if f.name in FIELD_FORMS else _converter(hints[f.name]),
            )
            for f in dataclasses.fields(cls)
        ]
    return plan


def _converter(hint: Any) -> Callable[[Any], Any]:
    """Document value -> field value: nested records built, lists made tuples."""
    args = [arg for arg in typing.get_args(hint) if arg is not type(None)]
    if dataclasses.is_dataclass(hint):
        return lambda value: record_from(hint, value)  # type: ignore[arg-type]
    if typing.get_origin(hint) is tuple:
        if len(args) == 2 and args[1] is Ellipsis and dataclasses.is_dataclass(args[0]):
            item = args[0]
            return lambda value: tuple(record_from(item, x) for x in value)  # type: ignore[arg-type]
        return tuple
    if len(args) == 1 and dataclasses.is_dataclass(args[0]):  # an optional record
        inner = _converter(args[0])
        return lambda value: None if value is None else inner(value)
    return _same


def _same(value: Any) -> Any:
    return value


_BUILDERS: dict[type, Callable[[dict[str, Any]], Any]] = {}


def record_from(cls: type[T], data: dict[str, Any]) -> T:
    """A record from its document form; keys left out take the field's default."""
    build = _BUILDERS.get(cls)
    if build is None:
        build = _BUILDERS[cls] = _builder(cls)
    record: T = build(data)
    return record


def _builder(cls: type) -> Callable[[dict[str, Any]], Any]:
    """The function that builds ``cls`` from its document form, written once per record type
    from ``_plan`` (as ``dataclasses`` writes ``__init__``): a map of 100,000 moves is built
    three times as fast as by a loop over the plan for each move."""
    plan = _plan(cls)
    namespace: dict[str, Any] = {
        "cls": cls,
        "keys": frozenset(key for _, key, _ in plan),
        "required": frozenset(
            key
            for (_, key, _), f in zip(plan, dataclasses.fields(cls), strict=True)
            if f.default is dataclasses.MISSING and f.default_factory is dataclasses.MISSING
        ),
    }
    args = []
    for index, ((_, key, convert), f) in enumerate(zip(plan, dataclasses.fields(cls), strict=True)):
        value = f"data[{key!r}]" if convert is _same else f"convert{index}(data[{key!r}])"
        namespace[f"convert{index}"] = convert
        if key in namespace["required"]:
            args.append(value)
        elif f.default_factory is not dataclasses.MISSING:
            namespace[f"default{index}"] = f.default_factory
            args.append(f"{value} if {key!r} in data else default{index}()")
        else:
            namespace[f"default{index}"] = f.default
            args.append(f"{value} if {key!r} in data else default{index}")
    source = (
        "def build(data):\n"
        "    if not (required <= data.keys() <= keys):\n"
        f"        raise TypeError(f'the keys of a {cls.__name__}: {{sorted(data.keys())}}')\n"
        f"    return cls({', '.join(args)})\n"
    )
    exec(source, namespace)  # our own field names and keys: nothing from the data
    build: Callable[[dict[str, Any]], Any] = namespace["build"]
    return build


def record_to(record: Any, keep_none: bool = False) -> dict[str, Any]:
    """A record's document form: nested records as dicts, tuples as lists, None and false
    flags left out (kept with ``keep_none``, as ``--json`` shows every key)."""
    values = {
        key: FIELD_FORMS[name][1](getattr(record, name))
        if name in FIELD_FORMS
        else getattr(record, name)
        for name, key, _ in _plan(type(record))
    }
    order = DOCUMENT_ORDER.get(type(record).__name__, tuple(values))
    return {
        key: _plain(values[key], keep_none)
        for key in order
        if keep_none or (values[key] is not None and values[key] is not False)
    }


def document_fields(cls: type) -> list[tuple[str, str]]:
    """(field, document key) for each field of a record, in field order: what a form of the
    record derives from (``--json``, the page's data), so a new field reaches each form."""
    return [(name, key) for name, key, _ in _plan(cls)]


def compact_reader(hint: Any) -> Callable[[Any], Any] | None:
    """How a field's value is read back from the cache's compact row (``to_compact``, which
    writes ``_plain`` values): a nested record from its document form, a list as a tuple;
    None where the value is the field's as it is (a value of the wrong type is left for the
    re-check to refuse)."""
    others = [arg for arg in typing.get_args(hint) if arg is not type(None)]
    if type(None) in typing.get_args(hint) and len(others) == 1:
        hint = others[0]
    if typing.get_origin(hint) is typing.Annotated:
        hint = hint.__origin__
    if isinstance(hint, type) and dataclasses.is_dataclass(hint):
        record = hint
        return lambda value: None if value is None else record_from(record, value)
    if typing.get_origin(hint) is tuple:
        return lambda value: tuple(value) if type(value) is list else value
    return None


def flat(table: dict[str, Any], prefix: str = "") -> dict[str, Any]:
    """Nested tables as dotted keys (``{"skills": {"hard": 1}}`` -> ``{"skills.hard": 1}``);
    an empty table leaves no key. Lists and plain values stay as they are."""
    row: dict[str, Any] = {}
    for key, value in table.items():
        if isinstance(value, dict):
            row.update(flat(value, f"{prefix}{key}."))
        else:
            row[f"{prefix}{key}"] = value
    return row


def _plain(value: Any, keep_none: bool = False) -> Any:
    if dataclasses.is_dataclass(value):
        return record_to(value, keep_none)
    if isinstance(value, tuple):
        return [_plain(item, keep_none) for item in value]
    return value


@dataclass(frozen=True)
class CareerMap:
    """A whole data file: the roles, the moves between them, meta and company ladders.

    Built from a checked document (``from_document``); answers the lookups that need no graph
    algorithm, so they need no networkx. Immutable once built (its collections are tuples),
    so its lookups always agree with its roles.
    """

    roles: Sequence[Role]
    moves: Sequence[Move] = ()
    meta: Meta | None = None
    companies: Sequence[Company] = ()
    levels: Sequence[Level] = ()  # names for level ranks, lowest first
    themes: Sequence[Theme] = ()  # competencies, in file order
    _by_id: dict[str, Role] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        for name in ("roles", "moves", "companies", "levels", "themes"):
            object.__setattr__(self, name, tuple(getattr(self, name)))
        object.__setattr__(self, "_by_id", {role.id: role for role in self.roles})

    @functools.cached_property
    def _names(self) -> dict[str, dict[str, str]]:
        """name key -> {role id: the name as the data spells it}; built on the first lookup
        by name, which many commands on large maps (an id given exactly) never make."""
        names: dict[str, dict[str, str]] = {}
        for role in self.roles:
            for name in (role.id, role.title, *role.aliases):
                names.setdefault(name_key(name), {}).setdefault(role.id, name)
        return names

    @classmethod
    def from_document(
        cls, document: dict[str, Any], moves: Sequence[Move] | None = None
    ) -> CareerMap:
        """The map of a document in the data format (already checked by ``schema``); ``moves``,
        when given, stand for the document's."""
        meta = record_from(Meta, document["meta"]) if document.get("meta") else None
        roles = [record_from(Role, r) for r in document["roles"]]
        if moves is None:
            moves = [record_from(Move, m) for m in document.get("moves", ())]
        default = meta.source if meta else None
        if default:  # meta.source: the source of every role and move that names none
            roles = [
                role if role.source else dataclasses.replace(role, source=default) for role in roles
            ]
            for move in moves:
                if not move.source:
                    move.source = default
        return cls(
            roles,
            moves,
            meta,
            [record_from(Company, c) for c in document.get("companies", ())],
            [record_from(Level, level) for level in document.get("levels", ())],
            [record_from(Theme, theme) for theme in document.get("themes", ())],
        )

    @classmethod
    def from_compact(cls, compact: dict[str, Any]) -> CareerMap:
        """The inverse of ``to_compact``."""
        hints = typing.get_type_hints(Move, include_extras=True)
        readers = [compact_reader(hints[f.name]) or _same for f in dataclasses.fields(Move)]
        moves = [
            Move(*(read(value) for read, value in zip(readers, row, strict=True)))
            for row in compact["moves"]
        ]
        return cls.from_document(compact["document"], moves)

    def to_compact(self) -> dict[str, Any]:
        """The document with each move as a row of its fields, in their order (nested
        records in their document form, tuples as lists): what the cache keeps, as it reads
        back in a fifth of the time of a table per move."""
        names = [f.name for f in dataclasses.fields(Move)]
        rows = [[_plain(getattr(m, name)) for name in names] for m in self.moves]
        return {"document": self.to_document(with_moves=False), "moves": rows}

    def to_document(self, with_moves: bool = True) -> dict[str, Any]:
        """The map in the data format, as plain data (what export writes)."""
        document: dict[str, Any] = {}
        if self.meta is not None:
            document["meta"] = record_to(self.meta)
        if self.levels:
            document["levels"] = [record_to(level) for level in self.levels]
        if self.themes:
            document["themes"] = [record_to(theme) for theme in self.themes]
        # A record citing meta.source is written without it: the file-wide default says it.
        default = self.meta.source if self.meta else None
        document["roles"] = [_cited(record_to(role), default) for role in self.roles]
        document["moves"] = (
            [_cited(record_to(move), default) for move in self.moves] if with_moves else []
        )
        document["companies"] = [record_to(company) for company in self.companies]
        return document

    # -- lookups -------------------------------------------------------------------------

    def role(self, role_id: str) -> Role:
        """The role with this exact id (ids come from validated data, so it exists)."""
        return self._by_id[role_id]

    def resolve(self, name: str) -> Role:
        """Find a role by id, title or alias, in any case and any script (an exact id always
        wins). Raises ``UnknownRoleError`` with the closest names, or ``AmbiguousRoleError``."""
        exact = self._by_id.get(name)
        if exact is not None:
            return exact
        key = name_key(name)
        matches = self._names.get(key, {}) if key and len(name) <= MAX_NAME else {}
        if len(matches) == 1:
            return self._by_id[next(iter(matches))]
        if matches:
            raise AmbiguousRoleError(name, sorted(matches))
        raise UnknownRoleError(name, self.suggest(name))

    def resolve_track(self, name: str) -> str:
        """A track of the map, by name in any case; a usage error suggests the closest."""
        track = name.lower()
        if track not in self.tracks:
            hint = did_you_mean(track, self.tracks, f"tracks: {', '.join(self.tracks)}")
            raise UsageError(f"unknown track {track!r}; {hint}")
        return track

    def suggest(self, name: str, limit: int = 5) -> list[str]:
        """The closest names to ``name``: the roles whose id, title or alias starts with it
        (or has a word that does), then those nearly as close as the closest by spelling.
        Each is a role id, with the alias or title that matched where that is not the id."""
        wanted = name_key(name)
        if not wanted or len(name) > MAX_NAME:
            return []
        found: dict[str, tuple[float, str]] = {}  # role id -> (score, name that matched)
        for key, spelled in self._names.items():
            starts = key.startswith(wanted) or f" {wanted}" in f" {key}"
            if starts:
                score = 2.0 - len(key) / 1000
            elif abs(len(key) - len(wanted)) > max(len(key), len(wanted)) / 2:
                continue  # too different in length to be a misspelling: not worth comparing
            else:
                matcher = difflib.SequenceMatcher(None, wanted, key)
                if matcher.real_quick_ratio() < 0.6 or matcher.quick_ratio() < 0.6:
                    continue
                score = matcher.ratio()
            for role_id, spelling in spelled.items():
                mine = score + (0.01 if spelling == role_id else 0.0)  # its id says it best
                if mine > found.get(role_id, (0.0, ""))[0]:
                    found[role_id] = (mine, spelling)
        ranked = sorted(found.items(), key=lambda item: (-item[1][0], item[0]))
        if not ranked or ranked[0][1][0] < 0.6:
            return []
        best = ranked[0][1][0]
        close = [
            (role_id, spelling)
            for role_id, (score, spelling) in ranked
            if score >= 2.0 - 0.5 or (best < 2.0 and score >= best - 0.05)
        ]
        return [
            role_id if name_key(spelling) == name_key(role_id) else f'{role_id} ("{spelling}")'
            for role_id, spelling in close[:limit]
        ]

    def filter_roles(
        self,
        level: int | Iterable[int | LevelPlace] | None = None,
        track: str | Iterable[str] | None = None,
    ) -> list[Role]:
        """Roles at any of the levels and on any of the tracks given (all, where none are):
        a union within one filter, an intersection across filters. A level is a rank (on
        any scale) or a place on some tracks' scale (``level_places``)."""
        wanted = [level] if isinstance(level, int) else list(level or ())
        places = [(None, p, p) if isinstance(p, int) else p for p in wanted]
        tracks = {track} if isinstance(track, str) else set(track or ())
        return [
            role
            for role in self.roles
            if (
                not places
                or any(
                    (on is None or role.on_track(on)) and levels_overlap(role.levels, (lo, hi))
                    for on, lo, hi in places
                )
            )
            and (not tracks or role.on_track(tracks))
        ]

    def moves_from(self, role_id: str, kind: str | Iterable[str] | None = None) -> list[Move]:
        """The moves out of a role, in file order (of some kinds, where given)."""
        kinds = _wanted(kind)
        found = self._moves_by("from_").get(role_id, [])
        return [m for m in found if not kinds or m.kind in kinds]

    def moves_into(self, role_id: str, kind: str | Iterable[str] | None = None) -> list[Move]:
        """The moves into a role, in file order (of some kinds, where given)."""
        kinds = _wanted(kind)
        found = self._moves_by("to").get(role_id, [])
        return [m for m in found if not kinds or m.kind in kinds]

    def _moves_by(self, end: str) -> dict[str, list[Move]]:
        """Moves by one of their ends, indexed on first use: a page of 10,000 roles asks for
        each role's moves, and a scan of every move each time would be quadratic."""
        cached: dict[str, dict[str, list[Move]]] = self.__dict__.setdefault("_move_index", {})
        index = cached.get(end)
        if index is None:
            index = {}
            for move in self.moves:
                index.setdefault(getattr(move, end), []).append(move)
            cached[end] = index
        return index

    # -- questions (the Python API; the commands ask them through ``careermap.results``) -----

    @functools.cached_property
    def scales(self) -> tuple[Scale, ...]:
        """The level scales of the map's tracks: tracks with the same levels share one."""
        shared = tuple(level for level in self.levels if not level.on_tracks)
        by_levels: dict[tuple[int, ...], list[str]] = {}
        for track in self.tracks:
            own = tuple(i for i, level in enumerate(self.levels) if track in level.on_tracks)
            by_levels.setdefault(own, []).append(track)
        found = [
            Scale("/".join(tracks), tuple(tracks), tuple(self.levels[i] for i in own))
            if own
            else Scale(None, tuple(tracks), shared)
            for own, tracks in by_levels.items()
        ]
        if not any(scale.name is None for scale in found):
            found.append(Scale(None, (), shared))
        return tuple(found)

    def scale_of(self, track: str) -> Scale:
        """The scale a track's roles are ranked on."""
        for scale in self.scales:
            if track in scale.tracks:
                return scale
        return next(scale for scale in self.scales if scale.name is None)

    def role_scale(self, role: Role) -> Scale:
        """The scale of a role's levels (its tracks share one: a rule of valid data)."""
        return self.scale_of(role.track)

    def position(self, role: Role) -> Position:
        """Where a role stands, for comparing it with another (see ``Position``)."""
        scale = self.role_scale(role)
        bands = scale.bands(role.levels)
        return (scale.name, *role.levels, *(bands or (None, None)))

    @functools.cached_property
    def multiscale(self) -> bool:
        """Whether roles are ranked on more than one scale (or have bands)."""
        return len({scale.name for scale in self.scales if scale.tracks}) > 1 or any(
            level.band is not None for level in self.levels
        )

    def level_basis(self, a: Role, b: Role) -> tuple[str, tuple[int, int], tuple[int, int]] | None:
        """How the levels of two roles compare: ("rank", a's, b's) on one scale, ("band",
        a's, b's) across scales that have bands, or None: different scales, no mapping."""
        pa, pb = self.position(a), self.position(b)
        return compare_positions(pa, pb)

    def role_levels(self, role: Role, short: bool = False) -> str:
        """A role's levels in its own scale's words ("Staff", or with ``short`` "IC4"), never
        repeating its title: where the title holds every word of a level's name, the level's
        code (or nothing) instead. "L6-7" where its scale names no levels."""
        scale = self.role_scale(role)
        if not scale.levels:
            return format_levels(role.levels)
        title = set(name_key(role.title).split())
        levels = [scale.level(rank) for rank in dict.fromkeys(role.levels)]
        # A name the title holds every word of ("Senior Manager") is not said again: then
        # every level of the range is given by its code, and that one by its code or nothing.
        coded = short or any(
            level is not None and set(name_key(level.name).split()) <= title for level in levels
        )
        texts = []
        for rank, level in zip(dict.fromkeys(role.levels), levels, strict=True):
            if level is None:
                texts.append(f"L{rank}")
            elif not coded:
                texts.append(level.name)
            elif level.code is not None:
                texts.append(level.code)
            elif not set(name_key(level.name).split()) <= title:
                texts.append(level.name)
        if len(texts) < 2:
            return texts[0] if texts else ""
        return "-".join(texts) if coded else " to ".join(texts)

    def format_group(self, levels: tuple[int, int], roles: Iterable[Role]) -> str:
        """The heading of a group of roles at one level range: its names, or on a ladder of
        several scales each scale's ("Senior / Manager"), as ranks of two scales differ."""
        if not self.multiscale:
            return self.format_levels(levels)
        names = dict.fromkeys(self.format_levels(levels, track=role.track) for role in roles)
        return " / ".join(names)

    def format_levels(
        self, levels: tuple[int, int], short: bool = False, track: str | None = None
    ) -> str:
        """A level range in the ladder's own names ("Senior 1 to Senior 2", or with ``short``
        the codes, "S1-S2"); "L6-7" where a rank has no name. The names are those of
        ``track``'s scale, or the shared scale's."""
        scale = self.scale_of(track) if track is not None else self.scale_of("")
        if not scale.levels:
            return format_levels(levels)
        names = {level.rank: level for level in scale.levels}

        def one(rank: int) -> str:
            level = names.get(rank)
            if level is None:
                return f"L{rank}"
            return (level.code or level.name) if short else level.name

        low, high = levels
        if low == high:
            return one(low)
        return f"{one(low)}-{one(high)}" if short else f"{one(low)} to {one(high)}"

    def resolve_theme(self, name: str) -> Theme:
        """A competency theme by id or name, in any case; a usage error suggests the closest."""
        for theme in self.themes:
            if name_key(name) in (name_key(theme.id), name_key(theme.name)):
                return theme
        known = [theme.id for theme in self.themes]
        if not known:
            raise IncompleteDataError("this ladder defines no competency themes ([[themes]])")
        hint = did_you_mean(name.lower(), known, f"themes: {', '.join(known)}")
        raise UsageError(f"unknown theme {name!r}; {hint}")

    def level_places(self, text: str) -> list[LevelPlace]:
        """The levels a user means by ``text``: a level's code or name on every scale that
        has it (Amazon's L6 on the engineering and the management scale), else a bare rank
        (6 or L6) on every scale. A usage error lists the map's levels."""
        wanted = name_key(text)
        places: list[LevelPlace] = []
        for scale in self.scales:
            for level in scale.levels:
                if wanted in (name_key(level.name), name_key(level.code or "")):
                    places.append((frozenset(scale.tracks), level.rank, level.rank))
        if places:
            return places
        return [(None, rank, rank) for rank in [self.resolve_level(text)]]

    def resolve_level(self, text: str) -> int:
        """A level rank from what a user types: 6, L6, or a level's name or code."""
        wanted = name_key(text)
        for level in self.levels:
            if wanted in (name_key(level.name), name_key(level.code or "")):
                return level.rank
        number = text.strip().upper().removeprefix("L")
        if number.isascii() and number.isdigit() and len(number) <= 2:
            return int(number)
        names = [level.code or level.name for level in self.levels]
        known = f"; this map's levels: {', '.join(names)}" if names else ""
        raise UsageError(f"{text!r} is not a level; use a number like 6 or L6{known}")

    @property
    def tracks(self) -> list[str]:
        """Tracks in the order they first appear in the file."""
        return list(dict.fromkeys(track for role in self.roles for track in role.tracks))

    @property
    def entry_roles(self) -> list[Role]:
        """Where careers in the map start: roles marked ``entry``, and the lowest roles of
        each track (a job family may start higher than another)."""
        lowest: dict[str, int] = {}
        for role in self.roles:
            for track in role.tracks:
                lowest[track] = min(lowest.get(track, role.levels[0]), role.levels[0])
        return [
            role
            for role in self.roles
            if role.entry or any(role.levels[0] == lowest[track] for track in role.tracks)
        ]

    @property
    def axes(self) -> Axes:
        """What the skills map's x and y measure: the ladder's ``meta.axes``, else the
        article's soft (x) and hard (y) skills."""
        if self.meta is not None and self.meta.axes is not None:
            return self.meta.axes
        return DEFAULT_AXES

    def axis_label(self, axis: str, detail: bool = False) -> str:
        """The x or y axis's label; with ``detail``, what the article's axes cover."""
        label: str = getattr(self.axes, axis)
        if detail and self.axes == DEFAULT_AXES:
            label += f" ({getattr(DEFAULT_AXES_DETAIL, axis)})"
        return label

    @property
    def track_tops(self) -> dict[str, int]:
        """The highest level of each track (a job family may end lower than another)."""
        top: dict[str, int] = {}
        for role in self.roles:
            for track in role.tracks:
                top[track] = max(top.get(track, role.levels[1]), role.levels[1])
        return top

    @property
    def level_span(self) -> tuple[int, int]:
        return min(r.levels[0] for r in self.roles), max(r.levels[1] for r in self.roles)

    def scale_spans(self) -> list[tuple[Scale, tuple[int, int], str]]:
        """Each level scale that ranks roles: the lowest and highest rank of its roles, and
        that range in the scale's codes ("IC1-IC7"; "L3-5" where the ranks have no names).
        Ranks of different scales do not compare, so a ladder's levels are said per scale."""
        spans: dict[str | None, tuple[Scale, int, int]] = {}
        for role in self.roles:
            scale = self.role_scale(role)
            _, low, high = spans.get(scale.name, (scale, *role.levels))
            spans[scale.name] = (scale, min(low, role.levels[0]), max(high, role.levels[1]))
        return [
            (scale, (low, high), self.format_levels((low, high), True, scale.tracks[0]))
            for scale, low, high in spans.values()
        ]


def _wanted(value: str | Iterable[str] | None) -> set[str]:
    """A filter's values as a set (empty: no filter)."""
    return {value} if isinstance(value, str) else set(value or ())


def integrity_problems(cmap: CareerMap) -> list[Problem]:
    """Every cross-record problem of a map, in file order within each kind of rule."""
    positions = role_positions(cmap)
    return [
        *_check_levels(cmap),
        *_check_integrity(cmap.roles, cmap.moves, cmap if positions else None),
        *upward_cycle_problems(cmap.roles, cmap.moves, positions),
        *_check_companies(cmap.companies, cmap.tracks, cmap.level_span),
        *_check_themes(cmap.themes, cmap.roles),
    ]


def role_positions(cmap: CareerMap) -> dict[str, Position] | None:
    """Each role's position, where roles are on several scales or have bands (else None:
    ranks compare, as they always did, and moves are checked a column at a time)."""
    if not cmap.multiscale:
        return None
    positions: dict[str, Position] = {}
    for role in cmap.roles:
        positions.setdefault(role.id, cmap.position(role))
    return positions


def _check_levels(cmap: CareerMap) -> Iterable[Problem]:
    """Levels name known tracks; within a scale, ranks and codes are unique and bands do not
    go down as ranks go up; a role's tracks share a scale, whose levels hold its ranks."""
    tracks = cmap.tracks
    for i, level in enumerate(cmap.levels):
        for track in level.on_tracks:
            if track not in tracks:
                hint = did_you_mean(track, tracks, f"tracks: {', '.join(tracks)}")
                yield Problem(
                    ("levels", i, "track"),
                    f"unknown track {track!r} in level {level.name!r}; {hint}",
                )
    index = {id(level): i for i, level in enumerate(cmap.levels)}
    reported: set[tuple[int, str]] = set()
    for scale in cmap.scales:
        ranks: dict[int, Level] = {}
        codes: dict[str, Level] = {}
        for level in scale.levels:
            i = index[id(level)]
            where = f" on {scale.label}" if scale.name else ""
            first = ranks.setdefault(level.rank, level)
            if first is not level and (i, "rank") not in reported:
                reported.add((i, "rank"))
                yield Problem(
                    ("levels", i, "rank"),
                    f"level {level.name!r} has rank {level.rank}, as level {first.name!r} "
                    f"(levels[{index[id(first)]}]) does{where}; each rank names one level",
                )
            if level.code is not None:
                first = codes.setdefault(name_key(level.code), level)
                if first is not level and (i, "code") not in reported:
                    reported.add((i, "code"))
                    yield Problem(
                        ("levels", i, "code"),
                        f"level {level.name!r} has code {level.code!r}, as level "
                        f"{first.name!r} (levels[{index[id(first)]}]) does{where}",
                    )
        banded = sorted(
            ((lv.rank, lv.band, lv) for lv in scale.levels if lv.band is not None),
            key=lambda item: item[:2],
        )
        for (_, low_band, below), (_, band, level) in itertools.pairwise(banded):
            i = index[id(level)]
            if band < low_band and (i, "band") not in reported:
                reported.add((i, "band"))
                yield Problem(
                    ("levels", i, "band"),
                    f"level {level.name!r} is band {band}, below level {below.name!r} "
                    f"(band {low_band}) under it on the same scale; bands go up with ranks",
                )
    for i, role in enumerate(cmap.roles):
        scale = cmap.scale_of(role.track)
        others = [t for t in role.tracks[1:] if cmap.scale_of(t) is not scale]
        if others:
            yield Problem(
                ("roles", i, "track"),
                f"role {role.id!r} is on tracks {role.track!r} and {others[0]!r}, which have "
                "different level scales; a role's tracks must share one",
            )
        if scale.levels:
            missing = [r for r in dict.fromkeys(role.levels) if scale.level(r) is None]
            if missing:
                named = ", ".join(lv.code or lv.name for lv in scale.levels)
                yield Problem(
                    ("roles", i, "levels"),
                    f"role {role.id!r} is at rank {missing[0]}, which {scale.label} has no "
                    f"level for (its levels: {named})",
                )


def _check_themes(themes: Sequence[Theme], roles: Sequence[Role]) -> Iterable[Problem]:
    """Theme ids are unique; roles' competencies and expectations name declared themes, and
    a proficiency is a position on its theme's scale (1-based), or 0-10 without one."""
    by_id: dict[str, Theme] = {}
    for t, theme in enumerate(themes):
        if theme.id in by_id:
            yield Problem(("themes", t, "id"), f"duplicate theme id {theme.id!r}")
        by_id.setdefault(theme.id, theme)
    known = list(by_id)
    for i, role in enumerate(roles):
        named = [("competencies", theme_id) for theme_id, _ in role.competencies]
        named += [("expectations", theme_id) for theme_id, _ in role.expectations]
        for key, theme_id in named:
            if theme_id not in by_id:
                hint = did_you_mean(theme_id, known, f"themes: {', '.join(known) or 'none'}")
                yield Problem(
                    ("roles", i, key, theme_id),
                    f"unknown theme {theme_id!r} in role {role.id!r}; {hint}",
                )
        for theme_id, value in role.competencies:
            scale = by_id[theme_id].scale if theme_id in by_id else ()
            if scale and not (float(value).is_integer() and 1 <= value <= len(scale)):
                yield Problem(
                    ("roles", i, "competencies", theme_id),
                    f"{value:g} is not a position on theme {theme_id!r}'s scale "
                    f"(1-{len(scale)}: {', '.join(scale)}) in role {role.id!r}",
                )


def kind_problem(
    kind: str, source: Role, target: Role, cmap: CareerMap | None = None
) -> str | None:
    """Why a move of this kind between these roles disagrees with their levels, or None.
    With ``cmap`` (a map of several scales or of bands), ranks compare within one scale and
    bands across scales; across scales without bands no kind is wrong."""
    if kind not in KIND_RULES:
        return None
    basis = (
        ("rank", source.levels, target.levels)
        if cmap is None
        else compare_positions(cmap.position(source), cmap.position(target))
    )
    if basis is None or kind_fits(kind, basis[1], basis[2]):
        return None
    if basis[0] == "rank":
        return (
            f"{KIND_RULES[kind]}, but {source.id} is {format_levels(source.levels)} and "
            f"{target.id} is {format_levels(target.levels)}"
        )
    assert cmap is not None
    return (
        f"{BAND_RULES[kind]}, but {source.id} is {_bands(basis[1])} "
        f"({cmap.role_levels(source, short=True)}) and {target.id} is {_bands(basis[2])} "
        f"({cmap.role_levels(target, short=True)})"
    )


def _bands(bands: tuple[int, int]) -> str:
    return f"band {bands[0]}" if bands[0] == bands[1] else f"bands {bands[0]}-{bands[1]}"


# What each kind of move asks of the levels of its ends (kind_fits checks it). An upward move
# may stay at the same minimum level: a promotion within one grade, such as VP -> Senior VP
# sharing a level box; upward moves between equal levels may form a cycle, which
# upward_cycle_problems rejects.
KIND_RULES = {
    "upward": "an upward move must go to the same or a higher minimum level",
    "downward": "a downward move must go to a lower minimum level",
    "lateral": "a lateral move must stay within overlapping levels",
}
# The same rules across scales, by band (between scales without bands nothing is checked).
BAND_RULES = {
    "upward": "an upward move must go to the same or a higher minimum band",
    "downward": "a downward move must go to a lower minimum band",
    "lateral": "a lateral move must stay within overlapping bands",
}


def _check_integrity(
    roles: Sequence[Role], moves: Sequence[Move], cmap: CareerMap | None = None
) -> Iterable[Problem]:
    """Every cross-record problem: duplicate ids and aliases, dangling moves, wrong kinds
    (by ``cmap``'s scales and bands where it is given)."""
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
    yield from evidence_problems(moves)
    if _moves_look_sound(by_id, moves, cmap):
        return
    ids = list(by_id)
    seen_pairs: dict[tuple[str, str], int] = {}
    for i, move in enumerate(moves):
        if move.years == (None, None):
            yield Problem(
                ("moves", i, "years"),
                "a table of years needs min, max or both, like { max = 2 } (at most 2 years); "
                f"leave years out where the data gives none ({_label(move)})",
            )
        low, high = move.years if move.years is not None else (None, None)
        if low is not None and high is not None and low > high:
            yield Problem(
                ("moves", i, "years"),
                f"minimum {low:g} is greater than maximum {high:g} ({_label(move)})",
            )
        if move.from_ == move.to:
            yield Problem(("moves", i, "to"), f"a move cannot go from {move.to!r} to itself")
            continue
        dangling = False
        for key, role_id in (("from", move.from_), ("to", move.to)):
            if role_id not in by_id:
                dangling = True
                hint = did_you_mean(role_id, ids)
                suffix = f"; {hint}" if hint else ""
                yield Problem(
                    ("moves", i, key), f"unknown role {role_id!r} in {_label(move)}{suffix}"
                )
        pair = (move.from_, move.to)
        if pair in seen_pairs:
            yield Problem(
                ("moves", i),
                f"duplicate {_label(move)} (first defined at moves[{seen_pairs[pair]}])",
            )
        else:
            seen_pairs[pair] = i
        if not dangling:
            problem = kind_problem(move.kind, by_id[move.from_], by_id[move.to], cmap)
            if problem:
                yield Problem(("moves", i, "kind"), f"{_label(move)}: {problem}")


def evidence_problems(moves: Sequence[Move]) -> Iterable[Problem]:
    """What in the moves' evidence cannot be so: more movers than people, a curve that falls,
    quantiles out of order, or the shares out of one role summing to more than 1."""
    shares: dict[str, float] = {}
    for i, move in enumerate(moves):
        evidence = move.evidence
        if evidence is None:
            continue
        where = ("moves", i, "evidence")
        if evidence.moved > evidence.people:
            yield Problem(
                (*where, "moved"),
                f"{evidence.moved} people moved but only {evidence.people} were seen in "
                f"{move.from_} ({_label(move)})",
            )
        curve = evidence.curve
        if any(b < a for a, b in itertools.pairwise(curve)):
            yield Problem((*where, "curve"), f"the curve falls somewhere ({_label(move)})")
        if evidence.share is not None and curve and curve[-1] > evidence.share + 1e-6:
            yield Problem(
                (*where, "share"),
                f"share {evidence.share:g} is below the curve's last point {curve[-1]:g} "
                f"({_label(move)})",
            )
        quantiles = [q for q in (evidence.p10, evidence.median, evidence.p90) if q is not None]
        if quantiles != sorted(quantiles):
            yield Problem(
                (*where, "median"), f"p10, median and p90 are out of order ({_label(move)})"
            )
        shares[move.from_] = shares.get(move.from_, 0.0) + (evidence.share or 0.0)
    for role_id, total in shares.items():
        if total > 1 + 1e-6:
            yield Problem(
                ("moves",),
                f"the shares of the moves out of {role_id} sum to {total:g}, more than 1",
            )


def kind_fits(kind: str, source: tuple[int, int], target: tuple[int, int]) -> bool:
    """Whether a move of this kind fits the levels of its roles (``kind_problem`` says why
    not; this is the same rule without a message, for screening many moves)."""
    if kind == "upward":
        return target[0] >= source[0]
    if kind == "downward":
        return target[0] < source[0]
    if kind == "lateral":
        return levels_overlap(source, target)
    return False


def _moves_look_sound(
    by_id: dict[str, Role], moves: Sequence[Move], cmap: CareerMap | None = None
) -> bool:
    """Whether no move breaks a rule of ``_check_integrity``: a screen run a column at a time,
    so that a valid map of 100,000 moves is not checked (and described) move by move."""
    if not moves:
        return True
    levels: dict[str, Any] = (
        {role_id: role.levels for role_id, role in by_id.items()}
        if cmap is None
        else {role_id: cmap.position(role) for role_id, role in by_id.items()}
    )
    froms = [move.from_ for move in moves]
    tos = [move.to for move in moves]
    try:
        fits = all(
            map(
                kind_fits if cmap is None else kind_fits_at,
                [move.kind for move in moves],
                map(levels.__getitem__, froms),
                map(levels.__getitem__, tos),
            )
        )
    except KeyError:  # a move to or from no role
        return False
    spans = [move.years for move in moves if move.years is not None]
    if any(low is None and high is None for low, high in spans):
        return False
    spans = [(low, high) for low, high in spans if low is not None and high is not None]
    return (
        fits
        and not any(map(str.__eq__, froms, tos))
        and len(set(zip(froms, tos, strict=True))) == len(moves)
        and all(low <= high for low, high in spans)  # type: ignore[operator]
    )


def _label(move: Move) -> str:
    """How messages name a move (built only for a message: a map may hold a million moves)."""
    return f"move {move.from_} -> {move.to}"


def upward_cycle_problems(
    roles: Sequence[Role], moves: Sequence[Move], positions: dict[str, Position] | None = None
) -> Iterable[Problem]:
    """Upward moves that lead back to where they started: one problem per cycle found.

    On one scale an upward move never lowers the minimum level, so a cycle of them stays
    within one minimum level: only those moves are searched. Across scales (``positions``
    given) nothing orders every pair of roles, so every upward move is. Each group of roles
    the moves go round (a strongly connected component) is reported once, with one cycle
    through it, at the cycle's first move in the file.
    """
    min_level: dict[str, int] = {}
    for role in roles:
        min_level.setdefault(role.id, role.levels[0])
    successors: dict[str, list[tuple[str, int]]] = {}
    for i, move in enumerate(moves):
        if (
            move.kind == "upward"
            and move.from_ != move.to
            and move.from_ in min_level
            and (
                min_level[move.from_] == min_level.get(move.to)
                if positions is None
                else move.to in min_level
            )
        ):
            successors.setdefault(move.from_, []).append((move.to, i))
    for component in _strongly_connected(successors):
        if len(component) < 2:
            continue
        cycle, indices = _cycle_through(component, successors)
        yield Problem(
            ("moves", min(indices), "kind"),
            f"upward moves go round in a cycle: {' -> '.join(cycle)}; a promotion cannot "
            "lead back to the role it started from (make one of these moves lateral)",
        )


def _strongly_connected(successors: dict[str, list[tuple[str, int]]]) -> list[list[str]]:
    """Tarjan's strongly connected components, without recursion (maps can be large)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    on_stack: set[str] = set()
    stack: list[str] = []
    components: list[list[str]] = []
    for root in successors:
        if root in index:
            continue
        index[root] = low[root] = len(index)
        stack.append(root)
        on_stack.add(root)
        work = [(root, iter(successors.get(root, ())))]
        while work:
            node, children = work[-1]
            for child, _ in children:
                if child not in index:
                    index[child] = low[child] = len(index)
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(successors.get(child, ()))))
                    break
                if child in on_stack:
                    low[node] = min(low[node], index[child])
            else:
                work.pop()
                if work:
                    parent = work[-1][0]
                    low[parent] = min(low[parent], low[node])
                if low[node] == index[node]:
                    component = []
                    while True:
                        member = stack.pop()
                        on_stack.discard(member)
                        component.append(member)
                        if member == node:
                            break
                    components.append(component)
    return components


def _cycle_through(
    component: list[str], successors: dict[str, list[tuple[str, int]]]
) -> tuple[list[str], list[int]]:
    """The shortest cycle from the component's first role (in file order of its moves) back
    to itself, as role ids (first repeated at the end) and the indices of its moves."""
    members = set(component)
    start = min(
        component,
        key=lambda r: min(i for to, i in successors[r] if to in members),
    )
    came_from: dict[str, tuple[str, int]] = {}
    frontier = [start]
    while frontier:
        following = []
        for node in frontier:
            for child, i in successors.get(node, ()):
                if child not in members or child in came_from:
                    continue
                came_from[child] = (node, i)
                following.append(child)
        if start in came_from:
            break
        frontier = following
    path, indices = [start], []
    node = start
    while True:
        node, i = came_from[node]
        indices.append(i)
        path.append(node)
        if node == start:
            break
    path.reverse()
    return path, indices


def _check_companies(
    companies: Sequence[Company], tracks: list[str], span: tuple[int, int]
) -> Iterable[Problem]:
    """Company ladders: unique ids, known tracks, rungs in order within the map's levels."""
    low, high = span
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
            for key, track in (
                ("track", ladder.track),
                *(("shown_for", t) for t in ladder.shown_for),
            ):
                if track not in tracks:
                    yield Problem(
                        (*at, key),
                        f"unknown track {track!r} in company {company.id!r}; "
                        f"the map's tracks are {', '.join(tracks)}",
                    )
                elif track in claimed:
                    yield Problem(
                        (*at, key),
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
