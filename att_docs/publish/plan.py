"""Plan a build: what the set holds, and which of its files are stale.

Hashes the inputs (:mod:`att_docs.publish.cache`) and compares them with the cache of the
last build: an output whose key and checksum match is up to date, and an unchanged paper is
not even read. The changed papers are read strictly and assembled before anything is
written, by a :data:`Reader` (the build's worker processes, which keep the documents):
planning gets their metadata and frame styles alone. Nothing heavy is imported when nothing
changed.
"""

from __future__ import annotations

import datetime as dt
import os
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from att_docs.base.errors import ContentError
from att_docs.base.hashing import Fingerprint, combine
from att_docs.base.paths import find_paper_dirs
from att_docs.publish.cache import BuildCache, output_key
from att_docs.status.setinfo import PaperMeta, check_serials
from att_docs.writers.registry import WRITERS

if TYPE_CHECKING:
    from att_docs.document.model import Conference, Document
    from att_docs.publish.context import BuildJob
    from att_docs.publish.jobs import FileJob, PaperRead, RedlineInput

__all__ = ["Plan", "Reader", "conference_id", "output_path", "plan", "symbol_order", "today"]

Reader = Callable[[list[Path], bool, int], dict[str, "PaperRead"]]
"""Reads and assembles paper folders strictly (in order: the first problem raises), with
or without their metadata (``True``), of a conference of so many papers; keeps the
documents where they are read."""

_LANG = re.compile(r"^[a-z]{2,3}(-[A-Za-z0-9]{1,8})*$")
_STEM = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]*$")


@dataclass
class Plan:
    """Everything decided before writing: the set, and what of it is stale."""

    conference: dict[str, Any]
    metas: dict[str, PaperMeta]
    keys: dict[str, str]  # what the outputs depend on
    meta_keys: dict[str, str]  # what the metadata depends on: the above and the records
    expected: dict[str, dict[str, Any]]  # file name → cache entry without checksums
    jobs: dict[str, list[FileJob]]
    frames: dict[str, tuple[str, ...]]  # the frame styles of each paper read
    obsolete: list[str]
    unchecked: list[str]  # changed papers (folder names): their checks have yet to run
    today: dt.date  # the index page counts days from it
    templates_key: str = ""  # the index page uses the locale data too
    every: list[str] = field(default_factory=list)  # the set's possible files, in order
    redlines: dict[str, RedlineInput] = field(default_factory=dict)  # papers under revision


def output_path(out_dir: Path, doc: Document, lang: str, fmt: str) -> Path:
    """``build/csp9/ATT_CSP9.WGTU_2023_CHAIR_763_Conf.Rep.zh.pdf``."""
    return out_dir / f"{doc.masthead.symbol.file_stem}.{lang}.{fmt}"


def today() -> dt.date:
    """Today, or ``ATT_DOCS_TODAY`` (YYYY-MM-DD) for reproducible index pages and tests."""
    pinned = os.environ.get("ATT_DOCS_TODAY")
    return dt.date.fromisoformat(pinned) if pinned else dt.date.today()


def symbol_order(symbol: str) -> tuple[int, int, str]:
    """A paper's place in the set: by serial, then revision."""
    from att_docs.document.symbols import parse_symbol

    sym = parse_symbol(symbol)
    return (sym.serial, sym.revision or 0, symbol)


def conference_id(folder: Path) -> str:
    """The conference's name (:func:`~att_docs.base.paths.conference_name`), which must
    not be empty."""
    from att_docs.base.paths import conference_name

    name = conference_name(folder)
    if not name:
        raise ContentError("a conference folder needs a name (not the file system root)",
                           folder)
    return name


