"""CSV for spreadsheets: ``matrix --csv`` and ``export --format csv``.

Every text cell comes from the data, so each is made inert for a spreadsheet: control
characters shown as their codes, and a cell that would start a formula (``=``, ``+``, ``-``,
``@``) prefixed with ``'``, which spreadsheets show as text.
"""

from __future__ import annotations

import csv
import io
from typing import TYPE_CHECKING

from careermap.render.dispatch import ByType
from careermap.render.text import plain
from careermap.results import MapDocument

if TYPE_CHECKING:
    from careermap.framework import Matrix

_FORMULA = ("=", "+", "-", "@", "\t", "\r")


def cell(value: str | float | None) -> str:
    """A value as a CSV cell: numbers as they are, text inert."""
    if value is None:
        return ""
    if isinstance(value, int | float):
        return f"{value:g}"
    text = plain(value)
    return f"'{text}" if text.startswith(_FORMULA) else text


def _table(rows: list[list[str | float | None]]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerows([[cell(value) for value in row] for row in rows])
    return out.getvalue()


csv_text: ByType[str] = ByType("CSV")
"""The CSV of a result."""


@csv_text.register("careermap.framework.Matrix")
def _(result: Matrix) -> str:
    """One table: the theme, then a column per role (each track's roles in level order, track
    after track), a row per theme; each cell the role's step in the theme's words."""
    roles = list({role.id: role for table in result.tables for role in table.roles}.values())
    themes = list({t.id: t for table in result.tables for t in table.themes}.values())
    rows: list[list[str | float | None]] = [["theme", *(role.id for role in roles)]]
    for theme in themes:
        steps = [role.proficiency(theme.id) for role in roles]
        rows.append([theme.name, *(None if s is None else theme.label(s) for s in steps)])
    return _table(rows)


@csv_text.register(MapDocument)
def _(result: MapDocument) -> str:
    """One row per role: id, title, track(s), levels, then its step in each theme."""
    cmap = result.cmap
    rows: list[list[str | float | None]] = [
        ["id", "title", "track", "levels", *(theme.id for theme in cmap.themes)]
    ]
    for role in cmap.roles:
        rows.append(
            [
                role.id,
                role.title,
                ";".join(role.tracks),
                cmap.role_levels(role, short=True),
                *(role.proficiency(theme.id) for theme in cmap.themes),
            ]
        )
    return _table(rows)
