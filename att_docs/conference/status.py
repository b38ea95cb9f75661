"""Where a conference stands: per paper, translation, checks and the deadline.

Papers are read leniently (``strict=False``): a paragraph missing in one language does
not stop the report, it lowers that language's percentage. The percentage counts every
aligned text of the paper (headings, paragraphs, subparagraphs, table titles, row
labels, cells, decision leads and items, footnotes): those present in a language out of
those present in the original language.

A paper is

* **complete** when every conference language has all of its texts and nothing is out
  of alignment;
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
from typing import Any

import yaml

from att_docs.conference.deadline import days_left, deadline_for
from att_docs.conference.paths import PAPER_FILE, Project, find_paper_dirs
from att_docs.conference.setinfo import CheckCounts, superseded_by
from att_docs.document.model import Conference, Document

__all__ = ["ConferenceStatus", "LanguageStatus", "PaperStatus", "check_summary",
           "conference_status", "translation_coverage"]


@dataclass(frozen=True)
class LanguageStatus:
    """One language of one paper: its file(s) present, and how much is translated."""

    present: bool
    translated: int = 0
    total: int = 0

    @property
    def percent(self) -> float | None:
        """Share of the original's texts present in this language; None if unknown."""
        if not self.present:
            return 0.0
        return round(100 * self.translated / self.total, 1) if self.total else None

    @property
    def complete(self) -> bool:
        return self.present and self.total > 0 and self.translated == self.total


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

    @property
    def days_left(self) -> int:
        return days_left(self.deadline, self.today)

    @property
    def complete(self) -> bool:
        return (self.error is None and not self.problems
                and all(lang.complete for lang in self.languages.values()))

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
        for name, flag in (("late", self.late), ("incomplete", not self.complete),
                           ("failing", self.failing)):
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
            "languages": {code: {"present": lang.present, "translated": lang.translated,
                                 "total": lang.total, "percent": lang.percent}
                          for code, lang in self.languages.items()},
            "checks": self.checks,
            "deadline": self.deadline.isoformat(),
            "days_left": self.days_left,
            "complete": self.complete,
            "failing": self.failing,
            "late": self.late,
            "ready": self.ready,
            "superseded_by": self.superseded_by,
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
                  for name in ("ready", "late", "incomplete", "failing", "unreadable",
                               "superseded")}
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
                      glossary: Path | None = None) -> ConferenceStatus:
    """Read every paper of ``folder`` leniently and report where each stands."""
    from att_docs.conference.load import load_papers

    papers = load_papers(folder, templates, strict=False, keep_going=True)
    conference = papers.conference
    rows: list[PaperStatus] = []
    documents: list[Document] = []
    for paper_dir in find_paper_dirs(folder):
        presence = _presence(paper_dir, conference.languages)
        if paper_dir in papers.failed:
            rows.append(_unreadable(paper_dir, conference, presence,
                                    str(papers.failed[paper_dir]), today))
            continue
        doc = papers.documents[paper_dir.name]
        documents.append(doc)
        rows.append(_readable(doc, presence, today))
    summary = check_summary(documents, glossary, templates)
    if summary is not None:
        for row in rows:
            if row.error is None:
                row.checks = summary.get(row.id, {"errors": 0, "warnings": 0, "info": 0})
    newer = superseded_by([(d.id, str(d.masthead.symbol)) for d in documents])
    for row in rows:
        row.superseded_by = newer.get(row.id)
    rows.sort(key=_order)
    return ConferenceStatus(conference, today, rows)


def _order(row: PaperStatus) -> tuple[int, int, str]:
    """By serial, then revision; unreadable symbols last."""
    from att_docs.document.symbols import SymbolError, parse_symbol

    try:
        sym = parse_symbol(row.symbol)
    except SymbolError:
        return (10**9, 0, row.id)
    return (sym.serial, sym.revision or 0, row.id)


def translation_coverage(doc: Document) -> dict[str, tuple[int, int]]:
    """Language → (texts present, texts of the original language), over the whole paper."""
    from att_docs.document.walk import walk

    original = doc.masthead.original_language
    texts = [piece.text for part in doc.parts for piece in walk(part.blocks)]
    texts += [note.text for note in doc.footnotes.values()]
    counted = [t for t in texts if original in t]
    return {lang: (sum(1 for t in counted if lang in t), len(counted))
            for lang in doc.languages}


def check_summary(documents: list[Document], glossary: Path | None = None,
                  templates: Path | None = None) -> dict[str, CheckCounts] | None:
    """Errors, warnings and infos of the checks, per paper id; None without checks.

    The one place that calls the checks (``att_docs.checks.engine.check_documents``)
    for the build and status, with the project's term base and templates unless given
    (:class:`~att_docs.conference.paths.Project` resolves both). A finding without a
    paper id counts for the only paper when there is one.
    """
    try:
        from att_docs.checks.engine import check_documents
        from att_docs.glossary import load
    except ImportError:
        return None
    if not documents:
        return {}
    project = Project.default(templates)
    findings = check_documents(documents, load(glossary or project.glossary),
                               project.templates)
    out: dict[str, CheckCounts] = {d.id: {"errors": 0, "warnings": 0, "info": 0}
                                   for d in documents}
    plural = {"error": "errors", "warning": "warnings", "info": "info"}
    for finding in findings:
        paper = finding.document if finding.document in out else (
            documents[0].id if len(documents) == 1 else None)
        if paper is not None and finding.severity in plural:
            out[paper][plural[finding.severity]] += 1
    return out


def _presence(paper_dir: Path, languages: list[str]) -> dict[str, bool]:
    """A language is present when the paper and each annex folder has its prose file."""
    parts = [paper_dir, *sorted(p.parent for p in paper_dir.glob("*/annex.yaml"))]
    return {lang: all((part / f"{lang}.md").is_file() for part in parts)
            for lang in languages}


def _readable(doc: Document, presence: dict[str, bool], today: dt.date) -> PaperStatus:
    from att_docs.conference.deadline import paper_deadline

    coverage = translation_coverage(doc)
    languages = {lang: LanguageStatus(presence[lang], *coverage[lang])
                 for lang in doc.languages}
    original = doc.masthead.original_language
    return PaperStatus(
        id=doc.id, symbol=str(doc.masthead.symbol), title=doc.main.title.get(original, ""),
        type=doc.type, date=doc.masthead.date, deadline=paper_deadline(doc), today=today,
        languages=languages, problems=[str(p) for p in doc.problems])


def _unreadable(paper_dir: Path, conference: Conference, presence: dict[str, bool],
                error: str, today: dt.date) -> PaperStatus:
    """A row for a paper that cannot be read: what its paper.yaml still tells."""
    try:
        raw = yaml.safe_load((paper_dir / PAPER_FILE).read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError):
        raw = None
    raw = raw if isinstance(raw, dict) else {}
    rule = raw.get("deadline")
    days = (rule.get("days_before_opening") if isinstance(rule, dict) else None)
    title = raw.get("title")
    original = raw.get("original_language", conference.languages[0])
    date = raw.get("date")
    return PaperStatus(
        id=paper_dir.name, symbol=str(raw.get("symbol", "?")),
        title=str(title.get(original, "")) if isinstance(title, dict) else "",
        type=str(raw.get("type", "?")),
        date=date if isinstance(date, dt.date) else None,
        deadline=deadline_for(conference.opening,
                              days if isinstance(days, int) else conference.deadline_days),
        today=today, languages={lang: LanguageStatus(present) for lang, present in
                                presence.items()},
        error=error)
