"""Starter data files for ``careermap init``: small, commented, and valid as written.

The TOML and YAML starters say the same thing with comments in each language's syntax (a test
checks they load to the same map); JSON has no comments, so it is the TOML starter's data.
"""

from __future__ import annotations

import json

SCHEMA_FILE = "careermap.schema.json"

STARTER_TOML = """\
# A careermap ladder: roles and the moves between them.
# Check it:   careermap validate FILE
# Use it:     careermap --data FILE roles     (or set CAREERMAP_DATA=FILE)
# Reference:  docs/data-format.md; JSON Schema: careermap schema

[meta]
name = "Our engineering ladder"
description = "Replace with what this ladder covers and who keeps it."
# source = "our career handbook"       # optional: the source of every role and move naming none
# [meta.axes]                          # optional: what the skills map's axes measure
# x = "scope"
# y = "technical depth"

# Optional: names for level ranks, shown instead of "L3" (and accepted by --level).
# [[levels]]
# rank = 3
# name = "Engineer 2"
# code = "E2"

# Optional: competency themes, for compare, path --plan and map --x/--y.
# [[themes]]
# id = "communication"
# name = "Communication"
# scale = ["Learning", "Practising", "Leading"]   # optional, lowest first

# One [[roles]] table per role.
[[roles]]
id = "engineer"                        # lowercase kebab-case, unique
title = "Software Engineer"
track = "engineering"                  # lowercase kebab-case
levels = 3                             # one level, or a range such as [6, 7]
skills = { hard = 2.0, soft = 1.0 }    # optional: 0-10 each, for careermap map
description = "Builds features within a team, with guidance."
source = "our career handbook"         # where this comes from
# track = ["engineering", "management"]  # a path several tracks share
# entry = true                         # a starting point: nothing leads into it, by design
# terminal = true                      # a level people stay in: no move out, by design
# competencies = { communication = 1 } # a position on each theme's scale
# expectations = { communication = ["Explains their work in the team's reviews"] }

[[roles]]
id = "senior-engineer"
title = "Senior Software Engineer"
track = "engineering"
levels = 4
skills = { hard = 3.5, soft = 2.0 }
description = "Leads features end to end and mentors others."
source = "our career handbook"

[[roles]]
id = "engineering-manager"
title = "Engineering Manager"
track = "management"
levels = 4
skills = { hard = 2.5, soft = 3.5 }
aliases = ["EM"]                       # optional: other names that find this role
description = "Runs one team: people, delivery and hiring."
source = "our career handbook"

# One [[moves]] table per move. kind is upward, lateral or downward, and must agree with
# the levels: upward goes to the same or a higher minimum level, lateral stays within
# overlapping levels.
[[moves]]
from = "engineer"
to = "senior-engineer"
kind = "upward"
years = [2, 4]                         # [min, max]; estimates, not promises
# years = { min = 4 }                  # "4+": at least 4 years; leave years out if unknown
# years = { max = 2 }                  # "within two years": at most 2, no known minimum
source = "our career handbook"
# condition = "by interview"           # what the move depends on
# rare = true                          # few make it; path --no-rare leaves it out

[[moves]]
from = "senior-engineer"
to = "engineering-manager"
kind = "lateral"
years = [0.5, 2]
source = "our career handbook"
note = "optional free text shown with the move"
"""

STARTER_YAML = f"""\
# yaml-language-server: $schema={SCHEMA_FILE}
# A careermap ladder: roles and the moves between them.
# Check it:   careermap validate FILE
# Use it:     careermap --data FILE roles     (or set CAREERMAP_DATA=FILE)
# Reference:  docs/data-format.md; JSON Schema: careermap schema > {SCHEMA_FILE}

meta:
  name: Our engineering ladder
  description: Replace with what this ladder covers and who keeps it.
  # source: our career handbook        # optional: the source of every role and move naming none
  # axes: {{x: scope, y: technical depth}}   # optional: what the map's axes measure

# levels:                              # optional: names for level ranks, shown instead of "L3"
#   - {{rank: 3, name: Engineer 2, code: E2}}
# themes:                              # optional: competencies, for compare and path --plan
#   - {{id: communication, name: Communication, scale: [Learning, Practising, Leading]}}

roles:
  - id: engineer                       # lowercase kebab-case, unique
    title: Software Engineer
    track: engineering                 # lowercase kebab-case
    levels: 3                          # one level, or a range such as [6, 7]
    skills: {{hard: 2.0, soft: 1.0}}     # optional: 0-10 each, for careermap map
    description: Builds features within a team, with guidance.
    source: our career handbook        # where this comes from
    # track: [engineering, management] # a path several tracks share
    # entry: true                      # a starting point: nothing leads into it, by design
    # terminal: true                   # a level people stay in: no move out, by design
    # competencies: {{communication: 1}} # a position on each theme's scale
  - id: senior-engineer
    title: Senior Software Engineer
    track: engineering
    levels: 4
    skills: {{hard: 3.5, soft: 2.0}}
    description: Leads features end to end and mentors others.
    source: our career handbook
  - id: engineering-manager
    title: Engineering Manager
    track: management
    levels: 4
    skills: {{hard: 2.5, soft: 3.5}}
    aliases: [EM]                      # optional: other names that find this role
    description: "Runs one team: people, delivery and hiring."
    source: our career handbook

# kind is upward, lateral or downward, and must agree with the levels: upward goes to the
# same or a higher minimum level, lateral stays within overlapping levels.
moves:
  - from: engineer
    to: senior-engineer
    kind: upward
    years: [2, 4]                      # [min, max]; estimates, not promises
    # years: {{min: 4}}                  # "4+": at least 4 years; leave years out if unknown
    # years: {{max: 2}}                  # "within two years": at most 2, no known minimum
    source: our career handbook
    # condition: by interview          # what the move depends on
    # rare: true                       # few make it; path --no-rare leaves it out
  - from: senior-engineer
    to: engineering-manager
    kind: lateral
    years: [0.5, 2]
    source: our career handbook
    note: optional free text shown with the move
"""


def starter(fmt: str) -> str:
    """The starter file in ``fmt`` (toml, yaml or json)."""
    if fmt == "toml":
        return STARTER_TOML
    if fmt == "yaml":
        return STARTER_YAML
    import tomllib

    document = {"$schema": SCHEMA_FILE, **tomllib.loads(STARTER_TOML)}
    return json.dumps(document, indent=2) + "\n"


def from_ladder(text: str, fmt: str, name: str) -> str:
    """A built-in ladder exported as ``text``, with a header (and schema line) where it fits."""
    from careermap.sources import DEFAULT_LADDER

    if fmt == "json":
        return text
    which = "The map careermap ships" if name == DEFAULT_LADDER else f"The built-in ladder {name}"
    asked = "default" if name == DEFAULT_LADDER else name
    header = (
        f"# {which}, written by `careermap init --from {asked}`.\n"
        "# Edit it into your own ladder, then: careermap validate FILE\n\n"
    )
    if fmt == "yaml":
        header = f"# yaml-language-server: $schema={SCHEMA_FILE}\n" + header
    return header + text
