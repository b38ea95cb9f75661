"""Benchmark att-docs on a synthetic conference against the route a user would otherwise take.

    .venv/bin/python bench/bench_conference.py [--papers 60] [--rounds 3] [--jobs N]
                                               [--keep DIR]

On the conference bench/generate_conference.py makes (every language of the example:
60 papers × 3 languages by default), each round times, side by side, with the real
command (``python -m att_docs``, a fresh process each time, as a user runs it):

* the cold build: an empty output folder and an empty disk cache (``XDG_CACHE_HOME``
  new), every paper × language × format;
* a no-op rebuild, and a rebuild after one paper changed (in every language);
* pandoc Markdown→DOCX over the same files (pypandoc-binary, one call per file) and
  LibreOffice DOCX→PDF (one soffice call for all files, its fastest use);
* ``att-docs check`` of the whole set with an empty disk cache, and again after one
  more paper changed (the cache as the last command left it);
* one regular expression per glossary term (English and French with word bounds,
  case-insensitive; Chinese as a literal) looped over every paragraph of the same
  Markdown files: the plain alternative to the checks, which finds terms only;
* the example conference (content/csp9) built cold, against LibreOffice converting its
  DOCX alone to PDF.

It prints the medians of the rounds and the ratios of the aims, with the load average
before and after the run (the machine may be shared). Run on demand; the test suite
never asserts timings.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(ROOT))

from bench_build import plain_markdown, remove_output  # noqa: E402
from generate_conference import LANGS, generate  # noqa: E402

#: what the bench appends to a paper's first paragraph, per language (bench data)
AMENDED = {"en": " (As amended.)", "zh": "（经修正。）", "fr": " (Tel que modifié.)"}


def load() -> str:
    return "load average " + " ".join(f"{x:.2f}" for x in os.getloadavg())


def att_docs(*args: str | Path, cache: Path) -> tuple[float, subprocess.CompletedProcess]:
    """Seconds for one ``att-docs`` process with its disk cache in ``cache``."""
    env = {**os.environ, "XDG_CACHE_HOME": str(cache)}
    started = time.perf_counter()
    proc = subprocess.run([sys.executable, "-m", "att_docs", *map(str, args)],
                          capture_output=True, text=True, check=False, env=env)
    seconds = time.perf_counter() - started
    if proc.returncode not in (0, 1) or (args[0] == "build" and proc.returncode):
        raise SystemExit(f"att-docs {args[0]} failed:\n{proc.stderr}")
    return seconds, proc


def change_paper(conference: Path, which: int) -> Path:
    """Amend the first paragraph of one paper, in every language."""
    papers = sorted(p.parent for p in conference.glob("*/paper.yaml"))
    paper = papers[which % len(papers)]
    for lang in LANGS:
        path = paper / f"{lang}.md"
        lines = path.read_text(encoding="utf-8").splitlines()
        first = next(i for i, line in enumerate(lines) if line.startswith("{#"))
        lines[first] += AMENDED[lang]
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return paper


def pandoc_route(conference: Path, scratch: Path) -> tuple[float, float, int]:
    """pandoc per file, then LibreOffice once: seconds for each step, and the files."""
    import pypandoc

    from att_docs.writers.pdf.libreoffice import convert_to_pdf

    shutil.rmtree(scratch, ignore_errors=True)
    scratch.mkdir(parents=True)
    papers = sorted(p.parent for p in conference.glob("*/paper.yaml"))
    sources = {(p.name, lang): plain_markdown(p, lang) for p in papers for lang in LANGS}
    started = time.perf_counter()
    for (name, lang), text in sources.items():
        pypandoc.convert_text(text, "docx", format="markdown", extra_args=["--quiet"],
                              outputfile=str(scratch / f"{name}.{lang}.docx"))
    docx_s = time.perf_counter() - started
    started = time.perf_counter()
    convert_to_pdf(sorted(scratch.glob("*.docx")), scratch / "pdf")
    return docx_s, time.perf_counter() - started, len(sources)


def regex_route(conference: Path) -> tuple[float, int, int]:
    """One regular expression per glossary term over every paragraph of the set's
    Markdown: seconds (reading the files included), matches, characters."""
    from att_docs.glossary import default_path
    from att_docs.glossary import load as load_glossary

    glossary = load_glossary(default_path())
    started = time.perf_counter()
    patterns: dict[str, list[re.Pattern[str]]] = {lang: [] for lang in LANGS}
    for concept in glossary.concepts:
        for lang in LANGS:
            for term in concept.terms.get(lang, []):
                if lang == "zh":
                    patterns[lang].append(re.compile(re.escape(term.text)))
                else:
                    flags = 0 if term.case_sensitive or term.text.isupper() else re.I
                    patterns[lang].append(re.compile(rf"\b{re.escape(term.text)}\b", flags))
    found = chars = 0
    for lang in LANGS:
        for path in sorted(conference.rglob(f"{lang}.md")):
            for paragraph in path.read_text(encoding="utf-8").split("\n\n"):
                chars += len(paragraph)
                for pattern in patterns[lang]:
                    found += len(pattern.findall(paragraph))
    return time.perf_counter() - started, found, chars


def csp9_route(root: Path) -> tuple[float, float, int]:
    """The example built cold, and LibreOffice converting its DOCX alone."""
    from att_docs.writers.pdf.libreoffice import convert_to_pdf

    out = root / "csp9-build"
    remove_output(out)
    cache = Path(tempfile.mkdtemp(prefix="cache-", dir=root))
    build_s, _ = att_docs("build", ROOT / "content" / "csp9", "-o", out, "-q", cache=cache)
    docx = sorted(out.glob("*.docx"))
    scratch = root / "csp9-lo"
    shutil.rmtree(scratch, ignore_errors=True)
    started = time.perf_counter()
    convert_to_pdf(docx, scratch)
    return build_s, time.perf_counter() - started, len(docx) * 2


def one_round(root: Path, conference: Path, n: int, extra: list[str]) -> dict[str, float]:
    out = root / "build"
    remove_output(out)
    cache = Path(tempfile.mkdtemp(prefix="cache-", dir=root))
    times: dict[str, float] = {}
    times["cold"], _ = att_docs("build", conference, "-o", out, *extra, cache=cache)
    times["noop"], _ = att_docs("build", conference, "-o", out, *extra, cache=cache)
    change_paper(conference, 2 * n)
    times["one"], _ = att_docs("build", conference, "-o", out, *extra, cache=cache)
    check_cache = Path(tempfile.mkdtemp(prefix="cache-", dir=root))
    times["check"], proc = att_docs("check", conference, "--format", "json",
                                    "--severity", "info", cache=check_cache)
    times["findings"] = len(json.loads(proc.stdout)["findings"])
    change_paper(conference, 2 * n + 1)
    times["check_one"], proc = att_docs("check", conference, "--format", "json",
                                        "--severity", "info", cache=check_cache)
    times["findings_one"] = len(json.loads(proc.stdout)["findings"])
    times["pandoc"], times["soffice"], _ = pandoc_route(conference, root / "pandoc")
    times["regex"], _, times["chars"] = regex_route(conference)
    times["csp9"], times["csp9_lo"], times["csp9_files"] = csp9_route(root)
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--papers", type=int, default=60)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--jobs", type=int, help="att-docs worker processes (default: cores)")
    parser.add_argument("--keep", type=Path, help="Generate into this folder and keep it.")
    args = parser.parse_args()

    print(f"before: {load()}", flush=True)
    with tempfile.TemporaryDirectory(prefix="att-docs-bench-") as tmp:
        root = args.keep or Path(tmp)
        conference = generate(root / "csp9-synthetic", args.papers)
        extra = ["-q"] + (["-j", str(args.jobs)] if args.jobs else [])
        rounds = []
        for n in range(args.rounds):
            rounds.append(one_round(root, conference, n, extra))
            print(f"round {n + 1}: " + ", ".join(f"{k} {v:.2f}" for k, v in rounds[-1].items())
                  + f"; {load()}", flush=True)
        files = len(list((root / "build").glob("*.pdf"))) * 2
    m = {key: statistics.median(r[key] for r in rounds) for key in rounds[0]}
    theirs = m["pandoc"] + m["soffice"]
    per_million = m["check"] / (m["chars"] / 1e6)
    met = {True: "met", False: "NOT met"}
    print(f"\nsynthetic conference: {args.papers} papers × {len(LANGS)} languages, {files} "
          f"files, {m['chars'] / 1e6:.2f} million characters of Markdown; medians of "
          f"{args.rounds} rounds; after: {load()}")
    rows = [
        ("cold build (empty output and cache)", m["cold"], "1"),
        ("no-op rebuild", m["noop"], f"{m['noop'] / m['cold']:.1%} of cold"),
        ("one paper changed", m["one"], f"{m['one'] / m['cold']:.1%} of cold"),
        ("pandoc DOCX + LibreOffice PDF", theirs,
         f"{theirs / m['cold']:.2f}× cold (pandoc {m['pandoc']:.1f}, soffice "
         f"{m['soffice']:.1f})"),
        ("check of the set (empty cache)", m["check"],
         f"{per_million:.2f} s per million characters, {m['findings']:.0f} findings"),
        ("check after one paper changed", m["check_one"],
         f"{m['check_one'] / m['check']:.1%} of the full check"),
        ("one regex per term, same files", m["regex"], f"{m['regex'] / m['check']:.2f}× check"),
        (f"CSP9 build, {m['csp9_files']:.0f} files", m["csp9"], "1"),
        ("LibreOffice, its DOCX to PDF", m["csp9_lo"],
         f"{m['csp9_lo'] / m['csp9']:.2f}× the CSP9 build"),
    ]
    print(f"{'step':<40}{'seconds':>9}  ratio")
    for label, seconds, ratio in rows:
        print(f"{label:<40}{seconds:>9.2f}  {ratio}")
    print("aims:")
    print(f"  cold >= 4x faster than pandoc + LibreOffice: {met[theirs >= 4 * m['cold']]} "
          f"({theirs / m['cold']:.2f}x)")
    print(f"  one paper changed <= 5 % of cold: {met[m['one'] <= 0.05 * m['cold']]} "
          f"({m['one'] / m['cold']:.1%})")
    print(f"  check >= 6x faster than the regex loop: {met[m['regex'] >= 6 * m['check']]} "
          f"({m['regex'] / m['check']:.2f}x); < 1 s per million characters: "
          f"{met[per_million < 1]} ({per_million:.2f} s)")
    print(f"  check after one paper changed < 1 s: {met[m['check_one'] < 1]} "
          f"({m['check_one']:.2f} s)")
    print(f"  CSP9 build faster than LibreOffice converting its DOCX: "
          f"{met[m['csp9'] < m['csp9_lo']]} ({m['csp9']:.2f} s against {m['csp9_lo']:.2f} s)")


if __name__ == "__main__":
    main()
