"""The conference build: the whole set, incremental, in parallel, atomic.

1. **Plan** (cheap): hash the inputs (:mod:`att_docs.build.cache`) and compare with the
   cache of the last build. An output whose key and checksum match is up to date; an
   unchanged paper is not even read. Nothing heavy is imported when nothing changed.
2. **Read** every changed paper strictly, assemble it and run the checks, before the
   first file is written. Serials are checked across the whole conference.
3. **Render** the stale files in parallel (:mod:`att_docs.build.workers`) into a staging
   folder inside the output folder.
4. **Commit**: move each staged file over its target (one rename each), remove files of
   papers that left the set, then write the cache, ``manifest.json``, ``index.html`` and
   the archive, each atomically.

A build killed before the commit leaves every previous output as it was; one killed
during it leaves each file either old or new, never partial, and the next build
verifies checksums and redoes what is missing.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import os
import shutil
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from att_docs.build.cache import BuildCache, Fingerprint, combine, file_sha256
from att_docs.build.index_page import INDEX_FILE, INDEX_TEMPLATE
from att_docs.build.manifest import MANIFEST_FILE, manifest_bytes, manifest_data
from att_docs.conference.paths import find_paper_dirs
from att_docs.conference.setinfo import CheckCounts, PaperMeta, check_serials, superseded_by
from att_docs.errors import ContentError

if TYPE_CHECKING:
    from att_docs.build.workers import FileJob, PaperDone
    from att_docs.document.model import Conference, Document

__all__ = ["FORMATS", "PDF_ENGINES", "BuildReport", "build_conference", "load_conference",
           "output_path"]

FORMATS = ("docx", "pdf")
PDF_ENGINES = ("typst", "libreoffice")
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

    @property
    def up_to_date(self) -> bool:
        """Nothing had to be written: the set was already built from these inputs."""
        return not (self.built or self.removed or self.extras)


def output_path(out_dir: Path, doc: Document, lang: str, fmt: str) -> Path:
    """``build/csp9/ATT_CSP9.WGTU_2023_CHAIR_763_Conf.Rep.zh.pdf``."""
    return out_dir / f"{doc.masthead.symbol.file_stem}.{lang}.{fmt}"


def load_conference(folder: Path, templates: Path) -> tuple[Conference, list[Document]]:
    """Read and assemble every paper of a conference; the first problem raises."""
    dirs = find_paper_dirs(folder)
    conference, documents = _read_documents(folder, dirs, templates)
    if not documents:
        raise ContentError("the conference has no papers (no */paper.yaml)", folder)
    check_serials(folder, [PaperMeta.from_document(d, None) for d in documents.values()])
    return conference, list(documents.values())


def _read_documents(folder: Path, dirs: list[Path],
                    templates: Path) -> tuple[Conference, dict[str, Document]]:
    from att_docs.conference.load import load_papers

    papers = load_papers(folder, templates, dirs=dirs)
    return papers.conference, papers.documents


def _conference_info(conference: Conference, key: str) -> dict[str, Any]:
    from att_docs.conference.deadline import conference_deadline

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
    glossary: Path | None = None  # the term base the checks load (the one fingerprinted)
    templates: Path | None = None


def build_conference(
    folder: Path,
    out_dir: Path,
    templates: Path,
    formats: tuple[str, ...] = FORMATS,
    languages: tuple[str, ...] | None = None,
    pdf_engine: str = "typst",
    *,
    strict: bool = False,
    archive: bool = False,
    workers: int | None = None,
    glossary: Path | None = None,
    on_start: Callable[[int, int], None] | None = None,
    on_paper: Callable[[PaperDone], None] | None = None,
) -> BuildReport:
    """Bring ``out_dir`` up to date with the conference in ``folder``.

    ``on_start(papers, files)`` is called once the content is read and checked, before
    the first file is written; ``on_paper`` as each paper's files are written.
    ``strict`` refuses to write anything when the checks report errors.
    """
    cache = BuildCache.load(out_dir)
    plan = _plan(folder, out_dir, templates, formats, languages, pdf_engine, glossary, cache)
    # The changed papers' checks run here with --strict (to refuse before writing) or
    # when there is nothing to render; otherwise in a worker, beside the rendering.
    if strict or not plan.jobs:
        _apply_checks(plan, _Checks(plan.unchecked, plan.glossary, plan.templates)()
                      if plan.unchecked else None)
    if strict:
        _refuse_check_errors(plan.metas)
    settings = {"formats": list(formats), "languages": _languages(plan.conference, languages),
                "pdf_engine": pdf_engine}
    report = BuildReport(plan.conference["id"], out_dir, list(plan.expected))
    if not plan.jobs and not plan.obsolete and _extras_fresh(out_dir, templates, cache, plan,
                                                             settings, archive):
        return report
    writer = _preflight(plan, templates, pdf_engine)
    out_dir.mkdir(parents=True, exist_ok=True)
    with _locked(out_dir):
        staging = out_dir / STAGING
        shutil.rmtree(staging, ignore_errors=True)
        staging.mkdir()
        try:
            _render(plan, staging, templates, pdf_engine, workers, cache, report,
                    on_start, on_paper, writer)
            _commit(plan, staging, out_dir, cache, report)
            cache.conference = plan.conference
            cache.papers = {pid: {"key": plan.meta_keys[pid], "meta": meta.to_dict()}
                            for pid, meta in plan.metas.items()}
            cache.save(out_dir)
            _write_extras(out_dir, templates, cache, plan, settings, archive, report)
            cache.save(out_dir)
        finally:
            shutil.rmtree(staging, ignore_errors=True)
    return report


def _languages(conference: dict[str, Any], wanted: tuple[str, ...] | None) -> list[str]:
    for lang in wanted or ():
        if lang not in conference["languages"]:
            raise ContentError(f"{lang!r} is not a language of this conference "
                               f"({', '.join(conference['languages'])})")
    return [lang for lang in conference["languages"] if not wanted or lang in wanted]


def _plan(folder: Path, out_dir: Path, templates: Path, formats: tuple[str, ...],
          languages: tuple[str, ...] | None, pdf_engine: str, glossary: Path | None,
          cache: BuildCache) -> _Plan:
    from att_docs.build.workers import FileJob

    fingerprint = Fingerprint.of(folder, templates, glossary)
    dirs = find_paper_dirs(folder)
    conf = cache.conference
    documents: dict[str, Document] = {}
    if not conf or conf.get("key") != fingerprint.conference_key:
        from att_docs.readers.content import read_conference

        conf = _conference_info(read_conference(folder), fingerprint.conference_key)
    if not dirs:
        raise ContentError("the conference has no papers (no */paper.yaml)", folder)
    langs = _languages(conf, languages)
    keys = {d.name: fingerprint.paper_key(d) for d in dirs}
    from att_docs.conference.provenance import records_sha256

    # translation records change no output, only the states the set reports
    meta_keys = {d.name: combine(keys[d.name], records_sha256(d)) for d in dirs}
    metas: dict[str, PaperMeta] = {}
    for pid, key in meta_keys.items():
        cached = cache.paper_meta(pid, key)
        if cached is not None:
            metas[pid] = PaperMeta.from_dict(cached)
    changed = [d for d in dirs if d.name not in metas]
    if changed:  # read now, checked later (see _run_checks)
        documents.update(_read_documents(folder, changed, templates)[1])
        metas.update({pid: PaperMeta.from_document(doc, None, templates)
                      for pid, doc in documents.items()})
    check_serials(folder, list(metas.values()))

    order = sorted(metas, key=lambda pid: _symbol_order(metas[pid].symbol))
    expected: dict[str, dict[str, Any]] = {}
    jobs: dict[str, list[FileJob]] = {}
    for pid in order:
        for lang in langs:
            for fmt in formats:
                name = f"{metas[pid].file_stem}.{lang}.{fmt}"
                key = fingerprint.output_key(keys[pid], lang, fmt, pdf_engine)
                expected[name] = {"key": key, "paper": pid, "lang": lang, "format": fmt}
                if not cache.output_fresh(out_dir, name, key):
                    jobs.setdefault(pid, []).append(FileJob(lang, fmt, name))
    unread = [d for d in dirs if d.name in jobs and d.name not in documents]
    if unread:  # unchanged papers whose files went missing or were altered
        documents.update(_read_documents(folder, unread, templates)[1])
    obsolete = [name for name, entry in cache.outputs.items() if name not in expected and (
        entry.get("paper") not in metas
        or (entry.get("lang") in langs and entry.get("format") in formats))]
    return _Plan(conf, metas, keys, meta_keys, expected, jobs, documents, obsolete,
                 unchecked=[documents[d.name] for d in changed],
                 templates_key=fingerprint.templates, glossary=glossary, templates=templates)


@dataclass(frozen=True)
class _Checks:
    """The checks of the changed papers, as a picklable call for a worker process."""

    documents: list[Document]
    glossary: Path | None = None
    templates: Path | None = None

    def __call__(self) -> dict[str, CheckCounts] | None:
        from att_docs.conference.status import check_summary

        return check_summary(self.documents, self.glossary, self.templates)


def _apply_checks(plan: _Plan, summary: dict[str, CheckCounts] | None) -> None:
    """Record the check counts of the changed papers in their metadata."""
    for doc in plan.unchecked:
        counts = None if summary is None else summary.get(
            doc.id, {"errors": 0, "warnings": 0, "info": 0})
        plan.metas[doc.id] = replace(plan.metas[doc.id], checks=counts)
    plan.unchecked = []


def _symbol_order(symbol: str) -> tuple[int, int, str]:
    from att_docs.document.symbols import parse_symbol

    sym = parse_symbol(symbol)
    return (sym.serial, sym.revision or 0, symbol)


def _refuse_check_errors(metas: dict[str, PaperMeta]) -> None:
    bad = [(m.symbol, m.checks["errors"]) for m in metas.values()
           if m.checks and m.checks.get("errors")]
    if bad:
        listed = ", ".join(f"{symbol} ({count})" for symbol, count in sorted(bad))
        raise ContentError(f"--strict: check errors in {len(bad)} paper(s): {listed}; "
                           "nothing was written (see att-docs status)")


@contextlib.contextmanager
def _locked(out_dir: Path) -> Iterator[None]:
    """One build at a time writes into a folder."""
    import fcntl

    fd = os.open(out_dir / LOCK_FILE, os.O_CREAT | os.O_RDWR, 0o644)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise ContentError("another att-docs build is writing to this folder; wait for "
                               "it to finish", out_dir) from None
        yield
    finally:
        os.close(fd)


def _preflight(plan: _Plan, templates: Path, pdf_engine: str) -> Any:
    """With Typst PDFs to write, a PDF writer whose fonts are all there (else FontError).

    With any file to write, ``styles.yaml`` is read here first, so a bad one stops the
    build with its file and line before a worker starts; so does a missing glossary.
    """
    if plan.jobs:
        from att_docs.writers.styles import load_styles

        load_styles(templates / "styles.yaml")
        if plan.glossary is not None and not plan.glossary.is_file():
            raise ContentError("glossary file not found", plan.glossary)
    langs = sorted({job.lang for jobs in plan.jobs.values() for job in jobs
                    if job.format == "pdf"})
    if not langs or pdf_engine != "typst":
        return None
    from att_docs.build.workers import preflight_fonts

    return preflight_fonts(templates, langs)


def _render(plan: _Plan, staging: Path, templates: Path, pdf_engine: str,
            workers: int | None, cache: BuildCache, report: BuildReport,
            on_start: Callable[[int, int], None] | None,
            on_paper: Callable[[PaperDone], None] | None, writer: Any) -> None:
    """Write every stale file into ``staging``; record them in ``cache.outputs``."""
    from att_docs.build.workers import convert_pending_pdfs, default_workers, render_papers

    if not plan.jobs:
        return
    if on_start:
        on_start(len(plan.jobs), sum(len(j) for j in plan.jobs.values()))
    # the biggest papers first, so the last one to finish is a short one
    tasks = sorted(((plan.documents[pid], jobs) for pid, jobs in plan.jobs.items()),
                   key=lambda task: -_weight(task[0]))
    checks = (_Checks(plan.unchecked, plan.glossary, plan.templates)
              if plan.unchecked else None)
    done, summary = render_papers(tasks, staging, templates, pdf_engine,
                                  workers or default_workers(), on_paper or (lambda p: None),
                                  side_job=checks, pdf_writer=writer)
    if checks is not None:
        _apply_checks(plan, summary)
    files = [f for paper in done for f in paper.files] + convert_pending_pdfs(done, staging)
    for f in files:
        cache.outputs[f.name] = {**plan.expected[f.name], "sha256": f.sha256,
                                 "size": f.size, "pages": f.pages}
        report.built.append(f.name)
    report.papers_built = sorted(plan.jobs, key=list(plan.metas).index)


def _weight(doc: Document) -> int:
    source = doc.source
    return sum(p.stat().st_size for p in source.rglob("*.*")) if source else 0


def _commit(plan: _Plan, staging: Path, out_dir: Path, cache: BuildCache,
            report: BuildReport) -> None:
    """Staged files over their targets, one rename each; then drop files that left."""
    for name in report.built:
        os.replace(staging / name, out_dir / name)
    for name in plan.obsolete:
        (out_dir / name).unlink(missing_ok=True)
        cache.outputs.pop(name, None)
        report.removed.append(name)


def _today() -> dt.date:
    """Today, or ``ATT_DOCS_TODAY`` (YYYY-MM-DD) for reproducible index pages and tests."""
    pinned = os.environ.get("ATT_DOCS_TODAY")
    return dt.date.fromisoformat(pinned) if pinned else dt.date.today()


def _extras(out_dir: Path, templates: Path, cache: BuildCache, plan: _Plan,
            settings: dict[str, Any], archive: bool) -> dict[str, Any]:
    """The manifest's bytes and the keys of the index page and the archive."""
    files = [{"file": name, **cache.outputs[name]} for name in plan.expected
             if name in cache.outputs]
    papers = sorted(plan.metas.values(), key=lambda m: _symbol_order(m.symbol))
    newer = superseded_by([(m.id, m.symbol) for m in papers])
    data = manifest_data(plan.conference, papers, files, newer, settings)
    content = manifest_bytes(data)
    manifest_key = hashlib.sha256(content).hexdigest()
    index_template = templates / INDEX_TEMPLATE
    today = _today()
    index_key = combine(manifest_key, file_sha256(index_template)
                        if index_template.is_file() else None, plan.templates_key,
                        str(archive), today.isoformat())  # it counts the days left
    return {"data": data, "manifest": content, "manifest_key": manifest_key,
            "index_key": index_key, "today": today, "zip_key": combine(manifest_key, index_key),
            "zip": f"{plan.conference['id']}.zip"}


