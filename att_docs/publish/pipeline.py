"""The conference build: the whole set, incremental, in parallel, atomic.

1. **Plan** (cheap): hash the inputs (:mod:`att_docs.publish.cache`) and compare with the
   cache of the last build. An output whose key and checksum match is up to date; an
   unchanged paper is not even read. Nothing heavy is imported when nothing changed.
2. **Read** every changed paper strictly, assemble it and run the checks, before the
   first file is written. Serials are checked across the whole conference.
3. **Render** the stale files in parallel (:mod:`att_docs.publish.workers`) into a new,
   hidden version folder beside the output folder (:mod:`att_docs.publish.versions`).
4. **Complete** that folder into the whole new set: hard links to the current set's
   unchanged files, then the cache, ``manifest.json``, ``index.html`` and the archive,
   which always describe every file of the set, whatever part of it this build wrote.
5. **Switch**: ``build/<conference>`` is a link to the set's folder; one rename of a new
   link shows the new set, and the old folder is removed.

A build that fails or is killed at any point leaves the previous set exactly as it was,
or (killed after the rename) the new set whole; the next build removes what it left.
With several conferences, every set is written before any is switched.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import errno
import functools
import hashlib
import os
import re
import shutil
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from att_docs.base.atomic import deferred_sync
from att_docs.base.errors import ContentError, OutputError
from att_docs.base.hashing import Fingerprint, combine, file_sha256
from att_docs.base.paths import Project, find_paper_dirs
from att_docs.publish.cache import CACHE_FILE, BuildCache, output_key
from att_docs.publish.index_page import INDEX_FILE, INDEX_TEMPLATE
from att_docs.publish.manifest import MANIFEST_FILE, manifest_bytes, manifest_data
from att_docs.publish.versions import OutputFolder
from att_docs.status.setinfo import PaperMeta, check_serials, superseded_by
from att_docs.writers.registry import WRITERS, engines, formats

if TYPE_CHECKING:
    from att_docs.checks.findings import Finding
    from att_docs.document.model import Conference, Document
    from att_docs.publish.jobs import FileJob, PaperDone, RedlineInput

__all__ = ["FORMATS", "PDF_ENGINES", "BuildReport", "NotReadyError", "build_conference",
           "output_path"]

FORMATS = formats()
_LANG = re.compile(r"^[a-z]{2,3}(-[A-Za-z0-9]{1,8})*$")
_STEM = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]*$")
PDF_ENGINES = engines()
STAGING = ".att-docs-staging"
LOCK_FILE = ".att-docs.lock"


@dataclass
class BuildReport:
    """What a build did: the set's files, and which of them it wrote or removed."""

    conference: str
    out_dir: Path
    files: list[str]
    built: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    papers_built: list[str] = field(default_factory=list)
    extras: list[str] = field(default_factory=list)  # manifest, index, archive written
    findings: list[Finding] = field(default_factory=list)  # the checks of the papers read
    drafts: list[str] = field(default_factory=list)  # files of the set marked as drafts
    final: bool = False  # the set was checked ready and is marked final

    @property
    def up_to_date(self) -> bool:
        """Nothing had to be written: the set was already built from these inputs."""
        return not (self.built or self.removed or self.extras)


def output_path(out_dir: Path, doc: Document, lang: str, fmt: str) -> Path:
    """``build/csp9/ATT_CSP9.WGTU_2023_CHAIR_763_Conf.Rep.zh.pdf``."""
    return out_dir / f"{doc.masthead.symbol.file_stem}.{lang}.{fmt}"


def _read_documents(folder: Path, dirs: list[Path],
                    templates: Path) -> tuple[Conference, dict[str, Document]]:
    from att_docs.readers.load import load_papers

    papers = load_papers(folder, templates, dirs=dirs)
    return papers.conference, papers.documents


def _conference_info(conference: Conference, key: str) -> dict[str, Any]:
    from att_docs.document.deadline import conference_deadline

    return {"key": key, "id": conference.id, "number": conference.number,
            "venue": dict(conference.venue), "opening": conference.opening.isoformat(),
            "closing": conference.closing.isoformat(), "languages": list(conference.languages),
            "deadline_days": conference.deadline_days,
            "deadline": conference_deadline(conference).isoformat()}


