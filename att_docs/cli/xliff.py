"""``att-docs xliff export|import``: a paper's texts to and from translators' CAT tools."""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from att_docs.base.paths import Project
from att_docs.base.plural import counted
from att_docs.cli.errors import EXIT_CODES_HELP, reports_errors
from att_docs.cli.options import glossary_option, templates_option
from att_docs.cli.recovery import finish_interrupted_writes

if TYPE_CHECKING:
    from att_docs.document.model import Document
    from att_docs.exchange.memory.store import MemoryStore
    from att_docs.exchange.xliff.export import Terms


@click.group(epilog=EXIT_CODES_HELP)
def xliff() -> None:
    """Hand papers to translators as XLIFF, and take their translations back.

    \b
    Translators work in CAT tools (Trados, memoQ, OmegaT), which exchange XLIFF.
    `export` writes one XLIFF file per paper and target language, pre-filled from
    the translation memory (the translations recorded in the content folder, and
    TMX files added with `att-docs tm add`); `analyse` counts the words to
    translate per match band; `import` writes the translated targets back into
    the paper's files by id.

    \b
    Examples:
      att-docs xliff export content/csp9 -o out/        every paper, every target language
      att-docs xliff analyse content/csp9 -t zh         words per match band
      att-docs xliff import out/*.xlf --dry-run         what would change
      att-docs xliff import out/*.xlf                   write the translations
    """


def papers_and_targets(func: Callable[..., Any]) -> Callable[..., Any]:
    """PATHS and ``-t/--target``: the papers of export and analyse, and their languages."""
    func = click.option("-t", "--target", "targets", multiple=True,
                        help="Language to translate into (repeatable; default: every "
                             "language of the paper but its original).")(func)
    return click.argument("paths", nargs=-1, type=click.Path(
        path_type=Path, exists=True, file_okay=False))(func)


def memory_option(func: Callable[..., Any]) -> Callable[..., Any]:
    """``--memory DIR`` and ``--no-memory``: where the translation memory comes from."""
    func = click.option("--no-memory", is_flag=True,
                        help="Use no translation memory: no pre-filled targets, no "
                             "matches.")(func)
    return click.option(
        "--memory", "memory_dir", type=click.Path(path_type=Path, file_okay=False,
                                                  exists=True),
        help="Content folder whose conferences and .tm/ files make the translation "
             "memory (default: the one holding the papers, else content/).")(func)


def content_folder(paths: tuple[Path, ...], default: Path) -> Path:
    """The content folder of the first path: the folder holding its conference."""
    from att_docs.base.paths import CONFERENCE_FILE, PAPER_FILE

    if not paths:
        return default
    first = paths[0].resolve()
    if (first / PAPER_FILE).is_file() and not (first / CONFERENCE_FILE).is_file():
        return first.parent.parent
    return first.parent if (first / CONFERENCE_FILE).is_file() else first


def memory_store(paths: tuple[Path, ...], memory_dir: Path | None, no_memory: bool,
                 project: Project, docs: list[Document]) -> MemoryStore | None:
    """The translation memory a command uses (``docs``, read already, are not read
    again), its notes printed to stderr."""
    from att_docs.exchange.memory.store import MemoryStore

    if no_memory:
        return None
    store = MemoryStore(memory_dir or content_folder(paths, project.content),
                        project.templates, docs)
    for note in store.notes:
        click.echo(f"att-docs: warning: {note}", err=True)
    return store


@xliff.command("export", epilog=EXIT_CODES_HELP)
@papers_and_targets
@click.option("--xliff", "version", type=click.Choice(["1.2", "2.1"]), default="1.2",
              show_default=True, help="XLIFF version.")
@click.option("-o", "--output", type=click.Path(path_type=Path, file_okay=False),
              help="Folder for the files (default: build/xliff/).")
