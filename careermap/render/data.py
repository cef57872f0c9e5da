"""The map in its own data format, to load again: TOML (written here) and YAML.

JSON comes from ``render/json.py``. All three round-trip: exporting and loading again gives
the same roles, moves and companies.
"""

from __future__ import annotations

import json
import re
from typing import Any

from careermap.results import MapDocument

_TOML_RAW = re.compile("[\x7f-\x9f]")


def toml_text(result: MapDocument) -> str:
    return dump_toml(result.cmap.to_document())


def yaml_text(result: MapDocument) -> str:
    import yaml

    return str(
        yaml.safe_dump(result.cmap.to_document(), sort_keys=False, allow_unicode=True, width=100)
    )


# -- TOML ------------------------------------------------------------------------------------


def dump_toml(data: dict[str, Any]) -> str:
    """TOML for careermap's documents: nested tables, arrays of tables, inline small tables.

    Written here because the standard library reads TOML but does not write it, and the data
    format's shapes are few: not a general TOML writer.
    """
    lines: list[str] = []
    _toml_table(data, (), lines)
    return "\n".join(lines).lstrip("\n") + "\n"


def _needs_section(value: Any) -> bool:
    """Values written as their own [table] or [[array]]: tables holding tables, lists of tables."""
    if isinstance(value, dict):
        return any(isinstance(v, dict | list) for v in value.values())
    return isinstance(value, list) and bool(value) and all(isinstance(v, dict) for v in value)


def _toml_table(table: dict[str, Any], path: tuple[str, ...], lines: list[str]) -> None:
    for key, value in table.items():
        if not _needs_section(value):
            lines.append(f"{_toml_key(key)} = {_toml_value(value)}")
    for key, value in table.items():
        if not _needs_section(value):
            continue
        name = ".".join(_toml_key(part) for part in (*path, key))
        if isinstance(value, dict):
            lines.extend(["", f"[{name}]"])
            _toml_table(value, (*path, key), lines)
        else:
            for item in value:
                lines.extend(["", f"[[{name}]]"])
                _toml_table(item, (*path, key), lines)


def _toml_key(key: str) -> str:
    return key if re.fullmatch(r"[A-Za-z0-9_-]+", key) else json.dumps(key)


def _toml_value(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return repr(value)
    if isinstance(value, str):  # a basic string: TOML refuses DEL and the controls raw
        return _TOML_RAW.sub(
            lambda m: f"\\u{ord(m.group()):04x}", json.dumps(value, ensure_ascii=False)
        )
    if isinstance(value, list):
        if value and all(isinstance(v, dict) for v in value):
            inner = ",\n".join(f"  {_toml_value(v)}" for v in value)
            return f"[\n{inner},\n]"
        return "[" + ", ".join(_toml_value(v) for v in value) + "]"
    if isinstance(value, dict):
        return (
            "{ " + ", ".join(f"{_toml_key(k)} = {_toml_value(v)}" for k, v in value.items()) + " }"
        )
    raise TypeError(f"cannot write {type(value).__name__} as TOML")