def _extras_fresh(out_dir: Path, templates: Path, cache: BuildCache, plan: _Plan,
                  settings: dict[str, Any], archive: bool) -> bool:
    if any(name not in cache.outputs for name in plan.expected):
        return False
    extras = _extras(out_dir, templates, cache, plan, settings, archive)
    fresh = (cache.extra_fresh(out_dir, MANIFEST_FILE, extras["manifest_key"])
             and cache.extra_fresh(out_dir, INDEX_FILE, extras["index_key"]))
    if archive:
        return fresh and cache.extra_fresh(out_dir, extras["zip"], extras["zip_key"])
    return fresh and extras["zip"] not in cache.extras


def _write_extras(out_dir: Path, templates: Path, cache: BuildCache, plan: _Plan,
                  settings: dict[str, Any], archive: bool, report: BuildReport) -> None:
    """manifest.json, index.html and (with ``archive``) the zip, each when stale."""
    from att_docs.atomic import atomic_output
    from att_docs.build.index_page import render_index
    from att_docs.build.manifest import write_zip

    extras = _extras(out_dir, templates, cache, plan, settings, archive)
    if not cache.extra_fresh(out_dir, MANIFEST_FILE, extras["manifest_key"]):
        with atomic_output(out_dir / MANIFEST_FILE) as tmp:
            tmp.write_bytes(extras["manifest"])
        cache.extras[MANIFEST_FILE] = {"key": extras["manifest_key"],
                                       "sha256": extras["manifest_key"]}
        report.extras.append(MANIFEST_FILE)
    if not cache.extra_fresh(out_dir, INDEX_FILE, extras["index_key"]):
        html = render_index(templates, extras["data"], MANIFEST_FILE,
                            extras["zip"] if archive else None, extras["today"])
        with atomic_output(out_dir / INDEX_FILE) as tmp:
            tmp.write_bytes(html)
        cache.extras[INDEX_FILE] = {"key": extras["index_key"],
                                    "sha256": hashlib.sha256(html).hexdigest()}
        report.extras.append(INDEX_FILE)
    zip_name = extras["zip"]
    if archive and not cache.extra_fresh(out_dir, zip_name, extras["zip_key"]):
        write_zip(out_dir, [*plan.expected, MANIFEST_FILE, INDEX_FILE], out_dir / zip_name,
                  plan.conference["id"])
        cache.extras[zip_name] = {"key": extras["zip_key"],
                                  "sha256": file_sha256(out_dir / zip_name)}
        report.extras.append(zip_name)
    elif not archive and zip_name in cache.extras:
        # the archive is the set of the last --zip build: never leave it to go stale
        (out_dir / zip_name).unlink(missing_ok=True)
        del cache.extras[zip_name]
        report.removed.append(zip_name)
