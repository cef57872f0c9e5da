"""One test per fact the article states, checked on the shipped map.

The article: Emmanuel Goossaert, "The Skills Map of Senior Tech Career Progression",
codecapsule.com, 2021-07-15. Its map picture is lost, so skills positions are reconstructed;
what is tested here is that they keep the relations the article's text states. Provenance
(sources, aliases, notes) is tested in test_default_data.py.
"""

from __future__ import annotations

import pytest

from careermap.errors import NoRouteError
from careermap.graph import RouteQuery, find_routes
from careermap.loader import default_data_path, load
from careermap.models import CareerMap, Move
from careermap.options import RouteOptions

L5_LATERAL = (0.5, 2.0)  # "Lateral moves within L5 can take you as little as six months,
# and up to two years."
EVERY_OTHER_MOVE = (3.0, 8.0)  # "After that, each transition from one job to the next is
# likely to take you three to eight years."
TECH_TRACKS = {"engineering", "sre", "management"}


@pytest.fixture(scope="module")
def cmap() -> CareerMap:
    return load(default_data_path())


def skills(cmap: CareerMap, role_id: str) -> tuple[float, float]:
    """(hard, soft) of a role."""
    found = cmap.role(role_id).skills
    assert found is not None, role_id
    return found.hard, found.soft


def within_l5(cmap: CareerMap, move: Move) -> bool:
    return move.kind == "lateral" and all(
        cmap.role(role_id).levels == (5, 5) for role_id in (move.from_, move.to)
    )


# -- levels -----------------------------------------------------------------------------------


def test_the_ladder_starts_at_l5_with_senior_engineer_and_ends_at_l11(cmap: CareerMap) -> None:
    """Senior Engineer starts at L5; the progression goes to L11 for a Senior VP of
    Technology."""
    assert cmap.level_span == (5, 11)
    assert cmap.role("senior-engineer").levels == (5, 5)
    assert "senior-engineer" in {role.id for role in cmap.entry_roles}
    top = cmap.role("svp-of-tech")
    assert (top.title, top.levels) == ("Senior VP of Technology", (11, 11))


def test_only_the_l5_box_is_a_single_level(cmap: CareerMap) -> None:
    """Beyond the L5 box, every box spans a range of levels."""
    for role in cmap.roles:
        if role.levels[0] > 5 and role.id != "svp-of-tech":  # L11 is the ladder's end
            assert role.levels[0] < role.levels[1], role.id


def test_senior_director_and_vp_share_the_l9_10_box(cmap: CareerMap) -> None:
    """The article groups Senior Director and VP in its L9-10 box; they look close only for
    that reason, and the move between them is still a promotion."""
    director, vp = cmap.role("senior-director-of-tech"), cmap.role("vp-of-tech")
    assert director.levels == vp.levels == (9, 10)
    (d_hard, d_soft), (v_hard, v_soft) = skills(cmap, director.id), skills(cmap, vp.id)
    assert abs(d_hard - v_hard) <= 1 and abs(d_soft - v_soft) <= 1
    promotion = [m for m in cmap.moves_from(director.id) if m.to == vp.id]
    assert [(m.kind, m.years) for m in promotion] == [("upward", EVERY_OTHER_MOVE)]


# -- years ------------------------------------------------------------------------------------


def test_lateral_moves_within_l5_take_half_a_year_to_two_years(cmap: CareerMap) -> None:
    within = [m for m in cmap.moves if within_l5(cmap, m)]
    assert {(m.from_, m.to) for m in within} >= {
        ("senior-engineer", "engineering-manager"),
        ("senior-engineer", "product-manager"),
    }
    for move in within:
        assert move.years == L5_LATERAL, (move.from_, move.to)


def test_every_other_move_takes_three_to_eight_years(cmap: CareerMap) -> None:
    """Upward, downward and lateral moves past L5 alike."""
    others = [m for m in cmap.moves if not within_l5(cmap, m)]
    assert {m.kind for m in others} == {"upward", "downward", "lateral"}
    for move in others:
        assert move.years == EVERY_OTHER_MOVE, (move.from_, move.to)


def test_lateral_moves_past_l5_exist_director_of_tech_to_director_of_product(
    cmap: CareerMap,
) -> None:
    move = next(m for m in cmap.moves_from("director-of-tech") if m.to == "director-of-product")
    assert (move.kind, move.years, move.source) == ("lateral", EVERY_OTHER_MOVE, "article")


# -- skills positions ---------------------------------------------------------------------------


def test_senior_engineer_is_the_bottom_left_corner(cmap: CareerMap) -> None:
    """ "Read this map from the bottom-left corner, with the Senior Engineer role as the
    starting point." Hard skills go up and soft skills go right, so the corner is the least
    of both: no role needs fewer hard or fewer soft skills than Senior Engineer. Only its
    SRE twin at L5 shares the corner (the article draws same-level roles side by side)."""
    hard, soft = skills(cmap, "senior-engineer")
    corner = []
    for role in cmap.roles:
        other_hard, other_soft = skills(cmap, role.id)
        assert other_hard >= hard and other_soft >= soft, role.id
        if (other_hard, other_soft) == (hard, soft):
            corner.append(role.id)
    assert corner == ["senior-engineer", "senior-sre"]


