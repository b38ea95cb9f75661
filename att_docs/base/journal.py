"""Writes of several files, or of a whole folder, that finish whole or not at all.

A write into the content (``xliff import``, a Word translation or re-import,
``translated``, ``new``) first stages everything in a hidden folder inside the folder it
writes to::

    <paper>/.att-docs-write/
        what           the command, for the line a later recovery prints
        new/0, new/1   the new files (or a whole new paper folder), complete and flushed
        journal.json   written once all is staged: which staged entry goes where

It then moves the staged entries into place one by one (a folder by exchanging it with
the one it replaces, in one ``renameat2``), removes the journal, then the staging
folder. The journal is the commit point. Killed before it, a write has replaced nothing:
the next command discards the staged files (the write is rolled back). Killed after it,
every new file is staged or already in place: the next command finishes the moves (the
write is completed). :func:`recover` does either and returns one line saying which. The
writer holds a lock on the staging folder, so a command running beside it leaves the
write alone. No link is followed: every move goes through :class:`att_docs.base.confine.Folder`.

``ATT_DOCS_KILL_AFTER_STEP=N`` kills the process (SIGKILL) right after the Nth step of
its writes (steps: staged, journal written, each move, journal removed): the tests use it
to stop a write at every point.
"""

from __future__ import annotations

import fcntl
import hashlib
import json
import os
import shutil
import signal
import stat
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Any

from att_docs.base.confine import Folder, exchange, parts_of
from att_docs.base.errors import ContentError
from att_docs.base.plural import counted

__all__ = ["STAGING", "Write", "recover", "step_hook"]

STAGING = ".att-docs-write"
_DONE = STAGING + "-done"  # a finished write's staging folder, on its way out
_JOURNAL = "journal.json"
_WHAT = "what"
_NEW = "new"
_ASIDE = "old"
_KILL_ENV = "ATT_DOCS_KILL_AFTER_STEP"

step_hook: Callable[[str], None] | None = None
"""Called with each step's name as it completes (the kill tests time their kills by it)."""
_steps = 0


def _step(name: str) -> None:
    global _steps
    _steps += 1
    if step_hook is not None:
        step_hook(name)
    wanted = os.environ.get(_KILL_ENV)
    if wanted and wanted.isdigit() and int(wanted) == _steps:
        os.kill(os.getpid(), signal.SIGKILL)


@dataclass
class _Entry:
    path: str  # relative to the root
    staged: str  # name under new/
    kind: str  # "file" | "folder"
    sha256: str = ""  # a file's new content
    inode: tuple[int, int] = (0, 0)  # a staged folder's (device, inode)

    def as_json(self) -> dict[str, Any]:
        return {"path": self.path, "staged": self.staged, "kind": self.kind,
                "sha256": self.sha256, "inode": list(self.inode)}

    @classmethod
    def of(cls, data: dict[str, Any]) -> _Entry:
        parts_of(str(data["path"]))  # a journal never leads out of its folder
        return cls(str(data["path"]), str(int(data["staged"])), str(data["kind"]),
                   str(data.get("sha256", "")), tuple(data.get("inode", (0, 0))))


