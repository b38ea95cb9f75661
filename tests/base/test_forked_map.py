"""forked_map: results in the items' order, the shared value inherited and never pickled,
a worker's ContentError back with its file and line."""

from __future__ import annotations

import os
import threading
from pathlib import Path

import pytest

from att_docs.base.errors import ContentError
from att_docs.base.processes import forked_map


def _scaled(shared: dict, item: int) -> tuple[int, int]:
    return item * shared["factor"], os.getpid()


def _refused(shared: dict, item: int) -> int:
    if item == 3:
        raise ContentError("no good", shared["path"], 7)
    return item


def test_results_in_order_from_other_processes():
    lock = threading.Lock()  # cannot be pickled: the workers inherit it
    shared = {"factor": 10, "lock": lock}
    results = forked_map(_scaled, shared, list(range(12)), 2)
    assert [value for value, _ in results] == [i * 10 for i in range(12)]
    assert os.getpid() not in {pid for _, pid in results}


def test_a_workers_content_error_names_its_file_and_line(tmp_path: Path):
    path = tmp_path / "paper.yaml"
    with pytest.raises(ContentError) as caught:
        forked_map(_refused, {"path": path}, [1, 2, 3, 4], 2)
    assert (caught.value.message, caught.value.path, caught.value.line) == ("no good", path, 7)
    assert str(caught.value) == f"{path}:7: no good"



def _interrupt_handler(shared: None, item: int) -> str:
    import signal

    return repr(signal.getsignal(signal.SIGINT))


def test_workers_leave_ctrl_c_to_the_process_that_started_them():
    """The terminal sends Ctrl-C to every process of the command: the workers ignore it
    (no traceback of theirs), the process that started them stops them."""
    import signal

    before = signal.getsignal(signal.SIGINT)  # Python's own, or ignored when started so
    assert set(forked_map(_interrupt_handler, None, [1, 2, 3], 2)) == {repr(signal.SIG_IGN)}
    assert signal.getsignal(signal.SIGINT) is before
