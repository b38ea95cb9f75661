"""The term base, in any number of languages: model, YAML/CSV/TBX readers and writers,
TBX 2008 and OmegaT writers.

    >>> glossary = load(default_path())          # glossary/att.yaml
    >>> glossary.languages                       # its language columns, in order
    >>> glossary.by_id()["wgtu"].preferred(glossary.languages[0]).text
    'Working Group on Treaty Universalization'
    >>> dump(glossary, Path("att.tbx"))          # format from the suffix
    >>> dumps(glossary, "omegat-tsv", glossary.languages[:2])  # source and target

Every reader raises :class:`~att_docs.base.errors.ContentError` naming file and line.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from pathlib import Path
from typing import IO, Literal

from att_docs.base.atomic import atomic_output
from att_docs.base.errors import ContentError
from att_docs.base.memo import by_content
from att_docs.glossary.model import (
    ABBREVIATION_KINDS,
    STATUSES,
    TERM_TYPES,
    Concept,
    Glossary,
    Status,
    Term,
)

__all__ = [
    "ABBREVIATION_KINDS",
    "FORMATS",
    "STATUSES",
    "SUFFIXES",
    "TERM_TYPES",
    "Concept",
    "Format",
    "Glossary",
    "Status",
    "Term",
    "default_path",
    "dump",
    "dumps",
    "format_of",
    "load",
    "select",
]

Format = Literal["yaml", "csv", "tbx", "tbx2008", "omegat-tsv"]
FORMATS: tuple[Format, ...] = ("yaml", "csv", "tbx", "tbx2008", "omegat-tsv")
"""What :func:`dumps` writes; :func:`load` reads the first three (and TBX 2008 as tbx)."""
SUFFIXES: dict[str, Format] = {".yaml": "yaml", ".yml": "yaml", ".csv": "csv", ".tsv": "csv",
                               ".tbx": "tbx", ".xml": "tbx"}


def default_path() -> Path:
    """The project's term base: ``glossary/att.yaml`` of the working directory, else the
    default one (:func:`att_docs.base.paths.default_glossary`)."""
    from att_docs.base.paths import default_glossary

    return default_glossary()


def format_of(path: Path) -> Format:
    """The format a file's suffix names; :class:`ContentError` for any other suffix."""
    try:
        return SUFFIXES[path.suffix.lower()]
    except KeyError:
        raise ContentError(f"unknown glossary format {path.suffix or '(no suffix)'!r}: "
                           "expected .yaml, .yml, .csv, .tsv, .tbx or .xml", path) from None


@by_content
def load(path: Path) -> Glossary:
    """Read a term base, choosing the reader by suffix (.yaml/.yml, .csv, .tbx/.xml)."""
    path = Path(path)
    fmt = format_of(path)
    if path.is_dir():
        raise ContentError("is a folder, not a glossary file", path)
    from att_docs.glossary.stored import stored_glossary

    return stored_glossary(path, fmt + path.suffix.lower(), _READERS[fmt])


def _read_yaml(path: Path) -> Glossary:
    from att_docs.glossary.yaml_format import load_yaml_glossary

    return load_yaml_glossary(path)


def _read_csv(path: Path) -> Glossary:
    from att_docs.glossary.csv_format import load_csv_glossary

    return load_csv_glossary(path)


def _read_tbx(path: Path) -> Glossary:
    from att_docs.glossary.tbx_format import load_tbx_glossary

    return load_tbx_glossary(path)


_READERS = {"yaml": _read_yaml, "csv": _read_csv, "tbx": _read_tbx}


def dumps(glossary: Glossary, format: Format = "yaml",
          languages: Sequence[str] | None = None, allowed_only: bool = False) -> str:
    """The glossary as text in ``format``.

    ``languages`` limits and orders the languages written (default: all of the
    glossary's). ``omegat-tsv`` needs exactly two, source then target;
    :class:`ValueError` otherwise. ``allowed_only`` leaves out deprecated and superseded
    terms, for tools that ignore a term's status.
    """
    if languages is not None:
        unknown = [lang for lang in languages if lang not in glossary.languages]
        if unknown:
            raise ValueError(f"the glossary has no {', '.join(unknown)} terms (its languages: "
                             f"{', '.join(glossary.languages)})")
    if languages is not None or allowed_only:
        glossary = select(glossary, languages, allowed_only)
    if format == "omegat-tsv":
        from att_docs.glossary.omegat_format import dumps_omegat

        pair = list(languages or glossary.languages)
        if len(pair) != 2:
            raise ValueError("omegat-tsv needs a source and a target language (the glossary "
                             f"has {', '.join(glossary.languages)})")
        return dumps_omegat(glossary, *pair)
    if format == "tbx2008":
        from att_docs.glossary.martif_format import dumps_martif

        return dumps_martif(glossary, languages, for_omegat=allowed_only)
    if format == "yaml":
        from att_docs.glossary.yaml_format import dumps_yaml

        return dumps_yaml(glossary)
    if format == "csv":
        from att_docs.glossary.csv_format import dumps_csv

        return dumps_csv(glossary)
    if format == "tbx":
        from att_docs.glossary.tbx_format import dumps_tbx

        return dumps_tbx(glossary, languages)
    raise ValueError(f"unknown glossary format {format!r} (expected one of {FORMATS})")


def dump(glossary: Glossary, target: Path | str | IO[str] | IO[bytes],
         format: Format | None = None, languages: Sequence[str] | None = None,
         allowed_only: bool = False) -> None:
    """Write the glossary to a file (replaced atomically) or an open stream.

    ``format`` defaults to the file's suffix, or YAML for a stream; ``languages`` and
    ``allowed_only`` as for :func:`dumps`.
    """
    if isinstance(target, str | Path):
        path = Path(target)
        text = dumps(glossary, format or format_of(path), languages, allowed_only)
        with atomic_output(path) as tmp:
            tmp.write_text(text, encoding="utf-8")
        return
    text = dumps(glossary, format or "yaml", languages, allowed_only)
    if isinstance(target, io.RawIOBase | io.BufferedIOBase) or "b" in getattr(target, "mode", ""):
        target.write(text.encode("utf-8"))  # type: ignore[arg-type]
    else:
        target.write(text)  # type: ignore[arg-type]


def select(glossary: Glossary, languages: Sequence[str] | None = None,
           allowed_only: bool = False) -> Glossary:
    """A copy with only the terms of ``languages`` (in that order; default all) and, with
    ``allowed_only``, only preferred and admitted terms. Concepts left empty are dropped."""
    concepts = []
    for concept in glossary.concepts:
        terms = {}
        for lang in languages or concept.terms:
            kept = [t for t in concept.terms.get(lang, []) if t.allowed or not allowed_only]
            if kept:
                terms[lang] = kept
        if terms:
            concepts.append(Concept(concept.id, terms, concept.note, concept.subject,
                                    concept.line, concept.definition))
    return Glossary(concepts, source=glossary.source)
