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
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any, BinaryIO

from careermap import __version__, textrules
from careermap.limits import ID_PATTERN

if TYPE_CHECKING:
    from careermap.models import CareerMap, Move, Rule

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
    "limits.py",
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


# Records are checked field by field from their dataclass's annotations: each field's type and
# its ``models.Rule`` (the schema's constraint, said on the field: a slug, a line, prose, a
# range, a non-empty tuple), so a field added to a record is checked without a change here.
# The limits are the schema's own (``limits.py``), and text passes its text rule (``textrules``).
_SLUG = re.compile(ID_PATTERN.removeprefix("^").removesuffix("$"))  # matched in full


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
        checks = _CHECKS[type(record)] = [
            (name, _checker(hint)) for name, hint in _field_hints(type(record))
        ]
    for name, check in checks:
        check(getattr(record, name))


def _field_hints(cls: type) -> list[tuple[str, Any]]:
    """Each field of a record and its type hint, ``Annotated`` rules kept."""
    import typing

    hints = typing.get_type_hints(cls, include_extras=True)
    return [(f.name, hints[f.name]) for f in dataclasses.fields(cls)]


def _unpacked(hint: Any) -> tuple[Any, Rule, bool]:
    """A hint as (its type, its rule, whether None is allowed): ``Text | None`` is
    ``(str, Rule(text="text"), True)``."""
    import typing

    from careermap.models import Rule

    args = typing.get_args(hint)
    allows_none = type(None) in args
    if allows_none:
        others = [arg for arg in args if arg is not type(None)]
        _expect(len(others) == 1)  # one type and None: what the records declare
        hint = others[0]
    rule = Rule()
    if typing.get_origin(hint) is typing.Annotated:
        rule = next((m for m in hint.__metadata__ if isinstance(m, Rule)), rule)
        hint = hint.__origin__
    return hint, rule, allows_none


def _checker(hint: Any) -> Callable[[Any], None]:
    """The check of one field's values, worked out once from its type hint (a check per
    value costs ten times as much on 10,000 roles)."""
    base, rule, allows_none = _unpacked(hint)
    record = base if isinstance(base, type) and dataclasses.is_dataclass(base) else None
    value_check = _sound if record is not None else _value_checker(base, rule)

    def check(value: Any) -> None:
        if value is None:
            _expect(allows_none)
        elif record is not None:
            _expect(type(value) is record)
            value_check(value)
        else:
            value_check(value)

    return check


def _value_checker(base: Any, rule: Rule) -> Callable[[Any], None]:
    import typing

    if typing.get_origin(base) is tuple or base is tuple:
        return _tuple_checker(typing.get_args(base), rule)
    if base is bool:
        return lambda value: _expect(type(value) is bool)
    if base is int or base is float:
        low = -math.inf if rule.low is None else rule.low
        high = math.inf if rule.high is None else rule.high
        types = (int,) if base is int else (int, float)
        above = rule.above

        def check_number(value: Any) -> None:
            _expect(type(value) in types and _number(value, low, high))
            _expect(not above or value > low)

        return check_number
    _expect(base is str)  # a type the re-check does not know: never trusted
    prose = rule.text == "prose"
    slug = rule.text == "slug"
    non_empty = rule.text in ("slug", "text")
    choices = frozenset(rule.choices)

    def check_text(value: Any) -> None:
        _expect(type(value) is str and textrules.all_allowed((value,), prose))
        _expect(not slug or _slug(value))
        _expect(not non_empty or value != "")
        _expect(not choices or value in choices)

    return check_text


def _tuple_checker(args: tuple[Any, ...], rule: Rule) -> Callable[[Any], None]:
    if len(args) == 2 and args[1] is Ellipsis:  # tuple[X, ...]
        item_check = _checker(args[0])
        most = sys.maxsize if rule.most is None else rule.most
        non_empty = rule.non_empty

        def check_items(value: Any) -> None:
            _expect(type(value) is tuple and (bool(value) or not non_empty))
            _expect(len(value) <= most)
            for item in value:
                item_check(item)

        return check_items
    _expect(bool(args))
    width = len(args)
    ordered = rule.ordered
    numbers = [_number_range(arg) for arg in args]
    if all(numbers):  # (low, high) of levels or years, a check per role or move: one call
        ranges = [spec for spec in numbers if spec is not None]

        def check_numbers(value: Any) -> None:
            if type(value) is not tuple or len(value) != width:
                raise _Unsound
            for (types, low, high, allows_none), item in zip(ranges, value, strict=True):
                if item is None:
                    if not allows_none:
                        raise _Unsound
                elif not (type(item) in types and math.isfinite(item) and low <= item <= high):
                    raise _Unsound
            if ordered and value[0] is not None and value[-1] is not None:
                _expect(value[0] <= value[-1])

        return check_numbers
    checks = [_checker(arg) for arg in args]  # a fixed tuple: (theme, value)

    def check_fixed(value: Any) -> None:
        _expect(type(value) is tuple and len(value) == width)
        for check, item in zip(checks, value, strict=True):
            check(item)
        if ordered and value[0] is not None and value[-1] is not None:
            _expect(value[0] <= value[-1])

    return check_fixed


