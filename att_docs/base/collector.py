"""Python's cyclic garbage collector, paused for work that makes many short-lived objects."""

from __future__ import annotations

import contextlib
import gc
from collections.abc import Iterator

__all__ = ["collector_paused"]


@contextlib.contextmanager
def collector_paused() -> Iterator[None]:
    """Pause the cycle collector for the block, then restore it as it was.

    For work that allocates tens of thousands of small objects holding no cycles (a DOCX
    write's element proxies, a check run's matches): reference counting frees them, and
    each collection they would set off walks the whole heap again.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()
