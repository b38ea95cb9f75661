"""The floor of ``att-docs check``: reading and assembling a set alone, with no rule.

    .venv/bin/python bench/bench_read_floor.py CONFERENCE [--runs 3] [--jobs N]

Each run is a new process, as a ``check`` is. It reads and assembles the first paper
itself, which loads the readers, then forks ``--jobs`` workers that read the others in
runs of four (as ``check`` does; default: one per core). It prints the wall seconds of
each run from the process's start, and the median, against the regular-expression loop
over the same Markdown files (``bench_conference.regex_route``). A ``check`` cannot be
faster than this reading alone. Run on demand; the test suite never asserts timings.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(ROOT))

CHILD = """
import sys, time
started = time.perf_counter()
from pathlib import Path
from att_docs.base.processes import forked_map
from att_docs.readers.load import load_papers

folder, templates, jobs = Path(sys.argv[1]), Path(sys.argv[2]), int(sys.argv[3])
dirs = sorted(p.parent for p in folder.glob("*/paper.yaml"))
load_papers(folder, templates, dirs=dirs[:1])


def read(_, chunk):
    return len(load_papers(folder, templates, dirs=chunk).documents)


chunks = [dirs[i:i + 4] for i in range(1, len(dirs), 4)]
read_count = 1 + sum(forked_map(read, None, chunks, jobs))
print(read_count, time.perf_counter() - started)
"""


def one_run(conference: Path, jobs: int) -> tuple[int, float]:
    """Papers read and seconds, in a new process (its start included)."""
    started = time.perf_counter()
    proc = subprocess.run([sys.executable, "-c", CHILD, str(conference),
                           str(ROOT / "templates"), str(jobs)],
                          capture_output=True, text=True, check=True, cwd=ROOT)
    papers = int(proc.stdout.split()[0])
    return papers, time.perf_counter() - started


def main() -> None:
    from bench_conference import regex_route

    from att_docs.base.processes import default_workers

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("conference", type=Path)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--jobs", type=int, default=default_workers())
    args = parser.parse_args()
    runs = [one_run(args.conference, args.jobs) for _ in range(args.runs)]
    regex = statistics.median(regex_route(args.conference)[0] for _ in range(args.runs))
    floor = statistics.median(seconds for _, seconds in runs)
    print(f"papers read: {runs[0][0]}; runs: {', '.join(f'{s:.2f}' for _, s in runs)} s")
    print(f"reading alone (median): {floor:.2f} s; regex loop: {regex:.2f} s; "
          f"a check 6x faster than the loop has {regex / 6:.2f} s, "
          f"{regex / 6 - floor:+.2f} s beside the reading")


if __name__ == "__main__":
    main()
