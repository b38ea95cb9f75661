"""Issuing a paper and starting its next revision (``att-docs issue``, ``att-docs revise``).

``issue`` records the paper as distributed (:mod:`att_docs.readers.issued`): a copy of
its content and the SHA-256 of the files built from exactly that content, read from the
built set's ``manifest.json`` and checked against the build cache and the files on disk.
It refuses a paper that ``status`` does not report ready, and a version issued already.

``revise`` starts the next revision of an issued paper: ``….Rev1`` after the original,
``….Rev2`` after ``Rev1``, in ``paper.yaml`` (written back with its comments, order and
quoting), dated the day it is to be issued. Every page and file name follows the symbol;
the build adds the redlines against the version issued last.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING

from att_docs.base.errors import ContentError
from att_docs.base.paths import PAPER_FILE, find_paper_dirs
from att_docs.base.plural import counted
from att_docs.document.symbols import DocumentSymbol, SymbolError, parse_symbol
from att_docs.publish.issue_writes import read_own, rewrite, write_version
from att_docs.readers.issued import (
    ISSUED_DIR,
    RECORD_FILE,
    IssuedVersion,
    read_issued,
    suffix_of,
    symbol_at,
)
from att_docs.records.provenance import RECORD_DIR

if TYPE_CHECKING:
    from att_docs.status.report import PaperStatus

__all__ = ["IssueReport", "Revised", "issue_paper", "revise_paper", "snapshot_files"]

_CONTENT_FILES = ("tables.yaml", "decisions.yaml")
_HEADER = "# Written by att-docs issue: the paper as distributed. Do not edit by hand.\n"


@dataclass
class IssueReport:
    """What ``issue`` recorded: the version, and the built files it could or could not
    vouch for (``skipped``: name, and why not)."""

    version: IssuedVersion
    state: str
    skipped: list[tuple[str, str]] = field(default_factory=list)
    manifest: Path | None = None


def snapshot_files(paper_dir: Path, languages: list[str], annexes: list[str]) -> list[Path]:
    """The paper's content, relative to its folder: what an issued version keeps."""
    wanted = [Path(PAPER_FILE)]
    for part in ["", *annexes]:
        base = Path(part)
        if part:
            wanted.append(base / "annex.yaml")
        wanted.extend(base / f"{lang}.md" for lang in languages)
        wanted.extend(base / name for name in _CONTENT_FILES)
    wanted.extend(Path(RECORD_DIR) / f"{lang}.yaml" for lang in languages)
    return [rel for rel in wanted if (paper_dir / rel).is_file() or
            (paper_dir / rel).is_symlink()]


def _not_ready(status: PaperStatus) -> str:
    """Why ``status`` says a paper is not ready: its state, and what makes it so."""
    reasons = []
    for lang, language in status.languages.items():
        counts = [f"{n} {state}" for state in ("stale", "untranslated", "extra")
                  if (n := language.units.get(state))]
        if not language.present:
            counts = ["absent"]
        if counts:
            reasons.append(f"{lang}: {', '.join(counts)}")
    checks = status.checks or {}
    if checks.get("errors"):
        reasons.append(counted(checks["errors"], "{n} check error", "{n} check errors"))
    problems = status.problems
    if problems:
        reasons.append(counted(len(problems), "{n} alignment problem", "{n} alignment problems")
                       + f", first: {problems[0]}")
    detail = "; ".join(reasons) or "see att-docs status"
    return f"{_readiness(status)} ({detail})"


def _readiness(status: PaperStatus) -> str:
    """``ready``, or what keeps the paper from it: incomplete, stale or failing (whether
    it is late is the deadline's business, not the issue's)."""
    if not status.complete:
        return "stale" if status.only_stale else "incomplete"
    return "failing" if status.failing else "ready"


