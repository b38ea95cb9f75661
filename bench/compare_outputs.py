"""Compare two built sets file by file: byte-identical, or for PDFs the same pixels and text.

    .venv/bin/python bench/compare_outputs.py REFERENCE NEW [--pixels] [--dpi 60]

REFERENCE and NEW are output folders of ``att-docs build`` (the folder or its link).
Every file of either set is compared byte for byte; ``manifest.json`` and the build's
cache are set aside (they record versions and timings of the run), and are compared
as JSON with the ``generator`` entry left out, reported but not counted as a difference.
A PDF that differs in bytes is, with ``--pixels``, compared page by page as pixels
(``pdftoppm``) and as text (``pdftotext -layout``, which must hold no U+2060 or other
invisible character the reference lacks); it then counts as equal if both agree. Exit
status 0 when the sets are equal, 1 otherwise.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import unicodedata
from pathlib import Path

SET_ASIDE = {"manifest.json", ".att-docs-cache.json"}


def _files(folder: Path) -> dict[str, Path]:
    return {p.name: p for p in sorted(folder.resolve().iterdir()) if p.is_file()}


def _json_without_generator(path: Path) -> object:
    data = json.loads(path.read_text(encoding="utf-8"))
    if isinstance(data, dict):
        data.pop("generator", None)
    return data


def _pages(pdf: Path, dpi: int, out: Path) -> list[bytes]:
    subprocess.run(["pdftoppm", "-r", str(dpi), "-png", str(pdf), str(out / "p")],
                   check=True, capture_output=True)
    return [p.read_bytes() for p in sorted(out.glob("p*.png"))]


def _text(pdf: Path) -> str:
    return subprocess.run(["pdftotext", "-layout", str(pdf), "-"], check=True,
                          capture_output=True, text=True).stdout


def _invisible(text: str) -> set[str]:
    return {c for c in text if unicodedata.category(c) == "Cf"}


def same_pdf(a: Path, b: Path, dpi: int) -> str | None:
    """None if the two PDFs show the same pixels and text, else what differs."""
    with tempfile.TemporaryDirectory() as tmp:
        one, two = Path(tmp, "a"), Path(tmp, "b")
        one.mkdir()
        two.mkdir()
        pages_a, pages_b = _pages(a, dpi, one), _pages(b, dpi, two)
    if len(pages_a) != len(pages_b):
        return f"{len(pages_a)} pages against {len(pages_b)}"
    for n, (x, y) in enumerate(zip(pages_a, pages_b, strict=True), start=1):
        if x != y:
            return f"page {n} differs in pixels"
    text_a, text_b = _text(a), _text(b)
    if text_a != text_b:
        return "the text layer differs"
    added = _invisible(text_b) - _invisible(text_a)
    if added:
        return "invisible characters added: " + ", ".join(f"U+{ord(c):04X}" for c in added)
    return None


def compare(reference: Path, new: Path, pixels: bool, dpi: int) -> list[str]:
    """Every difference between the two sets, one line each."""
    ref, ours = _files(reference), _files(new)
    problems = [f"only in {reference}: {name}" for name in sorted(ref.keys() - ours.keys())
                if name not in SET_ASIDE]
    problems += [f"only in {new}: {name}" for name in sorted(ours.keys() - ref.keys())
                 if name not in SET_ASIDE]
    identical = pixel_equal = 0
    for name in sorted(ref.keys() & ours.keys()):
        if name in SET_ASIDE:
            continue
        if ref[name].read_bytes() == ours[name].read_bytes():
            identical += 1
            continue
        if pixels and name.endswith(".pdf"):
            why = same_pdf(ref[name], ours[name], dpi)
            if why is None:
                pixel_equal += 1
                continue
            problems.append(f"{name}: {why}")
        else:
            problems.append(f"{name}: bytes differ")
    print(f"{identical} files byte-identical, {pixel_equal} PDFs pixel- and text-identical, "
          f"{len(problems)} differences")
    if "manifest.json" in ref and "manifest.json" in ours:
        same = (_json_without_generator(ref["manifest.json"])
                == _json_without_generator(ours["manifest.json"]))
        print(f"manifest.json (set aside): {'equal' if same else 'differs'} "
              "apart from its generator entry")
    return problems


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("reference", type=Path)
    parser.add_argument("new", type=Path)
    parser.add_argument("--pixels", action="store_true",
                        help="compare PDFs that differ in bytes as pixels and text")
    parser.add_argument("--dpi", type=int, default=60)
    args = parser.parse_args()
    problems = compare(args.reference, args.new, args.pixels, args.dpi)
    for line in problems:
        print(line)
    sys.exit(1 if problems else 0)


if __name__ == "__main__":
    main()
