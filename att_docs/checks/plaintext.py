"""Monolingual text files (.txt, .md) as a corpus of segments.

Text extracted from PDF or Word comes hard-wrapped, paragraphs split over lines with
blank lines between. A line therefore continues the segment before it unless that one
ends a sentence (。：；！？. : ; ! ?), or the line starts a numbered paragraph or a list
item (``12.``, ``a.``, ``- ``), a footnote (a superscript number) or a Markdown block
(``{#id}``, ``#``). Tabs, HTML tags and a list number after Chinese text (``以及 3. 其他``)
split a line into pieces. Lines are joined as the language's data says (without a space
where words take none, ``cjk: true``); every segment keeps where each of its lines starts,
so findings name their exact line. A text's language, unless given, is the one of the
templates' languages that its script and words point to.

Superscript digits (¹²³) are footnote marks: they are lifted out of the text (so that
they never split a term for the matcher) and kept with their offsets.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from att_docs.base.errors import ContentError
from att_docs.base.inputs import read_text
from att_docs.base.paths import Project
from att_docs.checks.segments import Corpus, Segment
from att_docs.checks.suppress import marker_ids, parse_marker
from att_docs.document.model import SourceLocation
from att_docs.language.profile import available_languages, load_language
from att_docs.language.scripts import CJK_SYMBOLS, FULL_WIDTH, HAN

__all__ = ["corpus_from_text", "detect_language", "read_text_file"]

_CJK = re.compile(f"[{HAN}]")
_LATIN = re.compile(r"[A-Za-z]")
_SUPERSCRIPT = "⁰¹²³⁴⁵⁶⁷⁸⁹"
_SUPER_RUN = re.compile(rf"[{_SUPERSCRIPT}]+|\[\^(?P<id>[\w-]+)\]")
_NOTE_DEF = re.compile(r"^\[\^[\w-]+\]:\s*")
_MARKER = re.compile(
    r"^(?:\{#(?P<id>[\w-]+)[^}]*\}\s*"
    r"|(?P<heading>#{1,6})\s+"
    r"|(?:[-*•]\s*)?(?P<letter>[a-z])[.)]\s+"
    r"|(?P<number>\d{1,3})[.)]\s+"
    r"|(?P<dash>[-*•])\s+)"
)
_TAIL_ID = re.compile(r"\s*\{#[\w-]+[^}]*\}\s*$")
_SPLIT = re.compile(rf"\t+|<[^>]*>|(?<=[{CJK_SYMBOLS}{HAN}{FULL_WIDTH}])[ \t]+"
                    r"(?=\d{1,2}\.[ \t])")
_ENDS = tuple("。：；！？.:;!?")
_SUPER_DIGITS = str.maketrans(_SUPERSCRIPT, "0123456789")


def detect_language(text: str, templates: Path | None = None) -> str:
    """The templates' language the text is written in: a language written without spaces
    where CJK characters make up a fair share of the letters, else the best guess of
    simplemma's word-based detector among the others."""
    templates = templates or Project.default().templates
    codes = available_languages(templates)
    if not codes:
        raise ContentError("no languages: the templates folder has no locale/*.yaml",
                           templates)
    cjk = len(_CJK.findall(text))
    latin = len(_LATIN.findall(text))
    unspaced = [c for c in codes if load_language(templates, c).cjk]
    spaced = [c for c in codes if c not in unspaced] or codes
    if unspaced and cjk and cjk * 4 >= latin:
        return unspaced[0]
    if len(spaced) == 1:
        return spaced[0]
    import simplemma

    known = tuple(c for c in spaced if c in simplemma.strategies.dictionaries.
                  dictionary_factory.SUPPORTED_LANGUAGES)
    if not known:
        return spaced[0]
    best, score = simplemma.langdetect(text, lang=known)[0]
    return best if best in spaced and score > 0 else spaced[0]


@dataclass
class _Piece:
    line: int
    text: str
    marker: str | None
    starts_segment: bool
    footnote: bool
    seg_id: str | None


