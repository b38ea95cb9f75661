"""Reading and writing papers, in parallel across cores.

The worker processes read and assemble the changed papers themselves (:meth:`Workers.read`)
and keep them: the build process receives only what planning needs (each paper's
metadata and frame styles), never a document. Each worker then renders whole papers
(every language × format asked for) into the build's staging folder, taking first the
papers it read (:func:`render_next`), and reports each file's checksum, size and page
count, read back from the file it wrote. A worker keeps one
:class:`~att_docs.writers.pdf.typst.PdfWriter`, so Typst's compiler, fonts and caches are
made once per process. Papers read in the build process (``--strict``, ``--final``, a
single paper) are inherited by the workers forked after, not sent to them; workers
spawned instead (the build's own process typeset a paper before, see
:func:`~att_docs.base.processes.worker_context`) read what they do not hold.
"""

from __future__ import annotations

import hashlib
import os
import time
from collections.abc import Callable
from concurrent.futures import Future, ProcessPoolExecutor, as_completed
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from att_docs.base.errors import ContentError
from att_docs.base.processes import end_now, interrupts_held, start_worker, worker_context
from att_docs.document.house_style import house_styled
from att_docs.document.model import Document
from att_docs.publish.jobs import FileDone, FileJob, PaperDone, PaperRead, RedlineInput
from att_docs.writers.registry import WRITERS, Writer, WriterOptions

__all__ = ["FileDone", "FileJob", "PaperDone", "RedlineInput", "Task", "Workers",
           "convert_pending_pdfs", "held", "preflight_fonts", "read_here"]

LO_SOURCES = "lo-docx"  # staging sub-folder of DOCX waiting for one LibreOffice call
LO_ENGINE = "libreoffice"  # the engine that converts the DOCX after the papers are written


class RenderError(Exception):
    """A ContentError raised in a worker, carried back as its one-line message."""


def describe(path: Path, name: str, fmt: str, data: bytes | None = None) -> FileDone:
    """Checksum, size and (for a paged format) page count of a written file, from
    ``data``, the bytes written, when the writer gives them (else read back from
    ``path``)."""
    if data is None:
        data = path.read_bytes()
    count_pages = WRITERS[fmt].count_pages
    pages = count_pages(data) if count_pages is not None else None
    return FileDone(name, hashlib.sha256(data).hexdigest(), len(data), pages)


_STATE: dict[str, Any] = {}


def init_worker(templates: Path, pdf_engine: str, parent: int | None = None,
                claims: Any = None, folder: Path | None = None) -> None:
    """Per process: the styles (read on first use), and a PDF writer made on first use.

    A worker (``parent`` given) dies with the build process, so a killed build leaves
    no orphan writing into its staging folder, and leaves Ctrl-C to it. ``claims`` are
    the papers taken so far (shared by the workers, see :func:`render_next`); ``folder``
    is the conference whose papers a worker reads when it does not hold them.
    """
    if parent is not None:
        start_worker(parent)
        _READERS.clear()  # made again from the files as they are now
    _STATE.clear()
    _STATE.update(templates=templates, engine=pdf_engine, styles=None, pdf=None,
                  claims=claims, folder=folder)


def _styles() -> Any:
    """This process's style sheet, read on first use."""
    if _STATE["styles"] is None:
        from att_docs.writers.styles import load_styles

        _STATE["styles"] = load_styles(_STATE["templates"] / "styles.yaml")
    return _STATE["styles"]


# ----------------------------------------------------------------- papers read here

_HELD: dict[str, Document] = {}  # the papers this process read (or inherited), by folder
_READERS: dict[tuple[Path, Path], Any] = {}  # (conference, templates) → what reads papers


def held(papers: list[str]) -> dict[str, Document]:
    """The papers among ``papers`` that this process holds, read and assembled."""
    return {pid: _HELD[pid] for pid in papers if pid in _HELD}


def _reader(folder: Path, templates: Path) -> Any:
    """The conference, document types and frame renderer, made once per process."""
    key = (folder, templates)
    found = _READERS.get(key)
    if found is None:
        from att_docs.readers.content import read_conference
        from att_docs.readers.frame import FrameRenderer, known_types

        found = (read_conference(folder), known_types(templates), FrameRenderer(templates))
        _READERS.clear()
        _READERS[key] = found
    return found


