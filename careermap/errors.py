"""careermap's exceptions.

Every message held by these exceptions reaches the user as it is, so it must name the file,
the field and the ids involved. Only the CLI turns them into output and exit codes.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass


class CareermapError(Exception):
    """Base of every error careermap reports to a user; ``lines`` are printed one per line."""

    exit_code = 1

    def __init__(self, lines: str | Sequence[str]) -> None:
        self.lines: list[str] = [lines] if isinstance(lines, str) else list(lines)
        super().__init__("\n".join(self.lines))

    def __str__(self) -> str:  # the message as it is, even where a base (KeyError) quotes it
        return "\n".join(self.lines)


# How messages name an option: as the command line spells it (--max-steps) while the CLI runs a
# command, else as the Python API's parameter (max_steps). The CLI switches it on for its run.
_FLAGS: ContextVar[bool] = ContextVar("careermap_flags", default=False)


# Parameters whose command-line option is spelled otherwise than "--" + the name.
_FLAG_NAMES = {"tracks": "--track"}


def flag(name: str) -> str:
    """The command line's option for the parameter ``name`` (``max_steps`` -> ``--max-steps``)."""
    return _FLAG_NAMES.get(name, "--" + name.replace("_", "-"))


def option(name: str) -> str:
    """The option ``name`` (a parameter name, ``max_steps``) as the user who gave it wrote it."""
    return flag(name) if _FLAGS.get() else name


@contextmanager
def flags_spoken() -> Iterator[None]:
    """Within the block, messages name options as the command line spells them."""
    token = _FLAGS.set(True)
    try:
        yield
    finally:
        _FLAGS.reset(token)


@dataclass(frozen=True)
class Finding:
    """One problem in a data file: the file, where in it, what is wrong, what to do."""

    file: str
    message: str
    path: str | None = None
    line: int | None = None
    column: int | None = None
    hint: str | None = None

    def __str__(self) -> str:
        parts = [self.file]
        if self.line is not None:
            parts.append(
                f"line {self.line}" + (f", column {self.column}" if self.column is not None else "")
            )
        if self.path:
            parts.append(self.path)
        text = ": ".join([*parts, self.message])
        return f"{text} (hint: {self.hint})" if self.hint else text

    def as_json(self) -> dict[str, object]:
        return {
            "file": self.file,
            "line": self.line,
            "column": self.column,
            "path": self.path,
            "message": self.message,
            "hint": self.hint,
        }


class DataError(CareermapError):
    """A data file could not be read or is not a valid career map (exit 1)."""

    def __init__(self, findings: Finding | Sequence[Finding]) -> None:
        self.findings = [findings] if isinstance(findings, Finding) else list(findings)
        super().__init__([str(finding) for finding in self.findings])


class NoRouteError(CareermapError):
    """The question is well formed but the graph has no answer (exit 1)."""


class SearchLimitError(CareermapError):
    """A route search stopped at its work limit before it could answer (exit 1).

    Not "no route": routes may exist; a narrower question can be answered.
    """


class IncompleteDataError(CareermapError):
    """The data is valid but lacks what the command needs, such as skills for the map (exit 1)."""


class TooLargeError(CareermapError):
    """The ladder is larger than an output can show legibly or quickly (exit 1); the message
    says how to narrow it."""


class OutputError(CareermapError):
    """An output file cannot be written: it exists (without --force) or its folder does not."""


class UsageError(CareermapError):
    """The command line asks for something that does not exist (exit 2)."""

    exit_code = 2


class UnknownRoleError(UsageError, KeyError):
    """A role name matched no id, title or alias; carries the closest matches. Also a
    ``KeyError``, as a lookup by a name that does not exist is in Python."""

    def __init__(self, name: str, suggestions: Sequence[str]) -> None:
        self.name = name
        self.suggestions = list(suggestions)
        message = f"unknown role {name!r}"
        if self.suggestions:
            *others, last = self.suggestions
            quoted = f"{', '.join(others)} or {last}" if others else last
            message += f"; did you mean {quoted}?"
        else:
            message += "; run 'careermap roles' to list the roles"
        super().__init__(message)


class AmbiguousRoleError(UsageError):
    """A role name matched several roles; the user must pick one."""

    def __init__(self, name: str, candidates: Sequence[str]) -> None:
        self.name = name
        self.candidates = list(candidates)
        super().__init__(f"role {name!r} is ambiguous: it matches {', '.join(self.candidates)}")
