"""Rules every term base obeys, whatever format it was read from.

Each reader builds a :class:`Glossary` and hands it to :func:`finish`, which puts terms in
canonical order and raises :class:`ContentError` (file and line) for a duplicate concept
id, a language without a preferred term, or a term that two concepts claim: a checker
could not tell which concept such a term stands for. The readers also share the
normalizing helpers here (white space, language tags, status names).
"""

from __future__ import annotations

import functools
import re
from pathlib import Path

from att_docs.base.errors import ContentError
from att_docs.glossary.model import STATUSES, Concept, Glossary, Status, Term

__all__ = ["clean_term", "clean_text", "finish", "normalize_lang", "parse_status"]

_SPACES = re.compile(r"\s+")


def clean_term(text: str | None) -> str:
    """A term with runs of white space (line breaks in XML, say) made single spaces."""
    return _SPACES.sub(" ", text or "").strip()


def clean_text(text: str | None) -> str | None:
    """A note or definition without surrounding white space; ``None`` when empty."""
    text = (text or "").strip()
    return text or None


def normalize_lang(tag: str) -> str:
    """A BCP 47 tag as the glossary keys it: the language alone, unless the tag's script
    (written, or implied by its region) is not the language's usual one.

    The scripts are CLDR's likely subtags (babel): a region of the usual script drops
    (xx-GB → xx), while a region or script subtag that implies another script keeps it
    apart as language-Script, since its characters differ (Traditional for Simplified
    Han, Latin for Cyrillic).
    """
    parts = [p for p in tag.strip().replace("_", "-").split("-") if p]
    if not parts:
        return ""
    lang = parts[0].lower()
    script = next((p.title() for p in parts[1:] if len(p) == 4 and p.isalpha()), None)
    region = next((p.upper() for p in parts[1:] if len(p) in (2, 3) and p.isalnum()), None)
    usual = _likely_script(lang)
    if script is None and region is not None:
        script = _likely_script(f"{lang}_{region}")
    return f"{lang}-{script}" if script and usual and script != usual else lang


@functools.lru_cache(maxsize=256)
def _likely_script(key: str) -> str | None:
    """The script CLDR expects for a language or language_REGION, if it knows one."""
    from babel.core import get_global

    likely = get_global("likely_subtags").get(key)
    parts = likely.split("_") if likely else []
    return parts[1] if len(parts) > 2 else None


def parse_status(value: str) -> Status | None:
    """``preferred`` or the TBX form ``preferredTerm-admn-sts``; None if neither."""
    word = value.strip().lower().removesuffix("-admn-sts").removesuffix("term")
    word = {"standardized": "preferred", "legal": "preferred",
            "regulated": "preferred"}.get(word, word)
    return word if word in STATUSES else None  # type: ignore[return-value]


def finish(glossary: Glossary, path: Path | None) -> Glossary:
    """Sort terms canonically and enforce the rules; return ``glossary``."""
    seen_ids: dict[str, Concept] = {}
    claimed: dict[tuple[str, str], list[tuple[Concept, Term]]] = {}
    for concept in glossary.concepts:
        if concept.id in seen_ids:
            first = seen_ids[concept.id]
            raise ContentError(f"duplicate concept id {concept.id!r}"
                               f"{_at(first.line)}", path, concept.line)
        seen_ids[concept.id] = concept
        concept.sort_terms()
        _check_concept(concept, path)
        for lang, terms in concept.terms.items():
            for term in terms:
                _claim(claimed, lang, concept, term, path)
    return glossary


def _check_concept(concept: Concept, path: Path | None) -> None:
    if not concept.languages:
        raise ContentError(f"concept {concept.id!r} has no terms", path, concept.line)
    for lang, terms in concept.terms.items():
        if terms and concept.preferred(lang) is None:
            raise ContentError(f"concept {concept.id!r} has no preferred {lang} term "
                               "(every language needs one)", path,
                               terms[0].line or concept.line)
        for term in terms:
            if not term.text:
                raise ContentError(f"empty {lang} term in concept {concept.id!r}", path,
                                   term.line or concept.line)


def _claim(claimed: dict[tuple[str, str], list[tuple[Concept, Term]]], lang: str,
           concept: Concept, term: Term, path: Path | None) -> None:
    """Record ``term``; raise if the same text already stands for a term elsewhere."""
    key = (lang, term.text.casefold())
    for other_concept, other in claimed.get(key, []):
        if term.case_sensitive and other.case_sensitive and term.text != other.text:
            continue  # "Treaty" and "treaty" are different terms when case matters
        if other_concept is concept:
            problem = f"{lang} term {term.text!r} is listed twice in concept {concept.id!r}"
        else:
            problem = (f"{lang} term {term.text!r} of concept {concept.id!r} is already a "
                       f"term of concept {other_concept.id!r}{_at(other.line)}: a term "
                       "must name one concept")
        raise ContentError(problem, path, term.line or concept.line)
    claimed.setdefault(key, []).append((concept, term))


def _at(line: int | None) -> str:
    return f" (line {line})" if line else ""
