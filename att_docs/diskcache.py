"""Where att-docs keeps what it can compute again: ``$XDG_CACHE_HOME/att-docs``.

Files there are named by the SHA-256 of everything they depend on, hold plain JSON and are
validated when read, so a stale or damaged one is simply made again. A large value can be
kept sealed (:func:`write_sealed`): its JSON text after the text's own SHA-256, so that a
file cut short or altered is told at once, without walking the value. Set
``ATT_DOCS_NO_CACHE`` to neither read nor write them.
"""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path
from typing import Any

from att_docs.atomic import atomic_output

__all__ = ["cache_folder", "read_json", "read_sealed", "write_json", "write_sealed"]


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


def write_sealed(path: Path, value: Any) -> None:
    """Write ``value`` as JSON after the SHA-256 of its text (see :func:`read_sealed`)."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":")).encode(
        "utf-8", "surrogatepass")
    try:
        with atomic_output(path) as tmp:
            tmp.write_bytes(hashlib.sha256(text).hexdigest().encode() + b"\n" + text)
    except OSError:
        pass


def read_sealed(path: Path) -> Any:
    """The value :func:`write_sealed` wrote, or None if the file is missing, unreadable,
    or not the text its checksum was made from."""
    try:
        data = path.read_bytes()
    except OSError:
        return None
    digest, _, text = data.partition(b"\n")
    if hashlib.sha256(text).hexdigest().encode() != digest:
        return None
    try:
        return json.loads(text.decode("utf-8", "surrogatepass"))
    except ValueError:
        return None
