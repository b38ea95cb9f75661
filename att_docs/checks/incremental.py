"""The checks of a conference, kept per paper: a set where few papers changed costs what
those papers cost, and every paper's findings are those of the whole set.

For each paper, the findings of every check but ``consistency`` and its consistency
table (:func:`att_docs.checks.rules.consistency.collect`) are kept in the disk cache
(:mod:`att_docs.base.diskcache`), in a file named by what they depend on: the paper's files
and translation records, ``conference.yaml``, the glossary, the templates (locale data
included) and att-docs itself (its version and source). A paper whose file is there and
valid is not even read. The folder a paper is in counts too, as the findings name its
files. The tables of every paper are then judged together, in the
papers' order, so that the findings are exactly those of checking the whole set at
once, whichever papers were read this time; the conference's check settings and QA
profile apply last.

A cached file carries its checksum (:func:`att_docs.base.diskcache.write_cached`): a file
cut short or damaged is read as missing, and the paper read again. Should an entry
still not hold together (a file written by hand), the whole set is checked afresh.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from att_docs.base.errors import ContentError
from att_docs.checks.findings import SEVERITIES, Finding, FindingSet
from att_docs.checks.registry import check_ids, rules
from att_docs.document.model import Document

__all__ = ["check_conference", "paper_keys"]

FORMAT = 3  # of the cached files; a file of another format is made again
_FIELDS = ("check", "severity", "message", "path", "line", "segment", "document",
           "suggestion")


def paper_keys(folder: Path, dirs: list[Path], templates: Path,
               glossary: Path) -> dict[str, str]:
    """What each paper's checks depend on, by paper folder name (the key the build
    computes for a paper's metadata, :mod:`att_docs.publish.plan`)."""
    from att_docs.base.hashing import Fingerprint, combine
    from att_docs.readers.issued import issued_sha256
    from att_docs.records.provenance import records_sha256

    fingerprint = Fingerprint.of(folder, templates, glossary)
    return {d.name: combine(fingerprint.paper_key(d), records_sha256(d), issued_sha256(d))
            for d in dirs}


def check_conference(folder: Path, templates: Path, glossary: Path, *,
                     documents: Mapping[str, Document] | None = None,
                     keys: Mapping[str, str] | None = None, strict: bool = False,
                     checks: Iterable[str] | None = None,
                     profile: str | None = None, workers: int = 1) -> list[Finding]:
    """Every finding over the papers of the conference in ``folder``, as
    :func:`~att_docs.checks.engine.check_documents` would give them for all its papers
    at once. ``documents`` are papers already read (by folder name), ``keys`` the papers'
    keys if the caller has them; papers neither cached nor given are read (``strict``
    as the build reads them), in ``workers`` processes when there are many.

    The cycle collector is paused throughout: the run makes millions of small objects
    that hold no cycles (the papers' texts, the kept entries, their tables), and each
    collection it would set off walks them all again."""
    from att_docs.base.collector import collector_paused

    with collector_paused():
        return _checked(folder, templates, glossary, documents, keys, strict, checks,
                        profile, workers)


def _checked(folder: Path, templates: Path, glossary: Path,
             documents: Mapping[str, Document] | None, keys: Mapping[str, str] | None,
             strict: bool, checks: Iterable[str] | None, profile: str | None,
             workers: int) -> list[Finding]:
    from att_docs.base.paths import find_paper_dirs

    dirs = find_paper_dirs(folder)
    if not dirs:
        raise ContentError("the conference has no papers (no */paper.yaml)", folder)
    keys = keys if keys is not None else paper_keys(folder, dirs, templates, glossary)
    keys = _placed(keys, dirs)
    entries: dict[str, dict[str, Any] | None] = {d.name: _read(keys[d.name]) for d in dirs}
    ctx = _context(templates, glossary)
    fresh = [d for d in dirs if entries[d.name] is None]
    if fresh:
        entries.update(_made(folder, templates, fresh, documents or {}, keys, ctx, strict,
                              workers))
    try:
        findings = _merged([entries[d.name] for d in dirs], ctx)  # type: ignore[misc]
    except (TypeError, ValueError, KeyError, IndexError, AttributeError):
        ctx = _context(templates, glossary)  # an entry that does not hold together
        entries.update(_made(folder, templates, dirs, documents or {}, keys, ctx, strict,
                              workers))
        findings = _merged([entries[d.name] for d in dirs], ctx)  # type: ignore[misc]
    if checks is not None:
        wanted = set(checks)
        findings = [f for f in findings if f.check in wanted]
    findings = _settled(findings, folder, templates, profile)
    return _sorted(findings, [entries[d.name]["name"] for d in dirs])  # type: ignore[index]


