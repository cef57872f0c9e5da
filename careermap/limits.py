"""The largest map careermap reads: what the loader refuses and the cache checks against."""

MAX_ROLES = 100_000
MAX_MOVES = 1_000_000
# The schema's ranges, here (with no import) so that the cache's re-check and the dataclasses'
# field rules (``models.Rule``) use the very numbers ``schema.py`` gives pydantic.
MAX_LEVEL = 99  # a level rank, at most
MAX_YEARS = 100  # a move's years, at most
MAX_CURVE = 2 * MAX_YEARS  # points of a move's cumulative curve, one each half year
ID_PATTERN = r"^[a-z0-9]+(-[a-z0-9]+)*$"  # an id: an ASCII slug
