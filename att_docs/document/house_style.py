"""House styles: how a language's papers space and label things, as named profiles.

Each ``templates/locale/<lang>.yaml`` lists its profiles under ``house_styles`` and names
the one its papers use under ``house_style``; a conference may choose another
(``conference.yaml``: ``house_style: {fr: eu}``). A profile says, for each of ``; : ! ?``,
whether a space stands before it (``required``: a no-break space, U+00A0 or U+202F;
``none``; ``either``), whether « » take a space inside, whether Chinese text may use
half-width parentheses, and how subparagraphs are labelled (``{label})`` for a), b)).

The checks report a text that departs from the profile (``typography``); the build's
output follows it (:func:`styled`): a required space is made a no-break one, a space the
profile does not want is taken out.
"""

from __future__ import annotations

import copy
import functools
import re
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from att_docs.base.errors import ContentError

if TYPE_CHECKING:
    from att_docs.document.model import Document

__all__ = ["HouseStyle", "house_style", "house_styled", "restyle", "styled"]

Spacing = Literal["required", "none", "either"]
NO_BREAK = "\u00a0\u202f"


@dataclass(frozen=True)
class HouseStyle:
    """One profile of one language (see the module docstring)."""

    name: str = "plain"
    source: str = ""
    space_before: dict[str, Spacing] = field(default_factory=dict)
    guillemets: Spacing = "either"
    space: str = "\u202f"
    parentheses: Literal["full-width", "either"] = "either"
    subparagraph_label: str = "{label}."
    wording: dict[str, str] = field(default_factory=dict)  # 本条约 -> 本《条约》

    def label(self, letter: str) -> str:
        """A subparagraph's label as the profile writes it: ``a.`` or ``a)``."""
        return self.subparagraph_label.format(label=letter)

    @property
    def spaced(self) -> bool:
        """Whether the profile says anything about spaces (the build then applies it)."""
        return bool(self.space_before) or self.guillemets != "either"


@functools.cache
def _profiles(templates: Path, lang: str) -> tuple[str | None, dict[str, HouseStyle]]:
    from att_docs.base.yamlfile import load_yaml, validate
    from att_docs.language.locale_schema import LocaleFile
    from att_docs.language.profile import primary_subtag

    for name in dict.fromkeys((lang, primary_subtag(lang))):
        path = templates / "locale" / f"{name}.yaml"
        if path.is_file():
            spec = validate(load_yaml(path), LocaleFile, "locale data")
            profiles = {key: HouseStyle(key, **value.model_dump())
                        for key, value in spec.house_styles.items()}
            return spec.house_style, profiles
    return None, {}


def house_style(templates: Path, lang: str, choice: str | None = None) -> HouseStyle:
    """The profile ``choice`` of ``lang`` (default: the one its locale data names)."""
    default, profiles = _profiles(templates.resolve(), lang)
    name = choice or default
    if name is None:
        return HouseStyle()
    found = profiles.get(name)
    if found is None:
        raise ContentError(f"no house style {name!r} for {lang!r} (known: "
                           f"{', '.join(profiles) or 'none'})",
                           templates / "locale" / f"{lang}.yaml")
    return found


# --------------------------------------------------------------------------- output


def _before(mark: str) -> re.Pattern[str]:
    return re.compile(rf"(?P<before>\S)?(?P<space>[ \t{NO_BREAK}]*){re.escape(mark)}")


_QUOTE_OPEN = re.compile(rf"«[ \t{NO_BREAK}]*")
_QUOTE_CLOSE = re.compile(rf"[ \t{NO_BREAK}]*»")
_KEEP = re.compile(r"\d:\d|://")  # 10:30, https://


def restyle(text: str, style: HouseStyle) -> str:
    """``text`` spaced as the profile says (idempotent)."""
    if not style.spaced or not text:
        return text
    for mark, rule in style.space_before.items():
        if mark not in text:
            continue
        text = _before(mark).sub(lambda m, r=rule, k=mark: _space(m, r, k, style), text)
    if "«" in text or "»" in text:
        inner = {"required": style.space, "none": ""}.get(style.guillemets)
        if inner is not None:
            text = _QUOTE_OPEN.sub("«" + inner, text)
            text = _QUOTE_CLOSE.sub(inner + "»", text)
    return text


