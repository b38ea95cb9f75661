"""Where att-docs keeps what it can compute again: ``$XDG_CACHE_HOME/att-docs``.

Files there are named by the SHA-256 of everything they depend on and are read and
written through :mod:`att_docs.base.statefile`: each carries a checksum of its name and
data and is checked against a schema when read, so one that is damaged, edited or
replaced is ignored (with a warning naming it) and made again; it never changes a
result. Set ``ATT_DOCS_NO_CACHE`` to neither read nor write them.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Callable
from functools import cache
from pathlib import Path
from typing import Any

from att_docs.base.statefile import load_cache, save_cache

__all__ = ["cache_folder", "cache_path", "cached", "read_cached", "tool_version",
           "write_cached"]


def cache_folder() -> Path | None:
    """Where the cached files live, or None when caching is switched off."""
    if os.environ.get("ATT_DOCS_NO_CACHE"):
        return None
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "att-docs"


def cache_path(kind: str, *inputs: Any) -> Path | None:
    """The cache file of ``kind`` for ``inputs`` (JSON values: what the value depends on),
    named by their SHA-256; None when caching is switched off."""
    folder = cache_folder()
    if folder is None:
        return None
    digest = hashlib.sha256(json.dumps(list(inputs), ensure_ascii=False,
                                       sort_keys=True).encode()).hexdigest()
    return folder / f"{kind}-{digest}.json"


@cache
def tool_version(package: str) -> str:
    """The installed version of ``package``, which a cached value it made depends on;
    looked up once per process (the lookup reads the installed packages' metadata)."""
    from importlib.metadata import version

    return version(package)


def read_cached(path: Path, schema: Any, check: Callable[[Any], bool] | None = None) -> Any:
    """The value cached in ``path`` if it is sound and fits ``schema`` (a pydantic
    type), else None (see :func:`att_docs.base.statefile.load_cache`)."""
    return load_cache(path, schema, check)


def cached(path: Path | None, make: Callable[[], Any], valid: Callable[[Any], bool]) -> Any:
    """The value ``valid`` accepts in ``path``, else ``make()``, kept there when ``valid``
    accepts it (``path`` None: caching is off, the value is made)."""
    found = read_cached(path, None, valid) if path is not None else None
    if found is not None:
        return found
    made = make()
    if path is not None and valid(made):
        write_cached(path, made)
    return made


def write_cached(path: Path, value: Any) -> None:
    """Cache ``value`` in ``path``; a folder that cannot be written is left alone.

    The file replaces the old one in one step but is not flushed to disk on its own (a
    check run writes one per paper): one that a crash leaves cut short fails its checksum
    and is made again."""
    from att_docs.base.atomic import deferred_sync

    with deferred_sync():
        save_cache(path, value)
