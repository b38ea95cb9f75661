"""The bilingual term base: model, YAML/CSV/TBX readers and writers.

    >>> glossary = load(default_path())          # glossary/att.yaml
    >>> glossary.by_id()["wgtu"].preferred("zh").text
    '普遍加入条约工作组'
    >>> dump(glossary, Path("att.tbx"))          # format from the suffix

Every reader raises :class:`~att_docs.errors.ContentError` naming file and line.
"""

from __future__ import annotations

import io
from pathlib import Path
from typing import IO, Literal

from att_docs.atomic import atomic_output
from att_docs.errors import ContentError
from att_docs.glossary.model import (
    ABBREVIATION_KINDS,
    STATUSES,
    TERM_TYPES,
    Concept,
    Glossary,
    Status,
    Term,
)
from att_docs.memo import by_content

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
]

Format = Literal["yaml", "csv", "tbx"]
FORMATS: tuple[Format, ...] = ("yaml", "csv", "tbx")
SUFFIXES: dict[str, Format] = {".yaml": "yaml", ".yml": "yaml", ".csv": "csv", ".tsv": "csv",
                               ".tbx": "tbx", ".xml": "tbx"}

_PACKAGE_ROOT = Path(__file__).resolve().parent.parent.parent


def default_path() -> Path:
    """The project's term base: ``glossary/att.yaml`` of the checkout in use.

    The working directory's ``glossary/att.yaml`` if there is one, else the one beside
    the att_docs package (the same rule that finds ``templates/``).
    """
    local = Path.cwd() / "glossary" / "att.yaml"
    return local if local.is_file() else _PACKAGE_ROOT / "glossary" / "att.yaml"


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
    if fmt == "yaml":
        from att_docs.glossary.yaml_format import load_yaml_glossary

        return load_yaml_glossary(path)
    if fmt == "csv":
        from att_docs.glossary.csv_format import load_csv_glossary

        return load_csv_glossary(path)
    from att_docs.glossary.tbx_format import load_tbx_glossary

    return load_tbx_glossary(path)


def dumps(glossary: Glossary, format: Format = "yaml") -> str:
    """The glossary as text in ``format``."""
    if format == "yaml":
        from att_docs.glossary.yaml_format import dumps_yaml

        return dumps_yaml(glossary)
    if format == "csv":
        from att_docs.glossary.csv_format import dumps_csv

        return dumps_csv(glossary)
    if format == "tbx":
        from att_docs.glossary.tbx_format import dumps_tbx

        return dumps_tbx(glossary)
    raise ValueError(f"unknown glossary format {format!r} (expected one of {FORMATS})")


def dump(glossary: Glossary, target: Path | str | IO[str] | IO[bytes],
         format: Format | None = None) -> None:
    """Write the glossary to a file (replaced atomically) or an open stream.

    ``format`` defaults to the file's suffix, or YAML for a stream.
    """
    if isinstance(target, str | Path):
        path = Path(target)
        text = dumps(glossary, format or format_of(path))
        with atomic_output(path) as tmp:
            tmp.write_text(text, encoding="utf-8")
        return
    text = dumps(glossary, format or "yaml")
    if isinstance(target, io.RawIOBase | io.BufferedIOBase) or "b" in getattr(target, "mode", ""):
        target.write(text.encode("utf-8"))  # type: ignore[arg-type]
    else:
        target.write(text)  # type: ignore[arg-type]
