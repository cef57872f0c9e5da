"""How long moves take, from people's records: ``careermap calibrate``.

A history is a CSV of who held which role from when to when (``person``, ``role``, ``start``,
``end``). Each person's spells, in date order, say what happened after each spell: a move to
the next spell's role, leaving (a last spell with an end), or nothing yet (a last spell
without one: still in the role on the as-of date, so *censored*). Out of each role, every move
and leaving are *competing* outcomes: the share of people who ever make a move is the
Aalen-Johansen cumulative incidence of that outcome, with the still-in-role censored, and the
years before it come from the same curve, normalised by that share. The estimators are
lifelines' (imported here only, by ``calibrate``: ``pip install 'careermap[evidence]'``).

No person id leaves this module: the records are read into spells keyed by the order people
first appear, and only counts, shares, years and curves come out.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace
from itertools import pairwise
from pathlib import Path
from typing import TYPE_CHECKING, Any

from careermap.errors import CareermapError, DataError, Finding

if TYPE_CHECKING:
    from careermap.models import CareerMap

REQUIRED_COLUMNS = ("person", "role", "start", "end")
DEFAULT_MIN_PEOPLE = 10
DAYS_A_YEAR = 365.25
MIN_YEARS = 1 / DAYS_A_YEAR  # a spell shorter than a day counts as a day
MAX_ERRORS = 50  # problems listed before "and N more"
MAX_BYTES = 1 << 30  # a history larger than this is refused, not read
INSTALL_LINE = "pip install 'careermap[evidence]'"
METHOD = (
    "Aalen-Johansen cumulative incidence per move (lifelines), leaving and the other moves "
    "out of the role competing, people still in the role censored"
)
LEFT, CENSORED = "", None  # the outcome of a last spell: left, or still in the role


class MissingDependencyError(CareermapError):
    """An optional dependency a command needs is not installed (exit 1, with the install line)."""


@dataclass(frozen=True)
class Spell:
    """Time in one role: from the CSV line ``line``; ``end`` None while still in it."""

    person: int  # the order the person first appears in: never their id
    role: str
    start: dt.date
    end: dt.date | None
    line: int


@dataclass(frozen=True)
class Outcome:
    """What became of one spell in a role: years in it and what ended it (a role id for a
    move, LEFT for leaving, CENSORED for still there on the as-of date)."""

    person: int
    years: float
    to: str | None


@dataclass(frozen=True)
class History:
    """The records read: how many, of how many people, the dates they span, and per role the
    outcome of every spell in it."""

    records: int
    people: int
    since: dt.date
    until: dt.date
    outcomes: dict[str, list[Outcome]]


@dataclass(frozen=True)
class MoveEvidence:
    """One move's figures (None under ``min_people``) and its curve: the cumulative share of
    the people in ``from_`` who have made it after 0.5, 1, 1.5, ... years."""

    from_: str
    to: str
    people: int
    moved: int
    share: float | None = None
    p10: float | None = None
    median: float | None = None
    p90: float | None = None
    curve: tuple[float, ...] = ()


@dataclass(frozen=True)
class Unlisted:
    """A move seen in the records that the ladder does not list: never added silently."""

    from_: str
    to: str
    people: int


@dataclass(frozen=True)
class Calibrated:
    """``calibrate``: the estimates, and the ladder with them on its moves (``cmap``)."""

    cmap: CareerMap
    file: str
    records: int
    people: int
    since: str
    until: str
    min_people: int
    moves: list[MoveEvidence]
    unlisted: list[Unlisted]


# -- reading the records ----------------------------------------------------------------------


def parse_date(text: str) -> dt.date | None:
    """``YYYY-MM-DD`` or ``YYYY-MM`` (the first of the month); None if it is neither."""
    text = text.strip()
    try:
        if len(text) == 7 and text[4] == "-":
            return dt.date(int(text[:4]), int(text[5:]), 1)
        if len(text) == 10 and text[4] == "-" and text[7] == "-":
            return dt.date.fromisoformat(text)
    except ValueError:
        return None
    return None


def read_history(path: Path, cmap: CareerMap, as_of: dt.date | None = None) -> History:
    """The records of ``path`` as spells, checked: every problem (a missing column, a date that
    cannot be, an end before its start, a person's overlapping spells, a role the ladder does
    not have) is one Finding naming its line; all of them are raised together."""
    name = str(path)
    try:
        if not path.is_file():  # a device or a pipe could be endless, or never answer
            raise DataError(Finding(name, "not a regular file; give a CSV file of records"))
        if path.stat().st_size > MAX_BYTES:
            raise DataError(Finding(name, f"larger than {MAX_BYTES >> 20} MiB; not read"))
        text = path.read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise DataError(Finding(name, f"not UTF-8 text ({exc.reason})")) from None
    except OSError as exc:
        raise DataError(Finding(name, f"cannot read: {exc.strerror or exc}")) from None
    problems: list[Finding] = []
    spells = list(_spells(name, text, cmap, problems))
    if not problems:
        _check_overlaps(name, spells, problems)
    if problems:
        shown = problems[:MAX_ERRORS]
        if len(problems) > MAX_ERRORS:
            shown.append(Finding(name, f"and {len(problems) - MAX_ERRORS} more problems"))
        raise DataError(shown)
    dates = [d for s in spells for d in (s.start, s.end) if d is not None]
    until = as_of or max(dates)
    seen = [s for s in spells if s.start <= until]  # what had begun by the as-of date
    if not seen:
        raise DataError(Finding(name, f"no record starts by the as-of date {until.isoformat()}"))
    return History(
        records=len(seen),
        people=len({s.person for s in seen}),
        since=min(s.start for s in seen),
        until=until,
        outcomes=_outcomes(spells, until),
    )


def _spells(name: str, text: str, cmap: CareerMap, problems: list[Finding]) -> Iterator[Spell]:
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        header = next(reader)
    except (StopIteration, csv.Error):
        problems.append(
            Finding(
                name,
                "empty file: expected a header naming the columns " + ", ".join(REQUIRED_COLUMNS),
                line=1,
            )
        )
        return
    columns = [column.strip().lower() for column in header]
    missing = [column for column in REQUIRED_COLUMNS if column not in columns]
    if missing:
        problems.append(
            Finding(
                name,
                f"missing column{'s' if len(missing) > 1 else ''} "
                f"{', '.join(missing)} in the header",
                line=1,
            )
        )
        return
    at = {column: columns.index(column) for column in REQUIRED_COLUMNS}
    people: dict[str, int] = {}
    roles: dict[str, tuple[str | None, str]] = {}
    seen = 0
    try:
        for row in reader:
            line = reader.line_num
            if not any(cell.strip() for cell in row):
                continue
            seen += 1
            if len(row) < len(columns):
                row = row + [""] * (len(columns) - len(row))
            person, role_name, start_text, end_text = (row[at[c]].strip() for c in REQUIRED_COLUMNS)
            if not person:
                problems.append(Finding(name, "no person", path="person", line=line))
                continue
            if role_name not in roles:
                roles[role_name] = _role(role_name, cmap)
            role, trouble = roles[role_name]
            if trouble:
                problems.append(Finding(name, trouble, "role", line))
            start = parse_date(start_text)
            end = parse_date(end_text) if end_text else None
            if start is None:
                problems.append(
                    Finding(
                        name, f"{start_text!r} is not a date (YYYY-MM-DD or YYYY-MM)", "start", line
                    )
                )
            if end_text and end is None:
                problems.append(
                    Finding(
                        name, f"{end_text!r} is not a date (YYYY-MM-DD or YYYY-MM)", "end", line
                    )
                )
            if start is not None and end is not None and end < start:
                problems.append(
                    Finding(name, f"ends ({end_text}) before it starts ({start_text})", "end", line)
                )
            if role is None or start is None or (end_text and end is None):
                continue
            yield Spell(people.setdefault(person, len(people)), role, start, end, line)
    except csv.Error as exc:
        problems.append(Finding(name, f"not CSV: {exc}", line=reader.line_num))
    if not seen and not problems:
        problems.append(Finding(name, "empty file: a header and no records", line=1))


def _role(role_name: str, cmap: CareerMap) -> tuple[str | None, str]:
    """The id of the ladder's role named ``role_name`` (id, title or alias), or None and why
    not ("did you mean")."""
    from careermap.errors import UsageError

    if not role_name:
        return None, "no role"
    try:
        return cmap.resolve(role_name).id, ""
    except UsageError as exc:
        return None, str(exc)


def _check_overlaps(name: str, spells: Sequence[Spell], problems: list[Finding]) -> None:
    """A person holds one role at a time: a spell that starts before the last one ended (or
    after one with no end) is a problem, named by both lines (never by the person)."""
    for person_spells in _by_person(spells).values():
        for before, after in pairwise(person_spells):
            if before.end is None or after.start < before.end:
                ends = "has no end" if before.end is None else f"ends {before.end.isoformat()}"
                problems.append(
                    Finding(
                        name,
                        f"overlaps line {before.line} of the same person, which {ends}; "
                        "a person holds one role at a time",
                        "start",
                        after.line,
                    )
                )


def _by_person(spells: Sequence[Spell]) -> dict[int, list[Spell]]:
    by_person: dict[int, list[Spell]] = {}
    for spell in spells:
        by_person.setdefault(spell.person, []).append(spell)
    for person_spells in by_person.values():
        person_spells.sort(key=lambda s: (s.start, s.line))
    return by_person


def _outcomes(spells: Sequence[Spell], until: dt.date) -> dict[str, list[Outcome]]:
    """Per role, what became of each spell in it, as seen on ``until``: consecutive spells
    in one role are one spell; a spell that starts after ``until`` is not seen."""
    outcomes: dict[str, list[Outcome]] = {}
    for person, person_spells in _by_person(spells).items():
        merged: list[Spell] = []
        for spell in person_spells:
            if spell.start > until:
                break
            if merged and merged[-1].role == spell.role:
                merged[-1] = replace(merged[-1], end=spell.end)
            else:
                merged.append(spell)
        for index, spell in enumerate(merged):
            following = merged[index + 1] if index + 1 < len(merged) else None
            end = spell.end if spell.end is not None and spell.end <= until else None
            if following is not None:
                to: str | None = following.role
                end = end or following.start
            elif end is not None:
                to = LEFT
            else:
                to, end = CENSORED, until
            years = max((end - spell.start).days / DAYS_A_YEAR, MIN_YEARS)
            outcomes.setdefault(spell.role, []).append(Outcome(person, years, to))
    return outcomes


# -- the estimates -------------------------------------------------------------------------


def calibrate(
    cmap: CareerMap,
    history: str | Path,
    *,
    as_of: str | dt.date | None = None,
    min_people: int = DEFAULT_MIN_PEOPLE,
) -> Calibrated:
    """The ladder's moves estimated from the records in ``history`` (see the module doc)."""
    from careermap.errors import UsageError

    if isinstance(as_of, str):
        parsed = parse_date(as_of)
        if parsed is None:
            raise UsageError(f"--as-of {as_of!r} is not a date (YYYY-MM-DD or YYYY-MM)")
        as_of = parsed
    if min_people < 1:
        raise UsageError(f"--min-people must be at least 1, not {min_people}")
    fitter = _aalen_johansen()
    records = read_history(Path(history), cmap, as_of)
    listed = {(m.from_, m.to) for m in cmap.moves}
    estimates: dict[tuple[str, str], MoveEvidence] = {}
    unlisted = []
    for role, outcomes in records.outcomes.items():
        people = len({o.person for o in outcomes})
        unresolved: float | None = None
        movers: dict[str, set[int]] = {}
        for outcome in outcomes:
            if outcome.to:
                movers.setdefault(outcome.to, set()).add(outcome.person)
        for to, persons in sorted(movers.items()):
            if (role, to) not in listed:
                unlisted.append(Unlisted(role, to, len(persons)))
        for move in cmap.moves_from(role):
            moved = len(movers.get(move.to, ()))
            found = MoveEvidence(role, move.to, people, moved)
            if moved >= min_people:
                if unresolved is None:
                    unresolved = _unresolved(outcomes)
                found = _figures(fitter, found, outcomes, unresolved)
            estimates[role, move.to] = found
    from careermap.models import Calibration, Evidence, Meta

    moves = []
    for move in cmap.moves:
        got = estimates.get((move.from_, move.to))
        if got is None:  # nobody seen in its first role
            got = estimates[move.from_, move.to] = MoveEvidence(move.from_, move.to, 0, 0)
        evidence = Evidence(
            got.people, got.moved, got.share, got.p10, got.median, got.p90, got.curve
        )
        moves.append(replace(move, evidence=evidence))
    since, until = records.since.isoformat(), records.until.isoformat()
    calibration = Calibration(records.records, records.people, since, until, min_people, METHOD)
    meta = cmap.meta or Meta(name=f"Ladder calibrated from {Path(history).name}")
    calibrated = replace(cmap, moves=moves, meta=replace(meta, evidence=calibration))
    return Calibrated(
        calibrated,
        str(history),
        records.records,
        records.people,
        since,
        until,
        min_people,
        [estimates[m.from_, m.to] for m in cmap.moves],
        sorted(unlisted, key=lambda u: (u.from_, u.to)),
    )


