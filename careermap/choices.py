"""The closed sets of values careermap knows, shared by the core and the command line."""

from __future__ import annotations

from enum import StrEnum


class Kind(StrEnum):
    """How a move changes a role's level: up, across (overlapping levels) or down."""

    lateral = "lateral"
    upward = "upward"
    downward = "downward"


class RankBy(StrEnum):
    """What routes are ranked by: best-case, typical or worst-case years, or moves."""

    min = "min"
    typical = "typical"
    max = "max"
    steps = "steps"


class ReachBy(StrEnum):
    """What ``reach`` measures years by."""

    min = "min"
    typical = "typical"


class ExportFormat(StrEnum):
    """``export --format``: the data formats, the graph formats, the web page and CSV."""

    json = "json"
    toml = "toml"
    yaml = "yaml"
    mermaid = "mermaid"
    dot = "dot"
    graphml = "graphml"
    html = "html"
    csv = "csv"


class DataFormat(StrEnum):
    """The formats a data file may be written in."""

    toml = "toml"
    yaml = "yaml"
    json = "json"


class ReportFormat(StrEnum):
    """``validate --format``: findings for people, or as GitHub Actions annotations."""

    text = "text"
    github = "github"
