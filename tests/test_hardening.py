"""No traceback from any argument or environment: fuzzed command lines, a full or closed
stdout, ASCII and Latin-1 terminals, COLUMNS=0, long and unreadable paths."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from careermap.cli import app

runner = CliRunner()
COMMANDS = [
    "roles", "show", "moves", "path", "reach", "titles", "levels", "compare", "map", "export",
    "validate", "ladders", "schema",
]  # fmt: skip
OPTIONS = [
    "--top", "--by", "--via", "--avoid", "--track", "--level", "--kind", "--within",
    "--max-steps", "--years-in-role", "--company", "--format", "--json", "--markdown",
    "--into", "--no-downward", "--plan", "--x", "--y", "--ids", "--ladder",
]  # fmt: skip
VALUES = st.one_of(
    st.sampled_from(["senior-engineer", "cto", "6", "L6", "min", "json", "engineering"]),
    st.integers(-(10**25), 10**25).map(str),
    st.sampled_from(["²", "①", "٣", "1e308", "nan", "-inf", "", " ", "\x1b[2J", "x" * 5000]),
    st.text(max_size=30),
)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    command=st.sampled_from(COMMANDS),
    argv=st.lists(st.one_of(st.sampled_from(OPTIONS), VALUES), max_size=6),
)
def test_fuzzed_command_lines_end_with_a_message_never_a_traceback(
    command: str, argv: list[str]
) -> None:
    if command in ("export", "map") and "--output" in argv:
        return
    argv = [a for a in argv if "\x00" not in a]
    result = runner.invoke(app, [command, *argv])
    assert result.exit_code in (0, 1, 2), (argv, result.output)
    assert result.exception is None or isinstance(result.exception, SystemExit), (
        argv,
        repr(result.exception),
    )
    assert "Traceback" not in result.output


def careermap(
    *args: str, env: dict[str, str] | None = None, **kw: object
) -> subprocess.CompletedProcess[str]:
    environment = {**os.environ, **(env or {})}
    return subprocess.run(
        [sys.executable, "-m", "careermap", *args],
        env=environment,
        capture_output=True,
        text=True,
        **kw,  # type: ignore[call-overload]
    )


def test_a_full_disk_on_stdout_is_one_line_and_exit_1() -> None:
    with open("/dev/full", "w") as full:
        done = subprocess.run(
            [sys.executable, "-m", "careermap", "roles"],
            stdout=full,
            stderr=subprocess.PIPE,
            text=True,
        )
    assert done.returncode == 1
    assert done.stderr.strip() == "error: cannot write the output: No space left on device"


def test_a_closed_stdout_is_no_traceback() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "careermap", "roles"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
        close_fds=True,
        preexec_fn=lambda: os.close(1),
    )
    assert "Traceback" not in done.stderr
    assert done.returncode == 1 and "stdout is closed" in done.stderr


@pytest.mark.parametrize("encoding", ["ascii", "latin-1"])
def test_narrow_encodings_get_ascii_marks(encoding: str) -> None:
    done = careermap(
        "path", "senior-engineer", "director-of-tech", env={"PYTHONIOENCODING": encoding}
    )
    assert done.returncode == 0, done.stderr
    assert "-> lateral" in done.stdout and "^ upward" in done.stdout
    assert "Traceback" not in done.stderr


def test_columns_0_prints_at_the_usual_width() -> None:
    done = careermap("roles", "--level", "6", env={"COLUMNS": "0"})
    assert done.returncode == 0
    assert "Staff Engineer" in done.stdout


@pytest.mark.parametrize(
    "command", [["--data", "{}"], ["validate", "{}"], ["export", "--output", "{}"], ["init", "{}"]]
)
def test_a_file_name_too_long_is_one_error(command: list[str], tmp_path: Path) -> None:
    long_name = str(tmp_path / ("x" * 300 + ".toml"))
    argv = [long_name if part == "{}" else part for part in command]
    if command[0] == "--data":
        argv.append("roles")
    done = careermap(*argv)
    assert done.returncode == 1, done.stderr
    assert "File name too long" in done.stderr and "Traceback" not in done.stderr


def test_an_unreadable_file_is_exit_1_and_validate_json_still_prints_json(tmp_path: Path) -> None:
    if os.geteuid() == 0:
        pytest.skip("root reads any file; the permission check cannot be shown")
    path = tmp_path / "locked.toml"
    path.write_text("[[roles]]\n", encoding="utf-8")
    path.chmod(0)
    assert careermap("--data", str(path), "roles").returncode == 1
    done = careermap("validate", str(path), "--json")
    assert done.returncode == 1 and '"valid": false' in done.stdout


def test_validate_json_prints_json_for_a_missing_file() -> None:
    done = careermap("validate", "/no/such/ladder.toml", "--json")
    assert done.returncode == 1
    assert '"valid": false' in done.stdout and "no such file" in done.stdout
