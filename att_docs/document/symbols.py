"""ATT document symbols: ``ATT/<meeting>[.<body>]/<year>/<submitter>/<serial>/<type>[.RevN]``.

Examples: ``ATT/CSP9.WGTU/2023/CHAIR/763/Conf.Rep``,
``ATT/CSP9/2023/SEC/773/Conf.FinRep.Rev2``, ``ATT/CSP10/2024/PRES/782/WG.WP.IAC``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

__all__ = ["DocumentSymbol", "SymbolError", "parse_symbol"]

_SYMBOL = re.compile(
    r"""
    ^ATT/
    (?P<meeting>[A-Z][A-Za-z]*\d*)          # CSP9, VTF
    (?:\.(?P<body>[A-Z][A-Za-z]*))?         # .WGTU
    /(?P<year>(?:19|20)\d{2})
    /(?P<submitter>[A-Z]+)                  # CHAIR, SEC, PRES
    /(?P<serial>\d{1,5})
    /(?P<type>[A-Z][A-Za-z]*(?:\.[A-Z][A-Za-z]*)*?)   # Conf.Rep, WG.WP.IAC
    (?:\.Rev(?P<revision>[1-9]\d*))?$
    """,
    re.VERBOSE,
)


class SymbolError(ValueError):
    """A string that does not follow the ATT symbol grammar."""


@dataclass(frozen=True)
class DocumentSymbol:
    """A parsed document symbol; ``str()`` gives it back verbatim."""

    meeting: str
    body: str | None
    year: int
    submitter: str
    serial: int
    type: str
    revision: int | None = None

    def __str__(self) -> str:
        meeting = f"{self.meeting}.{self.body}" if self.body else self.meeting
        rev = f".Rev{self.revision}" if self.revision else ""
        return f"ATT/{meeting}/{self.year}/{self.submitter}/{self.serial}/{self.type}{rev}"

    @property
    def base(self) -> str:
        """The symbol without its revision suffix: what a ``.RevN`` supersedes."""
        meeting = f"{self.meeting}.{self.body}" if self.body else self.meeting
        return f"ATT/{meeting}/{self.year}/{self.submitter}/{self.serial}/{self.type}"

    @property
    def file_stem(self) -> str:
        """A file-name-safe form: ``ATT_CSP9.WGTU_2023_CHAIR_763_Conf.Rep``."""
        return str(self).replace("/", "_")


def parse_symbol(text: str) -> DocumentSymbol:
    """Parse ``text`` or raise :class:`SymbolError` saying what the grammar expects."""
    m = _SYMBOL.match(text.strip())
    if not m:
        raise SymbolError(
            f"malformed document symbol {text!r}: expected "
            "ATT/<meeting>[.<body>]/<year>/<submitter>/<serial>/<type>[.RevN], "
            "e.g. ATT/CSP9.WGTU/2023/CHAIR/763/Conf.Rep"
        )
    g = m.groupdict()
    return DocumentSymbol(
        meeting=g["meeting"],
        body=g["body"],
        year=int(g["year"]),
        submitter=g["submitter"],
        serial=int(g["serial"]),
        type=g["type"],
        revision=int(g["revision"]) if g["revision"] else None,
    )
