"""Readiness of one language of one paper: its units and billable words by state.

The states come from the translation records (:mod:`.provenance`); words are counted as
each language's locale data says (words, or characters for scripts without spaces).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from att_docs.document.model import Document

__all__ = ["LanguageStatus", "language_status"]


@dataclass(frozen=True)
class LanguageStatus:
    """One language of one paper: its file(s) present, and its units by state.

    ``units`` and ``words`` count units and billable words per state
    (:data:`~att_docs.records.provenance.STATES`); words are those to translate, of
    the original text (``word_unit``: words, or characters for scripts without spaces),
    and for extra units those of the text itself. ``stale`` and ``untranslated`` list
    the unit ids; ``placeholders`` counts the untranslated ones still holding the text
    ``att-docs new`` wrote.
    """

    present: bool
    units: dict[str, int] = field(default_factory=dict)
    words: dict[str, int] = field(default_factory=dict)
    word_unit: str = "words"
    stale: list[str] = field(default_factory=list)
    untranslated: list[str] = field(default_factory=list)
    placeholders: int = 0
    target_words: dict[str, int] = field(default_factory=dict)  # of this language's texts
    target_word_unit: str = "words"

    @property
    def translated(self) -> int:
        return self.units.get("translated", 0)

    @property
    def total(self) -> int:
        """Units to translate: all but the extra ones."""
        return sum(n for state, n in self.units.items() if state != "extra")

    @property
    def percent(self) -> float | None:
        """Share of the words to translate that are translated; None if nothing to count."""
        if not self.present:
            return 0.0
        return self.percent_of("translated") if self.total else None

    def percent_of(self, state: str) -> float:
        total = sum(self.words.values())
        return round(100 * self.words.get(state, 0) / total, 1) if total else 0.0

    @property
    def complete(self) -> bool:
        return (self.present and self.total > 0 and self.translated == self.total
                and not self.units.get("extra"))

    def to_dict(self) -> dict[str, Any]:
        return {"present": self.present, "translated": self.translated, "total": self.total,
                "percent": self.percent, "units": self.units, "words": self.words,
                "word_unit": self.word_unit,
                "percent_by_state": {s: self.percent_of(s) for s in self.words},
                "stale": self.stale, "untranslated": self.untranslated,
                "placeholders": self.placeholders, "target_words": self.target_words,
                "target_word_unit": self.target_word_unit}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> LanguageStatus:
        return cls(data["present"], dict(data["units"]), dict(data["words"]),
                   data["word_unit"], list(data["stale"]), list(data["untranslated"]),
                   int(data["placeholders"]), dict(data["target_words"]),
                   data["target_word_unit"])


def language_status(doc: Document, lang: str, templates: Path, present: bool = True
                    ) -> LanguageStatus:
    """Units and words of ``doc`` in ``lang`` by state (see :mod:`.provenance`)."""
    from att_docs.language.locale import load_locale
    from att_docs.records.provenance import STATES, unit_states

    original = doc.masthead.original_language
    counting = load_locale(templates, original)
    own = load_locale(templates, lang)
    units = dict.fromkeys(STATES, 0)
    words = dict.fromkeys(STATES, 0)
    target_words = dict.fromkeys(STATES, 0)
    stale: list[str] = []
    untranslated: list[str] = []
    placeholders = 0
    for unit in unit_states(doc, lang).values():
        units[unit.state] += 1
        words[unit.state] += (own.count_words(unit.target) if unit.state == "extra"
                              else counting.count_words(unit.source or unit.target))
        target_words[unit.state] += own.count_words(unit.target)
        if unit.state == "stale":
            stale.append(unit.id)
        elif unit.state == "untranslated":
            untranslated.append(unit.id)
            placeholders += unit.placeholder
    return LanguageStatus(present, units, words, counting.word_count, stale, untranslated,
                          placeholders, target_words, own.word_count)