@memory_option
@glossary_option
@templates_option
@reports_errors
def export(paths: tuple[Path, ...], targets: tuple[str, ...], version: str,
           output: Path | None, memory_dir: Path | None, no_memory: bool,
           glossary_path: Path | None, templates: Path | None) -> None:
    """Write XLIFF files of papers for translation.

    \b
    PATHS are paper folders, conference folders or folders of conferences
    (default: content/). Each file is named after the paper's symbol and the
    languages, ATT_CSP9.WGTU_2023_CHAIR_763_Conf.Rep.en-zh.xlf, and holds every
    text a translator translates (titles, headings, paragraphs, table cells,
    decisions, footnotes) with its id. Bold, italic and footnote marks are inline
    codes. Existing translations are targets (state translated); an untranslated
    unit has its source as target with state new (1.2) or no target (2.1).
    Glossary terms of each unit are in a note with their required translation.

    \b
    Translation memory: every translation recorded in the content folder's
    conferences, and the TMX files added with `att-docs tm add`. An untranslated
    unit with the same text in an earlier paper of the same type under the same
    id, or anywhere with the same text, gets that translation as its target,
    state needs-review-translation with state-qualifier id-match or exact-match
    (2.1: subState att:id-match, att:exact-match). Fuzzy matches of 75 % and more
    come beside the unit as <alt-trans match-quality="NN"> (2.1: <mtc:match
    similarity="NN">). Inline codes and numbers are carried over; a number that
    differs lowers the score. A pre-filled text counts as translated only once
    it is imported (xliff import) or confirmed.
    """
    from att_docs.base.paths import check_output_file
    from att_docs.exchange.xliff.batch import export_files
    from att_docs.exchange.xliff.papers import read_papers

    project = Project.default(templates, glossary_path)
    finish_interrupted_writes(*(paths or (project.content,)))
    docs = read_papers(paths or (project.content,), project.templates)
    out = output or project.build / "xliff"
    conferences = sorted({d.conference.source.parent for d in docs if d.conference.source})
    check_output_file(out, project, "-o/--output" if output else None, conferences,
                      folder=True)
    store = memory_store(paths, memory_dir, no_memory, project, docs)
    written = export_files(docs, targets, version, out, terms_finder(project),
                           store.memory if store else None)
    for path in written:
        click.echo(str(path))
    click.echo(f"exported {counted(len(written), '{n} file', '{n} files')} from "
               f"{counted(len(docs), '{n} paper', '{n} papers')}", err=True)


def terms_finder(project: Project) -> Callable[[str, str], Terms | None]:
    """Glossary terms by language pair, each finder made once."""
    from att_docs.exchange.xliff.terms import term_finder

    glossary = project.glossary
    finders: dict[tuple[str, str], Terms | None] = {}

    def terms_for(source: str, target: str) -> Terms | None:
        if not glossary.is_file():
            return None
        key = (source, target)
        if key not in finders:
            finders[key] = term_finder(glossary, source, target, project.templates)
        return finders[key]

    return terms_for


@xliff.command("analyse", epilog=EXIT_CODES_HELP)
@papers_and_targets
@click.option("--format", "output", type=click.Choice(["text", "json", "csv"]),
              default="text", show_default=True, help="A table, JSON or CSV.")
@memory_option
@templates_option
@reports_errors
def analyse(paths: tuple[Path, ...], targets: tuple[str, ...], output: str,
            memory_dir: Path | None, no_memory: bool, templates: Path | None) -> None:
    """How many words of each paper are new, against the translation memory.

    \b
    For the units `xliff export` hands out (untranslated or stale), the words
    per band of their best match, as CAT tools report them to plan and pay for
    translation: Repet. (the same text earlier in the paper), 100% (an id or
    exact match: what the export pre-fills), 95-99%, 85-94%, 75-84% (fuzzy
    matches) and New (no match of 75 % or more); Total is their sum, Done the
    words already translated. Words are counted as `status` counts them (the
    original's words; characters for a language without spaces). PATHS and the
    translation memory are those of `xliff export`.

    \b
    Examples:
      att-docs xliff analyse content/csp10 -t zh
      att-docs xliff analyse content/csp10/wgtu-report -t zh --format csv
    """
    from att_docs.exchange.xliff.analyse import analyse as analyse_paper
    from att_docs.exchange.xliff.analyse import as_csv, as_json, as_text, locale_counter
    from att_docs.exchange.xliff.export import check_target
    from att_docs.exchange.xliff.papers import read_papers

    project = Project.default(templates)
    finish_interrupted_writes(*(paths or (project.content,)))
    docs = read_papers(paths or (project.content,), project.templates)
    store = memory_store(paths, memory_dir, no_memory, project, docs)
    rows = []
    for doc in docs:
        original = doc.masthead.original_language
        count, unit = locale_counter(project.templates, original)
        for lang in targets or tuple(x for x in doc.languages if x != original):
            check_target(doc, lang)
            memory = store.memory(original, lang) if store else None
            rows.append(analyse_paper(doc, lang, memory, count, unit))
    if not rows:
        raise click.UsageError("no paper to analyse")
    click.echo({"text": as_text, "json": as_json, "csv": as_csv}[output](rows), nl=False)


