"""Where a conference stands: per paper, translation, checks and the deadline.

Papers are read leniently (``strict=False``): a paragraph missing in one language does
not stop the report, it lowers that language's percentage. Every translatable unit of
the paper (:mod:`att_docs.document.units`) is in one state per language: translated,
stale, untranslated or extra (:mod:`att_docs.records.provenance`); the percentages
count the words to translate, as translators bill them, by state.

A paper is

* **complete** when every unit is translated in every conference language (no stale,
  untranslated, placeholder or extra text) and nothing is out of alignment; a paper
  incomplete only through stale units is reported as **stale**;
* **failing** when it cannot be read or the checks report errors;
* **ready** when complete and not failing;
* **late** when it is dated after its deadline, or is not ready once the deadline
  has passed;
* **superseded** when a later revision (``.RevN``) of it is in the conference; a
  superseded paper is listed but never counts against ``--strict``.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from att_docs.base.paths import PAPER_FILE, Project, conference_name, find_paper_dirs
from att_docs.document.deadline import days_left, deadline_for
from att_docs.document.model import Conference, Document
from att_docs.records.readiness import LanguageStatus, language_status
from att_docs.status.setinfo import CheckCounts, superseded_by

if TYPE_CHECKING:
    from att_docs.checks.findings import Finding

__all__ = ["STATUS_CACHE", "ConferenceStatus", "LanguageStatus", "PaperStatus",
           "check_findings", "check_summary", "conference_status", "count_findings",
           "language_status", "paper_status", "status_cache_path"]

# LanguageStatus and language_status live in .readiness (the set's metadata needs them
# too); they stay importable from here, where status readers look for them.


@dataclass
class PaperStatus:
    """One row of the status report."""

    id: str
    symbol: str
    title: str
    type: str
    date: dt.date | None
    deadline: dt.date
    today: dt.date
    languages: dict[str, LanguageStatus]
    checks: CheckCounts | None = None
    problems: list[str] = field(default_factory=list)
    superseded_by: str | None = None
    error: str | None = None  # the paper could not be read
    issued: list[dict[str, Any]] = field(default_factory=list)  # IssuedVersion.to_dict()

    @property
    def revision(self) -> int | None:
        """N of a ``….RevN`` symbol; None for an original (or an unreadable symbol)."""
        from att_docs.document.symbols import SymbolError, parse_symbol

        try:
            return parse_symbol(self.symbol).revision
        except SymbolError:
            return None

    @property
    def issued_on(self) -> str | None:
        """The day this revision was issued (ISO), if it was."""
        return next((v["issued"] for v in self.issued if v["symbol"] == self.symbol), None)

    @property
    def days_left(self) -> int:
        return days_left(self.deadline, self.today)

    @property
    def complete(self) -> bool:
        return (self.error is None and not self.problems
                and all(lang.complete for lang in self.languages.values()))

    @property
    def only_stale(self) -> bool:
        """Incomplete only because some translations are stale."""
        return (self.error is None and not self.problems and not self.complete
                and all(lang.present and lang.translated + len(lang.stale) == lang.total
                        and not lang.units.get("extra") for lang in self.languages.values()))

    @property
    def failing(self) -> bool:
        return self.error is not None or bool(self.checks and self.checks.get("errors"))

    @property
    def ready(self) -> bool:
        return self.complete and not self.failing

    @property
    def late(self) -> bool:
        dated_late = self.date is not None and self.date > self.deadline
        return dated_late or (not self.ready and self.days_left < 0)

    @property
    def flagged(self) -> bool:
        """What ``--strict`` refuses: late, incomplete or failing (unless superseded)."""
        return self.superseded_by is None and (self.late or not self.ready)

    @property
    def state(self) -> str:
        """The one word of the report's last column."""
        if self.superseded_by:
            return "superseded"
        if self.error:
            return "unreadable"
        for name, flag in (("late", self.late), ("incomplete", not self.complete
                                                    and not self.only_stale),
                           ("stale", self.only_stale), ("failing", self.failing)):
            if flag:
                return name
        return "ready"

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "symbol": self.symbol,
            "title": self.title,
            "type": self.type,
            "date": self.date.isoformat() if self.date else None,
            "languages": {code: lang.to_dict() for code, lang in self.languages.items()},
            "checks": self.checks,
            "deadline": self.deadline.isoformat(),
            "days_left": self.days_left,
            "complete": self.complete,
            "failing": self.failing,
            "late": self.late,
            "ready": self.ready,
            "superseded_by": self.superseded_by,
            "revision": self.revision,
            "issued_on": self.issued_on,
            "issued": self.issued,
            "state": self.state,
            "problems": self.problems if not self.error else [self.error, *self.problems],
        }


