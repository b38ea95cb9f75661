"""The one error type users see: a message that names the file and line."""

from __future__ import annotations

from pathlib import Path


class ToolError(Exception):
    """A missing font or tool (LibreOffice, a PDF font): exit code 3, not bad input."""


class OutputError(Exception):
    """The output folder cannot take the build (read-only, full, a file, locked, not ours):
    exit code 4, a plain message naming the path; not bad input."""

    def __init__(self, message: str, path: Path | str | None = None):
        super().__init__(message)
        self.message = message
        self.path = path

    def __str__(self) -> str:
        return f"{self.path}: {self.message}" if self.path is not None else self.message


class ContentError(Exception):
    """Bad input: printed as ``path:line: message`` and the command exits non-zero."""

    def __init__(self, message: str, path: Path | str | None = None, line: int | None = None):
        super().__init__(message)
        self.message = message
        self.path = Path(path) if path is not None else None
        self.line = line

    def __str__(self) -> str:
        if self.path is None:
            return self.message
        where = f"{self.path}:{self.line}" if self.line else f"{self.path}"
        return f"{where}: {self.message}"

