"""Whatever att-docs writes into a paper, the content reader reads back as written.

Every writer into the content (XLIFF import, Word import and ``--into``, ``translated``)
checks what it is about to write with the reader's own rules, before anything moves:

* :func:`check_units`, on each text: characters a paper cannot carry, a line break in a
  one-line text (heading, title, subtitle, caption, submitted-by line), the size a file
  may have, and the text's Markdown read back by the prose reader (a literal ``[^1]``, a
  footnote inside a footnote ...). A refusal names the unit and where its text came
  from: the XLIFF file and line, the Word draft and paragraph.
* :func:`read_back`, on the staged files: the whole paper read and assembled as the build
  reads it (sizes, schema, dates, footnotes, alignment), and each unit written compared
  with what was meant. A refusal names the file and line the text would have had.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from att_docs.base.errors import ContentError
from att_docs.base.text import (
    LINE_BREAK,
    MAX_MARKDOWN_BYTES,
    MAX_YAML_BYTES,
    describe,
    forbidden_character,
    join_lines,
)
from att_docs.document.model import (
    Conference,
    Document,
    Inline,
    Run,
    SourceLocation,
    Text,
    TextBlock,
)
from att_docs.document.sameness import same_text
from att_docs.document.units import document_units
from att_docs.document.walk import footnote_refs
from att_docs.language.locale import load_locale
from att_docs.readers.markdown import ProseFile, parse_rich_text
from att_docs.writers.content.blocks import unit_at_line
from att_docs.writers.content.markdown import render_rich_text

if TYPE_CHECKING:
    from att_docs.readers.frame import FrameRenderer

__all__ = ["ONE_LINE", "Origin", "breaks_lines", "check_units", "one_line", "read_back",
           "refuse", "unit_problems"]

ONE_LINE = frozenset({"heading", "title", "subtitle", "caption", "submitted-by"})
"""Unit kinds that are one line: the frame's values and headings."""
_PLAIN = frozenset({"title", "subtitle", "caption", "submitted-by"})  # YAML strings
_NAMES = {"submitted-by": "submitted-by line"}


@dataclass(frozen=True)
class Origin:
    """Where a text to be written came from: a file, and a line or a place in it."""

    path: Path
    line: int | None = None
    place: str = ""  # "paragraph 12" (a Word draft has no lines)

    @classmethod
    def of_text(cls, text: Text, default: Path, what: str = "paragraph") -> Origin:
        """A text read from a Word draft carries its paragraph number as its line."""
        where = text.where
        if where is None:
            return cls(default)
        if where.path.suffix.lower() == ".docx":
            return cls(where.path, None, f"{what} {where.line}")
        return cls(where.path, where.line)


Locate = Callable[[str], Origin]


def one_line(text: Text) -> Text:
    """``text`` as one line: its paragraphs and line breaks joined by spaces."""
    inlines: list[Inline] = []
    for n, block in enumerate(text.blocks):
        if n:
            inlines.append(Run(" "))
        inlines.extend(Run(join_lines(i.text), i.bold, i.italic) if isinstance(i, Run)
                       else i for i in block.inlines)
    return Text([TextBlock(inlines)], text.where)


def breaks_lines(text: Text) -> bool:
    """``text`` has more than one paragraph or a line break."""
    return len(text.blocks) > 1 or any(isinstance(i, Run) and LINE_BREAK.search(i.text)
                                       for b in text.blocks for i in b.inlines)


def refuse(problems: list[tuple[str, str]], locate: Locate, what: str) -> ContentError:
    """One error for ``(unit id, why)`` problems, located at the first one's origin."""
    first = locate(problems[0][0])
    listed = "; ".join(f"{_where(locate(unit_id), first)}{unit_id} ({why})"
                       for unit_id, why in problems[:10])
    more = f" and {len(problems) - 10} more" if len(problems) > 10 else ""
    return ContentError(f"{what}: {listed}{more}; nothing written", first.path, first.line)


def _where(origin: Origin, first: Origin) -> str:
    if origin.place:
        return f"{origin.place}, unit "
    if origin.path == first.path and origin.line and origin.line != first.line:
        return f"line {origin.line}, unit "
    return "unit "


def check_units(texts: Mapping[str, Text], kinds: Mapping[str, str], footnotes: list[str],
                lang: str, templates: Path, locate: Locate) -> None:
    """Refuse the texts (unit id → text in ``lang``) that the reader would not read back
    as they are."""
    problems = unit_problems(texts, kinds, footnotes, lang, templates)
    if problems:
        raise refuse(problems, locate, "texts that cannot be written as they are")


def unit_problems(texts: Mapping[str, Text], kinds: Mapping[str, str], footnotes: list[str],
                  lang: str, templates: Path) -> list[tuple[str, str]]:
    """``(unit id, why)`` for each of ``texts`` (unit id → text in ``lang``) that the
    reader would not read back as it is; ``kinds`` gives each unit's kind."""
    prose = _prose_context(footnotes, lang, templates)
    problems: list[tuple[str, str]] = []
    for unit_id, text in texts.items():
        why = _problem(text, kinds.get(unit_id, "paragraph"), prose)
        if why:
            problems.append((unit_id, why))
    return problems


