"""The skills map: the SVG file, the terminal picture and the Markdown text."""

from __future__ import annotations

import io
import json
import xml.etree.ElementTree as ET
from collections.abc import Callable
from itertools import combinations, pairwise
from pathlib import Path

import pytest
from rich.console import Console
from typer.testing import CliRunner

from careermap.cli import app
from careermap.loader import load
from careermap.models import CareerMap
from careermap.render.svg import layout, render_svg
from careermap.render.termmap import render_map
from careermap.skillsmap import Rect
from tests.conftest import MINI_TOML

runner = CliRunner()
ROOT = Path(__file__).resolve().parent.parent
SVG = "{http://www.w3.org/2000/svg}"
WORKED_EXAMPLE = [
    "senior-engineer",
    "engineering-manager",
    "senior-engineering-manager",
    "director-of-tech",
]
BOX_DRAWING = set("┌┐└┘│─━┃┏┓┗┛╭╮╰╯")

WriteFile = Callable[[str, str | bytes], Path]


@pytest.fixture(scope="module")
def cmap() -> CareerMap:
    return load()


def write_svg(tmp_path: Path, *args: str) -> ET.Element:
    target = tmp_path / "map.svg"
    result = runner.invoke(app, ["map", "--output", str(target), *args])
    assert result.exit_code == 0, result.output
    assert f"Wrote {target}" in result.stderr
    return ET.parse(target).getroot()


def rect_of(element: ET.Element) -> Rect:
    return Rect(*(float(element.attrib[k]) for k in ("x", "y", "width", "height")))


# -- SVG -------------------------------------------------------------------------------------


def test_svg_has_one_labelled_node_per_role(tmp_path: Path, cmap: CareerMap) -> None:
    root = write_svg(tmp_path)
    assert root.tag == f"{SVG}svg"
    nodes = {g.attrib["data-role"]: g for g in root.iter(f"{SVG}g") if "data-role" in g.attrib}
    assert set(nodes) == {role.id for role in cmap.roles}
    for role in cmap.roles:
        texts = [t.text for t in nodes[role.id].iter(f"{SVG}text")]
        assert texts == [role.title]
        assert len(list(nodes[role.id].iter(f"{SVG}circle"))) == 1  # no route ring


def test_svg_has_one_arrow_per_move_styled_by_kind(tmp_path: Path, cmap: CareerMap) -> None:
    root = write_svg(tmp_path)
    arrows = [g for g in root.iter(f"{SVG}g") if "move" in g.attrib.get("class", "").split()]
    assert sorted((g.attrib["data-from"], g.attrib["data-to"]) for g in arrows) == sorted(
        (m.from_, m.to) for m in cmap.moves
    )
    dashes = {"upward": None, "lateral": "7 5", "downward": "2 4"}
    kinds = {(m.from_, m.to): m.kind for m in cmap.moves}
    for arrow in arrows:
        kind = kinds[(arrow.attrib["data-from"], arrow.attrib["data-to"])]
        assert kind in arrow.attrib["class"].split()
        [line] = arrow.iter(f"{SVG}line")
        assert line.attrib.get("stroke-dasharray") == dashes[kind]


def test_svg_is_accessible_and_has_title_axes_boxes_and_legend(tmp_path: Path) -> None:
    root = write_svg(tmp_path)
    assert root.attrib["role"] == "img"
    title = root.find(f"{SVG}title")
    desc = root.find(f"{SVG}desc")
    assert title is not None and title.text == "The Skills Map of Senior Tech Career Progression"
    assert desc is not None and "17 roles" in (desc.text or "")
    text = " ".join(t.text or "" for t in root.iter(f"{SVG}text"))
    assert "Soft skills" in text and "Hard skills" in text
    for word in ("engineering", "sre", "management", "product", "upward", "lateral", "downward"):
        assert word in text
    boxes = {g.attrib["data-levels"] for g in root.iter(f"{SVG}g") if "data-levels" in g.attrib}
    assert {"L5", "L6-7", "L7-8", "L9-10"} <= boxes


