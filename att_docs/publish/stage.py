"""Stage a conference's new set in its own folder, and show it with one switch.

The new set is written into a new, hidden version folder beside the output folder
(:mod:`att_docs.publish.versions`): the rendered files, hard links to the current set's
unchanged files, then the cache and the extras (:mod:`att_docs.publish.extras`).
``build/<conference>`` is a link to the set's folder; one rename of a new link shows the
new set, and the old folder is removed.
"""

from __future__ import annotations

import errno
import os
import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from att_docs.base.errors import OutputError
from att_docs.publish import links
from att_docs.publish.extras import write_extras
from att_docs.publish.render import render

if TYPE_CHECKING:
    from att_docs.publish.cache import BuildCache
    from att_docs.publish.context import BuildJob, BuildReport
    from att_docs.publish.plan import Plan
    from att_docs.publish.versions import OutputFolder
    from att_docs.publish.workers import Workers

__all__ = ["OUTPUT_ERRNOS", "StagedSet", "fill", "output_error"]

OUTPUT_ERRNOS = {errno.EACCES, errno.EPERM, errno.EROFS, errno.ENOSPC, errno.EDQUOT,
                 errno.EMLINK, errno.EEXIST, errno.ENOTDIR, errno.EISDIR}


@dataclass
class StagedSet:
    """A conference's new set, complete in its own folder, not yet shown."""

    report: BuildReport
    output: OutputFolder | None = None
    version: Path | None = None
    live: Path | None = None

    def switch(self) -> None:
        """Show the new set in ``out_dir``: one rename (nothing to do when up to date)."""
        if self.output is None or self.version is None:
            return
        try:
            self.output.switch(self.version, self.live)
        except OSError as exc:
            raise output_error(exc, self.output.path) from None
        self.version = None


def output_error(exc: OSError, out_dir: Path) -> OutputError:
    """A plain message for a folder that cannot be written (read-only, full, ...)."""
    where = exc.filename or out_dir
    return OutputError(f"cannot write the output folder ({exc.strerror or exc})", where)


def fill(job: BuildJob, plan: Plan, version: Path, live: Path | None, cache: BuildCache,
         report: BuildReport, writer: Any, workers: Workers) -> None:
    """Fill ``version`` with the whole new set: new files, kept files, extras, cache;
    ``workers`` render the files."""
    staging = version / links.STAGING
    staging.mkdir()
    render(job, plan, staging, cache, report, writer, workers)
    for name in report.built:
        os.replace(staging / name, version / name)
    shutil.rmtree(staging)
    for name in plan.obsolete:
        cache.outputs.pop(name, None)
        report.removed.append(name)
    for name in list(cache.outputs):
        if name in report.built:
            continue
        if live is None or not links.carry(live / name, version / name):
            del cache.outputs[name]  # a file of the set gone from disk: not listed
    if live is not None:
        links.carry_foreign(live, version, {*cache.outputs, *plan.obsolete, *cache.extras})
    cache.conference = plan.conference
    cache.papers = {pid: {"key": plan.meta_keys[pid], "meta": meta.to_dict()}
                    for pid, meta in plan.metas.items()}
    write_extras(job, version, live, cache, plan, report)
    cache.save(version)
