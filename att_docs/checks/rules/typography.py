"""typography: punctuation and spacing rules, chosen per language by its data.

A language's ``typography`` list in ``templates/locale/<lang>.yaml`` names the rule sets
that apply to its texts (the table :data:`RULE_SETS`):

``house-spacing``: the spaces before ``; : ! ?`` and inside « » that the house style
(:mod:`att_docs.document.house_style`) requires or forbids. A deviation is reported once
per document, language and kind, with its count, at its first place; a plain space where
a no-break one is expected is information only (the build writes a no-break space).

``quotes``: an opening quotation mark of the language's ``quote_pairs`` that is never
closed, or a closing one that closes nothing (a paragraph of a quotation that runs on
may open without closing).

``doubled-words``: a word written twice in a row ("the the"), except the language's
``doubled_words`` ("nous nous").

``cjk-text``, in every text of a language written without spaces (bilingual or
monolingual):

- half-width ``, ; : ! ? .`` next to Chinese text, at the end of a segment too (each
  with the mark the language's ``full_width`` gives), and a lone ``—``; half-width
  brackets next to Chinese text where the house style wants full-width ones (a
  reference keeps its own: 第24(b)段, 第1267(1999)号);
- doubled punctuation (``。。``, ``，，``);
- a phrase of four or more characters repeated back to back;
- spaces between Chinese characters, or between Chinese and Latin letters or digits
  (``第 24 段``, ``ATT 秘书处``: the house style sets no space there);
- the Treaty's name (the language's ``treaty_name``, 武器贸易条约) outside its first
  ``titles`` marks (《》), except in a longer glossary term and in a text that is the
  name alone (a title takes no 《》);

``cjk-lists``: in plain text, a list's lead-in that does not end with a colon, and a list
item with no closing punctuation where every other item of the list has 。.

``cjk-end-punctuation``: in bilingual text, a sentence that ends with ``.`` or ``:`` in a
source without that rule set but stops on a bare character in the target.
"""

from __future__ import annotations

import functools
import operator
import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass, field

from att_docs.base.errors import ContentError
from att_docs.checks.context import Context
from att_docs.checks.findings import Finding
from att_docs.checks.segments import Corpus, Segment
from att_docs.document.house_style import HouseStyle
from att_docs.language.profile import Language
from att_docs.language.scripts import HAN

CHECK = "typography"
HELP = ("punctuation and spacing by the language's rule sets and house style "
        "(Chinese full-width punctuation, French spaces before ; : ! ?, unpaired "
        "quotation marks, doubled words); a house-style deviation once per "
        "document and kind, with its count")
"""What ``att-docs check --help`` says of the check."""
ORDER = 110
"""Where the check stands in reports (ascending)."""

H = HAN
_HALF = re.compile(rf"(?<=[{H}])[ \t]*([,;:!?])|([,;:!?])[ \t]*(?=[{H}])"
                   rf"|(?<=[{H}])[ \t]*(\.)(?:[ \t]*(?=[{H}])|\s*$)")
_GROUP = re.compile(r"\(([^()]{0,200})\)")
_LABEL = re.compile(r"[a-z]{1,4}(?:\s*[-–]\s*[a-z]{1,4})?|\d{1,4}(?:\s*[-–]\s*\d{1,4})?")
# a lone dash between Chinese characters; a hyphen only with spaces around it (巴西-阿根廷
# joins two names, as UN Chinese writes them)
_DASH = re.compile(rf"(?<=[{H}])(?:[ \t]*[—–][ \t]*|[ \t]+-[ \t]+)(?=[{H}])")
_HEADING_LABEL = re.compile(r"\s*[〇一二三四五六七八九十百]+\.\s")  # 二. 核不扩散
_DOUBLED = re.compile(r"([。，、；：！？])\1+")
_REPEATED = re.compile(rf"([{H}]{{4,24}})\1")
_SPACE = re.compile(rf"(?<=[{H}])[ \t\u3000]+(?=[{H}A-Za-z0-9])"
                    rf"|(?<=[A-Za-z0-9])[ \t\u3000]+(?=[{H}])")
