"""An XLIFF file back from a translator, checked against its paper unit by unit.

Each unit is taken or refused on its own (:class:`Refusal`): its id must be a unit of the
paper, once; its source must still be the paper's current original text, compared as the
translation record compares texts (whitespace runs as one space), else the paper changed
after export (``force`` imports such units too, recorded as made from the text they
were); its target must hold exactly the inline codes of the source and read back as
written. A text of several paragraphs is taken or refused whole.

A target missing, empty or equal to its source is untranslated and skipped, unless the
translator confirmed it (:data:`~att_docs.exchange.xliff.states.CONFIRMED`: the text stays the
same in the target language). Only texts that differ from the paper's current
translation are written, so importing an unchanged export changes nothing; confirmed
units are recorded as translated even when their text is unchanged.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from att_docs.base.errors import ContentError
from att_docs.base.plural import counted
from att_docs.document.model import Document, Inline, Run, Text, TextBlock
from att_docs.document.sameness import hard_breaks
from att_docs.document.units import document_units
from att_docs.exchange.readback import Origin, unit_problems
from att_docs.exchange.xliff import BLOCK_SEP
from att_docs.exchange.xliff.codes import CodeError, decode, encode, normalise
from att_docs.exchange.xliff.parse import XliffFile, XliffUnit
from att_docs.exchange.xliff.states import confirms
from att_docs.records.provenance import text_hash

__all__ = ["Plan", "Refusal", "language_of", "plan_import"]


@dataclass(frozen=True)
class Refusal:
    """A unit of the file that is not imported, and why."""

    unit_id: str  # as in the file (``cell.text:2`` for a paragraph)
    reason: str
    line: int
    kind: str  # unknown, twice, source, codes, unreadable, sibling

    @property
    def shown(self) -> str:
        """The id as a report shows it: on one line, control characters escaped, at most
        80 characters (an id from a file can be anything)."""
        text = "".join(c if c.isprintable() else f"\\u{ord(c):04x}" for c in self.unit_id)
        return text if len(text) <= 80 else text[:79] + "…"


_GROUPS = {  # how an all-or-nothing import names each kind of refusal: one, other
    "unknown": ("{n} unit id is not in {symbol}", "{n} unit ids are not in {symbol}"),
    "twice": ("{n} unit id appears twice", "{n} unit ids appear twice"),
    "source": ("{n} unit whose original text differs from the paper's (re-export, or "
               "use --force to import it anyway)",
               "{n} units whose original text differs from the paper's (re-export, or "
               "use --force to import them anyway)"),
    "codes": ("inline codes lost or added",) * 2,
    "unreadable": ("translations that cannot be written as they are",) * 2,
}


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
    confirmed: list[str] = field(default_factory=list)  # recorded with their text unchanged
    same: list[str] = field(default_factory=list)  # recorded as the same as their original
    refused: list[Refusal] = field(default_factory=list)
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


def refusal_error(plan: Plan, symbol: str) -> ContentError:
    """The all-or-nothing message: the gravest kind of refusal, its units listed."""
    kinds = {r.kind for r in plan.refused}
    kind = next((k for k in _GROUPS if k in kinds), plan.refused[0].kind)
    same = [r for r in plan.refused if r.kind == kind]
    one, other = _GROUPS.get(kind, ("{n} refused unit", "{n} refused units"))
    what = counted(len(same), one, other).replace("{symbol}", symbol)
    listed = "; ".join(f"{r.shown} ({r.reason})" if kind in ("source", "codes", "unreadable")
                       else r.shown for r in same[:10])
    more = f" and {len(same) - 10} more" if len(same) > 10 else ""
    return ContentError(f"{what}: {listed}{more}; nothing imported", plan.path, same[0].line)


def _check_file(xf: XliffFile, paper_dir: Path, doc: Document) -> str:
    """The paper language the file translates into; a file for another paper, or in
    languages the paper does not have, is refused whole."""
    original = doc.masthead.original_language
    if str(doc.masthead.symbol) != xf.original:
        raise ContentError(f"this file is for {xf.original or 'no paper'!r}, not for "
                           f"{doc.masthead.symbol} ({paper_dir})", xf.path)
    if language_of(xf.source_lang, [original]) is None:
        raise ContentError(f"the file's source language is {xf.source_lang!r}; the paper's "
                           f"original language is {original!r}", xf.path)
    others = [x for x in doc.languages if x != original]
    lang = language_of(xf.target_lang, others)
    if lang is None:
        raise ContentError(f"the file translates into {xf.target_lang!r}, which is not a "
                           f"language of the paper to translate into ({', '.join(others)})",
                           xf.path)
    return lang


def plan_import(xf: XliffFile, paper_dir: Path, doc: Document, templates: Path,
                force: bool = False) -> Plan:
    """Check ``xf`` against ``doc`` (read from ``paper_dir``) and work out what changes;
    every unit that cannot be imported is in ``refused``."""
    from att_docs.language.locale import load_locale

    lang = _check_file(xf, paper_dir, doc)
    plan = Plan(xf.path, paper_dir, lang, doc.masthead.original_language, doc=doc)
    slots, counts = _slots(doc, lang)
    soft_break = load_locale(templates, lang).soft_break
    symbol = str(doc.masthead.symbol)
    seen = Counter(u.id for u in xf.units)
    blocks: dict[str, dict[int, list[Inline]]] = {}
    old_sources: dict[str, dict[int, str]] = {}  # forced units: the text translated
    confirmed: set[str] = set()
    for unit in xf.units:
        slot = slots.get(unit.id)
        if slot is None:
            plan.refused.append(Refusal(unit.id, f"unknown id: not a unit of {symbol}",
                                        unit.line, "unknown"))
            continue
        if seen[unit.id] > 1:
            plan.refused.append(Refusal(unit.id, "appears twice in the file", unit.line,
                                        "twice"))
            continue
        plan.lines.setdefault(slot.unit_id, unit.line)
        _, codes = encode(slot.source.inlines)
        try:
            source = decode(unit.source, codes, _version(xf))
            why = "" if _same_text(source, slot.source.inlines) else "changed since export"
        except CodeError as exc:
            source, why = [], f"changed since export: {exc}"
        if why:
            if not force:
                plan.refused.append(Refusal(unit.id, why, unit.line, "source"))
                continue
            plan.forced.append(slot.unit_id)
            old_sources.setdefault(slot.unit_id, {})[slot.index] = "".join(
                unit.source.itertext())
        confirm = confirms(unit.state, xf.version)
        if unit.target is None or (not confirm and _same_words(unit)):
            plan.untranslated.append(unit.id)  # the source copied: whatever its codes
            continue
        try:
            target = _trim(decode(unit.target, codes, _version(xf)), soft_break)
        except CodeError as exc:
            plan.refused.append(Refusal(unit.id, f"inline codes lost or added: {exc}",
                                        unit.line, "codes"))
            continue
        empty = not any(not isinstance(i, Run) or i.text.strip() for i in target)
        if empty or (not confirm and _same_text(target, source or slot.source.inlines)):
            plan.untranslated.append(unit.id)
            continue
        if confirm:
            confirmed.add(slot.unit_id)
        blocks.setdefault(slot.unit_id, {})[slot.index] = target
    _refuse_siblings(plan, xf, slots, blocks)
    _collect(plan, slots, counts, blocks, old_sources, confirmed)
    kinds = {u.id: u.kind for u in document_units(doc)}
    for unit_id, why in unit_problems(plan.texts, kinds, list(doc.footnotes), lang,
                                      templates):
        plan.texts.pop(unit_id, None)
        plan.sources.pop(unit_id, None)
        plan.refused.append(Refusal(unit_id, f"cannot be written as it is: {why}",
                                    plan.lines.get(unit_id, 0), "unreadable"))
    return plan


def _same_text(found: list[Inline], current: list[Inline]) -> bool:
    """Equal as the translation record compares texts: the words, whitespace runs as one
    space (a tool's line breaks and indentation change nothing)."""
    return text_hash(_plain(found)) == text_hash(_plain(current))


def _same_words(unit: XliffUnit) -> bool:
    """The target holds the source's words (a copy left untranslated, its codes kept or
    lost on the way through a tool)."""
    assert unit.target is not None
    return text_hash("".join(unit.target.itertext())) == text_hash(
        "".join(unit.source.itertext()))


def _plain(inlines: list[Inline]) -> str:
    return "".join(i.text for i in inlines if isinstance(i, Run))


_BROKEN = re.compile(r"\s*\n\s*")


def _trim(inlines: list[Inline], soft_break: str) -> list[Inline]:
    """A target as the paper keeps it: no whitespace at its ends, a line break with its
    indentation read as the language's Markdown reads one (``soft_break``), and a line
    or paragraph separator as the hard break the export wrote as one."""
    out = [Run(hard_breaks(_BROKEN.sub(soft_break, i.text)), i.bold, i.italic)
           if isinstance(i, Run) else i for i in inlines]
    while out and isinstance(out[0], Run) and not out[0].text.strip():
        out.pop(0)
    while out and isinstance(out[-1], Run) and not out[-1].text.strip():
        out.pop()
    if out and isinstance(out[0], Run):
        out[0] = Run(out[0].text.lstrip(), out[0].bold, out[0].italic)
    if out and isinstance(out[-1], Run):
        out[-1] = Run(out[-1].text.rstrip(), out[-1].bold, out[-1].italic)
    return normalise(out)


def _refuse_siblings(plan: Plan, xf: XliffFile, slots: dict[str, _Slot],
                     blocks: dict[str, dict[int, list[Inline]]]) -> None:
    """A text of several paragraphs is taken whole or not at all: the other paragraphs
    of a text with a refused one are refused with it."""
    refused = {slots[r.unit_id].unit_id: r.unit_id for r in plan.refused
               if r.unit_id in slots and r.kind not in ("unknown", "twice")}
    for unit in xf.units:
        slot = slots.get(unit.id)
        if slot is None or slot.unit_id not in refused or unit.id == refused[slot.unit_id]:
            continue
        if any(r.unit_id == unit.id for r in plan.refused):
            continue
        if unit.id in plan.untranslated:
            plan.untranslated.remove(unit.id)
        plan.refused.append(Refusal(unit.id, f"refused with {refused[slot.unit_id]}, "
                                             "a paragraph of the same text", unit.line,
                                    "sibling"))
    for unit_id in refused:
        blocks.pop(unit_id, None)


def _version(xf: XliffFile) -> str:
    return "1.2" if xf.version == "1.2" else "2.1"


def _collect(plan: Plan, slots: dict[str, _Slot], counts: dict[str, int],
             blocks: dict[str, dict[int, list[Inline]]],
             old_sources: dict[str, dict[int, str]], confirmed: set[str]) -> None:
    """Whole texts of the units whose translation differs from the paper's, and the
    original texts to record for them and for confirmed units."""
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
        unchanged = all(c is not None and normalise(c.inlines) == normalise(b.inlines)
                        for c, b in zip(current, new_blocks, strict=True))
        if unchanged and unit_id not in confirmed:
            plan.unchanged += 1
            continue
        if unchanged:
            plan.confirmed.append(unit_id)
        else:
            plan.texts[unit_id] = Text(new_blocks)
        plan.sources[unit_id] = Text([s.source for s in unit_slots]).plain()
        if text_hash(Text(new_blocks).plain()) == text_hash(plan.sources[unit_id]):
            plan.same.append(unit_id)
        if unit_id in old_sources:
            lines = plan.sources[unit_id].split("\n")
            plan.sources[unit_id] = "\n".join(old_sources[unit_id].get(n, line)
                                              for n, line in enumerate(lines))
