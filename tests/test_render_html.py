"""The shareable web page: its content, and how it renders in a real headless Chromium.

The browser tests need Debian's chromium (``.ci/run`` installs it); where it is missing they
skip with the reason. Each writes a screenshot under tests/artifacts/ to look at.
"""

from __future__ import annotations

import base64
import hashlib
import json
import re
import shutil
import subprocess
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from careermap.cli import app
from careermap.loader import load
from careermap.render.html import finder_data, render_page

runner = CliRunner()
ARTIFACTS = Path(__file__).resolve().parent / "artifacts"
CHROMIUM = next(
    (found for name in ("chromium", "chromium-browser") if (found := shutil.which(name))), None
)


def needs_chromium(test: Any) -> Any:
    """A test that opens the page in Chromium: marked ``browser``, skipped without Chromium."""
    skip = pytest.mark.skipif(
        CHROMIUM is None, reason="Chromium is not installed (.ci/run installs Debian's chromium)"
    )
    return pytest.mark.browser(skip(test))


class Page(HTMLParser):
    """What the tests look for in a page: element ids, links, tables, external references."""

    def __init__(self) -> None:
        super().__init__()
        self.ids: set[str] = set()
        self.articles: list[str] = []
        self.links: list[str] = []
        self.map_links: list[str] = []
        self.external: list[str] = []
        self.header_cells = 0
        self.scripts: list[dict[str, str]] = []
        self._in_svg = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {k: v or "" for k, v in attrs}
        if "id" in values:
            self.ids.add(values["id"])
        if tag == "article":
            self.articles.append(values.get("id", ""))
        if tag == "svg":
            self._in_svg += 1
        if tag == "a" and "href" in values:
            (self.map_links if self._in_svg else self.links).append(values["href"])
        if tag == "th":
            self.header_cells += 1
        if tag == "script":
            self.scripts.append(values)
        for key in ("src", "srcset", "data"):
            if values.get(key):
                self.external.append(values[key])
        if tag == "link" and values.get("rel") == "stylesheet":
            self.external.append(values.get("href", ""))

    def handle_endtag(self, tag: str) -> None:
        if tag == "svg":
            self._in_svg -= 1


def parse(html: str) -> Page:
    page = Page()
    page.feed(html)
    return page


def export_page(tmp_path: Path, *data: str) -> Path:
    target = tmp_path / "ladder.html"
    result = runner.invoke(app, [*data, "export", "--format", "html", "--output", str(target)])
    assert result.exit_code == 0, result.output
    return target


# -- content ---------------------------------------------------------------------------------


def test_page_has_a_section_per_role_linked_from_the_map(tmp_path: Path) -> None:
    cmap = load()
    page = parse(export_page(tmp_path).read_text(encoding="utf-8"))
    assert sorted(page.articles) == sorted(f"role-{role.id}" for role in cmap.roles)
    assert sorted(page.map_links) == sorted(f"#role-{role.id}" for role in cmap.roles)
    internal = [link[1:] for link in page.links + page.map_links if link.startswith("#")]
    assert internal and all(target in page.ids for target in internal)


def test_page_is_self_contained_and_semantic(tmp_path: Path) -> None:
    html = export_page(tmp_path).read_text(encoding="utf-8")
    page = parse(html)
    assert page.external == []
    # Three scripts, all inline: the map's data and the framework view's (JSON, never run),
    # and the route finder with the framework view's script.
    assert page.scripts == [
        {"type": "application/json", "id": "careermap-data"},
        {"type": "application/json", "id": "careermap-framework"},
        {},
    ]
    assert "@import" not in html
    assert not re.search(r"url\((?!#)", html)  # only references inside the page
    assert html.startswith('<!doctype html>\n<html lang="en">')
    assert "prefers-color-scheme: dark" in html
    assert page.header_cells > 50
    assert '<title id="map-title">' in html and '<desc id="map-desc">' in html
    for heading in ("Skills map", "Roles by level", "Typical routes", "Every role", "Sources"):
        assert f">{heading}</h2>" in html


def test_page_carries_meta_sources_and_the_estimates_note(tmp_path: Path) -> None:
    html = export_page(tmp_path).read_text(encoding="utf-8")
    assert "<h1>The Skills Map of Senior Tech Career Progression</h1>" in html
    assert "Estimates, not promises." in html
    assert "codecapsule.com/2021/07/15/the-skills-map-of-senior-tech-career-progression" in html
    assert "Emmanuel Goossaert" in html


