"""Carry the current set's files into the new set: hard links, copies where links fail."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

from att_docs.publish.cache import CACHE_FILE
from att_docs.publish.index_page import INDEX_FILE
from att_docs.publish.manifest import MANIFEST_FILE

__all__ = ["LOCK_FILE", "STAGING", "carry", "carry_foreign"]

STAGING = ".att-docs-staging"
LOCK_FILE = ".att-docs.lock"


def carry(source: Path, target: Path) -> bool:
    """The current set's file into the new one: a hard link (a copy where links fail)."""
    if not source.is_file() or source.is_symlink():
        return False
    try:
        os.link(source, target)
    except OSError:
        shutil.copy2(source, target)
    return True


def carry_foreign(live: Path, version: Path, known: set[str]) -> None:
    """Files someone else put in the output folder stay there, as they are."""
    ours = {CACHE_FILE, STAGING, LOCK_FILE, MANIFEST_FILE, INDEX_FILE, *known}
    for entry in os.scandir(live):
        if entry.name in ours or entry.name.startswith(".") or entry.name.endswith(".zip"):
            continue
        target = version / entry.name
        if os.path.lexists(target):
            continue
        if entry.is_symlink():
            os.symlink(os.readlink(entry.path), target)
        elif entry.is_dir():
            shutil.copytree(entry.path, target, symlinks=True, copy_function=_link_or_copy)
        else:
            _link_or_copy(entry.path, target)


def _link_or_copy(source: str, target: str | Path) -> None:
    try:
        os.link(source, target)
    except OSError:
        shutil.copy2(source, target)
