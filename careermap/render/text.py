"""Words and numbers every renderer shares: how years are written and the standing notes.

One place, so the terminal, Markdown, HTML and SVG say a route's years the same way.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from careermap.estimates import Estimate
    from careermap.graph import Route, RouteCount, RouteQuery
    from careermap.models import CareerMap, Move, Role, Theme


class NotRendered(Exception):
    """A renderer was asked for a result it has no form for (a usage error at the CLI)."""


ESTIMATE_NOTE = "Year ranges are estimates from the data, not promises."
COMPANY_NOTE = (
    "Company titles are approximate: they follow each company's published or reported ladder, "
    "mapped onto canonical levels (see the data's sources)."
)
MODEL_NOTE = (
    "Typical and P10-P90 assume each move's years are uniform on its range and independent."
)
KIND_MARK = {"upward": "↑", "lateral": "→", "downward": "↓"}


def format_years(years: float) -> str:
    """Years as people read them, one rule everywhere: at most one decimal, rounded half up,
    without a useless ``.0`` (18.0 -> "18", 6.5 -> "6.5", 4.875 -> "4.9")."""
    text = one_decimal(years)
    return text.removesuffix(".0")


def format_range(low: float, high: float) -> str:
    return format_years(low) if low == high else f"{format_years(low)}-{format_years(high)}"


UNKNOWN_RULE = (
    "Where the data gives no length for a move (or no maximum, 4+, or only a maximum, at "
    "most 2), the route shows what is known and no typical figure or P10-P90; such routes "
    "rank after every route whose years are known, fewer unknown moves first."
)


EVIDENCE_NOTE = (
    "A move with records (careermap calibrate) takes the years of the people who made it, "
    "from their cumulative incidence; a route adds its moves' distributions, independent."
)


def closing_notes(routes: Sequence[Route]) -> list[str]:
    """The standing notes under routes: estimates are not promises, how typical figures are
    modelled (where one is shown), and how unknown lengths are treated (where there are)."""
    notes = [ESTIMATE_NOTE]
    if any(route.complete and route.recorded < len(route.steps) for route in routes):
        notes.append(MODEL_NOTE)
    if any(route.recorded for route in routes):
        notes.append(EVIDENCE_NOTE)
    if not all(route.complete for route in routes):
        notes.append(UNKNOWN_RULE)
    return [" ".join(notes)]


def years_range(low: float | None, high: float | None) -> str:
    """A move's years as the data gives them: "3-8", "4+" (at least 4), "at most 2" or
    "unknown"."""
    if low is None:
        return "unknown" if high is None else f"at most {format_years(high)}"
    if high is None:
        return f"{format_years(low)}+"
    return format_range(low, high)


def route_total(route: Route) -> str:
    """A route's years, saying what is known and what is not: "6.5-18 years, typically 12.3
    years (P10-P90: 9.4-15.1)", "at least 7.5 years; 2 moves of unknown length", or (every
    move has a maximum, some no minimum) "at most 4 years (at least 1); 1 move with no known
    minimum". A move of no known minimum adds 0 to the least, as years are never negative."""
    estimate = route.estimate()
    if estimate is not None and route.recorded and route.max_years is None:
        return format_estimate(estimate)  # no stated range: the records' figures alone
    if route.max_years is not None and estimate is not None:
        return (
            f"{format_range(route.min_years, route.max_years)} years, {format_estimate(estimate)}"
        )
    missing = []
    if route.unknown_moves:
        missing.append(f"{count(route.unknown_moves, 'move')} of unknown length")
    if route.open_moves:
        missing.append(f"{count(route.open_moves, 'open-ended move')} with no known maximum")
    if route.at_most_moves:
        missing.append(f"{count(route.at_most_moves, 'move')} with no known minimum")
    least = format_years(route.min_years)
    if route.max_years is not None:
        known = f"at most {format_years(route.max_years)} years"
        known += f" (at least {least})" if route.min_years else ""
    else:
        known = f"at least {least} years" if route.min_years else "length unknown"
    return f"{known}; {', '.join(missing)}"


