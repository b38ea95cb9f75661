"""The ``symbol`` a paper's ``paper.yaml`` states, read quickly without the whole paper.

For finding papers by symbol (XLIFF import) and the next free serial (``new``). The file
goes through the content reader's limits and the state loader's plain YAML (libyaml;
anchors, aliases and tags refused), so a hostile ``paper.yaml`` costs no more than its
size, and the symbol is only ever a string.
"""

from __future__ import annotations

from pathlib import Path

from att_docs.base.errors import ContentError
from att_docs.base.paths import PAPER_FILE, find_paper_dirs
from att_docs.base.statefile import plain_yaml
from att_docs.base.text import MAX_YAML_BYTES, read_input
from att_docs.document.symbols import DocumentSymbol, SymbolError, parse_symbol

__all__ = ["SYMBOL_TYPES", "next_serial", "serial_holder", "stated_symbol", "symbol_of"]

SYMBOL_TYPES = {
    "chair-report": "Conf.Rep",
    "draft-proposal": "Conf.Prop",
    "decision-annex": "Conf.Dec",
}
"""The document code at the end of a symbol, per type; other types use ``Conf.Doc``."""


def stated_symbol(paper_dir: Path) -> str:
    """The text of ``symbol:`` in ``paper_dir/paper.yaml``; a file that cannot be read,
    or says no symbol as text, is a :class:`ContentError` naming it (and the line)."""
    path = paper_dir / PAPER_FILE
    data, lines = plain_yaml(read_input(path, MAX_YAML_BYTES), path)
    symbol = data.get("symbol") if isinstance(data, dict) else None
    if not isinstance(symbol, str) or not symbol.strip():
        raise ContentError("states no symbol (symbol: ATT/...)", path,
                           lines.get(("symbol",)))
    return symbol.strip()


def next_serial(conference_dir: Path) -> int:
    """One more than the highest serial of the conference's papers (1 if none)."""
    serials = [symbol_of(d).serial for d in find_paper_dirs(conference_dir)]
    return max(serials, default=0) + 1


def serial_holder(conference_dir: Path, symbol: DocumentSymbol,
                  but: str) -> tuple[Path, DocumentSymbol] | None:
    """Another paper (not folder ``but``) whose symbol takes ``symbol``'s serial, unless
    it is an earlier or later revision of the same document."""
    for paper_dir in find_paper_dirs(conference_dir):
        other = symbol_of(paper_dir)
        if paper_dir.name != but and other.serial == symbol.serial and (
                other.base != symbol.base or other.revision == symbol.revision):
            return paper_dir, other
    return None


def symbol_of(paper_dir: Path) -> DocumentSymbol:
    """The parsed symbol ``paper_dir/paper.yaml`` states; a bad one names the file."""
    try:
        return parse_symbol(stated_symbol(paper_dir))
    except SymbolError as exc:
        raise ContentError(str(exc), paper_dir / PAPER_FILE) from None
