"""Text is data, never control: titles full of special characters in every output.

The map is built through the Python API (data can arrive without the file checks), with
titles, notes, sources and tracks holding every character that means something to a
terminal, Markdown, HTML/SVG/XML, DOT or Mermaid.
"""

from __future__ import annotations

import io
import json
import os
import re
import shutil
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

import networkx as nx
import pytest

from careermap.api import Ladder
from careermap.models import CareerMap, Meta, MetaSource, Move, Role, Skills
from careermap.render import as_text, render
from careermap.results import MapDocument, MoveList, PathResult, RoleList, SkillsMap

HOSTILE = 'A "quoted" \\ back<b>bold</b> *star* _under_ #hash |pipe| &amp [link](x) `tick`'
CONTROL = "esc\x1b]52;c;aGk=\x07 bell\x07 clear\x1b[2J vt\x0b soh\x01 del\x7f c1\x9b"
INJECT = 'Engineer", URL="javascript:alert(1)", target="_top'


def hostile_map() -> CareerMap:
    roles = [
        Role("end", HOSTILE, ("class",), (3, 3), Skills(1, 1), ("graph",), CONTROL, "src"),
        Role("default", CONTROL, ("graph",), (4, 4), Skills(2, 2), (), "", "x\x1b[31m"),
        Role("subgraph", INJECT, ("class",), (5, 5), Skills(3, 3)),
    ]
    moves = [
        Move("end", "default", "upward", (1.0, 2.0), "s\x1b[0m", "note\nwith # heading"),
        Move("default", "subgraph", "upward", (1.0, 2.0), None, CONTROL, "by <script>"),
    ]
    sources = (MetaSource("Evil", "evil", url="javascript:alert(1)"),)
    return CareerMap(roles, moves, Meta(HOSTILE, sources=sources))


def _no_controls(text: str) -> None:
    bad = re.findall("[\x00-\x08\x0b-\x1f\x7f-\x9f]", text)
    assert bad == [], sorted(set(bad))


@pytest.mark.parametrize("fmt", ["json", "toml", "yaml", "mermaid", "dot", "graphml", "html"])
def test_every_export_holds_no_control_character_but_json_escapes(fmt: str) -> None:
    text = as_text(MapDocument(hostile_map()), fmt)
    _no_controls(text)


def test_svg_and_graphml_are_valid_xml() -> None:
    cmap = hostile_map()
    svg = as_text(SkillsMap(cmap, list(cmap.roles), list(cmap.moves), []), "svg")
    ET.fromstring(svg)
    graph = nx.read_graphml(io.BytesIO(as_text(MapDocument(cmap), "graphml").encode()))
    assert graph.nodes["end"]["label"].startswith('A "quoted"')


def test_the_page_links_only_web_addresses() -> None:
    page = as_text(MapDocument(hostile_map()), "html")
    assert 'href="javascript:' not in page
    assert "Evil (javascript:alert(1))" in page  # shown, never a link
    assert "<b>bold</b>" not in page and "&lt;b&gt;bold&lt;/b&gt;" in page


def test_markdown_says_the_text_and_makes_no_markup() -> None:
    cmap = hostile_map()
    out = as_text(RoleList(cmap, list(cmap.roles)), "markdown")
    assert "<b>" not in out and "&lt;b&gt;bold&lt;/b&gt;" in out
    assert "\\*star\\*" in out and "\\_under\\_" in out and "&#124;pipe&#124;" in out
    moves = as_text(MoveList(cmap, cmap.role("end"), list(cmap.moves_from("end"))), "markdown")
    assert not any(line.startswith("#") and "heading" in line for line in moves.splitlines())
    _no_controls(out + moves)
    assert out.endswith("\n\n") and moves.endswith("\n\n")


def test_terminal_tables_print_no_escape_sequence() -> None:
    from rich.console import Console

    cmap = hostile_map()
    [route] = Ladder(cmap).routes("end", "subgraph")
    console = Console(file=io.StringIO(), width=120, color_system=None)
    for result in (
        RoleList(cmap, list(cmap.roles)),
        MoveList(cmap, cmap.role("default"), list(cmap.moves_from("default"))),
        PathResult(cmap, _query(cmap), [route], None),
        SkillsMap(cmap, list(cmap.roles), list(cmap.moves), route.roles),
    ):
        console.print(render(result, "table"))
    printed = console.file.getvalue()  # type: ignore[attr-defined]
    _no_controls(printed)
    assert "\\x1b" in printed  # shown as its code, visibly


def _query(cmap: CareerMap) -> object:
    from careermap.results import route_query

    return route_query(cmap, "end", "subgraph")


def test_json_keeps_the_text_exactly() -> None:
    cmap = hostile_map()
    shown = json.loads(as_text(RoleList(cmap, list(cmap.roles)), "json"))
    assert shown[1]["title"] == CONTROL  # JSON escapes it; the value is the data's


@pytest.mark.skipif(shutil.which("dot") is None, reason="Graphviz dot is not installed")
def test_graphviz_renders_the_dot_export_without_a_live_link(tmp_path: Path) -> None:
    dot = as_text(MapDocument(hostile_map()), "dot")
    done = subprocess.run(["dot", "-Tsvg"], input=dot, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert "href" not in done.stdout  # no link is made from a title
    assert "URL=&quot;javascript:alert(1)&quot;" in done.stdout  # the title shown as text


def test_mermaid_ids_and_classes_are_never_keywords() -> None:
    text = as_text(MapDocument(hostile_map()), "mermaid")
    for keyword in ("end", "class", "graph", "default", "subgraph"):
        assert not re.search(rf"^\s+{keyword}\b", text, re.M), keyword
        assert f":::{keyword}" not in text
    for line in text.splitlines()[1:]:
        label = re.search(r'\["(.*)"\]', line)
        if label:
            assert '"' not in label.group(1) and "<b>" not in label.group(1)


def _mmdc() -> str | None:
    """mermaid-cli: $CAREERMAP_MMDC (.ci/run installs it with npm), or mmdc on the PATH."""
    found = os.environ.get("CAREERMAP_MMDC") or shutil.which("mmdc")
    return found if found and Path(found).exists() else None


@pytest.mark.browser
@pytest.mark.skipif(
    _mmdc() is None or not Path("/usr/bin/chromium").exists(),
    reason="mermaid-cli (npm @mermaid-js/mermaid-cli, which .ci/run installs) or Chromium "
    "is not installed",
)
def test_mermaid_cli_renders_the_mermaid_export(tmp_path: Path) -> None:
    config = tmp_path / "puppeteer.json"
    config.write_text(
        json.dumps(
            {"executablePath": "/usr/bin/chromium", "args": ["--no-sandbox", "--disable-gpu"]}
        )
    )
    source = tmp_path / "hostile.mmd"
    source.write_text(as_text(MapDocument(hostile_map()), "mermaid"), encoding="utf-8")
    target = tmp_path / "hostile.svg"
    done = subprocess.run(
        [str(_mmdc()), "-p", str(config), "-i", str(source), "-o", str(target)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    svg = target.read_text(encoding="utf-8")
    assert "back&lt;b&gt;bold&lt;/b&gt;" in svg  # the tag is shown as text, never made
    assert 'href="javascript' not in svg  # the injected title makes no link
