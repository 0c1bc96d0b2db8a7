"""A tiny key-value store with TTLs: in-process or Redis (``REDIS_URL``).

Holds the revocation list (by ``jti``), rate-limit counters and failed-login counters.
"""

from __future__ import annotations

import threading
import time
from typing import Protocol


class Store(Protocol):
    """The interface every store implements."""

    name: str

    def get(self, key: str) -> str | None: ...
    def set(self, key: str, value: str, ttl: float | None = None) -> None: ...
    def incr(self, key: str, ttl: float) -> tuple[int, float]:
        """Add one; the key expires ``ttl`` seconds after its creation. Returns (count, seconds left)."""
        ...
    def ttl(self, key: str) -> float | None: ...
    def delete(self, key: str) -> None: ...
    def exists(self, key: str) -> bool: ...
    def ping(self) -> None: ...
    def close(self) -> None: ...


class MemoryStore:
    """Process-local store (the default)."""

    name = "memory"

    def __init__(self) -> None:
        self._data: dict[str, tuple[str, float | None]] = {}
        self._lock = threading.Lock()

    def _live(self, key: str) -> tuple[str, float | None] | None:
        item = self._data.get(key)
        if item is None:
            return None
        if item[1] is not None and item[1] <= time.monotonic():
            del self._data[key]
            return None
        return item

    def get(self, key: str) -> str | None:
        with self._lock:
            item = self._live(key)
            return None if item is None else item[0]

    def set(self, key: str, value: str, ttl: float | None = None) -> None:
        with self._lock:
            self._data[key] = (value, None if ttl is None else time.monotonic() + max(ttl, 0.001))
            if len(self._data) > 100_000:
                self._purge()

    def incr(self, key: str, ttl: float) -> tuple[int, float]:
        with self._lock:
            item = self._live(key)
            if item is None:
                expiry = time.monotonic() + ttl
                count = 1
            else:
                count = int(item[0]) + 1
                expiry = item[1] if item[1] is not None else time.monotonic() + ttl
            self._data[key] = (str(count), expiry)
            return count, max(expiry - time.monotonic(), 0.0)

    def ttl(self, key: str) -> float | None:
        with self._lock:
            item = self._live(key)
            if item is None or item[1] is None:
                return None
            return max(item[1] - time.monotonic(), 0.0)

    def delete(self, key: str) -> None:
        with self._lock:
            self._data.pop(key, None)

    def exists(self, key: str) -> bool:
        with self._lock:
            return self._live(key) is not None

    def ping(self) -> None:
        return None

    def close(self) -> None:
        return None

    def _purge(self) -> None:
        now = time.monotonic()
        for key in [k for k, (_, exp) in self._data.items() if exp is not None and exp <= now]:
            del self._data[key]


class RedisStore:
    """Redis-backed store; every key gets the configured prefix."""

    name = "redis"

    def __init__(self, url: str, prefix: str = "permiso:") -> None:
        import redis

        self._redis = redis.Redis.from_url(
            url, socket_timeout=2, socket_connect_timeout=2, decode_responses=True, health_check_interval=10
        )
        self._prefix = prefix

    def _k(self, key: str) -> str:
        return self._prefix + key

    def get(self, key: str) -> str | None:
        return self._redis.get(self._k(key))

    def set(self, key: str, value: str, ttl: float | None = None) -> None:
        if ttl is None:
            self._redis.set(self._k(key), value)
        else:
            self._redis.set(self._k(key), value, px=max(int(ttl * 1000), 1))

    def incr(self, key: str, ttl: float) -> tuple[int, float]:
        pipe = self._redis.pipeline(transaction=True)
        pipe.set(self._k(key), 0, px=max(int(ttl * 1000), 1), nx=True)
        pipe.incr(self._k(key))
        pipe.pttl(self._k(key))
        _, count, pttl = pipe.execute()
        return int(count), max(pttl, 0) / 1000 if pttl and pttl > 0 else float(ttl)

    def ttl(self, key: str) -> float | None:
        pttl = self._redis.pttl(self._k(key))
        return None if pttl is None or pttl < 0 else pttl / 1000

    def delete(self, key: str) -> None:
        self._redis.delete(self._k(key))

    def exists(self, key: str) -> bool:
        return bool(self._redis.exists(self._k(key)))

    def ping(self) -> None:
        if not self._redis.ping():
            raise ConnectionError("redis did not answer PING")

    def close(self) -> None:
        self._redis.close()


def make_store(redis_url: str, prefix: str = "permiso:") -> Store:
    """Redis when a URL is given, the in-process store otherwise."""
    return RedisStore(redis_url, prefix) if redis_url else MemoryStore()
