"""Read one language's prose file (Markdown) into a flat list of id'd blocks.

markdown-it-py does the parsing; this module adds one core rule (``att_ids``) that lifts the
``{#id .class}`` marker off paragraphs, list items and headings, then walks the token
stream. It knows nothing of DOCX or PDF, and nothing of the other languages: aligning the
languages by id is the content reader's job.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any, Literal

from markdown_it import MarkdownIt
from markdown_it.rules_core import StateCore
from markdown_it.token import Token
from mdit_py_plugins.footnote import footnote_plugin

from att_docs.base.errors import ContentError
from att_docs.base.text import MAX_MARKDOWN_BYTES, describe, forbidden_character, read_input
from att_docs.document.model import FootnoteRef, Inline, Run, SourceLocation, Text, TextBlock
from att_docs.document.sameness import hard_breaks

__all__ = ["ProseBlock", "ProseFile", "parse_rich_text", "read_prose"]

Kind = Literal["heading", "paragraph", "subparagraph", "quote", "include"]

_LEAD_MARK = re.compile(r"^\{#(?P<id>[^\s}]*)(?P<classes>(?:\s+\.[\w-]+)*)\s*\}[ \t]*")
_TAIL_MARK = re.compile(r"[ \t]*\{#(?P<id>[^\s}]*)(?P<classes>(?:\s+\.[\w-]+)*)\s*\}$")
_VALID_ID = re.compile(r"^[a-z0-9][a-z0-9-]*$")
_INCLUDE = re.compile(r"^\{(?P<kind>tables|decisions)\}\s+(?P<name>[\w-]+)\s*$")
_UNDEFINED_NOTE = re.compile(r"\[\^([^\]\s]+)\]")


@dataclass
class ProseBlock:
    """One id'd block of one language file.

    ``kind`` is ``heading``, ``paragraph``, ``subparagraph`` (an item of a list right after a
    paragraph; ``parent`` names it), ``quote`` or ``include`` (a ```` ```{tables} NAME ````
    fence; ``id`` is ``tables:NAME``).
    """

    kind: Kind
    id: str
    text: Text | None
    where: SourceLocation
    level: int = 0
    numbered: bool = True
    parent: str | None = None


@dataclass
class ProseFile:
    """The blocks and footnote definitions of one language file."""

    path: Path
    lang: str
    blocks: list[ProseBlock]
    footnotes: dict[str, Text]
    soft_break: str
    env: dict[str, Any] = field(default_factory=dict, repr=False)
    quotes: str = ""

    def block_ids(self) -> list[str]:
        return [b.id for b in self.blocks]


@cache
def _parser(quotes: str = "") -> MarkdownIt:
    """The prose parser; ``quotes`` (four characters, e.g. “”‘’) turns on smart quotes."""
    options: dict[str, Any] = {"html": True}  # parsed, so that it can be refused
    if quotes:
        options.update(typographer=True, quotes=quotes)
    md = MarkdownIt("commonmark", options).use(footnote_plugin)
    if quotes:
        md.enable("smartquotes")
    # Footnote definitions stay where they stand (no tail): a definition used only by a
    # table cell of tables.yaml must survive the parse of its prose file. Raw HTML and
    # images are parsed (not left as text) so that the walker refuses them by line.
    md.disable(["footnote_tail"])
    md.core.ruler.after("block", "att_ids", _lift_id_markers)
    return md


def _lift_id_markers(state: StateCore) -> None:
    """Core rule: move ``{#id .class}`` from an inline's content to its opening token."""
    tokens = state.tokens
    for i, tok in enumerate(tokens):
        if tok.type != "inline" or i == 0:
            continue
        opener = tokens[i - 1]
        if opener.type == "paragraph_open":
            m = _LEAD_MARK.match(tok.content)
        elif opener.type == "heading_open":
            m = _TAIL_MARK.search(tok.content)
        else:
            continue
        if m is None:
            continue
        opener.attrSet("id", m.group("id"))
        classes = " ".join(c.lstrip(".") for c in m.group("classes").split())
        if classes:
            opener.attrSet("class", classes)
        tok.content = tok.content[: m.start()] + tok.content[m.end():]


def read_prose(path: Path, lang: str, soft_break: str = " ", quotes: str = "") -> ProseFile:
    """Parse ``path`` (Markdown in ``lang``); any structural error names its line."""
    if not path.exists() and not path.is_symlink():
        raise ContentError(f"missing prose file for language {lang!r}", path)
    source = read_input(path, MAX_MARKDOWN_BYTES)
    env: dict[str, Any] = {}
    tokens = _parser(quotes).parse(source, env)
    walker = _Walker(path, soft_break)
    blocks, footnotes = walker.walk(tokens)
    prose = ProseFile(path, lang, blocks, footnotes, soft_break, env, quotes)
    _check_unique_ids(prose)
    return prose


def parse_rich_text(text: str, prose: ProseFile, where: SourceLocation) -> Text:
    """Parse Markdown of a table cell or decision item in ``prose``'s language.

    Footnote marks resolve against the definitions of ``prose``; paragraphs and list items
    become :class:`TextBlock` values.
    """
    env = {"footnotes": prose.env.get("footnotes", {"refs": {}, "list": {}})}
    tokens = _parser(prose.quotes).parse(text, env)
    walker = _Walker(where.path, prose.soft_break, line_offset=where.line - 1)
    blocks: list[TextBlock] = []
    list_stack: list[tuple[str, int]] = []
    for i, tok in enumerate(tokens):
        if tok.type in ("bullet_list_open", "ordered_list_open"):
            start = int(tok.attrGet("start") or 1)
            list_stack.append(("ordered" if tok.type == "ordered_list_open" else "bullet", start))
        elif tok.type in ("bullet_list_close", "ordered_list_close"):
            list_stack.pop()
        elif tok.type == "footnote_reference_open":
            raise ContentError("define footnotes in the prose file, not in a cell",
                               where.path, walker.line(tok))
        elif tok.type == "inline" and tokens[i - 1].type == "paragraph_open":
            inlines = walker.inlines(tok)
            if list_stack:
                kind, number = list_stack[-1]
                blocks.append(TextBlock(inlines, kind, number if kind == "ordered" else None))  # type: ignore[arg-type]
                list_stack[-1] = (kind, number + 1)
            else:
                blocks.append(TextBlock(inlines))
        elif tok.type in ("fence", "code_block", "hr", "heading_open", "blockquote_open"):
            raise ContentError(f"{tok.type.replace('_open', '')} is not allowed here",
                               where.path, walker.line(tok))
    return Text(blocks, where)


class _Walker:
    """Turns a token stream into prose blocks and inlines."""

    def __init__(self, path: Path, soft_break: str, line_offset: int = 0):
        self.path = path
        self.soft_break = soft_break
        self.line_offset = line_offset

    def line(self, tok: Token) -> int:
        return (tok.map[0] if tok.map else 0) + 1 + self.line_offset

    def where(self, tok: Token) -> SourceLocation:
        return SourceLocation(self.path, self.line(tok))

    def error(self, message: str, tok: Token) -> ContentError:
        return ContentError(message, self.path, self.line(tok))

    # -- blocks ---------------------------------------------------------------------

    def walk(self, tokens: list[Token]) -> tuple[list[ProseBlock], dict[str, Text]]:
        blocks: list[ProseBlock] = []
        footnotes: dict[str, Text] = {}
        i = 0
        last_paragraph: ProseBlock | None = None
        while i < len(tokens):
            tok = tokens[i]
            if tok.type == "heading_open":
                blocks.append(self._heading(tok, tokens[i + 1]))
                last_paragraph = None
                i += 3
            elif tok.type == "paragraph_open":
                block = self._paragraph(tok, tokens[i + 1], "paragraph")
                blocks.append(block)
                last_paragraph = block if block.numbered else None
                i += 3
            elif tok.type in ("bullet_list_open", "ordered_list_open"):
                if last_paragraph is None:
                    raise self.error(
                        "a list must follow a numbered paragraph (its items become "
                        "subparagraphs a., b., ...)", tok)
                i = self._subparagraphs(tokens, i, last_paragraph.id, blocks)
            elif tok.type == "blockquote_open":
                i = self._quote(tokens, i, blocks)
                last_paragraph = None
            elif tok.type == "fence":
                blocks.append(self._include(tok))
                last_paragraph = None
                i += 1
            elif tok.type == "footnote_reference_open":
                i = self._footnote(tokens, i, footnotes)
            elif tok.type == "hr":
                raise self.error("a horizontal rule is not content: the closing *** comes "
                                 "from the template", tok)
            elif tok.type == "code_block":
                raise self.error("indented code is not allowed in a paper; remove the "
                                 "leading spaces", tok)
            elif tok.type == "html_block":
                raise self.error("raw HTML is not allowed in a paper (comments are written "
                                 "`[//]: # (text)`)", tok)
            else:
                raise self.error(f"unsupported Markdown element ({tok.type})", tok)
        return blocks, footnotes

    def _block_id(self, opener: Token, what: str) -> tuple[str, list[str]]:
        block_id = opener.attrGet("id")
        if block_id is None:
            marker = "# Heading {#id}" if what == "heading" else "{#id} text"
            raise self.error(f"{what} has no id: write it as `{marker}`", opener)
        block_id = str(block_id)
        if not _VALID_ID.match(block_id):
            raise self.error(f"bad id {block_id!r}: use lower-case letters, digits and "
                             "hyphens", opener)
        classes = str(opener.attrGet("class") or "").split()
        unknown = [c for c in classes if c != "unnumbered"]
        if unknown:
            raise self.error(f"unknown class .{unknown[0]} (known: .unnumbered)", opener)
        return block_id, classes

    def _heading(self, opener: Token, inline: Token) -> ProseBlock:
        block_id, _ = self._block_id(opener, "heading")
        level = int(opener.tag[1])
        if level > 3:
            raise self.error("headings go down to ### only", opener)
        inlines = self.inlines(inline)
        if not any(isinstance(x, Run) and x.text.strip() for x in inlines):
            raise self.error(f"heading {{#{block_id}}} has no text", opener)
        text = Text([TextBlock(inlines)], self.where(opener))
        return ProseBlock("heading", block_id, text, self.where(opener), level=level)

    def _paragraph(self, opener: Token, inline: Token, kind: Kind,
                   parent: str | None = None) -> ProseBlock:
        block_id, classes = self._block_id(opener, kind)
        inlines = self.inlines(inline)
        if not any((isinstance(x, Run) and x.text.strip()) or isinstance(x, FootnoteRef)
                   for x in inlines):
            raise self.error(f"{kind} {{#{block_id}}} has no text", opener)
        text = Text([TextBlock(inlines)], self.where(opener))
        return ProseBlock(kind, block_id, text, self.where(opener),
                          numbered="unnumbered" not in classes, parent=parent)

    def _subparagraphs(self, tokens: list[Token], i: int, parent: str,
                       blocks: list[ProseBlock]) -> int:
        close = tokens[i].type.replace("_open", "_close")
        depth = 0
        i += 1
        while tokens[i].type != close or depth:
            tok = tokens[i]
            if tok.type in ("bullet_list_open", "ordered_list_open"):
                raise self.error("subparagraphs cannot be nested", tok)
            if tok.type == "list_item_open":
                if tokens[i + 1].type != "paragraph_open":
                    raise self.error("a subparagraph must start with `{#id} text`", tok)
                blocks.append(self._paragraph(tokens[i + 1], tokens[i + 2], "subparagraph",
                                              parent))
                i += 4
                if tokens[i].type != "list_item_close":
                    raise self.error("a subparagraph must be a single paragraph", tokens[i])
            i += 1
        return i + 1

    def _quote(self, tokens: list[Token], i: int, blocks: list[ProseBlock]) -> int:
        i += 1
        while tokens[i].type != "blockquote_close":
            tok = tokens[i]
            if tok.type == "paragraph_open":
                block = self._paragraph(tok, tokens[i + 1], "quote")
                block.kind = "quote"
                block.numbered = False
                blocks.append(block)
                i += 3
            else:
                raise self.error("a quotation may hold only `{#id} text` paragraphs", tok)
        return i + 1

    def _include(self, tok: Token) -> ProseBlock:
        m = _INCLUDE.match(tok.info.strip())
        if m is None:
            raise self.error(
                f"unknown block ```{tok.info.strip()}: use ```{{tables}} NAME or "
                "```{decisions} NAME", tok)
        if tok.content.strip():
            raise self.error(f"```{tok.info.strip()} holds text; it places a "
                             f"{m.group('kind')} set and must be closed by ``` on the next "
                             "line", tok)
        block_id = f"{m.group('kind')}:{m.group('name')}"
        return ProseBlock("include", block_id, None, self.where(tok), numbered=False)

    def _footnote(self, tokens: list[Token], i: int, footnotes: dict[str, Text]) -> int:
        opener = tokens[i]
        label = str(opener.meta["label"])
        if not _VALID_ID.match(label):
            raise self.error(f"bad footnote id {label!r}: use lower-case letters, digits and "
                             "hyphens", opener)
        if label in footnotes:
            raise self.error(f"footnote [^{label}] is defined twice", opener)
        blocks: list[TextBlock] = []
        i += 1
        while tokens[i].type != "footnote_reference_close":
            tok = tokens[i]
            if tok.type == "inline":
                blocks.append(TextBlock(self.inlines(tok)))
            elif tok.type not in ("paragraph_open", "paragraph_close"):
                raise self.error("a footnote may hold only plain paragraphs", tok)
            i += 1
        footnotes[label] = Text(blocks, self.where(opener))
        return i + 1

    # -- inlines --------------------------------------------------------------------

    def inlines(self, inline: Token) -> list[Inline]:
        out: list[Inline] = []
        bold = italic = 0
        for child in inline.children or []:
            t = child.type
            if t in ("text", "code_inline"):
                text = hard_breaks(child.content)
                self._text(out, text, bold > 0, italic > 0, inline)
            elif t == "softbreak":
                self._text(out, self.soft_break, bold > 0, italic > 0, inline)
            elif t == "hardbreak":
                self._text(out, "\n", bold > 0, italic > 0, inline)
            elif t == "strong_open":
                bold += 1
            elif t == "strong_close":
                bold -= 1
            elif t == "em_open":
                italic += 1
            elif t == "em_close":
                italic -= 1
            elif t == "footnote_ref":
                out.append(FootnoteRef(str(child.meta["label"])))
            elif t in ("link_open", "link_close"):
                continue
            elif t == "image":
                raise self.error("images are not supported in a paper; remove "
                                 f"![{child.content}]", inline)
            elif t == "html_inline":
                raise self.error(f"raw HTML ({child.content[:40]}) is not allowed in a "
                                 "paper", inline)
            else:
                raise self.error(f"unsupported inline Markdown ({t})", inline)
        return out

    def _text(self, out: list[Inline], text: str, bold: bool, italic: bool,
              inline: Token) -> None:
        bad = forbidden_character(text)
        if bad:
            raise self.error(f"character {describe(bad[0])} (from a character reference) "
                             "is not allowed in a paper", inline)
        undefined = _UNDEFINED_NOTE.search(text)
        if undefined:
            raise self.error(f"footnote [^{undefined.group(1)}] is used but not defined "
                             "in this file", inline)
        if not text:
            return
        last = out[-1] if out else None
        if isinstance(last, Run) and last.bold == bold and last.italic == italic:
            last.text += text
        else:
            out.append(Run(text, bold, italic))


def _check_unique_ids(prose: ProseFile) -> None:
    seen: dict[str, SourceLocation] = {}
    for block in prose.blocks:
        if block.id in seen:
            raise ContentError(f"id {block.id!r} is used twice (first at line "
                               f"{seen[block.id].line})", prose.path, block.where.line)
        seen[block.id] = block.where
