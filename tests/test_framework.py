"""The framework view: ``matrix`` (levels by competencies), ``assess`` (a self-assessment),
CSV out, and flat ``as_dict()`` rows from the API (issue 28)."""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path

import pytest

import careermap
from careermap.api import Ladder
from careermap.models import CareerMap, Move, Role, Skills, Theme
from careermap.render import as_text, render
from careermap.results import MapDocument
from careermap.sources import ladder_files, ladder_path
from tests.cli import run

DONE_WHEN = [
    "--rate",
    "tech-depth=3",
    "--rate",
    "tech-breadth=3",
    "--rate",
    "product=1",
    "--rate",
    "communication=2",
    "--rate",
    "organisation=2",
]
# The shipped map and every gallery ladder with themes (medium-snowflake's roles hold no step:
# its matrix is empty, as its competencies are).
THEMED = [
    name
    for name, path in ladder_files().items()
    if "[[themes]]" in path.read_text(encoding="utf-8")
]


def _load(name: str) -> CareerMap:
    return careermap.load() if name == "default" else careermap.load(ladder_path(name))


def _ladder_args(name: str) -> list[str]:
    return [] if name == "default" else ["--ladder", name]


# -- matrix ----------------------------------------------------------------------------------


@pytest.mark.parametrize("name", THEMED)
def test_matrix_json_equals_the_ladders_competencies_cell_by_cell(name: str) -> None:
    cmap = _load(name)
    code, out, err = run(*_ladder_args(name), "matrix", "--json")
    assert code == 0, err
    tables = json.loads(out)["tracks"]
    assert [t["track"] for t in tables] == [
        t for t in cmap.tracks if any(r.competencies for r in cmap.roles if t in r.tracks)
    ]
    seen = set()
    by_theme = {theme.id: theme for theme in cmap.themes}
    for table in tables:
        roles = [cmap.role(role_id) for role_id in table["roles"]]
        assert {r.id for r in roles} == {r.id for r in cmap.roles if table["track"] in r.tracks}
        assert [r.levels for r in roles] == sorted(r.levels for r in roles)  # level order
        for row in table["themes"]:
            theme = by_theme[row["id"]]
            assert row["name"] == theme.name
            for role in roles:
                step = role.proficiency(theme.id)
                cell = row["cells"][role.id]
                if step is None:
                    assert cell is None
                    continue
                assert cell == {
                    "step": step,
                    "words": theme.label(step),
                    "expectations": list(role.expected(theme.id)),
                }
                seen.add((role.id, theme.id))
    assert seen == {(role.id, theme) for role in cmap.roles for theme, _ in role.competencies}


def test_matrix_csv_opens_as_a_table_a_header_and_a_row_per_theme() -> None:
    cmap = careermap.load()
    code, out, _ = run("matrix", "--csv", "--track", "engineering")
    assert code == 0
    rows = list(csv.reader(io.StringIO(out)))
    engineering = [
        r.id for r in sorted(cmap.filter_roles(track="engineering"), key=lambda r: r.levels)
    ]
    assert rows[0] == ["theme", *engineering]
    assert [row[0] for row in rows[1:]] == [theme.name for theme in cmap.themes]
    assert rows[1][2] == "Go-to expert for a group of systems"  # staff-engineer's tech depth
    assert {len(row) for row in rows} == {len(rows[0])}


def test_the_matrix_fits_80_columns_without_cutting_a_word() -> None:
    from rich.console import Console

    cmap = careermap.load()
    console = Console(width=80, record=True, file=io.StringIO())
    console.print(render(cmap.matrix(), "table"))
    lines = console.export_text().splitlines()
    assert max(len(line) for line in lines) <= 80
    assert "…" not in "\n".join(lines)
    for role in cmap.roles:  # every role named whole, in a heading or a block of its own
        assert any(role.title in line for line in lines) or role.title.split()[0] in "\n".join(
            lines
        )


