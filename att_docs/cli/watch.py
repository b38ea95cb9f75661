"""``att-docs watch``: rebuild a conference's papers as their files are saved."""

from __future__ import annotations

from pathlib import Path

import click

from att_docs.base.plural import counted
from att_docs.cli.errors import EXIT_CODES_HELP, reports_errors
from att_docs.cli.options import glossary_option, output_options, templates_option
from att_docs.cli.recovery import finish_interrupted_writes

WATCH_EPILOG = """\b
Examples:
  att-docs watch                          the example conference, into build/csp9
  att-docs watch content/csp9 --open      and open the first PDF once it is built
  att-docs watch content/csp9 -f pdf -l en   only the English PDFs, fastest

""" + EXIT_CODES_HELP


@click.command(epilog=WATCH_EPILOG)
@output_options
@templates_option
@glossary_option
@click.option("--open", "open_pdf", is_flag=True,
              help="Open the first PDF built in the system's viewer, once.")
@reports_errors
def watch(conference_dir: Path | None, out_dir: Path | None, formats: tuple[str, ...],
          languages: tuple[str, ...], templates: Path | None, glossary_path: Path | None,
          open_pdf: bool) -> None:
    """Rebuild a conference's papers whenever one of their files is saved.

    Builds once, then waits. On every save under the conference folder, templates/ or
    glossary/, the papers whose inputs changed are rebuilt in this warm process (the
    same incremental build as `att-docs build`, usually well under a second for one
    paper) and their check findings are printed. Bad input is reported and watching
    goes on. Stop with Ctrl-C.
    """
    from rich.console import Console

    from att_docs.base.paths import Project, conference_name, find_conferences
    from att_docs.checks.report import render_text
    from att_docs.publish.pipeline import FORMATS
    from att_docs.publish.watch import Rebuild, Watcher

    project = Project.default(templates, glossary_path)
    finish_interrupted_writes(conference_dir or project.content)
    folders = [conference_dir] if conference_dir else find_conferences(project.content)
    if len(folders) > 1:
        raise click.UsageError("watch takes a single CONFERENCE_DIR")
    folder = folders[0]
    target = out_dir or project.build / conference_name(folder)
    console = Console(highlight=False, soft_wrap=True, stderr=False)
    opened: list[Path] = []

    def on_rebuild(rebuild: Rebuild) -> None:
        report = rebuild.report
        if report.up_to_date:
            files = counted(len(report.files), "{n} file", "{n} files")
            click.echo(f"up to date: {files} in {target}")
        else:
            click.echo(f"built {counted(len(report.built), '{n} file', '{n} files')} of "
                       f"{', '.join(report.papers_built) or 'the set'} in "
                       f"{rebuild.seconds:.2f} s → {target}")
            if rebuild.findings:
                render_text(rebuild.findings, console)
        pdfs = [name for name in report.built if name.endswith(".pdf")]
        if open_pdf and pdfs and not opened:
            opened.append(target / pdfs[0])
            click.launch(str(opened[0]))
        click.echo(f"watching {folder} (Ctrl-C to stop)", err=True)

    def on_error(exc: Exception) -> None:
        click.echo(f"att-docs: error: {exc}", err=True)

    Watcher(folder, target, project.templates, project.glossary, formats or FORMATS,
            languages or None).run(on_rebuild, on_error)
