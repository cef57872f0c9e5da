"""Where career-map data comes from, and turning a file into a validated ``CareerMap``.

Precedence: ``--data FILE`` or ``--ladder NAME`` beats the ``CAREERMAP_DATA`` or
``CAREERMAP_LADDER`` variable beats the map shipped with careermap. Every way a file can be
wrong (missing, unreadable, not a regular file, not UTF-8, bad syntax, bad content) ends as one
``DataError`` whose lines each name the file, the place and the problem. The file is only ever
read.
"""

from __future__ import annotations

import codecs
import json
import os
import re
import stat
import tomllib
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from careermap.errors import DataError, Finding, UsageError
from careermap.limits import MAX_MOVES, MAX_ROLES

if TYPE_CHECKING:
    from pydantic import ValidationError

    from careermap.models import CareerMap

LineFinder = Callable[[tuple[str | int, ...]], "int | None"]

ENV_VAR = "CAREERMAP_DATA"
LADDER_VAR = "CAREERMAP_LADDER"
DEFAULT_FILENAME = "careermap.toml"
MAX_FILE_BYTES = 20 * 1024 * 1024
FORMATS = {".toml": "toml", ".json": "json", ".yaml": "yaml", ".yml": "yaml"}


def default_data_path() -> Path:
    """The shipped map: inside the installed package, or ``data/`` in a source checkout."""
    from careermap.sources import data_dir

    return data_dir() / DEFAULT_FILENAME


def resolve_data_path(option: str | Path | None = None, ladder: str | None = None) -> Path:
    """The file to load: ``--data`` or ``--ladder`` (not both), else ``$CAREERMAP_DATA`` or
    ``$CAREERMAP_LADDER`` (not both), else the shipped map."""
    from careermap.sources import ladder_path

    if option and ladder:
        raise UsageError("--data and --ladder both choose the map; give one")
    if option:
        return Path(option)
    if ladder:
        return ladder_path(ladder)
    from_env, named = os.environ.get(ENV_VAR), os.environ.get(LADDER_VAR)
    if from_env and named:
        raise UsageError(f"${ENV_VAR} and ${LADDER_VAR} both choose the map; unset one")
    if from_env:
        return Path(from_env)
    if named:
        return ladder_path(named)
    return default_data_path()


def load(path: str | Path | None = None, *, ladder: str | None = None) -> CareerMap:
    """Read, parse and validate a data file, or a built-in ladder by name (neither: the
    usual precedence, ending with the shipped map)."""
    return load_file(resolve_data_path(path, ladder))[0]


def load_file(path: str | Path, read_cache: bool = True) -> tuple[CareerMap, LineFinder]:
    """The validated map and a way to find the line of an entry (YAML files only).

    Errors carry those lines too, so ``careermap validate`` can point into the file. A file
    whose exact bytes were validated before is built from the cache (``cache.py``), unless
    ``read_cache`` is false: ``careermap validate`` always judges the file itself (and then
    refreshes the cache entry).
    """
    raw, fmt = _read_bytes(Path(path))
    return load_bytes(raw, fmt, str(path), read_cache)


def load_bytes(
    raw: bytes, fmt: str, name: str, read_cache: bool = True
) -> tuple[CareerMap, LineFinder]:
    """``load_file`` for bytes read elsewhere (standard input), in ``fmt``, named ``name`` in
    messages."""
    from careermap import cache

    if len(raw) > MAX_FILE_BYTES:
        limit = f"careermap reads data files of at most {MAX_FILE_BYTES // 1024 // 1024} MB"
        raise DataError(Finding(name, f"more than {MAX_FILE_BYTES:,} bytes; {limit}"))
    lines = _line_finder(raw, fmt)
    if read_cache:
        remembered = cache.recall(raw, fmt)  # checked again; None if anything is amiss
        if remembered is not None:
            return remembered, lines
    cmap = validate(_parse(raw, fmt, name), name, lines)
    cache.remember(raw, fmt, cmap)
    return cmap, lines


