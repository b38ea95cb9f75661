"""The checks a build runs on the papers it read, and what stops it before writing.

``--strict`` refuses a set with check errors, ``--final`` a set with any paper not ready;
either refuses before the first file is written.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING

from att_docs.base.errors import ContentError
from att_docs.base.paths import Project
from att_docs.publish.plan import symbol_order
from att_docs.status.setinfo import PaperMeta, superseded_by

if TYPE_CHECKING:
    from att_docs.checks.findings import Finding
    from att_docs.document.model import Document
    from att_docs.publish.context import BuildJob
    from att_docs.publish.plan import Plan

__all__ = ["Checks", "NotReadyError", "apply_checks", "checks", "refuse_check_errors",
           "refuse_not_ready"]


@dataclass(frozen=True)
class Checks:
    """The checks of the set whose ``papers`` (folder names) changed, as a picklable call
    for a worker process: the findings of every paper of the conference in ``folder``
    (the other papers' kept per paper, :mod:`att_docs.checks.incremental`), or of the
    changed papers alone without a glossary; None where the checks are not installed.
    The papers the process holds (:func:`att_docs.publish.workers.held`) are not read
    again."""

    papers: list[str]
    glossary: Path | None = None
    templates: Path | None = None
    folder: Path | None = None
    keys: dict[str, str] = field(default_factory=dict)  # each paper's, by folder name

    def __call__(self) -> list[Finding]:
        from att_docs.publish.workers import held
        from att_docs.status.report import check_findings

        templates = self.templates or Project.default().templates
        documents = held(self.papers)
        if self.folder is None or self.glossary is None:
            return check_findings(self._all(documents, templates), self.glossary,
                                  self.templates)
        from att_docs.checks.incremental import check_conference

        return check_conference(self.folder, templates, self.glossary, documents=documents,
                                keys=self.keys, strict=True)

    def _all(self, documents: dict[str, Document], templates: Path) -> list[Document]:
        """The changed papers: those held, the others read."""
        missing = [pid for pid in self.papers if pid not in documents]
        if missing and self.folder is not None:
            from att_docs.readers.load import load_papers

            documents = {**documents, **load_papers(
                self.folder, templates, dirs=[self.folder / pid for pid in missing]).documents}
        return [documents[pid] for pid in self.papers if pid in documents]


def checks(job: BuildJob, plan: Plan) -> Checks:
    """The checks of the papers ``plan`` read."""
    return Checks(plan.unchecked, job.glossary, job.templates, job.folder,
                  plan.meta_keys if job.glossary is not None else {})


def apply_checks(job: BuildJob, plan: Plan, findings: list[Finding] | None) -> list[Finding]:
    """Record the check counts of every paper in their metadata (the changed papers'
    alone where the checks covered them alone); the changed papers' findings."""
    from att_docs.status.report import count_findings

    changed = list(plan.unchecked)
    if not changed:
        return []
    whole_set = findings is not None and job.glossary is not None
    papers = list(plan.metas) if whole_set else changed
    summary = count_findings(findings, papers)
    for pid in papers:
        counts = None if summary is None else summary.get(
            pid, {"errors": 0, "warnings": 0, "info": 0})
        plan.metas[pid] = replace(plan.metas[pid], checks=counts)
    plan.unchecked = []
    return [f for f in findings or [] if f.document in changed or f.document is None]


class NotReadyError(ContentError):
    """``--final`` with papers not ready: the reasons, one line per paper and language, as
    ``status --strict`` gives them (``lines``); nothing was written."""

    def __init__(self, lines: list[str], total: str):
        super().__init__(f"--final: {total}; nothing was written, the set is as it was "
                         "(see the lines above, or att-docs status --strict)")
        self.lines = lines


def refuse_not_ready(plan: Plan) -> None:
    """Every paper (superseded ones aside) must be ready: translated in every language,
    nothing stale, no check errors."""
    from att_docs.status.gate import blocking, paper_status, reasons, total_line

    rows = [paper_status(meta, plan.today, plan.conference["languages"])
            for meta in sorted(plan.metas.values(), key=lambda m: symbol_order(m.symbol))]
    newer = superseded_by([(row.id, row.symbol) for row in rows])
    for row in rows:
        row.superseded_by = newer.get(row.id)
    stopped = blocking(rows, late=False)
    if stopped:
        raise NotReadyError([line for row in stopped for line in reasons(row, late=False)],
                            total_line(rows, stopped, late=False))


def refuse_check_errors(metas: dict[str, PaperMeta]) -> None:
    """``--strict``: no paper may have check errors."""
    bad = [(m.symbol, m.checks["errors"]) for m in metas.values()
           if m.checks and m.checks.get("errors")]
    if bad:
        listed = ", ".join(f"{symbol} ({count})" for symbol, count in sorted(bad))
        raise ContentError(f"--strict: check errors in {len(bad)} paper(s): {listed}; "
                           "nothing was written (see att-docs status)")
