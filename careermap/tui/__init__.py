"""``careermap explore``: a full-screen Textual app over the same core API as the commands.

Only ``careermap explore`` imports this package (and so Textual): every other command starts
as fast as before.
"""