def _number_range(hint: Any) -> tuple[tuple[type, ...], float, float, bool] | None:
    """A number's (types, low, high, None allowed), or None for any other hint (or a range
    that excludes its low end, which ``_value_checker`` handles)."""
    base, rule, allows_none = _unpacked(hint)
    if base not in (int, float) or rule.above:
        return None
    low = -math.inf if rule.low is None else rule.low
    high = math.inf if rule.high is None else rule.high
    return ((int,) if base is int else (int, float)), low, high, allows_none


_Column = tuple[str, Callable[[Any], Any] | None, Callable[[tuple[Any, ...]], None]]
_COLUMNS: dict[type, list[_Column]] = {}


def _columns(cls: type) -> list[_Column]:
    """For each field of a record kept as a row (a move): its name, how a compact value
    becomes the field's (``models.compact_reader``; None: as it is), and the check of a whole
    column of field values, fast where the field is plain (text, a flag: a set of types, one
    text-rule call)."""
    columns = _COLUMNS.get(cls)
    if columns is None:
        from careermap.models import compact_reader

        columns = _COLUMNS[cls] = [
            (name, compact_reader(hint), _column_checker(hint)) for name, hint in _field_hints(cls)
        ]
    return columns


def _column_checker(hint: Any) -> Callable[[tuple[Any, ...]], None]:
    base, rule, allows_none = _unpacked(hint)
    allowed = {base, type(None)} if allows_none else {base}
    if base is bool:
        return lambda column: _expect(set(map(type, column)) <= allowed)
    if base is str:
        prose = rule.text == "prose"
        non_empty = rule.text in ("slug", "text")
        slug = rule.text == "slug"
        choices = frozenset(rule.choices)

        def check_text(column: tuple[Any, ...]) -> None:
            _expect(set(map(type, column)) <= allowed)
            given = set(column) - {None}  # each text once: ids and kinds repeat
            _expect(not non_empty or "" not in given)
            _expect(not slug or all(map(_slug, given)))
            _expect(not choices or given <= choices)
            _expect(textrules.all_allowed([text for text in given if text], prose))

        return check_text
    pair = _pair_checker(base, rule, allows_none)
    if pair is not None:
        return pair
    record = isinstance(base, type) and dataclasses.is_dataclass(base)
    value_check = _checker(base) if record else _value_checker(base, rule)  # None: here

    def check_each(column: tuple[Any, ...]) -> None:
        for value in column:
            if value is not None:
                value_check(value)
            elif not allows_none:
                raise _Unsound

    return check_each


def _pair_checker(
    base: Any, rule: Rule, allows_none: bool
) -> Callable[[tuple[Any, ...]], None] | None:
    """The check of a column of (low, high) pairs of numbers (a move's years) in one loop, or
    None for a column of anything else."""
    import typing

    args = typing.get_args(base)
    if typing.get_origin(base) is not tuple or len(args) != 2 or Ellipsis in args:
        return None
    low_range, high_range = map(_number_range, args)
    if low_range is None or high_range is None:
        return None
    low_types, low_min, low_max, low_none = low_range
    high_types, high_min, high_max, high_none = high_range
    finite = math.isfinite
    ordered = rule.ordered

    def check_pairs(column: tuple[Any, ...]) -> None:
        for value in column:
            if value is None:
                if not allows_none:
                    raise _Unsound
                continue
            if type(value) is not tuple or len(value) != 2:
                raise _Unsound
            low, high = value
            if low is None:
                if not low_none:
                    raise _Unsound
            elif not (type(low) in low_types and finite(low) and low_min <= low <= low_max):
                raise _Unsound
            if high is None:
                if not high_none:
                    raise _Unsound
            elif not (type(high) in high_types and finite(high) and high_min <= high <= high_max):
                raise _Unsound
            if ordered and low is not None and high is not None and low > high:
                raise _Unsound

    return check_pairs


def _check_moves(value: Any, levels: dict[str, Any], scaled: bool = False) -> list[Move]:
    """The moves of the compact rows, checked a column at a time (100,000 moves in tens of
    milliseconds): each field as its annotation says, and every rule ``models`` applies to
    moves but the cycle rule, which ``integrity_problems`` checks after. ``levels`` are the
    roles' rank ranges, or (``scaled``) their positions on several scales."""
    from careermap.limits import MAX_MOVES
    from careermap.models import Move, evidence_problems, kind_fits, kind_fits_at

    fits = kind_fits_at if scaled else kind_fits
    rows = _records(value, high=MAX_MOVES)
    if not rows:
        return []
    columns = _columns(Move)
    _expect(set(map(type, rows)) == {list} and set(map(len, rows)) == {len(columns)})
    values: dict[str, tuple[Any, ...]] = {}
    for (name, read, check), column in zip(columns, zip(*rows, strict=True), strict=True):
        values[name] = column = column if read is None else tuple(map(read, column))
        check(column)
    froms, tos, kinds = values["from_"], values["to"], values["kind"]
    _expect(not any(map(operator.eq, froms, tos)))  # no move to itself
    _expect(len(set(zip(froms, tos, strict=True))) == len(rows))  # no pair twice
    # Each end the id of a role (an unknown one is a KeyError), and the kind fits their levels.
    _expect(all(map(fits, kinds, map(levels.__getitem__, froms), map(levels.__getitem__, tos))))
    moves = list(map(Move, *values.values()))
    _expect(not any(evidence_problems(moves)))
    return moves


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
        import tempfile  # only when an entry is written: 4 ms of imports for a warm start

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
