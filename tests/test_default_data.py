"""The shipped map labels what it states: every source is declared and cited, and no role or
move claims more than its source says. The article's own facts are in test_article_facts.py.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from careermap.loader import default_data_path, load
from careermap.models import CareerMap, Role, levels_overlap, name_key

# Labels that are not documents: inferred from the article's text, or a figure it lacks.
LABELS = {"reconstructed", "assumption"}
# The full text of the article, where the reference material is at hand (it is not shipped).
ARTICLE_TEXT = Path(
    os.environ.get("CAREERMAP_ARTICLE_TEXT", "/work/shared/reference/skills-map-article.txt")
)
# The names the article itself uses for roles of the map, and the role each one names.
ARTICLE_NAMES = {
    "Senior Engineer": "senior-engineer",
    "senior developer": "senior-engineer",
    "Engineering Manager": "engineering-manager",
    "Product Manager": "product-manager",
    "Staff Engineer": "staff-engineer",
    "Staff SRE": "staff-sre",
    "Senior Engineering Manager": "senior-engineering-manager",
    "Senior Engineer Manager": "senior-engineering-manager",
    "Principal": "principal-engineer",
    "Principal Engineer": "principal-engineer",
    "Director of Tech": "director-of-tech",
    "Director of Product": "director-of-product",
    "Senior Director": "senior-director-of-tech",
    "VP": "vp-of-tech",
    "Senior VP of Technology": "svp-of-tech",
}
# Abbreviations and spellings that do not change what a title says.
SPELLINGS = {
    "swe": "software engineer",
    "sre": "site reliability engineer",
    "em": "engineering manager",
    "sem": "senior engineering manager",
    "pm": "product manager",
    "vp": "vice president",
    "svp": "senior vice president",
    "tech": "technology",
}
FILLER = {"of", "software"}  # "Senior Software Engineer" is the title "Senior Engineer"


@pytest.fixture(scope="module")
def cmap() -> CareerMap:
    return load(default_data_path())


def spelled_out(name: str) -> tuple[str, ...]:
    """A name's words with abbreviations expanded, filler dropped, in a fixed order."""
    words = " ".join(SPELLINGS.get(word, word) for word in name_key(name).split()).split()
    return tuple(sorted(word for word in words if word not in FILLER))


def ladder_titles(cmap: CareerMap, role: Role) -> set[str]:
    """The company titles (levels-fyi) a role's track carries at the role's levels."""
    titles = set()
    for company in cmap.companies:
        ladder = company.ladder_for(role.track)
        if ladder is not None:
            titles |= {
                name_key(r.title) for r in ladder.rungs if levels_overlap(r.levels, role.levels)
            }
    return titles


def test_the_default_map_has_the_reference_roles(cmap: CareerMap) -> None:
    assert len(cmap.roles) == 17
    assert cmap.tracks == ["engineering", "sre", "management", "product"]
    assert cmap.role("director-of-tech").levels == (7, 8)
    assert cmap.meta is not None
    assert "Skills Map" in cmap.meta.name
    assert any("codecapsule.com" in (s.url or "") for s in cmap.meta.sources)


def test_every_source_cited_is_declared_and_every_declared_source_is_cited(
    cmap: CareerMap,
) -> None:
    assert cmap.meta is not None
    declared = {s.key for s in cmap.meta.sources}
    assert declared == {
        "article",
        "companion-article",
        "levels-fyi",
        "levels-fyi-amazon",
        "google-levels-guide",
        "microsoft-levels-guide",
        "meta-levels-guide",
    }
    ladders = [ladder for company in cmap.companies for ladder in company.ladders]
    cited = (
        {role.source for role in cmap.roles}
        | {move.source for move in cmap.moves}
        | {company.source for company in cmap.companies}
        | {ladder.source for ladder in ladders if ladder.source}
        | {rung.source for ladder in ladders for rung in ladder.rungs if rung.source}
        | ({cmap.meta.scale_up.source} if cmap.meta.scale_up else set())
    )
    assert None not in cited
    assert cited <= declared | LABELS
    assert declared <= cited, f"declared but cited by nothing: {declared - cited}"


def test_every_role_has_skills_and_a_description(cmap: CareerMap) -> None:
    for role in cmap.roles:
        assert role.skills is not None, role.id
        assert role.description, role.id


def test_reconstructed_roles_say_what_is_reconstructed(cmap: CareerMap) -> None:
    """A reconstructed role's description calls the inferred part inferred, in words."""
    for role in cmap.roles:
        if role.source == "reconstructed":
            assert "reconstructed" in role.description, role.id


def test_every_move_note_says_where_its_years_come_from(cmap: CareerMap) -> None:
    """A move's source is shown beside its years, so it may claim no more than the years'
    source: every move's years are the article's figures, and its note says so."""
    for move in cmap.moves:
        assert move.note is not None, (move.from_, move.to)
        assert "years: the article's" in move.note, (move.from_, move.to)
        assert "assumption" not in move.note, (move.from_, move.to)
        assert move.source != "assumption", (move.from_, move.to)


def test_moves_the_article_states_are_marked_as_such(cmap: CareerMap) -> None:
    stated = {(m.from_, m.to) for m in cmap.moves if m.source == "article"}
    assert stated == {
        ("senior-engineer", "engineering-manager"),
        ("senior-engineer", "product-manager"),
        ("director-of-tech", "director-of-product"),
        ("senior-director-of-tech", "vp-of-tech"),
    }


