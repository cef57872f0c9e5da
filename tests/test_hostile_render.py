"""Hostile ladders: every text field of the data format, filled with markup of every kind, run
through every command and format; the text is always shown as text, never obeyed as markup.

The fields come from walking the schema's records (``careermap.schema``), so a field added
later is covered without anyone listing it: the base ladder must give it a value, or the walk
fails and says which field to add.
"""

from __future__ import annotations

import copy
import json
import re
import tomllib
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path
from typing import Annotated, Any, Literal, NotRequired, Required, get_args, get_origin

import pytest
import yaml
from typer.testing import CliRunner
from typing_extensions import get_type_hints, is_typeddict

from careermap import schema
from careermap.cli import app

# Markup of every kind careermap writes, between two markers that say where it starts and ends:
# rich markup (styles, a stray closing tag, a hidden link, a Textual action, an emoji code),
# HTML (a script, a comment, a redirect, a style sheet, an entity), Markdown (a table row,
# emphasis, code, a heading), DOT and Mermaid quotes and braces.
PAYLOAD = (
    "Zq[bold]b[/] [/] [link=https://evil.example]l[/link] [@click=app.quit]c[/] :smile: "
    "<script>alert(1)</script> <!-- <meta http-equiv=refresh content=0> <style>*{}</style> "
    "| a | b | *x* _y_ `t` ~~s~~ # h &amp; \"q\" 'a' {b} \\ qZ"
)
START = "Zq"
# Text the renderers never show: the JSON Schema's address, which careermap ignores (and no
# export writes).
NOT_SHOWN = {("$schema",)}

BASE: dict[str, Any] = {
    "meta": {
        "name": "Base",
        "description": "About it",
        "source": "src",
        "evidence": {
            "records": 20,
            "people": 10,
            "since": "2020-01-01",
            "until": "2024-01-01",
            "min_people": 10,
            "method": "Aalen-Johansen",
        },
        "sources": [
            {
                "key": "src",
                "title": "Book",
                "author": "Ann",
                "url": "https://example.org",
                "published": "2026",
            }
        ],
        "scale_up": {"factor": 0.5, "source": "src", "note": "Faster"},
        "axes": {"x": "Talk", "y": "Build"},
    },
    "levels": [
        {"rank": 1, "name": "One", "code": "C1", "track": "eng", "band": 1},
        {"rank": 2, "name": "Two", "code": "C2", "track": "eng", "band": 2},
    ],
    "themes": [{"id": "craft", "name": "Craft", "about": "Making", "scale": ["Low", "High"]}],
    "roles": [
        {
            "id": "junior",
            "title": "Junior",
            "track": "eng",
            "levels": 1,
            "skills": {"hard": 2, "soft": 2},
            "aliases": ["Jr"],
            "description": "Starts",
            "source": "src",
            "entry": True,
            "terminal": False,
            "competencies": {"craft": 1},
            "expectations": {"craft": ["Ships"]},
        },
        {
            "id": "senior",
            "title": "Senior",
            "track": "eng",
            "levels": 2,
            "skills": {"hard": 6, "soft": 4},
            "competencies": {"craft": 2},
            "expectations": {"craft": ["Leads"]},
        },
        {
            "id": "sre",
            "title": "SRE",
            "track": "ops",
            "levels": 2,
            "skills": {"hard": 7, "soft": 2},
        },
    ],
    "moves": [
        {
            "from": "junior",
            "to": "senior",
            "kind": "upward",
            "years": [1, 3],
            "source": "src",
            "note": "Usually",
            "condition": "If asked",
            "rare": False,
            "evidence": {
                "people": 12,
                "moved": 10,
                "share": 0.8,
                "p10": 1.0,
                "median": 2.0,
                "p90": 2.5,
                "curve": [0.1, 0.3, 0.5, 0.7, 0.8, 0.8],
            },
        },
        {"from": "senior", "to": "junior", "kind": "downward", "years": [0, 1]},
    ],
    "companies": [
        {
            "id": "acme",
            "name": "Acme",
            "source": "src",
            "note": "Big",
            "ladders": [
                {
                    "track": "eng",
                    "shown_for": ["ops"],
                    "source": "src",
                    "rungs": [
                        {"code": "A1", "title": "Dev", "levels": 1, "source": "src"},
                        {"code": "A2", "title": "Senior Dev", "levels": 2},
                    ],
                }
            ],
        }
    ],
    "$schema": "https://example.org/schema.json",
}