def issue_paper(paper_dir: Path, templates: Path, glossary: Path, out_dir: Path, *,
                date: dt.date | None = None, allow_drafts: bool = False,
                today: dt.date | None = None) -> IssueReport:
    """Record the paper in ``paper_dir`` as distributed on ``date`` (default: its date),
    with the built files of ``out_dir`` (a built set) that were built from its content."""
    from att_docs.status.report import paper_status

    if not (paper_dir / PAPER_FILE).is_file():
        raise ContentError(f"not a paper folder: it has no {PAPER_FILE}", paper_dir)
    status = paper_status(paper_dir, templates, today or dt.date.today(), glossary)
    if status.error is not None:
        raise ContentError(f"cannot be issued: {status.error}", paper_dir)
    if not status.ready and not allow_drafts:
        raise ContentError(f"not ready to issue: {_not_ready(status)}; complete it, or "
                           "issue it as it stands with --allow-drafts", paper_dir)
    symbol = parse_symbol(status.symbol)
    folder = suffix_of(symbol)
    done = paper_dir / ISSUED_DIR / folder
    if done.exists() or done.is_symlink():
        raise ContentError(f"{symbol} was issued already ({ISSUED_DIR}/{folder}); start "
                           "the next revision with att-docs revise", paper_dir)
    from att_docs.readers.content import read_conference

    conference = read_conference(paper_dir.parent)
    annexes = _annexes(paper_dir)
    files = {rel: read_own(paper_dir, rel)
             for rel in snapshot_files(paper_dir, conference.languages, annexes)}
    recorded, skipped, manifest = _built_files(paper_dir, str(symbol), out_dir, templates,
                                               glossary)
    version = IssuedVersion(done, str(symbol), symbol.revision or 0, status.date or
                            dt.date.today(), date or status.date or dt.date.today(),
                            recorded)
    try:
        write_version(paper_dir, folder, files, _record_text(version), RECORD_FILE,
                      check=lambda staged: _reads_back(staged, folder, version))
    except FileExistsError:
        raise ContentError(f"{symbol} was issued already ({ISSUED_DIR}/{folder})",
                           paper_dir) from None
    return IssueReport(version, _readiness(status), skipped, manifest)


def _reads_back(staged: Path, name: str, version: IssuedVersion) -> None:
    """The staged version's record reads back as ``version``, or nothing is written."""
    back = read_issued(staged, name)
    if (back.symbol, back.revision, back.date, back.issued, back.files) != (
            version.symbol, version.revision, version.date, version.issued, version.files):
        raise ContentError(f"the record of {version.symbol} would not read back as "
                           "written; nothing written", version.folder)


def _annexes(paper_dir: Path) -> list[str]:
    from att_docs.base.yamlfile import load_yaml, validate
    from att_docs.readers.schema import PaperFile

    return list(validate(load_yaml(paper_dir / PAPER_FILE), PaperFile, PAPER_FILE).annexes)


def _record_text(version: IssuedVersion) -> str:
    from att_docs.writers.content.yamlout import plain_dump

    data = {"symbol": version.symbol, "revision": version.revision,
            "date": version.date, "issued": version.issued,
            "files": dict(sorted(version.files.items()))}
    return _HEADER + plain_dump(data, width=4096)  # no value holds a space to wrap at


def _built_files(paper_dir: Path, symbol: str, out_dir: Path, templates: Path,
                 glossary: Path) -> tuple[dict[str, str], list[tuple[str, str]], Path | None]:
    """The built files of ``symbol`` that the set in ``out_dir`` holds as built from the
    paper's current content (their SHA-256), and those it does not (with why)."""
    from att_docs.base.hashing import Fingerprint, file_sha256
    from att_docs.publish.cache import BuildCache, output_key
    from att_docs.publish.redlines import against, redline_key
    from att_docs.records.provenance import records_sha256

    manifest = out_dir / "manifest.json"
    try:
        listed = json.loads(manifest.read_text(encoding="utf-8"))["files"]
    except (OSError, ValueError, KeyError, TypeError):
        return {}, [], None
    cache = BuildCache.load(out_dir)
    fingerprint = Fingerprint.of(paper_dir.parent, templates, glossary)
    paper_key = fingerprint.paper_key(paper_dir)
    version = against(paper_dir, symbol)
    recorded: dict[str, str] = {}
    skipped: list[tuple[str, str]] = []
    for entry in listed if isinstance(listed, list) else []:
        if not isinstance(entry, dict) or entry.get("symbol") != symbol or entry.get(
                "paper") != paper_dir.name:
            continue
        name = str(entry.get("file"))
        built = cache.outputs.get(name, {})
        key = output_key(paper_key, str(entry.get("language")),
                                     str(entry.get("format")), str(built.get("engine")),
                                     entry.get("draft") is True)
        if entry.get("redline_against"):
            key = (redline_key(key, version, records_sha256(paper_dir), built.get("author"))
                   if version and version.symbol == entry["redline_against"] else "")
        path = out_dir / name
        if built.get("key") != key:
            skipped.append((name, "built from other content or settings; build again"))
        elif not path.is_file() or file_sha256(path) != entry.get("sha256"):
            skipped.append((name, "missing or changed since the build"))
        else:
            recorded[name] = str(entry["sha256"])
    return recorded, skipped, manifest


