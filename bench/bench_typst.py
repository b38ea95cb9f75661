"""Benchmark the Typst PDF writer against Typst's own compile of the same input.

    .venv/bin/python bench/bench_typst.py [CONFERENCE] [--repeat N]

For every paper and language of the conference (default: the example), one run times:

  * att-docs' PdfWriter.write: the document's data serialised, one compile with a
    compiler made once (fonts scanned once), the font and warning checks, the atomic write;
  * a plain ``typst.Compiler`` made once with the same template, fonts and sys_inputs
    payload, compiling each file once (the floor our writer can reach);
  * ``typst.compile`` with a fresh world for every file: what the ``typst compile`` command
    costs per file, fonts scanned each time.

Each route runs in a process of its own, since Typst memoises compiled content across
compilers within a process; the child times only its loop (not imports or loading). It
prints seconds per file and per page, and the ratios to the plain compiler (medians of
--repeat runs). Run on demand.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import pypdf  # noqa: E402
import typst  # noqa: E402

from att_docs.status.setinfo import load_conference  # noqa: E402
from att_docs.writers.pdf.typst import PDF_STANDARDS, PdfWriter  # noqa: E402
from att_docs.writers.pdf.typst_data import document_data  # noqa: E402
from att_docs.writers.styles import load_styles  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("conference", nargs="?", type=Path, default=ROOT / "content" / "csp9")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--route", choices=("ours", "plain", "fresh"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.route is None:
        report(args.conference, args.repeat)
        return

    templates = ROOT / "templates"
    template = templates / "paper.typ"
    styles = load_styles(templates / "styles.yaml")
    _conference, documents = load_conference(args.conference, templates)
    jobs = [(doc, lang) for doc in documents for lang in doc.languages]
    payloads = [json.dumps(document_data(doc, lang, styles), ensure_ascii=False,
                           separators=(",", ":")) for doc, lang in jobs]
    stamps = [dt.datetime(d.masthead.date.year, d.masthead.date.month, d.masthead.date.day,
                          tzinfo=dt.UTC) for d, _ in jobs]

    def ours(out: Path) -> float:
        writer = PdfWriter(styles, template)
        start = time.perf_counter()
        for i, (doc, lang) in enumerate(jobs):
            writer.write(doc, lang, out / f"{i}.pdf")
        return time.perf_counter() - start

    def plain(out: Path) -> float:
        fonts = typst.Fonts(font_paths=[])
        compiler = typst.Compiler(str(template), root=str(template.parent), font_paths=fonts,
                                  sys_inputs={"data": "{}"})
        start = time.perf_counter()
        for i, (payload, stamp) in enumerate(zip(payloads, stamps, strict=True)):
            pdf = compiler.compile(sys_inputs={"data": payload},
                                   pdf_standards=PDF_STANDARDS[0], timestamp=stamp)
            (out / f"plain-{i}.pdf").write_bytes(pdf)  # type: ignore[arg-type]
        return time.perf_counter() - start

    def fresh(out: Path) -> float:
        start = time.perf_counter()
        for i, (payload, stamp) in enumerate(zip(payloads, stamps, strict=True)):
            typst.compile(str(template), output=str(out / f"fresh-{i}.pdf"),
                          root=str(template.parent), sys_inputs={"data": payload},
                          pdf_standards=PDF_STANDARDS[0], timestamp=stamp)
        return time.perf_counter() - start

    with tempfile.TemporaryDirectory(prefix="att-docs-typst-") as tmp:
        out = Path(tmp)
        seconds = {"ours": ours, "plain": plain, "fresh": fresh}[args.route](out)
        prefix = "" if args.route == "ours" else f"{args.route}-"
        pages = sum(len(pypdf.PdfReader(out / f"{prefix}{i}.pdf").pages)
                    for i in range(len(jobs)))
    print(json.dumps({"seconds": seconds, "files": len(jobs), "pages": pages}))


def report(conference: Path, repeat: int) -> None:
    """Run each route ``repeat`` times, interleaved, and print the medians and ratios."""
    runs: dict[str, list[dict]] = {"ours": [], "plain": [], "fresh": []}
    for _ in range(repeat):  # interleaved, so that the machine's load hits all alike
        for route in runs:
            proc = subprocess.run([sys.executable, __file__, str(conference), "--route", route],
                                  capture_output=True, text=True, check=True)
            runs[route].append(json.loads(proc.stdout.strip().splitlines()[-1]))
    pages = {r[0]["pages"] for r in runs.values()}
    if len(pages) != 1:
        raise SystemExit(f"page counts differ between routes: {pages}")
    files, (count,) = runs["ours"][0]["files"], pages
    median = {k: statistics.median(r["seconds"] for r in v) for k, v in runs.items()}
    print(f"{files} files, {count} pages; medians of {repeat} runs")
    print(f"{'route':<44}{'s/file':>9}{'ms/page':>9}{'ratio':>8}")
    for key, label in (("ours", "att-docs PdfWriter.write"),
                       ("plain", "typst.Compiler, fonts once (floor)"),
                       ("fresh", "typst.compile per file (CLI-like)")):
        print(f"{label:<44}{median[key] / files:>9.3f}{median[key] / count * 1000:>9.1f}"
              f"{median[key] / median['plain']:>8.2f}")


if __name__ == "__main__":
    main()
