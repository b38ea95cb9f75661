"""``att-docs build``: the conference set, every paper × language × format."""

from __future__ import annotations

import contextlib
import time
from pathlib import Path

import click

from att_docs.cli.errors import EXIT_CODES_HELP, reports_errors
from att_docs.cli.options import glossary_option, output_options, templates_option
from att_docs.cli.recovery import finish_interrupted_writes


@click.command(epilog=EXIT_CODES_HELP)
@output_options
@click.option("--pdf-engine", type=click.Choice(["typst", "libreoffice"]), default="typst",
              show_default=True,
              help="typst: fast, fonts embedded, tagged PDF. libreoffice: converts the DOCX, "
                   "for a PDF that matches Word exactly.")
@templates_option
@glossary_option
@click.option("--strict", is_flag=True,
              help="Refuse to write anything if the checks report errors (missing "
                   "translations always stop the build).")
@click.option("--zip", "archive", is_flag=True,
              help="Also write <conference>.zip: every file, manifest.json and index.html.")
@click.option("-j", "--jobs", "workers", type=click.IntRange(min=1),
              help="Worker processes (default: one per core).")
@click.option("-q", "--quiet", is_flag=True, help="No progress, only errors.")
@reports_errors
def build(conference_dir: Path | None, out_dir: Path | None, formats: tuple[str, ...],
          languages: tuple[str, ...], pdf_engine: str, templates: Path | None,
          glossary_path: Path | None, strict: bool,
          archive: bool, workers: int | None, quiet: bool) -> None:
    """Build every paper × language × format of a conference.

    CONFERENCE_DIR is a folder with a conference.yaml (default: every conference in
    content/). Files are named after the document symbol and language, e.g.
    build/csp9/ATT_CSP9.WGTU_2023_CHAIR_763_Conf.Rep.zh.pdf, next to manifest.json
    (checksums, sizes, page counts, check summaries) and index.html (the set for a
    person).

    \b
    The build is incremental: a file whose inputs (content, templates, glossary,
    settings, att-docs itself) are unchanged, by content hash, is not rebuilt, and an
    unchanged paper is not even read. Papers are written in parallel, one process per
    core. All changed content is read and checked before anything is written; files are
    written to a staging folder and renamed into place, so an error or a killed build
    never leaves a half-written file and never touches the content.

    \b
    The set is switched in whole: build/<conference> is a link to a hidden folder
    holding one complete set (files, manifest.json, index.html, archive), and a build
    fills a new one and replaces the link in one rename. A build that fails or is
    killed leaves the previous set exactly as it was. With several conferences, all
    are written before any is shown; a failure in one shows none.
    """
    from att_docs.build.pipeline import FORMATS, staged_conference
    from att_docs.build.progress import BuildProgress
    from att_docs.conference.paths import Project, check_output_folder, find_conferences

    project = Project.default(templates, glossary_path)
    finish_interrupted_writes(conference_dir or project.content)
    folders = [conference_dir] if conference_dir else find_conferences(project.content)
    if out_dir and len(folders) > 1:
        raise click.UsageError("-o/--out needs a single CONFERENCE_DIR")
    targets = [out_dir or project.build / folder.resolve().name for folder in folders]
    for target in targets:
        check_output_folder(target, folders, project, "-o/--out" if out_dir else None)
    with contextlib.ExitStack() as stack:
        staged = []
        for folder, target in zip(folders, targets, strict=True):
            started = time.perf_counter()
            with BuildProgress(enabled=not quiet, title=f"{folder} → {target}") as progress:
                staged.append((stack.enter_context(staged_conference(
                    folder, target, project.templates, formats or FORMATS,
                    languages or None, pdf_engine, strict=strict, archive=archive,
                    workers=workers, glossary=project.glossary, on_start=progress.start,
                    on_paper=progress.paper)), target, time.perf_counter() - started))
        # every conference is read, checked and written before any is shown
        for stage, _target, _seconds in staged:
            stage.switch()
    if quiet:
        return
    for stage, target, seconds in staged:
        report = stage.report
        if report.up_to_date:
            click.echo(f"{report.conference}: nothing to rebuild, all {len(report.files)} "
                       f"files are up to date ({seconds:.2f} s) → {target}")
            continue
        removed = f", removed {len(report.removed)}" if report.removed else ""
        click.echo(f"{report.conference}: built {len(report.built)} of {len(report.files)} "
                   f"files ({len(report.papers_built)} papers){removed} in {seconds:.1f} s "
                   f"→ {target}")
