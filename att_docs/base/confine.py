"""Writes that stay inside their folder: one rule for names, and no link followed.

Every file att-docs writes into the content (a paper's texts and records, a new paper
folder) or next to an output lies inside the folder it belongs to. :class:`Folder`
opens that folder, then each folder below it with ``O_NOFOLLOW``, and creates, renames
and removes through the open descriptors (``openat``, ``renameat``): a link planted
anywhere on the way is refused, never followed, and nothing can be swapped in between a
check and the write. Names that come from the command line or from input (a paper id,
an annex folder) are held to :data:`NAME_PATTERN`.
"""

from __future__ import annotations

import contextlib
import ctypes
import errno
import os
import re
import secrets
import shutil
import stat
from pathlib import Path, PurePosixPath

from att_docs.base.errors import ContentError
from att_docs.base.inputs import MAX_INPUT_BYTES, checked_input, read_within

__all__ = ["NAME_PATTERN", "Folder", "check_name", "copy_tree", "exchange", "parts_of",
           "write_inside"]

NAME_PATTERN = r"^[a-z0-9][a-z0-9-]{0,99}$"
"""A paper, annex or unit id, and the folder named after it: lower-case letters, digits
and hyphens, at most 100 of them. No separator, no leading dot, no ``~``, nothing
absolute, so a name can never lead out of the folder it is made in."""
_NAME = re.compile(NAME_PATTERN)
_LINK_ERRNOS = {errno.ELOOP, errno.ENOTDIR, errno.EMLINK}


def check_name(name: str, what: str = "name") -> str:
    """``name`` if it is a plain id (:data:`NAME_PATTERN`); else a :class:`ContentError`."""
    if not _NAME.match(name):
        raise ContentError(f"{what} {name!r}: an id is a plain folder name of lower-case "
                           "letters, digits and hyphens, starting with a letter or digit "
                           "(no /, no leading dot, no ~, at most 100 characters)")
    return name


def parts_of(rel: str | PurePosixPath) -> tuple[str, ...]:
    """The names of a relative path, each a single plain component (never ``..``)."""
    path = PurePosixPath(rel)
    if path.is_absolute() or any(p in ("", ".", "..") for p in path.parts):
        raise ValueError(f"not a relative path inside a folder: {rel!s}")
    return path.parts


def _component(name: str) -> str:
    if not name or "/" in name or name in (".", "..") or "\0" in name:
        raise ValueError(f"not a single file name: {name!r}")
    return name


