"""The package's layers hold, lazy imports included: import-linter's contract in pyproject.toml
is kept, and it breaks on an upward import (so the check in CI can fail)."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
LINT = Path(sys.executable).with_name("lint-imports")

pytestmark = pytest.mark.skipif(not LINT.exists(), reason="import-linter is not installed")


def lint(package_root: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(LINT), "--config", str(ROOT / "pyproject.toml"), "--no-cache"],
        capture_output=True,
        text=True,
        cwd=package_root,
        env={"PYTHONPATH": str(package_root), "PATH": "/usr/bin:/bin"},
    )


def test_the_layers_contract_is_kept() -> None:
    done = lint(ROOT)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "1 kept, 0 broken" in done.stdout


def test_an_upward_import_inside_a_function_breaks_it(tmp_path: Path) -> None:
    shutil.copytree(ROOT / "careermap", tmp_path / "careermap")
    models = tmp_path / "careermap" / "models.py"
    models.write_text(
        models.read_text(encoding="utf-8")
        + "\n\ndef _upward() -> object:\n    from careermap import results\n\n    return results\n",
        encoding="utf-8",
    )
    done = lint(tmp_path)
    assert done.returncode == 1, done.stdout
    assert "careermap.models -> careermap.results" in done.stdout
