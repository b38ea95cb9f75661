"""Atomic file output: write beside the target, then rename over it in one step."""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path

from att_docs.base.errors import OutputError

__all__ = ["atomic_output", "deferred_sync"]

_DEFERRED = False  # see deferred_sync


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


@contextlib.contextmanager
def deferred_sync() -> Iterator[None]:
    """Within it, :func:`atomic_output` does not flush each file to disk: the caller
    writes into a folder nobody sees yet and flushes it all at once before showing it
    (a build's new version, see ``publish/versions.py``). Worker processes forked inside
    inherit it."""
    global _DEFERRED
    before, _DEFERRED = _DEFERRED, True
    try:
        yield
    finally:
        _DEFERRED = before


@contextlib.contextmanager
def atomic_output(target: Path) -> Iterator[Path]:
    """Yield a temporary path next to ``target``; on success it replaces ``target``.

    If the body raises (or the process dies), ``target`` keeps its previous content and
    the temporary file is removed (or, after a kill, left as a hidden ``.*.tmp`` file).
    """
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp",
                                    dir=target.parent)
    except OSError as exc:  # /proc, a read-only or full disk, a file in the way
        raise OutputError(f"cannot write {target.name} here ({exc.strerror or exc})",
                          target.parent) from None
    os.close(fd)
    tmp = Path(name)
    try:
        yield tmp
        if not _DEFERRED:
            with tmp.open("rb") as fh:
                os.fsync(fh.fileno())
        os.chmod(tmp, 0o666 & ~_umask())  # mkstemp makes 0600; outputs are for sharing
        os.replace(tmp, target)
    finally:
        tmp.unlink(missing_ok=True)