def test_svg_labels_never_overlap(tmp_path: Path) -> None:
    root = write_svg(tmp_path, "--path", "senior-engineer", "director-of-tech")
    boxes = [rect_of(r) for r in root.iter(f"{SVG}rect") if r.attrib.get("class") == "label-box"]
    assert len(boxes) == 17
    for first, second in combinations(boxes, 2):
        assert not first.overlaps(second), (first, second)
    canvas = Rect(0, 0, float(root.attrib["width"]), float(root.attrib["height"]))
    assert all(box.inside(canvas) for box in boxes)


def test_labels_do_not_cover_any_node(cmap: CareerMap) -> None:
    geometry = layout(cmap, cmap.roles)
    for role_id, (x, y) in geometry.nodes.items():
        node = Rect(x - 7, y - 7, 14, 14)
        for other, label in geometry.labels.items():
            assert not label.overlaps(node), (role_id, other)


def test_roles_sharing_a_position_are_drawn_apart(cmap: CareerMap) -> None:
    nodes = layout(cmap, cmap.roles).nodes
    assert cmap.role("staff-sre").skills == cmap.role("staff-engineer").skills
    (sre_x, sre_y), (eng_x, eng_y) = nodes["staff-sre"], nodes["staff-engineer"]
    assert sre_y == eng_y
    assert eng_x - sre_x > 20  # Staff SRE to the left, as in the article


def test_svg_highlights_the_route(tmp_path: Path) -> None:
    root = write_svg(tmp_path, "--path", "senior-engineer", "director-of-tech")
    on_route = [
        g.attrib["data-role"] for g in root.iter(f"{SVG}g") if "on-route" in g.get("class", "")
    ]
    assert on_route == WORKED_EXAMPLE
    marked = {
        (g.attrib["data-from"], g.attrib["data-to"])
        for g in root.iter(f"{SVG}g")
        if "route" in g.attrib.get("class", "").split()
    }
    assert marked == set(pairwise(WORKED_EXAMPLE))
    desc = root.find(f"{SVG}desc")
    assert desc is not None
    assert "Senior Engineer → Engineering Manager" in (desc.text or "")


def test_svg_refuses_to_overwrite_without_force(tmp_path: Path) -> None:
    target = tmp_path / "map.svg"
    target.write_text("mine", encoding="utf-8")
    result = runner.invoke(app, ["map", "--output", str(target)])
    assert result.exit_code == 1
    assert "exists; use --force" in result.stderr
    assert target.read_text(encoding="utf-8") == "mine"
    result = runner.invoke(app, ["map", "--output", str(target), "--force"])
    assert result.exit_code == 0, result.output
    assert target.read_text(encoding="utf-8").startswith("<svg")


def test_map_output_must_be_svg(tmp_path: Path) -> None:
    result = runner.invoke(app, ["map", "--output", str(tmp_path / "map.png")])
    assert result.exit_code == 2
    assert "name the file *.svg" in result.stderr
    assert not (tmp_path / "map.png").exists()


def test_committed_map_matches_the_data(cmap: CareerMap) -> None:
    """docs/map.svg is what `careermap map --path senior-engineer director-of-tech` writes."""
    expected = render_svg(
        cmap, cmap.roles, cmap.moves, WORKED_EXAMPLE, cmap.meta.name if cmap.meta else ""
    )
    committed = (ROOT / "docs" / "map.svg").read_text(encoding="utf-8")
    assert committed == expected, (
        "docs/map.svg is stale: careermap map --path senior-engineer director-of-tech "
        "--output docs/map.svg --force"
    )


# -- terminal --------------------------------------------------------------------------------