@dataclass
class _Plan:
    """Everything decided before writing: the set, and what of it is stale."""

    conference: dict[str, Any]
    metas: dict[str, PaperMeta]
    keys: dict[str, str]  # what the outputs depend on
    meta_keys: dict[str, str]  # what the metadata depends on: the above and the records
    expected: dict[str, dict[str, Any]]  # file name → cache entry without checksums
    jobs: dict[str, list[FileJob]]
    documents: dict[str, Document]
    obsolete: list[str]
    unchecked: list[Document]  # changed papers: their checks have yet to run
    templates_key: str = ""  # the index page uses the locale data too
    every: list[str] = field(default_factory=list)  # the set's possible files, in order
    redlines: dict[str, RedlineInput] = field(default_factory=dict)  # papers under revision
    glossary: Path | None = None  # the term base the checks load (the one fingerprinted)
    templates: Path | None = None
    final: bool = False  # every paper ready: the set to distribute
    today: dt.date | None = None  # the index page counts days from it
    folder: Path | None = None  # the conference: its checks cover every paper


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
            raise _output_error(exc, self.output.path) from None
        self.version = None


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
    output = OutputFolder(out_dir)
    try:
        live = output.live()
        unusable = None
    except OutputError as exc:  # bad content is reported first; this right after
        live, unusable = None, exc
    prepare = functools.partial(_prepare, folder, templates, formats, languages, pdf_engine,
                                glossary, strict, out_dir, final, today, author)
    plan, cache, report = prepare(live)
    if unusable is not None:
        raise unusable
    if live and not plan.jobs and not plan.obsolete and _extras_fresh(
            live, templates, cache, plan, archive):
        output.tidy(keep=live)  # what a killed build left, if no build is running
        yield StagedSet(report)
        return
    with output.locked():
        if output.live() != live:  # another build showed its set meanwhile: plan again
            live = output.live()
            plan, cache, report = prepare(live)
        writer = _preflight(plan, templates, pdf_engine)
        try:
            output.remove_leftovers(keep=live)
            version = output.new_version()
        except OSError as exc:
            raise _output_error(exc, out_dir) from None
        staged = StagedSet(report, output, version, live)
        try:
            try:
                with deferred_sync():  # the version is flushed as a whole when shown
                    _stage(plan, version, live, templates, pdf_engine, workers, cache,
                           report, archive, on_start, on_paper, writer)
            except OSError as exc:
                if exc.errno not in OUTPUT_ERRNOS:
                    raise
                raise _output_error(exc, out_dir) from None
            yield staged
        finally:
            if staged.version is not None:  # not switched: the new set goes
                shutil.rmtree(staged.version, ignore_errors=True)


def _prepare(folder: Path, templates: Path, formats: tuple[str, ...],
             languages: tuple[str, ...] | None, pdf_engine: str, glossary: Path | None,
             strict: bool, out_dir: Path, final: bool, today: dt.date | None,
             author: str | None,
             live: Path | None) -> tuple[_Plan, BuildCache, BuildReport]:
    """Plan against the set in ``live``; with ``strict``, refuse on check errors, with
    ``final`` on any paper not ready."""
    cache = BuildCache.load(live) if live else BuildCache()
    plan = _plan(folder, live, templates, formats, languages, pdf_engine, glossary, cache,
                 author)
    plan.final, plan.today = final, today or _today()
    # The changed papers' checks run here with --strict or --final (to refuse before
    # writing) or when there is nothing to render; otherwise in a worker, beside the
    # rendering.
    findings: list[Finding] = []
    if strict or final or not plan.jobs:
        findings = _apply_checks(plan, _checks(plan)() if plan.unchecked else None)
    if strict:
        _refuse_check_errors(plan.metas)
    if final:
        _refuse_not_ready(plan)
    drafts = [name for name in plan.every
              if (plan.expected.get(name) or cache.outputs.get(name) or {}).get("draft")]
    return plan, cache, BuildReport(plan.conference["id"], out_dir, list(plan.expected),
                                    findings=findings, drafts=drafts, final=final)


OUTPUT_ERRNOS = {errno.EACCES, errno.EPERM, errno.EROFS, errno.ENOSPC, errno.EDQUOT,
                 errno.EMLINK, errno.EEXIST, errno.ENOTDIR, errno.EISDIR}


