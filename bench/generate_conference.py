"""Generate a synthetic conference from the example papers, for benchmarks and tests.

    .venv/bin/python bench/generate_conference.py OUT_DIR [--papers 60] [--seed 9]

Papers are made of the real texts of content/csp9 (or of the conference folder named by
ATT_DOCS_BENCH_SEED: the tests name their own copy) in every language of the seed
conference (English, Chinese and French), block by block, so the languages stay aligned
and each is real text in its language. Types rotate:

* draft-proposal: the Management Committee's text, 1 to 3 times (about 5 to 15 pages);
* chair-report: the WGTU report with its footnote and Annex A (element tables, decision
  list, footnotes in cells), every other one lengthened with the Management Committee's
  text (9 to 14 pages);
* decision-annex: Management Committee text and a decision list (5 to 10 pages).

Repeated blocks get new ids (``-r2``), and repeats are shuffled. Symbols follow the ATT
grammar with serials from 801; every paper is dated on the conference's deadline.
"""

from __future__ import annotations

import argparse
import os
import random
import re
import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML

ROOT = Path(__file__).resolve().parent.parent
SEED = Path(os.environ.get("ATT_DOCS_BENCH_SEED") or ROOT / "content" / "csp9")
BODIES = ["WGTU", "WGETI", "WGTR", "MC", None]
_YAML = YAML(typ="safe", pure=True)
_YAML.allow_unicode = True
_YAML.default_flow_style = False
_YAML.sort_base_mapping_type_on_output = False  # type: ignore[assignment]
_YAML.width = 1000
LANGS: tuple[str, ...] = tuple(_YAML.load((SEED / "conference.yaml").read_text(
    encoding="utf-8"))["languages"])  # the synthetic papers' languages: the seed's
#: each language's words in the synthetic papers' own fields, by language
WORDS = {
    "en": {"body": "Co-chairs of the {body}", "conference": "Conference",
           "chair-report": "Working Group Co-chairs' Draft Report to CSP9",
           "draft-proposal": "Review of the ATT Programme of Work",
           "decision-annex": "Draft Decisions of the Conference",
           "decide": "The Conference decides as follows:", "index": "{title} ({index})"},
    "zh": {"body": "{body}联席主席", "conference": "缔约国会议",
           "chair-report": "提交第九届缔约国会议的工作组联席主席报告草案",
           "draft-proposal": "审议《武器贸易条约》工作方案",
           "decision-annex": "缔约国会议决定草案",
           "decide": "缔约国会议决定如下：", "index": "{title}（{index}）"},
    "fr": {"body": "Coprésidents du {body}", "conference": "Conférence",
           "chair-report": "Projet de rapport des Coprésidents des groupes de travail à la "
                           "CEP9",
           "draft-proposal": "Examen du programme de travail du TCA",
           "decision-annex": "Projets de décisions de la Conférence",
           "decide": "La Conférence décide ce qui suit :", "index": "{title} ({index})"},
}
SUBMITTERS = {"chair-report": "CHAIR", "draft-proposal": "MC", "decision-annex": "PRES"}
CODES = {"chair-report": "Conf.Rep", "draft-proposal": "Conf.Prop",
         "decision-annex": "Conf.Dec"}
_ID = re.compile(r"\{#([a-z0-9][a-z0-9-]*)")


@dataclass(frozen=True)
class Chunk:
    """One block (a paragraph with its subparagraphs, a heading) in every language."""

    texts: tuple[tuple[str, str], ...]  # (language, text)

    def text(self, lang: str) -> str:
        return dict(self.texts)[lang]

    def renamed(self, suffix: str) -> Chunk:
        def rename(text: str) -> str:
            return _ID.sub(lambda m: "{#" + m.group(1) + suffix, text)

        return Chunk(tuple((lang, rename(text)) for lang, text in self.texts))


def _blocks(text: str) -> tuple[list[str], list[str]]:
    """Blocks separated by blank lines (subparagraph lists joined to their paragraph),
    and footnote definitions apart."""
    blocks: list[str] = []
    notes: list[str] = []
    for raw in re.split(r"\n\s*\n", text.strip()):
        block = raw.strip()
        if block.startswith("[^"):
            notes.append(block)
        elif block.startswith("- ") and blocks:
            blocks[-1] += "\n\n" + block
        else:
            blocks.append(block)
    return blocks, notes


def _chunks(folder: Path) -> tuple[list[Chunk], list[Chunk]]:
    parts = {lang: _blocks((folder / f"{lang}.md").read_text(encoding="utf-8"))
             for lang in LANGS}
    first = parts[LANGS[0]]
    for lang in LANGS[1:]:
        for mine, theirs in zip(first, parts[lang], strict=True):
            assert [_ID.findall(b) for b in mine] == [_ID.findall(b) for b in theirs], \
                (folder, lang)

    def aligned(which: int) -> list[Chunk]:
        return [Chunk(tuple(zip(LANGS, texts, strict=True)))
                for texts in zip(*(parts[lang][which] for lang in LANGS), strict=True)]

    return aligned(0), aligned(1)


