"""Content hashes and the build cache: what an output was built from, and what it is.

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

import hashlib
import json
import os
import re
import stat
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

import att_docs
from att_docs.base.atomic import atomic_output
from att_docs.base.paths import CONFERENCE_FILE, INDEX_TEMPLATE
from att_docs.base.statefile import cache_bytes, load_cache
from att_docs.writers.registry import WRITERS

__all__ = ["CACHE_FILE", "BuildCache", "Fingerprint", "file_sha256", "tree_sha256"]

CACHE_FILE = ".att-docs-cache.json"
CACHE_VERSION = 1
_PACKAGE = Path(att_docs.__file__).resolve().parent


def _ignored(rel: Path) -> bool:
    """Editor droppings and caches never count as content."""
    return any(part.startswith(".") or part == "__pycache__" for part in rel.parts) or (
        rel.name.endswith(("~", ".pyc", ".swp"))) or (
        rel.name.startswith("#") and rel.name.endswith("#"))  # Emacs auto-save


def file_sha256(path: Path) -> str:
    """SHA-256 of a file's bytes, hex. A FIFO or device put in the file's place is not
    waited on or read: it hashes as what it is (reading it as input refuses it)."""
    fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    with os.fdopen(fd, "rb") as fh:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            return hashlib.sha256(b"not a regular file").hexdigest()
        return hashlib.file_digest(fh, "sha256").hexdigest()


def tree_sha256(root: Path, exclude: frozenset[str] = frozenset()) -> str:
    """One hash over every file under ``root``: relative paths and contents.

    A missing ``root`` hashes like an empty folder. Names in ``exclude`` (relative
    POSIX paths) are left out. A link counts by its target's name as well as its
    content, so that a file replaced by a link (or a link retargeted) is read again.
    """
    digest = hashlib.sha256()
    if root.is_dir():
        files = sorted(p for p in root.rglob("*") if p.is_file())
        for path in files:
            rel = path.relative_to(root)
            if _ignored(rel) or rel.as_posix() in exclude:
                continue
            try:
                link = os.readlink(path).encode("utf-8", "surrogateescape") if (
                    path.is_symlink()) else b""
                content = file_sha256(path).encode()
            except FileNotFoundError:
                continue  # gone since the folder was listed (a save in progress)
            digest.update(rel.as_posix().encode("utf-8", "surrogateescape") + b"\0" + link
                          + b"\0" + content + b"\0")
    elif root.is_file():
        digest.update(file_sha256(root).encode())
    return digest.hexdigest()


def combine(*parts: str | None) -> str:
    """A hash of several strings, unambiguous about where each ends."""
    return hashlib.sha256(json.dumps(list(parts)).encode()).hexdigest()


@cache
def tool_sha256() -> str:
    """The att-docs version and its package source: any code change changes it."""
    return combine(att_docs.__version__, tree_sha256(_PACKAGE))


@dataclass(frozen=True)
class Fingerprint:
    """The inputs shared by every paper of a build."""

    tool: str
    templates: str
    conference: str
    glossary: str

    @classmethod
    def of(cls, conference_dir: Path, templates: Path, glossary: Path | None) -> Fingerprint:
        return cls(
            tool=tool_sha256(),
            templates=tree_sha256(templates, frozenset({INDEX_TEMPLATE})),
            conference=file_sha256(conference_dir / CONFERENCE_FILE)
            if (conference_dir / CONFERENCE_FILE).is_file() else "",
            glossary=(file_sha256(glossary) if glossary.is_file() else tree_sha256(glossary))
            if glossary else "",
        )

    @property
    def conference_key(self) -> str:
        """What reading ``conference.yaml`` depends on."""
        return combine(self.tool, self.conference)

    def paper_key(self, paper_dir: Path) -> str:
        """What reading, assembling and checking one paper depends on."""
        return combine(self.tool, self.templates, self.conference, self.glossary,
                       tree_sha256(paper_dir))

    @staticmethod
    def output_key(paper_key: str, lang: str, fmt: str, pdf_engine: str,
                   draft: bool = False) -> str:
        """What one output file depends on."""
        engine = pdf_engine if WRITERS[fmt].engines else None
        return combine(paper_key, lang, fmt, engine, "draft") if draft else combine(
            paper_key, lang, fmt, engine)


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
