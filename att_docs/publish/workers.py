"""Writing papers' files, in parallel across cores.

Each worker process renders whole papers (every language × format asked for) into the
build's staging folder and reports each file's checksum, size and page count, read back
from the file it wrote. A worker keeps one :class:`~att_docs.writers.pdf.typst.PdfWriter`, so
Typst's compiler, fonts and caches are made once per process.
"""

from __future__ import annotations

import hashlib
import multiprocessing
import os
import time
from collections.abc import Callable
from concurrent.futures import Future, ProcessPoolExecutor, as_completed
from dataclasses import replace
from pathlib import Path
from typing import Any

from att_docs.base.errors import ContentError
from att_docs.base.processes import default_workers, die_with_parent
from att_docs.document.house_style import house_styled
from att_docs.document.model import Document
from att_docs.publish.jobs import FileDone, FileJob, PaperDone, RedlineInput
from att_docs.writers.registry import WRITERS, Writer, WriterOptions

__all__ = ["FileDone", "FileJob", "PaperDone", "RedlineInput", "Task", "convert_pending_pdfs",
           "default_workers", "preflight_fonts", "render_papers"]

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


def init_worker(templates: Path, pdf_engine: str, parent: int | None = None) -> None:
    """Per process: the styles, and a PDF writer made on first use.

    A worker (``parent`` given) dies with the build process, so a killed build leaves
    no orphan writing into its staging folder.
    """
    from att_docs.writers.styles import load_styles

    if parent is not None:
        die_with_parent(parent)
    _STATE.clear()
    _STATE.update(templates=templates, engine=pdf_engine,
                  styles=load_styles(templates / "styles.yaml"), pdf=None)


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

        _STATE["pdf"] = PdfWriter(_STATE["styles"], _STATE["templates"] / "paper.typ")
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
    options = WriterOptions(job.lang, _STATE["styles"], job.mark, engine,
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


Task = tuple[Document, list[FileJob], RedlineInput | None]


def render_papers(tasks: list[Task], staging: Path,
                  templates: Path, pdf_engine: str, workers: int,
                  on_paper: Callable[[PaperDone], None],
                  side_job: Callable[[], Any] | None = None,
                  pdf_writer: Any = None) -> tuple[list[PaperDone], Any]:
    """Render every task, ``workers`` processes at a time; ``on_paper`` as each finishes.

    ``side_job`` (a picklable call, e.g. the checks) runs in the pool beside the papers;
    its result is returned with theirs. ``pdf_writer`` (from :func:`preflight_fonts`) is
    used when rendering in this process; worker processes make their own. The first
    failure stops the rest and is raised (a worker's ContentError as one).
    """
    done: list[PaperDone] = []
    if workers <= 1 or len(tasks) + (side_job is not None) <= 1:
        init_worker(templates, pdf_engine)
        _STATE["pdf"] = pdf_writer
        for doc, jobs, redline in tasks:
            paper = _result(lambda d=doc, j=jobs, r=redline: render_paper(d, j, staging, r))
            on_paper(paper)
            done.append(paper)
        return done, side_job() if side_job is not None else None
    context = multiprocessing.get_context("fork")
    count = len(tasks) + (side_job is not None)
    pool = ProcessPoolExecutor(max_workers=min(workers, count), mp_context=context,
                               initializer=init_worker,
                               initargs=(templates, pdf_engine, os.getpid()))
    try:
        side = pool.submit(side_job) if side_job is not None else None  # first: the longest
        futures: list[Future[PaperDone]] = [pool.submit(render_paper, doc, jobs, staging,
                                                        redline)
                                            for doc, jobs, redline in tasks]
        for future in as_completed(futures):
            paper = _result(future.result)
            on_paper(paper)
            done.append(paper)
        return done, side.result() if side is not None else None
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


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
