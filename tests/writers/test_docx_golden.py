"""The DOCX writer's WordprocessingML stays what it was: the canonical (C14N) form of each
part it builds per paper equals the golden copy in tests/fixtures/docx for every CSP9
paper and language, and the shared parts (styles, settings, theme ...) their digests.

An intended change to the output: run ``tests/fixtures/docx/golden.py`` and review the diff.
"""

from __future__ import annotations

import sys

import pytest
from conftest import ROOT

sys.path.insert(0, str(ROOT / "tests" / "fixtures" / "docx"))
import golden


@pytest.fixture(scope="module")
def parts(tmp_path_factory: pytest.TempPathFactory) -> tuple[dict[str, bytes], dict[str, str]]:
    return golden.parts_of(golden.written(tmp_path_factory.mktemp("golden")))


def _first_difference(want: bytes, got: bytes) -> str:
    at = next((i for i, (a, b) in enumerate(zip(want, got, strict=False)) if a != b),
              min(len(want), len(got)))
    return (f"first difference at byte {at}:\n golden: {want[max(0, at - 120):at + 120]!r}"
            f"\n now:    {got[max(0, at - 120):at + 120]!r}")


def test_every_paper_and_language_has_golden_parts(parts) -> None:
    own, _digests = parts
    assert set(own) == {p.name for p in golden.HERE.glob("*.xml")}


def test_parts_built_per_paper_equal_the_golden_ones(parts) -> None:
    own, _digests = parts
    differing = {name: _first_difference((golden.HERE / name).read_bytes(), data)
                 for name, data in own.items()
                 if (golden.HERE / name).exists() and (golden.HERE / name).read_bytes() != data}
    assert not differing, "\n".join(f"{n}: {d}" for n, d in differing.items())


def test_shared_parts_equal_the_golden_digests(parts) -> None:
    _own, digests = parts
    lines = golden.DIGESTS.read_text(encoding="utf-8").splitlines()
    want = {name: digest for digest, name in (line.split("  ", 1) for line in lines)}
    assert digests == want