FieldPath = tuple[str | int, ...]


def _walk(hint: Any, value: Any, path: FieldPath) -> Iterator[FieldPath]:
    """The paths of the text fields under ``hint`` (a schema annotation), following ``value``
    (the base ladder's value there) into lists and tables."""
    origin, args = get_origin(hint), get_args(hint)
    if origin in (NotRequired, Required):
        yield from _walk(args[0], value, path)
    elif origin is Annotated:
        if args[0] is str:
            if hint != schema.Slug:  # ids are checked against a pattern: never free text
                yield path
        else:
            yield from _walk(args[0], value, path)
    elif hint is str:
        raise AssertionError(f"{path}: free text without the schema's Text/Line/Prose")
    elif is_typeddict(hint):
        assert isinstance(value, dict), path
        for key, inner in get_type_hints(hint, include_extras=True).items():
            assert key in value, f"add {(*path, key)} to BASE, so that the field is tested"
            yield from _walk(inner, value[key], (*path, key))
    elif origin is list:
        assert isinstance(value, list) and value, path
        yield from _walk(args[0], value[0], (*path, 0))
    elif origin is dict:
        assert isinstance(value, dict) and value, path
        key = next(iter(value))
        yield from _walk(args[1], value[key], (*path, key))
    elif args and origin is not tuple and origin is not Literal:  # a union: the arm that fits
        for arm in args:
            fits = (
                (is_typeddict(arm) and isinstance(value, dict))
                or (get_origin(arm) is list and isinstance(value, list))
                or ((arm is str or get_args(arm)[:1] == (str,)) and isinstance(value, str))
            )
            if fits:
                yield from _walk(arm, value, path)
                return


def text_fields() -> list[FieldPath]:
    return list(_walk(schema.Document, BASE, ()))


FIELDS = text_fields()


def _name(path: FieldPath) -> str:
    return ".".join(str(part) for part in path if not isinstance(part, int))


def test_the_walk_finds_every_kind_of_text_field() -> None:
    names = {_name(path) for path in FIELDS}
    assert {
        "roles.title",
        "roles.aliases",
        "roles.expectations.craft",
        "levels.name",
        "levels.code",
        "themes.name",
        "themes.scale",
        "moves.condition",
        "moves.note",
        "companies.ladders.rungs.title",
        "meta.axes.x",
        "meta.sources.url",
    } <= names, sorted(names)
    assert len(FIELDS) >= 30


def hostile(path: FieldPath) -> dict[str, Any]:
    ladder = copy.deepcopy(BASE)
    *parents, last = path
    here: Any = ladder
    for part in parents:
        here = here[part]
    here[last] = PAYLOAD
    return ladder


# -- what each format may show, and how ------------------------------------------------------


def _whole(text: str, where: str, payload: str = PAYLOAD) -> list[str]:
    """Each place the payload starts in ``text`` must hold the whole payload, as it is."""
    return [
        f"{where}: {text[i : i + len(payload) + 10]!r}"
        for i in (m.start() for m in re.finditer(re.escape(START), text))
        if text[i : i + len(payload)] != payload
    ]


def _terminal_problems(text: str, where: str) -> list[str]:
    """As ``_whole``, where a table may have wrapped the text at a space (a long title)."""
    return _whole(" ".join(text.split()), where, " ".join(PAYLOAD.split()))


def _strings(value: Any) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for key, inner in value.items():
            yield str(key)
            yield from _strings(inner)
    elif isinstance(value, list):
        for inner in value:
            yield from _strings(inner)


def _data_problems(value: Any, where: str) -> list[str]:
    return [problem for text in _strings(value) for problem in _whole(text, where)]