def test_page_role_section_has_moves_titles_and_source(tmp_path: Path) -> None:
    html = export_page(tmp_path).read_text(encoding="utf-8")
    start = html.index('<article id="role-staff-engineer"')
    section = html[start : html.index("</article>", start)]
    assert "Moves out" in section and "Moves in" in section
    assert '<a href="#role-principal-engineer">Principal Engineer</a>' in section
    assert "3-8" in section  # every move in or out of Staff Engineer takes 3-8 years
    assert "L6 Staff Software Engineer" in section and "E6 Staff Software Engineer" in section
    assert "<dt>Source</dt><dd>reconstructed</dd>" in section


def test_routes_table_goes_from_entry_roles_to_the_tops(tmp_path: Path) -> None:
    html = export_page(tmp_path).read_text(encoding="utf-8")
    start = html.index('<section id="routes"')
    table = html[start : html.index("</section>", start)]
    rows = table.count("<tr>") - 1
    assert rows == 4 * 3  # L5 roles x tops (fellow, svp-of-tech, vp-of-product)
    assert "<td>12 years</td>" in table  # senior-engineer to fellow at best
    assert "Senior Engineer → Staff Engineer → Principal Engineer" in table


def test_page_embedded_svg_is_valid_xml(tmp_path: Path) -> None:
    html = export_page(tmp_path).read_text(encoding="utf-8")
    svg = html[html.index("<svg") : html.index("</svg>") + len("</svg>")]
    root = ET.fromstring(svg)
    assert root.tag.endswith("svg")


def test_html_export_refuses_to_overwrite(tmp_path: Path) -> None:
    target = export_page(tmp_path)
    result = runner.invoke(app, ["export", "--format", "html", "--output", str(target)])
    assert result.exit_code == 1
    assert "use --force" in result.stderr


# -- in a real browser -----------------------------------------------------------------------


@dataclass
class Rendered:
    dom: str
    console: list[str]
    requests: list[str] = field(default_factory=list)


