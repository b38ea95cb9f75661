"""``att-docs build``: the conference set, every paper × language × format."""

from __future__ import annotations

import time
from pathlib import Path

import click

from att_docs.cli import EXIT_CODES_HELP, reports_errors


@click.command(epilog=EXIT_CODES_HELP)
@click.argument("conference_dir", required=False, type=click.Path(path_type=Path))
@click.option("-o", "--out", "out_dir", type=click.Path(path_type=Path),
              help="Output folder (default: build/<conference>).")
@click.option("-f", "--format", "formats", multiple=True, type=click.Choice(["docx", "pdf"]),
              help="Only this format; repeat for several (default: docx and pdf).")
@click.option("-l", "--lang", "languages", multiple=True,
              help="Only this language code (en, zh); repeat for several.")
@click.option("--pdf-engine", type=click.Choice(["typst", "libreoffice"]), default="typst",
              show_default=True,
              help="typst: fast, fonts embedded, tagged PDF. libreoffice: converts the DOCX, "
                   "for a PDF that matches Word exactly.")
@click.option("--templates", type=click.Path(path_type=Path, file_okay=False),
              help="Templates folder (default: templates/).")
@click.option("-q", "--quiet", is_flag=True, help="No progress, only errors.")
@reports_errors
def build(conference_dir: Path | None, out_dir: Path | None, formats: tuple[str, ...],
          languages: tuple[str, ...], pdf_engine: str, templates: Path | None,
          quiet: bool) -> None:
    """Build every paper × language × format of a conference.

    CONFERENCE_DIR is a folder with a conference.yaml (default: every conference in
    content/). Files are named after the document symbol and language, e.g.
    build/csp9/ATT_CSP9.WGTU_2023_CHAIR_763_Conf.Rep.zh.pdf. All content is read and
    checked before anything is written, and each file is replaced atomically: an error
    never leaves a half-written file and never touches the content.
    """
    from att_docs.build import FORMATS, build_conference
    from att_docs.progress import BuildProgress
    from att_docs.project import Project, find_conferences

    project = Project.default(templates)
    folders = [conference_dir] if conference_dir else find_conferences(project.content)
    if out_dir and len(folders) > 1:
        raise click.UsageError("-o/--out needs a single CONFERENCE_DIR")
    for folder in folders:
        target = out_dir or project.build / folder.resolve().name
        started = time.perf_counter()
        with BuildProgress(enabled=not quiet, title=f"{folder} → {target}") as progress:
            result = build_conference(
                folder, target, project.templates, formats or FORMATS, languages or None,
                pdf_engine, on_start=progress.start, on_output=progress.advance)
        if not quiet:
            click.echo(f"built {len(result.outputs)} files of {folder.name} in "
                       f"{time.perf_counter() - started:.1f} s → {target}")
