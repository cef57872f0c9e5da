"""The commands whose ``--json`` output is pinned byte for byte on the shipped map.

Shared by ``test_golden.py`` and by ``python -m tests.golden_cases --write``, which records
the files after a deliberate change of a JSON shape (say why in the commit).
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

GOLDEN = Path(__file__).parent / "golden"

CASES: list[list[str]] = [
    ["roles", "--json"],
    ["roles", "--level", "6", "--json"],
    ["roles", "--track", "management", "--company", "google", "--json"],
    ["show", "senior-engineer", "--json"],
    ["show", "staff-engineer", "--company", "meta", "--json"],
    ["moves", "senior-engineer", "--json"],
    ["moves", "director-of-tech", "--into", "--kind", "upward", "--json"],
    ["path", "senior-engineer", "director-of-tech", "--json"],
    ["path", "senior-engineer", "director-of-tech", "--top", "3", "--by", "typical", "--json"],
    ["path", "senior-engineer", "vp-of-tech", "--no-downward", "--track", "management", "--json"],
    ["path", "senior-engineer", "principal-engineer", "--via", "staff-sre", "--json"],
    ["path", "senior-engineer", "director-of-tech", "--avoid", "engineering-manager", "--json"],
    ["path", "senior-engineer", "director-of-tech", "--years-in-role", "1", "--json"],
    ["path", "senior-engineer", "director-of-tech", "--scale-up", "--max-steps", "4", "--json"],
    ["reach", "senior-engineer", "--within", "8", "--json"],
    ["reach", "--into", "director-of-tech", "--by", "typical", "--json"],
    ["titles", "staff-engineer", "--json"],
    ["levels", "--json"],
    ["levels", "--track", "management", "--company", "google", "--json"],
    ["compare", "staff-engineer", "engineering-manager", "--json"],
    ["compare", "senior-engineer", "director-of-tech", "--company", "amazon", "--json"],
    ["map", "--json"],
    ["map", "--path", "senior-engineer", "director-of-tech", "--json"],
    ["map", "--track", "engineering", "--json"],
    ["validate", "data/careermap.toml", "--json"],
    ["export", "--format", "json"],
    ["schema"],
]


def golden_name(args: list[str]) -> str:
    return re.sub(r"[^a-z0-9]+", "-", " ".join(args).lower()).strip("-") + ".json"


def run(args: list[str]) -> tuple[int, str]:
    from typer.testing import CliRunner

    from careermap.cli import app

    result = CliRunner().invoke(app, args, env={"COLUMNS": "120"})
    return result.exit_code, result.stdout


if __name__ == "__main__" and sys.argv[1:] == ["--write"]:
    GOLDEN.mkdir(exist_ok=True)
    for case in CASES:
        code, out = run(case)
        assert code == 0, (case, out)
        (GOLDEN / golden_name(case)).write_text(out, encoding="utf-8")
    print(f"wrote {len(CASES)} files to {GOLDEN}")
