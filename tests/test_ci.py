"""CI tests every Python the package claims, and the package claims every Python CI tests."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def test_the_classifiers_list_the_pythons_ci_runs_the_tests_on() -> None:
    if not (ROOT / ".ci" / "run").is_file():
        pytest.skip(".ci/run is not part of the sdist")
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    claimed = {
        c.rsplit(" :: ", 1)[1]
        for c in project["classifiers"]
        if re.fullmatch(r"Programming Language :: Python :: 3\.\d+", c)
    }
    listed = re.search(r"^PYTHONS=\(([^)]*)\)$", (ROOT / ".ci" / "run").read_text("utf-8"), re.M)
    assert listed is not None, ".ci/run must list the versions it tests as PYTHONS=(...)"
    tested = set(listed[1].split())
    assert claimed == tested
    lowest = min(tested, key=lambda v: tuple(map(int, v.split("."))))
    assert project["requires-python"] == f">={lowest}"
