"""The map in other formats: its own data format (JSON, TOML, YAML) and graph formats.

The data formats round-trip: exporting and loading again gives the same roles, moves and
companies. Mermaid and DOT draw the graph with moves styled by kind; GraphML comes from
networkx for tools such as Gephi or yEd; HTML is a whole page to share (``site.py``).
"""

from __future__ import annotations

import json
import re
from typing import Any

from careermap.models import CareerMap, format_levels

DOT_STYLE = {"upward": "solid", "lateral": "dashed", "downward": "dotted"}
TRACK_FILL = ["#dbeafe", "#ccfbf1", "#ffedd5", "#ede9fe", "#fce7f3", "#ecfccb"]


def export(cmap: CareerMap, fmt: str) -> str:
    """The map as text in ``fmt``: json, toml, yaml, mermaid, dot, graphml or html."""
    if fmt == "json":
        return json.dumps(cmap.to_document(), indent=2, ensure_ascii=False) + "\n"
    if fmt == "yaml":
        import yaml

        return str(
            yaml.safe_dump(cmap.to_document(), sort_keys=False, allow_unicode=True, width=100)
        )
    if fmt == "toml":
        return dump_toml(cmap.to_document())
    if fmt == "mermaid":
        return _mermaid(cmap)
    if fmt == "dot":
        return _dot(cmap)
    if fmt == "graphml":
        return _graphml(cmap)
    if fmt == "html":
        from careermap.site import render_page

        return render_page(cmap)
    raise ValueError(f"unknown export format {fmt!r}")


# -- TOML ------------------------------------------------------------------------------------


def dump_toml(data: dict[str, Any]) -> str:
    """TOML for careermap's documents: nested tables, arrays of tables, inline small tables.

    Written here because the standard library reads TOML but does not write it, and the data
    format's shapes are few: not a general TOML writer.
    """
    lines: list[str] = []
    _toml_table(data, (), lines)
    return "\n".join(lines).lstrip("\n") + "\n"


def _needs_section(value: Any) -> bool:
    """Values written as their own [table] or [[array]]: tables holding tables, lists of tables."""
    if isinstance(value, dict):
        return any(isinstance(v, dict | list) for v in value.values())
    return isinstance(value, list) and bool(value) and all(isinstance(v, dict) for v in value)


def _toml_table(table: dict[str, Any], path: tuple[str, ...], lines: list[str]) -> None:
    for key, value in table.items():
        if not _needs_section(value):
            lines.append(f"{_toml_key(key)} = {_toml_value(value)}")
    for key, value in table.items():
        if not _needs_section(value):
            continue
        name = ".".join(_toml_key(part) for part in (*path, key))
        if isinstance(value, dict):
            lines.extend(["", f"[{name}]"])
            _toml_table(value, (*path, key), lines)
        else:
            for item in value:
                lines.extend(["", f"[[{name}]]"])
                _toml_table(item, (*path, key), lines)


def _toml_key(key: str) -> str:
    return key if re.fullmatch(r"[A-Za-z0-9_-]+", key) else json.dumps(key)


def _toml_value(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return repr(value)
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, list):
        if value and all(isinstance(v, dict) for v in value):
            inner = ",\n".join(f"  {_toml_value(v)}" for v in value)
            return f"[\n{inner},\n]"
        return "[" + ", ".join(_toml_value(v) for v in value) + "]"
    if isinstance(value, dict):
        return (
            "{ " + ", ".join(f"{_toml_key(k)} = {_toml_value(v)}" for k, v in value.items()) + " }"
        )
    raise TypeError(f"cannot write {type(value).__name__} as TOML")


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
