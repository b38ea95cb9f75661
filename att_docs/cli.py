"""The ``att-docs`` command line."""

from __future__ import annotations

import functools
import os
import sys
from collections.abc import Callable
from typing import Any, TypeVar

import click

from att_docs import __version__
from att_docs.errors import ContentError, ToolError

F = TypeVar("F", bound=Callable[..., Any])

EXIT_OK = 0
EXIT_INPUT = 1  # bad content, template, glossary or settings
EXIT_USAGE = 2  # bad command line (click's own code)
EXIT_ENVIRONMENT = 3  # a missing font or tool
EXIT_INTERNAL = 70

EXIT_CODES_HELP = """\b
Exit codes:
  0  success
  1  bad input (content, template, settings); the message names file and line
  2  bad command line
  3  missing font or tool (LibreOffice, a PDF font)
  70 internal error (run with --debug for the traceback)
"""


def _fail(message: str, code: int) -> None:
    click.echo(f"att-docs: error: {message}", err=True)
    sys.exit(code)


def reports_errors(func: F) -> F:
    """Turn known failures into one line on stderr and an exit code, never a traceback."""

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return func(*args, **kwargs)
        except ContentError as exc:
            _fail(str(exc), EXIT_INPUT)
        except ToolError as exc:
            _fail(str(exc), EXIT_ENVIRONMENT)
        except KeyboardInterrupt:
            _fail("interrupted; outputs written so far are complete, the rest unchanged", 130)
        except click.exceptions.ClickException:
            raise
        except Exception as exc:
            if os.environ.get("ATT_DOCS_DEBUG"):
                raise
            _fail(f"internal error ({type(exc).__name__}: {exc}); set ATT_DOCS_DEBUG=1 for "
                  "the traceback", EXIT_INTERNAL)

    return wrapper  # type: ignore[return-value]


@click.group(epilog=EXIT_CODES_HELP, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="att-docs")
@click.option("--debug", is_flag=True, help="Show tracebacks of internal errors.")
def main(debug: bool) -> None:
    """Bilingual (English/Chinese) ATT conference papers from structured content.

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
    """Each command lives in its own module under att_docs/commands/."""
    from att_docs.commands.build import build
    from att_docs.commands.check import check
    from att_docs.commands.glossary import glossary
    from att_docs.commands.new import new
    from att_docs.commands.status import status

    main.add_command(build)
    main.add_command(check)
    main.add_command(glossary)
    main.add_command(status)
    main.add_command(new)


_register_commands()


if __name__ == "__main__":
    main()
