"""The skills map: the SVG file, the terminal picture and the Markdown text."""

from __future__ import annotations

import io
import json
import re
import xml.etree.ElementTree as ET
from collections.abc import Callable
from itertools import combinations, pairwise
from pathlib import Path
from typing import Any

import pytest
from rich.console import Console
from typer.testing import CliRunner

from careermap.cli import app
from careermap.loader import load
from careermap.models import CareerMap
from careermap.render.svg import layout, render_svg
from careermap.render.termmap import HEIGHT, Spot, render_map, term_layout
from careermap.skillsmap import Rect
from tests.cli import run
from tests.conftest import MINI_TOML
from tests.crowded import generated_ladder, stacked_ladder

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
        assert texts == [cmap.format_levels(role.levels), role.title]  # level tag, then title
        assert not [c for c in nodes[role.id].iter(f"{SVG}circle") if "ring" in c.get("class", "")]


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
        [head] = arrow.iter(f"{SVG}polygon")  # each arrow draws its own head
        assert head.attrib["class"] == "head"


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


def label_boxes(root: ET.Element) -> list[Rect]:
    return [
        Rect(*(float(g.attrib[f"data-{k}"]) for k in ("x", "y", "width", "height")))
        for g in root.iter(f"{SVG}g")
        if g.attrib.get("class") == "label"
    ]


def test_svg_labels_never_overlap(tmp_path: Path) -> None:
    root = write_svg(tmp_path, "--path", "senior-engineer", "director-of-tech")
    boxes = label_boxes(root)
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


@pytest.mark.parametrize("route", [[], WORKED_EXAMPLE])
def test_labels_cover_no_arrowhead_marker_or_label(cmap: CareerMap, route: list[str]) -> None:
    geometry = layout(cmap, cmap.roles, cmap.moves, route)
    assert not geometry.keyed  # the shipped map labels every role
    boxes = [*geometry.labels.values(), *geometry.numbers.values()]
    for first, second in combinations(boxes, 2):
        assert not first.overlaps(second), (first, second)
    for box in boxes:
        for role_id, marker in geometry.markers.items():
            assert not box.overlaps(marker), (box, role_id)
        for arrow in geometry.arrows:
            assert not box.overlaps(arrow.head_box), (box, arrow.move)


def test_each_label_is_nearest_its_own_marker_or_has_a_leader(cmap: CareerMap) -> None:
    """No label can be read as another role's: unless a leader line ties it to its marker,
    its own marker is the nearest one."""
    geometry = layout(cmap, cmap.roles, cmap.moves, WORKED_EXAMPLE)

    def distance(box: Rect, x: float, y: float) -> float:
        dx = max(box.x - x, 0, x - box.x - box.width)
        dy = max(box.y - y, 0, y - box.y - box.height)
        return float((dx * dx + dy * dy) ** 0.5)

    for role_id, box in geometry.labels.items():
        if role_id in geometry.leaders:
            leader = geometry.leaders[role_id]
            x, y = geometry.nodes[role_id]
            assert abs(leader.x1 - x) < 12 and abs(leader.y1 - y) < 12
            assert distance(box, leader.x2, leader.y2) < 0.5
            continue
        own = distance(box, *geometry.nodes[role_id])
        assert own <= 3 + 9 + 7 + 1, role_id  # beside the marker
        for other, (x, y) in geometry.nodes.items():
            if other != role_id:
                assert distance(box, x, y) >= own, (role_id, other)


def test_two_way_moves_show_both_heads(cmap: CareerMap) -> None:
    geometry = layout(cmap, cmap.roles, cmap.moves)
    arrows = {(a.move.from_, a.move.to): a for a in geometry.arrows}
    pairs = [(a, b) for (a, b) in arrows if (b, a) in arrows and a < b]
    assert ("engineering-manager", "senior-engineer") in pairs
    for a, b in pairs:
        there, back = arrows[(a, b)], arrows[(b, a)]
        assert not there.head_box.overlaps(back.head_box)
        # Parallel lines, apart: neither arrow is drawn over the other.
        gap = abs(there.line.x1 - back.line.x2) + abs(there.line.y1 - back.line.y2)
        assert gap > 6


def test_tracks_differ_by_shape_and_colour() -> None:
    from careermap.render.svg import SHAPES, TRACK_COLOURS, track_style

    assert len(set(SHAPES)) == len(SHAPES) == 12
    assert len(set(TRACK_COLOURS)) == 12
    styles = [track_style(i) for i in range(144)]
    assert len(set(styles)) == 144  # no shape+colour pair repeats before 144 tracks
    assert len({shape for shape, _ in styles[:12]}) == 12  # the first 12 differ by shape alone


