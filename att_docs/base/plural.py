"""Counts in messages: "1 paper", "3 papers", "0 fichier", "3 个文件".

A message with a count is written with its two English forms, ``{n}`` standing for the
number; gettext's ``ngettext`` picks the form. Without a catalogue that is the English
rule of the messages as written; with one (the message catalogues of
``templates/locale``, compiled by babel with the CLDR plural rule of their language), the
catalogue's rule and forms. No code here knows how any language counts.
"""

from __future__ import annotations

import gettext

__all__ = ["counted"]

_SOURCE = gettext.NullTranslations()  # the messages as written in the code


def counted(n: int, one: str, other: str,
            translations: gettext.NullTranslations | None = None) -> str:
    """``one`` or ``other`` (or a catalogue's form) for ``n``, with ``{n}`` filled in:
    ``counted(1, "{n} paper", "{n} papers")`` is ``1 paper``."""
    form = (translations or _SOURCE).ngettext(one, other, n)
    return form.replace("{n}", str(n))