def _space(m: re.Match[str], rule: Spacing, mark: str, style: HouseStyle) -> str:
    before, space = m.group("before") or "", m.group("space")
    whole = m.group()
    end = m.string[m.end():m.end() + 2]
    if not before or (mark == ":" and (_KEEP.match(before + ":" + end[:1])
                                       or end.startswith("//"))) or before in "?!":
        return whole  # the start of a text, a time, an address, ?! as one mark
    if rule == "required" or (rule == "either" and space):
        return before + (space.strip(" \t") or style.space) + mark
    if rule == "none":
        return before + mark
    return whole


def house_styled(doc: Document, lang: str) -> Document:
    """``doc`` with its texts in ``lang`` spaced as that language's house style (the one
    assembly recorded), or ``doc`` itself where the style says nothing of spaces."""
    style = doc.house_styles.get(lang)
    return doc if style is None else styled(doc, lang, style)  # type: ignore[return-value]


def styled(doc: object, lang: str, style: HouseStyle) -> object:
    """A document with every text in ``lang`` restyled, for the writers; the document
    itself (which the checks and exchanges read) is left as written.

    Copies only what the style changes: a text whose runs change is a new text, and
    every list, dict and dataclass on the way to it a shallow copy; all else is shared
    with ``doc`` (the writers only read what they are given).
    """
    if not style.spaced:
        return doc
    return _Restyler(lang, style).value(doc)


class _Restyler:
    """One pass over a document: each object's restyled form, or the object itself."""

    def __init__(self, lang: str, style: HouseStyle):
        self.lang, self.style = lang, style
        self.done: dict[int, object] = {}  # by id: an object met twice is one object

    def value(self, value: object) -> object:
        key = id(value)
        if key in self.done:
            return self.done[key]
        out = self._value(value)
        self.done[key] = out
        return out

    def _value(self, value: object) -> object:
        from att_docs.document.model import Text

        if isinstance(value, str | int | float | bool | None):
            return value
        if isinstance(value, Text):
            return self._text(value)
        if isinstance(value, dict):
            return self._dict(value, Text)
        if isinstance(value, list | tuple):
            items = [self.value(item) for item in value]
            if all(new is old for new, old in zip(items, value, strict=True)):
                return value
            return type(value)(items) if isinstance(value, list) else tuple(items)
        fields = getattr(value, "__dataclass_fields__", None)
        if fields is None:
            return value
        changed = self._changes((name, getattr(value, name)) for name in fields)
        if not changed:
            return value
        out = copy.copy(value)
        for name, new in changed.items():
            object.__setattr__(out, name, new)
        return out

    def _changes(self, items: Iterable[tuple[Any, object]]) -> dict[Any, object]:
        """The restyled form of each item that the style changes, by its key."""
        changed = {}
        for key, old in items:
            new = self.value(old)
            if new is not old:
                changed[key] = new
        return changed

    def _dict(self, value: dict, text_type: type) -> object:
        """A language's text in a localized dict is restyled; the other languages' texts
        are not; any other value is looked into."""
        changed = self._changes((key, item) for key, item in value.items()
                                if key == self.lang or not isinstance(item, text_type))
        if not changed:
            return value
        out = copy.copy(value)
        out.update(changed)
        return out

    def _text(self, text: Any) -> object:
        from att_docs.document.model import Run

        blocks = []
        for block in text.blocks:
            inlines = []
            for inline in block.inlines:
                if isinstance(inline, Run):
                    new = restyle(inline.text, self.style)
                    if new != inline.text:
                        inline = replace(inline, text=new)
                inlines.append(inline)
            if any(new is not old for new, old in zip(inlines, block.inlines, strict=True)):
                block = replace(block, inlines=inlines)
            blocks.append(block)
        if all(new is old for new, old in zip(blocks, text.blocks, strict=True)):
            return text
        return replace(text, blocks=blocks)
