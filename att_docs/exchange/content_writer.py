"""Write texts into an existing paper folder, unit by unit, by id, in one journaled write.

Unit ids are those of :mod:`att_docs.document.units`; :mod:`att_docs.writers.content.file_plan`
decides which file and line each goes to. A text the paper already holds (however its
Markdown or YAML spells it) is left alone. Before anything is written, each text is
checked with the content reader's own rules (:mod:`att_docs.exchange.readback`), the
new files are staged and the paper is read back from them as the build reads it; then
all of them, the languages' translation records included, move into place in one
journaled write (:mod:`att_docs.base.journal`). An id that matches no unit stops the write.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Mapping
from contextlib import ExitStack
from pathlib import Path
from typing import Any

from att_docs.base.errors import ContentError
from att_docs.base.plural import counted
from att_docs.document.model import Document, Text
from att_docs.document.sameness import same_text
from att_docs.document.units import document_units, texts_by_id
from att_docs.exchange.readback import Origin, check_units, read_back
from att_docs.writers.content.file_plan import Change, FilePlan

__all__ = ["Change", "PaperWrite", "commit_all", "write_translations"]

def write_translations(paper_dir: Path, lang: str, texts: dict[str, Text],
                       original: str | None = None, dry_run: bool = False, *,
                       templates: Path | None = None, conference_dir: Path | None = None,
                       sources: Mapping[str, str] | None = None,
                       locate: Callable[[str], Origin] | None = None,
                       what: str = "write of translations") -> list[Change]:
    """Write ``texts`` (unit id → text in ``lang``) into the paper; the changes made.

    ``sources`` (unit id → the original text each was translated from) go into the
    paper's translation record in the same write. ``locate`` names where a text came
    from, for a refusal.
    """
    write = PaperWrite(paper_dir, templates, conference_dir=conference_dir, what=what)
    if original is not None and original != write.original:
        raise ContentError(f"the paper's original language is {write.original!r}, not "
                           f"{original!r}", paper_dir)
    changes = write.translations(lang, texts, sources=sources, locate=locate)
    if not dry_run:
        commit_all([write])
    return changes


def commit_all(writes: list[PaperWrite], *, partial: bool = False,
               ) -> list[tuple[PaperWrite, ContentError]]:
    """Stage and read back every paper's write, then commit them: a refusal of any one
    (a text the reader would read otherwise) writes none, or, if ``partial``, only that
    paper's write is dropped. The writes dropped, each with its refusal."""
    from att_docs.base.journal import Write

    refused: list[tuple[PaperWrite, ContentError]] = []
    with ExitStack() as stack:
        staged = []
        for write in writes:
            if not write.outputs:
                continue
            tx = stack.enter_context(Write(write.paper_dir, write.what))
            try:
                write.stage(tx)
            except ContentError as exc:
                if not partial:
                    raise
                refused.append((write, exc))  # its staged files go when the block ends
                continue
            staged.append(tx)
        for tx in staged:
            tx.commit()
    return refused


