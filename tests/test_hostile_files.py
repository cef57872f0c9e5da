"""Hostile files around careermap: what is at an output path (a pipe, a device, /dev/stdout, a
link, a private file), what is at a data path (a pipe swapped in, a file it may not read),
which map the options and variables choose, and file names that hold control characters."""

from __future__ import annotations

import json
import os
import socket
import stat
import subprocess
import sys
import threading
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
import typer.main
from typer.testing import CliRunner

from careermap.cli import _map_options, app
from careermap.errors import OutputError
from careermap.output import write_text
from tests.conftest import MINI_TOML

runner = CliRunner()
WriteFile = Callable[[str, str | bytes], Path]
needs_fifo = pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs named pipes")
is_root = hasattr(os, "geteuid") and os.geteuid() == 0
MINI_IDS = "junior\nsenior\nmanager\n"
BASECAMP_FIRST = "junior-programmer\n"


@pytest.fixture
def mini(write_file: WriteFile) -> Path:
    return write_file("mini.toml", MINI_TOML)


def invoke(
    *args: str, env: dict[str, str] | None = None, color: bool = False
) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args), env=env, color=color)
    assert "Traceback" not in result.output
    return result.exit_code, result.stdout, result.stderr


def exported(mini: Path) -> str:
    """What ``export`` prints for the mini map: what every output below must hold."""
    code, out, err = invoke("--data", str(mini), "export")
    assert code == 0, err
    return out


def export_to(mini: Path, target: Path | str, *more: str) -> tuple[int, str, str]:
    return invoke("--data", str(mini), "export", "--output", str(target), *more, color=True)


# -- 1. --force onto what is already at the output path -------------------------------------


@needs_fifo
def test_force_onto_a_fifo_writes_into_it_and_keeps_it(tmp_path: Path, mini: Path) -> None:
    fifo = tmp_path / "out.json"
    os.mkfifo(fifo)
    reader = os.open(fifo, os.O_RDONLY | os.O_NONBLOCK)  # the reader is there first
    keep = os.open(fifo, os.O_WRONLY)  # and sees no end of file before careermap writes
    os.set_blocking(reader, True)
    received: list[bytes] = []

    def read_all() -> None:
        while chunk := os.read(reader, 65536):
            received.append(chunk)

    thread = threading.Thread(target=read_all, daemon=True)
    thread.start()
    try:
        code, _, err = export_to(mini, fifo, "--force")
    finally:
        os.close(keep)
        thread.join(timeout=30)
        os.close(reader)
    assert code == 0, err
    assert b"".join(received).decode() == exported(mini)
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode), "the pipe was replaced"
    assert sorted(os.listdir(tmp_path)) == ["mini.toml", "out.json"]


@needs_fifo
def test_force_onto_a_fifo_nobody_reads_is_one_error_not_a_wait(tmp_path: Path, mini: Path) -> None:
    fifo = tmp_path / "out.json"
    os.mkfifo(fifo)
    code, out, err = export_to(mini, fifo, "--force")
    assert code == 1
    assert err == f"error: {fifo}: no program is reading this pipe; start it first\n"
    assert out == ""
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode), "the pipe was replaced"
    assert sorted(os.listdir(tmp_path)) == ["mini.toml", "out.json"]


@pytest.fixture
def null_device(tmp_path: Path) -> Iterator[Path]:
    """/dev/null, or for root a private null device (1, 3): as root, a regression would
    replace the machine's own /dev/null, as it once did."""
    if not Path("/dev/null").exists():
        pytest.skip("needs /dev/null")
    if not is_root:
        yield Path("/dev/null")
        return
    node = tmp_path / "null"
    try:
        os.mknod(node, stat.S_IFCHR | 0o666, os.makedev(1, 3))
    except OSError as exc:
        pytest.skip(f"cannot make a private null device ({exc}); /dev/null is not risked")
    yield node


def test_force_onto_a_character_device_writes_into_it(null_device: Path, mini: Path) -> None:
    before = os.lstat(null_device)
    code, _, err = export_to(mini, null_device, "--force")
    assert code == 0, err
    after = os.lstat(null_device)
    assert stat.S_ISCHR(after.st_mode), "the device was replaced"
    assert (after.st_rdev, after.st_ino) == (before.st_rdev, before.st_ino)
    assert err == f"Wrote {null_device} (json).\n"


