"""The ``att-docs`` command line."""

from __future__ import annotations

import functools
import os
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import click

from att_docs import __version__
from att_docs.errors import ContentError

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
        from att_docs.writers.libreoffice import LibreOfficeError
        from att_docs.writers.pdf import FontError

        try:
            return func(*args, **kwargs)
        except ContentError as exc:
            _fail(str(exc), EXIT_INPUT)
        except (FontError, LibreOfficeError) as exc:
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


@main.command(epilog=EXIT_CODES_HELP)
@click.argument("conference_dir", required=False, type=click.Path(path_type=Path))
@click.option("-o", "--out", "out_dir", type=click.Path(path_type=Path),
              help="Output folder (default: build/<conference>).")
@click.option("-f", "--format", "formats", multiple=True, type=click.Choice(["docx", "pdf"]),
              help="Only this format; repeat for several (default: docx and pdf).")
@click.option("-l", "--lang", "languages", multiple=True,
              help="Only this language code (en, zh); repeat for several.")
@click.option("--pdf-engine", type=click.Choice(["typst", "libreoffice"]), default="typst",
              show_default=True,
              help="typst: fast, fonts embedded, tagged PDF. libreoffice: converts the DOCX, "
                   "for a PDF that matches Word exactly.")
@click.option("--templates", type=click.Path(path_type=Path, file_okay=False),
              help="Templates folder (default: templates/).")
@click.option("-q", "--quiet", is_flag=True, help="No progress, only errors.")
@reports_errors
def build(conference_dir: Path | None, out_dir: Path | None, formats: tuple[str, ...],
          languages: tuple[str, ...], pdf_engine: str, templates: Path | None,
          quiet: bool) -> None:
    """Build every paper × language × format of a conference.

    CONFERENCE_DIR is a folder with a conference.yaml (default: every conference in
    content/). Files are named after the document symbol and language, e.g.
    build/csp9/ATT_CSP9.WGTU_2023_CHAIR_763_Conf.Rep.zh.pdf. All content is read and
    checked before anything is written, and each file is replaced atomically: an error
    never leaves a half-written file and never touches the content.
    """
    from att_docs.build import FORMATS, build_conference
    from att_docs.progress import BuildProgress
    from att_docs.project import Project, find_conferences

    project = Project.default(templates)
    folders = [conference_dir] if conference_dir else find_conferences(project.content)
    if out_dir and len(folders) > 1:
        raise click.UsageError("-o/--out needs a single CONFERENCE_DIR")
    for folder in folders:
        target = out_dir or project.build / folder.resolve().name
        started = time.perf_counter()
        with BuildProgress(enabled=not quiet, title=f"{folder} → {target}") as progress:
            result = build_conference(
                folder, target, project.templates, formats or FORMATS, languages or None,
                pdf_engine, on_start=progress.start, on_output=progress.advance)
        if not quiet:
            click.echo(f"built {len(result.outputs)} files of {folder.name} in "
                       f"{time.perf_counter() - started:.1f} s → {target}")


if __name__ == "__main__":
    main()