def terminal_map(cmap: CareerMap, width: int, route: list[str] | None = None) -> str:
    console = Console(width=width, color_system=None, file=io.StringIO())
    console.print(render_map(cmap, cmap.roles, route or [], width))
    assert isinstance(console.file, io.StringIO)
    return console.file.getvalue()


@pytest.mark.parametrize("width", [100, 80])
def test_terminal_map_shows_every_title_within_the_width(cmap: CareerMap, width: int) -> None:
    text = terminal_map(cmap, width)
    for role in cmap.roles:
        assert role.title in text, role.title
    assert max(len(line) for line in text.splitlines()) <= width
    for level in ("┌L5", "┌L6-7", "┌L7-8", "┌L9-10"):
        assert level in text
    assert "● engineering" in text and "■ sre" in text  # markers, not colour alone


def test_terminal_map_separates_staff_sre_and_staff_engineer(cmap: CareerMap) -> None:
    text = terminal_map(cmap, 100)
    [line] = [line for line in text.splitlines() if "Staff Engineer" in line]
    assert "■" in line and "●" in line
    assert line.index("■") < line.index("●")


def test_terminal_map_marks_the_route(cmap: CareerMap) -> None:
    text = terminal_map(cmap, 100, WORKED_EXAMPLE)
    assert "·" in text
    assert "Route: Senior Engineer → Engineering Manager → Senior Engineering Manager → " in text


def test_map_command_without_colour_is_legible() -> None:
    result = runner.invoke(
        app,
        ["map", "--path", "senior-engineer", "director-of-tech"],
        env={"NO_COLOR": "1", "COLUMNS": "100"},
    )
    assert result.exit_code == 0, result.output
    assert "\x1b[3" not in result.stdout
    assert "Director of Tech" in result.stdout and "highlighted route" in result.stdout


def test_map_track_filter_and_route_on_it() -> None:
    result = runner.invoke(app, ["map", "--track", "management", "--json"])
    assert result.exit_code == 0, result.output
    shown = json.loads(result.stdout)
    assert {role["track"] for role in shown["roles"]} == {"management"}
    result = runner.invoke(
        app, ["map", "--track", "management", "--path", "senior-engineer", "director-of-tech"]
    )
    assert result.exit_code == 2
    assert "senior-engineer is on track 'engineering'" in result.stderr


def test_map_json_keeps_data_apart_from_drawing(cmap: CareerMap) -> None:
    """Staff SRE and Staff Engineer need the same skills (the article); only the drawing
    spreads them, and that offset is reported as drawn_at, never as skills."""
    result = runner.invoke(app, ["map", "--json", "--path", "senior-engineer", "director-of-tech"])
    shown = json.loads(result.stdout)
    by_id = {role["id"]: role for role in shown["roles"]}
    sre, ic = by_id["staff-sre"], by_id["staff-engineer"]
    assert sre["skills"] == ic["skills"] == {"hard": 5.0, "soft": 2.5}
    assert (sre["soft"], sre["hard"]) == (ic["soft"], ic["hard"]) == (2.5, 5.0)
    assert sre["drawn_at"]["soft"] < ic["drawn_at"]["soft"]
    assert sre["drawn_at"]["hard"] == ic["drawn_at"]["hard"] == 5.0
    for role in cmap.roles:
        assert role.skills is not None
        assert by_id[role.id]["skills"] == {"hard": role.skills.hard, "soft": role.skills.soft}
    assert shown["route"] == WORKED_EXAMPLE


def test_map_needs_skills(write_file: WriteFile) -> None:
    data = write_file("mini.toml", MINI_TOML)
    result = runner.invoke(app, ["--data", str(data), "map"])
    assert result.exit_code == 1  # the data lacks what the map needs; not a usage error
    assert "needs skills on every role" in result.stderr


def test_route_options_need_a_path() -> None:
    result = runner.invoke(app, ["map", "--via", "staff-engineer"])
    assert result.exit_code == 2
    assert "--path" in result.stderr


# -- Markdown --------------------------------------------------------------------------------
