"""The installed program: the console script, ``python -m``, start-up imports, and the wheel."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent


def _env(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in {"CAREERMAP_DATA", "NO_COLOR"}}
    env.update(extra)
    return env


def _careermap() -> str:
    found = shutil.which("careermap", path=str(BIN)) or shutil.which("careermap")
    if found is None:
        pytest.fail("the careermap console script is not installed; run pip install -e '.[dev]'")
    return found


def test_console_script_runs_from_another_directory(tmp_path: Path) -> None:
    result = subprocess.run(
        [_careermap(), "path", "senior-engineer", "director-of-tech"],
        cwd=tmp_path,
        env=_env(),
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert "6.5-18 years" in result.stdout
    assert result.stderr == ""


def test_console_script_reports_bad_data_without_traceback(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("roles: [\n", encoding="utf-8")
    result = subprocess.run(
        [_careermap(), "--data", str(bad), "roles"],
        env=_env(),
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 1
    assert result.stdout == ""
    assert result.stderr.startswith(f"error: {bad}: line ")
    assert "Traceback" not in result.stderr


def _generated_ladder(path: Path, roles: int) -> Path:
    """A ladder of ``roles`` roles on 10 levels, each moving up to the next level's first two."""
    per = roles // 10
    ids = [[f"r{level}-{i}" for i in range(per)] for level in range(10)]
    document = {
        "roles": [
            {"id": role, "title": f"Role {role}", "track": "t", "levels": level}
            for level, row in enumerate(ids)
            for role in row
        ],
        "moves": [
            {"from": role, "to": ids[level + 1][j], "kind": "upward", "years": [1, 2 + j]}
            for level, row in enumerate(ids[:-1])
            for role in row
            for j in range(2)
        ],
    }
    path.write_text(json.dumps(document), encoding="utf-8")
    return path


def _buffered_env() -> dict[str, str]:
    """As a user runs it: output buffered (this machine sets PYTHONUNBUFFERED)."""
    return {k: v for k, v in _env().items() if k != "PYTHONUNBUFFERED"}


@pytest.mark.parametrize(
    ("args", "code"),
    [
        (["export", "--format", "json"], 0),
        (["roles", "--json"], 0),
        (["path", "r0-0", "r9-1", "--json"], 0),
        (["path", "r9-0", "r0-0", "--json"], 1),  # no route
        (["path", "r0-0", "--json"], 2),  # usage
    ],
    ids=lambda value: " ".join(value) if isinstance(value, list) else str(value),
)
def test_the_console_script_delivers_all_its_output_and_its_exit_code(
    tmp_path: Path, args: list[str], code: int
) -> None:
    """The console script ends without the interpreter's teardown (``cli._leave``): every
    byte of an output far larger than a pipe's buffer still arrives, with the exit code and
    stderr the same command gives in-process."""
    from typer.testing import CliRunner

    from careermap.cli import app

    data = _generated_ladder(tmp_path / "ladder.json", 2000)
    argv = ["--data", str(data), *args]
    done = subprocess.run(
        [_careermap(), *argv], env=_buffered_env(), capture_output=True, text=True, check=False
    )
    expected = CliRunner().invoke(app, argv, env=_env())
    assert (done.returncode, expected.exit_code) == (code, code), done.stderr
    assert done.stdout == expected.stdout
    assert done.stderr == expected.stderr
    if code == 0:
        assert json.loads(done.stdout)
    if args[0] == "export":
        assert len(done.stdout) > 500_000  # many pipe buffers' worth


def test_leaving_flushes_what_is_still_buffered() -> None:
    code = (
        "import sys; from careermap.cli import _leave; "
        "sys.stdout.write('x' * 100); sys.stderr.write('done'); _leave(3)"
    )
    done = subprocess.run(
        [sys.executable, "-c", code],
        env=_buffered_env(),
        capture_output=True,
        text=True,
        check=False,
    )
    assert (done.returncode, done.stdout, done.stderr) == (3, "x" * 100, "done")


def test_leaving_with_a_message_prints_it_and_exits_1(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from careermap import cli

    def fake_exit(status: int) -> None:
        raise SystemExit(f"status {status}")

    monkeypatch.setattr(os, "_exit", fake_exit)
    with pytest.raises(SystemExit, match="status 1"):
        cli._leave("gone wrong")
    assert capsys.readouterr().err == "gone wrong\n"
    with pytest.raises(SystemExit, match="status 0"):
        cli._leave(None)
    with pytest.raises(SystemExit, match="status 2"):
        cli._leave(2)


def test_python_dash_m(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "careermap", "--help"],
        cwd=tmp_path,
        env=_env(),
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert "path" in result.stdout and "roles" in result.stdout


def _imported_modules(*args: str) -> set[str]:
    result = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "careermap", *args],
        env=_env(),
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    return {
        line.rsplit("|", 1)[-1].strip()
        for line in result.stderr.splitlines()
        if line.startswith("import time:")
    }


