"""The competency themes of the shipped map: what the article says roles require, and how the
themes agree with the reconstructed hard/soft skills positions.

The article (Emmanuel Goossaert, "The Skills Map of Senior Tech Career Progression",
codecapsule.com, 2021-07-15) names the skills but gives no competency numbers, so every
proficiency is reconstructed; what is tested here is that they keep the relations the article
states, and that they never contradict the `skills` coordinates (tested in
test_article_facts.py). The comment block above [[themes]] in data/careermap.toml lists the
same relations.
"""

from __future__ import annotations

import re
from itertools import combinations, permutations
from statistics import mean

import pytest

from careermap.loader import default_data_path, load
from careermap.models import CareerMap, Role

HARD_TECH = ("tech-depth", "tech-breadth")
# "Hard skills would include things like programming, system knowledge, and so on, but also
# product skills in the case of a product manager role."
HARD_PRODUCT = ("product", "tech-breadth")
SOFT = ("communication", "organisation")  # soft skills, and organisation skills beside them
ALL_THEMES = {*HARD_TECH, *HARD_PRODUCT, *SOFT}
TECH_TRACKS = {"engineering", "sre", "management"}
PROVENANCE = re.compile(r" \((article|reconstructed)\)$")


@pytest.fixture(scope="module")
def cmap() -> CareerMap:
    return load(default_data_path())


def level(cmap: CareerMap, role_id: str, theme: str) -> float:
    value = cmap.role(role_id).proficiency(theme)
    assert value is not None, (role_id, theme)
    return value


def hard_themes(role: Role) -> tuple[str, ...]:
    """The themes the map's hard-skills axis measures for a role: programming and system
    knowledge (depth) with breadth, or product skills with breadth for product roles."""
    return HARD_PRODUCT if role.track == "product" else HARD_TECH


def hard_index(role: Role) -> float:
    return mean(role.proficiency(theme) or 0 for theme in hard_themes(role))


def soft_index(role: Role) -> float:
    return mean(role.proficiency(theme) or 0 for theme in SOFT)


def overlap(a: Role, b: Role) -> bool:
    return a.levels[0] <= b.levels[1] and b.levels[0] <= a.levels[1]


# -- the themes themselves ----------------------------------------------------------------------


def test_the_map_has_the_five_themes_each_with_a_five_step_scale(cmap: CareerMap) -> None:
    assert [theme.id for theme in cmap.themes] == [
        "tech-depth",
        "tech-breadth",
        "product",
        "communication",
        "organisation",
    ]
    for theme in cmap.themes:
        assert len(theme.scale) == 5, theme.id
        assert len(set(theme.scale)) == 5, theme.id
        assert theme.name and theme.about, theme.id
        assert "reconstructed" in theme.about, theme.id  # every scale and number is


def test_every_role_has_every_theme_on_its_scale(cmap: CareerMap) -> None:
    """Complete competencies, so that compare and growth plans have no holes."""
    for role in cmap.roles:
        assert {theme for theme, _ in role.competencies} == ALL_THEMES, role.id
        for theme in cmap.themes:
            value = role.proficiency(theme.id)
            assert value is not None and float(value).is_integer(), (role.id, theme.id)
            assert 1 <= value <= len(theme.scale), (role.id, theme.id)


def test_every_role_has_two_or_three_expectations_with_their_provenance(
    cmap: CareerMap,
) -> None:
    for role in cmap.roles:
        texts = [text for theme in cmap.themes for text in role.expected(theme.id)]
        assert 2 <= len(texts) <= 3, role.id
        for text in texts:
            assert PROVENANCE.search(text), (role.id, text)


def test_article_expectations_are_the_ones_the_article_states(cmap: CareerMap) -> None:
    """``(article)`` on an expectation: the article says it of that role. Everything else
    is marked ``(reconstructed)``."""
    stated = {
        (role.id, theme.id)
        for role in cmap.roles
        for theme in cmap.themes
        for text in role.expected(theme.id)
        if text.endswith(" (article)")
    }
    assert stated == {
        # "they start by leading a single team of 3-6 individual contributors"
        ("engineering-manager", "organisation"),
        # "also product skills in the case of a product manager role"
        ("product-manager", "product"),
        # Staff SRE: "The requirements for both roles are equivalent"
        ("staff-sre", "communication"),
        # a Senior Engineer Manager is a single-team manager at some organisations and a
        # manager of Engineering Managers at others
        ("senior-engineering-manager", "organisation"),
        # "tech leaders have larger organizations reporting to them sooner in their careers
        # compared to product leaders"; the tech path is "always a bit more to the right"
        ("senior-product-manager", "organisation"),
        ("director-of-product", "organisation"),
        ("vp-of-product", "organisation"),
        # "one has to own many more functions and types of tech assets ... increase their
        # tech knowledge and skills in terms of breadth"
        ("director-of-tech", "tech-breadth"),
    }


# -- relations the article states -----------------------------------------------------------


@pytest.mark.parametrize("track", [None, "management"])
def test_every_step_up_needs_more_soft_and_organisation_skills(
    cmap: CareerMap, track: str | None
) -> None:
    """ "The career progression for senior engineers, for both the individual contributor and
    the managerial paths, always requires growth on the soft skills and organization skills."
    No upward move lowers a soft or organisation theme, and each raises at least one."""
    upward = [
        m
        for m in cmap.moves
        if m.kind == "upward"
        and (track is None or track in cmap.role(m.from_).tracks + cmap.role(m.to).tracks)
    ]
    assert upward
    for move in upward:
        before = [level(cmap, move.from_, theme) for theme in SOFT]
        after = [level(cmap, move.to, theme) for theme in SOFT]
        assert all(b <= a for b, a in zip(before, after, strict=True)), (move.from_, move.to)
        assert any(b < a for b, a in zip(before, after, strict=True)), (move.from_, move.to)


