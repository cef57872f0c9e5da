"""Graph checks for ``careermap validate``: things that are allowed but probably unintended.

Schema errors stop a file from loading; these only warn (``--strict`` makes them fail), each
with the place in the file and a hint. An upward-only cycle is not among them: an upward move
may stay at its source's minimum level (a promotion within one grade), so such a cycle is
possible, and it is an error that ``models.integrity_problems`` reports when the file loads.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections import deque
from dataclasses import dataclass

from careermap.models import CareerMap, did_you_mean, format_levels, name_key

MAX_UPWARD_SKIP = 2  # levels an upward move may jump over before it looks like a typo
# Source labels every ladder may use without declaring them in meta.sources.
PROVENANCE_LABELS = ("reconstructed", "assumption")


@dataclass(frozen=True)
class GraphWarning:
    """A suspicious spot in a valid map: where (a location), what, and what to do."""

    loc: tuple[str | int, ...]
    message: str
    hint: str


def graph_warnings(cmap: CareerMap) -> list[GraphWarning]:
    """Every warning, in file order within each kind of check."""
    return [
        *_unreachable(cmap),
        *_dead_ends(cmap),
        *_long_jumps(cmap),
        *_missing_sources(cmap),
        *_undeclared_sources(cmap),
        *_partial_skills(cmap),
        *_flags_contradicted(cmap),
        *_look_alikes(cmap),
    ]


def _unreachable(cmap: CareerMap) -> list[GraphWarning]:
    starts = [role.id for role in cmap.entry_roles]
    successors: dict[str, list[str]] = {}
    for move in cmap.moves:
        successors.setdefault(move.from_, []).append(move.to)
    seen, queue = set(starts), deque(starts)
    while queue:
        for nxt in successors.get(queue.popleft(), []):
            if nxt not in seen:
                seen.add(nxt)
                queue.append(nxt)
    shown = ", ".join(starts[:5]) + (f" and {len(starts) - 5} more" if len(starts) > 5 else "")
    return [
        GraphWarning(
            ("roles", i),
            f"role {role.id!r} cannot be reached from any entry role ({shown})",
            "add a move into it, or mark it entry = true if people start there",
        )
        for i, role in enumerate(cmap.roles)
        if role.id not in seen
    ]


def _dead_ends(cmap: CareerMap) -> list[GraphWarning]:
    """Roles no move leaves, below the top of each of their tracks, not marked terminal."""
    top = cmap.track_tops
    leaving = {move.from_ for move in cmap.moves}
    return [
        GraphWarning(
            ("roles", i),
            f"role {role.id!r} ({format_levels(role.levels)}) is a dead end: no move leaves it, "
            f"though its track goes up to L{max(top[track] for track in role.tracks)}",
            "add a move out of it, or mark it terminal = true if people stay there",
        )
        for i, role in enumerate(cmap.roles)
        if role.id not in leaving
        and not role.terminal
        and any(role.levels[1] < top[track] for track in role.tracks)
    ]


def _long_jumps(cmap: CareerMap) -> list[GraphWarning]:
    warnings = []
    for i, move in enumerate(cmap.moves):
        if move.kind != "upward":
            continue
        source, target = cmap.role(move.from_), cmap.role(move.to)
        if cmap.role_scale(source) is not cmap.role_scale(target):
            continue  # ranks of two scales do not count levels between them
        skipped = target.levels[0] - source.levels[1] - 1
        if skipped > MAX_UPWARD_SKIP:
            warnings.append(
                GraphWarning(
                    ("moves", i),
                    f"upward move {move.from_} -> {move.to} skips {skipped} levels "
                    f"({format_levels(source.levels)} to {format_levels(target.levels)})",
                    "check the levels, or add the roles in between",
                )
            )
    return warnings


def _missing_sources(cmap: CareerMap) -> list[GraphWarning]:
    """Roles and moves with no source of their own and no meta.source to fall back on (the
    map holds meta.source in every record that names none)."""
    hint = (
        "say where it comes from (a document, 'reconstructed', 'assumption'), or give every "
        "record a default with meta.source"
    )
    warnings = [
        GraphWarning(("roles", i), f"role {role.id!r} has no source", hint)
        for i, role in enumerate(cmap.roles)
        if not role.source
    ]
    warnings += [
        GraphWarning(("moves", i), f"move {move.from_} -> {move.to} has no source", hint)
        for i, move in enumerate(cmap.moves)
        if not move.source
    ]
    return warnings


def _undeclared_sources(cmap: CareerMap) -> list[GraphWarning]:
    """Where a ladder declares its sources' keys, a source that names none is likely a typo."""
    declared = [s.key for s in cmap.meta.sources if s.key] if cmap.meta else []
    if not declared:
        return []
    known = [*declared, *PROVENANCE_LABELS]
    # Records that take meta.source by default are judged once, at meta.source.
    default = cmap.meta.source if cmap.meta else None
    cited: list[tuple[tuple[str | int, ...], str | None]] = [
        (("meta", "source"), default),
        *(
            (("roles", i, "source"), r.source)
            for i, r in enumerate(cmap.roles)
            if r.source != default
        ),
        *(
            (("moves", i, "source"), m.source)
            for i, m in enumerate(cmap.moves)
            if m.source != default
        ),
        *((("companies", i, "source"), c.source) for i, c in enumerate(cmap.companies)),
    ]
    if cmap.meta and cmap.meta.scale_up:
        cited.append((("meta", "scale_up", "source"), cmap.meta.scale_up.source))
    return [
        GraphWarning(
            loc,
            f"source {source!r} names no source in meta.sources",
            did_you_mean(source, known, f"cite one of: {', '.join(known)}"),
        )
        for loc, source in cited
        if source and source not in known
    ]


