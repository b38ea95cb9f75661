"""``att-docs build``: the conference set, every paper × language × format."""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import time
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from att_docs.base.plural import counted
from att_docs.cli.errors import EXIT_CODES_HELP, reports_errors
from att_docs.cli.options import (
    conferences_with_papers,
    glossary_option,
    output_options,
    templates_option,
)
from att_docs.cli.recovery import finish_interrupted_writes
from att_docs.writers.registry import engines

if TYPE_CHECKING:
    from att_docs.publish.pipeline import BuildReport


BUILD_EPILOG = EXIT_CODES_HELP + """\b
  With --final, exit code 1 also means: a paper is not ready (the lines
  before the error say which, and why); nothing was written.

\b
On deadline day (docs/secretariat.md):
  att-docs status content/csp9 --strict     what is not ready, and why
  att-docs build content/csp9 --final --zip the set to distribute
"""


@click.command(epilog=BUILD_EPILOG)
@output_options
@click.option("--pdf-engine", type=click.Choice(engines()), default=engines()[0],
              show_default=True,
              help="typst: fast, fonts embedded, tagged PDF. libreoffice: converts the DOCX, "
                   "for a PDF that matches Word exactly.")
@templates_option
@glossary_option
@click.option("--strict", is_flag=True,
              help="Refuse to write anything if the checks report errors (missing "
                   "translations always stop the build).")
@click.option("--final", is_flag=True,
              help="The set to distribute: refuse to write anything unless every paper is "
                   "ready (translated and current in every language, no check errors), "
                   "naming each one that is not; the manifest says final.")
@click.option("--zip", "archive", is_flag=True,
              help="Also write <conference>.zip: every file, manifest.json and index.html. "
                   "Only with --final, or with --allow-drafts.")
@click.option("--allow-drafts", is_flag=True,
              help="With --zip: archive a set that is not final (drafts marked as such).")
@click.option("--today", type=click.DateTime(formats=["%Y-%m-%d"]),
              help="The day the index page counts from (YYYY-MM-DD), as status --today.")
@click.option("-j", "--jobs", "workers", type=click.IntRange(min=1),
              help="Worker processes (default: one per core).")
@click.option("-q", "--quiet", is_flag=True, help="No progress, only errors.")
@click.option("--report", "summary", type=click.Choice(["text", "json"]), default="text",
              show_default=True,
              help="The closing summary as text (stderr) or as JSON (stdout), for scripts.")
@click.option("--author", help="The author of the redlines' tracked changes (default: "
                               "redline_author in conference.yaml, else the paper's "
                               "submitted-by line).")
