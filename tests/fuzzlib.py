"""The fuzz harness: apply one mutation to a copy of content/csp9 (or templates, glossary),
run the command in-process, and check the outcome.

Every case ends in one of two ways:

* a located error: exit 1, one line ``att-docs: error: <file>:<line>: ...`` (or naming the
  option), no traceback, no "internal error";
* a correct output, which the case checks itself.

Either way the content folder and the previous output are byte-for-byte unchanged (for a
correct output, the previous output may be replaced by the new set, never altered in
place).
"""

from __future__ import annotations

import hashlib
import os
import re
import shutil
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from click.testing import CliRunner, Result
from conftest import CONTENT

ROOT = Path(__file__).resolve().parent.parent
TEMPLATES = ROOT / "templates"
GLOSSARY = ROOT / "glossary"

ERROR_LINE = re.compile(r"^att-docs: error: (?P<where>\S.*?)(?::(?P<line>\d+))?: (?P<msg>.+)$")


def tree(folder: Path) -> dict[str, str]:
    """Every entry under ``folder`` (hidden ones too): file checksums and link targets."""
    result: dict[str, str] = {}
    if not os.path.lexists(folder):
        return result
    for dirpath, dirnames, filenames in os.walk(folder):
        for name in sorted(dirnames + filenames):
            path = Path(dirpath) / name
            rel = str(path.relative_to(folder))
            if path.is_symlink():
                result[rel] = "-> " + os.readlink(path)
            elif path.is_file():
                result[rel] = hashlib.sha256(path.read_bytes()).hexdigest()
            elif path.is_dir():
                result[rel] = "dir"
    return result


def cli(*args: str | Path, cwd: Path | None = None) -> Result:
    """``att-docs ARGS`` in this process (click's runner), from ``cwd``."""
    from att_docs.cli.main import main

    runner = CliRunner()
    old = Path.cwd()
    if cwd is not None:
        os.chdir(cwd)
    try:
        return runner.invoke(main, [str(a) for a in args], catch_exceptions=True)
    finally:
        os.chdir(old)


def assert_located_error(result: Result, where: str, code: int = 1,
                         line: bool = True) -> re.Match[str]:
    """One line naming ``where`` (a file name or an option), exit ``code``, no traceback."""
    assert result.exception is None or isinstance(result.exception, SystemExit), (
        f"uncaught {result.exception!r}")
    lines = result.stderr.strip().splitlines()
    assert result.exit_code == code, (result.exit_code, result.stderr, result.stdout)
    assert len(lines) == 1, result.stderr
    assert "Traceback" not in result.stderr and "internal error" not in result.stderr
    match = ERROR_LINE.match(lines[0])
    assert match, lines[0]
    assert where in match["where"], (where, lines[0])
    if line:
        assert match["line"] and int(match["line"]) >= 1, lines[0]
    return match


@dataclass
class Workspace:
    """A copy of the example conference, templates and glossary, and a built set."""

    root: Path
    conference: Path = field(init=False)
    templates: Path = field(init=False)
    glossary: Path = field(init=False)
    out: Path = field(init=False)

    def __post_init__(self) -> None:
        self.conference = self.root / "csp9"
        self.templates = self.root / "templates"
        self.glossary = self.root / "glossary"
        self.out = self.root / "build" / "csp9"

    def inputs(self) -> dict[str, dict[str, str]]:
        return {"content": tree(self.conference), "templates": tree(self.templates),
                "glossary": tree(self.glossary)}

    def outputs(self) -> dict[str, str]:
        return tree(self.out.parent)

    def build(self, *extra: str | Path) -> Result:
        return cli("build", self.conference, "-o", self.out, "--templates", self.templates,
                   "-f", "docx", "-j", "1", "-q", *extra)


def prepared(base: Path, target: Path) -> Workspace:
    """A private copy of a prepared workspace (inputs and built set, links kept)."""
    shutil.copytree(base, target, symlinks=True)
    return Workspace(target)


def make_base(root: Path) -> Workspace:
    """Inputs copied from the repository and the DOCX set built once."""
    ws = Workspace(root)
    shutil.copytree(CONTENT, ws.conference)
    shutil.copytree(TEMPLATES, ws.templates)
    shutil.copytree(GLOSSARY, ws.glossary)
    result = ws.build()
    assert result.exit_code == 0, result.stderr
    return ws


@dataclass(frozen=True)
class Mutation:
    """A change to one input file: ``edit(text) -> text`` or ``raw(bytes) -> bytes``."""

    id: str
    file: str  # relative to the workspace root
    edit: Callable[[str], str] | None = None
    raw: Callable[[bytes], bytes] | None = None
    where: str | None = None  # the file name the error must name (default: ``file``'s)
    line: bool = True  # the error names a line

    def apply(self, ws: Workspace) -> None:
        path = ws.root / self.file
        if self.raw is not None:
            path.write_bytes(self.raw(path.read_bytes() if path.exists() else b""))
        elif self.edit is not None:
            text = path.read_text(encoding="utf-8") if path.exists() else ""
            path.write_text(self.edit(text), encoding="utf-8", errors="surrogatepass")


def run_mutation(case: Mutation, base: Path, tmp: Path) -> None:
    """Apply ``case`` to a fresh copy, build, expect a located error, nothing changed."""
    ws = prepared(base, tmp / "ws")
    case.apply(ws)
    before_in, before_out = ws.inputs(), ws.outputs()
    result = ws.build()
    assert_located_error(result, case.where or Path(case.file).name, line=case.line)
    assert ws.inputs() == before_in, "the input changed"
    assert ws.outputs() == before_out, "the previous output changed"


def damaged(data: bytes, rng) -> bytes:  # type: ignore[no-untyped-def]
    """``data`` (a cache file) damaged one random way: a flipped byte, a cut, bytes added,
    the checksum line lost, or valid JSON of another shape in its place."""
    import json

    kind = rng.randrange(6)
    if kind == 0 and data:
        at = rng.randrange(len(data))
        return data[:at] + bytes([data[at] ^ (1 << rng.randrange(8))]) + data[at + 1:]
    if kind == 1:
        return data[:rng.randrange(len(data) + 1)]
    if kind == 2:
        at = rng.randrange(len(data) + 1)
        return data[:at] + bytes(rng.randrange(256) for _ in range(rng.randrange(1, 64))) \
            + data[at:]
    if kind == 3:
        return data.split(b"\n", 1)[-1]
    shapes = [[], {}, None, 0, "", [[]], {"version": 1, "papers": {}},
              [["c", "t", "preferred", False, "t"]], {"x" * 70: "y"}]
    value = rng.choice(shapes)
    if kind == 5:  # under its own, correct-looking header line
        return data.split(b"\n", 1)[0] + b"\n" + json.dumps(value).encode()
    return json.dumps(value).encode()


def forget_caches() -> None:
    """What a new process would not know: this one's memos of what the caches held (the
    term base read, the lemma stores, the number words, the warnings already given)."""
    import att_docs.base.statefile as statefile
    import att_docs.checks.extract as extract
    import att_docs.checks.lemma_store as lemmas
    import att_docs.glossary as glossary

    glossary.load.cache_clear()
    for memo in (extract._spelled, extract._word_automaton, extract._language_words):
        memo.cache_clear()
    lemmas._STORES.clear()
    statefile._WARNED.clear()
