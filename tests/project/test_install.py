"""``pip install .`` outside a checkout: the package brings its templates and glossary.

The package is installed into a separate virtual environment (with uv, from its cache
when it can, with the locked versions), then run from a folder that has nothing but a
copy of the example conference. A conference's own ``templates/`` still wins.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import docxtext
import pytest
from conftest import CONTENT, ROOT

pytestmark = pytest.mark.slow


def _uv() -> str:
    for candidate in (ROOT / ".venv" / "uv" / "bin" / "uv", shutil.which("uv")):
        if candidate and Path(candidate).is_file():
            return str(candidate)
    message = "uv is not installed (scripts/setup.sh installs it in .venv/uv)"
    if os.environ.get("ATT_DOCS_REQUIRE_TOOLS"):
        pytest.fail(message)
    pytest.skip(message)


def _run(cmd: list[str | Path], cwd: Path, **kw) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items()
           if k not in ("PYTHONPATH", "VIRTUAL_ENV", "UV_PROJECT_ENVIRONMENT")}
    return subprocess.run([str(c) for c in cmd], cwd=cwd, capture_output=True, text=True,
                          timeout=600, check=False, env=env, **kw)


def install(base: Path) -> Path:
    """A virtual environment with att-docs installed from this checkout (not editable)."""
    uv = _uv()
    venv = base / "venv"
    base.mkdir()
    assert _run([uv, "venv", "-q", venv], base).returncode == 0
    pins = base / "requirements.txt"
    export = _run([uv, "export", "--frozen", "--no-dev", "--no-emit-project", "--no-hashes",
                   "-q", "-o", pins], ROOT)
    assert export.returncode == 0, export.stderr
    # from a copy of the source: building the wheel writes scratch files beside it
    source = base / "source"
    skip = {".git", ".venv", "build", ".setuptools-build", "content", "tests", "bench"}
    shutil.copytree(ROOT, source, ignore=lambda folder, names: [
        n for n in names if (Path(folder) == ROOT and n in skip) or n == "__pycache__"
        or n.endswith((".egg-info", "_cache"))])
    command = [uv, "pip", "install", "-q", "--python", venv / "bin" / "python",
               "-r", pins, source]
    proc = _run([*command[:3], "--offline", *command[3:]], base)
    if proc.returncode != 0:  # something is not in uv's cache yet: fetch it
        proc = _run(command, base)
    assert proc.returncode == 0, proc.stderr[-2000:]
    return venv


def _docx_text(venv: Path, path: Path) -> str:
    """All paragraph text of a DOCX, read by python-docx in the installed environment."""
    proc = _run([venv / "bin" / "python", "-c", docxtext.SCRIPT, path], path.parent)
    assert proc.returncode == 0, proc.stderr
    return proc.stdout


def test_pip_install_then_build_status_and_check_from_another_folder(tmp_path):
    """One installation (it takes a while), then each thing a user does with it."""
    installed = install(tmp_path / "install")
    work = tmp_path / "work"
    work.mkdir()
    _is_not_the_checkout(installed, work / "a")
    _build_status_and_check(installed, work / "b")
    _own_templates_override(installed, work / "c")


def _is_not_the_checkout(installed: Path, tmp_path: Path) -> None:
    tmp_path.mkdir()
    proc = _run([installed / "bin" / "python", "-c",
                 "import att_docs; print(att_docs.__file__)"], tmp_path)
    assert proc.returncode == 0, proc.stderr
    location = Path(proc.stdout.strip()).resolve()
    assert installed.resolve() in location.parents
    assert ROOT not in location.parents


def _build_status_and_check(installed: Path, tmp_path: Path) -> None:
    shutil.copytree(CONTENT, tmp_path / "csp9")
    att = installed / "bin" / "att-docs"
    build = _run([att, "build", "csp9", "-o", "out", "-f", "docx", "-q"], tmp_path)
    assert build.returncode == 0, build.stderr
    manifest = json.loads((tmp_path / "out" / "manifest.json").read_text(encoding="utf-8"))
    docx = sorted(f["file"] for f in manifest["files"] if f["format"] == "docx")
    languages = manifest["conference"]["languages"]
    assert len(docx) == 2 * len(languages) and len(languages) >= 2, docx
    en = _docx_text(installed, tmp_path / "out" / "ATT_CSP9.WGTU_2023_CHAIR_763_Conf.Rep.en.docx")
    zh = _docx_text(installed, tmp_path / "out" / "ATT_CSP9.WGTU_2023_CHAIR_763_Conf.Rep.zh.docx")
    assert "Geneva, 21–25 August 2023" in en
    assert "2023年8月21日至25日" in zh
    assert "21 July 2023" in en and "2023年7月21日" in zh

    status = _run([att, "status", "csp9", "--today", "2023-07-01", "--format", "json"],
                  tmp_path)
    assert status.returncode == 0, status.stderr
    papers = json.loads(status.stdout)["conferences"][0]["papers"]
    assert len(papers) == 2 and all(p["checks"] is not None for p in papers)
    check = _run([att, "check", "csp9", "--format", "json"], tmp_path)
    assert check.returncode == 0, check.stderr
    assert not (tmp_path / "build").exists()  # -o was given: nothing else is written


def _own_templates_override(installed: Path, tmp_path: Path) -> None:
    """A folder with its own templates/ (or --templates) wins over the packaged ones."""
    shutil.copytree(CONTENT, tmp_path / "csp9")
    own = tmp_path / "templates"
    shutil.copytree(ROOT / "templates", own)
    locale = own / "locale" / "en.yaml"
    text = locale.read_text(encoding="utf-8")
    assert 'join: "–"' in text
    locale.write_text(text.replace('join: "–"', 'join: " to "', 1), encoding="utf-8")
    att = installed / "bin" / "att-docs"
    # the working directory's templates/, then the same folder named by --templates
    for cwd, extra in ((tmp_path, []), (tmp_path / "csp9", ["--templates", own])):
        out = tmp_path / f"out-{cwd.name}"
        proc = _run([att, "build", tmp_path / "csp9", "-o", out, "-f", "docx", "-l", "en",
                     "-q", *extra], cwd)
        assert proc.returncode == 0, proc.stderr
        en = _docx_text(installed, out / "ATT_CSP9.WGTU_2023_CHAIR_763_Conf.Rep.en.docx")
        assert "Geneva, 21 to 25 August 2023" in en
