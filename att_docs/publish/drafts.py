"""Which texts of a paper are drafts, and the words of their mark.

A paper's text in a language is a draft while that language is not ready: a unit
untranslated, stale or extra, or a prose file missing (:class:`LanguageStatus`). Its
DOCX and PDF then carry, on every page, the language's ``draft_mark``
(``templates/locale/<lang>.yaml``), placed and styled by the style sheet's
``draft_mark``; a language without one takes the mark of the paper's original language.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from att_docs.base.errors import ContentError
from att_docs.records.readiness import LanguageStatus

__all__ = ["draft_mark", "is_draft"]


def is_draft(translation: dict[str, dict[str, Any]] | None, lang: str) -> bool:
    """Whether ``lang`` is not ready, from a paper's translation states by language
    (:meth:`LanguageStatus.to_dict`); a language without states counts as not ready."""
    states = (translation or {}).get(lang)
    if not isinstance(states, dict):
        return True
    try:
        return not LanguageStatus.from_dict(states).complete
    except (KeyError, TypeError, ValueError):  # a cache edited by hand
        return True


def draft_mark(templates: Path, lang: str, original: str) -> str:
    """The words of the mark on a ``lang`` text that is not ready."""
    from att_docs.language.locale import load_locale, locale_dir

    for code in dict.fromkeys((lang, original)):
        mark = load_locale(templates, code).spec.draft_mark
        if mark:
            return mark
    raise ContentError(f"no draft_mark: a paper whose {lang} text is not ready is marked on "
                       f"every page with it; add draft_mark to {lang}.yaml",
                       locale_dir(templates) / f"{lang}.yaml")
