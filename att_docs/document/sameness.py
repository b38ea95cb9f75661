"""When two texts are the same text: however their runs are split or their Markdown spelt."""

from __future__ import annotations

from att_docs.document.model import FootnoteRef, Inline, Run, Text

__all__ = ["normalise", "same_text"]


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
    """The same blocks (list kind and number included) with the same inlines."""
    if a is None or b is None:
        return a is b
    return len(a.blocks) == len(b.blocks) and all(
        (x.list_kind, x.number if x.list_kind == "ordered" else None, normalise(x.inlines))
        == (y.list_kind, y.number if y.list_kind == "ordered" else None, normalise(y.inlines))
        for x, y in zip(a.blocks, b.blocks, strict=True))
