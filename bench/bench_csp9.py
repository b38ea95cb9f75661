"""Benchmark the example conference as a user meets it: the cold build, and a save in watch.

    .venv/bin/python bench/bench_csp9.py [--repeat N]

In one run, on a copy of content/csp9:

  * ``./att-docs build`` cold (a fresh process, empty output folder), as the README runs it;
  * LibreOffice converting the DOCX files of that build to PDF in one soffice call: the
    one step of the route att-docs replaces;
  * ``att-docs watch``'s rebuild after a save to one paper's Markdown (a warm Watcher in
    this process: build the changed paper's outputs, then check it), after one cold pass.

Medians of --repeat runs, interleaved; prints seconds and the aims' ratios. Run on demand.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench_build import remove_output  # noqa: E402

from att_docs.base.paths import default_glossary  # noqa: E402
from att_docs.publish.watch import Watcher  # noqa: E402
from att_docs.writers.pdf.libreoffice import convert_to_pdf  # noqa: E402


def cold_build(conference: Path, out: Path) -> float:
    remove_output(out)  # the link and its version folders: rmtree alone keeps a link's target
    started = time.perf_counter()
    subprocess.run([str(ROOT / "att-docs"), "build", str(conference), "-o", str(out), "-q"],
                   check=True, capture_output=True)
    return time.perf_counter() - started


def libreoffice(out: Path, scratch: Path) -> tuple[float, int]:
    docx = sorted(out.rglob("*.docx"))
    shutil.rmtree(scratch, ignore_errors=True)
    started = time.perf_counter()
    convert_to_pdf(docx, scratch)
    return time.perf_counter() - started, len(docx)


def watch_saves(conference: Path, out: Path, repeat: int) -> list[float]:
    """Seconds from a save to the rebuilt PDF and its findings, per save."""
    watcher = Watcher(conference, out, ROOT / "templates", default_glossary(ROOT))
    watcher.rebuild()  # the cold pass a watch starts with
    paper = sorted(p.parent for p in conference.glob("*/paper.yaml"))[0]
    source = next(iter(sorted(paper.glob("*.md"))))
    times = []
    for i in range(repeat):
        lines = source.read_text(encoding="utf-8").splitlines()
        first = next(n for n, line in enumerate(lines) if line.startswith("{#"))
        lines[first] += f" Saved {i}."
        source.write_text("\n".join(lines) + "\n", encoding="utf-8")
        done = watcher.rebuild()
        if not done.report.papers_built:
            raise SystemExit("the save rebuilt nothing")
        times.append(done.seconds)
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="att-docs-csp9-") as tmp:
        root = Path(tmp)
        conference = root / "csp9"
        shutil.copytree(ROOT / "content" / "csp9", conference)
        colds, converts = [], []
        for _ in range(args.repeat):
            colds.append(cold_build(conference, root / "build"))
            seconds, files = libreoffice(root / "build", root / "lo")
            converts.append(seconds)
        saves = watch_saves(conference, root / "watch", args.repeat)
    cold, convert, save = (statistics.median(x) for x in (colds, converts, saves))
    print(f"CSP9 cold build (./att-docs build):     {cold:7.2f} s")
    print(f"LibreOffice, its {files} DOCX to PDF:        {convert:7.2f} s   "
          f"ratio cold / LibreOffice {cold / convert:.2f} "
          f"(aim < 1: {'met' if cold < convert else 'NOT met'})")
    print(f"watch, save to new PDF, one paper:      {save:7.3f} s   "
          f"(aim < 0.5 s: {'met' if save < 0.5 else 'NOT met'})")


if __name__ == "__main__":
    main()
