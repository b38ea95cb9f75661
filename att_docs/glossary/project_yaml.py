"""A term base from another tool as the project's YAML, proven by reading it back.

``glossary import`` writes what the project's own reader will read: the YAML is read
back (before anything is printed or written) by the same reader ``check`` and
``build`` use, and must say exactly what the input said. Where it cannot (a concept id,
a language code or a term kind the project's format does not take), the error names the
user's input file and the line of the concept or term there, never the YAML it made.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from att_docs.base.errors import ContentError
from att_docs.glossary.model import Concept, Glossary
from att_docs.glossary.yaml_format import dumps_yaml, load_yaml_glossary

__all__ = ["project_yaml"]


def project_yaml(glossary: Glossary, source: Path) -> str:
    """``glossary`` (read from ``source``) as the project's YAML; :class:`ContentError`
    at ``source``'s line if the YAML would not read back as the same term base."""
    text = dumps_yaml(glossary)
    with tempfile.TemporaryDirectory(prefix="att-docs-glossary-") as folder:
        scratch = Path(folder) / "glossary.yaml"
        scratch.write_text(text, encoding="utf-8")
        try:
            back = load_yaml_glossary(scratch)
        except ContentError as exc:
            concept = _concept_at(glossary, text, exc.line)
            raise ContentError(f"{exc.message} (the project's term base cannot take it)",
                               source, _line_in_source(concept, text, exc.line)) from None
    for ours, theirs in zip(glossary.concepts, back.concepts, strict=False):
        if ours != theirs:
            raise ContentError(f"concept {ours.id!r} does not come out of the project's "
                               "YAML as it went in (a term, note or flag would change)",
                               source, ours.line)
    if len(back.concepts) != len(glossary.concepts):
        raise ContentError("the term base does not come out of the project's YAML as it "
                           "went in", source)
    return text


def _starts(text: str) -> list[int]:
    """The line each concept's entry starts on (``- id: ...``), in order."""
    return [n for n, line in enumerate(text.split("\n"), start=1) if line.startswith("- ")]


def _concept_at(glossary: Glossary, text: str, line: int | None) -> Concept | None:
    if line is None:
        return None
    index = sum(1 for start in _starts(text) if start <= line) - 1
    return glossary.concepts[index] if 0 <= index < len(glossary.concepts) else None


def _line_in_source(concept: Concept | None, text: str, line: int | None) -> int | None:
    """The line in the input of the term on YAML ``line``, else of its concept."""
    if concept is None:
        return None
    if line is not None:
        written = text.split("\n")[line - 1] if line <= text.count("\n") + 1 else ""
        key = written.strip().removesuffix(":")
        if key in concept.terms and concept.terms[key] and concept.terms[key][0].line:
            return concept.terms[key][0].line  # a language the format does not take
        for terms in concept.terms.values():
            for term in terms:
                if term.line and term.text and term.text in written:
                    return term.line
    return concept.line
