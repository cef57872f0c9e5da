"""How results look: rich tables and panels for people, plain dicts for ``--json``.

Both renderers take the same core results, so the JSON shapes (documented in the README and
kept stable) and the tables always agree. Nothing here decides exit codes or prints.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING, Any

from careermap.models import CareerMap, Company, Move, Role, Rung, format_levels

if TYPE_CHECKING:
    from rich.console import RenderableType
    from rich.table import Table

    from careermap.compare import Comparison
    from careermap.estimates import Estimate
    from careermap.graph import Reached, Route, RouteCount, RouteQuery, Step
    from careermap.ladders import CompanyTitles, LevelRow

ESTIMATE_NOTE = "Year ranges are estimates from the data, not promises."
COMPANY_NOTE = (
    "Company titles are approximate: they follow each company's published or reported ladder, "
    "mapped onto canonical levels (see the data's sources)."
)
MODEL_NOTE = (
    "Typical and P10-P90 assume each move's years are uniform on its range and independent."
)
KIND_STYLE = {"upward": "green", "lateral": "cyan", "downward": "yellow"}
KIND_MARK = {"upward": "↑", "lateral": "→", "downward": "↓"}


def format_years(years: float) -> str:
    """Years without a useless ``.0``: 18.0 -> ``"18"``, 6.5 -> ``"6.5"``."""
    rounded = round(years, 2)
    return str(int(rounded)) if rounded.is_integer() else str(rounded)


def format_range(low: float, high: float) -> str:
    return format_years(low) if low == high else f"{format_years(low)}-{format_years(high)}"


def format_estimate(estimate: Estimate) -> str:
    """``typically 12.2 years (P10-P90: 9.4-15.1)``: one decimal, as the model is rough."""
    return (
        f"typically {one_decimal(estimate.p50_years)} years "
        f"(P10-P90: {one_decimal(estimate.p10_years)}-{one_decimal(estimate.p90_years)})"
    )


def one_decimal(years: float) -> str:
    """Rounded half up, as people expect (12.25 -> 12.3), not to the even neighbour."""
    return f"{math.floor(years * 10 + 0.5) / 10:.1f}"


# -- JSON shapes -----------------------------------------------------------------------------


def role_json(role: Role) -> dict[str, Any]:
    return {
        "id": role.id,
        "title": role.title,
        "track": role.track,
        "levels": list(role.levels),
        "skills": {"hard": role.skills.hard, "soft": role.skills.soft} if role.skills else None,
        "aliases": list(role.aliases),
        "description": role.description,
        "source": role.source,
    }


def move_json(move: Move) -> dict[str, Any]:
    return {
        "from": move.from_,
        "to": move.to,
        "kind": move.kind,
        "min_years": move.min_years,
        "max_years": move.max_years,
        "source": move.source,
        "note": move.note,
    }


def _estimate_json(estimate: Estimate) -> dict[str, float]:
    return {
        "p10_years": estimate.p10_years,
        "p50_years": estimate.p50_years,
        "p90_years": estimate.p90_years,
    }


def step_json(step: Step) -> dict[str, Any]:
    """A move as taken on a route: its years after any adjustment, with percentiles."""
    return {
        **move_json(step.move),
        "min_years": step.min_years,
        "max_years": step.max_years,
        **_estimate_json(step.estimate()),
    }


def route_json(route: Route) -> dict[str, Any]:
    return {
        "roles": route.roles,
        "steps": [step_json(step) for step in route.steps],
        "min_years": route.min_years,
        "max_years": route.max_years,
        **_estimate_json(route.estimate()),
    }


def path_json(
    query: RouteQuery, routes: list[Route], others: RouteCount | None, scale_up: float | None
) -> dict[str, Any]:
    return {
        "from": query.source,
        "to": query.target,
        "by": query.by,
        "constraints": {
            "via": list(query.via),
            "avoid": sorted(query.avoid),
            "tracks": sorted(query.tracks),
            "no_downward": query.no_downward,
            "max_steps": query.max_steps,
        },
        "years_in_role": query.adjustments.years_in_role,
        "scale_up_factor": scale_up,
        "other_routes": (
            {"count": others.others, "complete": others.complete} if others is not None else None
        ),
        "paths": [route_json(r) for r in routes],
    }


def reach_json(
    cmap: CareerMap, role: Role, within: float | None, by: str, into: bool, found: list[Reached]
) -> dict[str, Any]:
    return {
        "role": role.id,
        "direction": "into" if into else "from",
        "within_years": within,
        "by": by,
        "roles": [
            {
                "id": item.role,
                "title": cmap.role(item.role).title,
                "levels": list(cmap.role(item.role).levels),
                "steps": len(item.route.steps),
                "roles": item.route.roles,
                "min_years": item.route.min_years,
                "max_years": item.route.max_years,
                "p50_years": item.route.typical_years,
            }
            for item in found
        ],
    }


def rung_json(rung: Rung) -> dict[str, Any]:
    return {"code": rung.code, "title": rung.title, "levels": list(rung.levels)}


def company_titles_json(entry: CompanyTitles) -> dict[str, Any]:
    return {
        "company": entry.company.id,
        "name": entry.company.name,
        "track": entry.ladder.track,
        "rungs": [rung_json(rung) for rung in entry.rungs],
    }


def titles_json(role: Role, entries: list[CompanyTitles]) -> dict[str, Any]:
    return {
        "role": role.id,
        "title": role.title,
        "levels": list(role.levels),
        "companies": [company_titles_json(entry) for entry in entries],
    }


def levels_json(tables: list[tuple[str, list[Company], list[LevelRow]]]) -> dict[str, Any]:
    return {
        "tracks": [
            {
                "track": track,
                "companies": [company.id for company in companies],
                "levels": [
                    {
                        "level": row.level,
                        "companies": {
                            company_id: [rung_json(rung) for rung in rungs]
                            for company_id, rungs in row.rungs.items()
                        },
                        "roles": [role.id for role in row.roles],
                    }
                    for row in rows
                ],
            }
            for track, companies, rows in tables
        ]
    }


def with_company(role: Role, company: Company | None) -> dict[str, Any]:
    """``role_json``, plus the company's titles for it when a company was asked for."""
    shaped = role_json(role)
    if company is not None:
        from careermap.ladders import titles_at

        entry = titles_at(company, role)
        shaped["company"] = company_titles_json(entry) if entry else None
    return shaped


