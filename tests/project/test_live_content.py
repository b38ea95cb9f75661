"""The tests never read the user's content/: a paper of their own there, finished or
half-written, changes nothing a test sees. The example the tests read is their own copy
(tests/fixtures/example), and conftest makes any read of the live folder an error."""

from __future__ import annotations

import shutil

import pytest
from conftest import CONTENT, EXAMPLE, LIVE_CONTENT, LiveContentRead


def test_the_tests_example_is_their_own_copy():
    assert not CONTENT.is_relative_to(LIVE_CONTENT)
    assert CONTENT.is_relative_to(EXAMPLE)
    assert (CONTENT / "conference.yaml").is_file()


@pytest.mark.parametrize("read", [
    lambda: (LIVE_CONTENT / "csp9" / "conference.yaml").read_bytes(),
    lambda: list(LIVE_CONTENT.iterdir()),
    lambda: list(LIVE_CONTENT.glob("*/*/paper.yaml")),
    lambda: open(str(LIVE_CONTENT / "csp9" / "conference.yaml").encode()),  # noqa: SIM115
], ids=["read", "list", "glob", "bytes-path"])
def test_reading_the_live_content_is_an_error(read):
    with pytest.raises(LiveContentRead, match="live content folder"):
        read()


def test_a_folder_named_content_elsewhere_is_not_the_live_one(tmp_path, monkeypatch):
    """shutil.rmtree opens each entry by its bare name relative to its parent's descriptor:
    a "content" folder under another folder is removed, whatever the working folder."""
    (tmp_path / "old-run" / "content" / "csp9").mkdir(parents=True)
    (tmp_path / "old-run" / "content" / "csp9" / "paper.yaml").write_text("x")
    monkeypatch.chdir(LIVE_CONTENT.parent)
    shutil.rmtree(tmp_path / "old-run")
    assert not (tmp_path / "old-run").exists()
