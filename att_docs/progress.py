"""Progress on the terminal: a bar on a TTY, one plain line per file elsewhere (CI logs)."""

from __future__ import annotations

from types import TracebackType

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from att_docs.build import Output

__all__ = ["BuildProgress"]


class BuildProgress:
    """Context manager fed by the build's ``on_start`` and ``on_output`` callbacks."""

    def __init__(self, enabled: bool = True, title: str = "building"):
        self.enabled = enabled
        self.title = title
        self.console = Console(stderr=True, highlight=False)
        self.bar: Progress | None = None
        self.task = None

    def __enter__(self) -> BuildProgress:
        if self.enabled and self.console.is_terminal:
            self.bar = Progress(TextColumn("{task.description}"), BarColumn(),
                                MofNCompleteColumn(), TimeElapsedColumn(),
                                console=self.console)
            self.bar.__enter__()
        return self

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        if self.bar is not None:
            self.bar.__exit__(exc_type, exc, tb)

    def start(self, total: int) -> None:
        """Called once the content is read and checked, before the first file."""
        if self.bar is not None:
            self.task = self.bar.add_task(self.title, total=total)
        elif self.enabled:
            self.console.print(f"{self.title}: {total} files", soft_wrap=True)

    def advance(self, output: Output) -> None:
        if not self.enabled:
            return
        line = f"  {output.format:<4} {output.lang}  {output.path.name}"
        if self.bar is not None and self.task is not None:
            self.bar.console.print(line)
            self.bar.advance(self.task)
        else:
            self.console.print(line, soft_wrap=True)
