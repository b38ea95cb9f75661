"""SIGKILL a conference build at random points, 100 times, and check what is left.

    .venv/bin/python bench/kill_build.py [--kills 100] [--papers 60] [--seed 7] [--jobs 2]

A synthetic conference (bench/generate_conference.py) is built once. Then, each round:

1. a few papers change (a paragraph added or taken away);
2. a build starts and is killed with SIGKILL after a random delay: half of the delays
   are spread over the whole build, half over its last part, where the new set is
   finished, linked in and the old one removed (the commit);
3. the set seen through ``build/<conference>`` is read (every file's SHA-256, the
   manifest) and kept;
4. a build runs to the end: its set is the new set.

The set read after the kill must equal the old set or the new set exactly, files and
manifest alike, and the manifest must describe the files beside it. Each kill is also
classified by what it left behind: nothing new yet, a new set being written, a new set
complete but not linked in, linked in with the old one not yet removed, or done. The
next build removes whatever a kill left. The counts are printed at the end; the exit
status is 1 if any round saw a mixed set.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import random
import signal
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))

from generate_conference import LANGS, generate  # noqa: E402

CACHE = ".att-docs-cache.json"

#: the paragraph each round adds to a paper, per language (bench data)
ADDED = {"en": "A paragraph added in round {n}.", "zh": "第{n}轮增加的一段。",
         "fr": "Un paragraphe ajouté au tour {n}."}


def snapshot(out: Path) -> dict[str, str]:
    """Every file of the set seen through the ``out`` link, with its SHA-256."""
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(out.iterdir()) if p.is_file()}


def manifest_agrees(out: Path, files: dict[str, str]) -> bool:
    """manifest.json lists exactly the files beside it, with their checksums."""
    data = json.loads((out / "manifest.json").read_text("utf-8"))
    listed = {f["file"]: f["sha256"] for f in data["files"]}
    on_disk = {k: v for k, v in files.items()
               if k.endswith((".docx", ".pdf"))}
    return listed == on_disk


def build_cmd(conference: Path, out: Path, jobs: int) -> list[str]:
    return [sys.executable, "-m", "att_docs", "build", str(conference), "-o", str(out),
            "-j", str(jobs), "-q"]


def change_papers(conference: Path, rng: random.Random, count: int, round_no: int) -> None:
    """A paragraph added at the top of ``count`` papers (the last round's taken away)."""
    papers = sorted(p for p in conference.iterdir() if (p / "paper.yaml").exists())
    for paper in rng.sample(papers, count):
        for lang in LANGS:  # every language: a paragraph missing in one is an error
            text = ADDED[lang]
            prose = paper / f"{lang}.md"
            body = prose.read_text("utf-8")
            marker = "{#kill-round}"
            kept = "\n".join(line for line in body.splitlines() if marker not in line)
            prose.write_text(f"{marker} {text.format(n=round_no)}\n\n{kept.lstrip()}\n",
                             encoding="utf-8")


def wait_for_commit(out: Path, old_target: str, proc: subprocess.Popen[bytes]) -> float:
    """Seconds until a new set's cache file appears beside ``out`` (its last file)."""
    started = time.perf_counter()
    prefix = f".{out.name}.att-docs-"
    there = {e.name for e in os.scandir(out.parent)}
    while proc.poll() is None:
        for entry in os.scandir(out.parent):
            if (entry.name.startswith(prefix) and entry.name not in there
                    and os.path.exists(os.path.join(entry.path, CACHE))):
                return time.perf_counter() - started
        time.sleep(0.0005)
    return time.perf_counter() - started


def classify(parent: Path, out: Path, old_target: str) -> str:
    """Where the kill landed, from what it left beside the link."""
    target = os.readlink(out)
    others = [p for p in parent.iterdir()
              if p.name.startswith(f".{out.name}.att-docs-") and p.name != target]
    if target != old_target:
        return "switched, old set not yet removed" if others else "after the switch"
    if not others:
        return "before a new set was started"
    if any((p / CACHE).exists() for p in others if p.is_dir()):
        return "new set complete, not yet switched"
    return "new set being written"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--kills", type=int, default=100)
    parser.add_argument("--papers", type=int, default=60)
    parser.add_argument("--changed", type=int, default=1, help="papers changed per round")
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--at-commit", action="store_true",
                        help="aim every kill at the commit: kill within 0-40 ms of the new "
                             "set's cache file appearing (the set is complete; the switch "
                             "and the removal of the old set follow)")
    args = parser.parse_args()
    rng = random.Random(args.seed)

    with tempfile.TemporaryDirectory(prefix="att-kill-") as tmp:
        conference = generate(Path(tmp) / "csp9", args.papers)
        out = Path(tmp) / "build" / "csp9"
        started = time.perf_counter()
        subprocess.run(build_cmd(conference, out, args.jobs), check=True, cwd=ROOT)
        print(f"cold build of {args.papers} papers: {time.perf_counter() - started:.1f} s",
              flush=True)
        durations: list[float] = []
        change_papers(conference, rng, args.changed, 0)  # calibrate: one build, no kill
        started = time.perf_counter()
        subprocess.run(build_cmd(conference, out, args.jobs), check=True, cwd=ROOT)
        durations.append(time.perf_counter() - started)
        print(f"incremental build ({args.changed} paper(s) changed): {durations[0]:.1f} s",
              flush=True)
        old = snapshot(out)
        results: Counter[str] = Counter()
        places: Counter[str] = Counter()
        failures = 0
        for n in range(1, args.kills + 1):
            change_papers(conference, rng, args.changed, n)
            old_target = os.readlink(out)
            expected = sorted(durations[-5:])[len(durations[-5:]) // 2]  # median
            if n % 2:
                delay = rng.uniform(0.0, expected * 1.05)
            else:  # the end of the build: the set is finished and switched in
                delay = rng.uniform(expected * 0.75, expected * 1.1)
            proc = subprocess.Popen(build_cmd(conference, out, args.jobs), cwd=ROOT,
                                    stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            if args.at_commit:
                extra = rng.uniform(0.0, 0.04)
                delay = wait_for_commit(out, old_target, proc) + extra
                time.sleep(extra)
            else:
                time.sleep(delay)
            proc.send_signal(signal.SIGKILL)
            code = proc.wait()
            place = classify(out.parent, out, old_target)
            after_kill = snapshot(out)
            agrees = manifest_agrees(out, after_kill)
            started = time.perf_counter()
            subprocess.run(build_cmd(conference, out, args.jobs), check=True, cwd=ROOT)
            durations.append(time.perf_counter() - started)
            new = snapshot(out)
            leftovers = [p.name for p in out.parent.iterdir()
                         if p.name.startswith(".csp9.att-docs-")
                         and p.name != os.readlink(out)]
            if after_kill == old:
                verdict = "old set"
            elif after_kill == new:
                verdict = "new set"
            else:
                verdict = "MIXED"
            if verdict == "MIXED" or not agrees or leftovers:
                failures += 1
                differ = sorted(k for k in after_kill.keys() | new.keys() | old.keys()
                                if not after_kill.get(k) == new.get(k) == old.get(k))
                print(f"  exit {code}; files that differ: {differ[:12]}", flush=True)
                for k in differ[:12]:
                    print(f"    {k}: killed {after_kill.get(k, '-')[:8]} old "
                          f"{old.get(k, '-')[:8]} new {new.get(k, '-')[:8]}", flush=True)
            results[verdict] += 1
            places[place] += 1
            print(f"kill {n:3d} after {delay:5.2f} s ({place}): {verdict}, manifest "
                  f"{'agrees' if agrees else 'DISAGREES'}"
                  f"{', LEFTOVERS ' + str(leftovers) if leftovers else ''}", flush=True)
            old = new
        print("\nkills:", args.kills, "| sets seen:", dict(results), "| failures:", failures)
        print("where the kills landed:")
        for place, count in places.most_common():
            print(f"  {count:3d}  {place}")
    return 1 if failures else 0


if __name__ == "__main__":
    raise SystemExit(main())
