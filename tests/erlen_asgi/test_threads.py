"""erlen_asgi.threads: a request's own thread, and how it hands results back."""

from __future__ import annotations

import asyncio
import contextvars
import gc
import threading
import time

import pytest

from erlen_asgi.threads import KEEP_IDLE
from erlen_asgi.threads import RequestThreads
from erlen_asgi.threads import Worker

marker: contextvars.ContextVar[str] = contextvars.ContextVar("marker", default="unset")


def test_calls_run_in_one_thread_in_the_context_given() -> None:
    worker = Worker()

    async def main() -> list[tuple[int, str]]:
        marker.set("request")
        context = contextvars.copy_context()
        seen = []
        for _ in range(3):
            seen.append(await worker.call(context, lambda: (threading.get_ident(), marker.get())))
        return seen

    seen = asyncio.run(main())
    assert {ident for ident, _ in seen} != {threading.get_ident()}
    assert len({ident for ident, _ in seen}) == 1
    assert [value for _, value in seen] == ["request"] * 3
    worker.stop()


def test_arguments_and_keyword_arguments_named_like_the_parameters() -> None:
    worker = Worker()

    def view(context: str, func: str, *, args: str) -> str:
        return f"{context}{func}{args}"

    async def main() -> str:
        return await worker.call(  # type: ignore[no-any-return]
            contextvars.copy_context(), view, ("a", "b"), {"args": "c"}
        )

    assert asyncio.run(main()) == "abc"
    worker.stop()


def test_errors_reach_the_caller_and_stop_iteration_cannot_hang_it() -> None:
    worker = Worker()

    def fail() -> None:
        raise LookupError("from the thread")

    def stop() -> None:
        raise StopIteration

    async def main() -> None:
        with pytest.raises(LookupError, match="from the thread"):
            await worker.call(contextvars.copy_context(), fail)
        with pytest.raises(RuntimeError, match="raised StopIteration"):
            await worker.call(contextvars.copy_context(), stop)

    asyncio.run(main())
    worker.stop()


def test_a_cancelled_call_drops_its_result_and_one_not_started_is_skipped() -> None:
    worker = Worker()
    started, release = threading.Event(), threading.Event()
    ran: list[str] = []

    def slow() -> str:
        started.set()
        release.wait(5)
        ran.append("slow")
        return "dropped"

    async def main() -> None:
        context = contextvars.copy_context()
        running = worker.call(context, slow)
        queued = worker.call(context, ran.append, ("queued",))
        await asyncio.to_thread(started.wait, 5)
        running.cancel()
        queued.cancel()
        release.set()
        # A later call runs after both, so once it returns they were seen.
        assert await worker.call(context, lambda: "next") == "next"

    asyncio.run(main())
    assert ran == ["slow"]
    worker.stop()


def test_a_result_for_a_closed_loop_does_not_kill_the_thread() -> None:
    worker = Worker()
    release = threading.Event()
    loop = asyncio.new_event_loop()
    loop.run_until_complete(_submit(worker, release.wait))
    loop.close()
    release.set()

    async def after() -> str:
        return await worker.call(contextvars.copy_context(), lambda: "alive")  # type: ignore[no-any-return]

    assert asyncio.run(after()) == "alive"
    worker.stop()


async def _submit(worker: Worker, func: object) -> None:
    worker.call(contextvars.copy_context(), func)  # type: ignore[arg-type]


def _erlen_threads() -> set[threading.Thread]:
    return {thread for thread in threading.enumerate() if thread.name == "erlen-request"}


def _wait_until_gone(threads: set[threading.Thread]) -> None:
    deadline = time.monotonic() + 5
    while any(thread.is_alive() for thread in threads):
        assert time.monotonic() < deadline, "the thread did not end"
        time.sleep(0.01)


def test_a_worker_nobody_holds_ends_its_thread() -> None:
    before = _erlen_threads()
    worker = Worker()
    started = _erlen_threads() - before
    assert len(started) == 1
    del worker
    gc.collect()
    _wait_until_gone(started)


def test_a_lease_takes_one_thread_and_gives_it_back() -> None:
    threads = RequestThreads()

    async def request() -> Worker:
        lease = threads.lend()
        try:
            first = threads.worker()
            assert threads.worker() is first
            return first
        finally:
            threads.give_back(lease)

    first = asyncio.run(request())
    assert asyncio.run(request()) is first  # reused once given back


def test_threads_past_the_idle_ones_kept_are_stopped() -> None:
    threads = RequestThreads()
    before = _erlen_threads()

    async def many() -> list[Worker]:
        all_borrowed = asyncio.Event()
        borrowed: list[Worker] = []

        async def request() -> None:
            lease = threads.lend()
            try:
                borrowed.append(threads.worker())
                if len(borrowed) == KEEP_IDLE + 2:
                    all_borrowed.set()
                await all_borrowed.wait()
            finally:
                threads.give_back(lease)

        await asyncio.gather(*(request() for _ in range(KEEP_IDLE + 2)))
        return borrowed

    assert len(set(asyncio.run(many()))) == KEEP_IDLE + 2
    started = _erlen_threads() - before
    deadline = time.monotonic() + 5
    while sum(thread.is_alive() for thread in started) > KEEP_IDLE:
        assert time.monotonic() < deadline, "the extra threads did not end"
        time.sleep(0.01)
