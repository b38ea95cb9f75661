"""What ``att-docs check`` reads: conference and paper folders, XLIFF and text files."""

from __future__ import annotations

from pathlib import Path

from att_docs.base.errors import ContentError
from att_docs.base.paths import CONFERENCE_FILE, PAPER_FILE, find_conferences
from att_docs.checks.segments import Corpus, corpus_from_document
from att_docs.checks.suppress import apply_markers
from att_docs.document.model import Document
from att_docs.readers.load import load_papers

__all__ = ["TEXT_SUFFIXES", "load_documents", "one_conference", "read_inputs"]

TEXT_SUFFIXES = (".md", ".markdown", ".txt")


def load_documents(folder: Path, templates: Path) -> list[Document]:
    """The papers of a conference folder, or the one paper of a paper folder.

    Read leniently: a block missing in one language becomes a ``structure`` finding
    instead of stopping the check at the first one.
    """
    papers = load_papers(folder, templates, strict=False)
    if not papers.documents:
        raise ContentError("the conference has no papers (no */paper.yaml)", folder)
    return list(papers)


def one_conference(paths: list[Path]) -> Path | None:
    """The conference folder when ``paths`` name one whole conference and nothing else
    (its papers can then be checked apart, :mod:`att_docs.checks.incremental`)."""
    if len(paths) != 1 or not paths[0].is_dir():
        return None
    path = paths[0]
    if (path / CONFERENCE_FILE).exists():
        return path
    if (path / PAPER_FILE).exists():
        return None
    found = find_conferences(path)
    return found[0] if len(found) == 1 else None


def read_inputs(paths: list[Path], templates: Path, lang: str | None = None) -> list[Corpus]:
    """One corpus per paper, XLIFF file or text file named by ``paths``."""
    from att_docs.checks.plaintext import read_text_file
    from att_docs.checks.xliff import XLIFF_SUFFIXES, read_xliff

    corpora: list[Corpus] = []
    cache: dict = {}
    for path in paths:
        if path.is_dir():
            if (path / CONFERENCE_FILE).exists() or (path / PAPER_FILE).exists():
                folders = [path]
            else:
                folders = find_conferences(path)
            for folder in folders:
                for doc in load_documents(folder, templates):
                    corpus = corpus_from_document(doc)
                    apply_markers(corpus, cache)
                    corpora.append(corpus)
        elif not path.exists():
            raise ContentError("no such file or folder", path)
        elif path.suffix.lower() in XLIFF_SUFFIXES:
            corpora.append(read_xliff(path))
        elif path.suffix.lower() in TEXT_SUFFIXES:
            corpora.append(read_text_file(path, lang, templates))
        else:
            raise ContentError("cannot check this kind of file: give a conference or paper "
                               "folder, an .xlf/.xliff file, or a .md/.txt file", path)
    return corpora
