"""``att-docs status``: where each paper of a conference stands against its deadline."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING

import click

from att_docs.cli.errors import EXIT_CODES_HELP, reports_errors
from att_docs.cli.options import glossary_option, templates_option
from att_docs.cli.recovery import finish_interrupted_writes

if TYPE_CHECKING:
    from att_docs.base.paths import Project
    from att_docs.status.report import ConferenceStatus

STATUS_EPILOG = EXIT_CODES_HELP + """\b
  With --strict, exit code 1 also means: a paper is late, incomplete (a unit
  untranslated, a placeholder from `new` or an extra text), stale (the original
  changed since a translation was recorded) or failing (check errors, or
  unreadable). Superseded papers never count.

\b
Unit states, per language (docs/secretariat.md):
  translated    made from the current original text, or confirmed to stay the
                same as the original (att-docs translated PAPER --lang L ID)
  stale         the original changed since the translation was recorded
                (revise it, then att-docs translated records it again)
  untranslated  missing, empty, a copy of the original never confirmed (whatever
                its length), or a placeholder
  extra         a text with no counterpart in the original
"""


@click.command(epilog=STATUS_EPILOG)
@click.argument("folder", required=False, type=click.Path(path_type=Path))
@click.option("--today", type=click.DateTime(formats=["%Y-%m-%d"]),
              help="Count days from this date (YYYY-MM-DD) instead of today.")
@click.option("--format", "output", type=click.Choice(["text", "json", "csv"]),
              default="text", show_default=True,
              help="A table or blocks for people, JSON data, or CSV for a spreadsheet.")
@click.option("--strict", is_flag=True,
              help="Exit 1 if any paper is late, incomplete, stale or failing, and end "
                   "with one line per paper and language saying why.")
@templates_option
@glossary_option
@reports_errors
def status(folder: Path | None, today: dt.datetime | None, output: str, strict: bool,
           templates: Path | None, glossary_path: Path | None) -> None:
    """Where each paper stands: translation, checks, deadline.

    For each paper: symbol, state (ready, stale, incomplete, failing, late,
    superseded), deadline and days left, title, and for each language the share of
    the words to translate that are translated (words, or characters for Chinese, as
    translators bill them) with the units stale or untranslated, and the check
    results. A terminal of 120 columns or more shows a table, narrower ones and files
    one block per paper (COLUMNS sets the width; a pipe gets at most 100 columns).

    FOLDER is a conference (a folder with a conference.yaml; default: every
    conference in content/) or one paper of it (a folder with a paper.yaml). Papers
    are read leniently, so a missing paragraph shows as a lower percentage instead of
    stopping the report.

    \b
    In CI:
      att-docs status content/csp9 --strict          exit 1 and the reasons, if any
      att-docs status content/csp9/wgtu-report --strict   one paper
      att-docs status --format csv > status.csv      for a spreadsheet
    """
    from att_docs.base.paths import Project
    from att_docs.status.gate import blocking, reasons, total_line
    from att_docs.status.report import conference_status, status_cache_path

    project = Project.default(templates, glossary_path)
    finish_interrupted_writes(folder or project.content)
    day = today.date() if today else dt.date.today()
    reports = []
    for conference, paper in _targets(folder, project):
        report = conference_status(conference, project.templates, day, project.glossary,
                                   status_cache_path(project.build, conference))
        if paper is not None:
            report = _only(report, paper, folder or conference)
        reports.append(report)
    rows = [row for report in reports for row in report.papers]
    stopped = blocking(rows)
    gate = [line for row in stopped for line in reasons(row)]
    if output == "json":
        click.echo(json.dumps({"today": day.isoformat(),
                               "conferences": [r.to_dict() for r in reports],
                               "not_ready": gate},
                              indent=2, ensure_ascii=False))
    elif output == "csv":
        from att_docs.cli.status_csv import render_csv

        click.echo(render_csv(reports), nl=False)
    else:
        from att_docs.cli.status_view import make_console, print_report

        console = make_console()
        for report in reports:
            print_report(report, console)
    if strict and stopped:
        if output == "text":
            from rich.text import Text

            console.print()
            for line in gate:
                console.print(Text(line))
            console.print(Text(total_line(rows, stopped), style="bold"))
        else:  # the data stays parseable; CI logs still say why
            for line in [*gate, total_line(rows, stopped)]:
                click.echo(line, err=True)
        sys.exit(1)


def _targets(folder: Path | None, project: Project) -> list[tuple[Path, str | None]]:
    """(conference folder, paper id or None) for FOLDER: a conference, or one paper."""
    from att_docs.base.errors import ContentError
    from att_docs.base.paths import CONFERENCE_FILE, PAPER_FILE, find_conferences

    if folder is None:
        return [(conference, None) for conference in find_conferences(project.content)]
    if (folder / CONFERENCE_FILE).is_file():
        return [(folder, None)]
    parent = Path(os.path.abspath(folder)).parent
    if (folder / PAPER_FILE).is_file() and (parent / CONFERENCE_FILE).is_file():
        return [(parent, Path(os.path.abspath(folder)).name)]
    if not folder.is_dir():
        raise ContentError("not a folder" if folder.exists() else "no such folder", folder)
    raise ContentError(f"neither a conference folder (no {CONFERENCE_FILE}) nor a paper folder "
                       f"(a {PAPER_FILE}, with the {CONFERENCE_FILE} one folder up)", folder)


def _only(report: ConferenceStatus, paper: str, folder: Path) -> ConferenceStatus:
    """The report narrowed to one paper (read with its conference, whose checks and
    revisions it shares)."""
    from att_docs.base.errors import ContentError

    rows = [row for row in report.papers if row.id == paper]
    if not rows:
        raise ContentError("not a paper the conference reads (hidden folders and backups "
                           "ending in ~ are left out)", folder)
    return dataclasses.replace(report, papers=rows)