def _placed(keys: Mapping[str, str], dirs: list[Path]) -> dict[str, str]:
    """The keys with where each paper is: findings name their files."""
    from att_docs.base.hashing import combine

    return {d.name: combine(keys[d.name], str(d.resolve())) for d in dirs}


POOL_FROM = 4
"""Papers to work out from which forked workers share them (fewer: all in process)."""


@dataclass(frozen=True)
class _Job:
    """What working out papers' entries needs, inherited by forked workers."""

    folder: Path
    templates: Path
    given: Mapping[str, Document]
    keys: Mapping[str, str]
    ctx: Any
    strict: bool


def _made(folder: Path, templates: Path, dirs: list[Path], given: Mapping[str, Document],
          keys: Mapping[str, str], ctx: Any, strict: bool,
          workers: int = 1) -> dict[str, dict[str, Any]]:
    """The entries of the papers in ``dirs``, worked out (from ``given`` documents, else
    read) and kept.

    With ``workers`` above one and :data:`POOL_FROM` papers or more, the first paper is
    worked out here, which loads what every paper needs (the readers, the rules, the
    glossary's matchers, the languages' data), and the others in that many forked
    processes, which inherit all of it. Meanwhile the homophone tables, the costliest of
    those on an empty cache, are made beside it on the other core. Each paper's entry is
    its own whoever works it out, and the entries are merged in the papers' order: the
    findings are the same."""
    from att_docs.checks.lemma_store import add_lemmas, save_lemmas

    job = _Job(folder, templates, given, keys, ctx, strict)
    if workers > 1 and len(dirs) >= POOL_FROM:
        from att_docs.base.processes import beside, forked_map

        with beside(lambda: _homophone_tables(ctx)):
            made = _worked_out(job, dirs[:1])
        for entries, lemmas in forked_map(_in_worker, job, _chunks(dirs[1:], workers),
                                          workers):
            made.update(entries)
            add_lemmas(lemmas)
    else:
        made = _worked_out(job, dirs)
    save_lemmas()
    return made


