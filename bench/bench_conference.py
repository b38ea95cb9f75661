"""Benchmark the conference build on a synthetic conference of 60 papers.

    .venv/bin/python bench/bench_conference.py [--papers 60] [--jobs N] [--keep DIR]

In one run, on the conference made by bench/generate_conference.py, it times the real
command (``python -m att_docs build``, a fresh process each time, as a user runs it):

* the cold build (empty output folder): every paper × language × format;
* a no-op rebuild (nothing changed), median of three;
* a rebuild after changing one paper;
* the same set through pandoc Markdown→DOCX (pypandoc-binary, one call per file) and
  LibreOffice DOCX→PDF (one soffice call for all files, its fastest use);

and prints the times and their ratios against the aims: cold at least 4× faster than
pandoc+LibreOffice and at most 5 s; one paper changed at most 5 % and a no-op at most 2 %
of the cold build. Run on demand; the test suite never asserts timings.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from bench_build import plain_markdown  # noqa: E402
from generate_conference import generate  # noqa: E402


def timed_build(conference: Path, out: Path, *extra: str) -> tuple[float, str]:
    """Seconds for one ``att-docs build`` process, and its summary line."""
    started = time.perf_counter()
    proc = subprocess.run([sys.executable, "-m", "att_docs", "build", str(conference), "-o",
                           str(out), *extra], capture_output=True, text=True, check=False)
    seconds = time.perf_counter() - started
    if proc.returncode != 0:
        raise SystemExit(f"att-docs build failed:\n{proc.stderr}")
    lines = proc.stdout.strip().splitlines()
    return seconds, lines[-1] if lines else ""


def change_one_paper(conference: Path) -> Path:
    """Amend the first paragraph of one paper, in both languages."""
    paper = sorted(p.parent for p in conference.glob("*/paper.yaml"))[len(
        list(conference.glob("*/paper.yaml"))) // 2]
    for lang, words in (("en", " (As amended.)"), ("zh", "（经修正。）")):
        path = paper / f"{lang}.md"
        lines = path.read_text(encoding="utf-8").splitlines()
        first = next(i for i, line in enumerate(lines) if line.startswith("{#"))
        lines[first] += words
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return paper


def pandoc_route(conference: Path, scratch: Path) -> tuple[float, float, int]:
    """pandoc per file, then LibreOffice once: seconds for each step, and the files."""
    import pypandoc

    from att_docs.writers.pdf.libreoffice import convert_to_pdf

    papers = sorted(p.parent for p in conference.glob("*/paper.yaml"))
    sources = {(p.name, lang): plain_markdown(p, lang) for p in papers for lang in ("en", "zh")}
    scratch.mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()
    for (name, lang), text in sources.items():
        pypandoc.convert_text(text, "docx", format="markdown", extra_args=["--quiet"],
                              outputfile=str(scratch / f"{name}.{lang}.docx"))
    docx_s = time.perf_counter() - started
    started = time.perf_counter()
    convert_to_pdf(sorted(scratch.glob("*.docx")), scratch / "pdf")
    return docx_s, time.perf_counter() - started, len(sources)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--papers", type=int, default=60)
    parser.add_argument("--jobs", type=int, help="att-docs worker processes (default: cores)")
    parser.add_argument("--keep", type=Path, help="Generate into this folder and keep it.")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="att-docs-bench-") as tmp:
        root = args.keep or Path(tmp)
        conference = generate(root / "csp9-synthetic", args.papers)
        out = root / "build"
        extra = ["-q"] + (["-j", str(args.jobs)] if args.jobs else [])

        cold, _ = timed_build(conference, out, *extra)
        manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
        pages = sum(f["pages"] or 0 for f in manifest["files"])
        noops = [timed_build(conference, out)[0] for _ in range(3)]
        noop = statistics.median(noops)
        _, noop_line = timed_build(conference, out)
        changed = change_one_paper(conference)
        one, one_line = timed_build(conference, out)
        pandoc_docx, lo_pdf, files = pandoc_route(conference, root / "pandoc")

    theirs = pandoc_docx + lo_pdf
    print(f"synthetic conference: {args.papers} papers, {len(manifest['files'])} files "
          f"({files} DOCX + {files} PDF), {pages} PDF pages")
    print(f"{'step':<34}{'seconds':>10}{'ratio':>12}")
    print(f"{'cold build':<34}{cold:>10.2f}{'1':>12}")
    print(f"{'no-op rebuild (median of 3)':<34}{noop:>10.3f}{noop / cold:>11.3f}×")
    print(f"{'one paper changed':<34}{one:>10.2f}{one / cold:>11.3f}×")
    print(f"{'pandoc DOCX + LibreOffice PDF':<34}{theirs:>10.2f}{theirs / cold:>11.1f}×"
          f"  (pandoc {pandoc_docx:.1f} s, soffice {lo_pdf:.1f} s)")
    print(f"no-op:       {noop_line}")
    print(f"one changed: {one_line}  ({changed.name})")
    met = {True: "met", False: "NOT met"}
    print(f"aims: cold >= 4x faster than pandoc+LibreOffice and <= 5 s: "
          f"{met[theirs / cold >= 4 and cold <= 5]} ({theirs / cold:.1f}x, {cold:.2f} s); "
          f"one paper changed <= 5 % of cold: {met[one / cold <= 0.05]} ({one / cold:.1%}); "
          f"no-op <= 2 % of cold: {met[noop / cold <= 0.02]} ({noop / cold:.1%})")


if __name__ == "__main__":
    main()
