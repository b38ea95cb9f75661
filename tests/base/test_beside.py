"""beside: something made in a forked process while the block runs, found made by the
block; its failures dropped, the process ended with a failing block, nothing forked where
nothing would be kept or forking is not safe.

A test runner's worker may hold threads Python did not start (pytest-xdist's), which
makes :func:`fork_is_safe` say no; the tests of the fork itself say yes for it (what the
forked process runs here is plain Python)."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

import att_docs.base.processes as processes
from att_docs.base.processes import beside


@pytest.fixture(autouse=True)
def _forking(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(processes, "fork_is_safe", lambda: True)


def _write(path: Path, text: str, delay: float = 0.0) -> None:
    time.sleep(delay)
    path.write_text(f"{text} {os.getpid()}", encoding="utf-8")


def test_the_block_finds_it_made_by_another_process(tmp_path: Path) -> None:
    made = tmp_path / "made"
    with beside(lambda: _write(made, "made")):
        time.sleep(0.5)  # the block's own work
        found = made.read_text(encoding="utf-8") if made.exists() else None
    assert found is not None and found.split() != ["made", str(os.getpid())]
    assert found.startswith("made ")


def test_the_end_of_the_block_waits_for_it(tmp_path: Path) -> None:
    made = tmp_path / "made"
    with beside(lambda: _write(made, "late", 0.4)):
        pass
    assert made.read_text(encoding="utf-8").startswith("late ")


def test_its_failure_is_dropped(tmp_path: Path) -> None:
    def fails() -> None:
        raise ValueError("not this time")

    with beside(fails):
        kept = "block ran"
    assert kept == "block ran"


def test_a_failing_block_ends_it_at_once(tmp_path: Path) -> None:
    made = tmp_path / "made"
    started = time.monotonic()
    with pytest.raises(KeyboardInterrupt), beside(lambda: _write(made, "late", 5)):
        raise KeyboardInterrupt
    assert time.monotonic() - started < 3
    time.sleep(0.2)
    assert not made.exists()


def test_nothing_is_forked_where_nothing_is_kept(tmp_path: Path,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ATT_DOCS_NO_CACHE", "1")
    made = tmp_path / "made"
    with beside(lambda: _write(made, "beside")):
        time.sleep(0.3)
    assert not made.exists()  # the block makes what it needs itself


def test_nothing_is_forked_where_forking_is_not_safe(tmp_path: Path,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(processes, "fork_is_safe", lambda: False)
    made = tmp_path / "made"
    with beside(lambda: _write(made, "beside")):
        time.sleep(0.3)
    assert not made.exists()
