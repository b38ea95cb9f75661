"""Page counts read from a PDF's bytes agree with pypdf's, and fall back to it."""

from __future__ import annotations

import io

import typst
from pypdf import PdfReader, PdfWriter

from att_docs.writers.pdf.pages import _tree_count, page_count


def pypdf_count(pdf: bytes) -> int:
    return len(PdfReader(io.BytesIO(pdf)).pages)


def test_typst_pdfs_are_counted_from_their_bytes(tmp_path):
    for pages in (1, 2, 7):
        main = tmp_path / "main.typ"
        main.write_text("Text\n" + "#pagebreak()\nMore\n" * (pages - 1), encoding="utf-8")
        pdf = typst.compile(str(main))
        assert isinstance(pdf, bytes)
        assert _tree_count(pdf) == pages == pypdf_count(pdf)
        assert page_count(pdf) == pages


def _pdf(objects: list[bytes], root: int = 1) -> bytes:
    """A classic PDF of ``objects`` (numbered from 1) with its cross-reference table."""
    out = bytearray(b"%PDF-1.7\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f\r\n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n\r\n" % o for o in offsets)
    out += b"trailer\n<</Size %d/Root %d 0 R>>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1, root, xref)
    return bytes(out)


def test_a_nested_page_tree_counts_at_its_root():
    page = b"<</Type /Page /Parent %d 0 R /MediaBox [0 0 10 10]>>"
    pdf = _pdf([
        b"<</Type /Catalog /Pages 2 0 R>>",
        b"<</Type /Pages /Kids [3 0 R 4 0 R] /Count 3>>",
        b"<</Type /Pages /Parent 2 0 R /Kids [5 0 R 6 0 R] /Count 2>>",
        page % 2, page % 3, page % 3,
    ])
    assert _tree_count(pdf) == 3 == pypdf_count(pdf)


def test_what_the_bytes_do_not_say_plainly_goes_to_pypdf():
    writer = PdfWriter()
    for _ in range(4):
        writer.add_blank_page(100, 100)
    writer.compress_identical_objects()
    buffer = io.BytesIO()
    writer.write(buffer)
    plain = buffer.getvalue()
    assert page_count(plain) == 4
    # an update that rewrites the page tree: two roots in the bytes, pypdf decides
    updated = plain + b"\n99 0 obj\n<</Type /Pages /Kids [] /Count 0>>\nendobj\n"
    assert _tree_count(updated) is None
    assert page_count(updated) == pypdf_count(updated)
    # objects in a compressed stream are invisible to the bytes
    assert _tree_count(plain.replace(b"/Type /Catalog", b"/Type /Catalog /X /ObjStm")) is None
