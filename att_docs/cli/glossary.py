"""``att-docs glossary import|export``: the term base to and from TBX and CSV."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from att_docs.base.plural import counted
from att_docs.cli.errors import EXIT_CODES_HELP, reports_errors
from att_docs.cli.recovery import finish_interrupted_writes
from att_docs.glossary import Glossary

_FORMATS = ("tbx", "tbx2008", "omegat-tsv", "csv", "yaml", "tmx")


@click.group(epilog=EXIT_CODES_HELP)
def glossary() -> None:
    """Convert the term base to and from TBX and CSV; export it for CAT tools.

    \b
    The project's term base is glossary/att.yaml: one concept per entry, with
    each language's preferred terms, admitted variants and abbreviations, and
    deprecated variants (format: glossary/README.md). `att-docs check` reads it.
    Translators' tools exchange term bases as TBX (ISO 30042) or CSV; these
    commands convert, and a round trip loses nothing. `export --format tmx`
    also writes the conference's aligned texts as a translation memory.

    \b
    Examples:
      att-docs glossary export --format tbx -o att.tbx     for a CAT tool
      att-docs glossary export --format tbx2008 -o att.tbx for OmegaT
      att-docs glossary export --format csv > att.csv      for a spreadsheet
      att-docs glossary import memoq-export.tbx            preview as YAML
      att-docs glossary import terms.csv -o glossary/att.yaml --force
    """


@glossary.command("import", epilog=EXIT_CODES_HELP)
@click.argument("file", type=click.Path(path_type=Path, dir_okay=False))
@click.option("-o", "--output", type=click.Path(path_type=Path, dir_okay=False),
              help="Write the YAML to this file instead of stdout.")
@click.option("--force", is_flag=True,
              help="Replace OUTPUT if it exists (it is never replaced otherwise).")
@reports_errors
def import_(file: Path, output: Path | None, force: bool) -> None:
    """Convert a TBX or CSV term base into the project's YAML format.

    \b
    FILE is read by its suffix:
      .tbx .xml   TBX-Basic v3 (ISO 30042:2019) or TBX 2008 (<martif>), as
                  memoQ, Trados MultiTerm, Xbench, Weblate and others export;
                  data the glossary does not hold (dates, part of speech,
                  images) is skipped
      .csv .tsv   one row per term with the columns of `export --format csv`,
                  or one row per concept with a column per language (en, zh)
      .yaml .yml  the project's own format (normalizes the layout)

    \b
    Language tags become the glossary's codes: a tag with a region becomes its
    language, unless the region or a script subtag implies another script than
    the language's usual one (CLDR): Traditional Han stays apart as -Hant. A
    language whose terms carry no status
    gets its first term as the preferred one, the others as admitted.

    \b
    The YAML goes to stdout unless -o is given. -o never replaces an existing
    file without --force; the file is written whole or not at all, and is read
    back to prove it holds exactly what FILE held.

    \b
    Examples:
      att-docs glossary import terms.tbx > /tmp/terms.yaml
      att-docs glossary import terms.tbx -o glossary/att.yaml --force
    """
    from att_docs.base.atomic import atomic_output
    from att_docs.base.paths import Project, check_output_file
    from att_docs.glossary import load
    from att_docs.glossary.project_yaml import project_yaml

    terms = load(file)
    text = project_yaml(terms, file)  # read back as FILE said it, or FILE:LINE's error
    if output is None:
        _write_stdout(text)
        return
    if output.exists() and not force:
        raise click.UsageError(f"{output} exists; add --force to replace it")
    check_output_file(output, Project.default(), "-o/--output", glossary=True)
    with atomic_output(output) as tmp:
        tmp.write_text(text, encoding="utf-8")
    click.echo(f"imported {_summary(terms)} from {file} → {output}", err=True)


@glossary.command("export", epilog=EXIT_CODES_HELP)
@click.option("-f", "--format", "fmt", type=click.Choice(_FORMATS),
              help="tbx (TBX-Basic v3), tbx2008 (martif, for OmegaT), omegat-tsv, csv, "
                   "yaml, or tmx (the conference's aligned texts). Default: from the "
                   "suffix of -o, else tbx.")
@click.option("-o", "--output", type=click.Path(path_type=Path, dir_okay=False),
              help="Write to this file (replaced atomically) instead of stdout.")
@click.option("--source", metavar="LANG",
              help="Source language code, as the glossary or conference names it. "
                   "tmx: default each paper's original language.")
@click.option("--target", "targets", metavar="LANG", multiple=True,
              help="Target language code; repeat for several (not omegat-tsv). "
                   "Default: every other language.")
@click.option("--allowed-only", is_flag=True,
              help="Leave out deprecated and superseded terms: for tools that ignore a "
                   "term's status, such as OmegaT 3.6 with tbx2008.")
@click.option("--glossary", "source_file", type=click.Path(path_type=Path, dir_okay=False),
              help="The term base to export (default: glossary/att.yaml). Any format "
                   "that import reads.")
@click.option("--conference", "conference_dir", type=click.Path(path_type=Path,
                                                                file_okay=False),
              help="tmx only: the conference folder (default: the one in content/).")
@click.option("--templates", type=click.Path(path_type=Path, file_okay=False),
              help="tmx only: templates folder (default: templates/).")
@reports_errors
def export(fmt: str | None, output: Path | None, source: str | None, targets: tuple[str, ...],
           allowed_only: bool, source_file: Path | None, conference_dir: Path | None,
           templates: Path | None) -> None:
    """Export the term base, or the conference's translation memory, for CAT tools.

    \b
    tbx         TBX-Basic v3, DCA style (ISO 30042:2019), valid against the
                official TBX-Basic RelaxNG and Schematron: a conceptEntry per
                concept, a langSec per language, a termSec per term with its
                administrativeStatus (preferredTerm-admn-sts, admittedTerm-admn-sts,
                deprecatedTerm-admn-sts) and termType. memoQ, Trados, Phrase, Xbench.
    tbx2008     TBX 2008 (<martif>, TBX-Default), the same data: OmegaT 3.6
                and translate-toolkit read this one, not v3. OmegaT 3.6 ignores
                a term's status and offers every target term of a concept,
                deprecated ones too: add --allowed-only for it.
    omegat-tsv  OmegaT's own glossary: source<TAB>target<TAB>comment, one line
                per allowed source term with the preferred target term; the
                comment lists other allowed and deprecated target terms. Needs
                --source and --target unless the glossary has two languages.
                Save it in the OmegaT project's glossary/ folder as .utf8
                (OmegaT reads .utf8 as UTF-8; .txt and .tab it guesses).
    csv         one row per term: concept_id, lang, term, status, kind,
                case_sensitive, note, concept_note, subject, definition.
    tmx         TMX 1.4 of the conference's current aligned texts: one <tu> per
                translated unit of every paper (tuid SYMBOL#UNIT), with the source
                and each translated language. Load it as a translation memory.

    \b
    Languages are the codes the glossary or conference uses (as in the YAML);
    --source/--target choose and order them, else every language is written.
    The input is read and checked first (a malformed entry stops the export
    with its file and line). Output goes to stdout unless -o is given.

    \b
    Examples:
      att-docs glossary export --format tbx -o build/att.tbx
      att-docs glossary export --format tbx2008 --source en --target zh \\
          --allowed-only -o omegat-project/glossary/att.tbx
      att-docs glossary export --format omegat-tsv --source en --target zh -o glossary/att.utf8
      att-docs glossary export --format tmx --conference content/csp9 -o csp9.tmx
      att-docs glossary export --format csv --glossary other.tbx > other.csv
    """
    from att_docs.base.atomic import atomic_output
    from att_docs.base.paths import Project, check_output_file
    from att_docs.glossary import default_path, dumps, format_of, load

    chosen = fmt or (format_of(output) if output else "tbx")
    if chosen == "omegat-tsv" and len(targets) > 1:
        raise click.UsageError("omegat-tsv takes one --target")
    if chosen == "tmx":
        if allowed_only:
            raise click.UsageError("--allowed-only applies to term bases, not tmx")
        data, summary = _tmx(conference_dir, templates, source, targets)
    else:
        terms = load(source_file or default_path())
        if targets and not source:
            raise click.UsageError("--target needs --source")
        languages = None
        if source:
            others = [lang for lang in terms.languages if lang != source]
            languages = [source, *(targets or others)]
        try:
            text = dumps(terms, chosen, languages, allowed_only)  # type: ignore[arg-type]
        except ValueError as exc:
            raise click.UsageError(str(exc)) from None
        data, summary = text.encode("utf-8"), _summary(terms)
    if output is None:
        _write_stdout(data)
        return
    check_output_file(output, Project.default(), "-o/--output", glossary=True)
    with atomic_output(output) as tmp:
        tmp.write_bytes(data)
    click.echo(f"exported {summary} as {chosen} → {output}", err=True)


def _tmx(conference_dir: Path | None, templates: Path | None, source: str | None,
         targets: tuple[str, ...]) -> tuple[bytes, str]:
    from att_docs.base.paths import Project
    from att_docs.cli.options import the_conference
    from att_docs.exchange.tmx import conference_tmx

    project = Project.default(templates)
    conference_dir = the_conference(project.content, conference_dir)
    finish_interrupted_writes(conference_dir)
    data, count = conference_tmx(conference_dir, project.templates, source, targets or None)
    return data, f"{count} aligned units of {conference_dir.name}"


def _write_stdout(data: bytes | str) -> None:
    """UTF-8 whatever the locale: the TBX declares it, and Chinese needs it."""
    sys.stdout.flush()  # what was written as text goes first
    stream = sys.stdout.buffer
    stream.write(data.encode("utf-8") if isinstance(data, str) else data)
    stream.flush()


def _summary(terms: Glossary) -> str:
    count = sum(len(t) for c in terms.concepts for t in c.terms.values())
    return (f"{counted(len(terms), '{n} concept', '{n} concepts')} "
            f"({counted(count, '{n} term', '{n} terms')})")
