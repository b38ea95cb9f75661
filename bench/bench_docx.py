"""Benchmark the DOCX writer alone, per paper and language.

    .venv/bin/python bench/bench_docx.py [--repeat N] [--papers 60] [--profile]
                                         [--against REV] [--out-dir DIR]

Times ``write_docx`` for every paper × language of content/csp9 and of a conference of
--papers generated papers (bench/generate_conference.py), after one warm-up write of each
(so the per-language style skeleton is built once, as in a build's worker). Prints the
median of --repeat runs per output in milliseconds.

--against REV also times the writer of git revision REV (its ``att_docs`` package, taken
with ``git archive`` into a scratch folder and run in a subprocess) on the same papers,
and prints the ratio. --profile prints the top of a cProfile of one pass instead.
--out-dir writes the files there (default: the system's temporary folder); on a tmpfs
such as /dev/shm the fsync of each atomic write costs nothing, which leaves the writer's
own time.
Run on demand; the test suite never asserts timings.
"""

from __future__ import annotations

import argparse
import cProfile
import json
import pstats
import statistics
import subprocess
import sys
import tarfile
import tempfile
import time
from io import BytesIO
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _timings(conference: Path, repeat: int, profile: bool,
             out_dir: Path | None = None) -> dict[str, float]:
    """Median milliseconds per output of ``conference``, keyed ``<doc id>.<lang>``."""
    from att_docs.base.paths import PACKAGE_ROOT
    from att_docs.status.setinfo import load_conference
    from att_docs.writers.docx.writer import write_docx
    from att_docs.writers.styles import load_styles

    templates = PACKAGE_ROOT / "templates"  # the measured revision's own templates
    conf, documents = load_conference(conference, templates)
    styles = load_styles(templates / "styles.yaml")
    jobs = [(doc, lang) for doc in documents for lang in conf.languages]
    result: dict[str, float] = {}
    with tempfile.TemporaryDirectory(dir=out_dir) as scratch:
        out = Path(scratch)
        for doc, lang in jobs:  # warm-up: skeletons, imports
            write_docx(doc, lang, out / f"{doc.id}.{lang}.docx", styles)
        if profile:
            profiler = cProfile.Profile()
            profiler.enable()
            for doc, lang in jobs:
                write_docx(doc, lang, out / f"{doc.id}.{lang}.docx", styles)
            profiler.disable()
            pstats.Stats(profiler).sort_stats("cumulative").print_stats(35)
            pstats.Stats(profiler).sort_stats("tottime").print_stats(25)
            return {}
        for doc, lang in jobs:
            target = out / f"{doc.id}.{lang}.docx"
            times = []
            for _ in range(repeat):
                start = time.perf_counter()
                write_docx(doc, lang, target, styles)
                times.append(time.perf_counter() - start)
            result[f"{doc.id}.{lang}"] = statistics.median(times) * 1000
    return result


def _sets(papers: int, scratch: Path) -> dict[str, Path]:
    generated = scratch / "generated"
    subprocess.run([sys.executable, str(ROOT / "bench" / "generate_conference.py"),
                    str(generated), "--papers", str(papers)], check=True,
                   capture_output=True)
    return {"csp9": ROOT / "content" / "csp9", f"generated-{papers}": generated}


def _measure_all(sets: dict[str, Path], repeat: int,
                 out_dir: Path | None = None) -> dict[str, dict[str, float]]:
    return {name: _timings(path, repeat, False, out_dir) for name, path in sets.items()}


def _against(rev: str, sets: dict[str, Path], repeat: int, scratch: Path,
             out_dir: Path | None) -> dict[str, dict[str, float]]:
    """The same measurements with the ``att_docs`` package of git revision ``rev``."""
    archive = subprocess.run(["git", "-C", str(ROOT), "archive", "--format=tar", rev,
                              "att_docs", "templates"], check=True, capture_output=True).stdout
    old = scratch / "old"
    with tarfile.open(fileobj=BytesIO(archive)) as tar:
        tar.extractall(old, filter="data")
    code = ("import json, sys; sys.path.insert(0, sys.argv[1]); "
            "sys.path.insert(1, sys.argv[2]); import bench_docx as b; from pathlib import Path; "
            "print(json.dumps(b._measure_all({k: Path(v) for k, v in "
            "json.loads(sys.argv[3]).items()}, int(sys.argv[4]), "
            "Path(sys.argv[5]) if sys.argv[5] else None)))")
    proc = subprocess.run([sys.executable, "-c", code, str(old), str(ROOT / "bench"),
                           json.dumps({k: str(v) for k, v in sets.items()}), str(repeat),
                           str(out_dir or "")],
                          check=True, capture_output=True, text=True, cwd=scratch)
    return json.loads(proc.stdout)


def _report(name: str, ms: dict[str, float], old: dict[str, float] | None,
            show_each: bool) -> None:
    if show_each:
        for key, value in ms.items():
            extra = f"{old[key]:>10.1f}{old[key] / value:>8.1f}×" if old else ""
            print(f"  {key:<58}{value:>8.1f}{extra}")
    mean = statistics.mean(ms.values())
    line = f"{name}: {len(ms)} outputs, {mean:.1f} ms per paper (mean of medians)"
    if old:
        old_mean = statistics.mean(old.values())
        line += f"; REV {old_mean:.1f} ms; {old_mean / mean:.1f}× faster"
    print(line)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--papers", type=int, default=60)
    parser.add_argument("--profile", action="store_true")
    parser.add_argument("--against", metavar="REV")
    parser.add_argument("--out-dir", type=Path)
    args = parser.parse_args()
    sys.path.insert(0, str(ROOT))
    with tempfile.TemporaryDirectory(prefix="att-docs-bench-docx-") as tmp:
        scratch = Path(tmp)
        sets = _sets(args.papers, scratch)
        if args.profile:
            for path in sets.values():
                _timings(path, 1, True)
            return
        new = _measure_all(sets, args.repeat, args.out_dir)
        old = (_against(args.against, sets, args.repeat, scratch, args.out_dir)
               if args.against else None)
    where = args.out_dir or tempfile.gettempdir()
    print(f"DOCX write into {where}, median of {args.repeat} runs per output, ms"
          + (f" (this tree, then {args.against}, then the ratio)" if old else ""))
    for name, ms in new.items():
        _report(name, ms, old[name] if old else None, show_each=name == "csp9")


if __name__ == "__main__":
    main()
