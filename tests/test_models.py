"""The two layers of a record agree: schema.py (what a file may hold) and models.py (the map).

Each record is declared twice on purpose (pydantic checks files; slotted dataclasses keep
start-up fast), and converted by one generic function; every other form (the cache's compact
rows and re-check, ``--json``, the page's data) derives from the dataclass. These tests fail
when a field is added to one layer only, when the document order of the keys drifts, when a
field is required in one layer only, or when its type or rule (slug, line, text, prose, a
number's range, the None it allows) differs between the layers.
"""

from __future__ import annotations

import dataclasses
import json
import typing
from typing import Annotated, Any, Literal, NotRequired, Required

import pytest
from typing_extensions import TypedDict

from careermap import cache, models, schema
from careermap.loader import load
from careermap.models import Text
from careermap.render.html import finder_data
from careermap.render.json import move_json

# Each place in a document and the dataclass that holds it in the map.
LAYERS: dict[tuple[str, ...], type] = {
    ("meta",): models.Meta,
    ("meta", "sources"): models.MetaSource,
    ("meta", "scale_up"): models.ScaleUp,
    ("meta", "axes"): models.Axes,
    ("meta", "evidence"): models.Calibration,
    ("levels",): models.Level,
    ("themes",): models.Theme,
    ("roles",): models.Role,
    ("roles", "skills"): models.Skills,
    ("moves",): models.Move,
    ("moves", "evidence"): models.Evidence,
    ("companies",): models.Company,
    ("companies", "ladders"): models.Ladder,
    ("companies", "ladders", "rungs"): models.Rung,
}


def document_keys(cls: type) -> list[str]:
    """The keys a dataclass writes, in the order it writes them."""
    keys = [models.DOCUMENT_KEYS.get(f.name, f.name) for f in dataclasses.fields(cls)]
    order = models.DOCUMENT_ORDER.get(cls.__name__)
    if order is not None:
        assert sorted(order) == sorted(keys), cls.__name__
        return list(order)
    return keys


def mismatch(record: Any, cls: type) -> list[str]:
    """What differs between a schema record's keys and a dataclass's document keys."""
    schema_keys = list(record.__annotations__)
    model_keys = document_keys(cls)
    if schema_keys == model_keys:
        return []
    return [
        *(f"only in schema: {key}" for key in schema_keys if key not in model_keys),
        *(f"only in models: {key}" for key in model_keys if key not in schema_keys),
        *(["same keys, another order"] if sorted(schema_keys) == sorted(model_keys) else []),
    ]


# Where the document's type is not the field's and no rule of ``form`` maps one on the other:
# the schema checks these with a function of its own (or as an alternative spelling).
DOCUMENT_FORMS: list[tuple[Any, str]] = [
    (schema.LevelRange, f"list[int[0,{schema.MAX_LEVEL}]]"),  # _parse_levels: an int or a pair
    (schema.OpenYears, f"list[float[0,{schema.MAX_YEARS}]]"),  # {min}/{max}: an open pair
]


def _bounds(base: type, metadata: Any) -> str:
    """A number's range as ``[low,high]`` (``(`` where low itself is not allowed)."""
    low: Any = None
    high: Any = None
    above = False
    for item in metadata:
        if isinstance(item, models.Rule):
            low, high, above = item.low, item.high, item.above
        for bound in getattr(item, "metadata", ()):  # pydantic's Field: annotated_types
            low = getattr(bound, "ge", low)
            high = getattr(bound, "le", high)
            if hasattr(bound, "gt"):
                low, above = bound.gt, True
    low = "-inf" if low is None else f"{low:g}"
    high = "inf" if high is None else f"{high:g}"
    return f"{base.__name__}{'(' if above else '['}{low},{high}]"


def _text(metadata: Any) -> str:
    """Which of the four string types a string is: slug, line, text or prose ("?": none)."""
    for item in metadata:
        if isinstance(item, models.Rule):
            if item.choices:
                return "{" + ",".join(sorted(item.choices)) + "}"
            return f":{item.text or '?'}"
        rules = getattr(item, "metadata", ())
        pattern = next((r.pattern for r in rules if getattr(r, "pattern", None)), None)
        non_empty = any(getattr(r, "min_length", 0) == 1 for r in rules)
        if pattern == schema.ID_PATTERN:
            return ":slug"
        if pattern == schema.PROSE_PATTERN:
            return ":prose"
        if pattern == schema.LINE_PATTERN:
            return ":text" if non_empty else ":line"
    return ":?"


