"""A paper's issued versions: what was distributed, kept in ``<paper>/.issued/``.

``att-docs issue`` keeps each version as it went out in a folder named after its symbol's
document code and revision (``.issued/Conf.Rep``, ``.issued/Conf.Rep.Rev1``): a copy of
the paper's content (``paper.yaml``, every language, annexes, tables and decisions, the
translation records) and ``issue.yaml``, written by att-docs::

    # Written by att-docs issue: the paper as distributed. Do not edit by hand.
    symbol: ATT/CSP9.WGTU/2023/CHAIR/763/Conf.Rep
    revision: 0
    date: 2023-07-21          # the paper's date, on its masthead
    issued: 2023-07-21        # the day of issue
    files:                    # the built files that went out, by name: SHA-256
      ATT_CSP9.WGTU_2023_CHAIR_763_Conf.Rep.en.pdf: 5b0c…

The folder is hidden, so the build does not count it as content; a revision's redline is
compared with the last version issued before it (:func:`baseline`). Finding that version
reads folder names only, so a build with nothing to do reads no YAML.
"""

from __future__ import annotations

import datetime as dt
import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from att_docs.base.errors import ContentError
from att_docs.document.symbols import DocumentSymbol, SymbolError, parse_symbol

if TYPE_CHECKING:
    from att_docs.base.yamlfile import Loaded
    from att_docs.document.model import Conference, Document

__all__ = ["ISSUED_DIR", "RECORD_FILE", "IssuedVersion", "baseline", "issued_sha256",
           "issued_versions", "load_issued", "read_issued", "suffix_of", "symbol_at",
           "version_folders"]

ISSUED_DIR = ".issued"
RECORD_FILE = "issue.yaml"
_REVISION = re.compile(r"\.Rev([1-9]\d*)$")


def suffix_of(symbol: DocumentSymbol) -> str:
    """``Conf.Rep``, ``Conf.Rep.Rev1``: the document code and revision of a symbol."""
    return symbol.type + (f".Rev{symbol.revision}" if symbol.revision else "")


def symbol_at(loaded: Loaded, text: str) -> DocumentSymbol:
    """The symbol of a YAML file's ``symbol`` key; a malformed one is an error at its line."""
    try:
        return parse_symbol(text)
    except SymbolError as exc:
        raise loaded.error(str(exc), "symbol") from None


def _revision(name: str) -> int:
    found = _REVISION.search(name)
    return int(found.group(1)) if found else 0


def version_folders(paper_dir: Path, symbol: str) -> list[tuple[int, Path]]:
    """The issued versions of the document ``symbol`` belongs to, as ``(revision,
    folder)`` in order of revision, from folder names alone (links are not versions)."""
    try:
        sym = parse_symbol(symbol)
    except SymbolError:
        return []
    root = paper_dir / ISSUED_DIR
    if root.is_symlink() or not root.is_dir():
        return []
    found = []
    for entry in os.scandir(root):
        name = entry.name
        if entry.is_symlink() or not entry.is_dir() or name.startswith("."):
            continue
        if _REVISION.sub("", name) == sym.type:
            found.append((_revision(name), Path(entry.path)))
    return sorted(found)


def baseline(paper_dir: Path, symbol: str) -> tuple[int, Path] | None:
    """The version a revision's redline is compared with: the last one issued before
    the revision ``symbol`` names (None for an original, or with nothing issued)."""
    try:
        current = parse_symbol(symbol).revision or 0
    except SymbolError:
        return None
    earlier = [v for v in version_folders(paper_dir, symbol) if v[0] < current]
    return earlier[-1] if earlier else None


def issued_sha256(paper_dir: Path) -> str:
    """One hash of everything issued: the manifest and the status list the versions."""
    from att_docs.base.hashing import tree_sha256

    root = paper_dir / ISSUED_DIR
    return "" if root.is_symlink() or not root.is_dir() else tree_sha256(root)


@dataclass(frozen=True)
class IssuedVersion:
    """One version as distributed: its symbol, dates and the built files' SHA-256."""

    folder: Path
    symbol: str
    revision: int
    date: dt.date
    issued: dt.date
    files: dict[str, str] = field(default_factory=dict)

    def to_dict(self) -> dict[str, object]:
        return {"symbol": self.symbol, "revision": self.revision,
                "date": self.date.isoformat(), "issued": self.issued.isoformat(),
                "files": dict(self.files)}


def read_issued(folder: Path, name: str | None = None) -> IssuedVersion:
    """The record of one issued version, kept in a folder named ``name`` (default: the
    folder's own name); a damaged one is a ContentError at its line."""
    from att_docs.base.yamlfile import load_yaml, validate
    from att_docs.readers.schema import IssueRecord

    path = folder / RECORD_FILE
    if path.is_symlink() or not path.is_file():
        raise ContentError(f"an issued version without its {RECORD_FILE} (written by "
                           "att-docs issue)", folder)
    loaded = load_yaml(path)
    record = validate(loaded, IssueRecord, RECORD_FILE)
    sym = symbol_at(loaded, record.symbol)
    name = name or folder.name
    if suffix_of(sym) != name or (sym.revision or 0) != record.revision:
        raise loaded.error(f"records {record.symbol} in a folder named {name!r}; "
                           "the record is written by att-docs issue", "symbol")
    return IssuedVersion(folder, record.symbol, record.revision, record.date, record.issued,
                         dict(record.files))


def issued_versions(paper_dir: Path, symbol: str) -> list[IssuedVersion]:
    """Every version of the paper issued so far, oldest first."""
    return [read_issued(folder) for _, folder in version_folders(paper_dir, symbol)]


def load_issued(folder: Path, paper: Document, conference: Conference,
                templates: Path) -> Document:
    """The issued version in ``folder``, read and assembled with ``paper``'s symbol and
    date (a redline shows what the revision changed in the text, not the masthead's new
    symbol and date, which every revision has)."""
    from dataclasses import replace

    from att_docs.readers.assemble import assemble
    from att_docs.readers.content import read_paper
    from att_docs.readers.frame import FrameRenderer, known_types

    issued = read_paper(folder, conference, templates, known_types(templates), strict=False)
    issued.id = paper.id
    issued.masthead = replace(issued.masthead, symbol=paper.masthead.symbol,
                              date=paper.masthead.date)
    return assemble(issued, FrameRenderer(templates))
