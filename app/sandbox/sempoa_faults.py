"""Hostile Sempoa behaviours a test can switch on for one company.

Sempoa documents its success answer but not what it says when a save goes wrong on its side,
nor how far `limit` and `page` are honoured. So the sandbox can answer a valid journal in
each plausible wrong way, with or without keeping it, and can ignore `page`:

    faults = sb.sempoa_faults()
    faults.misanswer_saves("gagal", count=3, stored=False)  # the next 3 valid saves
    faults.misanswer_saves("empty", count=None)             # every valid save from now on
    faults.misanswer_reads("html", count=1)                 # the next /check, /akun or GET /jurnal
    faults.ignore_page = True                               # every list answers page 1
    faults.hide_in_lists("PJ-1", times=1)  # the next list page holding PJ-1 leaves it out

Only journals that pass every check are misanswered: a refusal stays the refusal it is.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass

# The answers a save can get at HTTP 200 instead of the documented success. The first ones
# do not confirm the save; the last two are genuine successes in a form the docs do not show.
NOT_CONFIRMING = (
    "gagal",
    "success_false",
    "empty",
    "data_null",
    "html",
    "other_reference",
    "no_reference",  # the journal's id, but no referensi: it does not say which was kept
    "contradicting",  # status 200 and the journal, but also "success": false
)
GENUINE = ("status_text", "created")
# Sempoa's error envelope at HTTP 200: {"status": 400, "message": ...}; nothing is kept.
REFUSING = ("refused_at_200",)
SAVE_ANSWERS = NOT_CONFIRMING + GENUINE + REFUSING
# A read (/check, /akun, GET /jurnal) answered at HTTP 200 in a shape that says nothing.
READ_ANSWERS = ("gagal", "success_false", "empty", "data_null", "html")


@dataclass
class _Misanswer:
    answer: str
    stored: bool
    remaining: int | None  # None: every save from now on


@dataclass(frozen=True, slots=True)
class Misanswer:
    """How the sandbox answers one save: `answer` (one of SAVE_ANSWERS) and whether the
    journal is kept."""

    answer: str
    stored: bool


class SempoaFaults:
    """One company's hostile switches. Thread-safe: tests set them while requests run."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._saves: list[_Misanswer] = []
        self._reads: list[_Misanswer] = []
        self.ignore_page = False  # a server that answers page 1 whatever `page` asks
        self._hidden: dict[str, int] = {}  # referensi -> list pages that leave it out yet

    def misanswer_saves(self, answer: str, count: int | None = 1, *, stored: bool = True) -> None:
        """Answer the next `count` valid saves (None: all of them) with `answer`, keeping the
        journal when `stored`. Queued after earlier requests of this kind."""
        if answer not in SAVE_ANSWERS:
            raise ValueError(f"answer must be one of {SAVE_ANSWERS}, not {answer!r}")
        if answer in GENUINE and not stored:
            raise ValueError(f"{answer!r} is a success: the journal is always stored")
        if answer in REFUSING and stored:
            raise ValueError(f"{answer!r} is a refusal: the journal is never stored")
        with self._lock:
            self._saves.append(_Misanswer(answer, stored, _count(count)))

    def misanswer_reads(self, answer: str, count: int | None = 1) -> None:
        """Answer the next `count` reads (None: all of them) with `answer` at HTTP 200."""
        if answer not in READ_ANSWERS:
            raise ValueError(f"answer must be one of {READ_ANSWERS}, not {answer!r}")
        with self._lock:
            self._reads.append(_Misanswer(answer, False, _count(count)))

    def hide_in_lists(self, referensi: str, times: int = 1) -> None:
        """The next `times` pages of GET /jurnal that would show `referensi` leave it out, as
        a service whose lists lag behind its saves."""
        with self._lock:
            self._hidden[referensi] = self._hidden.get(referensi, 0) + times

    def hidden(self, referensi: str) -> bool:
        """Whether this page leaves `referensi` out (counts the page)."""
        with self._lock:
            left = self._hidden.get(referensi, 0)
            if left:
                self._hidden[referensi] = left - 1
            return bool(left)

    def clear(self) -> None:
        with self._lock:
            self._saves.clear()
            self._reads.clear()
            self._hidden.clear()
            self.ignore_page = False

    def next_save(self) -> Misanswer | None:
        """How to answer the valid save being made now, or None for the documented success."""
        return self._take(self._saves)

    def next_read(self) -> str | None:
        """The answer for the read being made now, or None for the documented one."""
        taken = self._take(self._reads)
        return taken.answer if taken is not None else None

    def _take(self, queue: list[_Misanswer]) -> Misanswer | None:
        with self._lock:
            if not queue:
                return None
            head = queue[0]
            if head.remaining is not None:
                head.remaining -= 1
                if head.remaining == 0:
                    queue.pop(0)
            return Misanswer(head.answer, head.stored)


def _count(count: int | None) -> int | None:
    if count is not None and count < 1:
        raise ValueError("count must be at least 1, or None for every request")
    return count