@dataclass
class ConferenceStatus:
    """The report for one conference."""

    conference: Conference
    today: dt.date
    papers: list[PaperStatus]

    @property
    def deadline(self) -> dt.date:
        return deadline_for(self.conference.opening, self.conference.deadline_days)

    @property
    def flagged(self) -> list[PaperStatus]:
        return [p for p in self.papers if p.flagged]

    def to_dict(self) -> dict[str, Any]:
        counts = {name: sum(1 for p in self.papers if p.state == name)
                  for name in ("ready", "late", "incomplete", "stale", "failing",
                               "unreadable", "superseded")}
        return {
            "conference": self.conference.id,
            "number": self.conference.number,
            "opening": self.conference.opening.isoformat(),
            "deadline_rule": {"days_before_opening": self.conference.deadline_days},
            "deadline": self.deadline.isoformat(),
            "today": self.today.isoformat(),
            "days_left": days_left(self.deadline, self.today),
            "papers": [p.to_dict() for p in self.papers],
            "summary": {"papers": len(self.papers), **counts,
                        "flagged": len(self.flagged)},
        }


def conference_status(folder: Path, templates: Path, today: dt.date,
                      glossary: Path | None = None, cache_file: Path | None = None
                      ) -> ConferenceStatus:
    """Read every paper of ``folder`` leniently and report where each stands.

    With ``cache_file``, a paper whose inputs (its folder, translation records,
    templates, ``conference.yaml``, term base and att-docs itself, by content hash) are
    those of an earlier report is not read again: its row comes from the cache. Changed
    papers are read and checked together, as the incremental build checks them.
    """
    from att_docs.readers.load import load_papers
    from att_docs.records.provenance import records_sha256

    dirs = find_paper_dirs(folder)
    keys: dict[str, str] = {}
    cached: dict[str, Any] = {}
    if cache_file is not None:
        from att_docs.base.hashing import Fingerprint, combine

        term_base = glossary or Project.default(templates).glossary
        fingerprint = Fingerprint.of(folder, templates, term_base)
        from att_docs.readers.issued import issued_sha256
        from att_docs.status.cache import load_rows

        keys = {d.name: combine(fingerprint.paper_key(d), records_sha256(d),
                                issued_sha256(d)) for d in dirs}
        cached = load_rows(cache_file)
    unread = [d for d in dirs if keys.get(d.name) not in cached]
    papers = load_papers(folder, templates, strict=False, keep_going=True, dirs=unread)
    conference = papers.conference
    rows: list[PaperStatus] = []
    documents: list[Document] = []
    fresh: dict[str, Any] = {}
    for paper_dir in find_paper_dirs(folder):
        key = keys.get(paper_dir.name)
        if paper_dir not in unread:
            rows.append(_row_from_cache(cached[key], today))
            fresh[key] = cached[key]
            continue
        presence = _presence(paper_dir, conference.languages)
        if paper_dir in papers.failed:
            rows.append(_unreadable(paper_dir, conference, presence,
                                    str(papers.failed[paper_dir]), today))
            continue
        doc = papers.documents[paper_dir.name]
        documents.append(doc)
        rows.append(_readable(doc, presence, today, templates))
    summary = check_summary(documents, glossary, templates)
    read = {d.id for d in documents}
    for row in rows:
        if row.error is None and row.id in read:
            row.checks = None if summary is None else summary.get(
                row.id, {"errors": 0, "warnings": 0, "info": 0})
            if key_of := keys.get(row.id):
                fresh[key_of] = _row_to_cache(row)
    newer = superseded_by([(r.id, r.symbol) for r in rows if r.error is None])
    for row in rows:
        row.superseded_by = newer.get(row.id)
    rows.sort(key=_order)
    if cache_file is not None and fresh != cached:
        from att_docs.status.cache import save_rows

        save_rows(cache_file, fresh)
    return ConferenceStatus(conference, today, rows)


