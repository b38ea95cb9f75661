"""Content hashes: of a file, of a folder tree, of att-docs itself, and the inputs every
paper of a conference shares (:class:`Fingerprint`). The build cache, the check cache and the
status cache key their entries with these; no timestamps are involved."""

from __future__ import annotations

import hashlib
import json
import os
import stat
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import att_docs
from att_docs.base.paths import CONFERENCE_FILE, INDEX_TEMPLATE

__all__ = ["Fingerprint", "combine", "file_sha256", "tool_sha256", "tree_sha256"]

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

