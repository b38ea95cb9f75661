"""SIGKILL each writer into the content at random points and check what is left.

    .venv/bin/python bench/kill_writes.py [--kills 100] [--seed 7] [--writer NAME ...]

The writers: ``xliff-import`` (texts into zh.md, paper.yaml and an annex's tables.yaml,
and the record), ``into`` (``import --into``: a Word translation and the record),
``reimport`` (a revised Word draft over the paper, its translations carried over: one
folder exchanged for another), ``translated`` (the record alone), ``new`` (a new
paper folder), ``issue`` (an issued version: a folder in the paper's ``.issued``) and
``revise`` (the paper.yaml of an issued paper).

Each round takes a fresh copy of the example conference, runs the writer in a forked
process (everything is imported already, so a round takes a fraction of a second) and
kills it with SIGKILL after a random delay, spread over the part of the run where it
writes (from a little before its first staged file to its end, as timed on a run that
was not killed). Then the recovery every command runs first
(:func:`att_docs.base.recovery.recover_writes`), and the conference must be the
old one or the new one (that of a run that was not killed), every file and link alike,
with nothing of the write left behind. ``kill_after_each_step`` does the same with the
kill placed after each step of the write in turn (``ATT_DOCS_KILL_AFTER_STEP``); the
tests run both. Exit status 1 if any round left anything else.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import random
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import asdict, dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
CSP9 = ROOT / "content" / "csp9"
TEMPLATES = ROOT / "templates"
PAPER = "wgtu-report"
WRITERS = ("xliff-import", "into", "reimport", "translated", "new", "issue", "revise")


def tree(folder: Path) -> dict[str, str]:
    """Every entry under ``folder``, hidden ones too: checksums, link targets, folders."""
    out: dict[str, str] = {}
    for dirpath, dirnames, filenames in os.walk(folder):
        for name in sorted(dirnames + filenames):
            path = Path(dirpath) / name
            rel = path.relative_to(folder).as_posix()
            if path.is_symlink():
                out[rel] = "-> " + os.readlink(path)
            elif path.is_file():
                out[rel] = hashlib.sha256(path.read_bytes()).hexdigest()
            else:
                out[rel] = "dir"
    return out


@dataclass
class Scenario:
    """A writer's command over a conference copied from ``base``."""

    name: str
    base: Path  # the conference before the write
    args: Callable[[Path], list[str]]  # the command line, given the copy's folder


def _cli(args: list[str]) -> int:
    """Run ``att-docs ARGS`` in this process; its exit code."""
    from att_docs.cli.main import main

    try:
        main.main(args=args, prog_name="att-docs", standalone_mode=True)
    except SystemExit as exc:
        return exc.code if isinstance(exc.code, int) else 1
    return 0


def run_forked(args: list[str], *, kill_after_step: int | None = None,
               kill_at: float | None = None, kill_after_staged: float | None = None,
               times: list[float] | None = None) -> int:
    """The command in a forked child: its exit code, or -9 when it was killed.

    ``kill_after_step`` kills it right after that step of its writes; ``kill_at`` after
    that many seconds; ``kill_after_staged`` that many seconds after its first step (all
    its files staged), whatever the machine's speed; ``times`` receives the times of its
    steps (from its start)."""
    read_end, write_end = os.pipe()
    start = time.monotonic()
    pid = os.fork()
    if pid == 0:  # the child: never returns
        os.close(read_end)
        code = 70
        try:
            from att_docs.base import journal

            journal._steps = 0
            journal.step_hook = lambda _name: os.write(
                write_end, f"{time.monotonic() - start:.6f}\n".encode())
            if kill_after_step is not None:
                os.environ["ATT_DOCS_KILL_AFTER_STEP"] = str(kill_after_step)
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, 1)
            os.dup2(devnull, 2)
            code = _cli(args)
        finally:
            os._exit(code)
    os.close(write_end)
    pipe = os.fdopen(read_end)
    first = ""
    if kill_at is not None:
        time.sleep(max(0.0, kill_at - (time.monotonic() - start)))
        os.kill(pid, signal.SIGKILL)
    elif kill_after_staged is not None:
        first = pipe.readline()  # blocks until the first step (or the child's end)
        time.sleep(kill_after_staged)
        os.kill(pid, signal.SIGKILL)
    _, status = os.waitpid(pid, 0)
    with pipe:
        stamps = [float(line) for line in (first + pipe.read()).split()]
    if times is not None:
        times.extend(stamps)
    return os.waitstatus_to_exitcode(status)


def _warm_up(args: list[str]) -> None:
    """Run the command once here, quietly: the forked runs inherit its imports, compiled
    templates and the drafts as pandoc read them (pandoc takes most of a Word import's
    time, before anything is written)."""
    import contextlib
    import functools
    import io

    import att_docs.readers.docx as docx_reader

    if not hasattr(docx_reader.read_ast, "cache_info"):
        docx_reader.read_ast = functools.lru_cache(maxsize=8)(docx_reader.read_ast)
    with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
        assert _cli(args) == 0, args