def test_director_of_tech_needs_more_tech_breadth_than_senior_engineering_manager(
    cmap: CareerMap,
) -> None:
    """Director of Tech is above Senior Engineering Manager on hard skills for breadth: "one
    has to increase their tech knowledge and skills in terms of breadth". The gain is breadth,
    not depth."""
    sem, dot = "senior-engineering-manager", "director-of-tech"
    assert level(cmap, dot, "tech-breadth") > level(cmap, sem, "tech-breadth")
    assert level(cmap, dot, "tech-depth") <= level(cmap, sem, "tech-depth")


def test_product_roles_lead_the_tech_roles_of_their_level_on_product_skills(
    cmap: CareerMap,
) -> None:
    """Product roles "just happen to require different hard skills": product skills. Each
    product role is above every tech role whose levels overlap its own."""
    product_roles = [role for role in cmap.roles if role.track == "product"]
    assert len(product_roles) == 4
    for product in product_roles:
        peers = [r for r in cmap.roles if r.track in TECH_TRACKS and overlap(r, product)]
        assert peers, product.id
        for peer in peers:
            assert level(cmap, product.id, "product") > level(cmap, peer.id, "product"), (
                product.id,
                peer.id,
            )


def test_tech_management_is_a_little_right_of_product_for_its_larger_organisation(
    cmap: CareerMap,
) -> None:
    """Product roles are "very close to the tech management jobs"; the tech path is "always a
    bit more to the right" because "tech leaders have larger organizations reporting to them
    sooner". Same communication, more organisation. The pairs are the lateral tech -> product
    moves, and the L5 box."""
    pairs = {
        (m.from_, m.to)
        for m in cmap.moves
        if m.kind == "lateral"
        and cmap.role(m.from_).track == "management"
        and cmap.role(m.to).track == "product"
    }
    pairs.add(("engineering-manager", "product-manager"))
    assert len(pairs) == 4
    for tech, product in pairs:
        assert level(cmap, tech, "communication") == level(cmap, product, "communication")
        assert level(cmap, tech, "organisation") > level(cmap, product, "organisation")


def test_staff_sre_needs_the_same_soft_skills_as_staff_engineer(cmap: CareerMap) -> None:
    for theme in SOFT:
        assert level(cmap, "staff-sre", theme) == level(cmap, "staff-engineer", theme), theme


def test_ics_move_into_management_at_their_organisation_skills(cmap: CareerMap) -> None:
    """ICs moving to management are "downgraded one level down, sometimes two levels down, so
    they have responsibilities that match their level of experience in terms of management and
    process skills": the IC's organisation is no higher than the role moved to, and below every
    management role of the IC's own levels."""
    downward = [m for m in cmap.moves if m.kind == "downward"]
    assert downward
    for move in downward:
        ic = cmap.role(move.from_)
        assert level(cmap, ic.id, "organisation") <= level(cmap, move.to, "organisation")
        same_level = [r for r in cmap.roles if r.track == "management" and overlap(r, ic)]
        assert same_level, ic.id
        for manager in same_level:
            assert level(cmap, ic.id, "organisation") < level(cmap, manager.id, "organisation")


def test_rare_product_to_tech_moves_ask_for_more_tech_depth(cmap: CareerMap) -> None:
    """Product -> tech is rare: "acquiring deep technical skills later in one's career is
    increasingly more difficult"."""
    rare = [m for m in cmap.moves if m.rare]
    assert rare
    for move in rare:
        assert level(cmap, move.to, "tech-depth") > level(cmap, move.from_, "tech-depth")


# -- agreement with the skills coordinates --------------------------------------------------


def test_hard_skill_themes_follow_the_hard_skills_axis(cmap: CareerMap) -> None:
    """A role higher on ``skills.hard`` is never lower on the mean of its hard-skill themes
    (ties allowed). For product roles the axis measures product skills, so their hard-skill
    themes are product and tech breadth."""
    wrong = []
    for a, b in permutations(cmap.roles, 2):
        assert a.skills is not None and b.skills is not None
        if a.skills.hard > b.skills.hard and hard_index(a) < hard_index(b):
            wrong.append((a.id, b.id))
    assert not wrong


def test_soft_and_organisation_themes_follow_the_soft_skills_axis(cmap: CareerMap) -> None:
    """A role further right on ``skills.soft`` is never lower on the mean of communication
    and organisation (ties allowed)."""
    wrong = []
    for a, b in permutations(cmap.roles, 2):
        assert a.skills is not None and b.skills is not None
        if a.skills.soft > b.skills.soft and soft_index(a) < soft_index(b):
            wrong.append((a.id, b.id))
    assert not wrong


def test_the_indexes_rank_roles_much_as_the_axes_do(cmap: CareerMap) -> None:
    """Beyond no contradiction: most pairs the axes order strictly, the themes order the same
    way (the rest are ties on a five-step scale)."""
    for axis, index in (("hard", hard_index), ("soft", soft_index)):
        ordered = agreeing = 0
        for a, b in combinations(cmap.roles, 2):
            assert a.skills is not None and b.skills is not None
            gap = getattr(a.skills, axis) - getattr(b.skills, axis)
            if gap:
                ordered += 1
                agreeing += (index(a) - index(b)) * gap > 0
        assert agreeing / ordered >= 0.85, (axis, agreeing, ordered)
