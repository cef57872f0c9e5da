"""The map as a graph for other tools: Mermaid and DOT (moves styled by kind) and GraphML
(from networkx, for Gephi or yEd).
"""

from __future__ import annotations

import json

from careermap.models import CareerMap, format_levels
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


def _mermaid_id(role_id: str) -> str:
    return role_id.replace("-", "_")


def _mermaid_text(text: str) -> str:
    return text.replace('"', "#quot;")


def _mermaid(cmap: CareerMap) -> str:
    lines = ["flowchart BT"]
    for i, track in enumerate(cmap.tracks):
        fill = TRACK_FILL[i % len(TRACK_FILL)]
        lines.append(f"  classDef {_mermaid_id(track)} fill:{fill},stroke:#374151,color:#111827")
    for role in cmap.roles:
        label = _mermaid_text(f"{role.title}<br/>{format_levels(role.levels)}")
        lines.append(f'  {_mermaid_id(role.id)}["{label}"]:::{_mermaid_id(role.track)}')
    styles = []
    for index, move in enumerate(cmap.moves):
        arrow = "-->" if move.kind == "upward" else "-.->"
        years = f"{move.min_years:g}-{move.max_years:g} y"
        lines.append(
            f'  {_mermaid_id(move.from_)} {arrow}|"{move.kind}, {years}"| {_mermaid_id(move.to)}'
        )
        if move.kind == "downward":
            styles.append(f"  linkStyle {index} stroke-dasharray:2 4")
    lines.extend(styles)
    return "\n".join(lines) + "\n"


def _dot_text(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)


def _dot(cmap: CareerMap) -> str:
    fill = {t: TRACK_FILL[i % len(TRACK_FILL)] for i, t in enumerate(cmap.tracks)}
    lines = [
        "digraph careermap {",
        "  rankdir=BT;",
        '  node [shape=box, style="rounded,filled", fontname="Helvetica"];',
        '  edge [fontname="Helvetica", fontsize=10];',
    ]
    for role in cmap.roles:
        label = f"{role.title}\\n{format_levels(role.levels)}"
        lines.append(
            f'  {_dot_text(role.id)} [label="{label}", fillcolor="{fill[role.track]}", '
            f"tooltip={_dot_text(role.track)}];"
        )
    for move in cmap.moves:
        years = f"{move.min_years:g}-{move.max_years:g} y"
        lines.append(
            f"  {_dot_text(move.from_)} -> {_dot_text(move.to)} "
            f'[label="{years}", style={DOT_STYLE[move.kind]}, tooltip="{move.kind}"];'
        )
    lines.append("}")
    return "\n".join(lines) + "\n"


def _graphml(cmap: CareerMap) -> str:
    import networkx as nx

    graph = nx.DiGraph(name=cmap.meta.name if cmap.meta else "careermap")
    for role in cmap.roles:
        graph.add_node(
            role.id,
            title=role.title,
            track=role.track,
            min_level=role.levels[0],
            max_level=role.levels[1],
            source=role.source or "",
        )
    for move in cmap.moves:
        graph.add_edge(
            move.from_,
            move.to,
            kind=move.kind,
            min_years=move.min_years,
            max_years=move.max_years,
            source=move.source or "",
        )
    return "\n".join(nx.generate_graphml(graph)) + "\n"