def _read_one(folder: Path, paper_dir: Path, templates: Path, with_meta: bool) -> PaperRead:
    """Read and assemble one paper strictly, as the build does; keep it in this process."""
    from att_docs.document.model import FrameBlock
    from att_docs.readers.assemble import assemble
    from att_docs.readers.content import read_paper
    from att_docs.status.setinfo import PaperMeta

    conference, types, renderer = _reader(folder, templates)
    doc = assemble(read_paper(paper_dir, conference, templates, types, strict=True), renderer)
    _HELD[paper_dir.name] = doc
    meta = PaperMeta.from_document(doc, None, templates) if with_meta else None
    return PaperRead(meta, tuple(b.style for b in doc.body if isinstance(b, FrameBlock)))


def read_here(folder: Path, dirs: list[Path], templates: Path,
              with_meta: bool) -> dict[str, PaperRead]:
    """Read ``dirs`` in this process, in order; the first problem raises."""
    _READERS.clear()  # the conference as it is now
    return {d.name: _read_one(folder, d, templates, with_meta) for d in dirs}


def _read_task(folder: Path, paper_dir: Path, templates: Path, with_meta: bool) -> PaperRead:
    """:func:`_read_one` in a worker: a ContentError comes back as its message."""
    try:
        return _read_one(folder, paper_dir, templates, with_meta)
    except ContentError as exc:
        raise RenderError(str(exc)) from None


def _held_or_read(paper: str) -> Document:
    doc = _HELD.get(paper)
    if doc is None:
        folder = _STATE["folder"]
        _read_one(folder, folder / paper, _STATE["templates"], False)
        doc = _HELD[paper]
    return doc


_WARM_WRITERS: dict[tuple[Path, str], Any] = {}


def preflight_fonts(templates: Path, languages: list[str]) -> Any:
    """A PDF writer whose fonts are checked for ``languages``: a missing font stops the
    build before anything is written (:class:`~att_docs.writers.pdf.typst.FontError`).

    A process that builds again (``att-docs watch``) gets the same writer back while the
    style sheet and the Typst template are unchanged, fonts scanned and caches warm.
    """
    from att_docs.base.hashing import file_sha256
    from att_docs.writers.pdf.typst import PdfWriter
    from att_docs.writers.styles import load_styles

    styles_file, template = templates / "styles.yaml", templates / "paper.typ"
    key = (templates.resolve(), "".join(
        file_sha256(p) if p.is_file() else "-" for p in (styles_file, template)))
    writer = _WARM_WRITERS.get(key)
    if writer is None:
        writer = PdfWriter(load_styles(styles_file), template)
        _WARM_WRITERS.clear()
        _WARM_WRITERS[key] = writer
    writer.check_fonts(languages)
    return writer


def _typesetter() -> Any:
    """This process's PDF typesetter, made on first use."""
    if _STATE["pdf"] is None:
        from att_docs.writers.pdf.typst import PdfWriter

        _STATE["pdf"] = PdfWriter(_styles(), _STATE["templates"] / "paper.typ")
    return _STATE["pdf"]


def render_paper(doc: Document, jobs: list[FileJob], staging: Path,
                 redline: RedlineInput | None = None) -> PaperDone:
    """Write ``jobs`` of ``doc`` into ``staging``; runs in a worker process. Redline jobs
    compare ``doc`` with ``redline.issued``."""
    started = time.perf_counter()
    files: list[FileDone] = []
    pending: list[FileJob] = []
    styled: dict[str, Document] = {}  # each language's text as its house style spaces it
    try:
        for job in jobs:
            doc_in = styled.get(job.lang)
            if doc_in is None:
                doc_in = styled[job.lang] = house_styled(doc, job.lang)
            target = staging / job.name
            writer = WRITERS[job.format]
            if writer.engines and _STATE["engine"] == LO_ENGINE:
                source = staging / LO_SOURCES / f"{Path(job.name).stem}.docx"
                source.parent.mkdir(exist_ok=True)
                _write(WRITERS["docx"], doc_in, job, source, redline)
                pending.append(job)
                continue
            written = _write(writer, doc_in, job, target, redline)
            files.append(describe(target, job.name, job.format, written))
    except ContentError as exc:
        raise RenderError(str(exc)) from None
    return PaperDone(doc.id, str(doc.masthead.symbol), files, pending,
                     time.perf_counter() - started)