class PaperWrite:
    """Pending changes to one paper's files: texts of one or more languages, and the
    languages' translation records, all read back before any file moves."""

    def __init__(self, paper_dir: Path, templates: Path | None = None, *,
                 conference_dir: Path | None = None, what: str = "write of translations",
                 current: Document | None = None, complete: bool = False):
        from att_docs.base.paths import default_templates
        from att_docs.readers.content import read_conference, read_paper
        from att_docs.readers.frame import known_types

        self.paper_dir, self.what = paper_dir, what
        self.templates = templates or default_templates()
        self._complete = current is not None or complete  # read in every language
        if current is not None:  # the paper as the caller just read it
            self.conference, self.current = current.conference, current
        else:  # in its original language (a translation may still lack texts) or all
            self.conference = read_conference(conference_dir or paper_dir.parent)
            languages = None if complete else [original_language(paper_dir)]
            self.current = read_paper(paper_dir, self.conference, self.templates,
                                      known_types(self.templates), strict=False,
                                      languages=languages)
        self.original = self.current.masthead.original_language
        self.units = {u.id: u for u in document_units(self.current)}
        self.outputs: dict[Path, str] = {}
        self.written: dict[str, dict[str, Text]] = {}
        self.origins: dict[str, Origin] = {}  # unit id: where its new text came from
        self.source: Origin | None = None  # the input, for a refusal with no unit

    def translations(self, lang: str, texts: Mapping[str, Text], *,
                     sources: Mapping[str, str] | None = None, same: Iterable[str] = (),
                     locate: Callable[[str], Origin] | None = None) -> list[Change]:
        """Plan ``texts`` into the files of ``lang``; the changes this makes. ``sources``
        go into the language's translation record, the units of ``same`` confirmed to
        stay the same as their original."""
        held = self._held(lang)
        texts = {unit_id: text for unit_id, text in texts.items()
                 if not _same(held.get(unit_id), text, self.units.get(unit_id))}
        kinds = {unit_id: unit.kind for unit_id, unit in self.units.items()}
        locate = locate or (lambda _id: Origin(self.paper_dir))
        check_units(texts, kinds, list(self.current.footnotes), lang, self.templates, locate)
        self.origins.update({unit_id: locate(unit_id) for unit_id in texts})
        if texts and self.source is None:
            self.source = Origin(locate(next(iter(texts))).path)
        plan = FilePlan(self.paper_dir, lang, self.original, self.read, self.outputs)
        remaining = plan.plan(texts)
        if remaining:
            ids = ", ".join(sorted(remaining)[:8])
            raise ContentError(counted(len(remaining), "{n} unit id matches",
                                       "{n} unit ids match")
                               + f" nothing in this paper: {ids}", self.paper_dir)
        if sources:
            from att_docs.records.provenance import record_path, recorded_text

            record = record_path(self.paper_dir, lang)
            text = recorded_text(self.paper_dir, lang, sources, same)
            if text != self.read(record):
                self.outputs[record] = text
        self.written.setdefault(lang, {}).update(texts)
        return plan.changes

    def _read(self, languages: list[str], folder: Path | None = None) -> Document:
        from att_docs.readers.content import read_paper
        from att_docs.readers.frame import known_types

        return read_paper(folder or self.paper_dir, self.conference, self.templates,
                          known_types(self.templates), strict=False, languages=languages)

    def _held(self, lang: str) -> dict[str, Text]:
        """The paper's texts in ``lang`` now ({} when the language does not read yet)."""
        if self._complete:
            return texts_by_id(self.current, lang)
        try:
            return texts_by_id(self._read([self.original, lang]), lang)
        except ContentError:
            return {}

    def read(self, path: Path) -> str | None:
        """A file's text as planned so far (else as on disk, line ends as they are; None
        if missing). Read as the content reader reads it: a regular file, UTF-8."""
        from att_docs.base.inputs import read_text

        if path in self.outputs:
            return self.outputs[path]
        if not os.path.lexists(path):
            return None
        return read_text(path)

    def write_unseen(self) -> None:
        """Write the planned files straight into a paper folder nobody sees yet (one
        staged whole by a re-import, which reads it back itself)."""
        from att_docs.base.confine import write_inside

        for path, content in self.outputs.items():
            write_inside(self.paper_dir, path.relative_to(self.paper_dir).as_posix(),
                         content.encode("utf-8"))

    def stage(self, tx: Any) -> None:
        """Stage the planned files in ``tx`` (a :class:`att_docs.base.journal.Write`) and read
        the paper back from them; a text that would read otherwise is refused."""
        for path, content in self.outputs.items():
            tx.put(path.relative_to(self.paper_dir).as_posix(), content.encode("utf-8"))
        languages = [self.original, *(x for x in self.written if x != self.original)]
        read_back(tx.shadow(), self.paper_dir, self.conference, self.templates,
                  self.written, languages=languages, locate=self._origin,
                  source=self.source, tolerate=lambda exc: self._failed_before(exc, languages))

    def _failed_before(self, error: ContentError, languages: list[str]) -> bool:
        """The paper did not read in ``languages`` before this write either, for the same
        reason: a problem the write found, not one it made."""
        try:
            self._read(languages)
        except ContentError as before:
            return (before.message, _rel(before.path, self.paper_dir)) == \
                (error.message, _rel(error.path, self.paper_dir))
        return False

    def _origin(self, unit_id: str) -> Origin:
        return self.origins.get(unit_id) or self.source or Origin(self.paper_dir)


def _same(held: Text | None, text: Text, unit: Any) -> bool:
    """The paper already holds ``text`` (however its Markdown or YAML spells it)."""
    if held is None:
        return False
    if unit is not None and unit.file is not None:  # metadata: a plain string
        return held.plain() == text.plain()
    return same_text(held, text)


def _rel(path: Path | None, root: Path) -> str:
    """A reader error's file as a path inside the paper."""
    if path is None:
        return ""
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        return path.as_posix()


def original_language(paper_dir: Path) -> str:
    """The ``original_language`` of a paper's ``paper.yaml`` (validated by the reader)."""
    from att_docs.base.yamlfile import load_yaml

    return str((load_yaml(paper_dir / "paper.yaml").data or {}).get("original_language", ""))
