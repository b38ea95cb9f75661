"""The term base model: concepts with per-language terms, as in TBX (ISO 30042).

One :class:`Concept` per entry; each language holds :class:`Term` values whose ``status``
maps to TBX ``administrativeStatus`` (preferredTerm-admn-sts, admittedTerm-admn-sts,
deprecatedTerm-admn-sts, supersededTerm-admn-sts) and whose ``kind`` maps to TBX
``termType`` (fullForm, acronym, abbreviation, shortForm, variant, phrase).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

__all__ = ["Concept", "Glossary", "Status", "Term"]

Status = Literal["preferred", "admitted", "deprecated", "superseded"]


@dataclass
class Term:
    text: str
    status: Status = "preferred"
    kind: str | None = None  # TBX termType: fullForm, acronym, abbreviation, ...
    case_sensitive: bool = False
    note: str | None = None


@dataclass
class Concept:
    id: str
    terms: dict[str, list[Term]]  # language code -> terms, the preferred one first
    note: str | None = None
    subject: str | None = None  # body, mechanism, role, document, phrase ...
    line: int | None = None  # where the entry starts in its source file

    def preferred(self, lang: str) -> Term | None:
        return next((t for t in self.terms.get(lang, []) if t.status == "preferred"), None)

    def allowed(self, lang: str) -> list[Term]:
        """Preferred and admitted terms: renderings that satisfy a term check."""
        return [t for t in self.terms.get(lang, []) if t.status in ("preferred", "admitted")]

    def deprecated(self, lang: str) -> list[Term]:
        return [t for t in self.terms.get(lang, [])
                if t.status in ("deprecated", "superseded")]


@dataclass
class Glossary:
    concepts: list[Concept] = field(default_factory=list)
    source: Path | None = None

    def by_id(self) -> dict[str, Concept]:
        return {c.id: c for c in self.concepts}
