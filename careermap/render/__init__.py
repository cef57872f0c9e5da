"""Renderers: one module per output format, and ``emit``, the one way results reach the user.

A command hands its result and the format asked for to ``emit``; ``render`` picks the
renderer. Each renderer module is imported only when its format is used, so listing roles
never imports the SVG or HTML writers, and ``--json`` never imports rich.
"""

from __future__ import annotations

import sys
from importlib import import_module
from pathlib import Path
from typing import TYPE_CHECKING, Any

from careermap.dump import json_text
from careermap.errors import UsageError

__all__ = ["RENDERERS", "as_text", "emit", "json_text", "render"]

if TYPE_CHECKING:
    from rich.console import RenderableType

MIN_WIDTH, DEFAULT_WIDTH = 20, 80  # columns: narrower than the first is taken as unknown

# format -> (module, function): the function takes a result and returns what to print.
RENDERERS: dict[str, tuple[str, str]] = {
    "table": ("careermap.render.terminal", "view"),
    "json": ("careermap.render.json", "shape"),
    "ids": ("careermap.render.terminal", "id_lines"),
    "markdown": ("careermap.render.markdown", "text"),
    "svg": ("careermap.render.svg", "svg_text"),
    "html": ("careermap.render.html", "page_text"),
    "toml": ("careermap.render.data", "toml_text"),
    "yaml": ("careermap.render.data", "yaml_text"),
    "mermaid": ("careermap.render.graph", "mermaid_text"),
    "dot": ("careermap.render.graph", "dot_text"),
    "graphml": ("careermap.render.graph", "graphml_text"),
    "github": ("careermap.render.annotations", "github_text"),
    "csv": ("careermap.render.csv", "csv_text"),
}


def render(result: object, fmt: str) -> Any:
    """What ``fmt`` makes of ``result``: a JSON value, text, or (``table``) a rich renderable."""
    try:
        module, name = RENDERERS[fmt]
    except KeyError:
        raise UsageError(f"unknown output format {fmt!r}") from None
    from careermap.render.text import NotRendered

    try:
        return getattr(import_module(module), name)(result)
    except NotRendered:
        raise UsageError(f"{fmt} output is not available for this command") from None


def as_text(result: object, fmt: str) -> str:
    """The output of a text format as one string (JSON dumped as docs/json.md shows it)."""
    rendered = render(result, fmt)
    if fmt == "json":
        return json_text(rendered)
    return str(rendered)


def emit(
    result: object, fmt: str = "table", *, output: Path | None = None, force: bool = False
) -> None:
    """Show ``result`` in ``fmt`` on stdout, or write it to ``output`` and say so on stderr."""
    if output is not None:
        from careermap.output import write_text
        from careermap.render.terminal import written

        write_text(output, as_text(result, fmt), force)
        _stderr(written(result, fmt, output))  # type: ignore[arg-type]
        return
    if fmt != "table":
        sys.stdout.write(as_text(result, fmt))
        return
    shown: RenderableType = render(result, fmt)
    from careermap.render.terminal import Notice, Plain

    if isinstance(shown, Notice):
        _stderr(shown)
    elif isinstance(shown, Plain):
        from careermap.render.text import plain

        sys.stdout.write("".join(f"{plain(line)}\n" for line in shown.splitlines()))
    else:
        from rich.console import Console

        console = Console()
        if console.width < MIN_WIDTH:  # COLUMNS=0 or nonsense: the usual width, not nothing
            console = Console(width=DEFAULT_WIDTH)
        console.print(shown)


def _stderr(message: str) -> None:
    """A notice on stderr: one line, a control character in it (a file name's ESC) shown as
    its code."""
    from careermap.render.text import plain

    sys.stderr.write(f"{plain(' '.join(message.splitlines()))}\n")
