"""The shipped map says what the article and skills-map reference say, and says where from."""

from __future__ import annotations

import pytest

from careermap.loader import default_data_path, load
from careermap.models import CareerMap

SOURCES = {"article", "companion-article", "reconstructed", "assumption"}


@pytest.fixture(scope="module")
def cmap() -> CareerMap:
    return load(default_data_path())


def test_the_default_map_has_the_reference_roles(cmap: CareerMap) -> None:
    assert len(cmap.roles) == 17
    assert cmap.tracks == ["engineering", "sre", "management", "product"]
    assert cmap.level_span == (5, 11)
    assert cmap.role("senior-engineer").levels == (5, 5)
    assert cmap.role("director-of-tech").levels == (7, 8)
    assert cmap.role("svp-of-tech").title == "Senior VP of Technology"


def test_every_role_and_move_cites_a_known_source(cmap: CareerMap) -> None:
    assert {role.source for role in cmap.roles} <= SOURCES
    assert {move.source for move in cmap.moves} <= SOURCES
    assert cmap.meta is not None
    assert "Skills Map" in cmap.meta.name
    assert any("codecapsule.com" in (s.url or "") for s in cmap.meta.sources)


def test_every_role_has_skills_and_a_description(cmap: CareerMap) -> None:
    for role in cmap.roles:
        assert role.skills is not None, role.id
        assert role.description, role.id


def test_move_years_follow_the_article(cmap: CareerMap) -> None:
    for move in cmap.moves:
        expected = (3.0, 8.0) if move.kind == "upward" else (0.5, 2.0)
        assert move.years == expected, (move.from_, move.to)


def test_moves_the_article_states_are_marked_as_such(cmap: CareerMap) -> None:
    stated = {(m.from_, m.to) for m in cmap.moves if m.source == "article"}
    assert ("senior-engineer", "engineering-manager") in stated
    assert ("senior-engineer", "product-manager") in stated
    assert ("director-of-tech", "director-of-product") in stated


def test_skills_relations_of_the_article_hold(cmap: CareerMap) -> None:
    def skills(role_id: str) -> tuple[float, float]:
        found = cmap.role(role_id).skills
        assert found is not None
        return found.hard, found.soft

    # Staff SRE needs the same soft skills as Staff Engineer.
    assert skills("staff-sre")[1] == skills("staff-engineer")[1]
    # Director of Tech sits above Senior Engineering Manager on hard skills (breadth).
    assert skills("director-of-tech")[0] > skills("senior-engineering-manager")[0]
    # Every upward move asks for more soft skills.
    for move in cmap.moves:
        if move.kind == "upward":
            assert skills(move.to)[1] > skills(move.from_)[1], (move.from_, move.to)


def test_downward_moves_go_from_ic_to_management(cmap: CareerMap) -> None:
    downward = [m for m in cmap.moves if m.kind == "downward"]
    assert {m.from_ for m in downward} == {"staff-engineer", "staff-sre", "principal-engineer"}
    assert all(cmap.role(m.to).track == "management" for m in downward)
