"""``index.html``: the built set for a person, from ``templates/index.html.j2``.

One row per paper: symbol, titles in each language, date, deadline and days left,
links to each language and format (with page counts, and "draft" where the file carries
the draft mark), each language's translation (share of the words translated, stale and
untranslated units) and one state, the words of ``att-docs status`` for the same day:
distributed (the set was built ``--final``), late (its deadline passed and the set is not
final, or dated after its deadline), incomplete, stale, check errors, ready (with check
warnings), or superseded by a later revision. Made from the manifest's data, so the page
and the manifest always agree. The heading is in the conference's first language, its
words from the template and that language's message catalogue, which also decides the
plural forms of the counts.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import gettext
from pathlib import Path
from typing import TYPE_CHECKING, Any

from att_docs.base.errors import ContentError
from att_docs.base.paths import INDEX_TEMPLATE
from att_docs.base.plural import counted
from att_docs.status.setinfo import PaperMeta

if TYPE_CHECKING:
    from att_docs.status.report import PaperStatus

__all__ = ["INDEX_FILE", "INDEX_TEMPLATE", "render_index"]

INDEX_FILE = "index.html"
_SETTING = "index:sandboxed:i18n-newstyle:strict-undefined:autoescape:keep-newline:1"
"""What the page's environment compiles with, which names its compiled template in the
disk cache (:mod:`att_docs.base.jinja_bytecode`)."""


def _status(paper: dict[str, Any], row: PaperStatus, final: bool,
            translations: gettext.NullTranslations) -> tuple[str, str]:
    """The paper's one state on the page, and its CSS class."""
    def count(n: int, one: str, other: str) -> str:
        return counted(n, one, other, translations)

    if paper["superseded_by"]:
        return f"superseded by {paper['superseded_by']}", "superseded"
    if final:
        return "distributed", "ready"
    if row.late or row.days_left < 0:
        return "late", "late"
    units = {state: sum(lang.units.get(state, 0) for lang in row.languages.values())
             for state in ("untranslated", "extra", "stale")}
    if units["untranslated"] + units["extra"]:
        return ("incomplete: " + count(units["untranslated"] + units["extra"],
                                       "{n} unit untranslated", "{n} units untranslated"),
                "errors")
    if units["stale"]:
        return "stale: " + count(units["stale"], "{n} unit to revise",
                                 "{n} units to revise"), "stale"
    checks = paper["checks"]
    if checks is None:
        return "built (checks not run)", "ready"
    if checks.get("errors"):
        return count(checks["errors"], "{n} check error", "{n} check errors"), "errors"
    if checks.get("warnings"):
        return "ready, " + count(checks["warnings"], "{n} check warning",
                                 "{n} check warnings"), "warnings"
    return "ready", "ready"


def _row(paper: dict[str, Any], today: dt.date, languages: list[str]) -> PaperStatus:
    """The paper as ``status`` sees it on ``today``, from its manifest entry."""
    from att_docs.status.gate import paper_status

    meta = PaperMeta.from_dict({f.name: paper[f.name] for f in dataclasses.fields(PaperMeta)
                                if f.name in paper})
    return paper_status(meta, today, languages)


def _conference(conf: dict[str, Any], lang: str) -> dict[str, Any]:
    """What the heading shows, in the page's language (the conference's first)."""
    import datetime as dt

    return {
        "number": conf["number"],
        "venue": conf.get("venue", {}).get(lang, ""),
        "opening": dt.date.fromisoformat(conf["opening"]),
        "closing": dt.date.fromisoformat(conf["closing"]),
        "deadline": dt.date.fromisoformat(conf["deadline"]),
    }


def _days(row: PaperStatus, final: bool, translations: gettext.NullTranslations) -> str:
    """``20 days left``, ``due today``, ``3 days late``; nothing for a distributed set."""
    days = row.days_left
    if final:
        return "—"
    if days == 0:
        return "due today"
    return (counted(days, "{n} day left", "{n} days left", translations) if days > 0
            else counted(-days, "{n} day late", "{n} days late", translations))


def render_index(templates: Path, manifest: dict[str, Any], manifest_name: str,
                 archive: str | None, today: dt.date | None = None) -> bytes:
    """The page's bytes (UTF-8); days left are counted from ``today``."""
    import jinja2

    today = today or dt.date.today()
    path = templates / INDEX_TEMPLATE
    if not path.is_file():
        raise ContentError(f"the templates folder has no {INDEX_TEMPLATE} (the index page)",
                           templates)
    from att_docs.language.locale import load_locale

    conf = manifest["conference"]
    lang = conf["languages"][0]
    loc = load_locale(templates, lang)
    from jinja2.sandbox import SandboxedEnvironment

    from att_docs.base.jinja_bytecode import bytecode_cache
    from att_docs.readers.frame import template_line

    env = SandboxedEnvironment(loader=jinja2.FileSystemLoader(str(templates)),
                               autoescape=True, undefined=jinja2.StrictUndefined,
                               keep_trailing_newline=True, extensions=["jinja2.ext.i18n"],
                               bytecode_cache=bytecode_cache(_SETTING))
    env.install_gettext_translations(loc.translations, newstyle=True)  # type: ignore[attr-defined]
    env.filters.update(long_date=loc.long_date, ordinal=loc.ordinal_word)
    tags = {code: load_locale(templates, code).web_tag for code in conf["languages"]}
    env.globals.update(date_range=loc.date_range, lang=lang, tags=tags)
    files = {f["file"]: f for f in manifest["files"]}
    final = bool(manifest.get("final"))
    papers = []
    for paper in manifest["papers"]:
        row = _row(paper, today, conf["languages"])
        status, css = _status(paper, row, final, loc.translations)
        papers.append({**paper, "status": status, "status_class": css,
                       "days_left": _days(row, final, loc.translations),
                       "translation": paper.get("translation") or {},
                       "files": [files[name] for name in paper["files"]]})
    try:
        html = env.get_template(INDEX_TEMPLATE).render(
            conference=_conference(conf, lang),
            papers=papers, languages=conf["languages"], file_count=len(files),
            today=today.isoformat(), final=final,
            drafts=sum(1 for f in files.values() if f.get("draft")),
            manifest=manifest_name, archive=archive)
    except Exception as exc:  # syntax, an undefined name, a sandbox refusal, a bad filter
        where, line = template_line(exc, path)
        first = (str(exc).splitlines() or [type(exc).__name__])[0]
        raise ContentError(f"template error: {first}", where, line) from None
    return html.encode("utf-8")