def _aalen_johansen() -> Any:
    """lifelines' AalenJohansenFitter class, or the line that installs it."""
    try:
        from lifelines import AalenJohansenFitter
    except ImportError:
        raise MissingDependencyError(
            f"calibrate needs the survival-analysis library lifelines: {INSTALL_LINE}"
        ) from None
    return AalenJohansenFitter


def _unresolved(outcomes: Sequence[Outcome]) -> float:
    """The share of people whose fate in the role the records do not settle: the Kaplan-Meier
    estimate of still being in it at the longest time anyone was seen there."""
    from lifelines import KaplanMeierFitter

    model = KaplanMeierFitter().fit(
        [o.years for o in outcomes], [o.to is not None for o in outcomes]
    )
    return float(model.survival_function_.iloc[-1, 0])


def _figures(
    fitter: Any, found: MoveEvidence, outcomes: Sequence[Outcome], unresolved: float
) -> MoveEvidence:
    """The move's share, quantiles and curve from the competing-risks estimate out of its role.

    The share is the cumulative incidence at the longest time seen: the people whose fate the
    records leave open (``unresolved``) may still make the move. A quantile is given only where
    the curve reaches it whatever they do (else None: the data cannot reach it)."""
    import warnings

    import numpy as np

    from careermap.models import CURVE_STEP
    from careermap.schema import MAX_CURVE, MAX_YEARS

    codes: dict[str | None, int] = {CENSORED: 0, LEFT: 1}
    events = np.array([codes.setdefault(o.to, len(codes)) for o in outcomes])
    years = np.array([o.years for o in outcomes])
    # Ties between outcomes of different kinds are broken by lifelines with a jitter far
    # under a day, from a fixed seed: the same records always give the same figures.
    model = fitter(seed=0, calculate_variance=False)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        model.fit(years, events, event_of_interest=codes[found.to])
    table = model.cumulative_density_
    times = np.asarray(table.index, dtype=float)
    cif = np.maximum.accumulate(np.clip(np.asarray(table.iloc[:, 0], dtype=float), 0.0, 1.0))
    share = float(cif[-1])
    if share <= 0:
        return found

    def at(t: float) -> float:
        return float(cif[max(int(np.searchsorted(times, t, side="right")) - 1, 0)])

    def quantile(q: float) -> float | None:
        if q * (share + unresolved) > share + 1e-9:
            return None  # beyond the records: later movers could still move it
        found = float(times[int(np.searchsorted(cif, q * share - 1e-12, side="left"))])
        return round(min(found, MAX_YEARS), 2)

    points = min(MAX_CURVE, max(1, int(np.ceil(float(years.max()) / CURVE_STEP))))
    curve = tuple(round(min(at((k + 1) * CURVE_STEP), share), 4) for k in range(points))
    return replace(
        found,
        share=round(share, 4),
        p10=quantile(0.1),
        median=quantile(0.5),
        p90=quantile(0.9),
        curve=curve,
    )
