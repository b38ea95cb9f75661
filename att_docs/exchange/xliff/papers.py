"""The papers XLIFF works on: named by folder for export, found by symbol for import.

Papers are read leniently (a paragraph missing in a translation is simply untranslated)
through :func:`att_docs.readers.load.load_papers`, like every command.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from att_docs.base.errors import ContentError
from att_docs.base.paths import CONFERENCE_FILE, PAPER_FILE, find_conferences, find_paper_dirs
from att_docs.document.model import Document
from att_docs.readers.symbol_field import stated_symbol

__all__ = ["paper_index", "paper_symbol", "read_one", "read_papers"]


def read_one(paper_dir: Path, templates: Path) -> Document:
    """Read the paper in ``paper_dir`` (its conference is the parent folder)."""
    from att_docs.readers.load import load_papers

    return load_papers(paper_dir, templates, strict=False).documents[paper_dir.name]


def read_papers(paths: Iterable[Path], templates: Path) -> list[Document]:
    """The papers of ``paths``: each a paper folder, a conference folder or a folder of
    conferences."""
    from att_docs.readers.load import load_papers

    docs: list[Document] = []
    for path in paths:
        if (path / PAPER_FILE).is_file():
            docs.append(read_one(path, templates))
            continue
        if not path.is_dir():
            raise ContentError("not a paper or conference folder", path)
        for folder in find_conferences(path):
            docs.extend(load_papers(folder, templates, strict=False))
    return docs


def paper_symbol(paper_dir: Path) -> str:
    """The ``symbol`` of a paper's ``paper.yaml``, read quickly without validating the
    rest; "" when the file does not say (reading the paper itself reports why)."""
    try:
        return stated_symbol(paper_dir)
    except ContentError:
        return ""


def paper_index(content: Path) -> dict[str, list[Path]]:
    """Paper folders by symbol under ``content`` (a paper folder, a conference folder or
    a folder of conferences); a symbol two papers share lists both."""
    if (content / PAPER_FILE).is_file():
        return {paper_symbol(content): [content]}
    folders = [content] if (content / CONFERENCE_FILE).is_file() else find_conferences(content)
    index: dict[str, list[Path]] = {}
    for folder in folders:
        for paper in find_paper_dirs(folder):
            index.setdefault(paper_symbol(paper), []).append(paper)
    return index