_HANZI = re.compile(rf"[{H}]")
_CONJUNCTION = ("以及", "和", "或", "及", "并")
_WORD_TWICE = re.compile(r"\b([^\W\d_]{2,})\s+(\1)\b", re.IGNORECASE)


@dataclass
class _House:
    """A document's house style in one language, and its deviations so far (one finding
    per kind, with a count)."""

    style: HouseStyle
    seen: dict[str, list] = field(default_factory=dict)  # kind -> [count, finding args]

    def deviate(self, kind: str, severity: str, seg: Segment, offset: int, message: str,
                suggestion: str | None) -> None:
        found = self.seen.get(kind)
        if found is None:
            self.seen[kind] = [1, severity, seg, offset, message, suggestion]
        else:
            found[0] += 1

    def findings(self, corpus: Corpus, lang: str, ctx: Context) -> Iterator[Finding | None]:
        for count, severity, seg, offset, message, suggestion in self.seen.values():
            times = f"{count}× in this document, first here" if count > 1 else "here"
            yield ctx.finding(CHECK, severity, corpus, seg, lang,
                              f"{message} ({times}; house style {self.style.name!r})",
                              suggestion, offset)


def run(corpora: list[Corpus], ctx: Context) -> Iterator[Finding | None]:
    for corpus in corpora:
        for lang in corpus.languages:
            sets = ctx.language(lang).typography
            for name in sets:
                if name not in RULE_SETS:
                    where = ctx.language(lang).source
                    raise ContentError(f"unknown typography rule set {name!r} (known: "
                                       f"{', '.join(RULE_SETS)})", where)
            text_rules = [RULE_SETS[name] for name in sets if RULE_SETS[name] is not None]
            house = _House(ctx.house_style(corpus, lang))
            for seg in corpus.segments:
                text = seg.text(lang)
                if text and CHECK not in seg.ignore and \
                        not ctx.untranslated(corpus, seg, lang):
                    for rule in text_rules:
                        yield from rule(corpus, seg, lang, text, ctx, house)  # type: ignore[misc]
            yield from house.findings(corpus, lang, ctx)
            if "cjk-lists" in sets and not corpus.bilingual:
                yield from _list_rules(corpus, lang, ctx)
        if corpus.bilingual and corpus.source is not None:
            for target in corpus.targets:
                if "cjk-end-punctuation" in ctx.language(target).typography and \
                        "cjk-end-punctuation" not in ctx.language(corpus.source).typography:
                    yield from _end_punctuation(corpus, corpus.source, target, ctx)


_SPACES = " \t\u00a0\u202f"
_NO_BREAK = "\u00a0\u202f"
_TIME_OR_ADDRESS = re.compile(r"\d:\d|:/")


def _house_spacing(corpus: Corpus, seg: Segment, lang: str, text: str, ctx: Context,
                   house: _House) -> Iterator[Finding | None]:
    """Spaces before ; : ! ? and inside « » as the house style says (tallied)."""
    style = house.style
    for mark, rule in style.space_before.items():
        at = text.find(mark)
        while at > 0:
            _spacing(text, at, mark, rule, seg, house)
            at = text.find(mark, at + 1)
    if "«" in text or "»" in text:
        for m in re.finditer(r"«([ \t\u00a0\u202f]*)|([ \t\u00a0\u202f]*)»", text):
            space = m.group(1) if m.group(1) is not None else m.group(2)
            mark = "«" if m.group(1) is not None else "»"
            if (mark == "«" and m.end() >= len(text)) or (mark == "»" and m.start() == 0):
                continue
            where = "after '«'" if mark == "«" else "before '»'"
            _judge(space, style.guillemets, where, m.start(), seg, house,
                   "«" + style.space if mark == "«" else style.space + "»")
    return iter(())


