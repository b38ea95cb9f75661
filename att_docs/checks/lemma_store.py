"""The lemmas of words a lemma matcher has met, kept on disk between processes.

simplemma reads a language's dictionary on its first lookup, which costs a check run of
a small conference more than all its rules. The words of a conference's papers change
little from one run to the next, so their lemmas are stored as JSON under
``$XDG_CACHE_HOME/att-docs`` (see :mod:`att_docs.base.diskcache`), one file per language and
simplemma version; the dictionary is read only when a word is new. The file is
checksummed and validated when read (:mod:`att_docs.base.diskcache`); anything unexpected,
and it is ignored and made again.

The dictionary is read through simplemma's low-memory backend, which indexes the
compressed stream instead of decoding every entry into a dict: a third of the time to
load (0.15 s against 0.42 s for French), 20 µs a word instead of 10, the same lemmas.

The same store keeps the values of Chinese numerals (cn2an, which compiles its patterns
on import: more than the rest of a check of one changed paper costs): a run whose
numerals are all known does not import it.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Annotated, Any

from pydantic import Field

from att_docs.base.diskcache import cache_folder, read_cached, tool_version, write_cached

__all__ = ["LemmaStore", "NumeralStore", "add_lemmas", "numeral_store", "save_lemmas",
           "store_for", "take_new_lemmas"]

FORMAT = 1
MAX_WORDS = 200_000  # a file larger than this starts again
_MAX_WORD = 64
_Word = Annotated[str, Field(max_length=_MAX_WORD)]
_Stored = Annotated[dict[_Word, _Word], Field(max_length=MAX_WORDS)]
_StoredNumbers = Annotated[dict[_Word, float | None], Field(max_length=MAX_WORDS)]
_NUMERALS = "numerals-cn2an"  # the numeral store's name


class _WordStore:
    """``store(word)``: a costly function of ``word``, from disk if known.

    ``name`` names the store in this process and its file with ``tool``'s version."""

    schema: Any = _Stored

    def __init__(self, name: str, tool: str) -> None:
        self.name = name
        folder = cache_folder()
        self.path = folder / f"{name}-{tool_version(tool)}-{FORMAT}.json" if folder else None
        self.known: dict[str, Any] = _read(self.path, self.schema) if self.path else {}
        self.added: dict[str, Any] = {}

    def compute(self, word: str) -> Any:
        raise NotImplementedError

    def __call__(self, word: str) -> Any:
        if word in self.known:
            return self.known[word]
        found = self.known[word] = self.compute(word)
        if len(word) <= _MAX_WORD:
            self.added[word] = found
        return found

    def save(self) -> None:
        """Add the new words to the file (merged with what another process wrote)."""
        if not self.added or self.path is None:
            return
        stored = _read(self.path, self.schema)
        if len(stored) + len(self.added) > MAX_WORDS:
            stored = {}
        write_cached(self.path, {**stored, **self.added})
        self.added = {}


class LemmaStore(_WordStore):
    """simplemma's lemma of the lower-cased word, in ``lang``."""

    def __init__(self, lang: str) -> None:
        self.lang = lang
        super().__init__(f"lemmas-{lang}", "simplemma")

    def compute(self, word: str) -> str:
        import simplemma

        return str(simplemma.lemmatize(word, lang=self.lang, low_memory=True).lower())


class NumeralStore(_WordStore):
    """cn2an's value of a Chinese numeral ("smart" mode), or None where it has none."""

    schema = _StoredNumbers

    def __init__(self) -> None:
        super().__init__(_NUMERALS, "cn2an")

    def compute(self, word: str) -> float | None:
        import cn2an

        try:
            value = cn2an.cn2an(word, "smart")
        except (ValueError, KeyError, IndexError, TypeError):
            return None
        return float(value)


def _read(path: Path | None, schema: Any = _Stored) -> dict[str, Any]:
    found = read_cached(path, schema) if path else None
    return found if found is not None else {}


_STORES: dict[str, _WordStore] = {}


def _store(name: str, make: Callable[[], _WordStore]) -> _WordStore:
    if name not in _STORES:
        _STORES[name] = make()
    return _STORES[name]


def store_for(lang: str) -> LemmaStore:
    """The one lemma store of ``lang`` in this process."""
    return _store(f"lemmas-{lang}", lambda: LemmaStore(lang))  # type: ignore[return-value]


def numeral_store() -> NumeralStore:
    """The one store of Chinese numerals' values in this process."""
    return _store(_NUMERALS, NumeralStore)  # type: ignore[return-value]


def _by_name(name: str) -> _WordStore:
    """The store ``name`` names (as :func:`take_new_lemmas` gives it)."""
    if name == _NUMERALS:
        return numeral_store()
    return store_for(name.removeprefix("lemmas-"))


def save_lemmas() -> None:
    """Write every store's new words; called when a check run ends."""
    for store in _STORES.values():
        store.save()


def take_new_lemmas() -> dict[str, dict[str, Any]]:
    """The words each store met since the last save or take, by store, and no longer
    to be saved by this process (a worker hands them to the process that saves)."""
    taken = {name: store.added for name, store in _STORES.items() if store.added}
    for store in _STORES.values():
        store.added = {}
    return taken


def add_lemmas(taken: dict[str, dict[str, Any]]) -> None:
    """Words another process met (:func:`take_new_lemmas`), saved with this one's."""
    for name, words in taken.items():
        store = _by_name(name)
        store.known.update(words)
        store.added.update(words)
