"""``--json``: every result as plain data, in the shapes docs/json.md documents.

Each shape is built in exactly one function here; other renderers never build JSON. The
shapes are a contract with scripts: ``tests/test_golden.py`` pins them on the shipped map.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from careermap.models import Company, Move, Role, Rung, record_to
from careermap.render.dispatch import ByType
from careermap.results import (
    LevelsResult,
    MapDocument,
    MoveList,
    PathResult,
    ReachResult,
    RoleList,
    RoleView,
    Schema,
    SkillsMap,
    TitlesResult,
    ValidationReport,
    ValidationRun,
    Written,
)

if TYPE_CHECKING:
    from careermap.chance import ChanceResult
    from careermap.compare import Comparison
    from careermap.diff import LadderDiff
    from careermap.estimates import Estimate
    from careermap.evidence import Calibrated
    from careermap.framework import Assessment, Matrix
    from careermap.gallery import Gallery
    from careermap.graph import Reached, Route, Step
    from careermap.growth import ThemeChange
    from careermap.ladders import CompanyTitles, LevelRow, ScaleTable
    from careermap.models import CareerMap


shape: ByType[Any] = ByType("JSON shape")
"""The JSON value of a result (``emit`` dumps it)."""


@shape.register(RoleList)
def _(result: RoleList) -> Any:
    return [with_company(role, result.company, result.cmap) for role in result.roles]


@shape.register(RoleView)
def _(result: RoleView) -> Any:
    return {
        "role": with_company(result.role, result.company, result.cmap),
        "moves_out": [move_json(m) for m in result.moves_out],
        "moves_in": [move_json(m) for m in result.moves_in],
    }


@shape.register(MoveList)
def _(result: MoveList) -> Any:
    return [move_json(move) for move in result.moves]


@shape.register(PathResult)
def _(result: PathResult) -> Any:
    query, others = result.query, result.others
    return {
        "from": query.source,
        "to": query.target,
        "by": query.by,
        "constraints": query.options.as_json(),
        "years_in_role": query.adjustments.years_in_role,
        "scale_up_factor": result.scale_up,
        "other_routes": (
            {"count": others.others, "complete": others.complete} if others is not None else None
        ),
        "paths": [
            {**route_json(r), "plan": plan_json(result.cmap, r)} if result.plan else route_json(r)
            for r in result.routes
        ],
    }


@shape.register(ReachResult)
def _(result: ReachResult) -> Any:
    cmap = result.cmap
    return {
        "role": result.role.id,
        "count": max(result.total, len(result.found)),  # roles that qualify; "roles" lists
        "direction": "into" if result.into else "from",
        "within_years": result.within,
        "by": result.by,
        "roles": [_reached_json(cmap, item) for item in result.found],
        # Reachable only through moves whose length (by the measure) the data does not give.
        "unknown_count": max(result.unknown_total, len(result.unknown)),
        "unknown": [_reached_json(cmap, item) for item in result.unknown],
    }


def _reached_json(cmap: CareerMap, item: Reached) -> dict[str, Any]:
    """A role ``reach`` lists, with its route's totals."""
    return {
        "id": item.role,
        "title": cmap.role(item.role).title,
        "levels": list(cmap.role(item.role).levels),
        "steps": len(item.route.steps),
        "roles": item.route.roles,
        "min_years": years(item.route.min_years),
        "max_years": years(item.route.max_years),
        "p50_years": years(item.route.typical_years),
        "unknown_moves": item.route.unknown_moves,
        "open_moves": item.route.open_moves,
        "at_most_moves": item.route.at_most_moves,
    }


@shape.register(TitlesResult)
def _(result: TitlesResult) -> Any:
    role = result.role
    return {
        "role": role.id,
        "title": role.title,
        "levels": list(role.levels),
        "companies": [company_titles_json(entry) for entry in result.entries],
    }


@shape.register(LevelsResult)
def _(result: LevelsResult) -> Any:
    return {
        "tracks": [_levels_table(*table) for table in result.tables],
        "scales": None if result.scales is None else _scale_table(result.scales),
    }


def _scale_table(table: ScaleTable) -> dict[str, Any]:
    """The map's scales side by side: ``by`` band or rank, a row per band (or rank)."""
    return {
        "by": table.by,
        "scales": [scale.name for scale in table.scales],
        "rows": [
            {
                table.by: key,
                "levels": [[record_to(level) for level in cell] for cell in cells],
            }
            for key, cells in table.rows
        ],
    }


@shape.register("careermap.compare.Comparison")
def _(comparison: Comparison) -> Any:
    skills = comparison.skills_difference
    return {
        "a": role_json(comparison.a, comparison.cmap),
        "b": role_json(comparison.b, comparison.cmap),
        "level_difference": comparison.level_difference,
        "level_basis": comparison.level_basis,
        "skills_difference": {"hard": skills[0], "soft": skills[1]} if skills else None,
        "titles": [
            {
                "company": company.id,
                "name": company.name,
                "a": [rung_json(r) for r in a.rungs] if a else None,
                "b": [rung_json(r) for r in b.rungs] if b else None,
            }
            for company, a, b in comparison.titles
        ],
        "routes": {
            "a_to_b": route_json(comparison.a_to_b) if comparison.a_to_b else None,
            "b_to_a": route_json(comparison.b_to_a) if comparison.b_to_a else None,
        },
        "competencies": [change_json(c) for c in comparison.competencies],
        "expectations_new": comparison.expectations_new,
    }


