"""A JSON check of a conference loads what that needs, not the text report's renderer
(rich) or the XLIFF and plain-text readers (lxml): start-up is most of what a check of a
set where one paper changed costs."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from conftest import CONTENT, ROOT

SCRIPT = """
import sys
from att_docs.cli.main import main
try:
    main(sys.argv[1:], standalone_mode=False)
finally:
    print("\\n" + " ".join(m for m in ("rich", "lxml", "att_docs.checks.xliff",
                                       "att_docs.checks.plaintext") if m in sys.modules),
          file=sys.stderr)
"""


def _check(tmp_path: Path, *args: str) -> tuple[str, str]:
    env = {**os.environ, "XDG_CACHE_HOME": str(tmp_path / "xdg"),
           "PYTHONPATH": os.pathsep.join([str(ROOT), os.environ.get("PYTHONPATH", "")])}
    proc = subprocess.run([sys.executable, "-c", SCRIPT, "check", str(CONTENT), *args],
                          cwd=tmp_path, env=env, capture_output=True, text=True,
                          timeout=300, check=False)
    return proc.stdout, proc.stderr.strip().splitlines()[-1] if proc.stderr.strip() else ""


def test_json_check_leaves_the_text_renderer_and_other_readers_alone(tmp_path: Path) -> None:
    out, loaded = _check(tmp_path, "--format", "json", "--severity", "info")
    assert isinstance(json.loads(out)["findings"], list)
    assert loaded == ""
    again, loaded_again = _check(tmp_path, "--format", "json", "--severity", "info")
    assert (again, loaded_again) == (out, "")  # from the kept findings, the same


def test_text_check_still_renders_with_rich(tmp_path: Path) -> None:
    out, loaded = _check(tmp_path, "--severity", "info")
    assert "finding" in out.splitlines()[-1]
    assert loaded.split() == ["rich"]