def test_matrix_with_a_company_names_its_titles() -> None:
    code, out, _ = run("matrix", "--track", "engineering", "--company", "google", "--json")
    assert code == 0
    titles = json.loads(out)["tracks"][0]["titles"]
    assert titles["staff-engineer"] and "Staff" in titles["staff-engineer"]


def test_an_unknown_track_is_a_usage_error_with_a_suggestion() -> None:
    code, out, err = run("matrix", "--track", "enginering")
    assert code == 2 and "did you mean engineering?" in err and out == ""


def test_a_ladder_whose_roles_hold_no_steps_says_the_matrix_is_empty() -> None:
    code, out, err = run("--ladder", "medium-snowflake", "matrix")
    assert code == 0 and out == "" and "No role" in err
    code, out, err = run("--ladder", "medium-snowflake", "assess", "--rate", "craft=1")
    assert code == 0 and out == "" and "No role" in err


# -- assess ----------------------------------------------------------------------------------


def test_assess_gives_the_issues_answer_on_the_shipped_map() -> None:
    code, out, err = run("assess", *DONE_WHEN, "--json")
    assert code == 0, err
    tracks = {t["track"]: t for t in json.loads(out)["tracks"]}
    engineering, management = tracks["engineering"], tracks["management"]
    assert engineering["meets"] == "staff-engineer" and engineering["unknown"] == []
    assert [n["role"] for n in engineering["next"]] == ["principal-engineer"]
    assert engineering["next"][0]["gaps"] == [
        {"theme": "tech-depth", "have": 3, "need": 4},
        {"theme": "tech-breadth", "have": 3, "need": 4},
        {"theme": "product", "have": 1, "need": 2},
        {"theme": "communication", "have": 2, "need": 3},
    ]
    assert management["meets"] == "engineering-manager"
    assert [n["role"] for n in management["next"]] == ["senior-engineering-manager"]
    assert management["next"][0]["gaps"] == [
        {"theme": "communication", "have": 2, "need": 3},
        {"theme": "organisation", "have": 2, "need": 3},
    ]
    code, table, _ = run("assess", *DONE_WHEN)
    assert code == 0
    for said in ("Staff Engineer", "Principal Engineer", "Senior Engineering Manager"):
        assert said in table


def test_unrated_themes_are_unknown_never_zero() -> None:
    result = careermap.load().assess({"tech-depth": 3})
    engineering = next(t for t in result.tracks if t.track == "engineering")
    # As zero, product (which every engineer's step states) would fail Senior Engineer.
    assert engineering.meets is not None and engineering.meets.id == "staff-engineer"
    # ... met as far as rated: the themes it states that were not rated are named.
    assert [t.id for t in engineering.unknown] == [
        "tech-breadth",
        "product",
        "communication",
        "organisation",
    ]
    ahead = engineering.next[0]
    assert [g.theme.id for g in ahead.gaps] == ["tech-depth"]
    assert [t.id for t in ahead.unknown] == [
        "tech-breadth",
        "product",
        "communication",
        "organisation",
    ]
    code, out, _ = run("assess", "--rate", "tech-depth=3", "--markdown")
    assert code == 0 and "Communication: unknown (not rated)" in out
    assert "you meet Staff Engineer (as far as you rated: Tech breadth, Product skills" in out


def test_a_step_may_be_given_in_the_themes_words_and_a_theme_by_name() -> None:
    by_words = careermap.load().assess({"Tech depth": "go-to expert for a group of systems"})
    assert by_words.ratings == {"tech-depth": 3.0}


def test_assess_reads_a_file_and_options_win(tmp_path: Path) -> None:
    ratings = tmp_path / "me.toml"
    ratings.write_text('tech-depth = 1\ncommunication = 2\n"Product skills" = 1\n')
    code, out, err = run("assess", str(ratings), "--rate", "tech-depth=3", "--json")
    assert code == 0, err
    assert json.loads(out)["ratings"] == {"tech-depth": 3, "product": 1, "communication": 2}


