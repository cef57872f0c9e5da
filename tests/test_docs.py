"""The README stays true: every command is documented, and its set-up commands are the CI's."""

from __future__ import annotations

import re
from pathlib import Path

import typer.main

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


def test_readme_documents_the_exit_codes() -> None:
    for code in ("| 0 |", "| 1 |", "| 2 |"):
        assert code in README
