"""``RouteOptions``: how a route may go and how routes rank, one value for every door.

A value, not an engine: it lives below ``graph`` (which imports it from here) so that what only
carries options (the API's ``map``, ``explore``'s first screen) does not import the route
searches (issue 27: importing ``graph`` for this class cost ``explore``'s first screen 8 ms).
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields, replace
from typing import Any

from careermap.errors import UsageError, flag, option

RANK_KEYS: tuple[str, ...] = ("min", "typical", "max", "steps")


def _narrows(value: bool = True) -> dict[str, bool]:
    """A ``RouteOptions`` field's metadata: whether the option can rule a route out."""
    return {"narrows": value}


@dataclass(frozen=True)
class RouteOptions:
    """How a route may go and how routes rank: the one value ``path``, ``reach``, ``map``,
    the page, ``explore`` and the Python API take (``careermap.api.Ladder``).

    Declared once: the "no route" message (``no_route_message``), the JSON ``constraints``
    and the command line ``explore`` shows (``flags``) iterate these fields. Role and track
    names are as given until ``careermap.results.route_query`` resolves them to ids; a
    single string where names are expected is one name. A field whose metadata says
    ``narrows=False`` ranks or adjusts routes but never rules one out.
    """

    via: tuple[str, ...] = ()  # the route passes through these roles, in order
    avoid: tuple[str, ...] = ()  # ... and never through these
    tracks: tuple[str, ...] = ()  # intermediate roles on one of these tracks
    no_downward: bool = False  # leave out downward moves
    no_rare: bool = False  # leave out moves marked rare (such as product -> tech)
    max_steps: int | None = None
    by: str = field(default="min", metadata=_narrows(False))  # one of RANK_KEYS
    years_in_role: float = field(default=0.0, metadata=_narrows(False))  # spent in the start
    scale_up: bool = field(default=False, metadata=_narrows(False))  # the data's meta.scale_up

    def __post_init__(self) -> None:
        for spec in fields(self):
            value = getattr(self, spec.name)
            if isinstance(spec.default, tuple) and not isinstance(value, tuple):
                if isinstance(value, str):
                    names: tuple[str, ...] = (value,)
                elif isinstance(value, set | frozenset):  # no order of its own: sorted
                    names = tuple(sorted(value))
                else:
                    names = tuple(value or ())
                object.__setattr__(self, spec.name, names)

    @classmethod
    def of(cls, options: RouteOptions | None = None, **given: Any) -> RouteOptions:
        """``options`` (or the defaults) with the fields ``given`` replaced; a name that is no
        field is a usage error, with the closest field."""
        known = [spec.name for spec in fields(cls)]
        for name in given:
            if name not in known:
                from difflib import get_close_matches

                close = get_close_matches(name, known, n=1)
                hint = f"; did you mean {option(close[0])}?" if close else ""
                raise UsageError(f"unknown route option {option(name)}{hint}")
        return replace(options or cls(), **given)

    def given(self, narrowing: bool = False) -> list[str]:
        """The fields set to other than their defaults, in declaration order (``narrowing``:
        only those that can rule a route out)."""
        return [
            spec.name
            for spec in fields(self)
            if getattr(self, spec.name) != spec.default
            and (spec.metadata.get("narrows", True) or not narrowing)
        ]

    def as_json(self) -> dict[str, object]:
        """Every field, as JSON values (names as lists)."""
        return {
            spec.name: list(value) if isinstance(value, tuple) else value
            for spec in fields(self)
            for value in [getattr(self, spec.name)]
        }

    def flags(self) -> list[str]:
        """The command line's words for the options given (``--avoid A --avoid B``...)."""
        words: list[str] = []
        for name in self.given():
            value = getattr(self, name)
            if isinstance(value, bool):
                words.append(flag(name))
            elif isinstance(value, tuple):
                for item in value:
                    words += [flag(name), item]
            else:
                words += [flag(name), f"{value:g}" if isinstance(value, float) else str(value)]
        return words
