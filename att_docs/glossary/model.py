"""The term base model: concepts with per-language terms, as in TBX (ISO 30042).

One :class:`Concept` per entry; each language holds :class:`Term` values whose ``status``
maps to TBX ``administrativeStatus`` (preferredTerm-admn-sts, admittedTerm-admn-sts,
deprecatedTerm-admn-sts, supersededTerm-admn-sts) and whose ``kind`` maps to TBX
``termType`` (fullForm, acronym, abbreviation, shortForm, variant, phrase).

Equality ignores where things were read from (``source``, ``line``), so a glossary read
back from its TBX or CSV export compares equal to the original.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

__all__ = [
    "ABBREVIATION_KINDS",
    "STATUSES",
    "TERM_TYPES",
    "Concept",
    "Glossary",
    "Status",
    "Term",
]

Status = Literal["preferred", "admitted", "deprecated", "superseded"]
STATUSES: tuple[Status, ...] = ("preferred", "admitted", "deprecated", "superseded")

TERM_TYPES = ("fullForm", "acronym", "abbreviation", "shortForm", "variant", "phrase")
"""The TBX-Basic termType picklist."""

ABBREVIATION_KINDS = frozenset({"acronym", "abbreviation", "initialism"})


@dataclass
class Term:
    text: str
    status: Status = "preferred"
    kind: str | None = None  # TBX termType: fullForm, acronym, abbreviation, ...
    case_sensitive: bool = False
    note: str | None = None
    line: int | None = field(default=None, compare=False)  # where it is in its source file

    @property
    def is_abbreviation(self) -> bool:
        """An acronym or abbreviation (WGTU, CSP9): listed under ``abbreviations``."""
        return self.kind in ABBREVIATION_KINDS

    @property
    def allowed(self) -> bool:
        """Preferred or admitted: a rendering that satisfies a term check."""
        return self.status in ("preferred", "admitted")


@dataclass
class Concept:
    id: str
    terms: dict[str, list[Term]]  # language code -> terms, the preferred one first
    note: str | None = None
    subject: str | None = None  # body, mechanism, role, document, phrase ...
    line: int | None = field(default=None, compare=False)  # where the entry starts
    definition: str | None = None

    def preferred(self, lang: str) -> Term | None:
        return next((t for t in self.terms.get(lang, []) if t.status == "preferred"), None)

    def allowed(self, lang: str) -> list[Term]:
        """Preferred and admitted terms: renderings that satisfy a term check."""
        return [t for t in self.terms.get(lang, []) if t.status in ("preferred", "admitted")]

    def deprecated(self, lang: str) -> list[Term]:
        return [t for t in self.terms.get(lang, [])
                if t.status in ("deprecated", "superseded")]

    def abbreviations(self, lang: str) -> list[Term]:
        """Allowed acronyms and abbreviations (WGTU, CSP9)."""
        return [t for t in self.allowed(lang) if t.is_abbreviation]

    @property
    def languages(self) -> list[str]:
        return [lang for lang, terms in self.terms.items() if terms]

    def sort_terms(self) -> None:
        """Canonical order: preferred, admitted (abbreviations last), deprecated, superseded.

        Every reader calls this, so the same term base reads equal from any format.
        """
        for lang, terms in self.terms.items():
            self.terms[lang] = sorted(terms, key=_term_rank)


def _term_rank(term: Term) -> tuple[int, int]:
    return STATUSES.index(term.status), int(term.status == "admitted" and term.is_abbreviation)


@dataclass
class Glossary:
    concepts: list[Concept] = field(default_factory=list)
    source: Path | None = field(default=None, compare=False)

    def by_id(self) -> dict[str, Concept]:
        return {c.id: c for c in self.concepts}

    def __len__(self) -> int:
        return len(self.concepts)

    def __iter__(self) -> Iterator[Concept]:
        return iter(self.concepts)

    @property
    def languages(self) -> list[str]:
        """Every language code used, in order of first use."""
        seen: dict[str, None] = {}
        for concept in self.concepts:
            seen.update(dict.fromkeys(concept.languages))
        return list(seen)

    def terms(self, lang: str) -> Iterator[tuple[Concept, Term]]:
        """Every term of one language with its concept, in glossary order."""
        for concept in self.concepts:
            for term in concept.terms.get(lang, []):
                yield concept, term
