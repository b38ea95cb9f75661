"""``manifest.json`` and the distribution archive of a built set.

The manifest lists every file of the set with its symbol, language, format, SHA-256,
size, page count, whether it is a draft (its language not ready, a mark on every page),
the paper's check summary (a redline also with the issued version it is compared with,
``redline_against``), and every paper with its titles, dates, translation states, what
supersedes it, its revision and the versions issued so far (symbol, dates, the SHA-256 of
the files that went out); ``final`` says whether the set was built with ``--final``. It has
no timestamps: the same set gives the same bytes.
Page counts are read from each PDF; a DOCX has ``"pages": null``, because its
pagination is decided by the word processor that opens it.
"""

from __future__ import annotations

import json
import zipfile
from pathlib import Path
from typing import Any

import att_docs
from att_docs.base.atomic import atomic_output
from att_docs.status.setinfo import PaperMeta

__all__ = ["MANIFEST_FILE", "manifest_bytes", "manifest_data", "write_zip"]

MANIFEST_FILE = "manifest.json"
_CONFERENCE_KEYS = ("id", "number", "venue", "opening", "closing", "languages", "deadline_days",
                    "deadline")
_ZIP_TIME = (1980, 1, 1, 0, 0, 0)  # fixed, so the same set gives the same archive


def manifest_data(conference: dict[str, Any], papers: list[PaperMeta],
                  files: list[dict[str, Any]], superseded: dict[str, str],
                  settings: dict[str, Any], final: bool = False) -> dict[str, Any]:
    """The manifest as data; ``files`` are the build cache's output entries plus ``file``.

    ``final``: the set was built with ``--final``, every paper ready, to be distributed.
    A file marked ``draft`` carries the draft mark on every page (its language is not
    ready); ``drafts`` lists them."""
    by_id = {p.id: p for p in papers}
    listed = [{
        "file": f["file"],
        "paper": f["paper"],
        "symbol": by_id[f["paper"]].symbol,
        "language": f["lang"],
        "format": f["format"],
        "sha256": f["sha256"],
        "size": f["size"],
        "pages": f["pages"],
        "draft": bool(f.get("draft")),
        "checks": by_id[f["paper"]].checks,
        **({"redline_against": f["against"]} if f.get("against") else {}),
    } for f in files]
    return {
        "generator": {"name": "att-docs", "version": att_docs.__version__},
        "conference": {key: conference[key] for key in _CONFERENCE_KEYS if key in conference},
        "settings": settings,
        "final": final,
        "drafts": [f["file"] for f in listed if f["draft"]],
        "papers": [{
            "id": p.id,
            "symbol": p.symbol,
            "type": p.type,
            "title": p.title,
            "subtitle": p.subtitle,
            "date": p.date,
            "deadline": p.deadline,
            "original_language": p.original_language,
            "checks": p.checks,
            "translation": p.translation,
            "superseded_by": superseded.get(p.id),
            "revision": p.revision,
            "issued": p.issued,
            "files": [f["file"] for f in listed if f["paper"] == p.id],
        } for p in papers],
        "files": listed,
    }


def manifest_bytes(data: dict[str, Any]) -> bytes:
    return (json.dumps(data, indent=2, ensure_ascii=False) + "\n").encode("utf-8")


def write_zip(out_dir: Path, names: list[str], target: Path, folder: str) -> None:
    """One archive of ``names`` (files in ``out_dir``) under ``folder/``, atomically."""
    with atomic_output(target) as tmp, zipfile.ZipFile(tmp, "w") as archive:
        for name in names:
            info = zipfile.ZipInfo(f"{folder}/{name}", date_time=_ZIP_TIME)
            info.external_attr = 0o644 << 16
            # DOCX and PDF are compressed already; JSON and HTML are small
            info.compress_type = (zipfile.ZIP_STORED if name.endswith((".docx", ".pdf"))
                                  else zipfile.ZIP_DEFLATED)
            archive.writestr(info, (out_dir / name).read_bytes())
