"""A cache never changes a result: each cache file (term base, term variants, lemmas,
DOCX skeleton, status rows, the build's cache) replaced by wrong but valid JSON, or damaged in any
other way, gives the same check findings, the same status and the same manifest, with
one warning naming each bad file; and the cache is sound again afterwards."""

from __future__ import annotations

import json
import os
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from fuzzlib import CONTENT, GLOSSARY, TEMPLATES, cli, forget_caches

pytestmark = pytest.mark.slow  # every cache file damaged, every command run

TODAY = "2023-07-01"


def _findings_workspace(root: Path) -> Path:
    """content/csp9 with term slips in Chinese and French and an English paragraph left
    in the Chinese of the other paper, the templates and glossary, a built set."""
    shutil.copytree(CONTENT, root / "content" / "csp9")
    shutil.copytree(TEMPLATES, root / "templates")
    shutil.copytree(GLOSSARY, root / "glossary")
    paper = root / "content" / "csp9" / "wgtu-report"
    for name, old, new in (("zh.md", "联席主席", "联系主席"),
                           ("zh.md", "《武器贸易条约》", "《公约》"),
                           ("fr.md", "coprésident", "co-président"),
                           ("fr.md", "États Parties", "États-parties")):
        text = (paper / name).read_text(encoding="utf-8")
        (paper / name).write_text(text.replace(old, new, 2), encoding="utf-8")
    other = root / "content" / "csp9" / "mc-programme-of-work"
    english = (other / "en.md").read_text(encoding="utf-8").split("\n\n")
    chinese = (other / "zh.md").read_text(encoding="utf-8").split("\n\n")
    at = next(i for i, block in enumerate(chinese) if block.startswith("{#"))
    chinese[at] = next(b for b in english if b.split(" ", 1)[0] == chinese[at].split(" ", 1)[0])
    (other / "zh.md").write_text("\n\n".join(chinese), encoding="utf-8")
    return root


def _results(ws: Path, build: bool = True) -> tuple[dict, str]:
    """Exit codes and outputs of check, status --strict and (``build``) a build's
    manifest without its file checksums; and everything the commands said on stderr."""
    forget_caches()
    check = cli("check", "content/csp9", "--format", "json", cwd=ws)
    status = cli("status", "content/csp9", "--format", "json", "--strict", "--today", TODAY,
                 cwd=ws)
    results = {"check": (check.exit_code, json.loads(check.stdout)),
               "status": (status.exit_code, json.loads(status.stdout))}
    said = check.stderr + status.stderr
    if build:
        done = cli("build", "content/csp9", "-f", "docx", "-l", "en", "-j", "1", "-q", cwd=ws)
        manifest = json.loads((ws / "build" / "csp9" / "manifest.json").read_text("utf-8"))
        for entry in manifest["files"]:
            entry.pop("sha256"), entry.pop("size")  # a rebuilt DOCX may differ in zip dates
        results["build"] = (done.exit_code, manifest)
        said += done.stderr
    return results, said


@pytest.fixture(scope="module")
def prepared(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict]:
    root = _findings_workspace(tmp_path_factory.mktemp("caches"))
    before = os.environ.get("XDG_CACHE_HOME")
    os.environ["XDG_CACHE_HOME"] = str(root / "xdg")
    try:
        results, said = _results(root)
        again, said_again = _results(root)  # from the caches this time
    finally:
        if before is None:
            del os.environ["XDG_CACHE_HOME"]
        else:
            os.environ["XDG_CACHE_HOME"] = before
    assert again == results and "warning" not in said + said_again, said + said_again
    assert results["check"][0] == 1 and len(results["check"][1]["findings"]) >= 3
    assert results["status"][0] == 1  # --strict: a paper is incomplete
    return root, results


def _cache_files(ws: Path) -> list[Path]:
    folder = ws / "xdg" / "att-docs"
    # keyed by the papers' or the templates' place: a copy of the workspace elsewhere never
    # reads them (tests/checks/test_check_incremental, tests/readers/test_frame_bytecode)
    for kept in [*folder.glob("checks-*.json"), *folder.glob("jinja-*.json")]:
        kept.unlink()
    files = sorted(folder.glob("*.json"))
    kinds = {p.name.split("-")[0] for p in files}
    assert kinds == {"glossary", "variants", "lemmas", "homophones", "docx", "ordinal",
                     "numerals", "numberwords"}, files
    built = ws / "build" / "csp9" / ".att-docs-cache.json"
    return [*files, ws / "build" / ".csp9.att-docs-status-cache.json", built.resolve()]


