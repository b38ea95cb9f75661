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
--repeat runs); then the CPU milliseconds per file of each route by language (a shared
machine's load stretches wall-clock time, far less the CPU time of the process, Typst's
threads included). Run on demand.
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
from collections.abc import Callable
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

    cpu: dict[str, float] = {}  # CPU seconds by language

    def timed(lang: str, step: Callable[..., object], *args: object, **kwargs: object) -> None:
        start = time.process_time()
        step(*args, **kwargs)
        cpu[lang] = cpu.get(lang, 0.0) + time.process_time() - start

    def ours(out: Path) -> float:
        writer = PdfWriter(styles, template)
        start = time.perf_counter()
        for i, (doc, lang) in enumerate(jobs):
            timed(lang, writer.write, doc, lang, out / f"{i}.pdf")
        return time.perf_counter() - start

    def plain(out: Path) -> float:
        fonts = typst.Fonts(font_paths=[])
        compiler = typst.Compiler(str(template), root=str(template.parent), font_paths=fonts,
                                  sys_inputs={"data": "{}"})

        def one(i: int, payload: str, stamp: dt.datetime) -> None:
            pdf = compiler.compile(sys_inputs={"data": payload},
                                   pdf_standards=PDF_STANDARDS[0], timestamp=stamp)
            (out / f"plain-{i}.pdf").write_bytes(pdf)  # type: ignore[arg-type]

        start = time.perf_counter()
        for i, (payload, stamp) in enumerate(zip(payloads, stamps, strict=True)):
            timed(jobs[i][1], one, i, payload, stamp)
        return time.perf_counter() - start

    def fresh(out: Path) -> float:
        start = time.perf_counter()
        for i, (payload, stamp) in enumerate(zip(payloads, stamps, strict=True)):
            timed(jobs[i][1], typst.compile, str(template),
                  output=str(out / f"fresh-{i}.pdf"), root=str(template.parent),
                  sys_inputs={"data": payload}, pdf_standards=PDF_STANDARDS[0],
                  timestamp=stamp)
        return time.perf_counter() - start

    with tempfile.TemporaryDirectory(prefix="att-docs-typst-") as tmp:
        out = Path(tmp)
        seconds = {"ours": ours, "plain": plain, "fresh": fresh}[args.route](out)
        prefix = "" if args.route == "ours" else f"{args.route}-"
        pages = sum(len(pypdf.PdfReader(out / f"{prefix}{i}.pdf").pages)
                    for i in range(len(jobs)))
    counts = {lang: sum(1 for _, j in jobs if j == lang) for lang in cpu}
    print(json.dumps({"seconds": seconds, "files": len(jobs), "pages": pages,
                      "cpu_ms": {lang: cpu[lang] / counts[lang] * 1000 for lang in cpu}}))


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
    languages = list(runs["ours"][0]["cpu_ms"])
    print(f"\nCPU ms per file by language (medians of {repeat} runs)")
    print(f"{'route':<10}" + "".join(f"{lang:>9}" for lang in languages))
    for key in runs:
        cpu = [statistics.median(r["cpu_ms"][lang] for r in runs[key]) for lang in languages]
        print(f"{key:<10}" + "".join(f"{ms:>9.1f}" for ms in cpu))


if __name__ == "__main__":
    main()
