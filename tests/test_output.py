"""Output files: never over an existing file without --force, never half-written."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from careermap.errors import OutputError
from careermap.output import write_text


def test_writes_a_new_file(tmp_path: Path) -> None:
    target = tmp_path / "out.txt"
    write_text(target, "hello\n")
    assert target.read_text() == "hello\n"
    assert os.listdir(tmp_path) == ["out.txt"]


def test_refuses_an_existing_file_without_force(tmp_path: Path) -> None:
    target = tmp_path / "out.txt"
    target.write_text("precious")
    with pytest.raises(OutputError, match="use --force"):
        write_text(target, "new")
    assert target.read_text() == "precious"
    assert os.listdir(tmp_path) == ["out.txt"]


def test_force_replaces_the_file(tmp_path: Path) -> None:
    target = tmp_path / "out.txt"
    target.write_text("old")
    write_text(target, "new", force=True)
    assert target.read_text() == "new"
    assert os.listdir(tmp_path) == ["out.txt"]


def test_a_failed_write_keeps_the_old_file_and_leaves_no_temporary(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "out.txt"
    target.write_text("old")

    def full_disk(*args: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", full_disk)
    with pytest.raises(OutputError, match="No space left on device"):
        write_text(target, "new", force=True)
    assert target.read_text() == "old"
    assert os.listdir(tmp_path) == ["out.txt"]


def test_text_that_cannot_be_encoded_leaves_nothing(tmp_path: Path) -> None:
    target = tmp_path / "out.txt"
    with pytest.raises(OutputError, match="cannot write"):
        write_text(target, "\ud800")  # a lone surrogate: no UTF-8 for it
    assert os.listdir(tmp_path) == []


@pytest.mark.parametrize("where", ["dir", "missing"])
def test_bad_targets_say_why(tmp_path: Path, where: str) -> None:
    target = tmp_path if where == "dir" else tmp_path / "nope" / "out.txt"
    with pytest.raises(OutputError, match="is a directory" if where == "dir" else "does not exist"):
        write_text(target, "x")


def test_new_files_get_the_usual_permissions(tmp_path: Path) -> None:
    target = tmp_path / "out.txt"
    write_text(target, "x")
    mask = os.umask(0)
    os.umask(mask)
    assert target.stat().st_mode & 0o777 == 0o666 & ~mask
