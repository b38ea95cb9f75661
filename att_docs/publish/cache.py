"""The build cache: what an output was built from, and what it is.

An output is up to date when the key it was built with equals the key of the inputs
now, and the file on disk still has the checksum recorded when it was written. The
key is a SHA-256 over, in order:

* the tool: ``att_docs.__version__`` and every file of the ``att_docs`` package, so a
  code change rebuilds;
* the templates folder, every file (styles, Typst layout, catalogues) except the
  index page template, which only shapes ``index.html``;
* ``conference.yaml`` and the term base the checks load (checks depend on it);
* the paper folder, every file, annexes included;
* the language, the format and, for PDF, the engine;
* whether the paper's text in that language is a draft, which puts a mark on every page
  (:mod:`att_docs.publish.drafts`): a translation record that makes a language ready,
  or no longer ready, rebuilds that language's files and no others.

No timestamps are involved. This module imports nothing heavy: a no-op build only hashes
files and reads the JSON cache.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from att_docs.base.atomic import atomic_output
from att_docs.base.hashing import combine, file_sha256
from att_docs.base.statefile import cache_bytes, load_cache
from att_docs.writers.registry import WRITERS

__all__ = ["CACHE_FILE", "BuildCache", "file_matches", "output_key"]

CACHE_FILE = ".att-docs-cache.json"
CACHE_VERSION = 1


@dataclass
class BuildCache:
    """``build/<conference>/.att-docs-cache.json``: the state of the last good build.

    * ``conference``: ``{"key", "id", "number", "languages", "opening", "deadline_days"}``
    * ``papers``: paper id → ``{"key", "meta"}`` (meta: see :mod:`att_docs.status.setinfo`)
    * ``outputs``: file name → ``{"key", "paper", "lang", "format", "draft", "sha256",
      "size", "pages"}``
    * ``extras``: ``manifest.json``, ``index.html``, the zip → ``{"key", "sha256"}``
    """

    conference: dict[str, Any] | None = None
    papers: dict[str, dict[str, Any]] = field(default_factory=dict)
    outputs: dict[str, dict[str, Any]] = field(default_factory=dict)
    extras: dict[str, dict[str, Any]] = field(default_factory=dict)

    @classmethod
    def load(cls, out_dir: Path) -> BuildCache:
        """The cache of ``out_dir``; an empty one if absent, unreadable or outdated (a
        damaged or edited one is warned about: :func:`att_docs.base.statefile.load_cache`)."""
        data = load_cache(out_dir / CACHE_FILE, None, _valid)
        if data is None:
            return cls()  # everything is rebuilt
        return cls(data["conference"], data["papers"], data["outputs"], data["extras"])

    def save(self, out_dir: Path) -> None:
        data = {"version": CACHE_VERSION, "conference": self.conference,
                "papers": self.papers, "outputs": self.outputs, "extras": self.extras}
        with atomic_output(out_dir / CACHE_FILE) as tmp:
            tmp.write_bytes(cache_bytes(CACHE_FILE, data))

    def paper_meta(self, paper_id: str, key: str) -> dict[str, Any] | None:
        """The cached metadata of a paper, if it was read from the same inputs."""
        entry = self.papers.get(paper_id)
        return entry["meta"] if entry and entry.get("key") == key else None

    def output_fresh(self, out_dir: Path, name: str, key: str) -> bool:
        """``name`` was built from ``key`` and is on disk unchanged (size and checksum)."""
        entry = self.outputs.get(name)
        if not entry or entry.get("key") != key:
            return False
        return file_matches(out_dir / name, entry.get("size"), entry.get("sha256"))

    def extra_fresh(self, out_dir: Path, name: str, key: str) -> bool:
        entry = self.extras.get(name)
        if not entry or entry.get("key") != key:
            return False
        return file_matches(out_dir / name, None, entry.get("sha256"))


_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]*$")  # a plain file name, nothing to climb


def _valid(data: Any) -> bool:
    """The cache has the shape this version writes, and names only plain file names.

    A cache is input like any other: one edited by hand must never make a build read,
    link or write outside the output folder, so anything unexpected discards it whole.
    """
    if not isinstance(data, dict) or data.get("version") != CACHE_VERSION:
        return False
    if not (isinstance(data.get("conference"), dict | None)
            and all(isinstance(data.get(k), dict) for k in ("papers", "outputs", "extras"))):
        return False
    for pid, entry in data["papers"].items():
        if not (isinstance(pid, str) and isinstance(entry, dict)
                and isinstance(entry.get("key"), str) and isinstance(entry.get("meta"), dict)):
            return False
    for name, entry in (*data["outputs"].items(), *data["extras"].items()):
        if not (_NAME.match(name) and ".." not in name and isinstance(entry, dict)
                and isinstance(entry.get("key"), str)
                and isinstance(entry.get("sha256"), str)):
            return False
    return True


def file_matches(path: Path, size: int | None, sha256: str | None) -> bool:
    """``path`` exists with this size (if given) and checksum."""
    try:
        if size is not None and os.stat(path).st_size != size:
            return False
        return file_sha256(path) == sha256
    except OSError:
        return False


def output_key(paper_key: str, lang: str, fmt: str, pdf_engine: str,
               draft: bool = False) -> str:
    """What one output file depends on: its paper, language and format, the engine where
    the format's writer has one, and whether it carries the draft mark."""
    writer = WRITERS.get(fmt)  # a manifest read back may name any format
    engine = pdf_engine if writer is not None and writer.engines else None
    return combine(paper_key, lang, fmt, engine, "draft") if draft else combine(
        paper_key, lang, fmt, engine)
