"""Level scales per track (IC1-IC6 beside M3-M6), bands that map them, and company ladders
that keep their own numbering: issue 25, items 1, 2 and 5."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from careermap import schema
from careermap.errors import DataError
from careermap.ladders import titles_at
from careermap.loader import default_data_path, load
from tests.cli import run

WriteFile = Callable[[str, str | bytes], Path]

# Two scales that the organisation says do not map: no bands.
SCALED = """
[[levels]]
track = "engineering"
rank = 1
code = "IC1"
name = "Engineer I"
[[levels]]
track = "engineering"
rank = 2
code = "IC2"
name = "Engineer II"
[[levels]]
track = "engineering"
rank = 3
code = "IC3"
name = "Senior"
[[levels]]
track = "engineering"
rank = 4
code = "IC4"
name = "Staff"
[[levels]]
track = "engineering"
rank = 5
code = "IC5"
name = "Senior Staff"
[[levels]]
track = "engineering"
rank = 6
code = "IC6"
name = "Principal"
[[levels]]
track = "management"
rank = 3
code = "M3"
name = "Manager"
[[levels]]
track = "management"
rank = 4
code = "M4"
name = "Senior Manager"
[[levels]]
track = "management"
rank = 5
code = "M5"
name = "Director"
[[levels]]
track = "management"
rank = 6
code = "M6"
name = "Senior Director"

[[roles]]
id = "engineer"
title = "Software Engineer"
track = "engineering"
levels = [1, 2]
source = "assumption"
[[roles]]
id = "senior"
title = "Senior Engineer"
track = "engineering"
levels = 3
source = "assumption"
[[roles]]
id = "staff"
title = "Staff Engineer"
track = "engineering"
levels = 4
source = "assumption"
[[roles]]
id = "principal"
title = "Principal Engineer"
track = "engineering"
levels = [5, 6]
source = "assumption"
[[roles]]
id = "em"
title = "Engineering Manager"
track = "management"
levels = 3
source = "assumption"
[[roles]]
id = "sem"
title = "Senior Engineering Manager"
track = "management"
levels = 4
source = "assumption"
[[roles]]
id = "director"
title = "Director of Engineering"
track = "management"
levels = [5, 6]
source = "assumption"

[[moves]]
from = "engineer"
to = "senior"
kind = "upward"
source = "assumption"
[[moves]]
from = "senior"
to = "staff"
kind = "upward"
source = "assumption"
[[moves]]
from = "staff"
to = "principal"
kind = "upward"
source = "assumption"
[[moves]]
from = "staff"
to = "em"
kind = "upward"
source = "assumption"
[[moves]]
from = "em"
to = "sem"
kind = "upward"
source = "assumption"
[[moves]]
from = "sem"
to = "director"
kind = "upward"
source = "assumption"
"""

# Amazon-like: the scales share bands, so SDE III and SDM (both L6) are equivalent.
BANDED = """
[[levels]]
track = "engineering"
rank = 1
code = "L5"
name = "SDE II"
band = 5
[[levels]]
track = "engineering"
rank = 2
code = "L6"
name = "SDE III"
band = 6
[[levels]]
track = "engineering"
rank = 3
code = "L7"
name = "Principal SDE"
band = 7
[[levels]]
track = "management"
rank = 1
code = "L6"
name = "SDM"
band = 6
[[levels]]
track = "management"
rank = 2
code = "L7"
name = "Senior SDM"
band = 7

[[roles]]
id = "sde2"
title = "SDE II"
track = "engineering"
levels = 1
source = "assumption"
[[roles]]
id = "sde3"
title = "SDE III"
track = "engineering"
levels = 2
source = "assumption"
[[roles]]
id = "principal"
title = "Principal SDE"
track = "engineering"
levels = 3
source = "assumption"
[[roles]]
id = "sdm"
title = "Software Development Manager"
track = "management"
levels = 1
source = "assumption"
[[roles]]
id = "ssdm"
title = "Senior SDM"
track = "management"
levels = 2
source = "assumption"

