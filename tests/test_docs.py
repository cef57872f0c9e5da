"""The docs stay true: the README is short and opens with CI's two commands, every command and
option has its place in docs/, and every console example in the README and docs/ runs and prints
what it shows, the ones that need a file included (their files are in tests/assets/docs/)."""

from __future__ import annotations

import os
import re
import shlex
import shutil
from pathlib import Path

import pytest
import typer.main
from typer.testing import CliRunner

from careermap import errors
from careermap.cli import app

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")
PAGES = {path.name: path.read_text(encoding="utf-8") for path in sorted(ROOT.glob("docs/*.md"))}
REFERENCE = PAGES["commands.md"] + PAGES["own-ladder.md"]
FILES = ROOT / "tests" / "assets" / "docs"


def _commands() -> dict[str, typer.core.TyperCommand]:
    return dict(typer.main.get_group(app).commands)


def test_the_readme_is_short_and_opens_with_the_install_and_test_commands() -> None:
    assert len(README.splitlines()) <= 300
    blocks = re.findall(r"```sh\n(.*?)```", README, re.S)
    main_job, test_job = (block.strip() for block in blocks[:2])
    assert "pip install ." in main_job
    assert main_job.endswith("careermap path senior-engineer director-of-tech")
    assert "pip install -e '.[dev]'" in test_job
    assert test_job.endswith("pytest")
    # They come before any other section.
    assert README.index(main_job) < README.index("## What it answers")


def test_every_docs_page_is_in_the_site_and_linked_from_the_readme() -> None:
    site = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    for name in PAGES:
        assert f": {name}" in site, name
        assert f"(docs/{name})" in README, name


def test_every_command_has_a_reference_section() -> None:
    commands = _commands()
    assert {"roles", "show", "moves", "path"} <= set(commands)
    for name in commands:
        assert re.search(rf"^## .*`careermap {name}\b", REFERENCE, re.M), name


def _section(name: str) -> str:
    """The reference text of one command: from its heading to the next heading of that level."""
    parts = re.split(r"^(?=## )", REFERENCE, flags=re.M)
    return "".join(part for part in parts if re.match(rf"## .*`careermap {name}\b", part))


def test_every_option_of_every_command_is_in_its_reference_section() -> None:
    """The reference is checked against what --help knows: a new option without a word in
    docs/commands.md (or own-ladder.md) fails here."""
    missing = []
    for name, command in _commands().items():
        section = _section(name)
        for param in command.params:
            # typer vendors click, so its options are not click.Option instances.
            if param.param_type_name != "option" or getattr(param, "hidden", False):
                continue
            longest = max(param.opts, key=len)
            if longest not in section and not _shared(longest):
                missing.append(f"{name} {longest}")
    assert missing == []


def _shared(option: str) -> bool:
    """Options documented once for every command that has them (Global options, JSON output)."""
    shared = {"--json": "json.md", "--markdown": "commands.md", "--company": "commands.md"}
    return option in shared and option in PAGES[shared[option]]


def test_the_docs_document_every_exit_code_careermap_uses() -> None:
    """Each exit code an error class chooses has a row, and the row names that error."""
    rows = dict(re.findall(r"^\| (\d) \| (.+) \|$", PAGES["json.md"], re.M))
    assert rows["0"].startswith("success")
    words = {
        errors.DataError: "bad data",
        errors.NoRouteError: "no route",
        errors.OutputError: "output file cannot be written",
        errors.IncompleteDataError: "lacks what the command needs",
        errors.UsageError: "bad usage",
        errors.UnknownRoleError: "unknown or ambiguous role",
        errors.AmbiguousRoleError: "unknown or ambiguous role",
        errors.SearchLimitError: "search stopped at its work limit",
        errors.TooLargeError: "too large for the output",
    }
    classes = [
        cls
        for cls in vars(errors).values()
        if isinstance(cls, type) and issubclass(cls, errors.CareermapError)
    ]
    assert set(classes) - {errors.CareermapError} == set(words)
    for cls, phrase in words.items():
        assert phrase in rows[str(cls.exit_code)], (cls.__name__, cls.exit_code)


def _console_blocks() -> list[tuple[str, list[tuple[str, list[str]]]]]:
    """Each console block of the README and docs/ as its ``$ careermap ...`` commands, each
    with the output lines the block shows for it ("..." lines left out)."""
    found = []
    for page, text in [("README.md", README), *PAGES.items()]:
        for number, block in enumerate(re.findall(r"```console\n(.*?)```", text, re.S)):
            lines = block.splitlines()
            starts = [i for i, line in enumerate(lines) if line.startswith("$ ")]
            commands = []
            for n, i in enumerate(starts):
                end = starts[n + 1] if n + 1 < len(starts) else len(lines)
                shown = [
                    line.rstrip() for line in lines[i + 1 : end] if line.strip() not in ("", "...")
                ]
                commands.append((lines[i][2:], shown))
            if any(command.startswith("careermap ") for command, _ in commands):
                found.append((f"{page}#{number}", commands))
    return found


def test_the_docs_have_console_examples_to_check() -> None:
    examples = [c for _, commands in _console_blocks() for c in commands]
    assert len(examples) >= 40
    assert sum(1 for command, shown in examples if shown) >= 12
    assert any("--data" in command for command, _ in examples)


@pytest.mark.parametrize(("where", "commands"), _console_blocks(), ids=lambda x: str(x)[:40])
def test_console_examples_run_and_print_what_the_docs_show(
    where: str, commands: list[tuple[str, list[str]]], tmp_path: Path
) -> None:
    """Every ``$ careermap`` line runs (in a folder holding the files the docs name), exits 0
    unless the docs show an error for it, and every output line shown is a line it prints (at
    100 columns)."""
    for path in FILES.iterdir():
        shutil.copy(path, tmp_path / path.name)
    runner = CliRunner()
    env = {"COLUMNS": "100", "NO_COLOR": "1", "CAREERMAP_CACHE_DIR": str(tmp_path / ".cache")}
    before = Path.cwd()
    os.chdir(tmp_path)
    try:
        for line, shown in commands:
            printed: list[str] = []
            failed = False
            for command in line.split(" && "):
                words = shlex.split(command, comments=True)
                if words[0] != "careermap":
                    continue
                result = runner.invoke(app, words[1:], env=env)
                assert "Traceback" not in result.stdout + result.stderr, (line, result.stderr)
                assert result.exception is None or isinstance(result.exception, SystemExit)
                failed = failed or result.exit_code != 0
                printed += [row.rstrip() for row in (result.stdout + result.stderr).splitlines()]
            shows_an_error = any(row.startswith("error:") for row in shown)
            assert failed == shows_an_error, (line, printed[-5:])
            assert [row for row in shown if row not in printed] == [], line
    finally:
        os.chdir(before)
