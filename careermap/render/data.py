"""The map in its own data format, to load again: TOML and YAML (written by ``dump.py``, which
``init`` shares). JSON comes from ``render/json.py``."""

from __future__ import annotations

from careermap.dump import YAML_CHUNK, dump_toml
from careermap.dump import yaml_text as _yaml
from careermap.results import MapDocument

__all__ = ["YAML_CHUNK", "toml_text", "yaml_text"]


def toml_text(result: MapDocument) -> str:
    return dump_toml(result.cmap.to_document())


def yaml_text(result: MapDocument) -> str:
    return _yaml(result.cmap.to_document())
