"""``att-docs new-conference``: a conference folder for a new cycle, ready for ``new``.

It holds one file, ``conference.yaml``: the number, the venue in each language, the
opening and closing dates, the languages and the distribution deadline rule. ``--from``
an earlier conference carries over what its ``conference.yaml`` holds besides the dates:
the languages, the venue and the deadline rule (and the number, plus one). Every value is
checked as the reader checks the file, before anything is written; the folder appears
whole, in one rename, or not at all.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from att_docs.base.confine import check_name
from att_docs.base.errors import ContentError
from att_docs.base.paths import CONFERENCE_FILE
from att_docs.base.text import describe, forbidden_character
from att_docs.scaffold.new_paper import write_new_folder
from att_docs.writers.content.yamlout import plain_dump

__all__ = ["ConferenceSpec", "new_conference", "parse_date"]


@dataclass(frozen=True)
class ConferenceSpec:
    """What the command line gives; ``None`` where ``--from`` (or the default) decides."""

    number: int | None
    opening: dt.date
    closing: dt.date
    languages: list[str] | None = None
    venue: dict[str, str] | None = None
    deadline_days: int | None = None


def parse_date(text: str, option: str) -> dt.date:
    """A date as written on the command line (YYYY-MM-DD), within the years content may
    use; else a ContentError naming the option."""
    from att_docs.readers.schema import EARLIEST, LATEST

    try:
        date = dt.date.fromisoformat(text)
    except ValueError:
        raise ContentError(f"{text!r} is not a date (YYYY-MM-DD, a day that exists)",
                           option) from None
    if not EARLIEST <= date <= LATEST:
        raise ContentError(f"{text}: a date between {EARLIEST} and {LATEST} is expected",
                           option)
    return date


def new_conference(parent: Path, name: str, spec: ConferenceSpec, templates: Path,
                   earlier: Path | None = None) -> Path:
    """Write ``parent/name/conference.yaml``; return the new folder."""
    from att_docs.document.deadline import DEFAULT_DAYS_BEFORE_OPENING, deadline_for
    from att_docs.readers.content import read_conference

    check_name(name, "NAME")
    if parent.exists() and not parent.is_dir():
        raise ContentError("not a folder; conferences are folders in a folder", parent)
    target = parent / name
    if target.exists() or target.is_symlink():
        raise ContentError("already exists; a new conference needs a new folder", target)
    if spec.closing < spec.opening:
        raise ContentError(f"{spec.closing}: the closing date is before the opening date "
                           f"{spec.opening}", "--closing")
    before = read_conference(earlier) if earlier is not None else None
    number = spec.number if spec.number is not None else (before.number + 1 if before
                                                          else None)
    if number is None:
        raise ContentError("the conference's number is needed (or --from an earlier "
                           "conference, whose number it follows)", "--number")
    languages = spec.languages or (list(before.languages) if before else None)
    if not languages:
        raise ContentError("the conference's languages are needed, e.g. --languages en,fr "
                           "(or --from an earlier conference)", "--languages")
    _check_languages(languages, templates)
    venue = _venue(spec.venue, before.venue if before else None, languages)
    days = spec.deadline_days if spec.deadline_days is not None else (
        before.deadline_days if before else DEFAULT_DAYS_BEFORE_OPENING)
    deadline = deadline_for(spec.opening, days)
    data = {"number": number, "venue": venue, "opening": spec.opening,
            "closing": spec.closing, "languages": languages,
            "deadline": {"days_before_opening": days}}
    source = f" from {before.id}" if before else ""
    text = (f"# CSP{number}, started with `att-docs new-conference`{source}.\n"
            + plain_dump({k: data[k] for k in ("number", "venue", "opening", "closing",
                                               "languages")}, flow=None)
            + f"# Distribution deadline: papers go out {days} days before the opening "
              f"({deadline.isoformat()}).\n"
              "# A paper.yaml may override it with its own "
              "`deadline: {days_before_opening: N}`.\n"
            + plain_dump({"deadline": data["deadline"]}))
    _validate(data)
    parent.mkdir(parents=True, exist_ok=True)
    write_new_folder(target, {CONFERENCE_FILE: text}, "new conference")
    return target


def _validate(data: dict[str, object]) -> None:
    """The reader's schema, before anything is written."""
    from pydantic import ValidationError

    from att_docs.readers.schema import ConferenceFile

    try:
        ConferenceFile.model_validate(data)
    except ValidationError as exc:
        error = exc.errors()[0]
        where = "--" + str(error["loc"][0]).replace("_", "-") if error["loc"] else None
        raise ContentError(error["msg"], where) from None


def _check_languages(languages: list[str], templates: Path) -> None:
    from att_docs.language.profile import available_languages

    known = available_languages(templates)
    twice = sorted({lang for lang in languages if languages.count(lang) > 1})
    if twice:
        raise ContentError(f"{', '.join(twice)} given twice", "--languages")
    unknown = [lang for lang in languages if lang not in known]
    if unknown:
        raise ContentError(f"no locale data for {', '.join(unknown)} in "
                           f"{templates / 'locale'} (known: {', '.join(known)})",
                           "--languages")


def _venue(given: dict[str, str] | None, earlier: dict[str, str] | None,
           languages: list[str]) -> dict[str, str]:
    """The venue in each language: as given (all of it), else the earlier conference's."""
    venue = given or earlier
    if not venue:
        raise ContentError("the venue is needed in each language, e.g. --venue en=Geneva "
                           "(or --from an earlier conference)", "--venue")
    for lang, text in venue.items():
        bad = forbidden_character(text)
        if bad or "\n" in text or "\r" in text or len(text) > 200:
            what = (f"holds character {describe(bad[0])}" if bad
                    else "holds a line break or is over 200 characters")
            raise ContentError(f"the venue in {lang} {what}", "--venue")
    missing = [lang for lang in languages if not venue.get(lang, "").strip()]
    if missing:
        where = "--venue" if given else "--from"
        raise ContentError(f"no venue in {', '.join(missing)}; give it with --venue "
                           f"{missing[0]}=…", where)
    extra = sorted(set(venue) - set(languages))
    if given and extra:
        raise ContentError(f"{', '.join(extra)} is not a language of the conference "
                           f"({', '.join(languages)})", "--venue")
    return {lang: venue[lang] for lang in languages}