def _line_finder(raw: bytes, fmt: str) -> LineFinder:
    """Lines of YAML and TOML entries, worked out on the first question only (YAML's with
    PyYAML, imported then, so a map read from the cache does not pay for it)."""
    if fmt == "toml":
        return lambda loc: _toml_line(raw, loc)
    if fmt == "json":
        lines: list[dict[tuple[str | int, ...], int]] = []

        def json_line(loc: tuple[str | int, ...]) -> int | None:
            if not lines:
                lines.append(_json_lines(raw))
            for end in range(len(loc), 0, -1):  # a number in an array: its array's line
                if (found := lines[0].get(tuple(loc[:end]))) is not None:
                    return found
            return None

        return json_line
    if fmt != "yaml":
        return lambda loc: None
    index: list[Any] = []

    def line_of(loc: tuple[str | int, ...]) -> int | None:
        if not index:
            from careermap._yaml import LineIndex

            index.append(LineIndex(raw.decode("utf-8-sig", errors="replace")))
        line: int | None = index[0].line_of(loc)
        return line

    return line_of


_TOML_HEADER = re.compile(r"^\s*\[(\[)?\s*([A-Za-z0-9_.\-\" ]+?)\s*\]?\]\s*(#.*)?$")


def _toml_line(raw: bytes, loc: tuple[str | int, ...]) -> int | None:
    """The line of a TOML entry: the table a location is in (the i-th ``[[roles]]``, say), and
    the line of its key there when it is written as ``key = ...``. None where it cannot tell
    (an entry written inline, say): a line number is a help, never a guess."""
    lines = raw.decode("utf-8-sig", errors="replace").splitlines()
    table = [str(part) for part in loc if isinstance(part, str)][:1]
    index = next((part for part in loc[1:2] if isinstance(part, int)), None)
    key = loc[2] if index is not None and len(loc) > 2 else (loc[1] if len(loc) > 1 else None)
    start, seen = None, -1
    for number, line in enumerate(lines):
        header = _TOML_HEADER.match(line)
        if header and header.group(2).strip('"') == (table[0] if table else ""):
            seen += 1
            if index is None or seen == index:
                start = number
                break
    if start is None:
        return None
    if isinstance(key, str):
        assignment = re.compile(rf"^\s*\"?{re.escape(key)}\"?\s*=")
        for number in range(start + 1, len(lines)):
            if _TOML_HEADER.match(lines[number]):
                break
            if assignment.match(lines[number]):
                return number + 1
    return start + 1


_JSON_TOKEN = re.compile(r'"(?:\\.|[^"\\\n])*"|[{}\[\]:,\n]')
JSON_LINES_BYTES = 4 * 1024 * 1024  # larger JSON files get no line numbers (time, not need)


class _Frame:
    """An open JSON object or array while scanning: where in it the scan is."""

    def __init__(self, is_object: bool) -> None:
        self.is_object = is_object
        self.at: str | int = "" if is_object else 0
        self.valued = False  # in an object: a key and its colon were read


def _json_lines(raw: bytes) -> dict[tuple[str | int, ...], int]:
    """The line each key and value of a JSON document starts on, by its location: one pass
    over the text's strings and punctuation (the document is known to parse)."""
    if len(raw) > JSON_LINES_BYTES:
        return {}
    text = raw.decode("utf-8-sig", errors="replace")
    found: dict[tuple[str | int, ...], int] = {}
    stack: list[_Frame] = []
    line = 1
    for match in _JSON_TOKEN.finditer(text):
        token = match.group()
        if token == "\n":
            line += 1
            continue
        top = stack[-1] if stack else None
        here = tuple(frame.at for frame in stack)
        if token in "{[":
            if top is not None and (not top.is_object or top.valued):
                found.setdefault(here, line)  # a container that is a value
            stack.append(_Frame(is_object=token == "{"))
        elif token in "}]":
            if stack:
                stack.pop()
        elif token == ":":
            if top is not None:
                top.valued = True
        elif token == ",":
            if top is not None and top.is_object:
                top.valued = False
            elif top is not None and isinstance(top.at, int):
                top.at += 1
        elif top is not None and top.is_object and not top.valued:
            top.at = json_key(token)  # a key: its line is the entry's
            found.setdefault((*here[:-1], top.at), line)
        elif top is not None:
            found.setdefault(here, line)
    return found


