"""The README stays true: every command is documented, and its set-up commands are the CI's."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import typer.main

from careermap import errors
from careermap.cli import app

README = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")


def test_every_command_has_a_readme_section() -> None:
    group = typer.main.get_group(app)
    assert {"roles", "show", "moves", "path"} <= set(group.commands)
    for name in group.commands:
        assert re.search(rf"^### .*`careermap {name}\b", README, re.M), name


def test_readme_opens_with_the_install_and_test_commands() -> None:
    blocks = re.findall(r"```sh\n(.*?)```", README, re.S)
    main_job, test_job = (block.strip() for block in blocks[:2])
    assert "pip install ." in main_job
    assert main_job.endswith("careermap path senior-engineer director-of-tech")
    assert "pip install -e '.[dev]'" in test_job
    assert test_job.endswith("pytest")
    # They come before any other section.
    assert README.index(main_job) < README.index("## What it answers")


def test_readme_documents_every_exit_code_careermap_uses() -> None:
    """Each exit code an error class chooses has a row, and the row names that error."""
    rows = dict(re.findall(r"^\| (\d) \| (.+) \|$", README, re.M))
    assert rows["0"].startswith("success")
    words = {
        errors.DataError: "bad data",
        errors.NoRouteError: "no route",
        errors.OutputError: "output file cannot be written",
        errors.IncompleteDataError: "lacks what the command needs",
        errors.UsageError: "bad usage",
        errors.UnknownRoleError: "unknown or ambiguous role",
        errors.AmbiguousRoleError: "unknown or ambiguous role",
        # Exit 1; its README wording comes with the route-search README update.
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


def _console_examples() -> list[tuple[str, list[str]]]:
    """Each ``$ careermap ...`` line of the README's console blocks that runs on the shipped
    map alone, with the output lines the README shows for it ("..." lines left out)."""
    examples = []
    for block in re.findall(r"```console\n(.*?)```", README, re.S):
        lines = block.splitlines()
        starts = [i for i, line in enumerate(lines) if line.startswith("$ ")]
        for n, i in enumerate(starts):
            command = lines[i][2:]
            end = starts[n + 1] if n + 1 < len(starts) else len(lines)
            shown = [
                line.rstrip() for line in lines[i + 1 : end] if line.strip() not in ("", "...")
            ]
            needs_a_file = any(
                word in command for word in ("--data", "validate", "init", ">", "&&", "--output")
            )
            if command.startswith("careermap ") and shown and not needs_a_file:
                examples.append((command, shown))
    return examples


def test_the_readme_has_console_examples_to_check() -> None:
    assert len(_console_examples()) >= 8


@pytest.mark.parametrize(("command", "shown"), _console_examples(), ids=lambda x: str(x)[:50])
def test_readme_console_examples_print_what_the_readme_shows(
    command: str, shown: list[str]
) -> None:
    """Every output line the README shows is a line the command prints (at 100 columns)."""
    import shlex

    from typer.testing import CliRunner

    result = CliRunner().invoke(
        app, shlex.split(command)[1:], env={"COLUMNS": "100", "NO_COLOR": "1"}
    )
    printed = [line.rstrip() for line in (result.stdout + result.stderr).splitlines()]
    assert [line for line in shown if line not in printed] == []
