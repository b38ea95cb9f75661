"""``index.html``: the built set for a person, from ``templates/index.html.j2``.

One row per paper: symbol, titles in each language, date, deadline, links to each
language and format (with page counts) and a status: ready, check warnings or errors,
checks not run, or superseded by a later revision. Made from the manifest's data, so the
page and the manifest always agree.
"""

from __future__ import annotations

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
    checks = paper["checks"]
    if checks is None:
        return "built (checks not run)", "ready"
    if checks.get("errors"):
        return f"{checks['errors']} check error(s)", "errors"
    if checks.get("warnings"):
        return f"ready, {checks['warnings']} check warning(s)", "warnings"
    return "ready", "ready"


def _conference(templates: Path, conf: dict[str, Any]) -> dict[str, str]:
    """The heading's words, in English, as the papers' masthead writes them."""
    import datetime as dt

    from att_docs.document.locale import load_locale

    english = load_locale(templates, "en")
    opening, closing = (dt.date.fromisoformat(conf[k]) for k in ("opening", "closing"))
    return {
        "title": f"Arms Trade Treaty: {english.ordinal_word(conf['number'])} Conference of "
                 f"States Parties (CSP{conf['number']})",
        "venue": conf.get("venue", {}).get("en", ""),
        "dates": english.date_range(opening, closing),
        "deadline": english.long_date(dt.date.fromisoformat(conf["deadline"])),
    }


def render_index(templates: Path, manifest: dict[str, Any], manifest_name: str,
                 archive: str | None) -> bytes:
    """The page's bytes (UTF-8)."""
    import jinja2

    path = templates / INDEX_TEMPLATE
    if not path.is_file():
        raise ContentError(f"the templates folder has no {INDEX_TEMPLATE} (the index page)",
                           templates)
    from jinja2.sandbox import SandboxedEnvironment

    from att_docs.document.frame import template_line

    env = SandboxedEnvironment(loader=jinja2.FileSystemLoader(str(templates)),
                               autoescape=True, undefined=jinja2.StrictUndefined,
                               keep_trailing_newline=True)
    files = {f["file"]: f for f in manifest["files"]}
    papers = []
    for paper in manifest["papers"]:
        status, css = _status(paper)
        papers.append({**paper, "status": status, "status_class": css,
                       "files": [files[name] for name in paper["files"]]})
    conf = manifest["conference"]
    try:
        html = env.get_template(INDEX_TEMPLATE).render(
            conference=_conference(templates, conf),
            papers=papers, languages=conf["languages"], file_count=len(files),
            manifest=manifest_name, archive=archive)
    except Exception as exc:  # syntax, an undefined name, a sandbox refusal, a bad filter
        where, line = template_line(exc, path)
        first = (str(exc).splitlines() or [type(exc).__name__])[0]
        raise ContentError(f"template error: {first}", where, line) from None
    return html.encode("utf-8")