def prepare(work: Path, example: Path = CSP9) -> dict[str, Scenario]:
    """Each writer's inputs from the conference ``example``, made once in ``work``
    (several processes may ask at once: the first makes them, the others wait)."""
    import fcntl

    work.mkdir(parents=True, exist_ok=True)
    base, stale = work / "base" / "csp9", work / "stale" / "csp9"
    issued = work / "issued" / "csp9"
    xliff, built = work / "xliff", work / "built"
    with (work / ".lock").open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not (work / "ready").exists():
            _make_inputs(work, example, base, stale, xliff, built, issued)
            (work / "ready").touch()
    xlf = next(xliff.glob("*.xlf"))
    zh_docx = next(built.glob("*_763_*.zh.docx"))
    en_docx = next(built.glob("*_763_*.en.docx"))
    tpl = ["--templates", str(TEMPLATES)]
    return {
        "xliff-import": Scenario("xliff-import", base, lambda c: [
            "xliff", "import", str(xlf), "--content", str(c), *tpl]),
        "into": Scenario("into", base, lambda c: [
            "import", str(zh_docx), "--into", str(c / PAPER), "--lang", "zh", *tpl]),
        "reimport": Scenario("reimport", base, lambda c: [
            "import", str(en_docx), "--conference", str(c), "--id", PAPER, *tpl]),
        "translated": Scenario("translated", stale, lambda c: [
            "translated", str(c / PAPER), "--lang", "zh", *tpl]),
        "new": Scenario("new", base, lambda c: [
            "new", "chair-report", "--conference", str(c), "--title",
            "en=A paper made while killed", "--id", "killed-paper", *tpl]),
        "issue": Scenario("issue", base, lambda c: [
            "issue", str(c / PAPER), "--allow-drafts", "-o", str(work / "no-set"), *tpl]),
        "revise": Scenario("revise", issued, lambda c: [
            "revise", str(c / PAPER), "--date", "2023-08-22"]),
    }


def _make_inputs(work: Path, example: Path, base: Path, stale: Path, xliff: Path,
                 built: Path, issued: Path) -> None:
    """The example conference; an XLIFF file with three targets changed (zh.md,
    paper.yaml, an annex's tables.yaml); the paper's English and Chinese DOCX with a
    paragraph revised; a copy whose English changed since its translation was recorded;
    a copy whose paper was issued."""
    shutil.copytree(example, base)
    assert _run(["xliff", "export", str(base / PAPER), "-t", "zh", "-o", str(xliff)]) == 0
    _change_targets(next(xliff.glob("*.xlf")),
                    ("title", "purpose", "elements.medium-term-planning.title"))
    revised = work / "revised" / "csp9"  # the one paper, revised in English and Chinese
    revised.mkdir(parents=True)
    shutil.copy(example / "conference.yaml", revised)
    shutil.copytree(example / PAPER, revised / PAPER)
    _edit(revised / PAPER / "zh.md", "{#purpose}", "{#purpose} 修订：")
    _edit(revised / PAPER / "en.md", "{#purpose}", "{#purpose} Revised:")
    assert _run(["build", str(revised), "-o", str(built), "-f", "docx", "-l", "en", "-l",
                 "zh", "-q"]) == 0
    shutil.copytree(example, stale)
    _edit(stale / PAPER / "en.md", "{#purpose}", "{#purpose} Changed:")
    shutil.copytree(example, issued)
    assert _run(["issue", str(issued / PAPER), "--allow-drafts", "-o",
                 str(work / "no-set")]) == 0


def _run(args: list[str]) -> int:
    return subprocess.run([sys.executable, "-m", "att_docs", *args], cwd=ROOT,
                          capture_output=True, timeout=600, check=False).returncode


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, (old, path)
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def _change_targets(xlf: Path, ids: tuple[str, ...]) -> None:
    from lxml import etree

    tree = etree.parse(str(xlf))
    for unit in tree.iter("{*}trans-unit"):
        if unit.get("id") in ids:
            target = unit.find("{*}target")
            target.text = "改：" + (target.text or "")
    tree.write(str(xlf), xml_declaration=True, encoding="UTF-8")


@dataclass
class Outcome:
    """What one killed run left, once recovered."""

    state: str  # "old", "new" or "mixed"
    killed: bool
    leftovers: list[str]


