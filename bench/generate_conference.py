"""Generate a synthetic conference from the example papers, for benchmarks and tests.

    .venv/bin/python bench/generate_conference.py OUT_DIR [--papers 60] [--seed 9]

Papers are made of the real English and Chinese texts of content/csp9, block by block,
so both languages stay aligned and the Chinese is real Chinese. Types rotate:

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
import random
import re
import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "content" / "csp9"
BODIES = ["WGTU", "WGETI", "WGTR", "MC", None]
LANGS = ("en", "zh")  # the synthetic papers' languages, whatever else the seed has
SUBMITTERS = {"chair-report": "CHAIR", "draft-proposal": "MC", "decision-annex": "PRES"}
CODES = {"chair-report": "Conf.Rep", "draft-proposal": "Conf.Prop",
         "decision-annex": "Conf.Dec"}
_ID = re.compile(r"\{#([a-z0-9][a-z0-9-]*)")


@dataclass(frozen=True)
class Chunk:
    """One block (a paragraph with its subparagraphs, a heading) in both languages."""

    en: str
    zh: str

    def renamed(self, suffix: str) -> Chunk:
        def rename(text: str) -> str:
            return _ID.sub(lambda m: "{#" + m.group(1) + suffix, text)

        return Chunk(rename(self.en), rename(self.zh))


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
    en, en_notes = _blocks((folder / "en.md").read_text(encoding="utf-8"))
    zh, zh_notes = _blocks((folder / "zh.md").read_text(encoding="utf-8"))
    for mine, theirs in ((en, zh), (en_notes, zh_notes)):
        assert [_ID.findall(b) for b in mine] == [_ID.findall(b) for b in theirs], folder
    return ([Chunk(a, b) for a, b in zip(en, zh, strict=True)],
            [Chunk(a, b) for a, b in zip(en_notes, zh_notes, strict=True)])


def _body(chunks: list[Chunk], repeats: int, rng: random.Random) -> list[Chunk]:
    out = list(chunks)
    for n in range(2, repeats + 1):
        again = [c.renamed(f"-r{n}") for c in chunks]
        rng.shuffle(again)
        out += again
    return out


def _write_prose(folder: Path, chunks: list[Chunk], notes: list[Chunk]) -> None:
    for lang in ("en", "zh"):
        parts = [getattr(c, lang) for c in chunks] + [getattr(n, lang) for n in notes]
        (folder / f"{lang}.md").write_text("\n\n".join(parts) + "\n", encoding="utf-8")


def _paper_yaml(doc_type: str, index: int, serial: int, body: str | None,
                title: tuple[str, str], annexes: bool) -> str:
    meeting = f"CSP9.{body}" if body else "CSP9"
    symbol = f"ATT/{meeting}/2023/{SUBMITTERS[doc_type]}/{serial}/{CODES[doc_type]}"
    lines = [
        f"type: {doc_type}",
        f"symbol: {symbol}",
        "date: 2023-07-21",
        "submitted_by:",
        f"  en: Co-chairs of the {body or 'Conference'}",
        f"  zh: {body or '缔约国会议'}联席主席",
        "original_language: en",
        "title:",
        f'  en: "{title[0]} ({index})"',
        f'  zh: "{title[1]}（{index}）"',
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
    seed = yaml.safe_load((SEED / "conference.yaml").read_text(encoding="utf-8"))
    data = yaml.safe_load(src.read_text(encoding="utf-8"))
    if "languages" in data:
        data["languages"] = list(LANGS)
    others = set(seed["languages"]) - set(LANGS)
    dst.write_text(yaml.safe_dump(_only_langs(data, others), allow_unicode=True,
                                  sort_keys=False, width=1000), encoding="utf-8")


def generate(out: Path, papers: int = 60, seed: int = 9) -> Path:
    """Write a conference of ``papers`` papers to ``out`` (replaced if it exists)."""
    rng = random.Random(seed)
    if out.exists():
        shutil.rmtree(out)
    out.mkdir(parents=True)
    _copy_languages(SEED / "conference.yaml", out / "conference.yaml")
    mc, _ = _chunks(SEED / "mc-programme-of-work")
    wgtu, wgtu_notes = _chunks(SEED / "wgtu-report")
    decisions = Chunk("{#decide} The Conference decides as follows:\n\n```{decisions} csp9\n```",
                      "{#decide} 缔约国会议决定如下：\n\n```{decisions} csp9\n```")
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
            title = ("Working Group Co-chairs' Draft Report to CSP9",
                     "提交第九届缔约国会议的工作组联席主席报告草案")
        elif doc_type == "draft-proposal":
            _write_prose(folder, _body(mc, rng.randint(1, 3), rng), [])
            title = ("Review of the ATT Programme of Work", "审议《武器贸易条约》工作方案")
        else:
            _write_prose(folder, [*_body(mc, rng.randint(1, 2), rng), decisions], [])
            _copy_languages(SEED / "wgtu-report" / "annex-a" / "decisions.yaml",
                            folder / "decisions.yaml")
            title = ("Draft Decisions of the Conference", "缔约国会议决定草案")
        (folder / "paper.yaml").write_text(
            _paper_yaml(doc_type, i + 1, 801 + i, body, title, doc_type == "chair-report"),
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
