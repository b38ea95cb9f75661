"""Helpers for the build, status and scaffold tests: run the command, snapshot outputs,
generate a synthetic conference."""

from __future__ import annotations

import hashlib
import importlib.util
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def att_docs(*args: str | Path, timeout: float = 600) -> subprocess.CompletedProcess[str]:
    """Run ``python -m att_docs ARGS`` in a fresh process."""
    return subprocess.run([sys.executable, "-m", "att_docs", *map(str, args)],
                          capture_output=True, text=True, timeout=timeout, check=False,
                          cwd=ROOT)


def build(conference: Path, out: Path, *extra: str) -> subprocess.CompletedProcess[str]:
    proc = att_docs("build", conference, "-o", out, *extra)
    assert proc.returncode == 0, proc.stderr
    return proc


def snapshot(out: Path) -> dict[str, tuple[str, int, int]]:
    """Visible files of a build folder: checksum, inode (new on every rename) and mtime."""
    result = {}
    for path in sorted(out.iterdir()):
        if path.is_file() and not path.name.startswith("."):
            stat = path.stat()
            result[path.name] = (hashlib.sha256(path.read_bytes()).hexdigest(), stat.st_ino,
                                 stat.st_mtime_ns)
    return result


def checksums(out: Path) -> dict[str, str]:
    return {name: value[0] for name, value in snapshot(out).items()}


def generate(target: Path, papers: int) -> Path:
    """bench/generate_conference.py's synthetic conference, made of the tests' example."""
    path = ROOT / "bench" / "generate_conference.py"
    spec = importlib.util.spec_from_file_location("generate_conference", path)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up
    from conftest import CONTENT

    before = os.environ.get("ATT_DOCS_BENCH_SEED")
    os.environ["ATT_DOCS_BENCH_SEED"] = str(CONTENT)  # read as the module loads
    try:
        spec.loader.exec_module(module)
    finally:
        if before is None:
            del os.environ["ATT_DOCS_BENCH_SEED"]
        else:
            os.environ["ATT_DOCS_BENCH_SEED"] = before
    return module.generate(target, papers)


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def drop_last_paragraph(path: Path) -> str:
    """Remove the last ``{#id}`` paragraph of a prose file; return its id."""
    import re

    text = path.read_text(encoding="utf-8")
    last = re.findall(r"^\{#([a-z0-9-]+)\}", text, re.M)[-1]
    line = re.search(r"^\{#" + last + r"\}.*$", text, re.M)
    assert line
    path.write_text(text.replace(line.group(0), ""), encoding="utf-8")
    return last


def touch_everything(folder: Path) -> None:
    """New timestamps, same content."""
    for path in folder.rglob("*"):
        os.utime(path)
