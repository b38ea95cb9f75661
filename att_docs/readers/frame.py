"""Render a document type's Jinja template into its frame, for one language.

A template (``templates/<type>.md.j2``) writes Markdown: ``::: style`` containers hold the
frame's lines (masthead, conference block, titles, end mark) and fences place content
(```` ```{body} ````, ```` ```{annexes} ````, ```` ```{pagebreak} ````). Fixed phrases come
from the language's message catalogue through Jinja's i18n extension; dates and ordinals
from :mod:`att_docs.language.locale`. Nothing here knows DOCX or PDF.
"""

from __future__ import annotations

import re
import traceback
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import jinja2
from jinja2.sandbox import SandboxedEnvironment
from markdown_it import MarkdownIt
from mdit_py_plugins.container import container_plugin

from att_docs.base.errors import ContentError
from att_docs.base.jinja_bytecode import bytecode_cache
from att_docs.base.text import check_characters, fold_lines
from att_docs.document.model import Document, Part, Run, Text, TextBlock
from att_docs.language.locale import LocaleData, load_locale

__all__ = ["FrameItem", "FrameRenderer", "known_types"]

TEMPLATE_SUFFIX = ".md.j2"
_NOT_TYPES = {"paper", "annex"}
_PLACEHOLDERS = {"body", "annexes", "pagebreak"}
_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!<>|~&^:=])")


def known_types(templates: Path) -> set[str]:
    """Document types are the templates present: ``chair-report.md.j2`` → chair-report."""
    return {
        p.name[: -len(TEMPLATE_SUFFIX)]
        for p in templates.glob(f"*{TEMPLATE_SUFFIX}")
        if p.name[: -len(TEMPLATE_SUFFIX)] not in _NOT_TYPES and ".annex" not in p.name
    }


@dataclass
class FrameItem:
    """One item of a rendered frame: a styled line, or a placeholder for content."""

    kind: str  # "line" | "body" | "annexes" | "pagebreak"
    style: str = ""
    text: Text | None = None


def _escape_markdown(value: Any) -> Any:
    """Jinja ``finalize``: values are one line of literal text, never Markdown syntax.

    A line break in a value (a title typed on two lines) becomes a space, so no value can
    open a container (``:::``), a heading or a code block in the frame."""
    if value is None:
        return ""
    text = fold_lines(str(value))
    return _MD_SPECIAL.sub(r"\\\1", text)


class _CheckedLoader(jinja2.FileSystemLoader):
    """Templates are held to the characters a paper may carry, like content files."""

    def get_source(self, environment: jinja2.Environment,
                   template: str) -> tuple[str, str | None, Any]:
        source, filename, uptodate = super().get_source(environment, template)
        check_characters(source, Path(filename or template))
        return source, filename, uptodate


# what the frame's environments compile with: their compiled templates are kept under it
_SETTING = "frame:sandboxed:i18n-newstyle:strict-undefined:finalize:keep-newline:1"


