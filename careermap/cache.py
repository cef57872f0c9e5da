"""Maps already validated, remembered by the bytes of their file: an optimisation that can
never change an answer.

A CLI is used in bursts: the same ladder file is read many times a minute. The first read
validates it as usual; the checked map is then kept as compact JSON in the user's cache folder,
named by a hash of its key (careermap's version, the entry format, the source of the modules
that define the rules, Python's version, the file's format) and of the file's bytes, so any
change to the file, to careermap or to a rule (an editable install included) validates again.
A later read of the same bytes builds the map from that JSON without pydantic.

An entry is untrusted input. It is read only from a folder the user owns and no one else can
write to (else the cache is off for the run, which ``--verbose`` says once), only if it is a
regular file of a size in proportion to the data file, only if the key and the SHA-256 of the
file's bytes written inside it are this file's (an entry copied from another file's name is
not), and it is then checked again: every field's type and range, and every rule between
records (``models``), in a form fast enough to keep the cache worth having. Anything
unexpected, of any kind, means "validate again", and the entry is replaced. ``careermap
validate`` never reads entries.

The folder may be shared with other files (``CAREERMAP_CACHE_DIR`` can point anywhere): the
cache removes only files it wrote, told by their name and by the marker every entry starts
with (``{"careermap-cache":``), in a regular file of this user. A marker inside each file,
rather than a marker file for the folder, proves each file on its own: a file named like an
entry without it, or one dropped into the folder later, is never removed.

Every other failure (no home, no cache folder, no permission) only means validating again;
``CAREERMAP_NO_CACHE=1`` (or true, yes, on) switches the cache off.
"""

from __future__ import annotations

import contextlib
import dataclasses
import gc
import hashlib
import json
import math
import operator
import os
import re
import stat
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any, BinaryIO

from careermap import __version__, textrules

if TYPE_CHECKING:
    from careermap.models import CareerMap, Evidence, Move

FORMAT = 6  # bump when the stored shape changes (3: checked on read; 4: v2; 5: key and digest;
# 6: evidence)
NO_CACHE_VAR = "CAREERMAP_NO_CACHE"
DIR_VAR = "CAREERMAP_CACHE_DIR"
TRUE_VALUES = frozenset({"1", "true", "yes", "on"})

# An entry is never much larger than its data file (JSON escapes make it at most ~3x); a
# larger one is not careermap's and is not read.
SIZE_FACTOR = 8
SIZE_SLACK = 64 * 1024
# Eviction, when an entry is written: the most recently used entries are kept, up to both caps.
MAX_ENTRIES = 64
MAX_TOTAL_BYTES = 128 * 1024 * 1024
# A temporary file this old is left over from a killed write, not a write in progress.
STALE_TEMP_SECONDS = 3600

ENTRY_SUFFIX = ".json"
TEMP_PREFIX = ".partial-"
TEMP_SUFFIX = ".tmp"
# The names the cache gives its files (a SHA-256, and ``tempfile``'s random part)...
_ENTRY_NAME = re.compile(r"[0-9a-f]{64}" + re.escape(ENTRY_SUFFIX))
_TEMP_NAME = re.compile(re.escape(TEMP_PREFIX) + r"[a-z0-9_]+" + re.escape(TEMP_SUFFIX))
# ...and the marker every entry starts with, as ``remember`` writes it: a file of the cache's
# name without it is not the cache's, and is never removed.
MARKER = "careermap-cache"
_MARKED = re.compile(rb'\{"' + MARKER.encode() + rb'":[0-9]+,')

# The modules whose source decides what is valid and how a map is built from an entry.
RULE_MODULES = (
    "schema.py",
    "textrules.py",
    "models.py",
    "loader.py",
    "checks.py",
    "_yaml.py",
    "cache.py",
)


# -- where entries live ---------------------------------------------------------------------


def enabled() -> bool:
    """False when ``CAREERMAP_NO_CACHE`` is a true value (1, true, yes, on; any case)."""
    return os.environ.get(NO_CACHE_VAR, "").strip().lower() not in TRUE_VALUES