def format_estimate(estimate: Estimate) -> str:
    """``typically 12.2 years (P10-P90: 9.4-15.1)``: one decimal, as the model is rough."""
    return (
        f"typically {one_decimal(estimate.p50_years)} years "
        f"(P10-P90: {one_decimal(estimate.p10_years)}-{one_decimal(estimate.p90_years)})"
        f"{records_note(estimate)}"
    )


def records_note(estimate: Estimate) -> str:
    """``, from the records of 1,912 people`` where the figures come from records."""
    if not estimate.recorded:
        return ""
    if estimate.recorded == 1:
        return f", from the records of {estimate.people:,} people"
    return (
        f", from the records of at least {estimate.people:,} people for each of "
        f"{estimate.recorded} moves"
    )


def move_years(move: Move) -> str:
    """A move's years as the data states them, and its typical figure where it has records:
    "3-8", "unknown; typically 2.1 (P10-P90: 0.9-4.3), from the records of 2,393 people"."""
    stated = years_range(move.min_years, move.max_years)
    evidence = move.evidence
    if evidence is None or evidence.median is None or not evidence.chances:
        return stated
    p10, p90 = evidence.p10, evidence.p90
    spread = (
        f"P10-P90: {one_decimal(p10)}-{one_decimal(p90)}"
        if p10 is not None and p90 is not None
        else "P90 beyond the records"
    )
    recorded = (
        f"typically {one_decimal(evidence.median)} ({spread}), "
        f"from the records of {evidence.people:,} people"
    )
    return recorded if move.years is None else f"{stated}; {recorded}"


def one_decimal(years: float) -> str:
    """Rounded half up, as people expect (12.25 -> 12.3), not to the even neighbour."""
    return f"{math.floor(years * 10 + 0.5) / 10:.1f}"


# C0 and C1 control characters and DEL: never passed to a terminal or a file as they are.
_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f]")


def plain(text: str) -> str:
    """Text as data, never control: each control character (an escape sequence's ESC, a
    newline in a one-line field) is shown as its code, so nothing reaches a terminal or a
    file's grammar that the text did not visibly say."""
    return _CONTROL.sub(lambda match: f"\\x{ord(match.group()):02x}", text)


# A word longer than this is cut short at the terminal (ending in "…"): rich lays out a word
# in time that grows with the square of its length, and one 100 KB word in a note held a
# table for minutes. --json and the exports keep every word whole.
MAX_WORD = 200
_LONG_WORD = re.compile(rf"\S{{{MAX_WORD + 1},}}")


def terminal_text(text: str) -> str:
    """Text from the data as the terminal shows it: control characters as their codes
    (``plain``), and each word longer than ``MAX_WORD`` cut to ``MAX_WORD`` characters, the
    last an ellipsis. The one place the terminal's text is made safe and short enough."""
    return _LONG_WORD.sub(lambda match: match.group()[: MAX_WORD - 1] + "…", plain(text))


def markup_escape(text: str) -> str:
    """Text from the data as HTML or XML (the page and the SVG map): ``& < > " '`` as
    references, control characters as their codes, so the same text is safe as character
    data and as a quoted attribute value. The one escaping function of both; every string
    from the data written into either passes through it."""
    from html import escape

    return escape(plain(text), quote=True)


def move_footnote(move: Move) -> str:
    """What a move's years do not say: its condition and its note, in one line."""
    condition = f"condition: {move.condition}" if move.condition else ""
    return "; ".join(part for part in (condition, move.note or "") if part)


def count(number: int, singular: str, plural: str | None = None) -> str:
    """``1 move``, ``3 moves``, ``2 companies``, ``1,200 roles``."""
    return f"{number:,} {singular if number == 1 else plural or singular + 's'}"


