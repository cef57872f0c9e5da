"""Plain Markdown output for screen readers and documents: lists and tables, no box drawing.

Each function mirrors a view of ``terminal.py`` and says the same things in text a screen
reader can follow line by line.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import TYPE_CHECKING

from careermap.models import CareerMap, Move, Role
from careermap.render.dispatch import ByType
from careermap.render.text import (
    closing_notes,
    diff_key,
    diff_route,
    diff_value,
    move_footnote,
    move_years,
    path_notes,
    plain,
    route_total,
    years_range,
)
from careermap.results import MoveList, PathResult, RoleList, SkillsMap

if TYPE_CHECKING:
    from careermap.diff import LadderDiff
    from careermap.framework import Assessment, Matrix
    from careermap.graph import Route
    from careermap.growth import ThemeChange
    from careermap.models import Theme


# Characters that would start emphasis, code, a link or a heading, escaped with a backslash
# (which CommonMark and Python-Markdown, MkDocs's renderer, both take away); and those that
# would start HTML, an entity, a strikethrough or a table cell, written as entities, since
# Python-Markdown shows a backslash before them.
_MARKDOWN = re.compile(r"([\\`*_\[\]#])")
_ENTITY = {"&": "&amp;", "<": "&lt;", ">": "&gt;", "|": "&#124;", "~": "&#126;", "=": "&#61;"}
_AS_ENTITY = re.compile("[&<>|~]")
# A list item, a setext heading underline or an ordered list at a line's start: "- x",
# "+ x", "= x", "1. x", "1) x". The mark is escaped ("1\\. x").
_BLOCK_START = re.compile(r"^(\s*)(?:([-+=])|(\d+)(?=[.)]))")


def _md(text: str) -> str:
    """Text from the data as inline Markdown: what it says, never markup (no heading from a
    newline, no emphasis from a star, no HTML from a tag, no list item from a leading dash,
    no entity from an ampersand). Every field from the data goes through here."""
    escaped = _MARKDOWN.sub(r"\\\1", plain(text.replace("\n", " ")))
    escaped = _AS_ENTITY.sub(lambda m: _ENTITY[m.group()], escaped)
    return _BLOCK_START.sub(lambda m: f"{m.group(1)}{_block_mark(m)}", escaped)


def _block_mark(match: re.Match[str]) -> str:
    """A list's mark escaped ("\\-", "\\+", "1\\."); "=" (which Python-Markdown will not take a
    backslash before) as its entity."""
    mark = match.group(2)
    if mark is None:
        return f"{match.group(3)}\\"
    return _ENTITY["="] if mark == "=" else f"\\{mark}"


def _cell(text: str | None) -> str:
    return _md(text) if text else "-"


def _skills(role: Role) -> str:
    return f"hard {role.skills.hard:g}, soft {role.skills.soft:g}" if role.skills else "-"


def roles_markdown(cmap: CareerMap, roles: Sequence[Role]) -> str:
    lines = [
        "## Roles",
        "",
        "| Role | ID | Track | Levels | Skills | Source |",
        "| --- | --- | --- | --- | --- | --- |",
    ]
    for role in roles:
        lines.append(
            f"| {_cell(role.title)} | `{role.id}` | {_md(', '.join(role.tracks))} "
            f"| {_md(cmap.role_levels(role))} "
            f"| {_skills(role)} | {_cell(role.source)} |"
        )
    return _block(lines)


def moves_markdown(cmap: CareerMap, role: Role, moves: Sequence[Move], into: bool) -> str:
    direction = "into" if into else "out of"
    lines = [
        f"## Moves {direction} {_md(role.title)} (`{role.id}`)",
        "",
        f"| {'From' if into else 'To'} | Kind | Years | Source | Note |",
        "| --- | --- | --- | --- | --- |",
    ]
    for move in moves:
        other = cmap.role(move.from_ if into else move.to)
        lines.append(
            f"| {_cell(other.title)} (`{other.id}`) | {move.kind}{' (rare)' if move.rare else ''} "
            f"| {move_years(move)} | {_cell(move.source)} "
            f"| {_cell(move_footnote(move))} |"
        )
    return _block(lines)


def routes_markdown(
    cmap: CareerMap, routes: Sequence[Route], notes: Sequence[str], plan: bool = False
) -> str:
    lines: list[str] = []
    for number, route in enumerate(routes, start=1):
        first, last = cmap.role(route.roles[0]), cmap.role(route.roles[-1])
        heading = f"Route {number}: " if len(routes) > 1 else ""
        lines.extend([f"## {heading}{_md(first.title)} to {_md(last.title)}", ""])
        for step_number, step in enumerate(route.steps, start=1):
            source, target = cmap.role(step.from_), cmap.role(step.to)
            lines.append(
                f"{step_number}. {_md(source.title)} ({_md(cmap.role_levels(source))}) to "
                f"{_md(target.title)} ({_md(cmap.role_levels(target))}): {step.kind} move"
                f"{' (rare)' if step.move.rare else ''}, "
                + (
                    f"{move_years(step.move)} "
                    if step.recorded
                    else f"{years_range(step.min_years, step.max_years)} years "
                )
                + f"(source: {_md(step.move.source or 'not given')}"
                + (f"; {_md(move_footnote(step.move))})" if move_footnote(step.move) else ")")
            )
        moves = "move" if len(route.steps) == 1 else "moves"
        lines.extend(
            [
                "",
                f"Total: {len(route.steps):,} {moves}, {route_total(route)}.",
                "",
            ]
        )
        if plan and cmap.themes:
            lines.extend(plan_markdown(cmap, route))
    lines.extend(_md(note) for note in notes)
    lines.extend(closing_notes(routes))
    return _block(lines)


def map_markdown(cmap: CareerMap, roles: Sequence[Role], route: Sequence[str]) -> str:
    """The skills map as text: roles grouped by level range, with their skills positions."""
    from careermap.skillsmap import level_groups

    lines = [
        "# Skills map",
        "",
        f"Roles by level range, with {_md(cmap.axis_label('y', detail=True))} and "
        f"{_md(cmap.axis_label('x', detail=True))} on a relative 0-10 scale.",
        "",
    ]
    for levels, members in level_groups(roles).items():
        lines.extend([f"## {_md(cmap.format_group(levels, members))}", ""])
        for role in members:
            mark = " (on the highlighted route)" if role.id in route else ""
            lines.append(
                f"- {_md(role.title)} (`{role.id}`, {_md(', '.join(role.tracks))}): "
                f"{_skills(role)}{mark}"
            )
        lines.append("")
    if route:
        titles = " → ".join(_md(cmap.role(role_id).title) for role_id in route)
        lines.extend([f"Highlighted route: {titles}.", ""])
    return _block(lines)


def _block(lines: list[str]) -> str:
    """The lines as one Markdown block that ends with a blank line, so outputs concatenate."""
    return "\n".join(lines).rstrip("\n") + "\n\n"


text: ByType[str] = ByType("Markdown")
"""The Markdown for a result."""


@text.register(RoleList)
def _(result: RoleList) -> str:
    return roles_markdown(result.cmap, result.roles)


@text.register(MoveList)
def _(result: MoveList) -> str:
    return moves_markdown(result.cmap, result.role, result.moves, result.into)


@text.register(PathResult)
def _(result: PathResult) -> str:
    notes = path_notes(result.cmap, result.query, result.others, result.scale_up)
    return routes_markdown(result.cmap, result.routes, notes, result.plan)


def plan_markdown(cmap: CareerMap, route: Route) -> list[str]:
    """What to grow along a route, as nested lists: per step, then for the whole route."""
    from careermap.growth import plan, route_growth

    def said(change: ThemeChange) -> str:
        a, b = change.a, change.b
        before = change.theme.label(a) if a is not None else "-"
        after = change.theme.label(b) if b is not None else "-"
        return f"{_cell(change.theme.name)}: {_cell(before)} to {_cell(after)}"

    names = {theme.id: theme.name for theme in cmap.themes}
    lines = ["### What to grow", ""]
    for step in plan(cmap, route):
        lines.append(f"- To {_cell(cmap.role(step.to).title)}:")
        lines.extend(f"  - grow {said(change)}" for change in step.grow)
        lines.extend(
            f"  - newly expected ({_cell(names.get(theme, theme))}): {_cell(text)}"
            for theme, texts in step.expectations_new.items()
            for text in texts
        )
        if not step.grow and not step.expectations_new:
            lines.append("  - nothing new in the ladder's themes")
    whole = "; ".join(said(change) for change in route_growth(cmap, route))
    return [*lines, "", f"Across the route: {whole or 'no theme grows'}.", ""]


@text.register(SkillsMap)
def _(result: SkillsMap) -> str:
    return map_markdown(result.cmap, result.roles, result.route)


@text.register("careermap.diff.LadderDiff")
def _(result: LadderDiff) -> str:
    """The diff for a pull request's comment: a heading, then a table per kind of record."""
    lines = [f"## Ladder changes: {_md(result.old_file)} to {_md(result.new_file)}", ""]
    if not result.changed:
        return _block([*lines, "No changes."])
    for kind, section in result.sections.items():
        if not section:
            continue
        lines += [
            f"### {kind.capitalize()}: {len(section.added)} added, {len(section.removed)} "
            f"removed, {len(section.changed)} changed",
            "",
            "| Change | Record | Field | Old | New |",
            "| --- | --- | --- | --- | --- |",
        ]
        lines += [f"| added | {_md(diff_key(r))} | | | |" for r in section.added]
        lines += [f"| removed | {_md(diff_key(r))} | | | |" for r in section.removed]
        for change in section.changed:
            for name, (old, new) in change.fields.items():
                lines.append(
                    f"| changed | {_md(diff_key(change.key))} | {_md(name)} "
                    f"| {_md(diff_value(old, name))} | {_md(diff_value(new, name))} |"
                )
        lines.append("")
    if result.routes:
        lines += ["### Best routes that changed", "", "| From | To | Old | New |"]
        lines.append("| --- | --- | --- | --- |")
        lines += [
            f"| {_md(c.source)} | {_md(c.target)} | {_md(diff_route(c.old, c.new))} "
            f"| {_md(diff_route(c.new, c.old))} |"
            for c in result.routes
        ]
    return _block(lines)