@shape.register("careermap.framework.Matrix")
def _(result: Matrix) -> Any:
    return result.as_dict()


@shape.register("careermap.framework.Assessment")
def _(result: Assessment) -> Any:
    return result.as_dict()


def change_json(change: ThemeChange) -> dict[str, Any]:
    return {"theme": change.theme.id, "a": change.a, "b": change.b, "change": change.change}


def plan_json(cmap: CareerMap, route: Route) -> list[dict[str, Any]]:
    from careermap.growth import plan

    return [
        {
            "from": step.from_,
            "to": step.to,
            "grow": [{"theme": c.theme.id, "from": c.a, "to": c.b} for c in step.grow],
            "expectations_new": step.expectations_new,
        }
        for step in plan(cmap, route)
    ]


@shape.register(SkillsMap)
def _(result: SkillsMap) -> Any:
    """Each role's skills as the data gives them, and where the map draws it: roles that
    share a point are drawn a little apart, an offset that exists only to keep markers apart
    and is never data."""
    from careermap.skillsmap import positions

    placed = positions(result.cmap, result.roles)
    shaped = []
    for role in result.roles:
        skills = role.skills
        drawn = {"soft": placed[role.id][0], "hard": placed[role.id][1]}
        shaped.append(
            {
                "id": role.id,
                "title": role.title,
                "track": role.track,
                "levels": list(role.levels),
                "soft": skills.soft if skills else None,
                "hard": skills.hard if skills else None,
                "skills": {"hard": skills.hard, "soft": skills.soft} if skills else None,
                "drawn_at": drawn,
            }
        )
    left_off = [role.id for role in result.left_off]  # --x/--y: no step in both themes
    return {"roles": shaped, "route": result.route, "left_off": left_off}


@shape.register(MapDocument)
def _(result: MapDocument) -> Any:
    return result.cmap.to_document()


@shape.register(Written)
def _(result: Written) -> Any:
    return {
        "file": str(result.file),
        "format": result.format,
        "from": result.ladder,  # the built-in ladder copied; null for the starter
        "from_default": result.from_default,
    }


@shape.register(ValidationReport)
def _(report: ValidationReport) -> Any:
    return {
        "file": report.file,
        "valid": not report.failed,
        "errors": [f.as_json() for f in report.errors],
        "warnings": [w.as_json() for w in report.warnings],
        "summary": report.summary,
    }


@shape.register(ValidationRun)
def _(run: ValidationRun) -> Any:
    """``{"valid", "files": [report...]}``; one file's report keys at the top as well, so the
    one-file shape of earlier releases stays as it was."""
    files = [shape(report) for report in run.reports]
    single = files[0] if len(files) == 1 else {}
    return {**single, "valid": not run.failed, "files": files}


@shape.register("careermap.diff.LadderDiff")
def _(result: LadderDiff) -> Any:
    def route(found: Route | None) -> Any:
        if found is None:
            return None
        return {
            "roles": found.roles,
            "min_years": years(found.min_years),
            "max_years": years(found.max_years),
            "unknown_moves": found.unknown_moves,
            "open_moves": found.open_moves,
        }

    def key(record: dict[str, Any]) -> Any:  # an id where the kind has one, else the fields
        return record["id"] if list(record) == ["id"] else record

    sections = {
        kind: {
            "added": [key(record) for record in section.added],
            "removed": [key(record) for record in section.removed],
            "changed": [
                {
                    **change.key,
                    "changes": {
                        name: {"old": old, "new": new} for name, (old, new) in change.fields.items()
                    },
                }
                for change in section.changed
            ],
        }
        for kind, section in result.sections.items()
    }
    return {
        "old": result.old_file,
        "new": result.new_file,
        "changed": result.changed,
        **sections,
        "routes": [
            {"from": c.source, "to": c.target, "old": route(c.old), "new": route(c.new)}
            for c in result.routes
        ],
        "route_pairs": {"pairs": result.pairs, "compared": result.compared},
    }


@shape.register("careermap.gallery.Gallery")
def _(result: Gallery) -> Any:
    return [
        {"name": i.name, "title": i.title, "roles": i.roles, "moves": i.moves, "sources": i.sources}
        for i in result.ladders
    ]


@shape.register(Schema)
def _(result: Schema) -> Any:
    return result.document


# -- records ---------------------------------------------------------------------------------


