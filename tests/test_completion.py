"""Shell completion through the shells' own protocol (bash, zsh, fish): every value from the
ladder on the command line, in any case and from any word, never the file list where a value
from the data is expected."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

BASECAMP = str(Path(__file__).resolve().parent.parent / "data" / "ladders" / "basecamp.toml")


def completion_output(shell: str, line: str) -> str:
    """What careermap prints for the shell's completion function, for the last word of
    ``line`` (a trailing space: a new word)."""
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
    return done.stdout.strip()


def complete(shell: str, line: str) -> list[str]:
    """What careermap offers for the last word of ``line`` (a trailing space: a new word)."""
    out = completion_output(shell, line)
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
    assert any(value.strip("'") == "EM" for value in found), found
    found = [value.strip("'") for value in complete(shell, "careermap show sre")]
    assert {"Senior SRE", "Staff SRE"} <= set(found), found


@pytest.mark.parametrize("shell", ["bash", "zsh", "fish"])
@pytest.mark.parametrize(
    "line", ["careermap map --path senior-e", "careermap map --path staff-engineer senior-e"]
)
def test_map_path_completes_role_names_for_both_ends(shell: str, line: str) -> None:
    assert complete(shell, line) == ["senior-engineer", "senior-engineering-manager"]


def test_bash_gets_names_with_spaces_quoted() -> None:
    assert "'Staff SRE'" in complete("bash", "careermap show sre")
    assert "Staff SRE" in complete("zsh", "careermap show sre")


# A title that runs commands if a shell reads it unquoted, in double quotes, or in typer's
# escaping for zsh (which leaves a backslash alone).
HOSTILE = 'Lead $(touch PWNED1) `touch PWNED2` \\$(touch PWNED3) Dev\'s "q" & x; touch PWNED4'


@pytest.fixture
def hostile_ladder(tmp_path: Path) -> Path:
    data = tmp_path / "data" / "hostile.json"
    data.parent.mkdir()
    role = {"id": "lead", "track": "eng", "levels": 3, "aliases": [f"Alias {HOSTILE}"]}
    document = {
        "levels": [{"rank": 3, "name": f"Level {HOSTILE}"}],
        "roles": [{**role, "title": HOSTILE}],
        "companies": [
            {
                "id": "acme",
                "name": f"Acme {HOSTILE}",
                "ladders": [{"track": "eng", "rungs": [{"code": "A", "title": "T", "levels": 3}]}],
            }
        ],
    }
    data.write_text(json.dumps(document), encoding="utf-8")
    return data


def _bash(script: str, cwd: Path) -> str:
    done = subprocess.run(["bash", "-c", script], cwd=cwd, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    return done.stdout


@pytest.mark.parametrize(
    ("words", "expected"),
    [
        ("show dev", HOSTILE),
        ("show alias", f"Alias {HOSTILE}"),
        ("roles --level level", f"Level {HOSTILE}"),
        ("roles --company acme", f"Acme {HOSTILE}"),
    ],
)
def test_a_completed_title_is_one_word_in_bash_and_runs_nothing(
    hostile_ladder: Path, tmp_path: Path, words: str, expected: str
) -> None:
    """bash puts a completion on the command line as it is: pressing Enter then must pass
    the title as one argument, and run nothing."""
    offered = complete("bash", f"careermap --data {hostile_ladder} {words}")
    [value] = [v for v in offered if v.lstrip("'\"").startswith(expected.split()[0])]
    shown = _bash(f'set -- {value}; printf \'%s|%s\' "$#" "$1"', tmp_path)
    assert shown == f"1|{expected}"
    assert not list(tmp_path.glob("PWNED*"))


def test_zsh_completion_of_a_title_runs_nothing(hostile_ladder: Path, tmp_path: Path) -> None:
    """zsh runs ``eval`` on typer's output, and ``_arguments`` runs ``eval`` on the list in
    it; the same two steps in bash (their quoting rules agree here) must run nothing and give
    the title's words back."""
    output = tmp_path / "completion.txt"
    output.write_text(completion_output("zsh", f"careermap --data {hostile_ladder} show dev"))
    script = (
        "_arguments() { local a=${1#'*: :(('}; a=${a%'))'}; eval \"ws=( $a )\"; "
        "printf '%s\\n' \"${ws[@]}\"; }; eval $(cat completion.txt)"
    )
    shown = _bash(script, tmp_path).splitlines()
    assert not list(tmp_path.glob("PWNED*"))
    # Quotes are lost (typer writes ' as '' and " as "", which close and reopen the quoting);
    # everything else is the title, as text.
    assert HOSTILE.replace("'", "").replace('"', "") in shown, shown


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
