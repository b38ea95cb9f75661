"""What each translation was made from, and the state of every unit in a language.

The record of a paper's language is ``<paper>/.translations/<lang>.yaml``, written only
by att-docs (``att-docs translated``, ``xliff import``, ``att-docs new``)::

    # written by att-docs ...
    language: zh
    units:                      # sorted by id
      purpose:
        hash: 3b1f0c9a2d4e      # of the original-language text below
        source: The text the translation was made from.
    placeholders:               # texts `att-docs new` wrote, by id: hash of the text
      purpose: 9c0e41d2b7aa
    confirmed:                  # texts that stay the same in this language: hash of the text
      introduction: 0ac1e2a4b9d3

It sits in a hidden folder so that it does not clutter the paper; the build ignores it
when deciding what to rebuild (it changes no DOCX or PDF), but re-reads the paper's
status for the manifest and index page when it changes (:func:`records_sha256`).

A unit is in exactly one state per language (:data:`STATES`):

* ``translated``: its text was recorded as made from the current original text, or,
  the same as the original, confirmed to stay so in this language (reason
  ``confirmed``: "Introduction" in French);
* ``stale``: only this: a recorded translation whose original text changed since;
* ``untranslated``: missing, empty, a placeholder from ``att-docs new`` (in the
  original language too, until replaced), or a text nobody recorded as translated:
  the original copied (``identical``), whatever its length, or a text written by hand
  and not yet recorded (``unrecorded``: ``att-docs translated`` records it);
* ``extra``: a text with no counterpart in the original language.

In the original language a unit is ``translated`` (written) or ``untranslated``.
"""

from __future__ import annotations

import hashlib
import io
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from att_docs.base.errors import ContentError
from att_docs.base.inputs import read_bytes
from att_docs.base.statefile import MAX_RECORD_BYTES
from att_docs.document.model import Document, SourceLocation, Text
from att_docs.document.units import document_units

__all__ = ["RECORD_DIR", "STATES", "Record", "UnitState", "mark_translated", "needs_translation",
           "placeholder_record", "read_record", "record_path", "record_placeholders",
           "record_text", "record_translations", "recorded_text",
           "records_sha256", "text_hash", "unit_states"]

RECORD_DIR = ".translations"
STATES = ("translated", "stale", "untranslated", "extra")
_HEADER = ("# Written by att-docs (att-docs translated, xliff import, att-docs new): the\n"
           "# original-language text each translation was made from. Do not edit by hand.\n")
_LETTER_WORDS = re.compile(r"[^\W\d_]{2,}")
_CODES = re.compile(r"\S*[/@]\S*")  # document symbols, addresses: the same in every language


def _normal(text: str) -> str:
    """Whitespace runs as one space, none at the ends: re-wrapping a paragraph changes
    nothing."""
    return " ".join(text.split())


def text_hash(text: str) -> str:
    """The short hash a record keeps of a text (whitespace-insensitive)."""
    return _hash_of_normal(_normal(text))


def _hash_of_normal(normal: str) -> str:
    return hashlib.sha256(normal.encode("utf-8")).hexdigest()[:12]


def record_path(paper_dir: Path, lang: str) -> Path:
    return paper_dir / RECORD_DIR / f"{lang}.yaml"


@dataclass
class Record:
    """One paper language's record: ``units`` id → (hash, source); ``placeholders`` and
    ``confirmed`` (texts confirmed to stay the same as the original) id → text hash."""

    units: dict[str, tuple[str, str]]
    placeholders: dict[str, str]
    confirmed: dict[str, str] = field(default_factory=dict)