def form(hint: Any) -> str:
    """A type of either layer in one spelling: ``list[str:slug]``, ``float[0,10]``,
    ``record:Skills``, ``dict[str:slug,float[0,10]]``; None left out (see ``nullable``).
    A tuple is a list, a tuple of pairs a table, "one or a list of them" a list."""
    for document, spelled in DOCUMENT_FORMS:
        if hint == document:
            return spelled
    origin, args = typing.get_origin(hint), typing.get_args(hint)
    if origin in (NotRequired, Required):
        return form(args[0])
    if origin is Annotated:
        base = hint.__origin__
        if base is str:
            return "str" + _text(hint.__metadata__)
        if base in (int, float):
            return _bounds(base, hint.__metadata__)
        return form(base)
    if origin is Literal:
        return "str{" + ",".join(sorted(args)) + "}"
    if origin in (typing.Union, type(int | None)):
        forms = sorted({form(arg) for arg in args if arg is not type(None)})
        if len(forms) == 2 and f"list[{forms[1]}]" == forms[0]:  # one, or a list of them
            forms = forms[:1]
        return "|".join(forms)
    if origin is list:
        return f"list[{form(args[0])}]"
    if origin is dict:
        return f"dict[{form(args[0])},{form(args[1])}]"
    if origin is tuple:
        if len(args) == 2 and args[1] is Ellipsis:
            item = args[0]
            if typing.get_origin(item) is tuple and len(typing.get_args(item)) == 2:
                key, value = typing.get_args(item)
                return f"dict[{form(key)},{form(value)}]"  # pairs: a table in the document
            return f"list[{form(item)}]"
        items = {form(arg) for arg in args}
        return f"list[{items.pop()}]" if len(items) == 1 else f"tuple[{','.join(sorted(items))}]"
    if isinstance(hint, type) and (dataclasses.is_dataclass(hint) or issubclass(hint, dict)):
        return f"record:{hint.__name__}"
    if hint is str:
        return "str:?"  # a string with no rule: neither layer may have one
    return getattr(hint, "__name__", repr(hint))


def nullable(hint: Any) -> bool:
    """Whether None (null) is allowed."""
    if typing.get_origin(hint) in (NotRequired, Required):
        return nullable(typing.get_args(hint)[0])
    return type(None) in typing.get_args(hint)


def parity(record: Any, cls: type) -> list[str]:
    """Everything that differs between a schema record and its dataclass: keys and their
    order, required or optional (a default), the types and rules, and None allowed."""
    problems = mismatch(record, cls)
    schema_hints = typing.get_type_hints(record, include_extras=True)
    model_hints = typing.get_type_hints(cls, include_extras=True)
    fields = {models.DOCUMENT_KEYS.get(f.name, f.name): f for f in dataclasses.fields(cls)}
    for key in [key for key in schema_hints if key in fields]:
        f = fields[key]
        defaulted = f.default is not dataclasses.MISSING or (
            f.default_factory is not dataclasses.MISSING
        )
        # Read from the annotation: schema.py's are strings, which __required_keys__ misreads.
        required = typing.get_origin(schema_hints[key]) is not NotRequired
        if required == defaulted:
            problems.append(f"{key}: required in {'schema' if required else 'models'} only")
        in_schema, in_models = form(schema_hints[key]), form(model_hints[f.name])
        if in_schema != in_models:
            problems.append(f"{key}: {in_schema} in schema, {in_models} in models")
        null_schema, null_models = nullable(schema_hints[key]), nullable(model_hints[f.name])
        if null_schema and not (null_models or defaulted):  # null: the field's default
            problems.append(f"{key}: null allowed in schema only")
        if null_models and not (null_schema or not required):  # left out: None
            problems.append(f"{key}: None allowed in models only")
    return problems


def test_every_record_of_the_schema_has_a_dataclass() -> None:
    assert set(schema.RECORDS) - {()} == set(LAYERS)


@pytest.mark.parametrize("shape", list(LAYERS), ids=".".join)
def test_schema_and_dataclass_declare_the_same_fields_in_the_same_order(
    shape: tuple[str, ...],
) -> None:
    assert mismatch(schema.RECORDS[shape], LAYERS[shape]) == []