@dataclass(frozen=True)
class Revised:
    """What ``revise`` did: the symbol before and after, and the new date."""

    before: str
    after: str
    date: dt.date


def revise_paper(paper_dir: Path, date: dt.date) -> Revised:
    """Start the next revision: the symbol's ``.RevN`` counts up and the date is
    ``date``; the current version must have been issued."""
    from ruamel.yaml.error import YAMLError

    from att_docs.base.yamlfile import load_yaml, validate
    from att_docs.readers.schema import PaperFile
    from att_docs.writers.content.file_plan import content_yaml

    path = paper_dir / PAPER_FILE
    if not path.is_file():
        raise ContentError(f"not a paper folder: it has no {PAPER_FILE}", paper_dir)
    loaded = load_yaml(path)
    symbol = symbol_at(loaded, validate(loaded, PaperFile, PAPER_FILE).symbol)
    if not (paper_dir / ISSUED_DIR / suffix_of(symbol)).is_dir():
        raise loaded.error(f"{symbol} has not been issued: a revision follows an issued "
                           "version (att-docs issue records it)", "symbol")
    new = replace(symbol, revision=(symbol.revision or 0) + 1)
    _check_unused(paper_dir, new)
    text = read_own(paper_dir, Path(PAPER_FILE)).decode("utf-8")
    yaml = content_yaml()
    try:
        data = yaml.load(text)
    except YAMLError as exc:  # pragma: no cover - load_yaml read it already
        raise ContentError(f"cannot be rewritten ({exc})", path) from None
    data["symbol"] = str(new)
    data["date"] = date
    import io

    buffer = io.StringIO()
    yaml.dump(data, buffer)
    rewrite(paper_dir, Path(PAPER_FILE), buffer.getvalue(),
            check=lambda shadow: _revised(shadow, new, date))
    return Revised(str(symbol), str(new), date)


def _revised(shadow: Path, new: DocumentSymbol, date: dt.date) -> None:
    """The staged paper.yaml reads back with the new symbol and date, or nothing is
    written."""
    from att_docs.base.yamlfile import load_yaml, validate
    from att_docs.readers.schema import PaperFile

    loaded = load_yaml(shadow / PAPER_FILE)
    back = validate(loaded, PaperFile, PAPER_FILE)
    if (symbol_at(loaded, back.symbol), back.date) != (new, date):
        raise ContentError(f"{PAPER_FILE} would not read back with {new} and "
                           f"{date.isoformat()}; nothing written", shadow.parent.parent)


def _check_unused(paper_dir: Path, new: DocumentSymbol) -> None:
    """No other paper of the conference is this revision already, and it was not issued."""
    if (paper_dir / ISSUED_DIR / suffix_of(new)).exists():
        raise ContentError(f"{new} was issued already ({ISSUED_DIR}/{suffix_of(new)})",
                           paper_dir)
    from ruamel.yaml import YAML
    from ruamel.yaml.error import YAMLError

    safe = YAML(typ="safe", pure=True)
    for other in find_paper_dirs(paper_dir.parent):
        if other.resolve() == paper_dir.resolve():
            continue
        try:
            raw = safe.load((other / PAPER_FILE).read_text(encoding="utf-8"))
            sym = parse_symbol(str(raw.get("symbol", "")))
        except (OSError, UnicodeDecodeError, YAMLError, AttributeError, SymbolError):
            continue
        if (sym.serial, sym.revision or 0) == (new.serial, new.revision):
            raise ContentError(f"{other.name} is {sym} already: the conference has this "
                               "revision", other / PAPER_FILE)
