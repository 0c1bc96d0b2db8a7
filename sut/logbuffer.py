"""An in-memory ring buffer of WARNING+ log records, read by ``/admin/logs/errors``."""

from __future__ import annotations

import collections
import datetime as dt
import logging
import threading


class LogBuffer(logging.Handler):
    """Keeps the last ``capacity`` records at WARNING or above."""

    def __init__(self, capacity: int = 1000) -> None:
        super().__init__(level=logging.WARNING)
        self.records: collections.deque[dict] = collections.deque(maxlen=capacity)
        self._guard = threading.Lock()

    def emit(self, record: logging.LogRecord) -> None:
        entry = {
            "timestamp": dt.datetime.fromtimestamp(record.created, dt.timezone.utc),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage()[:1000],  # message only: no traceback
        }
        with self._guard:
            self.records.append(entry)

    def entries(self) -> list[dict]:
        with self._guard:
            return list(self.records)
