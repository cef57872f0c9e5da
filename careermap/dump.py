"""Writing careermap's data format: a map's document as TOML, YAML or JSON text.

Both ``export`` (through the renderers) and ``init --from`` write it, so it lives below both:
the data format is a round trip of the loader, not a picture of an answer. All three formats
load again to the same roles, moves and companies.
"""

from __future__ import annotations

import json
import re
from typing import Any

_C1 = re.compile("[\x7f-\x9f]")
_TOML_RAW = re.compile("[\x7f-\x9f]")


def json_text(value: Any) -> str:
    """JSON as careermap prints it: indented, UTF-8, and with DEL and the C1 controls escaped
    too (JSON itself escapes only the C0 ones), so no string can drive a terminal."""
    text = json.dumps(value, indent=2, ensure_ascii=False)
    return _C1.sub(lambda match: f"\\u{ord(match.group()):04x}", text) + "\n"


def document_text(document: dict[str, Any], fmt: str) -> str:
    """A data document in ``fmt`` (toml, yaml or json)."""
    writers = {"toml": dump_toml, "yaml": yaml_text, "json": json_text}
    return writers[fmt](document)


YAML_CHUNK = 500  # list items dumped at once


def yaml_text(document: dict[str, Any]) -> str:
    """The text ``yaml.safe_dump`` gives for the whole document, dumped a part at a time:
    PyYAML holds a node for every value it dumps, about 1 GB for 100,000 roles. A list under
    a top-level key is written unindented, so its items dumped as a list of their own read the
    same text; to_document shares no object, so there is no alias a whole dump would have made."""
    import yaml

    def dump(data: object) -> str:
        return str(yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=100))

    parts = []
    for key, value in document.items():
        if isinstance(value, list) and len(value) > YAML_CHUNK:
            parts.append(dump({key: value[:YAML_CHUNK]}))
            parts.extend(
                dump(value[start : start + YAML_CHUNK])
                for start in range(YAML_CHUNK, len(value), YAML_CHUNK)
            )
        else:
            parts.append(dump({key: value}))
    return "".join(parts)


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
