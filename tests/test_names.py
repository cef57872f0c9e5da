"""Names in every script: matching by Unicode case-folding and NFKC, symbols that tell names
apart, an exact id first, and suggestions that find near names and say whose alias they are."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from careermap.cli import app
from careermap.errors import AmbiguousRoleError, UnknownRoleError
from careermap.loader import load
from careermap.models import name_key

runner = CliRunner()

LADDER = """
[[roles]]
id = "junior"
title = "Junior"
track = "eng"
levels = 1
aliases = ["C# Dev", "高级"]

[[roles]]
id = "junior-bang"
title = "JUNIOR!"
track = "pm"
levels = 1
aliases = ["C++ Dev", "Старший"]

[[roles]]
id = "staff-engineer"
title = "Staff Engineer"
track = "eng"
levels = 3
aliases = ["S2 IC"]

[[roles]]
id = "staff-sre"
title = "Staff SRE"
track = "sre"
levels = 3
aliases = ["S2 PM"]

[[roles]]
id = "lead"
title = "Старший инженер"
track = "eng"
levels = 4
"""


@pytest.fixture
def ladder(tmp_path: Path) -> Path:
    path = tmp_path / "names.toml"
    path.write_text(LADDER, encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("name", "role"),
    [
        ("junior", "junior"),  # an exact id wins over the title "JUNIOR!" that reads the same
        ("C# Dev", "junior"),
        ("c++ dev", "junior-bang"),  # "C++" and "C#" are different names
        ("СТАРШИЙ ИНЖЕНЕР", "lead"),  # case-folding in any script
        ("старший", "junior-bang"),
        ("高级", "junior"),
        ("Ｓｔａｆｆ　ＳＲＥ", "staff-sre"),  # NFKC: full-width letters and space
    ],
)
def test_names_resolve_in_every_script(ladder: Path, name: str, role: str) -> None:
    assert load(ladder).resolve(name).id == role


@pytest.mark.parametrize("name", ["", "!!!", "Директор", "x" * 5000])
def test_names_that_match_nothing_are_unknown(ladder: Path, name: str) -> None:
    with pytest.raises(UnknownRoleError):
        load(ladder).resolve(name)


def test_a_title_that_reads_as_two_roles_is_ambiguous(ladder: Path) -> None:
    with pytest.raises(AmbiguousRoleError):
        load(ladder).resolve("Junior!")  # not an id: the title of one, the key of both


def test_suggestions_find_prefixes_and_say_whose_alias(ladder: Path) -> None:
    result = runner.invoke(app, ["--data", str(ladder), "show", "staff"])
    assert result.exit_code == 2
    assert "staff-engineer" in result.stderr and "staff-sre" in result.stderr
    result = runner.invoke(app, ["--data", str(ladder), "show", "s2"])
    assert 'staff-engineer ("S2 IC")' in result.stderr
    assert 'staff-sre ("S2 PM")' in result.stderr


def test_suggestions_are_bounded(ladder: Path) -> None:
    """A very long unknown name is not compared with every name (it matches nothing)."""
    assert load(ladder).suggest("x" * 10_000) == []


def test_aliases_that_differ_by_a_symbol_are_not_duplicates(ladder: Path) -> None:
    result = runner.invoke(app, ["validate", str(ladder)])
    assert result.exit_code == 0, result.output


def test_name_key_keeps_symbols_and_scripts() -> None:
    assert name_key("C++ Dev") != name_key("C# Dev")
    assert name_key("Старший  инженер") == "старший инженер"
    assert name_key("Peter Drucker—the “x”") == "peter drucker the x"
    assert name_key("!!!") == ""
