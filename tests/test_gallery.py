"""The gallery: every built-in ladder validates strictly, and each command of the README runs
on each of them without an error or a sentence that belongs to the shipped map only."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from careermap.cli import app
from careermap.loader import load
from careermap.sources import DEFAULT_LADDER, ladder_files

runner = CliRunner()
GALLERY = [name for name in ladder_files() if name != DEFAULT_LADDER]
# Wording that only the article's map calls for.
SHIPPED_ONLY = ("programming, systems, product", "communication, relationships, organisation")


def test_the_gallery_has_real_ladders() -> None:
    assert len(GALLERY) >= 6
    listed = json.loads(runner.invoke(app, ["ladders", "--json"]).stdout)
    assert {item["name"] for item in listed} == set(ladder_files())
    for item in listed:
        assert set(item) == {"name", "title", "roles", "moves", "sources"}
        assert item["roles"] > 0 and item["sources"]


@pytest.mark.parametrize("name", GALLERY)
def test_each_ladder_validates_strictly(name: str) -> None:
    result = runner.invoke(app, ["validate", str(ladder_files()[name]), "--strict"])
    assert result.exit_code == 0, result.output
    assert result.stdout.strip().endswith("; 0 warnings")


def _commands(name: str) -> list[list[str]]:
    cmap = load(ladder=name)
    first, last = cmap.roles[0].id, cmap.roles[-1].id
    themes = [theme.id for theme in cmap.themes]
    commands = [
        ["roles"],
        ["roles", "--json"],
        ["roles", "--markdown"],
        ["show", first],
        ["moves", first],
        ["moves", last, "--into"],
        ["path", first, last, "--top", "3"],
        ["path", first, last, "--json"],
        ["path", first, last, "--markdown", "--plan"],
        ["reach", "--into", last],
        ["compare", first, last],
        ["compare", first, last, "--json"],
        ["export", "--format", "html"],
        ["export", "--format", "dot"],
        ["export", "--format", "mermaid"],
    ]
    if all(role.skills for role in cmap.roles):
        commands.append(["map"])
    if len(themes) >= 2 and all(role.competencies for role in cmap.roles):
        commands.append(["map", "--x", themes[0], "--y", themes[1]])
    return commands


@pytest.mark.parametrize(
    ("name", "args"),
    [(name, args) for name in GALLERY for args in _commands(name)],
    ids=lambda value: value if isinstance(value, str) else " ".join(value),
)
def test_every_command_runs_on_each_ladder(name: str, args: list[str]) -> None:
    result = runner.invoke(app, ["--ladder", name, *args], env={"COLUMNS": "100"})
    assert result.exit_code == 0, result.output
    assert "Traceback" not in result.output
    for sentence in SHIPPED_ONLY:
        assert sentence not in result.stdout, sentence


@pytest.mark.parametrize("name", GALLERY)
def test_ladders_without_companies_say_so(name: str) -> None:
    cmap = load(ladder=name)
    if cmap.companies:
        pytest.skip("this ladder has company ladders")
    result = runner.invoke(app, ["--ladder", name, "levels"])
    if cmap.multiscale:  # a ladder of several scales shows them side by side instead
        assert result.exit_code == 0, result.output
        assert "the map's scales" in result.stdout
        return
    assert result.exit_code == 1
    assert "no company ladders" in result.stderr


def test_ladder_and_data_together_are_a_usage_error(tmp_path: object) -> None:
    result = runner.invoke(app, ["--ladder", "basecamp", "--data", "x.toml", "roles"])
    assert result.exit_code == 2 and "give one" in result.stderr
    result = runner.invoke(app, ["--ladder", "basecmp", "roles"])
    assert result.exit_code == 2 and "did you mean basecamp?" in result.stderr
