"""Hostile Accurate save answers a test can switch on for one company.

Accurate documents its save answer as `{"s": true, "r": {"id", "number", ...}, "d": [...]}`.
A client that believes `s: true` alone records as posted whatever the answer says, so the
sandbox can answer a valid voucher `s: true` in each way that does not name it:

    faults = sb.accurate_faults()
    faults.misanswer_saves("other_number", count=3, stored=False)  # r.number is not the one sent
    faults.misanswer_saves("no_record", count=None)                # no r at all, every save
    faults.misanswer_saves("reused_id", count=3)                   # r.id of another voucher
    faults.hide_in_look_ups("JV-1", times=1)  # the next look-up (detail.do by number, list.do)
                                              # does not show JV-1 yet: a lagging search index
    faults.limit_list_requests(times=1)  # the next journal list request is answered with
                                         # Accurate's limit reply at HTTP 200 (s: false),
                                         # unprocessed: shaped like a refusal, and not one

Only vouchers that pass every check are misanswered: a refusal stays the refusal it is. In
bulk-save.do each voucher's own result is misanswered the same way.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass

from app.sandbox.wire import JsonObject

OTHER_NUMBER = "EVIL"
SAVE_ANSWERS = (
    "other_number",  # r names another number ("EVIL")
    "no_record",  # {"s": true} with no r
    "reused_id",  # r.id is the id of another voucher of the company (the oldest one)
)


@dataclass
class _Misanswer:
    answer: str
    stored: bool
    remaining: int | None  # None: every save from now on


@dataclass(frozen=True, slots=True)
class Misanswer:
    """How the sandbox answers one valid save: `answer` and whether the voucher is kept."""

    answer: str
    stored: bool


class AccurateFaults:
    """One company's hostile save answers. Thread-safe: tests set them while requests run."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._saves: list[_Misanswer] = []
        self._hidden: dict[str, int] = {}  # number -> look-ups that do not show it yet
        self._limited_lists = 0  # journal list requests still to answer with a limit reply

    def misanswer_saves(self, answer: str, count: int | None = 1, *, stored: bool = True) -> None:
        """Answer the next `count` valid saves (None: all of them) with `answer`, keeping the
        voucher when `stored`. Queued after earlier ones."""
        if answer not in SAVE_ANSWERS:
            raise ValueError(f"answer must be one of {SAVE_ANSWERS}, not {answer!r}")
        if count is not None and count < 1:
            raise ValueError("count must be at least 1, or None for every save")
        with self._lock:
            self._saves.append(_Misanswer(answer, stored, count))

    def hide_in_look_ups(self, number: str, times: int = 1) -> None:
        """The next `times` look-ups that would show voucher `number` (detail.do by number,
        a list.do page) do not, as a service whose search lags behind its saves."""
        with self._lock:
            self._hidden[number] = self._hidden.get(number, 0) + times

    def limit_list_requests(self, times: int = 1) -> None:
        """Answer the next `times` journal list requests with Accurate's limit reply at HTTP
        200 (`s: false`, its own words), without processing them."""
        if times < 1:
            raise ValueError("times must be at least 1")
        with self._lock:
            self._limited_lists += times

    def list_limited(self) -> bool:
        """Whether this journal list request is answered with a limit reply (counts it)."""
        with self._lock:
            if not self._limited_lists:
                return False
            self._limited_lists -= 1
            return True

    def hidden(self, number: str) -> bool:
        """Whether this look-up leaves `number` out (counts the look-up)."""
        with self._lock:
            left = self._hidden.get(number, 0)
            if not left:
                return False
            self._hidden[number] = left - 1
            return True

    def clear(self) -> None:
        with self._lock:
            self._saves.clear()
            self._hidden.clear()
            self._limited_lists = 0

    def next_save(self) -> Misanswer | None:
        """How to answer the valid save being made now, or None for the documented answer."""
        with self._lock:
            if not self._saves:
                return None
            head = self._saves[0]
            if head.remaining is not None:
                head.remaining -= 1
                if head.remaining == 0:
                    self._saves.pop(0)
            return Misanswer(head.answer, head.stored)


def misanswered(answer: str, saved: JsonObject, other_id: int | None) -> JsonObject:
    """The `s: true` result for a valid save answered as `answer` (`saved` is the result the
    documented answer would have been; `other_id` the id of another voucher, if any)."""
    if answer == "no_record":
        return {"s": True, "d": saved["d"]}
    record = dict(saved["r"])
    if answer == "other_number":
        record["number"] = OTHER_NUMBER
    elif other_id is not None:  # "reused_id"
        record["id"] = other_id
    return {"s": True, "r": record, "d": saved["d"]}
