"""When two texts are the same text: however their runs are split or their Markdown spelt."""

from __future__ import annotations

from att_docs.document.model import FootnoteRef, Inline, Run, Text

__all__ = ["HARD_BREAKS", "hard_breaks", "normalise", "same_text"]

#: Unicode's line and paragraph separators: another spelling of a hard break
HARD_BREAKS = str.maketrans({"\u2028": "\n", "\u2029": "\n"})


def hard_breaks(text: str) -> str:
    """``text`` with each line or paragraph separator spelt ``\\n``. Most texts have none,
    and looking for them costs far less than translating every character."""
    if "\u2028" in text or "\u2029" in text:
        return text.translate(HARD_BREAKS)
    return text


def normalise(inlines: list[Inline]) -> list[Inline]:
    """Adjacent runs of the same formatting merged, empty runs dropped: equal texts compare
    equal however they were split."""
    out: list[Inline] = []
    for inline in inlines:
        if isinstance(inline, Run):
            if not inline.text:
                continue
            last = out[-1] if out else None
            if isinstance(last, Run) and (last.bold, last.italic) == (inline.bold, inline.italic):
                out[-1] = Run(last.text + inline.text, last.bold, last.italic)
                continue
            out.append(Run(inline.text, inline.bold, inline.italic))
        else:
            out.append(FootnoteRef(inline.id))
    return out


def same_text(a: Text | None, b: Text | None) -> bool:
    """The same blocks (list kind and number included) with the same inlines, a hard break
    however it is spelt."""
    if a is None or b is None:
        return a is b
    return len(a.blocks) == len(b.blocks) and all(
        (x.list_kind, x.number if x.list_kind == "ordered" else None, _spelt(x.inlines))
        == (y.list_kind, y.number if y.list_kind == "ordered" else None, _spelt(y.inlines))
        for x, y in zip(a.blocks, b.blocks, strict=True))


def _spelt(inlines: list[Inline]) -> list[Inline]:
    return [Run(hard_breaks(i.text), i.bold, i.italic) if isinstance(i, Run) else i
            for i in normalise(inlines)]
