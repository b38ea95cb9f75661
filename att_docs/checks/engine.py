"""Run the checks: over assembled documents (the conference build) or any corpora.

``check_documents`` is the entry point the conference build calls; ``check_corpora``
runs the same rules over corpora from XLIFF or text files too.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from att_docs.base.collector import collector_paused
from att_docs.base.paths import Project
from att_docs.checks.context import Context
from att_docs.checks.findings import SEVERITIES, Finding, FindingSet
from att_docs.checks.lemma_store import save_lemmas
from att_docs.checks.matcher import index_for
from att_docs.checks.registry import check_ids, rank, rules
from att_docs.checks.segments import Corpus, corpus_from_document
from att_docs.checks.settings import Settings, apply_settings, settings_for
from att_docs.checks.suppress import apply_markers
from att_docs.document.model import Document
from att_docs.glossary.model import Glossary

__all__ = ["check_corpora", "check_documents", "sort_by_document", "sort_findings"]


def check_documents(documents: list[Document], glossary: Glossary,
                    templates: Path | None = None) -> list[Finding]:
    """Every finding of every check over assembled papers, silenced markers applied."""
    corpora = [corpus_from_document(doc) for doc in documents]
    cache: dict = {}
    for corpus in corpora:
        apply_markers(corpus, cache)
    return check_corpora(corpora, glossary, templates=templates)


def check_corpora(corpora: list[Corpus], glossary: Glossary,
                  checks: Iterable[str] | None = None,
                  templates: Path | None = None, profile: str | None = None) -> list[Finding]:
    """Run the rules (all, or those of ``checks``) over the corpora together; the
    languages' data comes from ``templates`` (default: the project's templates). Each
    corpus's findings follow its conference's check settings and the QA ``profile``
    (:mod:`att_docs.checks.settings`)."""
    wanted = set(checks) if checks is not None else set(check_ids())
    templates = templates or Project.default().templates
    with collector_paused():
        ctx = Context(index_for(glossary), templates)
        ctx.prepare(corpora)
        findings = _settled(_run(corpora, ctx, wanted), corpora, templates, profile)
        save_lemmas()  # the words met, for the next process (checks/lemma_store.py)
        return sort_findings(findings, corpora)


def _settled(findings: list[Finding], corpora: list[Corpus], templates: Path,
             profile: str | None) -> list[Finding]:
    """The findings as each corpus's settings have them (its conference's, or none)."""
    plain = settings_for(templates, profile)
    by_conference: dict[int, Settings] = {}
    by_name: dict[str, Settings] = {}
    for corpus in corpora:
        conference = corpus.document.conference if corpus.document is not None else None
        if conference is None or not conference.checks:
            continue
        found = by_conference.get(id(conference))
        if found is None:
            found = by_conference[id(conference)] = settings_for(
                templates, profile, conference.checks, conference.source)
        by_name[corpus.name] = found
    if not by_name:
        return apply_settings(findings, plain)  # one setting for all: the usual case
    groups: dict[str | None, list[Finding]] = {}
    for f in findings:
        groups.setdefault(f.document if f.document in by_name else None, []).append(f)
    out: list[Finding] = []
    for name, group in groups.items():
        out.extend(apply_settings(group, by_name[name] if name is not None else plain))
    return out


def _run(corpora: list[Corpus], ctx: Context, wanted: set[str]) -> list[Finding]:
    """The findings of the wanted rules in rule order, each reported once."""
    found = FindingSet()
    for rule in rules():
        if rule.CHECK in wanted:
            found.add(rule.run(corpora, ctx))
    return found.findings


def sort_findings(findings: list[Finding], corpora: list[Corpus]) -> list[Finding]:
    """By document (in the order given), then file, line, check and severity."""
    return sort_by_document(findings, [c.name for c in corpora])


def sort_by_document(findings: list[Finding], names: list[str]) -> list[Finding]:
    """By document (in the order of ``names``), then file, line, check and severity."""
    order = {name: i for i, name in enumerate(names)}
    return sorted(findings, key=lambda f: (
        order.get(f.document or "", len(order)), str(f.path or ""), f.line or 0,
        rank(f.check),
        -SEVERITIES.index(f.severity)))
