"""The ``inflect`` package's engine, imported without its run-time type checks.

inflect decorates its public methods with typeguard's ``@typechecked``, which at import
time reads inflect's source again, rewrites each method through ``ast`` and compiles it:
about 1.5 s of processor time, more than a whole check of a paper costs. The checks call
the engine with non-empty words only, which those type checks accept, so the engine is
imported with ``typechecked`` standing for the undecorated method: the same code, the
same results, none of that start-up.
"""

from __future__ import annotations

import functools
import sys
from typing import Any

__all__ = ["inflect_engine"]


def _as_written(target: Any = None, **_options: Any) -> Any:
    """``typechecked`` that returns what it decorates (with or without options)."""
    return target if target is not None else _as_written


@functools.cache
def inflect_engine() -> Any:
    """One ``inflect.engine()`` per process."""
    if "inflect" not in sys.modules:
        import typeguard

        checked = typeguard.typechecked
        typeguard.typechecked = _as_written  # type: ignore[assignment]
        try:
            import inflect
        finally:
            typeguard.typechecked = checked
    import inflect

    return inflect.engine()
