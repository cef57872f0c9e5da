"""The page's weekly view: the matrix, a self-assessment, two roles compared, and the
companies' levels side by side (sections ``matrix``, ``assess``, ``compare``, ``companies``).

The matrix and the companies' levels are static HTML. The self-assessment and the comparison
are forms that ``framework.js`` (inlined with the finder, under the same policy) answers from
the JSON block ``#careermap-framework``, as ``careermap assess`` and ``careermap compare`` do;
their state is in the address (``#assess=THEME:STEP,...``, ``#compare=A,B``). Every text
from the data goes through the page's one escaping function, or into JSON that the script
sets as text.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

from careermap.framework import level_order, matrix
from careermap.render.text import markup_escape as escape
from careermap.render.text import plain, step_words

if TYPE_CHECKING:
    from careermap.models import CareerMap, Role, Theme


def has_matrix(cmap: CareerMap) -> bool:
    """Whether any role states a step in a theme (else no matrix and no self-assessment)."""
    return bool(cmap.themes) and any(role.competencies for role in cmap.roles)


def nav_items(cmap: CareerMap) -> list[tuple[str, str]]:
    """(section id, link text) of this view's sections the page has, in page order."""
    items = (
        [("matrix", "Competency matrix"), ("assess", "Assess yourself")] if has_matrix(cmap) else []
    )
    items.append(("compare", "Compare two roles"))
    if cmap.companies:
        items.append(("companies", "Companies' levels"))
    return items


def sections(cmap: CareerMap, role_options: str) -> str:
    """The view's sections; ``role_options`` are the page's ``<option>``s of every role."""
    parts = []
    if has_matrix(cmap):
        parts += [_matrix_section(cmap), _assess_section(cmap)]
    parts.append(_compare_section(role_options))
    if cmap.companies:
        parts.append(_companies_section(cmap))
    return "\n".join(parts)


def _step_html(theme: Theme, role: Role) -> str:
    value = role.proficiency(theme.id)
    if value is None:
        return "<td>-</td>"
    label, texts = step_words(theme, role)  # never the same words twice in one cell
    expected = "".join(f"<li>{escape(text)}</li>" for text in texts)
    step = f'{escape(label)} <span class="id">({value:g})</span>' if label else f"Step {value:g}"
    return f"<td>{step}" + (f'<ul class="expected">{expected}</ul>' if expected else "") + "</td>"


def _matrix_section(cmap: CareerMap) -> str:
    parts = [
        '<section id="matrix" aria-labelledby="matrix-heading">',
        '<h2 id="matrix-heading">Competency matrix</h2>',
        "<p>Each track's roles from the lowest level to the highest, and each role's step in "
        "every theme in the theme's own words, with what the role is expected to do in it, as "
        "<code>careermap matrix</code> shows them. A wide table scrolls inside its frame.</p>",
    ]
    for table in matrix(cmap).tables:
        track = escape(table.track)
        heads = "".join(
            f'<th scope="col"><a href="#role-{role.id}">{escape(role.title)}</a> '
            f'<span class="id">{escape(cmap.role_levels(role, short=True))}</span></th>'
            for role in table.roles
        )
        rows = "".join(
            f'<tr><th scope="row">{escape(theme.name)}</th>'
            + "".join(_step_html(theme, role) for role in table.roles)
            + "</tr>"
            for theme in table.themes
        )
        parts.append(
            f'<div class="table-wrap" role="region" tabindex="0" aria-label="Matrix: {track}">'
            f'<table class="matrix"><caption>The {track} track</caption>'
            f'<thead><tr><th scope="col">Theme</th>{heads}</tr></thead>'
            f"<tbody>{rows}</tbody></table></div>"
        )
    parts.append("</section>")
    return "\n".join(parts)


