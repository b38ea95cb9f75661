"""Read a file once per process while its bytes stay the same.

A warm process (``att-docs watch``, a build's worker) reads the glossary and the style
sheet again on every build; parsing them costs far more than hashing them. Readers
decorated with :func:`by_content` return the same object for the same bytes, so the
indexes and skeletons keyed on that object are reused too. Callers treat the result as
read-only.
"""

from __future__ import annotations

import functools
import hashlib
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from att_docs.base.errors import ContentError
from att_docs.base.inputs import read_bytes

__all__ = ["by_content"]

T = TypeVar("T")

_KEPT = 4  # results kept per reader: enough for a few files in turn


def by_content(reader: Callable[[Path], T]) -> Callable[[Path], T]:
    """Memoise ``reader(path)`` on the path and the SHA-256 of the file's bytes."""
    results: dict[tuple[Path, str], T] = {}

    @functools.wraps(reader)
    def read(path: Path) -> T:
        path = Path(path)
        try:
            digest = hashlib.sha256(read_bytes(path)).hexdigest()
        except ContentError:  # missing, a folder, a FIFO, too big: the reader says so
            return reader(path)
        key = (path.resolve(), digest)
        if key not in results:
            if len(results) >= _KEPT:
                results.pop(next(iter(results)))
            results[key] = reader(path)
        return results[key]

    read.cache_clear = results.clear  # type: ignore[attr-defined]  # as functools' caches
    return read