def show_json(cmap: CareerMap, role: Role) -> dict[str, Any]:
    return {
        "role": role_json(role),
        "moves_out": [move_json(m) for m in cmap.moves_from(role.id)],
        "moves_in": [move_json(m) for m in cmap.moves_into(role.id)],
    }


# -- rich renderables ------------------------------------------------------------------------


def _kind(kind: str) -> str:
    return f"[{KIND_STYLE[kind]}]{KIND_MARK[kind]} {kind}[/]"


def _skills(role: Role) -> str:
    return f"{role.skills.hard:g} / {role.skills.soft:g}" if role.skills else "-"


def _escape(text: str | None) -> str:
    from rich.markup import escape

    return escape(text) if text else "-"


def _table(title: str, caption: str | None = None) -> Table:
    from rich import box
    from rich.table import Table

    return Table(title=title, caption=caption, header_style="bold", box=box.SIMPLE_HEAD)


def _role_cell(role: Role, company: Company | None = None) -> str:
    """Title in bold with the id (what commands take) under it, and the company's title."""
    return f"[bold]{_escape(role.title)}[/]\n[dim]{role.id}[/]{_company_line(role, company)}"


def _company_text(role: Role, company: Company) -> str:
    """The role's titles at the company, or "-" where its ladder has none."""
    from careermap.ladders import titles_at

    entry = titles_at(company, role)
    return _escape(entry.text if entry else "-")


def _company_line(role: Role, company: Company | None) -> str:
    if company is None:
        return ""
    return f"\n[italic]{_escape(company.name)}: {_company_text(role, company)}[/]"


def _id_width(roles: list[Role]) -> int:
    """Ids are what users type, so their column is never narrower than the longest."""
    return max((len(role.id) for role in roles), default=0)


def roles_table(
    roles: list[Role], caption: str | None = None, company: Company | None = None
) -> Table:
    table = _table("Roles", caption)
    table.add_column("Role", min_width=_id_width(roles))
    table.add_column("Track", no_wrap=True)
    table.add_column("Levels", no_wrap=True)
    table.add_column("Hard/Soft", justify="right", no_wrap=True)
    table.add_column("Source")
    for role in roles:
        table.add_row(
            _role_cell(role, company),
            role.track,
            format_levels(role.levels),
            _skills(role),
            _escape(role.source),
        )
    return table


