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


def _refused_for_a_long_word(text: str) -> bool:
    try:
        check_characters(text, Path("x.md"))
    except ContentError as exc:
        assert "no line can hold it" in str(exc), exc
        return True
    return False


def test_long_word_refused_exactly_where_the_pattern_finds_one() -> None:
    texts = [FORBIDDEN.sub("", t) for t in _texts(400, 2 * MAX_WORD)]  # those refused first
    expected = [_LONG_WORD.search(t) is not None for t in texts]
    assert 40 <= sum(expected) <= 360  # both kinds are there
    wrong = [repr(t[:40]) for t, e in zip(texts, expected, strict=True)
             if _refused_for_a_long_word(t) != e]
    assert not wrong, wrong


def test_long_words_with_soft_hyphens_or_spaces_of_other_kinds() -> None:
    word = "a" * (MAX_WORD + 1)
    for text in (word, f"x {word} y", f"中{word}", f"\u3000{word}\u00a0"):
        with pytest.raises(ContentError, match="no line can hold it"):
            check_characters(text, Path("x.md"))
    for text in ("a" * MAX_WORD, "\u00ad".join(["a" * 600] * 3), "中" * (3 * MAX_WORD),
                 "\u200b".join(["b" * 900] * 4)):
        check_characters(text, Path("x.md"))


def test_hard_breaks_and_folded_whitespace_as_the_full_pass_has_them() -> None:
    import re

    texts = _texts(300, 8)
    assert any("\u2028" in t or "\u2029" in t for t in texts)
    assert [hard_breaks(t) for t in texts] == [t.translate(HARD_BREAKS) for t in texts]
    assert [_normal(t) for t in texts] == [re.sub(r"\s+", " ", t).strip() for t in texts]
