"""typography: punctuation and spacing rules, chosen per language by its data.

A language's ``typography`` list in ``templates/locale/<lang>.yaml`` names the rule sets
that apply to its texts (the table :data:`RULE_SETS`):

``nbsp-punctuation`` (French): a no-break space (U+202F or U+00A0) before ``; : ! ?`` and
``»`` and after ``«``, never a plain space or none.

``cjk-text``, in every text of a language written without spaces (bilingual or
monolingual):

- half-width punctuation between Chinese characters (``,`` for ，, a lone ``—`` for ——);
- doubled punctuation (``。。``, ``，，``);
- a phrase of four or more characters repeated back to back;
- unpaired 《》, “” and （）;
- spaces between Chinese characters, or between Chinese and Latin letters or digits
  (``第 24 段``, ``ATT 秘书处``: the house style sets no space there);
- the Treaty's name 武器贸易条约 outside 《》, except inside a longer glossary term, and
  本条约 for 本《条约》;

``cjk-lists``: in plain text, a list's lead-in that does not end with a colon, and a list
item with no closing punctuation where every other item of the list has 。.

``cjk-end-punctuation``: in bilingual text, a sentence that ends with ``.`` or ``:`` in a
source without that rule set but stops on a bare character in the target.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from att_docs.checks.context import Context
from att_docs.checks.findings import Finding
from att_docs.checks.segments import Corpus, Segment
from att_docs.errors import ContentError

CHECK = "typography"

H = "\u3400-\u4dbf\u4e00-\u9fff"
_HALF = re.compile(rf"(?<=[{H}])[ \t]*([,.;:!?()])[ \t]*(?=[{H}])")
_DASH = re.compile(rf"(?<=[{H}])[ \t]*[—–\-][ \t]*(?=[{H}])")
_DOUBLED = re.compile(r"([。，、；：！？])\1+")
_REPEATED = re.compile(rf"([{H}]{{4,24}})\1")
_SPACE = re.compile(rf"(?<=[{H}])[ \t\u3000]+(?=[{H}A-Za-z0-9])"
                    rf"|(?<=[A-Za-z0-9])[ \t\u3000]+(?=[{H}])")
_TREATY = "武器贸易条约"
_THIS_TREATY = re.compile(r"本条约")
_FULL = {",": "，", ".": "。", ";": "；", ":": "：", "!": "！", "?": "？", "(": "（",
         ")": "）"}
_PAIRS = {"《": "》", "“": "”", "（": "）"}
_CLOSERS = {v: k for k, v in _PAIRS.items()}
_HANZI = re.compile(rf"[{H}]")
_CONJUNCTION = ("以及", "和", "或", "及", "并")


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
            for seg in corpus.segments:
                text = seg.text(lang)
                if text and CHECK not in seg.ignore and \
                        not ctx.untranslated(corpus, seg, lang):
                    for rule in text_rules:
                        yield from rule(corpus, seg, lang, text, ctx)  # type: ignore[misc]
            if "cjk-lists" in sets and not corpus.bilingual:
                yield from _list_rules(corpus, lang, ctx)
        if corpus.bilingual and corpus.source is not None:
            for target in corpus.targets:
                if "cjk-end-punctuation" in ctx.language(target).typography and \
                        "cjk-end-punctuation" not in ctx.language(corpus.source).typography:
                    yield from _end_punctuation(corpus, corpus.source, target, ctx)


_NO_SPACE_BEFORE = re.compile(r"(?P<before>[^\s\u00a0\u202f])(?P<space>[ \t]?)(?P<mark>[;:!?»])")
_NO_SPACE_AFTER = re.compile(r"«(?P<space>[ \t]?)(?=[^\s\u00a0\u202f])")
_HIGH_MARK = re.compile(r"[;:!?»]")


def _before_marks(text: str) -> Iterator[re.Match[str]]:
    """``_NO_SPACE_BEFORE.finditer(text)``, searched only next to each mark: a match ends
    with a mark and starts at most two characters before it, so the pattern is not tried
    at every character of a long text."""
    at = 0
    for mark in _HIGH_MARK.finditer(text):
        end = mark.end()
        if end - 1 < at + 1:
            continue  # the mark was taken by the previous match, or has nothing before it
        m = _NO_SPACE_BEFORE.search(text, max(at, end - 3), end)
        if m is not None:
            yield m
            at = m.end()


def _nbsp_rules(corpus: Corpus, seg: Segment, lang: str, text: str,
                ctx: Context) -> Iterator[Finding | None]:
    """A no-break space before high punctuation and inside « » (French typography)."""
    for m in _before_marks(text):
        mark, at = m.group("mark"), m.start("space")
        after = text[m.end():m.end() + 2]
        if mark == ":" and ((m.group("before").isdigit() and after[:1].isdigit())
                            or after.startswith("//")):
            continue  # 10:30, https://
        if mark in "?!" and m.group("before") in "?!":
            continue  # ?! counts as one mark
        yield ctx.finding(CHECK, "warning", corpus, seg, lang,
                          f"{'a plain space' if m.group('space') else 'no space'} before "
                          f"{mark!r}: expected a no-break space (U+202F)",
                          "\u202f" + mark, at)
    for m in _NO_SPACE_AFTER.finditer(text):
        yield ctx.finding(CHECK, "warning", corpus, seg, lang,
                          f"{'a plain space' if m.group('space') else 'no space'} after "
                          "'«': expected a no-break space (U+202F)", "«\u202f", m.start())


def _text_rules(corpus: Corpus, seg: Segment, lang: str, text: str,
                ctx: Context) -> Iterator[Finding | None]:
    def found(offset: int, message: str, suggestion: str | None = None) -> Finding | None:
        snippet = text[max(0, offset - 4):offset + 6].replace("\n", " ")
        return ctx.finding(CHECK, "warning", corpus, seg, lang, f"{message} (in “{snippet}”)",
                           suggestion, offset)

    suspect = _SUSPECT.search(text) is not None
    # each pattern needs a character of its own class: a plain scan for it first
    for m in _HALF.finditer(text) if suspect and _HALF_MARK.search(text) else ():
        mark = m.group(1)
        yield found(m.start(), f"half-width {mark!r} between Chinese characters: expected "
                               f"{_FULL[mark]}", _FULL[mark])
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
    if _MARKS.search(text) is not None and (
            any(text.count(a) != text.count(b) for a, b in _PAIRS.items()) or _crossed(text)):
        yield from (found(o, msg) for o, msg in _unpaired(text))
    yield from _treaty_name(corpus, seg, lang, text, ctx)


_MARKS = re.compile("[《》“”（）]")
_HALF_MARK = re.compile(r"[,.;:!?()]")  # what _HALF, _DASH and _SPACE cannot match without
_DASH_MARK = re.compile(r"[—–\-]")
_BLANK = re.compile("[ \t\u3000]")
_SUSPECT = re.compile(r"[,.;:!?()—–\-]|([。，、；：！？])\1|[ \t\u3000]")


def _crossed(text: str) -> bool:
    """Marks in a wrong order although their counts agree (》…《)."""
    return any(0 <= text.find(b) < text.find(a) for a, b in _PAIRS.items() if b in text)


def _unpaired(text: str) -> Iterator[tuple[int, str]]:
    stack: list[tuple[str, int]] = []
    for m in _MARKS.finditer(text):
        i, char = m.start(), m.group()
        if char in _PAIRS:
            stack.append((char, i))
        elif char in _CLOSERS:
            opener = _CLOSERS[char]
            if stack and stack[-1][0] == opener:
                stack.pop()
            elif any(o == opener for o, _ in stack):
                while stack and stack[-1][0] != opener:
                    o, at = stack.pop()
                    yield at, f"{o} is not closed: expected {_PAIRS[o]}"
                stack.pop()
            else:
                yield i, f"{char} closes nothing: expected {opener} before it"
    for o, at in stack:
        yield at, f"{o} is not closed: expected {_PAIRS[o]}"


def _treaty_name(corpus: Corpus, seg: Segment, lang: str, text: str,
                 ctx: Context) -> Iterator[Finding | None]:
    start = text.find(_TREATY)
    if start >= 0:
        longer = [(m.start, m.end) for m in ctx.matches(seg, lang)
                  if _TREATY in m.text and m.end - m.start > len(_TREATY)]
    while start >= 0:
        end = start + len(_TREATY)
        marked = text[start - 1:start] == "《" and text[end:end + 1] == "》"
        inside = any(s <= start and end <= e for s, e in longer)
        if not marked and not inside:
            yield ctx.finding(CHECK, "warning", corpus, seg, lang,
                              "the Treaty's name stands in book-title marks: expected "
                              "《武器贸易条约》", "《武器贸易条约》", start)
        start = text.find(_TREATY, end)
    for m in _THIS_TREATY.finditer(text):
        yield ctx.finding(CHECK, "warning", corpus, seg, lang,
                          "本条约 refers to the Treaty: expected 本《条约》", "本《条约》",
                          m.start())


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
    expected = {".": "。", ":": "："}
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
    "nbsp-punctuation": _nbsp_rules,
    "cjk-lists": None,  # over a whole plain text: _list_rules
    "cjk-end-punctuation": None,  # over source and target: _end_punctuation
}
"""Rule sets a language's data may name; those with a function apply to every text."""
