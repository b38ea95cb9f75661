"""``att-docs tm add|list``: TMX files for the translation memory of ``xliff export``."""

from __future__ import annotations

from pathlib import Path

import click

from att_docs.base.plural import counted
from att_docs.cli.errors import EXIT_CODES_HELP, reports_errors
from att_docs.cli.recovery import finish_interrupted_writes

_CONTENT_HELP = "The content folder (default: content/)."


@click.group(epilog=EXIT_CODES_HELP)
def tm() -> None:
    """Add translation memories (TMX) that `xliff export` draws on.

    \b
    The translation memory of `xliff export` and `xliff analyse` is every
    translation recorded in the content folder's conferences, and the TMX files
    added here, which are kept in content/.tm/ as they were given. A TMX from
    another CAT tool, or the conference's own (`glossary export --format tmx`),
    offers its translations as exact and fuzzy matches.

    \b
    Examples:
      att-docs tm add earlier-sessions.tmx
      att-docs tm list
    """


@tm.command("add", epilog=EXIT_CODES_HELP)
@click.argument("file", type=click.Path(path_type=Path, exists=True, dir_okay=False))
@click.option("--name", help="Keep it under this name (default: the file's own name).")
@click.option("--content", type=click.Path(path_type=Path, file_okay=False),
              help=_CONTENT_HELP)
@reports_errors
def add(file: Path, name: str | None, content: Path | None) -> None:
    """Add a TMX file to the translation memory.

    \b
    The file is read first: a file that is not TMX (1.1 to 1.4b), malformed,
    declaring entities or elements in its DOCTYPE, larger than 64 MB, with
    characters a paper cannot hold, or without a unit in two languages is
    refused, and nothing is kept. A file of the same name in content/.tm/ is replaced.
    Language tags are read as the glossary reads them: a region of the
    language's usual script counts as the language alone, one that implies
    another script (Traditional Han) stays apart.
    """
    from att_docs.base.paths import Project
    from att_docs.exchange.memory.tmx import add_tmx

    folder = content or Project.default().content
    finish_interrupted_writes(folder)
    stored, tmx, replaced = add_tmx(file, folder, name)
    click.echo(f"{stored}: {'replaced' if replaced else 'added'}, "
               f"{counted(len(tmx.units), '{n} unit', '{n} units')} in {', '.join(tmx.languages)}")


@tm.command("list", epilog=EXIT_CODES_HELP)
@click.option("--content", type=click.Path(path_type=Path, file_okay=False),
              help=_CONTENT_HELP)
@reports_errors
def list_(content: Path | None) -> None:
    """List the TMX files of the translation memory, with their units and languages."""
    from att_docs.base.paths import Project
    from att_docs.exchange.memory.tmx import read_tmx, stored_tmx

    folder = content or Project.default().content
    files = stored_tmx(folder)
    for path in files:
        tmx = read_tmx(path)
        click.echo(f"{path}: {counted(len(tmx.units), '{n} unit', '{n} units')} in "
                   f"{', '.join(tmx.languages)}")
    if not files:
        click.echo(f"no TMX file in {folder / '.tm'}; add one with att-docs tm add FILE.tmx",
                   err=True)
