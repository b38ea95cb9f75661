"""Words as translators bill them: words for scripts written with spaces, characters for
scripts written without (the ``word_count`` rule of a language's locale data).

``characters`` counts each wide (East Asian) letter as one and any run of other letters
or digits inside the text (an acronym, a number) as one more, as word processors count
Asian text; ``words`` counts runs of letters and digits, keeping ``States'`` and
``co-chairs`` whole.
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache, lru_cache

__all__ = ["RULES", "count_words"]

RULES = ("words", "characters")
_WORD = re.compile(r"[^\W_]+(?:['’\-][^\W_]+)*")


@cache
def _wide(ch: str) -> bool:
    return unicodedata.east_asian_width(ch) in ("W", "F") and ch.isalnum()


@lru_cache(maxsize=16384)  # a source text is counted once for each of its translations
def count_words(text: str, rule: str) -> int:
    """The billable count of ``text`` under ``rule`` (one of :data:`RULES`)."""
    if rule == "characters":
        wide = [ch for ch in set(text) if not ch.isascii() and _wide(ch)]
        if wide:  # each wide letter counts one, and splits the runs around it
            count = sum(map(text.count, wide))
            text = text.translate(dict.fromkeys(map(ord, wide), " "))
            return count + len(_WORD.findall(text))
        return len(_WORD.findall(text))
    if rule == "words":
        return len(_WORD.findall(text))
    raise ValueError(f"unknown word_count rule {rule!r} (known: {', '.join(RULES)})")
