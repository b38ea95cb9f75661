"""Schemas of the content YAML files. Unknown keys are errors, so typos never pass silently."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field

__all__ = [
    "AnnexFile",
    "CheckSettings",
    "ConferenceFile",
    "DeadlineRule",
    "DecisionGroupSpec",
    "DecisionItemSpec",
    "IssueRecord",
    "PaperFile",
    "TableSetSpec",
    "TableSpec",
]

PerLanguage = dict[str, str]
"""``{en: ..., zh: ...}``: one string per language code."""

ID_PATTERN = r"^[a-z0-9][a-z0-9-]*$"
LANGUAGE_PATTERN = r"^[a-z]{2,3}(-[A-Za-z0-9]{1,8})*$"  # BCP 47-like language tags
LanguageCode = Annotated[str, Field(pattern=LANGUAGE_PATTERN)]
FolderName = Annotated[str, Field(pattern=ID_PATTERN)]
EARLIEST, LATEST = dt.date(1990, 1, 1), dt.date(2199, 12, 31)


def _sane_date(value: dt.date) -> dt.date:
    if not EARLIEST <= value <= LATEST:
        raise ValueError(f"a date between {EARLIEST} and {LATEST} is expected")
    return value


Date = Annotated[dt.date, Field(strict=False), AfterValidator(_sane_date)]
"""A calendar date as YAML writes it (``2023-07-21``), within sane years."""
"""A folder of the paper, by plain name: no ``/``, no ``..``, nothing absolute."""


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=False)


class DeadlineRule(_Strict):
    """``deadline: {days_before_opening: 31}``: when papers must be distributed."""

    days_before_opening: int = Field(ge=0, le=366)


class RuleSetting(_Strict):
    """One check's setting: on or off, and the severity its findings take."""

    enabled: bool = True
    severity: Literal["info", "warning", "error"] | None = None


class CheckSettings(_Strict):
    """``checks:`` in ``conference.yaml``: a QA profile and per-check settings."""

    profile: str | None = None  # strict, default, quiet (templates/checks.yaml)
    rules: dict[str, RuleSetting] = Field(default_factory=dict)


class ConferenceFile(_Strict):
    """``conference.yaml``."""

    number: int = Field(ge=1, le=999)
    venue: PerLanguage
    opening: Date
    closing: Date
    languages: list[LanguageCode] = Field(min_length=1)
    deadline: DeadlineRule | None = None  # default: att_docs.document.deadline
    redline_author: str | None = Field(default=None, min_length=1, max_length=200)
    house_style: dict[str, str] = Field(default_factory=dict)  # {fr: eu}: another profile
    checks: CheckSettings | None = None


class PaperFile(_Strict):
    """``paper.yaml``."""

    type: str
    symbol: str
    date: Date
    submitted_by: PerLanguage
    original_language: str
    title: PerLanguage
    subtitle: PerLanguage = Field(default_factory=dict)
    annexes: list[FolderName] = Field(default_factory=list)
    deadline: DeadlineRule | None = None  # overrides the conference's rule


class IssueRecord(_Strict):
    """``<paper>/.issued/<version>/issue.yaml``, written by ``att-docs issue``."""

    symbol: str
    revision: int = Field(ge=0)
    date: Date  # the paper's date, on its masthead
    issued: Date  # the day of issue
    files: dict[str, Annotated[str, Field(pattern=r"^[0-9a-f]{64}$")]] = Field(
        default_factory=dict)  # built file name: SHA-256


class AnnexFile(_Strict):
    """``annex.yaml`` in an annex folder."""

    label: str
    type: str
    title: PerLanguage
    subtitle: PerLanguage = Field(default_factory=dict)
    caption: PerLanguage = Field(default_factory=dict)


class TableSpec(_Strict):
    id: str = Field(pattern=ID_PATTERN)
    title: PerLanguage
    rows: dict[str, PerLanguage]


class TableSetSpec(_Strict):
    """A set of tables sharing one label column (``row_labels``)."""

    row_labels: dict[str, PerLanguage]
    tables: list[TableSpec] = Field(min_length=1)


class DecisionItemSpec(BaseModel):
    """``{id: ..., en: ..., zh: ...}``: the language keys are checked by the reader."""

    model_config = ConfigDict(extra="allow")
    __pydantic_extra__: dict[str, str] = Field(init=False)  # each language's text: a string
    id: str = Field(pattern=ID_PATTERN)

    def texts(self) -> dict[str, str]:
        return dict(self.model_extra or {})


class DecisionGroupSpec(_Strict):
    id: str = Field(pattern=ID_PATTERN)
    lead: PerLanguage
    items: list[DecisionItemSpec] = Field(min_length=1)
