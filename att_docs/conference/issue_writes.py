"""The writes of ``issue`` and ``revise`` into a paper folder, each confined to it.

Every file is written through :func:`att_docs.atomic.atomic_output` (beside its target,
renamed over it in one step); an issued version is copied into a hidden folder first and
renamed into place whole, so a failed or killed issue leaves no half version. No link is
followed: a paper file, the ``.issued`` folder or a version folder that is a link is
refused, and nothing is written outside the paper folder.
"""

from __future__ import annotations

import errno
import os
import shutil
import stat
import tempfile
from pathlib import Path

from att_docs.atomic import atomic_output
from att_docs.build.versions import _sync
from att_docs.conference.paths import inside
from att_docs.errors import ContentError

__all__ = ["read_own", "rewrite", "write_version"]


def read_own(paper_dir: Path, rel: Path) -> bytes:
    """The bytes of the paper's file ``rel``, refusing a link or a path out of the folder."""
    path = paper_dir / rel
    _inside(paper_dir, path)
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW)
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            raise ContentError("is a link; issue copies the paper's own files only",
                               path) from None
        raise ContentError(f"cannot read it ({exc.strerror})", path) from None
    with os.fdopen(fd, "rb") as fh:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            raise ContentError("is not a file", path)
        return fh.read()


def _inside(paper_dir: Path, path: Path) -> None:
    """``path`` lies in the paper folder and no folder on the way there is a link."""
    root = paper_dir.resolve()
    if not inside(path.parent.resolve(), root):
        raise ContentError("leads out of the paper folder", path)
    here = path.parent
    while here != paper_dir and inside(here.resolve(), root) and here != here.parent:
        if here.is_symlink():
            raise ContentError("is a link; att-docs writes into the paper folder only", here)
        here = here.parent


def write_version(paper_dir: Path, folder: str, files: dict[Path, bytes],
                  record: str, record_name: str) -> Path:
    """``paper_dir/.issued/<folder>`` holding ``files`` (relative path: bytes) and the
    record; made in a hidden folder beside it and renamed into place. A version already
    there is an error (``FileExistsError``)."""
    root = paper_dir / ".issued"
    if root.is_symlink() or (root.exists() and not root.is_dir()):
        raise ContentError("is not a folder att-docs made (a link or a file); an issued "
                           "version is kept in a plain folder", root)
    root.mkdir(exist_ok=True)
    target = root / folder
    if os.path.lexists(target):
        raise FileExistsError(target)
    staging = Path(tempfile.mkdtemp(prefix=f".{folder}.", suffix=".tmp", dir=root))
    try:
        for rel, data in {**files, Path(record_name): record.encode("utf-8")}.items():
            if rel.is_absolute() or ".." in rel.parts:
                raise ContentError("is not a path inside the paper folder", rel)
            with atomic_output(staging / rel) as tmp:
                tmp.write_bytes(data)
        os.chmod(staging, 0o777 & ~_umask())
        if os.path.lexists(target):  # issued meanwhile by another process
            raise FileExistsError(target)
        os.rename(staging, target)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    _sync(root)
    return target


def rewrite(paper_dir: Path, rel: Path, text: str) -> None:
    """Replace the paper's file ``rel`` with ``text``, atomically; never through a link."""
    path = paper_dir / rel
    _inside(paper_dir, path)
    if path.is_symlink():
        raise ContentError("is a link; att-docs writes the paper's own files only", path)
    with atomic_output(path) as tmp:
        tmp.write_text(text, encoding="utf-8")


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask
