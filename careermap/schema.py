"""The data file's schema: what each record may hold, checked by pydantic in one pass.

The keys are a contract that other tools write to, so the schema is strict: unknown keys,
strings where numbers belong and reversed ranges are rejected, and nothing is coerced. It is
made of TypedDicts behind one ``TypeAdapter``, so validating even 100,000 moves builds plain
dicts in pydantic-core rather than model objects; ``models.CareerMap`` is built from the result.
Rules that span records (ids exist and are unique, kinds agree with levels) live in
``models.py``. The JSON Schema for editors comes from here too.
"""

from __future__ import annotations

from functools import cache
from typing import Annotated, Any, Literal, NotRequired

from pydantic import BeforeValidator, ConfigDict, Field, TypeAdapter, with_config
from typing_extensions import TypedDict

from careermap import limits, textrules

ID_PATTERN = limits.ID_PATTERN
MAX_LEVEL = limits.MAX_LEVEL
STRICT = ConfigDict(extra="forbid", strict=True)

Kind = Literal["lateral", "upward", "downward"]
Slug = Annotated[str, Field(pattern=ID_PATTERN)]
# Every string of a data file is one of these four types (a test walks the schema to hold it
# so): ids are ASCII slugs, and text passes the one text rule of ``textrules.py`` (no control,
# bidirectional control or invisible character; tabs and line breaks only in prose, the fields
# documented as such: descriptions, notes, about). A new field takes one of them.
LINE_PATTERN = textrules.LINE_PATTERN
PROSE_PATTERN = textrules.PROSE_PATTERN
Line = Annotated[str, Field(pattern=LINE_PATTERN)]
Prose = Annotated[str, Field(pattern=PROSE_PATTERN)]
Text = Annotated[str, Field(min_length=1, pattern=LINE_PATTERN)]
STRING_TYPES = (Slug, Line, Prose, Text)
MAX_YEARS = limits.MAX_YEARS  # a move's years, at most
Score = Annotated[float, Field(ge=0, le=10, allow_inf_nan=False)]
Years = Annotated[float, Field(ge=0, le=MAX_YEARS, allow_inf_nan=False)]
# A competency's proficiency: a 1-based position on its theme's scale, or 0-10 without one
# (which of the two is checked with the rules between records).
Proficiency = Annotated[float, Field(ge=0, le=10, allow_inf_nan=False)]


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


LevelRange = Annotated[
    tuple[int, int],
    BeforeValidator(_parse_levels, json_schema_input_type=int | tuple[int, int]),
]
# Checked by pydantic-core alone (no Python call per move): two finite numbers >= 0. That
# min <= max, and that a move does not loop, are checked with the cross-record rules.
YearPair = Annotated[tuple[Years, Years], Field(strict=False)]


@with_config(ConfigDict(extra="forbid", strict=True, json_schema_extra={"minProperties": 1}))
class OpenYears(TypedDict):
    """``{min = 4}``: at least 4 years, no known upper bound ("4+"); ``{max = 2}``: at most 2
    years, no known minimum ("within two years"); with both, a range. One of them at least
    (checked with the cross-record rules)."""

    min: NotRequired[Years]
    max: NotRequired[Years]


# [min, max], or {min = N} (open-ended) / {max = M} (at most) / {min = N, max = M}; left
# out: unknown.
YearRange = YearPair | OpenYears


@with_config(STRICT)
class Skills(TypedDict):
    """A role's position on the skills map: hard skills (y) and soft skills (x), 0-10."""

    hard: Score
    soft: Score


@with_config(STRICT)
class Role(TypedDict):
    """A job role spanning one level or a range of levels, on one track or several (a path
    that several tracks share)."""

    id: Slug
    title: Text
    track: Slug | Annotated[list[Slug], Field(min_length=1)]
    levels: LevelRange
    skills: NotRequired[Skills | None]
    aliases: NotRequired[list[Text]]
    description: NotRequired[Prose]
    source: NotRequired[Text | None]
    entry: NotRequired[bool]
    terminal: NotRequired[bool]
    competencies: NotRequired[dict[Slug, Proficiency]]
    expectations: NotRequired[dict[Slug, list[Text]]]


Share = Annotated[float, Field(ge=0, le=1, allow_inf_nan=False)]
Count = Annotated[int, Field(ge=0)]
MAX_CURVE = limits.MAX_CURVE  # points of a move's cumulative curve, one each half year


@with_config(STRICT)
class Evidence(TypedDict):
    """What people's records say of a move (written by careermap calibrate): how many people
    were seen in its first role, how many made the move, the estimated share who ever make it,
    the P10, median and P90 of their years before it, and the cumulative share who have made
    it after 0.5, 1, 1.5, ... years in the role (``curve``). Figures are left out under the
    calibration's min_people."""

    people: Count
    moved: Count
    share: NotRequired[Share | None]
    p10: NotRequired[Years | None]
    median: NotRequired[Years | None]
    p90: NotRequired[Years | None]
    curve: NotRequired[Annotated[list[Share], Field(max_length=MAX_CURVE)]]


# "from" is a keyword, so this record is declared the functional way.
Move = TypedDict(
    "Move",
    {
        "from": Slug,
        "to": Slug,
        "kind": Kind,
        "years": NotRequired[YearRange],
        "source": NotRequired[Text | None],
        "note": NotRequired[Prose | None],
        "condition": NotRequired[Text | None],
        # Seldom made (the article's product -> tech moves): shown as such, and left out of
        # routes on request. Strict like the rest: `rare = "yes"` is an error.
        "rare": NotRequired[bool],
        "evidence": NotRequired[Evidence | None],
    },
)
Move.__doc__ = (
    "A transition between two roles, with the years it usually takes; rare if seldom made."
)
Move.__pydantic_config__ = STRICT  # type: ignore[attr-defined]