class _Page(HTMLParser):
    """Elements, comments, attribute values and text (outside scripts and styles) of a page."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: dict[str, int] = {}
        self.comments = 0
        self.texts: list[str] = []
        self.attributes: list[str] = []
        self.raw = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags[tag] = self.tags.get(tag, 0) + 1
        self.attributes += [value or "" for _, value in attrs]
        self.raw += tag in ("script", "style")

    def handle_endtag(self, tag: str) -> None:
        self.raw -= tag in ("script", "style")

    def handle_comment(self, data: str) -> None:
        self.comments += 1

    def handle_data(self, data: str) -> None:
        if not self.raw:
            self.texts.append(data)


ACTIVE = ("script", "style", "meta", "link", "iframe", "object", "embed", "base", "img", "a")


def _page(text: str) -> _Page:
    page = _Page()
    page.feed(text)
    page.close()
    return page


def _html_problems(text: str, baseline: str, where: str) -> list[str]:
    page, base = _page(text), _page(baseline)
    problems = [
        f"{where}: {page.tags.get(tag, 0)} <{tag}> (without the payload {base.tags.get(tag, 0)})"
        for tag in ACTIVE
        if page.tags.get(tag, 0) > base.tags.get(tag, 0)
    ]
    if page.comments > base.comments:
        problems.append(f"{where}: a comment from the data")
    problems += _whole("".join(page.texts), where)
    for value in page.attributes:
        problems += _whole(value, f"{where} (attribute)")
    return problems


def _markdown_problems(text: str, where: str) -> list[str]:
    from markdown_it import MarkdownIt

    problems = []
    rows = [line for line in text.splitlines() if line.startswith("|")]
    cells = {len(re.findall(r"(?<!\\)\|", line)) for line in rows}
    if len(cells) > 1:
        problems.append(f"{where}: table rows of {sorted(cells)} pipes")
    parser = MarkdownIt("commonmark").enable(["table", "strikethrough"])
    tokens = parser.parse(text)
    kinds = {t.type for t in tokens} | {c.type for t in tokens for c in t.children or ()}
    problems += [f"{where}: {kind} from the data" for kind in kinds if kind.startswith("html")]
    return problems + _html_problems(parser.render(text), "", where)


def _svg_problems(text: str, where: str) -> list[str]:
    try:
        root = ET.fromstring(text)
    except ET.ParseError as error:
        return [f"{where}: not XML: {error}"]
    problems = [
        f"{where}: <{el.tag}>"
        for el in root.iter()
        if el.tag.rsplit("}", 1)[-1] in ("script", "style", "foreignObject", "a", "iframe")
    ]
    for el in root.iter():
        for part in (el.text or "", el.tail or "", *el.attrib.values()):
            problems += _whole(part, where)
    return problems


_DOT_QUOTED = re.compile(r'"(?:[^"\\]|\\.)*"')


def _dot_problems(text: str, where: str) -> list[str]:
    outside = _DOT_QUOTED.sub("", text)
    problems = [f"{where}: text outside a quoted string"] if START in outside else []
    for quoted in _DOT_QUOTED.findall(text):
        problems += _whole(re.sub(r"\\(.)", r"\1", quoted[1:-1]), where)
    return problems


def _mermaid_problems(text: str, where: str) -> list[str]:
    labels = re.findall(r'"([^"]*)"', text)
    outside = re.sub(r'"[^"]*"', "", text)
    problems = [f"{where}: text outside a label"] if START in outside else []
    for label in labels:
        label = label.replace("<br/>", "\n")
        if re.search("[<>`]", label):
            problems.append(f"{where}: markup in a label: {label[:60]!r}")
        problems += _whole(re.sub(r"#(\d+);", lambda m: chr(int(m.group(1))), label), where)
    return problems


def _graphml_problems(text: str, where: str) -> list[str]:
    try:
        root = ET.fromstring(text)
    except ET.ParseError as error:
        return [f"{where}: not XML: {error}"]
    listed = json.dumps(PAYLOAD, ensure_ascii=False)  # a list is written as JSON text
    return [
        problem
        for el in root.iter()
        for problem in _whole((el.text or "").replace(listed, PAYLOAD), where)
    ]


# -- the commands ----------------------------------------------------------------------------

TABLES = [
    ["roles"],
    ["roles", "--level", "1", "--company", "acme"],
    ["show", "junior"],
    ["show", "junior", "--company", "acme"],
    ["moves", "junior"],
    ["moves", "junior", "--into"],
    ["moves", "junior", "--company", "acme"],
    ["path", "junior", "senior"],
    ["path", "junior", "senior", "--plan", "--scale-up", "--company", "acme"],
    ["reach", "junior", "--within", "10"],
    ["reach", "--into", "senior"],
    ["compare", "junior", "senior", "--company", "acme"],
    ["levels"],
    ["titles", "junior"],
    ["map"],
    ["map", "--path", "junior", "senior"],
]
JSON = [
    ["roles", "--json"],
    ["show", "junior", "--json"],
    ["moves", "junior", "--json"],
    ["path", "junior", "senior", "--plan", "--json"],
    ["reach", "junior", "--within", "10", "--json"],
    ["compare", "junior", "senior", "--company", "acme", "--json"],
    ["levels", "--json"],
    ["titles", "junior", "--json"],
    ["map", "--path", "junior", "senior", "--json"],
]
MARKDOWN = [
    ["roles", "--markdown"],
    ["moves", "junior", "--markdown"],
    ["moves", "senior", "--markdown", "--into"],
    ["path", "junior", "senior", "--markdown", "--plan", "--scale-up"],
    ["map", "--path", "junior", "senior", "--markdown"],
]
runner = CliRunner()


def _run(data: Path, args: list[str], problems: list[str]) -> str:
    result = runner.invoke(app, ["--data", str(data), *args], env={"COLUMNS": "3000"})
    where = " ".join(args)
    if result.exit_code != 0 or "Traceback" in result.output or result.exception:
        problems.append(f"{where}: exit {result.exit_code}: {result.output[-300:]!r}")
        return ""
    return result.stdout


def _ladder_file(tmp_path: Path, ladder: dict[str, Any], name: str) -> Path:
    path = tmp_path / name
    path.write_text(json.dumps(ladder), encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def baseline_page(tmp_path_factory: pytest.TempPathFactory) -> str:
    data = _ladder_file(tmp_path_factory.mktemp("base"), BASE, "base.json")
    problems: list[str] = []
    page = _run(data, ["export", "--format", "html"], problems)
    assert not problems and START not in page, problems
    return page


@pytest.mark.parametrize("path", FIELDS, ids=[".".join(map(str, p)) for p in FIELDS])
def test_a_hostile_field_is_shown_as_text_by_every_command(
    path: FieldPath, tmp_path: Path, baseline_page: str
) -> None:
    data = _ladder_file(tmp_path, hostile(path), "hostile.json")
    problems: list[str] = []
    for args in TABLES:
        out = _run(data, args, problems)
        problems += _terminal_problems(out, " ".join(args))
    # Plain lines that name each scale's levels by the data's codes: validate's summary (its
    # last line; the warnings before it quote values as Python literals) and the notice of
    # an empty listing, on stderr.
    checked = runner.invoke(app, ["validate", str(data)])
    summary = checked.stdout.splitlines()[-1] if checked.stdout else ""
    empty = runner.invoke(app, ["--data", str(data), "roles", "--level", "99"])
    for where, done, text in (("validate", checked, summary), ("roles --level 99", empty, "")):
        if done.exit_code != 0 or done.exception:
            problems.append(f"{where}: exit {done.exit_code}: {done.output[-300:]!r}")
        problems += _terminal_problems(text or done.stderr, where)
    for args in JSON:
        out = _run(data, args, problems)
        problems += _data_problems(json.loads(out) if out else None, " ".join(args))
    for args in MARKDOWN:
        out = _run(data, args, problems)
        problems += _markdown_problems(out, " ".join(args))
    svg = tmp_path / "map.svg"
    _run(data, ["map", "--path", "junior", "senior", "--output", str(svg)], problems)
    if svg.exists():
        problems += _svg_problems(svg.read_text(encoding="utf-8"), "map --output")
    exports = {
        fmt: _run(data, ["export", "--format", fmt], problems)
        for fmt in ("json", "toml", "yaml", "mermaid", "dot", "graphml", "html")
    }
    problems += _data_problems(json.loads(exports["json"]), "export json")
    problems += _data_problems(tomllib.loads(exports["toml"]), "export toml")
    problems += _data_problems(yaml.safe_load(exports["yaml"]), "export yaml")
    problems += _mermaid_problems(exports["mermaid"], "export mermaid")
    problems += _dot_problems(exports["dot"], "export dot")
    problems += _graphml_problems(exports["graphml"], "export graphml")
    problems += _html_problems(exports["html"], baseline_page, "export html")
    checked = _run(data, ["validate", str(data)], problems)  # warnings quote the text
    problems += _whole(checked.replace(repr(PAYLOAD), PAYLOAD), "validate")
    assert problems == [], "\n".join(problems)
    # The field reached the user, whole: the data export holds every field, and the terminal
    # shows most (the walk cannot have put the payload where nothing reads it).
    if path not in NOT_SHOWN:
        assert PAYLOAD in _strings(json.loads(exports["json"]))


# -- very long words ---------------------------------------------------------------------------


def test_very_long_words_are_cut_before_rich_lays_them_out(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A word of thousands of characters (in a note, a title, a level's name...) is cut to
    MAX_WORD characters, the last an ellipsis, before rich wraps it: rich lays a word out in
    time that grows with the square of its length (a 100 KB word held a table for minutes).
    Bounded by what rich is handed, never by a clock."""
    from rich.text import Text

    from careermap.render.text import MAX_WORD

    handed: list[int] = []
    wrap = Text.wrap

    def spy(self: Text, *args: Any, **kwargs: Any) -> Any:
        handed.append(max(map(len, re.findall("w+…?", self.plain)), default=0))
        return wrap(self, *args, **kwargs)

    monkeypatch.setattr(Text, "wrap", spy)
    word = "w" * (10 * MAX_WORD)
    ladder = copy.deepcopy(BASE)
    ladder["roles"][1]["title"] = f"Senior {word}"
    ladder["roles"][0]["description"] = word
    ladder["moves"][0].update(note=word, source=word, condition=word)
    ladder["levels"][0]["name"] = word
    ladder["themes"][0]["name"] = word
    ladder["companies"][0]["name"] = word
    data = _ladder_file(tmp_path, ladder, "long.json")
    problems: list[str] = []
    shown = ""
    for args in TABLES:
        shown += _run(data, args, problems)
    assert problems == [], problems
    assert handed and max(handed) <= MAX_WORD
    assert "w" * (MAX_WORD - 1) + "…" in shown and word not in shown


@pytest.mark.parametrize("title", ["- Lead", "+ Lead", "1. Lead", "2) Lead"])
def test_a_title_that_starts_like_a_list_item_stays_text_in_markdown(
    title: str, tmp_path: Path
) -> None:
    """The Markdown lists ("1. Lead (One) to Senior...", "- Lead (`junior`, eng)...") start
    a line with the title: a title starting with a list mark must not open a nested list."""
    from markdown_it import MarkdownIt

    ladder = copy.deepcopy(BASE)
    ladder["roles"][0]["title"] = title
    data = _ladder_file(tmp_path, ladder, "list.json")
    problems: list[str] = []
    for args in (["path", "junior", "senior", "--markdown"], ["map", "--markdown"]):
        tokens = MarkdownIt("commonmark").parse(_run(data, args, problems))
        texts = [child.content for t in tokens for child in t.children or () if child.content]
        nested = [t.type for t in tokens if t.type.endswith("list_open") and t.level > 0]
        assert any(title in text for text in texts), (args, texts)
        assert nested == [], args  # the view's own lists, none inside them
    assert problems == []
