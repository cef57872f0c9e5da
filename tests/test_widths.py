"""Tables at any width: at 60, 80 and 120 columns no table splits a word, drops a column or
cuts a value. Every word the data gives for what a command shows appears whole."""

from __future__ import annotations

import json
import re

import pytest
from typer.testing import CliRunner

from careermap.cli import app

runner = CliRunner()

COMMANDS = [
    ["roles"],
    ["roles", "--company", "google"],
    ["show", "senior-engineering-manager"],
    ["show", "staff-engineer", "--company", "microsoft"],
    ["moves", "senior-engineer"],
    ["moves", "director-of-tech", "--into"],
    ["path", "senior-engineer", "director-of-tech", "--top", "2"],
    ["path", "senior-engineer", "vp-of-tech", "--company", "amazon"],
    ["reach", "senior-engineer", "--within", "8"],
    ["titles", "senior-engineering-manager"],
    ["levels"],
    ["compare", "staff-engineer", "senior-engineering-manager"],
]


# What a table shows of the data: titles, sources and rung codes everywhere, role ids where
# the table lists roles with their ids.
SHOWN_KEYS = {"title", "source", "code"}
WITH_IDS = {"roles", "show", "moves", "reach"}


def _strings(value: object, keys: set[str]) -> list[str]:
    """The strings under ``keys`` anywhere in a JSON document."""
    if isinstance(value, dict):
        rung = {"code", "title", "levels"} <= set(value)  # a rung's source: in --json only
        found = [
            v
            for k, v in value.items()
            if k in keys and isinstance(v, str) and not (rung and k == "source")
        ]
        return found + [s for v in value.values() for s in _strings(v, keys)]
    if isinstance(value, list):
        return [s for item in value for s in _strings(item, keys)]
    return []


def _words(args: list[str]) -> set[str]:
    result = runner.invoke(app, [*args, "--json"])
    assert result.exit_code == 0, result.output
    keys = SHOWN_KEYS | ({"id"} if args[0] in WITH_IDS else set())
    if args[0] == "show":  # the moves' other roles are shown by title and id too
        keys |= {"from", "to"}
    words: set[str] = set()
    for text in _strings(json.loads(result.stdout), keys):
        words.update(word for word in re.split(r"[\s,;()]+", text) if len(word) > 2)
    return words


@pytest.mark.parametrize("width", [60, 80, 120])
@pytest.mark.parametrize("args", COMMANDS, ids=lambda args: " ".join(args))
def test_every_word_appears_whole(args: list[str], width: int) -> None:
    result = runner.invoke(app, args, env={"COLUMNS": str(width), "NO_COLOR": "1"})
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert "…" not in out, "a value was cut"
    assert max(len(line) for line in out.splitlines()) <= width
    missing = [
        word
        for word in sorted(_words(args))
        if not re.search(rf"(?<![\w-]){re.escape(word)}(?![\w-])", out)
    ]
    assert missing == [], f"split or dropped at {width} columns: {missing[:10]}"


@pytest.mark.parametrize("width", [100, 120])
@pytest.mark.parametrize("company", [[], ["--company", "amazon"]])
def test_a_wrapped_title_never_leaves_its_last_word_on_a_line_of_its_own(
    width: int, company: list[str]
) -> None:
    """A title is broken where its lines cannot read as another role: never "Senior
    Engineering" then "Manager (L6-7)" (issue 30); where the column has room for the title,
    the title stays whole and only its level goes under it."""
    result = runner.invoke(
        app,
        ["path", "senior-engineer", "vp-of-tech", *company],
        env={"COLUMNS": str(width), "NO_COLOR": "1"},
    )
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert "Senior Engineering Manager" in out
    cells = [cell for line in out.splitlines() for cell in re.split(r"\s{2,}", line.strip())]
    assert not [cell for cell in cells if re.match(r"(Manager|II|III)\b", cell)], out
