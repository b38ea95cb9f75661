"""What a content file may hold: a size limit, characters a paper can carry, words a
line can hold.

Control characters, lone surrogates, noncharacters and bidirectional overrides have no
place in a paper: Word and PDF cannot hold some of them (XML 1.0 forbids them), and the
others hide text from a reader (Trojan-source style reordering). A "word" of more than
:data:`MAX_WORD` characters with no place to break a line (no space, no CJK character)
is no word: it runs off the page, and a PDF cannot hold it past 32,767 characters. Both
are refused where they are read, with the file and line, before any output is written.
"""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

from att_docs.base.errors import ContentError
from att_docs.base.inputs import read_text

__all__ = ["LINE_BREAK", "MAX_MARKDOWN_BYTES", "MAX_WORD", "MAX_YAML_BYTES",
           "check_characters", "fold_lines", "forbidden_character", "join_lines",
           "read_input"]

MAX_YAML_BYTES = 1_000_000
MAX_MARKDOWN_BYTES = 1_000_000
MAX_WORD = 1_000

#: every character that ends a line somewhere (Unicode's line boundaries)
LINE_BREAK = re.compile("[\r\n\v\f\x1c-\x1e\x85\u2028\u2029]")
_FOLD = re.compile("[ \t]*[\r\n\v\f\x1c-\x1e\x85\u2028\u2029]+[ \t]*")

# where a line may break: white space, soft hyphen, zero-width space, and the wide
# (CJK) characters, each of which may stand at a line's end
_BREAKS = ("\\s\u00ad\u200b\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff"
           "\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6\U00020000-\U0003fffd")
# a run of MAX_WORD + 1 characters without one, found from the run's start only (linear)
_LONG_WORD = re.compile(f"(?<![^{_BREAKS}])[^{_BREAKS}]{{{MAX_WORD + 1}}}")

FORBIDDEN = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f"  # C0 (tab and line ends aside), DEL, C1
    "\ud800-\udfff"  # lone surrogates
    "\ufdd0-\ufdef\ufffe\uffff"  # noncharacters
    "\ufffd"  # the replacement character: text that was decoded wrongly
    "\u202a-\u202e\u2066-\u2069]"  # bidirectional embeddings, overrides and isolates
)


def forbidden_character(text: str) -> re.Match[str] | None:
    """The first character of ``text`` a paper cannot carry, if any."""
    return FORBIDDEN.search(text)


def describe(char: str) -> str:
    """``U+0007 (a control character)``."""
    name = unicodedata.name(char, "")
    kind = ("a lone surrogate" if 0xD800 <= ord(char) <= 0xDFFF
            else "a bidirectional control" if name else "a control character or noncharacter")
    return f"U+{ord(char):04X} ({name.lower() or kind})"


def check_characters(text: str, path: Path, first_line: int = 1) -> None:
    """Refuse ``text`` (from ``path``, starting at ``first_line``) if it holds a
    character a paper cannot carry, or a word longer than a line can hold; the error
    names its line."""
    match = FORBIDDEN.search(text)
    if match:
        line = first_line + text.count("\n", 0, match.start())
        raise ContentError(f"character {describe(match[0])} is not allowed in a paper; "
                           "delete it", path, line)
    match = _LONG_WORD.search(text) if _may_hold_long_word(text) else None
    if match:
        end = re.compile(f"[{_BREAKS}]").search(text, match.start())
        length = (end.start() if end else len(text)) - match.start()
        line = first_line + text.count("\n", 0, match.start())
        raise ContentError(f"a word of {length:,} characters with no space ({match[0][:24]}"
                           f"…): no line can hold it; words are limited to {MAX_WORD:,} "
                           "characters", path, line)


def _may_hold_long_word(text: str) -> bool:
    """Whether a run of more than :data:`MAX_WORD` characters between spaces is there:
    spaces are among the breaks, so without such a run there is no over-long word, and
    this looks much faster than the pattern, which then looks again."""
    return len(text) > MAX_WORD and max(map(len, text.split()), default=0) > MAX_WORD


def read_input(path: Path, limit: int) -> str:
    """A content file's text: a regular file of at most ``limit`` bytes of UTF-8, no
    forbidden character (:mod:`att_docs.base.inputs` opens it)."""
    text = read_text(path, limit=limit).removeprefix("\ufeff")  # a byte order mark is not text
    check_characters(text, path)
    return text


def join_lines(text: str) -> str:
    """``text`` with each line break, and the spaces around it, made one space."""
    return _FOLD.sub(" ", text)


def fold_lines(text: str) -> str:
    """A one-line text: :func:`join_lines`, without spaces at its ends."""
    return join_lines(text).strip(" \t")
