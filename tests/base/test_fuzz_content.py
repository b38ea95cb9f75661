"""Fuzz: hostile, broken and odd YAML and Markdown in a copy of content/csp9.

Cases are generated from tables: each mutation is applied to every file it fits. Every
case must end in a located one-line error (exit 1, file and line, no traceback) with the
content and the previous output byte-for-byte unchanged, or in a correct output.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from fuzzlib import Mutation, Workspace, assert_located_error, prepared, run_mutation

pytestmark = pytest.mark.slow  # fuzz loops over every command

MC = "csp9/mc-programme-of-work"
WGTU = "csp9/wgtu-report"
ANNEX = f"{WGTU}/annex-a"
YAML_FILES = [f"{MC}/paper.yaml", f"{WGTU}/paper.yaml", "csp9/conference.yaml",
              f"{ANNEX}/annex.yaml", f"{ANNEX}/tables.yaml", f"{ANNEX}/decisions.yaml"]
PROSE_FILES = [f"{MC}/en.md", f"{MC}/zh.md", f"{WGTU}/en.md", f"{WGTU}/zh.md",
               f"{ANNEX}/en.md", f"{ANNEX}/zh.md"]
CONTROL = [chr(c) for c in (*range(1, 9), 0x0B, 0x0C, *range(0x0E, 0x20), 0x7F, 0x85)]


@pytest.fixture
def base(fuzz_base: Path) -> Path:
    return fuzz_base


def _some(chars: list[str], n: int, share: int = 6) -> list[tuple[int, str]]:
    """File ``n``'s share of ``chars``: across the files, every one is tried."""
    start = n * share
    return [((start + k) % len(chars), chars[(start + k) % len(chars)]) for k in range(share)]


def _first_value_line(text: str) -> re.Match[str]:
    """A line ``key: value`` with a plain text value (not a date, number or id)."""
    for match in re.finditer(r"^(\s*(?:- )?(?:en|zh|label|type|symbol): )(.+)$", text, re.M):
        return match
    raise AssertionError("no text value")


def _inject(value: str) -> object:
    def edit(text: str) -> str:
        match = _first_value_line(text)
        return text[:match.end(1)] + '"' + value + match[2].strip('"') + '"' + \
            text[match.end():]
    return edit


def _append(extra: str):
    return lambda text: text.rstrip("\n") + "\n" + extra + "\n"


def _replace(old: str, new: str):
    def edit(text: str) -> str:
        assert re.search(old, text, re.M), old
        return re.sub(old, new, text, count=1, flags=re.M)
    return edit


