"""``att-docs glossary import|export``: the term base to and from TBX and CSV."""

from __future__ import annotations

from pathlib import Path

import click

from att_docs.cli.errors import EXIT_CODES_HELP, reports_errors
from att_docs.glossary import Glossary

_FORMATS = ("tbx", "csv", "yaml")


@click.group(epilog=EXIT_CODES_HELP)
def glossary() -> None:
    """Convert the bilingual term base to and from TBX and CSV.

    \b
    The project's term base is glossary/att.yaml: one concept per entry, with the
    English and Chinese preferred terms, admitted variants and abbreviations, and
    deprecated variants (format: glossary/README.md). `att-docs check` reads it.
    Translators' tools exchange term bases as TBX (ISO 30042) or CSV; these
    commands convert, and a round trip loses nothing.

    \b
    Examples:
      att-docs glossary export --format tbx -o att.tbx     for a CAT tool
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
    from att_docs.atomic import atomic_output
    from att_docs.glossary import dumps, load
    from att_docs.glossary.yaml_format import load_yaml_glossary

    terms = load(file)
    text = dumps(terms, "yaml")
    if output is None:
        _write_stdout(text)
        return
    if output.exists() and not force:
        raise click.UsageError(f"{output} exists; add --force to replace it")
    with atomic_output(output) as tmp:
        tmp.write_text(text, encoding="utf-8")
        if load_yaml_glossary(tmp) != terms:  # it must say exactly what FILE said
            raise RuntimeError(f"the YAML written for {file} does not read back equal")
    click.echo(f"imported {_summary(terms)} from {file} → {output}", err=True)


@glossary.command("export", epilog=EXIT_CODES_HELP)
@click.option("-f", "--format", "fmt", type=click.Choice(_FORMATS),
              help="tbx (TBX-Basic v3), csv (one row per term) or yaml. Default: from "
                   "the suffix of -o, else tbx.")
@click.option("-o", "--output", type=click.Path(path_type=Path, dir_okay=False),
              help="Write to this file (replaced atomically) instead of stdout.")
@click.option("--glossary", "source", type=click.Path(path_type=Path, dir_okay=False),
              help="The term base to export (default: glossary/att.yaml). Any format "
                   "that import reads.")
@reports_errors
def export(fmt: str | None, output: Path | None, source: Path | None) -> None:
    """Export the term base as TBX or CSV for translators' tools.

    \b
    tbx  TBX-Basic v3, DCA style (ISO 30042:2019): one conceptEntry per concept,
         a langSec per language, a termSec per term with its administrativeStatus
         (preferredTerm-admn-sts, admittedTerm-admn-sts, deprecatedTerm-admn-sts)
         and termType (abbreviation, acronym ...). Loads in memoQ, Trados,
         Phrase, OmegaT and Xbench.
    csv  one row per term: concept_id, lang, term, status, kind, case_sensitive,
         note, concept_note, subject, definition.

    \b
    The glossary is read and checked first (a malformed entry stops the export
    with its file and line). Output goes to stdout unless -o is given.

    \b
    Examples:
      att-docs glossary export --format tbx -o build/att.tbx
      att-docs glossary export --format csv --glossary other.tbx > other.csv
    """
    from att_docs.glossary import default_path, dump, dumps, format_of, load

    terms = load(source or default_path())
    chosen = fmt or (format_of(output) if output else "tbx")
    if output is None:
        _write_stdout(dumps(terms, chosen))  # type: ignore[arg-type]
        return
    dump(terms, output, chosen)  # type: ignore[arg-type]
    click.echo(f"exported {_summary(terms)} as {chosen} → {output}", err=True)


def _write_stdout(text: str) -> None:
    """UTF-8 whatever the locale: the TBX declares it, and Chinese needs it."""
    stream = click.get_binary_stream("stdout")
    stream.write(text.encode("utf-8"))
    stream.flush()


def _summary(terms: Glossary) -> str:
    count = sum(len(t) for c in terms.concepts for t in c.terms.values())
    return f"{len(terms)} concepts ({count} terms)"
