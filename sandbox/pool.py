"""A pool of reusable workers (warm containers, local runner processes): grows on demand up to a size,
then callers wait their turn; a worker that went bad is thrown away instead of coming back."""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Generic, Protocol, TypeVar


class Removable(Protocol):
    def remove(self) -> None: ...


W = TypeVar("W", bound=Removable)


class Pool(Generic[W]):
    def __init__(self, make: Callable[[], W], size: int) -> None:
        self._make = make
        self._size = size
        self._idle: list[W] = []
        self._count = 0
        self._cond = threading.Condition()

    def acquire(self) -> W:
        with self._cond:
            while not self._idle and self._count >= self._size:
                self._cond.wait()
            if self._idle:
                return self._idle.pop()
            self._count += 1
        try:
            return self._make()  # started outside the lock: starting one takes a while
        except BaseException:
            with self._cond:
                self._count -= 1
                self._cond.notify()
            raise

    def release(self, worker: W, healthy: bool) -> None:
        if not healthy:
            worker.remove()
        with self._cond:
            if healthy:
                self._idle.append(worker)
            else:
                self._count -= 1
            self._cond.notify()

    def drain(self) -> None:
        """Remove the idle workers (busy ones are removed when they come back unhealthy or at exit)."""
        with self._cond:
            idle, self._idle = self._idle, []
            self._count -= len(idle)
        for worker in idle:
            worker.remove()
