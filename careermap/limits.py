"""The largest map careermap reads: what the loader refuses and the cache checks against."""

MAX_ROLES = 100_000
MAX_MOVES = 1_000_000