def test_a_bad_entry_in_the_file_is_bad_data_with_file_line_and_theme(tmp_path: Path) -> None:
    ratings = tmp_path / "me.toml"
    ratings.write_text("tech-depth = 3\n\ncommunication = 9\n")
    code, out, err = run("assess", str(ratings))
    assert code == 1 and out == ""
    assert err.count("\n") == 1
    assert err.startswith(f"error: {ratings}: line 3: communication: 9 is not a step of theme")


@pytest.mark.parametrize(
    ("args", "said"),
    [
        (["--rate", "tech-dept=3"], "did you mean tech-depth?"),
        (["--rate", "tech-depth=6"], "is not a step of theme 'tech-depth'"),
        (["--rate", "tech-depth"], "give THEME=STEP"),
        ([], "rate yourself with --rate THEME=STEP"),
        (["--rate", "tech-depth=3", "--rate", "tech-depth=2"], "rated twice"),
    ],
)
def test_a_bad_rating_is_a_usage_error(args: list[str], said: str) -> None:
    code, out, err = run("assess", *args)
    assert code == 2 and out == ""
    assert said in err and err.count("\n") == 1


# -- hostile text ----------------------------------------------------------------------------

HOSTILE = "[red]x[/] <b>b</b> *s* |p| =cmd\x1b[2J"


def _hostile_map() -> Ladder:
    theme = Theme("t", HOSTILE, scale=(HOSTILE, "=SUM(A1)"))
    roles = [
        Role("a", "=HYPERLINK(x)", ("tr",), (1, 1), Skills(1, 1), competencies=(("t", 1.0),)),
        Role("b", HOSTILE, ("tr",), (2, 2), Skills(2, 2), competencies=(("t", 2.0),)),
    ]
    roles[1] = Role(
        "b",
        HOSTILE,
        ("tr",),
        (2, 2),
        Skills(2, 2),
        competencies=(("t", 2.0),),
        expectations=(("t", (HOSTILE,)),),
    )
    return Ladder(CareerMap(roles, [Move("a", "b", "upward", (1.0, 2.0))], themes=[theme]))


def test_csv_cells_never_start_a_formula_nor_hold_a_control_character() -> None:
    cmap = _hostile_map()
    for text in (as_text(cmap.matrix(), "csv"), as_text(MapDocument(cmap.cmap), "csv")):
        cells = [cell for row in csv.reader(io.StringIO(text)) for cell in row]
        assert not [c for c in cells if c[:1] in ("=", "+", "-", "@")], text
        assert "'=HYPERLINK(x)" in cells or "'=SUM(A1)" in cells
        assert not re.search("[\x00-\x08\x0b-\x1f\x7f-\x9f]", text)


def test_terminal_and_markdown_show_hostile_text_as_text() -> None:
    from rich.console import Console

    cmap = _hostile_map()
    for result in (cmap.matrix(), cmap.assess({"t": 1})):
        console = Console(width=200, record=True, file=io.StringIO())
        console.print(render(result, "table"))
        shown = console.export_text()
        assert "[red]x[/]" in shown and "\x1b" not in shown
        md = as_text(result, "markdown")
        assert "<b>" not in md and "&lt;b&gt;" in md and "\\*s\\*" in md and "\x1b" not in md


# -- data out --------------------------------------------------------------------------------


def test_export_csv_has_a_row_per_role_with_every_themes_step() -> None:
    cmap = careermap.load()
    code, out, _ = run("export", "--format", "csv")
    assert code == 0
    rows = list(csv.DictReader(io.StringIO(out)))
    assert [row["id"] for row in rows] == [role.id for role in cmap.roles]
    staff = rows[[r.id for r in cmap.roles].index("staff-engineer")]
    assert staff["title"] == "Staff Engineer" and staff["track"] == "engineering"
    assert staff["levels"] == "L6-7"
    assert {t.id: float(staff[t.id]) for t in cmap.themes} == dict(
        cmap.role("staff-engineer").competencies
    )


