"""The check engine's findings on the example conference match the recorded set.

The recorded set (tests/fixtures/check/golden/example.tsv) holds every finding of the
example as it is and of a copy with planted slips; a faster engine must find exactly the
same, line for line. Rewrite the record only for an intended change of findings
(see tests/fixtures/check/golden_findings.py).
"""

from __future__ import annotations

from fixtures.check.golden_findings import RECORD, findings_lines


def test_findings_match_the_recorded_set():
    recorded = RECORD.read_text(encoding="utf-8").splitlines()
    found = findings_lines()
    missing = [line for line in recorded if line not in set(found)]
    extra = [line for line in found if line not in set(recorded)]
    assert not missing and not extra, (
        "findings changed\n- " + "\n- ".join(missing) + "\n+ " + "\n+ ".join(extra))
    assert found == recorded  # the same order too


def test_recorded_set_covers_every_check_that_can_fire():
    checks = {line.split("\t")[5] for line in RECORD.read_text(encoding="utf-8").splitlines()}
    assert {"term", "term-reverse", "deprecated", "homophone", "consistency", "number",
            "date", "reference", "typography"} <= checks
