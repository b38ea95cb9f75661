"""att-docs's redline against a Word-style document compare, on a revision with known edits.

    .venv/bin/python bench/bench_redline.py [CONFERENCE_DIR] [--lang LANG ...]

For each paper of the conference (the example: the WGTU report and the MC programme of
work) it issues the paper, makes a revision with a known set of edits in every language:

  * a word inserted in one paragraph and a word deleted in another;
  * a new paragraph inserted early, so that every later paragraph renumbers;
  * a paragraph moved further down;

runs ``att-docs revise`` and ``build -f docx``, then compares two redlines per language:

  * att-docs's own, ``<symbol>.<lang>.redline.docx``;
  * a document compare of the issued DOCX with the revision's clean DOCX, by python-redlines
    (Open-XML-PowerTools' WmlComparer, the engine behind Word-style compare tools).

and prints, for each, the changes marked, how many are the known edits (real) and how many
are not (spurious: renumbering, a move shown as a deletion and an insertion, the masthead),
the known edits missed, and the seconds taken. Changes are read from each file's
WordprocessingML the same way for both: a paragraph inserted, deleted or moved whole
counts once, any other stretch of inserted, deleted or reformatted text once.

python-redlines is a bench extra, never a dependency of att-docs; add it to the environment
that ``./run-tests`` set up with

    UV_PROJECT_ENVIRONMENT=.venv .venv/uv/bin/uv sync --locked --extra test --extra bench

(``scripts/setup.sh`` installs the locked set again, without it, when the lock changes.)

Without it, the compare column says so and att-docs is measured alone.
"""

from __future__ import annotations

import argparse
import re
import shutil
import subprocess
import sys
import tempfile
import time
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from lxml import etree

ROOT = Path(__file__).resolve().parent.parent
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
TRACKED = {"ins": "inserted", "del": "deleted", "moveFrom": "moved-from", "moveTo": "moved-to"}

# The words the bench inserts and the paragraph it adds, per language (bench data, not
# att-docs's: att-docs itself names no language).
INSERTED = {"en": "formally", "fr": "formellement", "zh": "正式", "es": "formalmente"}
NEW_PARAGRAPH = {"en": "The revision adds this paragraph.",
                 "fr": "La révision ajoute ce paragraphe.",
                 "zh": "本次修订增加了这一段。",
                 "es": "La revisión añade este párrafo."}
_ID = re.compile(r"^\{#([a-z0-9-]+)[^}]*\}\s*")


# --------------------------------------------------------------------------- the edits


@dataclass
class Edits:
    """The known edits of one language: what a correct redline marks, and nothing else."""

    inserted: str
    deleted: str
    new: str
    moved: str

    def known(self) -> list[tuple[str, str]]:
        return [("inserted", self.inserted), ("deleted", self.deleted),
                ("inserted-paragraph", self.new), ("moved", self.moved)]


def _blocks(text: str) -> list[str]:
    return text.split("\n\n")


def _id(block: str) -> str | None:
    found = _ID.match(block)
    return found.group(1) if found else None


def _plain(block: str) -> str:
    return re.sub(r"\[\^[^\]]+\]|\*+", "", _ID.sub("", block)).strip()


def _paragraphs(blocks: list[str]) -> list[int]:
    """Indexes of the numbered paragraphs (not headings, list items or unnumbered ones)."""
    return [i for i, block in enumerate(blocks)
            if re.match(r"^\{#[a-z0-9-]+\} ", block) and "\n" not in block.strip()]


def _plain_paragraph(blocks: list[str], i: int) -> bool:
    """No subparagraphs follow it: it moves alone."""
    return not (i + 1 < len(blocks) and blocks[i + 1].startswith("- "))


def _jieba():  # type: ignore[no-untyped-def]
    import logging

    import jieba

    jieba.setLogLevel(logging.WARNING)
    return jieba


