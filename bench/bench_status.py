"""Benchmark ``att-docs status`` on a synthetic conference of 60 papers.

    .venv/bin/python bench/bench_status.py [--papers 60] [--runs 3]

Generates the conference (bench/generate_conference.py), records every paper's
translations as current (as ``att-docs translated`` would), changes one English
paragraph so that one unit is stale, then times the status report in this process, as
``att-docs status`` computes it: reading every paper, the unit states and word counts,
the checks. Interpreter start-up is excluded. It prints the first report (every paper
read and checked, which fills the status cache), the unchanged conference (every row
from the cache: the aim, under 1 s), and the report after one paper changed. Run on
demand; the test suite never asserts timings.
"""

from __future__ import annotations

import argparse
import datetime as dt
import statistics
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))

from generate_conference import generate  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--papers", type=int, default=60)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()

    from att_docs.checks.inputs import load_documents
    from att_docs.records.provenance import mark_translated
    from att_docs.status.report import STATUS_CACHE, conference_status

    templates = ROOT / "templates"
    with tempfile.TemporaryDirectory() as tmp:
        folder = generate(Path(tmp) / "csp9", args.papers)
        docs = load_documents(folder, templates)
        for doc in docs:
            for lang in doc.languages:
                if lang != doc.masthead.original_language:
                    mark_translated(doc, lang)
        first = sorted(folder.glob("*/en.md"))[0]
        text = first.read_text(encoding="utf-8")
        first.write_text(text.replace(" the ", " the very ", 1), encoding="utf-8")
        today = dt.date(2023, 7, 1)
        cache = Path(tmp) / "build" / "csp9" / STATUS_CACHE
        started = time.perf_counter()
        conference_status(folder, templates, today, cache_file=cache)  # every paper read
        cold = time.perf_counter() - started
        times = []
        for _ in range(args.runs):
            started = time.perf_counter()
            report = conference_status(folder, templates, today, cache_file=cache)
            times.append(time.perf_counter() - started)
        stale = sum(len(lang.stale) for p in report.papers for lang in p.languages.values())
        text = first.read_text(encoding="utf-8")
        first.write_text(text.replace(" the ", " the most ", 1), encoding="utf-8")
        started = time.perf_counter()
        conference_status(folder, templates, today, cache_file=cache)
        one = time.perf_counter() - started
        print(f"status, {len(report.papers)} papers, {stale} stale unit(s):\n"
              f"  first report (every paper read and checked): {cold:.2f} s\n"
              f"  unchanged conference: median {statistics.median(times):.3f} s over "
              f"{args.runs} runs (min {min(times):.3f} s); aim < 1 s\n"
              f"  one paper changed: {one:.2f} s")


if __name__ == "__main__":
    main()
