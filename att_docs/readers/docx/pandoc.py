"""Run pandoc's DOCX reader and return its JSON AST, within limits of size, memory and time.

The file is checked first, so that every way a file can fail to be a Word document gives
one line naming it: not a regular file, an encrypted (password-protected) or legacy
binary file, something that is not a zip, a zip that is not a Word document, a damaged
package. A package is bounded before anything is unpacked (the sizes its directory
declares: each XML part, all parts together, the number of parts), and notes that refer
to notes (a footnote citing itself makes pandoc grow without end) are refused. pandoc
then runs with a heap limit (``+RTS -M``) and a timeout; hitting either is an error
naming the file.
"""

from __future__ import annotations

import json
import subprocess
import zipfile
from pathlib import Path
from typing import Any

from lxml import etree

from att_docs.base.errors import ContentError, ToolError
from att_docs.base.inputs import open_input
from att_docs.base.xmlsafe import parse_untrusted

__all__ = ["MAX_DOCX_BYTES", "MAX_PART_BYTES", "MAX_UNPACKED_BYTES", "PANDOC_HEAP",
           "PANDOC_SECONDS", "check_package", "read_ast"]

MAX_DOCX_BYTES = 64_000_000
MAX_PART_BYTES = 16_000_000  # one XML part, unpacked: about 2 MB of text, twice the reader's
MAX_UNPACKED_BYTES = 256_000_000
MAX_PARTS = 5_000
PANDOC_HEAP = "2g"
PANDOC_SECONDS = 300.0

_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # Compound File Binary: encrypted OOXML or .doc
_ZIP_MAGIC = b"PK\x03\x04"
_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_NOTE_PARTS = {"word/footnotes.xml": "footnote", "word/endnotes.xml": "endnote"}


def check_package(path: Path) -> None:
    """Refuse anything that is not a readable, unencrypted DOCX package within limits."""
    with open_input(path, MAX_DOCX_BYTES) as fh:
        head = fh.read(8)
        if head.startswith(_OLE_MAGIC):
            raise ContentError("password-protected (encrypted) or old binary Word file: save "
                               "it as a .docx without a password", path)
        if not head.startswith(_ZIP_MAGIC):
            raise ContentError("not a DOCX file (a Word .docx file is a zip package)", path)
        fh.seek(0)
        try:
            with zipfile.ZipFile(fh) as zf:
                if "word/document.xml" not in zf.namelist():
                    raise ContentError("not a Word document: the package has no "
                                       "word/document.xml", path)
                _check_sizes(zf.infolist(), path)
                damaged = zf.testzip()
                if damaged is None:
                    for name, kind in _NOTE_PARTS.items():
                        if name in zf.namelist():
                            _check_notes(zf.read(name), kind, path)
        except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, EOFError, ValueError,
                NotImplementedError, RuntimeError) as exc:
            raise ContentError(f"damaged DOCX file ({exc})", path) from None
    if damaged is not None:
        raise ContentError(f"damaged DOCX file: {damaged} fails its checksum", path)


def _check_sizes(members: list[zipfile.ZipInfo], path: Path) -> None:
    """The sizes the package declares, before any part is unpacked (the reader of each
    part stops at its declared size, and its checksum proves the bytes)."""
    if len(members) > MAX_PARTS:
        raise ContentError(f"the package has {len(members):,} parts; a Word document has "
                           f"far fewer (at most {MAX_PARTS:,} are read)", path)
    total = 0
    for info in members:
        total += info.file_size
        if info.filename.endswith((".xml", ".rels")) and info.file_size > MAX_PART_BYTES:
            raise ContentError(f"{info.filename} unpacks to {info.file_size:,} bytes; "
                               f"att-docs reads parts of at most {MAX_PART_BYTES:,} (split "
                               "the document)", path)
    if total > MAX_UNPACKED_BYTES:
        raise ContentError(f"the package unpacks to {total:,} bytes; att-docs reads at most "
                           f"{MAX_UNPACKED_BYTES:,} (split the document, or shrink its "
                           "pictures)", path)


def _check_notes(xml: bytes, kind: str, path: Path) -> None:
    """A note that cites a note: pandoc puts a note's text in at each reference, so a
    note citing itself (or a chain citing each other) never ends. Word makes no such
    notes; the content format has no notes inside notes."""
    root = parse_untrusted(xml, path, what=f"damaged DOCX file: word/{kind}s.xml is ")
    for note in root.iter(f"{{{_W}}}{kind}"):
        own = note.get(f"{{{_W}}}id")
        for ref in note.iter(f"{{{_W}}}footnoteReference", f"{{{_W}}}endnoteReference"):
            cited = ref.get(f"{{{_W}}}id")
            what = "itself" if cited == own and ref.tag.endswith(kind + "Reference") else (
                f"{etree.QName(ref).localname.removesuffix('Reference')} {cited}")
            raise ContentError(f"{kind} {own} cites {what}: a note inside a note cannot be "
                               "imported; move its text into the note", path)


def read_ast(path: Path, track_changes: str = "all") -> dict[str, Any]:
    """The pandoc JSON AST of ``path`` (``docx+styles``: paragraph styles are kept).

    ``track_changes`` is pandoc's option: ``all`` marks insertions, deletions and comments
    as spans, ``accept`` applies every pending change.
    """
    check_package(path)
    out = _run_pandoc(path, ["-f", "docx+styles", "-t", "json",
                             f"--track-changes={track_changes}"])
    try:
        ast: dict[str, Any] = json.loads(out)
    except (json.JSONDecodeError, UnicodeDecodeError, RecursionError) as exc:
        raise ContentError(f"pandoc gave no readable result ({exc})", path) from None
    return ast


def _run_pandoc(path: Path, args: list[str]) -> bytes:
    """pandoc's output for ``path``, with its heap and run time bounded."""
    try:
        import pypandoc

        pandoc = pypandoc.get_pandoc_path()
    except (ImportError, OSError) as exc:
        raise ToolError(f"pandoc cannot be found ({exc}); it comes with pypandoc-binary: "
                        "run scripts/setup.sh") from None
    command = [pandoc, "+RTS", f"-M{PANDOC_HEAP}", "-RTS", *args, str(path)]
    try:
        done = subprocess.run(command, capture_output=True, timeout=PANDOC_SECONDS,
                              check=False, stdin=subprocess.DEVNULL)
    except subprocess.TimeoutExpired:
        raise ContentError(f"pandoc did not finish reading it in {PANDOC_SECONDS:.0f} s: the "
                           "file is too large or too complex; split it", path) from None
    except OSError as exc:
        raise ToolError(f"pandoc cannot be run ({exc}); it comes with pypandoc-binary: "
                        "run scripts/setup.sh") from None
    if done.returncode == 0:
        return done.stdout
    message = done.stderr.decode("utf-8", "replace")
    if done.returncode == 251 or "Heap exhausted" in message:
        raise ContentError(f"pandoc needed more than its {PANDOC_HEAP}B of memory to read "
                           "it: the file is too large or too complex; split it", path)
    lines = [line for line in message.strip().splitlines() if line.strip()]
    detail = lines[-1].removeprefix("pandoc: ") if lines else f"exit code {done.returncode}"
    raise ContentError(f"pandoc cannot read this Word file: {detail}", path)
