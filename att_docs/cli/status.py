"""``att-docs status``: where each paper of a conference stands against its deadline."""

from __future__ import annotations

import datetime as dt
import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING

import click

from att_docs.cli.errors import EXIT_CODES_HELP, reports_errors
from att_docs.cli.options import glossary_option, templates_option
from att_docs.cli.recovery import finish_interrupted_writes

if TYPE_CHECKING:
    from att_docs.conference.status import ConferenceStatus, PaperStatus

_STYLES = {"ready": "green", "late": "bold red", "incomplete": "red", "stale": "magenta",
           "failing": "red",
           "unreadable": "bold red", "superseded": "dim"}

STATUS_EPILOG = EXIT_CODES_HELP + """\b
  With --strict, exit code 1 also means: a paper is late, incomplete (a unit
  untranslated, a placeholder from `new` or an extra text), stale (the original
  changed since a translation was recorded) or failing (check errors, or
  unreadable). Superseded papers never count.

\b
Unit states, per language (README: "Conference status"):
  translated    made from the current original text
  stale         the original changed since (att-docs translated records it again)
  untranslated  missing, empty, identical to the original, or a placeholder
  extra         a text with no counterpart in the original
"""


@click.command(epilog=STATUS_EPILOG)
@click.argument("conference_dir", required=False, type=click.Path(path_type=Path))
@click.option("--today", type=click.DateTime(formats=["%Y-%m-%d"]),
              help="Count days from this date (YYYY-MM-DD) instead of today.")
@click.option("--format", "output", type=click.Choice(["text", "json"]), default="text",
              show_default=True, help="A table, or the same as JSON data.")
@click.option("--strict", is_flag=True,
              help="Exit 1 if any paper is late, incomplete, stale or failing.")
@templates_option
@glossary_option
@reports_errors
def status(conference_dir: Path | None, today: dt.datetime | None, output: str, strict: bool,
           templates: Path | None, glossary_path: Path | None) -> None:
    """Where each paper stands: translation, checks, deadline.

    One row per paper: symbol, title, for each language the share of the words to
    translate that are translated (words, or characters for Chinese, as translators
    bill them) and how many units are stale or untranslated, check errors and
    warnings, the distribution deadline and the days left (or late). The stale units'
    ids follow the table.

    CONFERENCE_DIR is a folder with a conference.yaml (default: every conference in
    content/). Papers are read leniently, so a missing paragraph shows as a lower
    percentage instead of stopping the report.
    """
    from att_docs.conference.paths import Project, find_conferences
    from att_docs.conference.status import conference_status, status_cache_path

    project = Project.default(templates, glossary_path)
    finish_interrupted_writes(conference_dir or project.content)
    folders = [conference_dir] if conference_dir else find_conferences(project.content)
    day = today.date() if today else dt.date.today()
    reports = [conference_status(folder, project.templates, day, project.glossary,
                                 status_cache_path(project.build, folder))
               for folder in folders]
    if output == "json":
        click.echo(json.dumps({"today": day.isoformat(),
                               "conferences": [r.to_dict() for r in reports]},
                              indent=2, ensure_ascii=False))
    else:
        for report in reports:
            _print_table(report)
    if strict and any(r.flagged for r in reports):
        sys.exit(1)


def _days(row: PaperStatus) -> str:
    if row.superseded_by:
        return "—"
    days = row.days_left
    if days > 0:
        return f"{days} days left" if days != 1 else "1 day left"
    if days == 0:
        return "due today"
    if row.late:
        return f"{-days} days late" if days != -1 else "1 day late"
    return f"closed {-days} days ago"


def _lang_cell(row: PaperStatus, lang: str) -> str:
    status = row.languages[lang]
    if not status.present:
        return "absent"
    if status.percent is None:
        return "present"
    unit = status.word_unit
    parts = [f"{status.percent:g}% of {sum(status.words.values())} {unit}"]
    for state, label in (("stale", "stale"), ("untranslated", "untranslated"),
                         ("extra", "extra")):
        if status.units.get(state):
            parts.append(f"{status.units[state]} {label} ({status.words[state]} {unit}, "
                         f"{status.percent_of(state):g}%)")
    if status.placeholders:
        parts.append(f"{status.placeholders} placeholder(s)")
    return " · ".join(parts)


def _checks_cell(row: PaperStatus) -> str:
    if row.checks is None:
        return "n/a" if row.error is None else "—"
    return f"{row.checks.get('errors', 0)} E / {row.checks.get('warnings', 0)} W"


def _state_cell(row: PaperStatus) -> str:
    if row.superseded_by:
        return f"superseded by {row.superseded_by}"
    return row.state


def _row_style(row: PaperStatus) -> str:
    if row.state == "ready" and row.checks and row.checks.get("warnings"):
        return "yellow"
    return _STYLES.get(row.state, "")


def _print_table(report: ConferenceStatus) -> None:
    from rich.console import Console
    from rich.table import Table

    console = Console(highlight=False)
    if not console.is_terminal:
        console = Console(highlight=False, width=max(console.width, 200), no_color=True)
    conf = report.conference
    left = (report.deadline - report.today).days
    when = (f"{left} days left" if left >= 0 else f"passed {-left} days ago")
    table = Table(title=f"{conf.id}: CSP{conf.number} opens {conf.opening.isoformat()}; "
                        f"distribution deadline {report.deadline.isoformat()} "
                        f"({conf.deadline_days} days before): on {report.today.isoformat()}, "
                        f"{when}", title_justify="left")
    for name in ("Symbol", "Title", *[lang.upper() for lang in conf.languages], "Checks",
                 "Deadline", "Days", "State"):
        table.add_column(name, no_wrap=name in ("Symbol", "Deadline", "Days"))
    for row in report.papers:
        table.add_row(row.symbol, row.title, *[_lang_cell(row, lang) for lang in conf.languages],
                      _checks_cell(row), row.deadline.isoformat(), _days(row), _state_cell(row),
                      style=_row_style(row))
    console.print(table)
    for row in report.papers:
        for lang, status in row.languages.items():
            if status.stale:
                console.print(f"  {row.id}: {lang} stale: {', '.join(status.stale)}",
                              style=_STYLES["stale"], soft_wrap=True)
        for problem in ([row.error] if row.error else []) + row.problems[:3]:
            console.print(f"  {row.id}: {problem}", style=_STYLES.get(row.state, ""),
                          soft_wrap=True)
        if len(row.problems) > 3:
            console.print(f"  {row.id}: … and {len(row.problems) - 3} more", soft_wrap=True)
