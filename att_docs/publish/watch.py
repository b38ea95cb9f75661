"""Rebuild on save: one warm process that brings a conference's set up to date as its
inputs change, and says what the checks found in the papers it rebuilt.

The process stays warm between saves: modules imported, the PDF writer's fonts scanned
and Typst's caches filled (:func:`~att_docs.publish.workers.preflight_fonts`), the build
cache in memory on disk. Each save runs the ordinary incremental build in this process,
so only the papers whose inputs changed are read and written, exactly as
``att-docs build`` would write them.
"""

from __future__ import annotations

import fnmatch
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from att_docs.publish.pipeline import FORMATS, BuildReport, build_conference

__all__ = ["EDITOR_LEFTOVERS", "Rebuild", "Watcher", "is_input_change"]

EDITOR_LEFTOVERS = (".#*", "#*#", "*~", "*.swp", "*.swx", "*.swo", "4913", "*.tmp",
                    ".~lock.*#", "~$*")
"""Files editors write beside the one being saved; never inputs of a paper."""


def is_input_change(path: Path, out_dir: Path) -> bool:
    """Whether a changed path can be an input: not an editor's leftover, not an output."""
    resolved = path.resolve()
    out = out_dir.resolve()
    if resolved == out or out in resolved.parents:
        return False
    return not any(fnmatch.fnmatch(path.name, pattern) for pattern in EDITOR_LEFTOVERS)


@dataclass
class Rebuild:
    """One rebuild after a save: what was built, the check findings, how long it took."""

    report: BuildReport
    seconds: float
    findings: list = field(default_factory=list)


@dataclass
class Watcher:
    """Builds ``folder`` into ``out_dir`` again and again, in this process."""

    folder: Path
    out_dir: Path
    templates: Path
    glossary: Path  # the term base file of the checks
    formats: tuple[str, ...] = FORMATS
    languages: tuple[str, ...] | None = None

    def watched(self) -> list[Path]:
        """The folders whose files are inputs of the build."""
        paths = [self.folder, self.templates, self.glossary.parent]
        return [p for p in paths if p.exists()]

    def rebuild(self) -> Rebuild:
        """Bring the set up to date; the findings (warnings and errors) are those the
        build's checks gave for the papers it rebuilt: the checks run once."""
        from att_docs.checks.report import at_least

        started = time.perf_counter()
        report = build_conference(self.folder, self.out_dir, self.templates, self.formats,
                                  self.languages, workers=1, glossary=self.glossary)
        seconds = time.perf_counter() - started
        built = set(report.papers_built)
        findings = [f for f in report.findings if f.document in built]
        return Rebuild(report, seconds, at_least(findings, "warning"))

    def run(self, on_rebuild: Callable[[Rebuild], None],
            on_error: Callable[[Exception], None],
            changes: Iterable[set[tuple[object, str]]] | None = None) -> None:
        """Build on the first batch of ``changes``, then after every batch of saves.

        ``changes`` defaults to watchfiles' stream of file-system events (inotify on
        Linux), whose first batch, empty, comes once the watch is in place: the first
        build starts after it, so no save is missed. Later batches that are empty or
        hold only editor leftovers and outputs are ignored.
        """
        if changes is None:
            from watchfiles import watch

            changes = watch(*self.watched(), debounce=100, step=20, rust_timeout=200,
                            yield_on_timeout=True, raise_interrupt=False)
        first = True
        for batch in changes:
            if first or any(is_input_change(Path(path), self.out_dir) for _, path in batch):
                self._once(on_rebuild, on_error)
            first = False

    def _once(self, on_rebuild: Callable[[Rebuild], None],
              on_error: Callable[[Exception], None]) -> None:
        from att_docs.base.errors import ContentError

        try:
            on_rebuild(self.rebuild())
        except ContentError as exc:  # bad input while editing: say so, keep watching
            on_error(exc)
        except FileNotFoundError as exc:  # an editor replaced a file as it was read
            on_error(ContentError("vanished while the set was being built; the next save "
                                  "builds it again", exc.filename))
