"""Worker processes: how many to start, each one ending with the process that made it,
a map over forked workers that gives its results in order, and one process that makes
something beside the work in hand."""

from __future__ import annotations

import contextlib
import os
import signal
from collections.abc import Callable, Iterator, Sequence
from typing import Any, TypeVar

from att_docs.base.errors import ContentError

__all__ = ["beside", "child_dies_with_this_process", "default_workers", "die_with_parent",
           "end_now", "fork_is_safe", "forked_map", "interrupts_held", "start_worker",
           "worker_context"]

T = TypeVar("T")
R = TypeVar("R")


def default_workers() -> int:
    """One worker per core this process may run on."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover - not on Linux
        return os.cpu_count() or 1


def fork_is_safe() -> bool:
    """Whether workers forked now could run native code: no thread runs here that Python
    did not start. A native library's thread pool (Typst starts one on its first compile)
    is not carried into a forked child, which then waits for it for ever."""
    import threading

    try:
        threads = len(os.listdir("/proc/self/task"))
    except OSError:  # pragma: no cover - not Linux
        return True
    return threads <= threading.active_count()


def worker_context() -> Any:
    """How to start workers that render: forked (they inherit what this process has
    imported and read) where :func:`fork_is_safe`, else spawned afresh."""
    import multiprocessing

    return multiprocessing.get_context("fork" if fork_is_safe() else "spawn")


def _death_signal() -> Callable[[], None]:
    """A call that asks, in the process it runs in, for SIGKILL when that process's parent
    dies (Linux prctl PR_SET_PDEATHSIG). The C library is loaded now, by the caller: a
    child between fork and exec only calls it."""
    import ctypes

    libc = ctypes.CDLL(None, use_errno=True)
    prctl = libc.prctl  # AttributeError where there is none (not Linux)
    return lambda: prctl(1, int(signal.SIGKILL), 0, 0, 0)


def die_with_parent(parent: int) -> None:
    """Linux: ask for SIGKILL when the parent dies (prctl PR_SET_PDEATHSIG)."""
    try:
        _death_signal()()
    except (OSError, AttributeError):  # pragma: no cover - not Linux
        return
    if os.getppid() != parent:  # the parent died before prctl took effect
        os._exit(1)


def child_dies_with_this_process() -> Callable[[], None]:
    """For ``subprocess.Popen(preexec_fn=...)``: the child of another program gets
    SIGKILL when this process dies."""
    return _death_signal()


def start_worker(parent: int) -> None:
    """A worker's first step: it dies with ``parent`` (:func:`die_with_parent`) and leaves
    Ctrl-C to it. The terminal sends Ctrl-C to every process of the command; the build
    process stops its workers itself (:func:`end_now`), so a worker prints nothing."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)  # not the command's handler, if forked
    signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT})  # held at its start
    die_with_parent(parent)


@contextlib.contextmanager
def interrupts_held() -> Iterator[None]:
    """Hold Ctrl-C while workers may be started (a pool's submit starts them): a worker
    starts with it held, until :func:`start_worker` ignores it; this process gets it
    when the block ends."""
    held = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, held)


def end_now(pool: Any) -> None:
    """Stop a process pool's workers at once, their tasks unfinished (the command was
    interrupted or failed: what they were writing is thrown away)."""
    for process in list((getattr(pool, "_processes", None) or {}).values()):
        process.kill()
    pool.shutdown(wait=True, cancel_futures=True)


class _CarriedError(Exception):
    """A worker's ContentError on its way back: message, path and line as arguments (a
    ContentError itself would come back with its message alone)."""


_SHARED: list[Any] = []  # what the workers of the running forked_map inherit


def forked_map(func: Callable[[Any, T], R], shared: Any, items: Sequence[T],
               workers: int) -> list[R]:
    """``[func(shared, item) for item in items]`` over at most ``workers`` forked
    processes, the results in the order of ``items``.

    ``shared`` is never pickled: the workers inherit it, and whatever this process has
    loaded or cached, when they are forked. ``func`` must be a module-level function;
    each item and result is pickled. A ContentError raised in a worker is raised here
    as one, naming its file and line; the first failure stops the rest.
    """
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    _SHARED.append(shared)
    pool = ProcessPoolExecutor(max_workers=max(1, min(workers, len(items))),
                               mp_context=multiprocessing.get_context("fork"),
                               initializer=start_worker, initargs=(os.getpid(),))
    try:
        with interrupts_held():
            futures = [pool.submit(_call, func, item) for item in items]
        results = [future.result() for future in futures]
    except _CarriedError as exc:
        end_now(pool)
        raise ContentError(*exc.args) from None
    except BaseException:
        end_now(pool)
        raise
    finally:
        _SHARED.pop()
    pool.shutdown(wait=True)
    return results


def _call(func: Callable[[Any, T], R], item: T) -> R:
    """In a worker: ``func`` on the inherited shared value and ``item``."""
    try:
        return func(_SHARED[-1], item)
    except ContentError as exc:
        raise _CarriedError(exc.message, exc.path, exc.line) from None


@contextlib.contextmanager
def beside(make: Callable[[], object]) -> Iterator[None]:
    """Run ``make`` in a forked process while the block runs, on the core the block
    leaves idle: for work whose only result is what it keeps (the disk cache), which the
    block then finds made instead of making it itself. Whatever ``make`` raises is
    dropped (the block, making the same thing, reports it). The block's end waits for
    the process; an interruption or failure of the block ends it at once. Where nothing
    is kept (no disk cache) or forking is not safe (:func:`fork_is_safe`), the block runs
    alone."""
    from att_docs.base.diskcache import cache_folder

    if cache_folder() is None or not fork_is_safe():
        yield
        return
    import multiprocessing

    with interrupts_held():
        process = multiprocessing.get_context("fork").Process(
            target=_make_beside, args=(make, os.getpid()), daemon=True)
        process.start()
    try:
        yield
    except BaseException:
        process.kill()
        process.join()
        raise
    process.join()


def _make_beside(make: Callable[[], object], parent: int) -> None:
    start_worker(parent)
    with contextlib.suppress(Exception):
        make()
