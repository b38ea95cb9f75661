"""``att-docs review PAPER_DIR``: a bilingual review copy (DOCX) with findings as comments."""

from __future__ import annotations

from pathlib import Path

import click

from att_docs.base.plural import counted
from att_docs.checks.findings import SEVERITIES
from att_docs.cli.errors import EXIT_CODES_HELP, reports_errors
from att_docs.cli.options import glossary_option, templates_option
from att_docs.cli.recovery import finish_interrupted_writes

REVIEW_EPILOG = """\b
Examples:
  att-docs review content/csp9/wgtu-report
  att-docs review content/csp9/wgtu-report --lang zh -o wgtu-review.docx

""" + EXIT_CODES_HELP


@click.command(epilog=REVIEW_EPILOG)
@click.argument("paper_dir", type=click.Path(path_type=Path, file_okay=False))
@click.option("--lang", help="The translation to review (default: the first language that "
                             "is not the original).")
@click.option("-o", "--output", type=click.Path(path_type=Path, dir_okay=False),
              help="The DOCX to write (default: build/<conference>/review/"
                   "<symbol>.<lang>.review.docx).")
@click.option("--severity", "min_severity", type=click.Choice(SEVERITIES), default="warning",
              show_default=True, help="Comment on findings of this severity and higher, as "
                                      "att-docs check reports them.")
@glossary_option
@templates_option
@reports_errors
def review(paper_dir: Path, lang: str | None, output: Path | None, min_severity: str,
           glossary_path: Path | None, templates: Path | None) -> None:
    """Write a bilingual review copy of a paper for revisers.

    A two-column table, original | translation, one row per unit in document order,
    each labelled with its paragraph number and id. Every check finding on a unit is a
    Word comment on the words it concerns, with the check id and message. Stale units
    (the original changed since the translation) are shaded, with the old original
    struck through and the new underlined.
    """
    from att_docs.base.errors import ContentError
    from att_docs.base.paths import PAPER_FILE, Project, check_output_file
    from att_docs.checks.engine import check_documents
    from att_docs.checks.inputs import load_documents
    from att_docs.exchange.review import checks_for, write_review
    from att_docs.glossary import load
    from att_docs.language.locale import load_locale
    from att_docs.publish.versions import OutputFolder

    project = Project.default(templates, glossary_path)
    finish_interrupted_writes(paper_dir)
    if not (paper_dir / PAPER_FILE).is_file():
        raise ContentError(f"not a paper folder: it has no {PAPER_FILE}", paper_dir)
    (doc,) = load_documents(paper_dir, project.templates)
    original = doc.masthead.original_language
    others = [code for code in doc.languages if code != original]
    lang = lang or (others[0] if others else None)
    if lang not in others:
        raise click.UsageError(f"--lang must be a translation of this paper: "
                               f"{', '.join(others) or 'none'}")
    checked = check_documents([checks_for(doc, lang)], load(project.glossary),
                              project.templates)
    findings = [f for f in checked
                if f.at_least(min_severity)]  # type: ignore[arg-type]
    source_locale = load_locale(project.templates, original)
    names = {code: source_locale.language_name(code) for code in doc.languages}
    if output is not None:
        conference = [doc.conference.source.parent] if doc.conference.source else []
        check_output_file(output, project, "-o/--output", conference)
        root, target = output.parent, output
    else:  # inside the conference's current set; its link must be the build's own
        shown = project.build / doc.conference.id / "review" / \
            f"{doc.masthead.symbol.file_stem}.{lang}.review.docx"
        folder = OutputFolder(shown.parent.parent)
        root = (folder.live() if folder.path.is_symlink() else None) or folder.path
        target = root / "review" / shown.name
    comments = write_review(doc, lang, findings, target, names, root=root)
    click.echo(f"wrote {output or shown}: " + counted(comments, "{n} comment", "{n} comments"))