def cache_dir() -> Path | None:
    """Where entries live, or None when caching is off or there is nowhere to keep them.

    ``CAREERMAP_CACHE_DIR`` if it is an absolute path, else the platform's user cache folder
    (``platformdirs``: ``$XDG_CACHE_HOME/careermap`` or ``~/.cache/careermap`` on Linux). A
    relative path in either variable is ignored, as the XDG spec says; no home directory means
    no cache.
    """
    if not enabled():
        return None
    explicit = os.environ.get(DIR_VAR, "")
    if os.path.isabs(explicit):
        return Path(explicit)
    try:
        folder = _platform_cache_dir()
    except Exception:  # no home: platformdirs or the OS could not say where it is
        return None
    return Path(folder) if os.path.isabs(folder) else None


def _platform_cache_dir() -> str:
    """The user cache folder of ``platformdirs``, ignoring a relative ``XDG_CACHE_HOME``."""
    xdg = os.environ.get("XDG_CACHE_HOME", "")
    if sys.platform == "linux":
        # The XDG rule platformdirs applies here (a test holds the two equal), without its
        # import: 1.5 ms of every command's start-up. Anything less plain goes to platformdirs.
        home = os.environ.get("HOME", "")
        if os.path.isabs(xdg):
            return os.path.join(xdg, "careermap")
        if os.path.isabs(home) and not xdg:
            return os.path.join(home, ".cache", "careermap")
    import platformdirs

    if not xdg or os.path.isabs(xdg):
        return platformdirs.user_cache_dir("careermap", appauthor=False)
    # Recent platformdirs ignore a relative XDG_CACHE_HOME, as the spec says; older ones use it.
    del os.environ["XDG_CACHE_HOME"]
    try:
        return platformdirs.user_cache_dir("careermap", appauthor=False)
    finally:
        os.environ["XDG_CACHE_HOME"] = xdg


def _distrust(folder: Path) -> str | None:
    """Why entries in this folder could have been written by someone else than this user (or
    root), or None if they cannot. A folder that does not exist holds no entries: None."""
    try:
        info = folder.stat()
    except FileNotFoundError:
        return None
    except OSError as exc:
        return f"{_shown(folder)} cannot be read ({exc.strerror})"
    if not stat.S_ISDIR(info.st_mode):
        return f"{_shown(folder)} is not a folder"
    if not hasattr(os, "geteuid"):  # Windows: no owner to compare, and its mode bits are made up
        return None
    if info.st_uid != os.geteuid():
        return f"{_shown(folder)} belongs to another user"
    if info.st_mode & (stat.S_IWGRP | stat.S_IWOTH):
        return f"{_shown(folder)} can be written by others (mode {stat.S_IMODE(info.st_mode):o})"
    return None


def _make_folder(folder: Path) -> None:
    """Create the folder and its missing parents, each 0700 (as the XDG spec asks: the mode
    ``Path.mkdir`` gives a folder's parents is the umask's)."""
    missing = []
    for path in (folder, *folder.parents):
        if path.is_dir():
            break
        missing.append(path)
    for path in reversed(missing):
        with contextlib.suppress(FileExistsError):  # made meanwhile: judged by ``_distrust``
            os.mkdir(path, 0o700)


_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f]")


def _shown(folder: Path) -> str:
    """A folder's name on one line, its control characters escaped."""
    return _CONTROL.sub(lambda found: ascii(found.group())[1:-1], str(folder))


@dataclasses.dataclass
class _Run:
    verbose: bool = False  # set by the CLI's --verbose
    said: bool = False


_RUN = _Run()


def start_run(verbose: bool) -> None:
    """A new command: with ``verbose``, why the cache is off is said on stderr (once)."""
    _RUN.verbose, _RUN.said = verbose, False


def _off(reason: str) -> None:
    if _RUN.verbose and not _RUN.said:
        _RUN.said = True
        print(f"note: the validation cache is off for this run: {reason}", file=sys.stderr)


_rules: list[str] = []


def rules_digest(package: Path | None = None) -> str | None:
    """A hash of the source of the modules that define the rules, or None if one is missing
    (then nothing is cached: stale validations cannot be told apart). About 0.1 ms."""
    if package is None and _rules:
        return _rules[0]
    folder = package or Path(__file__).resolve().parent
    digest = hashlib.sha256()
    try:
        for name in RULE_MODULES:
            digest.update(name.encode() + b"\0" + (folder / name).read_bytes() + b"\0")
    except OSError:
        return None
    if package is None:
        _rules.append(digest.hexdigest())
    return digest.hexdigest()


