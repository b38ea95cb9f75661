"""The status report as text: a table on a wide terminal, one block per paper otherwise.

Every paper's symbol, state word and deadline stay readable at any width: the table is
used only where it fits whole (and the terminal is at least :data:`TABLE_MIN` columns
wide); narrower terminals and every file or pipe get one block per paper, plain text no
wider than :data:`PIPE_MAX` columns there. Widths come from ``COLUMNS`` or the terminal
(rich's console decides), so a CI log reads like a terminal of that width.
"""

from __future__ import annotations

import os
from typing import TYPE_CHECKING

from att_docs.base.plural import counted

if TYPE_CHECKING:
    from rich.console import Console
    from rich.table import Table

    from att_docs.records.readiness import LanguageStatus
    from att_docs.status.report import ConferenceStatus, PaperStatus

__all__ = ["PIPE_MAX", "TABLE_MIN", "make_console", "print_report"]

TABLE_MIN = 120
PIPE_MAX = 100

STYLES = {"ready": "green", "late": "bold red", "incomplete": "red", "stale": "magenta",
          "failing": "red", "unreadable": "bold red", "superseded": "dim"}


def make_console() -> Console:
    """Standard output: a terminal as wide as ``COLUMNS`` or the terminal says; a file or
    pipe as plain text, ``COLUMNS`` wide but never wider than :data:`PIPE_MAX`."""
    from rich.console import Console

    console = Console(highlight=False, markup=False, emoji=False)
    if console.is_terminal:
        return console
    columns = os.environ.get("COLUMNS", "")
    width = int(columns) if columns.isdigit() and int(columns) > 0 else PIPE_MAX
    return Console(highlight=False, markup=False, emoji=False, no_color=True,
                   width=min(width, PIPE_MAX), force_terminal=False)


def print_report(report: ConferenceStatus, console: Console) -> None:
    """The conference line, then the papers as a table or as blocks."""
    from rich.text import Text

    for line in _conference_lines(report):
        console.print(Text(line, style="bold"))
    table = _table(report, console.width) if console.is_terminal else None
    if table is not None and console.width >= TABLE_MIN:
        console.print(table)
        for row in report.papers:
            _details(row, console, indent="  ", with_id=True)
        return
    for row in report.papers:
        console.print()
        _block(row, report.conference.languages, console)


# ---------------------------------------------------------------- words


def days_text(row: PaperStatus) -> str:
    """``20 days left``, ``due today``, ``3 days late`` or ``closed 3 days ago``."""
    days = row.days_left
    if days > 0:
        return counted(days, "{n} day left", "{n} days left")
    if days == 0:
        return "due today"
    if row.late:
        return counted(-days, "{n} day late", "{n} days late")
    return "closed " + counted(-days, "{n} day ago", "{n} days ago")


def language_text(status: LanguageStatus, *, short: bool = False) -> str:
    """``87.5% of 2606 words · 3 stale (120 words, 4.6%) · 2 untranslated (…)``; with
    ``short`` only the share and the counts of units."""
    if not status.present:
        return "absent"
    if status.percent is None:
        return "present"
    unit = status.word_unit
    total = sum(status.words.values())
    parts = [f"{status.percent:g}%" if short else f"{status.percent:g}% of {total} {unit}"]
    for state in ("stale", "untranslated", "extra"):
        units = status.units.get(state)
        if units and short:
            parts.append(f"{units} {state}")
        elif units:
            parts.append(f"{units} {state} ({status.words[state]} {unit}, "
                         f"{status.percent_of(state):g}%)")
    if status.placeholders:
        parts.append(counted(status.placeholders, "{n} placeholder", "{n} placeholders"))
    return (", " if short else " · ").join(parts)


def issue_text(row: PaperStatus) -> str:
    """``Rev1, not issued yet; before: Conf.Rep on 2023-07-21``."""
    this = f"Rev{row.revision}" if row.revision else "original"
    when = f"issued {row.issued_on}" if row.issued_on else "not issued yet"
    earlier = [f"{v['symbol'].rsplit('/', 1)[-1]} on {v['issued']}" for v in row.issued
               if v["symbol"] != row.symbol]
    return f"{this}, {when}" + (f"; before: {', '.join(earlier)}" if earlier else "")


def checks_text(row: PaperStatus) -> str:
    if row.checks is None:
        return "checks not run" if row.error is None else "checks —"
    return ("checks: " + counted(row.checks.get("errors", 0), "{n} error", "{n} errors")
            + ", " + counted(row.checks.get("warnings", 0), "{n} warning", "{n} warnings"))


