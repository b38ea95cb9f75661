"""The real-text corpus: aligned segments quoted from public documents nobody here wrote.

Each file tests/fixtures/realtext/<source-id>.yaml holds one source: a `source` block (title,
kind, urls by language, how it was obtained) and a list of `segments`, each with an `id`, the
English text and one or more of French, Chinese and Spanish. See the README beside the files.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path

from ruamel.yaml import YAML

safe_load = YAML(typ="safe", pure=True).load

REALTEXT_DIR = Path(__file__).parent / "fixtures" / "realtext"
SOURCE_LANG = "en"
TARGET_LANGS = ("fr", "zh", "es")
SEGMENT_KEYS = frozenset({"id", SOURCE_LANG, *TARGET_LANGS, "restored"})
KINDS = frozenset({"treaty", "resolution", "report", "working-paper", "other"})
# YAML files beside the sources that are not sources: the findings the checks are allowed.
NOT_SOURCES = frozenset({"expected.yaml"})


def corpus_files(root: Path = REALTEXT_DIR) -> list[Path]:
    """The corpus files, in a stable order."""
    return sorted(path for path in root.glob("*.yaml") if path.name not in NOT_SOURCES)


def load_file(path: Path) -> dict:
    """One corpus file as parsed YAML: {"source": {...}, "segments": [...]}."""
    with path.open(encoding="utf-8") as handle:
        return safe_load(handle)


def load_sources(root: Path = REALTEXT_DIR) -> dict[str, dict]:
    """The `source` block of every file, by source id (the file's stem)."""
    return {path.stem: load_file(path)["source"] for path in corpus_files(root)}


def load_segments(root: Path = REALTEXT_DIR) -> list[dict]:
    """Every segment of every file, each a dict with its texts plus `source` and `kind`."""
    segments = []
    for path in corpus_files(root):
        data = load_file(path)
        kind = data["source"]["kind"]
        segments.extend({**seg, "source": path.stem, "kind": kind} for seg in data["segments"])
    return segments


def pair_counts(segments: Iterable[dict]) -> dict[str, int]:
    """How many segments align English with each other language, e.g. {"zh": 412, ...}."""
    counts = dict.fromkeys(TARGET_LANGS, 0)
    for seg in segments:
        for lang in TARGET_LANGS:
            if seg.get(SOURCE_LANG) and seg.get(lang):
                counts[lang] += 1
    return counts


def _skeleton(text: str) -> list[str]:
    """Lower-case words with every number as 0: the shape two near-duplicates share."""
    return re.findall(r"[^\W\d_]+|0", re.sub(r"\d+", "0", text.lower()))


def _shingles(words: list[str], size: int = 3) -> set[str]:
    if len(words) < size:
        return {" ".join(words)}
    return {" ".join(words[i : i + size]) for i in range(len(words) - size + 1)}


def near_duplicates(texts: list[str], threshold: float = 0.8) -> list[tuple[int, int]]:
    """Pairs of indexes whose texts are the same but for numbers, case and punctuation, or
    share at least `threshold` of their word trigrams (Jaccard)."""
    shapes = [_skeleton(text) for text in texts]
    shingles = [_shingles(shape) for shape in shapes]
    seen: dict[str, list[int]] = {}
    pairs = []
    for i, mine in enumerate(shingles):
        candidates = {j for gram in mine for j in seen.get(gram, ())}
        for j in sorted(candidates):
            theirs = shingles[j]
            if shapes[i] == shapes[j] or len(mine & theirs) / len(mine | theirs) >= threshold:
                pairs.append((j, i))
        for gram in mine:
            seen.setdefault(gram, []).append(i)
    return pairs
