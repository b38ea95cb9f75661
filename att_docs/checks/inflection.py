"""The ``inflect`` package's engine, imported without its run-time type checks.

inflect decorates its public methods with typeguard's ``@typechecked``, which at import
time reads inflect's source again, rewrites each method through ``ast`` and compiles it:
about 1.5 s of processor time, more than a whole check of a paper costs. The checks call
the engine with non-empty words only, which those type checks accept, so the engine is
imported with ``typechecked`` standing for the undecorated method: the same code, the
same results, none of that start-up. Where typeguard is not loaded yet, inflect's one
import from it (``typechecked``) is answered by a stand-in module, so typeguard itself
(which loads ``unittest.mock`` and ``asyncio``: 0.1-0.3 s) is not imported either.
"""

from __future__ import annotations

import functools
import sys
import types
from typing import Any

__all__ = ["inflect_engine"]


def _as_written(target: Any = None, **_options: Any) -> Any:
    """``typechecked`` that returns what it decorates (with or without options)."""
    return target if target is not None else _as_written


@functools.cache
def inflect_engine() -> Any:
    """One ``inflect.engine()`` per process."""
    if "inflect" not in sys.modules:
        if "typeguard" in sys.modules:
            _import_with(sys.modules["typeguard"])
        else:
            stand_in = types.ModuleType("typeguard")
            sys.modules["typeguard"] = stand_in
            try:
                _import_with(stand_in)
            finally:
                if sys.modules.get("typeguard") is stand_in:
                    del sys.modules["typeguard"]
    import inflect

    return inflect.engine()


def _import_with(typeguard: Any) -> None:
    """Import inflect while ``typeguard.typechecked`` leaves methods as written."""
    checked = getattr(typeguard, "typechecked", None)
    typeguard.typechecked = _as_written
    try:
        import inflect  # noqa: F401
    finally:
        if checked is None:
            del typeguard.typechecked
        else:
            typeguard.typechecked = checked
