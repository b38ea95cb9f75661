"""The schema of a translation record (``<paper>/.translations/<lang>.yaml``).

A record is plain YAML that att-docs writes (see :mod:`.provenance`); every value is
text. Read through :func:`att_docs.base.statefile.load_record`, so a field of the wrong kind
is refused with the file and line instead of being taken for something else.
"""

from __future__ import annotations

from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, ValidationInfo, field_validator

__all__ = ["RecordEntry", "RecordFile"]

Hash = Annotated[str, Field(pattern=r"^[0-9a-f]{12}$")]
UnitId = Annotated[str, Field(min_length=1, max_length=200)]


class RecordEntry(BaseModel):
    """What one unit's translation was made from."""

    model_config = ConfigDict(extra="forbid")
    hash: Hash
    source: str = ""


class RecordFile(BaseModel):
    """A whole record: its language, units by id, placeholders and confirmed copies by id."""

    model_config = ConfigDict(extra="forbid")
    language: str
    units: dict[UnitId, RecordEntry] = Field(default_factory=dict)
    placeholders: dict[UnitId, Hash] = Field(default_factory=dict)
    # texts confirmed to stay the same as the original, with the original's hash
    confirmed: dict[UnitId, Hash] = Field(default_factory=dict)

    @field_validator("language")
    @classmethod
    def _own_language(cls, value: str, info: ValidationInfo) -> str:
        expected = (info.context or {}).get("language")
        if expected is not None and value != expected:
            raise ValueError(f"the record of {expected!r} says {value!r}")
        return value
