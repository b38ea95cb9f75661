"""The locked install: uv.lock pins every package with hashes, and it is what is installed."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import tomllib
from importlib.metadata import distributions
from pathlib import Path

import pytest
from conftest import ROOT

# installed by the virtual environment itself, not by the lock
_SEEDED = {"pip", "setuptools", "wheel"}


def _normal(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def _locked() -> list[dict]:
    return tomllib.loads((ROOT / "uv.lock").read_text(encoding="utf-8"))["package"]


def test_every_locked_package_has_one_version_and_hashes():
    project = _normal("att-docs")
    packages = [p for p in _locked() if p["name"] != project]
    assert len(packages) > 20  # dependencies of dependencies too
    for package in packages:
        files = [*package.get("wheels", []), *([package["sdist"]] if "sdist" in package else [])]
        assert package.get("version"), package["name"]
        assert files and all(f["hash"].startswith("sha256:") for f in files), package["name"]


def test_the_environment_holds_exactly_the_locked_versions():
    locked = {p["name"]: p["version"] for p in _locked() if "version" in p}
    installed = {_normal(d.metadata["Name"]): d.version for d in distributions()}
    installed.pop("att-docs", None)
    stray = {n: v for n, v in installed.items()
             if n not in _SEEDED and locked.get(n) != v}
    assert stray == {}, "installed but not locked at this version (scripts/setup.sh test)"
    assert installed["babel"] == locked["babel"]


def test_uv_itself_is_pinned_with_hashes():
    pins = (ROOT / "scripts" / "uv-requirements.txt").read_text(encoding="utf-8")
    assert re.search(r"^uv==\d+\.\d+\.\d+ \\$", pins, re.M)
    assert len(re.findall(r"--hash=sha256:[0-9a-f]{64}", pins)) >= 1


def test_the_lock_matches_pyproject():
    uv = ROOT / ".venv" / "uv" / "bin" / "uv"
    found = str(uv) if uv.is_file() else shutil.which("uv")
    if not found:
        if os.environ.get("ATT_DOCS_REQUIRE_TOOLS"):
            pytest.fail("uv is not installed (scripts/setup.sh installs it in .venv/uv)")
        pytest.skip("uv is not installed")
    proc = subprocess.run([found, "lock", "--check", "--offline", "--project", str(ROOT)],
                          capture_output=True, text=True, timeout=120, check=False,
                          cwd=Path(ROOT))
    assert proc.returncode == 0, proc.stderr + "\nrun scripts/upgrade-lock.sh"
