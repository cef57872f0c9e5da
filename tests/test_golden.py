"""``--json`` shapes are a contract: on the shipped map they stay byte for byte the same.

A deliberate change of a shape re-records the files (``python -m tests.golden_cases --write``)
and says so in its commit and in the README.
"""

from __future__ import annotations

import pytest

from tests.golden_cases import CASES, GOLDEN, golden_name, run


@pytest.mark.parametrize("args", CASES, ids=lambda args: " ".join(args)[:60])
def test_json_output_is_unchanged(args: list[str]) -> None:
    code, out = run(args)
    assert code == 0, out
    assert out == (GOLDEN / golden_name(args)).read_text(encoding="utf-8")
