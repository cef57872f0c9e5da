"""One self-contained web page for a whole ladder, to attach to an email or host anywhere.

Everything is inline (the skills map SVG, the styles, the map's data as JSON and one small
script, ``finder.js``), and nothing is fetched: a Content-Security-Policy allows only the inline
styles and that one script, by its SHA-256 hash. Light and dark colour schemes follow
``prefers-color-scheme``. The page is plain semantic HTML: headings, lists, tables with header
cells, the map with a title and description. The script adds one thing, the route finder
("Find a route"); without JavaScript the page is the same static page and says so.
"""

from __future__ import annotations

import base64
import hashlib
import itertools
import json
from dataclasses import dataclass, is_dataclass
from functools import cache
from importlib import resources
from typing import TYPE_CHECKING, Any

from careermap import __version__
from careermap.models import (
    CareerMap,
    Move,
    Role,
    Theme,
    document_fields,
    format_levels,
    record_to,
)
from careermap.render.text import (
    ESTIMATE_NOTE,
    MODEL_NOTE,
    UNKNOWN_RULE,
    format_years,
    markup_escape,
    move_footnote,
    move_years,
    one_decimal,
    plain,
    step_words,
)
from careermap.results import MAP_ROLES, MapDocument

if TYPE_CHECKING:
    from careermap.graph import Route
from careermap.skillsmap import level_groups

# Text as HTML: the one escaping function the page and the SVG map share.
escape = markup_escape


ROUTE_ROWS = 400  # the page's routes table shows at most this many pairs


@dataclass(frozen=True)
class RouteRow:
    """One line of the routes table: the best route between two roles, or none."""

    source: Role
    target: Role
    route: Route | None


def top_roles(cmap: CareerMap) -> list[Role]:
    """Roles no upward move leaves: the tops of the ladders."""
    promoted = {move.from_ for move in cmap.moves if move.kind == "upward"}
    return [role for role in cmap.roles if role.id not in promoted]


def route_rows(cmap: CareerMap) -> tuple[list[RouteRow], int]:
    """Best-case routes from each entry role to each top role: at most ``ROUTE_ROWS`` rows
    (a ladder of unconnected roles has a pair for every two), and how many pairs there are."""
    from careermap.graph import best_routes_from

    tops = top_roles(cmap)
    starts = cmap.entry_roles
    # Counted, not listed: 100,000 roles with no upward move are as many tops as starts.
    both = len({start.id for start in starts} & {top.id for top in tops})
    pairs = ((start, top) for start in starts for top in tops if top.id != start.id)
    kept = list(itertools.islice(pairs, ROUTE_ROWS))
    sources = list(dict.fromkeys(start.id for start, _ in kept))
    found = best_routes_from(cmap, sources, [top.id for _, top in kept])
    rows = [RouteRow(start, top, found[start.id].get(top.id)) for start, top in kept]
    return rows, len(starts) * len(tops) - both


def page_text(result: MapDocument) -> str:
    return render_page(result.cmap)