def _raw_insert(data: bytes):
    def raw(content: bytes) -> bytes:
        cut = content.index(b"\n", len(content) // 2)
        return content[:cut] + data + content[cut:]
    return raw


def yaml_cases() -> list[Mutation]:
    cases: list[Mutation] = []
    for n, path in enumerate(YAML_FILES):
        name = path.split("/", 1)[1]
        for i, char in _some(CONTROL, n):  # raw and escaped control characters
            cases.append(Mutation(f"{name}-control-{ord(char):02x}", path,
                                  edit=_inject(char if i % 2 else f"\\x{ord(char):02x}")))
        cases += [
            Mutation(f"{name}-nul", path, raw=_raw_insert(b"\x00")),
            Mutation(f"{name}-nul-escaped", path, edit=_inject("\\0")),
            Mutation(f"{name}-surrogate-escaped", path, edit=_inject("\\ud800")),
            Mutation(f"{name}-surrogate-bytes", path, raw=_raw_insert(b"\xed\xa0\x80"),
                     line=False),
            Mutation(f"{name}-latin1-bytes", path, raw=_raw_insert(b"\xe9t\xe9"), line=False),
            Mutation(f"{name}-anchor-alias", path,
                     edit=_append("zz-anchor: &a [x, y]\nzz-alias: *a")),
            Mutation(f"{name}-merge-key", path, edit=_append("zz: {<<: {a: 1}}")),
            Mutation(f"{name}-python-tag", path,
                     edit=_append("zz: !!python/object/apply:os.system [echo]")),
            Mutation(f"{name}-custom-tag", path, edit=_append("zz: !include /etc/passwd")),
            Mutation(f"{name}-deep-flow", path, edit=_append("zz: " + "[" * 500 + "]" * 500)),
            Mutation(f"{name}-deep-block", path, edit=_append("zz:\n" + "".join(
                "  " * (i + 1) + f"k{i}:\n" for i in range(200)) + "  " * 201 + "v")),
            Mutation(f"{name}-two-documents", path, edit=_append("---\nzz: 1")),
            Mutation(f"{name}-tab-indent", path, edit=_append("zz:\n\tk: v")),
            Mutation(f"{name}-duplicate-key", path,
                     edit=lambda t: t + "\n" + t.strip().splitlines()[-1]
                     if not t.strip().splitlines()[-1].startswith(" ") else t + "\nzz: 1\nzz: 2"),
            Mutation(f"{name}-unclosed-quote", path, edit=_inject('"')),
            Mutation(f"{name}-huge-comment", path,
                     edit=lambda t: t + "# a comment line of some length\n" * 80_000,
                     line=False),
            Mutation(f"{name}-huge-value", path, edit=_inject("x" * 3_000_000), line=False),
            Mutation(f"{name}-empty", path, edit=lambda t: "", line=False),
            Mutation(f"{name}-only-comment", path, edit=lambda t: "# nothing\n", line=False),
            Mutation(f"{name}-scalar-document", path, edit=lambda t: "just text\n",
                     line=False),
            Mutation(f"{name}-list-document", path, edit=lambda t: "- a\n- b\n",
                     line=False),
        ]
    # wrong types where text is expected
    for path in (f"{MC}/paper.yaml", f"{ANNEX}/annex.yaml", f"{ANNEX}/decisions.yaml",
                 f"{ANNEX}/tables.yaml"):
        name = path.split("/", 1)[1]
        for label, value in (("list", "[a, b]"), ("map", "{a: b}"), ("null", "null"),
                             ("number", "12"), ("bool", "true"), ("float", "1.5"),
                             ("blank", '"  "'), ("block-list", "\n        - a\n        - b")):
            cases.append(Mutation(f"{name}-type-{label}", path,
                                  edit=_replace(r"^(\s*(?:- )?en: ).+$", r"\g<1>" + value)))
    # dates: invalid, quoted or not, and out of range
    for key, file in (("date", f"{MC}/paper.yaml"), ("opening", "csp9/conference.yaml"),
                      ("closing", "csp9/conference.yaml")):
        for label, value in (("month-13", "2023-13-45"), ("quoted", '"2023-13-45"'),
                             ("feb-30", "2023-02-30"), ("year-0", "0000-01-01"),
                             ("year-1", "0001-01-01"), ("year-9999", "9999-12-31"),
                             ("far-future", "10000-01-01"), ("text", "next week"),
                             ("time", "2023-07-21T10:00:00"), ("int", "20230721"),
                             ("negative", "-2023-07-21"), ("list", "[2023-07-21]")):
            cases.append(Mutation(f"{key}-{label}", file,
                                  edit=_replace(rf"^{key}: .+$", f"{key}: {value}")))
    # paths and names
    for label, value in (("dotdot", "../mc-programme-of-work"), ("absolute", "/etc"),
                         ("nested", "annex-a/../annex-a"), ("self", "."), ("home", "~"),
                         ("empty", '""'), ("upper", "Annex-A"), ("space", '"annex a"'),
                         ("missing", "annex-z"), ("file", "en.md"), ("nul", '"a\\0b"')):
        cases.append(Mutation(f"annexes-{label}", f"{WGTU}/paper.yaml",
                              edit=_replace(r"^annexes: .+$", f"annexes: [{value}]")))
    for label, value in (("dotdot", "[../../x]"), ("slash", "[en/x]"), ("upper", "[EN]"),
                         ("empty", "[]"), ("number", "[1]"), ("dup", "[en, en]")):
        cases.append(Mutation(f"languages-{label}", "csp9/conference.yaml",
                              edit=_replace(r"^languages: .+$", f"languages: {value}")))
    for label, value in (("bad-id", "Bad_ID"), ("dotdot", "../x"), ("empty", '""'),
                         ("list", "[a]")):
        cases.append(Mutation(f"decision-id-{label}", f"{ANNEX}/decisions.yaml",
                              edit=_replace(r"^  - id: .+$", f"  - id: {value}")))
        cases.append(Mutation(f"table-id-{label}", f"{ANNEX}/tables.yaml",
                              edit=_replace(r"^    - id: .+$", f"    - id: {value}")))
    cases += [
        Mutation("decision-items-nested-list", f"{ANNEX}/decisions.yaml",
                 edit=_replace(r"^(\s+en: )To conduct.+$", r"\g<1>[a, b]")),
        Mutation("decision-items-not-list", f"{ANNEX}/decisions.yaml",
                 edit=_replace(r"^    items:\n", "    items: text\n    zz:\n")),
        Mutation("deadline-negative", "csp9/conference.yaml",
                 edit=_replace(r"days_before_opening: 31", "days_before_opening: -1")),
        Mutation("deadline-huge", "csp9/conference.yaml",
                 edit=_replace(r"days_before_opening: 31", "days_before_opening: 10**9")),
        Mutation("number-zero", "csp9/conference.yaml", edit=_replace(r"^number: 9",
                                                                      "number: 0")),
        Mutation("number-huge", "csp9/conference.yaml",
                 edit=_replace(r"^number: 9", "number: 99999999999999999999")),
        Mutation("symbol-dotdot", f"{MC}/paper.yaml",
                 edit=_replace(r"^symbol: .+$", "symbol: ATT/../../2023/MC/761/Conf.ProgWork")),
        Mutation("symbol-slash-type", f"{MC}/paper.yaml",
                 edit=_replace(r"^symbol: .+$", "symbol: ATT/CSP9.MC/2023/MC/761/a/b")),
        Mutation("symbol-huge-serial", f"{MC}/paper.yaml",
                 edit=_replace(r"^symbol: .+$", "symbol: ATT/CSP9.MC/2023/MC/" + "9" * 40
                               + "/Conf.ProgWork")),
        Mutation("type-dotdot", f"{MC}/paper.yaml",
                 edit=_replace(r"^type: .+$", "type: ../../etc/passwd")),
        Mutation("original-language-other", f"{MC}/paper.yaml",
                 edit=_replace(r"^original_language: .+$", "original_language: ru")),
    ]
    return cases


YAML_CASES = yaml_cases()


@pytest.mark.parametrize("case", YAML_CASES, ids=[c.id for c in YAML_CASES])
def test_yaml(case: Mutation, base: Path, tmp_path: Path) -> None:
    run_mutation(case, base, tmp_path)


def _paragraph(text: str) -> re.Match[str]:
    match = re.search(r"^\{#[a-z0-9-]+\} (.+)$", text, re.M)
    assert match, "no paragraph"
    return match


def _in_paragraph(snippet: str):
    def edit(text: str) -> str:
        match = _paragraph(text)
        cut = match.start(1) + min(12, len(match[1]))
        return text[:cut] + snippet + text[cut:]
    return edit


def _new_block(block: str):
    """A block inserted after the first paragraph (the same in both languages keeps
    alignment, but a single language is enough to be refused or rendered)."""
    def edit(text: str) -> str:
        end = _paragraph(text).end()
        return text[:end] + "\n\n" + block + "\n" + text[end:]
    return edit


def markdown_cases() -> list[Mutation]:
    cases: list[Mutation] = []
    for n, path in enumerate(PROSE_FILES):
        name = path.split("/", 1)[1]
        for _i, char in _some(CONTROL, n):
            cases.append(Mutation(f"{name}-control-{ord(char):02x}", path,
                                  edit=_in_paragraph(char)))
        cases += [
            Mutation(f"{name}-nul", path, raw=_raw_insert(b"\x00")),
            Mutation(f"{name}-surrogate-bytes", path, raw=_raw_insert(b"\xed\xa0\x80"),
                     line=False),
            Mutation(f"{name}-entity-surrogate", path, edit=_in_paragraph("&#xD800;")),
            Mutation(f"{name}-entity-nul", path, edit=_in_paragraph("&#0;")),
            Mutation(f"{name}-entity-control", path, edit=_in_paragraph("&#x1b;")),
            Mutation(f"{name}-image", path, edit=_in_paragraph("![a map](map.png)")),
            Mutation(f"{name}-image-remote", path,
                     edit=_in_paragraph("![x](http://example.invalid/x.png)")),
            Mutation(f"{name}-html-inline", path, edit=_in_paragraph("<b>bold</b>")),
            Mutation(f"{name}-html-comment", path, edit=_in_paragraph("<!-- note -->")),
            Mutation(f"{name}-html-block", path, edit=_new_block("<div>\nraw\n</div>")),
            Mutation(f"{name}-html-script", path,
                     edit=_new_block("<script>alert(1)</script>")),
            Mutation(f"{name}-empty-id-paragraph", path, edit=_new_block("{#empty-one}")),
            Mutation(f"{name}-empty-id-spaces", path, edit=_new_block("{#empty-two}   ")),
            Mutation(f"{name}-bad-id", path, edit=_new_block("{#Bad_Id} Text.")),
            Mutation(f"{name}-duplicate-id", path,
                     edit=lambda t: t.rstrip("\n") + "\n\n" + _paragraph(t)[0] + "\n"),
            Mutation(f"{name}-no-id", path, edit=_new_block("A paragraph with no id.")),
            Mutation(f"{name}-deep-list", path, edit=_new_block("\n".join(
                "  " * i + f"- {{#deep-{i}}} level" for i in range(60)))),
            Mutation(f"{name}-deep-quote", path, edit=_new_block(">" * 300 + " deep")),
            Mutation(f"{name}-unknown-fence", path, edit=_new_block("```{frobnicate} x\n```")),
            Mutation(f"{name}-unclosed-fence", path, edit=_new_block("```{tables} elements")),
            Mutation(f"{name}-code-fence", path, edit=_new_block("```\ncode\n```")),
            Mutation(f"{name}-table", path, edit=_new_block("| a | b |\n|---|---|\n| 1 | 2 |")),
            Mutation(f"{name}-undefined-footnote", path, edit=_in_paragraph("[^nowhere]")),
            Mutation(f"{name}-heading-no-id", path, edit=_new_block("# A heading")),
            Mutation(f"{name}-setext-heading", path, edit=_new_block("Heading\n=======")),
            Mutation(f"{name}-heading-level-6", path, edit=_new_block("###### Deep {#h6}")),
            Mutation(f"{name}-huge-line", path, edit=_in_paragraph("word " * 400_000),
                     line=False),
            Mutation(f"{name}-huge-comments", path,
                     edit=lambda t: t + "[//]: # (a comment)\n\n" * 80_000, line=False),
            Mutation(f"{name}-bidi-override", path, edit=_in_paragraph("\u202e")),
            Mutation(f"{name}-noncharacter", path, edit=_in_paragraph("\ufffe")),
        ]
    return cases


MARKDOWN_CASES = markdown_cases()


@pytest.mark.parametrize("case", MARKDOWN_CASES, ids=[c.id for c in MARKDOWN_CASES])
def test_markdown(case: Mutation, base: Path, tmp_path: Path) -> None:
    run_mutation(case, base, tmp_path)


RECORDS = [f"{WGTU}/.translations/zh.yaml", f"{MC}/.translations/fr.yaml"]


def _entry_line(text: str) -> re.Match[str]:
    """The first ``    source: ...`` line of a record."""
    match = re.search(r"^    source: .*$", text, re.M)
    assert match
    return match


def _record_value(value: str):
    """Replace the first unit's source with ``value`` (YAML as written)."""
    def edit(text: str) -> str:
        match = _entry_line(text)
        return text[:match.start()] + "    source: " + value + text[match.end():]
    return edit


def _bomb(levels: int = 8) -> str:
    lines = ['b0: &b0 ["x", "x", "x", "x", "x", "x", "x", "x", "x"]']
    lines += [f"b{i}: &b{i} [" + ", ".join([f"*b{i - 1}"] * 9) + "]"
              for i in range(1, levels + 1)]
    return "\n".join(lines) + "\n"


# the first unit's source written as each of these (YAML as written)
RECORD_VALUES = [
    ("anchor", "&a text"), ("alias-undefined", "*nowhere"),
    ("python-tag", "!!python/object/apply:os.system [ls]"), ("local-tag", "!secret text"),
    ("binary-tag", "!!binary aGk="), ("source-list", "[a, b]"), ("source-mapping", "{a: b}"),
    ("deep", "[" * 50 + "]" * 50), ("control-escape", '"a\\x1bb"'),
    ("surrogate-escape", '"\\ud800"'),
]
# (case, pattern, replacement) edits of the record's lines
RECORD_EDITS = [
    ("hash-short", r"^    hash: \w+$", "    hash: abc"),
    ("hash-mapping", r"^    hash: \w+$", "    hash: {a: 1}"),
    ("units-list", r"^units:$", "units: []\nold:"),
    ("unknown-entry-key", r"^(    hash: \w+)$", "\\1\n    note: x"),
    ("language-other", r"^language: \w+$", "language: ru"),
    ("complex-key", r"^units:$", "units:\n  ? [a]\n  : x"),
    ("tab-indent", r"^    hash:", "\thash:"),
]


def _duplicate_first_unit(text: str) -> str:
    first = text.split("units:\n", 1)[1].split("\n    source", 1)[0]
    return text + first + "\n    source: x\n"


def record_cases() -> list[Mutation]:
    """Translation records are the team's data, read through the hardened loader: every
    damage is refused with the record's name and line, never expanded or guessed at."""
    cases: list[Mutation] = []
    for path in RECORDS:
        name = path.split("/", 1)[1].replace("/.translations/", "-")
        cases += [Mutation(f"{name}-{case}", path, edit=_record_value(value))
                  for case, value in RECORD_VALUES]
        cases += [Mutation(f"{name}-{case}", path, edit=_replace(pattern, replacement))
                  for case, pattern, replacement in RECORD_EDITS]
        cases += [
            Mutation(f"{name}-alias-bomb", path,
                     edit=lambda t: _bomb() + _record_value("*b8")(t)),
            Mutation(f"{name}-nul", path, raw=_raw_insert(b"\x00")),
            Mutation(f"{name}-latin1", path, raw=_raw_insert(b"caf\xe9")),
            Mutation(f"{name}-unknown-top-key", path, edit=_append("extra: 1")),
            Mutation(f"{name}-duplicate-unit", path, edit=_duplicate_first_unit),
            Mutation(f"{name}-second-document", path, edit=_append("---\nlanguage: zh")),
            Mutation(f"{name}-top-level-list", path,
                     edit=lambda t: "- " + t.replace("\n", "\n  ")),
            Mutation(f"{name}-empty", path, edit=lambda t: ""),
        ]
    return cases


RECORD_CASES = record_cases()


@pytest.mark.parametrize("case", RECORD_CASES, ids=[c.id for c in RECORD_CASES])
def test_records(case: Mutation, base: Path, tmp_path: Path) -> None:
    run_mutation(case, base, tmp_path)


# Odd but valid input: read in-process (no rendering) and checked on the model.
RENDERS = [
    # (id, file, edit, text the first block of that file must then hold)
    ("yaml-title-looks-like-a-date", f"{MC}/paper.yaml",
     _replace(r"^  en: Review of the ATT Programme of Work$", "  en: 2023-01-01"), "2023-01-01"),
    ("yaml-title-yes", f"{MC}/paper.yaml",
     _replace(r"^  en: Review of the ATT Programme of Work$", "  en: yes"), "yes"),
    ("yaml-title-hash", f"{MC}/paper.yaml",
     _replace(r"^  en: Review of the ATT Programme of Work$", '  en: "# not a comment"'),
     "# not a comment"),
    ("yaml-block-scalar-hash", f"{MC}/paper.yaml",
     _replace(r"^  en: Review of the ATT Programme of Work$", "  en: |-\n    # kept"),
     "# kept"),
    ("md-brackets", f"{MC}/en.md", _in_paragraph("[" * 900), "[" * 900),  # a word holds 1,000
    ("md-asterisks", f"{MC}/en.md", _in_paragraph("\\*" * 50), "*" * 50),
    ("md-private-use", f"{MC}/en.md", _in_paragraph("\ue000"), "\ue000"),
    ("md-angle", f"{MC}/en.md", _in_paragraph("a < b > c"), "a < b > c"),
    ("md-ampersand", f"{MC}/en.md", _in_paragraph("R&D &amp; more"), "R&D & more"),
    ("md-xml-close", f"{MC}/en.md", _in_paragraph("]]>"), "]]>"),
    ("md-template-syntax", f"{MC}/en.md", _in_paragraph("{{ 7*7 }} {% x %}"),
     "{{ 7*7 }} {% x %}"),
    ("md-typst-syntax", f"{MC}/en.md", _in_paragraph("#set page(width: 1pt) $x$"),
     "#set page(width: 1pt) $x$"),
    ("md-zero-width-joiner", f"{MC}/zh.md", _in_paragraph("\u200d"), "\u200d"),
    ("md-bom", f"{MC}/en.md", lambda t: "\ufeff" + t, None),
]


@pytest.mark.parametrize("case", RENDERS, ids=[c[0] for c in RENDERS])
def test_renders(case, base: Path, tmp_path: Path) -> None:
    """Valid but odd text reaches the document model as written, nothing lost."""
    from att_docs.document.model import Run
    from att_docs.status.setinfo import load_conference

    _id, file, edit, expected = case
    ws = prepared(base, tmp_path / "ws")
    path = ws.root / file
    path.write_text(edit(path.read_text(encoding="utf-8")), encoding="utf-8")
    _conf, documents = load_conference(ws.conference, ws.templates)
    lang = "zh" if file.endswith("zh.md") else "en"
    texts: list[str] = []
    for doc in documents:
        texts += [str(doc.masthead.symbol), *(part.title.get(lang, "") for part in doc.parts)]
        for part in doc.parts:
            for block in part.blocks:
                text = getattr(block, "text", None)
                if isinstance(text, dict) and lang in text:
                    texts.append("".join(r.text for b in text[lang].blocks
                                         for r in b.inlines if isinstance(r, Run)))
    if expected is not None:
        assert any(expected in t for t in texts), expected


def test_fuzz_workspace_is_sound(base: Path, tmp_path: Path) -> None:
    """The unmutated copy builds: the cases fail because of their mutation."""
    ws = prepared(base, tmp_path / "ws")
    assert ws.build().exit_code == 0
    assert isinstance(ws, Workspace)
    assert_located_error  # noqa: B018 - re-exported for the families