def _spacing(text: str, at: int, mark: str, rule: str, seg: Segment, house: _House) -> None:
    start = at
    while start and text[start - 1] in _SPACES:
        start -= 1
    if not start or text[start - 1] in "?!" or text[start - 1].isspace():
        return  # the start of a line, ?! as one mark
    if mark == ":" and _TIME_OR_ADDRESS.match(text, at - 1) and start == at:
        return  # 10:30, https://
    _judge(text[start:at], rule, f"before {mark!r}", start, seg, house,
           house.style.space + mark)


def _judge(space: str, rule: str, where: str, offset: int, seg: Segment, house: _House,
           wanted: str) -> None:
    if rule == "required" and not space:
        house.deviate(f"none {where}", "warning", seg, offset,
                      f"no space {where}: expected a no-break space", wanted)
    elif rule == "none" and space:
        house.deviate(f"space {where}", "warning", seg, offset, f"a space {where}: "
                      f"expected none", wanted.strip(_SPACES))
    elif rule != "none" and space and space.strip(_NO_BREAK):
        house.deviate(f"plain {where}", "info", seg, offset,
                      f"a plain space {where}: a no-break space keeps the mark on the line "
                      "(the build writes one)", wanted)


def _quotes(corpus: Corpus, seg: Segment, lang: str, text: str, ctx: Context,
            house: _House) -> Iterator[Finding | None]:
    """Quotation marks of the language's pairs that are not closed or close nothing."""
    language = ctx.language(lang)
    marks = _quote_marks(language)
    if marks is None or marks.search(text) is None:
        return
    pairs = language.quote_pairs
    if all((text.count(a) == text.count(b)) and (a not in text or (
            text.find(a) < text.find(b) and text.rfind(a) < text.rfind(b))) for a, b in pairs):
        return  # every pair balanced and in order: the usual case, found without a scan
    opens = {p[0]: p[1] for p in pairs}
    closes = {p[1]: p[0] for p in pairs}
    for at, message in _unpaired(text, opens, closes):
        yield ctx.finding(CHECK, "warning", corpus, seg, lang,
                          f"{message} (in “{_snippet(text, at)}”)", None, at)


@functools.lru_cache(maxsize=32)
def _quote_marks(language: Language) -> re.Pattern[str] | None:
    """Any mark of the language's quotation pairs, or None for a language without."""
    chars = "".join(language.quote_pairs)
    return re.compile(f"[{re.escape(chars)}]") if chars else None


def _doubled_words(corpus: Corpus, seg: Segment, lang: str, text: str, ctx: Context,
                   house: _House) -> Iterator[Finding | None]:
    """A word written twice in a row."""
    words = text.lower().split()
    if not any(map(operator.eq, words, words[1:])):
        return  # no word twice in a row: the usual case, found without the regex
    allowed = ctx.language(lang).doubled_words
    for m in _WORD_TWICE.finditer(text):
        if m.group(1).lower() in allowed or m.group(1) != m.group(2):
            continue
        yield ctx.finding(CHECK, "warning", corpus, seg, lang,
                          f"{m.group(1)!r} is written twice in a row (in "
                          f"“{_snippet(text, m.start())}”)", m.group(1), m.start())


def _snippet(text: str, offset: int) -> str:
    return text[max(0, offset - 8):offset + 12].replace("\n", " ")


