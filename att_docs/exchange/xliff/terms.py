"""Glossary terms in a source text, with the translation the glossary requires."""

from __future__ import annotations

from pathlib import Path

from att_docs.exchange.xliff.export import Terms

__all__ = ["term_finder"]


def term_finder(glossary_path: Path, source: str, target: str, templates: Path) -> Terms:
    """A function giving ``(source term, preferred target term)`` for each glossary concept
    found in a text, in order of appearance; deprecated variants are left out. How terms
    are matched in ``source`` is its language data in ``templates``."""
    from att_docs.checks.matcher import index_for
    from att_docs.glossary import load
    from att_docs.language.profile import load_language

    index = index_for(load(glossary_path))
    language = load_language(templates, source)

    def find(text: str) -> list[tuple[str, str]]:
        seen: set[str] = set()
        out: list[tuple[str, str]] = []
        for match in index.find(text, language):
            if match.deprecated_only:
                continue
            for concept in sorted(match.concepts):
                term = index.preferred(concept, target)
                if concept in seen or term is None:
                    continue
                seen.add(concept)
                out.append((match.text, term.text))
        return out

    return find
