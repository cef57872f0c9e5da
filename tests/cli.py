"""The one way tests run a command in-process: exit code, stdout, stderr, never a traceback."""

from __future__ import annotations

from typer.testing import CliRunner

from careermap.cli import app

runner = CliRunner()


def run(
    *args: str, env: dict[str, str] | None = None, input: str | bytes | None = None
) -> tuple[int, str, str]:
    """``careermap ARGS``: its exit code, stdout and stderr (a traceback fails the test)."""
    result = runner.invoke(app, list(args), env=env, input=input)
    assert "Traceback" not in result.output, result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(
        result.exception
    )
    return result.exit_code, result.stdout, result.stderr