[[moves]]
from = "sde2"
to = "sde3"
kind = "upward"
source = "assumption"
[[moves]]
from = "sde3"
to = "sdm"
kind = "lateral"
source = "assumption"
[[moves]]
from = "sdm"
to = "ssdm"
kind = "upward"
source = "assumption"
[[moves]]
from = "sde3"
to = "principal"
kind = "upward"
source = "assumption"
"""


def on(data: Path, *args: str) -> str:
    code, out, err = run("--data", str(data), *args)
    assert code == 0, err
    return out


@pytest.fixture
def scaled(write_file: WriteFile) -> Path:
    return write_file("scaled.toml", SCALED)


@pytest.fixture
def banded(write_file: WriteFile) -> Path:
    return write_file("banded.toml", BANDED)


def errors(write_file: WriteFile, text: str) -> list[str]:
    """The error lines ``validate`` prints for a ladder, without "error: FILE: "."""
    data = write_file("bad.toml", text)
    code, out, err = run("validate", str(data))
    assert code == 1, out
    assert all(line.startswith(f"error: {data}: line ") for line in err.splitlines()), err
    return [line.split(": ", 2)[2] for line in err.splitlines()]


# -- item 1: scales per track --------------------------------------------------------------


@pytest.mark.parametrize("name", ["scaled.toml", "banded.toml"])
def test_ladders_with_a_scale_per_track_validate_strictly(name: str, write_file: WriteFile) -> None:
    data = write_file(name, SCALED if name == "scaled.toml" else BANDED)
    code, out, err = run("validate", str(data), "--strict")
    assert code == 0, err
    assert out.strip().endswith("; 0 warnings")


def test_levels_without_a_track_form_the_shared_scale_as_before(write_file: WriteFile) -> None:
    data = write_file(
        "shared.toml",
        """
        [[levels]]
        rank = 3
        code = "E3"
        name = "Engineer"
        [[roles]]
        id = "dev"
        title = "Developer"
        track = "engineering"
        levels = 3
        [[roles]]
        id = "lead"
        title = "Team Lead"
        track = "management"
        levels = 3
        """,
    )
    cmap = load(data)
    assert cmap.role_levels(cmap.role("lead")) == "Engineer"  # both tracks use the one scale
    assert cmap.scale_of("engineering") is cmap.scale_of("management")


def test_two_levels_with_one_rank_or_code_in_a_scale_are_errors(write_file: WriteFile) -> None:
    text = SCALED.replace('code = "IC5"\nname = "Senior Staff"', 'code = "IC4"\nname = "Staff 2"')
    text = text.replace('rank = 6\ncode = "IC6"', 'rank = 5\ncode = "IC6"')
    assert errors(write_file, text) == [
        "line 25: levels[4].code: level 'Staff 2' has code 'IC4', as level 'Staff' (levels[3]) "
        "does on the engineering scale",
        "line 29: levels[5].rank: level 'Principal' has rank 5, as level 'Staff 2' (levels[4]) "
        "does on the engineering "
        "scale; each rank names one level",
        "line 75: roles[3].levels: role 'principal' is at rank 6, which the engineering scale has "
        "no level for (its "
        "levels: IC1, IC2, IC3, IC4, IC4, IC6)",
    ]


def test_two_shared_levels_with_one_rank_are_an_error(write_file: WriteFile) -> None:
    """The last name used to win silently."""
    text = '[[levels]]\nrank = 1\nname = "One"\n[[levels]]\nrank = 1\nname = "Uno"\n'
    text += '[[roles]]\nid = "a"\ntitle = "A"\ntrack = "t"\nlevels = 1\n'
    assert errors(write_file, text) == [
        "line 5: levels[1].rank: level 'Uno' has rank 1, as level 'One' (levels[0]) does; each "
        "rank names one level"
    ]


def test_the_same_rank_on_two_scales_is_fine(scaled: Path) -> None:
    cmap = load(scaled)
    assert cmap.scale_of("engineering").level(3).code == "IC3"  # type: ignore[union-attr]
    assert cmap.scale_of("management").level(3).code == "M3"  # type: ignore[union-attr]


def test_a_role_on_a_rank_its_scale_lacks_is_an_error(write_file: WriteFile) -> None:
    text = SCALED.replace(
        'id = "em"\ntitle = "Engineering Manager"\ntrack = "management"\nlevels = 3',
        'id = "em"\ntitle = "Engineering Manager"\ntrack = "management"\nlevels = [2, 3]',
    )
    assert errors(write_file, text) == [
        "line 81: roles[4].levels: role 'em' is at rank 2, which the management scale has no "
        "level for (its levels: M3, M4, M5, M6)"
    ]


def test_a_level_on_an_unknown_track_is_an_error(write_file: WriteFile) -> None:
    text = SCALED.replace('track = "management"\nrank = 6', 'track = "managment"\nrank = 6')
    assert errors(write_file, text) == [
        "line 48: levels[9].track: unknown track 'managment' in level 'Senior Director'; did you "
        "mean management?",
        "line 93: roles[6].levels: role 'director' is at rank 6, which the management scale has "
        "no level for (its levels: "
        "M3, M4, M5)",
    ]


def test_a_role_on_tracks_of_different_scales_is_an_error(write_file: WriteFile) -> None:
    text = SCALED.replace(
        'id = "staff"\ntitle = "Staff Engineer"\ntrack = "engineering"',
        'id = "staff"\ntitle = "Staff Engineer"\ntrack = ["engineering", "management"]',
    )
    assert errors(write_file, text) == [
        "line 68: roles[2].track: role 'staff' is on tracks 'engineering' and 'management', "
        "which have different level scales; a role's tracks must share one"
    ]


def test_tracks_that_list_the_same_levels_share_a_scale(write_file: WriteFile) -> None:
    text = SCALED.replace('track = "engineering"\nrank', 'track = ["engineering", "sre"]\nrank')
    text += '[[roles]]\nid = "sre"\ntitle = "SRE"\ntrack = ["engineering", "sre"]\nlevels = 3\n'
    text += 'source = "assumption"\n'
    cmap = load(write_file("sre.toml", text))
    assert cmap.role_scale(cmap.role("sre")).name == "engineering/sre"
    assert cmap.role_levels(cmap.role("sre")) == "Senior"


def test_an_upward_move_down_in_band_is_an_error(write_file: WriteFile) -> None:
    text = BANDED + '[[moves]]\nfrom = "ssdm"\nto = "sde3"\nkind = "upward"\n'
    assert errors(write_file, text) == [
        "line 87: moves[4].kind: move ssdm -> sde3: an upward move must go to the same or a "
        "higher minimum band, but "
        "ssdm is band 7 (L7) and sde3 is band 6 (L6)"
    ]


def test_a_lateral_move_across_bands_is_an_error(write_file: WriteFile) -> None:
    text = BANDED + '[[moves]]\nfrom = "principal"\nto = "sdm"\nkind = "lateral"\n'
    assert errors(write_file, text) == [
        "line 87: moves[4].kind: move principal -> sdm: a lateral move must stay within "
        "overlapping bands, but "
        "principal is band 7 (L7) and sdm is band 6 (L6)"
    ]


def test_bands_go_up_with_ranks_within_a_scale(write_file: WriteFile) -> None:
    text = BANDED.replace('name = "Senior SDM"\nband = 7', 'name = "Senior SDM"\nband = 5')
    found = errors(write_file, text)
    assert found[0] == (
        "line 31: levels[4].band: level 'Senior SDM' is band 5, below level 'SDM' (band 6) under "
        "it on the same scale; "
        "bands go up with ranks"
    )


def test_moves_across_scales_without_bands_take_any_kind(scaled: Path) -> None:
    """Staff (IC4) -> Engineering Manager (M3) is upward in the data: with no bands, IC4 and
    M3 do not compare, so no kind is wrong (careermap invents no comparison)."""
    cmap = load(scaled)
    assert [m.kind for m in cmap.moves_from("staff") if m.to == "em"] == ["upward"]


def test_an_upward_move_across_scales_is_not_a_jump_over_levels(write_file: WriteFile) -> None:
    """IC1 -> M5 counts no levels in between: ranks of two scales do not count."""
    text = SCALED.replace("levels = [1, 2]", "levels = 1")
    text += '[[moves]]\nfrom = "engineer"\nto = "director"\nkind = "upward"\n'
    text += 'source = "assumption"\n'
    code, out, err = run("validate", str(write_file("jump.toml", text)), "--strict")
    assert "skips" not in out + err
    assert code == 0, out + err


def test_groups_by_level_name_each_scale_s_level(scaled: Path) -> None:
    """Rank 3 is IC3 Senior on one scale and M3 Manager on the other: the heading says both
    (never "L3")."""
    headings = [line for line in on(scaled, "map", "--markdown").splitlines() if line[:3] == "## "]
    assert headings == [
        "## Engineer I to Engineer II",
        "## Senior / Manager",
        "## Staff / Senior Manager",
        "## Senior Staff to Principal / Director to Senior Director",
    ]


def test_graph_exports_label_roles_with_their_own_scale(scaled: Path) -> None:
    assert 'r_em["Engineering Manager<br/>M3"]' in on(scaled, "export", "--format", "mermaid")
    assert '"em" [label="Engineering Manager\\nM3"' in on(scaled, "export", "--format", "dot")


def test_upward_moves_round_a_cycle_across_scales_are_an_error(write_file: WriteFile) -> None:
    """Staff (IC4) -> EM (M3) -> Staff: not on one minimum level, yet a cycle of promotions."""
    text = SCALED + '[[moves]]\nfrom = "em"\nto = "staff"\nkind = "upward"\n'
    text += 'source = "assumption"\n'
    assert errors(write_file, text) == [
        "line 114: moves[3].kind: upward moves go round in a cycle: staff -> em -> staff; a "
        "promotion cannot lead back to the role it started from (make one of these moves "
        "lateral)"
    ]


# -- item 2: answers honour the scales -------------------------------------------------------


def test_roles_at_a_scale_code_are_only_that_scale_s(scaled: Path) -> None:
    assert on(scaled, "roles", "--level", "IC3", "--ids").split() == ["senior"]
    assert on(scaled, "roles", "--level", "M3", "--ids").split() == ["em"]
    assert on(scaled, "roles", "--level", "senior manager", "--ids").split() == ["sem"]


def test_a_bare_rank_means_that_rank_on_every_scale(scaled: Path) -> None:
    assert on(scaled, "roles", "--level", "3", "--ids").split() == ["senior", "em"]


def test_a_code_several_scales_share_means_all_of_them(banded: Path) -> None:
    assert on(banded, "roles", "--level", "L6", "--ids").split() == ["sde3", "sdm"]


def test_compare_across_scales_without_bands_says_they_do_not_map(scaled: Path) -> None:
    out = on(scaled, "compare", "staff", "em")
    assert "different level scales, with no mapping between them" in out
    assert "lower" not in out and "higher" not in out
    shown = json.loads(on(scaled, "compare", "staff", "em", "--json"))
    assert shown["level_difference"] is None
    assert shown["level_basis"] is None
    assert (shown["a"]["scale"], shown["a"]["level"]) == ("engineering", "IC4")
    assert (shown["b"]["scale"], shown["b"]["level"]) == ("management", "M3")


def test_compare_on_one_scale_counts_levels(scaled: Path) -> None:
    assert "starts 1 level higher" in on(scaled, "compare", "senior", "staff")


def test_compare_across_banded_scales_compares_bands(banded: Path) -> None:
    assert "same starting band" in on(banded, "compare", "sde3", "sdm")
    shown = json.loads(on(banded, "compare", "sde3", "sdm", "--json"))
    assert (shown["level_difference"], shown["level_basis"]) == (0, "band")
    assert shown["b"]["band"] == [6, 6]
    assert "starts 1 band higher" in on(banded, "compare", "sde2", "sdm")


def test_every_display_shows_the_role_s_own_scale(scaled: Path) -> None:
    table = on(scaled, "roles")
    assert re.search(r"Engineering Manager\s+management\s+M3\b", table)
    assert "L3" not in table
    shown = on(scaled, "show", "em")
    assert re.search(r"Levels\s+M3\b", shown)
    assert re.search(r"Scale\s+management\b", shown)
    assert "Engineering Manager (M3)" in on(scaled, "path", "staff", "sem")
    assert "| Engineering Manager | `em` | management | M3 |" in on(scaled, "roles", "--markdown")


def test_a_level_name_the_title_holds_is_not_repeated(scaled: Path) -> None:
    """ "Staff Engineer (Staff)" and "Senior Engineering Manager (Senior Manager)" say it
    twice: the code is shown instead; a name the title does not hold is kept."""
    cmap = load(scaled)
    assert cmap.role_levels(cmap.role("staff")) == "IC4"
    assert cmap.role_levels(cmap.role("sem")) == "M4"
    assert cmap.role_levels(cmap.role("engineer")) == "Engineer I to Engineer II"
    assert cmap.role_levels(cmap.role("director")) == "M5-M6"


def test_levels_shows_a_column_per_scale_aligned_by_band(banded: Path) -> None:
    out = on(banded, "levels")
    assert re.search(r"Band\s+engineering\s+management", out)
    assert re.search(r"\b6\s+L6 SDE III\s+L6 SDM\b", out)  # equivalent: one row
    assert re.search(r"\b5\s+L5 SDE II\s+-", out)
    shown = json.loads(on(banded, "levels", "--json"))["scales"]
    assert (shown["by"], shown["scales"]) == ("band", ["engineering", "management"])
    row = next(row for row in shown["rows"] if row["band"] == 6)
    assert [[level["code"] for level in cell] for cell in row["levels"]] == [["L6"], ["L6"]]


def test_levels_without_bands_says_rows_are_no_match(scaled: Path) -> None:
    out = on(scaled, "levels")
    assert re.search(r"Rank\s+engineering\s+management", out)
    assert re.search(r"\b3\s+IC3 Senior\s+M3 Manager", out)
    assert "These scales have no bands: a row is a rank within each scale, not a match." in out


def test_show_json_and_the_page_carry_the_scale_and_band(banded: Path, tmp_path: Path) -> None:
    role = json.loads(on(banded, "show", "sdm", "--json"))["role"]
    assert (role["scale"], role["level"], role["band"], role["levels"]) == (
        "management",
        "L6",
        [6, 6],
        [1, 1],
    )
    page = tmp_path / "page.html"
    on(banded, "export", "--format", "html", "-o", str(page))
    text = page.read_text(encoding="utf-8")
    assert '"scale":"management"' in text
    assert re.search(r"<dt>Band</dt>\s*<dd>6</dd>", text)


def test_the_shipped_map_keeps_one_scale_and_its_answers() -> None:
    code, out, _ = run("path", "senior-engineer", "director-of-tech")
    assert code == 0
    assert "Total: 3 moves, 6.5-18 years" in out
    shown = json.loads(run("show", "senior-engineer", "--json")[1])["role"]
    assert (shown["scale"], shown["level"], shown["band"]) == (None, "L5", None)


def test_a_cached_load_of_a_scaled_ladder_gives_the_same_answers(
    scaled: Path, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("CAREERMAP_CACHE_DIR", str(tmp_path / "fresh-cache"))
    calls: list[int] = []
    check = schema.validate

    def counting(document: Any) -> dict[str, Any]:
        calls.append(1)
        return check(document)

    monkeypatch.setattr(schema, "validate", counting)
    first = on(scaled, "compare", "staff", "em", "--json")
    assert on(scaled, "compare", "staff", "em", "--json") == first
    assert on(scaled, "roles", "--level", "IC3", "--ids").split() == ["senior"]
    # The upward move IC4 -> M3 is valid across scales: the cache must take it as such.
    assert len(calls) == 1, "the cached entry of a valid scaled ladder was not used"


def test_a_cached_entry_never_lets_a_move_down_in_band_through(write_file: WriteFile) -> None:
    """An entry that calls an upward move down in band valid (SDM -> SDE II: fine by ranks,
    1 -> 1, but band 6 -> 5) is not believed: the file is validated again, and the error
    shown."""
    import tomllib

    from careermap import cache as cachemod
    from careermap.models import CareerMap

    lateral = '[[moves]]\nfrom = "sde3"\nto = "sdm"\nkind = "lateral"\nsource = "assumption"\n'
    assert lateral in BANDED  # left out: the other moves are fine by ranks and by bands
    text = BANDED.replace(lateral, "") + '[[moves]]\nfrom = "sdm"\nto = "sde2"\nkind = "upward"\n'
    data = write_file("crafted.toml", text)
    compact = CareerMap.from_document(schema.validate(tomllib.loads(text))).to_compact()
    entry = cachemod._entry(data.read_bytes(), "toml")
    assert entry is not None
    entry.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    entry.write_text(json.dumps(compact), encoding="utf-8")
    with pytest.raises(DataError) as caught:
        load(data)
    assert "sdm is band 6 (L6) and sde2 is band 5 (L5)" in "\n".join(caught.value.lines)


def test_the_json_schema_describes_scales_and_bands() -> None:
    level = schema.json_schema()["$defs"]["Level"]
    assert {"track", "band"} <= set(level["properties"])
    assert "scale" in level["description"] and "band" in level["description"]


# -- item 5: companies keep their bands ------------------------------------------------------


def _numbers(code: str) -> tuple[str, int] | None:
    """A level code's letters and first number ("L6" -> ("L", 6), "63-64" -> ("", 63))."""
    found = re.fullmatch(r"([A-Z]*)(\d+)(?:-\d+)?", code)
    return (found[1], int(found[2])) if found else None


