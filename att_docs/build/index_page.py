"""``index.html``: the built set for a person, from ``templates/index.html.j2``.

One row per paper: symbol, titles in each language, date, deadline and days left,
links to each language and format (with page counts), each language's translation
(share of the words translated, stale and untranslated units) and a status: ready,
incomplete, stale, check warnings or errors, checks not run, or superseded by a later
revision. Made from the manifest's data, so the page and the manifest always agree. The
heading is in the conference's first language, its words from the template and that
language's message catalogue.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from att_docs.errors import ContentError

__all__ = ["INDEX_FILE", "INDEX_TEMPLATE", "render_index"]

INDEX_FILE = "index.html"
INDEX_TEMPLATE = "index.html.j2"


def _status(paper: dict[str, Any]) -> tuple[str, str]:
    """The status text and its CSS class."""
    if paper["superseded_by"]:
        return f"superseded by {paper['superseded_by']}", "superseded"
    langs = (paper.get("translation") or {}).values()
    untranslated = sum(lang["units"].get("untranslated", 0) + lang["units"].get("extra", 0)
                       for lang in langs)
    stale = sum(lang["units"].get("stale", 0) for lang in langs)
    if untranslated:
        return f"incomplete: {untranslated} unit(s) untranslated", "errors"
    if stale:
        return f"stale: {stale} unit(s) to revise", "stale"
    checks = paper["checks"]
    if checks is None:
        return "built (checks not run)", "ready"
    if checks.get("errors"):
        return f"{checks['errors']} check error(s)", "errors"
    if checks.get("warnings"):
        return f"ready, {checks['warnings']} check warning(s)", "warnings"
    return "ready", "ready"


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


def _days_left(deadline: str, today: dt.date) -> str:
    days = (dt.date.fromisoformat(deadline) - today).days
    if days == 0:
        return "due today"
    return (f"{days} day{'s' if days != 1 else ''} left" if days > 0
            else f"{-days} day{'s' if days != -1 else ''} past")


def render_index(templates: Path, manifest: dict[str, Any], manifest_name: str,
                 archive: str | None, today: dt.date | None = None) -> bytes:
    """The page's bytes (UTF-8); days left are counted from ``today``."""
    import jinja2

    today = today or dt.date.today()
    path = templates / INDEX_TEMPLATE
    if not path.is_file():
        raise ContentError(f"the templates folder has no {INDEX_TEMPLATE} (the index page)",
                           templates)
    from att_docs.document.locale import load_locale

    conf = manifest["conference"]
    lang = conf["languages"][0]
    loc = load_locale(templates, lang)
    from jinja2.sandbox import SandboxedEnvironment

    from att_docs.document.frame import template_line

    env = SandboxedEnvironment(loader=jinja2.FileSystemLoader(str(templates)),
                               autoescape=True, undefined=jinja2.StrictUndefined,
                               keep_trailing_newline=True, extensions=["jinja2.ext.i18n"])
    env.install_gettext_translations(loc.translations, newstyle=True)  # type: ignore[attr-defined]
    env.filters.update(long_date=loc.long_date, ordinal=loc.ordinal_word)
    tags = {code: load_locale(templates, code).web_tag for code in conf["languages"]}
    env.globals.update(date_range=loc.date_range, lang=lang, tags=tags)
    files = {f["file"]: f for f in manifest["files"]}
    papers = []
    for paper in manifest["papers"]:
        status, css = _status(paper)
        papers.append({**paper, "status": status, "status_class": css,
                       "days_left": _days_left(paper["deadline"], today),
                       "translation": paper.get("translation") or {},
                       "files": [files[name] for name in paper["files"]]})
    try:
        html = env.get_template(INDEX_TEMPLATE).render(
            conference=_conference(conf, lang),
            papers=papers, languages=conf["languages"], file_count=len(files),
            today=today.isoformat(),
            manifest=manifest_name, archive=archive)
    except Exception as exc:  # syntax, an undefined name, a sandbox refusal, a bad filter
        where, line = template_line(exc, path)
        first = (str(exc).splitlines() or [type(exc).__name__])[0]
        raise ContentError(f"template error: {first}", where, line) from None
    return html.encode("utf-8")