def test_the_parity_check_fails_when_one_layer_gains_a_field() -> None:
    """The check above is not vacuous: a field added to either layer alone is caught."""
    grown = dataclasses.make_dataclass(
        "Role",
        [(f.name, f.type, f) for f in dataclasses.fields(models.Role)]
        + [("salary", int, dataclasses.field(default=0))],
    )
    assert mismatch(schema.Role, grown) == ["only in models: salary"]

    class Rung(TypedDict):
        code: str
        title: str
        levels: Any
        source: NotRequired[str | None]
        note: NotRequired[str | None]

    assert mismatch(Rung, models.Rung) == ["only in schema: note"]


def test_records_round_trip_through_their_document_form() -> None:
    cmap = load()
    for record in [*cmap.roles, *cmap.moves, *cmap.companies, cmap.meta]:
        assert models.record_from(type(record), models.record_to(record)) == record


def test_a_document_leaves_out_what_is_not_given() -> None:
    move = models.Move("a", "b", "upward", (1.0, 2.0))
    assert models.record_to(move) == {"from": "a", "to": "b", "kind": "upward", "years": [1.0, 2.0]}
    role = models.record_from(
        models.Role, {"id": "a", "title": "A", "track": "t", "levels": [3, 4]}
    )
    assert role == models.Role("a", "A", "t", (3, 4))


@pytest.mark.parametrize("shape", list(LAYERS), ids=".".join)
def test_schema_and_dataclass_agree_on_required_fields_types_and_rules(
    shape: tuple[str, ...],
) -> None:
    assert parity(schema.RECORDS[shape], LAYERS[shape]) == []


def test_the_parity_check_fails_when_a_field_drifts_in_one_layer() -> None:
    """The check above is not vacuous: a field made required in one layer only, a type
    changed, a text rule or a range changed, or None allowed in one layer only, is caught."""
    hints = typing.get_type_hints(models.Rung, include_extras=True)
    required_source = dataclasses.make_dataclass(
        "Rung", [(f.name, hints[f.name]) for f in dataclasses.fields(models.Rung)]
    )
    assert parity(schema.Rung, required_source) == ["source: required in models only"]

    class Rung(TypedDict):
        code: Annotated[str, schema.Field(min_length=1, pattern=schema.PROSE_PATTERN)]
        title: int
        levels: Any
        source: NotRequired[schema.Text]

    assert parity(Rung, models.Rung) == [
        "code: str:prose in schema, str:text in models",
        "title: int in schema, str:text in models",
        "levels: Any in schema, list[int[0,99]] in models",
    ]

    class Skills(TypedDict):
        hard: Annotated[float, schema.Field(ge=0, le=5)]
        soft: schema.Score | None

    assert parity(Skills, models.Skills) == [
        "hard: float[0,5] in schema, float[0,10] in models",
        "soft: null allowed in schema only",
    ]


@dataclasses.dataclass(slots=True)
class GrownMove(models.Move):
    """Move with a field added, as a contributor would add one to models.py."""

    team: Text | None = None


GrownMoveRecord = TypedDict(  # ...and to schema.py
    "GrownMoveRecord",
    {
        **typing.get_type_hints(schema.Move, include_extras=True),
        "team": NotRequired[schema.Text | None],
    },
)


def test_a_field_added_to_both_layers_reaches_every_form(monkeypatch: pytest.MonkeyPatch) -> None:
    """A field added to Move in both declarations needs no other change: the parity check
    passes, and the field is in the document form, in --json, in the page's data, and comes
    back from the cache's compact form checked by its annotation."""
    assert parity(GrownMoveRecord, GrownMove) == []
    roles = (models.Role("a", "A", ("t",), (3, 3)), models.Role("b", "B", ("t",), (4, 4)))
    move = GrownMove("a", "b", "upward", (1.0, 2.0), team="Platform")
    cmap = models.CareerMap(roles, (move,))

    assert models.record_to(move)["team"] == "Platform"
    assert models.record_from(GrownMove, models.record_to(move)) == move
    assert move_json(move)["team"] == "Platform"  # the moves of --json
    assert json.loads(finder_data(cmap))["moves"][0]["team"] == "Platform"

    monkeypatch.setattr(models, "Move", GrownMove)  # what the cache builds moves as
    compact = json.loads(json.dumps(cmap.to_compact()))
    assert list(cache._build(compact).moves) == [move]
    assert list(models.CareerMap.from_compact(compact).moves) == [move]
    compact["moves"][0][-1] = "Platform\u202e"  # a bidi override: the Text rule refuses it
    with pytest.raises(cache._Unsound):
        cache._build(compact)