def read_record(paper_dir: Path, lang: str) -> Record:
    """The record of ``lang`` (empty if there is none). One that cannot be read, is not
    plain YAML (an anchor, alias or tag, say) or has a field of the wrong kind is an
    error naming the file and line (:func:`att_docs.base.statefile.load_record`)."""
    from att_docs.base.statefile import load_record
    from att_docs.records.record_schema import RecordFile

    path = record_path(paper_dir, lang)
    try:
        found = load_record(path, RecordFile, "translation record", {"language": lang})
    except ContentError as exc:
        raise ContentError(f"{exc.message} (a translation record, written by att-docs: "
                           "restore it from version control, or run att-docs translated)",
                           exc.path, exc.line) from None
    if found is None:
        return Record({}, {})
    return Record({uid: (entry.hash, entry.source) for uid, entry in found.units.items()},
                  dict(found.placeholders), dict(found.confirmed))


def record_text(lang: str, record: Record) -> str:
    """The file's text: units sorted by id, then placeholders and confirmed texts."""
    data: dict[str, Any] = {"language": lang}
    if record.units:
        data["units"] = {uid: {"hash": h, "source": src}
                         for uid, (h, src) in sorted(record.units.items())}
    if record.placeholders:
        data["placeholders"] = dict(sorted(record.placeholders.items()))
    if record.confirmed:
        data["confirmed"] = dict(sorted(record.confirmed.items()))
    from ruamel.yaml import YAML

    yaml = YAML(typ="safe")
    yaml.default_flow_style = False
    yaml.allow_unicode = True
    yaml.width = 100
    yaml.sort_base_mapping_type_on_output = False  # type: ignore[assignment]
    out = io.StringIO()
    yaml.dump(data, out)
    return _HEADER + out.getvalue()


def placeholder_record(lang: str, texts: Mapping[str, str],
                       sources: Mapping[str, str] | None = None) -> str:
    """A new record's text marking ``texts`` (id → text in ``lang``) as placeholders,
    and the units of ``sources`` (id → original text) as translated from them."""
    units = {uid: (text_hash(src), _normal(src)) for uid, src in (sources or {}).items()}
    return record_text(lang, Record(units, {uid: text_hash(t) for uid, t in texts.items()}))


def _write_record(paper_dir: Path, lang: str, record: Record) -> None:
    """Replace the record in one journaled write, once it reads back as ``record``."""
    from att_docs.base.journal import Write

    with Write(paper_dir, "record of translations") as write:
        write.put(f"{RECORD_DIR}/{lang}.yaml", record_text(lang, record).encode("utf-8"))
        back = read_record(write.shadow(), lang)
        if back != record:
            raise ContentError("the translation record would not read back as written; "
                               "nothing written", record_path(paper_dir, lang))
        write.commit()


def _merged(paper_dir: Path, lang: str, sources: Mapping[str, str],
            same: Iterable[str]) -> Record:
    record = read_record(paper_dir, lang)
    _record(record, sources, set(same))
    return record


def recorded_text(paper_dir: Path, lang: str, sources: Mapping[str, str],
                  same: Iterable[str] = ()) -> str:
    """The text of ``lang``'s record once ``sources`` (unit id → the original text each
    translation was made from) are merged into it, the units of ``same`` confirmed."""
    return record_text(lang, _merged(paper_dir, lang, sources, same))


def record_translations(paper_dir: Path, lang: str, sources: Mapping[str, str],
                        same: Iterable[str] = ()) -> None:
    """Record that ``lang``'s text of each unit id was made from ``sources[id]``.

    ``sources`` holds original-language plain texts; they are merged into the existing
    record (other units keep theirs), and the file is replaced atomically. The units of
    ``same`` were confirmed to stay the same as their original in ``lang``.
    """
    _write_record(paper_dir, lang, _merged(paper_dir, lang, sources, same))


def _record(record: Record, sources: Mapping[str, str], same: set[str]) -> None:
    for unit_id, source in sources.items():
        record.units[unit_id] = (text_hash(source), _normal(source))
        if unit_id in same:
            record.confirmed[unit_id] = text_hash(source)
        else:
            record.confirmed.pop(unit_id, None)


