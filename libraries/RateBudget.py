"""The deployment's per-address rate limits as a budget that every test of a run shares.

A Permiso deployment limits failed logins (default 20 per minute) and registrations (default 3
per hour) per client address (contract §8.2), and may keep those defaults while the suite tests
it (§13.12). Every robot process of a run (pabot or not) on this machine sends from the same
address, so the suite keeps one ledger per target: a JSON file under ``results/rate-budget/``
(``PERMISO_RATE_BUDGET_DIR`` names another folder), changed under a file lock. It remembers
what the run, and earlier runs against the same URL, spent within each limit's window.

- Before a request that may spend from a limit (a login the test does not expect to succeed, a
  registration) the transport calls :meth:`RateBudget.spend`. When the limit has room, the
  request goes at once. When it has none, the test waits for the window to free, at most
  ``RATE_LIMIT_MAX_WAIT_SECONDS``, and otherwise is **skipped** naming the limit and when it
  frees: ``Registration limit of the deployment reached: 3 per hour from this address; free
  again at 14:05:10``. The suite spends at most ``limit - 1`` failed logins per minute, so the
  deployment never refuses the suite's own good logins.
- A login that succeeded gives its unit back (:meth:`RateBudget.refund`).
- With ``RATE_LIMIT_TRUSTS_FORWARDED_FOR`` the deployment takes the client address from the
  suite's ``X-Forwarded-For``: each test then spends from addresses of its own (random ones in
  198.18.0.0/15, RFC 2544's benchmarking range), a fresh one whenever one's budget is used up,
  and nobody waits.
- A rate-limit test claims a whole budget first (`Claim The Whole Budget Of`): it gets an address
  of its own (trusted) or waits until the shared address has spent nothing within the window
  and keeps everybody else waiting until its window has passed.
- A 429 that a test did not ask for is waited out (``Retry-After``, within the same bound) and
  the request sent again; beyond the bound the test is skipped: a 429 caused by the run's own
  earlier requests is never a contract failure (§13.12).
"""

from __future__ import annotations

import contextlib
import fcntl
import hashlib
import ipaddress
import json
import os
import random
import re
import time
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from robot.api import SkipExecution, logger
from robot.api.deco import keyword, library

PROJECT_ROOT = Path(__file__).resolve().parent.parent
BUDGET_DIR_VARIABLE = "PERMISO_RATE_BUDGET_DIR"
SLACK_SECONDS = 5.0  # the deployment's clock and queue: its window may end a little later
POLL_SECONDS = 1.0
PRIVATE_NETWORK = ipaddress.ip_network("198.18.0.0/15")


@dataclass(frozen=True)
class Limit:
    """One per-address limit of the contract (§8.2)."""

    kind: str
    setting: str
    window: float
    headroom: int
    label: str
    unit: str

    def capacity(self, limit: int) -> int:
        """How many the suite may spend within one window."""
        return max(limit - self.headroom, 0)


LIMITS = {
    "failed-login": Limit("failed-login", "RATE_LIMIT_FAILED_LOGINS_PER_MINUTE", 60.0, 1,
                          "Failed-login limit", "per minute"),
    "registration": Limit("registration", "RATE_LIMIT_REGISTRATIONS_PER_HOUR", 3600.0, 0,
                          "Registration limit", "per hour"),
}


def _clock(timestamp: float) -> str:
    return time.strftime("%H:%M:%S", time.localtime(timestamp))


def _random_address() -> str:
    offset = random.randrange(1, PRIVATE_NETWORK.num_addresses - 1)
    return str(PRIVATE_NETWORK.network_address + offset)


class Ledger:
    """What was spent from each limit against one target, in a JSON file under a file lock.

    ``spent``: ``[timestamp, id]`` per unit; ``blocked_until``: the deployment said 429 with a
    ``Retry-After`` until then; ``claim``: a rate-limit test waiting for the whole budget.
    """

    def __init__(self, target: str, folder: Path | None = None) -> None:
        configured = os.environ.get(BUDGET_DIR_VARIABLE)
        self.folder = Path(folder or configured or PROJECT_ROOT / "results" / "rate-budget")
        slug = re.sub(r"[^A-Za-z0-9]+", "-", target).strip("-")[:60]
        digest = hashlib.sha256(target.encode()).hexdigest()[:10]
        self.path = self.folder / f"{slug}-{digest}.json"

    @contextlib.contextmanager
    def state(self) -> Iterator[dict[str, Any]]:
        """The ledger's content, locked against the other processes; saved afterwards."""
        self.folder.mkdir(parents=True, exist_ok=True)
        with open(self.path.with_suffix(".lock"), "a+", encoding="utf-8") as lock:
            fcntl.flock(lock, fcntl.LOCK_EX)
            try:
                data = json.loads(self.path.read_text(encoding="utf-8")) if self.path.exists() else {}
            except ValueError:
                data = {}
            yield data
            tmp = self.path.with_suffix(".tmp")
            tmp.write_text(json.dumps(data), encoding="utf-8")
            tmp.replace(self.path)


    def remove(self) -> None:
        """Forget the target (it was a throwaway service that no longer runs)."""
        for path in (self.path, self.path.with_suffix(".lock"), self.path.with_suffix(".tmp")):
            path.unlink(missing_ok=True)
        with contextlib.suppress(OSError):
            self.folder.rmdir()  # only when nothing else is in it


