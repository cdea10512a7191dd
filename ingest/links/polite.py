"""Visit many URLs without pressing on any one host: a few requests at a time per host, spaced out.

Each host's URLs are split into at most ``per_host`` lanes, and a lane asks one URL at
a time, so no host ever has more than ``per_host`` requests open. A gate per host spaces
the start of any two requests to it by ``delay`` seconds, across its lanes. Lanes of
different hosts run side by side on ``workers`` threads.
"""
from __future__ import annotations

import threading
import time
from collections import defaultdict
from concurrent.futures import ThreadPoolExecutor
from typing import Callable, Iterable, TypeVar
from urllib.parse import urlsplit

Result = TypeVar("Result")


class HostGate:
    """Hands out start times for requests to one host, at least ``delay`` seconds apart."""

    def __init__(self, delay: float) -> None:
        self.delay = delay
        self.next_start = 0.0
        self.lock = threading.Lock()

    def wait_turn(self) -> None:
        with self.lock:
            now = time.monotonic()
            start = max(now, self.next_start)
            self.next_start = start + self.delay
        if start > now:
            time.sleep(start - now)


def host_of(url: str) -> str:
    try:
        return (urlsplit(url).hostname or "").lower()
    except ValueError:
        return ""


def visit(urls: Iterable[str], ask: Callable[[str], Result], per_host: int = 1, delay: float = 1.0,
          workers: int = 8) -> dict[str, Result]:
    """Call ``ask`` once for each distinct URL, politely; return the answers by URL."""
    by_host: dict[str, list[str]] = defaultdict(list)
    for url in dict.fromkeys(urls):  # each URL once, in the order given
        by_host[host_of(url)].append(url)
    lanes = [(HostGate(delay), [queue[i::per_host] for i in range(min(per_host, len(queue)))])
             for queue in by_host.values()]
    answers: dict[str, Result] = {}
    lock = threading.Lock()

    def run_lane(gate: HostGate, lane: list[str]) -> None:
        for url in lane:
            gate.wait_turn()
            answer = ask(url)
            with lock:
                answers[url] = answer

    with ThreadPoolExecutor(max_workers=max(1, workers), thread_name_prefix="link-check") as pool:
        futures = [pool.submit(run_lane, gate, lane) for gate, host_lanes in lanes for lane in host_lanes]
        for future in futures:
            future.result()  # a bug in ``ask`` surfaces here rather than vanishing
    return answers