@dataclasses.dataclass(frozen=True)
class _Slot:
    """Where the entry of a file's bytes lives, and what it must say it is."""

    path: Path
    key: str  # careermap's version, the entry format, the rules, Python's version, the format
    source: str  # the SHA-256 of the file's bytes


def _slot(raw: bytes, fmt: str) -> _Slot | None:
    folder = cache_dir()
    rules = rules_digest() if folder is not None else None
    if folder is None or rules is None:
        return None
    # The format is part of the key: the same bytes may be valid YAML and invalid TOML.
    key = f"{__version__}/{FORMAT}/{rules}/{sys.version_info[:2]}/{fmt}"
    source = hashlib.sha256(raw).hexdigest()
    name = hashlib.sha256(f"{key}\n{source}".encode()).hexdigest()
    return _Slot(folder / f"{name}{ENTRY_SUFFIX}", key, source)


def _entry(raw: bytes, fmt: str) -> Path | None:
    slot = _slot(raw, fmt)
    return None if slot is None else slot.path


def size_limit(raw: bytes) -> int:
    """The largest entry read or written for a data file of these bytes."""
    return SIZE_FACTOR * len(raw) + SIZE_SLACK


# -- reading --------------------------------------------------------------------------------


def recall(raw: bytes, fmt: str) -> CareerMap | None:
    """The checked map of a file with these bytes in this format, if a sound entry was kept."""
    slot = _slot(raw, fmt)
    if slot is None:
        return None
    if (distrust := _distrust(slot.path.parent)) is not None:
        _off(distrust)
        return None
    try:
        data = _read_entry(slot.path, size_limit(raw))
        if data is None:
            return None
        with _no_gc():
            return _build(_opened(json.loads(data, parse_constant=_no_constant), slot))
    except Exception:  # anything at all, RecursionError included: validate again
        return None


def _opened(stored: Any, slot: _Slot) -> Any:
    """The compact map inside an entry that says it is this file's: its marker, its key, and
    the SHA-256 of this file's bytes (not an entry copied from another file's name)."""
    _expect(type(stored) is dict)
    _expect(stored.pop(MARKER, None) == FORMAT)
    _expect(stored.pop("key", None) == slot.key)
    _expect(stored.pop("source", None) == slot.source)
    return stored


@contextlib.contextmanager
def _no_gc() -> Iterator[None]:
    """Without the cycle collector: an entry is a tree of fresh objects, with no cycles to
    find, and collecting while a map of 100,000 moves is built costs as much as building it."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def _open_own(path: Path | str) -> BinaryIO | None:
    """The file open for reading if it is a regular file of this user (no FIFO, device or
    symlink is opened for reading or waited on)."""
    flags = os.O_RDONLY
    for name in ("O_NONBLOCK", "O_NOFOLLOW", "O_CLOEXEC", "O_BINARY"):
        flags |= getattr(os, name, 0)
    try:
        descriptor = os.open(path, flags)
    except OSError:
        return None
    handle = open(descriptor, "rb", closefd=True)  # noqa: SIM115 (returned open)
    with contextlib.suppress(OSError):
        info = os.fstat(descriptor)
        if stat.S_ISREG(info.st_mode) and (
            not hasattr(os, "geteuid") or info.st_uid == os.geteuid()
        ):
            return handle
    handle.close()
    return None


def _read_entry(entry: Path, limit: int) -> bytes | None:
    """The entry's bytes if it is a regular file of ours within the limit."""
    handle = _open_own(entry)
    if handle is None:
        return None
    with handle:
        descriptor = handle.fileno()
        if os.fstat(descriptor).st_size > limit:
            return None
        data = handle.read(limit + 1)
        if len(data) > limit:  # grew while read
            return None
        if os.utime in os.supports_fd:  # the mtime says when it was last used (for eviction)
            with contextlib.suppress(OSError):
                os.utime(descriptor)
    return data


def _written_by_us(path: str) -> bool:
    """Whether a file is one the cache wrote: a regular file of this user that starts with
    the marker (read without following a link or waiting on a FIFO; its mtime left alone)."""
    handle = _open_own(path)
    if handle is None:
        return False
    with handle:
        return _MARKED.match(handle.read(64)) is not None