def record_placeholders(paper_dir: Path, lang: str, texts: Mapping[str, str]) -> None:
    """Record ``texts`` (id → text in ``lang``) as placeholders: untranslated until changed."""
    record = read_record(paper_dir, lang)
    record.placeholders.update({uid: text_hash(text) for uid, text in texts.items()})
    _write_record(paper_dir, lang, record)


def records_sha256(paper_dir: Path) -> str:
    """One hash of a paper's records: what its states depend on besides its content.

    A file that cannot be read as a record (an editor's lock file, a broken link, a
    FIFO) counts by its name and why: reading the record itself reports it."""
    digest = hashlib.sha256()
    folder = paper_dir / RECORD_DIR
    if folder.is_dir():
        for path in sorted(folder.glob("*.yaml")):
            try:
                data = read_bytes(path, MAX_RECORD_BYTES)
            except ContentError as exc:
                data = exc.message.encode()
            digest.update(path.name.encode("utf-8", "surrogateescape") + b"\0" + data + b"\0")
    return digest.hexdigest()


@dataclass(frozen=True)
class UnitState:
    """One unit in one language: its state, why, and the texts a report or diff needs.

    ``reason`` says why a unit is untranslated (``missing``, ``empty``, ``identical``,
    ``unrecorded``, ``placeholder``) or stale (``changed``), or that a translated unit is
    the same as the original (``confirmed``).
    ``old_source`` is the original text the translation was recorded from.
    """

    id: str
    kind: str
    state: str
    source: str
    target: str
    old_source: str | None = None
    reason: str = ""
    where: SourceLocation | None = None  # the text in this language
    file: Path | None = None  # where a text without a location is kept (paper.yaml)

    @property
    def placeholder(self) -> bool:
        return self.reason == "placeholder"


def _plain(text: Text | None) -> str:
    return text.plain() if text is not None else ""


_STATES: dict[tuple[int, str, str], tuple[Document, dict[str, UnitState]]] = {}
_STATES_KEPT = 512  # papers × languages of a large set, read by several callers in turn


def unit_states(doc: Document, lang: str) -> dict[str, UnitState]:
    """Every unit of ``doc`` in ``lang`` with its state, in document order; extras last.

    Worked out once per process for a paper and language while its records stay the
    same (the checks, ``status`` and the manifest all ask)."""
    records = records_sha256(doc.source) if doc.source else ""
    key = (id(doc), lang, records)
    kept = _STATES.get(key)
    if kept is not None and kept[0] is doc:
        return dict(kept[1])
    states = _unit_states(doc, lang)
    if len(_STATES) >= _STATES_KEPT:
        _STATES.pop(next(iter(_STATES)))
    _STATES[key] = (doc, states)
    return dict(states)


def _unit_states(doc: Document, lang: str) -> dict[str, UnitState]:
    original = doc.masthead.original_language
    record = read_record(doc.source, lang) if doc.source else Record({}, {})
    own = record if lang == original else (
        read_record(doc.source, original) if doc.source else Record({}, {}))
    out: dict[str, UnitState] = {}
    for unit in document_units(doc):
        src_text, tgt_text = unit.text(original), unit.text(lang)
        src, tgt = _plain(src_text), _plain(tgt_text)
        where = tgt_text.where if tgt_text is not None else None
        state, reason, old = _state(unit.id, src, tgt, tgt_text is None, lang == original,
                                    record, own)
        if state:
            out[unit.id] = UnitState(unit.id, unit.kind, state, src, tgt, old, reason,
                                     where, unit.file)
    for unit_id, text in doc.extras.get(lang, {}).items():
        if unit_id not in out and _normal(text.plain()):
            out[unit_id] = UnitState(unit_id, "extra", "extra", "", text.plain(),
                                     where=text.where)
    return out