class FrameRenderer:
    """Jinja environment over ``templates/`` with the locale filters and i18n installed."""

    def __init__(self, templates: Path):
        self.templates = templates
        # one environment per locale, made on first use: each keeps its compiled templates,
        # so a paper does not compile them again
        self._envs: dict[int, tuple[LocaleData, jinja2.Environment]] = {}

    def _locale_env(self, loc: LocaleData) -> jinja2.Environment:
        kept = self._envs.get(id(loc))
        if kept is None or kept[0] is not loc:
            kept = self._envs[id(loc)] = (loc, self._new_locale_env(loc))
        return kept[1]

    def _new_locale_env(self, loc: LocaleData) -> jinja2.Environment:
        # Sandboxed: a template reaches its data, not Python's internals.
        env = SandboxedEnvironment(
            loader=_CheckedLoader(str(self.templates)),
            bytecode_cache=bytecode_cache(_SETTING),
            extensions=["jinja2.ext.i18n"],
            undefined=jinja2.StrictUndefined,
            finalize=_escape_markdown,
            autoescape=False,
            keep_trailing_newline=True,
        )
        env.install_gettext_translations(loc.translations, newstyle=True)  # type: ignore[attr-defined]
        env.filters.update(
            long_date=loc.long_date,
            ordinal=loc.ordinal_word,
            language_name=loc.language_name,
        )
        env.globals.update(date_range=loc.date_range, lang=loc.lang)
        return env

    def render_paper(self, doc: Document, lang: str) -> list[FrameItem]:
        return self._render(f"{doc.type}{TEMPLATE_SUFFIX}", lang, {
            "doc": _paper_view(doc, lang),
            "conference": _conference_view(doc, lang),
        })

    def render_annex(self, doc: Document, annex: Part, lang: str) -> list[FrameItem]:
        own = f"{annex.type}.annex{TEMPLATE_SUFFIX}"
        name = own if (self.templates / own).exists() else f"annex{TEMPLATE_SUFFIX}"
        return self._render(name, lang, {
            "doc": _paper_view(doc, lang),
            "conference": _conference_view(doc, lang),
            "annex": _part_view(annex, lang),
        })

    def _render(self, name: str, lang: str, context: dict[str, Any]) -> list[FrameItem]:
        loc = load_locale(self.templates, lang)
        try:
            source = self._locale_env(loc).get_template(name).render(context)
        except jinja2.TemplateSyntaxError as exc:
            raise ContentError(f"template error: {exc.message}", exc.filename or
                               self.templates / name, exc.lineno) from None
        except jinja2.TemplateNotFound as exc:
            path, line = template_line(exc, self.templates / name)
            if exc.name == name:
                path, line = self.templates, None
            raise ContentError(f"template {exc.name!r} not found", path, line) from None
        except ContentError:
            raise
        except Exception as exc:  # an undefined variable, a bad filter argument, ...
            path, line = template_line(exc, self.templates / name)
            raise ContentError(f"template error: {exc}", path, line) from None
        return self._parse(source, loc, self.templates / name)

    def _parse(self, source: str, loc: LocaleData, path: Path) -> list[FrameItem]:
        items: list[FrameItem] = []
        style = ""
        for tok in _frame_parser(loc.quotes).parse(source):
            if tok.type == "container_frame_open":
                style = tok.info.strip() or "frame"
            elif tok.type == "container_frame_close":
                style = ""
            elif tok.type == "inline":
                text = "".join(c.content if c.type != "softbreak" else loc.soft_break
                               for c in tok.children or [])
                items.append(FrameItem("line", style or "frame",
                                       Text([TextBlock([Run(text)])])))
            elif tok.type == "fence":
                placeholder = tok.info.strip().strip("{}")
                if placeholder not in _PLACEHOLDERS:
                    raise ContentError(
                        f"unknown placeholder ```{tok.info.strip()} in the rendered template "
                        f"(known: {', '.join('{' + p + '}' for p in sorted(_PLACEHOLDERS))})",
                        path)
                items.append(FrameItem(placeholder))
            elif tok.type not in ("paragraph_open", "paragraph_close"):
                raise ContentError(f"unsupported Markdown in the rendered template "
                                   f"({tok.type})", path)
        return items


@cache
def _frame_parser(quotes: str) -> MarkdownIt:
    """Markdown with ``::: style`` containers; smart quotes as the language's prose has."""
    options: dict[str, Any] = {"html": False}
    if quotes:
        options.update(typographer=True, quotes=quotes)
    md = MarkdownIt("commonmark", options).use(
        container_plugin, "frame", validate=lambda params, markup: True)
    if quotes:
        md.enable("smartquotes")
    return md


def template_line(exc: BaseException, default: Path) -> tuple[Path, int | None]:
    """The template file and line where a rendering error happened (Jinja maps it)."""
    if isinstance(exc, jinja2.TemplateSyntaxError):
        return Path(exc.filename) if exc.filename else default, exc.lineno
    for frame in reversed(traceback.extract_tb(exc.__traceback__)):
        if frame.filename.endswith(".j2"):
            return Path(frame.filename), frame.lineno
    return default, None


def _paper_view(doc: Document, lang: str) -> dict[str, Any]:
    main = doc.main
    return {
        "type": doc.type,
        "symbol": str(doc.masthead.symbol),
        "date": doc.masthead.date,
        "submitted_by": doc.masthead.submitted_by.get(lang, ""),
        "original_language": doc.masthead.original_language,
        "title": main.title.get(lang, ""),
        "subtitle": main.subtitle.get(lang, ""),
        "annexes": [_part_view(a, lang) for a in doc.annexes],
    }


def _part_view(part: Part, lang: str) -> dict[str, Any]:
    return {
        "id": part.id,
        "type": part.type,
        "label": part.label or "",
        "title": part.title.get(lang, ""),
        "subtitle": part.subtitle.get(lang, ""),
        "caption": part.caption.get(lang, ""),
    }


def _conference_view(doc: Document, lang: str) -> dict[str, Any]:
    c = doc.conference
    return {
        "id": c.id,
        "number": c.number,
        "venue": c.venue.get(lang, ""),
        "opening": c.opening,
        "closing": c.closing,
    }
