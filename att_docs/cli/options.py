"""Options shared by several commands, declared once so they read and resolve the same way."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import click

from att_docs.writers.registry import formats

__all__ = ["glossary_option", "output_options", "templates_option", "the_conference"]

F = TypeVar("F", bound=Callable[..., object])


def templates_option(func: Callable[..., Any]) -> Callable[..., Any]:
    """``--templates DIR``: the templates folder (att_docs.base.paths.Project)."""
    return click.option(
        "--templates", type=click.Path(path_type=Path, file_okay=False),
        help="Templates folder (default: templates/ here, else the templates att-docs "
             "comes with).")(func)


def glossary_option(func: Callable[..., Any]) -> Callable[..., Any]:
    """``--glossary FILE``: the term base of the checks (att_docs.base.paths.Project)."""
    return click.option(
        "--glossary", "glossary_path",
        type=click.Path(path_type=Path, dir_okay=False),
        help="Term base for the checks: .yaml, .csv or .tbx (default: glossary/att.yaml "
             "here, else the glossary att-docs comes with).")(func)


def output_options(command: F) -> F:
    """CONFERENCE_DIR, -o/--out, -f/--format and -l/--lang of build and watch."""
    for option in reversed((
        click.argument("conference_dir", required=False, type=click.Path(path_type=Path)),
        click.option("-o", "--out", "out_dir", type=click.Path(path_type=Path),
                     help="Output folder (default: build/<conference>)."),
        click.option("-f", "--format", "formats", multiple=True,
                     type=click.Choice(formats()),
                     help="Only this format; repeat for several (default: docx and pdf)."),
        click.option("-l", "--lang", "languages", multiple=True,
                     help="Only this language of the conference; repeat for several "
                          "(default: all of them)."),
    )):
        command = option(command)
    return command


def the_conference(content: Path, given: Path | None) -> Path:
    """The conference folder given, or the only one under ``content``."""
    if given is not None:
        return given
    from att_docs.base.paths import find_conferences

    found = find_conferences(content)
    if len(found) > 1:
        raise click.UsageError("several conferences in content/: name one with --conference")
    return found[0]


def conferences_with_papers(content: Path) -> list[Path]:
    """The conferences under ``content`` that hold papers. One that holds none yet (just
    made by ``new-conference``) is left out with a note, so that it does not stop the
    others; where none holds a paper, all are given back (the first then says so)."""
    from att_docs.base.errors import ContentError
    from att_docs.base.paths import find_conferences, find_paper_dirs

    found = find_conferences(content)

    def has_papers(folder: Path) -> bool:
        try:
            return bool(find_paper_dirs(folder))
        except ContentError:  # a paper that cannot be read is still a paper
            return True

    kept = [folder for folder in found if has_papers(folder)] if len(found) > 1 else found
    if not kept:
        return found
    for folder in found:
        if folder not in kept:
            click.echo(f"att-docs: note: {folder}: no papers yet (att-docs new adds one); "
                       "left out", err=True)
    return kept