def render_page(cmap: CareerMap) -> str:
    """The whole page as text."""
    from careermap.render.framework_html import framework_data, nav_items, sections

    name = cmap.meta.name if cmap.meta else "Career map"
    # The skills map needs every role placed; a ladder without skills gets the rest.
    # The skills map needs every role placed, and is legible (and quick to lay out) only up
    # to MAP_ROLES roles; a larger ladder's page has the rest, and says why there is no map.
    placed = all(role.skills is not None for role in cmap.roles)
    with_map = placed and len(cmap.roles) <= MAP_ROLES
    top = "#map" if with_map else "#main"
    parts = [
        "<!doctype html>",
        '<html lang="en">',
        "<head>",
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        '<meta name="color-scheme" content="light dark">',
        f'<meta name="generator" content="careermap {__version__}">',
        f'<meta http-equiv="Content-Security-Policy" content="{content_policy()}">',
        f"<title>{escape(name)}</title>",
        f"<style>{STYLE}</style>",
        "</head>",
        "<body>",
        '<a class="skip" href="#main">Skip to the content</a>',
        "<header>",
        f"<h1>{escape(name)}</h1>",
    ]
    if cmap.meta and cmap.meta.description:
        parts.append(f"<p>{escape(cmap.meta.description)}</p>")
    if placed and not with_map:
        parts.append(
            f'<p class="note">The skills map is drawn for ladders of at most {MAP_ROLES} roles; '
            f"this one has {len(cmap.roles)}. <code>careermap map --track TRACK --output "
            "map.svg</code> draws a part of it.</p>"
        )
    parts += [
        '<p class="note"><strong>Estimates, not promises.</strong> The years are the ranges '
        "this ladder's data gives; some people move faster, many slower, and some never make a "
        f"given move. {escape(MODEL_NOTE)}</p>",
        '<nav aria-label="Contents"><ul>'
        '<li><a href="#finder">Find a route</a></li>'
        + ('<li><a href="#map">Skills map</a></li>' if with_map else "")
        + "".join(f'<li><a href="#{key}">{label}</a></li>' for key, label in nav_items(cmap))
        + '<li><a href="#levels">Roles by level</a></li>'
        '<li><a href="#routes">Typical routes</a></li>'
        '<li><a href="#roles">Every role</a></li>'
        '<li><a href="#sources">Sources</a></li>'
        "</ul></nav>",
        "</header>",
        '<main id="main">',
        _finder_section(cmap, with_map),
        _map_section(cmap, name) if with_map else "",
        sections(cmap, _role_options(cmap, "Choose a role")),
        _levels_section(cmap),
        _routes_section(cmap),
        _roles_section(cmap, top),
        _sources_section(cmap),
        "</main>",
        f"<footer><p>Made with careermap {__version__} from this ladder's data file.</p></footer>",
        f'<script type="application/json" id="careermap-data">{finder_data(cmap)}</script>',
        f'<script type="application/json" id="careermap-framework">{framework_data(cmap)}</script>',
        f"<script>{finder_script()}</script>",
        "</body>",
        "</html>",
    ]
    return "\n".join(parts) + "\n"


@cache
def finder_script() -> str:
    """The route finder's JavaScript (``finder.js`` beside this module), inlined as it is."""
    here = resources.files("careermap.render")
    # The framework view's script (framework.js) runs after the finder, in the same element.
    script = "\n".join(
        here.joinpath(name).read_text(encoding="utf-8") for name in ("finder.js", "framework.js")
    )
    assert "</script" not in script.lower()  # it could not be inlined
    return script


def content_policy() -> str:
    """What the page may load and run: nothing from anywhere, its inline styles, and only the
    one inline script whose SHA-256 hash this is (the JSON data block is not run)."""
    digest = hashlib.sha256(finder_script().encode("utf-8")).digest()
    script = base64.b64encode(digest).decode("ascii")
    return (
        f"default-src 'none'; style-src 'unsafe-inline'; script-src 'sha256-{script}'; "
        "base-uri 'none'; form-action 'none'"
    )


def _scale_facts(cmap: CareerMap, role: Role) -> list[tuple[str, str]]:
    """The role's level scale and band, on a map whose tracks have scales of their own."""
    if not cmap.multiscale:
        return []
    scale = cmap.role_scale(role)
    bands = scale.bands(role.levels)
    band = "-" if bands is None else format_levels(bands).removeprefix("L")
    return [("Scale", "shared" if scale.name is None else scale.name), ("Band", band)]


def _page_value(value: Any) -> Any:
    """A field's value for the page's data: text as the page shows it, tuples as lists (a
    move's years as [min, max]), nested records as their document form."""
    if isinstance(value, str):
        return plain(value)
    if isinstance(value, tuple):
        return [_page_value(item) for item in value]
    if is_dataclass(value):
        return {key: _page_value(item) for key, item in record_to(value).items()}
    return value