def _insert_word(block: str, word: str, spaced: bool) -> str:
    head = _ID.match(block).group(0)  # type: ignore[union-attr]
    body = block[len(head):]
    if spaced:
        words = body.split(" ")
        return head + " ".join([*words[:3], word, *words[3:]])
    tokens = list(_jieba().cut(body, HMM=False))
    at = next(i for i, t in enumerate(tokens) if i >= 3 and len(t) >= 2 and t.isalpha())
    return head + "".join([*tokens[:at], word, *tokens[at:]])


def _delete_word(block: str, spaced: bool) -> tuple[str, str]:
    head = _ID.match(block).group(0)  # type: ignore[union-attr]
    body = block[len(head):]
    if spaced:
        words = body.split(" ")
        at = next(i for i, w in enumerate(words) if i >= 4 and re.fullmatch(r"[^\W\d_]{4,}", w))
        return head + " ".join(words[:at] + words[at + 1:]), words[at]
    tokens = list(_jieba().cut(body, HMM=False))
    at = next(i for i, t in enumerate(tokens) if i >= 4 and len(t) == 2 and t.isalpha())
    return head + "".join(tokens[:at] + tokens[at + 1:]), tokens[at]


def edit_paper(paper: Path, languages: list[str], spaced: dict[str, bool]) -> dict[str, Edits]:
    """Apply the bench's edits to every language of ``paper``; the known edits per
    language. The paragraphs are chosen by position in the original language."""
    files = {lang: _blocks((paper / f"{lang}.md").read_text(encoding="utf-8"))
             for lang in languages}
    first = files[languages[0]]
    numbered = _paragraphs(first)
    movable = [_id(first[i]) for i in numbered[4:] if _plain_paragraph(first, i)]
    if len(numbered) < 5 or not movable:
        raise SystemExit(f"{paper}: too few numbered paragraphs for the bench's edits")
    before_new, to_insert, to_delete = (_id(first[i]) for i in numbered[1:4])
    to_move = movable[0]
    edits = {}
    for lang, blocks in files.items():
        where = {_id(b): i for i, b in enumerate(blocks)}
        blocks[where[to_insert]] = _insert_word(blocks[where[to_insert]],
                                                INSERTED.get(lang, "revised"), spaced[lang])
        blocks[where[to_delete]], deleted = _delete_word(blocks[where[to_delete]],
                                                         spaced[lang])
        moved = blocks.pop(where[to_move])
        last = max(i for i, b in enumerate(blocks) if b.startswith(("{#", "- {#")))
        blocks.insert(last + 1, moved)  # after the main text's last block
        new = NEW_PARAGRAPH.get(lang, NEW_PARAGRAPH["en"])
        at = next(i for i, b in enumerate(blocks) if _id(b) == before_new)
        blocks.insert(at, f"{{#bench-new}} {new}")
        (paper / f"{lang}.md").write_text("\n\n".join(blocks), encoding="utf-8")
        edits[lang] = Edits(INSERTED.get(lang, "revised"), deleted, new, _plain(moved))
    return edits


# --------------------------------------------------------------------------- reading marks


@dataclass
class Change:
    kind: str  # inserted, deleted, inserted-paragraph, deleted-paragraph, moved, formatted...
    text: str
    paragraph: str


def _text(element: etree._Element) -> str:
    return "".join(t.text or "" for t in element.iter(f"{W}t", f"{W}delText"))


def _wrapper_of(run: etree._Element, p: etree._Element) -> str | None:
    parent = run.getparent()
    while parent is not None and parent is not p:
        local = etree.QName(parent).localname
        if local in TRACKED:
            return local
        parent = parent.getparent()
    return None