def test_every_progression_needs_more_soft_skills(cmap: CareerMap) -> None:
    """Career progression past Senior Engineer, IC or manager, always needs growth on soft
    skills."""
    for move in cmap.moves:
        if move.kind == "upward":
            assert skills(cmap, move.to)[1] > skills(cmap, move.from_)[1], (move.from_, move.to)


def test_staff_sre_needs_the_same_soft_skills_as_staff_engineer(cmap: CareerMap) -> None:
    """Drawn to the left only to fit side by side: the requirements are equivalent."""
    assert skills(cmap, "staff-sre")[1] == skills(cmap, "staff-engineer")[1]


def test_director_of_tech_is_above_senior_engineering_manager_on_hard_skills(
    cmap: CareerMap,
) -> None:
    """Leading a larger organisation needs breadth of tech knowledge."""
    assert skills(cmap, "director-of-tech")[0] > skills(cmap, "senior-engineering-manager")[0]


def test_product_sits_just_left_of_tech_management_at_each_level(cmap: CareerMap) -> None:
    """Product roles are very close to the tech management roles of the same seniority, and
    the tech path is always a bit to the right (more soft skills). The pairs are the lateral
    tech -> product moves."""
    pairs = {
        (m.from_, m.to)
        for m in cmap.moves
        if m.kind == "lateral"
        and cmap.role(m.from_).track == "management"
        and cmap.role(m.to).track == "product"
    }
    product_roles = {role.id for role in cmap.roles if role.track == "product"}
    # Every product role but the first (reached from Senior Engineer) has its counterpart.
    assert {to for _, to in pairs} == product_roles - {"product-manager"}
    pairs.add(("engineering-manager", "product-manager"))  # the L5 box
    for tech, product in pairs:
        assert cmap.role(tech).levels == cmap.role(product).levels
        tech_soft, product_soft = skills(cmap, tech)[1], skills(cmap, product)[1]
        assert 0 < tech_soft - product_soft <= 0.5, (tech, product)


# -- tech to product, and back ------------------------------------------------------------------


def test_product_to_tech_is_possible_but_rare(cmap: CareerMap) -> None:
    """Mostly tech goes to product, "and rarely the other way around"."""
    to_tech = [
        m
        for m in cmap.moves
        if cmap.role(m.from_).track == "product" and cmap.role(m.to).track in TECH_TRACKS
    ]
    to_product = [
        m
        for m in cmap.moves
        if cmap.role(m.from_).track in TECH_TRACKS and cmap.role(m.to).track == "product"
    ]
    assert to_tech and to_product
    for move in to_tech:
        assert move.rare, (move.from_, move.to)
        assert move.note is not None and "rare" in move.note
    assert not any(move.rare for move in to_product)
    assert [m for m in cmap.moves if m.rare] == to_tech


def test_product_manager_reaches_senior_engineer_only_through_a_rare_move(
    cmap: CareerMap,
) -> None:
    (route,) = find_routes(cmap, RouteQuery("product-manager", "senior-engineer"))
    assert route.roles == ["product-manager", "senior-engineer"]
    assert [step.move.rare for step in route.steps] == [True]
    assert (route.min_years, route.max_years) == L5_LATERAL
    with pytest.raises(NoRouteError):
        find_routes(
            cmap, RouteQuery("product-manager", "senior-engineer", RouteOptions(no_rare=True))
        )


def test_no_rare_leaves_tech_routes_alone(cmap: CareerMap) -> None:
    query = RouteQuery("senior-engineer", "director-of-tech", RouteOptions(no_rare=True))
    routes = find_routes(cmap, query, top=50)
    assert routes and not any(step.move.rare for route in routes for step in route.steps)
    assert routes[0].roles == find_routes(cmap, RouteQuery(*query.waypoints))[0].roles


# -- the worked example ---------------------------------------------------------------------


def test_senior_engineer_to_director_of_tech_takes_six_and_a_half_to_eighteen_years(
    cmap: CareerMap,
) -> None:
    """ "About six years in the best-case scenario, and up to around 18 years": a lateral
    move in L5 (0.5-2), then two moves of 3-8."""
    (route,) = find_routes(cmap, RouteQuery("senior-engineer", "director-of-tech"))
    assert route.roles == [
        "senior-engineer",
        "engineering-manager",
        "senior-engineering-manager",
        "director-of-tech",
    ]
    assert (route.min_years, route.max_years) == (6.5, 18.0)


def test_staff_engineer_to_engineering_manager_is_one_move_of_three_to_eight_years(
    cmap: CareerMap,
) -> None:
    (route,) = find_routes(cmap, RouteQuery("staff-engineer", "engineering-manager"))
    assert route.roles == ["staff-engineer", "engineering-manager"]
    assert route.steps[0].kind == "downward"
    assert (route.min_years, route.max_years) == EVERY_OTHER_MOVE