@reports_errors
def build(conference_dir: Path | None, out_dir: Path | None, formats: tuple[str, ...],
          languages: tuple[str, ...], pdf_engine: str, templates: Path | None,
          glossary_path: Path | None, strict: bool, final: bool, archive: bool,
          allow_drafts: bool, today: dt.datetime | None, workers: int | None,
          quiet: bool, summary: str, author: str | None) -> None:
    """Build every paper × language × format of a conference.

    CONFERENCE_DIR is a folder with a conference.yaml (default: every conference in
    content/ that has a paper; one with none yet is left out with a note). Files are
    named after the document symbol and language, e.g.
    build/csp9/ATT_CSP9.WGTU_2023_CHAIR_763_Conf.Rep.zh.pdf, next to manifest.json
    (checksums, sizes, page counts, check summaries) and index.html (the set for a
    person).

    A paper whose text in a language is not ready (units untranslated or stale) is
    built with a mark on every page of that language's DOCX and PDF ("DRAFT —
    translation incomplete", in that language); the manifest, the index page and the
    closing summary list these files. --final refuses such a set.

    \b
    The build is incremental: a file whose inputs (content, templates, glossary,
    settings, att-docs itself, whether it is a draft) are unchanged, by content
    hash, is not rebuilt, and an unchanged paper is not even read. Papers are
    written in parallel, one process per core. All changed content is read and
    checked before anything is written; files are written to a staging folder and
    renamed into place, so an error or a killed build never leaves a half-written
    file and never touches the content.

    \b
    The set is switched in whole: build/<conference> is a link to a hidden folder
    holding one complete set (files, manifest.json, index.html, archive), and a build
    fills a new one and replaces the link in one rename. A build that fails or is
    killed leaves the previous set exactly as it was. With several conferences, all
    are written before any is shown; a failure in one shows none.

    \b
    A paper under revision (att-docs revise) also gets, per language, its redlines
    against the version issued last: <symbol>.<lang>.redline.docx (Word tracked
    changes) and .redline.pdf (insertions underlined, deletions struck through).
    """
    from att_docs.base.paths import Project, check_output_folder, conference_name
    from att_docs.base.processes import interrupts_held
    from att_docs.publish.pipeline import FORMATS, NotReadyError, staged_conference
    from att_docs.publish.progress import BuildProgress

    _check_options(final, archive, allow_drafts, formats, languages)
    project = Project.default(templates, glossary_path)
    finish_interrupted_writes(conference_dir or project.content)
    folders = [conference_dir] if conference_dir else conferences_with_papers(project.content)
    if out_dir and len(folders) > 1:
        raise click.UsageError("-o/--out needs a single CONFERENCE_DIR")
    targets = [out_dir or project.build / conference_name(folder) for folder in folders]
    for target in targets:
        check_output_folder(target, folders, project, "-o/--out" if out_dir else None)
    with contextlib.ExitStack() as stack:
        staged = []
        for folder, target in zip(folders, targets, strict=True):
            started = time.perf_counter()
            progress = BuildProgress(enabled=not quiet, title=f"{folder} → {target}")
            try:
                with progress:
                    staged.append((stack.enter_context(staged_conference(
                        folder, target, project.templates, formats or FORMATS,
                        languages or None, pdf_engine, strict=strict, final=final,
                        archive=archive, workers=workers, glossary=project.glossary,
                        today=today.date() if today else None, on_start=progress.start,
                        on_paper=progress.paper, author=author)), target,
                        time.perf_counter() - started))
            except NotReadyError as exc:
                for line in exc.lines:
                    click.echo(line, err=True)
                raise
        # every conference is read, checked and written before any is shown, and all are
        # shown or none: Ctrl-C waits until the last is
        with interrupts_held():
            for stage, _target, _seconds in staged:
                stage.switch()
    reports = [(stage.report, target, seconds) for stage, target, seconds in staged]
    if summary == "json":
        click.echo(json.dumps({"conferences": [_summary_data(*r) for r in reports]},
                              indent=2, ensure_ascii=False))
    elif not quiet:
        for report, target, seconds in reports:
            _print_summary(report, target, seconds)


def _check_options(final: bool, archive: bool, allow_drafts: bool, formats: tuple[str, ...],
                   languages: tuple[str, ...]) -> None:
    """The archive goes out only from a final set (or a set knowingly of drafts); a final
    set is a whole set."""
    if final and (formats or languages):
        raise click.UsageError("--final builds the whole set: leave out -f/--format docx|pdf "
                               "and -l/--lang")
    if final and allow_drafts:
        raise click.UsageError("--final refuses drafts; --allow-drafts is for --zip without "
                               "--final")
    if allow_drafts and not archive:
        raise click.UsageError("--allow-drafts only goes with --zip")
    if archive and not (final or allow_drafts):
        raise click.UsageError("--zip makes the archive to distribute, from a final build: "
                               "add --final (every paper ready), or --allow-drafts for an "
                               "archive of a set that is not final")


def _summary_data(report: BuildReport, target: Path, seconds: float) -> dict[str, Any]:
    return {"conference": report.conference, "output": str(target),
            "files": len(report.files), "built": report.built, "removed": report.removed,
            "papers_built": report.papers_built, "up_to_date": report.up_to_date,
            "final": report.final, "drafts": report.drafts, "seconds": round(seconds, 2)}


def _print_summary(report: BuildReport, target: Path, seconds: float) -> None:
    files = counted(len(report.files), "{n} file", "{n} files")
    if report.up_to_date:
        click.echo(f"{report.conference}: nothing to rebuild, all {files} are up to date "
                   f"({seconds:.2f} s) → {target}")
    else:
        removed = f", removed {len(report.removed)}" if report.removed else ""
        papers = counted(len(report.papers_built), "{n} paper", "{n} papers")
        click.echo(f"{report.conference}: built {len(report.built)} of {files} ({papers})"
                   f"{removed} in {seconds:.1f} s → {target}")
    if report.final:
        click.echo(f"{report.conference}: final: every paper is ready")
    if report.drafts:
        click.echo(f"{report.conference}: "
                   + counted(len(report.drafts), "{n} file is a draft",
                             "{n} files are drafts")
                   + " (a language not ready; marked on every page):")
        for name in report.drafts:
            click.echo(f"  {name}")