def _output_error(exc: OSError, out_dir: Path) -> OutputError:
    """A plain message for a folder that cannot be written (read-only, full, ...)."""
    where = exc.filename or out_dir
    return OutputError(f"cannot write the output folder ({exc.strerror or exc})", where)


def _stage(plan: _Plan, version: Path, live: Path | None, templates: Path, pdf_engine: str,
           workers: int | None, cache: BuildCache, report: BuildReport, archive: bool,
           on_start: Callable[[int, int], None] | None,
           on_paper: Callable[[PaperDone], None] | None, writer: Any) -> None:
    """Fill ``version`` with the whole new set: new files, kept files, extras, cache."""
    staging = version / STAGING
    staging.mkdir()
    _render(plan, staging, templates, pdf_engine, workers, cache, report, on_start,
            on_paper, writer)
    for name in report.built:
        os.replace(staging / name, version / name)
    shutil.rmtree(staging)
    for name in plan.obsolete:
        cache.outputs.pop(name, None)
        report.removed.append(name)
    for name in list(cache.outputs):
        if name in report.built:
            continue
        if live is None or not _carry(live / name, version / name):
            del cache.outputs[name]  # a file of the set gone from disk: not listed
    if live is not None:
        _carry_foreign(live, version, {*cache.outputs, *plan.obsolete, *cache.extras})
    cache.conference = plan.conference
    cache.papers = {pid: {"key": plan.meta_keys[pid], "meta": meta.to_dict()}
                    for pid, meta in plan.metas.items()}
    _write_extras(version, live, templates, cache, plan, archive, report)
    cache.save(version)


def _carry(source: Path, target: Path) -> bool:
    """The current set's file into the new one: a hard link (a copy where links fail)."""
    if not source.is_file() or source.is_symlink():
        return False
    try:
        os.link(source, target)
    except OSError:
        shutil.copy2(source, target)
    return True


def _carry_foreign(live: Path, version: Path, known: set[str]) -> None:
    """Files someone else put in the output folder stay there, as they are."""
    ours = {CACHE_FILE, STAGING, LOCK_FILE, MANIFEST_FILE, INDEX_FILE, *known}
    for entry in os.scandir(live):
        if entry.name in ours or entry.name.startswith(".") or entry.name.endswith(".zip"):
            continue
        target = version / entry.name
        if os.path.lexists(target):
            continue
        if entry.is_symlink():
            os.symlink(os.readlink(entry.path), target)
        elif entry.is_dir():
            shutil.copytree(entry.path, target, symlinks=True, copy_function=_link_or_copy)
        else:
            _link_or_copy(entry.path, target)


def _link_or_copy(source: str, target: str | Path) -> None:
    try:
        os.link(source, target)
    except OSError:
        shutil.copy2(source, target)


def _languages(conference: dict[str, Any], wanted: tuple[str, ...] | None) -> list[str]:
    for lang in wanted or ():
        if lang not in conference["languages"]:
            raise ContentError(f"-l/--lang {lang!r}: not a language of this conference "
                               f"({', '.join(conference['languages'])})")
    return [lang for lang in conference["languages"] if not wanted or lang in wanted]


