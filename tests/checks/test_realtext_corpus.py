"""The real-text corpus itself: well-formed, traceable, large enough, free of near-duplicates."""

from __future__ import annotations

import re

import pytest
from realtext import (
    KINDS,
    REALTEXT_DIR,
    SEGMENT_KEYS,
    SOURCE_LANG,
    TARGET_LANGS,
    corpus_files,
    load_file,
    load_segments,
    near_duplicates,
    pair_counts,
)

MINIMUM_PER_PAIR = {"zh": 150, "fr": 150, "es": 150}
FILES = corpus_files()


def test_corpus_has_files():
    assert len(FILES) >= 2, f"no corpus files under {REALTEXT_DIR}"


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_file_parses_with_source_and_segments(path):
    data = load_file(path)
    assert set(data) == {"source", "segments"}, path.name
    source = data["source"]
    assert {"title", "kind", "urls", "how"} <= set(source), path.name
    assert isinstance(source["title"], str) and source["title"].strip()
    assert source["kind"] in KINDS, f"{path.name}: kind {source['kind']!r}"
    assert isinstance(source["how"], str) and source["how"].strip()
    assert isinstance(data["segments"], list) and data["segments"], path.name


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_every_url_is_https(path):
    urls = load_file(path)["source"]["urls"]
    assert isinstance(urls, dict) and SOURCE_LANG in urls, path.name
    for lang, url in urls.items():
        assert lang in (SOURCE_LANG, *TARGET_LANGS), f"{path.name}: language {lang!r}"
        assert isinstance(url, str) and re.fullmatch(r"https://[^\s/]+\.[^\s]+", url), (
            f"{path.name}: {lang} url {url!r}"
        )


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_segments_are_aligned_and_ids_unique(path):
    ids = set()
    for seg in load_file(path)["segments"]:
        where = f"{path.name}: {seg.get('id')!r}"
        assert set(seg) <= SEGMENT_KEYS, f"{where}: unknown keys {set(seg) - SEGMENT_KEYS}"
        assert isinstance(seg.get("id"), str) and re.fullmatch(r"[A-Za-z0-9][\w.-]*", seg["id"])
        assert seg["id"] not in ids, f"{where}: id used twice"
        ids.add(seg["id"])
        texts = {k: v for k, v in seg.items() if k in (SOURCE_LANG, *TARGET_LANGS)}
        assert all(isinstance(v, str) and v.strip() for v in texts.values()), where
        assert SOURCE_LANG in texts, f"{where}: no English"
        assert len(texts) >= 2, f"{where}: no other language"
        if "restored" in seg:
            assert isinstance(seg["restored"], str) and seg["restored"].strip(), where


def test_every_restoration_is_listed():
    listed = (REALTEXT_DIR / "RESTORED.md").read_text(encoding="utf-8")
    for seg in load_segments():
        if "restored" in seg:
            assert f"{seg['source']} {seg['id']}" in listed, (
                f"{seg['source']} {seg['id']} is marked restored but not listed in RESTORED.md"
            )


def test_readme_names_every_source():
    readme = (REALTEXT_DIR / "README.md").read_text(encoding="utf-8")
    for path in FILES:
        assert path.name in readme, f"README.md does not describe {path.name}"


@pytest.mark.parametrize("lang", sorted(MINIMUM_PER_PAIR))
def test_each_language_pair_meets_the_minimum(lang):
    count = pair_counts(load_segments())[lang]
    assert count >= MINIMUM_PER_PAIR[lang], f"only {count} en-{lang} segments"


def test_no_segment_near_duplicates_another():
    segments = load_segments()
    langs = (SOURCE_LANG, *TARGET_LANGS)
    pairs = near_duplicates(["\n".join(seg.get(lang, "") for lang in langs) for seg in segments])
    shown = [
        f"{segments[a]['source']} {segments[a]['id']} ~ {segments[b]['source']} {segments[b]['id']}"
        for a, b in pairs[:10]
    ]
    assert not pairs, f"{len(pairs)} near-duplicate pairs, e.g. {shown}"


def test_near_duplicates_sees_numbers_and_small_edits():
    texts = [
        "Provisional agenda item 6",
        "Provisional agenda item 7",
        "Each State Party shall take measures to prevent the diversion of conventional arms.",
        "Each State Party shall take measures to prevent the diversion of conventional arms",
        "A State Party shall not authorize any transfer of conventional arms.",
    ]
    assert near_duplicates(texts) == [(0, 1), (2, 3)]


def test_segments_keep_their_source_id():
    segments = load_segments()
    assert {seg["source"] for seg in segments} == {path.stem for path in FILES}
    assert all(seg["kind"] in KINDS for seg in segments)
