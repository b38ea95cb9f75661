"""Writes into the content that a killed process left unfinished: completed or undone
before a command reads anything.

Every conference folder a command is about to work on, each of its paper folders, and
a folder of conferences it works on (where ``new-conference`` writes) is looked at for a
staging folder of :mod:`att_docs.base.journal`: a journaled write is finished, an unjournaled
one discarded. A ``.NAME.replaced`` folder left by an interrupted re-import of an older
att-docs goes back to ``NAME`` when ``NAME`` is gone, and is removed when ``NAME`` is
there (it is then the copy the re-import replaced).
"""

from __future__ import annotations

import contextlib
import os
import re
from collections.abc import Iterable
from pathlib import Path

from att_docs.base.journal import recover
from att_docs.base.paths import CONFERENCE_FILE, PAPER_FILE

__all__ = ["recover_writes"]

_REPLACED = re.compile(r"^\.(?P<name>[^/]+)\.replaced$")


def recover_writes(paths: Iterable[Path]) -> list[str]:
    """Finish or undo interrupted writes in the conferences of ``paths`` (paper,
    conference or content folders, or files in them); one line for each."""
    lines: list[str] = []
    seen: set[Path] = set()
    for folder, is_conference in _folders(paths):
        key = Path(os.path.abspath(folder))
        if key in seen:
            continue
        seen.add(key)
        if is_conference:
            lines.extend(_recover_conference(folder))
        elif line := recover(folder):
            lines.append(line)
    return lines


def _folders(paths: Iterable[Path]) -> list[tuple[Path, bool]]:
    """The conferences of ``paths``, each as ``(folder, True)``; a folder of conferences
    comes first as ``(folder, False)``, then its conferences."""
    found: list[tuple[Path, bool]] = []
    for path in paths:
        folder = path if path.is_dir() else path.parent
        for candidate in (folder, folder.parent):
            if (candidate / CONFERENCE_FILE).is_file():
                found.append((candidate, True))
                break
        else:
            if folder.is_dir():
                found.append((folder, False))
            with contextlib.suppress(OSError):
                found.extend((p.parent, True)
                             for p in sorted(folder.glob(f"*/{CONFERENCE_FILE}")))
    return found


def _recover_conference(conference: Path) -> list[str]:
    lines = [line for line in [recover(conference)] if line]
    try:
        entries = sorted(os.scandir(conference), key=lambda e: e.name)
    except OSError:
        return lines
    for entry in entries:
        legacy = _REPLACED.match(entry.name)
        if legacy and entry.is_dir(follow_symlinks=False):
            line = _restore_replaced(conference, entry.name, legacy.group("name"))
        elif not entry.name.startswith(".") and (Path(entry.path) / PAPER_FILE).exists():
            line = recover(Path(entry.path))
        else:
            continue
        if line:
            lines.append(line)
    return lines


def _restore_replaced(conference: Path, hidden: str, name: str) -> str | None:
    """A paper left in ``.NAME.replaced`` by an interrupted re-import of old."""
    from att_docs.base.confine import Folder

    with Folder.open(conference) as folder:
        if folder.lstat(hidden) is None or not (conference / hidden / PAPER_FILE).is_file():
            return None
        if folder.lstat(name) is None:
            folder.rename(hidden, folder, name)
            return (f"restored {conference / name} from {hidden}, where an interrupted "
                    "re-import had left it")
        folder.remove(hidden)
        return f"removed {conference / hidden}, the old copy of a finished re-import"
