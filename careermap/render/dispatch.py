"""``by_type``: one renderer function per result type, found by the type's dotted name.

It works like ``functools.singledispatch`` with one difference that start-up needs: a type is
registered by its name (``"careermap.evidence.Calibrated"``), so a renderer module draws
``calibrate``'s answer without importing ``careermap.evidence``. Importing the computing
modules for their result classes alone cost every command about 10 ms (issue 27: ``show``
imported the survival analysis, the diff and the framework matrix to print one role).
``tests/test_render_dispatch.py`` checks that every registered name is a class that exists.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Generic, TypeVar

from careermap.render.text import NotRendered

R = TypeVar("R")
F = TypeVar("F", bound=Callable[..., Any])


def dotted(cls: type) -> str:
    """A class's import path: ``careermap.results.RoleList``."""
    return f"{cls.__module__}.{cls.__qualname__}"


class ByType(Generic[R]):
    """``render(result)``: the function registered for ``result``'s class (or the nearest base
    class registered), or ``NotRendered`` naming what had no form."""

    def __init__(self, what: str) -> None:
        self.what = what  # "terminal view", "JSON shape": words for the NotRendered message
        self.functions: dict[str, Callable[[Any], R]] = {}

    def register(self, cls: type | str) -> Callable[[F], F]:
        """Decorate the function for ``cls``, a class or its dotted name."""
        name = cls if isinstance(cls, str) else dotted(cls)

        def add(function: F) -> F:
            if name in self.functions:
                raise ValueError(f"two {self.what} functions for {name}")
            self.functions[name] = function
            return function

        return add

    def __call__(self, result: object) -> R:
        for cls in type(result).__mro__:
            function = self.functions.get(dotted(cls))
            if function is not None:
                return function(result)
        raise NotRendered(f"no {self.what} for {type(result).__name__}")
