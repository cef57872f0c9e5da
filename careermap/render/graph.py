"""The map as a graph for other tools: Mermaid and DOT (moves styled by kind) and GraphML
(for Gephi or yEd; networkx reads it back).
"""

from __future__ import annotations

import colorsys
import json
import re
from collections.abc import Sequence
from typing import Any

from careermap.models import CareerMap, Role, record_to
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
_MERMAID_CODES = {
    "#": "#35;",
    '"': "#34;",
    "<": "#60;",
    ">": "#62;",
    "&": "#38;",
    "|": "#124;",
    "`": "#96;",
}


def _mermaid_text(text: str) -> str:
    escaped = plain(text)
    for char, code in _MERMAID_CODES.items():
        escaped = escaped.replace(char, code)
    return escaped


def _levels(cmap: CareerMap, role: Role) -> str:
    """A node's level label, on a line of its own under the title: the ladder's own level
    names ("Senior", never a word the title already has), the ranks ("L6-7") where it names
    none, or on a ladder of several scales the role's own scale's codes ("M3"), since ranks of
    two scales do not compare. Empty where the title says it all."""
    return cmap.role_levels(role, short=cmap.multiscale)


def track_fills(tracks: Sequence[str]) -> dict[str, str]:
    """A light fill per track, distinct for every track: the six named ones first, then hues
    spread by the golden angle."""
    fills = {}
    for i, track in enumerate(tracks):
        if i < len(TRACK_FILL):
            fills[track] = TRACK_FILL[i]
        else:
            red, green, blue = colorsys.hls_to_rgb((i * 0.618034) % 1.0, 0.88, 0.75)
            fills[track] = f"#{round(red * 255):02x}{round(green * 255):02x}{round(blue * 255):02x}"
    return fills


def _mermaid(cmap: CareerMap) -> str:
    lines = ["flowchart BT"]
    for i, track in enumerate(cmap.tracks):
        fill = TRACK_FILL[i % len(TRACK_FILL)]
        name = _mermaid_id(track, "t_")
        lines.append(f"  classDef {name} fill:{fill},stroke:#374151,color:#111827")
    for role in cmap.roles:
        levels = _levels(cmap, role)
        label = _mermaid_text(role.title) + (f"<br/>{_mermaid_text(levels)}" if levels else "")
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
    fill = track_fills(cmap.tracks)
    lines = [
        "digraph careermap {",
        "  rankdir=BT;",
        '  node [shape=box, style="rounded,filled", fontname="Helvetica"];',
        '  edge [fontname="Helvetica", fontsize=10];',
    ]
    for role in cmap.roles:
        levels = _levels(cmap, role)
        label = f'"{_dot_inner(role.title)}' + (f"\\n{_dot_inner(levels)}" if levels else "") + '"'
        lines.append(
            f'  {_dot_text(role.id)} [label={label}, fillcolor="{fill[role.track]}", '
            f"tooltip={_dot_text(role.track)}];"
        )
    # The legend: each track's fill, named.
    lines.append('  subgraph cluster_legend { label="Tracks"; style=dashed;')
    for i, track in enumerate(cmap.tracks):
        lines.append(f'    "legend {i}" [label={_dot_text(track)}, fillcolor="{fill[track]}"];')
    lines.append("  }")
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
    ``label`` (the title, or the move's kind and years) that Gephi and yEd show.

    Written here one element at a time, for networkx to read back as the graph its own writer
    wrote: that writer builds an ElementTree of the whole graph, over 1 GB for a chain of
    100,000 roles. The keys come first in the file but are known only once every element is
    written, so the elements are kept as strings until then.
    """
    keys: dict[tuple[str, str, str], str] = {}  # (attr.name, attr.type, for) -> key id
    name = plain(cmap.meta.name) if cmap.meta else "careermap"
    body = [
        '  <graph edgedefault="directed">\n',
        _ascii(_graphml_data("graph", {"name": name}, keys)),
    ]
    for role in cmap.roles:
        data = _graphml_data("node", {"label": plain(role.title), **_flat(record_to(role))}, keys)
        body.append(_ascii(f'    <node id="{_xml_attr(role.id)}">\n{data}    </node>\n'))
    for move in cmap.moves:
        years = f"{years_range(move.min_years, move.max_years)} y"
        values = {"label": f"{move.kind}, {years}", **_flat(record_to(move))}
        data = _graphml_data("edge", values, keys)
        body.append(
            _ascii(
                f'    <edge source="{_xml_attr(move.from_)}" target="{_xml_attr(move.to)}">\n'
                f"{data}    </edge>\n"
            )
        )
    body.append("  </graph>\n</graphml>\n")
    head = [GRAPHML_OPEN] + [
        _ascii(
            f'  <key id="{key}" for="{scope}" attr.name="{_xml_attr(attr)}" attr.type="{kind}" />\n'
        )
        for (attr, kind, scope), key in keys.items()
    ]
    return "".join(head + body)


GRAPHML_OPEN = (
    '<graphml xmlns="http://graphml.graphdrawing.org/xmlns" '
    'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" '
    'xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns '
    'http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">\n'
)
# GraphML's type for each value _flat gives, as networkx names them (and reads them back).
GRAPHML_TYPES = {str: "string", int: "long", float: "double", bool: "boolean"}
# What XML 1.0 cannot hold even as a character reference, once plain() has shown the controls.
_NOT_XML = re.compile("[\ud800-\udfff\ufffe\uffff]")


def _graphml_data(scope: str, values: dict[str, Any], keys: dict[tuple[str, str, str], str]) -> str:
    """The ``<data>`` lines of one element; a key per name and type, as networkx gives an
    attribute that is an int here and a float there two keys."""
    lines = []
    for attr, value in values.items():
        kind = GRAPHML_TYPES.get(type(value))
        if kind is None:
            raise TypeError(f"GraphML has no type for {attr}={value!r}")
        key = keys.get((attr, kind, scope))
        if key is None:
            key = keys[attr, kind, scope] = f"d{len(keys)}"
        if kind == "string":
            text = _xml_text(value)
        else:
            text = ("true" if value else "false") if kind == "boolean" else str(value)
        lines.append(f'      <data key="{key}">{text}</data>\n')
    return "".join(lines)


def _xml_text(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _xml_attr(text: str) -> str:
    """A double-quoted attribute value; whitespace as references, which parsers keep."""
    return (
        _xml_text(text)
        .replace('"', "&quot;")
        .replace("\n", "&#10;")
        .replace("\r", "&#13;")
        .replace("\t", "&#9;")
    )


def _ascii(text: str) -> str:
    """ASCII with character references, as networkx wrote it: the file reads the same in any
    encoding, and needs no XML declaration. What XML cannot hold is shown as its code."""
    if text.isascii():
        return text
    text = _NOT_XML.sub(lambda match: f"\\u{ord(match.group()):04x}", text)
    return text.encode("ascii", "xmlcharrefreplace").decode("ascii")


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
        elif key == "track" and isinstance(value, list):
            # A role on several tracks: drawn on its first, and a boolean key per track.
            flat[name] = plain(value[0])
            flat.update((f"on_track_{plain(track)}", True) for track in value)
        elif isinstance(value, list):
            flat[name] = plain(json.dumps(value, ensure_ascii=False))
        else:
            flat[name] = plain(value) if isinstance(value, str) else value
    return flat
