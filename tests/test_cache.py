"""The validation cache: the same bytes are validated once; anything else validates again."""

from __future__ import annotations

import json
import os
import stat
import sys
import time
import tomllib
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from careermap import cache as cachemod
from careermap import models, schema
from careermap.cli import app
from careermap.errors import DataError
from careermap.loader import default_data_path, load
from careermap.models import CareerMap
from tests.conftest import MINI_TOML

WriteFile = Callable[[str, str | bytes], Path]


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "cache"
    monkeypatch.setenv("CAREERMAP_CACHE_DIR", str(folder))
    return folder


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


def test_a_file_is_validated_once_and_then_read_from_the_cache(
    write_file: WriteFile, cache: Path, validations: list[int]
) -> None:
    data = write_file("mini.toml", MINI_TOML)
    first = load(data)
    assert len(validations) == 1
    assert len(list(cache.glob("*.json"))) == 1
    second = load(data)
    assert len(validations) == 1, "the second load validated again"
    assert second.to_document() == first.to_document()
    assert second.resolve("old hand").id == "senior"  # lookups rebuilt from the cache


def test_changed_bytes_are_validated_again(
    write_file: WriteFile, cache: Path, validations: list[int]
) -> None:
    data = write_file("mini.toml", MINI_TOML)
    load(data)
    data.write_text(MINI_TOML.replace("years = [2, 4]", "years = [4, 2]"), encoding="utf-8")
    with pytest.raises(DataError) as caught:
        load(data)
    assert "minimum 4 is greater than maximum 2" in caught.value.lines[0]
    assert len(validations) == 2
    assert len(list(cache.glob("*.json"))) == 1  # an invalid file is not remembered


def test_a_damaged_entry_is_ignored_and_replaced(
    write_file: WriteFile, cache: Path, validations: list[int]
) -> None:
    data = write_file("mini.toml", MINI_TOML)
    load(data)
    [entry] = cache.glob("*.json")
    for damage in ("{not json", '{"roles": "nonsense"}', "[]"):
        entry.write_text(damage, encoding="utf-8")
        assert [r.id for r in load(data).roles] == ["junior", "senior", "manager"]
    assert len(validations) == 4
    assert entry.read_bytes().startswith(_header(data))


