"""The quick looks that spare reading a full pass agree with the full pass on every text."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from att_docs.base.errors import ContentError
from att_docs.base.text import _LONG_WORD, FORBIDDEN, MAX_WORD, check_characters
from att_docs.document.sameness import HARD_BREAKS, hard_breaks
from att_docs.records.provenance import _normal

# spaces of several kinds, breaks that are not spaces, letters, CJK, separators
PIECES = [" ", "\t", "\n", "\u3000", "\u00a0", "\u2028", "\u2029", "\u00ad", "\u200b",
          "\x1c", "\x85", "\ufeff", "a", "é", "Z", "9", "中", "，", "-", "—"]


def _texts(count: int, longest: int) -> list[str]:
    rng = random.Random(20261207)
    texts = []
    for _ in range(count):
        run = rng.choice(["a", "é", "\u00ad", "中", "\u200b"]) * rng.randint(0, longest)
        pieces = [rng.choice(PIECES) for _ in range(rng.randint(0, 12))]
        pieces.insert(rng.randint(0, len(pieces)), run)
        texts.append("".join(pieces))
    return texts


@pytest.mark.parametrize("text", _texts(400, 2 * MAX_WORD))
def test_long_word_refused_exactly_where_the_pattern_finds_one(text: str) -> None:
    text = FORBIDDEN.sub("", text)  # refused before any word is measured
    expected = _LONG_WORD.search(text) is not None
    try:
        check_characters(text, Path("x.md"))
    except ContentError as exc:
        assert expected and "no line can hold it" in str(exc)
    else:
        assert not expected


def test_long_words_with_soft_hyphens_or_spaces_of_other_kinds() -> None:
    word = "a" * (MAX_WORD + 1)
    for text in (word, f"x {word} y", f"中{word}", f"\u3000{word}\u00a0"):
        with pytest.raises(ContentError, match="no line can hold it"):
            check_characters(text, Path("x.md"))
    for text in ("a" * MAX_WORD, "\u00ad".join(["a" * 600] * 3), "中" * (3 * MAX_WORD),
                 "\u200b".join(["b" * 900] * 4)):
        check_characters(text, Path("x.md"))


@pytest.mark.parametrize("text", _texts(300, 8))
def test_hard_breaks_and_folded_whitespace_as_the_full_pass_has_them(text: str) -> None:
    import re

    assert hard_breaks(text) == text.translate(HARD_BREAKS)
    assert _normal(text) == re.sub(r"\s+", " ", text).strip()
