"""The lemmas of words a lemma matcher has met, kept on disk between processes.

simplemma decodes a language's whole dictionary on its first lookup, which costs a check
run of a small conference more than all its rules. The words of a conference's papers
change little from one run to the next, so their lemmas are stored as JSON under
``$XDG_CACHE_HOME/att-docs`` (see :mod:`att_docs.base.diskcache`), one file per language and
simplemma version; the dictionary is decoded only when a word is new. The file is
checksummed and validated when read (:mod:`att_docs.base.diskcache`); anything unexpected,
and it is ignored and made again.
"""

from __future__ import annotations

from importlib.metadata import version
from pathlib import Path
from typing import Annotated

from pydantic import Field

from att_docs.base.diskcache import cache_folder, read_cached, write_cached

__all__ = ["LemmaStore", "add_lemmas", "save_lemmas", "store_for", "take_new_lemmas"]

FORMAT = 1
MAX_WORDS = 200_000  # a file larger than this starts again
_MAX_WORD = 64
_Word = Annotated[str, Field(max_length=_MAX_WORD)]
_Stored = Annotated[dict[_Word, _Word], Field(max_length=MAX_WORDS)]


class LemmaStore:
    """``store(word)``: simplemma's lemma of the lower-cased ``word``, from disk if known."""

    def __init__(self, lang: str) -> None:
        self.lang = lang
        folder = cache_folder()
        self.path = (folder / f"lemmas-{lang}-{version('simplemma')}-{FORMAT}.json"
                     if folder else None)
        self.known = _read(self.path) if self.path else {}
        self.added: dict[str, str] = {}

    def __call__(self, word: str) -> str:
        found = self.known.get(word)
        if found is None:
            import simplemma

            found = simplemma.lemmatize(word, lang=self.lang).lower()
            self.known[word] = found
            if len(word) <= _MAX_WORD:
                self.added[word] = found
        return found

    def save(self) -> None:
        """Add the new words to the file (merged with what another process wrote)."""
        if not self.added or self.path is None:
            return
        stored = _read(self.path)
        if len(stored) + len(self.added) > MAX_WORDS:
            stored = {}
        write_cached(self.path, {**stored, **self.added})
        self.added = {}


def _read(path: Path | None) -> dict[str, str]:
    found = read_cached(path, _Stored) if path else None
    return found if found is not None else {}


_STORES: dict[str, LemmaStore] = {}


def store_for(lang: str) -> LemmaStore:
    """The one store of ``lang`` in this process."""
    if lang not in _STORES:
        _STORES[lang] = LemmaStore(lang)
    return _STORES[lang]


def save_lemmas() -> None:
    """Write every store's new words; called when a check run ends."""
    for store in _STORES.values():
        store.save()


def take_new_lemmas() -> dict[str, dict[str, str]]:
    """The words each store met since the last save or take, by language, and no longer
    to be saved by this process (a worker hands them to the process that saves)."""
    taken = {lang: store.added for lang, store in _STORES.items() if store.added}
    for store in _STORES.values():
        store.added = {}
    return taken


def add_lemmas(taken: dict[str, dict[str, str]]) -> None:
    """Words another process met (:func:`take_new_lemmas`), saved with this one's."""
    for lang, words in taken.items():
        store = store_for(lang)
        store.known.update(words)
        store.added.update(words)
