"""untranslated: a text left untranslated draws this one finding and nothing else.

A target that is missing, empty or a copy of the source (never recorded as translated,
as ``status`` counts it) is untranslated; every other check leaves that text alone
(:meth:`Context.untranslated`), so a freshly imported paper reports one finding per text
and language, not a number, date and typography finding for each copied English word. The
placeholders of ``att-docs new`` are left alone too, and draw nothing.
"""

from __future__ import annotations

from collections.abc import Iterator

from att_docs.checks.context import Context
from att_docs.checks.findings import Finding
from att_docs.checks.segments import Corpus, paper_untranslated, translations
from att_docs.records.provenance import UnitState

CHECK = "untranslated"
HELP = ("a translation missing, empty, or a copy of the original: this one "
        "finding and no other for that text")
"""What ``att-docs check --help`` says of the check."""
ORDER = 10
"""Where the check stands in reports (ascending)."""

_WHY = {"missing": ("error", "has no {target} text"),
        "empty": ("error", "is empty in the {target} text"),
        "identical": ("warning", "is a copy of the {source} text in the {target} text")}
# A placeholder of `att-docs new` is a text of its language, written for every language
# alike: status counts it as untranslated, the checks leave it alone and report nothing.


def run(corpora: list[Corpus], ctx: Context) -> Iterator[Finding | None]:
    for corpus, source, target in translations(corpora):
        units = paper_untranslated(corpus, target)
        if units:
            yield from _units(corpus, source, target, units)
            continue
        for seg in corpus.segments:
            reason = ctx.untranslated(corpus, seg, target)
            if reason not in _WHY or CHECK in seg.ignore:
                continue
            severity, what = _WHY[reason]
            lang = source if reason == "missing" else target
            yield ctx.finding(CHECK, severity, corpus, seg, lang,  # type: ignore[arg-type]
                              f"{seg.kind} {seg.id} "
                              + what.format(source=source, target=target)
                              + ": translate it")


def _units(corpus: Corpus, source: str, target: str,
           units: dict[str, UnitState]) -> Iterator[Finding]:
    """A paper: one finding per untranslated unit, where its text is (or would go)."""
    for unit in units.values():
        if unit.reason not in _WHY:
            continue  # a placeholder: see _WHY
        severity, what = _WHY[unit.reason]
        path, line = ((unit.where.path, unit.where.line) if unit.where
                      else (unit.file or corpus.path, None))
        yield Finding(CHECK, severity,  # type: ignore[arg-type]
                      f"{unit.kind} {unit.id} " + what.format(source=source, target=target)
                      + ": translate it", path, line or None, unit.id, corpus.name)
