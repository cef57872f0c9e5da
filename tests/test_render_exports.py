"""export: the data formats round-trip; the graph formats hold every role and move."""

from __future__ import annotations

import io
import json
import re
from pathlib import Path
from typing import Any

import networkx as nx
import pytest
import yaml
from typer.testing import CliRunner

from careermap.cli import app
from careermap.loader import load
from careermap.models import (
    Axes,
    CareerMap,
    Company,
    Ladder,
    Level,
    Meta,
    MetaSource,
    Move,
    Role,
    Rung,
    ScaleUp,
    Skills,
    Theme,
    record_to,
)
from careermap.render import as_text
from careermap.render.data import YAML_CHUNK
from careermap.render.graph import _flat
from careermap.render.text import plain, years_range
from careermap.results import MapDocument
from tests.test_hostile_text import hostile_map

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


# -- large exports: written a part at a time, read back as before -----------------------------

TITLES = [
    'Lead "Quoted" & <Co>',
    "Señor Ingeniero — 工程师 🚀",
    "a ]]> b's </data> &amp; &#10;",
    "  spaced  ",
    "line\u2028sep\u00a0nbsp",
]


def ladder_with_every_field(size: int = 1200) -> CareerMap:
    """A ladder holding every field of every record, hostile text, ints and floats for the same
    attribute, open-ended and unknown years, rare moves and competencies; larger than a few
    YAML chunks."""
    themes = (
        Theme("tech", "Tech & <depth>", 'what "tech" means', ("low", "mid", "high")),
        Theme("people", "Pëople"),
    )
    roles = [
        Role(
            f"r{i}",
            f"{TITLES[i % len(TITLES)]} {i}",
            ("eng", "mgmt") if i % 7 == 0 else ("eng",),
            (i % 9 + 1, i % 9 + 1 + i % 2),
            Skills(i % 10, 2.5) if i % 3 else None,
            (f"Alias & {i}", f"<{i}>") if i % 4 == 0 else (),
            "Line one\nline\ttwo é" if i % 5 == 0 else "",
            "src & co" if i % 6 == 0 else None,
            entry=i % 11 == 0,
            terminal=i % 13 == 0,
            competencies=(("tech", i % 3 + 1), ("people", 4.5)) if i % 2 else (),
            expectations=(("tech", ("Writes <code>", 'Says "no"')),) if i % 8 == 0 else (),
        )
        for i in range(size)
    ]
    years: list[tuple[float, float | None] | None] = [(1, 2), (0.5, 1.5), (2, None), None, (1.0, 3)]
    moves = [
        Move(
            f"r{i}",
            f"r{i + step}",
            "lateral" if step == 1 else "upward",
            years[(i + step) % len(years)],
            "s & <s>" if i % 3 == 0 else None,
            'note "x" → y' if i % 4 == 0 else None,
            "by <interview>" if i % 5 == 0 else None,
            rare=i % 6 == 0,
        )
        for i in range(size)
        for step in (1, 2)
        if i + step < size
    ]
    meta = Meta(
        'Ladder "A" & <B> — ünï',
        "about\nit",
        (MetaSource("Source & <title>", "s", "Au Thor", "https://x.test/?a=1&b=2", "2024"),),
        ScaleUp(0.75, "s", "faster"),
        Axes("soft & x", "hard < y"),
    )
    rungs = (Rung("E1", "Engineer <I>", (1, 1)), Rung("E2", 'Engineer "II"', (2, 3), "s"))
    companies = [Company("acme", "Acme & Co", (Ladder("eng", rungs, ("mgmt",), "s"),), "s", "n")]
    levels = [Level(1, "One", "L1"), Level(2, "Two & <more>")]
    return CareerMap(roles, moves, meta, companies, levels, themes)


def networkx_graphml(cmap: CareerMap) -> str:
    """The oracle: the graph the old export built, written by networkx."""
    graph = nx.DiGraph(name=plain(cmap.meta.name) if cmap.meta else "careermap")
    for role in cmap.roles:
        graph.add_node(role.id, label=plain(role.title), **_flat(record_to(role)))
    for move in cmap.moves:
        years = f"{years_range(move.min_years, move.max_years)} y"
        graph.add_edge(move.from_, move.to, label=f"{move.kind}, {years}", **_flat(record_to(move)))
    return "\n".join(nx.generate_graphml(graph)) + "\n"


def read_back(text: str) -> tuple[dict[str, Any], dict[Any, Any], dict[Any, Any]]:
    graph = nx.read_graphml(io.BytesIO(text.encode()))
    assert type(graph) is nx.DiGraph
    return (
        dict(graph.graph),
        dict(graph.nodes(data=True)),
        {(u, v): d for u, v, d in graph.edges(data=True)},
    )


def typed(values: dict[Any, Any]) -> dict[Any, Any]:
    """Values with their types, as 1 == 1.0 == True would hide a changed type."""
    return {
        k: typed(v) if isinstance(v, dict) else (type(v).__name__, v) for k, v in values.items()
    }


@pytest.mark.parametrize(
    "make", [load, ladder_with_every_field, hostile_map], ids=["shipped", "every-field", "hostile"]
)
def test_graphml_reads_back_as_the_networkx_writer_did(make: Any) -> None:
    cmap = make()
    new = as_text(MapDocument(cmap), "graphml")
    assert new.isascii()
    got, want = read_back(new), read_back(networkx_graphml(cmap))
    assert typed(got[0]) == typed(want[0])  # the graph's name
    assert typed(got[1]) == typed(want[1])  # nodes, with every attribute
    assert typed(got[2]) == typed(want[2])  # edges, with every attribute
    assert list(got[1]) == list(want[1])  # nodes in the same order