def _write(writer: Writer, doc: Document, job: FileJob, target: Path,
           redline: RedlineInput | None) -> bytes:
    """Write one file of ``doc`` (as its language's house style spaces it), or its
    redline."""
    engine = _STATE["engine"] if writer.engines else None
    options = WriterOptions(job.lang, _styles(), job.mark, engine,
                            _typesetter() if engine is not None else None)
    if job.redline and redline is not None:
        author = redline.author or doc.masthead.submitted_by.get(job.lang, "")
        options = replace(options, author=author, date=doc.masthead.date)
        return writer.write_redline(_redline(doc, job.lang, redline), target, options)
    return writer.write(doc, target, options)


_LAST_REDLINE: list[Any] = []  # [redline input, language, redline document]


def _redline(doc: Document, lang: str, redline: RedlineInput) -> Document:
    """``doc`` in ``lang`` with its changes since ``redline.issued`` (made once for the
    DOCX and the PDF), and its notice if the language's translation lags."""
    from att_docs.document.revision import redline_document, with_notice
    from att_docs.document.segmentation import segmenter_for

    if _LAST_REDLINE and _LAST_REDLINE[0] is redline and _LAST_REDLINE[1] == lang:
        return _LAST_REDLINE[2]  # type: ignore[no-any-return]
    merged = redline_document(redline.issued, doc, lang,
                              segmenter_for(_STATE["templates"], lang))
    if lang in redline.notices:
        merged = with_notice(merged, lang, redline.notices[lang])
    _LAST_REDLINE[:] = [redline, lang, merged]
    return merged


@dataclass(frozen=True)
class Task:
    """One paper to render: its folder name, its files, and its redline input if any."""

    paper: str
    jobs: list[FileJob]
    redline: RedlineInput | None = None


def _render_task(task: Task, staging: Path) -> PaperDone:
    try:
        doc = _held_or_read(task.paper)
    except ContentError as exc:
        raise RenderError(str(exc)) from None
    return render_paper(doc, task.jobs, staging, task.redline)


def render_next(order: list[Task], staging: Path) -> PaperDone:
    """Render one paper of ``order`` nobody took yet: the first this process holds, else
    the first left (read here). Each call takes one; as many calls as papers take all."""
    claims = _STATE["claims"]
    with claims.get_lock():
        free = [i for i in range(len(order)) if not claims[i]]
        mine = [i for i in free if order[i].paper in _HELD]
        index = (mine or free)[0]
        claims[index] = 1
    return _render_task(order[index], staging)