def _body(chunks: list[Chunk], repeats: int, rng: random.Random) -> list[Chunk]:
    out = list(chunks)
    for n in range(2, repeats + 1):
        again = [c.renamed(f"-r{n}") for c in chunks]
        rng.shuffle(again)
        out += again
    return out


def _write_prose(folder: Path, chunks: list[Chunk], notes: list[Chunk]) -> None:
    for lang in LANGS:
        parts = [c.text(lang) for c in chunks] + [n.text(lang) for n in notes]
        (folder / f"{lang}.md").write_text("\n\n".join(parts) + "\n", encoding="utf-8")


def _paper_yaml(doc_type: str, index: int, serial: int, body: str | None,
                annexes: bool) -> str:
    meeting = f"CSP9.{body}" if body else "CSP9"
    symbol = f"ATT/{meeting}/2023/{SUBMITTERS[doc_type]}/{serial}/{CODES[doc_type]}"
    lines = [
        f"type: {doc_type}",
        f"symbol: {symbol}",
        "date: 2023-07-21",
        "submitted_by:",
        *(f"  {lang}: " + WORDS[lang]["body"].format(body=body or WORDS[lang]["conference"])
          for lang in LANGS),
        "original_language: en",
        "title:",
        *(f'  {lang}: "' + WORDS[lang]["index"].format(title=WORDS[lang][doc_type],
                                                       index=index) + '"'
          for lang in LANGS),
    ]
    if annexes:
        lines.append("annexes: [annex-a]")
    return "\n".join(lines) + "\n"


def _only_langs(data: Any, others: set[str]) -> Any:
    """``data`` with the texts of the languages ``others`` left out."""
    if isinstance(data, dict):
        return {k: _only_langs(v, others) for k, v in data.items() if k not in others}
    if isinstance(data, list):
        return [_only_langs(v, others) for v in data]
    return data


def _copy_languages(src: Path, dst: Path) -> None:
    """Copy a seed file or folder, keeping only the LANGS texts (prose files and YAML keys)."""
    if src.is_dir():
        dst.mkdir()
        for child in sorted(src.iterdir()):
            if child.suffix != ".md" or child.stem in LANGS:
                _copy_languages(child, dst / child.name)
        return
    if src.suffix != ".yaml":
        shutil.copy(src, dst)
        return
    seed = _YAML.load((SEED / "conference.yaml").read_text(encoding="utf-8"))
    data = _YAML.load(src.read_text(encoding="utf-8"))
    if "languages" in data:
        data["languages"] = list(LANGS)
    others = set(seed["languages"]) - set(LANGS)
    with dst.open("w", encoding="utf-8") as stream:
        _YAML.dump(_only_langs(data, others), stream)


def generate(out: Path, papers: int = 60, seed: int = 9) -> Path:
    """Write a conference of ``papers`` papers to ``out`` (replaced if it exists)."""
    rng = random.Random(seed)
    if out.exists():
        shutil.rmtree(out)
    out.mkdir(parents=True)
    _copy_languages(SEED / "conference.yaml", out / "conference.yaml")
    mc, _ = _chunks(SEED / "mc-programme-of-work")
    wgtu, wgtu_notes = _chunks(SEED / "wgtu-report")
    decisions = Chunk(tuple((lang, "{#decide} " + WORDS[lang]["decide"]
                             + "\n\n```{decisions} csp9\n```") for lang in LANGS))
    for i in range(papers):
        doc_type = ("draft-proposal", "chair-report", "decision-annex")[i % 3]
        folder = out / f"paper-{i + 1:03d}-{doc_type}"
        folder.mkdir()
        body = BODIES[i % len(BODIES)]
        if doc_type == "chair-report":
            chunks = list(wgtu)
            if i % 2:
                extra = [c.renamed("-mc") for c in mc]
                rng.shuffle(extra)
                chunks += extra
            _write_prose(folder, chunks, wgtu_notes)
            _copy_languages(SEED / "wgtu-report" / "annex-a", folder / "annex-a")
        elif doc_type == "draft-proposal":
            _write_prose(folder, _body(mc, rng.randint(1, 3), rng), [])
        else:
            _write_prose(folder, [*_body(mc, rng.randint(1, 2), rng), decisions], [])
            _copy_languages(SEED / "wgtu-report" / "annex-a" / "decisions.yaml",
                            folder / "decisions.yaml")
        (folder / "paper.yaml").write_text(
            _paper_yaml(doc_type, i + 1, 801 + i, body, doc_type == "chair-report"),
            encoding="utf-8")
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--papers", type=int, default=60)
    parser.add_argument("--seed", type=int, default=9)
    args = parser.parse_args()
    generate(args.out, args.papers, args.seed)
    print(f"{args.papers} papers in {args.out}")


if __name__ == "__main__":
    main()