def _text_rules(corpus: Corpus, seg: Segment, lang: str, text: str, ctx: Context,
                house: _House) -> Iterator[Finding | None]:
    def found(offset: int, message: str, suggestion: str | None = None) -> Finding | None:
        snippet = text[max(0, offset - 4):offset + 6].replace("\n", " ")
        return ctx.finding(CHECK, "warning", corpus, seg, lang, f"{message} (in “{snippet}”)",
                           suggestion, offset)

    full_width = ctx.language(lang).full_width
    suspect = _SUSPECT.search(text) is not None
    # each pattern needs a character of its own class: a plain scan for it first
    for m in _HALF.finditer(text) if suspect and _HALF_MARK.search(text) else ():
        mark = m.group(1) or m.group(2) or m.group(3)
        if mark not in full_width:
            continue
        if mark in ",." and _between_digits(text, m.start(), m.end()):
            continue
        if mark == "." and m.start() < 6 and _HEADING_LABEL.match(text):
            continue  # a heading's numeral: 二. 核不扩散
        yield found(m.start(), f"half-width {mark!r} next to Chinese text: expected "
                               f"{full_width[mark]}", full_width[mark])
    if house.style.parentheses == "full-width" and "(" in text:
        for m in _GROUP.finditer(text):
            if _LABEL.fullmatch(m.group(1).strip()):
                continue  # 第24(b)段, 第1267(1999)号, (a)
            before, after = text[m.start() - 1:m.start()], text[m.end():m.end() + 1]
            if _HANZI.match(before) or _HANZI.match(after) or _HANZI.search(m.group(1)):
                house.deviate("brackets", "warning", seg, m.start(),
                              "half-width brackets next to Chinese text: expected （）",
                              f"（{m.group(1)}）")
    for m in _DASH.finditer(text) if suspect and _DASH_MARK.search(text) else ():
        yield found(m.start(), f"{m.group().strip()!r} between Chinese characters: the "
                               "Chinese dash is ——", "——")
    for m in _DOUBLED.finditer(text) if suspect else ():
        yield found(m.start(), f"doubled punctuation {m.group()!r}: expected one "
                               f"{m.group(1)}", m.group(1))
    for m in _REPEATED.finditer(text):
        yield found(m.start(), f"{m.group(1)!r} is repeated back to back",
                    m.group(1))
    for m in _SPACE.finditer(text) if suspect and _BLANK.search(text) else ():
        before, after = text[max(0, m.start() - 1)], text[m.end():m.end() + 1]
        yield found(m.start(), f"space between {before!r} and {after!r}: Chinese text takes "
                               "no space between Chinese characters, Latin letters and "
                               "digits", before + after)
    yield from _treaty_name(corpus, seg, lang, text, ctx)
    for word, better in house.style.wording.items():
        at = text.find(word)
        if at >= 0:
            house.deviate(f"wording {word}", "warning", seg, at,
                          f"{word}: the house style writes {better}", better)


def _between_digits(text: str, start: int, end: int) -> bool:
    """1,234 or 3.5: a mark between digits is part of a number."""
    return text[start - 1:start].isdigit() and text[end:end + 1].isdigit()


_HALF_MARK = re.compile(r"[,.;:!?]")  # what _HALF, _DASH and _SPACE cannot match without
_DASH_MARK = re.compile(r"[—–\-]")
_BLANK = re.compile("[ \t\u3000]")
_SUSPECT = re.compile(r"[,.;:!?()—–\-]|([。，、；：！？])\1|[ \t\u3000]")


def _unpaired(text: str, opens: dict[str, str],
              closes: dict[str, str]) -> Iterator[tuple[int, str]]:
    stack: list[tuple[str, int]] = []
    marks = re.compile("[" + re.escape("".join(opens) + "".join(closes)) + "]")
    for m in marks.finditer(text):
        i, char = m.start(), m.group()
        if char in opens:
            stack.append((char, i))
        elif char in closes:
            opener = closes[char]
            if stack and stack[-1][0] == opener:
                stack.pop()
            elif any(o == opener for o, _ in stack):
                while stack and stack[-1][0] != opener:
                    o, at = stack.pop()
                    yield at, f"{o} is not closed: expected {opens[o]}"
                stack.pop()
            else:
                yield i, f"{char} closes nothing: expected {opener} before it"
    for o, at in stack:
        if at == 0 and len(stack) == 1 and unicodedata.category(o) == "Pi":
            continue  # a quotation running on into the next paragraph opens it only
        yield at, f"{o} is not closed: expected {opens[o]}"