def _no_constant(token: str) -> Any:
    raise ValueError(f"{token} in a cache entry")


class _Unsound(Exception):
    """An entry that is not what careermap writes for a valid map."""


def _expect(condition: bool) -> None:
    if not condition:
        raise _Unsound


# The schema's rules, for the compact form (``schema.py`` has the originals; tests hold them
# equal). Records are checked field by field from their dataclass's type hints, so a field
# added to a record is checked without a change here; these say what the types do not.
_SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")  # schema.ID_PATTERN, matched in full
MAX_LEVEL = 99  # schema.MAX_LEVEL
_SLUG_FIELDS = frozenset({"id", "key", "track", "tracks", "on_tracks", "shown_for"})
_TEXT_FIELDS = frozenset(
    {"title", "name", "code", "source", "aliases", "condition", "scale", "since", "until", "method"}
)
_COUNT_FIELDS = frozenset({"people", "moved", "records", "min_people"})
_TEXT_OR_NONE = (str, type(None))
_NON_EMPTY = frozenset({"tracks", "ladders", "rungs"})
# Text passes the schema's own text rule (textrules: LINE_PATTERN, PROSE_PATTERN in prose).
_PROSE_FIELDS = frozenset({"description", "note", "about"})
MAX_YEARS = 100  # schema.MAX_YEARS
MAX_CURVE = 2 * MAX_YEARS  # schema.MAX_CURVE


def _slug(value: Any) -> bool:
    return type(value) is str and _SLUG.fullmatch(value) is not None


def _number(value: Any, low: float, high: float) -> bool:
    return type(value) in (int, float) and math.isfinite(value) and low <= value <= high


def _records(value: Any, low: int = 0, high: int = sys.maxsize) -> list[Any]:
    _expect(type(value) is list and low <= len(value) <= high)
    items: list[Any] = value
    return items


_CHECKS: dict[type, list[tuple[str, Callable[[Any], None]]]] = {}


def _sound(record: Any) -> None:
    """Every field of a record (and of the records in it) has its type and its range."""
    checks = _CHECKS.get(type(record))
    if checks is None:  # once per record type: resolving type hints is slow
        import typing

        hints = typing.get_type_hints(type(record))
        checks = _CHECKS[type(record)] = [
            (f.name, _checker(f.name, hints[f.name])) for f in dataclasses.fields(record)
        ]
    for name, check in checks:
        check(getattr(record, name))


def _checker(name: str, hint: Any) -> Callable[[Any], None]:
    """The check of one field's values, worked out once from its name and type hint (a check
    per value costs ten times as much on 10,000 roles)."""
    import typing

    args = typing.get_args(hint)
    records = tuple(t for t in (hint, *args) if isinstance(t, type) and dataclasses.is_dataclass(t))
    allows_none = type(None) in args
    value_check = _value_checker(name, hint, args)

    def check(value: Any) -> None:
        if value is None:
            _expect(allows_none)
        elif type(value) in records:
            _sound(value)
        else:  # any other record fails the value check: its types are exact
            value_check(value)

    return check


def _value_checker(name: str, hint: Any, args: tuple[Any, ...]) -> Callable[[Any], None]:
    import typing

    origin = typing.get_origin(hint)
    if origin is tuple or (origin is None and hint is tuple):
        return _tuple_checker(name, args)
    if hint is bool or bool in args:
        return lambda value: _expect(type(value) is bool)
    if hint is int or int in args:
        if name in _COUNT_FIELDS:  # people and records of the evidence
            return lambda value: _expect(type(value) is int and value >= (name == "min_people"))
        return lambda value: _expect(type(value) is int and 0 <= value <= MAX_LEVEL)  # a rank
    if hint is float or float in args:
        if name == "factor":  # a scale-up factor
            return lambda value: _expect(_number(value, 0, 1.0) and value > 0)
        if name in ("share", "curve"):  # a share of people
            return lambda value: _expect(_number(value, 0, 1.0))
        if name in ("p10", "median", "p90"):  # years before a move
            return lambda value: _expect(_number(value, 0, MAX_YEARS))
        return lambda value: _expect(_number(value, 0, 10.0))  # skills
    prose = name in _PROSE_FIELDS
    slug = name in _SLUG_FIELDS
    text = name in _TEXT_FIELDS

    def check_text(value: Any) -> None:
        _expect(type(value) is str and textrules.all_allowed((value,), prose))
        _expect(not slug or _slug(value))
        _expect(not text or value != "")

    return check_text


