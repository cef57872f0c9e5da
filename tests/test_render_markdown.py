"""``--markdown``: plain text a screen reader can follow, for every command that has it."""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from careermap.cli import app
from careermap.loader import load
from careermap.models import CareerMap

runner = CliRunner()
BOX_DRAWING = set("┌┐└┘│─━┃┏┓┗┛╭╮╰╯")


@pytest.fixture(scope="module")
def cmap() -> CareerMap:
    return load()


@pytest.mark.parametrize(
    "args",
    [
        ["roles"],
        ["moves", "senior-engineer"],
        ["path", "senior-engineer", "director-of-tech", "--top", "2"],
        ["map", "--path", "senior-engineer", "director-of-tech"],
    ],
    ids=lambda args: args[0],
)
def test_markdown_has_no_box_drawing(args: list[str], cmap: CareerMap) -> None:
    result = runner.invoke(app, [*args, "--markdown"])
    assert result.exit_code == 0, result.output
    assert not BOX_DRAWING & set(result.stdout)
    assert "\x1b[" not in result.stdout
    if args[0] in ("roles", "map"):
        for role in cmap.roles:
            assert role.title in result.stdout


def test_markdown_path_lists_the_steps() -> None:
    result = runner.invoke(app, ["path", "senior-engineer", "director-of-tech", "--markdown"])
    lines = result.stdout.splitlines()
    assert lines[0] == "## Senior Engineer to Director of Tech"
    assert lines[2].startswith("1. Senior Engineer (L5) to Engineering Manager (L5): lateral move")
    assert "Total: 3 moves, 6.5-18 years, typically 12.3 years (P10-P90: 9.4-15.1)." in lines


def test_json_and_markdown_together_are_a_usage_error() -> None:
    result = runner.invoke(app, ["roles", "--json", "--markdown"])
    assert result.exit_code == 2
    assert "choose one" in result.stderr


# -- issue 30, item 6: one text in every Markdown renderer ------------------------------------

HOSTILE_TITLES = [
    "Engineer <II> & Lead",
    "a | b ~~struck~~ *star* _under_ `code` [link](x) # hash \\ back",
    "- listed",
    "= underline",
    "1. numbered",
    "R&amp;D &lt;tag&gt;",
]


def _rendered_text(html: str) -> str:
    """What a reader sees of rendered HTML: the text, tags dropped, entities read."""
    import html as html_module
    import re

    return " ".join(html_module.unescape(re.sub(r"<[^>]+>", " ", html)).split())


@pytest.mark.parametrize("title", HOSTILE_TITLES)
def test_markdown_text_reads_the_same_in_markdown_it_and_python_markdown(title: str) -> None:
    """A title from the data, in a paragraph and in a table cell, shows exactly as written in
    markdown-it-py (CommonMark) and Python-Markdown (MkDocs): no stray backslash, no markup."""
    import markdown
    from markdown_it import MarkdownIt

    from careermap.render.markdown import _md

    document = f"{_md(title)}\n\n| Role | Id |\n| --- | --- |\n| {_md(title)} | x |\n"
    commonmark = MarkdownIt("commonmark").enable(["table"]).render(document)
    python_markdown = markdown.markdown(document, extensions=["tables"])
    for html in (commonmark, python_markdown):
        assert "<em>" not in html and "<code>" not in html and "<a " not in html
        assert "<li>" not in html and "<h1>" not in html and "<del>" not in html
        words = " ".join(title.split())
        assert _rendered_text(html) == f"{words} Role Id {words} x", html
