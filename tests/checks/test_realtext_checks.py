"""The checks on real text nobody here wrote (tests/fixtures/realtext): quiet on correct
translations, loud on real slips.

Every source file is checked against each of its languages, as a paper would be, with the
house style a conference publishing it would choose (``house_styles`` in expected.yaml).
The test fails if more than 2 % of the segments of all language pairs draw a warning or an
error that ``expected.yaml`` does not list, each listed finding with the reason it is a
real slip or a real house-style deviation, or if a listed finding is no longer found.

Then the error classes of the checks are planted into copies of real segments, one class
at a time, and each must be found by its check where the real segment drew nothing.

    .venv/bin/python tests/checks/test_realtext_checks.py     # the unlisted findings, to review
"""

from __future__ import annotations

import re
import sys
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import pytest
from ruamel.yaml import YAML

HERE = Path(__file__).resolve().parents[1]  # tests/: the helpers (realtext.py) and fixtures
ROOT = HERE.parent
REALTEXT = HERE / "fixtures" / "realtext"
EXPECTED = REALTEXT / "expected.yaml"
SOURCE = "en"
BAR = 0.02  # the share of segments that may draw an unlisted warning or error

sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(HERE))

from att_docs.checks.engine import check_corpora  # noqa: E402
from att_docs.checks.findings import Finding  # noqa: E402
from att_docs.checks.segments import Corpus, Segment  # noqa: E402
from att_docs.glossary import load  # noqa: E402

safe_load = YAML(typ="safe", pure=True).load

TEMPLATES = ROOT / "templates"


def _corpus_files() -> list[Path]:
    return sorted(p for p in REALTEXT.glob("*.yaml") if p != EXPECTED)


pytestmark = pytest.mark.skipif(not _corpus_files() or not (HERE / "realtext.py").exists(),
                                reason="the real-text corpus is not in this checkout")


@cache
def expected() -> dict:
    return safe_load(EXPECTED.read_text(encoding="utf-8")) or {}


def _styles(source: str) -> dict[str, str]:
    styles = expected().get("house_styles") or {}
    return {**styles.get("default", {}), **styles.get(source, {})}


@cache
def corpora() -> tuple[Corpus, ...]:
    """One corpus per source file and language: its segments that have that language."""
    import realtext

    out = []
    for path in realtext.corpus_files(REALTEXT):
        data = realtext.load_file(path)
        languages = sorted({k for s in data["segments"] for k in s if k in realtext.TARGET_LANGS})
        for lang in languages:
            segments = [Segment(str(s["id"]), "paragraph",
                                {SOURCE: s[SOURCE], lang: s[lang]})
                        for s in data["segments"] if s.get(SOURCE) and s.get(lang)]
            style = {k: v for k, v in _styles(path.stem).items() if k == lang}
            out.append(Corpus(f"{path.stem}.{lang}", [SOURCE, lang], segments, SOURCE, path,
                              house_style=style))
    return tuple(out)


@cache
def glossary():  # type: ignore[no-untyped-def]
    return load(ROOT / "glossary" / "att.yaml")


def run(corpora: list[Corpus]) -> list[Finding]:
    return check_corpora(corpora, glossary(), templates=TEMPLATES)


def key(f: Finding) -> tuple[str, str, str]:
    return (f.document or "", f.segment or "", f.check)


@cache
def real_findings() -> tuple[Finding, ...]:
    return tuple(f for f in run(list(corpora())) if f.at_least("warning"))


def listed() -> dict[tuple[str, str, str], str]:
    return {(f"{e['source']}.{e['lang']}", str(e["segment"]), e["check"]): e["why"]
            for e in expected().get("findings") or []}


def unlisted() -> list[Finding]:
    known = listed()
    return [f for f in real_findings() if key(f) not in known]


def test_every_listed_finding_says_why():
    for entry in expected().get("findings") or []:
        assert {"source", "lang", "segment", "check", "why"} <= set(entry), entry
        assert len(entry["why"].split()) >= 5, entry


