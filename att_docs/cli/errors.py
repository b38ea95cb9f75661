"""How commands fail: one line on stderr and an exit code CI can use, never a traceback."""

from __future__ import annotations

import contextlib
import errno
import functools
import os
import signal
import sys
from collections.abc import Callable, Iterator
from typing import Any, TypeVar

import click

from att_docs.base.errors import ContentError, OutputError, ToolError

F = TypeVar("F", bound=Callable[..., Any])

EXIT_OK = 0
EXIT_INPUT = 1  # bad content, template, glossary or settings
EXIT_USAGE = 2  # bad command line (click's own code)
EXIT_ENVIRONMENT = 3  # a missing font or tool
EXIT_OUTPUT = 4  # the output folder cannot be written (read-only, full, locked, a file)
EXIT_INTERNAL = 70
EXIT_INTERRUPTED = 130  # Ctrl-C
EXIT_TERMINATED = 143  # SIGTERM (a CI job's timeout, a service manager)

# a full, read-only or forbidden disk, a quota: not the content's fault
_ENVIRONMENT_ERRNOS = {errno.EACCES, errno.EPERM, errno.EROFS, errno.ENOSPC, errno.EDQUOT,
                       errno.EMFILE, errno.ENAMETOOLONG}

EXIT_CODES_HELP = """\b
Exit codes:
  0  success
  1  bad input (content, template, settings); the message names file and line
  2  bad command line
  3  missing font or tool (LibreOffice, a PDF font)
  4  the output folder cannot take the build (read-only, full, a file,
     not made by att-docs, another build writing it); the message names it
  70 internal error (run with --debug for the traceback)
  130, 143  interrupted (Ctrl-C), terminated (SIGTERM); outputs already shown
     are whole, nothing half-written is left
"""


def _fail(message: str, code: int) -> None:
    click.echo(f"att-docs: error: {message}", err=True)
    sys.exit(code)


class Terminated(BaseException):
    """SIGTERM arrived: the command stops as it does on Ctrl-C, cleaning up as it goes."""


@contextlib.contextmanager
def _terminated_as_interrupted() -> Iterator[None]:
    """While the command runs, SIGTERM raises :class:`Terminated` (workers and tools it
    starts set their own: see :func:`att_docs.base.processes.start_worker`)."""

    def stop(signum: int, frame: object) -> None:
        raise Terminated

    try:
        before = signal.signal(signal.SIGTERM, stop)
    except ValueError:  # not the main thread: leave SIGTERM as it is
        yield
        return
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, before)


def reports_errors(func: F) -> F:
    """Turn known failures into one line on stderr and an exit code, never a traceback."""

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            with _terminated_as_interrupted():
                return func(*args, **kwargs)
        except ContentError as exc:
            _fail(str(exc), EXIT_INPUT)
        except ToolError as exc:
            _fail(str(exc), EXIT_ENVIRONMENT)
        except OutputError as exc:
            _fail(str(exc), EXIT_OUTPUT)
        except OSError as exc:
            if exc.errno not in _ENVIRONMENT_ERRNOS:
                _internal(exc)
            _fail(f"{exc.filename}: {exc.strerror}" if exc.filename else str(exc),
                  EXIT_OUTPUT)
        except KeyboardInterrupt:
            _fail("interrupted; nothing is left half-written", EXIT_INTERRUPTED)
        except Terminated:
            _fail("terminated; nothing is left half-written", EXIT_TERMINATED)
        except click.exceptions.ClickException:
            raise
        except Exception as exc:
            _internal(exc)

    return wrapper  # type: ignore[return-value]


def _internal(exc: Exception) -> None:
    if os.environ.get("ATT_DOCS_DEBUG"):
        raise exc
    _fail(f"internal error ({type(exc).__name__}: {exc}); set ATT_DOCS_DEBUG=1 for "
          "the traceback", EXIT_INTERNAL)
