"""``att-docs translated PAPER --lang LANG [IDS...]``: record translations as up to date."""

from __future__ import annotations

from pathlib import Path

import click

from att_docs.cli.errors import EXIT_CODES_HELP, reports_errors
from att_docs.cli.recovery import finish_interrupted_writes

TRANSLATED_EPILOG = """\b
Examples:
  att-docs translated content/csp9/wgtu-report --lang zh
  att-docs translated content/csp9/wgtu-report --lang zh purpose footnote.1

""" + EXIT_CODES_HELP


@click.command(epilog=TRANSLATED_EPILOG)
@click.argument("paper_dir", type=click.Path(path_type=Path, file_okay=False))
@click.argument("ids", nargs=-1)
@click.option("--lang", required=True, help="The translation's language code.")
@click.option("--templates", type=click.Path(path_type=Path, file_okay=False),
              help="Templates folder (default: templates/).")
@reports_errors
def translated(paper_dir: Path, ids: tuple[str, ...], lang: str,
               templates: Path | None) -> None:
    """Mark LANG's texts of a paper as translated from the current original.

    For a translation made by hand in the language's Markdown or YAML: records, in
    PAPER_DIR/.translations/LANG.yaml, the original text each unit was translated from,
    so that `status` and `check` notice when the original changes later (the unit turns
    stale). With IDS, only those units; without, every unit that has a translation.
    Untranslated units (missing, empty, identical to the original, placeholders) are
    never marked.
    """
    from att_docs.checks.inputs import load_documents
    from att_docs.conference.paths import PAPER_FILE, Project
    from att_docs.conference.provenance import mark_translated
    from att_docs.errors import ContentError

    project = Project.default(templates)
    finish_interrupted_writes(paper_dir)
    if not (paper_dir / PAPER_FILE).is_file():
        raise ContentError(f"not a paper folder: it has no {PAPER_FILE}", paper_dir)
    (doc,) = load_documents(paper_dir, project.templates)
    recorded = mark_translated(doc, lang, ids or None)
    skipped = [uid for uid in ids if uid not in recorded]
    click.echo(f"{paper_dir}: {len(recorded)} {lang} unit(s) recorded as translated from "
               f"the current {doc.masthead.original_language} text")
    if skipped:
        click.echo(f"  not recorded (untranslated): {', '.join(skipped)}", err=True)