def _assess_section(cmap: CareerMap) -> str:
    selects = []
    for i, theme in enumerate(cmap.themes):
        steps = (
            [(n + 1, f"{n + 1}: {word}") for n, word in enumerate(theme.scale)]
            if theme.scale
            else [(n, str(n)) for n in range(11)]
        )
        options = "".join(f'<option value="{n}">{escape(label)}</option>' for n, label in steps)
        selects.append(
            f'<p><label for="assess-{i}">{escape(theme.name)}</label>'
            f'<select id="assess-{i}" data-theme="{escape(theme.id)}">'
            f'<option value="">Not rated</option>{options}</select></p>'
        )
    return "\n".join(
        [
            '<section id="assess" aria-labelledby="assess-heading">',
            '<h2 id="assess-heading">Assess yourself</h2>',
            "<p>Give yourself a step in each theme: for each track, the highest role whose every "
            "step you meet, and what the roles one promotion away ask beyond it, as "
            "<code>careermap assess</code> answers. A theme you leave unrated is unknown, never "
            "zero. The address keeps your steps.</p>",
            '<noscript><p class="note">The self-assessment needs JavaScript; the matrix above '
            "holds the same steps.</p></noscript>",
            f'<form id="assess-form" class="framework-form" hidden>{"".join(selects)}</form>',
            '<div id="assess-result" class="finder-result" aria-live="polite"></div>',
            "</section>",
        ]
    )


def _compare_section(role_options: str) -> str:
    return "\n".join(
        [
            '<section id="compare" aria-labelledby="compare-heading">',
            '<h2 id="compare-heading">Compare two roles</h2>',
            "<p>What changes from one role to another: each theme's step, what the second "
            "expects that the first does not, and the fastest route each way, as "
            "<code>careermap compare</code> says. The address keeps the pair.</p>",
            '<noscript><p class="note">Comparing needs JavaScript; every role\'s section below '
            "lists its steps.</p></noscript>",
            '<form id="compare-form" class="framework-form" hidden>',
            f'<p><label for="compare-a">First role</label><select id="compare-a">{role_options}'
            "</select></p>",
            f'<p><label for="compare-b">Second role</label><select id="compare-b">{role_options}'
            "</select></p>",
            "</form>",
            '<div id="compare-result" class="finder-result" aria-live="polite"></div>',
            "</section>",
        ]
    )


def _companies_section(cmap: CareerMap) -> str:
    from careermap.results import company_levels

    parts = [
        '<section id="companies" aria-labelledby="companies-heading">',
        '<h2 id="companies-heading">Companies\' levels</h2>',
        "<p>Each company's level codes and titles beside this ladder's levels and roles, as "
        "<code>careermap levels</code> shows them. Company mappings are approximate.</p>",
    ]
    for track, companies, rows in company_levels(cmap).tables:
        heads = "".join(f'<th scope="col">{escape(c.name)}</th>' for c in companies)
        body = []
        for row in rows:
            roles = "<br>".join(
                f'<a href="#role-{role.id}">{escape(role.title)}</a>' for role in row.roles
            )
            cells = "".join(
                "<td>"
                + (
                    "<br>".join(f"{escape(r.code)} {escape(r.title)}" for r in row.rungs[c.id])
                    or "-"
                )
                + "</td>"
                for c in companies
            )
            body.append(f'<tr><th scope="row">L{row.level}</th><td>{roles or "-"}</td>{cells}</tr>')
        parts.append(
            f'<div class="table-wrap" role="region" tabindex="0" '
            f'aria-label="Companies: {escape(track)}"><table class="companies">'
            f"<caption>The {escape(track)} ladders</caption>"
            f'<thead><tr><th scope="col">Level</th><th scope="col">Roles</th>{heads}</tr></thead>'
            f"<tbody>{''.join(body)}</tbody></table></div>"
        )
    parts.append("</section>")
    return "\n".join(parts)


def framework_data(cmap: CareerMap) -> str:
    """What the self-assessment and the comparison need, as JSON safe in a ``<script>``:
    the themes, each track's roles in level order, each role's steps and expectations and
    its upward moves; text as the page shows it."""
    roles = {
        role.id: {
            "steps": dict(role.competencies),
            "expected": {theme: [plain(t) for t in texts] for theme, texts in role.expectations},
            "up": [move.to for move in cmap.moves_from(role.id, "upward")],
            "low": role.levels[0],
        }
        for role in cmap.roles
        if role.competencies or role.expectations
    }
    document = {
        "themes": [
            {"id": t.id, "name": plain(t.name), "scale": [plain(w) for w in t.scale]}
            for t in cmap.themes
        ],
        "tracks": [
            {"track": plain(track), "roles": [role.id for role in level_order(cmap, track)]}
            for track in cmap.tracks
        ],
        "roles": roles,
    }
    text = json.dumps(document, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
