"""The lemmas kept on disk: a later process matches the same French terms without
decoding simplemma's dictionary, and a damaged or foreign file is ignored, never trusted."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from buildutil import ROOT

SCRIPT = """
import sys
from pathlib import Path
from att_docs.checks.matcher import GlossaryIndex
from att_docs.language.profile import load_language
from att_docs.glossary import default_path, load
from att_docs.checks.lemma_store import save_lemmas
language = load_language(Path(sys.argv[1]) / "templates", "fr")
index = GlossaryIndex(load(default_path()))
text = Path(sys.argv[2]).read_text(encoding="utf-8")
print([(m.start, m.end, sorted(m.concepts)) for m in index.find(text, language)])
save_lemmas()
print("simplemma" in sys.modules)
"""

TEXT = ("Les États parties et les coprésidents du Groupe de travail sur l’universalisation "
        "du Traité ont rencontré le Président de la Conférence des États Parties.")


def run(tmp_path: Path, cache: Path | None) -> tuple[str, str]:
    text = tmp_path / "text.txt"
    text.write_text(TEXT, encoding="utf-8")
    env = {**os.environ, "XDG_CACHE_HOME": str(cache or tmp_path / "unused")}
    env.pop("ATT_DOCS_NO_CACHE", None)
    if cache is None:
        env["ATT_DOCS_NO_CACHE"] = "1"
    out = subprocess.run([sys.executable, "-c", SCRIPT, str(ROOT), str(text)], env=env,
                         capture_output=True, text=True, check=True).stdout
    matches, imported = out.splitlines()
    return matches, imported


def stored(cache: Path) -> list[Path]:
    return sorted((cache / "att-docs").glob("lemmas-fr-*.json"))


def test_a_later_process_matches_without_the_dictionary(tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    first, imported_first = run(tmp_path, cache)
    assert imported_first == "True" and len(stored(cache)) == 1
    assert "États" not in first and first != "[]"  # terms were found
    again, imported_again = run(tmp_path, cache)
    assert (again, imported_again) == (first, "False")


def test_damaged_or_foreign_files_are_ignored(tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    expected, _ = run(tmp_path, cache)
    path = stored(cache)[0]
    for bad in ("{not json", json.dumps(["a", "b"]), json.dumps({"parties": 3}),
                json.dumps({"x" * 100: "y"})):
        path.write_text(bad, encoding="utf-8")
        matches, imported = run(tmp_path, cache)
        assert (matches, imported) == (expected, "True")  # made again from the dictionary
        head, payload = path.read_bytes().split(b"\n", 1)  # and rewritten, checksummed
        assert head.startswith(b"att-docs cache sha256=")
        assert isinstance(json.loads(payload), dict)


def test_no_cache_writes_nothing(tmp_path: Path) -> None:
    matches, imported = run(tmp_path, None)
    assert imported == "True" and matches != "[]"
    assert not (tmp_path / "unused").exists()


NUMERALS = """
import sys
from pathlib import Path
from att_docs.checks.extract import numbers
from att_docs.checks.lemma_store import save_lemmas
from att_docs.language.profile import load_language
language = load_language(Path(sys.argv[1]) / "templates", "zh")
text = Path(sys.argv[2]).read_text(encoding="utf-8")
print(sorted(q.value for q in numbers(text, language)))
save_lemmas()
print("cn2an" in sys.modules)
"""


def test_chinese_numerals_are_valued_without_cn2an_once_kept(tmp_path: Path) -> None:
    """A later process values the numerals it met before from the kept file."""
    text = tmp_path / "zh.txt"
    text.write_text("第九届缔约国会议收到二十三份报告和一百零五项建议。", encoding="utf-8")
    env = {**os.environ, "XDG_CACHE_HOME": str(tmp_path / "cache")}
    env.pop("ATT_DOCS_NO_CACHE", None)

    def run_once() -> list[str]:
        return subprocess.run([sys.executable, "-c", NUMERALS, str(ROOT), str(text)],
                              env=env, capture_output=True, text=True,
                              check=True).stdout.splitlines()

    first = run_once()
    assert first[1] == "True" and "23.0" in first[0] and "105.0" in first[0]
    assert len(list((tmp_path / "cache" / "att-docs").glob("numerals-cn2an-*.json"))) == 1
    assert run_once() == [first[0], "False"]


SAME_LEMMAS = """
import re, sys
sys.path.insert(0, sys.argv[1] + "/tests")
import simplemma
from simplemma.strategies.dictionaries import DEFAULT_DICTIONARY_FACTORY
from att_docs.checks.lemma_store import LemmaStore
from realtext import load_segments
words, ours = {}, {}
for lang in ("fr", "es"):
    words[lang] = sorted({w.lower() for s in load_segments() if s.get(lang)
                          for w in re.findall(r"[^\\W\\d_]+(?:['’-][^\\W\\d_]+)*", s[lang])})
    store = LemmaStore(lang)
    ours[lang] = [store.compute(w) for w in words[lang]]
print(DEFAULT_DICTIONARY_FACTORY._get_dictionary.cache_info().currsize)
for lang in ("fr", "es"):
    plain = [simplemma.lemmatize(w, lang=lang).lower() for w in words[lang]]
    differ = [w for w, a, b in zip(words[lang], ours[lang], plain) if a != b]
    print(lang, len(words[lang]), differ[:5])
"""


def test_lemmas_are_simplemmas_without_decoding_its_whole_dictionary() -> None:
    """The store reads simplemma's dictionary through its low-memory index (a third of
    the time to load), never decoding it whole, and gives the lemmas simplemma's default
    dictionary gives, for every word of the real-text corpus's French and Spanish."""
    env = {**os.environ, "ATT_DOCS_NO_CACHE": "1"}
    out = subprocess.run([sys.executable, "-c", SAME_LEMMAS, str(ROOT)], env=env,
                         capture_output=True, text=True, check=True).stdout.splitlines()
    decoded, *languages = out
    assert decoded == "0", "simplemma decoded a whole dictionary"
    assert len(languages) == 2
    for line in languages:
        _, count, differ = line.split(" ", 2)
        assert int(count) > 1000, line  # the corpus's words, not an empty list
        assert differ == "[]", line