class Write:
    """One write into ``root``: stage with :meth:`put` and :meth:`folder`, then
    :meth:`commit`. Leaving the ``with`` block without committing discards it."""

    def __init__(self, root: Path, what: str):
        self.root, self.what = root, what
        self.entries: list[_Entry] = []
        self._folder: Folder | None = None
        self._staging: Folder | None = None
        self._new: Folder | None = None
        self._journaled = False  # past the commit point: only recovery may undo it

    # ---------------------------------------------------------------- staging

    def __enter__(self) -> Write:
        self._folder = Folder.open(self.root)
        try:
            self._staging = _open_staging(self._folder, self.root)
        except BaseException:
            self._folder.close()
            raise
        self._staging.write(_WHAT, self.what.encode("utf-8"), sync=False)
        self._staging.mkdir(_NEW)
        self._new = self._staging.sub(_NEW)
        return self

    def __exit__(self, *exc: object) -> None:
        for folder in (self._new, self._staging):
            if folder is not None:
                folder.close()
        if self._folder is not None:
            if not self._journaled:
                self._folder.remove(STAGING)  # not committed: discarded
            self._folder.remove(_DONE)
            self._folder.close()

    @property
    def staging(self) -> Path:
        return self.root / STAGING

    def put(self, rel: str, data: bytes) -> Path:
        """Stage ``data`` as the new ``root/rel``; the staged file's path."""
        if self._check_way(rel) == "folder":
            raise ContentError("is a folder where a file is to be written", self.root / rel)
        assert self._new is not None
        entry = _Entry(rel, str(len(self.entries)), "file",
                       hashlib.sha256(data).hexdigest())
        self._new.write(entry.staged, data)
        self.entries.append(entry)
        return self.staging / _NEW / entry.staged

    def folder(self, name: str) -> Path:
        """Stage an empty folder that will become ``root/name`` (replacing it if there);
        the caller fills it through the path returned."""
        if self._check_way(name) not in ("", "folder"):
            raise ContentError("is not a folder; it cannot be replaced by one",
                               self.root / name)
        assert self._new is not None
        entry = _Entry(name, str(len(self.entries)), "folder")
        self._new.mkdir(entry.staged)
        info = self._new.lstat(entry.staged)
        assert info is not None
        entry.inode = (info.st_dev, info.st_ino)
        self.entries.append(entry)
        return self.staging / _NEW / entry.staged

    def staged_files(self) -> dict[str, Path]:
        """Each staged file's relative path in ``root`` and where it is staged."""
        return {e.path: self.staging / _NEW / e.staged for e in self.entries
                if e.kind == "file"}

    def shadow(self) -> Path:
        """The folder as it will be, to read back before anything moves: every file of
        ``root`` (hard links, or copies; links as links) with the staged files in their
        places, in the staging folder."""
        shadow = self.staging / "shadow"
        for dirpath, dirnames, filenames in os.walk(self.root):
            here = Path(dirpath)
            rel = here.relative_to(self.root)
            if rel == Path("."):
                dirnames[:] = [d for d in dirnames if d not in (STAGING, _DONE)]
            (shadow / rel).mkdir(parents=True, exist_ok=True)
            for name in [*filenames, *(d for d in dirnames if (here / d).is_symlink())]:
                _mirror(here / name, shadow / rel / name)
        for rel_path, staged in self.staged_files().items():
            target = shadow / rel_path
            target.parent.mkdir(parents=True, exist_ok=True)
            target.unlink(missing_ok=True)
            _mirror(staged, target)
        return shadow

    def _check_way(self, rel: str) -> str:
        """Refuse a path whose existing folders include a link, before anything moves;
        what is at ``rel`` now: "" (nothing), "file", "folder" or "link"."""
        *folders, last = parts_of(rel)
        assert self._folder is not None
        current = Folder(os.dup(self._folder.fd), self.root)
        try:
            for name in folders:
                if current.lstat(name) is None:
                    return ""
                nxt = current.sub(name)
                current.close()
                current = nxt
            info = current.lstat(last)
        finally:
            current.close()
        if info is None:
            return ""
        return ("folder" if stat.S_ISDIR(info.st_mode) else
                "link" if stat.S_ISLNK(info.st_mode) else "file")

    # ---------------------------------------------------------------- commit

    def commit(self) -> None:
        """Flush what is staged, write the journal, move every entry into place."""
        assert self._staging is not None and self._new is not None
        for entry in self.entries:
            if entry.kind == "folder":
                _sync_tree(self.staging / _NEW / entry.staged)
        self._new.sync()
        _step("staged")
        journal = {"what": self.what, "entries": [e.as_json() for e in self.entries]}
        self._staging.write(_JOURNAL, json.dumps(journal, ensure_ascii=False).encode())
        self._staging.sync()
        self._journaled = True
        _step("journal")
        assert self._folder is not None
        _apply(self._folder, self._staging, self._new, self.entries)
        _finish(self._folder)


def _mirror(source: Path, target: Path) -> None:
    """``target`` as ``source``: the same link, or the same file (a hard link, else a copy)."""
    if source.is_symlink():
        os.symlink(os.readlink(source), target)
        return
    try:
        os.link(source, target, follow_symlinks=False)
    except OSError:
        shutil.copyfile(source, target, follow_symlinks=False)


def _finish(root: Folder) -> None:
    """The write is whole: its staging folder (journal included) leaves in one rename,
    then goes."""
    root.remove(_DONE)
    root.rename(STAGING, root, _DONE)
    root.sync()
    _step("journal removed")
    root.remove(_DONE)