def paper_status(paper_dir: Path, templates: Path, today: dt.date,
                 glossary: Path | None = None) -> PaperStatus:
    """The status of one paper, read and checked as :func:`conference_status` reads each
    (``att-docs issue`` asks it whether the paper is ready)."""
    from att_docs.readers.load import load_papers

    papers = load_papers(paper_dir, templates, strict=False, keep_going=True,
                         dirs=[paper_dir])
    presence = _presence(paper_dir, papers.conference.languages)
    if paper_dir in papers.failed:
        return _unreadable(paper_dir, papers.conference, presence,
                           str(papers.failed[paper_dir]), today)
    doc = papers.documents[paper_dir.name]
    row = _readable(doc, presence, today, templates)
    summary = check_summary([doc], glossary, templates)
    row.checks = None if summary is None else summary.get(
        doc.id, {"errors": 0, "warnings": 0, "info": 0})
    return row


STATUS_CACHE = ".att-docs-status-cache.json"


def status_cache_path(build: Path, folder: Path) -> Path | None:
    """Where ``status`` keeps its rows for the conference ``folder``: in the build folder,
    beside (never inside) the conference's built set, whose folder a build replaces
    whole. None where there is no build folder: ``status`` creates none."""
    if not build.is_dir():
        return None
    return build / f".{conference_name(folder)}{STATUS_CACHE}"


def _row_to_cache(row: PaperStatus) -> dict[str, Any]:
    return {"id": row.id, "symbol": row.symbol, "title": row.title, "type": row.type,
            "date": row.date.isoformat() if row.date else None,
            "deadline": row.deadline.isoformat(), "checks": row.checks,
            "problems": row.problems, "issued": row.issued,
            "languages": {code: lang.to_dict() for code, lang in row.languages.items()}}


def _row_from_cache(data: dict[str, Any], today: dt.date) -> PaperStatus:
    return PaperStatus(
        id=data["id"], symbol=data["symbol"], title=data["title"], type=data["type"],
        date=dt.date.fromisoformat(data["date"]) if data["date"] else None,
        deadline=dt.date.fromisoformat(data["deadline"]), today=today,
        languages={code: LanguageStatus.from_dict(v) for code, v in data["languages"].items()},
        checks=data["checks"], problems=list(data["problems"]),
        issued=list(data.get("issued", [])))


def _order(row: PaperStatus) -> tuple[int, int, str]:
    """By serial, then revision; unreadable symbols last."""
    from att_docs.document.symbols import SymbolError, parse_symbol

    try:
        sym = parse_symbol(row.symbol)
    except SymbolError:
        return (10**9, 0, row.id)
    return (sym.serial, sym.revision or 0, row.id)


def check_summary(documents: list[Document], glossary: Path | None = None,
                  templates: Path | None = None) -> dict[str, CheckCounts] | None:
    """Errors, warnings and infos of the checks, per paper id."""
    return count_findings(check_findings(documents, glossary, templates),
                          [d.id for d in documents])