def moves_table(
    cmap: CareerMap, moves: list[Move], into: bool, title: str, company: Company | None = None
) -> RenderableType:
    """Moves seen from one role: the *other* role of each move is the first column.

    Notes are long and often repeated, so they become numbered footnotes under the table.
    """
    from rich.console import Group

    table = _table(title)
    others = [cmap.role(m.from_ if into else m.to) for m in moves]
    table.add_column("From" if into else "To", min_width=_id_width(others))
    table.add_column("Kind", no_wrap=True)
    table.add_column("Years", justify="right", no_wrap=True)
    table.add_column("Source")
    notes: dict[str, int] = {}
    for move, other in zip(moves, others, strict=True):
        source = _escape(move.source)
        if move.note:
            number = notes.setdefault(move.note, len(notes) + 1)
            source += f" [dim]\\[{number}][/]"
        table.add_row(
            _role_cell(other, company),
            _kind(move.kind),
            format_range(move.min_years, move.max_years),
            source,
        )
    footnotes = [f"[dim]\\[{n}] {_escape(note)}[/]" for note, n in notes.items()]
    return Group(table, *footnotes)


def role_panel(cmap: CareerMap, role: Role, company: Company | None = None) -> RenderableType:
    from rich.console import Group
    from rich.panel import Panel
    from rich.table import Table

    facts = Table.grid(padding=(0, 2))
    facts.add_column(style="bold")
    facts.add_column()
    facts.add_row("ID", role.id)
    facts.add_row("Track", role.track)
    facts.add_row("Levels", format_levels(role.levels))
    facts.add_row(
        "Skills", f"hard {_skills(role).replace(' / ', ', soft ')}" if role.skills else "-"
    )
    facts.add_row("Aliases", _escape(", ".join(role.aliases)))
    facts.add_row("Source", _escape(role.source))
    if company is not None:
        facts.add_row(f"At {_escape(company.name)}", _company_text(role, company))
    facts.add_row("About", _escape(role.description))
    parts: list[RenderableType] = [Panel(facts, title=f"[bold]{_escape(role.title)}[/]")]
    outgoing, incoming = cmap.moves_from(role.id), cmap.moves_into(role.id)
    parts.append(moves_table(cmap, outgoing, False, "Moves out", company) if outgoing else "")
    parts.append(moves_table(cmap, incoming, True, "Moves in", company) if incoming else "")
    return Group(*parts)


def route_view(
    cmap: CareerMap, route: Route, heading: str = "", company: Company | None = None
) -> RenderableType:
    from rich.console import Group

    first, last = cmap.role(route.roles[0]), cmap.role(route.roles[-1])
    table = _table(f"{heading}{_escape(first.title)} → {_escape(last.title)}")
    table.add_column("#", justify="right")
    table.add_column("From")
    table.add_column("To")
    table.add_column("Kind", no_wrap=True)
    table.add_column("Years", justify="right", no_wrap=True)
    table.add_column("Source")
    for number, step in enumerate(route.steps, start=1):
        source, target = cmap.role(step.from_), cmap.role(step.to)
        table.add_row(
            str(number),
            f"{_escape(source.title)} ({format_levels(source.levels)})"
            f"{_company_line(source, company)}",
            f"{_escape(target.title)} ({format_levels(target.levels)})"
            f"{_company_line(target, company)}",
            _kind(step.kind),
            format_range(step.min_years, step.max_years),
            _escape(step.move.source),
        )
    moves = "move" if len(route.steps) == 1 else "moves"
    total = (
        f"[bold]Total:[/] {len(route.steps)} {moves}, "
        f"[bold]{format_range(route.min_years, route.max_years)} years[/], "
        f"{format_estimate(route.estimate())}"
    )
    return Group(table, total)