def _plan(folder: Path, live: Path | None, templates: Path, formats: tuple[str, ...],
          languages: tuple[str, ...] | None, pdf_engine: str, glossary: Path | None,
          cache: BuildCache, author: str | None = None) -> _Plan:
    from att_docs.publish.drafts import draft_mark, is_draft
    from att_docs.publish.jobs import FileJob
    from att_docs.publish.redlines import against, redline_key, redline_name
    from att_docs.readers.issued import issued_sha256

    fingerprint = Fingerprint.of(folder, templates, glossary)
    dirs = find_paper_dirs(folder)
    conf = cache.conference
    documents: dict[str, Document] = {}
    if not _conference_ok(conf) or conf.get("key") != fingerprint.conference_key:
        from att_docs.readers.content import read_conference

        conf = _conference_info(read_conference(folder), fingerprint.conference_key)
    conf = {**conf, "id": conference_id(folder)}
    if not dirs:
        raise ContentError("the conference has no papers (no */paper.yaml)", folder)
    langs = _languages(conf, languages)
    keys = {d.name: fingerprint.paper_key(d) for d in dirs}
    from att_docs.records.provenance import records_sha256

    # translation records change no output, only the states the set reports (and the
    # redlines' notices); issuing changes what the set lists
    records = {d.name: records_sha256(d) for d in dirs}
    meta_keys = {d.name: combine(keys[d.name], records[d.name], issued_sha256(d))
                 for d in dirs}
    metas: dict[str, PaperMeta] = {}
    for pid, key in meta_keys.items():
        meta = _cached_meta(cache, pid, key)
        if meta is not None:
            metas[pid] = meta
    changed = [d for d in dirs if d.name not in metas]
    if changed:  # read now, checked later (see _run_checks)
        documents.update(_read_documents(folder, changed, templates)[1])
        metas.update({pid: PaperMeta.from_document(doc, None, templates)
                      for pid, doc in documents.items()})
    check_serials(folder, list(metas.values()))

    order = sorted(metas, key=lambda pid: _symbol_order(metas[pid].symbol))
    expected: dict[str, dict[str, Any]] = {}
    every: dict[str, dict[str, Any]] = {}  # every file the set may hold, in set order
    jobs: dict[str, list[FileJob]] = {}
    folders = {d.name: d for d in dirs}
    versions = {pid: against(folders[pid], metas[pid].symbol) for pid in order}
    for pid in order:
        meta, version = metas[pid], versions[pid]
        for redline in (False, True) if version else (False,):
            for lang in conf["languages"]:
                draft = is_draft(meta.translation, lang)
                for fmt in WRITERS:
                    name = (redline_name(meta.file_stem, lang, fmt) if redline
                            else f"{meta.file_stem}.{lang}.{fmt}")
                    where = {"paper": pid, "lang": lang, "format": fmt,
                             **({"against": version.symbol, "author": author}
                                if redline else {})}
                    every[name] = where
                    if lang not in langs or fmt not in formats:
                        continue
                    key = output_key(keys[pid], lang, fmt, pdf_engine, draft)
                    if redline:
                        key = redline_key(key, version, records[pid], author)
                    expected[name] = {"key": key, **where, "draft": draft,
                                      **({"engine": pdf_engine} if WRITERS[fmt].engines else {})}
                    if live is not None and cache.output_fresh(live, name, key):
                        cache.outputs[name]["draft"] = draft  # the key says so, whatever the cache
                    else:
                        mark = (draft_mark(templates, lang, meta.original_language)
                                if draft else None)
                        jobs.setdefault(pid, []).append(
                            FileJob(lang, fmt, name, mark, redline))
    for name, where in every.items():  # a renamed paper folder keeps its files
        if name in cache.outputs:
            cache.outputs[name].update(where)
    unread = [d for d in dirs if d.name in jobs and d.name not in documents]
    if unread:  # unchanged papers whose files went missing or were altered
        documents.update(_read_documents(folder, unread, templates)[1])
    obsolete = [name for name in cache.outputs if name not in every]
    cache.outputs = {name: cache.outputs[name] for name in every if name in cache.outputs}
    return _Plan(conf, metas, keys, meta_keys, expected, jobs, documents, obsolete,
                 unchecked=[documents[d.name] for d in changed],
                 templates_key=fingerprint.templates, every=list(every), glossary=glossary,
                 templates=templates, folder=folder,
                 redlines=_redline_inputs(folder, jobs, versions, documents, metas,
                                          templates, author))


def _redline_inputs(folder: Path, jobs: dict[str, list[FileJob]],
                    versions: dict[str, Any], documents: dict[str, Document],
                    metas: dict[str, PaperMeta], templates: Path,
                    author: str | None) -> dict[str, RedlineInput]:
    """The issued versions the redlines to write compare with, read now (a damaged one
    stops the build before anything is written)."""
    wanted = [pid for pid, todo in jobs.items() if any(job.redline for job in todo)]
    if not wanted:
        return {}
    from att_docs.publish.redlines import redline_input
    from att_docs.readers.content import read_conference

    conference = read_conference(folder)
    return {pid: redline_input(documents[pid], versions[pid], conference, templates,
                               metas[pid], author) for pid in wanted}


