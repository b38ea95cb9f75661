"""``att-docs import``: a Word draft as a new paper, or a Word translation into a paper."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import click

from att_docs.base.plural import counted
from att_docs.cli.errors import EXIT_CODES_HELP, reports_errors
from att_docs.cli.recovery import finish_interrupted_writes

if TYPE_CHECKING:
    from att_docs.exchange.word_import import ImportReport


@click.command("import", epilog=EXIT_CODES_HELP)
@click.argument("docx", type=click.Path(path_type=Path, dir_okay=False))
@click.option("--conference", "conference_dir", type=click.Path(path_type=Path),
              help="Conference folder for a new paper (default: the one in content/).")
@click.option("--type", "paper_type", help="Document type (a template: chair-report, "
                                           "draft-proposal ...; default from the symbol).")
@click.option("--id", "folder_name", help="Folder name (default: from the title). An "
                                          "existing folder is re-imported, keeping ids.")
@click.option("--into", "paper_dir", type=click.Path(path_type=Path, file_okay=False),
              help="Import a translation into this existing paper folder.")
@click.option("--lang", help="Language of the file: the translation's (needed with --into), "
                            "or the draft's (default: the conference's first language).")
@click.option("--accept-changes", is_flag=True,
              help="Accept pending tracked changes instead of refusing the file.")
@click.option("--dry-run", is_flag=True, help="Report what would be written; write nothing.")
@click.option("--templates", type=click.Path(path_type=Path, file_okay=False),
              help="Templates folder (default: templates/).")
@reports_errors
def import_(docx: Path, conference_dir: Path | None, paper_type: str | None,
            folder_name: str | None, paper_dir: Path | None, lang: str | None,
            accept_changes: bool, dry_run: bool, templates: Path | None) -> None:
    """Import a Word (DOCX) draft as a new paper, or a translation with --into.

    \b
    A draft in its original language (--lang, default the conference's first)
    becomes a paper folder: the masthead fields found (a missing one is named),
    numbered paragraphs and subparagraphs (Word numbering or typed "1.", "(a)"),
    headings, footnotes, bold and italic, element tables, decision lists, "Annex ..."
    parts. Each unit gets a readable id; other languages start as copies of the
    original, to be translated.

    \b
    Examples:
      att-docs import draft.docx --conference content/csp9 --type chair-report
      att-docs import translated.docx --into content/csp9/wgtu-report --lang zh
    """
    from att_docs.base.paths import Project, find_conferences
    from att_docs.exchange.word_import import import_draft, import_translation

    project = Project.default(templates)
    finish_interrupted_writes(paper_dir or conference_dir or project.content)
    if paper_dir is not None:
        if not lang:
            raise click.UsageError("--into needs --lang, the translation's language")
        report = import_translation(docx, paper_dir, lang, project.templates,
                                    accept_changes=accept_changes, dry_run=dry_run)
    else:
        if conference_dir is None:
            found = find_conferences(project.content)
            if len(found) > 1:
                raise click.UsageError("several conferences in content/: choose one with "
                                       "--conference")
            conference_dir = found[0]
        report = import_draft(docx, conference_dir, project.templates,
                              paper_type=paper_type, folder_name=folder_name, lang=lang,
                              accept_changes=accept_changes, dry_run=dry_run)
    _print(report, paper_dir is not None, dry_run)


def _print(report: ImportReport, translation: bool, dry_run: bool) -> None:
    for notice in report.notices:
        click.echo(f"att-docs: warning: {notice}", err=True)
    for name in report.missing:
        click.echo(f"att-docs: warning: {name} not found in the draft: fill it in in "
                   f"{report.folder / 'paper.yaml'}", err=True)
    verb = "would write" if dry_run else "wrote"
    if translation:
        texts = counted(len(report.written), "{n} text", "{n} texts")
        click.echo(f"{verb} {texts} into {report.folder}")
        if report.recorded:
            click.echo("  recorded what each translation was made from")
        return
    click.echo(f"{verb} {report.folder}: {', '.join(report.files)}")
    if report.new or report.changed or report.gone:
        click.echo(f"  units: {len(report.new)} new, {len(report.changed)} changed, "
                   f"{len(report.gone)} gone")
        for label, ids in (("new", report.new), ("changed", report.changed),
                           ("gone", report.gone)):
            for unit_id in ids:
                click.echo(f"    {label}: {unit_id}")
