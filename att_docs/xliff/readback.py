"""Translations that would not read back as written once serialised to Markdown.

Import writes targets as Markdown (``**``, ``*``, ``[^id]``, escapes). Each text is
rendered and parsed again with the prose reader in the language's settings before
anything is written; a text the reader would reject or read otherwise (a literal
``[^id]``, say) is refused instead of written.
"""

from __future__ import annotations

from pathlib import Path

from att_docs.document.locale import load_locale
from att_docs.document.model import SourceLocation, Text
from att_docs.errors import ContentError
from att_docs.readers.markdown import ProseFile, parse_rich_text
from att_docs.writers.content.markdown import render_rich_text
from att_docs.xliff.codes import normalise

__all__ = ["unreadable"]


def unreadable(texts: dict[str, Text], footnotes: list[str], lang: str,
               templates: Path) -> list[tuple[str, str]]:
    """``(unit id, why)`` for each of ``texts`` whose Markdown reads back otherwise."""
    locale = load_locale(templates, lang)
    problems: list[tuple[str, str]] = []
    where = SourceLocation(Path(f"{lang}.md"), 1)
    for unit_id, text in texts.items():
        env = {"footnotes": {"refs": {f":{note}": -1 for note in footnotes}, "list": {}}}
        prose = ProseFile(where.path, lang, [], {}, locale.soft_break, env, locale.quotes)
        try:
            back = parse_rich_text(render_rich_text(text), prose, where)
        except ContentError as exc:
            problems.append((unit_id, exc.message))
            continue
        if [normalise(b.inlines) for b in back.blocks] != [normalise(b.inlines)
                                                           for b in text.blocks]:
            problems.append((unit_id, "its Markdown would read back differently"))
    return problems
