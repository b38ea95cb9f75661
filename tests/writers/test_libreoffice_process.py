"""soffice runs in a process group of its own, ended whole when the wait is cut short,
with its profile inside the output folder (a killed build leaves nothing elsewhere)."""

from __future__ import annotations

import os
import subprocess
import time
from pathlib import Path

import pytest

from att_docs.writers.pdf import libreoffice
from att_docs.writers.pdf.libreoffice import LibreOfficeError, _run_group, convert_to_pdf


def _alive(pid: int) -> bool:
    stat = Path(f"/proc/{pid}/stat")
    return stat.exists() and stat.read_text().split()[2] != "Z"


def test_a_timeout_kills_the_whole_group(tmp_path: Path) -> None:
    marker = tmp_path / "grandchild.pid"
    script = f"sleep 60 & echo $! > {marker}; wait"
    started = time.monotonic()
    with pytest.raises(LibreOfficeError, match="did not finish within"):
        _run_group(["sh", "-c", script], timeout=1.5)
    assert time.monotonic() - started < 30
    grandchild = int(marker.read_text())
    time.sleep(0.3)
    assert not _alive(grandchild)


def test_the_profile_is_made_inside_the_output_folder(tmp_path: Path,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    seen: list[list[str]] = []

    def fake(cmd: list[str], timeout: float) -> subprocess.CompletedProcess[str]:
        seen.append(cmd)
        profile = next(a for a in cmd if a.startswith("-env:UserInstallation="))
        assert Path(profile.split("=", 1)[1].removeprefix("file://")).is_dir()
        for docx in cmd[-1:]:
            (tmp_path / "out" / f"{Path(docx).stem}.pdf").write_bytes(b"%PDF-1.7")
        return subprocess.CompletedProcess(cmd, 0, "", "")

    monkeypatch.setattr(libreoffice, "find_soffice", lambda: "soffice")
    monkeypatch.setattr(libreoffice, "_run_group", fake)
    pdfs = convert_to_pdf([tmp_path / "a.docx"], tmp_path / "out")
    profile = next(a for a in seen[0] if a.startswith("-env:UserInstallation="))
    assert profile.startswith(f"-env:UserInstallation={(tmp_path / 'out').as_uri()}/.lo-")
    assert [p.name for p in pdfs] == ["a.pdf"]
    assert sorted(os.listdir(tmp_path / "out")) == ["a.pdf"]  # the profile is gone after
