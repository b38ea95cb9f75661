"""Benchmark the build against the route a user would otherwise pick.

    .venv/bin/python bench/bench_build.py [CONFERENCE_DIR] [--repeat N]

For every paper × language of the conference it times
  * att-docs: DOCX (python-docx) and PDF (Typst), per format;
  * the alternative: pandoc Markdown→DOCX (pypandoc-binary), then LibreOffice DOCX→PDF
    with all files in one soffice call (its fastest use),
and prints seconds per paper for each format and the ratios. Medians of --repeat runs.
Run on demand; the test suite never asserts timings.
"""

from __future__ import annotations

import argparse
import re
import shutil
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
_ID_MARK = re.compile(r"\{#[^}]*\}\s*")
_FENCE = re.compile(r"^```\{(tables|decisions)\}.*?\n```\n?", re.M | re.S)


def remove_output(out: Path) -> None:
    """Remove a build output folder: the link ``out`` and every version folder beside it
    (``.<name>.att-docs-*``), so the next build is cold."""
    for version in out.parent.glob(f".{out.name}.att-docs-*"):
        if version.is_symlink():
            version.unlink()
        else:
            shutil.rmtree(version, ignore_errors=True)
    if out.is_symlink():
        out.unlink()
    shutil.rmtree(out, ignore_errors=True)


def median_time(func: Callable[[], object], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        func()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def plain_markdown(paper: Path, lang: str) -> str:
    """The paper's prose as plain Markdown, as a pandoc user would keep it."""
    parts = [paper / f"{lang}.md", *sorted(paper.glob(f"*/{lang}.md"))]
    text = "\n\n".join(p.read_text(encoding="utf-8") for p in parts)
    return _FENCE.sub("", _ID_MARK.sub("", text))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("conference", nargs="?", type=Path, default=ROOT / "content" / "csp9")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()

    import pypandoc

    from att_docs.publish.pipeline import output_path
    from att_docs.status.setinfo import load_conference
    from att_docs.writers.docx.writer import write_docx
    from att_docs.writers.pdf.libreoffice import convert_to_pdf
    from att_docs.writers.pdf.typst import PdfWriter
    from att_docs.writers.styles import load_styles

    templates = ROOT / "templates"
    started = time.perf_counter()
    conference, documents = load_conference(args.conference, templates)
    read_s = time.perf_counter() - started
    styles = load_styles(templates / "styles.yaml")
    jobs = [(doc, lang) for doc in documents for lang in conference.languages]
    n = len(jobs)

    with tempfile.TemporaryDirectory() as scratch:
        out = Path(scratch)
        def our_docx() -> None:
            for doc, lang in jobs:
                write_docx(doc, lang, output_path(out, doc, lang, "docx"), styles)

        def our_pdf() -> None:
            # a fresh writer each run: Typst memoises unchanged input within one compiler
            writer = PdfWriter(styles, templates / "paper.typ")
            for doc, lang in jobs:
                writer.write(doc, lang, output_path(out, doc, lang, "pdf"))

        sources = {(doc.id, lang): plain_markdown(doc.source, lang) for doc, lang in jobs}
        pandoc_dir = out / "pandoc"
        pandoc_dir.mkdir()

        def pandoc_docx() -> None:
            for (doc_id, lang), text in sources.items():
                target = pandoc_dir / f"{doc_id}.{lang}.docx"
                pypandoc.convert_text(text, "docx", format="markdown",
                                      extra_args=["--quiet"], outputfile=str(target))

        def lo_pdf() -> None:
            convert_to_pdf(sorted(pandoc_dir.glob("*.docx")), pandoc_dir / "pdf")

        ours = {"docx": median_time(our_docx, args.repeat),
                "pdf": median_time(our_pdf, args.repeat)}
        theirs = {"docx": median_time(pandoc_docx, args.repeat),
                  "pdf": median_time(lo_pdf, args.repeat)}

    print(f"{n} paper×language outputs of {conference.id}; reading+assembly {read_s:.3f} s; "
          f"median of {args.repeat} runs")
    print(f"{'format':<8}{'att-docs s/paper':>18}{'pandoc+LO s/paper':>20}{'ratio':>9}")
    for fmt in ("docx", "pdf"):
        a, b = ours[fmt] / n, theirs[fmt] / n
        print(f"{fmt:<8}{a:>18.4f}{b:>20.4f}{b / a:>8.1f}×")
    total_ours = read_s / n + (ours["docx"] + ours["pdf"]) / n
    total_theirs = (theirs["docx"] + theirs["pdf"]) / n
    print(f"{'both':<8}{total_ours:>18.4f}{total_theirs:>20.4f}"
          f"{total_theirs / total_ours:>8.1f}×  (att-docs faster by this factor)")


if __name__ == "__main__":
    main()
