"""Jinja's compiled templates kept in the disk cache (:mod:`att_docs.base.diskcache`).

A process that renders templates compiles each one first; :class:`DiskBytecodeCache`
keeps the compiled code of a template in a file named by the template's name, path and
source checksum, Jinja's and Python's versions and the environment's settings (which
change the code generated), so the next process loads it instead. The file is
checksummed like every cache file, so one that is damaged or edited is ignored and the
template compiled again.
"""

from __future__ import annotations

import base64
import binascii
import sys
from pathlib import Path

import jinja2
from jinja2.bccache import Bucket

from att_docs.base.diskcache import cache_path, read_cached, write_cached

__all__ = ["DiskBytecodeCache", "bytecode_cache"]

FORMAT = 1


class DiskBytecodeCache(jinja2.BytecodeCache):
    """Jinja's bytecode cache over att-docs' disk cache; ``setting`` names what the
    environment compiles with (sandboxed, extensions, finalize, ...)."""

    def __init__(self, setting: str):
        self.setting = setting

    def _path(self, bucket: Bucket) -> Path | None:
        return cache_path("jinja", FORMAT, self.setting, jinja2.__version__, sys.version,
                          bucket.key, bucket.checksum)

    def load_bytecode(self, bucket: Bucket) -> None:
        path = self._path(bucket)
        text = read_cached(path, str) if path is not None else None
        if text is None:
            return
        try:
            bucket.bytecode_from_string(base64.b64decode(text, validate=True))
        except (ValueError, binascii.Error):
            bucket.reset()

    def dump_bytecode(self, bucket: Bucket) -> None:
        path = self._path(bucket)
        if path is not None:
            write_cached(path, base64.b64encode(bucket.bytecode_to_string()).decode("ascii"))


def bytecode_cache(setting: str) -> DiskBytecodeCache | None:
    """The disk cache of compiled templates for environments of ``setting``; None when
    caching is switched off (``ATT_DOCS_NO_CACHE``)."""
    from att_docs.base.diskcache import cache_folder

    return DiskBytecodeCache(setting) if cache_folder() is not None else None