@pytest.mark.skipif(not Path("/dev/stdout").exists(), reason="needs /dev/stdout")
@pytest.mark.parametrize("name", ["/dev/stdout", "link to /dev/stdout"])
@pytest.mark.parametrize("stdout_is", ["a pipe", "a file appended to"])
def test_force_onto_dev_stdout_writes_to_stdout(
    tmp_path: Path, mini: Path, name: str, stdout_is: str
) -> None:
    target = name
    if name.startswith("link"):
        target = str(tmp_path / "out.json")
        os.symlink("/dev/stdout", target)
    argv = [sys.executable, "-m", "careermap", "--data", str(mini), "export", "-o", target]
    if stdout_is == "a pipe":
        done = subprocess.run([*argv, "--force"], capture_output=True, text=True)
        written = done.stdout
    else:
        log = tmp_path / "log.txt"
        log.write_text("before\n")
        with log.open("a") as stream:
            done = subprocess.run(
                [*argv, "--force"], stdout=stream, stderr=subprocess.PIPE, text=True
            )
        written = log.read_text()
        assert written.startswith("before\n"), "the file behind stdout was replaced"
        written = written.removeprefix("before\n")
    assert done.returncode == 0, done.stderr
    assert written == exported(mini)
    assert os.path.islink("/dev/stdout") or stat.S_ISCHR(os.lstat("/dev/stdout").st_mode)
    if name.startswith("link"):
        assert os.readlink(target) == "/dev/stdout"


