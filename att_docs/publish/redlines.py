"""A revision's redlines in the build: which files a paper under revision adds, and what
they depend on.

A paper whose symbol is a revision (``….Rev1``) and that has an earlier version issued
(:mod:`att_docs.readers.issued`) also gets, per language and format,
``<symbol>.<lang>.redline.<format>``: the revision with what changed since that version
marked. Besides what the clean file depends on, a redline depends on the issued version
(its folder's hash), the translation records (a language whose translation lags carries a
notice) and the author of the changes.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from att_docs.base.hashing import combine, tree_sha256
from att_docs.readers.issued import baseline

if TYPE_CHECKING:
    from att_docs.document.model import Conference, Document
    from att_docs.publish.jobs import RedlineInput
    from att_docs.status.setinfo import PaperMeta

__all__ = ["Against", "against", "incomplete_languages", "redline_input", "redline_key",
           "redline_name"]


def redline_name(stem: str, lang: str, fmt: str) -> str:
    """``ATT_CSP9.WGTU_2023_CHAIR_763_Conf.Rep.Rev1.en.redline.pdf``."""
    return f"{stem}.{lang}.redline.{fmt}"


@dataclass(frozen=True)
class Against:
    """The issued version a paper's redlines compare with: its folder, symbol and hash."""

    folder: Path
    symbol: str
    key: str


def against(paper_dir: Path, symbol: str) -> Against | None:
    """The version the revision ``symbol`` is compared with, if it is a revision of an
    issued paper (folder names only: nothing is parsed)."""
    found = baseline(paper_dir, symbol)
    if found is None:
        return None
    _revision, folder = found
    base = symbol.rsplit("/", 1)[0]
    return Against(folder, f"{base}/{folder.name}", tree_sha256(folder))


def redline_key(output_key: str, version: Against, records: str, author: str | None) -> str:
    """What one redline file depends on."""
    return combine(output_key, "redline", version.key, records, author or "")


def incomplete_languages(meta: PaperMeta) -> list[str]:
    """The languages whose translation lags behind the original: a unit stale,
    untranslated or extra (the original language never does)."""
    out = []
    for lang, status in (meta.translation or {}).items():
        if lang == meta.original_language:
            continue
        units = status.get("units", {})
        if any(units.get(state) for state in ("stale", "untranslated", "extra")):
            out.append(lang)
    return out


def redline_input(document: Document, version: Against, conference: Conference,
                  templates: Path, meta: PaperMeta, author: str | None) -> RedlineInput:
    """Everything a worker needs for the paper's redlines; the issued version is read
    here, before anything is written (a damaged one stops the build at its file)."""
    from att_docs.language.locale import load_locale
    from att_docs.publish.jobs import RedlineInput
    from att_docs.readers.issued import load_issued

    issued = load_issued(version.folder, document, conference, templates)
    notices = {}
    fallback = load_locale(templates, meta.original_language).spec.translation_incomplete
    for lang in incomplete_languages(meta):
        text = load_locale(templates, lang).spec.translation_incomplete or fallback
        if text:
            notices[lang] = text
    return RedlineInput(issued, author or conference.redline_author, notices)
