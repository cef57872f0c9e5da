"""Where careermap's shipped data lives: the article's map and the gallery of built-in ladders,
inside the installed package (``data/`` in a source checkout), by name."""

from __future__ import annotations

from pathlib import Path

from careermap.errors import UsageError

DEFAULT_LADDER = "skills-map"


def data_dir() -> Path:
    """The shipped data: inside the installed package, or ``data/`` in a source checkout.

    The package's own folder, not ``importlib.resources``: the data is read as files (the
    cache keys them by path), so a zipped package could not serve it either way, and
    importing ``importlib.resources`` cost every command about 4 ms (issue 27)."""
    package = Path(__file__).resolve().parent
    packaged = package / "data"
    return packaged if packaged.is_dir() else package.parent / "data"


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
