"""``att-docs translated PAPER --lang LANG [IDS...]``: record translations as up to date."""

from __future__ import annotations

from pathlib import Path

import click

from att_docs.base.plural import counted
from att_docs.cli.errors import EXIT_CODES_HELP, reports_errors
from att_docs.cli.recovery import finish_interrupted_writes

TRANSLATED_EPILOG = """\b
Examples:
  att-docs translated content/csp9/wgtu-report --lang zh
  att-docs translated content/csp9/wgtu-report --lang zh purpose footnote.1
  att-docs translated content/csp9/wgtu-report --lang fr introduction
      (confirms that "Introduction" stays "Introduction" in French)

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

    \b
    A unit named in IDS whose text is the same as the original is confirmed: the
    text stays the same in LANG, and counts as translated from then on. Without
    IDS, such copies of the original are left untranslated. Units missing, empty
    or holding a placeholder are never marked.
    """
    from att_docs.base.errors import ContentError
    from att_docs.base.paths import PAPER_FILE, Project
    from att_docs.checks.inputs import load_documents
    from att_docs.records.provenance import mark_translated, unit_states

    project = Project.default(templates)
    finish_interrupted_writes(paper_dir)
    if not (paper_dir / PAPER_FILE).is_file():
        raise ContentError(f"not a paper folder: it has no {PAPER_FILE}", paper_dir)
    (doc,) = load_documents(paper_dir, project.templates)
    recorded = mark_translated(doc, lang, ids or None)
    skipped = [uid for uid in ids if uid not in recorded]
    units = counted(len(recorded), "{n} unit", "{n} units")
    click.echo(f"{paper_dir}: {units} in {lang} recorded as translated from the current "
               f"{doc.masthead.original_language} text")
    if skipped:
        click.echo(f"  not recorded (missing, empty or a placeholder): {', '.join(skipped)}",
                   err=True)
    if not ids:
        copies = [u.id for u in unit_states(doc, lang).values() if u.reason == "identical"]
        if copies:
            listed = ", ".join(copies[:8]) + (f" and {len(copies) - 8} more"
                                              if len(copies) > 8 else "")
            click.echo(f"  left untranslated, the same as the original: {listed}; name "
                       "them to confirm they stay so", err=True)
