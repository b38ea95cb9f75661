"""Export and import over many papers and files: what the ``xliff`` commands run."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from att_docs.base.atomic import atomic_output
from att_docs.base.errors import ContentError
from att_docs.document.model import Document
from att_docs.exchange.memory.match import Memory
from att_docs.exchange.xliff.export import Terms, check_target, file_name, to_xliff
from att_docs.exchange.xliff.ingest import Plan, plan_import

if TYPE_CHECKING:
    from att_docs.exchange.content_writer import Change

__all__ = ["Imported", "export_files", "import_files", "plan_files"]


def export_files(docs: list[Document], targets: tuple[str, ...], version: str, out: Path,
                 terms_for: Callable[[str, str], Terms | None],
                 memory_for: Callable[[str, str], Memory | None] | None = None,
                 ) -> list[Path]:
    """Write one file per paper and target language into ``out``; the paths written.

    ``targets`` empty means every language of each paper but its original. Every file is
    made before any is written. ``memory_for(source, target)`` gives the translation
    memory whose matches pre-fill and accompany the units.
    """
    made: list[tuple[Path, bytes]] = []
    for doc in docs:
        original = doc.masthead.original_language
        langs = targets or tuple(lang for lang in doc.languages if lang != original)
        for lang in langs:
            check_target(doc, lang)
            memory = memory_for(original, lang) if memory_for else None
            made.append((out / file_name(doc, lang, version),
                         to_xliff(doc, lang, version, terms_for(original, lang), memory)))
    for path, data in made:
        with atomic_output(path) as tmp:
            tmp.write_bytes(data)
    return [path for path, _ in made]


def plan_files(files: list[Path], content: Path, templates: Path, force: bool = False,
               all_or_nothing: bool = True) -> tuple[list[Plan], list[ContentError]]:
    """Read and check every file against its paper (found by symbol under ``content``).

    Returns the plans and the files refused whole (unreadable, for no paper, a second
    file for one paper and language). With ``all_or_nothing``, the first refused file or
    unit raises instead.
    """
    from att_docs.exchange.xliff.ingest import refusal_error
    from att_docs.exchange.xliff.papers import paper_index, read_one
    from att_docs.exchange.xliff.parse import read_units

    plans: list[Plan] = []
    failed: list[ContentError] = []
    docs: dict[Path, Document] = {}
    papers: dict[str, list[Path]] | None = None
    for path in files:
        try:
            xf = read_units(path)
            papers = paper_index(content) if papers is None else papers
            paper_dir = _paper_of(papers, xf.original, content, path)
            doc = docs.get(paper_dir) or docs.setdefault(paper_dir,
                                                         read_one(paper_dir, templates))
            plan = plan_import(xf, paper_dir, doc, templates, force)
            twin = next((p for p in plans if (p.paper_dir, p.lang) == (paper_dir, plan.lang)),
                        None)
            if twin is not None:
                raise ContentError(f"{twin.path.name} is for the same paper and language; "
                                   "import them one at a time", path)
        except ContentError as exc:
            if all_or_nothing:
                raise
            failed.append(exc)
            continue
        if plan.refused and all_or_nothing:
            raise refusal_error(plan, xf.original)
        plans.append(plan)
    return plans, failed


def _paper_of(papers: dict[str, list[Path]], symbol: str, content: Path, path: Path) -> Path:
    found = papers.get(symbol, [])
    if not found:
        raise ContentError(f"no paper with the symbol {symbol!r} under {content}", path)
    if len(found) > 1:
        raise ContentError(f"two papers have the symbol {symbol!r}: "
                           f"{' and '.join(str(f) for f in found)}; give each its own "
                           "symbol, or name the right one with --content", path)
    return found[0]


@dataclass
class Imported:
    """What one file changed (or, in a dry run, would change)."""

    plan: Plan
    changes: list[Change]


def import_files(files: list[Path], content: Path, templates: Path, dry_run: bool = False,
                 force: bool = False, all_or_nothing: bool = False,
                 ) -> tuple[list[Imported], list[ContentError]]:
    """Import every good unit of every file; the files imported and those refused whole.

    Each paper's new files and translation records are staged and read back before any
    paper's files move, then each paper is written in one journaled write. A paper that
    would not read back is refused whole (its files are listed with the refused ones).
    With ``all_or_nothing``, a refused file, unit or paper stops the import before
    anything is written (a :class:`ContentError`).
    """
    from att_docs.exchange.content_writer import PaperWrite, commit_all

    plans, failed = plan_files(files, content, templates, force, all_or_nothing)
    done: list[Imported] = []
    writes: dict[Path, PaperWrite] = {}
    for plan in plans:
        if not plan.texts and not plan.sources:
            done.append(Imported(plan, []))
            continue
        write = writes.get(plan.paper_dir)
        if write is None:
            write = writes[plan.paper_dir] = PaperWrite(plan.paper_dir, templates,
                                                        what="xliff import", current=plan.doc)
        changes = write.translations(plan.lang, plan.texts, sources=plan.sources,
                                     same=plan.same, locate=plan.origin)
        done.append(Imported(plan, changes))
    if not dry_run:
        refused = commit_all(list(writes.values()), partial=not all_or_nothing)
        failed.extend(error for _, error in refused)
        dropped = {write.paper_dir for write, _ in refused}
        done = [item for item in done if item.plan.paper_dir not in dropped]
    return done, failed
