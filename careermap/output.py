"""Writing output files: never over an existing file without ``--force``, never half-written.

The text goes to a temporary file in the target's folder, which is then renamed into place,
so a write that fails (a full disk, a size limit, an interrupt) leaves the old file as it
was and no temporary file behind.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path

from careermap.errors import OutputError


def write_text(path: Path, text: str, force: bool = False) -> None:
    """Write ``text`` to a new file ``path``; replace an existing one only with ``force``."""
    try:
        if path.is_dir():
            raise OutputError(f"{path}: is a directory; give a file name")
        folder = path.parent
        if not folder.is_dir():
            raise OutputError(f"{path}: the folder {folder} does not exist")
        if path.exists() and not force:
            raise OutputError(f"{path}: exists; use --force to overwrite it")
        handle, temporary = tempfile.mkstemp(
            dir=folder, prefix=f".{path.name[:64]}.", suffix=".tmp"
        )
    except OSError as exc:
        raise OutputError(f"{path}: cannot write: {exc.strerror or exc}") from None
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="\n") as stream:
            stream.write(text)
        os.chmod(temporary, 0o666 & ~_umask())
        if force:
            os.replace(temporary, path)
        else:
            _rename_new(temporary, path)
    except FileExistsError:
        raise OutputError(f"{path}: exists; use --force to overwrite it") from None
    except OSError as exc:
        raise OutputError(f"{path}: cannot write: {exc.strerror or exc}") from None
    except UnicodeEncodeError as exc:
        raise OutputError(f"{path}: cannot write: the text holds {exc.reason}") from None
    finally:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(temporary)


def _rename_new(temporary: str, path: Path) -> None:
    """Move ``temporary`` to ``path`` only if nothing is there (a hard link cannot overwrite)."""
    try:
        os.link(temporary, path)
    except FileExistsError:
        raise
    except OSError:  # a file system without hard links: check, then rename
        if path.exists():
            raise FileExistsError(path) from None
        os.rename(temporary, path)


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask
