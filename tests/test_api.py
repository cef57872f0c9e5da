"""The Python API: what the README and docs/python-api.md show runs as written, and importing
careermap is harmless."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

import careermap

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")
API_PAGE = (ROOT / "docs" / "python-api.md").read_text(encoding="utf-8")


def _python_blocks() -> list[str]:
    return re.findall(r"```python\n(.*?)```", README + API_PAGE, re.S)


def _expected_output(block: str) -> list[str]:
    """Each print's output as the README states it: its trailing comment, or the next line's."""
    lines = block.splitlines()
    expected = []
    for number, line in enumerate(lines):
        if not line.startswith("print("):
            continue
        _, _, comment = line.partition("  # ")
        if not comment:
            comment = lines[number + 1].removeprefix("# ")
        expected.append(comment.strip())
    return expected


def test_the_readme_has_python_examples() -> None:
    blocks = _python_blocks()
    assert blocks and all(_expected_output(block) for block in blocks)


@pytest.mark.parametrize("block", _python_blocks(), ids=lambda block: block.splitlines()[0])
def test_readme_python_examples_print_what_the_readme_says(block: str) -> None:
    done = subprocess.run(
        [sys.executable, "-c", block], capture_output=True, text=True, env=os.environ.copy()
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines() == _expected_output(block)


def test_importing_and_loading_leave_the_environment_alone() -> None:
    probe = (
        "import os; before = dict(os.environ); import careermap; careermap.load(); "
        "assert dict(os.environ) == before, set(os.environ) ^ set(before)"
    )
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr


def test_import_careermap_imports_no_dependency() -> None:
    probe = (
        "import sys, careermap; "
        "print(sorted(m for m in ('typer', 'rich', 'networkx', 'pydantic', 'yaml') "
        "if m in sys.modules))"
    )
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True)
    assert done.stdout.strip() == "[]", done.stderr


def test_every_public_name_resolves_and_is_documented() -> None:
    assert sorted(dir(careermap)) == sorted(careermap.__all__)
    assert set(careermap.__all__) == {"__version__", *careermap._EXPORTS}
    api = API_PAGE
    for name in careermap.__all__:
        assert getattr(careermap, name) is not None
        if name not in ("__version__", "Skills", "Company", "Estimate", "RouteQuery", "Step"):
            assert name in api or name.lower() in api, name


def test_unknown_attribute_is_an_attribute_error() -> None:
    with pytest.raises(AttributeError):
        careermap.no_such_name  # noqa: B018


def test_errors_are_careermaps_own() -> None:
    cmap = careermap.load()
    with pytest.raises(careermap.UnknownRoleError) as caught:
        cmap.routes("senior-enginer", "director-of-tech")
    assert isinstance(caught.value, careermap.CareermapError)
    assert "did you mean senior-engineer" in str(caught.value)
    with pytest.raises(careermap.NoRouteError):
        cmap.routes("svp-of-tech", "senior-engineer", no_downward=True)
    with pytest.raises(careermap.DataError):
        careermap.load("/nonexistent/ladder.toml")


def test_the_api_and_the_command_agree() -> None:
    import json

    from typer.testing import CliRunner

    from careermap.cli import app

    cmap = careermap.load()
    routes = cmap.routes("Senior Engineer", "svp-of-tech", top=3, no_downward=True)
    shown = CliRunner().invoke(
        app, ["path", "senior-engineer", "svp-of-tech", "--top", "3", "--no-downward", "--json"]
    )
    paths = json.loads(shown.stdout)["paths"]
    assert [route.roles for route in routes] == [path["roles"] for path in paths]
    assert [route.min_years for route in routes] == [path["min_years"] for path in paths]
    report = careermap.validate(Path(__file__).parent.parent / "data" / "careermap.toml")
    assert not report.errors and report.summary is not None