def _prose_context(footnotes: list[str], lang: str, templates: Path) -> ProseFile:
    locale = load_locale(templates, lang)
    env = {"footnotes": {"refs": {f":{note}": -1 for note in footnotes}, "list": {}}}
    return ProseFile(Path(f"{lang}.md"), lang, [], {}, locale.soft_break, env, locale.quotes)


def _problem(text: Text, kind: str, prose: ProseFile) -> str:
    runs = [i.text for b in text.blocks for i in b.inlines if isinstance(i, Run)]
    for run in runs:
        bad = forbidden_character(run)
        if bad:
            return f"character {describe(bad[0])} is not allowed in a paper"
    if kind in ONE_LINE and breaks_lines(text):
        return f"a {_NAMES.get(kind, kind)} is one line; this one holds a line break"
    if kind in _PLAIN:
        size = len(text.plain().encode("utf-8"))
        return (f"{size:,} bytes; a content file holds at most {MAX_YAML_BYTES:,}"
                if size > MAX_YAML_BYTES else "")
    if kind == "footnote" and any(footnote_refs(text)):
        return "a footnote cannot hold the mark of another footnote"
    markdown = render_rich_text(text)
    size = len(markdown.encode("utf-8"))
    if size > MAX_MARKDOWN_BYTES:
        return f"{size:,} bytes; a content file holds at most {MAX_MARKDOWN_BYTES:,}"
    where = SourceLocation(prose.path, 1)
    fresh = ProseFile(prose.path, prose.lang, [], {}, prose.soft_break,
                      {"footnotes": {"refs": dict(prose.env["footnotes"]["refs"]),
                                     "list": {}}}, prose.quotes)
    try:
        back = parse_rich_text(markdown, fresh, where)
    except ContentError as exc:
        return exc.message
    if not same_text(back, text):
        return "its Markdown would read back differently"
    return ""


def read_back(shadow: Path, real: Path, conference: Conference, templates: Path,
              written: Mapping[str, Mapping[str, Text]], *, strict: bool = False,
              languages: list[str] | None = None, locate: Locate | None = None,
              source: Origin | None = None,
              tolerate: Callable[[ContentError], bool] | None = None) -> Document | None:
    """Read the paper staged in ``shadow`` (to become ``real``) as the build reads it (in
    ``languages``, default all), and check that each text of ``written`` (language → unit
    id → text) reads back as meant. A refusal names the unit and its origin
    (``locate``), else the input (``source``), and the file and line the text would have
    had in ``real``. A reading error that ``tolerate`` accepts (one the paper had before
    the write) is no refusal: there is then nothing to compare, and None is returned."""
    from att_docs.readers.assemble import assemble
    from att_docs.readers.content import read_paper
    from att_docs.readers.frame import known_types

    try:
        doc = read_paper(shadow, conference, templates, known_types(templates), strict=strict,
                         languages=languages)
        assemble(doc, _renderer(templates))
    except ContentError as exc:
        path = _real_path(exc.path, shadow, real)
        if tolerate is not None and tolerate(ContentError(exc.message, path, exc.line)):
            return None
        where = f"{path}:{exc.line}" if exc.line else str(path)
        unit = _unit_at(exc.path, exc.line)
        raise _refusal(f"would not read back: {where}: {exc.message}", unit, locate,
                       source, path, exc.line) from None
    units = {u.id: u for u in document_units(doc)}
    for lang, texts in written.items():
        for unit_id, text in texts.items():
            unit = units.get(unit_id)
            if unit is None or not _reads_as(unit.text(lang), text, unit.kind):
                file = _real_path(unit.file, shadow, real) if unit is not None else real
                raise _refusal("would read back otherwise than it was written", unit_id,
                               locate, source, file, None)
    return doc


@cache
def _renderer(templates: Path) -> FrameRenderer:
    """One frame renderer per templates folder and process: it keeps its compiled
    templates."""
    from att_docs.readers.frame import FrameRenderer

    return FrameRenderer(templates)


def _refusal(why: str, unit: str | None, locate: Locate | None, source: Origin | None,
             path: Path | None, line: int | None) -> ContentError:
    if unit and locate is not None:
        origin = locate(unit)
        place = f"{origin.place}, " if origin.place else ""
        return ContentError(f"{place}unit {unit}: {why}; nothing written", origin.path,
                            origin.line)
    if source is not None:
        return ContentError(f"the paper {why}; nothing written", source.path, source.line)
    return ContentError(f"{why}; nothing written", path, line)


def _unit_at(path: Path | None, line: int | None) -> str | None:
    """The unit whose block holds ``line`` of a staged prose file."""
    if path is None or not line or path.suffix != ".md":
        return None
    try:
        text = path.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return None
    return unit_at_line(text.split("\n"), line)


def _reads_as(back: Text | None, meant: Text, kind: str) -> bool:
    if kind in _PLAIN:  # kept as plain YAML strings
        return back is not None and back.plain().strip() == meant.plain().strip()
    return same_text(back, meant)


def _real_path(path: Path | None, shadow: Path, real: Path) -> Path | None:
    if path is None:
        return None
    try:
        return real / path.relative_to(shadow)
    except ValueError:
        return path
