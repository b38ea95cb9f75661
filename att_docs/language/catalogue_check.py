"""What a template catalogue (``templates/locale/<lang>.po``) must be before it is used.

babel's reader is lenient: it takes ``msgstr x`` (no quotes) for an empty translation,
keeps the first of two entries for one phrase, and lets a translation drop or misspell a
placeholder (``%(body)s``), which then fails at render time or loses the value. A
catalogue is therefore checked line by line first, as ``msgfmt --check`` would: every
line is a comment, a keyword with one quoted string, or a quoted continuation with valid
escapes; no phrase twice; a translation keeps its phrase's placeholders; no fuzzy entry
and no context (gettext ignores the one, the templates never ask for the other: either
way the phrase would silently stay in English). Each problem is a
:class:`ContentError` at its line.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from att_docs.base.errors import ContentError

__all__ = ["check_catalogue"]

_STRING = r'"(?:[^"\\]|\\(?:[\\"abfnrtv?\']|[0-7]{1,3}|x[0-9A-Fa-f]+))*"'
_KEYWORD = re.compile(rf"^(msgctxt|msgid|msgid_plural|msgstr(?:\[\d+\])?)\s+({_STRING})\s*$")
_CONTINUATION = re.compile(rf"^({_STRING})\s*$")
_PLACEHOLDER = re.compile(r"%\((\w+)\)[sdifr]|%[sdifr]")


@dataclass
class _Entry:
    line: int
    fuzzy: bool
    fields: dict[str, str] = field(default_factory=dict)
    lines: dict[str, int] = field(default_factory=dict)


def check_catalogue(source: str, path: Path) -> None:
    """Refuse ``source`` (the text of ``path``) unless it is a clean catalogue."""
    entries = _entries(source, path)
    seen: dict[tuple[str, str], int] = {}
    for entry in entries:
        if "msgid" not in entry.fields:
            raise ContentError("an entry without msgid", path, entry.line)
        if not any(k.startswith("msgstr") for k in entry.fields):
            raise ContentError(f"msgid {entry.fields['msgid']!r} has no msgstr", path,
                               entry.line)
        if "msgctxt" in entry.fields:
            raise ContentError(f"msgid {entry.fields['msgid']!r} has a context (msgctxt): "
                               "the templates ask for phrases without one, so it would "
                               "never be used", path, entry.lines["msgctxt"])
        key = (entry.fields.get("msgctxt", ""), entry.fields["msgid"])
        if key in seen:
            raise ContentError(f"msgid {key[1]!r} is in the catalogue twice (first on line "
                               f"{seen[key]}); keep one", path, entry.lines["msgid"])
        seen[key] = entry.lines["msgid"]
        if not key[1]:
            continue  # the header
        if entry.fuzzy:
            raise ContentError(f"the translation of {key[1]!r} is marked fuzzy, so gettext "
                               "would not use it: review it and remove the mark", path,
                               entry.line)
        wanted = sorted(_PLACEHOLDER.findall(key[1]))
        for name, text in entry.fields.items():
            if name.startswith("msgstr") and text and "msgid_plural" not in entry.fields \
                    and sorted(_PLACEHOLDER.findall(text)) != wanted:
                raise ContentError(f"the translation of {key[1]!r} must keep its "
                                   f"placeholders ({', '.join(_names(key[1])) or 'none'}); "
                                   f"it has {', '.join(_names(text)) or 'none'}", path,
                                   entry.lines[name])


def _names(text: str) -> list[str]:
    return [f"%({m[1]})s" if m[1] else m[0] for m in _PLACEHOLDER.finditer(text)]


def _entries(source: str, path: Path) -> list[_Entry]:
    """The entries of the catalogue, each with its fields as written (escapes kept)."""
    entries: list[_Entry] = []
    current: _Entry | None = None
    last: str | None = None
    fuzzy = False
    for number, raw in enumerate(source.split("\n"), start=1):
        line = raw.strip()
        if not line:
            last = None
            continue
        if line.startswith("#"):
            fuzzy = fuzzy or (line.startswith("#,") and "fuzzy" in line)
            continue
        keyword = _KEYWORD.match(line)
        if keyword:
            name, text = keyword[1], keyword[2][1:-1]
            starts = name in ("msgctxt", "msgid") and (
                current is None or any(k.startswith("msgstr") for k in current.fields)
                or name in current.fields)
            if current is None or starts:
                current = _Entry(number, fuzzy)
                entries.append(current)
                fuzzy = False
            if name in current.fields:
                raise ContentError(f"{name} twice in one entry", path, number)
            current.fields[name] = text
            current.lines[name] = number
            last = name
            continue
        continuation = _CONTINUATION.match(line)
        if continuation and current is not None and last is not None:
            current.fields[last] += continuation[1][1:-1]
            continue
        raise ContentError("not a catalogue line: expected msgid, msgstr, a quoted string "
                           "or a comment (a quote or an escape may be wrong)", path, number)
    return entries