def test_graphml_gives_an_attribute_two_keys_where_networkx_does() -> None:
    graph = read_back(as_text(MapDocument(ladder_with_every_field(30)), "graphml"))
    assert {type(d["max_years"]) for d in graph[2].values() if "max_years" in d} == {int, float}
    assert {type(d["skills_hard"]) for d in graph[1].values() if "skills_hard" in d} == {int}


def test_graphml_shows_characters_xml_cannot_hold_as_codes() -> None:
    role = Role("a", "not\ufffe xml\uffff or \ud800 either", ("t",), (1, 1))
    graph = read_back(as_text(MapDocument(CareerMap([role])), "graphml"))
    assert graph[1]["a"]["label"] == "not\\ufffe xml\\uffff or \\ud800 either"


def whole_dump(cmap: CareerMap) -> str:
    """The oracle: the whole document in one safe_dump, as the old export wrote it."""
    return str(yaml.safe_dump(cmap.to_document(), sort_keys=False, allow_unicode=True, width=100))


@pytest.mark.parametrize(
    "make",
    [
        load,
        lambda: load(ladder="basecamp"),
        lambda: load(ladder="medium-snowflake"),
        lambda: load(ladder="monzo-backend"),
        ladder_with_every_field,
        lambda: CareerMap([Role("a", "A", ("t",), (1, 1))]),
    ],
    ids=["shipped", "basecamp", "medium-snowflake", "monzo-backend", "every-field", "no-moves"],
)
def test_yaml_is_the_whole_dump_byte_for_byte(make: Any) -> None:
    cmap = make()
    text = as_text(MapDocument(cmap), "yaml")
    assert text == whole_dump(cmap)
    assert yaml.safe_load(text) == cmap.to_document()


def test_the_generated_ladder_spans_several_yaml_chunks() -> None:
    cmap = ladder_with_every_field()
    assert len(cmap.roles) > 2 * YAML_CHUNK and len(cmap.moves) > 4 * YAML_CHUNK


def shared(value: Any, seen: dict[int, Any]) -> list[Any]:
    """The lists and dicts reached twice: PyYAML would write them as an anchor and an alias,
    which a dump in parts could not repeat."""
    if not isinstance(value, dict | list):
        return []
    if id(value) in seen:
        return [value]
    seen[id(value)] = value
    items = value.values() if isinstance(value, dict) else value
    return [twice for item in items for twice in shared(item, seen)]


@pytest.mark.parametrize("make", [load, ladder_with_every_field], ids=["shipped", "every-field"])
def test_the_document_shares_no_object(make: Any) -> None:
    assert shared(make().to_document(), {}) == []


# -- issue 30, item 6: graph labels in the ladder's words, tracks told apart -----------------


def named_levels_map() -> CareerMap:
    """Nine tracks; the ladder names its levels, and one title holds its level's name."""
    tracks = [f"track{i}" for i in range(9)]
    roles = [
        Role(f"r{i}", title, tracks[i % 9] if i else ("track0", "track1"), (i % 3 + 1,) * 2)
        for i, title in enumerate(
            ["Backend Engineer", "Senior Product Manager", "Principal Programmer"] * 3
        )
    ]
    levels = [Level(1, "Intermediate"), Level(2, "Senior", "S2"), Level(3, "Principal")]
    return CareerMap(roles, [Move("r0", "r1", "upward", (1, 2))], None, (), levels)


def test_dot_and_mermaid_name_levels_apart_from_titles_never_repeating_a_word() -> None:
    cmap = named_levels_map()
    dot = as_text(MapDocument(cmap), "dot")
    mermaid = as_text(MapDocument(cmap), "mermaid")
    # The level's name on its own line, under the title; the code where the title has the name.
    assert '"r0" [label="Backend Engineer\\nIntermediate"' in dot
    assert '"r1" [label="Senior Product Manager\\nS2"' in dot
    assert '"r2" [label="Principal Programmer"' in dot
    assert 'r_r0["Backend Engineer<br/>Intermediate"]' in mermaid
    assert 'r_r1["Senior Product Manager<br/>S2"]' in mermaid
    assert 'r_r2["Principal Programmer"]' in mermaid
    assert "L1" not in dot and "L1" not in mermaid


def test_dot_gives_every_track_its_own_fill_and_a_legend() -> None:
    cmap = named_levels_map()
    dot = as_text(MapDocument(cmap), "dot")
    fills = dict(re.findall(r'"legend \d+" \[label="([^"]+)", fillcolor="(#[0-9a-f]{6})"\]', dot))
    assert sorted(fills) == sorted(cmap.tracks) and len(set(fills.values())) == 9
    assert "subgraph cluster_legend" in dot
    for role in cmap.roles:  # each role filled as its track is in the legend
        assert f'"{role.id}" [label=' in dot
        line = next(line for line in dot.splitlines() if line.startswith(f'  "{role.id}" ['))
        assert f'fillcolor="{fills[role.track]}"' in line


def test_graphml_gives_a_multi_track_role_a_key_per_track() -> None:
    text = as_text(MapDocument(named_levels_map()), "graphml")
    graph = nx.read_graphml(io.BytesIO(text.encode()))
    node = graph.nodes["r0"]
    assert node["track"] == "track0"
    assert node["on_track_track0"] is True and node["on_track_track1"] is True
    assert "on_track_track0" not in graph.nodes["r1"]
