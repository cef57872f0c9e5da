"""Maps already validated, remembered by the bytes of their file.

A CLI is used in bursts: the same ladder file is read many times a minute. The first read
validates it as usual; the checked map is then kept as JSON under the user's cache folder,
named by a hash of the file's bytes, its format and careermap's version, so any change to the
file (or an upgrade) validates again. A later read of the same bytes builds the map straight
from that JSON, without pydantic. Every failure here (no cache folder, no permission, a
damaged entry) only means validating again; set ``CAREERMAP_NO_CACHE=1`` to switch it off.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import tempfile
from pathlib import Path
from typing import Any

from careermap import __version__

FORMAT = 3  # bump when the stored shape changes (2: moves as rows; 3: v2 fields)


def cache_dir() -> Path | None:
    """Where entries live, or None when caching is off."""
    if os.environ.get("CAREERMAP_NO_CACHE"):
        return None
    explicit = os.environ.get("CAREERMAP_CACHE_DIR")
    if explicit:
        return Path(explicit)
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "careermap"


def _entry(raw: bytes, fmt: str) -> Path | None:
    folder = cache_dir()
    if folder is None:
        return None
    # The format is part of the key: the same bytes may be valid YAML and invalid TOML.
    digest = hashlib.sha256(f"{__version__}/{FORMAT}/{fmt}\n".encode() + raw).hexdigest()
    return folder / f"{digest}.json"


def recall(raw: bytes, fmt: str) -> dict[str, Any] | None:
    """The checked document of a file with these bytes in this format, if one was kept."""
    entry = _entry(raw, fmt)
    if entry is None:
        return None
    try:
        document = json.loads(entry.read_bytes())
    except (OSError, ValueError):
        return None
    return document if isinstance(document, dict) else None


def remember(raw: bytes, fmt: str, document: dict[str, Any]) -> None:
    """Keep the checked document of a file with these bytes (atomically, or not at all)."""
    entry = _entry(raw, fmt)
    if entry is None:
        return
    temporary = None
    try:
        entry.parent.mkdir(parents=True, exist_ok=True)
        descriptor, temporary = tempfile.mkstemp(dir=entry.parent, suffix=".tmp")
        with os.fdopen(descriptor, "w", encoding="utf-8") as handle:
            json.dump(document, handle, separators=(",", ":"))
        os.replace(temporary, entry)
    except OSError:
        if temporary is not None:
            with contextlib.suppress(OSError):
                os.unlink(temporary)