def _treaty_name(corpus: Corpus, seg: Segment, lang: str, text: str,
                 ctx: Context) -> Iterator[Finding | None]:
    language = ctx.language(lang)
    name = language.treaty_name
    if not name or not language.titles:
        return
    opening, closing = language.titles[0]
    start = text.find(name)
    if start >= 0 and text.strip(f" {opening}{closing}") == name:
        return  # the name alone is a title: a title takes no title marks
    if start >= 0:
        longer = [(m.start, m.end) for m in ctx.matches(seg, lang)
                  if name in m.text and m.end - m.start > len(name)]
    while start >= 0:
        end = start + len(name)
        marked = text[start - 1:start] == opening and text[end:end + 1] == closing
        inside = any(s <= start and end <= e for s, e in longer)
        if not marked and not inside:
            titled = f"{opening}{name}{closing}"
            yield ctx.finding(CHECK, "warning", corpus, seg, lang,
                              f"the Treaty's name stands in book-title marks: expected "
                              f"{titled}", titled, start)
        start = text.find(name, end)


def _ends_bare(text: str) -> bool:
    stripped = text.rstrip()
    return bool(stripped) and bool(_HANZI.match(stripped[-1])) \
        and not stripped.endswith(_CONJUNCTION)


def _is_item(seg: Segment) -> bool:
    """A lettered or bulleted list item (numbered paragraphs are not items)."""
    return seg.marker is not None and not seg.marker.isdigit()


def _list_rules(corpus: Corpus, lang: str, ctx: Context) -> Iterator[Finding | None]:
    """Plain-text lists: the lead-in ends with ：, items end alike."""
    segments = [s for s in corpus.segments if s.text(lang).strip()]
    runs: list[list[Segment]] = []
    for i, seg in enumerate(segments):
        if not _is_item(seg):
            continue
        previous = segments[i - 1] if i else None
        if previous is not None and not _is_item(previous) and seg.marker in ("a", "-"):
            text = previous.text(lang).rstrip()
            if _HANZI.match(text[-1:]) and CHECK not in previous.ignore:
                yield ctx.finding(CHECK, "warning", corpus, previous, lang,
                                  f"the lead-in of a list ends with a colon: expected "
                                  f"{text[-4:]}：", text[-4:] + "：", len(text) - 1)
        if previous is not None and _is_item(previous) and runs:
            runs[-1].append(seg)
        else:
            runs.append([seg])
    for items in runs:
        if len(items) < 3:
            continue
        full_stops = sum(1 for s in items if s.text(lang).rstrip().endswith("。"))
        for seg in items:
            text = seg.text(lang).rstrip()
            if full_stops >= len(items) - 1 and _ends_bare(text) and CHECK not in seg.ignore:
                yield ctx.finding(CHECK, "warning", corpus, seg, lang,
                                  f"every other item of this list ends with 。: expected "
                                  f"{text[-4:]}。", text[-4:] + "。", len(text) - 1)


def _end_punctuation(corpus: Corpus, source: str, target: str,
                    ctx: Context) -> Iterator[Finding | None]:
    full_width = ctx.language(target).full_width
    expected = {mark: full_width[mark] for mark in ".:" if mark in full_width}
    for seg in corpus.segments:
        src, tgt = seg.text(source).rstrip(), seg.text(target).rstrip()
        if not src or not tgt or src[-1] not in expected or src.endswith("..") \
                or ctx.untranslated(corpus, seg, target):
            continue
        if src.split()[-1].count(".") > 1:  # ends with a symbol or abbreviation
            continue
        if _ends_bare(tgt):
            mark = expected[src[-1]]
            yield ctx.finding(CHECK, "warning", corpus, seg, target,
                              f"the source ends with {src[-1]!r}: expected {mark} at the end",
                              tgt[-4:] + mark, len(tgt) - 1)


RULE_SETS = {
    "cjk-text": _text_rules,
    "house-spacing": _house_spacing,
    "quotes": _quotes,
    "doubled-words": _doubled_words,
    "cjk-lists": None,  # over a whole plain text: _list_rules
    "cjk-end-punctuation": None,  # over source and target: _end_punctuation
}
"""Rule sets a language's data may name; those with a function apply to every text."""
