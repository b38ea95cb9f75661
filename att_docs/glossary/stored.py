"""A term base read once and kept on disk, so that later processes skip parsing it.

Reading ``glossary/att.yaml`` (YAML parsing, schema validation, the integrity rules) costs
more than a rebuild of one paper spends checking it. What a reader made of a file depends
only on its bytes, its format and this module's ``FORMAT``, so the result is stored as
JSON in the cache folder (:mod:`att_docs.diskcache`), named by the SHA-256 of those. Only
a file that read without error is stored: a bad one is read, and refused, every time.
The stored file is validated field by field when read; anything unexpected and the term
base is read from its source again.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from pathlib import Path
from typing import Any

from att_docs.diskcache import cache_folder, read_json, write_json
from att_docs.glossary.model import STATUSES, Concept, Glossary, Term

__all__ = ["FORMAT", "stored_glossary"]

FORMAT = 1  # bump when a reader changes what it makes of a file


def stored_glossary(path: Path, kind: str, read: Callable[[Path], Glossary]) -> Glossary:
    """``read(path)``, or what an earlier process stored for the same bytes and ``kind``."""
    folder = cache_folder()
    try:
        data = path.read_bytes()
    except OSError:
        folder = None  # missing or unreadable: the reader says so properly
    if folder is None:
        return read(path)
    digest = hashlib.sha256(f"{FORMAT}\0{kind}\0".encode() + data).hexdigest()
    stored = folder / f"glossary-{digest}.json"
    found = _glossary(read_json(stored), path)
    if found is not None:
        return found
    glossary = read(path)
    write_json(stored, [_concept_data(c) for c in glossary.concepts])
    return glossary


def _concept_data(concept: Concept) -> dict[str, Any]:
    return {"id": concept.id, "note": concept.note, "subject": concept.subject,
            "line": concept.line, "definition": concept.definition,
            "terms": {lang: [[t.text, t.status, t.kind, t.case_sensitive, t.note, t.line]
                             for t in terms] for lang, terms in concept.terms.items()}}


def _glossary(data: Any, path: Path) -> Glossary | None:
    """The glossary stored in ``data`` if every field has its type, else None."""
    if not isinstance(data, list):
        return None
    concepts = []
    for item in data:
        if not (isinstance(item, dict) and isinstance(item.get("id"), str)
                and all(_optional(item.get(k), str) for k in ("note", "subject", "definition"))
                and _optional(item.get("line"), int) and isinstance(item.get("terms"), dict)):
            return None
        terms: dict[str, list[Term]] = {}
        for lang, rows in item["terms"].items():
            if not isinstance(rows, list):
                return None
            terms[lang] = []
            for row in rows:
                if not (isinstance(row, list) and len(row) == 6 and isinstance(row[0], str)
                        and row[1] in STATUSES and _optional(row[2], str)
                        and isinstance(row[3], bool) and _optional(row[4], str)
                        and _optional(row[5], int)):
                    return None
                terms[lang].append(Term(text=row[0], status=row[1], kind=row[2],
                                        case_sensitive=row[3], note=row[4], line=row[5]))
        concepts.append(Concept(id=item["id"], terms=terms, note=item["note"],
                                subject=item["subject"], line=item["line"],
                                definition=item["definition"]))
    return Glossary(concepts, source=path)


def _optional(value: Any, kind: type) -> bool:
    return value is None or (isinstance(value, kind) and not isinstance(value, bool)
                             if kind is int else isinstance(value, kind))