class Rounds:
    """A writer's old and new conference, and its rounds of kills."""

    def __init__(self, scenario: Scenario, work: Path):
        self.scenario, self.work = scenario, work
        self.old = tree(scenario.base)
        _warm_up(scenario.args(self._copy("warm-up")))
        reference = self._copy("reference")
        self.steps: list[float] = []
        code = run_forked(scenario.args(reference), times=self.steps)
        assert code == 0, f"{scenario.name}: the run without a kill exited {code}"
        self.new = tree(reference)
        self.end = time.monotonic()
        assert self.new != self.old, f"{scenario.name}: the write changed nothing"

    def _copy(self, name: str) -> Path:
        target = self.work / self.scenario.name / name / "csp9"
        shutil.rmtree(target.parent, ignore_errors=True)
        shutil.copytree(self.scenario.base, target, symlinks=True)
        return target

    def one(self, n: int, *, kill_after_step: int | None = None,
            kill_at: float | None = None, kill_after_staged: float | None = None) -> Outcome:
        """Run, kill, recover, and say what the conference is."""
        from att_docs.base.recovery import recover_writes

        conference = self._copy(f"round-{n % 4}")
        code = run_forked(self.scenario.args(conference), kill_after_step=kill_after_step,
                          kill_at=kill_at, kill_after_staged=kill_after_staged)
        recover_writes([conference])
        after = tree(conference)
        leftovers = sorted(k for k in after if ".att-docs-write" in k or
                           k.endswith((".tmp", ".replaced")))
        state = "old" if after == self.old else "new" if after == self.new else "mixed"
        return Outcome(state, code == -signal.SIGKILL, leftovers)

    def random_kill(self, n: int, rng: random.Random) -> Outcome:
        """Half the kills while the files are staged (the last 30 % of the time before the
        first step, timed on the reference run), half once they are (a random moment
        after the first step, up to a little after the last)."""
        first, last = self.steps[0], self.steps[-1]
        if rng.random() < 0.5:
            return self.one(n, kill_at=rng.uniform(first * 0.7, first))
        return self.one(n, kill_after_staged=rng.uniform(0, (last - first) * 1.2 + 0.002))


def kill_after_each_step(rounds: Rounds) -> list[tuple[int, Outcome]]:
    """A kill right after every step of the write, one run each."""
    return [(step, rounds.one(step, kill_after_step=step))
            for step in range(1, len(rounds.steps) + 1)]


def random_kills(rounds: Rounds, kills: int, seed: int) -> list[Outcome]:
    rng = random.Random(seed)
    return [rounds.random_kill(n, rng) for n in range(kills)]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--kills", type=int, default=100)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--writer", action="append", choices=WRITERS)
    parser.add_argument("--every-step", action="store_true",
                        help="also a kill after each step of the write")
    parser.add_argument("--inputs", type=Path, help="prepared inputs to use (or make)")
    parser.add_argument("--json", action="store_true", help="one JSON line per writer")
    options = parser.parse_args()
    os.environ.setdefault("ATT_DOCS_NO_CACHE", "1")
    bad = 0
    with tempfile.TemporaryDirectory(prefix="att-docs-kill-writes-") as tmp:
        scenarios = prepare(options.inputs or Path(tmp) / "inputs")
        for name in options.writer or WRITERS:
            started = time.perf_counter()
            rounds = Rounds(scenarios[name], Path(tmp) / "rounds")
            steps = kill_after_each_step(rounds) if options.every_step else []
            outcomes = random_kills(rounds, options.kills, options.seed)
            wrong = [o for o in [*outcomes, *(o for _, o in steps)]
                     if o.state == "mixed" or o.leftovers]
            bad += len(wrong)
            if options.json:
                print(json.dumps({"writer": name, "steps": [asdict(o) for _, o in steps],
                                  "random": [asdict(o) for o in outcomes]}))
                continue
            counts = Counter((o.state, "killed" if o.killed else "finished")
                             for o in outcomes)
            print(f"{name}: {options.kills} kills in {time.perf_counter() - started:.1f} s "
                  f"({len(rounds.steps)} steps): "
                  + ", ".join(f"{state} {how} {n}" for (state, how), n in sorted(counts.items()))
                  + (f"; {len(wrong)} WRONG" if wrong else ""))
    return 1 if bad else 0


def run_in_a_process(writer: str, inputs: Path, kills: int, seed: int,
                     every_step: bool = False) -> dict[str, list[dict[str, object]]]:
    """This script for one writer in a process of its own (the forks it makes then
    inherit no test runner's threads); its outcomes."""
    args = [sys.executable, str(Path(__file__)), "--writer", writer, "--kills", str(kills),
            "--seed", str(seed), "--inputs", str(inputs), "--json"]
    done = subprocess.run(args + (["--every-step"] if every_step else []), cwd=ROOT,
                          capture_output=True, text=True, timeout=600, check=False)
    lines = [line for line in done.stdout.splitlines() if line.startswith("{")]
    assert lines, done.stderr[-2000:]
    return json.loads(lines[-1])


if __name__ == "__main__":
    sys.exit(main())