def _entry(data: dict[str, Any], limit: Limit, now: float) -> dict[str, Any]:
    """The limit's part of the ledger, with entries older than its window (and slack) dropped."""
    part = data.setdefault(limit.kind, {})
    horizon = now - limit.window - SLACK_SECONDS
    part["spent"] = [item for item in part.get("spent", []) if item[0] > horizon]
    claim = part.get("claim")
    if claim and claim.get("expires", 0) < now:
        part.pop("claim")
    return part


@library(scope="GLOBAL", auto_keywords=False)
class RateBudget:
    """Keeps the suite within the deployment's per-address rate limits; see the module doc."""

    def __init__(self) -> None:
        self._addresses: dict[tuple[str, str], tuple[str, int]] = {}
        self._claims: set[tuple[str, str]] = set()
        self._setup_steps: list[str] = []

    # --- configuration -----------------------------------------------------------------------

    @staticmethod
    def _variable(name: str, default: Any = None) -> Any:
        from robot.libraries.BuiltIn import BuiltIn  # noqa: PLC0415 - needs a running Robot

        return BuiltIn().get_variable_value("${" + name + "}", default)

    def _limit_value(self, limit: Limit) -> int:
        return int(self._variable(limit.setting, 0) or 0)

    def _trusted(self) -> bool:
        return bool(self._variable("RATE_LIMIT_TRUSTS_FORWARDED_FOR", False))

    def _max_wait(self) -> float:
        return float(self._variable("RATE_LIMIT_MAX_WAIT_SECONDS", 150))

    def _ledger(self) -> Ledger:
        return Ledger(str(self._variable("PERMISO_BASE_URL", "")))

    def _in_setup_step(self) -> str:
        """``Set-up: `` between `Start Set-up Step` and `End Set-up Step`, else nothing."""
        return "Set-up: " if self._setup_steps else ""

    def _owner(self) -> str:
        test = self._variable("TEST_NAME") or ""
        return f"{os.getpid()}:{self._variable('SUITE_NAME')}.{test}"

    # --- spending (called by the transport) ----------------------------------------------------

    def spend(self, kind: str) -> tuple[dict[str, str], str | None]:
        """Reserve one unit of ``kind`` before a request; returns the headers to add and the
        unit's id (for :meth:`refund`). Waits or skips when the budget is used up."""
        limit = LIMITS[kind]
        value = self._limit_value(limit)
        if value <= 0:
            return {}, None
        if self._trusted():
            return {"X-Forwarded-For": self._own_address(limit, value)}, None
        if (self._owner(), kind) in self._claims:
            return {}, None
        return {}, self._reserve(limit, value)

    def refund(self, kind: str, unit: str | None) -> None:
        """Give back a unit the request turned out not to spend (a login that succeeded)."""
        if unit is None:
            return
        with self._ledger().state() as data:
            part = _entry(data, LIMITS[kind], time.time())
            part["spent"] = [item for item in part["spent"] if item[1] != unit]

    def _own_address(self, limit: Limit, value: int) -> str:
        """This test's address for ``limit``: a fresh one whenever its budget is used up
        (never for a test that claimed the whole budget)."""
        key = (self._owner(), limit.kind)
        address, used = self._addresses.get(key, ("", 0))
        if not address or (key not in self._claims and used >= limit.capacity(value)):
            address, used = _random_address(), 0
        self._addresses[key] = (address, used + 1)
        return address

    def _reserve(self, limit: Limit, value: int) -> str:
        capacity = limit.capacity(value)
        unit = uuid.uuid4().hex
        started = time.time()
        owner = self._owner()
        while True:
            now = time.time()
            with self._ledger().state() as data:
                part = _entry(data, limit, now)
                free_at = self._free_at(part, limit, capacity, now, owner)
                if free_at <= now:
                    part["spent"].append([now, unit])
                    return unit
            self._wait_or_skip(limit, value, started, free_at)

    @staticmethod
    def _free_at(part: dict[str, Any], limit: Limit, capacity: int, now: float, owner: str) -> float:
        """When one more unit may be spent (``now`` or earlier: at once)."""
        blocked = float(part.get("blocked_until", 0))
        claim = part.get("claim")
        if claim and claim.get("owner") != owner:
            return max(now + POLL_SECONDS, blocked)
        if blocked > now:
            return blocked
        spent = sorted(item[0] for item in part["spent"])
        if len(spent) < capacity:
            return now
        return spent[len(spent) - capacity] + limit.window + SLACK_SECONDS

    def _wait_or_skip(self, limit: Limit, value: int, started: float, free_at: float) -> None:
        now = time.time()
        if free_at - started > self._max_wait():
            raise SkipExecution(
                f"{self._in_setup_step()}{limit.label} of the deployment reached: {value} {limit.unit} from this address; "
                f"free again at {_clock(free_at)} (waiting longer than RATE_LIMIT_MAX_WAIT_SECONDS="
                f"{self._max_wait():g} s)")
        if now - started < POLL_SECONDS:
            logger.info(f"{limit.label}: the budget of {value} {limit.unit} is spent; waiting until {_clock(free_at)}")
        time.sleep(min(max(free_at - now, 0.05), POLL_SECONDS))

    # --- 429 answers ---------------------------------------------------------------------------

    def owns_rate_limit(self, kind: str | None) -> bool:
        """Whether the current test claimed the budget of ``kind`` (it checks that limit itself)."""
        return kind is not None and (self._owner(), kind) in self._claims

    def wait_out(self, kind: str | None, retry_after: str | None, request: str, waited: float) -> float:
        """A 429 the test did not ask for: records it, then sleeps through ``Retry-After`` and
        returns the seconds slept, or skips the test when that would exceed the bound."""
        seconds = float(retry_after) if retry_after and retry_after.strip().isdigit() else 60.0
        until = time.time() + seconds
        if kind in LIMITS and not self._trusted():
            with self._ledger().state() as data:
                part = _entry(data, LIMITS[kind], time.time())
                part["blocked_until"] = max(float(part.get("blocked_until", 0)), until)
        if waited + seconds > self._max_wait():
            raise SkipExecution(
                f"{self._in_setup_step()}Blocked by the deployment's rate limit: {request} answered 429 (Retry-After "
                f"{retry_after or 'missing'}); free again at {_clock(until)}, later than "
                f"RATE_LIMIT_MAX_WAIT_SECONDS={self._max_wait():g} s allows")
        logger.warn(f"{request} answered 429 (rate limit); waiting {seconds:g} s as Retry-After says, then again")
        time.sleep(seconds)
        return seconds

    # --- keywords -----------------------------------------------------------------------------

    @keyword("Start Set-up Step")
    def start_set_up_step(self, what: str) -> None:
        """Marks the start of a step that prepares a test (``Run As Set-up Step``): a skip for
        the deployment's rate limit until `End Set-up Step` starts with ``Set-up:``."""
        self._setup_steps.append(what)

    @keyword("End Set-up Step")
    def end_set_up_step(self) -> None:
        """Marks the end of the innermost step started with `Start Set-up Step`."""
        if self._setup_steps:
            self._setup_steps.pop()

    @keyword("Claim The Whole Budget Of")
    def claim_the_whole_budget_of(self, kind: str) -> None:
        """For a test of the limit itself (``failed-login`` or ``registration``): from now on
        the test spends from one address alone. With ``RATE_LIMIT_TRUSTS_FORWARDED_FOR`` that
        is a fresh address of its own. Otherwise the test waits until the shared address has
        spent nothing within the limit's window, then holds the whole window, so that the
        limit answers to this test's requests only; it is skipped, naming the limit, when that
        wait would exceed ``RATE_LIMIT_MAX_WAIT_SECONDS``."""
        limit = LIMITS[kind]
        value = self._limit_value(limit)
        owner = self._owner()
        self._claims.add((owner, kind))
        if self._trusted():
            self._addresses[(owner, kind)] = (_random_address(), 0)
            return
        started = time.time()
        while True:
            now = time.time()
            with self._ledger().state() as data:
                part = _entry(data, limit, now)
                claim = part.get("claim")
                if not claim or claim.get("owner") == owner:
                    part["claim"] = {"owner": owner, "expires": now + self._max_wait() + SLACK_SECONDS}
                    spent = [item[0] for item in part["spent"]]
                    free_at = max([float(part.get("blocked_until", 0))]
                                  + [t + limit.window + SLACK_SECONDS for t in spent])
                    if free_at <= now:
                        part.pop("claim", None)
                        part["spent"] = [[now, f"claim-{n}"] for n in range(value + 1)]
                        part["blocked_until"] = now + limit.window + SLACK_SECONDS
                        return
                else:
                    free_at = float(claim["expires"])
            if free_at - started > self._max_wait():
                with self._ledger().state() as data:
                    part = _entry(data, limit, time.time())
                    if (part.get("claim") or {}).get("owner") == owner:
                        part.pop("claim")
                self._claims.discard((owner, kind))
                raise SkipExecution(
                    f"{limit.label} cannot be tested now: it needs a {limit.window:g}-second window in which this "
                    f"address spent nothing; free again at {_clock(free_at)} (later than "
                    f"RATE_LIMIT_MAX_WAIT_SECONDS={self._max_wait():g} s allows)")
            time.sleep(POLL_SECONDS)