def json_key(token: str) -> str:
    import json

    key: str = json.loads(token)
    return key


_NONBLOCK = getattr(os, "O_NONBLOCK", 0)  # POSIX; Windows has no FIFOs to wait on
_NOCTTY = getattr(os, "O_NOCTTY", 0)


def _read_bytes(path: Path) -> tuple[bytes, str]:
    """The file's bytes and format, refusing what careermap cannot or will not read."""
    name = str(path)
    try:
        is_dir = path.is_dir()
    except OSError as exc:  # a name too long, a folder that cannot be searched
        raise DataError(Finding(name, f"cannot read: {exc.strerror or exc}")) from None
    if is_dir:
        raise DataError(Finding(name, "is a directory, not a data file"))
    fmt = FORMATS.get(path.suffix.lower())
    if fmt is None:
        raise DataError(
            Finding(
                name,
                f"unknown file type {path.suffix or '(no extension)'!r}; "
                "careermap reads .toml, .json, .yaml and .yml files",
            )
        )
    limit = f"careermap reads data files of at most {MAX_FILE_BYTES // 1024 // 1024} MB"
    try:
        # Open first, then judge what was opened: a file swapped for a pipe after a check by
        # name cannot make careermap wait for a writer (non-blocking open), nor be read.
        handle = os.open(path, os.O_RDONLY | _NONBLOCK | _NOCTTY)
        with os.fdopen(handle, "rb") as stream:
            info = os.fstat(stream.fileno())
            if not stat.S_ISREG(info.st_mode):
                raise DataError(Finding(name, "is not a regular file (a pipe or a device?)"))
            if info.st_size > MAX_FILE_BYTES:
                megabytes = info.st_size / 1024 / 1024
                raise DataError(Finding(name, f"file is {megabytes:.1f} MB; {limit}"))
            # O_NONBLOCK does nothing to a regular file's reads; bounded even if it grows.
            raw = stream.read(MAX_FILE_BYTES + 1)
        if len(raw) > MAX_FILE_BYTES:
            raise DataError(Finding(name, f"file grew past the limit while read; {limit}"))
    except FileNotFoundError:
        raise DataError(Finding(name, "no such file")) from None
    except PermissionError:
        raise DataError(Finding(name, "cannot read the file: permission denied")) from None
    except OSError as exc:
        raise DataError(Finding(name, f"cannot read the file: {exc.strerror or exc}")) from None
    return raw, fmt


def _parse(raw: bytes, fmt: str, name: str) -> dict[str, Any]:
    """Decode and parse the bytes into a document (a table at the top), or ``DataError``."""
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        position = exc.start + (len(codecs.BOM_UTF8) if raw.startswith(codecs.BOM_UTF8) else 0)
        line = raw[:position].count(b"\n") + 1
        raise DataError(
            Finding(
                name,
                f"not valid UTF-8 (byte 0x{raw[position]:02x}); save the file as UTF-8",
                line=line,
            )
        ) from None
    if not text.strip():
        raise DataError(Finding(name, "file is empty; it needs 'roles' and 'moves'"))
    document = _PARSERS[fmt](text, name)
    if document is None and fmt == "yaml":  # only comments, or an empty document
        raise DataError(Finding(name, "file is empty; it needs 'roles' and 'moves'"))
    if not isinstance(document, dict):
        raise DataError(
            Finding(
                name,
                "the top level must be a table (mapping) with 'roles' and 'moves', "
                f"not {_type_name(document)}",
            )
        )
    _check_size(document, name)
    return document