def _step_md(theme: Theme, value: float | None) -> str:
    return "-" if value is None else f"{_md(theme.label(value))} ({value:g})"


@text.register("careermap.framework.Matrix")
def _(result: Matrix) -> str:
    """A table per track: a row per theme, a column per role in level order; each cell the
    step in the theme's words and what the role is expected to do in it."""
    cmap = result.cmap
    lines: list[str] = []
    for table in result.tables:
        headings = [
            f"{_md(role.title)} ({_md(cmap.role_levels(role, short=True))})" for role in table.roles
        ]
        lines += [f"## Matrix: the {_md(table.track)} track", ""]
        lines += [f"| Theme | {' | '.join(headings)} |", "| --- |" + " --- |" * len(headings)]
        for theme in table.themes:
            cells = []
            for role in table.roles:
                said = [_step_md(theme, role.proficiency(theme.id))]
                said += [f"expected: {_md(text)}" for text in role.expected(theme.id)]
                cells.append("; ".join(said))
            lines.append(f"| {_md(theme.name)} | {' | '.join(cells)} |")
        lines.append("")
    return _block(lines or ["No role on these tracks states a step in any theme."])


@text.register("careermap.framework.Assessment")
def _(result: Assessment) -> str:
    rated = "; ".join(
        f"{_md(t.name)}: {_step_md(t, result.ratings[t.id])}"
        for t in result.cmap.themes
        if t.id in result.ratings
    )
    lines = ["## Self-assessment", "", f"Your steps: {rated}.", ""]
    if not result.tracks:
        lines.append("No role on this ladder states a step in a theme, so none can be met.")
    for answer in result.tracks:
        meets = _md(answer.meets.title) if answer.meets else "none of its roles"
        unsure = ", ".join(_md(t.name) for t in answer.unknown)
        lines.append(
            f"- {_md(answer.track)}: you meet {meets}"
            + (f" (as far as you rated: {unsure} unknown)" if unsure else "")
        )
        if not answer.next:
            lines.append("  - top of the track")
        for ahead in answer.next:
            lines.append(f"  - next, {_md(ahead.role.title)}:")
            lines += [
                f"    - gap in {_md(g.theme.name)}: you have {_step_md(g.theme, g.have)}, "
                f"it needs {_step_md(g.theme, g.need)}"
                for g in ahead.gaps
            ]
            lines += [f"    - {_md(t.name)}: unknown (not rated)" for t in ahead.unknown]
            if not ahead.gaps and not ahead.unknown:
                lines.append("    - no gap: you meet every step it states")
    if result.unrated:
        names = ", ".join(_md(t.name) for t in result.unrated)
        lines += ["", f"Not rated (unknown, never taken as zero): {names}."]
    return _block(lines)
