"""Build progress on stderr: a bar and one line per paper on a terminal, plain lines
elsewhere (CI logs)."""

from __future__ import annotations

from functools import cached_property
from types import TracebackType
from typing import TYPE_CHECKING

from att_docs.base.plural import counted

if TYPE_CHECKING:
    from rich.console import Console
    from rich.progress import Progress, TaskID

    from att_docs.publish.jobs import PaperDone

__all__ = ["BuildProgress"]


class BuildProgress:
    """Context manager fed by the build's ``on_start`` and ``on_paper`` callbacks."""

    def __init__(self, enabled: bool = True, title: str = "building"):
        self.enabled = enabled
        self.title = title
        self.bar: Progress | None = None
        self.task: TaskID | None = None

    @cached_property
    def console(self) -> Console:
        """stderr, made on first use: a quiet build never imports rich."""
        from rich.console import Console

        return Console(stderr=True, highlight=False)

    def __enter__(self) -> BuildProgress:
        return self

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        if self.bar is not None:
            self.bar.__exit__(exc_type, exc, tb)

    def start(self, papers: int, files: int) -> None:
        """Called once the content is read and checked, before the first file."""
        if not self.enabled:
            return
        if self.console.is_terminal:
            from rich.progress import (
                BarColumn,
                MofNCompleteColumn,
                Progress,
                TextColumn,
                TimeElapsedColumn,
            )

            # no refresh thread: worker processes are forked while the bar is shown
            self.bar = Progress(TextColumn("{task.description}"), BarColumn(),
                                MofNCompleteColumn(), TimeElapsedColumn(),
                                console=self.console, auto_refresh=False)
            self.bar.__enter__()
            self.task = self.bar.add_task(self.title, total=papers)
            self.bar.refresh()
        else:
            self.console.print(f"{self.title}: {counted(files, '{n} file', '{n} files')} of "
                               f"{counted(papers, '{n} paper', '{n} papers')} to build",
                               soft_wrap=True)

    def paper(self, done: PaperDone) -> None:
        """One line per paper as its files are written."""
        if not self.enabled:
            return
        stem = done.symbol.replace("/", "_") + "."  # the rest: en.pdf, en.redline.pdf
        names = ", ".join(f.name.removeprefix(stem) for f in done.files)
        pending = f" (+{len(done.pending)} PDF for LibreOffice)" if done.pending else ""
        line = f"  {done.symbol}  {names}{pending}  {done.seconds:.1f} s"
        if self.bar is not None and self.task is not None:
            self.bar.console.print(line, soft_wrap=True)
            self.bar.advance(self.task)
            self.bar.refresh()
        else:
            self.console.print(line, soft_wrap=True)