def _check_size(document: dict[str, Any], name: str) -> None:
    """Refuse graphs beyond the caps before validating millions of records."""
    for key, cap in (("roles", MAX_ROLES), ("moves", MAX_MOVES)):
        items = document.get(key)
        if isinstance(items, list) and len(items) > cap:
            raise DataError(
                Finding(name, f"{len(items):,} {key}; careermap reads at most {cap:,}", path=key)
            )


def _parse_toml(text: str, name: str) -> Any:
    try:
        return tomllib.loads(text)
    except RecursionError:
        raise DataError(Finding(name, "invalid TOML: nested too deeply")) from None
    except tomllib.TOMLDecodeError as exc:
        message = str(exc)
        where = re.search(r"\(at line (\d+), column (\d+)\)$", message)
        if where:
            message = message[: where.start()].strip()
            raise DataError(
                Finding(
                    name,
                    f"TOML syntax error: {message}",
                    line=int(where[1]),
                    column=int(where[2]),
                )
            ) from None
        raise DataError(Finding(name, f"TOML syntax error: {message}")) from None
    except ValueError as exc:  # e.g. an integer longer than Python converts
        raise DataError(Finding(name, f"invalid TOML: {_short(exc)}")) from None


def _reject_constant(token: str) -> Any:
    raise ValueError(f"{token} is not a number careermap accepts")


