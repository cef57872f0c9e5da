"""A YAML reader for untrusted files: safe tags only, no duplicate keys, few aliases.

PyYAML's safe loader already refuses tags that build Python objects; on top of it this loader
rejects duplicate keys (which YAML would silently overwrite) and caps alias references, so an
alias bomb ("billion laughs") is refused instead of being expanded later.
"""

from __future__ import annotations

from typing import Any

import yaml
from yaml.constructor import ConstructorError
from yaml.events import AliasEvent
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

MAX_ALIASES = 100


class _Loader(yaml.SafeLoader):
    aliases_seen = 0

    def compose_node(self, parent: Node | None, index: Any) -> Node | None:
        if self.check_event(AliasEvent):
            self.aliases_seen += 1
            if self.aliases_seen > MAX_ALIASES:
                event = self.peek_event()  # type: ignore[no-untyped-call]
                raise ConstructorError(
                    None,
                    None,
                    f"more than {MAX_ALIASES} alias references (*name); refused as a "
                    "possible alias bomb",
                    event.start_mark,
                )
        return super().compose_node(parent, index)

    def construct_mapping(self, node: MappingNode, deep: bool = False) -> dict[Any, Any]:
        seen: set[Any] = set()
        for key_node, _ in node.value:
            if key_node.tag == "tag:yaml.org,2002:merge":
                continue  # `<<: *anchor`: merged keys may be overridden, as YAML says
            key = self.construct_object(key_node, deep=deep)
            try:
                duplicate = key in seen
            except TypeError:
                continue  # unhashable keys are rejected by the base constructor
            if duplicate:
                raise ConstructorError(
                    "while reading a mapping",
                    node.start_mark,
                    f"duplicate key {key!r}",
                    key_node.start_mark,
                )
            seen.add(key)
        return super().construct_mapping(node, deep=deep)


def load_yaml(text: str) -> Any:
    """Parse one YAML document with the safe loader and the limits above."""
    loader = _Loader(text)
    try:
        return loader.get_single_data()
    finally:
        loader.dispose()


class LineIndex:
    """Lines of entries in one YAML text, composed once on the first question."""

    def __init__(self, text: str) -> None:
        self._text = text
        self._root: Node | None = None
        self._composed = False

    def _compose(self) -> Node | None:
        if not self._composed:
            self._composed = True
            loader = _Loader(self._text)
            try:
                self._root = loader.get_single_node()
            except (yaml.YAMLError, RecursionError):
                self._root = None
            finally:
                loader.dispose()
        return self._root

    def line_of(self, loc: tuple[str | int, ...]) -> int | None:
        """The 1-based line of the entry at ``loc`` (``("moves", 3, "years")``), or of the
        nearest entry containing it when the key itself is missing; None if unparsable."""
        node = self._compose()
        if node is None:
            return None
        line = node.start_mark.line + 1
        for part in loc:
            child: Node | None = None
            if isinstance(node, MappingNode) and isinstance(part, str):
                for key, value in node.value:
                    if isinstance(key, ScalarNode) and key.value == part:
                        child = value
                        line = key.start_mark.line + 1
                        break
            elif (
                isinstance(node, SequenceNode)
                and isinstance(part, int)
                and 0 <= part < len(node.value)
            ):
                child = node.value[part]
                line = child.start_mark.line + 1
            if child is None:
                break
            node = child
        return line