def path_notes(
    cmap: CareerMap, query: RouteQuery, others: RouteCount | None, scale_up: float | None
) -> list[str]:
    """What the reader must know about the routes shown: adjustments, other routes."""
    notes = []
    if query.adjustments.years_in_role:
        spent = query.adjustments.years_in_role
        unit = "year" if spent == 1 else "years"
        notes.append(
            f"Counting {format_years(spent)} {unit} already spent as "
            f"{cmap.role(query.source).title}: the first move's range is "
            f"{format_years(spent)} {unit} shorter at both ends (never below 0)."
        )
    if scale_up is not None:
        notes.append(
            f"Scale-up factor {format_years(scale_up)} applied: every move takes "
            f"{format_years(scale_up)}x its usual years (an assumption of the data, see meta)."
        )
    if others is not None and others.others:
        count = f"{others.others}" if others.complete else f"at least {others.others}"
        plural = "route exists" if others.others == 1 and others.complete else "routes exist"
        notes.append(f"{count} other {plural}; see them with --top N.")
    return notes


def path_view(
    cmap: CareerMap,
    routes: list[Route],
    notes: list[str],
    company: Company | None = None,
) -> RenderableType:
    from rich.console import Group

    parts: list[RenderableType] = []
    for number, route in enumerate(routes, start=1):
        heading = f"Route {number} of {len(routes)}: " if len(routes) > 1 else ""
        parts.extend([route_view(cmap, route, heading, company), ""])
    parts.extend(f"[dim]{_escape(note)}[/]" for note in [*notes, f"{ESTIMATE_NOTE} {MODEL_NOTE}"])
    return Group(*parts)


def reach_view(
    cmap: CareerMap, role: Role, within: float | None, by: str, into: bool, found: list[Reached]
) -> RenderableType:
    """A table of reachable roles, grouped by their lowest level."""
    from rich.console import Group

    limit = f" within {format_years(within)} years" if within is not None else ""
    measure = "best-case" if by == "min" else "typical"
    title = (
        f"Roles that lead to {_escape(role.title)}{limit} ({measure})"
        if into
        else f"Roles reachable from {_escape(role.title)}{limit} ({measure})"
    )
    table = _table(title)
    table.add_column("Level", no_wrap=True)
    table.add_column("Role", min_width=_id_width([cmap.role(item.role) for item in found]))
    table.add_column("Moves", justify="right")
    table.add_column("Years", justify="right", no_wrap=True)
    table.add_column("Typical", justify="right", no_wrap=True)
    table.add_column("Via")
    ordered = sorted(found, key=lambda item: (cmap.role(item.role).levels, item.route.rank(by)))
    previous = None
    for item in ordered:
        other = cmap.role(item.role)
        level = format_levels(other.levels)
        if previous is not None and level != previous:
            table.add_section()
        table.add_row(
            level if level != previous else "",
            _role_cell(other),
            str(len(item.route.steps)),
            format_range(item.route.min_years, item.route.max_years),
            one_decimal(item.route.typical_years),
            ", ".join(item.route.roles[1:-1]) or "direct",
        )
        previous = level
    return Group(table, f"[dim]{ESTIMATE_NOTE}[/]")


def titles_view(role: Role, entries: list[CompanyTitles]) -> RenderableType:
    table = _table(f"{_escape(role.title)} ({format_levels(role.levels)}) at each company")
    table.add_column("Company", style="bold", no_wrap=True)
    table.add_column("Ladder", no_wrap=True)
    table.add_column("Code", no_wrap=True)
    table.add_column("Title")
    table.add_column("Levels", no_wrap=True)
    for entry in entries:
        first = True
        for rung in entry.rungs or (None,):
            table.add_row(
                _escape(entry.company.name) if first else "",
                entry.ladder.track if first else "",
                _escape(rung.code) if rung else "-",
                _escape(rung.title) if rung else "[dim]no title at these levels[/]",
                format_levels(rung.levels) if rung else "",
            )
            first = False
    from rich.console import Group

    return Group(table, f"[dim]{COMPANY_NOTE}[/]")


def levels_view(tables: list[tuple[str, list[Company], list[LevelRow]]]) -> RenderableType:
    from rich.console import Group

    parts: list[RenderableType] = []
    for track, companies, rows in tables:
        table = _table(f"Levels: {track} ladders")
        table.add_column("Level", style="bold", no_wrap=True)
        table.add_column("careermap roles", no_wrap=True)
        for company in companies:  # titles fold so that every company fits in 80 columns
            table.add_column(_escape(company.name), overflow="fold", ratio=1)
        for row in rows:
            cells = [
                "\n".join(f"{_escape(r.code)} {_escape(r.title)}" for r in row.rungs[c.id]) or "-"
                for c in companies
            ]
            roles = "\n".join(role.id for role in row.roles) or "-"
            table.add_row(f"L{row.level}", roles, *cells)
        parts.extend([table, ""])
    parts.append(f"[dim]{COMPANY_NOTE}[/]")
    return Group(*parts)