def render(
    page: Path, tmp_path: Path, screenshot: Path | None = None, fragment: str = ""
) -> Rendered:
    """Load the page (at ``fragment``) in headless Chromium: its DOM, console messages and page
    requests."""
    assert CHROMIUM is not None
    netlog = tmp_path / "netlog.json"
    base = [
        CHROMIUM,
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        f"--user-data-dir={tmp_path / 'profile'}",
        "--enable-logging=stderr",
        "--v=0",
        "--window-size=1280,2200",
    ]
    done = subprocess.run(
        [*base, f"--log-net-log={netlog}", "--dump-dom", page.as_uri() + fragment],
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    console = [line for line in done.stderr.splitlines() if ":CONSOLE" in line]
    log = json.loads(netlog.read_text(encoding="utf-8"))
    start_job = log["constants"]["logEventTypes"]["URL_REQUEST_START_JOB"]
    requests = [
        event["params"].get("url", "")
        for event in log["events"]
        if event["type"] == start_job
        # Chromium's own background requests have no origin; a page's requests do.
        and event.get("params", {}).get("initiator") not in (None, "not an origin")
    ]
    if screenshot is not None:
        subprocess.run(
            [*base, f"--screenshot={screenshot}", page.as_uri() + fragment],
            capture_output=True,
            timeout=120,
            check=True,
        )
    return Rendered(done.stdout, console, requests)


@needs_chromium
def test_the_detector_sees_requests_and_console_errors(tmp_path: Path) -> None:
    """Guards the browser test below: a page that does fetch and fail is caught."""
    bad = tmp_path / "bad.html"
    bad.write_text(
        '<!doctype html><img src="http://127.0.0.1:9/x.png"><script>missing()</script>',
        encoding="utf-8",
    )
    rendered = render(bad, tmp_path)
    assert rendered.requests == ["http://127.0.0.1:9/x.png"]
    assert any("missing is not defined" in line for line in rendered.console)


@needs_chromium
@pytest.mark.parametrize("source", ["shipped", "init"])
def test_page_renders_in_chromium(source: str, tmp_path: Path) -> None:
    data: list[str] = []
    if source == "init":
        ladder = tmp_path / "my.yaml"
        assert runner.invoke(app, ["init", str(ladder)]).exit_code == 0
        data = ["--data", str(ladder)]
    cmap = load(ladder) if source == "init" else load()
    page = export_page(tmp_path, *data)
    ARTIFACTS.mkdir(exist_ok=True)
    screenshot = ARTIFACTS / f"ladder-{source}.png"
    rendered = render(page, tmp_path, screenshot)
    assert rendered.console == []
    assert rendered.requests == []
    dom = parse(rendered.dom)
    assert sorted(dom.articles) == sorted(f"role-{role.id}" for role in cmap.roles)
    assert sorted(dom.map_links) == sorted(f"#role-{role.id}" for role in cmap.roles)
    assert all(link[1:] in dom.ids for link in dom.map_links)
    assert screenshot.stat().st_size > 10_000


@needs_chromium
def test_the_route_finder_answers_from_its_link_and_fetches_nothing(tmp_path: Path) -> None:
    """The issue's check, in a plain Chromium run with its network log: the exported page
    opened at #from=senior-engineer&to=director-of-tech shows 6.5-18 years for the first
    route, logs nothing (no script error, no Content-Security-Policy refusal) and makes no
    request."""
    page = export_page(tmp_path)
    rendered = render(page, tmp_path, fragment="#from=senior-engineer&to=director-of-tech")
    assert rendered.console == []
    assert rendered.requests == []
    assert "<h4>Route 1: 6.5-18 years, typically 12.3 years (P10-P90: 9.4-15.1)</h4>" in (
        rendered.dom
    )


def test_page_allows_only_its_own_script() -> None:
    """A Content-Security-Policy that fetches nothing and runs only the inline finder, named
    by its SHA-256 hash; the data block is JSON that holds every role and move."""
    html = render_page(load())
    policy = re.search(r'<meta http-equiv="Content-Security-Policy" content="([^"]+)">', html)
    assert policy is not None
    rules = dict(rule.strip().split(" ", 1) for rule in policy.group(1).split(";"))
    script = html[html.index("<script>") + len("<script>") : html.index("</script>\n</body>")]
    digest = base64.b64encode(hashlib.sha256(script.encode()).digest()).decode()
    assert rules == {
        "default-src": "'none'",
        "style-src": "'unsafe-inline'",
        "script-src": f"'sha256-{digest}'",
        "base-uri": "'none'",
        "form-action": "'none'",
    }
    assert html.index("Content-Security-Policy") < html.index("<style>")
    start = html.index('<script type="application/json" id="careermap-data">')
    data = json.loads(html[html.index(">", start) + 1 : html.index("</script>", start)])
    cmap = load()
    assert [role["id"] for role in data["roles"]] == [role.id for role in cmap.roles]
    assert len(data["moves"]) == len(cmap.moves)
    assert "<noscript>" in html and 'id="finder-result" class="finder-result" aria-live' in html


def test_shipped_page_stays_under_250_kb() -> None:
    assert len(render_page(load()).encode("utf-8")) < 250_000


def test_finder_data_cannot_end_its_script_element() -> None:
    from careermap.models import CareerMap, Move, Role

    title = "</script><script>alert(1)</script><!-- & </SCRIPT >"
    cmap = CareerMap(
        (Role("a", title, ("t",), (3, 3)), Role("b", "B", ("t",), (4, 4))),
        (Move("a", "b", "upward", (1.0, None), note="</script>"),),
    )
    text = finder_data(cmap)
    assert "<" not in text and ">" not in text and "&" not in text
    data = json.loads(text)
    assert data["roles"][0]["title"] == title
    assert data["moves"][0]["note"] == "</script>" and data["moves"][0]["years"] == [1.0, None]
    html = render_page(cmap)
    assert html.count("</script>") == 3  # the data blocks' ends and the finder's


def test_page_without_skills_leaves_the_map_out(tmp_path: Path) -> None:

    from tests.conftest import MINI_TOML

    data = tmp_path / "mini.toml"
    data.write_text(MINI_TOML, encoding="utf-8")
    page = parse(export_page(tmp_path, "--data", str(data)).read_text(encoding="utf-8"))
    assert sorted(page.articles) == ["role-junior", "role-manager", "role-senior"]
    assert "map" not in page.ids
    internal = [link[1:] for link in page.links if link.startswith("#")]
    assert all(target in page.ids for target in internal)


def test_page_typical_years_round_as_the_cli_does(tmp_path: Path) -> None:
    html = export_page(tmp_path).read_text(encoding="utf-8")
    start = html.index('<a href="#role-svp-of-tech">', html.index('<section id="routes"'))
    row = html[html.rindex("<tr>", 0, start) : html.index("</tr>", start)]
    assert '<a href="#role-senior-engineer">' in row
    path = runner.invoke(app, ["path", "senior-engineer", "svp-of-tech"]).stdout
    typical = path.split("typically ")[1].split(" years")[0]
    assert typical == "23.3"  # 23.25, rounded half up as people expect
    assert f"<td>{typical} years</td>" in row


@pytest.mark.parametrize(("bound", "value"), [("PAGE_ROLES", 16), ("PAGE_MOVES", 10)])
def test_a_ladder_too_large_for_the_page_is_refused_before_any_work(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, bound: str, value: int
) -> None:
    """Past the page's bounds (here lowered below the shipped map's 17 roles and its moves):
    exit 1, one line naming the formats that take any map, and no file written."""
    from careermap import results

    monkeypatch.setattr(results, bound, value)
    page = tmp_path / "ladder.html"
    result = runner.invoke(app, ["export", "--format", "html", "--output", str(page)])
    assert result.exit_code == 1
    assert result.stderr.count("\n") == 1
    assert "the web page shows at most" in result.stderr
    assert "export it as json, toml, yaml, graphml, dot or mermaid instead" in result.stderr
    assert not page.exists()
    assert runner.invoke(app, ["export", "--format", "json"]).exit_code == 0


class Cells(HTMLParser):
    """The text of each competency cell: the matrix's steps, and each role's theme facts."""

    def __init__(self, themes: set[str]) -> None:
        super().__init__()
        self.themes = themes
        self.cells: list[str] = []
        self._matrix = False
        self._in: str | None = None  # "td", "dt" or "dd" being read
        self._text = ""
        self._term = ""

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "table":
            self._matrix = ("class", "matrix") in attrs
        if tag in ("dt", "dd") or (tag == "td" and self._matrix):
            self._in, self._text = tag, ""
        elif tag == "li" and self._in:
            self._text += " | "

    def handle_endtag(self, tag: str) -> None:
        if tag != self._in:
            return
        if tag == "dt":
            self._term = self._text
        elif tag == "td" or self._term in self.themes:
            self.cells.append(self._text)
        self._in = None

    def handle_data(self, data: str) -> None:
        if self._in:
            self._text += data


def _runs(text: str, size: int) -> list[str]:
    words = re.findall(r"[^\W_]+", text.lower())
    return [" ".join(words[i : i + size]) for i in range(len(words) - size + 1)]


@pytest.mark.parametrize("name", ["skills-map", "basecamp", "ft-engineering", "monzo-backend"])
def test_competency_cells_never_show_the_same_words_twice(name: str) -> None:
    """A cell gives a role's step in a theme's words and what the role is expected to do: where
    an expectation restates the step ("Onboards and mentors new engineers" twice, "Owns the
    strategy ...: Owns the strategy ..."), it is said once (issue 30), in the matrix and in the
    role's facts, on every gallery ladder with steps."""
    from careermap.gallery import ladder_files

    cmap = load(ladder_files()[name])
    parser = Cells({theme.name for theme in cmap.themes})
    parser.feed(render_page(cmap))
    assert len(parser.cells) > 20
    scales = [words for theme in cmap.themes for words in theme.scale]
    for cell in parser.cells:
        # The step is still said: in the theme's words, or as its number.
        assert (
            cell in ("-", "not given")
            or re.match(r"Step \d", cell)
            or any(cell.startswith(words) for words in scales)
        ), cell
        runs = _runs(cell, 4)
        assert len(runs) == len(set(runs)), cell
        for theme in cmap.themes:
            for words in theme.scale:
                said = " ".join(re.findall(r"[^\W_]+", words.lower()))
                if " " in said:
                    assert " ".join(_runs(cell, 1)).count(said) <= 1, cell
