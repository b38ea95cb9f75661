"""QA profiles and per-check settings: which checks run, at what severity.

Profiles are data (``templates/check-profiles.yaml``); a conference chooses one and
adjusts single checks in ``conference.yaml`` (``checks: {profile, rules}``), and
``att-docs check --profile`` overrides the profile. Settings apply to the findings of each
corpus after the checks ran: a disabled check's findings go, a check's ``severity``
replaces theirs, a profile's ``promote`` raises a severity to another.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from att_docs.base.errors import ContentError
from att_docs.checks.findings import SEVERITIES, Finding
from att_docs.checks.registry import check_ids

__all__ = ["PROFILES_FILE", "Settings", "apply_settings", "profile_names", "settings_for"]

PROFILES_FILE = "check-profiles.yaml"


@dataclass(frozen=True)
class Settings:
    """One run's settings for one corpus."""

    profile: str = "default"
    disabled: frozenset[str] = frozenset()
    severity: dict[str, str] = field(default_factory=dict)  # check id -> severity
    promote: dict[str, str] = field(default_factory=dict)  # severity -> severity


@cache
def _profiles(templates: Path) -> dict[str, dict[str, Any]]:
    from att_docs.base.yamlfile import load_yaml

    path = templates / PROFILES_FILE
    if not path.is_file():
        return {"default": {}}
    data = load_yaml(path).data
    if not isinstance(data, dict):
        raise ContentError("QA profiles: a mapping of profile names is expected", path)
    for name, spec in data.items():
        _validate(spec or {}, path, f"profile {name!r}")
    return {str(k): dict(v or {}) for k, v in data.items()}


def profile_names(templates: Path) -> list[str]:
    return list(_profiles(templates.resolve()))


def _validate(spec: dict[str, Any], path: Path | None, what: str) -> None:
    known = {"description", "rules", "promote", "profile"}
    unknown = set(spec) - known
    if unknown:
        raise ContentError(f"{what}: unknown key {sorted(unknown)[0]!r} (known: "
                           f"{', '.join(sorted(known))})", path)
    for check, rule in (spec.get("rules") or {}).items():
        if check not in check_ids():
            raise ContentError(f"{what}: unknown check {check!r} (known: "
                               f"{', '.join(check_ids())})", path)
        severity = (rule or {}).get("severity")
        if severity is not None and severity not in SEVERITIES:
            raise ContentError(f"{what}: severity of {check!r} must be one of "
                               f"{', '.join(SEVERITIES)}", path)
    for old, new in (spec.get("promote") or {}).items():
        if old not in SEVERITIES or new not in SEVERITIES:
            raise ContentError(f"{what}: promote maps severities ({', '.join(SEVERITIES)})",
                               path)


def settings_for(templates: Path, profile: str | None = None,
                 conference: dict[str, Any] | None = None,
                 where: Path | None = None) -> Settings:
    """The settings of a profile (``profile``, else the conference's, else default) with
    the conference's per-check rules over it."""
    conference = conference or {}
    _validate(conference, where, "checks")
    profiles = _profiles(templates.resolve())
    name = profile or conference.get("profile") or "default"
    if name not in profiles:
        raise ContentError(f"no QA profile {name!r} (known: {', '.join(profiles)})",
                           where or templates / PROFILES_FILE)
    spec = profiles[name]
    rules = {**(spec.get("rules") or {}), **(conference.get("rules") or {})}
    return Settings(
        name,
        frozenset(c for c, r in rules.items() if r and r.get("enabled") is False),
        {c: r["severity"] for c, r in rules.items() if r and r.get("severity")},
        dict(spec.get("promote") or {}))


def apply_settings(findings: list[Finding], settings: Settings) -> list[Finding]:
    """The findings as the settings have them: some dropped, some of another severity."""
    if settings == Settings(settings.profile):
        return findings
    out = []
    for f in findings:
        if f.check in settings.disabled:
            continue
        severity = settings.severity.get(f.check, f.severity)
        severity = settings.promote.get(severity, severity)
        out.append(f if severity == f.severity
                   else dataclasses.replace(f, severity=severity))  # type: ignore[arg-type]
    return out