def test_no_move_drops_in_a_company_s_own_numbering() -> None:
    """A lateral or upward move never goes down in a company's numbering where both ends'
    codes are numbered alike (Amazon's SDE III L6 -> SDM L6, not L5)."""
    cmap = load(default_data_path())
    drops = []
    for company in cmap.companies:
        for move in cmap.moves:
            if move.kind == "downward":
                continue
            a, b = titles_at(company, cmap.role(move.from_)), titles_at(company, cmap.role(move.to))
            if not (a and b and a.rungs and b.rungs):
                continue
            froms = [n for n in map(_numbers, (r.code for r in a.rungs)) if n]
            tos = [n for n in map(_numbers, (r.code for r in b.rungs)) if n]
            for prefix in {p for p, _ in froms} & {p for p, _ in tos}:
                low = min(n for p, n in froms if p == prefix)
                high = max(n for p, n in tos if p == prefix)
                if high < low:
                    drops.append(f"{company.id}: {move.from_} -> {move.to} ({low} to {high})")
    assert drops == []


def test_a_lateral_move_at_amazon_keeps_l6() -> None:
    code, out, _ = run("path", "SDE III", "Software Development Manager II", "--company", "amazon")
    assert code == 0
    assert "Total: 1 move" in out
    assert out.count("Amazon: L6") == 2


