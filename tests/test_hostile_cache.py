"""Issue 31, hostile ladders: the cache folder is careermap's alone.

The cache removes only files it wrote, reads entries only from a folder no one else can write
to, and believes an entry only if it says it is the entry of this very file.
"""

from __future__ import annotations

import json
import os
import shutil
import stat
import time
import tomllib
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from careermap import cache as cachemod
from careermap import schema
from careermap.loader import load
from tests.cli import run
from tests.conftest import MINI_TOML

WriteFile = Callable[[str, str | bytes], Path]
NOTE = "note: the validation cache is off for this run"


@pytest.fixture
def validations(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Counts calls of the schema check, which every validation starts with."""
    calls: list[int] = []
    check = schema.validate

    def counting(document: Any) -> dict[str, Any]:
        calls.append(1)
        return check(document)

    monkeypatch.setattr(schema, "validate", counting)
    return calls


def _use_cache(folder: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("CAREERMAP_CACHE_DIR", str(folder))
    return folder


def _entry_of(data: Path, fmt: str = "toml") -> Path:
    entry = cachemod._entry(data.read_bytes(), fmt)
    assert entry is not None
    return entry


def _entries(folder: Path) -> set[str]:
    """The names of the entries careermap wrote in the folder (its marker first)."""
    return {
        path.name
        for path in folder.iterdir()
        if path.read_bytes().startswith(b'{"' + cachemod.MARKER.encode() + b'":')
    }


def _variants(count: int) -> list[str]:
    return [MINI_TOML.replace('title = "Junior"', f'title = "Junior {i}"') for i in range(count)]


def _long_ago(*paths: Path) -> None:
    """As if last used a day ago: the first to go, were they entries."""
    day_ago = time.time() - 24 * 3600
    for path in paths:
        os.utime(path, (day_ago, day_ago))


# -- 1. the cache removes only files it wrote -----------------------------------------------


def test_other_json_files_in_the_folder_survive_eviction(
    tmp_path: Path, write_file: WriteFile, monkeypatch: pytest.MonkeyPatch
) -> None:
    """CAREERMAP_CACHE_DIR pointed at the folder of the user's own ladder: eviction neither
    removes the ladder nor the other JSON files there, nor counts them as entries."""
    folder = _use_cache(tmp_path / "ladders", monkeypatch)
    folder.mkdir(mode=0o700)
    ladder = folder / "ladder.json"
    ladder.write_text(json.dumps(tomllib.loads(MINI_TOML)), encoding="utf-8")
    notes = folder / "notes.json"
    notes.write_text('{"mine": true}', encoding="utf-8")
    foreign = {path: path.read_bytes() for path in (ladder, notes)}
    _long_ago(*foreign)
    monkeypatch.setattr(cachemod, "MAX_ENTRIES", 2)

    assert [role.id for role in load(ladder).roles] == ["junior", "senior", "manager"]
    files = [write_file(f"map{i}.toml", text) for i, text in enumerate(_variants(3))]
    for data in files:
        load(data)

    for path, content in foreign.items():
        assert path.read_bytes() == content, f"{path.name} was removed or changed"
    assert _entries(folder) == {_entry_of(files[1]).name, _entry_of(files[2]).name}


def test_a_file_named_like_an_entry_without_the_marker_survives_eviction(
    tmp_path: Path, write_file: WriteFile, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Names are not proof: a file named as careermap names its entries or its temporary
    files, but not starting with its marker, is not careermap's and stays."""
    folder = _use_cache(tmp_path / "cache", monkeypatch)
    folder.mkdir(mode=0o700)
    lookalike = folder / f"{'ab' * 32}{cachemod.ENTRY_SUFFIX}"
    lookalike.write_text('{"document": "the user\'s"}', encoding="utf-8")
    temporary = folder / f"{cachemod.TEMP_PREFIX}abcd1234{cachemod.TEMP_SUFFIX}"
    temporary.write_text("the user's draft", encoding="utf-8")
    _long_ago(lookalike, temporary)  # a stale temporary file, the least recent entry
    monkeypatch.setattr(cachemod, "MAX_ENTRIES", 1)

    files = [write_file(f"map{i}.toml", text) for i, text in enumerate(_variants(2))]
    for data in files:
        load(data)

    assert lookalike.read_text(encoding="utf-8") == '{"document": "the user\'s"}'
    assert temporary.read_text(encoding="utf-8") == "the user's draft"
    assert _entries(folder) == {_entry_of(files[1]).name}


# -- 2. entries are read only from a folder no one else can write to ------------------------


@pytest.fixture
def cached(
    tmp_path: Path, write_file: WriteFile, monkeypatch: pytest.MonkeyPatch
) -> tuple[Path, Path]:
    """A data file and its cache folder, the file's entry in it."""
    folder = _use_cache(tmp_path / "cache", monkeypatch)
    data = write_file("mini.toml", MINI_TOML)
    load(data)
    assert _entry_of(data).is_file()
    return data, folder


def _path_with_notes(data: Path, *options: str) -> list[str]:
    code, out, err = run(*options, "--data", str(data), "path", "junior", "senior")
    assert code == 0, err
    assert "2-4 years" in out
    return [line for line in err.splitlines() if line.startswith(NOTE)]


def test_a_group_writable_folder_turns_the_cache_off_and_verbose_says_so_once(
    cached: tuple[Path, Path], validations: list[int]
) -> None:
    data, folder = cached
    assert _path_with_notes(data, "--verbose") == []  # a private folder: nothing to say
    assert validations == []  # read from the cache
    folder.chmod(0o770)
    assert _path_with_notes(data) == []  # said only when asked, even after a run that asked
    assert _path_with_notes(data, "--verbose") == [
        f"{NOTE}: {folder} can be written by others (mode 770)"
    ]
    assert len(validations) == 2, "an entry in a folder others can write to was read"
    assert _path_with_notes(data, "--verbose") == [  # a new run: said again, once
        f"{NOTE}: {folder} can be written by others (mode 770)"
    ]


def test_a_folder_of_another_user_turns_the_cache_off_and_verbose_says_so_once(
    cached: tuple[Path, Path], validations: list[int], monkeypatch: pytest.MonkeyPatch
) -> None:
    data, folder = cached
    monkeypatch.setattr(os, "geteuid", lambda: os.getuid() + 1)  # as if someone else's
    assert _path_with_notes(data, "--verbose") == [f"{NOTE}: {folder} belongs to another user"]
    assert len(validations) == 1, "an entry in another user's folder was read"


def test_the_folders_the_cache_creates_are_private(
    tmp_path: Path, write_file: WriteFile, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = _use_cache(tmp_path / "new" / "cache" / "careermap", monkeypatch)
    old_mask = os.umask(0o022)
    try:
        load(write_file("mini.toml", MINI_TOML))
    finally:
        os.umask(old_mask)
    for created in (tmp_path / "new", tmp_path / "new" / "cache", folder):
        assert stat.S_IMODE(created.stat().st_mode) == 0o700, created
    assert len(_entries(folder)) == 1


# -- 3. an entry is believed only for the file it was written for ---------------------------

OTHER = MINI_TOML.replace("years = [2, 4]", "years = [1, 9]")


def test_an_entry_copied_from_another_file_is_not_believed(
    tmp_path: Path, write_file: WriteFile, validations: list[int], monkeypatch: pytest.MonkeyPatch
) -> None:
    _use_cache(tmp_path / "cache", monkeypatch)
    mine = write_file("mine.toml", MINI_TOML)
    other = write_file("other.toml", OTHER)
    load(mine)
    load(other)
    shutil.copyfile(_entry_of(other), _entry_of(mine))  # a sound entry, but not mine's
    validations.clear()
    code, out, err = run("--data", str(mine), "path", "junior", "senior")
    assert code == 0, err
    assert "2-4 years" in out and "1-9 years" not in out
    assert len(validations) == 1
    assert load(mine).moves[0].years == (2.0, 4.0)  # the entry is mine's again
    assert len(validations) == 1


def test_an_entry_under_another_key_is_not_believed(
    tmp_path: Path, write_file: WriteFile, validations: list[int], monkeypatch: pytest.MonkeyPatch
) -> None:
    """The same bytes, judged by other rules (an edited models.py, say): its entry, copied
    to the name of this careermap's, is validated again."""
    _use_cache(tmp_path / "cache", monkeypatch)
    data = write_file("mini.toml", MINI_TOML)
    rules = cachemod.rules_digest()
    with monkeypatch.context() as patch:
        patch.setattr(cachemod, "_rules", ["0" * 64])
        load(data)
        other_rules = _entry_of(data)
    assert rules is not None
    assert other_rules != _entry_of(data)
    _entry_of(data).write_bytes(other_rules.read_bytes())
    validations.clear()
    load(data)
    assert len(validations) == 1, "an entry written under other rules was believed"


def test_a_file_changed_with_the_same_size_and_mtime_is_validated_again(
    tmp_path: Path, write_file: WriteFile, monkeypatch: pytest.MonkeyPatch
) -> None:
    _use_cache(tmp_path / "cache", monkeypatch)
    data = write_file("mini.toml", MINI_TOML)
    assert load(data).moves[0].years == (2.0, 4.0)
    before = data.stat()
    changed = MINI_TOML.replace("years = [2, 4]", "years = [3, 4]")
    assert len(changed) == len(MINI_TOML)
    data.write_text(changed, encoding="utf-8")
    os.utime(data, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert (data.stat().st_size, data.stat().st_mtime_ns) == (before.st_size, before.st_mtime_ns)
    assert load(data).moves[0].years == (3.0, 4.0)
