"""careermap: explore career paths in tech from a validated graph of roles and moves.

The Python API, documented in docs/python-api.md::

    import careermap
    ladder = careermap.load()                  # the shipped map; careermap.load("my.toml")
    ladder.role("Senior SWE").title            # 'Senior Engineer': ids, titles, aliases
    routes = ladder.routes("senior-engineer", "director-of-tech", top=3)
    ladder.reach("senior-engineer", within=8)  # roles reachable within 8 years
    ladder.calibrate("history.csv")            # moves estimated from people's records
    ladder.assess({"tech-depth": 3})           # the roles you meet, the gaps to the next

Importing this package is cheap and changes nothing in the host process: every name below is
imported on first use (PEP 562), so pydantic, networkx and rich load only when needed.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

# name -> the module that defines it
_EXPORTS = {
    "load": "careermap.api",
    "Ladder": "careermap.api",
    "calibrate": "careermap.api",
    "validate": "careermap.results",
    "CareerMap": "careermap.models",
    "Role": "careermap.models",
    "Move": "careermap.models",
    "Skills": "careermap.models",
    "Company": "careermap.models",
    "Theme": "careermap.models",
    "Matrix": "careermap.framework",
    "Assessment": "careermap.framework",
    "Route": "careermap.graph",
    "Step": "careermap.graph",
    "Reached": "careermap.graph",
    "RouteOptions": "careermap.options",
    "RouteQuery": "careermap.graph",
    "Estimate": "careermap.estimates",
    "ValidationReport": "careermap.results",
    "CareermapError": "careermap.errors",
    "DataError": "careermap.errors",
    "Finding": "careermap.errors",
    "UsageError": "careermap.errors",
    "UnknownRoleError": "careermap.errors",
    "AmbiguousRoleError": "careermap.errors",
    "NoRouteError": "careermap.errors",
    "IncompleteDataError": "careermap.errors",
    "OutputError": "careermap.errors",
    "SearchLimitError": "careermap.errors",
    "TooLargeError": "careermap.errors",
}
# Public names whose definition has another name in its module.
_RENAMED = {"validate": "validation_report"}

__all__ = [
    "AmbiguousRoleError",
    "Assessment",
    "CareerMap",
    "CareermapError",
    "Company",
    "DataError",
    "Estimate",
    "Finding",
    "IncompleteDataError",
    "Ladder",
    "Matrix",
    "Move",
    "NoRouteError",
    "OutputError",
    "Reached",
    "Role",
    "Route",
    "RouteOptions",
    "RouteQuery",
    "SearchLimitError",
    "Skills",
    "Step",
    "Theme",
    "TooLargeError",
    "UnknownRoleError",
    "UsageError",
    "ValidationReport",
    "__version__",
    "calibrate",
    "load",
    "validate",
]

if TYPE_CHECKING:
    from careermap.api import Ladder, calibrate, load
    from careermap.errors import (
        AmbiguousRoleError,
        CareermapError,
        DataError,
        Finding,
        IncompleteDataError,
        NoRouteError,
        OutputError,
        SearchLimitError,
        TooLargeError,
        UnknownRoleError,
        UsageError,
    )
    from careermap.estimates import Estimate
    from careermap.framework import Assessment, Matrix
    from careermap.graph import Reached, Route, RouteQuery, Step
    from careermap.models import CareerMap, Company, Move, Role, Skills, Theme
    from careermap.options import RouteOptions
    from careermap.results import ValidationReport
    from careermap.results import validation_report as validate


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'careermap' has no attribute {name!r}")
    value = getattr(import_module(module), _RENAMED.get(name, name))
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(__all__)