class Folder:
    """An open folder, reached from a root without following a link below it.

    ``error`` is the exception raised for a link (or a file) in the way:
    :class:`ContentError` in the content, an ``OutputError`` next to outputs.
    """

    def __init__(self, fd: int, path: Path, error: type[Exception] = ContentError):
        self.fd, self.path, self.error = fd, path, error

    @classmethod
    def open(cls, root: Path, rel: str | PurePosixPath = ".", *, create: bool = False,
             error: type[Exception] = ContentError) -> Folder:
        """``root`` (as named: the caller's folder), then ``rel`` below it, link-free."""
        try:
            fd = os.open(root, os.O_RDONLY | os.O_DIRECTORY | os.O_CLOEXEC)
        except FileNotFoundError:
            if not create:
                raise
            root.mkdir(parents=True, exist_ok=True)
            fd = os.open(root, os.O_RDONLY | os.O_DIRECTORY | os.O_CLOEXEC)
        except NotADirectoryError:
            raise error("is not a folder", root) from None
        folder = cls(fd, root, error)
        if str(rel) in ("", "."):
            return folder
        try:
            return folder.sub(rel, create=create)
        finally:
            folder.close()

    def sub(self, rel: str | PurePosixPath, *, create: bool = False) -> Folder:
        """The folder ``rel`` below this one (made if missing and ``create``)."""
        fd, path = os.dup(self.fd), self.path
        try:
            for name in parts_of(rel):
                path = path / name
                if create:
                    with contextlib.suppress(FileExistsError):
                        os.mkdir(name, 0o777, dir_fd=fd)
                try:
                    new = os.open(name, os.O_RDONLY | os.O_DIRECTORY | os.O_NOFOLLOW
                                  | os.O_CLOEXEC, dir_fd=fd)
                except OSError as exc:
                    if exc.errno in _LINK_ERRNOS:
                        raise self._refused(path) from None
                    raise
                os.close(fd)
                fd = new
        except BaseException:
            os.close(fd)
            raise
        return Folder(fd, path, self.error)

    def _refused(self, path: Path) -> Exception:
        kind = "a link" if path.is_symlink() else "not a folder"
        return self.error(f"is {kind}; att-docs writes only into the folder's own "
                          "sub-folders, never through a link: remove it", path)

    def close(self) -> None:
        if self.fd >= 0:
            os.close(self.fd)
            self.fd = -1

    def __enter__(self) -> Folder:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # ---------------------------------------------------------------- entries

    def lstat(self, name: str) -> os.stat_result | None:
        try:
            return os.stat(_component(name), dir_fd=self.fd, follow_symlinks=False)
        except FileNotFoundError:
            return None

    def names(self) -> list[str]:
        return sorted(os.listdir(self.fd))

    def read(self, name: str, limit: int = MAX_INPUT_BYTES) -> bytes:
        """A regular file's bytes, at most ``limit`` of them (a link is refused; a FIFO,
        a device or a file over ``limit`` too, as :mod:`att_docs.base.inputs` refuses them)."""
        try:
            fd = os.open(_component(name), os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK
                         | os.O_NOCTTY | os.O_CLOEXEC, dir_fd=self.fd)
        except OSError as exc:
            if exc.errno in _LINK_ERRNOS:
                raise self._refused(self.path / name) from None
            raise
        with checked_input(fd, self.path / name, limit) as fh:
            return read_within(fh, self.path / name, limit)

    def write(self, name: str, data: bytes, *, sync: bool = True) -> None:
        """Replace ``name`` with ``data`` in one rename (a link in its place is replaced,
        never written through); the file keeps the mode it had. A folder that takes no
        new file (``/proc``, read-only, full) is ``error``, naming it."""
        _component(name)
        old = self.lstat(name)
        tmp = f".{name[:80]}.{secrets.token_hex(4)}.tmp"
        try:
            fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW
                         | os.O_CLOEXEC, 0o666, dir_fd=self.fd)
        except OSError as exc:
            raise self.error(f"cannot write {name} here ({exc.strerror or exc})",
                             self.path) from None
        try:
            with os.fdopen(fd, "wb") as fh:
                fh.write(data)
                fh.flush()
                if old is not None and stat.S_ISREG(old.st_mode):
                    os.fchmod(fh.fileno(), stat.S_IMODE(old.st_mode))
                if sync:
                    os.fsync(fh.fileno())
            os.replace(tmp, name, src_dir_fd=self.fd, dst_dir_fd=self.fd)
        except BaseException:
            with contextlib.suppress(FileNotFoundError):
                os.unlink(tmp, dir_fd=self.fd)
            raise

    def mkdir(self, name: str) -> None:
        os.mkdir(_component(name), 0o777, dir_fd=self.fd)

    def rename(self, name: str, to: Folder, to_name: str) -> None:
        os.replace(_component(name), _component(to_name), src_dir_fd=self.fd,
                   dst_dir_fd=to.fd)

    def remove(self, name: str) -> None:
        """Remove a file, a link (not what it points to) or a whole folder, if there."""
        info = self.lstat(name)
        if info is None:
            return
        if stat.S_ISDIR(info.st_mode):
            shutil.rmtree(name, dir_fd=self.fd)
        else:
            os.unlink(name, dir_fd=self.fd)

    def sync(self) -> None:
        """Flush this folder's entries (best effort: some file systems refuse)."""
        with contextlib.suppress(OSError):
            os.fsync(self.fd)


_RENAME_EXCHANGE = 2


def exchange(a: Folder, a_name: str, b: Folder, b_name: str) -> bool:
    """Swap two entries in one step (Linux ``renameat2``); False where the file system
    or the C library cannot, and the caller falls back to two renames."""
    try:
        renameat2 = ctypes.CDLL(None, use_errno=True).renameat2
    except (OSError, AttributeError):
        return False
    if renameat2(a.fd, os.fsencode(_component(a_name)), b.fd,
                 os.fsencode(_component(b_name)), _RENAME_EXCHANGE) == 0:
        return True
    code = ctypes.get_errno()
    if code in (errno.EINVAL, errno.ENOSYS, errno.EOPNOTSUPP):
        return False
    raise OSError(code, os.strerror(code), str(b.path / b_name))


def write_inside(root: Path, rel: str | PurePosixPath, data: bytes, *,
                 error: type[Exception] = ContentError) -> None:
    """Write ``root/rel`` atomically; no link below ``root`` is followed on the way."""
    *folders, name = parts_of(rel)
    with Folder.open(root, PurePosixPath(*folders) if folders else ".", create=True,
                     error=error) as folder:
        folder.write(name, data)


def copy_tree(source: Folder, target: Folder) -> None:
    """Copy the files, folders and links below ``source`` into ``target``: no link is
    followed (a link is copied as a link), anything but a file, folder or link is left
    out."""
    for name in source.names():
        info = source.lstat(name)
        if info is None:
            continue
        if stat.S_ISDIR(info.st_mode):
            with contextlib.suppress(FileExistsError):
                target.mkdir(name)
            with source.sub(name) as below, target.sub(name) as into:
                copy_tree(below, into)
        elif stat.S_ISREG(info.st_mode):
            target.write(name, source.read(name), sync=False)
        elif stat.S_ISLNK(info.st_mode):
            target.remove(name)
            os.symlink(os.readlink(name, dir_fd=source.fd), name, dir_fd=target.fd)