def _state(unit_id: str, src: str, tgt: str, missing: bool, is_original: bool,
           record: Record, own: Record) -> tuple[str, str, str | None]:
    """(state, reason, old source); an empty state for a unit with no text at all."""
    nsrc = _normal(src)
    if is_original:
        if not nsrc:
            return ("untranslated", "missing" if missing else "empty", None)
        if record.placeholders.get(unit_id) == _hash_of_normal(nsrc):
            return ("untranslated", "placeholder", None)
        return ("translated", "", None)
    ntgt = _normal(tgt)
    if not nsrc:
        return ("extra", "", None) if ntgt else ("", "", None)
    if missing or not ntgt:
        return ("untranslated", "missing" if missing else "empty", None)
    src_hash = _hash_of_normal(nsrc)
    if (record.placeholders.get(unit_id) == _hash_of_normal(ntgt)
            or own.placeholders.get(unit_id) == src_hash):
        return ("untranslated", "placeholder", None)
    entry = record.units.get(unit_id)
    if entry is not None and entry[0] != src_hash:
        return ("stale", "changed", entry[1])
    if nsrc == ntgt:  # a copy of the original, unless confirmed to stay the same
        if entry is not None and record.confirmed.get(unit_id) == src_hash:
            return ("translated", "confirmed", entry[1])
        return ("untranslated", "identical", None)
    if entry is None:  # a text nobody recorded as translated
        return ("untranslated", "unrecorded", None)
    return ("translated", "", entry[1])


def _recordable(unit: UnitState, ids: Iterable[str] | None) -> bool:
    """A text ``translated`` may record: a translation, or, named by id, a copy of the
    original confirmed to stay the same."""
    if unit.state == "untranslated" and unit.reason not in ("unrecorded", "identical"):
        return False  # missing, empty, a placeholder
    if unit.state not in ("translated", "stale", "untranslated"):
        return False
    copy = _normal(unit.target) == _normal(unit.source)
    return not copy or ids is not None or unit.reason == "confirmed"


def needs_translation(text: str) -> bool:
    """Two words or more that are not acronyms, symbols or addresses."""
    words = _LETTER_WORDS.findall(_CODES.sub(" ", text))
    return sum(1 for w in words if not w.isupper()) >= 2


def mark_translated(doc: Document, lang: str, ids: Iterable[str] | None = None) -> list[str]:
    """Record ``lang``'s current texts as made from the current original texts.

    With ``ids``, only those units (an unknown id is an error); a unit named there whose
    text is the same as the original is confirmed to stay so in ``lang`` ("Introduction"
    in French). Without ``ids``, every unit that has a translation (one that differs
    from the original), and units that no longer exist leave the record. Units missing,
    empty, placeholders or extra are never recorded, nor, unless named, copies of the
    original. Returns the ids recorded.
    """
    if doc.source is None:
        raise ContentError("the paper has no folder to keep its translation record in")
    original = doc.masthead.original_language
    if lang == original:
        raise ContentError(f"{lang!r} is the paper's original language: it is not "
                           "translated from anything", doc.source)
    if lang not in doc.languages:
        raise ContentError(f"{lang!r} is not a language of this paper "
                           f"({', '.join(doc.languages)})", doc.source)
    states = unit_states(doc, lang)
    wanted = list(states) if ids is None else list(dict.fromkeys(ids))
    unknown = [uid for uid in wanted if uid not in states]
    if unknown:
        raise ContentError(f"no unit {', '.join(map(repr, unknown))} in this paper "
                           "(att-docs status --format json lists the ids)", doc.source)
    chosen = {uid: states[uid].source for uid in wanted if _recordable(states[uid], ids)}
    record = read_record(doc.source, lang)
    if ids is None:
        record.units = {uid: v for uid, v in record.units.items() if uid in states}
        record.confirmed = {uid: h for uid, h in record.confirmed.items() if uid in states}
    same = {uid for uid in chosen if _normal(states[uid].target) == _normal(states[uid].source)}
    _record(record, chosen, same)
    _write_record(doc.source, lang, record)
    return list(chosen)