def _paragraph_changes(p: etree._Element) -> list[Change]:
    text = _text(p)
    mark = p.find(f"{W}pPr/{W}rPr")
    whole = next((etree.QName(m).localname for m in (mark if mark is not None else [])
                  if etree.QName(m).localname in TRACKED), None)
    runs = [r for r in p.iter(f"{W}r") if _text(r)]
    wrappers = [_wrapper_of(r, p) for r in runs]
    out: list[Change] = []
    if whole and runs and all(w == whole for w in wrappers):
        kind = {"ins": "inserted-paragraph", "del": "deleted-paragraph",
                "moveFrom": "moved-from", "moveTo": "moved"}[whole]
        return [Change(kind, text.strip(), text)]
    previous = None
    for run, wrapper in zip(runs, wrappers, strict=True):
        if wrapper is not None and wrapper != previous:
            out.append(Change(TRACKED[wrapper], _text(run), text))
        elif wrapper is not None:
            out[-1].text += _text(run)
        previous = wrapper
    for changed in p.iter(f"{W}rPrChange"):
        run = changed.getparent().getparent()
        if run.tag == f"{W}r" and _text(run):
            out.append(Change("formatted", _text(run), text))
    if p.find(f"{W}pPr/{W}pPrChange") is not None:
        out.append(Change("restyled", text.strip(), text))
    return out


def changes_of(docx: Path) -> list[Change]:
    """The changes a DOCX marks, read from its document and footnotes."""
    out: list[Change] = []
    with zipfile.ZipFile(docx) as z:
        for part in ("word/document.xml", "word/footnotes.xml"):
            if part in z.namelist():
                root = etree.fromstring(z.read(part))
                for p in root.iter(f"{W}p"):
                    out.extend(_paragraph_changes(p))
    return [c for c in out if c.kind != "moved-from"]  # a move counts once, where it went


@dataclass
class Score:
    marked: int = 0
    real: int = 0
    spurious: list[Change] = field(default_factory=list)
    missed: list[str] = field(default_factory=list)
    seconds: float = 0.0


def _same(a: str, b: str) -> bool:
    """The same text, whatever the spaces and quotes (the build makes quotes typographic)."""
    def norm(text: str) -> str:
        return " ".join(text.translate(_QUOTES).split())
    return norm(a) == norm(b)


_QUOTES = str.maketrans({"“": '"', "”": '"', "‘": "'", "’": "'", "«": '"', "»": '"'})


def score(found: list[Change], edits: Edits) -> Score:
    """Each known edit is matched by at most one change; the rest are spurious."""
    left = edits.known()
    result = Score(marked=len(found))
    for change in found:
        match = next((k for k in left if k[0] == change.kind and _same(k[1], change.text)),
                     None)
        if match is not None:
            left.remove(match)
            result.real += 1
        else:
            result.spurious.append(change)
    result.missed = [f"{kind} {text[:30]!r}" for kind, text in left]
    return result


def cause(change: Change, edits: Edits) -> str:
    """Why a spurious change is there, as far as its text tells."""
    if _same(change.text, edits.moved) or change.kind == "moved":
        return "move as delete + insert"
    if re.search(r"ATT/|\d{4}|Rev\d", change.text) and len(change.text) < 60:
        return "masthead (symbol, date)"
    if change.kind in ("restyled", "formatted"):
        return "numbering or formatting"
    return "other"


# --------------------------------------------------------------------------- running


def att_docs(*args: str | Path) -> str:
    proc = subprocess.run([sys.executable, "-m", "att_docs", *map(str, args)],
                          capture_output=True, text=True, cwd=ROOT, check=False)
    if proc.returncode:
        raise SystemExit(f"att-docs {' '.join(map(str, args))}: {proc.stderr.strip()}")
    return proc.stdout


def compare_engine() -> object | None:
    try:
        import warnings

        from python_redlines import XmlPowerToolsEngine

        with warnings.catch_warnings():
            warnings.simplefilter("ignore", DeprecationWarning)
            return XmlPowerToolsEngine()
    except Exception as exc:  # not installed, or its binary cannot run here
        print(f"(python-redlines unavailable: {type(exc).__name__}: {exc})")
        return None