def finder_data(cmap: CareerMap) -> str:
    """The map as the finder needs it, as JSON safe inside a ``<script>`` element: every role
    (id, title, level range, tracks) and move (each of its fields: ends, kind, years,
    source, note, condition, rare, evidence...), with text as the page shows it, and the
    standing notes under routes."""
    roles = [
        {
            "id": role.id,
            "title": plain(role.title),
            "levels": cmap.role_levels(role),
            "scale": cmap.role_scale(role).name,
            "tracks": [plain(track) for track in role.tracks],  # as the track <select> says
        }
        for role in cmap.roles
    ]
    # Every field of each move, as its record declares them: finder.js carries each onto a
    # route's step.
    moves = [
        {key: _page_value(getattr(move, name)) for name, key in document_fields(type(move))}
        for move in cmap.moves
    ]
    notes = {"estimate": ESTIMATE_NOTE, "model": MODEL_NOTE, "unknown": UNKNOWN_RULE}
    text = json.dumps(
        {"roles": roles, "moves": moves, "notes": notes},
        ensure_ascii=False,
        separators=(",", ":"),
        allow_nan=False,
    )
    # No "</script>", "<!--" or entity can end or bend the element: JSON escapes them.
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def _role_options(cmap: CareerMap, first: str) -> str:
    """``<option>``s of every role grouped by level range (``<optgroup>``), after ``first``."""
    groups = [
        f'<optgroup label="{escape(cmap.format_group(levels, roles))}">'
        + "".join(f'<option value="{role.id}">{escape(role.title)}</option>' for role in roles)
        + "</optgroup>"
        for levels, roles in level_groups(cmap.roles).items()
    ]
    return f'<option value="">{first}</option>' + "".join(groups)


def _finder_section(cmap: CareerMap, with_map: bool) -> str:
    """The route finder's form and result region. The form stays hidden unless the script runs
    (it unhides it); without JavaScript the section says what it needs."""
    tracks = "".join(
        f'<option value="{escape(track)}">{escape(track)}</option>' for track in cmap.tracks
    )
    tops = "".join(
        f'<option value="{k}"{" selected" if k == 3 else ""}>{k}</option>' for k in range(1, 6)
    )
    marked = " The first route is marked on the skills map." if with_map else ""
    return "\n".join(
        [
            '<section id="finder" aria-labelledby="finder-heading">',
            '<h2 id="finder-heading">Find a route</h2>',
            "<p>The best routes between two roles, ranked by best-case years as "
            f"<code>careermap path FROM TO --top K</code> ranks them.{marked} The address "
            "keeps your choice: copy it to share these routes.</p>",
            '<noscript><p class="note">The route finder needs JavaScript, which is off here. '
            'The rest of this page works without it: <a href="#routes">Typical routes</a> '
            "lists the fastest route from each entry role to the top of each ladder.</p>"
            "</noscript>",
            '<form id="finder-form" hidden>',
            '<div class="finder-ends">',
            '<p><label for="finder-from">From</label>'
            f'<select id="finder-from" name="from">{_role_options(cmap, "Choose a role")}'
            "</select></p>",
            '<p><label for="finder-to">To</label>'
            f'<select id="finder-to" name="to">{_role_options(cmap, "Choose a role")}'
            "</select></p>",
            "</div>",
            '<fieldset class="finder-options"><legend>Options</legend>',
            '<p><input type="checkbox" id="finder-no-downward" name="no-downward">'
            '<label for="finder-no-downward">No downward moves</label></p>',
            '<p><label for="finder-track">Stay on a track</label>'
            f'<select id="finder-track" name="track"><option value="">Any track</option>{tracks}'
            "</select></p>",
            '<p><label for="finder-avoid">Avoid a role</label>'
            f'<select id="finder-avoid" name="avoid">{_role_options(cmap, "None")}</select></p>',
            '<p><label for="finder-top">Routes to show</label>'
            f'<select id="finder-top" name="top">{tops}</select></p>',
            "</fieldset>",
            '<p><button type="submit">Find routes</button></p>',
            "</form>",
            '<div id="finder-result" class="finder-result" aria-live="polite"></div>',
            "</section>",
        ]
    )


