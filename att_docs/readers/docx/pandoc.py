"""Run pandoc's DOCX reader (through pypandoc) and return its JSON AST.

The file is checked first, so that every way a file can fail to be a Word document gives
one line naming it: an encrypted (password-protected) or legacy binary file, something
that is not a zip, a zip that is not a Word document, a damaged package.
"""

from __future__ import annotations

import json
import zipfile
from pathlib import Path
from typing import Any

from att_docs.errors import ContentError, ToolError

__all__ = ["check_package", "read_ast"]

_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # Compound File Binary: encrypted OOXML or .doc
_ZIP_MAGIC = b"PK\x03\x04"


def check_package(path: Path) -> None:
    """Refuse anything that is not a readable, unencrypted DOCX package."""
    try:
        with path.open("rb") as fh:
            head = fh.read(8)
    except FileNotFoundError:
        raise ContentError("file not found", path) from None
    except IsADirectoryError:
        raise ContentError("is a folder, not a Word file", path) from None
    if head.startswith(_OLE_MAGIC):
        raise ContentError("password-protected (encrypted) or old binary Word file: save it "
                           "as a .docx without a password", path)
    if not head.startswith(_ZIP_MAGIC):
        raise ContentError("not a DOCX file (a Word .docx file is a zip package)", path)
    try:
        with zipfile.ZipFile(path) as zf:
            if "word/document.xml" not in zf.namelist():
                raise ContentError("not a Word document: the package has no "
                                   "word/document.xml", path)
            damaged = zf.testzip()
    except zipfile.BadZipFile as exc:
        raise ContentError(f"damaged DOCX file ({exc})", path) from None
    except (OSError, EOFError, ValueError) as exc:
        raise ContentError(f"damaged DOCX file ({exc})", path) from None
    if damaged is not None:
        raise ContentError(f"damaged DOCX file: {damaged} fails its checksum", path)


def read_ast(path: Path, track_changes: str = "all") -> dict[str, Any]:
    """The pandoc JSON AST of ``path`` (``docx+styles``: paragraph styles are kept).

    ``track_changes`` is pandoc's option: ``all`` marks insertions, deletions and comments
    as spans, ``accept`` applies every pending change.
    """
    import pypandoc

    check_package(path)
    try:
        out = pypandoc.convert_file(str(path), "json", format="docx+styles",
                                    extra_args=[f"--track-changes={track_changes}"])
    except OSError as exc:
        raise ToolError(f"pandoc cannot be run ({exc}); it comes with pypandoc-binary: "
                        "run scripts/setup.sh") from None
    except RuntimeError as exc:
        first = str(exc).strip().splitlines()
        detail = first[-1] if first else type(exc).__name__
        raise ContentError(f"pandoc cannot read this Word file: {detail}", path) from None
    try:
        ast: dict[str, Any] = json.loads(out)
    except json.JSONDecodeError as exc:
        raise ContentError(f"pandoc gave no readable result ({exc})", path) from None
    return ast