def test_level_takes_a_company_code_with_company() -> None:
    code, out, err = run("roles", "--company", "amazon", "--level", "L6", "--ids")
    assert code == 0, err
    assert out.split() == ["senior-engineer", "senior-sre", "engineering-manager"]
    # Without the company, L6 is the map's own rank 6.
    plain = run("roles", "--level", "L6", "--ids")[1].split()
    assert "staff-engineer" in plain and "engineering-manager" not in plain


def test_every_company_rung_cites_a_source() -> None:
    cmap = load(default_data_path())
    amazon = next(c for c in cmap.companies if c.id == "amazon")
    assert all(rung.source for ladder in amazon.ladders for rung in ladder.rungs)


def test_validate_and_an_empty_listing_say_the_levels_per_scale(scaled: Path) -> None:
    # Ranks of two scales do not compare, so "levels L1-6" would join IC1 and M6 into one
    # range: each scale's range is said in its own codes, with its tracks.
    per_scale = "levels IC1-IC6 (engineering), M3-M6 (management)"
    code, out, _ = run("validate", str(scaled))
    assert code == 0 and per_scale in out, out
    code, out, err = run("--data", str(scaled), "roles", "--level", "99")
    assert code == 0 and out == ""
    assert f"this map spans {per_scale} and tracks" in err, err
    code, out, _ = run("validate", str(scaled), "--json")
    assert json.loads(out)["summary"]["scales"] == [
        {"tracks": ["engineering"], "levels": [1, 6], "span": "IC1-IC6"},
        {"tracks": ["management"], "levels": [3, 6], "span": "M3-M6"},
    ]


def test_one_scale_keeps_its_one_range() -> None:
    code, out, _ = run("validate", str(default_data_path()))
    assert code == 0 and "levels L5-11, 4 companies;" in out, out