def compare_json(comparison: Comparison) -> dict[str, Any]:
    skills = comparison.skills_difference
    return {
        "a": role_json(comparison.a),
        "b": role_json(comparison.b),
        "level_difference": comparison.level_difference,
        "skills_difference": {"hard": skills[0], "soft": skills[1]} if skills else None,
        "titles": [
            {
                "company": company.id,
                "name": company.name,
                "a": [rung_json(r) for r in a.rungs] if a else None,
                "b": [rung_json(r) for r in b.rungs] if b else None,
            }
            for company, a, b in comparison.titles
        ],
        "routes": {
            "a_to_b": route_json(comparison.a_to_b) if comparison.a_to_b else None,
            "b_to_a": route_json(comparison.b_to_a) if comparison.b_to_a else None,
        },
    }


def _difference(value: float, axis: str) -> str:
    if value == 0:
        return f"same {axis}"
    verb = "grows" if value > 0 else "shrinks"
    return f"{axis} {verb} by {abs(value):g}"


def compare_view(comparison: Comparison) -> RenderableType:
    from rich.console import Group

    a, b = comparison.a, comparison.b
    table = _table(f"{_escape(a.title)} vs {_escape(b.title)}")
    table.add_column("", style="bold", no_wrap=True)
    table.add_column(_escape(a.title))
    table.add_column(_escape(b.title))
    table.add_column("Difference (second minus first)")
    levels = comparison.level_difference
    table.add_row(
        "Levels",
        format_levels(a.levels),
        format_levels(b.levels),
        f"starts {abs(levels)} level{'s' if abs(levels) != 1 else ''} "
        f"{'higher' if levels > 0 else 'lower'}"
        if levels
        else "same starting level",
    )
    table.add_row("Track", a.track, b.track, "same track" if a.track == b.track else "")
    skills = comparison.skills_difference
    if skills is not None and a.skills and b.skills:
        table.add_row(
            "Hard skills",
            f"{a.skills.hard:g}",
            f"{b.skills.hard:g}",
            _difference(skills[0], "hard"),
        )
        table.add_row(
            "Soft skills",
            f"{a.skills.soft:g}",
            f"{b.skills.soft:g}",
            _difference(skills[1], "soft"),
        )
    else:
        table.add_row("Skills", _skills(a), _skills(b), "not given for both")
    for company, first, second in comparison.titles:
        table.add_row(
            f"At {_escape(company.name)}",
            _escape(first.text) if first else "-",
            _escape(second.text) if second else "-",
            "",
        )
    lines: list[RenderableType] = [table]
    for label, route in (
        (f"{a.id} → {b.id}", comparison.a_to_b),
        (f"{b.id} → {a.id}", comparison.b_to_a),
    ):
        if route is None:
            lines.append(f"[bold]{label}:[/] no route in this map")
        else:
            moves = "move" if len(route.steps) == 1 else "moves"
            via = ", ".join(route.roles[1:-1])
            lines.append(
                f"[bold]{label}:[/] {len(route.steps)} {moves}, "
                f"{format_range(route.min_years, route.max_years)} years, "
                f"{format_estimate(route.estimate())}" + (f" via {via}" if via else "")
            )
    lines.append(f"[dim]{ESTIMATE_NOTE}[/]")
    if comparison.titles:
        lines.append(f"[dim]{COMPANY_NOTE}[/]")
    return Group(*lines)


def map_json(cmap: CareerMap, roles: list[Role], route: list[str]) -> dict[str, Any]:
    """Where each role sits on the map (soft, hard after spreading shared points)."""
    from careermap.skillsmap import positions

    placed = positions(cmap, roles)
    return {
        "roles": [
            {
                "id": role.id,
                "title": role.title,
                "track": role.track,
                "levels": list(role.levels),
                "soft": placed[role.id][0],
                "hard": placed[role.id][1],
            }
            for role in roles
        ],
        "route": route,
    }