def test_the_cache_can_be_switched_off(
    write_file: WriteFile, cache: Path, validations: list[int], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("CAREERMAP_NO_CACHE", "1")
    data = write_file("mini.toml", MINI_TOML)
    load(data)
    load(data)
    assert len(validations) == 2
    assert not cache.exists()


def test_an_unwritable_cache_only_costs_time(
    write_file: WriteFile, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder", encoding="utf-8")
    monkeypatch.setenv("CAREERMAP_CACHE_DIR", str(blocker / "cache"))
    data = write_file("mini.toml", MINI_TOML)
    assert len(load(data).roles) == 3
    assert len(load(data).roles) == 3


def test_the_same_bytes_under_another_name_share_an_entry(
    write_file: WriteFile, cache: Path, validations: list[int]
) -> None:
    load(write_file("a.toml", MINI_TOML))
    load(write_file("b.toml", MINI_TOML))
    assert len(validations) == 1
    assert len(list(cache.glob("*.json"))) == 1


def test_the_same_bytes_in_another_format_are_validated_again(
    write_file: WriteFile, cache: Path, validations: list[int]
) -> None:
    """JSON is valid YAML, but not valid TOML: the format is part of the key."""
    text = '{"roles": [{"id": "a", "title": "A", "track": "t", "levels": 1}]}'
    assert load(write_file("map.yaml", text)).roles[0].id == "a"
    with pytest.raises(DataError) as caught:
        load(write_file("map.toml", text))
    assert "TOML syntax error" in caught.value.lines[0]


# -- entries are untrusted -------------------------------------------------------------------

REVERSED = MINI_TOML.replace("years = [2, 4]", "years = [9, 1]")


def run(*args: str) -> tuple[int, str]:
    """A command through the CLI, which must end without a traceback."""
    result = CliRunner().invoke(app, list(args))
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result.exit_code, result.output


def _entry_of(data: Path) -> Path:
    entry = cachemod._entry(data.read_bytes(), "toml")
    assert entry is not None
    return entry


def _plant(data: Path, content: bytes | str | dict[str, Any]) -> Path:
    """Write an entry for the bytes of ``data``: raw bytes or text, or a compact map. A
    compact map is framed as careermap frames it for ``data`` (its marker, key and digest
    first), so the checks of its content are what judges it."""
    entry = _entry_of(data)
    entry.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    if isinstance(content, dict):
        content = json.dumps(content)
    if isinstance(content, str):
        content = content.encode()
    if content.startswith(b'{"document"'):
        content = _header(data) + content[1:]
    entry.write_bytes(content)
    return entry


def _header(data: Path) -> bytes:
    """The start of the entry of ``data``, as careermap writes it, up to its compact map."""
    slot = cachemod._slot(data.read_bytes(), "toml")
    assert slot is not None
    header = {cachemod.MARKER: cachemod.FORMAT, "key": slot.key, "source": slot.source}
    return json.dumps(header, separators=(",", ":")).encode()[:-1] + b","


def _compact(text: str = MINI_TOML) -> dict[str, Any]:
    """The compact form of a map, as the cache keeps it: records checked by the schema, the
    rules between them not (so reversed years stay reversed)."""
    return CareerMap.from_document(schema.validate(tomllib.loads(text))).to_compact()


def _mutated(change: Callable[[dict[str, Any]], object]) -> dict[str, Any]:
    compact = json.loads(json.dumps(_compact()))
    change(compact)
    return compact


def _set(path: tuple[str | int, ...], value: object) -> Callable[[dict[str, Any]], None]:
    def change(compact: dict[str, Any]) -> None:
        target: Any = compact
        for part in path[:-1]:
            target = target[part]
        target[path[-1]] = value

    return change


def _deep(depth: int) -> str:
    return "[" * depth + "]" * depth


CRAFTED: dict[str, Callable[[], bytes | str | dict[str, Any]]] = {
    "reversed years": lambda: _mutated(_set(("moves", 0, 4), 1.0)),
    "meta is a list": lambda: _mutated(_set(("document", "meta"), [1])),
    "no roles": lambda: _mutated(_set(("document", "roles"), [])),
    "move to a missing role": lambda: _mutated(_set(("moves", 0, 1), "nobody")),
    "move from a missing role": lambda: _mutated(_set(("moves", 0, 0), "nobody")),
    "years as strings": lambda: _mutated(_set(("moves", 0, 3), "2")),
    "years as integers": lambda: _mutated(_set(("moves", 0, 3), 2)),
    "negative years": lambda: _mutated(_set(("moves", 0, 3), -1.0)),
    "NaN years": lambda: json.dumps(_compact()).replace("2.0", "NaN", 1),
    "infinite years": lambda: json.dumps(_compact()).replace("4.0", "1e999", 1),
    "deep nesting": lambda: '{"document": ' + _deep(100_000) + "}",
    "deep nesting in a field": lambda: _mutated(_set(("document", "roles", 0, "title"), [[[]]])),
    "a move to itself": lambda: _mutated(_set(("moves", 0, 1), "junior")),
    "a move twice": lambda: _mutated(lambda c: c["moves"].append(list(c["moves"][0]))),
    "an unknown kind": lambda: _mutated(_set(("moves", 0, 2), "sideways")),
    "a kind against the levels": lambda: _mutated(_set(("moves", 0, 2), "downward")),
    "a short row": lambda: _mutated(lambda c: c["moves"][0].pop()),
    "a row as a table": lambda: _mutated(_set(("moves", 0), {"from": "junior"})),
    "an unhashable id": lambda: _mutated(_set(("moves", 0, 0), ["junior"])),
    "levels as a boolean pair": lambda: _mutated(
        _set(("document", "roles", 0, "levels"), [True, True])
    ),
    "levels reversed": lambda: _mutated(_set(("document", "roles", 1, "levels"), [5, 4])),
    "levels out of range": lambda: _mutated(_set(("document", "roles", 1, "levels"), [4, 500])),
    "an id not in kebab-case": lambda: _mutated(_set(("document", "roles", 2, "id"), "Boss\n")),
    "a duplicate role id": lambda: _mutated(_set(("document", "roles", 2, "id"), "senior")),
    "an empty title": lambda: _mutated(_set(("document", "roles", 0, "title"), "")),
    "an unknown key": lambda: _mutated(_set(("document", "roles", 0, "salary"), 1)),
    "skills out of range": lambda: _mutated(
        _set(("document", "roles", 0, "skills"), {"hard": 11, "soft": 1})
    ),
    "meta without a name": lambda: _mutated(_set(("document", "meta"), {"sources": []})),
    "a source with unknown keys": lambda: _mutated(
        _set(("document", "meta"), {"name": "x", "sources": [{"title": "t", "x": 1}]})
    ),
    "a company without ladders": lambda: _mutated(
        _set(("document", "companies"), [{"id": "c", "name": "C", "ladders": []}])
    ),
    "a rung outside the map's levels": lambda: _mutated(
        _set(
            ("document", "companies"),
            [
                {
                    "id": "c",
                    "name": "C",
                    "ladders": [
                        {
                            "track": "engineering",
                            "rungs": [{"code": "X", "title": "X", "levels": [9, 9]}],
                        }
                    ],
                }
            ],
        )
    ),
    "a list at the top": lambda: "[]",
    "not JSON": lambda: "{not json",
    "not UTF-8": lambda: b'{"document": "\xff"}',
    "an integer too long to read": lambda: json.dumps(_compact()).replace("2.0", "1" * 5000, 1),
    "an empty file": lambda: b"",
}


@pytest.mark.parametrize("shape", list(CRAFTED))
def test_a_crafted_entry_gives_the_answer_of_no_cache_and_is_replaced(
    shape: str, write_file: WriteFile, cache: Path, validations: list[int]
) -> None:
    data = write_file("mini.toml", MINI_TOML)
    entry = _plant(data, CRAFTED[shape]())
    validations.clear()
    assert load(data).to_document() == load_uncached(data).to_document()
    assert len(validations) == 2, "the crafted entry was used"
    assert cachemod.recall(data.read_bytes(), "toml") is not None, (
        "the entry was not replaced by a sound one"
    )
    assert entry.is_file()


def load_uncached(data: Path) -> CareerMap:
    """The answer with no cache at all."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("CAREERMAP_NO_CACHE", "1")
        return load(data)


def test_the_compact_form_of_a_valid_map_is_always_sound() -> None:
    """What careermap writes, it reads back: the shipped map has meta, sources, skills,
    companies and ladders, so every record the re-check knows is exercised."""
    cmap = load_uncached(default_data_path())
    assert cmap.companies and cmap.meta is not None and cmap.meta.sources
    compact = json.loads(json.dumps(cmap.to_compact()))
    assert cachemod._build(compact).to_document() == cmap.to_document()


def test_the_recheck_uses_the_schema_s_own_limits() -> None:
    """A rank or years the schema refuses, the re-check refuses: both read ``limits.py``
    (through the records' ``Rank`` and ``Years`` rules), and ids match the schema's pattern."""
    for hint, most in [(models.Rank, schema.MAX_LEVEL), (models.Years, schema.MAX_YEARS)]:
        check = cachemod._checker(hint)
        check(most)
        with pytest.raises(cachemod._Unsound):
            check(most + 1)
    assert "^" + cachemod._SLUG.pattern + "$" == schema.ID_PATTERN


@pytest.mark.parametrize("command", [("validate",), ("path", "junior", "senior")])
def test_an_entry_that_calls_reversed_years_valid_changes_no_answer(
    command: tuple[str, ...], write_file: WriteFile, cache: Path
) -> None:
    """The red team's entry: the map of a file with years [9, 1], as if it had validated."""
    data = write_file("mini.toml", REVERSED)
    _plant(data, _compact(REVERSED))
    code, out = (
        run(command[0], str(data), *command[1:])
        if command == ("validate",)
        else run("--data", str(data), *command)
    )
    assert code == 1
    assert "minimum 9 is greater than maximum 1" in out
    assert "9-1" not in out


def test_validate_never_reads_the_cache(
    write_file: WriteFile, cache: Path, validations: list[int]
) -> None:
    """Even an entry that passes every check (a valid map, but not this file's) is not read:
    validate's verdict is the file's own; it then puts the file's own map in the cache."""
    data = write_file("mini.toml", MINI_TOML)
    other = MINI_TOML.replace("years = [2, 4]", "years = [1, 9]")
    _plant(data, _compact(other))
    validations.clear()
    code, out = run("validate", str(data), "--json")
    assert code == 0
    assert len(validations) == 1
    assert json.loads(out)["valid"] is True
    assert load(data).moves[0].years == (2.0, 4.0)  # the entry now holds this file's map
    assert len(validations) == 1

    broken = write_file("broken.toml", REVERSED)
    _plant(broken, _compact(other))
    code, out = run("validate", str(broken))
    assert code == 1
    assert "minimum 9 is greater than maximum 1" in out


def test_a_fifo_is_not_waited_on(
    write_file: WriteFile, cache: Path, validations: list[int]
) -> None:
    data = write_file("mini.toml", MINI_TOML)
    entry = _entry_of(data)
    entry.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    os.mkfifo(entry)
    assert [r.id for r in load(data).roles] == ["junior", "senior", "manager"]
    assert entry.is_file() and not stat.S_ISFIFO(entry.lstat().st_mode)  # replaced
    assert len(validations) == 1


def test_a_symlink_is_not_followed(
    write_file: WriteFile, cache: Path, tmp_path: Path, validations: list[int]
) -> None:
    data = write_file("mini.toml", MINI_TOML)
    elsewhere = tmp_path / "elsewhere.json"
    elsewhere.write_text(json.dumps(_compact()), encoding="utf-8")
    entry = _entry_of(data)
    entry.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    entry.symlink_to(elsewhere)
    validations.clear()
    load(data)
    assert len(validations) == 1
    assert not entry.is_symlink()


def test_an_oversized_entry_is_not_read(
    write_file: WriteFile, cache: Path, validations: list[int], monkeypatch: pytest.MonkeyPatch
) -> None:
    data = write_file("mini.toml", MINI_TOML)
    limit = cachemod.size_limit(data.read_bytes())
    padded = json.dumps(_compact()).encode() + b" " * limit  # valid JSON, too large
    _plant(data, padded)
    validations.clear()
    reads: list[int] = []
    real_loads = json.loads
    with monkeypatch.context() as patch:
        patch.setattr(json, "loads", lambda s, **kw: reads.append(1) or real_loads(s, **kw))
        load(data)
    assert len(validations) == 1 and not reads

    huge = _entry_of(data)
    with huge.open("r+b") as handle:  # sparse: a gigabyte that takes no disk
        handle.truncate(2**30)
    load(data)
    assert len(validations) == 2
    assert huge.stat().st_size < limit


def test_a_folder_others_can_write_to_is_not_used(
    write_file: WriteFile, cache: Path, validations: list[int]
) -> None:
    data = write_file("mini.toml", MINI_TOML)
    load(data)
    cache.chmod(0o777)
    load(data)
    load(data)
    assert len(validations) == 3
    cache.chmod(0o700)
    load(data)
    assert len(validations) == 3


def test_a_folder_of_another_user_is_not_used(
    write_file: WriteFile, cache: Path, validations: list[int], monkeypatch: pytest.MonkeyPatch
) -> None:
    data = write_file("mini.toml", MINI_TOML)
    load(data)
    monkeypatch.setattr(os, "geteuid", lambda: os.getuid() + 1)
    load(data)
    assert len(validations) == 2


# -- where the cache lives -------------------------------------------------------------------


def _no_home(monkeypatch: pytest.MonkeyPatch) -> None:
    import pwd

    def no_entry(uid: int) -> Any:
        raise KeyError(f"getpwuid(): uid not found: {uid}")

    for name in ("HOME", "XDG_CACHE_HOME", "CAREERMAP_CACHE_DIR"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setattr(pwd, "getpwuid", no_entry)


def test_no_home_means_no_cache_not_a_traceback(
    write_file: WriteFile, validations: list[int], monkeypatch: pytest.MonkeyPatch
) -> None:
    _no_home(monkeypatch)
    assert cachemod.cache_dir() is None
    data = write_file("mini.toml", MINI_TOML)
    assert len(load(data).roles) == 3
    assert len(load(data).roles) == 3
    assert len(validations) == 2
    code, out = run("--data", str(data), "path", "junior", "senior")
    assert code == 0, out
    assert "2-4 years" in out


def test_the_folder_follows_xdg_and_ignores_relative_paths(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("CAREERMAP_CACHE_DIR")
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert cachemod.cache_dir() == tmp_path / "xdg" / "careermap"
    monkeypatch.setenv("XDG_CACHE_HOME", "relative/cache")
    assert cachemod.cache_dir() == tmp_path / "home" / ".cache" / "careermap"
    assert os.environ["XDG_CACHE_HOME"] == "relative/cache"  # left as it was
    monkeypatch.setenv("CAREERMAP_CACHE_DIR", "relative")
    assert cachemod.cache_dir() == tmp_path / "home" / ".cache" / "careermap"
    monkeypatch.setenv("CAREERMAP_CACHE_DIR", str(tmp_path / "mine"))
    assert cachemod.cache_dir() == tmp_path / "mine"


@pytest.mark.parametrize("value", ["1", "true", "TRUE", "Yes", "on", " on "])
def test_true_values_switch_the_cache_off(value: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CAREERMAP_NO_CACHE", value)
    assert cachemod.cache_dir() is None


@pytest.mark.parametrize("value", ["0", "false", "no", "off", ""])
def test_other_values_keep_caching(
    value: str,
    write_file: WriteFile,
    cache: Path,
    validations: list[int],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("CAREERMAP_NO_CACHE", value)
    data = write_file("mini.toml", MINI_TOML)
    load(data)
    load(data)
    assert len(validations) == 1


# -- keys, temporary files and eviction ------------------------------------------------------


def test_entries_are_keyed_by_the_source_of_the_rules(
    tmp_path: Path,
    write_file: WriteFile,
    cache: Path,
    validations: list[int],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    package = Path(cachemod.__file__).parent
    copy = tmp_path / "package"
    copy.mkdir()
    for name in cachemod.RULE_MODULES:
        (copy / name).write_bytes((package / name).read_bytes())
    assert cachemod.rules_digest(copy) == cachemod.rules_digest()
    with (copy / "models.py").open("a", encoding="utf-8") as handle:
        handle.write("\n# a changed rule\n")
    changed = cachemod.rules_digest(copy)
    assert changed is not None and changed != cachemod.rules_digest()
    (copy / "checks.py").unlink()
    assert cachemod.rules_digest(copy) is None  # a missing module: nothing is cached

    data = write_file("mini.toml", MINI_TOML)
    load(data)
    monkeypatch.setattr(cachemod, "_rules", [changed])  # as after an edit of models.py
    load(data)
    assert len(validations) == 2
    assert len(list(cache.glob("*.json"))) == 2


def test_a_failed_write_leaves_no_temporary_file(
    write_file: WriteFile, cache: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def refuse(source: object, target: object) -> None:
        raise OSError("disk full")

    monkeypatch.setattr(os, "replace", refuse)
    load(write_file("mini.toml", MINI_TOML))
    assert list(cache.iterdir()) == []


def test_stale_temporary_files_are_removed_when_writing(write_file: WriteFile, cache: Path) -> None:
    cache.mkdir(mode=0o700)
    stale = cache / f"{cachemod.TEMP_PREFIX}killed{cachemod.TEMP_SUFFIX}"
    fresh = cache / f"{cachemod.TEMP_PREFIX}writing{cachemod.TEMP_SUFFIX}"
    other = cache / "notes.txt"
    for path in (stale, fresh, other):  # what a write killed half-way leaves
        path.write_text('{"careermap-cache":5,"key":"0.', encoding="utf-8")
    two_hours_ago = time.time() - 2 * 3600
    os.utime(stale, (two_hours_ago, two_hours_ago))
    os.utime(other, (two_hours_ago, two_hours_ago))
    load(write_file("mini.toml", MINI_TOML))
    assert not stale.exists()
    assert fresh.exists() and other.exists()  # a write in progress; not careermap's


def _variants(count: int) -> list[str]:
    return [MINI_TOML.replace('title = "Junior"', f'title = "Junior {i}"') for i in range(count)]


def test_the_least_recently_used_entries_are_evicted_beyond_the_count(
    write_file: WriteFile, cache: Path, validations: list[int], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(cachemod, "MAX_ENTRIES", 3)
    files = [write_file(f"map{i}.toml", text) for i, text in enumerate(_variants(5))]
    start = time.time() - 1000
    for i, data in enumerate(files[:3]):
        load(data)
        os.utime(_entry_of(data), (start + i, start + i))
    load(files[0])  # used again: now the most recent
    assert len(validations) == 3
    load(files[3])
    load(files[4])
    kept = {path.name for path in cache.glob("*.json")}
    assert kept == {_entry_of(files[i]).name for i in (0, 3, 4)}


def test_entries_are_evicted_beyond_the_size_cap(
    write_file: WriteFile, cache: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    files = [write_file(f"map{i}.toml", text) for i, text in enumerate(_variants(3))]
    load(files[0])
    size = _entry_of(files[0]).stat().st_size
    monkeypatch.setattr(cachemod, "MAX_TOTAL_BYTES", 2 * size + size // 2)
    start = time.time() - 1000
    for i, data in enumerate(files):
        load(data)
        os.utime(_entry_of(data), (start + i, start + i))
    assert len(list(cache.glob("*.json"))) == 2
    assert not _entry_of(files[0]).exists()


@pytest.mark.skipif(sys.platform != "linux", reason="the shortcut is taken on Linux only")
@pytest.mark.parametrize(
    ("home", "xdg"),
    [("/home/ada", None), ("/home/ada/", ""), ("/", None), ("/home/ada", "/var/tmp/xdg/")],
)
def test_the_linux_shortcut_is_what_platformdirs_says(
    home: str, xdg: str | None, monkeypatch: pytest.MonkeyPatch
) -> None:
    import platformdirs

    monkeypatch.delenv("CAREERMAP_CACHE_DIR")
    monkeypatch.setenv("HOME", home)
    if xdg is None:
        monkeypatch.delenv("XDG_CACHE_HOME", raising=False)
    else:
        monkeypatch.setenv("XDG_CACHE_HOME", xdg)
    expected = platformdirs.user_cache_dir("careermap", appauthor=False)
    assert os.path.normpath(cachemod._platform_cache_dir()) == os.path.normpath(expected)