def role_json(role: Role, cmap: CareerMap | None = None) -> dict[str, Any]:
    """A role's document form with every key, None included: one shape with ``export``,
    except that ``track`` is always the first track and ``tracks`` lists them all. With the
    map, also the role's level ``scale`` (None: the shared scale), the ``level`` as its scale
    writes it, and its ``band`` ([low, high], None where its levels have none)."""
    shaped = record_json(role, track={"track": role.track, "tracks": list(role.tracks)})
    if cmap is not None:
        scale = cmap.role_scale(role)
        bands = scale.bands(role.levels)
        shaped.update(
            scale=scale.name,
            level=cmap.role_levels(role, short=True),
            band=list(bands) if bands else None,
        )
    return shaped


def with_company(role: Role, company: Company | None, cmap: CareerMap) -> dict[str, Any]:
    """``role_json``, plus the company's titles for it when a company was asked for."""
    shaped = role_json(role, cmap)
    if company is not None:
        from careermap.ladders import titles_at

        entry = titles_at(company, role)
        shaped["company"] = company_titles_json(entry) if entry else None
    return shaped


YEARS_DECIMALS = 2  # years in JSON are rounded to this many decimals: no float noise


def years(value: float | None) -> float | None:
    """Years for JSON: rounded to ``YEARS_DECIMALS``; None (null) where the data gives none."""
    return None if value is None else round(value, YEARS_DECIMALS)


def record_json(record: Any, **instead: dict[str, Any]) -> dict[str, Any]:
    """A record's document form with every key, None included (in nested records too): one
    key per field, in field order, so a field added to a record is in ``--json`` with no
    change here. A key named in ``instead`` is replaced by the keys given for it."""
    shaped: dict[str, Any] = {}
    for key, value in record_to(record, keep_none=True).items():
        if key in instead:
            shaped.update(instead[key])
        else:
            shaped[key] = value
    return shaped


def move_json(move: Move) -> dict[str, Any]:
    """A move; ``max_years`` is null where it is open-ended ("4+"), ``min_years`` where it
    gives only a maximum ("at most 2"), both null where the data gives no duration."""
    spans = {"min_years": years(move.min_years), "max_years": years(move.max_years)}
    return record_json(move, years=spans)


def _estimate_json(estimate: Estimate | None) -> dict[str, float | None]:
    """Percentiles, or null for each where the years are not all known."""
    return {
        "p10_years": years(estimate.p10_years) if estimate else None,
        "p50_years": years(estimate.p50_years) if estimate else None,
        "p90_years": years(estimate.p90_years) if estimate else None,
    }


def step_json(step: Step) -> dict[str, Any]:
    """A move as taken on a route: its years after any adjustment, with percentiles."""
    return {
        **move_json(step.move),
        "min_years": years(step.min_years),
        "max_years": years(step.max_years),
        **_estimate_json(step.estimate()),
    }


def route_json(route: Route) -> dict[str, Any]:
    """A route's totals: ``min_years`` is a lower bound and the percentiles null unless
    every move's years are known (``unknown_moves``, ``open_moves`` and ``at_most_moves``
    count those that are not); ``max_years`` is null unless every move has a maximum."""
    return {
        "roles": route.roles,
        "steps": [step_json(step) for step in route.steps],
        "min_years": years(route.min_years),
        "max_years": years(route.max_years),
        **_estimate_json(route.estimate()),
        "unknown_moves": route.unknown_moves,
        "open_moves": route.open_moves,
        "at_most_moves": route.at_most_moves,
    }


def rung_json(rung: Rung) -> dict[str, Any]:
    return record_json(rung)


def company_titles_json(entry: CompanyTitles) -> dict[str, Any]:
    return {
        "company": entry.company.id,
        "name": entry.company.name,
        "track": entry.ladder.track,
        "rungs": [rung_json(rung) for rung in entry.rungs],
    }


def _levels_table(track: str, companies: list[Company], rows: list[LevelRow]) -> dict[str, Any]:
    return {
        "track": track,
        "companies": [company.id for company in companies],
        "levels": [
            {
                "level": row.level,
                "companies": {
                    company_id: [rung_json(rung) for rung in rungs]
                    for company_id, rungs in row.rungs.items()
                },
                "roles": [role.id for role in row.roles],
            }
            for row in rows
        ],
    }


@shape.register("careermap.evidence.Calibrated")
def _(result: Calibrated) -> Any:
    return {
        "records": result.records,
        "people": result.people,
        "since": result.since,
        "until": result.until,
        "min_people": result.min_people,
        "moves": [
            {
                "from": m.from_,
                "to": m.to,
                "people": m.people,
                "moved": m.moved,
                "share": m.share,
                "p10": years(m.p10),
                "median": years(m.median),
                "p90": years(m.p90),
            }
            for m in result.moves
        ],
        "unlisted": [{"from": u.from_, "to": u.to, "people": u.people} for u in result.unlisted],
    }


@shape.register("careermap.chance.ChanceResult")
def _(result: ChanceResult) -> Any:
    return {
        "from": result.source,
        "to": result.target,
        "within": result.within,
        "probability": round(result.probability, 4),
        "routes": [
            {"roles": route.roles, "probability": round(route.probability, 4)}
            for route in result.routes
        ],
        "model": result.model,
    }