def _map_section(cmap: CareerMap, name: str) -> str:
    from careermap.render.svg import render_svg

    svg = render_svg(cmap, cmap.roles, cmap.moves, title=name, link_roles=True)
    return (
        '<section id="map" aria-labelledby="map-heading">\n<h2 id="map-heading">Skills map</h2>\n'
        '<p class="scroll-cue" aria-hidden="true">The map is wider than this screen: '
        "scroll it sideways →</p>"
        f'<figure><div class="map">{svg}</div><figcaption>Each role sits by the '
        f"{escape(cmap.axis_label('x'))} (left to right) and {escape(cmap.axis_label('y'))} "
        "(bottom to top) it needs; each label carries the role's level range, markers differ "
        "by track, arrows are moves (upward solid, lateral dashed, downward dotted). On a narrow "
        "screen the map scrolls inside its frame. Select a role to read about it.</figcaption>"
        "</figure>\n</section>"
    )


def _role_link(role: Role) -> str:
    return f'<a href="#role-{role.id}">{escape(role.title)}</a>'


def _levels_section(cmap: CareerMap) -> str:
    parts = ['<section id="levels" aria-labelledby="levels-heading">']
    parts.append('<h2 id="levels-heading">Roles by level</h2>')
    for levels, roles in level_groups(cmap.roles).items():
        parts.append(f"<h3>{escape(cmap.format_group(levels, roles))}</h3><ul>")
        parts += [
            f"<li>{_role_link(role)} "
            f'<span class="track">{escape(", ".join(role.tracks))}</span></li>'
            for role in roles
        ]
        parts.append("</ul>")
    parts.append("</section>")
    return "\n".join(parts)


def _routes_section(cmap: CareerMap) -> str:
    rows, pairs = route_rows(cmap)
    shown = (
        ""
        if len(rows) == pairs
        else f" The first {len(rows):,} of {pairs:,} pairs are shown; careermap path answers "
        "the others."
    )
    parts = [
        '<section id="routes" aria-labelledby="routes-heading">',
        '<h2 id="routes-heading">Typical routes</h2>',
        "<p>The fastest route (by best-case years) from each entry role to the top of each "
        f"ladder, with its range and typical years.{shown}</p>",
        '<div class="table-wrap" role="region" tabindex="0" aria-label="Routes table">'
        "<table><caption>Routes from the entry roles to the top roles</caption>",
        '<thead><tr><th scope="col">From</th><th scope="col">To</th><th scope="col">Moves</th>'
        '<th scope="col">Best case</th><th scope="col">Typical</th>'
        '<th scope="col">Worst case</th><th scope="col">Route</th></tr></thead><tbody>',
    ]
    for row in rows:
        head = f'<tr><th scope="row">{_role_link(row.source)}</th><td>{_role_link(row.target)}</td>'
        route = row.route
        if route is None:
            parts.append(head + '<td colspan="5">no route in this map</td></tr>')
            continue
        via = " → ".join(escape(cmap.role(role_id).title) for role_id in route.roles)
        typical = route.typical_years
        most = route.max_years
        best = f"{format_years(route.min_years)} years"
        if not route.complete:
            best = f"at least {best}" if route.min_years else "unknown"
        parts.append(
            head + f"<td>{len(route.steps)}</td>"
            f"<td>{best}</td>"
            f"<td>{'unknown' if typical is None else one_decimal(typical) + ' years'}"
            f"{' (from records)' if route.recorded else ''}</td>"
            f"<td>{'unknown' if most is None else format_years(most) + ' years'}</td>"
            f"<td>{via}</td></tr>"
        )
    parts.append("</tbody></table></div></section>")
    return "\n".join(parts)


