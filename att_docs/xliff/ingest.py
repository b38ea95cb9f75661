"""An XLIFF file back from a translator, checked against its paper and written into it.

Each unit's source must still be the paper's current original text (else the paper
changed after export: refused unless ``force``, which imports such units too, recorded as
made from the text they were), its target must hold exactly the inline
codes of the source, and its id must be a unit of the paper. A target equal to its
source, or missing, is untranslated and skipped. Only texts that differ from the
paper's current translation are written, so importing an unchanged export changes
nothing.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from lxml import etree

from att_docs.conference.readback import Origin, check_units
from att_docs.document.model import Document, Inline, Run, Text, TextBlock
from att_docs.document.units import document_units
from att_docs.errors import ContentError
from att_docs.xliff import BLOCK_SEP
from att_docs.xliff.codes import CodeError, decode, encode, normalise
from att_docs.xliff.parse import XliffFile, XliffUnit

__all__ = ["Plan", "language_of", "plan_import"]


@dataclass
class Plan:
    """What importing one file would write: ``texts`` by unit id, in ``lang``."""

    path: Path
    paper_dir: Path
    lang: str
    original: str
    texts: dict[str, Text] = field(default_factory=dict)
    sources: dict[str, str] = field(default_factory=dict)  # unit id: original text
    untranslated: list[str] = field(default_factory=list)
    unchanged: int = 0
    forced: list[str] = field(default_factory=list)  # imported although the original changed
    lines: dict[str, int] = field(default_factory=dict)  # unit id: its line in the file
    doc: Document | None = field(default=None, repr=False)  # the paper as read for the plan

    def origin(self, unit_id: str) -> Origin:
        """Where a unit's translation is in the file (for a refusal)."""
        return Origin(self.path, self.lines.get(unit_id))


@dataclass
class _Slot:
    """One paragraph of a unit as the paper has it now."""

    unit_id: str
    index: int
    source: TextBlock
    target: TextBlock | None


def language_of(tag: str, languages: list[str]) -> str | None:
    """The paper language a file's language tag names (``xx-YY`` → ``xx``), or None."""
    wanted = tag.replace("_", "-").lower()
    for lang in languages:
        if lang.lower() == wanted:
            return lang
    primary = [lang for lang in languages if lang.lower() == wanted.split("-")[0]]
    return primary[0] if len(primary) == 1 else None


def _slots(doc: Document, lang: str) -> tuple[dict[str, _Slot], dict[str, int]]:
    """Every paragraph a file may hold, by XLIFF id; the number of paragraphs per unit."""
    original = doc.masthead.original_language
    slots: dict[str, _Slot] = {}
    counts: dict[str, int] = {}
    for unit in document_units(doc):
        text = unit.text(original)
        if text is None:
            continue
        target = unit.text(lang)
        pairs = target is not None and len(target.blocks) == len(text.blocks)
        counts[unit.id] = len(text.blocks)
        for n, block in enumerate(text.blocks):
            key = f"{unit.id}{BLOCK_SEP}{n + 1}" if len(text.blocks) > 1 else unit.id
            slots[key] = _Slot(unit.id, n, block,
                               target.blocks[n] if pairs and target is not None else None)
    return slots, counts


def _refuse(xf: XliffFile, problems: list[tuple[XliffUnit, str]], what: str) -> ContentError:
    first, _ = problems[0]
    listed = "; ".join(f"{u.id} ({why})" if why else u.id for u, why in problems[:10])
    more = f" and {len(problems) - 10} more" if len(problems) > 10 else ""
    return ContentError(f"{what}: {listed}{more}; nothing imported", xf.path, first.line)


