"""The verbatim seed papers kept as fixtures, and the slips recorded against them."""

from __future__ import annotations

import pytest
from conftest import ROOT, SEEDS
from ruamel.yaml import YAML

SHARED = ROOT.parent / "shared" / "seeds"
SEED_FILES = sorted(p.name for p in SEEDS.glob("*.txt"))


def test_both_seeds_are_kept():
    assert len(SEED_FILES) == 2


@pytest.mark.parametrize("name", SEED_FILES)
def test_seed_fixture_is_verbatim(name):
    original = SHARED / name
    if not original.exists():
        pytest.skip("../shared/seeds is not beside this checkout")
    assert (SEEDS / name).read_bytes() == original.read_bytes()


@pytest.mark.parametrize("name", SEED_FILES)
def test_every_recorded_slip_stands_on_its_line(name):
    slips_file = SEEDS / f"known-slips-{name[:3]}.yaml"
    slips = YAML(typ="safe").load(slips_file.read_text(encoding="utf-8"))
    lines = (SEEDS / name).read_text(encoding="utf-8").splitlines()
    assert len(slips) >= 5
    for slip in slips:
        assert slip["text"] in lines[slip["line"] - 1], slip
        assert slip["check"] in {"term", "deprecated", "homophone", "typography", "number",
                                 "date", "reference", "structure", "consistency"}
