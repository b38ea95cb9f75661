"""The writes of ``issue`` and ``revise`` into a paper folder, each confined to it.

Both are journaled writes into the paper folder (:mod:`att_docs.base.journal`), read back
before anything moves: an issued version is staged whole in the paper's staging folder
and renamed into ``.issued/`` in one step, its record read back as written; ``revise``'s
``paper.yaml`` is staged and read back with the new symbol and date. No link is followed
(:class:`att_docs.base.confine.Folder`): a paper file, the ``.issued`` folder or a version
folder that is a link is refused, and nothing is written outside the paper folder.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path, PurePosixPath

from att_docs.base.confine import Folder, parts_of, write_inside
from att_docs.base.errors import ContentError
from att_docs.base.text import MAX_YAML_BYTES
from att_docs.readers.issued import ISSUED_DIR

__all__ = ["read_own", "rewrite", "write_version"]

MAX_OWN_BYTES = 16_000_000
"""A paper file or record to copy: the largest a translation record may be."""


def read_own(paper_dir: Path, rel: Path) -> bytes:
    """The bytes of the paper's file ``rel``, refusing a link or a path out of the folder."""
    try:
        *folders, name = parts_of(rel.as_posix())
    except ValueError:
        raise ContentError("is not a path inside the paper folder", paper_dir / rel) from None
    try:
        with Folder.open(paper_dir, PurePosixPath(*folders) if folders else ".") as folder:
            return folder.read(name, MAX_OWN_BYTES)
    except FileNotFoundError:
        raise ContentError("file not found", paper_dir / rel) from None
    except OSError as exc:
        raise ContentError(f"cannot read it ({exc.strerror or exc})", paper_dir / rel) from None


def write_version(paper_dir: Path, folder: str, files: dict[Path, bytes],
                  record: str, record_name: str,
                  check: Callable[[Path], None] | None = None) -> Path:
    """``paper_dir/.issued/<folder>`` holding ``files`` (relative path: bytes) and the
    record, staged whole and renamed into place in one journaled write; ``check`` reads
    the staged folder back first. A version already there is an error
    (``FileExistsError``)."""
    from att_docs.base.journal import Write

    with Write(paper_dir, f"issue of {folder}") as write:
        _refuse_linked_root(paper_dir)
        with Folder.open(paper_dir) as root:
            if root.lstat(ISSUED_DIR) is not None:
                with root.sub(ISSUED_DIR) as issued:
                    if issued.lstat(folder) is not None:  # issued meanwhile
                        raise FileExistsError(paper_dir / ISSUED_DIR / folder)
        staged = write.folder(f"{ISSUED_DIR}/{folder}")
        for rel, data in {**files, Path(record_name): record.encode("utf-8")}.items():
            try:
                write_inside(staged, rel.as_posix(), data)
            except ValueError:
                raise ContentError("is not a path inside the paper folder", rel) from None
        if check is not None:
            check(staged)
        write.commit()
    return paper_dir / ISSUED_DIR / folder


def _refuse_linked_root(paper_dir: Path) -> None:
    """An ``.issued`` that is a link or a file is not one att-docs made."""
    target = paper_dir / ISSUED_DIR
    if target.is_symlink() or (target.exists() and not target.is_dir()):
        raise ContentError("is not a folder att-docs made (a link or a file); an issued "
                           "version is kept in a plain folder", target)


def rewrite(paper_dir: Path, rel: Path, text: str,
            check: Callable[[Path], None] | None = None) -> None:
    """Replace the paper's file ``rel`` with ``text`` in one journaled write; ``check``
    reads it back from the staged paper (its argument) first. Never through a link."""
    from att_docs.base.journal import Write

    data = text.encode("utf-8")
    if len(data) > MAX_YAML_BYTES:
        raise ContentError(f"would be {len(data):,} bytes; a content file holds at most "
                           f"{MAX_YAML_BYTES:,}", paper_dir / rel)
    with Write(paper_dir, f"rewrite of {rel.as_posix()}") as write:
        write.put(rel.as_posix(), data)
        if check is not None:
            check(write.shadow())
        write.commit()
