"""Export and import over many papers and files: what the ``xliff`` commands run."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from att_docs.atomic import atomic_output
from att_docs.document.model import Document
from att_docs.errors import ContentError
from att_docs.xliff.export import Terms, check_target, file_name, to_xliff
from att_docs.xliff.ingest import Plan, plan_import

if TYPE_CHECKING:
    from att_docs.conference.content_writer import Change

__all__ = ["Imported", "export_files", "import_files", "plan_files"]


def export_files(docs: list[Document], targets: tuple[str, ...], version: str, out: Path,
                 terms_for: Callable[[str, str], Terms | None]) -> list[Path]:
    """Write one file per paper and target language into ``out``; the paths written.

    ``targets`` empty means every language of each paper but its original. Every file is
    made before any is written.
    """
    made: list[tuple[Path, bytes]] = []
    for doc in docs:
        original = doc.masthead.original_language
        langs = targets or tuple(lang for lang in doc.languages if lang != original)
        for lang in langs:
            check_target(doc, lang)
            made.append((out / file_name(doc, lang, version),
                         to_xliff(doc, lang, version, terms_for(original, lang))))
    for path, data in made:
        with atomic_output(path) as tmp:
            tmp.write_bytes(data)
    return [path for path, _ in made]


def plan_files(files: list[Path], content: Path, templates: Path,
               force: bool = False) -> list[Plan]:
    """Read and check every file against its paper (found by symbol under ``content``)."""
    from att_docs.xliff.papers import paper_index, read_one
    from att_docs.xliff.parse import read_units

    plans: list[Plan] = []
    docs: dict[Path, Document] = {}
    papers: dict[str, Path] | None = None
    for path in files:
        xf = read_units(path)
        papers = paper_index(content) if papers is None else papers
        paper_dir = papers.get(xf.original)
        if paper_dir is None:
            raise ContentError(f"no paper with the symbol {xf.original!r} under {content}",
                               path)
        doc = docs.get(paper_dir) or docs.setdefault(paper_dir, read_one(paper_dir, templates))
        plan = plan_import(xf, paper_dir, doc, templates, force)
        twin = next((p for p in plans if (p.paper_dir, p.lang) == (paper_dir, plan.lang)), None)
        if twin is not None:
            raise ContentError(f"{twin.path.name} is for the same paper and language; "
                               "import them one at a time", path)
        plans.append(plan)
    return plans


@dataclass
class Imported:
    """What one file changed (or, in a dry run, would change)."""

    plan: Plan
    changes: list[Change]


def import_files(files: list[Path], content: Path, templates: Path, dry_run: bool = False,
                 force: bool = False) -> list[Imported]:
    """Import every file, or, if any is refused, none: each paper's new files are staged
    and read back before any paper's files move, then each paper is written in one
    journaled write with its translation records."""
    from att_docs.conference.content_writer import PaperWrite, commit_all

    done: list[Imported] = []
    writes: dict[Path, PaperWrite] = {}
    for plan in plan_files(files, content, templates, force):
        if not plan.texts:
            done.append(Imported(plan, []))
            continue
        write = writes.get(plan.paper_dir)
        if write is None:
            write = writes[plan.paper_dir] = PaperWrite(plan.paper_dir, templates,
                                                        what="xliff import", current=plan.doc)
        changes = write.translations(plan.lang, plan.texts, sources=plan.sources,
                                     locate=plan.origin)
        done.append(Imported(plan, changes))
    if not dry_run:
        commit_all(list(writes.values()))
    return done