def test_paths_the_companion_article_lists_are_credited_to_it(cmap: CareerMap) -> None:
    credited = {(m.from_, m.to) for m in cmap.moves if m.source == "companion-article"}
    assert credited == {
        ("senior-sre", "staff-sre"),
        ("staff-engineer", "principal-engineer"),
    }


def test_aliases_assert_no_equivalence_the_sources_do_not_make(cmap: CareerMap) -> None:
    """Each alias is the role's title spelled otherwise ("Senior SWE"), a name the article
    uses for the role ("Senior Developer"), or a company title (levels-fyi) at the role's
    levels on its track ("Technical Fellow"); never another title ("Director of Engineering")."""
    article_names = {name_key(name): role_id for name, role_id in ARTICLE_NAMES.items()}
    for role in cmap.roles:
        titles = ladder_titles(cmap, role)
        for alias in role.aliases:
            assert (
                spelled_out(alias) == spelled_out(role.title)
                or article_names.get(name_key(alias)) == role.id
                or name_key(alias) in titles
            ), (role.id, alias)


@pytest.mark.skipif(not ARTICLE_TEXT.is_file(), reason="the article's text is not at hand")
def test_the_article_uses_the_names_credited_to_it() -> None:
    text = " " + name_key(ARTICLE_TEXT.read_text(encoding="utf-8")) + " "
    for name in ARTICLE_NAMES:
        assert f" {name_key(name)} " in text, name


def test_article_roles_are_the_ones_the_article_names_with_a_level(cmap: CareerMap) -> None:
    """``article`` on a role: the article names it and gives its level or level box."""
    stated = {role.id for role in cmap.roles if role.source == "article"}
    assert stated == {
        "senior-engineer",  # Senior Engineer starts at L5
        "engineering-manager",  # a lateral move within the L5 box
        "product-manager",  # a lateral move within the L5 box
        "senior-director-of-tech",  # Senior Director, in the L9-10 box
        "vp-of-tech",  # VP, in the L9-10 box with Senior Director
        "svp-of-tech",  # the ladder goes to L11 for a Senior VP of Technology
    }


def test_downward_moves_say_how_many_levels_down(cmap: CareerMap) -> None:
    """IC to management, "one level down, sometimes two": each note names the drop from
    the bottom and from the top of the IC role's range, counted honestly."""
    words = {1: "one", 2: "two", 3: "three"}
    downward = [m for m in cmap.moves if m.kind == "downward"]
    assert {m.from_ for m in downward} == {"staff-engineer", "staff-sre", "principal-engineer"}
    for move in downward:
        source, target = cmap.role(move.from_), cmap.role(move.to)
        assert source.track in ("engineering", "sre") and target.track == "management"
        assert move.note is not None
        from_bottom = source.levels[0] - target.levels[0]
        from_top = source.levels[1] - target.levels[1]
        assert from_bottom in (1, 2), (move.from_, move.to)  # the article's one or two
        assert words[from_bottom] in move.note and words[from_top] in move.note, move.note


def test_every_company_rung_names_the_level_guide_it_was_checked_against(
    cmap: CareerMap,
) -> None:
    """Issue 25: each rung cites a declared source; the engineer ladders of Google, Microsoft
    and Meta cite their company's level guide (but Microsoft's Technical Fellow code, which
    the guide does not give), and Google's manager ladder cites Google's guide."""
    assert cmap.meta is not None
    declared = {s.key for s in cmap.meta.sources}
    guides = {"google": "google-levels-guide", "microsoft": "microsoft-levels-guide"}
    guides["meta"] = "meta-levels-guide"
    for company in cmap.companies:
        for ladder in company.ladders:
            for rung in ladder.rungs:
                assert rung.source in declared, (company.id, ladder.track, rung.code)
        if company.id in guides:
            engineering = company.ladder_for("engineering")
            assert engineering is not None
            checked = {r.code for r in engineering.rungs if r.source == guides[company.id]}
            unchecked = {"80"} if company.id == "microsoft" else set()
            assert checked == {r.code for r in engineering.rungs} - unchecked, company.id
    google = next(c for c in cmap.companies if c.id == "google").ladder_for("management")
    assert google is not None
    assert {r.source for r in google.rungs} == {"google-levels-guide"}


def test_google_titles_are_the_guides(cmap: CareerMap) -> None:
    """The rungs the re-check fixed: Google's guide names L8-L11 and its manager ladder so."""
    google = next(c for c in cmap.companies if c.id == "google")
    titles = {
        (track, r.code): r.title
        for track in ("engineering", "management")
        for r in getattr(google.ladder_for(track), "rungs", ())
    }
    assert titles[("engineering", "L8")] == "Principal Software Engineer"
    assert titles[("engineering", "L9")] == "Distinguished Software Engineer"
    assert titles[("engineering", "L11")] == "Google Senior Fellow"
    assert titles[("management", "L5")] == "Software Engineering Manager I"
    assert titles[("management", "L11")] == "Vice President II"


def test_meta_rungs_reported_only_by_code_have_no_invented_title(cmap: CareerMap) -> None:
    meta = next(c for c in cmap.companies if c.id == "meta")
    ladder = meta.ladder_for("management")
    assert ladder is not None
    vp2 = next(r for r in ladder.rungs if r.code == "VP2")
    assert vp2.title == "VP2"