def _conference_ok(conf: Any) -> bool:
    """A cached conference entry of the expected shape, with plain language codes."""
    return (isinstance(conf, dict) and isinstance(conf.get("languages"), list)
            and all(isinstance(x, str) and _LANG.match(x) for x in conf["languages"])
            and all(key in conf for key in ("key", "number", "opening", "deadline")))


def _cached_meta(cache: BuildCache, pid: str, key: str) -> PaperMeta | None:
    """A paper's cached metadata, if read from the same inputs and well-formed."""
    cached = cache.paper_meta(pid, key)
    if cached is None:
        return None
    try:
        meta = PaperMeta.from_dict(cached)
        stem = meta.file_stem
    except Exception:  # a cache edited by hand: read the paper again
        return None
    return meta if _STEM.match(stem) else None


def conference_id(folder: Path) -> str:
    """The conference's name: its folder's, even when given as ``.``."""
    name = folder.resolve().name
    if not name:
        raise ContentError("a conference folder needs a name (not the file system root)",
                           folder)
    return name


@dataclass(frozen=True)
class _Checks:
    """The checks of the set whose ``documents`` changed, as a picklable call for a worker
    process: the findings of every paper of the conference in ``folder`` (the other
    papers' kept per paper, :mod:`att_docs.checks.incremental`), or of ``documents``
    alone without a folder; None where the checks are not installed."""

    documents: list[Document]
    glossary: Path | None = None
    templates: Path | None = None
    folder: Path | None = None
    keys: dict[str, str] = field(default_factory=dict)  # each paper's, by folder name

    def __call__(self) -> list[Finding]:
        from att_docs.status.report import check_findings

        if self.folder is None or self.glossary is None:
            return check_findings(self.documents, self.glossary, self.templates)
        from att_docs.checks.incremental import check_conference

        return check_conference(self.folder, self.templates or Project.default().templates,
                                self.glossary, documents={d.id: d for d in self.documents},
                                keys=self.keys, strict=True)


def _checks(plan: _Plan) -> _Checks:
    return _Checks(plan.unchecked, plan.glossary, plan.templates, plan.folder,
                   plan.meta_keys if plan.glossary is not None else {})


def _apply_checks(plan: _Plan, findings: list[Finding] | None) -> list[Finding]:
    """Record the check counts of every paper in their metadata (the changed papers'
    alone where the checks covered them alone); the changed papers' findings."""
    from att_docs.status.report import count_findings

    changed = [doc.id for doc in plan.unchecked]
    if not changed:
        return []
    whole_set = findings is not None and plan.folder is not None and plan.glossary is not None
    papers = list(plan.metas) if whole_set else changed
    summary = count_findings(findings, papers)
    for pid in papers:
        counts = None if summary is None else summary.get(
            pid, {"errors": 0, "warnings": 0, "info": 0})
        plan.metas[pid] = replace(plan.metas[pid], checks=counts)
    plan.unchecked = []
    return [f for f in findings or [] if f.document in changed or f.document is None]


def _symbol_order(symbol: str) -> tuple[int, int, str]:
    from att_docs.document.symbols import parse_symbol

    sym = parse_symbol(symbol)
    return (sym.serial, sym.revision or 0, symbol)


class NotReadyError(ContentError):
    """``--final`` with papers not ready: the reasons, one line per paper and language, as
    ``status --strict`` gives them (``lines``); nothing was written."""

    def __init__(self, lines: list[str], total: str):
        super().__init__(f"--final: {total}; nothing was written, the set is as it was "
                         "(see the lines above, or att-docs status --strict)")
        self.lines = lines


def _refuse_not_ready(plan: _Plan) -> None:
    """Every paper (superseded ones aside) must be ready: translated in every language,
    nothing stale, no check errors."""
    from att_docs.status.gate import blocking, paper_status, reasons, total_line

    today = plan.today or _today()
    rows = [paper_status(meta, today, plan.conference["languages"])
            for meta in sorted(plan.metas.values(), key=lambda m: _symbol_order(m.symbol))]
    newer = superseded_by([(row.id, row.symbol) for row in rows])
    for row in rows:
        row.superseded_by = newer.get(row.id)
    stopped = blocking(rows, late=False)
    if stopped:
        raise NotReadyError([line for row in stopped for line in reasons(row, late=False)],
                            total_line(rows, stopped, late=False))


