"""Papers read in one place: the build, ``status``, ``check`` and the exports call
:func:`load_papers`.

A folder is a conference (it holds ``conference.yaml``) or one paper of it (it holds
``paper.yaml``; its conference is the folder above). Every paper is read and assembled
(numbered, framed) with the templates given; ``strict`` stops at the first problem (the
build), otherwise a paper's alignment problems stay in ``Document.problems`` (status,
checks) and, with ``keep_going``, a paper that cannot be read at all is recorded in
:attr:`Papers.failed` instead of stopping the others.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from att_docs.base.errors import ContentError
from att_docs.base.paths import CONFERENCE_FILE, PAPER_FILE, find_paper_dirs
from att_docs.document.model import Conference, Document

__all__ = ["Papers", "conference_folder", "load_papers"]


@dataclass
class Papers:
    """A conference and its assembled papers, by folder name, in folder order."""

    conference: Conference
    documents: dict[str, Document]
    failed: dict[Path, ContentError] = field(default_factory=dict)  # with keep_going only

    def __iter__(self):  # type: ignore[no-untyped-def]
        return iter(self.documents.values())


def conference_folder(folder: Path) -> tuple[Path, list[Path] | None]:
    """The conference folder of ``folder`` and, for a paper folder, that one paper."""
    if (folder / PAPER_FILE).exists() and not (folder / CONFERENCE_FILE).exists():
        return folder.parent, [folder]
    return folder, None


def load_papers(folder: Path, templates: Path, *, strict: bool = True,
                dirs: list[Path] | None = None, keep_going: bool = False) -> Papers:
    """Read and assemble the papers of a conference or paper folder (or only ``dirs``)."""
    from att_docs.readers.assemble import assemble
    from att_docs.readers.content import read_conference, read_paper
    from att_docs.readers.frame import FrameRenderer, known_types

    conference_dir, only = conference_folder(folder)
    conference = read_conference(conference_dir)
    wanted = dirs if dirs is not None else only or find_paper_dirs(conference_dir)
    types = known_types(templates)
    renderer = FrameRenderer(templates)
    papers = Papers(conference, {})
    for paper_dir in wanted:
        try:
            doc = read_paper(paper_dir, conference, templates, types, strict=strict)
            papers.documents[paper_dir.name] = assemble(doc, renderer)
        except ContentError as exc:
            if not keep_going:
                raise
            papers.failed[paper_dir] = exc
    return papers
