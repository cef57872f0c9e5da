"""Shell completion: the values an argument or option may take, from the ladder in use.

Role names complete to ids first, then to titles and aliases that start with what was typed
(or have a word that does), in any case; tracks, companies, levels (ranks, names and codes),
themes and built-in ladders complete from the data.

A value from the data is hostile text: a title ``Lead $(touch PWNED) Dev`` must reach the
command line as those words, never run. Each value is quoted for the shell it is printed for
(``_for_shell``): bash inserts a completion as it is, so it gets single quotes; zsh inserts
what its ``eval`` of typer's list gives, quoted by zsh itself, and typer escapes all but the
backslash for that ``eval``; fish takes each line as it is and escapes it on insertion.
"""

from __future__ import annotations

import os
import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from careermap.models import CareerMap


def _starts(name: str, typed: str) -> bool:
    """Whether ``name`` starts with ``typed``, or has a word that does, in any case."""
    name, typed = name.casefold(), typed.casefold()
    return name.startswith(typed) or any(
        word.startswith(typed) for word in name.replace("-", " ").split()
    )


# What bash leaves alone unquoted (shlex's safe set): ids, tracks, numbers, plain words.
_SAFE = re.compile(r"[\w@%+=:,./-]+", re.ASCII)


def _bash(value: str) -> str:
    """One word for bash, as typed: in single quotes unless it is plainly safe (inside single
    quotes nothing is special; a quote itself is written '\\'')."""
    if _SAFE.fullmatch(value):
        return value
    return "'" + value.replace("'", "'\\''") + "'"


def _for_shell(values: list[str]) -> list[str]:
    """Values as the shell asking for them must receive them, so that completing one never
    runs anything: single-quoted for bash, which inserts a completion as it is; for zsh, with
    each backslash doubled, as typer escapes ``$``, backquotes and quotes for the ``eval`` in
    zsh's ``_arguments`` but not the backslash (``\\$(cmd)`` would run ``cmd``); fish as they
    are."""
    shell = os.environ.get("_CAREERMAP_COMPLETE", "")
    if "bash" in shell:
        return [_bash(value) for value in values]
    if "zsh" in shell:
        return [value.replace("\\", "\\\\") for value in values]
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
        return _for_shell(_unique(ids))
    return _for_shell(_unique([*ids, *names]))


def tracks(cmap: CareerMap, typed: str) -> list[str]:
    return _for_shell([track for track in cmap.tracks if track.startswith(typed.lower())])


def companies(cmap: CareerMap, typed: str) -> list[str]:
    found = [c.id for c in cmap.companies if c.id.startswith(typed.lower())]
    found += [c.name for c in cmap.companies if _starts(c.name, typed)]
    return _for_shell(_unique(found))


def levels(cmap: CareerMap, typed: str) -> list[str]:
    low, high = cmap.level_span
    values = [str(rank) for rank in range(low, high + 1)]
    values += [level.code for level in cmap.levels if level.code]
    values += [level.name for level in cmap.levels]
    if not cmap.levels:
        values += [f"L{rank}" for rank in range(low, high + 1)]
    return _for_shell(_unique([value for value in values if _starts(value, typed)]))


def themes(cmap: CareerMap, typed: str) -> list[str]:
    return _for_shell([theme.id for theme in cmap.themes if theme.id.startswith(typed.lower())])


def ladders(typed: str) -> list[str]:
    from careermap.sources import ladder_files

    return _for_shell([name for name in ladder_files() if name.startswith(typed.lower())])
