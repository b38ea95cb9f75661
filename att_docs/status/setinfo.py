"""What the set knows about each paper without reading it again: :class:`PaperMeta`.

The build keeps one per paper in its cache, so an unchanged paper never has to be read,
and the manifest, the index page and the serial checks all work from these values.
Also here: the conference-wide symbol rules (unique serials, revisions superseding), and
reading a whole conference under them (:func:`load_conference`).
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from att_docs.base.errors import ContentError
from att_docs.base.paths import PAPER_FILE, find_paper_dirs
from att_docs.document.symbols import parse_symbol

if TYPE_CHECKING:
    from att_docs.document.model import Conference, Document

__all__ = ["CheckCounts", "PaperMeta", "check_serials", "load_conference", "superseded_by"]

CheckCounts = dict[str, int]
"""``{"errors": 0, "warnings": 2, "info": 1}``; ``None`` where checks were not run."""


@dataclass(frozen=True)
class PaperMeta:
    """A paper as the set lists it: symbol, titles, dates and its check summary."""

    id: str
    symbol: str
    type: str
    title: dict[str, str]
    date: str  # ISO dates, as JSON keeps them
    deadline: str
    original_language: str
    checks: CheckCounts | None = None
    # the paper's own title where ``title`` names the body (a chair's report), else a descriptor
    subtitle: dict[str, str] = field(default_factory=dict)
    # language → its units and words by state, stale ids (LanguageStatus.to_dict())
    translation: dict[str, dict[str, Any]] | None = None
    # the versions issued so far, oldest first (IssuedVersion.to_dict())
    issued: list[dict[str, Any]] = field(default_factory=list)

    @classmethod
    def from_document(cls, doc: Document, checks: CheckCounts | None,
                      templates: Path | None = None) -> PaperMeta:
        from att_docs.document.deadline import paper_deadline

        return cls(
            id=doc.id,
            symbol=str(doc.masthead.symbol),
            type=doc.type,
            title=dict(doc.main.title),
            date=doc.masthead.date.isoformat(),
            deadline=paper_deadline(doc).isoformat(),
            original_language=doc.masthead.original_language,
            checks=_counts(checks),
            subtitle=dict(doc.main.subtitle),
            translation=_translation(doc, templates) if templates else None,
            issued=_issued(doc),
        )

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> PaperMeta:
        return cls(**{**data, "checks": _counts(data.get("checks"))})

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @property
    def revision(self) -> int | None:
        """N of a ``….RevN`` symbol; None for an original."""
        return parse_symbol(self.symbol).revision

    @property
    def file_stem(self) -> str:
        """``ATT_CSP9.WGTU_2023_CHAIR_763_Conf.Rep``: outputs are named after it."""
        return parse_symbol(self.symbol).file_stem


def _translation(doc: Document, templates: Path) -> dict[str, dict[str, Any]]:
    from att_docs.records.readiness import language_status

    return {lang: language_status(doc, lang, templates).to_dict() for lang in doc.languages}


def _issued(doc: Document) -> list[dict[str, Any]]:
    if doc.source is None:
        return []
    from att_docs.readers.issued import issued_versions

    return [v.to_dict() for v in issued_versions(doc.source, str(doc.masthead.symbol))]


def _counts(checks: CheckCounts | None) -> CheckCounts | None:
    """Check counts in one order, whatever order they came in."""
    if checks is None:
        return None
    return {key: int(checks.get(key, 0)) for key in ("errors", "warnings", "info")}


def _symbol_line(paper_yaml: Path) -> int | None:
    try:
        text = paper_yaml.read_text(encoding="utf-8")
    except OSError:
        return None
    match = re.search(r"^symbol\s*:", text, re.M)
    return text.count("\n", 0, match.start()) + 1 if match else None


def load_conference(folder: Path, templates: Path) -> tuple[Conference, list[Document]]:
    """Read and assemble every paper of a conference; the first problem raises."""
    from att_docs.readers.load import load_papers

    papers = load_papers(folder, templates, dirs=find_paper_dirs(folder))
    conference, documents = papers.conference, papers.documents
    if not documents:
        raise ContentError("the conference has no papers (no */paper.yaml)", folder)
    check_serials(folder, [PaperMeta.from_document(d, None) for d in documents.values()])
    return conference, list(documents.values())


def check_serials(conference_dir: Path, papers: list[PaperMeta]) -> None:
    """Serials are unique within a conference; papers sharing one are revisions.

    ``X`` and ``X.Rev1`` may both be present (the revision supersedes ``X``); two
    different documents with one serial, or the same revision twice, are errors.
    """
    seen: dict[tuple[int, int], PaperMeta] = {}
    bases: dict[int, PaperMeta] = {}
    for meta in sorted(papers, key=lambda m: m.id):
        sym = parse_symbol(meta.symbol)
        where = conference_dir / meta.id / PAPER_FILE
        other = bases.get(sym.serial)
        if other is not None and parse_symbol(other.symbol).base != sym.base:
            raise ContentError(f"serial {sym.serial} is already used by {other.id} "
                               f"({other.symbol})", where, _symbol_line(where))
        key = (sym.serial, sym.revision or 0)
        if key in seen:
            raise ContentError(f"serial {sym.serial} is already used by {seen[key].id} "
                               f"({seen[key].symbol})", where, _symbol_line(where))
        seen[key] = meta
        bases.setdefault(sym.serial, meta)


def superseded_by(papers: list[tuple[str, str]]) -> dict[str, str]:
    """Paper id → the symbol of the latest revision that supersedes it.

    ``papers`` are ``(id, symbol)`` pairs; ``X.Rev2`` supersedes ``X.Rev1`` and ``X``.
    """
    latest: dict[str, tuple[int, str, str]] = {}
    for paper_id, symbol in papers:
        sym = parse_symbol(symbol)
        rev = sym.revision or 0
        if sym.base not in latest or rev > latest[sym.base][0]:
            latest[sym.base] = (rev, paper_id, symbol)
    out: dict[str, str] = {}
    for paper_id, symbol in papers:
        _, newest_id, newest_symbol = latest[parse_symbol(symbol).base]
        if newest_id != paper_id:
            out[paper_id] = newest_symbol
    return out
