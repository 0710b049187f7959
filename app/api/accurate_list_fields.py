"""Which fields Accurate's journal list takes, as learned from its answers.

Only `id`, `number` and `transDate` are confirmed fields of `journal-voucher/list.do`.
Reconcile asks for more (`description`, `totalAmount`, `optLock`: seen on other Accurate
lists) to prove a voucher unchanged without reading its lines. A service that leaves out a
name it does not know is handled where rows are read (a row without them is read with its
lines). One that refuses the whole request instead (HTTP 200 with `s: false`, HTTP 400 with
that envelope, or an HTTP 500 page) is asked the same page again with only the confirmed
fields; once that is answered, the list is known to take only those: for the rest of the
client's life, and for the same company (API Token) on the same data host (which may run
another version of the service after a move) for the rest of the process, so the refusal
costs one request, not one per page or per run.

Not a refusal of fields, and so told as before: a limit reply (waited out by the transport),
a token, signature, permission or missing-address answer, a network error (each raises
another error class), and a refusal whose words say what else is wrong (a branch needed, the
closing date, the request limit).
"""

from __future__ import annotations

import hashlib
import logging
import threading

from app.api import reply_wording as wording
from app.api.errors import AlreadyExists, Rejected

log = logging.getLogger(__name__)

CONFIRMED_FIELDS = "id,number,transDate"
# A 500 to a list asked for fields it may not take is read as an answer at once (the client
# asks again without them), not retried as a server failure.
REFUSAL_SERVER_STATUSES = (500,)

_lock = threading.Lock()
# (data host, company_key()) of the companies whose list refused fields, in this process.
_refusing_companies: set[tuple[str, str]] = set()


def company_key(token: str) -> str:
    """How this process names a company for what it learns of it: its token's SHA-256 (a
    token opens one company database), never the token itself."""
    return hashlib.sha256(token.encode()).hexdigest()


def may_refuse_fields(refusal: Rejected) -> bool:
    """Whether a refusal of a list request may be about the fields it names: any refusal,
    except one whose words say what else is wrong."""
    if isinstance(refusal, AlreadyExists):
        return False
    messages = refusal.messages
    return not (
        wording.says_rate_limited(messages)
        or wording.says_branch_needed(messages)
        or wording.says_period_closed(messages)
    )


class ListFields:
    """What one client knows of its company's journal list. Thread-safe."""

    def __init__(self, company: str | None = None) -> None:
        """`company`: `company_key` of the client's company (None: learned for this client
        only)."""
        self._company = company
        self._refused = False
        self.refusals = 0  # requests of this client the list refused for their fields

    def only_confirmed(self, host: str) -> bool:
        """Whether the list at `host` is known to refuse fields beyond the confirmed ones."""
        with _lock:
            return self._refused or self._key(host) in _refusing_companies

    def usable(self, asked: str, host: str) -> str:
        """The fields to ask for when `asked` is wanted: all of them, or only the confirmed
        ones once the list is known to refuse the others."""
        return CONFIRMED_FIELDS if self.only_confirmed(host) else asked

    def learn_refused(self, asked: str, host: str, refusal: Rejected) -> None:
        """The list at `host` refused `asked` and answered the confirmed fields: ask only
        those from now on. Logged once per company, host and process."""
        key = self._key(host)
        with _lock:
            known = self._refused or key in _refusing_companies
            self._refused = True
            self.refusals += 1
            if key is not None:
                _refusing_companies.add(key)
        if not known:
            log.warning(
                "journal-voucher/list.do refused fields=%s (HTTP %s: %s) and answered "
                "fields=%s: only those are asked for this company from now on",
                asked,
                refusal.status,
                "; ".join(refusal.messages)[:200],
                CONFIRMED_FIELDS,
            )

    def _key(self, host: str) -> tuple[str, str] | None:
        return (host, self._company) if self._company is not None else None


def forget_refusals() -> None:
    """Forget what the process learned of every company's list (a test starting afresh)."""
    with _lock:
        _refusing_companies.clear()