def _payload(path: Path) -> bytes:
    return path.read_bytes().split(b"\n", 1)[1]


def _write(path: Path, data: bytes) -> None:
    path.unlink()
    path.write_bytes(data)


def _sparse(path: Path, size: int) -> None:
    path.unlink()
    with path.open("wb") as fh:
        fh.truncate(size)


DAMAGE: dict[str, Callable[[Path, list[Path]], None]] = {
    "empty-list": lambda p, _: _write(p, b"[]"),
    "empty-object": lambda p, _: _write(p, b"{}"),
    "null": lambda p, _: _write(p, b"null"),
    "string": lambda p, _: _write(p, b'"cached"'),
    "payload-without-checksum": lambda p, _: _write(p, _payload(p)),
    "payload-emptied-under-its-checksum": lambda p, _: _write(
        p, p.read_bytes().split(b"\n", 1)[0] + b"\n" + (b"[]" if _payload(p)[:1] == b"["
                                                         else b"{}")),
    "another-cache-file": lambda p, files: _write(p, files[(files.index(p) + 1)
                                                           % len(files)].read_bytes()),
    "deeply-nested": lambda p, _: _write(p, b"[" * 100_000 + b"]" * 100_000),
    "truncated": lambda p, _: _write(p, p.read_bytes()[: p.stat().st_size // 2]),
    "binary": lambda p, _: _write(p, bytes(range(256)) * 4),
    "zero-bytes": lambda p, _: _write(p, b""),
    "linked-to-dev-zero": lambda p, _: (p.unlink(), p.symlink_to("/dev/zero")),
    "fifo": lambda p, _: (p.unlink(), os.mkfifo(p)),
    "folder": lambda p, _: (p.unlink(), p.mkdir()),
    "dangling-link": lambda p, _: (p.unlink(), p.symlink_to(p.name + ".gone")),
    "sparse-and-huge": lambda p, _: _sparse(p, 65_000_000),
}


def _damaged(prepared: tuple[Path, dict], tmp_path: Path,
             damages: Callable[[int], Callable[[Path, list[Path]], None] | None]
             ) -> tuple[Path, list[Path], dict]:
    """A copy of the prepared workspace with cache file ``i`` damaged by ``damages(i)``
    (left alone where that is None)."""
    base, results = prepared
    ws = tmp_path / "ws"
    shutil.copytree(base, ws, symlinks=True)
    files = _cache_files(ws)
    originals = {f: f.read_bytes() for f in files}
    targets = []
    for i, path in enumerate(files):
        damage = damages(i)
        if damage is None:
            continue
        targets.append(path)
        if damage is DAMAGE["another-cache-file"]:  # as the other file was
            _write(path, originals[files[(i + 1) % len(files)]])
        else:
            damage(path, files)
    return ws, targets, results


def _same_results_and_warned(ws: Path, targets: list[Path], expected: dict,
                             monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(ws / "xdg"))
    build = any(t.name == ".att-docs-cache.json" for t in targets)
    got, said = _results(ws, build)
    assert got["check"] == expected["check"]
    assert got["status"] == expected["status"]
    assert not build or got["build"] == expected["build"]
    for path in targets:
        assert f"att-docs: warning: {path}" in said or f"warning: {path.name}" in said, (
            path, said)
    assert "internal error" not in said and "Traceback" not in said


NAMES = list(DAMAGE)


@pytest.mark.parametrize("first", NAMES)
def test_every_cache_file_damaged(first: str, prepared, tmp_path: Path,
                                  monkeypatch: pytest.MonkeyPatch) -> None:
    """Cache file ``i`` gets damage ``first + i``: over the runs, every file meets every
    damage."""
    start = NAMES.index(first)
    ws, targets, expected = _damaged(
        prepared, tmp_path, lambda i: DAMAGE[NAMES[(start + i) % len(NAMES)]])
    _same_results_and_warned(ws, targets, expected, monkeypatch)
    if first in ("empty-list", "another-cache-file"):  # made again: trusted next time
        got, said = _results(ws)
        assert got == expected and "warning" not in said, said


@pytest.mark.parametrize("kind", ["glossary", "variants", "lemmas", ".csp9", ".att-docs"])
def test_each_cache_file_replaced_by_an_empty_list(kind: str, prepared, tmp_path: Path,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    files = _cache_files(prepared[0])
    ws, targets, expected = _damaged(prepared, tmp_path, lambda i: DAMAGE["empty-list"] if
                                     files[i].name.startswith(kind) else None)
    assert len(targets) == 1
    _same_results_and_warned(ws, targets, expected, monkeypatch)
