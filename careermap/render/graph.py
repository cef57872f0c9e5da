"""The map as a graph for other tools: Mermaid and DOT (moves styled by kind) and GraphML
(from networkx, for Gephi or yEd).
"""

from __future__ import annotations

import json
from typing import Any

from careermap.models import CareerMap, format_levels, record_to
from careermap.render.text import plain, years_range
from careermap.results import MapDocument

DOT_STYLE = {"upward": "solid", "lateral": "dashed", "downward": "dotted"}
TRACK_FILL = ["#dbeafe", "#ccfbf1", "#ffedd5", "#ede9fe", "#fce7f3", "#ecfccb"]


def mermaid_text(result: MapDocument) -> str:
    return _mermaid(result.cmap)


def dot_text(result: MapDocument) -> str:
    return _dot(result.cmap)


def graphml_text(result: MapDocument) -> str:
    return _graphml(result.cmap)


# -- graph formats ---------------------------------------------------------------------------


def _mermaid_id(name: str, prefix: str = "r_") -> str:
    """A node or class name no Mermaid keyword can be (end, class, graph, default...)."""
    return prefix + name.replace("-", "_")


# Characters that would end or change a Mermaid label, as its numeric entity codes ("#" first).
_MERMAID_CODES = {"#": "#35;", '"': "#34;", "<": "#60;", ">": "#62;", "&": "#38;", "|": "#124;"}


def _mermaid_text(text: str) -> str:
    escaped = plain(text)
    for char, code in _MERMAID_CODES.items():
        escaped = escaped.replace(char, code)
    return escaped


def _mermaid(cmap: CareerMap) -> str:
    lines = ["flowchart BT"]
    for i, track in enumerate(cmap.tracks):
        fill = TRACK_FILL[i % len(TRACK_FILL)]
        name = _mermaid_id(track, "t_")
        lines.append(f"  classDef {name} fill:{fill},stroke:#374151,color:#111827")
    for role in cmap.roles:
        label = f"{_mermaid_text(role.title)}<br/>{_mermaid_text(format_levels(role.levels))}"
        lines.append(f'  {_mermaid_id(role.id)}["{label}"]:::{_mermaid_id(role.track, "t_")}')
    styles = []
    for index, move in enumerate(cmap.moves):
        arrow = "-->" if move.kind == "upward" else "-.->"
        years = f"{years_range(move.min_years, move.max_years)} y"
        lines.append(
            f'  {_mermaid_id(move.from_)} {arrow}|"{move.kind}, {years}"| {_mermaid_id(move.to)}'
        )
        if move.kind == "downward":
            styles.append(f"  linkStyle {index} stroke-dasharray:2 4")
    lines.extend(styles)
    return "\n".join(lines) + "\n"


def _dot_text(text: str) -> str:
    """A DOT quoted string: only a quote and a backslash are special inside one."""
    return '"' + _dot_inner(text) + '"'


def _dot_inner(text: str) -> str:
    return plain(text).replace("\\", "\\\\").replace('"', '\\"')


def _dot(cmap: CareerMap) -> str:
    fill = {t: TRACK_FILL[i % len(TRACK_FILL)] for i, t in enumerate(cmap.tracks)}
    lines = [
        "digraph careermap {",
        "  rankdir=BT;",
        '  node [shape=box, style="rounded,filled", fontname="Helvetica"];',
        '  edge [fontname="Helvetica", fontsize=10];',
    ]
    for role in cmap.roles:
        label = f'"{_dot_inner(role.title)}\\n{_dot_inner(format_levels(role.levels))}"'
        lines.append(
            f'  {_dot_text(role.id)} [label={label}, fillcolor="{fill[role.track]}", '
            f"tooltip={_dot_text(role.track)}];"
        )
    # One rank per lowest level, so roles are drawn in level order.
    by_level: dict[int, list[str]] = {}
    for role in cmap.roles:
        by_level.setdefault(role.levels[0], []).append(_dot_text(role.id))
    for _, ids in sorted(by_level.items()):
        lines.append(f"  {{ rank=same; {'; '.join(ids)}; }}")
    for move in cmap.moves:
        years = f"{years_range(move.min_years, move.max_years)} y"
        lines.append(
            f"  {_dot_text(move.from_)} -> {_dot_text(move.to)} "
            f'[label="{years}", style={DOT_STYLE[move.kind]}, tooltip="{move.kind}"];'
        )
    lines.append("}")
    return "\n".join(lines) + "\n"


def _graphml(cmap: CareerMap) -> str:
    """Every field of every role and move, flattened to GraphML's scalar attributes, and a
    ``label`` (the title, or the move's kind and years) that Gephi and yEd show."""
    import networkx as nx

    graph = nx.DiGraph(name=plain(cmap.meta.name) if cmap.meta else "careermap")
    for role in cmap.roles:
        graph.add_node(role.id, label=plain(role.title), **_flat(record_to(role)))
    for move in cmap.moves:
        years = f"{years_range(move.min_years, move.max_years)} y"
        graph.add_edge(move.from_, move.to, label=f"{move.kind}, {years}", **_flat(record_to(move)))
    return "\n".join(nx.generate_graphml(graph)) + "\n"


# Ranges that become two numeric attributes, as graph tools filter and size by numbers.
RANGES = {"levels": ("min_level", "max_level"), "years": ("min_years", "max_years")}


def _flat(document: dict[str, Any], prefix: str = "") -> dict[str, Any]:
    """Ranges become two numbers, nested tables ``outer_inner`` keys, lists JSON text."""
    flat: dict[str, Any] = {}
    for key, value in document.items():
        name = f"{prefix}{key}"
        if key in RANGES:
            low, high = (value["min"], value.get("max")) if isinstance(value, dict) else value
            pairs = zip(RANGES[key], (low, high), strict=True)
            flat.update((name, v) for name, v in pairs if v is not None)
        elif isinstance(value, dict):
            flat.update(_flat(value, f"{name}_"))
        elif isinstance(value, list):
            flat[name] = plain(json.dumps(value, ensure_ascii=False))
        else:
            flat[name] = plain(value) if isinstance(value, str) else value
    return flat
