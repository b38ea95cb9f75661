"""The project's term base format: YAML, one concept per entry (see glossary/README.md).

Reading goes through :mod:`att_docs.base.yamlfile` (ruamel round-trip loader and
pydantic), so every error names the file and line; writing produces the same layout a
person would write: one entry per concept, a blank line between entries, short term
lists in flow style.
"""

from __future__ import annotations

import io
import re
from pathlib import Path
from typing import Annotated, Any

from babel import localedata
from pydantic import BaseModel, BeforeValidator, ConfigDict, Field
from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.scalarstring import LiteralScalarString

from att_docs.base.errors import ContentError
from att_docs.base.yamlfile import Loaded, load_yaml, validate
from att_docs.glossary.integrity import clean_term, clean_text, finish
from att_docs.glossary.model import Concept, Glossary, Status, Term

__all__ = ["ID_PATTERN", "dumps_yaml", "load_yaml_glossary"]

ID_PATTERN = re.compile(r"^[A-Za-z_][A-Za-z0-9_.-]*$")  # an XML NCName, so TBX can use it
_LANG_KEY = re.compile(r"^[a-z]{2,3}(-Hant)?$")

HEADER = ("# Bilingual term base, one concept per entry (format: glossary/README.md).\n"
          "# Convert with: att-docs glossary export --format tbx|csv\n")


def _as_mapping(value: Any) -> Any:
    return {"term": value} if isinstance(value, str) else value


def _as_list(value: Any) -> Any:
    return value if isinstance(value, list) else [value]


class TermSpec(BaseModel):
    """A term written as a mapping, for what a plain string cannot say."""

    model_config = ConfigDict(extra="forbid")
    term: str
    kind: str | None = Field(default=None, pattern=r"^[A-Za-z][A-Za-z-]*$")
    case_sensitive: bool | None = None
    note: str | None = None


TermValue = Annotated[TermSpec, BeforeValidator(_as_mapping)]


class LangSpec(BaseModel):
    """The terms of one language."""

    model_config = ConfigDict(extra="forbid")
    preferred: Annotated[list[TermValue], BeforeValidator(_as_list), Field(min_length=1)]
    admitted: list[TermValue] = Field(default_factory=list)
    abbreviations: list[TermValue] = Field(default_factory=list)
    deprecated: list[TermValue] = Field(default_factory=list)
    superseded: list[TermValue] = Field(default_factory=list)


class ConceptSpec(BaseModel):
    """One entry; its other keys are language codes holding a :class:`LangSpec`."""

    model_config = ConfigDict(extra="allow")
    id: str
    subject: str | None = None
    definition: str | None = None
    note: str | None = None
    case_sensitive: bool = False


_SLOTS: tuple[tuple[str, Status, str | None], ...] = (
    # YAML key, status, the kind a plain string in that list has
    ("preferred", "preferred", None),
    ("admitted", "admitted", None),
    ("abbreviations", "admitted", "abbreviation"),
    ("deprecated", "deprecated", None),
    ("superseded", "superseded", None),
)


# --------------------------------------------------------------------------- reading


def load_yaml_glossary(path: Path) -> Glossary:
    """Read a YAML term base; any problem raises :class:`ContentError` with file and line."""
    loaded = load_yaml(path)
    if loaded.data is None:
        return finish(Glossary([], source=path), path)
    if not isinstance(loaded.data, list):
        raise ContentError("a glossary is a list of concepts, each starting with "
                           "'- id: ...'", path, 1)
    concepts = [_concept(loaded, i) for i in range(len(loaded.data))]
    return finish(Glossary(concepts, source=path), path)


