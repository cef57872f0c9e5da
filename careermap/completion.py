"""Shell completion: the values an argument or option may take, from the ladder in use.

Role names complete to ids first, then to titles and aliases that start with what was typed
(or have a word that does), in any case; tracks, companies, levels (ranks, names and codes),
themes and built-in ladders complete from the data. What a shell needs quoted is quoted.
"""

from __future__ import annotations

import os
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from careermap.models import CareerMap


def _starts(name: str, typed: str) -> bool:
    """Whether ``name`` starts with ``typed``, or has a word that does, in any case."""
    name, typed = name.casefold(), typed.casefold()
    return name.startswith(typed) or any(
        word.startswith(typed) for word in name.replace("-", " ").split()
    )


def _quoted(values: list[str]) -> list[str]:
    """Values with spaces, quoted for bash, whose completion splits words on them (zsh and
    fish take each value whole)."""
    if "bash" in os.environ.get("_CAREERMAP_COMPLETE", ""):
        return [f'"{value}"' if " " in value else value for value in values]
    return values


def _unique(values: list[str]) -> list[str]:
    return list(dict.fromkeys(values))


def roles(cmap: CareerMap, typed: str) -> list[str]:
    typed = typed.strip("\"'")
    ids = [role.id for role in cmap.roles if role.id.startswith(typed.lower())]
    names = [
        name
        for role in cmap.roles
        for name in (role.title, *role.aliases)
        if _starts(name, typed) or _starts(role.id, typed)
    ]
    if ids and typed:  # ids are what an id prefix means
        return _quoted(_unique(ids))
    return _quoted(_unique([*ids, *names]))


def tracks(cmap: CareerMap, typed: str) -> list[str]:
    return [track for track in cmap.tracks if track.startswith(typed.lower())]


def companies(cmap: CareerMap, typed: str) -> list[str]:
    found = [c.id for c in cmap.companies if c.id.startswith(typed.lower())]
    found += [c.name for c in cmap.companies if _starts(c.name, typed)]
    return _quoted(_unique(found))


def levels(cmap: CareerMap, typed: str) -> list[str]:
    low, high = cmap.level_span
    values = [str(rank) for rank in range(low, high + 1)]
    values += [level.code for level in cmap.levels if level.code]
    values += [level.name for level in cmap.levels]
    if not cmap.levels:
        values += [f"L{rank}" for rank in range(low, high + 1)]
    return _quoted(_unique([value for value in values if _starts(value, typed)]))


def themes(cmap: CareerMap, typed: str) -> list[str]:
    return [theme.id for theme in cmap.themes if theme.id.startswith(typed.lower())]


def ladders(typed: str) -> list[str]:
    from careermap.gallery import ladder_files

    return [name for name in ladder_files() if name.startswith(typed.lower())]
