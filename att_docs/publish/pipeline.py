"""The conference build: the whole set, incremental, in parallel, atomic.

The stages run in order, sharing one :class:`~att_docs.publish.context.BuildJob`:

1. **Plan** (:mod:`att_docs.publish.plan`, cheap): hash the inputs and compare with the
   cache of the last build; every changed paper is read strictly and assembled by the
   worker processes that will render it (:mod:`att_docs.publish.workers`), which send
   back only its metadata.
2. **Gate** (:mod:`att_docs.publish.gate`): the checks, and the refusals of ``strict``
   and ``final``, before the first file is written. Serials are checked across the whole
   conference.
3. **Render** (:mod:`att_docs.publish.render`) the stale files in parallel into a new,
   hidden version folder beside the output folder (:mod:`att_docs.publish.versions`).
4. **Complete** that folder into the whole new set (:mod:`att_docs.publish.stage`): hard
   links to the current set's unchanged files, then the cache and the extras
   (:mod:`att_docs.publish.extras`: ``manifest.json``, ``index.html``, the archive), which
   always describe every file of the set, whatever part of it this build wrote.
5. **Switch**: ``build/<conference>`` is a link to the set's folder; one rename of a new
   link shows the new set, and the old folder is removed.

A build that fails or is killed at any point leaves the previous set exactly as it was,
or (killed after the rename) the new set whole; the next build removes what it left.
With several conferences, every set is written before any is switched.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from att_docs.base.atomic import deferred_sync
from att_docs.base.errors import OutputError
from att_docs.publish.cache import BuildCache
from att_docs.publish.context import FORMATS, PDF_ENGINES, BuildJob, BuildReport
from att_docs.publish.extras import extras_fresh
from att_docs.publish.gate import (
    NotReadyError,
    apply_checks,
    checks,
    refuse_check_errors,
    refuse_not_ready,
)
from att_docs.publish.plan import Plan, output_path, plan
from att_docs.publish.render import preflight
from att_docs.publish.stage import OUTPUT_ERRNOS, StagedSet, fill, output_error
from att_docs.publish.versions import OutputFolder

if TYPE_CHECKING:
    from att_docs.checks.findings import Finding
    from att_docs.publish.jobs import PaperDone

__all__ = ["FORMATS", "PDF_ENGINES", "BuildJob", "BuildReport", "NotReadyError",
           "StagedSet", "build_conference", "output_path", "staged_conference"]


def build_conference(folder: Path, out_dir: Path, templates: Path,
                     *args: Any, **kwargs: Any) -> BuildReport:
    """Bring ``out_dir`` up to date with the conference in ``folder``.

    Takes the arguments of :func:`staged_conference`, and shows the new set at once.
    ``on_start(papers, files)`` is called once the content is read and checked, before
    the first file is written; ``on_paper`` as each paper's files are written.
    ``strict`` refuses to write anything when the checks report errors.
    """
    with staged_conference(folder, out_dir, templates, *args, **kwargs) as staged:
        staged.switch()
    return staged.report


@contextlib.contextmanager
def staged_conference(
    folder: Path,
    out_dir: Path,
    templates: Path,
    formats: tuple[str, ...] = FORMATS,
    languages: tuple[str, ...] | None = None,
    pdf_engine: str = "typst",
    *,
    strict: bool = False,
    final: bool = False,
    archive: bool = False,
    workers: int | None = None,
    glossary: Path | None = None,
    today: dt.date | None = None,
    on_start: Callable[[int, int], None] | None = None,
    on_paper: Callable[[PaperDone], None] | None = None,
    author: str | None = None,
) -> Iterator[StagedSet]:
    """Read, check and write the conference's whole new set beside the current one.

    Yields a :class:`StagedSet` whose ``switch()`` shows it; the output folder stays
    locked until the ``with`` block ends. ``author`` names the author of the redlines'
    tracked changes (default: ``conference.yaml``'s ``redline_author``, else each
    language's submitted-by line). Leaving the block without switching (an
    error, or another conference of the same run failing) discards the new set and
    leaves the previous one exactly as it was. ``final`` refuses, before anything is
    written, a set with any paper not ready (:class:`NotReadyError`), and marks the
    manifest final; ``today`` is the day the index page counts from.
    """
    job = BuildJob(folder, out_dir, templates, formats, languages, pdf_engine,
                   glossary=glossary, strict=strict, final=final, archive=archive,
                   workers=workers, today=today, author=author, on_start=on_start,
                   on_paper=on_paper)
    with staged(job) as result:
        yield result


class _Workers:
    """The build's worker processes (:class:`~att_docs.publish.workers.Workers`), made on
    first use: a build with nothing to read imports no pool."""

    def __init__(self, job: BuildJob):
        self.job = job
        self.made: Any = None

    def get(self) -> Any:
        if self.made is None:
            from att_docs.base.processes import default_workers
            from att_docs.publish.workers import Workers

            self.made = Workers(self.job.folder, self.job.templates, self.job.pdf_engine,
                                self.job.workers or default_workers())
        return self.made

    def read(self, dirs: list[Path], with_meta: bool, papers: int) -> Any:
        """Read in the workers; with ``--strict`` or ``--final`` here, up front (the
        checks run here, before anything is written)."""
        return self.get().read(dirs, with_meta, here=self.job.strict or self.job.final,
                               papers=papers)

    def close(self, abandon: bool = False) -> None:
        if self.made is not None:
            self.made.close(abandon)


@contextlib.contextmanager
def staged(job: BuildJob) -> Iterator[StagedSet]:
    """:func:`staged_conference` for a :class:`BuildJob`: plan, gate, render, stage."""
    workers = _Workers(job)
    try:
        with _staged(job, workers) as result:
            workers.close()
            yield result
    except BaseException:  # interrupted or failed: the workers stop at once
        workers.close(abandon=True)
        raise
    finally:
        workers.close()


@contextlib.contextmanager
def _staged(job: BuildJob, workers: _Workers) -> Iterator[StagedSet]:
    output = OutputFolder(job.out_dir)
    try:
        live = output.live()
        unusable = None
    except OutputError as exc:  # bad content is reported first; this right after
        live, unusable = None, exc
    todo, cache, report = _prepare(job, live, workers)
    if unusable is not None:
        raise unusable
    if live and not todo.jobs and not todo.obsolete and extras_fresh(job, live, cache, todo):
        output.tidy(keep=live)  # what a killed build left, if no build is running
        yield StagedSet(report)
        return
    with output.locked():
        if output.live() != live:  # another build showed its set meanwhile: plan again
            live = output.live()
            todo, cache, report = _prepare(job, live, workers)
        if todo.jobs and todo.unchecked:  # the checks start now, beside what follows
            workers.get().start_side(checks(job, todo), len(todo.jobs))
        writer = preflight(job, todo)
        try:
            output.remove_leftovers(keep=live)
            version = output.new_version()
        except OSError as exc:
            raise output_error(exc, job.out_dir) from None
        result = StagedSet(report, output, version, live)
        try:
            try:
                with deferred_sync():  # the version is flushed as a whole when shown
                    fill(job, todo, version, live, cache, report, writer, workers.get())
            except OSError as exc:
                if exc.errno not in OUTPUT_ERRNOS:
                    raise
                raise output_error(exc, job.out_dir) from None
            yield result
        finally:
            if result.version is not None:  # not switched: the new set goes
                shutil.rmtree(result.version, ignore_errors=True)


def _prepare(job: BuildJob, live: Path | None,
             workers: _Workers) -> tuple[Plan, BuildCache, BuildReport]:
    """Plan against the set in ``live``; with ``strict``, refuse on check errors, with
    ``final`` on any paper not ready."""
    cache = BuildCache.load(live) if live else BuildCache()
    todo = plan(job, live, cache, workers.read)
    # The changed papers' checks run here with --strict or --final (to refuse before
    # writing) or when there is nothing to render; otherwise in a worker, beside the
    # rendering.
    findings: list[Finding] = []
    if job.strict or job.final or not todo.jobs:
        findings = apply_checks(job, todo, checks(job, todo)() if todo.unchecked else None)
    if job.strict:
        refuse_check_errors(todo.metas)
    if job.final:
        refuse_not_ready(todo)
    drafts = [name for name in todo.every
              if (todo.expected.get(name) or cache.outputs.get(name) or {}).get("draft")]
    return todo, cache, BuildReport(todo.conference["id"], job.out_dir, list(todo.expected),
                                    findings=findings, drafts=drafts, final=job.final)