# The commands people run most, whose start-up the benchmark times.
DAILY = [
    ["roles", "--level", "6"],
    ["show", "staff-engineer"],
    ["moves", "senior-engineer"],
    # The best route, the count of the others and reach run on careermap's own graph.
    ["path", "senior-engineer", "director-of-tech"],
    ["reach", "senior-engineer", "--within", "5"],
]


@pytest.mark.parametrize("args", [["--help"], ["roles"], *DAILY], ids=" ".join)
def test_commands_that_need_no_networkx_algorithm_do_not_import_it(args: list[str]) -> None:
    imported = _imported_modules(*args)
    assert "networkx" not in imported
    assert "textual" not in imported  # only `careermap explore` imports the full-screen app
    assert not imported & {"numpy", "pandas", "lifelines"}  # only `careermap calibrate` does


def test_path_with_more_routes_does_import_networkx() -> None:
    # Guards the test above: it would pass vacuously if importtime output were never parsed.
    imported = _imported_modules("path", "senior-engineer", "director-of-tech", "--top", "3")
    assert "networkx" in imported
    assert "textual" not in imported


def test_explore_does_import_textual() -> None:
    # The same guard for textual: explore, drawing its first screen headless, imports it.
    assert "textual" in _imported_modules("explore", "--exit-after-first-screen")


# The modules that compute one command's answer: every other command's start-up pays for
# them if a renderer imports them for their result classes (issue 27).
ONE_COMMAND_MODULES = {
    "careermap.chance",  # chance
    "careermap.compare",  # compare
    "careermap.diff",  # diff
    "careermap.evidence",  # calibrate, and chance --history
    "careermap.framework",  # matrix, assess
    "careermap.gallery",  # ladders
}


