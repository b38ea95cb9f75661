"""The distribution deadline: a number of days before the conference opens.

``conference.yaml`` sets the rule for every paper (``deadline: {days_before_opening: N}``);
a paper may override it in its ``paper.yaml`` with the same key. Without a rule the
default is :data:`DEFAULT_DAYS_BEFORE_OPENING`.
"""

from __future__ import annotations

import datetime as dt

from att_docs.document.model import DEFAULT_DAYS_BEFORE_OPENING, Conference, Document

__all__ = ["DEFAULT_DAYS_BEFORE_OPENING", "conference_deadline", "days_left", "deadline_for",
           "paper_deadline"]


def deadline_for(opening: dt.date, days_before_opening: int) -> dt.date:
    """The last day to distribute a paper for a conference opening on ``opening``."""
    return opening - dt.timedelta(days=days_before_opening)


def conference_deadline(conference: Conference) -> dt.date:
    """The conference's default deadline (papers without an override)."""
    return deadline_for(conference.opening, conference.deadline_days)


def paper_deadline(doc: Document) -> dt.date:
    """A paper's deadline: its own rule if it has one, else the conference's."""
    days = doc.deadline_days if doc.deadline_days is not None else doc.conference.deadline_days
    return deadline_for(doc.conference.opening, days)


def days_left(deadline: dt.date, today: dt.date) -> int:
    """Days from ``today`` to ``deadline``: 0 on the day itself, negative once passed."""
    return (deadline - today).days
