"""The translation memory: what was translated before, offered again for a new text.

- :mod:`~att_docs.exchange.memory.entries`: one remembered paragraph (source and translation, with
  formatting and footnote marks) and where it came from.
- :mod:`~att_docs.exchange.memory.papers`: the recorded translations of the content folder's
  conferences as entries.
- :mod:`~att_docs.exchange.memory.tmx`: TMX files the user adds (``content/.tm/``), read safely.
- :mod:`~att_docs.exchange.memory.match`: matches for a text: by id, exact, then fuzzy
  (rapidfuzz), with inline codes and numbers carried over to the new text.
"""

from __future__ import annotations

TM_DIR = ".tm"
"""The folder under the content folder that keeps the TMX files added with ``tm add``."""

__all__ = ["TM_DIR"]