def run_compare(engine: object, issued: Path, revised: Path, out: Path) -> float:
    start = time.perf_counter()
    data, _stdout, _stderr = engine.run_redline("Compare", issued, revised)  # type: ignore[attr-defined]
    out.write_bytes(data)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("conference", nargs="?", type=Path, default=ROOT / "content" / "csp9")
    parser.add_argument("--lang", action="append", help="Only these languages.")
    parser.add_argument("--keep", type=Path, help="Keep the files in this folder.")
    args = parser.parse_args()
    sys.path.insert(0, str(ROOT))
    from att_docs.language.locale import load_locale
    from att_docs.readers.content import read_conference

    work = Path(tempfile.mkdtemp(prefix="bench-redline-")) if not args.keep else args.keep
    work.mkdir(parents=True, exist_ok=True)
    content = work / args.conference.resolve().name
    shutil.rmtree(content, ignore_errors=True)
    shutil.copytree(args.conference, content)
    out = work / "out" / content.name
    languages = read_conference(content).languages
    wanted = args.lang or languages
    spaced = {lang: not load_locale(ROOT / "templates", lang).spec.cjk for lang in languages}
    engine = compare_engine()
    att_docs("build", content, "-o", out, "-f", "docx", "-q")
    papers = sorted(p.parent for p in content.glob("*/paper.yaml"))
    issued_files = work / "issued"
    shutil.rmtree(issued_files, ignore_errors=True)
    issued_files.mkdir()
    for paper in papers:
        att_docs("issue", paper, "-o", out, "--allow-drafts")
    for path in out.glob("*.docx"):
        shutil.copy(path, issued_files / path.name)
    known = {paper.name: edit_paper(paper, languages, spaced) for paper in papers}
    for paper in papers:
        att_docs("revise", paper, "--date", "2023-08-22")
    start = time.perf_counter()
    att_docs("build", content, "-o", out, "-f", "docx", "-q")
    build_seconds = time.perf_counter() - start

    print(f"{'paper':<24}{'lang':<6}{'tool':<16}{'marked':>7}{'real':>6}{'spurious':>10}"
          f"{'missed':>8}{'s':>7}")
    totals: dict[str, Score] = {}
    for paper in papers:
        stems = sorted({p.name.rsplit(".", 3)[0] for p in out.glob("*.redline.docx")
                        if p.name.startswith(_stem_of(paper))})
        stem = stems[0]
        for lang in wanted:
            edits = known[paper.name][lang]
            redline = out / f"{stem}.{lang}.redline.docx"
            ours = score(changes_of(redline), edits)
            ours.seconds = build_seconds / (len(papers) * len(languages))
            rows = [("att-docs", ours)]
            if engine is not None:
                issued = issued_files / f"{stem.rsplit('.Rev', 1)[0]}.{lang}.docx"
                compared = work / f"{stem}.{lang}.compare.docx"
                seconds = run_compare(engine, issued, out / f"{stem}.{lang}.docx", compared)
                theirs = score(changes_of(compared), edits)
                theirs.seconds = seconds
                rows.append(("python-redlines", theirs))
            for tool, result in rows:
                total = totals.setdefault(tool, Score())
                total.marked += result.marked
                total.real += result.real
                total.spurious += result.spurious
                total.missed += result.missed
                print(f"{paper.name:<24}{lang:<6}{tool:<16}{result.marked:>7}{result.real:>6}"
                      f"{len(result.spurious):>10}{len(result.missed):>8}"
                      f"{result.seconds:>7.2f}")
                for change in result.spurious[:6]:
                    print(f"{'':<30}spurious: {change.kind} {change.text[:40]!r} "
                          f"({cause(change, edits)})")
                if len(result.spurious) > 6:
                    print(f"{'':<30}… and {len(result.spurious) - 6} more")
                for missed in result.missed:
                    print(f"{'':<30}missed: {missed}")
    print()
    for tool, total in totals.items():
        print(f"{tool}: {total.marked} changes marked, {total.real} real "
              f"(of {4 * len(papers) * len(wanted)} known edits), {len(total.spurious)} "
              f"spurious, {len(total.missed)} known edits missed")
    print(f"(att-docs seconds: the revision's whole DOCX build, clean and redline, per paper "
          f"and language; files in {work})")


def _stem_of(paper: Path) -> str:
    from ruamel.yaml import YAML

    symbol = YAML(typ="safe", pure=True).load(paper / "paper.yaml")["symbol"]
    return str(symbol).replace("/", "_")


if __name__ == "__main__":
    main()
