"""careermap: explore career paths in tech from a validated graph of roles and moves.

The library API is ``careermap.loader.load`` (a file, or the shipped map, to a validated
``careermap.models.CareerMap``) and ``careermap.graph.find_routes``. Importing this package
stays cheap: the heavy modules load only when used.
"""

import os

__version__ = "0.1.0"

# careermap uses no pydantic plugins, and looking for them reads the metadata of every
# installed package at each start; a user who sets the variable keeps their choice.
os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")