def _tuple_checker(name: str, args: tuple[Any, ...]) -> Callable[[Any], None]:
    if name in ("competencies", "expectations"):

        def check_themes(value: Any) -> None:
            _expect(type(value) is tuple)
            for theme, inner in value:
                _expect(_slug(theme))
                if name == "competencies":
                    _expect(_number(inner, 0, 10))
                else:
                    _expect(type(inner) is tuple and all(type(t) is str and t for t in inner))
                    _expect(textrules.all_allowed(inner))

        return check_themes
    if name == "levels":

        def check_levels(value: Any) -> None:
            _expect(type(value) is tuple and len(value) == 2)
            _expect(all(type(v) is int for v in value))
            _expect(0 <= value[0] <= value[1] <= MAX_LEVEL)

        return check_levels
    non_empty = name in _NON_EMPTY
    item_check = _checker(name, args[0]) if args else None

    def check_items(value: Any) -> None:
        _expect(type(value) is tuple and (bool(value) or not non_empty))
        if value:
            _expect(item_check is not None)
            for item in value:
                item_check(item)  # type: ignore[misc]

    return check_items


def _years(value: Any) -> bool:
    """A move's years as ``to_compact`` writes them: [min, max], [min, null] or null."""
    if value is None:
        return True
    if type(value) is not list or len(value) != 2 or type(value[0]) is not float:
        return False
    low, high = value
    if not (math.isfinite(low) and 0 <= low <= MAX_YEARS):
        return False
    return high is None or (type(high) is float and low <= high <= MAX_YEARS)


def _check_moves(value: Any, levels: dict[str, Any], scaled: bool = False) -> list[Move]:
    """The moves of the compact rows, checked a column at a time (100,000 moves in tens of
    milliseconds): the schema's fields and every rule ``models`` applies to moves but the
    cycle rule, which ``integrity_problems`` checks after. ``levels`` are the roles' rank
    ranges, or (``scaled``) their positions on several scales."""
    import dataclasses

    from careermap.limits import MAX_MOVES
    from careermap.models import Move, evidence_problems, kind_fits, kind_fits_at

    fits = kind_fits_at if scaled else kind_fits
    rows = _records(value, high=MAX_MOVES)
    if not rows:
        return []
    width = len(dataclasses.fields(Move))
    _expect(set(map(type, rows)) == {list} and set(map(len, rows)) == {width})
    froms, tos, kinds, years, sources, notes, conditions, rares, evidences = zip(*rows, strict=True)
    _expect(not any(map(operator.eq, froms, tos)))  # no move to itself
    _expect(len(set(zip(froms, tos, strict=True))) == len(rows))  # no pair twice
    _expect(all(map(_years, years)))
    _expect(set(map(type, sources)) <= set(_TEXT_OR_NONE) and "" not in sources)
    _expect(set(map(type, notes)) <= set(_TEXT_OR_NONE))
    _expect(set(map(type, conditions)) <= set(_TEXT_OR_NONE) and "" not in conditions)
    lines = [text for column in (sources, conditions) for text in column if text]
    _expect(textrules.all_allowed(lines))
    _expect(textrules.all_allowed([note for note in notes if note], prose=True))
    _expect(set(map(type, rares)) <= {bool})
    # Each end the id of a role (an unknown one is a KeyError), and the kind fits their levels.
    _expect(all(map(fits, kinds, map(levels.__getitem__, froms), map(levels.__getitem__, tos))))
    spans = (None if y is None else tuple(y) for y in years)
    evidence = [None if e is None else _evidence(e) for e in evidences]
    moves = list(map(Move, froms, tos, kinds, spans, sources, notes, conditions, rares, evidence))
    _expect(not any(evidence_problems(moves)))
    return moves


def _evidence(value: Any) -> Evidence:
    """A move's evidence as ``to_compact`` writes it: a table with each field in range."""
    from careermap.models import Evidence, record_from

    _expect(type(value) is dict)
    evidence = record_from(Evidence, value)  # an unknown or missing key is a TypeError
    _sound(evidence)
    _expect(len(evidence.curve) <= MAX_CURVE)
    return evidence


