"""A term base read once and kept on disk, so that later processes skip parsing it.

Reading ``glossary/att.yaml`` (YAML parsing, schema validation, the integrity rules) costs
more than a rebuild of one paper spends checking it. What a reader made of a file depends
only on its bytes, its format and this module's ``FORMAT``, so the result is stored as
JSON in the cache folder (:mod:`att_docs.base.diskcache`), named by the SHA-256 of those. Only
a file that read without error is stored: a bad one is read, and refused, every time.
The stored file is checksummed and validated field by field when read; anything
unexpected and the term base is read from its source again.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from pathlib import Path
from typing import Any

from typing_extensions import TypedDict  # pydantic needs this one before Python 3.12

from att_docs.base.diskcache import cache_folder, read_cached, write_cached
from att_docs.base.errors import ContentError
from att_docs.base.inputs import read_bytes
from att_docs.glossary.model import Concept, Glossary, Status, Term

__all__ = ["FORMAT", "stored_glossary"]

FORMAT = 1  # bump when a reader changes what it makes of a file


class _StoredConcept(TypedDict):
    id: str
    note: str | None
    subject: str | None
    line: int | None
    definition: str | None
    terms: dict[str, list[tuple[str, Status, str | None, bool, str | None, int | None]]]


_Stored = list[_StoredConcept]


def stored_glossary(path: Path, kind: str, read: Callable[[Path], Glossary]) -> Glossary:
    """``read(path)``, or what an earlier process stored for the same bytes and ``kind``."""
    folder = cache_folder()
    try:
        data = read_bytes(path)
    except ContentError:
        folder = None  # missing, unreadable, not a file: the reader says so properly
    if folder is None:
        return read(path)
    digest = hashlib.sha256(f"{FORMAT}\0{kind}\0".encode() + data).hexdigest()
    stored = folder / f"glossary-{digest}.json"
    found = read_cached(stored, _Stored)
    if found is not None:
        return _glossary(found, path)
    glossary = read(path)
    write_cached(stored, [_concept_data(c) for c in glossary.concepts])
    return glossary


def _concept_data(concept: Concept) -> dict[str, Any]:
    return {"id": concept.id, "note": concept.note, "subject": concept.subject,
            "line": concept.line, "definition": concept.definition,
            "terms": {lang: [[t.text, t.status, t.kind, t.case_sensitive, t.note, t.line]
                             for t in terms] for lang, terms in concept.terms.items()}}


def _glossary(data: _Stored, path: Path) -> Glossary:
    """The glossary of stored data that has passed its schema."""
    concepts = [Concept(id=item["id"], note=item["note"], subject=item["subject"],
                        line=item["line"], definition=item["definition"],
                        terms={lang: [Term(text=text, status=status, kind=kind,
                                           case_sensitive=case, note=note, line=line)
                                      for text, status, kind, case, note, line in rows]
                               for lang, rows in item["terms"].items()})
                for item in data]
    return Glossary(concepts, source=path)