def _pieces(text: str) -> list[tuple[_Piece | None, set[str]]]:
    out: list[tuple[_Piece | None, set[str]]] = []
    for number, raw in enumerate(text.splitlines(), start=1):
        ids = parse_marker(raw)
        if ids is not None:
            out.append((None, set(ids)))
            continue
        for k, part in enumerate(_SPLIT.split(raw)):
            stripped = part.strip().replace("\u3000", " ").strip()
            if not stripped:
                continue
            footnote = stripped[0] in _SUPERSCRIPT or bool(_NOTE_DEF.match(stripped))
            stripped = _NOTE_DEF.sub("", stripped)
            marker = seg_id = None
            starts = k > 0 or footnote
            for _ in range(2):
                m = _MARKER.match(stripped)
                if not m:
                    break
                starts = True
                seg_id = m.group("id") or seg_id
                if not m.group("id"):
                    marker = None if m.group("heading") else (
                        m.group("letter") or m.group("number") or "-")
                stripped = stripped[m.end():]
            stripped = _TAIL_ID.sub("", stripped)
            out.append((_Piece(number, stripped, marker, starts, footnote, seg_id), set()))
        if not raw.strip():
            out.append((None, set()))
    return out


def corpus_from_text(text: str, lang: str | None = None, path: Path | None = None,
                     name: str | None = None, templates: Path | None = None) -> Corpus:
    """Segments of a monolingual text; the language is detected unless given."""
    templates = templates or Project.default().templates
    lang = lang or detect_language(text, templates)
    joiner = load_language(templates, lang).joiner
    segments: list[Segment] = []
    pending: set[str] = set()
    current: Segment | None = None
    for piece, ids in _pieces(text):
        if piece is None:
            pending |= ids
            continue
        previous = current.text(lang) if current else ""
        new = (current is None or piece.starts_segment or previous.endswith(_ENDS)
               or current.kind == "footnote")
        body, notes, offsets = _lift_marks(piece.text) if not piece.footnote \
            else (piece.text, [], [])
        if new:
            seg_id = piece.seg_id or f"line-{piece.line}"
            where = SourceLocation(path or Path("<text>"), piece.line)
            current = Segment(seg_id, "footnote" if piece.footnote else "line",
                              {lang: body}, {lang: where}, {lang: []}, {lang: notes},
                              {lang: offsets}, marker=piece.marker)
            current.ignore |= pending
            pending = set()
            segments.append(current)
        else:
            assert current is not None
            base = len(previous) + len(joiner)
            current.line_starts[lang].append(base)
            current.texts[lang] = previous + joiner + body
            starts = current.line_starts[lang]
            # A line may be a later line of the file than the one after the last start.
            gap = piece.line - (current.where[lang].line + len(starts))  # type: ignore[union-attr]
            starts.extend([base] * gap)
            current.notes[lang].extend(notes)
            current.note_offsets[lang].extend(base + o for o in offsets)
    return Corpus(name or (path.name if path else "<text>"), [lang], segments, None, path)


def _lift_marks(text: str) -> tuple[str, list[str], list[int]]:
    notes: list[str] = []
    offsets: list[int] = []
    out: list[str] = []
    last = 0
    removed = 0
    for m in _SUPER_RUN.finditer(text):
        out.append(text[last:m.start()])
        notes.append(m.group("id") or m.group().translate(_SUPER_DIGITS))
        offsets.append(m.start() - removed)
        removed += m.end() - m.start()
        last = m.end()
    out.append(text[last:])
    return "".join(out), notes, offsets


def read_text_file(path: Path, lang: str | None = None,
                   templates: Path | None = None) -> Corpus:
    """A .txt or .md file as a monolingual corpus."""
    text = read_text(path, missing="no such file")
    corpus = corpus_from_text(text, lang, path, templates=templates)
    for number, raw in enumerate(text.splitlines(), start=1):
        ids = parse_marker(raw)
        if ids is not None:
            marker_ids(ids, path, number)
    return corpus