def _build(compact: Any) -> CareerMap:
    """The map of an entry, if the entry is one careermap could have written for a valid file
    (else ``_Unsound``, or whatever a stranger shape raises: an unknown key, say)."""
    from careermap.limits import MAX_ROLES
    from careermap.models import CareerMap, integrity_problems, role_positions
    from careermap.models import upward_cycle_problems as upward_cycles

    _expect(type(compact) is dict and set(compact) == {"document", "moves"})
    document = compact["document"]
    _expect(type(document) is dict and _records(document.get("moves", []), high=0) == [])
    _records(document.get("roles"), 1, MAX_ROLES)
    shell = CareerMap.from_document(document)  # an unknown or missing key is a TypeError
    for record in (*shell.roles, *shell.companies, *shell.levels, *shell.themes, shell.meta):
        if record is not None:
            _sound(record)
    _expect(not integrity_problems(shell))  # roles, companies, themes (no moves yet)
    positions = role_positions(shell)  # roles on several scales: kinds compare by scale, band
    levels: dict[str, Any] = positions or {role.id: role.levels for role in shell.roles}
    moves = _check_moves(compact["moves"], levels, positions is not None)
    _expect(not any(upward_cycles(shell.roles, moves, positions)))  # the move rule across moves
    return dataclasses.replace(shell, moves=moves)


# -- writing --------------------------------------------------------------------------------


def remember(raw: bytes, fmt: str, cmap: CareerMap) -> None:
    """Keep the checked map of a file with these bytes (atomically, or not at all)."""
    slot = _slot(raw, fmt)
    if slot is None:
        return
    # The marker first: it is what tells the cache's files from others (see ``tidy``).
    stored = {MARKER: FORMAT, "key": slot.key, "source": slot.source, **cmap.to_compact()}
    data = json.dumps(stored, separators=(",", ":"), allow_nan=False).encode()
    if len(data) > size_limit(raw):
        return  # it would not be read back (a YAML file with many aliases, say)
    entry = slot.path
    folder = entry.parent
    temporary = None
    try:
        _make_folder(folder)
        if (distrust := _distrust(folder)) is not None:
            _off(distrust)
            return
        descriptor, temporary = tempfile.mkstemp(dir=folder, prefix=TEMP_PREFIX, suffix=TEMP_SUFFIX)
        with os.fdopen(descriptor, "wb") as handle:
            handle.write(data)
        os.replace(temporary, entry)
        temporary = None
    except OSError as exc:
        _off(f"{_shown(folder)} cannot be written ({exc.strerror})")
        return
    finally:
        if temporary is not None:
            with contextlib.suppress(OSError):
                os.unlink(temporary)
    tidy(folder, keep=entry.name)


def tidy(folder: Path, keep: str | None = None, now: float | None = None) -> None:
    """Remove temporary files left by killed writes and the least recently used entries
    beyond ``MAX_ENTRIES`` or ``MAX_TOTAL_BYTES`` (never ``keep``, the entry just written).

    Only the cache's own files are counted or removed: named as it names them, and starting
    with its marker. Whatever else is in the folder is left alone."""
    now = time.time() if now is None else now
    entries: list[tuple[float, int, str]] = []
    try:
        with os.scandir(folder) as listing:
            for item in listing:
                with contextlib.suppress(OSError):
                    info = item.stat(follow_symlinks=False)
                    if _TEMP_NAME.fullmatch(item.name):
                        if now - info.st_mtime > STALE_TEMP_SECONDS and _written_by_us(item.path):
                            os.unlink(item.path)
                    elif (
                        _ENTRY_NAME.fullmatch(item.name)
                        and item.name != keep
                        and _written_by_us(item.path)
                    ):
                        entries.append((info.st_mtime, info.st_size, item.path))
    except OSError:
        return
    kept = 1 if keep else 0
    total = sum(size for _, size, _ in entries)
    if keep:
        with contextlib.suppress(OSError):
            total += (folder / keep).stat().st_size
    entries.sort(reverse=True)  # most recently used first
    while entries and (len(entries) + kept > MAX_ENTRIES or total > MAX_TOTAL_BYTES):
        _, size, path = entries.pop()
        total -= size
        with contextlib.suppress(OSError):
            os.unlink(path)
