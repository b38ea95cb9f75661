"""Render the stale files of a plan: the writers, run in worker processes.

The changed papers' checks run beside the rendering, in a worker of their own
(:mod:`att_docs.publish.workers`).
"""

from __future__ import annotations

import contextlib
from pathlib import Path
from typing import TYPE_CHECKING, Any

from att_docs.base.errors import ContentError
from att_docs.publish.gate import apply_checks, checks

if TYPE_CHECKING:
    from att_docs.publish.cache import BuildCache
    from att_docs.publish.context import BuildJob, BuildReport
    from att_docs.publish.plan import Plan
    from att_docs.publish.workers import Workers

__all__ = ["preflight", "render"]


def preflight(job: BuildJob, plan: Plan) -> Any:
    """With Typst PDFs to write, a PDF writer whose fonts are all there (else FontError).

    With any file to write, ``styles.yaml`` is read here first, so a bad one stops the
    build with its file and line before a worker starts; so does a missing glossary.
    """
    templates, pdf_engine = job.templates, job.pdf_engine
    if plan.jobs:
        from att_docs.publish.frame_styles import check_frame_styles
        from att_docs.writers.styles import load_styles

        styles = load_styles(templates / "styles.yaml")
        check_frame_styles(((paper, plan.frames[paper]) for paper in plan.jobs),
                           styles.looks, templates)
        if job.glossary is not None and not job.glossary.is_file():
            raise ContentError("glossary file not found", job.glossary)
        redline_pdfs = any(todo.redline and todo.format == "pdf"
                           for todos in plan.jobs.values() for todo in todos)
        if redline_pdfs and pdf_engine == "typst" and not (templates / "redline.typ").is_file():
            raise ContentError("the templates folder has no redline.typ, which lays out the "
                               "redline PDFs of revised papers (copy it from att-docs' own "
                               "templates)", templates)
    langs = sorted({todo.lang for todos in plan.jobs.values() for todo in todos
                    if todo.format == "pdf"})
    if not langs or pdf_engine != "typst":
        return None
    from att_docs.publish.workers import preflight_fonts

    return preflight_fonts(templates, langs)


def render(job: BuildJob, plan: Plan, staging: Path, cache: BuildCache,
           report: BuildReport, writer: Any, workers: Workers) -> None:
    """Write every stale file into ``staging`` with ``workers``; record them in
    ``cache.outputs``."""
    from att_docs.publish.workers import Task, convert_pending_pdfs

    if not plan.jobs:
        return
    if job.on_start:
        job.on_start(len(plan.jobs), sum(len(j) for j in plan.jobs.values()))
    # the biggest papers first, so the last one to finish is a short one
    tasks = sorted((Task(pid, todo, plan.redlines.get(pid))
                    for pid, todo in plan.jobs.items()),
                   key=lambda task: -_weight(job.folder / task.paper))
    side = checks(job, plan) if plan.unchecked else None
    done, findings = workers.render(tasks, staging, job.on_paper or (lambda p: None),
                                    side_job=side, pdf_writer=writer)
    if side is not None:
        report.findings = apply_checks(job, plan, findings)
    files = [f for paper in done for f in paper.files] + convert_pending_pdfs(done, staging)
    for f in files:
        cache.outputs[f.name] = {**plan.expected[f.name], "sha256": f.sha256,
                                 "size": f.size, "pages": f.pages}
        report.built.append(f.name)
    report.papers_built = sorted(plan.jobs, key=list(plan.metas).index)


def _weight(paper_dir: Path) -> int:
    """How much a paper has to lay out (to start the largest first): its files' sizes.
    Links are not followed (an editor's lock file is a broken one), nor do files that
    vanish meanwhile count."""
    total = 0
    for path in paper_dir.rglob("*.*"):
        with contextlib.suppress(OSError):
            total += path.lstat().st_size
    return total