def _unique_pairs(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    result: dict[str, Any] = {}
    for key, value in pairs:
        if key in result:
            raise ValueError(f"duplicate key {key!r}")
        result[key] = value
    return result


def _parse_json(text: str, name: str) -> Any:
    try:
        return json.loads(text, parse_constant=_reject_constant, object_pairs_hook=_unique_pairs)
    except json.JSONDecodeError as exc:
        raise DataError(
            Finding(name, f"JSON syntax error: {exc.msg}", line=exc.lineno, column=exc.colno)
        ) from None
    except (ValueError, RecursionError) as exc:
        raise DataError(Finding(name, f"invalid JSON: {_short(exc)}")) from None


def _parse_yaml(text: str, name: str) -> Any:
    import yaml

    from careermap._yaml import load_yaml

    try:
        return load_yaml(text)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        problem = ": ".join(p for p in (exc.context, exc.problem) if p)
        raise DataError(
            Finding(
                name,
                f"YAML error: {problem}",
                line=mark.line + 1 if mark else None,
                column=mark.column + 1 if mark else None,
            )
        ) from None
    except (yaml.YAMLError, ValueError, RecursionError) as exc:
        raise DataError(Finding(name, f"invalid YAML: {_short(exc)}")) from None


_PARSERS: dict[str, Callable[[str, str], Any]] = {
    "toml": _parse_toml,
    "json": _parse_json,
    "yaml": _parse_yaml,
}


def validate(document: Any, name: str, lines: LineFinder | None = None) -> CareerMap:
    """Check parsed data and build its ``CareerMap``; every problem becomes one ``Finding``.

    Records are checked first (``schema``), then the rules between records, once every
    record is well formed.
    """
    from pydantic import ValidationError

    from careermap import schema
    from careermap.models import CareerMap, integrity_problems

    find_line = lines or (lambda loc: None)
    try:
        checked = schema.validate(document)
    except ValidationError as exc:
        raise DataError(
            in_line_order(_validation_findings(exc, document, name, find_line))
        ) from None
    cmap = CareerMap.from_document(checked)
    problems = integrity_problems(cmap)
    if problems:
        raise DataError(
            in_line_order(
                [
                    Finding(name, p.message, path=format_loc(p.loc), line=find_line(p.loc))
                    for p in problems
                ]
            )
        )
    return cmap


def in_line_order(findings: list[Finding]) -> list[Finding]:
    """Findings as the file reads, top to bottom (stable: one line's keep their order); those
    without a line last."""
    return sorted(findings, key=lambda f: (f.line is None, f.line or 0, f.column or 0))


def format_loc(loc: tuple[str | int, ...]) -> str:
    """``("moves", 3, "years")`` -> ``"moves[3].years"``."""
    out = ""
    for part in loc:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out or "(top level)"


def _validation_findings(
    exc: ValidationError, document: Any, name: str, find_line: LineFinder
) -> list[Finding]:
    findings: dict[str, Finding] = {}
    for error, loc in _one_error_per_place(exc.errors(include_url=False)):
        message = _describe(error, loc) + _ids(document, loc)
        finding = Finding(name, message, path=format_loc(loc), line=find_line(loc))
        findings.setdefault(str(finding), finding)  # never the same line twice
    return list(findings.values())


# Names pydantic gives the branches of a union in an error's location (a role's track is
# a string or a list, a move's years a pair or a table): not keys of the document, which
# are lowercase; a record's branch is named after its class, capitalised.
_BRANCH_NAMES = {"constrained-str", "str", "int", "float", "bool", "list", "dict", "tuple"}


_BRANCH = re.compile(r"[a-z-]+\[.*\]")


def _place(error: Any) -> tuple[str | int, ...]:
    """An error's location in the document, without pydantic's union branch names (an
    unknown key, the last part of its error, is the user's and always kept)."""
    loc = tuple(error["loc"])
    keep_last = error["type"] == "extra_forbidden"
    inner, last = (loc[:-1], loc[-1:]) if keep_last and loc else (loc, ())
    return (
        *(
            part
            for part in inner
            if not (
                isinstance(part, str)
                and (part in _BRANCH_NAMES or _BRANCH.fullmatch(part) or part[:1].isupper())
            )
        ),
        *last,
    )


def _one_error_per_place(errors: list[Any]) -> list[tuple[Any, tuple[str | int, ...]]]:
    """pydantic tries every branch of a union and reports each failure; a value that fits
    no branch is one problem. A "not the right type" error is dropped where another error
    explains the same place, or any error a place inside it (a branch that took the value's
    type and failed within), and one is kept where only those exist."""
    placed = [(error, _place(error)) for error in errors]
    kept = []
    for index, (error, loc) in enumerate(placed):
        if str(error["type"]).endswith("_type"):
            explained = any(
                other_loc[: len(loc)] == loc
                and (len(other_loc) > len(loc) or not str(other["type"]).endswith("_type"))
                for other, other_loc in placed
            )
            earlier = any(
                other_loc == loc and str(other["type"]).endswith("_type")
                for other, other_loc in placed[:index]
            )
            if explained or earlier:
                continue
        kept.append((error, loc))
    return kept


def _describe(error: Any, loc: tuple[str | int, ...]) -> str:
    """A pydantic error in the words of the data format."""
    kind = error["type"]
    if kind == "extra_forbidden":
        return f"unknown key {loc[-1]!r}{_allowed_keys(loc)}"
    if kind == "missing":
        return (
            "a [min, max] pair needs two numbers"
            if isinstance(loc[-1], int)
            else ("required key is missing")
        )
    if loc and loc[-1] == "years" and kind in ("tuple_type", "too_short", "too_long"):
        return (
            "must be [min, max], { min = N } (at least N), { max = N } (at most N) or "
            f"{{ min = N, max = M }} (got {_safe_repr(error['input'])})"
            + _years_hint(error["input"])
        )
    value = error.get("input")
    if kind == "float_type" and isinstance(value, int) and not isinstance(value, bool):
        return "is far too large a number"
    if kind in ("dict_type", "model_type"):
        return f"must be a table of keys and values (got {_type_name(error.get('input'))})"
    if kind == "too_short":
        return "must not be empty"
    if kind == "string_pattern_mismatch":
        from careermap import textrules

        pattern = str((error.get("ctx") or {}).get("pattern", ""))
        if pattern in textrules.PATTERNS:
            found = textrules.refused(str(error["input"]), pattern == textrules.PROSE_PATTERN)
            what = textrules.describe(found[1]) if found else "a refused character"
            return f"must not hold {what}; text is data, never control"
        return f"{_safe_repr(error['input'])} must be lowercase kebab-case, like 'senior-engineer'"
    message = str(error["msg"])
    if kind == "value_error":
        return message.removeprefix("Value error, ")
    value = error.get("input")
    if isinstance(value, str | int | float | bool) or value is None:
        message += f" (got {_safe_repr(value)})"
    else:
        message += f" (got {_type_name(value)})"
    return message


_NUMBER = r"(\d+(?:\.\d+)?)"
_YEARS_FORMS = (
    (re.compile(rf"{_NUMBER}\s*\+"), "{{ min = {0} }}"),  # "4+"
    (re.compile(rf"{_NUMBER}\s*(?:-|\u2013|to)\s*{_NUMBER}"), "[{0}, {1}]"),  # "2-4"
    (re.compile(rf"(?:<=?|≤|up to|at most|within)\s*{_NUMBER}"), "{{ max = {0} }}"),  # "<= 2"
)


def _years_hint(value: object) -> str:
    """``; did you mean { min = 4 }?`` for years written as text people use ("4+", "2-4",
    "at most 2"), or for one number; empty otherwise."""
    if isinstance(value, int | float) and not isinstance(value, bool) and value >= 0:
        return f"; did you mean [{value:g}, {value:g}]?"
    if not isinstance(value, str):
        return ""
    text = value.strip().lower().removesuffix("years").removesuffix("year").strip()
    for pattern, form in _YEARS_FORMS:
        found = pattern.fullmatch(text)
        if found:
            return f"; did you mean {form.format(*found.groups())}?"
    return ""


def _allowed_keys(loc: tuple[str | int, ...]) -> str:
    from careermap.schema import allowed_keys

    keys = allowed_keys(tuple(part for part in loc[:-1] if isinstance(part, str)))
    return f"; allowed keys: {', '.join(keys)}" if keys else ""


def _ids(document: Any, loc: tuple[str | int, ...]) -> str:
    """``" (role x)"`` or ``" (move a -> b)"`` for an error inside a role or move (or a
    company or theme, by id)."""
    if len(loc) < 2 or not isinstance(loc[1], int) or not isinstance(document, dict):
        return ""
    items = document.get(str(loc[0]))
    if not isinstance(items, list) or not 0 <= loc[1] < len(items):
        return ""
    item = items[loc[1]]
    if not isinstance(item, dict):
        return ""
    if loc[0] == "roles" and isinstance(item.get("id"), str):
        return f" (role {_short(item['id'])})"
    if loc[0] == "moves" and isinstance(item.get("from"), str) and isinstance(item.get("to"), str):
        return f" (move {_short(item['from'])} -> {_short(item['to'])})"
    if loc[0] == "companies" and isinstance(item.get("id"), str):
        return f" (company {_short(item['id'])})"
    if loc[0] == "themes" and isinstance(item.get("id"), str):
        return f" (theme {_short(item['id'])})"
    return ""


def _type_name(value: Any) -> str:
    """What a value is, in the data format's words."""
    if value is None:
        return "nothing (null)"
    names = {dict: "a table", list: "a list", str: "a string", bool: "a boolean"}
    if isinstance(value, int | float) and not isinstance(value, bool):
        return "a number"
    return names.get(type(value), "a date or time" if hasattr(value, "isoformat") else "a value")


def _safe_repr(value: object) -> str:
    """A value as the data file spells it (null, true, "text"), short, and safe for integers
    too long to print."""
    if value is None or isinstance(value, bool):
        return {None: "null", True: "true", False: "false"}[value]
    try:
        return _short(repr(value))
    except ValueError:
        return "a number too large to show"


def _short(value: object, limit: int = 60) -> str:
    """A value fit for a one-line message: control characters escaped, long text cut."""
    text = str(value)
    if not text.isprintable():
        text = text.encode("unicode_escape").decode("ascii")
    return text if len(text) <= limit else text[: limit - 3] + "..."