def _conference_lines(report: ConferenceStatus) -> list[str]:
    """``csp9: CSP9, 2023-08-21 to 2023-08-25`` and the distribution deadline."""
    conf = report.conference
    left = (report.deadline - report.today).days
    when = (counted(left, "{n} day left", "{n} days left") if left >= 0
            else "passed " + counted(-left, "{n} day ago", "{n} days ago"))
    before = counted(conf.deadline_days, "{n} day", "{n} days")
    return [f"{conf.id}: CSP{conf.number}, {conf.opening.isoformat()} to "
            f"{conf.closing.isoformat()}; today {report.today.isoformat()}",
            f"distribution deadline {report.deadline.isoformat()} ({before} before): {when}"]


def _style(row: PaperStatus) -> str:
    if row.state == "ready" and row.checks and row.checks.get("warnings"):
        return "yellow"
    return STYLES.get(row.state, "")


# ---------------------------------------------------------------- blocks


def _block(row: PaperStatus, languages: list[str], console: Console) -> None:
    """A paper in a few lines: symbol and state first, then deadline, title, languages."""
    from rich.text import Text

    style = _style(row)
    console.print(Text(f"{row.symbol}  {row.state}", style=style))
    lines = [f"deadline {row.deadline.isoformat()}, "
             + ("superseded by " + row.superseded_by if row.superseded_by else days_text(row))
             + f" · {checks_text(row)}"]
    if row.title:
        lines.append(row.title)
    width = max((len(lang) for lang in languages), default=2)
    for lang in languages:
        if lang in row.languages:
            lines.append(f"{lang.upper():<{width}}  {language_text(row.languages[lang])}")
    for line in lines:
        console.print(Text("  " + line, style=style if line is lines[0] else ""))
    _details(row, console, indent="  ", with_id=False)


def _details(row: PaperStatus, console: Console, *, indent: str, with_id: bool) -> None:
    """Stale ids per language, and why an unreadable or misaligned paper is so."""
    from rich.text import Text

    who = f"{row.id}: " if with_id else ""
    if with_id and row.superseded_by:
        console.print(Text(f"{indent}{who}superseded by {row.superseded_by}",
                           style=STYLES["superseded"]))
    if row.issued or row.revision:
        console.print(Text(f"{indent}{who}{issue_text(row)}"))
    for lang, status in row.languages.items():
        if status.stale:
            console.print(Text(f"{indent}{who}{lang} stale: {', '.join(status.stale)}",
                               style=STYLES["stale"]))
    for problem in ([row.error] if row.error else []) + row.problems[:3]:
        console.print(Text(f"{indent}{who}{problem}", style=STYLES.get(row.state, "")))
    if len(row.problems) > 3:
        console.print(Text(f"{indent}{who}… and {len(row.problems) - 3} more"))


# ---------------------------------------------------------------- table


_FIXED = ("Symbol", "State", "Deadline", "Days")  # never wrapped
_TITLE_MIN, _LANGUAGE_MIN = 16, 12  # "untranslated": the longest word of a language cell


def _table(report: ConferenceStatus, width: int) -> Table | None:
    """The papers as a table, or None where it would not fit ``width`` columns whole."""
    from rich.cells import cell_len
    from rich.table import Table

    languages = report.conference.languages
    rows = [_cells(row, languages) for row in report.papers]
    headers = [*_FIXED, "Title", *(lang.upper() for lang in languages), "Checks"]
    fixed = [0, 1, 2, 3, len(headers) - 1]
    needed = sum(max(cell_len(r[i]) for r in [headers, *rows]) for i in fixed)
    needed += _TITLE_MIN + _LANGUAGE_MIN * len(languages) + 2 * (len(headers) - 1)
    if needed > width:
        return None
    table = Table(box=None, pad_edge=False, header_style="bold", show_edge=False)
    for i, name in enumerate(headers):
        if i in fixed:
            table.add_column(name, no_wrap=True)
        else:
            table.add_column(name, ratio=2 if name == "Title" else 1,
                             min_width=_TITLE_MIN if name == "Title" else _LANGUAGE_MIN)
    for row, cells in zip(report.papers, rows, strict=True):
        table.add_row(*cells, style=_style(row))
    return table


def _cells(row: PaperStatus, languages: list[str]) -> list[str]:
    checks = ("—" if row.error else "n/a") if row.checks is None else (
        f"{row.checks.get('errors', 0)} E / {row.checks.get('warnings', 0)} W")
    return [row.symbol, row.state, row.deadline.isoformat(),
            "—" if row.superseded_by else days_text(row), row.title,
            *[language_text(row.languages[lang], short=True) if lang in row.languages
              else "" for lang in languages], checks]
