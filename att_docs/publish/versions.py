"""The output folder on disk: one complete set at a time, switched in one rename.

``build/csp9`` is a symbolic link to a hidden sibling folder holding one whole set
(every file, ``manifest.json``, ``index.html``, the archive and the build cache)::

    build/csp9 -> .csp9.att-docs-3f9c0a1b2c4d
    build/.csp9.att-docs-3f9c0a1b2c4d/   the set users see through build/csp9
    build/.csp9.lock                     one build at a time

A build fills a new sibling folder (unchanged files are hard links to the current
set's, so they keep their bytes, inode and time), then replaces the link with
``os.replace`` of a new link: one atomic rename. Until that rename, ``build/csp9`` shows
the previous set untouched; after it, the new one. A killed build leaves a hidden folder
that the next build removes. A ``build/csp9`` that is still a plain folder (made by an
older att-docs) is exchanged for the link in one ``renameat2(RENAME_EXCHANGE)``.
"""

from __future__ import annotations

import contextlib
import ctypes
import errno
import os
import re
import secrets
import shutil
from collections.abc import Iterator
from pathlib import Path

from att_docs.base.errors import OutputError

__all__ = ["OutputFolder"]

_TAG = ".att-docs-"


class OutputFolder:
    """``out_dir`` as a link to its current version, and the versions beside it."""

    def __init__(self, out_dir: Path):
        self.path = Path(os.path.abspath(out_dir))
        self.parent = self.path.parent
        self.name = self.path.name
        if not self.name or self.name in (".", ".."):
            raise OutputError("the output folder needs a name", out_dir)
        self._version = re.compile(rf"^\.{re.escape(self.name)}{re.escape(_TAG)}[0-9a-f]{{12}}$")

    @property
    def lock_path(self) -> Path:
        return self.parent / f".{self.name}.lock"

    def live(self) -> Path | None:
        """The folder holding the current set, or None before the first build.

        Raises :class:`OutputError` when ``out_dir`` is something att-docs did not make.
        """
        path = self.path
        if path.is_symlink():
            target = os.readlink(path)
            if "/" in target or not self._version.match(target):
                raise OutputError("is a link att-docs did not make; remove it or choose "
                                  "another output folder (-o)", path)
            live = self.parent / target
            return live if live.is_dir() else None
        if not path.exists():
            return None
        if not path.is_dir():
            raise OutputError("is a file, not a folder; choose another output folder (-o)",
                              path)
        from att_docs.publish.cache import CACHE_FILE

        if (path / CACHE_FILE).is_file() or not any(path.iterdir()):
            return path  # a set from an older att-docs, or an empty folder
        raise OutputError("holds files att-docs did not write; choose an empty or new "
                          "output folder (-o)", path)

    def versions(self) -> list[Path]:
        """Every hidden version folder beside ``out_dir``, current or left over."""
        try:
            names = os.listdir(self.parent)
        except FileNotFoundError:
            return []
        return [self.parent / n for n in sorted(names) if self._version.match(n)]

    def remove_leftovers(self, keep: Path | None) -> None:
        """Versions of killed or superseded builds (not ``keep``): removed."""
        for folder in self.versions():
            if keep is None or folder != keep:
                _remove(folder)

    def tidy(self, keep: Path) -> None:
        """Remove leftovers of a killed build unless another build holds the lock (a
        build with nothing to write does not wait for one)."""
        if not any(v != keep for v in self.versions()):
            return
        import fcntl

        try:
            fd = os.open(self.lock_path, os.O_CREAT | os.O_RDWR, 0o644)
        except OSError:
            return
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            if self.live() == keep:
                self.remove_leftovers(keep=keep)
        except OSError:
            pass  # busy, or a read-only folder: the next writing build tidies up
        finally:
            os.close(fd)

    def new_version(self) -> Path:
        """A new, empty version folder beside ``out_dir``."""
        self.parent.mkdir(parents=True, exist_ok=True)
        folder = self.parent / f".{self.name}{_TAG}{secrets.token_hex(6)}"
        folder.mkdir()
        return folder

    def switch(self, version: Path, live: Path | None) -> None:
        """Make ``out_dir`` show ``version``, in one rename; then drop ``live``.

        The version's files were written without a flush each: one flush of their file
        system puts them all on disk before the rename shows them."""
        flush_file_system(version)
        _sync(version)
        link = self.parent / f".{self.name}{_TAG}{secrets.token_hex(6)}"
        os.symlink(version.name, link)
        if self.path.is_dir() and not self.path.is_symlink():
            if any(self.path.iterdir()):
                _exchange(link, self.path)  # link's name now holds the old folder
            else:
                os.rmdir(self.path)
                os.replace(link, self.path)
        else:
            os.replace(link, self.path)
        _sync(self.parent)
        self.remove_leftovers(keep=version)

    @contextlib.contextmanager
    def locked(self) -> Iterator[None]:
        """One build at a time writes the sets of ``out_dir``."""
        import fcntl

        try:
            self.parent.mkdir(parents=True, exist_ok=True)
            fd = os.open(self.lock_path, os.O_CREAT | os.O_RDWR, 0o644)
        except OSError as exc:  # /proc, a read-only disk, a file in the way
            raise OutputError(f"cannot write the output folder here ({exc.strerror or exc})",
                              self.parent) from None
        try:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                raise OutputError("another att-docs build is writing this output folder; "
                                  "wait for it to finish", self.path) from None
            yield
        finally:
            os.close(fd)


def _remove(folder: Path) -> None:
    if folder.is_symlink() or not folder.is_dir():
        folder.unlink(missing_ok=True)
    else:
        shutil.rmtree(folder, ignore_errors=True)


def _sync(folder: Path) -> None:
    """Flush a folder's entries to disk (best effort: some file systems refuse)."""
    try:
        fd = os.open(folder, os.O_RDONLY | os.O_DIRECTORY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def flush_file_system(folder: Path) -> None:
    """Everything written to ``folder``'s file system, on disk: Linux ``syncfs`` (that file
    system only); ``os.sync`` (all of them) where it is missing or fails."""
    try:
        syncfs = ctypes.CDLL(None, use_errno=True).syncfs
        fd = os.open(folder, os.O_RDONLY | os.O_DIRECTORY)
    except (OSError, AttributeError):
        os.sync()
        return
    try:
        if syncfs(fd) != 0:
            os.sync()
    finally:
        os.close(fd)


_RENAME_EXCHANGE = 2
_AT_FDCWD = -100


def _exchange(a: Path, b: Path) -> None:
    """Swap two names in one step (Linux renameat2); two renames where unsupported."""
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        renameat2 = libc.renameat2
    except (OSError, AttributeError):
        renameat2 = None
    if renameat2 is not None:
        if renameat2(_AT_FDCWD, os.fsencode(a), _AT_FDCWD, os.fsencode(b),
                     _RENAME_EXCHANGE) == 0:
            return
        code = ctypes.get_errno()
        if code not in (errno.EINVAL, errno.ENOSYS, errno.EOPNOTSUPP):
            raise OSError(code, os.strerror(code), str(b))
    # fallback: a short moment without out_dir, once, when leaving the old layout
    aside = a.with_name(a.name + "-old")
    os.replace(b, aside)
    os.replace(a, b)
    os.replace(aside, a)
