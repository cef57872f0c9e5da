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


# -- one door: the API keeps the commands' rules ---------------------------------------------


def test_role_takes_every_name_and_fails_as_a_careermap_error() -> None:
    ladder = careermap.load()
    assert ladder.role("Senior SWE").id == "senior-engineer"
    assert ladder.role("senior engineer") is ladder.role("senior-engineer")
    with pytest.raises(careermap.UnknownRoleError) as caught:
        ladder.role("nope")
    assert isinstance(caught.value, KeyError)  # a lookup of a name that is not there
    assert str(caught.value) == "unknown role 'nope'; run 'careermap roles' to list the roles"
    with pytest.raises(careermap.UnknownRoleError, match="did you mean senior-engineer"):
        ladder.role("senior-enginer")


def test_bounds_are_the_commands_and_messages_name_parameters() -> None:
    ladder = careermap.load()
    with pytest.raises(careermap.UsageError, match=r"^top 0: ask for at least 1 route$"):
        ladder.routes("senior-engineer", "director-of-tech", top=0)
    with pytest.raises(careermap.UsageError, match=r"^within -1: give a number of years"):
        ladder.reach("senior-engineer", within=-1)
    with pytest.raises(careermap.UsageError, match=r"^max_steps 0: a route needs at least"):
        ladder.routes("senior-engineer", "director-of-tech", max_steps=0)
    with pytest.raises(careermap.UsageError, match=r"^max_steps 1 is too few to pass every via"):
        ladder.routes("senior-engineer", "director-of-tech", via="staff-engineer", max_steps=1)
    with pytest.raises(careermap.NoRouteError, match=r"try without some of no_rare$"):
        ladder.routes("product-manager", "senior-engineer", no_rare=True)


def test_the_command_line_names_its_flags_for_the_same_errors() -> None:
    from tests.cli import run

    code, _, err = run(
        "path", "senior-engineer", "director-of-tech", "--via", "staff-engineer", "--max-steps", "1"
    )
    assert (code, err) == (2, "error: --max-steps 1 is too few to pass every --via role\n")
    code, _, err = run("path", "product-manager", "senior-engineer", "--no-rare")
    assert code == 1
    assert err == (
        "error: no route from 'product-manager' to 'senior-engineer' with these constraints; "
        "try without some of --no-rare\n"
    )
    assert run("path", "product-manager", "senior-engineer")[0] == 0  # a route exists


def test_a_string_is_one_name_never_its_letters() -> None:
    ladder = careermap.load()
    [route] = ladder.routes("senior-engineer", "principal-engineer", via="staff-sre")
    assert "staff-sre" in route.roles
    with pytest.raises(careermap.UnknownRoleError, match="unknown role 'x'"):
        ladder.routes("senior-engineer", "principal-engineer", via="x")
    roles = ladder.list_roles(track="management").roles
    assert roles and all("management" in role.tracks for role in roles)


def test_every_command_question_is_a_method_of_the_ladder() -> None:
    ladder = careermap.load()
    assert [r.role for r in ladder.reach("senior-engineer", within=2)] == [
        item.role for item in ladder.reach("senior-engineer", within=2).found
    ]
    assert ladder.show("Senior SWE").role.id == "senior-engineer"
    assert ladder.compare("senior-engineer", "staff-engineer").b.id == "staff-engineer"
    assert ladder.titles("staff-engineer").entries
    assert ladder.path("senior-engineer", "director-of-tech").routes[0].max_years == 18
    assert ladder.roles is ladder.cmap.roles  # the records are the map's


def test_main_returns_control_to_a_script() -> None:
    """``careermap.cli.main()`` ends as click programs do, by SystemExit: the script goes on
    and its atexit handlers run (only the console script leaves the process early)."""
    script = (
        "import atexit, sys\n"
        "atexit.register(lambda: print('atexit ran'))\n"
        "from careermap.cli import main\n"
        "sys.argv = ['careermap', 'roles', '--ids', '--level', '11']\n"
        "try:\n"
        "    main()\n"
        "except SystemExit as done:\n"
        "    print('main returned', done.code)\n"
        "print('after main')\n"
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines() == [
        "fellow",
        "svp-of-tech",
        "main returned 0",
        "after main",
        "atexit ran",
    ]
