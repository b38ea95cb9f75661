"""A finding: what a check reports, where, and what it expected."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

__all__ = ["SEVERITIES", "Finding", "FindingSet", "Severity"]

Severity = Literal["info", "warning", "error"]
SEVERITIES: tuple[Severity, ...] = ("info", "warning", "error")


@dataclass(frozen=True)
class Finding:
    """One problem found by a check.

    ``check`` is the stable check id (:func:`att_docs.checks.registry.check_ids`);
    ``segment`` the paragraph, cell or XLIFF segment id; ``document`` the paper id or
    file it belongs to.
    """

    check: str
    severity: Severity
    message: str
    path: Path | None = None
    line: int | None = None
    segment: str | None = None
    document: str | None = None
    suggestion: str | None = None

    def at_least(self, severity: Severity) -> bool:
        return SEVERITIES.index(self.severity) >= SEVERITIES.index(severity)



class FindingSet:
    """Findings in the order first reported, each once (the same check, place and
    message reported again by another rule or another paper's pass is dropped)."""

    def __init__(self) -> None:
        self.findings: list[Finding] = []
        self._seen: set[tuple] = set()

    def add(self, found: Iterable[Finding | None]) -> None:
        for finding in found:
            if finding is None:
                continue
            key = (finding.check, finding.document, finding.segment, finding.line,
                   finding.message)
            if key not in self._seen:
                self._seen.add(key)
                self.findings.append(finding)
