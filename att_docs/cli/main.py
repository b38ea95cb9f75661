"""The ``att-docs`` command line."""

from __future__ import annotations

import os

import click

from att_docs import __version__
from att_docs.cli.errors import EXIT_CODES_HELP


@click.group(epilog=EXIT_CODES_HELP, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="att-docs")
@click.option("--debug", is_flag=True, help="Show tracebacks of internal errors.")
def main(debug: bool) -> None:
    """Multilingual ATT conference papers from structured content: every language is data.

    \b
    A conference is a folder of papers (YAML metadata and tables, Markdown prose in
    each language). att-docs renders them through the Jinja templates in templates/
    into DOCX and PDF.

    \b
    Typical use:
      att-docs build                      build content/ into build/
      att-docs build content/csp9 -f pdf  only the PDFs of one conference
    """
    if debug:
        os.environ["ATT_DOCS_DEBUG"] = "1"


def _register_commands() -> None:
    """Each command lives in its own module under att_docs/cli/."""
    from att_docs.cli.build import build
    from att_docs.cli.check import check
    from att_docs.cli.glossary import glossary
    from att_docs.cli.import_ import import_
    from att_docs.cli.issue import issue, revise
    from att_docs.cli.new import new
    from att_docs.cli.new_conference import new_conference
    from att_docs.cli.review import review
    from att_docs.cli.status import status
    from att_docs.cli.tm import tm
    from att_docs.cli.translated import translated
    from att_docs.cli.watch import watch
    from att_docs.cli.xliff import xliff

    main.add_command(build)
    main.add_command(check)
    main.add_command(glossary)
    main.add_command(status)
    main.add_command(new)
    main.add_command(new_conference)
    main.add_command(translated)
    main.add_command(review)
    main.add_command(watch)
    main.add_command(import_)
    main.add_command(xliff)
    main.add_command(issue)
    main.add_command(revise)
    main.add_command(tm)


_register_commands()


if __name__ == "__main__":
    main()
