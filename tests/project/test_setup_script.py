"""scripts/setup.sh while another apt holds the lock: apt-get is told to wait for it, and a
failed install ends in exit 3 naming what is missing (README's code for a missing tool),
never in apt-get's own exit 100. apt-get, id and fc-list are stand-ins on PATH here."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest
from conftest import ROOT

LOCKED = """#!/bin/sh
echo "$@" >> "$APT_LOG"
echo "E: Could not get lock /var/lib/dpkg/lock-frontend" >&2
exit 100
"""


@pytest.fixture
def checkout(tmp_path: Path) -> Path:
    """A copy of the files setup.sh reads, and stand-ins: root's id, no fonts, a locked apt."""
    root = tmp_path / "checkout"
    (root / "scripts").mkdir(parents=True)
    for name in ("scripts/setup.sh", "scripts/uv-requirements.txt", "uv.lock",
                 "pyproject.toml"):
        shutil.copy(ROOT / name, root / name)
    bin_ = tmp_path / "bin"
    bin_.mkdir()
    for name, text in (("id", "#!/bin/sh\necho 0\n"), ("fc-list", "#!/bin/sh\nexit 0\n"),
                       ("apt-get", LOCKED)):
        (bin_ / name).write_text(text, encoding="utf-8")
        (bin_ / name).chmod(0o755)
    return root


def setup(root: Path, **env: str) -> subprocess.CompletedProcess[str]:
    path = f"{root.parent / 'bin'}{os.pathsep}{os.environ['PATH']}"
    return subprocess.run(["bash", str(root / "scripts" / "setup.sh"), "runtime"],
                          capture_output=True, text=True, timeout=60, check=False,
                          env={**os.environ, "PATH": path,
                               "APT_LOG": str(root.parent / "apt.log"), **env})


def test_apt_waits_for_the_lock(checkout: Path) -> None:
    proc = setup(checkout)
    calls = (checkout.parent / "apt.log").read_text(encoding="utf-8").splitlines()
    assert calls and all("-o DPkg::Lock::Timeout=300" in call for call in calls), calls
    assert "waits up to 300s" in proc.stderr


def test_the_wait_can_be_set(checkout: Path) -> None:
    setup(checkout, ATT_DOCS_APT_LOCK_TIMEOUT="7")
    calls = (checkout.parent / "apt.log").read_text(encoding="utf-8").splitlines()
    assert calls and all("-o DPkg::Lock::Timeout=7" in call for call in calls), calls


def test_a_locked_apt_ends_in_exit_3_naming_the_missing_tool(checkout: Path) -> None:
    proc = setup(checkout)
    assert proc.returncode == 3, proc.stderr
    message = proc.stderr.splitlines()[-1]
    assert message.startswith("setup: missing: the font Noto Serif CJK SC (fonts-noto-cjk)")
    assert "held its lock" in message
    assert not (checkout / ".venv").exists()
