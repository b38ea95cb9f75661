"""The code base is ruff clean (rules in pyproject.toml)."""

import shutil
import subprocess

from conftest import ROOT, require_tools


def test_ruff_is_clean():
    ruff = shutil.which("ruff", path=str(ROOT / ".venv" / "bin")) or shutil.which("ruff")
    if ruff is None:
        require_tools("ruff")
    proc = subprocess.run([ruff, "check", "att_docs", "tests", "bench"], cwd=ROOT,
                          capture_output=True, text=True, check=False)
    assert proc.returncode == 0, proc.stdout + proc.stderr