def contrast(colour: str, background: str = "#ffffff") -> float:
    def luminance(hex_colour: str) -> float:
        channels = [int(hex_colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
        linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
        return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]

    high, low = sorted((luminance(colour), luminance(background)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def test_graphics_needed_to_read_the_map_have_3_to_1_contrast() -> None:
    from careermap.render import svg

    for colour in (*svg.TRACK_COLOURS, svg.LINE, svg.ROUTE_COLOUR, svg.MUTED, svg.INK):
        assert contrast(colour) >= 3, colour
    assert contrast(svg.INK, "#f3f4f6") >= 4.5  # level tag text on its tag


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


def one_point_ladder() -> dict[str, Any]:
    """50 roles on two skill points, one a little above the other."""
    ladder = generated_ladder()
    for i, role in enumerate(ladder["roles"]):
        role["skills"] = {"hard": 5.0 + (i % 2) * 0.3, "soft": 5.0}
    return ladder


@pytest.mark.parametrize("shape", ["spread", "stacked", "long titles", "one point"])
@pytest.mark.parametrize("width", [60, 80, 100, 120])
def test_crowded_terminal_map_shows_every_number_it_lists(
    shape: str, width: int, tmp_path: Path
) -> None:
    """On 50 roles over 9 tracks, every role is in the plot: its label, or the number its key
    entry gives, printed where the layout put it, or named as having no room; and no two roles
    share a marker cell."""
    if shape == "one point":
        ladder = one_point_ladder()
    elif shape == "spread":
        ladder = generated_ladder()
    else:
        ladder = stacked_ladder(long_titles="long" in shape)
    path = tmp_path / "crowded.json"
    path.write_text(json.dumps(ladder), encoding="utf-8")
    crowded = load(path)
    geometry = term_layout(crowded, crowded.roles, [], width)
    lines = terminal_map(crowded, width).splitlines()
    plot = lines[: 1 + HEIGHT]
    assert len(set(geometry.cells.values())) == len(crowded.roles)
    shown = set(geometry.labels) | set(geometry.keyed)
    assert shown | set(geometry.hidden) == {role.id for role in crowded.roles}
    assert not shown & set(geometry.hidden)
    key = " ".join(lines[1 + HEIGHT :])
    for role_id in geometry.hidden:  # a role without room is said to have none, by name
        assert "No room in the plot" in key and crowded.role(role_id).title in key
    for number, role_id in enumerate(geometry.keyed, 1):
        assert re.search(rf"(^|\s){number} ", key), number  # listed...
        spot = geometry.numbers[role_id]  # ...and shown in the plot, where the layout put it
        assert plot[1 + spot.row][2 + spot.col : 2 + spot.end] == str(number), (number, role_id)
    for role_id, spot in geometry.labels.items():
        assert plot[1 + spot.row][2 + spot.col : 2 + spot.end] == spot.text, role_id


@pytest.mark.parametrize("width", [100, 80])
def test_terminal_map_shows_every_title_within_the_width(cmap: CareerMap, width: int) -> None:
    text = terminal_map(cmap, width)
    for role in cmap.roles:
        assert role.title in text, role.title
    assert max(len(line) for line in text.splitlines()) <= width
    assert "Staff Engineer (L6-7)" in text and "Fellow (L10-11)" in text  # each label has its level
    assert "● engineering" in text and "■ sre" in text  # markers, not colour alone


def test_terminal_map_separates_staff_sre_and_staff_engineer(cmap: CareerMap) -> None:
    cells = term_layout(cmap, cmap.roles, [], 100).cells
    (sre_col, sre_row), (eng_col, eng_row) = cells["staff-sre"], cells["staff-engineer"]
    assert sre_row == eng_row and sre_col < eng_col
    line = terminal_map(cmap, 100).splitlines()[1 + sre_row]
    assert line[2 + sre_col] == "■" and line[2 + eng_col] == "●"


@pytest.mark.parametrize("width", [40, 60, 80, 100])
@pytest.mark.parametrize("route", [[], WORKED_EXAMPLE])
def test_terminal_labels_sit_beside_their_markers(
    cmap: CareerMap, width: int, route: list[str]
) -> None:
    """Each label is printed at most one blank cell from its marker and nearer to it than to any
    other marker; where there is no such place the role has a number (placed by the same rule)
    and a key entry."""
    geometry = term_layout(cmap, cmap.roles, route, width)
    lines = terminal_map(cmap, width, route).splitlines()
    markers = set(geometry.cells.values())

    def distance(spot: Spot, cell: tuple[int, int]) -> float:
        dx = max(spot.col - cell[0], 0, cell[0] - (spot.end - 1))
        return float((dx * dx + (2 * (spot.row - cell[1])) ** 2) ** 0.5)

    for role in cmap.roles:
        cell = geometry.cells[role.id]
        if role.id in geometry.labels:
            spot = geometry.labels[role.id]
            assert spot.text == f"{role.title} ({cmap.format_levels(role.levels)})"
        else:
            number = geometry.keyed.index(role.id) + 1
            assert f"{number} {role.title} ({cmap.format_levels(role.levels)})" in " ".join(lines)
            spot = geometry.numbers[role.id]
            assert spot.text == str(number)
        assert abs(spot.row - cell[1]) <= 1
        assert distance(spot, cell) <= 2.3, role.id  # at most one blank cell between
        assert all(distance(spot, other) > distance(spot, cell) for other in markers - {cell})
        printed = lines[1 + spot.row][2 + spot.col : 2 + spot.end]
        assert printed == spot.text, (role.id, printed)


def ansi_map(cmap: CareerMap, width: int, system: str | None, **options: bool) -> Console:
    console = Console(
        width=width,
        color_system=system,  # type: ignore[arg-type]
        force_terminal=True,
        file=io.StringIO(),
        record=True,
        **options,
    )
    console.print(render_map(cmap, cmap.roles, WORKED_EXAMPLE, width))
    return console


@pytest.mark.parametrize("width", [40, 60, 80, 100])
def test_terminal_labels_and_markers_are_never_dim(cmap: CareerMap, width: int) -> None:
    """Only the axis is faint: the review saw every label and marker dimmed by the line's
    base style."""
    geometry = term_layout(cmap, cmap.roles, WORKED_EXAMPLE, width)
    console = Console(
        width=width, color_system="truecolor", force_terminal=True, file=io.StringIO()
    )
    rows = list(console.render_lines(render_map(cmap, cmap.roles, WORKED_EXAMPLE, width)))
    styles: dict[tuple[int, int], bool] = {}
    for row, segments in enumerate(rows[1 : 1 + len(rows)]):
        col = 0
        for segment in segments:
            for _ in segment.text:
                styles[(col - 2, row)] = bool(segment.style and segment.style.dim)
                col += 1
    spots = [*geometry.labels.values(), *geometry.numbers.values()]
    for spot in spots:
        for col in range(spot.col, spot.end):
            assert styles[(col, spot.row)] is False, spot
    for col, row in geometry.cells.values():
        assert styles[(col, row)] is False


def test_terminal_route_differs_from_every_track_in_16_256_and_no_colour(cmap: CareerMap) -> None:
    from rich.color import ColorSystem
    from rich.style import Style

    from careermap.render.termmap import COLOURS, ROUTE_DOTS, ROUTE_STYLE

    route = Style.parse(ROUTE_STYLE)
    assert route.reverse  # no track is drawn in reverse video
    for system in (ColorSystem.STANDARD, ColorSystem.EIGHT_BIT):
        red = {Style.parse(ROUTE_DOTS).color.downgrade(system).number}  # type: ignore[union-attr]
        for colour in COLOURS:
            track = Style.parse(f"bold {colour}")
            assert not track.reverse
            assert track.color is not None
            assert track.color.downgrade(system).number not in red | {1, 9}, (colour, system)
    # In the consoles themselves: 16 colours, 256 colours, NO_COLOR.
    for system, options in (("standard", {}), ("256", {}), ("standard", {"no_color": True})):
        console = ansi_map(cmap, 100, system, **options)
        out = console.file.getvalue()  # type: ignore[attr-defined]
        reverse = re.findall(r"\x1b\[([0-9;]*7[0-9;]*)m", out)
        assert reverse, (system, options)
        marker_codes = set(re.findall(r"\x1b\[1;([0-9;]+)m[●■▲◆★✚▼○□△◇✖]", out))
        assert marker_codes, (system, options)
        assert not marker_codes & {"31", "91"}, (system, options)  # no track in the route's red


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


def test_no_svg_label_repeats_a_word(tmp_path: Path) -> None:
    """Level names that the titles hold ("Senior", "Staff", "Principal"): each label, and each
    key entry, says a word once; the level set apart in its tag or in parentheses."""
    ladder = generated_ladder()
    names = ["Associate", "Intermediate", "Senior", "Staff", "Principal", "Distinguished", "X"]
    ladder["levels"] = [{"rank": rank, "name": name} for rank, name in enumerate(names, 3)]
    path = tmp_path / "named.json"
    path.write_text(json.dumps(ladder), encoding="utf-8")
    named = load(path)
    root = ET.fromstring(render_svg(named, named.roles, named.moves))
    ns = "{http://www.w3.org/2000/svg}"
    texts = []
    for group in root.iter(f"{ns}g"):
        if group.get("class") == "label":
            texts.append(" ".join(t.text or "" for t in group.iter(f"{ns}text")))
        elif group.get("class") == "key":
            texts += [t.text or "" for t in group.iter(f"{ns}text")][1:]
    assert len(texts) == len(named.roles)
    for text in texts:
        words = re.findall(r"[a-z]+", text.casefold())
        assert len(words) == len(set(words)), text
    assert any("Intermediate" in text for text in texts)  # level names shown, not only codes
    keyed = layout(named, named.roles, named.moves).keyed
    entries = texts[len(texts) - len(keyed) :]
    for role_id, entry in zip(keyed, entries, strict=True):  # "7 Title (level)", set apart
        role = named.role(role_id)
        levels = named.role_levels(role)
        assert entry == f"{keyed.index(role_id) + 1} {role.title}" + (
            f" ({levels})" if levels else ""
        )


THEMED_NO_SKILLS = """
[meta]
name = "Themes, no skills"
[meta.axes]
x = "Impact"
y = "People"
[[themes]]
id = "craft"
name = "Craft"
[[themes]]
id = "impact"
name = "Impact"
[[themes]]
id = "people"
name = "People"
[[roles]]
id = "engineer"
title = "Engineer"
track = "eng"
levels = 3
source = "s"
competencies = { craft = 1, impact = 1, people = 1 }
[[roles]]
id = "senior"
title = "Senior Engineer"
track = "eng"
levels = 4
source = "s"
competencies = { craft = 2, impact = 2, people = 2 }
[[moves]]
from = "engineer"
to = "senior"
kind = "upward"
years = [2, 3]
source = "s"
"""


@pytest.mark.parametrize("axes", [True, False])
def test_map_without_skills_suggests_the_themes(axes: bool, tmp_path: Path) -> None:
    """A ladder with themes but no skills: the refusal says how to draw it (issue 30), with the
    themes its axes name, else its first two; and that command draws it."""
    text = THEMED_NO_SKILLS if axes else THEMED_NO_SKILLS.replace("Impact", "scope", 1)
    path = tmp_path / "themed.toml"
    path.write_text(text, encoding="utf-8")
    code, out, err = run("--data", str(path), "map")
    assert code == 1 and out == ""
    hint = "--x impact --y people" if axes else "--x craft --y impact"
    assert err.count("\n") == 1 and f"instead: {hint}" in err, err
    code, out, err = run("--data", str(path), "map", *hint.split())
    assert code == 0 and "Senior Engineer" in out, err


def test_map_by_themes_says_which_roles_it_leaves_off(tmp_path: Path) -> None:
    """--x/--y leave off roles without a step in both themes, and say so by name (issue 30):
    under the terminal map, and in the note of a written SVG."""
    text = THEMED_NO_SKILLS + (
        '[[roles]]\nid = "lead"\ntitle = "Lead Engineer"\ntrack = "eng"\nlevels = 5\n'
        'source = "s"\ncompetencies = { craft = 3 }\n'
    )
    path = tmp_path / "themed.toml"
    path.write_text(text, encoding="utf-8")
    code, out, err = run("--data", str(path), "map", "--x", "craft", "--y", "impact")
    assert code == 0, err
    assert "Left off, with no step in both themes (1): Lead Engineer" in out
    assert "Senior Engineer" in out
    target = tmp_path / "map.svg"
    code, out, err = run(
        "--data", str(path), "map", "--x", "craft", "--y", "impact", "--output", str(target)
    )
    assert code == 0 and "1 left off (no step in both themes)" in out + err, out + err
    assert "Lead Engineer" not in target.read_text(encoding="utf-8")
    path.write_text(THEMED_NO_SKILLS, encoding="utf-8")
    code, out, err = run("--data", str(path), "map", "--x", "craft", "--y", "people")
    assert code == 0 and "Left off" not in out  # every role has both


def test_map_json_by_themes_lists_the_roles_it_leaves_off(tmp_path: Path) -> None:
    """``map --x --y --json`` names the roles it leaves off by id, as the terminal and the
    --output note do, instead of dropping them silently (issue 30)."""
    text = THEMED_NO_SKILLS + (
        '[[roles]]\nid = "lead"\ntitle = "Lead Engineer"\ntrack = "eng"\nlevels = 5\n'
        'source = "s"\ncompetencies = { craft = 3 }\n'
    )
    path = tmp_path / "themed.toml"
    path.write_text(text, encoding="utf-8")
    code, out, err = run("--data", str(path), "map", "--x", "craft", "--y", "impact", "--json")
    assert code == 0, err
    shown = json.loads(out)
    assert shown["left_off"] == ["lead"]
    assert "lead" not in [role["id"] for role in shown["roles"]]
    path.write_text(THEMED_NO_SKILLS, encoding="utf-8")
    code, out, err = run("--data", str(path), "map", "--x", "craft", "--y", "people", "--json")
    assert code == 0 and json.loads(out)["left_off"] == [], err