def _loaded(*args: str, fmt: str = "", **env: str) -> set[str]:
    """The modules in sys.modules once ``careermap ARGS`` has run.

    sys.modules, not ``-X importtime``: the renderers are imported by importlib.import_module,
    which importtime does not report."""
    probe = (
        "import sys\n"
        "from careermap.cli import main\n"
        "sys.argv = ['careermap', *sys.argv[1:]]\n"
        "try:\n"
        "    main()\n"
        "finally:\n"
        "    sys.stderr.write('\\nLOADED ' + ' '.join(sorted(sys.modules)))\n"
    )
    argv = [*args, *([fmt] if fmt else [])]
    done = subprocess.run(
        [sys.executable, "-c", probe, *argv], env=_env(**env), capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr
    return set(done.stderr.rsplit("LOADED ", 1)[1].split())


@pytest.mark.parametrize("fmt", ["", "--json"])
@pytest.mark.parametrize("args", DAILY, ids=" ".join)
def test_daily_commands_do_not_import_other_commands_engines(args: list[str], fmt: str) -> None:
    loaded = _loaded(*args, fmt=fmt)
    assert "careermap.render.terminal" in loaded or "careermap.render.json" in loaded
    assert not loaded & ONE_COMMAND_MODULES, sorted(loaded & ONE_COMMAND_MODULES)
    assert "csv" not in loaded


def test_a_warm_start_imports_nothing_for_writing_files(tmp_path: Path) -> None:
    # tempfile (for the cache's atomic write) and importlib.resources cost about 4 ms each;
    # a command that reads its ladder from the cache needs neither.
    cache = {"CAREERMAP_CACHE_DIR": str(tmp_path / "cache")}
    first = _loaded("roles", **cache)
    assert "tempfile" in first  # the guard: the first run wrote the cache entry
    again = _loaded("roles", **cache)
    assert not again & {"tempfile", "importlib.resources", "zipfile"}


def test_explore_draws_its_first_screen_without_the_route_engine() -> None:
    # The first screen lists roles and draws the map; routes are searched when a target is
    # picked, so careermap.graph (and what only other commands use) waits until then.
    loaded = _loaded("explore", "senior-engineer", "--exit-after-first-screen")
    assert "careermap.tui.app" in loaded
    assert not loaded & (ONE_COMMAND_MODULES | {"careermap.graph", "careermap.estimates"})


@pytest.mark.parametrize(
    ("args", "module"),
    [
        (["matrix"], "careermap.framework"),
        (["ladders"], "careermap.gallery"),
        (["compare", "senior-engineer", "staff-engineer"], "careermap.compare"),
        (["diff", *[str(ROOT / "data" / "careermap.toml")] * 2], "careermap.diff"),
    ],
)
def test_a_command_still_draws_what_its_own_engine_returns(args: list[str], module: str) -> None:
    # Guards the test above (its probe sees imports) and the renderers' registrations by
    # name: each of these answers is drawn as a table and as JSON. (`chance` and `calibrate`
    # need records: tests/test_evidence.py draws theirs.)
    for fmt in ("", "--json"):
        assert module in _loaded(*args, fmt=fmt)


def test_wheel_ships_the_default_map_and_loads_it_when_installed(tmp_path: Path) -> None:
    """Build the wheel, install it on its own, and load the map from outside the checkout."""
    wheel_dir, site = tmp_path / "wheel", tmp_path / "site"
    pip = [sys.executable, "-m", "pip", "--disable-pip-version-check", "--quiet"]
    subprocess.run(
        [*pip, "wheel", "--no-deps", "--no-build-isolation", "-w", str(wheel_dir), str(ROOT)],
        check=True,
        capture_output=True,
    )
    [wheel] = wheel_dir.glob("careermap-*.whl")
    with zipfile.ZipFile(wheel) as archive:
        assert "careermap/data/careermap.toml" in archive.namelist()
    subprocess.run(
        [*pip, "install", "--no-deps", "--target", str(site), str(wheel)],
        check=True,
        capture_output=True,
    )
    probe = (
        "import careermap, careermap.loader as l; m = l.load(); "
        "print(careermap.__file__); print(l.default_data_path()); print(len(m.roles))"
    )
    result = subprocess.run(
        [sys.executable, "-c", probe],
        cwd=tmp_path,
        env=_env(PYTHONPATH=str(site)),
        capture_output=True,
        text=True,
        check=True,
    )
    package_file, data_path, count = result.stdout.split()
    assert package_file.startswith(str(site))
    assert data_path.startswith(str(site))
    assert count == "17"


@pytest.mark.parametrize(
    "args",
    [
        ["roles", "--level", "6", "--json"],
        ["--data", str(ROOT / "data" / "careermap.toml"), "moves", "staff-engineer"],
        ["path", "senior-engineer", "director-of-tech", "--top", "2"],
        ["path", "--help"],
        ["--help", "roles"],
        ["--help"],
        ["show", "senior-enginer"],
        ["rols"],
        ["--version"],
        [],
    ],
    ids=lambda args: " ".join(args)[:40] or "(none)",
)
def test_the_console_script_builds_commands_lazily_with_the_same_result(args: list[str]) -> None:
    """main()'s group builds commands only when used; what the user sees must not change."""
    from typer.testing import CliRunner

    from careermap.cli import app

    env = {"COLUMNS": "100", "NO_COLOR": "1"}
    whole = CliRunner().invoke(app, args, env=env, prog_name="careermap")
    lazy = _invoke_lazy(args, env)
    assert (lazy.exit_code, lazy.stdout, lazy.stderr) == (
        whole.exit_code,
        whole.stdout,
        whole.stderr,
    )


def _invoke_lazy(args: list[str], env: dict[str, str] | None = None, group: Any = None) -> Any:
    """Run the console script's click group (typer's runner only takes Typer apps)."""
    from typer import testing

    from careermap.cli import command

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(testing, "_get_command", lambda cli: cli)
        return testing.CliRunner().invoke(group or command(), args, env=env, prog_name="careermap")


def test_the_lazy_group_builds_only_the_command_it_runs() -> None:
    from careermap.cli import command

    group = command()
    result = _invoke_lazy(["roles", "--ids"], group=group)
    assert result.exit_code == 0, result.output
    assert list(group.commands.built) == ["roles"]  # type: ignore[attr-defined]
    assert "senior-engineer" in result.stdout.split()


@pytest.mark.parametrize("args", [["--help", "roles"], ["roles", "--help"]])
def test_help_for_a_command_either_way_round(args: list[str]) -> None:
    """click's own parsing: `careermap --help roles` is the group's help listing every command,
    `careermap roles --help` the command's."""
    result = _invoke_lazy(args)
    assert result.exit_code == 0, result.output
    if args[0] == "roles":
        assert "Usage: careermap roles" in result.stdout
        assert "--level" in result.stdout
    else:
        assert "Usage: careermap [OPTIONS] COMMAND" in result.stdout
        for name in ("roles", "show", "path", "map", "validate", "schema"):
            assert f"  {name} " in result.stdout


@pytest.mark.parametrize("width", [60, 80, 120])
def test_help_lists_the_commands_as_click_would_without_building_them(width: int) -> None:
    # The oracle is click itself: the same help once every command has been built, when
    # format_commands asks each command as click does.
    from careermap.cli import LazyCommands, command

    group = command()
    ctx = group.make_context(
        "careermap", [], resilient_parsing=True, terminal_width=width, max_content_width=width
    )
    lean = group.get_help(ctx)
    assert isinstance(group.commands, LazyCommands)
    assert group.commands.built == {}  # work, not time: listing built no command
    for name in list(group.commands):
        group.commands[name]
    assert len(group.commands.built) == len(group.commands) >= 20
    assert group.get_help(ctx) == lean
    assert "path" in lean and "Commands" in lean
