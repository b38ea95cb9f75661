"""./run-tests: its help teaches --quick, and --quick leaves out exactly the slow tests."""

from __future__ import annotations

import subprocess

from conftest import ROOT


def run_tests(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(ROOT / "run-tests"), *args], cwd=ROOT, capture_output=True,
                          text=True, timeout=300, check=False)


def test_help_names_quick() -> None:
    proc = run_tests("--help")
    assert proc.returncode == 0, proc.stderr
    assert "./run-tests --quick" in proc.stdout and "slow" in proc.stdout


def test_quick_leaves_out_the_slow_tests() -> None:
    module = str(next(ROOT.glob("tests/**/test_quickstart.py")))  # one slow test, one quick
    every = run_tests("--collect-only", "-q", "-n", "0", "-p", "no:cacheprovider", module)
    quick = run_tests("--quick", "--collect-only", "-q", "-n", "0", "-p", "no:cacheprovider",
                      module)
    names = [line for line in every.stdout.splitlines() if "::" in line]
    quick_names = [line for line in quick.stdout.splitlines() if "::" in line]
    assert any("fresh_clone" in n for n in names), every.stdout
    assert quick_names == [n for n in names if "fresh_clone" not in n], quick.stdout