def _chunks(dirs: list[Path], workers: int) -> list[list[Path]]:
    """``dirs`` in runs of a few papers: several runs per worker, so that a worker that
    finishes early takes the next run."""
    size = max(1, min(4, len(dirs) // (3 * workers)))
    return [dirs[i:i + size] for i in range(0, len(dirs), size)]


def _worked_out(job: _Job, dirs: list[Path]) -> dict[str, dict[str, Any]]:
    """The entries of the papers in ``dirs``, kept in the disk cache."""
    wanted = [d for d in dirs if d.name not in job.given]
    read = _read_papers(job.folder, job.templates, wanted, job.strict) if wanted else {}
    papers = {d.name: job.given.get(d.name) or read[d.name] for d in dirs}
    made = _entries(papers, job.ctx)
    for name, entry in made.items():
        _write(job.keys[name], entry)
    return made


def _homophone_tables(ctx: Any) -> None:
    """The glossary's homophone tables (kept in the disk cache) of each of its languages
    whose data checks homophones; made beside the first paper, which then finds them
    made (0.5 s on an empty cache: pypinyin's dictionaries and the terms' readings)."""
    for lang in ctx.index.glossary.languages:
        if ctx.language(lang).homophones == "pinyin":
            ctx.index.homophones(lang)


def _in_worker(job: _Job, dirs: list[Path]) -> tuple[dict[str, dict[str, Any]],
                                                     dict[str, dict[str, str]]]:
    """In a forked worker: the entries, and the lemmas met, for the parent to save."""
    from att_docs.checks.lemma_store import take_new_lemmas

    return _worked_out(job, dirs), take_new_lemmas()


def _context(templates: Path, glossary: Path) -> Any:
    from att_docs.checks.context import Context
    from att_docs.checks.matcher import index_for
    from att_docs.glossary import load

    return Context(index_for(load(glossary)), templates)


def _read_papers(folder: Path, templates: Path, dirs: list[Path],
                 strict: bool) -> dict[str, Document]:
    from att_docs.readers.load import load_papers

    return load_papers(folder, templates, strict=strict, dirs=dirs).documents


def _entries(papers: Mapping[str, Document], ctx: Any) -> dict[str, dict[str, Any]]:
    """Each paper's own findings, by check, and its consistency table."""
    from att_docs.checks.rules import consistency
    from att_docs.checks.segments import corpus_from_document
    from att_docs.checks.suppress import apply_markers

    markers: dict = {}
    corpora = {}
    for name, doc in papers.items():
        corpus = corpora[name] = corpus_from_document(doc)
        apply_markers(corpus, markers)
    out: dict[str, dict[str, Any]] = {}
    ctx.prepare(list(corpora.values()))
    for name, corpus in corpora.items():
        one = [corpus]  # the same list for every rule: the context keeps its pairs
        findings: dict[str, list[list[Any]]] = {}
        for rule in rules():
            if rule is consistency:
                continue
            findings[rule.CHECK] = [_row(f) for f in rule.run(one, ctx) if f is not None]
        out[name] = {"format": FORMAT, "name": corpus.name, "findings": findings,
                     "table": consistency.collect(one, ctx)}
    return out


def _merged(entries: list[dict[str, Any]], ctx: Any) -> list[Finding]:
    """The findings of every rule in rule order, papers in order, each reported once."""
    from att_docs.checks.rules import consistency

    merged = FindingSet()
    paths: dict[str, Path] = {}
    for rule in rules():
        if rule is consistency:
            merged.add(consistency.judge([e["table"] for e in entries], ctx))
        else:
            merged.add(_finding(row, paths) for e in entries
                       for row in e["findings"].get(rule.CHECK, ()))
    return merged.findings


def _settled(findings: list[Finding], folder: Path, templates: Path,
             profile: str | None) -> list[Finding]:
    """The findings as the conference's check settings and the QA profile have them."""
    from att_docs.checks.settings import apply_settings, settings_for
    from att_docs.readers.content import read_conference

    conference = read_conference(folder)
    settings = (settings_for(templates, profile, conference.checks, conference.source)
                if conference.checks else settings_for(templates, profile))
    return apply_settings(findings, settings)


def _sorted(findings: list[Finding], names: list[str]) -> list[Finding]:
    from att_docs.checks.engine import sort_by_document

    return sort_by_document(findings, names)


# ------------------------------------------------------------------ the cached files

def _row(finding: Finding) -> list[Any]:
    return [str(v) if k == "path" and v is not None else v
            for k, v in ((k, getattr(finding, k)) for k in _FIELDS)]


def _finding(row: list[Any], paths: dict[str, Path]) -> Finding:
    """A finding from its row (its fields in :data:`_FIELDS` order, the dataclass's);
    ``paths``: the paths made so far, by their text."""
    where = row[3]
    if where is not None:
        path = paths.get(where)
        if path is None:
            path = paths[where] = Path(where)
        row = [*row[:3], path, *row[4:]]
    return Finding(*row)


def _path(key: str) -> Path | None:
    from att_docs.base.diskcache import cache_folder

    folder = cache_folder()
    return None if folder is None else folder / f"checks-{key}.json"


def _read(key: str) -> dict[str, Any] | None:
    """The cached entry for ``key``, if there, whole and of the expected shape."""
    from att_docs.base.diskcache import read_cached

    path = _path(key)
    return read_cached(path, None, _valid) if path is not None else None


def _write(key: str, entry: dict[str, Any]) -> None:
    from att_docs.base.diskcache import write_cached

    path = _path(key)
    if path is not None:
        write_cached(path, entry)


def _valid(entry: Any) -> bool:
    """An entry of the expected shape: its findings checked one by one, its table's
    parts by their kind (the merge tells a table that does not hold together)."""
    if not (isinstance(entry, dict) and entry.get("format") == FORMAT
            and isinstance(entry.get("name"), str)
            and isinstance(entry.get("findings"), dict) and isinstance(entry.get("table"), dict)):
        return False
    for check, rows in entry["findings"].items():
        if check not in check_ids() or not isinstance(rows, list):
            return False
        for row in rows:
            if not (isinstance(row, list) and len(row) == len(_FIELDS)
                    and row[0] == check and row[1] in SEVERITIES
                    and isinstance(row[2], str)
                    and all(v is None or isinstance(v, str) for v in (row[3], *row[5:]))
                    and (row[4] is None or isinstance(row[4], int))):
                return False
    table = entry["table"]
    return all(isinstance(table.get(part), list)
               for part in ("segments", "terms", "documents", "paths"))
