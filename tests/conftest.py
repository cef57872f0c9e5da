"""Shared fixtures: every test sees the shipped map unless it says otherwise."""

from __future__ import annotations

import textwrap
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from careermap.loader import ENV_VAR

# A small valid map in TOML that tests copy and break.
MINI_TOML = """
[[roles]]
id = "junior"
title = "Junior"
track = "engineering"
levels = 3

[[roles]]
id = "senior"
title = "Senior"
track = "engineering"
levels = [4, 5]
aliases = ["Old Hand"]

[[roles]]
id = "manager"
title = "Manager"
track = "management"
levels = 4

[[moves]]
from = "junior"
to = "senior"
kind = "upward"
years = [2, 4]
source = "test"

[[moves]]
from = "senior"
to = "manager"
kind = "lateral"
years = [1, 2]
"""


@pytest.fixture(scope="session", autouse=True)
def _cache_root(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """The validation cache of the whole run, set before any fixture loads a map (module-scoped
    fixtures run before the function-scoped one below), so no test writes the user's cache."""
    folder = tmp_path_factory.mktemp("careermap-cache")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("CAREERMAP_CACHE_DIR", str(folder))
        yield folder


@pytest.fixture(autouse=True)
def _isolated_env(monkeypatch: pytest.MonkeyPatch, _cache_root: Path) -> None:
    """Tests never depend on the user's CAREERMAP_DATA, cache, terminal width or colours."""
    monkeypatch.setenv("CAREERMAP_CACHE_DIR", str(_cache_root))
    monkeypatch.delenv("CAREERMAP_NO_CACHE", raising=False)
    monkeypatch.delenv(ENV_VAR, raising=False)
    monkeypatch.delenv("CAREERMAP_LADDER", raising=False)
    monkeypatch.delenv("NO_COLOR", raising=False)
    monkeypatch.delenv("FORCE_COLOR", raising=False)
    monkeypatch.setenv("COLUMNS", "120")


@pytest.fixture
def write_file(tmp_path: Path) -> Callable[[str, str | bytes], Path]:
    """Write a data file under tmp_path; text is dedented, bytes are written as they are."""

    def write(name: str, content: str | bytes) -> Path:
        path = tmp_path / name
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(textwrap.dedent(content), encoding="utf-8")
        return path

    return write
