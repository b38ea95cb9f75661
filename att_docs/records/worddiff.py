"""Word diffs of two versions of a text: what a reviser needs to see of a changed original."""

from __future__ import annotations

import difflib
import re

from att_docs.language.scripts import CJK_SYMBOLS, HAN

__all__ = ["Change", "inline_diff", "word_diff"]

_TOKENS = re.compile(f"\\s+|[^\\s{CJK_SYMBOLS}{HAN}]+|\\S")  # words; CJK one by one

Change = tuple[str, str]
"""``("equal" | "delete" | "insert", text)``."""


def word_diff(old: str, new: str) -> list[Change]:
    """``old`` → ``new`` as runs of kept, deleted and inserted words (spaces included)."""
    a, b = _TOKENS.findall(old), _TOKENS.findall(new)
    out: list[Change] = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if op in ("equal", "delete", "replace") and op != "equal":
            out.append(("delete", "".join(a[i1:i2])))
        if op in ("insert", "replace"):
            out.append(("insert", "".join(b[j1:j2])))
        if op == "equal":
            out.append(("equal", "".join(a[i1:i2])))
    return [c for c in out if c[1]]


def inline_diff(old: str, new: str, context: int = 6) -> str:
    """``… kept [-deleted-]{+inserted+} kept …``, long unchanged stretches shortened."""
    parts: list[str] = []
    changes = word_diff(old, new)
    for index, (op, text) in enumerate(changes):
        if op in ("delete", "insert"):
            core = text.strip()
            lead, trail = text[:len(text) - len(text.lstrip())], text[len(text.rstrip()):]
            mark = f"[-{core}-]" if op == "delete" else f"{{+{core}+}}"
            parts.append(f"{lead}{mark}{trail}" if core else text)
        else:
            words = text.split(" ")
            head = index > 0
            tail = index < len(changes) - 1
            keep = context * (head + tail)
            if len(words) > keep + 1:
                lead = " ".join(words[:context]) if head else ""
                trail = " ".join(words[-context:]) if tail else ""
                if head and tail:
                    text = f"{lead} … {trail}"
                else:
                    text = f"{lead} …" if head else f"… {trail}"
            parts.append(text)
    return "".join(parts).strip()
