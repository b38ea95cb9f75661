"""``att-docs new TYPE``: start a paper in a conference."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import click

from att_docs.cli.errors import EXIT_CODES_HELP, reports_errors
from att_docs.cli.options import templates_option
from att_docs.cli.recovery import finish_interrupted_writes


@click.command(epilog=EXIT_CODES_HELP)
@click.argument("doc_type", metavar="TYPE")
@click.option("--conference", "conference_dir", type=click.Path(path_type=Path),
              help="Conference folder (default: the one conference in content/).")
@click.option("--title", "titles", multiple=True, metavar="LANG=TEXT",
              help="Title in one language of the conference, e.g. --title \"en=Report\"; "
                   "repeat for each language (others get a placeholder).")
@click.option("--body", help="Subsidiary body in the symbol, e.g. WGTU (ATT/CSP9.WGTU/...).")
@click.option("--submitter", default="CHAIR", show_default=True,
              help="Submitter in the symbol: CHAIR, PRES, SEC, MC ...")
@click.option("--serial", type=click.IntRange(min=1),
              help="Serial number (default: the next free one in the conference).")
@click.option("--symbol-type", help="Document code ending the symbol (default from TYPE: "
                                    "chair-report Conf.Rep, draft-proposal Conf.Prop, "
                                    "decision-annex Conf.Dec).")
@click.option("--date", type=click.DateTime(formats=["%Y-%m-%d"]),
              help="Date of the paper (default: its distribution deadline).")
@click.option("--id", "folder_name", help="Folder name (default: from the title).")
@templates_option
@reports_errors
def new(doc_type: str, conference_dir: Path | None, titles: tuple[str, ...],
        body: str | None, submitter: str, serial: int | None, symbol_type: str | None,
        date: dt.datetime | None, folder_name: str | None, templates: Path | None) -> None:
    """Start a new paper of TYPE in a conference.

    TYPE is a template in templates/: chair-report, draft-proposal, decision-annex ...

    It gets the next free serial of the conference, a well-formed symbol, the
    distribution deadline as its date, a paper.yaml and one Markdown file per language
    with a first heading and paragraph. It builds as it is: replace the placeholders.
    """
    from att_docs.base.paths import Project
    from att_docs.cli.options import the_conference
    from att_docs.scaffold.new_paper import new_paper

    project = Project.default(templates)
    finish_interrupted_writes(conference_dir or project.content)
    conference_dir = the_conference(project.content, conference_dir)
    by_language: dict[str, str] = {}
    for given in titles:
        lang, sep, text = given.partition("=")
        if not sep or not lang.strip() or not text.strip():
            raise click.BadParameter(f"{given!r}: expected LANG=TEXT", param_hint="--title")
        by_language[lang.strip()] = text.strip()
    made = new_paper(conference_dir, project.templates, doc_type, title=by_language, body=body,
                     submitter=submitter, serial=serial, symbol_type=symbol_type,
                     date=date.date() if date else None, folder_name=folder_name)
    click.echo(f"created {made.folder}: {made.symbol}, dated {made.date.isoformat()}")
    for path in made.files:
        click.echo(f"  {path}")