def test_at_most_two_percent_of_segments_draw_an_unlisted_finding():
    total = sum(len(c.segments) for c in corpora())
    flagged = {(f.document, f.segment) for f in unlisted()}
    share = len(flagged) / total
    assert share <= BAR, (
        f"{len(flagged)} of {total} segments ({share:.1%}) draw findings expected.yaml does "
        "not list:\n" + "\n".join(f"{f.document} {f.segment} {f.check}: {f.message}"
                                  for f in unlisted()[:40]))


def test_every_listed_finding_is_still_found():
    """Each listed finding whose segment is still in the corpus is still found (a fixed
    check or a restored text takes its line out of expected.yaml)."""
    found = {key(f) for f in real_findings()}
    present = {(c.name, s.id) for c in corpora() for s in c.segments}
    gone = [k for k in listed() if k not in found and (k[0], k[1]) in present]
    assert not gone, f"listed in expected.yaml but no longer found: {gone}"


# --------------------------------------------------------------------------- planted


@dataclass(frozen=True)
class Plant:
    """An error class put into a copy of a real segment: the check that must find it."""

    name: str
    lang: str
    check: str
    apply: Callable[[str, str], str | None]  # (target, source) -> the slipped target


def _sub(pattern: str, repl: str | Callable[[re.Match[str]], str],
         need_source: str | None = None) -> Callable[[str, str], str | None]:
    def apply(target: str, source: str) -> str | None:
        if need_source and not re.search(need_source, source):
            return None
        new = re.sub(pattern, repl, target, count=1)
        return new if new != target else None
    return apply


def _untranslated(target: str, source: str) -> str | None:
    return source if len(source.split()) > 3 else None


def _doubled(target: str, source: str) -> str | None:
    m = re.search(r"\b([^\W\d_]{6,})\b", target)
    return None if m is None else target[:m.end()] + " " + m.group(1) + target[m.end():]


def _drop_number(lang: str) -> Callable[[str, str], str | None]:
    """Take out the first number of the target that the number check compares (not
    one inside a date or a reference)."""
    def apply(target: str, source: str) -> str | None:
        from att_docs.checks.rules.number import values
        from att_docs.language.profile import load_language

        found = [q for q in values(target, load_language(TEMPLATES, lang))
                 if q.strong and q.value > 1 and q.start > 5]  # not a paragraph number
        if not found:
            return None
        q = found[0]
        return target[:q.start] + target[q.end:]
    return apply


def _plus_one(m: re.Match[str]) -> str:
    return str(int(m.group()) + 1)


PLANTS = [
    Plant("untranslated copy", "fr", "untranslated", _untranslated),
    Plant("untranslated copy", "zh", "untranslated", _untranslated),
    Plant("wrong number", "fr", "number", _sub(r"(?<![\d/.,])\b[1-9]\d\d\b(?![\d/.,])", _plus_one)),
    Plant("wrong number", "zh", "number", _sub(r"(?<![\d/.,])[1-9]\d\d(?![\d/.,年月日号])",
                                               _plus_one)),
    Plant("missing number", "es", "number", _drop_number("es")),
    Plant("missing number", "zh", "number", _drop_number("zh")),
    Plant("wrong date", "zh", "date", _sub(r"(?<=月)(\d{1,2})(?=日)", _plus_one)),
    Plant("wrong date", "fr", "date", _sub(r"\b(\d{1,2})(?= (?:janvier|février|mars|avril|"
                                           r"mai|juin|juillet|août|septembre|octobre|"
                                           r"novembre|décembre) \d{4})", _plus_one)),
    Plant("wrong reference", "fr", "reference", _sub(r"(?<=paragraphe )(\d+)", _plus_one)),
    Plant("wrong reference", "zh", "reference", _sub(r"(?<=第)(\d+)(?=段)", _plus_one)),
    Plant("wrong term", "zh", "term", _sub("缔约国", "国家", r"States [Pp]arties")),
    Plant("deprecated term", "fr", "deprecated", _sub(r"États [Pp]arties", "États-parties",
                                                      r"States [Pp]arties")),
    Plant("added term", "zh", "term-reverse", _sub(r"。$", "，由缔约国会议审议。")),
    Plant("half-width comma", "zh", "typography", _sub("，", ",")),
    Plant("half-width colon at the end", "zh", "typography", _sub("：$", ":")),
    Plant("unpaired quotation mark", "fr", "typography", _sub("»", "")),
    Plant("unpaired book-title mark", "zh", "typography", _sub("》", "")),
    Plant("doubled word", "fr", "typography", _doubled),
    Plant("doubled word", "es", "typography", _doubled),
    Plant("space before a semicolon (UN house style)", "fr", "typography",
          _sub(r"(?<=\w);", " ;")),
]