@with_config(STRICT)
class MetaSource(TypedDict):
    """A document the data is drawn from; ``key`` is what roles and moves cite in ``source``."""

    key: NotRequired[Slug | None]
    title: Text
    author: NotRequired[Line | None]
    url: NotRequired[Line | None]
    published: NotRequired[Line | None]


@with_config(STRICT)
class ScaleUp(TypedDict):
    """How much faster moves go at a fast-growing company: years are multiplied by factor."""

    factor: Annotated[float, Field(gt=0, le=1, allow_inf_nan=False)]
    source: NotRequired[Text | None]
    note: NotRequired[Prose | None]


@with_config(STRICT)
class Axes(TypedDict):
    """What the skills map's axes measure on this ladder (default: the article's soft and
    hard skills)."""

    x: Text
    y: Text


@with_config(STRICT)
class Calibration(TypedDict):
    """Where a ladder's move evidence comes from (careermap calibrate): how many records and
    people, the dates they span, the fewest people a figure is given for, and the method."""

    records: Count
    people: Count
    since: Text
    until: Text
    min_people: Annotated[int, Field(ge=1)]
    method: Text


@with_config(STRICT)
class Meta(TypedDict):
    """What the data file describes and where it comes from."""

    name: Text
    description: NotRequired[Prose | None]
    # The source of every role and move that names none (a record's own source wins).
    source: NotRequired[Text | None]
    sources: NotRequired[list[MetaSource]]
    scale_up: NotRequired[ScaleUp | None]
    axes: NotRequired[Axes | None]
    evidence: NotRequired[Calibration | None]


@with_config(STRICT)
class Theme(TypedDict):
    """A competency that roles hold at a proficiency: a position on ``scale`` (1-based) or,
    without a scale, 0-10."""

    id: Slug
    name: Text
    about: NotRequired[Prose | None]
    scale: NotRequired[Annotated[list[Text], Field(min_length=1)]]


@with_config(STRICT)
class Level(TypedDict):
    """A name (and a short code) for a level rank, shown instead of "L<rank>". With ``track``
    (a track or a list of them) the level belongs to those tracks' own scale; without it, to
    the shared scale of every track that has none. ``band`` places it against other scales:
    levels of the same band are equivalent."""

    rank: Annotated[int, Field(ge=0, le=MAX_LEVEL)]
    name: Text
    code: NotRequired[Text | None]
    track: NotRequired[Slug | Annotated[list[Slug], Field(min_length=1)] | None]
    band: NotRequired[Annotated[int, Field(ge=0, le=MAX_LEVEL)] | None]


@with_config(STRICT)
class Rung(TypedDict):
    """One step of a company's ladder and the canonical level(s) it corresponds to."""

    code: Text
    title: Text
    levels: LevelRange
    source: NotRequired[Text | None]


@with_config(STRICT)
class Ladder(TypedDict):
    """A company's ladder for one track; shown_for tracks display its titles too."""

    track: Slug
    shown_for: NotRequired[list[Slug]]
    source: NotRequired[Text | None]
    rungs: Annotated[list[Rung], Field(min_length=1)]


@with_config(STRICT)
class Company(TypedDict):
    """A company's own titles and level codes, mapped onto the map's canonical levels."""

    id: Slug
    name: Text
    source: NotRequired[Text | None]
    note: NotRequired[Prose | None]
    ladders: Annotated[list[Ladder], Field(min_length=1)]


Document = TypedDict(
    "Document",
    {
        "meta": NotRequired[Meta | None],
        "levels": NotRequired[list[Level]],
        "themes": NotRequired[list[Theme]],
        "roles": Annotated[list[Role], Field(min_length=1)],
        "moves": NotRequired[list[Move]],
        "companies": NotRequired[list[Company]],
        "$schema": NotRequired[Line | None],  # names the JSON Schema for editors; ignored
    },
)
Document.__pydantic_config__ = STRICT  # type: ignore[attr-defined]

# The record type at each place in a document (list indices left out), for messages that
# list the keys allowed where an unknown one was found.
RECORDS: dict[tuple[str, ...], Any] = {
    (): Document,
    ("meta",): Meta,
    ("meta", "sources"): MetaSource,
    ("meta", "scale_up"): ScaleUp,
    ("meta", "axes"): Axes,
    ("meta", "evidence"): Calibration,
    ("levels",): Level,
    ("themes",): Theme,
    ("roles",): Role,
    ("roles", "skills"): Skills,
    ("moves",): Move,
    ("moves", "evidence"): Evidence,
    ("companies",): Company,
    ("companies", "ladders"): Ladder,
    ("companies", "ladders", "rungs"): Rung,
}


def allowed_keys(shape: tuple[str, ...]) -> list[str] | None:
    """The keys a record at ``shape`` may have, in the documented order."""
    record = RECORDS.get(shape)
    return list(record.__annotations__) if record is not None else None


@cache
def _adapter() -> TypeAdapter[Any]:
    return TypeAdapter(Document)


def validate(document: Any) -> dict[str, Any]:
    """The document, checked record by record; raises ``pydantic.ValidationError``."""
    validated: dict[str, Any] = _adapter().validate_python(document)
    return validated


def json_schema() -> dict[str, Any]:
    """The JSON Schema of a data file (for editors and other tools)."""
    schema = _adapter().json_schema(mode="validation")
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