def plan(job: BuildJob, live: Path | None, cache: BuildCache, read: Reader) -> Plan:
    """The set ``job`` asks for, against the set in ``live`` as ``cache`` records it;
    ``read`` reads the papers that changed, and those whose files are to be written again.

    Updates ``cache.outputs`` to the files of the set kept as they are.
    """
    from att_docs.publish.drafts import draft_mark, is_draft
    from att_docs.publish.jobs import FileJob
    from att_docs.publish.redlines import against, redline_key, redline_name
    from att_docs.readers.issued import issued_sha256

    folder, templates, author = job.folder, job.templates, job.author
    fingerprint = Fingerprint.of(folder, templates, job.glossary)
    dirs = find_paper_dirs(folder)
    conf = cache.conference
    frames: dict[str, tuple[str, ...]] = {}
    if not _conference_ok(conf) or conf.get("key") != fingerprint.conference_key:
        from att_docs.readers.content import read_conference

        conf = _conference_info(read_conference(folder), fingerprint.conference_key)
    conf = {**conf, "id": conference_id(folder)}
    if not dirs:
        raise ContentError("the conference has no papers (no */paper.yaml)", folder)
    langs = _languages(conf, job.languages)
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
    if changed:  # read now, checked later (see publish.gate)
        for pid, paper in read(changed, True, len(dirs)).items():
            metas[pid] = paper.meta  # type: ignore[assignment]
            frames[pid] = paper.frame_styles
    check_serials(folder, list(metas.values()))

    order = sorted(metas, key=lambda pid: symbol_order(metas[pid].symbol))
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
                    if lang not in langs or fmt not in job.formats:
                        continue
                    key = output_key(keys[pid], lang, fmt, job.pdf_engine, draft)
                    if redline:
                        key = redline_key(key, version, records[pid], author)
                    expected[name] = {"key": key, **where, "draft": draft,
                                      **({"engine": job.pdf_engine}
                                         if WRITERS[fmt].engines else {})}
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
    unread = [d for d in dirs if d.name in jobs and d.name not in frames]
    if unread:  # unchanged papers whose files went missing or were altered
        frames.update({pid: paper.frame_styles
                       for pid, paper in read(unread, False, len(dirs)).items()})
    obsolete = [name for name in cache.outputs if name not in every]
    cache.outputs = {name: cache.outputs[name] for name in every if name in cache.outputs}
    redlines = _redline_inputs(folder, jobs, versions, metas, templates, author)
    return Plan(conf, metas, keys, meta_keys, expected, jobs, frames, obsolete,
                unchecked=[d.name for d in changed],
                today=job.today or today(), templates_key=fingerprint.templates,
                every=list(every), redlines=redlines)


def _conference_info(conference: Conference, key: str) -> dict[str, Any]:
    from att_docs.document.deadline import conference_deadline

    return {"key": key, "id": conference.id, "number": conference.number,
            "venue": dict(conference.venue), "opening": conference.opening.isoformat(),
            "closing": conference.closing.isoformat(), "languages": list(conference.languages),
            "deadline_days": conference.deadline_days,
            "deadline": conference_deadline(conference).isoformat()}


def _languages(conference: dict[str, Any], wanted: tuple[str, ...] | None) -> list[str]:
    for lang in wanted or ():
        if lang not in conference["languages"]:
            raise ContentError(f"-l/--lang {lang!r}: not a language of this conference "
                               f"({', '.join(conference['languages'])})")
    return [lang for lang in conference["languages"] if not wanted or lang in wanted]


def _redline_inputs(folder: Path, jobs: dict[str, list[FileJob]],
                    versions: dict[str, Any], metas: dict[str, PaperMeta], templates: Path,
                    author: str | None) -> dict[str, RedlineInput]:
    """The issued versions the redlines to write compare with, read now (a damaged one
    stops the build before anything is written)."""
    wanted = [pid for pid, todo in jobs.items() if any(job.redline for job in todo)]
    if not wanted:
        return {}
    from att_docs.publish.redlines import redline_input
    from att_docs.readers.load import load_papers

    papers = load_papers(folder, templates, dirs=[folder / pid for pid in wanted])
    return {pid: redline_input(papers.documents[pid], versions[pid], papers.conference,
                               templates, metas[pid], author) for pid in wanted}


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
