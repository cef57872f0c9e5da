"""export: the data formats round-trip; the graph formats hold every role and move."""

from __future__ import annotations

import io
import json
import re
from pathlib import Path

import networkx as nx
import pytest
from typer.testing import CliRunner

from careermap.cli import app
from careermap.loader import load

runner = CliRunner()


def export(*args: str) -> str:
    result = runner.invoke(app, ["export", *args])
    assert result.exit_code == 0, result.output
    return result.stdout


@pytest.mark.parametrize("fmt", ["json", "toml", "yaml"])
def test_data_formats_round_trip(fmt: str, tmp_path: Path) -> None:
    path = tmp_path / f"map.{fmt}"
    path.write_text(export("--format", fmt), encoding="utf-8")
    again, original = load(path), load()
    assert again.to_document() == original.to_document()
    assert again.roles == original.roles and again.moves == original.moves


@pytest.mark.parametrize("fmt", ["json", "toml", "yaml"])
def test_exported_map_answers_as_the_shipped_one(fmt: str, tmp_path: Path) -> None:
    path = tmp_path / f"g.{fmt}"
    path.write_text(export("--format", fmt), encoding="utf-8")
    question = ["path", "senior-engineer", "director-of-tech", "--top", "3", "--json"]
    shipped = runner.invoke(app, question)
    exported = runner.invoke(app, ["--data", str(path), *question])
    assert exported.exit_code == 0, exported.output
    assert json.loads(exported.stdout) == json.loads(shipped.stdout)


def test_mermaid_has_every_role_and_move_styled_by_kind() -> None:
    cmap = load()
    text = export("--format", "mermaid")
    assert text.startswith("flowchart BT\n")
    for role in cmap.roles:
        assert re.search(
            rf'^  r_{role.id.replace("-", "_")}\["{re.escape(role.title)}<br/>', text, re.M
        )
    edges = re.findall(r"^  (\w+) (-->|-\.->)\|\"(\w+), ", text, re.M)
    assert len(edges) == len(cmap.moves)
    for _, arrow, kind in edges:
        assert arrow == ("-->" if kind == "upward" else "-.->")
    downward = [i for i, m in enumerate(cmap.moves) if m.kind == "downward"]
    for index in downward:
        assert f"linkStyle {index} stroke-dasharray:2 4" in text


def test_dot_has_every_role_and_move_styled_by_kind() -> None:
    cmap = load()
    text = export("--format", "dot")
    assert text.startswith("digraph careermap {") and text.rstrip().endswith("}")
    edges = re.findall(r'^  "([a-z0-9-]+)" -> "([a-z0-9-]+)" \[.*style=(\w+)', text, re.M)
    styles = {"upward": "solid", "lateral": "dashed", "downward": "dotted"}
    assert sorted(edges) == sorted((m.from_, m.to, styles[m.kind]) for m in cmap.moves)
    for role in cmap.roles:
        assert f'  "{role.id}" [label="{role.title}\\n' in text


def test_graphml_reads_back_with_networkx() -> None:
    cmap = load()
    graph = nx.read_graphml(io.BytesIO(export("--format", "graphml").encode()))
    assert set(graph.nodes) == {role.id for role in cmap.roles}
    assert set(graph.edges) == {(m.from_, m.to) for m in cmap.moves}
    assert graph.nodes["director-of-tech"]["title"] == "Director of Tech"
    assert graph.edges["senior-engineer", "staff-engineer"]["kind"] == "upward"
    assert graph.edges["senior-engineer", "staff-engineer"]["max_years"] == 8.0


def test_graphml_carries_every_field_and_a_label() -> None:
    cmap = load()
    graph = nx.read_graphml(io.BytesIO(export("--format", "graphml").encode()))
    for role in cmap.roles:
        node = graph.nodes[role.id]
        assert node["label"] == role.title
        assert (node["min_level"], node["max_level"]) == role.levels
        assert json.loads(node["aliases"]) == list(role.aliases)
        assert node["description"] == role.description
        if role.skills:
            assert (node["skills_hard"], node["skills_soft"]) == (
                role.skills.hard,
                role.skills.soft,
            )
    for move in cmap.moves:
        edge = graph.edges[move.from_, move.to]
        assert edge["label"].startswith(move.kind)
        assert edge.get("note") == move.note


def test_export_to_a_file_never_overwrites_without_force(tmp_path: Path) -> None:
    target = tmp_path / "out.toml"
    result = runner.invoke(app, ["export", "--format", "toml", "--output", str(target)])
    assert result.exit_code == 0, result.output
    assert result.stdout == ""
    assert f"Wrote {target} (toml)" in result.stderr
    first = target.read_text(encoding="utf-8")
    target.write_text("keep me", encoding="utf-8")
    result = runner.invoke(app, ["export", "--format", "json", "--output", str(target)])
    assert result.exit_code == 1
    assert result.stderr.strip() == f"error: {target}: exists; use --force to overwrite it"
    assert target.read_text(encoding="utf-8") == "keep me"
    result = runner.invoke(app, ["export", "-f", "toml", "-o", str(target), "--force"])
    assert result.exit_code == 0, result.output
    assert target.read_text(encoding="utf-8") == first


def test_export_into_a_missing_folder_is_an_error(tmp_path: Path) -> None:
    result = runner.invoke(app, ["export", "--output", str(tmp_path / "no" / "such.json")])
    assert result.exit_code == 1
    assert "does not exist" in result.stderr


def test_unknown_export_format_is_a_usage_error() -> None:
    result = runner.invoke(app, ["export", "--format", "pdf"])
    assert result.exit_code == 2
    assert "pdf" in result.stderr