def path_notes(
    cmap: CareerMap, query: RouteQuery, others: RouteCount | None, scale_up: float | None
) -> list[str]:
    """What the reader must know about the routes shown: adjustments, other routes."""
    notes = []
    if query.adjustments.years_in_role:
        spent = query.adjustments.years_in_role
        unit = "year" if spent == 1 else "years"
        notes.append(
            f"Counting {format_years(spent)} {unit} already spent as "
            f"{cmap.role(query.source).title}: the first move's range is "
            f"{format_years(spent)} {unit} shorter at both ends (never below 0)."
            + (
                " A first move with records takes the years of those still in the role then."
                if any(m.evidence is not None for m in cmap.moves_from(query.source))
                else ""
            )
        )
    if scale_up is not None:
        notes.append(
            f"Scale-up factor {scale_up:g} applied: every move takes "
            f"{scale_up:g}x its usual years (an assumption of the data, see meta)."
        )
    if others is not None and others.others:
        number = f"{others.others:,}" if others.complete else f"at least {others.others:,}"
        plural = "route exists" if others.others == 1 and others.complete else "routes exist"
        notes.append(f"{number} other {plural}; see them with --top N.")
    return notes


def diff_value(value: object, name: str = "") -> str:
    """A field's value in a diff: text as it is, years and numbers as people write them, the
    rest as compact JSON; "(none)" where the field is not set."""
    import json

    if value is None:
        return "(none)"
    if name == "years" and isinstance(value, list) and len(value) == 2:
        return f"{format_range(value[0], value[1])} years"
    if name == "years" and isinstance(value, dict) and set(value) == {"min"}:
        return f"{format_years(value['min'])}+ years"
    if isinstance(value, str):
        return value
    if isinstance(value, float):
        return f"{value:g}"
    return json.dumps(value, ensure_ascii=False, separators=(", ", ": "))


def diff_key(record: dict[str, object]) -> str:
    """A record as a reviewer names it: its id, a move's two ends, a level's track and rank."""
    if "from" in record:
        return f"{record['from']} -> {record['to']}"
    return " ".join(str(value) for value in record.values())


def diff_route(route: Route | None, other: Route | None = None) -> str:
    """A best route's years in a diff, and its roles when they differ from ``other``'s."""
    if route is None:
        return "no route"
    if route.complete:
        years = f"{years_range(route.min_years, route.max_years)} years"
    else:
        years = f"at least {format_years(route.min_years)} years"
    if other is not None and other.roles == route.roles:
        return years
    return f"{years} via {', '.join(route.roles[1:-1]) or 'no other role'}"


def _words(text: str) -> str:
    """Text as its words, lowercase, one space apart, padded (for whole-word containment)."""
    return " " + " ".join(re.findall(r"[^\W_]+", text.lower())) + " "


def _restates(text: str, step: str) -> bool:
    """Whether ``text`` says the step's words again: the step whole (of two words or more) or
    a run of four of its words."""
    words = _words(step).split()
    size = min(4, len(words))
    runs = {" ".join(words[i : i + size]) for i in range(len(words) - size + 1)}
    return size >= 2 and any(f" {run} " in _words(text) for run in runs)


def step_words(theme: Theme, role: Role) -> tuple[str | None, list[str]]:
    """A role's step in ``theme`` in the theme's words (None when no step is given, or when an
    expectation says its words again: the step whole or four words of it), and its expectations
    without repeats or any the step's words already say: one cell never shows the same words
    twice."""
    value = role.proficiency(theme.id)
    label = None if value is None else theme.label(value)
    shown: list[str] = []
    for text in role.expected(theme.id):
        said = [_words(other) for other in ([label] if label else []) + shown]
        if not any(_words(text) in other for other in said):
            shown.append(text)
    if label and any(_restates(text, label) for text in shown):
        label = None
    return label, shown