def test_a_pipe_swapped_for_a_file_is_not_written_in_place(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The race the other way: the name looked like a pipe, a regular file was opened. It is
    left whole rather than overwritten in place (which a failed write would leave half done)."""
    precious = tmp_path / "out.json"
    precious.write_text("precious")
    fifo = tmp_path / "a-fifo"
    os.mkfifo(fifo)
    real_stat = os.stat

    def looks_like_a_pipe(path: object, *args: object, **kwargs: object) -> os.stat_result:
        if os.fspath(path) == str(precious):  # type: ignore[call-overload]
            return real_stat(fifo)
        return real_stat(path, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "stat", looks_like_a_pipe)
    with pytest.raises(OutputError, match="changed while careermap wrote it; nothing was written"):
        write_text(precious, "new", force=True)
    monkeypatch.undo()
    assert precious.read_text() == "precious"


@pytest.mark.parametrize("dangling", [False, True], ids=["to a file", "to nothing"])
def test_force_onto_a_symlink_replaces_its_target_and_keeps_the_link(
    tmp_path: Path, mini: Path, dangling: bool
) -> None:
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    real = tmp_path / "a" / "real.json"
    if not dangling:
        real.write_text("old")
    link = tmp_path / "b" / "link.json"
    os.symlink(os.path.join("..", "a", "real.json"), link)
    code, _, err = export_to(mini, link, "--force")
    assert code == 0, err
    assert os.path.islink(link), "the link was replaced"
    assert os.readlink(link) == os.path.join("..", "a", "real.json")
    assert real.read_text() == exported(mini)
    assert os.listdir(tmp_path / "a") == ["real.json"], "a temporary file was left"
    assert os.listdir(tmp_path / "b") == ["link.json"]


def test_force_keeps_the_permissions_of_the_file(tmp_path: Path, mini: Path) -> None:
    private = tmp_path / "private.json"
    private.write_text("old")
    private.chmod(0o600)
    old_mask = os.umask(0o022)  # a usual umask, which would give a new file 0644
    try:
        code, _, err = export_to(mini, private, "--force")
    finally:
        os.umask(old_mask)
    assert code == 0, err
    assert stat.S_IMODE(private.stat().st_mode) == 0o600
    assert private.read_text() == exported(mini)


@pytest.mark.skipif(not is_root, reason="only root can give a file to another user")
def test_force_as_root_keeps_the_owner_of_the_file(tmp_path: Path, mini: Path) -> None:
    theirs = tmp_path / "theirs.json"
    theirs.write_text("old")
    os.chown(theirs, 65534, 65534)
    code, _, err = export_to(mini, theirs, "--force")
    assert code == 0, err
    assert (theirs.stat().st_uid, theirs.stat().st_gid) == (65534, 65534)


@pytest.mark.skipif(not hasattr(socket, "AF_UNIX"), reason="needs Unix sockets")
def test_force_onto_a_socket_is_refused(tmp_path: Path, mini: Path) -> None:
    path = tmp_path / "sock.json"
    server = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    try:
        server.bind(str(path))
        code, _, err = export_to(mini, path, "--force")
    finally:
        server.close()
    assert code == 1
    assert err == (
        f"error: {path}: is not a regular file, a pipe or a terminal; "
        "careermap does not write onto it\n"
    )
    assert stat.S_ISSOCK(os.lstat(path).st_mode)


@needs_fifo
@pytest.mark.parametrize("kind", ["fifo", "device", "symlink", "/dev/stdout"])
def test_without_force_a_special_file_is_still_refused(
    tmp_path: Path, mini: Path, null_device: Path, kind: str
) -> None:
    if kind == "fifo":
        target = tmp_path / "out.json"
        os.mkfifo(target)
    elif kind == "device":
        target = null_device
    elif kind == "symlink":
        target = tmp_path / "out.json"
        (tmp_path / "real.json").write_text("old")
        os.symlink("real.json", target)
    else:
        target = Path("/dev/stdout")
    before = os.lstat(target)
    code, _, err = export_to(mini, target)
    assert code == 1
    assert err == f"error: {target}: exists; use --force to overwrite it\n"
    assert os.lstat(target).st_mode == before.st_mode
    if kind == "symlink":
        assert (tmp_path / "real.json").read_text() == "old"


# -- 2. the data file: only a regular file, read without waiting -----------------------------


@needs_fifo
def test_a_data_file_swapped_for_a_fifo_is_refused_without_waiting(
    tmp_path: Path, mini: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The race: the name looks like a regular file when careermap looks at it, and is a pipe
    by the time it is opened. Here every look by name says "regular file"; a writer stands by,
    so a careermap that opens the pipe to wait for data gets a valid map (and exit 0) rather
    than hanging the test."""
    fifo = tmp_path / "swapped.toml"
    os.mkfifo(fifo)
    real_stat = os.stat

    def looks_regular(path: object, *args: object, **kwargs: object) -> os.stat_result:
        if os.fspath(path) == str(fifo):  # type: ignore[call-overload]
            return real_stat(mini)
        return real_stat(path, *args, **kwargs)  # type: ignore[arg-type]

    def writer() -> None:
        try:
            with fifo.open("wb") as pipe:
                pipe.write(MINI_TOML.encode())
        except BrokenPipeError:
            pass

    thread = threading.Thread(target=writer, daemon=True)
    thread.start()
    monkeypatch.setattr(os, "stat", looks_regular)
    try:
        code, out, err = invoke("--data", str(fifo), "roles", "--ids")
    finally:
        monkeypatch.undo()
        if thread.is_alive():  # careermap never opened the pipe: let the writer go
            os.close(os.open(fifo, os.O_RDONLY | os.O_NONBLOCK))
        thread.join(timeout=30)
    assert code == 1, out
    assert err == f"error: {fifo}: is not a regular file (a pipe or a device?)\n"


@needs_fifo
def test_a_fifo_nobody_writes_is_refused_at_once(tmp_path: Path) -> None:
    """Opening a pipe to read waits for a writer; careermap must not (a regression hangs)."""
    fifo = tmp_path / "pipe.yaml"
    os.mkfifo(fifo)
    code, out, err = invoke("--data", str(fifo), "roles")
    assert (code, out) == (1, "")
    assert err == f"error: {fifo}: is not a regular file (a pipe or a device?)\n"


@pytest.fixture
def unreadable(mini: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """``mini`` as a user without read permission sees it: access() says no, open() fails
    (root reads any file, so the operating system's answers are stood in for)."""
    real_open, real_access = os.open, os.access

    def denied_open(path: object, flags: int, *args: object, **kwargs: object) -> int:
        if os.fspath(path) == str(mini):  # type: ignore[call-overload]
            raise PermissionError(13, "Permission denied", str(path))
        return real_open(path, flags, *args, **kwargs)  # type: ignore[arg-type]

    def denied_access(path: object, mode: int, *args: object, **kwargs: object) -> bool:
        if os.fspath(path) == str(mini):  # type: ignore[call-overload]
            return False
        return real_access(path, mode, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "open", denied_open)
    monkeypatch.setattr(os, "access", denied_access)
    return mini


@pytest.mark.parametrize("how", ["--data", "CAREERMAP_DATA", "validate"])
def test_an_unreadable_data_file_is_bad_data_exit_1(unreadable: Path, how: str) -> None:
    if how == "--data":
        code, out, err = invoke("--data", str(unreadable), "roles")
    elif how == "CAREERMAP_DATA":
        code, out, err = invoke("roles", env={"CAREERMAP_DATA": str(unreadable)})
    else:
        code, out, err = invoke("validate", str(unreadable))
    assert code == 1, err
    assert err == f"error: {unreadable}: cannot read the file: permission denied\n"
    assert out == ""


# -- 3. which map: an option beats every variable ---------------------------------------------


@pytest.mark.parametrize(
    ("args", "env", "expected"),
    [
        (["--data", "{mini}"], {"CAREERMAP_LADDER": "basecamp"}, MINI_IDS),
        (["--ladder", "basecamp"], {"CAREERMAP_DATA": "{mini}"}, BASECAMP_FIRST),
        (["--data", "{mini}"], {"CAREERMAP_DATA": "{missing}"}, MINI_IDS),
        ([], {"CAREERMAP_DATA": "{mini}"}, MINI_IDS),
        ([], {"CAREERMAP_LADDER": "basecamp"}, BASECAMP_FIRST),
    ],
    ids=[
        "--data beats CAREERMAP_LADDER",
        "--ladder beats CAREERMAP_DATA",
        "--data beats CAREERMAP_DATA",
        "CAREERMAP_DATA alone",
        "CAREERMAP_LADDER alone",
    ],
)
def test_an_option_beats_every_variable(
    mini: Path, tmp_path: Path, args: list[str], env: dict[str, str], expected: str
) -> None:
    def fill(text: str) -> str:
        return text.format(mini=mini, missing=tmp_path / "missing.toml")

    code, out, err = invoke(
        *map(fill, args), "roles", "--ids", env={k: fill(v) for k, v in env.items()}
    )
    assert code == 0, err
    assert out.startswith(expected)


@pytest.mark.parametrize(
    ("args", "env", "message"),
    [
        (
            ["--data", "{mini}", "--ladder", "basecamp"],
            {},
            "--data and --ladder both choose the map; give one",
        ),
        (
            [],
            {"CAREERMAP_DATA": "{mini}", "CAREERMAP_LADDER": "basecamp"},
            "$CAREERMAP_DATA and $CAREERMAP_LADDER both choose the map; unset one",
        ),
    ],
    ids=["both options", "both variables"],
)
def test_two_choices_of_the_same_rank_are_a_usage_error(
    mini: Path, args: list[str], env: dict[str, str], message: str
) -> None:
    code, _, err = invoke(
        *(a.format(mini=mini) for a in args),
        "roles",
        env={k: v.format(mini=mini) for k, v in env.items()},
    )
    assert code == 2
    assert err == f"error: {message}\n"


@pytest.mark.parametrize(
    ("args", "env", "expected"),
    [
        (["--ladder", "basecamp"], {"CAREERMAP_DATA": "{mini}"}, ["--ladder", "basecamp"]),
        (["--data", "{mini}"], {"CAREERMAP_LADDER": "basecamp"}, ["--data", "{mini}"]),
        ([], {"CAREERMAP_DATA": "{mini}"}, ["--data", "{mini}"]),
        ([], {}, []),
    ],
)
def test_commands_shown_to_the_user_name_the_map_that_was_loaded(
    mini: Path,
    monkeypatch: pytest.MonkeyPatch,
    args: list[str],
    env: dict[str, str],
    expected: list[str],
) -> None:
    """``explore`` shows commands to copy; they must load the map explore loaded."""
    for name, value in env.items():
        monkeypatch.setenv(name, value.format(mini=mini))
    group = typer.main.get_command(app)
    ctx = group.make_context("careermap", [*(a.format(mini=mini) for a in args), "roles"])
    assert _map_options(ctx) == [part.format(mini=mini) for part in expected]  # type: ignore[arg-type]


# -- 4. file names with control characters ----------------------------------------------------

HOSTILE = "evil\x1b]0;owned\x07\x1b[2J\x9b"
SHOWN = "evil\\x1b]0;owned\\x07\\x1b[2J\\x9b"


def no_controls(text: str) -> bool:
    return all(char == "\n" or char.isprintable() for char in text)


@pytest.mark.parametrize("case", ["missing data file", "output exists", "bad extension"])
def test_error_messages_show_control_characters_in_file_names_as_codes(
    tmp_path: Path, mini: Path, case: str
) -> None:
    if case == "missing data file":
        name = tmp_path / f"{HOSTILE}.toml"
        code, _, err = invoke("--data", str(name), "roles", color=True)
        expected = f"error: {tmp_path}/{SHOWN}.toml: no such file\n"
    elif case == "output exists":
        name = tmp_path / f"{HOSTILE}.json"
        name.write_text("old")
        code, _, err = export_to(mini, name)
        expected = f"error: {tmp_path}/{SHOWN}.json: exists; use --force to overwrite it\n"
    else:
        name = tmp_path / f"{HOSTILE}.txt"
        name.write_text(MINI_TOML)
        code, _, err = invoke("validate", str(name), color=True)
        expected = f"error: {tmp_path}/{SHOWN}.txt: unknown file type '.txt'; "
    assert code == 1
    assert err.startswith(expected)
    assert no_controls(err), repr(err)


def test_notices_show_control_characters_in_file_names_as_codes(tmp_path: Path, mini: Path) -> None:
    name = tmp_path / f"{HOSTILE}.json"
    code, _, err = export_to(mini, name)
    assert code == 0, err
    assert err == f"Wrote {tmp_path}/{SHOWN}.json (json).\n"
    assert json.loads(name.read_text())  # the file itself has the name it was given


def test_validate_names_the_file_with_control_characters_as_codes(tmp_path: Path) -> None:
    name = tmp_path / f"{HOSTILE}.toml"
    name.write_text(MINI_TOML)
    code, out, _ = invoke("validate", str(name))
    assert code == 0
    assert f"{tmp_path}/{SHOWN}.toml: valid: 3 roles" in out
    assert no_controls(out), repr(out)
