"""Findings for people (rich text grouped by document) and for programs (JSON)."""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import fields
from pathlib import Path
from typing import TYPE_CHECKING, Any

from att_docs.base.plural import counted
from att_docs.checks.findings import SEVERITIES, Finding, Severity

if TYPE_CHECKING:
    from rich.console import Console

__all__ = ["at_least", "render_json", "render_text", "summary", "to_dict"]

_STYLE = {"error": "bold red", "warning": "yellow", "info": "cyan"}


def at_least(findings: Iterable[Finding], severity: Severity) -> list[Finding]:
    return [f for f in findings if f.at_least(severity)]


def _relative(path: Path | None, cwd: Path | None = None) -> str:
    if path is None:
        return ""
    try:
        return str(path.resolve().relative_to(cwd or Path.cwd().resolve()))
    except ValueError:
        return str(path)


def to_dict(finding: Finding, relative: dict[Path | None, str] | None = None
            ) -> dict[str, Any]:
    """Every field of a finding, the path as a string relative to the working folder
    (``relative``: the paths already made so, by path)."""
    data = {field.name: getattr(finding, field.name) for field in fields(finding)}
    shown = relative.get(finding.path) if relative is not None else None
    if shown is None:
        shown = _relative(finding.path)
        if relative is not None:
            relative[finding.path] = shown
    data["path"] = shown or None
    return data


def render_json(findings: list[Finding]) -> str:
    relative: dict[Path | None, str] = {}  # a set's findings name few files, many times
    return json.dumps({"findings": [to_dict(f, relative) for f in findings],
                       "counts": {s: sum(1 for f in findings if f.severity == s)
                                  for s in SEVERITIES}},
                      ensure_ascii=False, indent=2)


_SEVERITY_COUNTS = {"error": ("{n} error", "{n} errors"),
                    "warning": ("{n} warning", "{n} warnings")}


def summary(findings: list[Finding]) -> str:
    if not findings:
        return "no findings"
    parts = [counted(n, *_SEVERITY_COUNTS.get(s, (f"{{n}} {s}", f"{{n}} {s}")))
             for s in reversed(SEVERITIES)
             if (n := sum(1 for f in findings if f.severity == s))]
    return counted(len(findings), "{n} finding", "{n} findings") + ": " + ", ".join(parts)


def render_text(findings: list[Finding], console: Console) -> None:
    """One block per document; each finding on a line with its location, then its message
    (rich is imported here: JSON output does without it)."""
    from rich.markup import escape
    from rich.text import Text

    current: str | None = None
    for f in findings:
        if f.document != current:
            current = f.document
            console.print()
            console.print(Text(current or "(no document)", style="bold underline"))
        where = _relative(f.path)
        if f.line:
            where += f":{f.line}"
        head = Text("  ")
        head.append(f"{f.severity:<7}", style=_STYLE[f.severity])
        head.append(f" {f.check:<12} ", style="bold")
        head.append(where, style="dim")
        if f.segment:
            head.append(f"  [{f.segment}]", style="dim")
        console.print(head, soft_wrap=True)
        console.print(f"      {escape(f.message)}", soft_wrap=True, highlight=False)
        if f.suggestion:
            console.print(Text("      → ").append(f.suggestion, style="green"),
                          soft_wrap=True)
    console.print()
    console.print(summary(findings), style="bold", highlight=False)
