"""One ``RouteOptions`` value: declared once, and every place that speaks of route options
(the "no route" message, the JSON ``constraints``, the command line explore shows, the API's
keywords) follows its fields."""

from __future__ import annotations

import dataclasses
import json
from typing import Any

import pytest

import careermap
from careermap.errors import flag, flags_spoken
from careermap.graph import RouteQuery, no_route_message
from careermap.options import RouteOptions
from careermap.render import render
from careermap.results import PathResult
from tests.cli import run

# A value other than the default for each field, that still leaves a route from
# senior-engineer to director-of-tech on the shipped map.
SAMPLES: dict[str, Any] = {
    "via": ("engineering-manager",),
    "avoid": ("staff-engineer",),
    "tracks": ("management",),
    "no_downward": True,
    "no_rare": True,
    "max_steps": 5,
    "by": "typical",
    "years_in_role": 1.5,
    "scale_up": True,
}


def test_every_field_has_a_sample() -> None:
    assert [spec.name for spec in dataclasses.fields(RouteOptions)] == list(SAMPLES)


@pytest.mark.parametrize("name", list(SAMPLES))
def test_each_option_round_trips_through_the_command_line_explore_shows(name: str) -> None:
    """``flags()`` (the words explore's "Same as:" line shows) given to ``careermap path``
    ask the same question: its JSON constraints are the options."""
    options = RouteOptions(**{name: SAMPLES[name]})
    assert options.given() == [name]
    code, out, err = run("path", "senior-engineer", "director-of-tech", *options.flags(), "--json")
    assert code == 0, err
    assert json.loads(out)["constraints"] == options.as_json()


def _extended() -> type[RouteOptions]:
    """RouteOptions with one more field, as a later change would add it."""
    return dataclasses.make_dataclass(
        "RouteOptions",
        [("no_sideways", bool, dataclasses.field(default=False))],
        bases=(RouteOptions,),
        frozen=True,
    )


def test_a_new_field_reaches_the_message_the_json_and_the_flags_without_other_edits() -> None:
    options = _extended()(no_rare=True, no_sideways=True)  # type: ignore[call-arg]
    message = no_route_message(options, "a", "b")
    assert message.endswith("try without some of no_rare, no_sideways")
    with flags_spoken():
        assert no_route_message(options, "a", "b").endswith("of --no-rare, --no-sideways")
    assert options.flags() == ["--no-rare", "--no-sideways"]
    cmap = careermap.load().cmap
    result = PathResult(cmap, RouteQuery("senior-engineer", "staff-engineer", options), [], None)
    constraints = render(result, "json")["constraints"]
    assert constraints["no_sideways"] is True
    assert set(constraints) == {spec.name for spec in dataclasses.fields(options)}


@pytest.mark.parametrize("spec", dataclasses.fields(RouteOptions), ids=lambda spec: spec.name)
def test_no_route_names_each_option_that_can_rule_a_route_out(spec: dataclasses.Field[Any]) -> None:
    options = RouteOptions(**{spec.name: SAMPLES[spec.name]})
    message = no_route_message(options, "a", "b")
    if spec.name in ("by", "years_in_role", "scale_up"):  # they rank or adjust, never rule out
        assert message.endswith("in this map; try 'careermap moves a' to see where it leads")
    else:
        assert message.endswith(f"with these constraints; try without some of {spec.name}")


def test_a_single_name_is_one_name_and_sets_are_sorted() -> None:
    assert RouteOptions(via="staff-sre").via == ("staff-sre",)
    assert RouteOptions(avoid=frozenset({"b", "a"})).avoid == ("a", "b")


def test_the_api_takes_the_value_or_its_fields_and_refuses_other_keywords() -> None:
    ladder = careermap.load()
    options = RouteOptions(avoid=("engineering-manager",))
    given = ladder.path("senior-engineer", "director-of-tech", options, no_downward=True)
    assert given.query.options.avoid == ("engineering-manager",)
    assert given.query.options.no_downward
    with pytest.raises(
        careermap.UsageError, match=r"^unknown route option no_rar; did you mean no_rare\?"
    ):
        ladder.routes("senior-engineer", "director-of-tech", no_rar=True)
    with pytest.raises(
        careermap.UsageError, match=r"^reach takes tracks, no_downward, no_rare .* not via$"
    ):
        ladder.reach("senior-engineer", 5, via="staff-engineer")


def test_map_options_without_a_path_name_what_was_given() -> None:
    code, _, err = run("map", "--no-rare", "--max-steps", "3")
    assert code == 2
    assert err == "error: --no-rare, --max-steps shape a --path route; give --path FROM TO\n"


def test_flags_spell_the_command_line_options() -> None:
    assert flag("tracks") == "--track" and flag("max_steps") == "--max-steps"
