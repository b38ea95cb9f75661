"""Where att-docs keeps what it can compute again: ``$XDG_CACHE_HOME/att-docs``.

Files there are named by the SHA-256 of everything they depend on, hold plain JSON and are
validated when read, so a stale or damaged one is simply made again. Set
``ATT_DOCS_NO_CACHE`` to neither read nor write them.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

from att_docs.atomic import atomic_output

__all__ = ["cache_folder", "read_json", "write_json"]


def cache_folder() -> Path | None:
    """Where the cached files live, or None when caching is switched off."""
    if os.environ.get("ATT_DOCS_NO_CACHE"):
        return None
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "att-docs"


def read_json(path: Path) -> Any:
    """The JSON value in ``path``, or None if it is missing or unreadable."""
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


def write_json(path: Path, value: Any) -> None:
    """Write ``value`` atomically; a folder that cannot be written is left alone (the next
    process computes the value again)."""
    try:
        with atomic_output(path) as tmp:
            tmp.write_text(json.dumps(value, ensure_ascii=False), encoding="utf-8")
    except OSError:
        pass