def _flags_contradicted(cmap: CareerMap) -> list[GraphWarning]:
    """An entry role that moves lead into, or a terminal role that moves leave."""
    into = {move.to for move in cmap.moves}
    out = {move.from_ for move in cmap.moves}
    warnings = []
    for i, role in enumerate(cmap.roles):
        if role.entry and role.id in into:
            warnings.append(
                GraphWarning(
                    ("roles", i, "entry"),
                    f"role {role.id!r} is marked entry, yet moves lead into it",
                    "entry = true says nothing leads into it; drop the flag or the moves",
                )
            )
        if role.terminal and role.id in out:
            warnings.append(
                GraphWarning(
                    ("roles", i, "terminal"),
                    f"role {role.id!r} is marked terminal, yet moves leave it",
                    "terminal = true says no move leaves it; drop the flag or the moves",
                )
            )
    return warnings


def _partial_skills(cmap: CareerMap) -> list[GraphWarning]:
    having = [role for role in cmap.roles if role.skills is not None]
    if not having or len(having) == len(cmap.roles):
        return []
    return [
        GraphWarning(
            ("roles", i),
            f"role {role.id!r} has no skills while {len(having)} other roles do",
            "give every role skills = { hard, soft }, or none; the skills map needs all",
        )
        for i, role in enumerate(cmap.roles)
        if role.skills is None
    ]


# Unicode's Default_Ignorable_Code_Point (DerivedCoreProperties.txt, Unicode 14.0): characters
# that show nothing, which the skeleton leaves out (a soft hyphen, a variation selector).
_IGNORABLE = re.compile(
    "[\u00ad\u034f\u061c\u115f\u1160\u17b4\u17b5\u180b-\u180f\u200b-\u200f\u202a-\u202e"
    "\u2060-\u206f\u3164\ufe00-\ufe0f\ufeff\uffa0\ufff0-\ufff8\U0001bca0-\U0001bca3"
    "\U0001d173-\U0001d17a\U000e0000-\U000e0fff]"
)


