"""The built-in ladders: the article's skills map (the default) and real, public frameworks.

Each is a data file shipped inside the package (``data/`` in a source checkout), chosen by
name with ``--ladder NAME`` as ``--data FILE`` chooses a file.
"""

from __future__ import annotations

from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from careermap.errors import UsageError

DEFAULT_LADDER = "skills-map"


def data_dir() -> Path:
    """The shipped data: inside the installed package, or ``data/`` in a source checkout."""
    packaged = resources.files("careermap") / "data"
    if packaged.is_dir():
        return Path(str(packaged))
    return Path(__file__).resolve().parent.parent / "data"


def ladder_files() -> dict[str, Path]:
    """Every built-in ladder by name, the default first, then the gallery by name."""
    gallery = sorted((data_dir() / "ladders").glob("*.toml"))
    return {DEFAULT_LADDER: data_dir() / "careermap.toml", **{p.stem: p for p in gallery}}


def ladder_path(name: str) -> Path:
    """The file of a built-in ladder; a usage error lists them and suggests the closest."""
    from careermap.models import did_you_mean

    files = ladder_files()
    found = files.get(name.strip().lower())
    if found is None:
        names = list(files)
        raise UsageError(
            f"unknown ladder {name!r}; "
            + did_you_mean(name.lower(), names, f"the ladders are: {', '.join(names)}")
        )
    return found


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
