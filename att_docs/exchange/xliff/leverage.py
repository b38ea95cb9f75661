"""Translation-memory matches for the paragraphs of an export, as XLIFF content.

An untranslated paragraph with an id or exact match whose translation carries every
inline code of the paragraph is pre-filled (:attr:`Offer.prefill`); every other match
of :data:`THRESHOLD` % or more is offered beside the paragraph (``<alt-trans>`` in
1.2, ``<mtc:match>`` in 2.1). A pre-filled text is a proposal: the paper counts it as
translated only once it comes back through ``xliff import`` or is confirmed.
"""

from __future__ import annotations

from dataclasses import dataclass

from att_docs.document.model import Document, Inline, Run
from att_docs.exchange.memory.match import Match, Memory
from att_docs.exchange.xliff.codes import Code, CodeError, Node, encode

__all__ = ["QUALIFIERS", "THRESHOLD", "Offer", "offers"]

THRESHOLD = 75
"""The lowest fuzzy match offered, in per cent."""

QUALIFIERS = {"id": "id-match", "exact": "exact-match", "fuzzy": "fuzzy-match"}
"""XLIFF 1.2 ``state-qualifier`` of a match's kind."""


@dataclass(frozen=True)
class Offer:
    """One match as the file carries it: the remembered source and its translation.

    ``target`` has the paragraph's own inline codes where they pair up with the
    translation's (else it is the translation's words alone); ``complete`` says they
    all do, which a pre-filled target needs.
    """

    match: Match
    source: list[Node]
    target: list[Node]
    complete: bool

    @property
    def prefill(self) -> bool:
        return self.complete and self.match.kind in ("id", "exact")


def offers(memory: Memory | None, doc: Document, xliff_id: str, inlines: list[Inline],
           codes: dict[str, Code]) -> list[Offer]:
    """The matches for one paragraph (``xliff_id`` of ``doc``), best first."""
    if memory is None or not len(memory):
        return []
    found = memory.matches(inlines, unit_id=xliff_id, paper_type=doc.type,
                           symbol=str(doc.masthead.symbol), date=doc.masthead.date,
                           threshold=THRESHOLD)
    out: list[Offer] = []
    for match in found:
        try:
            target, complete = encode(match.target, codes)[0], True
        except CodeError:
            words = "".join(i.text for i in match.target if isinstance(i, Run))
            target, complete = [words], False
        if match.kind != "fuzzy" and not complete:  # the words match, the codes do not
            match = Match("fuzzy", min(match.score, 99), match.entry, match.target)
        out.append(Offer(match, encode(list(match.entry.source))[0], target, complete))
    if out and out[0].match.score == 100:  # lesser matches are of no use beside it
        out = [offer for offer in out if offer.match.score == 100]
    return out