def _refuse_check_errors(metas: dict[str, PaperMeta]) -> None:
    bad = [(m.symbol, m.checks["errors"]) for m in metas.values()
           if m.checks and m.checks.get("errors")]
    if bad:
        listed = ", ".join(f"{symbol} ({count})" for symbol, count in sorted(bad))
        raise ContentError(f"--strict: check errors in {len(bad)} paper(s): {listed}; "
                           "nothing was written (see att-docs status)")


def _preflight(plan: _Plan, templates: Path, pdf_engine: str) -> Any:
    """With Typst PDFs to write, a PDF writer whose fonts are all there (else FontError).

    With any file to write, ``styles.yaml`` is read here first, so a bad one stops the
    build with its file and line before a worker starts; so does a missing glossary.
    """
    if plan.jobs:
        from att_docs.publish.frame_styles import check_frame_styles
        from att_docs.writers.styles import load_styles

        styles = load_styles(templates / "styles.yaml")
        check_frame_styles((plan.documents[paper] for paper in plan.jobs), styles.looks,
                           templates)
        if plan.glossary is not None and not plan.glossary.is_file():
            raise ContentError("glossary file not found", plan.glossary)
        redline_pdfs = any(job.redline and job.format == "pdf"
                           for todo in plan.jobs.values() for job in todo)
        if redline_pdfs and pdf_engine == "typst" and not (templates / "redline.typ").is_file():
            raise ContentError("the templates folder has no redline.typ, which lays out the "
                               "redline PDFs of revised papers (copy it from att-docs' own "
                               "templates)", templates)
    langs = sorted({job.lang for jobs in plan.jobs.values() for job in jobs
                    if job.format == "pdf"})
    if not langs or pdf_engine != "typst":
        return None
    from att_docs.publish.workers import preflight_fonts

    return preflight_fonts(templates, langs)


def _render(plan: _Plan, staging: Path, templates: Path, pdf_engine: str,
            workers: int | None, cache: BuildCache, report: BuildReport,
            on_start: Callable[[int, int], None] | None,
            on_paper: Callable[[PaperDone], None] | None, writer: Any) -> None:
    """Write every stale file into ``staging``; record them in ``cache.outputs``."""
    from att_docs.publish.workers import convert_pending_pdfs, default_workers, render_papers

    if not plan.jobs:
        return
    if on_start:
        on_start(len(plan.jobs), sum(len(j) for j in plan.jobs.values()))
    # the biggest papers first, so the last one to finish is a short one
    tasks = sorted(((plan.documents[pid], jobs, plan.redlines.get(pid))
                    for pid, jobs in plan.jobs.items()),
                   key=lambda task: -_weight(task[0]))
    checks = _checks(plan) if plan.unchecked else None
    done, findings = render_papers(tasks, staging, templates, pdf_engine,
                                   workers or default_workers(), on_paper or (lambda p: None),
                                   side_job=checks, pdf_writer=writer)
    if checks is not None:
        report.findings = _apply_checks(plan, findings)
    files = [f for paper in done for f in paper.files] + convert_pending_pdfs(done, staging)
    for f in files:
        cache.outputs[f.name] = {**plan.expected[f.name], "sha256": f.sha256,
                                 "size": f.size, "pages": f.pages}
        report.built.append(f.name)
    report.papers_built = sorted(plan.jobs, key=list(plan.metas).index)


def _weight(doc: Document) -> int:
    """How much a paper has to lay out (to start the largest first): its files' sizes.
    Links are not followed (an editor's lock file is a broken one), nor do files that
    vanish meanwhile count."""
    if not doc.source:
        return 0
    total = 0
    for path in doc.source.rglob("*.*"):
        with contextlib.suppress(OSError):
            total += path.lstat().st_size
    return total


def _today() -> dt.date:
    """Today, or ``ATT_DOCS_TODAY`` (YYYY-MM-DD) for reproducible index pages and tests."""
    pinned = os.environ.get("ATT_DOCS_TODAY")
    return dt.date.fromisoformat(pinned) if pinned else dt.date.today()