@xliff.command("import", epilog=EXIT_CODES_HELP)
@click.argument("files", nargs=-1, required=True,
                type=click.Path(path_type=Path, exists=True, dir_okay=False))
@click.option("--dry-run", is_flag=True, help="Print what would change; write nothing.")
@click.option("--force", is_flag=True,
              help="Import units whose original text changed since export too.")
@click.option("--all-or-nothing", is_flag=True,
              help="Import nothing at all if any unit or file is refused.")
@click.option("--content", type=click.Path(path_type=Path, file_okay=False),
              help="Where to look for the papers, by symbol (default: content/).")
@templates_option
@reports_errors
def import_(files: tuple[Path, ...], dry_run: bool, force: bool, all_or_nothing: bool,
            content: Path | None, templates: Path | None) -> None:
    """Write the translations of XLIFF files back into their papers.

    \b
    Each file finds its paper by the symbol it was exported with. Targets are
    written by id into <lang>.md, tables.yaml, decisions.yaml, paper.yaml and
    annex.yaml; nothing else in those files changes, and each file is replaced
    in one step. Units left untranslated (no target, or the target equal to the
    source) and unchanged ones are skipped. A target the translator marked
    final (or signed-off in XLIFF 1.2) is recorded as translated even where it is
    the same as the source: the text stays the same in that language.

    \b
    Every good unit is imported. A unit is refused, and listed with its file,
    line and id, when its id is not in the paper or appears twice, its inline
    codes (bold, italic, footnote marks) were lost or added, its translation
    would not read back as written, or its original text changed since the
    export (--force imports those too). A file that is not XLIFF, has a DOCTYPE,
    or is for a paper or language that does not exist is refused whole. The last
    line sums it up; exit code 1 when anything was refused. With
    --all-or-nothing, a refusal stops the import before anything is written.
    """
    from att_docs.exchange.xliff.batch import import_files

    project = Project.default(templates)
    finish_interrupted_writes(content or project.content)
    done, failed = import_files(list(files), content or project.content, project.templates,
                                dry_run, force, all_or_nothing)
    verb = "would change" if dry_run else "changed"
    refused = 0
    for item in done:
        for change in item.changes:
            text = item.plan.texts[change.unit_id].plain().replace("\n", " ")
            preview = text if len(text) <= 60 else text[:59] + "…"
            click.echo(f"{change.file}: {change.unit_id} {change.kind}: {preview}")
        plan = item.plan
        for refusal in plan.refused:
            where = f"{plan.path}:{refusal.line}" if refusal.line else str(plan.path)
            click.echo(f"{where}: {refusal.shown}: refused: {refusal.reason}", err=True)
        refused += len(plan.refused)
        confirmed = f", {len(plan.confirmed)} confirmed" if plan.confirmed else ""
        units = counted(len(item.changes), "{n} unit", "{n} units")
        click.echo(f"{plan.path.name}: {verb} {units}{confirmed}, "
                   f"{plan.unchanged} unchanged, {len(plan.untranslated)} untranslated"
                   + (f", {len(plan.refused)} refused" if plan.refused else ""), err=True)
    for error in failed:
        click.echo(f"{error}; file refused", err=True)
    changed = sum(len(item.changes) for item in done)
    confirmed = sum(len(item.plan.confirmed) for item in done)
    refusals = counted(refused, "{n} unit refused", "{n} units refused") + (
        ", " + counted(len(failed), "{n} file refused whole", "{n} files refused whole")
        if failed else "")
    click.echo(f"xliff import of {counted(len(files), '{n} file', '{n} files')}: "
               f"{counted(changed, '{n} unit', '{n} units')} "
               f"{'to change' if dry_run else 'changed'}, {confirmed} confirmed, {refusals}",
               err=True)
    if refused or failed:
        sys.exit(1)