def _concept(loaded: Loaded, i: int) -> Concept:
    spec = validate(loaded, ConceptSpec, "glossary entry", at=(i,))
    if not ID_PATTERN.match(spec.id):
        raise loaded.error(f"concept id {spec.id!r} must start with a letter and hold only "
                           "letters, digits, '-', '_' and '.'", i, "id")
    terms: dict[str, list[Term]] = {}
    for lang in spec.model_extra or {}:
        if not (_LANG_KEY.match(lang) and localedata.exists(lang.split("-")[0])):
            raise loaded.error(f"unknown key {lang!r} in glossary entry (expected one of: "
                               f"{', '.join(ConceptSpec.model_fields)}, or a language code "
                               "such as en, zh)", i, lang)
        lang_spec = validate(loaded, LangSpec, f"the {lang} terms of {spec.id!r}", at=(i, lang))
        terms[lang] = _terms(loaded, lang_spec, spec.case_sensitive, (i, lang))
    if not terms:
        raise loaded.error(f"concept {spec.id!r} has no terms: add at least en and zh", i)
    return Concept(id=spec.id, terms=terms, note=clean_text(spec.note),
                   subject=clean_text(spec.subject), line=loaded.line(i),
                   definition=clean_text(spec.definition))


def _terms(loaded: Loaded, spec: LangSpec, case_sensitive: bool,
           at: tuple[str | int, ...]) -> list[Term]:
    terms = []
    for key, status, kind in _SLOTS:
        for j, item in enumerate(getattr(spec, key)):
            sensitive = case_sensitive if item.case_sensitive is None else item.case_sensitive
            terms.append(Term(text=clean_term(item.term), status=status,
                              kind=item.kind or kind, case_sensitive=sensitive,
                              note=clean_text(item.note), line=loaded.line(*at, key, j)))
    return terms


# --------------------------------------------------------------------------- writing


def dumps_yaml(glossary: Glossary) -> str:
    """The glossary in the project's YAML layout, ready to review in a diff."""
    data = CommentedSeq(_entry(c) for c in glossary.concepts)
    yaml = YAML(typ="rt")
    yaml.width = 4096  # one line per value: reviewers diff lines
    yaml.indent(mapping=2, sequence=4, offset=2)
    out = io.StringIO()
    if data:
        yaml.dump(data, out)
    # ruamel indents the top-level list too: take those two spaces back, then put a
    # blank line between concepts
    lines = [line.removeprefix("  ") for line in out.getvalue().splitlines(keepends=True)]
    body = re.sub(r"\n(?=- )", "\n\n", "".join(lines))
    return HEADER + ("\n" + body if body else "[]\n")


def _entry(concept: Concept) -> CommentedMap:
    entry = CommentedMap(id=concept.id)
    for key in ("subject", "definition", "note"):
        if getattr(concept, key):
            entry[key] = _scalar(getattr(concept, key))
    every_term = [t for terms in concept.terms.values() for t in terms]
    sensitive = bool(every_term) and all(t.case_sensitive for t in every_term)
    for lang, terms in concept.terms.items():
        if terms:
            entry[lang] = _language(terms, sensitive)
    if sensitive:
        entry["case_sensitive"] = True
    return entry


def _language(terms: list[Term], sensitive: bool) -> CommentedMap:
    section = CommentedMap()
    for key, status, kind in _SLOTS:
        chosen = [t for t in terms if t.status == status
                  and (status != "admitted" or t.is_abbreviation == (key == "abbreviations"))]
        if not chosen:
            continue
        values = [_term(t, kind, sensitive) for t in chosen]
        if key == "preferred" and len(values) == 1:
            section[key] = values[0]
        else:
            seq = CommentedSeq(values)
            if all(isinstance(v, str) for v in values):
                seq.fa.set_flow_style()
            section[key] = seq
    return section


def _term(term: Term, default_kind: str | None, sensitive: bool) -> str | CommentedMap:
    """A plain string when the slot says it all, else a mapping."""
    if term.kind == default_kind and term.case_sensitive == sensitive and not term.note:
        return term.text
    spec = CommentedMap(term=term.text)
    if term.kind != default_kind:
        spec["kind"] = term.kind
    if term.case_sensitive != sensitive:
        spec["case_sensitive"] = term.case_sensitive
    if term.note:
        spec["note"] = _scalar(term.note)
    if "\n" not in (term.note or ""):
        spec.fa.set_flow_style()  # {term: Treaty, case_sensitive: true}
    return spec


def _scalar(text: str) -> str:
    return LiteralScalarString(text + "\n") if "\n" in text else text
