"""Translation files made with translate-toolkit, for tests: XLIFF 1.2 and TMX."""

from __future__ import annotations

from pathlib import Path

from translate.storage import xliff
from translate.storage.tmx import tmxfile

XLIFF_12 = "urn:oasis:names:tc:xliff:document:1.2"


class Unit12(xliff.xliffunit):
    namespace = XLIFF_12


class Xliff12(xliff.xlifffile):
    """translate-toolkit's XLIFF store, writing the 1.2 namespace instead of 1.1."""

    namespace = XLIFF_12
    UnitClass = Unit12
    XMLskeleton = xliff.xlifffile.XMLskeleton.replace("1.1", "1.2")


def make_xliff(path: Path, source: str, target: str,
               pairs: list[tuple[str, str, str]]) -> Path:
    store = Xliff12(sourcelanguage=source, targetlanguage=target)
    for unit_id, text, translation in pairs:
        unit = store.addsourceunit(text)
        unit.setid(unit_id)
        unit.target = translation
    path.write_bytes(bytes(store))
    return path


def make_tmx(path: Path, source: str, target: str, pairs: list[tuple[str, str]]) -> Path:
    memory = tmxfile(sourcelanguage=source)
    for text, translation in pairs:
        memory.addtranslation(text, source, translation, target)
    path.write_bytes(bytes(memory))
    return path
