"""A revised paper against its issued version, compared by ids: what a redline marks.

:func:`redline_document` takes the issued version and the revision, both assembled, and
gives one document in one language that holds both: every block of the revision in its
order, the blocks the revision removed where they stood, each text a :class:`RevisedText`
whose inlines say what was inserted, deleted or only reformatted. Writers lay it out as
they lay out any document; their redline variants read the marks.

What counts as a change, by the model's stable ids (not by position, as Word's Compare):

* a block is the same block when its id is: a paragraph whose only change is its number
  (one inserted before it) is not marked;
* a block whose id stands elsewhere in the order of the others is **moved**: marked where
  it was (``moved-from``) and where it is (``moved-to``), never as deleted and inserted;
  paragraphs, headings, subparagraphs, decision groups and items move; table rows and
  cells are inserted or deleted;
* a new block is one insertion, a removed one one deletion, whole;
* within a text (paragraph, heading, subparagraph, table title, label and cell, decision
  lead and item, footnote, frame line), the words are compared, as the language's
  :mod:`segmentation <att_docs.document.segmentation>` cuts them; footnote marks are words
  of their own; a word kept in other bold or italic is ``formatted``;
* a paragraph that changed style only (numbered to unnumbered, a heading's level) keeps
  its text and says what it was (``formerly``).

The comparison is Google's diff-match-patch over tokens, with its semantic clean-up (a
short stretch left between two changes is taken into them, as a reader expects).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Hashable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from typing import Any, Literal, TypeVar

from att_docs.document import model as m
from att_docs.document.segmentation import Segmenter
from att_docs.document.walk import dispatch, row_label_id, walk

__all__ = ["NOTICE_STYLE", "Change", "ChangedRef", "ChangedRun", "Mark", "RevisedBlock",
           "RevisedText", "changes", "redline_document", "style_role", "with_notice"]

Mark = Literal["inserted", "deleted", "moved-from", "moved-to"]
T = TypeVar("T")


@dataclass
class ChangedRun(m.Run):
    """Text the revision inserted or deleted, or kept in other bold or italic
    (``formatted``: ``was_bold`` and ``was_italic`` are the issued version's)."""

    change: Literal["inserted", "deleted", "formatted"] = "inserted"
    was_bold: bool = False
    was_italic: bool = False


@dataclass
class ChangedRef(m.FootnoteRef):
    """A footnote mark the revision inserted or deleted."""

    change: Literal["inserted", "deleted"] = "inserted"


@dataclass
class RevisedBlock(m.TextBlock):
    """One paragraph of a cell or footnote; ``mark`` when inserted or deleted whole."""

    mark: Mark | None = None


@dataclass
class RevisedText(m.Text):
    """A text as revised: its inlines hold what was kept, inserted and deleted.

    ``mark`` is set when the whole text (its paragraph) was inserted, deleted or moved;
    ``move`` then names the move, the same at both places; ``formerly`` is the style role
    (:func:`style_role`) the paragraph had where only that changed.
    """

    mark: Mark | None = None
    move: str | None = None
    formerly: str | None = None

    @property
    def changed(self) -> bool:
        """Anything to mark: a mark, a style change, or a changed inline."""
        return bool(self.mark or self.formerly or any(
            isinstance(i, ChangedRun | ChangedRef) or getattr(b, "mark", None)
            for b in self.blocks for i in b.inlines))


def _no_role(block: m.Block) -> None:
    return None


_ROLES: dict[type, Callable[[Any], str | None]] = {
    m.Heading: lambda block: f"heading{min(block.level, 2)}",
    m.Paragraph: lambda block: "numbered" if block.numbered else "body",
    m.BlockQuote: lambda block: "quote",
    m.Table: _no_role,
    m.DecisionList: _no_role,
    m.FrameBlock: _no_role,
    m.PageBreak: _no_role,
}


def style_role(block: m.Block) -> str | None:
    """The style sheet's role for a text block's paragraph (``styles.yaml`` ``styles``);
    None for a block that is not one text."""
    return dispatch(_ROLES, block, "the redline's style roles")


# --------------------------------------------------------------------------- diffs


def _codes(*sequences: Sequence[Hashable]) -> list[str]:
    """Each sequence as a string, one private-use character per distinct item, so that
    diff-match-patch compares items as it compares characters."""
    table: dict[Hashable, str] = {}
    out = []
    for seq in sequences:
        chars = []
        for item in seq:
            code = table.get(item)
            if code is None:
                code = table[item] = chr(0xF0000 + len(table))
            chars.append(code)
        out.append("".join(chars))
    if len(table) > 0x10FFFD - 0xF0000:
        raise ValueError("too many distinct items to compare")
    return out


Opcode = tuple[str, int, int, int, int]


def _opcodes(old: Sequence[Hashable], new: Sequence[Hashable], semantic: bool) -> list[Opcode]:
    """``(op, i1, i2, j1, j2)`` with op ``equal``, ``delete`` or ``insert``."""
    from diff_match_patch import diff_match_patch

    dmp = diff_match_patch()
    dmp.Diff_Timeout = 0  # the same answer on any machine, however busy
    a, b = _codes(old, new)
    diffs = dmp.diff_main(a, b, False)
    if semantic:
        dmp.diff_cleanupSemantic(diffs)
    out: list[Opcode] = []
    i = j = 0
    for op, chars in diffs:
        n = len(chars)
        if op == 0:
            out.append(("equal", i, i + n, j, j + n))
            i, j = i + n, j + n
        elif op < 0:
            out.append(("delete", i, i + n, j, j))
            i += n
        else:
            out.append(("insert", i, i, j, j + n))
            j += n
    return out


Step = tuple[str, int | None, int | None]
"""``("equal", i, j)``, ``("insert", None, j)``, ``("delete", i, None)``,
``("move-from", i, None)``, ``("move-to", i, j)``: the merged order of two lists."""


def _align(old: Sequence[Hashable], new: Sequence[Hashable], moves: bool) -> list[Step]:
    """Old and new items in one order; with ``moves``, an item (a unique key) that is in
    both but out of order is moved rather than deleted and inserted."""
    steps: list[Step] = []
    for op, i1, i2, j1, j2 in _opcodes(old, new, semantic=False):
        if op == "equal":
            steps.extend(("equal", i1 + k, j1 + k) for k in range(i2 - i1))
        elif op == "delete":
            steps.extend(("delete", i, None) for i in range(i1, i2))
        else:
            steps.extend(("insert", None, j) for j in range(j1, j2))
    if not moves:
        return steps
    where = {key: i for i, key in enumerate(old)}
    in_new = set(new)
    out: list[Step] = []
    for op, i, j in steps:
        if op == "delete" and old[i] in in_new:  # type: ignore[index]
            out.append(("move-from", i, None))
        elif op == "insert" and new[j] in where:  # type: ignore[index]
            out.append(("move-to", where[new[j]], j))  # type: ignore[index]
        else:
            out.append((op, i, j))
    return out


# --------------------------------------------------------------------------- inlines


@dataclass(frozen=True)
class _Token:
    key: str
    inline: m.Inline


def _tokens(inlines: list[m.Inline], segmenter: Segmenter) -> list[_Token]:
    out = []
    for inline in inlines:
        if isinstance(inline, m.Run):
            out.extend(_Token(piece, m.Run(piece, inline.bold, inline.italic))
                       for piece in segmenter.split(inline.text))
        else:
            out.append(_Token(f"\0{inline.id}", m.FootnoteRef(inline.id)))
    return out


def _changed(inline: m.Inline, change: Literal["inserted", "deleted"]) -> m.Inline:
    if isinstance(inline, m.Run):
        return ChangedRun(inline.text, inline.bold, inline.italic, change)
    return ChangedRef(inline.id, change)


def _kept(old: m.Inline, new: m.Inline) -> m.Inline:
    if isinstance(old, m.Run) and isinstance(new, m.Run) and (
            (old.bold, old.italic) != (new.bold, new.italic)):
        return ChangedRun(new.text, new.bold, new.italic, "formatted", old.bold, old.italic)
    return new


def _diff_tokens(a: list[_Token], b: list[_Token], segmenter: Segmenter) -> list[m.Inline]:
    out: list[m.Inline] = []
    gone: list[_Token] = []
    came: list[_Token] = []

    def flush() -> None:
        if gone and came and segmenter.refine and all(
                isinstance(t.inline, m.Run) for t in (*gone, *came)):
            chars = Segmenter.characters()
            out.extend(_diff_tokens(_retokenized(gone, chars), _retokenized(came, chars),
                                    chars))
        else:
            out.extend(_changed(t.inline, "deleted") for t in gone)
            out.extend(_changed(t.inline, "inserted") for t in came)
        gone.clear()
        came.clear()

    for op, i1, i2, j1, j2 in _opcodes([t.key for t in a], [t.key for t in b], semantic=True):
        if op == "equal":
            flush()
            out.extend(_kept(x.inline, y.inline) for x, y in zip(a[i1:i2], b[j1:j2],
                                                                 strict=True))
        elif op == "delete":
            gone.extend(a[i1:i2])
        else:
            came.extend(b[j1:j2])
    flush()
    return out


def _retokenized(tokens: list[_Token], segmenter: Segmenter) -> list[_Token]:
    return _tokens([t.inline for t in tokens], segmenter)


def _same_look(a: m.Inline, b: m.Inline) -> bool:
    if type(a) is not type(b) or not isinstance(a, m.Run) or not isinstance(b, m.Run):
        return False
    fields_a = {k: v for k, v in vars(a).items() if k != "text"}
    return fields_a == {k: v for k, v in vars(b).items() if k != "text"}


def _joined(inlines: list[m.Inline]) -> list[m.Inline]:
    """Neighbouring runs of one look as one run."""
    out: list[m.Inline] = []
    for inline in inlines:
        if out and _same_look(out[-1], inline):
            out[-1] = replace(out[-1], text=out[-1].text + inline.text)  # type: ignore[union-attr]
        else:
            out.append(inline)
    return out


def _diff_inlines(old: list[m.Inline], new: list[m.Inline],
                  segmenter: Segmenter) -> list[m.Inline]:
    return _joined(_diff_tokens(_tokens(old, segmenter), _tokens(new, segmenter), segmenter))


# --------------------------------------------------------------------------- texts


def _whole(text: m.Text | None, mark: Mark, move: str | None = None) -> RevisedText:
    """A text inserted, deleted or moved as a whole."""
    if text is None:
        return RevisedText([], None, mark=mark, move=move)
    change: Literal["inserted", "deleted"] | None = (
        "inserted" if mark == "inserted" else "deleted" if mark == "deleted" else None)
    blocks = [RevisedBlock(_joined([_changed(i, change) if change else i for i in b.inlines]),
                           b.list_kind, b.number, mark=mark) for b in text.blocks]
    return RevisedText(blocks, text.where, mark=mark, move=move)


def _diff_text(old: m.Text | None, new: m.Text | None, segmenter: Segmenter) -> RevisedText:
    if old is None:
        return _whole(new, "inserted")
    if new is None:
        return _whole(old, "deleted")
    if len(old.blocks) == 1 and len(new.blocks) == 1:
        (a,), (b,) = old.blocks, new.blocks
        blocks = [RevisedBlock(_diff_inlines(a.inlines, b.inlines, segmenter), b.list_kind,
                               b.number)]
        return RevisedText(blocks, new.where)
    return RevisedText(_diff_blocks(old.blocks, new.blocks, segmenter), new.where)


def _diff_blocks(old: list[m.TextBlock], new: list[m.TextBlock],
                 segmenter: Segmenter) -> list[m.TextBlock]:
    """The paragraphs of a cell or footnote: kept ones compared by words, and a changed
    paragraph paired with the one that took its place."""
    keys = [_plain(b) for b in old], [_plain(b) for b in new]
    out: list[m.TextBlock] = []
    gone: list[m.TextBlock] = []
    came: list[m.TextBlock] = []

    def flush() -> None:
        for a, b in zip(gone, came, strict=False):
            out.append(RevisedBlock(_diff_inlines(a.inlines, b.inlines, segmenter),
                                    b.list_kind, b.number))
        for a in gone[len(came):]:
            out.extend(_whole(m.Text([a]), "deleted").blocks)
        for b in came[len(gone):]:
            out.extend(_whole(m.Text([b]), "inserted").blocks)
        gone.clear()
        came.clear()

    for op, i, j in _align(*keys, moves=False):
        if op == "equal":
            flush()
            out.append(RevisedBlock(_diff_inlines(old[i].inlines, new[j].inlines,  # type: ignore[index]
                                                  segmenter), new[j].list_kind,  # type: ignore[index]
                                    new[j].number))  # type: ignore[index]
        elif op == "delete":
            gone.append(old[i])  # type: ignore[index]
        else:
            came.append(new[j])  # type: ignore[index]
    flush()
    return out


def _plain(block: m.TextBlock) -> tuple[str, ...]:
    return tuple(i.text if isinstance(i, m.Run) else f"\0{i.id}" for i in block.inlines)


# --------------------------------------------------------------------------- blocks


def _texts_of(item: Any, f: Callable[[m.Localized, str], m.Localized]) -> Any:
    """A copy of a block (or a row, cell, subparagraph, decision group or item) whose
    every text is ``f(text, unit id)``."""
    return dispatch(_MAP, item, "the redline", f)


def _row(row: m.TableRow, f: Callable[[m.Localized, str], m.Localized],
         table: m.Table | None = None) -> m.TableRow:
    label = row_label_id(table, row) if table is not None else f"{row.id}.label"
    return replace(row, label=f(row.label, label), cells=[_texts_of(c, f) for c in row.cells])


def _group(group: m.DecisionGroup,
           f: Callable[[m.Localized, str], m.Localized]) -> m.DecisionGroup:
    return replace(group, lead=f(group.lead, f"{group.id}.lead"),
                   items=[_texts_of(i, f) for i in group.items])


_MAP: dict[type, Callable[..., Any]] = {
    m.Heading: lambda b, f: replace(b, text=f(b.text, b.id)),
    m.BlockQuote: lambda b, f: replace(b, text=f(b.text, b.id)),
    m.Subparagraph: lambda b, f: replace(b, text=f(b.text, b.id)),
    m.Cell: lambda b, f: replace(b, text=f(b.text, b.id)),
    m.DecisionItem: lambda b, f: replace(b, text=f(b.text, b.id)),
    m.FrameBlock: lambda b, f: replace(b, text=f(b.text, f"{b.id}.{b.style}")),
    m.PageBreak: lambda b, f: b,
    m.Paragraph: lambda b, f: replace(b, text=f(b.text, b.id),
                                      subparagraphs=[_texts_of(s, f) for s in b.subparagraphs]),
    m.TableRow: _row,
    m.Table: lambda b, f: replace(b, title=f(b.title, f"{b.id}.title"),
                                  rows=[_row(r, f, b) for r in b.rows]),
    m.DecisionGroup: _group,
    m.DecisionList: lambda b, f: replace(b, groups=[_group(g, f) for g in b.groups]),
}


@dataclass
class _Merger:
    """Merges the issued and revised blocks of one document in one language."""

    lang: str
    segmenter: Segmenter
    old_ids: set[str] = field(default_factory=set)
    new_texts: dict[str, m.Localized] = field(default_factory=dict)  # by unit id

    # ---------------------------------------------------------- texts

    def text(self, old: m.Localized | None, new: m.Localized, uid: str,
             moved: bool = False) -> m.Localized:
        revised = _diff_text((old or {}).get(self.lang), new.get(self.lang), self.segmenter)
        if moved and uid in self.old_ids:
            revised = _one_side(revised, "deleted")  # shown where it was (see whole())
            revised.mark, revised.move = "moved-to", uid
        return {self.lang: revised}

    def whole(self, block: T, mark: Mark) -> T:
        """``block`` inserted, deleted or (``moved-from``) moved away, every text of it;
        a text the revision no longer has is deleted where the block was."""
        def mark_text(value: m.Localized, uid: str) -> m.Localized:
            text = value.get(self.lang)
            if mark == "moved-from":
                if uid not in self.new_texts:
                    return {self.lang: _whole(text, "deleted")}
                # where it was: the issued text, with the words the revision deleted
                # marked there (the words it inserted are marked where it is now)
                now = self.new_texts[uid].get(self.lang)
                moved = _one_side(_diff_text(text, now, self.segmenter), "inserted")
                moved.mark, moved.move = "moved-from", uid
                return {self.lang: moved}
            return {self.lang: _whole(text, mark)}
        return _texts_of(block, mark_text)  # type: ignore[arg-type,return-value]

    def merge(self, old: Sequence[T], new: Sequence[T], key: Callable[[T], Hashable],
              pair: Callable[[T, T, bool], T], moves: bool, moved: bool = False) -> list[T]:
        """Old and new items in one list: kept ones paired, the others marked whole.
        Inside a moved block (``moved``), what was removed is shown where it was only."""
        out: list[T] = []
        for op, i, j in _align([key(x) for x in old], [key(x) for x in new], moves):
            if op == "equal":
                out.append(pair(old[i], new[j], moved))  # type: ignore[index]
            elif op == "insert":
                out.append(self.whole(new[j], "inserted"))  # type: ignore[index]
            elif op == "delete" and not moved:
                out.append(self.whole(old[i], "deleted"))  # type: ignore[index]
            elif op == "move-from" and not moved:
                out.append(self.whole(old[i], "moved-from"))  # type: ignore[index]
            elif op == "move-to":
                out.append(pair(old[i], new[j], True))  # type: ignore[index]
        return out

    # ---------------------------------------------------------- block pairs

    def pair(self, old: m.Block, new: m.Block, moved: bool) -> m.Block:
        """``old`` and ``new``, one block of the same key, merged."""
        return dispatch(_PAIRS, new, "the redline", self, old, moved)

    def _frame(self, old: m.FrameBlock, new: m.FrameBlock) -> m.FrameBlock:
        return replace(new, text=self.text(old.text, new.text, f"{new.id}.{new.style}"))

    def _text_block(self, old: m.Block, new: m.Heading | m.Paragraph | m.BlockQuote,
                    moved: bool) -> m.Block:
        text = self.text(old.text, new.text, new.id, moved)  # type: ignore[union-attr]
        before, after = style_role(old), style_role(new)
        if before != after:
            text[self.lang].formerly = before  # type: ignore[attr-defined]
        if not isinstance(new, m.Paragraph):
            return replace(new, text=text)
        subs = old.subparagraphs if isinstance(old, m.Paragraph) else []
        merged = self.merge(subs, new.subparagraphs, lambda s: s.id,
                            lambda o, n, mv: replace(n, text=self.text(o.text, n.text, n.id,
                                                                       mv)),
                            moves=True, moved=moved)
        return replace(new, text=text, subparagraphs=merged)

    def _table(self, old: m.Table, new: m.Table) -> m.Table:
        def row(o: m.TableRow, n: m.TableRow, _moved: bool) -> m.TableRow:
            cells = self.merge(o.cells, n.cells, lambda c: c.id,
                               lambda oc, nc, _: replace(nc, text=self.text(oc.text, nc.text,
                                                                            nc.id)),
                               moves=False)
            return replace(n, label=self.text(o.label, n.label, row_label_id(new, n)),
                           cells=cells)

        rows = self.merge(old.rows, new.rows, lambda r: r.id, row, moves=False)
        return replace(new, title=self.text(old.title, new.title, f"{new.id}.title"),
                       rows=rows)

    def _decisions(self, old: m.DecisionList, new: m.DecisionList,
                   moved: bool) -> m.DecisionList:
        def group(o: m.DecisionGroup, n: m.DecisionGroup, mv: bool) -> m.DecisionGroup:
            items = self.merge(o.items, n.items, lambda i: i.id,
                               lambda oi, ni, imv: replace(ni, text=self.text(
                                   oi.text, ni.text, ni.id, imv)),
                               moves=True, moved=mv)
            return replace(n, lead=self.text(o.lead, n.lead, f"{n.id}.lead", mv), items=items)

        return replace(new, groups=self.merge(old.groups, new.groups, lambda g: g.id, group,
                                              moves=True, moved=moved))

    def whole_block(self, block: m.Block, mark: Mark) -> m.Block:
        return self.whole(block, mark)


def _text_pair(new: Any, merger: _Merger, old: Any, moved: bool) -> m.Block:
    return merger._text_block(old, new, moved)


_PAIRS: dict[type, Callable[..., m.Block]] = {
    m.Heading: _text_pair,
    m.Paragraph: _text_pair,
    m.BlockQuote: _text_pair,
    m.Table: lambda new, merger, old, moved: merger._table(old, new),
    m.DecisionList: lambda new, merger, old, moved: merger._decisions(old, new, moved),
    m.FrameBlock: lambda new, merger, old, moved: merger._frame(old, new),
    m.PageBreak: lambda new, merger, old, moved: new,
}
"""How a block of the revision merges with its issued version, by type."""


def _block_keys(body: list[m.Block]) -> list[Hashable]:
    """What makes a block of the body the same block in another version: its id (texts
    of one family share the key, so a paragraph that became a heading is the same block),
    and for a frame line its part, style and place among that style's lines."""
    keys: list[Hashable] = []
    seen: Counter[Hashable] = Counter()
    part = "main"
    for block in body:
        if isinstance(block, m.PageBreak):  # the blocks after it are the next part's
            part = block.id.removesuffix(".page-break")
        key = dispatch(_KEYS, block, "the redline's block keys", part)
        seen[key] += 1
        keys.append((key, seen[key]))
    return keys


def _text_key(block: Any, part: str) -> Hashable:
    return ("text", block.id)


_KEYS: dict[type, Callable[[Any, str], Hashable]] = {
    m.PageBreak: lambda block, part: ("page-break", block.id),
    m.FrameBlock: lambda block, part: ("frame", part, block.style),
    m.Heading: _text_key,
    m.Paragraph: _text_key,
    m.BlockQuote: _text_key,
    m.Table: lambda block, part: ("Table", block.id),
    m.DecisionList: lambda block, part: ("DecisionList", block.id),
}
"""What makes a block the same block in another version, by type (see _block_keys)."""


def _movable(key: Hashable) -> bool:
    return key[0][0] != "frame"  # type: ignore[index]


def _ids(document: m.Document) -> set[str]:
    return {piece.id for piece in walk(document.body)}


def _one_side(text: RevisedText, leave: str) -> RevisedText:
    """``text`` without its ``leave`` (inserted or deleted) words and paragraphs: a moved
    text shows its deletions where it was and its insertions where it is, so that
    accepting or rejecting the changes gives either version once."""
    blocks = [replace(b, inlines=_joined([i for i in b.inlines
                                          if getattr(i, "change", None) != leave]))
              for b in text.blocks if getattr(b, "mark", None) != leave]
    return RevisedText(blocks, text.where, formerly=text.formerly)


def redline_document(issued: m.Document, revised: m.Document, lang: str,
                     segmenter: Segmenter) -> m.Document:
    """``revised`` in ``lang``, with what changed since ``issued`` marked (both assembled;
    the issued version framed with the revision's symbol and date, so that the masthead
    shows no change the revision makes by nature)."""
    merger = _Merger(lang, segmenter, _ids(issued),
                     {piece.id: piece.text for piece in walk(revised.body)})
    old_keys, new_keys = _block_keys(issued.body), _block_keys(revised.body)
    movable = {k for k in old_keys if _movable(k)}
    body: list[m.Block] = []
    steps = _align(old_keys, new_keys, moves=True)
    for op, i, j in steps:
        if op in ("move-from", "move-to") and old_keys[i] not in movable:  # type: ignore[index]
            op = "delete" if op == "move-from" else "insert"
        if op == "equal":
            body.append(merger.pair(issued.body[i], revised.body[j], False))  # type: ignore[index]
        elif op == "insert":
            body.append(merger.whole_block(revised.body[j], "inserted"))  # type: ignore[index]
        elif op == "delete":
            body.append(merger.whole_block(issued.body[i], "deleted"))  # type: ignore[index]
        elif op == "move-from":
            body.append(merger.whole_block(issued.body[i], "moved-from"))  # type: ignore[index]
        else:
            body.append(merger.pair(issued.body[i], revised.body[j], True))  # type: ignore[index]
    footnotes = _footnotes(issued, revised, merger)
    merged = replace(revised, body=body, footnotes=footnotes)
    _own_notes_for_old_marks(merged, lang)
    _number_footnotes(merged, lang)
    return merged


def _old_side(inline: m.Inline, text: m.Text) -> bool:
    """A footnote mark that accepting the changes removes: deleted, or moved away."""
    if isinstance(inline, ChangedRef):
        return inline.change == "deleted"
    return isinstance(inline, m.FootnoteRef) and getattr(text, "mark", None) == "moved-from"


def _own_notes_for_old_marks(document: m.Document, lang: str) -> None:
    """A footnote mark that accepting removes gets a footnote of its own when a kept mark
    refers to the same note, as each place has in Word: accepting or rejecting the changes
    then leaves every remaining mark with its note. (The copy reads as the issued note.)"""
    kept = {inline.id for piece in walk(document.body)
            for text in [piece.text.get(lang)] if text is not None
            for block in text.blocks for inline in block.inlines
            if isinstance(inline, m.FootnoteRef) and not _old_side(inline, text)}
    copies = 0
    for piece in walk(document.body):
        text = piece.text.get(lang)
        for block in text.blocks if text is not None else []:
            for k, inline in enumerate(block.inlines):
                if not isinstance(inline, m.FootnoteRef) or not _old_side(inline, text) \
                        or inline.id not in kept or inline.id not in document.footnotes:
                    continue
                copies += 1
                own = f"{inline.id}~{copies}"  # never an id of the content ([a-z0-9-])
                note = document.footnotes[inline.id]
                old = note.text.get(lang)
                was = _whole(_issued_text(old), "deleted") if isinstance(inline, ChangedRef) \
                    else _issued_text(old)
                document.footnotes[own] = m.Footnote(own, {lang: was} if was else {})
                block.inlines[k] = replace(inline, id=own)


def _issued_text(text: m.Text | None) -> m.Text | None:
    """The issued version of a revised text: what was kept and what was deleted."""
    if not isinstance(text, RevisedText):
        return text
    blocks = []
    for block in text.blocks:
        if getattr(block, "mark", None) == "inserted":
            continue
        inlines = [_restored(i) for i in block.inlines
                   if getattr(i, "change", None) != "inserted"]
        blocks.append(m.TextBlock(_joined(inlines), block.list_kind, block.number))
    return m.Text(blocks, text.where)


def _restored(inline: m.Inline) -> m.Inline:
    if isinstance(inline, ChangedRun):
        if inline.change == "formatted":
            return m.Run(inline.text, inline.was_bold, inline.was_italic)
        return m.Run(inline.text, inline.bold, inline.italic)
    if isinstance(inline, ChangedRef):
        return m.FootnoteRef(inline.id)
    return inline


def _footnotes(issued: m.Document, revised: m.Document,
               merger: _Merger) -> dict[str, m.Footnote]:
    out = {note_id: replace(note, text=merger.text(
               issued.footnotes[note_id].text if note_id in issued.footnotes else None,
               note.text, f"footnote.{note_id}"), number=None)
           for note_id, note in revised.footnotes.items()}
    for note_id, note in issued.footnotes.items():
        if note_id not in out:
            out[note_id] = replace(note, text={merger.lang: _whole(
                note.text.get(merger.lang), "deleted")}, number=None)
    return out


def _number_footnotes(document: m.Document, lang: str) -> None:
    """Footnotes numbered in order of first reference in the redline, deleted marks
    included (as Word numbers them while the changes are shown)."""
    number = 0
    for piece in walk(document.body):
        text = piece.text.get(lang)
        for block in text.blocks if text else []:
            for inline in block.inlines:
                note = document.footnotes.get(inline.id) if isinstance(
                    inline, m.FootnoteRef) else None
                if note is not None and note.number is None:
                    number += 1
                    note.number = number


NOTICE_STYLE = "redline-notice"
"""The frame style of a redline's notice line ("translation incomplete"): the writers set
it in the look of ``styles.yaml``'s ``redline.notice``."""


def with_notice(document: m.Document, lang: str, notice: str) -> m.Document:
    """``document`` with the line ``notice`` under its title block (before the first block
    that is not a frame line)."""
    body = document.body
    at = next((i for i, b in enumerate(body) if not isinstance(b, m.FrameBlock)), len(body))
    line = m.FrameBlock("redline-notice", NOTICE_STYLE, {lang: m.Text.of(notice)})
    return replace(document, body=[*body[:at], line, *body[at:]])


# --------------------------------------------------------------------------- counting


@dataclass(frozen=True)
class Change:
    """One change a redline shows: ``kind`` inserted, deleted, moved, formatted or
    restyled; the unit it is in, and its text."""

    kind: str
    unit: str
    text: str


def _texts(document: m.Document, lang: str) -> Iterator[tuple[str, m.Text]]:
    for piece in walk(document.body):
        text = piece.text.get(lang)
        if text is not None:
            yield piece.id, text
    for note in document.footnotes.values():
        text = note.text.get(lang)
        if text is not None:
            yield f"footnote.{note.id}", text


def changes(document: m.Document, lang: str) -> list[Change]:
    """Every change a redline document shows, in reading order: a text inserted, deleted or
    moved whole counts once (a move at its new place), any other text once per stretch of
    inserted, deleted or reformatted words, and once for a change of style."""
    out: list[Change] = []
    for uid, text in _texts(document, lang):
        if not isinstance(text, RevisedText):
            continue
        whole = text.plain().strip()
        if text.mark in ("inserted", "deleted"):
            out.append(Change(text.mark, uid, whole))
            continue
        if text.mark == "moved-to":  # a move counts where it went
            out.append(Change("moved", uid, whole))
        if text.formerly:
            out.append(Change("restyled", uid, text.formerly))
        for block in text.blocks:
            if getattr(block, "mark", None) in ("inserted", "deleted"):
                out.append(Change(block.mark, uid, "".join(  # type: ignore[attr-defined]
                    i.text for i in block.inlines if isinstance(i, m.Run))))
                continue
            out.extend(_inline_changes(block.inlines, uid))
    return out


def _inline_changes(inlines: list[m.Inline], uid: str) -> Iterator[Change]:
    previous: str | None = None
    for inline in inlines:
        kind = inline.change if isinstance(inline, ChangedRun | ChangedRef) else None
        if kind is not None and kind != previous:
            yield Change(kind, uid, inline.text if isinstance(inline, m.Run) else
                         f"[^{inline.id}]")
        previous = kind
