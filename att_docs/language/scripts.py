"""Each script's character class, defined once, as regular-expression ranges.

Code that needs to know a character's script (to count words as Word does, to split a
word diff, to tell Chinese text in a plain file) reads these; what a language does with
them (its punctuation, its names) is locale data.
"""

from __future__ import annotations

__all__ = ["CJK_SYMBOLS", "EAST_ASIAN", "EAST_ASIAN_LETTERS", "FULL_WIDTH", "HAN",
           "HANGUL", "HAN_COMPATIBILITY", "KANA", "is_han"]

HAN = "\u3400-\u4dbf\u4e00-\u9fff"
"""Han ideographs: CJK Unified Ideographs and their Extension A."""
HAN_COMPATIBILITY = "\uf900-\ufaff"
"""CJK Compatibility Ideographs."""
KANA = "\u3040-\u30ff"
"""Hiragana and katakana."""
HANGUL = "\uac00-\ud7af"
"""Hangul syllables."""
CJK_SYMBOLS = "\u3000-\u303f"
"""CJK symbols and punctuation: the ideographic space, 、。〈〉《》「」."""
FULL_WIDTH = "\uff00-\uffef"
"""Half-width and full-width forms: ，：（） and full-width Latin letters and digits."""

EAST_ASIAN_LETTERS = KANA + HAN + HAN_COMPATIBILITY + HANGUL
"""Characters each of which Word counts as a word."""
EAST_ASIAN = CJK_SYMBOLS + EAST_ASIAN_LETTERS + FULL_WIDTH
"""Every East Asian character: letters, their punctuation and full-width forms."""


def is_han(char: str) -> bool:
    """Whether ``char`` (one character) is a Han ideograph of :data:`HAN`."""
    return "\u4e00" <= char <= "\u9fff" or "\u3400" <= char <= "\u4dbf"
