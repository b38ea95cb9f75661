"""The one way att-docs opens a file it reads: regular files only, bounded in size.

Every input path (a paper's files, a Word draft, an XLIFF file, a term base, a text to
check, a translation record, a cache) is opened here. A FIFO would block the command
forever and a device (``/dev/zero``) never ends, so anything but a regular file is
refused with one line naming it, before a byte is read; the file is opened without
blocking (a FIFO cannot hold the open) and checked again on the open descriptor, so a
name swapped on the way changes nothing. A file over its limit is refused before it is
read, and reading stops at the limit should it grow meanwhile.
"""

from __future__ import annotations

import contextlib
import os
import stat
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

from att_docs.base.errors import ContentError

__all__ = ["MAX_INPUT_BYTES", "checked_input", "decode_utf8", "open_input", "read_bytes",
           "read_text", "read_within"]

MAX_INPUT_BYTES = 64_000_000
"""Default limit for exchange files (XLIFF, TBX, CSV, text to check)."""

_FLAGS = os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_NOCTTY", 0) | getattr(os, "O_CLOEXEC", 0)


def _kind(mode: int) -> str | None:
    """What a file that is not a regular file is, in a few words; None for a regular one."""
    if stat.S_ISREG(mode):
        return None
    if stat.S_ISDIR(mode):
        return "a folder"
    if stat.S_ISFIFO(mode):
        return "a FIFO (named pipe)"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "not a regular file"


def _refuse_kind(mode: int, path: Path) -> None:
    kind = _kind(mode)
    if kind is not None:
        raise ContentError(f"is {kind}, not a file: att-docs reads regular files only", path)


def _refuse_size(size: int, limit: int, path: Path) -> None:
    if size > limit:
        raise ContentError(f"is {size:,} bytes; att-docs reads files of at most {limit:,} "
                           "bytes here (check that this is the right file)", path)


@contextlib.contextmanager
def open_input(path: Path, limit: int = MAX_INPUT_BYTES,
               missing: str = "file not found") -> Iterator[BinaryIO]:
    """The regular file ``path``, opened for reading in binary, at most ``limit`` bytes.

    A missing file, a broken link, a folder, a FIFO, a device or a file over ``limit``
    is a :class:`ContentError` naming ``path``.
    """
    path = Path(path)
    try:
        _refuse_kind(os.stat(path).st_mode, path)  # before open: a device may act on it
        fd = os.open(path, _FLAGS)
    except FileNotFoundError:
        broken = os.path.islink(path)
        raise ContentError("a broken link (its target does not exist)" if broken
                           else missing, path) from None
    except PermissionError:
        raise ContentError("cannot be read (permission denied)", path) from None
    except OSError as exc:
        raise ContentError(f"cannot be read ({exc.strerror or exc})", path) from None
    with checked_input(fd, path, limit) as handle:
        yield handle


@contextlib.contextmanager
def checked_input(fd: int, path: Path, limit: int = MAX_INPUT_BYTES) -> Iterator[BinaryIO]:
    """The descriptor ``fd``, opened without blocking, as a file to read once it is
    checked: a regular file of at most ``limit`` bytes (else a :class:`ContentError`
    naming ``path``; ``fd`` is closed either way)."""
    try:
        info = os.fstat(fd)
        _refuse_kind(info.st_mode, path)
        _refuse_size(info.st_size, limit, path)
        os.set_blocking(fd, True)
        handle = os.fdopen(fd, "rb")
    except BaseException:
        os.close(fd)
        raise
    with handle:
        yield handle


def read_within(handle: BinaryIO, path: Path, limit: int = MAX_INPUT_BYTES) -> bytes:
    """All of ``handle``, refused should it hold more than ``limit`` bytes."""
    try:
        data = handle.read(limit + 1)
    except OSError as exc:
        raise ContentError(f"cannot be read ({exc.strerror or exc})", path) from None
    _refuse_size(len(data), limit, path)  # it grew while being read
    return data


def read_bytes(path: Path, limit: int = MAX_INPUT_BYTES, missing: str = "file not found"
               ) -> bytes:
    """The bytes of the regular file ``path`` (see :func:`open_input`)."""
    with open_input(path, limit, missing) as handle:
        return read_within(handle, path, limit)


def decode_utf8(data: bytes, path: Path, encoding: str = "utf-8") -> str:
    """``data`` as text; bytes that are not UTF-8 are an error naming their line."""
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        column = exc.start - data.rfind(b"\n", 0, exc.start)
        raise ContentError(f"not UTF-8 text: byte 0x{data[exc.start]:02X} at column {column} "
                           f"({exc.reason}); save the file as UTF-8", path, line) from None


def read_text(path: Path, missing: str = "file not found", encoding: str = "utf-8",
              limit: int = MAX_INPUT_BYTES) -> str:
    """The text of the regular file ``path``: UTF-8 (or ``encoding``), at most ``limit``
    bytes; a missing or unreadable file or a byte that is not UTF-8 is a
    :class:`ContentError` naming the file (and the byte's line)."""
    path = Path(path)
    return decode_utf8(read_bytes(path, limit, missing), path, encoding)
