"""``ByType``: the renderers' table of one function per result type, keyed by dotted name."""

from __future__ import annotations

import importlib
from dataclasses import dataclass

import pytest

from careermap.render import RENDERERS
from careermap.render.dispatch import ByType, dotted
from careermap.render.text import NotRendered


def _tables() -> list[tuple[str, ByType[object]]]:
    found = []
    for module, name in sorted(set(RENDERERS.values())):
        function = getattr(importlib.import_module(module), name)
        if isinstance(function, ByType):
            found.append((f"{module}.{name}", function))
    return found


def test_the_renderers_dispatch_by_name() -> None:
    # Guards the test below: it would pass with no table to look at.
    names = {label for label, _ in _tables()}
    assert {"careermap.render.terminal.view", "careermap.render.json.shape"} <= names


@pytest.mark.parametrize(("label", "table"), _tables(), ids=[label for label, _ in _tables()])
def test_every_registered_name_is_a_class_that_exists(label: str, table: ByType[object]) -> None:
    # A type registered by name is not imported at start-up, so a renamed or moved class would
    # only show as "output is not available" when someone ran that command.
    assert table.functions, label
    for name in table.functions:
        module, _, qualname = name.rpartition(".")
        cls = getattr(importlib.import_module(module), qualname, None)
        assert isinstance(cls, type), f"{label}: {name} is not a class"
        assert dotted(cls) == name


@dataclass
class Base:
    n: int


class Child(Base):
    pass


def test_a_subclass_finds_its_base_and_an_unknown_type_is_not_rendered() -> None:
    table: ByType[str] = ByType("test text")

    @table.register(f"{__name__}.Base")
    def _(value: Base) -> str:
        return f"base {value.n}"

    assert table(Child(2)) == "base 2"
    with pytest.raises(NotRendered, match="no test text for str"):
        table("x")
    with pytest.raises(ValueError, match="two test text functions"):
        table.register(Base)(lambda value: "again")
