"""Writing output files: never over an existing file without ``--force``, never half-written.

A regular file is written to a temporary file in its folder, which is then renamed into
place, so a write that fails (a full disk, a size limit, an interrupt) leaves the old file as
it was and no temporary file behind. ``--force`` over a file keeps its permissions (and, where
allowed, its owner); over a symbolic link it replaces the file the link points to and keeps
the link. A pipe, a terminal or another character device (``/dev/null``), and a name for one
of careermap's own descriptors (``/dev/stdout``), are written into, never replaced; a pipe
nobody reads is an error at once, not a wait.
"""

from __future__ import annotations

import contextlib
import errno
import os
import re
import stat
import tempfile
from pathlib import Path

from careermap.errors import OutputError

_NONBLOCK = getattr(os, "O_NONBLOCK", 0)  # POSIX; elsewhere there are no FIFOs to wait on
_NOCTTY = getattr(os, "O_NOCTTY", 0)
# Names of an open descriptor of this process: writing to one is writing to that descriptor.
_DESCRIPTOR = re.compile(r"/dev/(?:fd/(\d+)|(stdout)|(stderr))|/proc/(?:self|(\d+))/fd/(\d+)")
_MAX_LINKS = 40  # as the kernel's limit on symbolic links followed in one lookup


def write_text(path: Path, text: str, force: bool = False) -> None:
    """Write ``text`` to a new file ``path``; replace an existing one only with ``force``."""
    try:
        data = text.encode("utf-8")
    except UnicodeEncodeError as exc:
        raise OutputError(f"{path}: cannot write: the text holds {exc.reason}") from None
    try:
        if path.is_dir():
            raise OutputError(f"{path}: is a directory; give a file name")
        exists = os.path.lexists(path)
        if not exists and not path.parent.is_dir():
            raise OutputError(f"{path}: the folder {path.parent} does not exist")
        if exists and not force:
            raise OutputError(f"{path}: exists; use --force to overwrite it")
        if not exists:
            _write_new(path, data)
            return
        descriptor = _descriptor(path)
        if descriptor is not None:
            _write_descriptor(descriptor, data)
            return
        try:
            info = os.stat(path)
        except FileNotFoundError:  # a link to nothing: the file it names is created
            _replace(Path(os.path.realpath(path)), data, None)
            return
        if stat.S_ISREG(info.st_mode):
            _replace(Path(os.path.realpath(path)), data, info)
        elif stat.S_ISFIFO(info.st_mode) or stat.S_ISCHR(info.st_mode):
            _write_into(path, data, is_pipe=stat.S_ISFIFO(info.st_mode))
        else:
            raise OutputError(
                f"{path}: is not a regular file, a pipe or a terminal; "
                "careermap does not write onto it"
            )
    except OutputError:
        raise
    except OSError as exc:
        raise OutputError(f"{path}: cannot write: {exc.strerror or exc}") from None


def _write_new(path: Path, data: bytes) -> None:
    """A new file, with the usual permissions, only if nothing appeared at ``path`` meanwhile."""
    temporary = _temporary(path, data, 0o666 & ~_umask(), None)
    try:
        _rename_new(temporary, path)
    except FileExistsError:
        raise OutputError(f"{path}: exists; use --force to overwrite it") from None
    finally:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(temporary)


def _replace(target: Path, data: bytes, old: os.stat_result | None) -> None:
    """Replace the regular file ``target`` (or create it) in one rename, keeping the old
    file's mode, and its owner and group where careermap may set them."""
    mode = stat.S_IMODE(old.st_mode) if old is not None else 0o666 & ~_umask()
    temporary = _temporary(target, data, mode, old)
    try:
        os.replace(temporary, target)
    finally:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(temporary)


def _temporary(target: Path, data: bytes, mode: int, old: os.stat_result | None) -> str:
    """A complete temporary copy of ``data`` next to ``target``, with ``mode``."""
    handle, temporary = tempfile.mkstemp(
        dir=target.parent, prefix=f".{target.name[:64]}.", suffix=".tmp"
    )
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
        if old is not None and hasattr(os, "chown"):
            new = os.stat(temporary)
            if (new.st_uid, new.st_gid) != (old.st_uid, old.st_gid):
                with contextlib.suppress(OSError):  # only root may give a file away
                    os.chown(temporary, old.st_uid, old.st_gid)
        os.chmod(temporary, mode)  # after chown, which clears set-id bits
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(temporary)
        raise
    return temporary


def _write_into(path: Path, data: bytes, is_pipe: bool) -> None:
    """Write into a pipe or a character device, as ``echo > path`` would; never wait for a
    pipe's reader: a pipe that nobody reads is an error at once."""
    try:
        handle = os.open(path, os.O_WRONLY | _NONBLOCK | _NOCTTY)
    except OSError as exc:
        if exc.errno == errno.ENXIO and is_pipe:
            raise OutputError(f"{path}: no program is reading this pipe; start it first") from None
        raise
    try:
        opened = os.fstat(handle)
        if not (stat.S_ISFIFO(opened.st_mode) or stat.S_ISCHR(opened.st_mode)):
            raise OutputError(f"{path}: changed while careermap wrote it; nothing was written")
        if _NONBLOCK:  # the reader is there: wait for it as any writer would
            os.set_blocking(handle, True)
        _write_all(handle, data)
    finally:
        os.close(handle)


def _write_descriptor(descriptor: int, data: bytes) -> None:
    """Write to one of careermap's own open descriptors (``/dev/stdout``): where it points,
    at its position, as a shell's ``>`` to it does, whatever file it is."""
    handle = os.dup(descriptor)
    try:
        _write_all(handle, data)
    finally:
        os.close(handle)


def _write_all(handle: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        view = view[os.write(handle, view) :]


def _descriptor(path: Path) -> int | None:
    """The descriptor of this process that ``path`` names (``/dev/stdout``, ``/dev/fd/1``,
    ``/proc/self/fd/1``, or a symbolic link to one of those), or None."""
    name = os.path.abspath(path)
    for _ in range(_MAX_LINKS):
        found = _DESCRIPTOR.fullmatch(name)
        if found:
            fd, out, err, pid, proc_fd = found.groups()
            if pid is not None and int(pid) != os.getpid():
                return None
            return 1 if out else 2 if err else int(fd if fd is not None else proc_fd)
        if not os.path.islink(name):
            return None
        name = os.path.normpath(os.path.join(os.path.dirname(name), os.readlink(name)))
    return None


def _rename_new(temporary: str, path: Path) -> None:
    """Move ``temporary`` to ``path`` only if nothing is there (a hard link cannot overwrite)."""
    try:
        os.link(temporary, path)
    except FileExistsError:
        raise
    except OSError:  # a file system without hard links: check, then rename
        if os.path.lexists(path):
            raise FileExistsError(path) from None
        os.rename(temporary, path)


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask
