"""``validate --format github``: findings as GitHub Actions workflow commands.

One ``::error file=PATH,line=N,col=C,title=careermap::MESSAGE`` (``::warning`` for a warning)
per finding, the format ruff's ``--output-format github`` prints, so a CI run marks the line in
the pull request. Values are escaped as the runner reads them (``%``, CR and LF in messages;
also ``:`` and ``,`` in properties), so no text from a ladder can end a command early or start
another.
"""

from __future__ import annotations

from careermap.errors import Finding
from careermap.render.dispatch import ByType
from careermap.render.text import count, plain
from careermap.results import ValidationRun


def _data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _property(text: str) -> str:
    return _data(text).replace(":", "%3A").replace(",", "%2C")


def annotation(level: str, finding: Finding) -> str:
    where = [f"file={_property(plain(finding.file))}"]
    if finding.line is not None:
        where.append(f"line={finding.line}")
        if finding.column is not None:
            where.append(f"col={finding.column}")
    where.append("title=careermap")
    message = ": ".join(part for part in (finding.path, finding.message) if part)
    if finding.hint:
        message += f" (hint: {finding.hint})"
    return f"::{level} {','.join(where)}::{_data(plain(message))}"


github_text: ByType[str] = ByType("GitHub annotations")


@github_text.register(ValidationRun)
def _(run: ValidationRun) -> str:
    lines = []
    for report in run.reports:
        lines += [annotation("error", finding) for finding in report.errors]
        lines += [annotation("warning", finding) for finding in report.warnings]
        state = "invalid" if report.errors else "failing (--strict)" if report.failed else "valid"
        found = f"{count(len(report.errors), 'error')}, {count(len(report.warnings), 'warning')}"
        lines.append(f"{plain(report.file)}: {state}: {found}")
    return "".join(f"{line}\n" for line in lines)
