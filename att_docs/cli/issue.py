"""``att-docs issue`` and ``att-docs revise``: a paper as distributed, and its next revision."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import click

from att_docs.base.plural import counted
from att_docs.cli.errors import EXIT_CODES_HELP, reports_errors
from att_docs.cli.options import glossary_option, templates_option
from att_docs.cli.recovery import finish_interrupted_writes

ISSUE_EPILOG = """\b
Examples:
  att-docs issue content/csp9/wgtu-report
  att-docs issue content/csp9/wgtu-report --date 2023-07-21 -o out/csp9
  att-docs issue content/csp9/wgtu-report --allow-drafts

""" + EXIT_CODES_HELP

REVISE_EPILOG = """\b
Examples:
  att-docs revise content/csp9/wgtu-report
  att-docs revise content/csp9/wgtu-report --date 2023-08-22

\b
Then edit the paper and build: every language gets its clean files under the
new symbol and its redlines against the version issued last,
<symbol>.<lang>.redline.docx (Word tracked changes) and .redline.pdf.

""" + EXIT_CODES_HELP

_DATE = click.DateTime(formats=["%Y-%m-%d"])


@click.command(epilog=ISSUE_EPILOG)
@click.argument("paper_dir", type=click.Path(path_type=Path, file_okay=False))
@click.option("--date", type=_DATE,
              help="The day of issue, YYYY-MM-DD (default: the paper's date).")
@click.option("--allow-drafts", is_flag=True,
              help="Issue the paper even if status does not report it ready.")
@click.option("-o", "--out", "out_dir", type=click.Path(path_type=Path, file_okay=False),
              help="The built set whose files went out (default: build/<conference>).")
@templates_option
@glossary_option
@reports_errors
def issue(paper_dir: Path, date: dt.datetime | None, allow_drafts: bool,
          out_dir: Path | None, templates: Path | None, glossary_path: Path | None) -> None:
    """Record a paper as distributed, under its symbol and revision.

    Keeps a copy of the paper's content (paper.yaml, every language, annexes, tables,
    decisions, translation records) in PAPER_DIR/.issued/<code>[.RevN]/ (Conf.Rep,
    Conf.Rep.Rev1) with issue.yaml: the symbol, the paper's date, the day of issue and
    the SHA-256 of the built files that went out, taken from the built set's
    manifest.json where they were built from exactly this content.

    \b
    Refuses a paper that `att-docs status` does not report ready (a text
    untranslated or stale, out of alignment, check errors) unless --allow-drafts,
    and a version that was issued already. The content itself is not changed.
    """
    from att_docs.base.paths import Project
    from att_docs.publish.issue import issue_paper

    project = Project.default(templates, glossary_path)
    finish_interrupted_writes(paper_dir)
    out = out_dir or project.build / paper_dir.resolve().parent.name
    report = issue_paper(paper_dir, project.templates, project.glossary, out,
                         date=date.date() if date else None, allow_drafts=allow_drafts)
    version = report.version
    note = "" if report.state == "ready" else f" as a draft ({report.state})"
    click.echo(f"{paper_dir}: issued {version.symbol} on {version.issued.isoformat()}"
               f"{note} → {version.folder}")
    if report.manifest is None:
        click.echo(f"  no built set in {out}: no file checksums recorded", err=True)
    else:
        click.echo(f"  {counted(len(version.files), '{n} built file', '{n} built files')} "
                   f"recorded from {report.manifest}")
    for name, why in report.skipped:
        click.echo(f"  not recorded: {name}: {why}", err=True)
    if version.issued != version.date:
        click.echo(f"  note: the paper is dated {version.date.isoformat()}", err=True)


@click.command(epilog=REVISE_EPILOG)
@click.argument("paper_dir", type=click.Path(path_type=Path, file_okay=False))
@click.option("--date", type=_DATE,
              help="The revision's date, the day it is to be issued, YYYY-MM-DD "
                   "(default: today).")
@reports_errors
def revise(paper_dir: Path, date: dt.datetime | None) -> None:
    """Start the next revision of an issued paper.

    The symbol in PAPER_DIR/paper.yaml gains .Rev1 after the original, .Rev2 after
    Rev1, and the date becomes the revision's (paper.yaml keeps its comments, key order
    and quoting). Every page and file name follows the new symbol. The paper's current
    version must have been issued (att-docs issue).
    """
    from att_docs.publish.issue import revise_paper

    finish_interrupted_writes(paper_dir)
    day = date.date() if date else dt.date.today()
    done = revise_paper(paper_dir, day)
    click.echo(f"{paper_dir}: {done.before} → {done.after}, dated {done.date.isoformat()}")
