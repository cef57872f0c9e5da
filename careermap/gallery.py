"""The built-in ladders: the article's skills map (the default) and real, public frameworks.

Each is a data file shipped inside the package (``data/`` in a source checkout), chosen by
name with ``--ladder NAME`` as ``--data FILE`` chooses a file.
"""

from __future__ import annotations

from dataclasses import dataclass

from careermap.sources import DEFAULT_LADDER, ladder_files


@dataclass(frozen=True)
class LadderInfo:
    """One line of ``careermap ladders``."""

    name: str
    title: str
    roles: int
    moves: int
    sources: list[str]
    default: bool


@dataclass(frozen=True)
class Gallery:
    """``careermap ladders``: the built-in ladders."""

    ladders: list[LadderInfo]


def gallery() -> Gallery:
    from careermap.loader import load

    infos = []
    for name, path in ladder_files().items():
        cmap = load(path)
        meta = cmap.meta
        infos.append(
            LadderInfo(
                name,
                meta.name if meta else name,
                len(cmap.roles),
                len(cmap.moves),
                [s.url or s.title for s in meta.sources] if meta else [],
                name == DEFAULT_LADDER,
            )
        )
    return Gallery(infos)