def _moves_table(cmap: CareerMap, moves: list[Move], into: bool, caption: str, role: Role) -> str:
    if not moves:
        return f"<p>{escape(caption)}: none.</p>"
    # Each region's name is the page's only one: "Moves in: Staff Engineer".
    region = f"{caption}: {role.title}"
    rows = [
        f'<div class="table-wrap" role="region" tabindex="0" aria-label="{escape(region)}">'
        f"<table><caption>{escape(caption)}</caption><thead><tr>"
        f'<th scope="col">{"From" if into else "To"}</th><th scope="col">Kind</th>'
        '<th scope="col">Years</th><th scope="col">Source</th><th scope="col">Note</th>'
        "</tr></thead><tbody>"
    ]
    for move in moves:
        other = cmap.role(move.from_ if into else move.to)
        rows.append(
            f'<tr><th scope="row">{_role_link(other)}</th>'
            f"<td>{move.kind}{' (rare)' if move.rare else ''}</td>"
            f"<td>{move_years(move)}</td>"
            f"<td>{escape(move.source or '-')}</td><td>{escape(move_footnote(move))}</td></tr>"
        )
    rows.append("</tbody></table></div>")
    return "".join(rows)


def _titles_table(cmap: CareerMap, role: Role) -> str:
    from careermap.ladders import titles

    entries = titles(cmap, role)
    if not entries:
        return ""
    rows = [
        '<div class="table-wrap" role="region" tabindex="0" '
        f'aria-label="{escape("Titles elsewhere: " + role.title)}">'
        "<table><caption>Titles at other companies (approximate)</caption><thead><tr>"
        '<th scope="col">Company</th><th scope="col">Level code and title</th></tr></thead><tbody>'
    ]
    for entry in entries:
        rows.append(
            f'<tr><th scope="row">{escape(entry.company.name)}</th>'
            f"<td>{escape(entry.text)}</td></tr>"
        )
    rows.append("</tbody></table></div>")
    return "".join(rows)


def _roles_section(cmap: CareerMap, top: str) -> str:
    parts = ['<section id="roles" aria-labelledby="roles-heading">']
    parts.append('<h2 id="roles-heading">Every role</h2>')
    for role in cmap.roles:
        skills = (
            f"hard {role.skills.hard:g}, soft {role.skills.soft:g} (0-10, relative)"
            if role.skills
            else "not given"
        )
        facts = [
            *(
                (theme.name, _competency_text(theme, role))
                for theme in cmap.themes
                if role.proficiency(theme.id) is not None or role.expected(theme.id)
            ),
            ("Levels", cmap.role_levels(role) or "-"),
            *_scale_facts(cmap, role),
            ("Track", ", ".join(role.tracks)),
            ("Skills", skills),
            ("Also called", " · ".join(role.aliases) or "-"),
            ("Source", role.source or "not given"),
        ]
        parts += [
            f'<article id="role-{role.id}" aria-labelledby="role-{role.id}-heading">',
            f'<h3 id="role-{role.id}-heading">{escape(role.title)} '
            f'<span class="id">{role.id}</span></h3>',
            f"<p>{escape(role.description)}</p>" if role.description else "",
            "<dl>"
            + "".join(f"<dt>{escape(k)}</dt><dd>{escape(v)}</dd>" for k, v in facts)
            + "</dl>",
            _moves_table(cmap, cmap.moves_from(role.id), False, "Moves out", role),
            _moves_table(cmap, cmap.moves_into(role.id), True, "Moves in", role),
            _titles_table(cmap, role),
            f'<p class="top"><a href="{top}">Back to the top</a></p>',
            "</article>",
        ]
    parts.append("</section>")
    return "\n".join(part for part in parts if part)


def _web(url: str | None) -> bool:
    """Only http and https addresses become links (never javascript:, data:, file:...)."""
    return bool(url) and str(url).lower().startswith(("http://", "https://"))


def _competency_text(theme: Theme, role: Role) -> str:
    """The step in the theme's words, then what the role is expected to do, never the same
    words twice (an expectation that restates the step stands for it)."""
    value = role.proficiency(theme.id)
    label, texts = step_words(theme, role)
    level = "not given" if value is None else label or f"Step {value:g}"
    expected = "; ".join(texts)
    return f"{level}: {expected}" if expected else level


