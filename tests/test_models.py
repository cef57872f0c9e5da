"""The two layers of a record agree: schema.py (what a file may hold) and models.py (the map).

Each record is declared twice on purpose (pydantic checks files; slotted dataclasses keep
start-up fast), and converted by one generic function. These tests fail when a field is
added to one layer only, or when the document order of the keys drifts.
"""

from __future__ import annotations

import dataclasses
from typing import Any, NotRequired

import pytest
from typing_extensions import TypedDict

from careermap import models, schema
from careermap.loader import load

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