def _alike(char: str) -> list[str]:
    """What Unicode's confusables data (UTS #39's confusables.txt, from
    ``confusable_homoglyphs``) lists as looking like ``char``: for a prototype, its
    look-alikes; for a look-alike, its prototype (a character, or a sequence: "m" is "rn")."""
    from confusable_homoglyphs.confusables import confusables_data

    entries = confusables_data.get(char) or confusables_data.get(f"\u200e{char}\u200e") or []
    return [entry["c"].replace("\u200e", "") for entry in entries]  # right-to-left: in LRMs


@functools.cache
def _prototype(char: str) -> str:
    """The same for every character of a look-alike class: the prototype, or of a prototype
    with a single look-alike, the smaller of the two (the data does not say which it is)."""
    alike = _alike(char)
    if len(alike) != 1:
        return char  # no look-alike, or a prototype with several
    other = alike[0]
    if len(other) > 1:
        return "".join(map(_prototype, other))  # looks like a sequence
    return other if len(_alike(other)) > 1 else min(char, other)


def skeleton(name: str) -> str:
    """What ``name`` looks like (UTS #39's skeleton): the same for names people cannot tell
    apart, such as Latin and Cyrillic capital A, or "I" and "l"."""
    decomposed = _IGNORABLE.sub("", unicodedata.normalize("NFD", name))
    return unicodedata.normalize("NFD", "".join(map(_prototype, decomposed)))


def _code_names(chars: set[str]) -> str:
    shown = [f"U+{ord(c):04X} {unicodedata.name(c, '')}".rstrip() for c in sorted(chars)[:3]]
    return ", ".join(shown) + (", ..." if len(chars) > 3 else "")


# A name to compare: where it is, what it is (title, alias...), whose it is, and the name.
_Named = tuple[tuple[str | int, ...], str, str, str]


def _look_alikes(cmap: CareerMap) -> list[GraphWarning]:
    """Role titles and aliases, and level names and codes, that differ but look the same: a
    reader cannot tell which is meant. The same name in another case or form (what
    ``name_key`` folds) is not a look-alike, nor are two names of one role or level."""
    roles: list[_Named] = []
    for i, role in enumerate(cmap.roles):
        roles.append((("roles", i, "title"), "title", f"role {role.id!r}", role.title))
        roles += [
            (("roles", i, "aliases", j), "alias", f"role {role.id!r}", alias)
            for j, alias in enumerate(role.aliases)
        ]
    levels: list[_Named] = []
    for i, level in enumerate(cmap.levels):
        levels.append((("levels", i, "name"), "name", f"level {level.rank}", level.name))
        if level.code:
            levels.append((("levels", i, "code"), "code", f"level {level.rank}", level.code))
    warnings = []
    for names in (roles, levels):
        # skeleton -> name key -> the first name with that key, in file order
        seen: dict[str, dict[str, _Named]] = {}
        for named in names:
            loc, what, whose, name = named
            alike = seen.setdefault(skeleton(name), {})
            key = name_key(name)
            other = next((o for k, o in alike.items() if k != key and o[2] != whose), None)
            alike.setdefault(key, named)
            if other is not None:
                warnings.append(
                    GraphWarning(
                        loc,
                        f"{what} {name!r} of {whose} looks like {other[1]} {other[3]!r} of "
                        f"{other[2]}{_difference(name, other[3])}",
                        "people cannot tell them apart; rename one, or spell both alike",
                    )
                )
    return warnings


def _difference(name: str, other: str) -> str:
    """``" (it has U+0410 CYRILLIC CAPITAL LETTER A where the other has U+0041 ...)"``."""
    mine, theirs = set(name) - set(other), set(other) - set(name)
    if not mine:
        return f" (the other has {_code_names(theirs)})" if theirs else ""
    return f" (it has {_code_names(mine)}" + (
        f" where the other has {_code_names(theirs)})" if theirs else ")"
    )