def _extras(templates: Path, cache: BuildCache, plan: _Plan,
            archive: bool) -> dict[str, Any]:
    """The manifest's bytes and the keys of the index page and the archive.

    They describe the whole set the folder will hold, whatever part of it this build
    wrote: files of formats or languages not asked for stay listed.
    """
    files = [{"file": name, **cache.outputs[name]} for name in plan.every
             if name in cache.outputs]
    papers = sorted(plan.metas.values(), key=lambda m: _symbol_order(m.symbol))
    newer = superseded_by([(m.id, m.symbol) for m in papers])
    data = manifest_data(plan.conference, papers, files, newer, _settings(plan, files),
                         final=plan.final)
    content = manifest_bytes(data)
    manifest_key = hashlib.sha256(content).hexdigest()
    index_template = templates / INDEX_TEMPLATE
    today = plan.today or _today()
    index_key = combine(manifest_key, file_sha256(index_template)
                        if index_template.is_file() else None, plan.templates_key,
                        str(archive), today.isoformat())  # it counts the days left
    return {"data": data, "manifest": content, "manifest_key": manifest_key,
            "index_key": index_key, "today": today,
            "zip_key": combine(manifest_key, index_key),
            "zip": f"{plan.conference['id']}.zip"}


def _settings(plan: _Plan, files: list[dict[str, Any]]) -> dict[str, Any]:
    """The formats, languages and PDF engine of the files in the set."""
    engines = sorted({f.get("engine", "typst") for f in files if f["format"] == "pdf"})
    return {"formats": [fmt for fmt in WRITERS if any(f["format"] == fmt for f in files)],
            "languages": [lang for lang in plan.conference["languages"]
                          if any(f["lang"] == lang for f in files)],
            "pdf_engine": engines[0] if len(engines) == 1 else (engines or None)}


def _extras_fresh(live: Path, templates: Path, cache: BuildCache, plan: _Plan,
                  archive: bool) -> bool:
    if any(name not in cache.outputs for name in plan.expected):
        return False
    extras = _extras(templates, cache, plan, archive)
    fresh = (cache.extra_fresh(live, MANIFEST_FILE, extras["manifest_key"])
             and cache.extra_fresh(live, INDEX_FILE, extras["index_key"]))
    if archive:
        return fresh and cache.extra_fresh(live, extras["zip"], extras["zip_key"])
    return fresh and extras["zip"] not in cache.extras


def _write_extras(version: Path, live: Path | None, templates: Path, cache: BuildCache,
                  plan: _Plan, archive: bool, report: BuildReport) -> None:
    """manifest.json, index.html and (with ``archive``) the zip into the new set: carried
    over from the current set when still true, else written."""
    from att_docs.publish.manifest import write_zip

    extras = _extras(templates, cache, plan, archive)
    old = dict(cache.extras)
    cache.extras = {}

    def keep(name: str, key: str) -> bool:
        cache.extras.pop(name, None)
        if live is None or old.get(name, {}).get("key") != key:
            return False
        cache.extras[name] = old[name]
        return (BuildCache(extras=old).extra_fresh(live, name, key)
                and _carry(live / name, version / name))

    if not keep(MANIFEST_FILE, extras["manifest_key"]):
        (version / MANIFEST_FILE).write_bytes(extras["manifest"])
        cache.extras[MANIFEST_FILE] = {"key": extras["manifest_key"],
                                       "sha256": extras["manifest_key"]}
        report.extras.append(MANIFEST_FILE)
    if not keep(INDEX_FILE, extras["index_key"]):
        from att_docs.publish.index_page import render_index

        html = render_index(templates, extras["data"], MANIFEST_FILE,
                            extras["zip"] if archive else None, extras["today"])
        (version / INDEX_FILE).write_bytes(html)
        cache.extras[INDEX_FILE] = {"key": extras["index_key"],
                                    "sha256": hashlib.sha256(html).hexdigest()}
        report.extras.append(INDEX_FILE)
    zip_name = extras["zip"]
    if archive and not keep(zip_name, extras["zip_key"]):
        write_zip(version, [*(f["file"] for f in extras["data"]["files"]), MANIFEST_FILE,
                            INDEX_FILE], version / zip_name, plan.conference["id"])
        cache.extras[zip_name] = {"key": extras["zip_key"],
                                  "sha256": file_sha256(version / zip_name)}
        report.extras.append(zip_name)
    elif not archive and zip_name in old:
        # the archive is the set of the last --zip build: never leave it to go stale
        report.removed.append(zip_name)
