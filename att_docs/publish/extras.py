"""The set's extra files: ``manifest.json``, ``index.html`` and the zip.

They describe the whole set the folder will hold, whatever part of it this build wrote:
files of formats or languages not asked for stay listed. Each is carried over from the
current set while still true, else written.
"""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import TYPE_CHECKING, Any

from att_docs.base.hashing import combine, file_sha256
from att_docs.publish import links
from att_docs.publish.cache import BuildCache
from att_docs.publish.index_page import INDEX_FILE, INDEX_TEMPLATE
from att_docs.publish.manifest import MANIFEST_FILE, manifest_bytes, manifest_data
from att_docs.publish.plan import symbol_order
from att_docs.status.setinfo import superseded_by
from att_docs.writers.registry import WRITERS

if TYPE_CHECKING:
    from att_docs.publish.context import BuildJob, BuildReport
    from att_docs.publish.plan import Plan

__all__ = ["extras_fresh", "write_extras"]


def _extras(job: BuildJob, cache: BuildCache, plan: Plan) -> dict[str, Any]:
    """The manifest's bytes and the keys of the index page and the archive."""
    files = [{"file": name, **cache.outputs[name]} for name in plan.every
             if name in cache.outputs]
    papers = sorted(plan.metas.values(), key=lambda m: symbol_order(m.symbol))
    newer = superseded_by([(m.id, m.symbol) for m in papers])
    data = manifest_data(plan.conference, papers, files, newer, _settings(plan, files),
                         final=job.final)
    content = manifest_bytes(data)
    manifest_key = hashlib.sha256(content).hexdigest()
    index_template = job.templates / INDEX_TEMPLATE
    index_key = combine(manifest_key, file_sha256(index_template)
                        if index_template.is_file() else None, plan.templates_key,
                        str(job.archive), plan.today.isoformat())  # it counts the days left
    return {"data": data, "manifest": content, "manifest_key": manifest_key,
            "index_key": index_key, "today": plan.today,
            "zip_key": combine(manifest_key, index_key),
            "zip": f"{plan.conference['id']}.zip"}


def _settings(plan: Plan, files: list[dict[str, Any]]) -> dict[str, Any]:
    """The formats, languages and PDF engine of the files in the set."""
    engines = sorted({f.get("engine", "typst") for f in files if f["format"] == "pdf"})
    return {"formats": [fmt for fmt in WRITERS if any(f["format"] == fmt for f in files)],
            "languages": [lang for lang in plan.conference["languages"]
                          if any(f["lang"] == lang for f in files)],
            "pdf_engine": engines[0] if len(engines) == 1 else (engines or None)}


def extras_fresh(job: BuildJob, live: Path, cache: BuildCache, plan: Plan) -> bool:
    """Whether the current set's extras (and so the set) are all up to date."""
    if any(name not in cache.outputs for name in plan.expected):
        return False
    extras = _extras(job, cache, plan)
    fresh = (cache.extra_fresh(live, MANIFEST_FILE, extras["manifest_key"])
             and cache.extra_fresh(live, INDEX_FILE, extras["index_key"]))
    if job.archive:
        return fresh and cache.extra_fresh(live, extras["zip"], extras["zip_key"])
    return fresh and extras["zip"] not in cache.extras


def write_extras(job: BuildJob, version: Path, live: Path | None, cache: BuildCache,
                 plan: Plan, report: BuildReport) -> None:
    """manifest.json, index.html and (with ``archive``) the zip into the new set: carried
    over from the current set when still true, else written."""
    from att_docs.publish.manifest import write_zip

    archive = job.archive
    extras = _extras(job, cache, plan)
    old = dict(cache.extras)
    cache.extras = {}

    def keep(name: str, key: str) -> bool:
        cache.extras.pop(name, None)
        if live is None or old.get(name, {}).get("key") != key:
            return False
        cache.extras[name] = old[name]
        return (BuildCache(extras=old).extra_fresh(live, name, key)
                and links.carry(live / name, version / name))

    if not keep(MANIFEST_FILE, extras["manifest_key"]):
        (version / MANIFEST_FILE).write_bytes(extras["manifest"])
        cache.extras[MANIFEST_FILE] = {"key": extras["manifest_key"],
                                       "sha256": extras["manifest_key"]}
        report.extras.append(MANIFEST_FILE)
    if not keep(INDEX_FILE, extras["index_key"]):
        from att_docs.publish.index_page import render_index

        html = render_index(job.templates, extras["data"], MANIFEST_FILE,
                            extras["zip"] if archive else None, extras["today"])
        (version / INDEX_FILE).write_bytes(html)
        cache.extras[INDEX_FILE] = {"key": extras["index_key"],
                                    "sha256": hashlib.sha256(html).hexdigest()}
        report.extras.append(INDEX_FILE)
    zip_name = extras["zip"]
    if archive and not keep(zip_name, extras["zip_key"]):
        write_zip(version, [*(f["file"] for f in extras["data"]["files"]), MANIFEST_FILE,
                            INDEX_FILE], version / zip_name, plan.conference["id"])
        cache.extras[zip_name] = {"key": extras["zip_key"],
                                  "sha256": file_sha256(version / zip_name)}
        report.extras.append(zip_name)
    elif not archive and zip_name in old:
        # the archive is the set of the last --zip build: never leave it to go stale
        report.removed.append(zip_name)