def test_routes_and_records_are_flat_json_ready_rows() -> None:
    cmap = careermap.load()
    routes = cmap.routes("senior-engineer", "director-of-tech", top=3)
    rows = [route.as_dict() for route in routes]
    json.dumps(rows)  # JSON-ready
    for row in rows:
        assert not [key for key, value in row.items() if isinstance(value, dict)]
        assert row["from"] == "senior-engineer" and row["to"] == "director-of-tech"
    assert [row["roles"] for row in rows] == [route.roles for route in routes]
    assert len({tuple(row) for row in rows}) == 1  # the same columns in every row
    role = cmap.role("staff-engineer").as_dict()
    assert role["competencies.tech-depth"] == 3 and role["skills.hard"] == 5.0
    assert role["level_min"] == 6 and role["level_max"] == 7
    reached = cmap.reach("senior-engineer", within=4)[0].as_dict()
    for row in (role, reached, cmap.moves[0].as_dict(), routes[0].steps[0].as_dict()):
        json.dumps(row)
        assert not [key for key, value in row.items() if isinstance(value, dict)]
    try:
        import pandas as pd
    except ImportError:
        return
    frame = pd.DataFrame([route.as_dict() for route in routes])
    assert len(frame) == len(routes) and "min_years" in frame.columns


def test_the_pages_framework_data_cannot_end_its_script_element() -> None:
    from careermap.render.framework_html import framework_data

    evil = "</script><script>alert(1)</script><!-- & </SCRIPT >"
    theme = Theme("t", evil, scale=(evil,))
    role = Role(
        "a", "A", ("tr",), (1, 1), competencies=(("t", 1.0),), expectations=(("t", (evil,)),)
    )
    text = framework_data(CareerMap([role], themes=[theme]))
    assert "<" not in text and ">" not in text and "&" not in text
    data = json.loads(text)
    assert data["themes"][0]["scale"] == [evil] and data["roles"]["a"]["expected"]["t"] == [evil]


def test_the_pages_matrix_escapes_every_text() -> None:
    from careermap.render.framework_html import sections

    cmap = _hostile_map()
    page = sections(cmap, "")
    assert "<b>" not in page and "&lt;b&gt;b&lt;/b&gt;" in page and "\\x1b" in page


@pytest.mark.parametrize("width", [60, 80, 120])
@pytest.mark.parametrize(
    "args", [["matrix"], ["matrix", "--company", "google"], ["assess", *DONE_WHEN]]
)
def test_tables_keep_every_word_whole_at_any_width(args: list[str], width: int) -> None:
    code, out, _ = run(*args, env={"COLUMNS": str(width), "NO_COLOR": "1"})
    assert code == 0
    assert "…" not in out and max(len(line) for line in out.splitlines()) <= width
    shaped = json.loads(run(*args, "--json")[1])
    if args[0] == "matrix":
        texts = [
            cell["words"]
            for table in shaped["tracks"]
            for theme in table["themes"]
            for cell in theme["cells"].values()
            if cell
        ]
    else:
        texts = [t["meets"] or "" for t in shaped["tracks"]]
        texts += [n["role"] for t in shaped["tracks"] for n in t["next"]]
    words = {w for text in texts for w in re.split(r"[\s,;()]+", text) if len(w) > 2}
    missing = [
        w for w in sorted(words) if not re.search(rf"(?<![\w-]){re.escape(w)}(?![\w-])", out)
    ]
    assert missing == [], f"split or dropped at {width} columns: {missing[:10]}"


def test_the_pages_companies_section_holds_what_levels_shows() -> None:
    from careermap.render.framework_html import sections
    from careermap.render.html import escape
    from careermap.results import company_levels

    cmap = careermap.load()
    page = sections(cmap, "")
    companies = page[page.index('<section id="companies"') :]
    for track, chosen, rows in company_levels(cmap).tables:
        assert f"<caption>The {track} ladders</caption>" in companies
        for company in chosen:
            assert f'<th scope="col">{escape(company.name)}</th>' in companies
        for row in rows:
            for rungs in row.rungs.values():
                for rung in rungs:
                    assert f"{escape(rung.code)} {escape(rung.title)}" in companies
    assert '<section id="companies"' not in sections(_hostile_map(), "")  # no companies
