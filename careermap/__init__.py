"""careermap: explore career paths in tech from a validated graph of roles and moves.

The library API is ``careermap.loader.load`` (a file, or the shipped map, to a validated
``careermap.models.CareerMap``) and ``careermap.graph.fastest_route``. Importing this package
stays cheap: the heavy modules load only when used.
"""

__version__ = "0.1.0"
