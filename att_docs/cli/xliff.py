"""``att-docs xliff export|import``: a paper's texts to and from translators' CAT tools."""

from __future__ import annotations

from pathlib import Path

import click

from att_docs.cli.errors import EXIT_CODES_HELP, reports_errors
from att_docs.cli.options import glossary_option, templates_option
from att_docs.cli.recovery import finish_interrupted_writes


@click.group(epilog=EXIT_CODES_HELP)
def xliff() -> None:
    """Hand papers to translators as XLIFF, and take their translations back.

    \b
    Translators work in CAT tools (Trados, memoQ, OmegaT), which exchange XLIFF.
    `export` writes one XLIFF file per paper and target language; `import` writes
    the translated targets back into the paper's files by id.

    \b
    Examples:
      att-docs xliff export content/csp9 -o out/        every paper, every target language
      att-docs xliff import out/*.xlf --dry-run         what would change
      att-docs xliff import out/*.xlf                   write the translations
    """


@xliff.command("export", epilog=EXIT_CODES_HELP)
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path, exists=True,
                                                   file_okay=False))
@click.option("-t", "--target", "targets", multiple=True,
              help="Language to translate into (repeatable; default: every language of "
                   "the paper but its original).")
@click.option("--xliff", "version", type=click.Choice(["1.2", "2.1"]), default="1.2",
              show_default=True, help="XLIFF version.")
@click.option("-o", "--output", type=click.Path(path_type=Path, file_okay=False),
              help="Folder for the files (default: build/xliff/).")
@glossary_option
@templates_option
@reports_errors
def export(paths: tuple[Path, ...], targets: tuple[str, ...], version: str,
           output: Path | None, glossary_path: Path | None, templates: Path | None) -> None:
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
    """
    from att_docs.conference.paths import Project, check_output_file
    from att_docs.xliff.batch import export_files
    from att_docs.xliff.export import Terms
    from att_docs.xliff.papers import read_papers
    from att_docs.xliff.terms import term_finder

    project = Project.default(templates, glossary_path)
    finish_interrupted_writes(*(paths or (project.content,)))
    docs = read_papers(paths or (project.content,), project.templates)
    glossary = project.glossary
    finders: dict[tuple[str, str], Terms | None] = {}

    def terms_for(source: str, target: str) -> Terms | None:
        if not glossary.is_file():
            return None
        key = (source, target)
        if key not in finders:
            finders[key] = term_finder(glossary, source, target, project.templates)
        return finders[key]

    out = output or project.build / "xliff"
    conferences = sorted({d.conference.source.parent for d in docs if d.conference.source})
    check_output_file(out, project, "-o/--output" if output else None, conferences,
                      folder=True)
    written = export_files(docs, targets, version, out, terms_for)
    for path in written:
        click.echo(str(path))
    click.echo(f"exported {len(written)} file(s) from {len(docs)} paper(s)", err=True)


@xliff.command("import", epilog=EXIT_CODES_HELP)
@click.argument("files", nargs=-1, required=True,
                type=click.Path(path_type=Path, exists=True, dir_okay=False))
@click.option("--dry-run", is_flag=True, help="Print what would change; write nothing.")
@click.option("--force", is_flag=True,
              help="Import units whose original text changed since export too.")
@click.option("--content", type=click.Path(path_type=Path, file_okay=False),
              help="Where to look for the papers, by symbol (default: content/).")
@templates_option
@reports_errors
def import_(files: tuple[Path, ...], dry_run: bool, force: bool, content: Path | None,
            templates: Path | None) -> None:
    """Write the translations of XLIFF files back into their papers.

    \b
    Each file finds its paper by the symbol it was exported with. Targets are
    written by id into <lang>.md, tables.yaml, decisions.yaml, paper.yaml and
    annex.yaml; nothing else in those files changes. Units left untranslated
    (no target, or the target equal to the source) and unchanged ones are skipped.

    \b
    Refused, with nothing written: malformed XML or a DOCTYPE, a file for a paper
    or language that does not exist, unknown unit ids, inline codes (bold,
    italic, footnote marks) lost or added, a translation that would not read back
    as written, and units whose original text changed since the export (listed;
    --force imports them anyway).
    """
    from att_docs.conference.paths import Project
    from att_docs.xliff.batch import import_files

    project = Project.default(templates)
    finish_interrupted_writes(content or project.content)
    done = import_files(list(files), content or project.content, project.templates,
                        dry_run, force)
    verb = "would change" if dry_run else "changed"
    for item in done:
        for change in item.changes:
            text = item.plan.texts[change.unit_id].plain().replace("\n", " ")
            preview = text if len(text) <= 60 else text[:59] + "…"
            click.echo(f"{change.file}: {change.unit_id} {change.kind}: {preview}")
        plan = item.plan
        click.echo(f"{plan.path.name}: {verb} {len(item.changes)} unit(s), "
                   f"{plan.unchanged} unchanged, {len(plan.untranslated)} untranslated",
                   err=True)
