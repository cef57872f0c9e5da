"""What the browser tests share: Debian's Chromium, started as this workplace allows (no
sandbox as root, no background requests), and where their screenshots go."""

from __future__ import annotations

from pathlib import Path

import pytest

CHROMIUM = Path("/usr/bin/chromium")
ARTIFACTS = Path(__file__).resolve().parent / "artifacts"
# Without the background-networking flags Chromium keeps trying hosts it cannot reach.
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]

# A module of browser tests: marked ``browser`` (.ci/run runs those on the README's Python
# only), and skipped where Debian's Chromium is missing.
BROWSER_MODULE = [
    pytest.mark.browser,
    pytest.mark.skipif(
        not CHROMIUM.exists(), reason="/usr/bin/chromium is missing (.ci/run installs it)"
    ),
]
