"""The status report as CSV: one row per paper, for those who plan in a spreadsheet.

Columns: the conference, the paper's symbol, id, title, state, date, deadline and days
left, check errors and warnings, what supersedes it; then for each language (in the
conferences' order) the share translated and the units stale, untranslated and extra;
last, the paper's problems. A language a conference lacks leaves its cells empty. A text
that a spreadsheet would take for a formula (``=…``, ``+…``, ``-…``, ``@…``) starts with an
apostrophe, as OWASP advises for CSV files.
"""

from __future__ import annotations

import csv
import io
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from att_docs.status.report import ConferenceStatus, PaperStatus

__all__ = ["render_csv"]

_PAPER = ["conference", "symbol", "paper", "title", "state", "date", "deadline",
          "days_left", "check_errors", "check_warnings", "superseded_by"]
_LANGUAGE = ["percent", "stale", "untranslated", "extra"]


def render_csv(reports: list[ConferenceStatus]) -> str:
    """The reports as CSV text (RFC 4180: CRLF line ends, quoted where needed)."""
    languages: list[str] = []
    for report in reports:
        languages += [lang for lang in report.conference.languages if lang not in languages]
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow([*_PAPER, *(f"{lang}_{col}" for lang in languages for col in _LANGUAGE),
                     "problems"])
    for report in reports:
        for row in report.papers:
            writer.writerow([*_paper_cells(report, row),
                             *(cell for lang in languages for cell in _language_cells(row, lang)),
                             _text("; ".join(([row.error] if row.error else [])
                                             + row.problems))])
    return out.getvalue()


def _text(value: str) -> str:
    """A text cell a spreadsheet shows as text, never runs as a formula."""
    return "'" + value if value[:1] in _FORMULA else value


_FORMULA = ("=", "+", "-", "@", "\t", "\r")


def _paper_cells(report: ConferenceStatus, row: PaperStatus) -> list[object]:
    checks = row.checks or {}
    return [_text(report.conference.id), _text(row.symbol), _text(row.id), _text(row.title),
            row.state,
            row.date.isoformat() if row.date else "", row.deadline.isoformat(),
            row.days_left, checks.get("errors", "") if row.checks is not None else "",
            checks.get("warnings", "") if row.checks is not None else "",
            _text(row.superseded_by or "")]


def _language_cells(row: PaperStatus, lang: str) -> list[object]:
    status = row.languages.get(lang)
    if status is None:
        return [""] * len(_LANGUAGE)
    percent = status.percent
    return ["" if percent is None else f"{percent:g}",
            *(status.units.get(state, 0) for state in ("stale", "untranslated", "extra"))]
