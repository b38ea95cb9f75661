"""How a language's text is cut into the tokens a redline compares: data, not code.

``templates/locale/<lang>.yaml`` says (``segmentation``) how a revised text is compared:

* ``spaces``: words, the spaces between them and each punctuation mark;
* ``jieba``: the words jieba finds, for languages written without spaces; within a stretch
  that changed, the redline then compares characters, so that a word jieba cuts
  differently after the edit does not mark more than the edit;
* ``characters``: every character, letters and digits of Latin script kept as words.

Without the key, a language written without spaces (``cjk: true``) is compared by
characters and any other by words between spaces.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from att_docs.base.errors import ToolError

__all__ = ["Segmenter", "segmenter_for"]

_WORDS = re.compile(r"\s+|\w+|[^\w\s]")


def _spaced(text: str) -> list[str]:
    return _WORDS.findall(text)


_LATIN_OR_CHARACTER = re.compile(r"\s+|[0-9A-Za-z\u00C0-\u00D6\u00D8-\u00F6\u00F8-\u024F]+|.",
                                 re.S)


def _characters(text: str) -> list[str]:
    return _LATIN_OR_CHARACTER.findall(text)


@cache
def _jieba():  # type: ignore[no-untyped-def]
    """jieba's tokenizer, its dictionary cache kept with att-docs' own caches."""
    import logging

    import jieba

    from att_docs.base.diskcache import cache_folder

    jieba.setLogLevel(logging.WARNING)
    folder = cache_folder()
    if folder is not None:
        try:
            folder.mkdir(parents=True, exist_ok=True)
            jieba.dt.tmp_dir = str(folder)
        except OSError:
            pass
    return jieba.dt


def _words_by_jieba(text: str) -> list[str]:
    try:
        tokenizer = _jieba()
    except ImportError as exc:  # a damaged install: say so rather than cut differently
        raise ToolError(f"jieba cannot be imported ({exc}); the locale asks for it to cut "
                        "words for redlines: run scripts/setup.sh") from None
    return [token for token in tokenizer.cut(text, HMM=False) if token]


_SPLITTERS = {"spaces": _spaced, "jieba": _words_by_jieba, "characters": _characters}


@dataclass(frozen=True)
class Segmenter:
    """Cuts a language's text into tokens; ``refine`` compares a changed stretch again by
    characters (languages written without spaces)."""

    method: str
    refine: bool = False

    def split(self, text: str) -> list[str]:
        """The tokens of ``text``; joined, they give ``text`` back."""
        return _SPLITTERS[self.method](text)

    @staticmethod
    def characters() -> Segmenter:
        return Segmenter("characters")


def segmenter_for(templates: Path, lang: str) -> Segmenter:
    """The segmenter ``templates/locale/<lang>.yaml`` asks for."""
    return _segmenter(templates.resolve(), lang)


@cache
def _segmenter(templates: Path, lang: str) -> Segmenter:
    from att_docs.language.locale import load_locale

    spec = load_locale(templates, lang).spec
    method = spec.segmentation or ("characters" if spec.cjk else "spaces")
    return Segmenter(method, refine=spec.cjk)
