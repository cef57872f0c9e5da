"""The validation cache: the same bytes are validated once; anything else validates again."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from careermap import schema
from careermap.errors import DataError
from careermap.loader import load
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
    assert entry.read_text(encoding="utf-8").startswith('{"document"')


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
