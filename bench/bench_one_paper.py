"""The floor of a rebuild after one paper changed: what its files cost, and what start-up.

    .venv/bin/python bench/bench_one_paper.py [--papers 8]

On a conference bench/generate_conference.py makes (every language), one process reads
and renders its papers one after another, each paper's every language × format, as a
build worker does (:func:`att_docs.publish.workers.render_paper`). The first paper pays
what a new process pays (readers' and writers' first use, the fonts scanned, Typst's
template and first compile); the papers after it are what a changed paper costs a warm
process, such as ``att-docs watch``. It prints seconds for the imports, the first paper
and the median of the others (reading and rendering apart), and the CPU seconds of the
whole run. A rebuild after one change in a new process costs at least the first paper's
figures plus the imports. Run on demand; the test suite never asserts timings.
"""

from __future__ import annotations

import argparse
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

from generate_conference import LANGS, generate  # noqa: E402


def _imports() -> float:
    """Seconds a new process takes to start and import what a build of one paper
    imports (the command line, the build, the readers and writers, the checks)."""
    code = ("import att_docs.cli.main, att_docs.publish.pipeline, att_docs.publish.workers, "
            "att_docs.readers.load, att_docs.writers.docx.writer, "
            "att_docs.writers.pdf.typst, att_docs.checks.incremental")
    started = time.perf_counter()
    subprocess.run([sys.executable, "-c", code], check=True, cwd=ROOT)
    return time.perf_counter() - started


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--papers", type=int, default=8)
    args = parser.parse_args()
    root = Path(tempfile.mkdtemp(prefix="att-docs-one-paper-"))
    conference = generate(root / "conference", max(2, args.papers))

    imports = _imports()
    cpu = time.process_time()
    from att_docs.base.paths import find_paper_dirs
    from att_docs.publish import workers
    from att_docs.publish.jobs import FileJob
    from att_docs.readers.load import load_papers
    from att_docs.writers.registry import WRITERS

    templates, out = ROOT / "templates", root / "out"
    out.mkdir()
    workers.init_worker(templates, "typst")
    rows: list[tuple[float, float]] = []
    for paper in find_paper_dirs(conference):
        at = time.perf_counter()
        doc = load_papers(conference, templates, dirs=[paper]).documents[paper.name]
        read = time.perf_counter() - at
        jobs = [FileJob(lang, fmt, f"{paper.name}.{lang}.{fmt}", None, False)
                for lang in LANGS for fmt in WRITERS]
        at = time.perf_counter()
        workers.render_paper(doc, jobs, out)
        rows.append((read, time.perf_counter() - at))
    total_cpu = time.process_time() - cpu

    files = len(LANGS) * len(WRITERS)
    first, rest = rows[0], rows[1:]
    print(f"{len(rows)} papers × {len(LANGS)} languages × {len(WRITERS)} formats "
          f"({files} files a paper), one process")
    print(f"{'':34}{'read':>8}{'files':>8}{'both':>8}")
    print(f"{'a new process: start and imports':34}{'':>8}{'':>8}{imports:8.2f}")
    print(f"{'first paper (a new process)':34}{first[0]:8.2f}{first[1]:8.2f}"
          f"{sum(first):8.2f}")
    read = statistics.median(r for r, _ in rest)
    write = statistics.median(w for _, w in rest)
    print(f"{'a changed paper, warm (median)':34}{read:8.2f}{write:8.2f}{read + write:8.2f}")
    print(f"{'slowest warm paper':34}{'':>8}{'':>8}{max(sum(r) for r in rest):8.2f}")
    print(f"CPU seconds of the run: {total_cpu:.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