def _sources_section(cmap: CareerMap) -> str:
    parts = ['<section id="sources" aria-labelledby="sources-heading">']
    parts.append('<h2 id="sources-heading">Sources</h2>')
    sources = cmap.meta.sources if cmap.meta else []
    if sources:
        parts.append("<ul>")
        for source in sources:
            title, url = escape(source.title), source.url
            linked = title
            if url and _web(url):
                linked = f'<a href="{escape(url)}">{title}</a>'
            elif url:
                linked = f"{title} ({escape(url)})"  # shown, never a link
            details = ", ".join(escape(x) for x in (source.author, source.published) if x)
            key = f" (cited as <code>{escape(source.key)}</code>)" if source.key else ""
            parts.append(f"<li>{linked}{', ' + details if details else ''}{key}</li>")
        parts.append("</ul>")
    else:
        parts.append("<p>This ladder's data names no sources.</p>")
    cited = {role.source for role in cmap.roles} | {move.source for move in cmap.moves}
    labels = {
        "reconstructed": "“reconstructed” marks what was inferred rather than stated",
        "assumption": "“assumption” a figure no source gives",
    }
    said = [text for label, text in labels.items() if label in cited]
    explained = f" {', '.join(said)}." if said else ""
    parts.append(
        "<p>Every role and move says where it comes from in its <em>Source</em>."
        f"{explained}</p></section>"
    )
    return "\n".join(parts)