def check_findings(documents: list[Document], glossary: Path | None = None,
                   templates: Path | None = None) -> list[Finding]:
    """Every finding of the checks over the papers.

    The one place that calls the checks (``att_docs.checks.engine.check_documents``)
    for the build and status, with the project's term base and templates unless given
    (:class:`~att_docs.base.paths.Project` resolves both). A check that cannot be
    imported (a broken installation) is an internal error, never "no checks".
    """
    from att_docs.checks.engine import check_documents
    from att_docs.glossary import load

    if not documents:
        return []
    project = Project.default(templates)
    return check_documents(documents, load(glossary or project.glossary), project.templates)


def count_findings(findings: list[Finding] | None,
                   papers: list[str]) -> dict[str, CheckCounts] | None:
    """Errors, warnings and infos per paper id of ``papers`` (None for None). A finding
    without a paper id counts for the only paper when there is one."""
    if findings is None:
        return None
    out: dict[str, CheckCounts] = {pid: {"errors": 0, "warnings": 0, "info": 0}
                                   for pid in papers}
    plural = {"error": "errors", "warning": "warnings", "info": "info"}
    for finding in findings:
        paper = finding.document if finding.document in out else (
            papers[0] if len(papers) == 1 else None)
        if paper is not None and finding.severity in plural:
            out[paper][plural[finding.severity]] += 1
    return out


def _presence(paper_dir: Path, languages: list[str]) -> dict[str, bool]:
    """A language is present when the paper and each annex folder has its prose file."""
    parts = [paper_dir, *sorted(p.parent for p in paper_dir.glob("*/annex.yaml"))]
    return {lang: all((part / f"{lang}.md").is_file() for part in parts)
            for lang in languages}


def _readable(doc: Document, presence: dict[str, bool], today: dt.date,
              templates: Path) -> PaperStatus:
    from att_docs.document.deadline import paper_deadline

    languages = {lang: language_status(doc, lang, templates, presence[lang])
                 for lang in doc.languages}
    from att_docs.base.errors import ContentError
    from att_docs.status.setinfo import PaperMeta

    original = doc.masthead.original_language
    problems = [str(p) for p in doc.problems]
    try:
        issued = PaperMeta.from_document(doc, None).issued
    except ContentError as exc:  # a damaged issue record: reported, not fatal here
        issued = []
        problems.append(str(exc))
    return PaperStatus(
        id=doc.id, symbol=str(doc.masthead.symbol), title=doc.main.title.get(original, ""),
        type=doc.type, date=doc.masthead.date, deadline=paper_deadline(doc), today=today,
        languages=languages, problems=problems, issued=issued)


def _unreadable(paper_dir: Path, conference: Conference, presence: dict[str, bool],
                error: str, today: dt.date) -> PaperStatus:
    """A row for a paper that cannot be read: what its paper.yaml still tells."""
    from att_docs.base.errors import ContentError
    from att_docs.base.yamlfile import load_yaml

    try:
        raw = load_yaml(paper_dir / PAPER_FILE).data  # hardened: no aliases, bounded
    except ContentError:
        raw = None
    raw = raw if isinstance(raw, dict) else {}
    rule = raw.get("deadline")
    days = (rule.get("days_before_opening") if isinstance(rule, dict) else None)
    title = raw.get("title")
    original = raw.get("original_language")
    original = original if isinstance(original, str) else conference.languages[0]
    date = _date(raw.get("date"))
    return PaperStatus(
        id=paper_dir.name, symbol=str(raw.get("symbol", "?")),
        title=str(title.get(original, "")) if isinstance(title, dict) else "",
        type=str(raw.get("type", "?")),
        date=date,
        deadline=deadline_for(conference.opening,
                              days if type(days) is int else conference.deadline_days),
        today=today, languages={lang: LanguageStatus(present) for lang, present in
                                presence.items()},
        error=error)


def _date(value: Any) -> dt.date | None:
    """An ISO date written in paper.yaml, if it is one."""
    try:
        return dt.date.fromisoformat(str(value)) if value is not None else None
    except ValueError:
        return None
