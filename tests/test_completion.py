"""Shell completion through the shells' own protocol (bash, zsh, fish): every value from the
ladder on the command line, in any case and from any word, never the file list where a value
from the data is expected."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

BASECAMP = str(Path(__file__).resolve().parent.parent / "data" / "ladders" / "basecamp.toml")


def complete(shell: str, line: str) -> list[str]:
    """What careermap offers for the last word of ``line`` (a trailing space: a new word)."""
    env = {**os.environ, "_CAREERMAP_COMPLETE": f"complete_{shell}"}
    if shell == "bash":
        words = line.split(" ")
        env.update(COMP_WORDS=line, COMP_CWORD=str(len(words) - 1))
    else:
        env["_TYPER_COMPLETE_ARGS"] = line
        if shell == "fish":
            env["_TYPER_COMPLETE_FISH_ACTION"] = "get-args"
    done = subprocess.run(
        [sys.executable, "-m", "careermap"], env=env, capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr
    out = done.stdout.strip()
    if shell == "zsh":  # _arguments '*: :(("a"\n"b"))'
        if not out.startswith("_arguments"):
            return []
        out = out.split("((", 1)[1].rsplit("))", 1)[0]
        return [value.strip('"') for value in out.splitlines()]
    return [value.split("\t")[0] for value in out.splitlines() if value]


@pytest.mark.parametrize("shell", ["bash", "zsh", "fish"])
@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("careermap show senior-e", ["senior-engineer", "senior-engineering-manager"]),
        ("careermap roles --track m", ["management"]),
        ("careermap titles staff-engineer --company goo", ["google", "Google"]),
        ("careermap --ladder bas", ["basecamp"]),
        (f"careermap --data {BASECAMP} map --x comm", ["communication"]),
        (
            f"careermap --data {BASECAMP} roles --level L",
            ["L1", "L2", "L3", "L4", "L5", "Mid-level", "Lead"],
        ),
    ],
)
def test_values_complete_from_the_ladder(shell: str, line: str, expected: list[str]) -> None:
    assert complete(shell, line) == expected


@pytest.mark.parametrize("shell", ["bash", "zsh", "fish"])
def test_titles_and_aliases_complete_in_any_case_and_from_any_word(shell: str) -> None:
    found = complete(shell, "careermap path em")
    assert any(value.strip('"') == "EM" for value in found), found
    found = [value.strip('"') for value in complete(shell, "careermap show sre")]
    assert {"Senior SRE", "Staff SRE"} <= set(found), found


def test_bash_gets_names_with_spaces_quoted() -> None:
    assert '"Staff SRE"' in complete("bash", "careermap show sre")
    assert "Staff SRE" in complete("zsh", "careermap show sre")


def test_a_broken_data_file_completes_nothing_rather_than_files(tmp_path: Path) -> None:
    broken = tmp_path / "broken.toml"
    broken.write_text("[[roles]]\n", encoding="utf-8")
    assert complete("bash", f"careermap --data {broken} show sen") == []


@pytest.mark.parametrize("shell", ["bash", "zsh", "fish"])
def test_the_completion_script_prints_for_each_shell(shell: str) -> None:
    env = {**os.environ, "_CAREERMAP_COMPLETE": f"source_{shell}"}
    done = subprocess.run(
        [sys.executable, "-m", "careermap"], env=env, capture_output=True, text=True
    )
    assert done.returncode == 0 and "careermap" in done.stdout
