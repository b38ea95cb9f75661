"""Benchmark ``att-docs xliff export`` and ``import`` on the example conference and a
generated 60-paper one.

    .venv/bin/python bench/bench_xliff.py [--papers N] [--repeat N] [--xliff 1.2|2.1]

Each run does what the command does, in one process: read the papers, load the glossary
and write every file (export; and again with the translation memory of the conference's
folder, matched for every untranslated paragraph); read every file, find and read its
paper, check each unit and write what changed (import of the unchanged export, so
nothing is written). The modules are imported first, so interpreter start-up and imports
are left out. It prints the median seconds of --repeat runs, and the first export alone,
which also parses the glossary (later runs find it in the per-process glossary cache).
Run on demand: the test suite never asserts timings.
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from bench_build import median_time  # noqa: E402
from generate_conference import generate  # noqa: E402

from att_docs.exchange.memory.store import MemoryStore  # noqa: E402
from att_docs.exchange.xliff.batch import export_files, import_files  # noqa: E402
from att_docs.exchange.xliff.export import Terms  # noqa: E402
from att_docs.exchange.xliff.papers import read_papers  # noqa: E402
from att_docs.exchange.xliff.terms import term_finder  # noqa: E402
from att_docs.glossary import default_path  # noqa: E402

TEMPLATES = ROOT / "templates"


def export_all(conference: Path, out: Path, version: str, memory: bool = False) -> list[Path]:
    """The export command's work; with ``memory``, matches from the conference's folder."""
    finders: dict[tuple[str, str], Terms] = {}

    def terms_for(source: str, target: str) -> Terms:
        if (source, target) not in finders:
            finders[source, target] = term_finder(default_path(), source, target, TEMPLATES)
        return finders[source, target]

    docs = read_papers([conference], TEMPLATES)
    store = MemoryStore(conference.parent, TEMPLATES, docs) if memory else None
    return export_files(docs, (), version, out, terms_for, store.memory if store else None)


def bench(name: str, conference: Path, scratch: Path, version: str, repeat: int) -> None:
    out = scratch / "xliff"
    start = time.perf_counter()  # the first run also parses the glossary
    files = export_all(conference, out, version)
    first = time.perf_counter() - start
    export_s = median_time(lambda: export_all(conference, out, version), repeat)
    memory_s = median_time(lambda: export_all(conference, out, version, True), repeat)
    import_s = median_time(lambda: import_files(files, conference, TEMPLATES), repeat)
    units = sum(f.read_bytes().count(b"<trans-unit") + f.read_bytes().count(b"<unit ")
                for f in files)
    print(f"{name:<28} {len(files):>3} files {units:>6} units   export {export_s:6.3f} s   "
          f"with memory {memory_s:6.3f} s   import {import_s:6.3f} s   "
          f"(first export {first:.3f} s)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--papers", type=int, default=60)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--xliff", dest="version", choices=["1.2", "2.1"], default="1.2")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        scratch = Path(tmp)
        example = scratch / "csp9"
        shutil.copytree(ROOT / "content" / "csp9", example)
        bench("example conference (csp9)", example, scratch / "a", args.version, args.repeat)
        big = generate(scratch / "generated", args.papers)
        bench(f"generated, {args.papers} papers", big, scratch / "b", args.version,
              max(1, args.repeat // 2))


if __name__ == "__main__":
    main()