def plan_import(xf: XliffFile, paper_dir: Path, doc: Document, templates: Path,
                force: bool = False) -> Plan:
    """Check ``xf`` against ``doc`` (read from ``paper_dir``) and work out what changes."""
    original = doc.masthead.original_language
    if str(doc.masthead.symbol) != xf.original:
        raise ContentError(f"this file is for {xf.original or 'no paper'!r}, not for "
                           f"{doc.masthead.symbol} ({paper_dir})", xf.path)
    if language_of(xf.source_lang, [original]) is None:
        raise ContentError(f"the file's source language is {xf.source_lang!r}; the paper's "
                           f"original language is {original!r}", xf.path)
    lang = language_of(xf.target_lang, [x for x in doc.languages if x != original])
    if lang is None:
        raise ContentError(f"the file translates into {xf.target_lang!r}, which is not a "
                           f"language of the paper to translate into "
                           f"({', '.join(x for x in doc.languages if x != original)})", xf.path)
    slots, counts = _slots(doc, lang)
    unknown = [(u, "") for u in xf.units if u.id not in slots]
    if unknown:
        raise _refuse(xf, unknown, f"{len(unknown)} unit id(s) are not in "
                                   f"{doc.masthead.symbol}")
    counts_in_file = Counter(u.id for u in xf.units)
    twice = [(u, "") for u in xf.units if counts_in_file[u.id] > 1]
    if twice:
        raise _refuse(xf, twice, f"{len(twice)} unit id(s) appear twice")
    plan = Plan(xf.path, paper_dir, lang, original, doc=doc)
    changed_source: list[tuple[XliffUnit, str]] = []
    bad_codes: list[tuple[XliffUnit, str]] = []
    blocks: dict[str, dict[int, list[Inline]]] = {}
    old_sources: dict[str, dict[int, str]] = {}  # forced units: the text translated
    for unit in xf.units:
        slot = slots[unit.id]
        plan.lines.setdefault(slot.unit_id, unit.line)
        _, codes = encode(slot.source.inlines)
        try:
            source = decode(unit.source, codes, _version(xf))
            why = "" if source == normalise(slot.source.inlines) else "changed since export"
        except CodeError as exc:
            source, why = [], str(exc)
        if why:
            changed_source.append((unit, why))
            if not force:
                continue
            plan.forced.append(slot.unit_id)
            old_sources.setdefault(slot.unit_id, {})[slot.index] = "".join(
                unit.source.itertext())
        if unit.target is None:
            plan.untranslated.append(unit.id)
            continue
        try:
            target = decode(unit.target, codes, _version(xf))
        except CodeError as exc:
            bad_codes.append((unit, str(exc)))
            continue
        if target == source or _words(unit.target) == _words(unit.source) or not any(
                not isinstance(i, Run) or i.text.strip() for i in target):
            plan.untranslated.append(unit.id)
            continue
        blocks.setdefault(slot.unit_id, {})[slot.index] = target
    if changed_source and not force:
        raise _refuse(xf, changed_source, f"{len(changed_source)} unit(s) whose original "
                                          "text differs from the paper's (re-export, or "
                                          "use --force to import them anyway)")
    if bad_codes:
        raise _refuse(xf, bad_codes, "inline codes lost or added")
    _collect(plan, slots, counts, blocks, old_sources)
    kinds = {u.id: u.kind for u in document_units(doc)}
    check_units(plan.texts, kinds, list(doc.footnotes), lang, templates, plan.origin)
    return plan


def _words(element: etree._Element) -> str:
    """The text of a source or target, codes left out: equal means untranslated."""
    return "".join(element.itertext()).strip()


def _version(xf: XliffFile) -> str:
    return "1.2" if xf.version == "1.2" else "2.1"


def _collect(plan: Plan, slots: dict[str, _Slot], counts: dict[str, int],
             blocks: dict[str, dict[int, list[Inline]]],
             old_sources: dict[str, dict[int, str]]) -> None:
    """Whole texts of the units whose translation differs from the paper's."""
    by_unit: dict[str, list[_Slot]] = {}
    for slot in slots.values():
        by_unit.setdefault(slot.unit_id, []).append(slot)
    for unit_id, found in blocks.items():
        unit_slots = by_unit[unit_id]
        new_blocks: list[TextBlock] = []
        for slot in unit_slots:
            inlines = found.get(slot.index)
            if inlines is None and slot.target is not None:
                inlines = slot.target.inlines  # this paragraph keeps its translation
            if inlines is None:
                break  # a paragraph with no translation at all: the unit waits
            new_blocks.append(TextBlock(list(inlines), slot.source.list_kind,
                                        slot.source.number))
        if len(new_blocks) != counts[unit_id]:
            plan.untranslated.append(unit_id)
            continue
        current = [s.target for s in unit_slots]
        if all(c is not None and normalise(c.inlines) == normalise(b.inlines)
               for c, b in zip(current, new_blocks, strict=True)):
            plan.unchanged += 1
            continue
        plan.texts[unit_id] = Text(new_blocks)
        plan.sources[unit_id] = Text([s.source for s in unit_slots]).plain()
        if unit_id in old_sources:
            lines = plan.sources[unit_id].split("\n")
            plan.sources[unit_id] = "\n".join(old_sources[unit_id].get(n, line)
                                              for n, line in enumerate(lines))