def _open_staging(root: Folder, where: Path) -> Folder:
    """Make and lock the staging folder; one left by a killed write is recovered first."""
    for _ in range(2):
        try:
            root.mkdir(STAGING)
        except FileExistsError:
            if recover(where) is None and root.lstat(STAGING) is not None:
                raise ContentError("another att-docs command is writing here; wait for "
                                   "it to finish", where) from None
            continue
        staging = root.sub(STAGING)
        fcntl.flock(staging.fd, fcntl.LOCK_EX)
        return staging
    raise ContentError("cannot start a write here", where)


def _sync_tree(folder: Path) -> None:
    """Flush a staged folder: every file, then every folder's entries."""
    for dirpath, _, files in os.walk(folder):
        for name in files:
            fd = os.open(os.path.join(dirpath, name), os.O_RDONLY | os.O_NOFOLLOW)
            try:
                os.fsync(fd)
            finally:
                os.close(fd)
        with Folder.open(Path(dirpath)) as here:
            here.sync()


def _apply(root: Folder, staging: Folder, new: Folder, entries: list[_Entry]) -> list[str]:
    """Move each staged entry into place (those already moved are skipped); the paths
    whose content is not what the journal says (changed by hand since)."""
    unexpected: list[str] = []
    for entry in entries:
        *folders, name = parts_of(entry.path)
        with root.sub(PurePosixPath(*folders) if folders else ".", create=True) as parent:
            if entry.kind == "folder":
                _apply_folder(parent, name, staging, new, entry)
            else:
                staged = new.lstat(entry.staged)
                if staged is not None:
                    new.rename(entry.staged, parent, name)
                elif _sha256(parent, name) != entry.sha256:
                    unexpected.append(entry.path)
            parent.sync()
        _step(f"moved {entry.path}")
    return unexpected


def _apply_folder(parent: Folder, name: str, staging: Folder, new: Folder,
                  entry: _Entry) -> None:
    staged = new.lstat(entry.staged)
    if staged is None or (staged.st_dev, staged.st_ino) != tuple(entry.inode):
        return  # exchanged already: new/<n> holds the folder it replaced
    if parent.lstat(name) is None:
        new.rename(entry.staged, parent, name)
    elif not exchange(new, entry.staged, parent, name):
        staging.remove(_ASIDE)  # no renameat2: two renames, recoverable in between
        parent.rename(name, staging, _ASIDE)
        _step(f"set aside {entry.path}")
        new.rename(entry.staged, parent, name)


def _sha256(folder: Folder, name: str) -> str:
    info = folder.lstat(name)
    if info is None or not stat.S_ISREG(info.st_mode):
        return ""
    return hashlib.sha256(folder.read(name)).hexdigest()


def recover(root: Path) -> str | None:
    """Finish or undo a write into ``root`` that a killed process left; one line saying
    what was done, or None when there was nothing to do (or another process is still
    writing)."""
    try:
        folder = Folder.open(root)
    except (OSError, ContentError):
        return None
    with folder:
        if folder.lstat(_DONE) is not None:
            folder.remove(_DONE)  # a finished write's leftovers
        info = folder.lstat(STAGING)
        if info is None:
            return None
        if not stat.S_ISDIR(info.st_mode):
            folder.remove(STAGING)
            return None
        with folder.sub(STAGING) as staging:
            try:
                fcntl.flock(staging.fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                return None  # a live write: its process finishes it
            what = _what(staging)
            journal = _journal(staging)
            if journal is None:
                folder.remove(STAGING)
                return (f"discarded an unfinished {what} in {root}: it had changed "
                        "nothing")
            entries = [_Entry.of(e) for e in journal["entries"]]
            with staging.sub(_NEW, create=True) as new:
                unexpected = _apply(folder, staging, new, entries)
            _finish(folder)
            done = (f"completed an interrupted {what} in {root} "
                    f"({counted(len(entries), '{n} entry', '{n} entries')})")
            if unexpected:
                done += f"; changed since, left as they are: {', '.join(unexpected)}"
            return done


def _what(staging: Folder) -> str:
    try:
        return staging.read(_WHAT).decode("utf-8", "replace")[:200] or "write"
    except (OSError, ContentError):
        return "write"


def _journal(staging: Folder) -> dict[str, Any] | None:
    """The journal, or None when there is none (or it is not one att-docs wrote)."""
    try:
        data = json.loads(staging.read(_JOURNAL))
        entries = data["entries"]
        if not isinstance(entries, list):
            return None
        for entry in entries:
            _Entry.of(entry)
        return data
    except (OSError, ContentError, ValueError, KeyError, TypeError):
        return None
