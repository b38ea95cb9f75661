"""References to articles, paragraphs, subparagraphs and annexes, read by value.

Every language writes a reference its own way; the words come from its data
(``references`` in ``templates/locale/<lang>.yaml``), the reading is one small grammar:

- a *group* is a kind word and its labels, the kind before the labels (``article 2``,
  ``alinéas a) à g)``) or after them (``第6、7、9和11条``, with the ``prefix`` 第);
- a label is a number (``2``, ``二``, ``premier``) followed by sub-labels (``(1)``,
  ``(a)``, ``a)``, ``(b-d)``), or a sub-label alone (``alinéa a)``), or a capital letter
  (``Annex A``); lists (``6, 7 and 11``) and ranges (``(b) to (d)``, ``a) à g)``) expand
  to their values;
- groups nest: a deeper kind after a group is inside it (``第二条第1款``,
  ``l'article 2, paragraphe 1``), and a group before an ``of`` word is inside the group
  after it (``le paragraphe 1 de l'article 2``, ``l'alinéa a) du paragraphe 12``).

A reference's value is its path: ``(("article", "2"), ("paragraph", "1"))``. A digit
sub-label under an article is a paragraph (``article 2 (1)``), a letter one level down a
subparagraph, and below that an item, so that ``article 2 (1)``, ``第二条第1款`` and ``le
paragraphe 1 de l'article 2`` are one value.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from typing import Any

from att_docs.checks.extract import fold, number_word
from att_docs.language.profile import Language

__all__ = ["LEVELS", "Reference", "read_references", "references"]

LEVELS = ("annex", "article", "paragraph", "subparagraph", "item")
"""The kinds a reference names, outermost first."""

Path = tuple[tuple[str, str], ...]

_MAX_RANGE = 60  # a range longer than this is read as its two ends


@dataclass(frozen=True)
class Reference:
    """One value a reference phrase names, and the span of the whole phrase."""

    path: Path
    start: int
    end: int

    @property
    def kind(self) -> str:
        return self.path[-1][0]

    @property
    def label(self) -> str:
        """The labels of the path joined: ``2(1)(a)``."""
        head, *rest = [label for _, label in self.path]
        return head + "".join(f"({label})" for label in rest)

    def render(self, language: Language) -> str:
        """The reference as ``language`` writes it (its ``references.formats``)."""
        rules = language.references
        formats: dict[str, str] = rules.get("formats") or {}
        values = {kind: label for kind, label in self.path}
        chain = ".".join(kind for kind, _ in self.path)
        whole = formats.get(chain)
        if whole:
            return whole.format(label=self.path[-1][1], **values)
        parts = []
        for kind, label in self.path:
            shape = formats.get(kind) or "{kind} {label}"
            parts.append(shape.format(kind=kind, label=label, **{kind: label}))
        return str(rules.get("join", " ")).join(parts)


# --------------------------------------------------------------------------- tokens


@dataclass(frozen=True)
class _Grammar:
    start: re.Pattern[str]
    kinds: re.Pattern[str] | None  # a text without a kind word holds no reference
    token: re.Pattern[str]  # one alternative per token, named t0, t1 ...
    types: dict[str, tuple[str, str | None]]  # t0 -> (type, kind)
    hints: tuple[str, ...]


@functools.lru_cache(maxsize=32)
def _grammar(language: Language) -> _Grammar | None:
    rules: dict[str, Any] = language.references
    if not rules or not (rules.get("before") or rules.get("after")):
        return None
    tokens: list[tuple[str, str | None, str]] = []
    starts: list[str] = []
    for kind, raw in (rules.get("before") or {}).items():
        tokens.append(("kind", kind, raw))
        starts.append(raw)
    for kind, raw in (rules.get("after") or {}).items():
        tokens.append(("after", kind, raw))
    if rules.get("prefix"):
        tokens.append(("prefix", None, rules["prefix"]))
        starts.append(rules["prefix"])
    tokens.extend(("sub", None, raw) for raw in rules.get("sub") or ())
    number = rules.get("number") or r"\d+"
    tokens.append(("number", None, number))
    if rules.get("letter"):
        tokens.append(("letter", None, rules["letter"]))
    for name in ("list", "range", "of", "skip"):
        raw = rules.get(f"{name}_words")
        if raw:
            tokens.append((name, None, raw))
    # one regular expression, the tokens in order as alternatives (the first that
    # matches wins, as trying them in turn would); a sub-label's groups a and b renamed
    alternatives = [f"(?P<t{i}>" + _GROUP_NAME.sub(f"(?P<t{i}_" + r"\1>", raw) + ")"
                    for i, (_type, _kind, raw) in enumerate(tokens)]
    kinds = [*(rules.get("before") or {}).values()]
    if rules.get("after"):  # a kind after its label: a label just before it (24(b)段)
        after = "|".join(f"(?:{k})" for k in rules["after"].values())
        kinds.append(rf"(?:{number}|[)）])\s*(?:{after})")
    elif rules.get("hints"):
        kinds = []  # the hints are kind words already: no second look
    return _Grammar(re.compile("|".join(f"(?:{s})" for s in starts)),
                    re.compile("|".join(f"(?:{k})" for k in kinds)) if kinds else None,
                    re.compile(r"\s*(?:" + "|".join(alternatives) + ")"),
                    {f"t{i}": (t, k) for i, (t, k, _raw) in enumerate(tokens)},
                    tuple(rules.get("hints") or ()))


_GROUP_NAME = re.compile(r"\(\?P<([ab])>")


@dataclass
class _Token:
    type: str
    kind: str | None
    start: int
    end: int
    values: tuple[str, ...]  # a label's values; two for a sub-label range (b-d)


def _tokens(text: str, at: int, grammar: _Grammar) -> list[_Token]:
    """The reference tokens from ``at`` on, up to the first text that is none."""
    out: list[_Token] = []
    token, types = grammar.token, grammar.types
    while True:
        m = token.match(text, at)
        if m is None or m.end() == at:
            return out
        name = m.lastgroup
        assert name is not None
        type_, kind = types[name]
        start = m.start(name)
        values: tuple[str, ...] = ()
        if type_ in ("sub", "number", "letter"):
            first = m.group(f"{name}_a") if type_ == "sub" else None
            if first is None:
                values = (m.group(name).strip(),)
            else:
                second = m.group(f"{name}_b") if f"{name}_b" in token.groupindex else None
                values = (first, second) if second else (first,)
        out.append(_Token(type_, kind, start, m.end(), values))
        at = m.end()


# --------------------------------------------------------------------------- grammar

Chain = list[tuple[str, str]]  # ("n", "12"), ("s", "a"): a number and its sub-labels


@dataclass
class _Group:
    kind: str | None
    chains: list[Chain]
    start: int
    end: int
    link: str = "next"  # how it joins the group before: next (list, juxtaposed) or of


def _expand(first: str, last: str) -> list[str]:
    """The labels of a range, both ends included (3–5, b–d, i–iv)."""
    if first.isdigit() and last.isdigit():
        a, b = int(first), int(last)
        return [str(n) for n in range(a, b + 1)] if 0 <= b - a <= _MAX_RANGE else [first, last]
    romans = [_roman(n) for n in range(1, 40)]
    if first in romans and last in romans and (first == "i" or len(first) + len(last) > 2):
        a, b = romans.index(first), romans.index(last)
        if a <= b:
            return romans[a:b + 1]
    if len(first) == 1 and len(last) == 1 and first.isalpha() and first <= last:
        return [chr(c) for c in range(ord(first), ord(last) + 1)]
    return [first, last]


def _roman(n: int) -> str:
    out = ""
    for value, letters in ((10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i")):
        while n >= value:
            out += letters
            n -= value
    return out


_ROMAN = {_roman(n).upper(): n for n in range(1, 40)}  # article VI of another treaty


def _groups(tokens: list[_Token]) -> list[_Group]:
    """The groups the tokens make, up to the first token that does not fit."""
    groups: list[_Group] = []
    group: _Group | None = None
    previous: str | None = None  # the previous meaningful token type
    link = "next"

    def close() -> None:
        nonlocal group
        if group is not None:
            groups.append(group)
            group = None

    skipped = False
    for tok in tokens:
        kind = tok.type
        if kind == "skip":
            skipped = True
            continue
        if skipped and kind in ("number", "sub", "letter"):
            break  # a word between a list and a label: "article IV, the 2015 Conference"
        skipped = False
        if kind == "kind":
            if previous in ("number", "sub", "range") and group is not None \
                    and group.kind is None:
                break  # labels waiting for a kind after them (第2 条) met a kind before
            close()
            group = _Group(tok.kind, [], tok.start, tok.end, link)
            link = "next"
        elif kind == "prefix":
            if previous == "list" and group is not None and group.kind is None:
                previous = "list"  # 第3和第4段: the kind after the last label names all
                continue
            close()
            group = _Group(None, [], tok.start, tok.end, link)
            link = "next"
        elif kind in ("number", "letter"):
            if group is None or (kind == "letter" and group.kind not in (None, "annex")):
                break
            if previous in ("kind", "prefix", "list"):
                group.chains.append([("n", tok.values[0])])
            elif previous == "range" and group.chains and group.chains[-1][-1][0] == "n":
                last = group.chains.pop()
                for value in _expand(last[-1][1], tok.values[0]):
                    group.chains.append([*last[:-1], ("n", value)])
            else:
                break
            group.end = tok.end
        elif kind == "sub":
            values = _expand(*tok.values) if len(tok.values) == 2 else list(tok.values)
            if group is None:
                if previous != "after":
                    break
                group = _Group(None, [], tok.start, tok.end, "next")  # 第1款(a)项
                previous = "prefix"
            if previous in ("number", "sub"):
                last = group.chains.pop()
                group.chains.extend([*last, ("s", v)] for v in values)
            elif previous in ("list", "range") and group.chains:
                last = group.chains[-1]
                base = last[:-1] if last[-1][0] == "s" else last
                if previous == "range" and last[-1][0] == "s":
                    group.chains.pop()
                    values = [v for end in values for v in _expand(last[-1][1], end)]
                group.chains.extend([*base, ("s", v)] for v in values)
            elif previous in ("kind", "prefix"):
                group.chains.extend([("s", v)] for v in values)
            else:
                break
            group.end = tok.end
        elif kind == "after":
            if group is None or group.kind is not None or not group.chains:
                break
            if tok.kind in ("subparagraph", "item") and group.chains[0][0][0] == "n":
                break  # 第一项内容 (the first element): a subparagraph has a sub-label
            group.kind = tok.kind
            group.end = tok.end
            close()
        elif kind in ("list", "range", "of"):
            if previous not in ("number", "sub", "letter", "after"):
                break
            if kind == "of":
                if group is None:
                    break
                close()
                link = "of"
            elif group is None and kind == "range":
                link = "range"  # 第9段至第11段: the next group ends the range
        previous = kind
    if group is not None:
        groups.append(group)
    return [g for g in groups if g.kind is not None and g.chains]


def _deeper(level: str, label: str) -> str:
    """The kind of a sub-label under ``level``: a digit under an article is a paragraph."""
    if level == "article":
        return "paragraph" if label.isdigit() else "subparagraph"
    index = LEVELS.index(level)
    return LEVELS[min(index + 1, len(LEVELS) - 1)]


def _paths(group: _Group, language: Language) -> list[Path]:
    out: list[Path] = []
    assert group.kind is not None
    for chain in group.chains:
        path: list[tuple[str, str]] = []
        level = group.kind
        for i, (_tag, label) in enumerate(chain):
            if _tag == "n" and label[:1].isdigit():
                label = str(int(re.match(r"\d+", label).group()))  # type: ignore[union-attr]
            elif group.kind == "annex" and label in ("I", "V", "X"):
                label = str(_ROMAN[label])  # Annex I = 附件1
            elif _tag == "n" and not (len(label) == 1 and label.isupper() and group.kind ==
                                      "annex"):
                value = _ROMAN.get(label) or number_word(label, language, first=1)
                if value is None:
                    break
                label = str(int(value))
            if i:
                level = _deeper(level, label)
            path.append((level, label))
        else:
            out.append(tuple(path))
    return out


def _compose(groups: list[_Group], language: Language) -> list[Path]:
    """The values of a phrase's groups: nested where a deeper kind follows one label, or
    where an ``of`` word makes the next group the parent."""
    done: list[Path] = []
    current: list[Path] = []
    for group in groups:
        paths = _paths(group, language)
        if not paths:
            continue
        if group.link == "range" and len(current) == 1 and len(paths) == 1 and \
                len(current[0]) == len(paths[0]) == 1 and current[0][0][0] == paths[0][0][0]:
            kind = paths[0][0][0]
            labels = _expand(current[0][0][1], paths[0][0][1])
            done.extend(((kind, label),) for label in labels[:-1])
            current = paths
        elif group.link == "of" and current:
            current = [p + c for p in paths for c in current]
        elif len(current) == 1 and all(
                LEVELS.index(p[0][0]) > LEVELS.index(current[0][-1][0]) for p in paths):
            current = [current[0] + p for p in paths]
        else:
            done.extend(current)
            current = paths
    done.extend(current)
    return done


def read_references(text: str, language: Language) -> list[Reference]:
    """Every reference of the text, one per value, in order."""
    grammar = _grammar(language)
    if grammar is None or (grammar.hints and not any(h in text for h in grammar.hints)) \
            or (grammar.kinds is not None and grammar.kinds.search(text) is None):
        return []
    found: list[Reference] = []
    at = 0
    while True:
        m = grammar.start.search(text, at)
        if m is None:
            break
        tokens = _tokens(text, m.start(), grammar)
        groups = _groups(tokens)
        if not groups:
            at = m.end()
            continue
        start, end = groups[0].start, max(g.end for g in groups)
        found.extend(Reference(path, start, end) for path in _compose(groups, language))
        at = max(end, m.end())
    return found


def references(text: str, language: Language) -> list[Reference]:
    """:func:`read_references` of the text, full-width digits folded."""
    return read_references(fold(text), language)
