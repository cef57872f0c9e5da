"""The one rule for text in a data file: text is data, never control, and never invisible.

Every string a ladder holds (a title, an alias, a note, a URL) passes it: in ``schema.py``,
whose ``Line``, ``Text`` and ``Prose`` types give these patterns to pydantic-core (its regex
engine checks them, with no Python call per string), and in the cache's re-check of an entry
(``cache.py``, with Python's ``re``). The JSON Schema for editors carries them too, so they are
written in the syntax those three engines share: ``\\x``/``\\u`` escapes and, beyond the BMP,
the characters themselves. This module imports nothing heavy: the cache's fast path uses it.

Refused anywhere: C0 and C1 control characters and DEL (tabs and line breaks only in prose);
the bidirectional controls (embeddings, overrides, isolates and the LRM, RLM and ALM marks),
which make text read in another order than it is stored; and invisible characters (zero-width
space, non-joiner and joiner, word joiner and the invisible operators, the BOM, the Mongolian
vowel separator, the deprecated format controls, interlinear annotation, tag characters), which
make two different names look alike or hide text. Emoji keep their two exceptions: a zero-width
joiner between two pictographs (Unicode's grapheme rule GB11: "👩‍💻", with skin tones and
VS16 before the joiner), and tag characters in a black flag's tag sequence (a subdivision flag).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Collection
from functools import cache

# Unicode's Extended_Pictographic property (emoji-data.txt, Unicode 14.0): the characters an
# emoji zero-width-joiner sequence joins. Ranges of code points, both ends included.
EXTENDED_PICTOGRAPHIC = (
    (0xA9, 0xA9), (0xAE, 0xAE), (0x203C, 0x203C), (0x2049, 0x2049), (0x2122, 0x2122),
    (0x2139, 0x2139), (0x2194, 0x2199), (0x21A9, 0x21AA), (0x231A, 0x231B), (0x2328, 0x2328),
    (0x2388, 0x2388), (0x23CF, 0x23CF), (0x23E9, 0x23F3), (0x23F8, 0x23FA), (0x24C2, 0x24C2),
    (0x25AA, 0x25AB), (0x25B6, 0x25B6), (0x25C0, 0x25C0), (0x25FB, 0x25FE), (0x2600, 0x2605),
    (0x2607, 0x2612), (0x2614, 0x2685), (0x2690, 0x2705), (0x2708, 0x2712), (0x2714, 0x2714),
    (0x2716, 0x2716), (0x271D, 0x271D), (0x2721, 0x2721), (0x2728, 0x2728), (0x2733, 0x2734),
    (0x2744, 0x2744), (0x2747, 0x2747), (0x274C, 0x274C), (0x274E, 0x274E), (0x2753, 0x2755),
    (0x2757, 0x2757), (0x2763, 0x2767), (0x2795, 0x2797), (0x27A1, 0x27A1), (0x27B0, 0x27B0),
    (0x27BF, 0x27BF), (0x2934, 0x2935), (0x2B05, 0x2B07), (0x2B1B, 0x2B1C), (0x2B50, 0x2B50),
    (0x2B55, 0x2B55), (0x3030, 0x3030), (0x303D, 0x303D), (0x3297, 0x3297), (0x3299, 0x3299),
    (0x1F000, 0x1F0FF), (0x1F10D, 0x1F10F), (0x1F12F, 0x1F12F), (0x1F16C, 0x1F171),
    (0x1F17E, 0x1F17F), (0x1F18E, 0x1F18E), (0x1F191, 0x1F19A), (0x1F1AD, 0x1F1E5),
    (0x1F201, 0x1F20F), (0x1F21A, 0x1F21A), (0x1F22F, 0x1F22F), (0x1F232, 0x1F23A),
    (0x1F23C, 0x1F23F), (0x1F249, 0x1F3FA), (0x1F400, 0x1F53D), (0x1F546, 0x1F64F),
    (0x1F680, 0x1F6FF), (0x1F774, 0x1F77F), (0x1F7D5, 0x1F7FF), (0x1F80C, 0x1F80F),
    (0x1F848, 0x1F84F), (0x1F85A, 0x1F85F), (0x1F888, 0x1F88F), (0x1F8AE, 0x1F8FF),
    (0x1F90C, 0x1F93A), (0x1F93C, 0x1F945), (0x1F947, 0x1FAFF), (0x1FC00, 0x1FFFD),
)  # fmt: skip
# What may stand between a pictograph and the joiner: emoji presentation (VS16), skin tones.
EMOJI_MODIFIERS = ((0xFE0F, 0xFE0F), (0x1F3FB, 0x1F3FF))
ZWJ = 0x200D
BLACK_FLAG, TAGS, CANCEL_TAG = 0x1F3F4, (0xE0020, 0xE007E), 0xE007F

CONTROLS = ((0x00, 0x1F), (0x7F, 0x9F))
PROSE_CONTROLS = ((0x00, 0x08), (0x0B, 0x0C), (0x0E, 0x1F), (0x7F, 0x9F))  # tab, LF, CR allowed
BIDI_CONTROLS = ((0x061C, 0x061C), (0x200E, 0x200F), (0x202A, 0x202E), (0x2066, 0x2069))
INVISIBLE = (
    (0x180E, 0x180E),  # Mongolian vowel separator
    (0x200B, 0x200D),  # zero-width space, non-joiner, joiner
    (0x2060, 0x2065),  # word joiner, invisible operators
    (0x206A, 0x206F),  # deprecated format controls
    (0xFEFF, 0xFEFF),  # zero-width no-break space (BOM)
    (0xFFF9, 0xFFFB),  # interlinear annotation
    (0xE0000, 0xE007F),  # tags
)


def _char(code: int) -> str:
    """A code point in a pattern: an escape in the BMP, the character itself beyond (Rust,
    Python and ECMAScript share ``\\uXXXX`` but no escape for the astral planes)."""
    if code <= 0xFF:
        return f"\\x{code:02x}"
    return f"\\u{code:04x}" if code <= 0xFFFF else chr(code)


def _class(ranges: tuple[tuple[int, int], ...]) -> str:
    return "".join(_char(a) if a == b else f"{_char(a)}-{_char(b)}" for a, b in ranges)


def _body(controls: tuple[tuple[int, int], ...]) -> str:
    """Text as a repetition of allowed pieces: an emoji joiner sequence, a flag's tag
    sequence, or one character that is neither a refused one nor a joiner or tag."""
    pictograph, modifier = f"[{_class(EXTENDED_PICTOGRAPHIC)}]", f"[{_class(EMOJI_MODIFIERS)}]"
    joined = f"{pictograph}{modifier}*(?:{_char(ZWJ)}{pictograph}{modifier}*)+"
    flag = f"{_char(BLACK_FLAG)}[{_class((TAGS,))}]+{_char(CANCEL_TAG)}"
    plain = f"[^{_class(controls + BIDI_CONTROLS + INVISIBLE)}]"
    return f"(?:{joined}|{flag}|{plain})*"  # sequences first: the prefix match below needs it


_LINE_BODY, _PROSE_BODY = _body(CONTROLS), _body(PROSE_CONTROLS)
LINE_PATTERN = f"^{_LINE_BODY}$"  # one line of text: a title, a name, a source
PROSE_PATTERN = f"^{_PROSE_BODY}$"  # text with tabs and line breaks: descriptions, notes
PATTERNS = (LINE_PATTERN, PROSE_PATTERN)


@cache
def _quick(prose: bool) -> re.Pattern[str]:
    """A quicker pattern that accepts part of what the rule does: one character class, for the
    common text that holds no joiner or tag character at all."""
    refused = (PROSE_CONTROLS if prose else CONTROLS) + BIDI_CONTROLS + INVISIBLE
    return re.compile(f"[^{_class(refused)}]*")


@cache
def _exact(prose: bool) -> re.Pattern[str]:
    """The rule's pattern for Python's ``re``. Compiling it takes about a millisecond (the
    pictograph classes), so it is compiled only for text the quick pattern refuses."""
    return re.compile(PROSE_PATTERN if prose else LINE_PATTERN)


def all_allowed(texts: Collection[str], prose: bool = False) -> bool:
    """Whether every one of ``texts`` passes the rule (``PROSE_PATTERN`` if ``prose``, else
    ``LINE_PATTERN``), at the speed of ``re``: the full pattern only if the quick one fails."""
    if all(map(_quick(prose).fullmatch, texts)):
        return True
    return all(map(_exact(prose).fullmatch, texts))


def refused(text: str, prose: bool = False) -> tuple[int, str] | None:
    """The first refused character of ``text`` and its index, or None if the text passes."""
    prefix = re.compile(_PROSE_BODY if prose else _LINE_BODY).match(text)
    stop = prefix.end() if prefix is not None else 0
    return None if stop == len(text) else (stop, text[stop])


def describe(char: str) -> str:
    """What a refused character is, for a message: ``a bidirectional control character
    (U+202E RIGHT-TO-LEFT OVERRIDE)``."""
    code = ord(char)
    name = f"U+{code:04X}" + (f" {unicodedata.name(char)}" if unicodedata.name(char, "") else "")
    if any(a <= code <= b for a, b in CONTROLS):
        return f"a control character (\\x{code:02x})"
    if any(a <= code <= b for a, b in BIDI_CONTROLS):
        return f"a bidirectional control character ({name})"
    if code == ZWJ:
        return f"a zero-width joiner outside an emoji sequence ({name})"
    if TAGS[0] <= code <= CANCEL_TAG:
        return f"a tag character outside a flag's tag sequence ({name})"
    return f"an invisible character ({name})"