STYLE = """
:root { color-scheme: light dark; --bg: #ffffff; --fg: #111827; --muted: #4b5563;
  --line: #d1d5db; --accent: #1d4ed8; --card: #f9fafb; }
@media (prefers-color-scheme: dark) {
  :root { --bg: #0f172a; --fg: #e5e7eb; --muted: #9ca3af; --line: #334155;
    --accent: #93c5fd; --card: #1e293b; }
}
* { box-sizing: border-box; }
body { margin: 0 auto; max-width: 72rem; padding: 1rem 1.5rem 3rem; background: var(--bg);
  color: var(--fg); font: 16px/1.5 system-ui, -apple-system, "Segoe UI", Helvetica, Arial,
  sans-serif; }
a { color: var(--accent); }
.skip { position: absolute; left: -999px; }
.skip:focus { left: 1rem; top: 1rem; background: var(--card); padding: .5rem; }
h1 { margin-bottom: .25rem; }
.note { border-left: 4px solid var(--accent); background: var(--card); padding: .5rem 1rem; }
nav ul { display: flex; flex-wrap: wrap; gap: .25rem 1.25rem; list-style: none; padding: 0; }
.map { background: #ffffff; border: 1px solid var(--line); border-radius: 8px; overflow-x: auto; }
/* Never shrunk below 880 px (labels stay at 10 px or more): a narrow screen scrolls the frame. */
.map svg { display: block; width: 100%; min-width: 880px; height: auto; }
.table-wrap { overflow-x: auto; margin: .75rem 0 1.25rem; }
.table-wrap table { margin: 0; }
.table-wrap:focus-visible, .map:focus-visible { outline: 2px solid var(--accent); }
figure { margin: 0; }
figcaption { color: var(--muted); font-size: .9rem; margin-top: .5rem; }
table { border-collapse: collapse; margin: .75rem 0 1.25rem; width: 100%; font-size: .95rem; }
caption { text-align: left; font-weight: 600; padding-bottom: .25rem; }
th, td { border-bottom: 1px solid var(--line); padding: .35rem .5rem; text-align: left;
  vertical-align: top; }
thead th { border-bottom: 2px solid var(--line); }
article { border-top: 1px solid var(--line); padding-top: .5rem; margin-top: 1.5rem; }
article:target { outline: 3px solid var(--accent); outline-offset: 6px; }
dl { display: grid; grid-template-columns: max-content 1fr; gap: .2rem 1rem; }
dt { font-weight: 600; }
dd { margin: 0; }
.id, .track { color: var(--muted); font-size: .85em; font-weight: normal; }
.id { font-family: ui-monospace, monospace; }
footer { color: var(--muted); border-top: 1px solid var(--line); margin-top: 2rem; }
@media print { nav, .skip, .top, #finder form, .framework-form { display: none; } }
/* The framework view: the matrix, the self-assessment and the comparison. */
.matrix th, .matrix td { min-width: 9rem; }
.matrix th[scope=row], .matrix thead th:first-child { position: sticky; left: 0;
  background: var(--bg); min-width: 7rem; }
.matrix ul.expected { margin: .25rem 0 0; padding-left: 1rem; color: var(--muted);
  font-size: .85rem; }
.framework-form { display: flex; flex-wrap: wrap; gap: 0 1.5rem; }
.framework-form[hidden] { display: none; }
.framework-form label { display: block; font-weight: 600; }
.framework-form p { margin: .4rem 0; min-width: 0; max-width: 100%; }
.framework-form select { font: inherit; max-width: 100%; padding: .2rem; }
/* The route finder: the form, its answer, and its route on the map. */
.finder-ends { display: flex; flex-wrap: wrap; gap: 0 1.5rem; }
#finder form p { margin: .4rem 0; min-width: 0; max-width: 100%; }
#finder label { display: block; font-weight: 600; }
#finder input[type=checkbox] + label { display: inline; font-weight: normal; margin-left: .35rem; }
#finder select { font: inherit; max-width: 100%; padding: .2rem; }
#finder button { font: inherit; padding: .3rem .9rem; }
.finder-options { border: 1px solid var(--line); border-radius: 6px; margin: .5rem 0; min-width: 0;
  display: flex; flex-wrap: wrap; gap: 0 1.5rem; align-items: end; }
.finder-result h4 { margin: .75rem 0 .25rem; }
.finder-routes { padding-left: 1.25rem; }
.finder-steps { padding-left: 1.25rem; }
.finder-steps li { margin: .2rem 0; overflow-wrap: break-word; }
.step-note { display: block; color: var(--muted); font-size: .9rem; }
.route-summary { margin: 0; color: var(--muted); }
.finder-problem { border-left: 4px solid #b91c1c; padding-left: .75rem; }
.finder-notes { color: var(--muted); font-size: .9rem; }
.map g.move.found line { stroke: #b91c1c; stroke-width: 3.2px; }
.map g.move.found polygon.head { fill: #b91c1c; }
.map g.role.found .marker { filter: drop-shadow(0 0 1.5px #b91c1c) drop-shadow(0 0 1.5px #b91c1c); }
.map g.role.found .level-tag { fill: #fee2e2; stroke: #b91c1c; stroke-width: 1.5px; }
/* Phones: no sideways page scroll; wide tables scroll in their own frame, words stay whole. */
dd, h3 { overflow-wrap: break-word; }
#routes td:nth-child(n+3):not(:last-child) { white-space: nowrap; }
#routes td:last-child { min-width: 22rem; }
/* What scrolls sideways says so: a cue above the map, a shadow at a table's hidden edge. */
.scroll-cue { display: none; color: var(--muted); font-size: .9rem; margin: .25rem 0; }
@media (max-width: 60rem) { .scroll-cue { display: block; } }
.table-wrap { background:
  linear-gradient(to right, var(--bg) 30%, transparent) left / 2rem 100% no-repeat local,
  linear-gradient(to left, var(--bg) 30%, transparent) right / 2rem 100% no-repeat local,
  radial-gradient(farthest-side at 0 50%, rgba(0, 0, 0, .3), transparent)
    left / .75rem 100% no-repeat scroll,
  radial-gradient(farthest-side at 100% 50%, rgba(0, 0, 0, .3), transparent)
    right / .75rem 100% no-repeat scroll; }
@media (max-width: 40rem) {
  body { padding: .75rem .75rem 2rem; }
  dl { grid-template-columns: 1fr; gap: 0; }
  dd { margin-bottom: .4rem; }
}
"""