def _planted(plant: Plant) -> tuple[Corpus, Segment] | None:
    """A copy of the first real segment the plant applies to and that drew no finding
    of its check, slipped, in a corpus of its own."""
    drew = {(f.document, f.segment) for f in real_findings() if f.check == plant.check}
    for corpus in corpora():
        if plant.lang not in corpus.languages:
            continue
        for seg in corpus.segments:
            if (corpus.name, seg.id) in drew:
                continue
            slipped = plant.apply(seg.text(plant.lang), seg.text(SOURCE))
            if slipped is None:
                continue
            copy = Segment(seg.id, seg.kind, {**seg.texts, plant.lang: slipped})
            return Corpus(corpus.name, corpus.languages, [copy], SOURCE, corpus.path,
                          house_style=corpus.house_style), copy
    return None


@pytest.mark.parametrize("plant", PLANTS, ids=[f"{p.lang}-{p.name}" for p in PLANTS])
def test_a_planted_error_is_found(plant: Plant):
    made = _planted(plant)
    assert made is not None, f"no real segment to plant {plant.name!r} into"
    corpus, seg = made
    before = run([Corpus(corpus.name, corpus.languages, [Segment(
        seg.id, seg.kind, {SOURCE: seg.text(SOURCE), plant.lang: next(
            s for c in corpora() if c.name == corpus.name for s in c.segments
            if s.id == seg.id).text(plant.lang)})], SOURCE, corpus.path,
        house_style=corpus.house_style)])
    after = run([corpus])
    new = [f for f in after if f.check == plant.check and f.at_least("warning")
           and (f.check, f.message) not in {(b.check, b.message) for b in before}]
    assert new, (f"{plant.name} planted into {corpus.name} {seg.id} was not found: "
                 f"{seg.text(plant.lang)!r}\n{[(f.check, f.message) for f in after]}")


def test_consistency_finds_a_planted_second_rendering():
    """The same real source sentence translated a second way in another paper."""
    corpus = next(c for c in corpora() if c.name.endswith(".fr"))
    seg = next(s for s in corpus.segments if len(s.text(SOURCE).split()) > 6)
    other = Segment(seg.id + "-again", seg.kind,
                    {SOURCE: seg.text(SOURCE), "fr": seg.text("fr") + " Autre rendu."})
    papers = [Corpus("one", corpus.languages, [seg], SOURCE),
              Corpus("two", corpus.languages, [seg, other], SOURCE)]
    found = [f for f in run(papers) if f.check == "consistency" and f.at_least("warning")]
    assert [f.segment for f in found] == [other.id]


if __name__ == "__main__":
    for f in unlisted():
        print(f"{f.document}\t{f.segment}\t{f.check}\t{f.severity}\t{f.message}")
    total = sum(len(c.segments) for c in corpora())
    flagged = {(f.document, f.segment) for f in unlisted()}
    pairs = {c.name.rsplit(".", 1)[1] for c in corpora()}
    for lang in sorted(pairs):
        n = sum(len(c.segments) for c in corpora() if c.name.endswith("." + lang))
        m = len({x for x in flagged if x[0].endswith("." + lang)})
        print(f"en-{lang}: {n} segments, {m} with an unlisted finding ({m / n:.1%})",
              file=sys.stderr)
    print(f"all: {total} segments, {len(flagged)} flagged ({len(flagged) / total:.1%})",
          file=sys.stderr)