class Workers:
    """The build's worker processes, forked on first use (a build with nothing to read or
    write forks none): they read the changed papers, then render."""

    def __init__(self, folder: Path, templates: Path, pdf_engine: str, count: int):
        self.folder, self.templates, self.pdf_engine = folder, templates, pdf_engine
        self.count = count
        self.pool: ProcessPoolExecutor | None = None
        self.claims: Any = None
        self.side: tuple[Callable[[], Any], Future[Any]] | None = None
        _HELD.clear()  # papers held from an earlier build of this process (watch)
        _READERS.clear()

    def __enter__(self) -> Workers:
        return self

    def __exit__(self, kind: object, *exc: object) -> None:
        self.close(abandon=kind is not None)

    def close(self, abandon: bool = False) -> None:
        """Stop the workers once their tasks are done; with ``abandon`` (the build was
        interrupted or failed) at once."""
        if self.pool is not None:
            if abandon:
                end_now(self.pool)
            else:
                self.pool.shutdown(wait=True, cancel_futures=True)
            self.pool = None

    def _executor(self, papers: int, processes: int) -> ProcessPoolExecutor:
        """The pool (``processes`` at most), forked now if not yet: the readers and
        writers are imported first, so no worker imports them again; ``papers``: how
        many papers it may render. Where this process has already typeset (a single
        paper of an earlier conference of the same build), the workers are spawned
        instead (:func:`~att_docs.base.processes.worker_context`)."""
        if self.pool is None:
            _import_writers()
            context = worker_context()
            self.claims = context.Array("b", max(papers, 1))
            self.pool = ProcessPoolExecutor(
                max_workers=max(1, min(self.count, processes)), mp_context=context,
                initializer=init_worker,
                initargs=(self.templates, self.pdf_engine, os.getpid(), self.claims,
                          self.folder))
        return self.pool

    def start_side(self, side_job: Callable[[], Any], papers: int) -> None:
        """Start ``side_job`` (a picklable call: the checks) in a worker now, before the
        ``papers`` to render are; :meth:`render` returns its result. With one worker, it
        runs after the papers, in this process."""
        if self.count > 1 and self.side is None:
            processes = 1 + papers if papers > 1 else 1  # one paper is rendered here
            pool = self._executor(papers, processes)
            with interrupts_held():
                self.side = (side_job, pool.submit(side_job))

    def read(self, dirs: list[Path], with_meta: bool, *, here: bool = False,
             papers: int = 0) -> dict[str, PaperRead]:
        """Read and assemble ``dirs`` strictly, in the workers (or with ``here``, one
        paper or one worker, in this process); only what planning needs comes back.
        A problem raises the error reading them in order would: the first paper's."""
        if here or self.count <= 1 or len(dirs) <= 1:
            return read_here(self.folder, dirs, self.templates, with_meta)
        pool = self._executor(papers, self.count)
        with interrupts_held():
            futures = [pool.submit(_read_task, self.folder, d, self.templates, with_meta)
                       for d in dirs]
        out: dict[str, PaperRead] = {}
        for paper_dir, future in zip(dirs, futures, strict=True):
            out[paper_dir.name] = _result(future.result)  # type: ignore[arg-type]
        return out

    def render(self, tasks: list[Task], staging: Path,
               on_paper: Callable[[PaperDone], None],
               side_job: Callable[[], Any] | None = None,
               pdf_writer: Any = None) -> tuple[list[PaperDone], Any]:
        """Render every task; ``on_paper`` as each finishes.

        ``side_job`` (a picklable call, e.g. the checks) runs in a worker beside the
        papers; its result is returned with theirs. One paper is rendered in this
        process (with ``pdf_writer``, from :func:`preflight_fonts`), its side job forked
        beside it. The first failure stops the rest and is raised (a worker's
        ContentError as one).
        """
        try:  # no worker writes into the staging folder once this returns
            done = self._render(tasks, staging, on_paper, side_job, pdf_writer)
        except BaseException:
            self.close(abandon=True)
            raise
        self.close()
        return done

    def _render(self, tasks: list[Task], staging: Path,
                on_paper: Callable[[PaperDone], None], side_job: Callable[[], Any] | None,
                pdf_writer: Any) -> tuple[list[PaperDone], Any]:
        done: list[PaperDone] = []
        here = self.count <= 1 or len(tasks) <= 1
        if side_job is not None:
            self.start_side(side_job, len(tasks))  # first: the longest
        side = self.side[1] if self.side is not None and self.side[0] == side_job else None
        if here:
            init_worker(self.templates, self.pdf_engine, folder=self.folder)
            _STATE["pdf"] = pdf_writer
            for task in tasks:
                paper = _result(lambda t=task: _render_task(t, staging))
                on_paper(paper)
                done.append(paper)
            if side_job is not None and side is None:
                return done, side_job()
            return done, side.result() if side is not None else None
        pool = self._executor(len(tasks), len(tasks))
        if self.claims is None or len(self.claims) < len(tasks):
            raise AssertionError("the workers were forked for fewer papers")
        claimed = [t for t in tasks if t.redline is None]
        with interrupts_held():
            futures: list[Future[PaperDone]] = [pool.submit(render_next, claimed, staging)
                                                for _ in claimed]
            futures += [pool.submit(_render_task, t, staging) for t in tasks if t.redline]
        for future in as_completed(futures):
            paper = _result(future.result)
            on_paper(paper)
            done.append(paper)
        return done, side.result() if side is not None else None


def _import_writers() -> None:
    """Import what reads and writes papers, once, before the workers are forked."""
    import att_docs.readers.assemble
    import att_docs.readers.content
    import att_docs.records.readiness
    import att_docs.writers.docx.writer
    import att_docs.writers.pdf.pages
    import att_docs.writers.pdf.typst  # noqa: F401


def _result(get: Callable[[], PaperDone]) -> PaperDone:
    """A worker's result; its ContentError comes back as one again."""
    try:
        return get()
    except RenderError as exc:
        raise ContentError(str(exc)) from None


def convert_pending_pdfs(papers: list[PaperDone], staging: Path) -> list[FileDone]:
    """The PDFs left for LibreOffice: converted in one soffice call, then described."""
    from att_docs.writers.pdf.libreoffice import convert_to_pdf

    jobs = [job for paper in papers for job in paper.pending]
    if not jobs:
        return []
    sources = [staging / LO_SOURCES / f"{Path(job.name).stem}.docx" for job in jobs]
    pdfs = convert_to_pdf(sources, staging / "lo-pdf")
    files = []
    for job, pdf in zip(jobs, pdfs, strict=True):
        target = staging / job.name
        os.replace(pdf, target)
        files.append(describe(target, job.name, job.format))
    return files
