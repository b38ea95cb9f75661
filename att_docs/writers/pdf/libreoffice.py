"""DOCX → PDF through LibreOffice (``soffice --headless``), many files in one call."""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

from att_docs.base.errors import ToolError

__all__ = ["LibreOfficeError", "convert_to_pdf", "find_soffice"]


class LibreOfficeError(ToolError, RuntimeError):
    """soffice is missing, failed, or did not write every PDF."""


def find_soffice() -> str:
    for name in ("soffice", "libreoffice"):
        found = shutil.which(name)
        if found:
            return found
    raise LibreOfficeError("LibreOffice (soffice) is not installed: install the Debian "
                           "package libreoffice-writer-nogui, or use --pdf-engine typst")


def convert_to_pdf(docx_files: list[Path], outdir: Path, timeout: float = 600) -> list[Path]:
    """Convert ``docx_files`` to PDFs in ``outdir`` with one soffice process.

    Each call uses its own LibreOffice profile: two soffice processes sharing a profile
    make the second exit silently without output. The profile is made inside ``outdir``
    (a build's staging folder), so that a killed build leaves nothing elsewhere; soffice
    runs in a process group of its own, ended whole if the conversion is interrupted or
    times out, and its first process dies with this one.
    """
    if not docx_files:
        return []
    soffice = find_soffice()
    outdir.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix=".lo-profile-", dir=outdir) as profile:
        cmd = [
            soffice, f"-env:UserInstallation={Path(profile).as_uri()}", "--headless",
            "--norestore", "--convert-to", "pdf", "--outdir", str(outdir),
            *map(str, docx_files),
        ]
        proc = _run_group(cmd, timeout)
    pdfs = [outdir / f"{f.stem}.pdf" for f in docx_files]
    missing = [p.name for p in pdfs if not p.exists()]
    if proc.returncode != 0 or missing:
        detail = (proc.stderr or proc.stdout).strip().splitlines()
        reason = detail[-1] if detail else f"exit code {proc.returncode}"
        raise LibreOfficeError(f"soffice failed to convert {', '.join(missing) or 'files'}: "
                               f"{reason}")
    return pdfs


def _run_group(cmd: list[str], timeout: float) -> subprocess.CompletedProcess[str]:
    """``cmd`` in a process group of its own whose first process dies with this one
    (Linux); the whole group is killed if the wait is cut short (Ctrl-C, a timeout)."""
    import contextlib
    import os
    import signal

    from att_docs.base.processes import child_dies_with_this_process

    with subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                          start_new_session=True,
                          preexec_fn=child_dies_with_this_process()) as proc:
        try:
            out, err = proc.communicate(timeout=timeout)
        except BaseException as exc:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()
            if isinstance(exc, subprocess.TimeoutExpired):
                raise LibreOfficeError(f"soffice did not finish within {timeout:.0f} s"
                                       ) from None
            raise
    return subprocess.CompletedProcess(cmd, proc.returncode, out, err)
