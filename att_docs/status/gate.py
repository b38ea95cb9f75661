"""Why a paper may not go out: the closing lines of ``status --strict`` and ``build --final``.

One line per paper and language that is not ready, and one per paper for what is not a
language's (unreadable, out of alignment, check errors, late)::

    ATT/CSP9.WGTU/2023/CHAIR/763/Conf.Rep zh: 3 stale, 2 untranslated (first: annex-a.rationale)
    ATT/CSP9.MC/2023/MC/761/Conf.ProgWork: 2 check errors

then a total line. ``status`` and the build word them alike, from the same
:class:`~att_docs.status.report.PaperStatus`; the build makes it from what its cache
keeps of each paper (:func:`paper_status`).
"""

from __future__ import annotations

import datetime as dt
from collections import Counter

from att_docs.base.plural import counted
from att_docs.records.readiness import LanguageStatus
from att_docs.status.report import PaperStatus
from att_docs.status.setinfo import PaperMeta

__all__ = ["blocking", "language_reason", "paper_status", "reasons", "total_line"]


def language_reason(status: LanguageStatus) -> str | None:
    """``3 stale, 2 untranslated (first: annex-a.rationale)``; None when ready."""
    if not status.present:
        return "missing (a prose file of the paper or an annex is absent)"
    if status.complete:
        return None
    parts = [f"{n} {state}" for state in ("stale", "untranslated", "extra")
             if (n := status.units.get(state))]
    if not parts:
        return "nothing to translate"
    first = (status.stale or status.untranslated or [None])[0]
    return ", ".join(parts) + (f" (first: {first})" if first else "")


def reasons(row: PaperStatus, *, late: bool = True) -> list[str]:
    """What keeps ``row`` from being ready (and, with ``late``, on time), one line each."""
    if row.superseded_by:
        return []
    if row.error:
        return [f"{row.symbol}: unreadable: {row.error}"]
    lines = [f"{row.symbol} {lang}: {reason}" for lang, status in row.languages.items()
             if (reason := language_reason(status))]
    if row.problems:
        more = f" (and {len(row.problems) - 1} more)" if len(row.problems) > 1 else ""
        lines.append(f"{row.symbol}: {row.problems[0]}{more}")
    errors = (row.checks or {}).get("errors", 0)
    if errors:
        lines.append(f"{row.symbol}: " + counted(errors, "{n} check error", "{n} check errors"))
    if late and row.late:
        if row.date is not None and row.date > row.deadline:
            lines.append(f"{row.symbol}: late: dated {row.date.isoformat()}, after its "
                         f"deadline {row.deadline.isoformat()}")
        else:
            days = counted(-row.days_left, "{n} day ago", "{n} days ago")
            lines.append(f"{row.symbol}: late: deadline {row.deadline.isoformat()}, {days}")
    return lines


def blocking(rows: list[PaperStatus], *, late: bool = True) -> list[PaperStatus]:
    """The rows that stop the gate: not ready (or, with ``late``, late), never superseded."""
    return [r for r in rows if r.superseded_by is None and (not r.ready or (late and r.late))]


def total_line(rows: list[PaperStatus], stopped: list[PaperStatus], *,
               late: bool = True) -> str:
    """``2 papers of 5 are not ready: 1 late, 1 stale`` (without ``late``, the states
    leave lateness out: ``1 incomplete, 1 stale``)."""
    counts = Counter(r.state if late else _readiness(r) for r in stopped)
    states = ", ".join(f"{n} {state}" for state, n in sorted(counts.items()))
    total = len(rows)
    return counted(len(stopped), f"{{n}} paper of {total} is not ready",
                   f"{{n}} papers of {total} are not ready") + f": {states}"


def _readiness(row: PaperStatus) -> str:
    """The state word of ``row`` whatever the date: unreadable, incomplete, stale,
    failing or ready."""
    if row.error:
        return "unreadable"
    if not row.complete:
        return "stale" if row.only_stale else "incomplete"
    return "failing" if row.failing else "ready"


def paper_status(meta: PaperMeta, today: dt.date, languages: list[str]) -> PaperStatus:
    """A status row from what the build keeps of a paper: its translation states by
    language (``languages``: the set's), its check counts, dates and deadline."""
    translation = meta.translation or {}
    return PaperStatus(
        id=meta.id, symbol=meta.symbol,
        title=meta.title.get(meta.original_language, ""), type=meta.type,
        date=dt.date.fromisoformat(meta.date), deadline=dt.date.fromisoformat(meta.deadline),
        today=today,
        languages={lang: (LanguageStatus.from_dict(translation[lang]) if lang in translation
                          else LanguageStatus(False)) for lang in languages},
        checks=meta.checks)
