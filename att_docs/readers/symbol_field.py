"""The ``symbol`` a paper's ``paper.yaml`` states, read quickly without the whole paper.

For finding papers by symbol (XLIFF import) and the next free serial (``new``). The file
goes through the content reader's limits and the state loader's plain YAML (libyaml;
anchors, aliases and tags refused), so a hostile ``paper.yaml`` costs no more than its
size, and the symbol is only ever a string.
"""

from __future__ import annotations

from pathlib import Path

from att_docs.base.errors import ContentError
from att_docs.base.paths import PAPER_FILE
from att_docs.base.statefile import plain_yaml
from att_docs.base.text import MAX_YAML_BYTES, read_input

__all__ = ["stated_symbol"]


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
