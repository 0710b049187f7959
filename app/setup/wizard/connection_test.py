"""The wizard's connection test: a plain worker function (no Qt) that reaches the service with
the frozen inputs of one test and says who the token belongs to, where the company lives and
(Accurate) which branches the token's user sees.

Secrets: a `ConnectionCheck` holds the token and Signature Secret; its repr hides them.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta, timezone
from typing import Final

from app.api import errors
from app.api.accurate import AccurateClient
from app.api.clock import ServerClock
from app.api.ratelimit import LimiterRegistry
from app.api.retrying import RetryPolicy
from app.api.sempoa import SempoaClient
from app.core.i18n import Text, ctr, tr, verbatim
from app.core.i18n.lists import listed_first
from app.core.i18n.values import Day
from app.core.services import SERVICE_NAMES
from app.core.tasks import TaskState
from app.profiles.store import ApiLanguage, Service

DEFAULT_SEMPOA_NAME: Final = "Sempoa"
# A connection test should answer quickly: one retry for a passing hiccup, not five.
TEST_RETRY: Final = RetryPolicy(max_attempts=2, base_delay=0.5, max_delay=1.0)
_WIB: Final = timezone(timedelta(hours=7))  # Accurate's licence dates are its local days
_HIDDEN: Final = "<hidden>"


@dataclass(frozen=True)
class Connector:
    """How the test reaches a service: passed in, so tests can use a sandbox without sleeps."""

    limiters: LimiterRegistry = field(default_factory=LimiterRegistry)
    retry: RetryPolicy = TEST_RETRY
    clock: Callable[[], ServerClock] = ServerClock
    now: Callable[[], datetime] = lambda: datetime.now(UTC)


@dataclass(frozen=True, eq=False)
class ConnectionCheck:
    """The inputs of one connection test, frozen when it starts. Its repr hides the secrets."""

    service: Service
    url: str
    token: str = field(repr=False)
    secret: str = field(repr=False)
    language: ApiLanguage = "ID"
    connector: Connector = field(default_factory=Connector, repr=False)

    def __repr__(self) -> str:
        return (
            f"ConnectionCheck(service={self.service!r}, url={self.url!r}, "
            f"token={_HIDDEN}, secret={_HIDDEN})"
        )

    __str__ = __repr__


@dataclass(frozen=True, slots=True)
class Connection:
    """What a passed test learnt: who the token belongs to and where the company lives."""

    service: Service
    host: str  # Accurate: the company's data host; Sempoa: the integration base URL
    checked_at: datetime  # UTC
    company_name: str = ""
    company_id: int | None = None
    user_name: str = ""
    user_email: str = ""
    license_end: date | None = None
    trial: bool = False
    branches: tuple[str, ...] = ()  # Accurate: the branches the token's user sees
    branches_unreadable: bool = False  # the token may not list them

    @property
    def needs_branch(self) -> bool:
        """More than one branch: every save must name one, so a default is chosen."""
        return len(self.branches) > 1

    def default_name(self) -> str:
        """The profile name offered: the company's name (Data Usaha), or "Sempoa"."""
        return self.company_name.strip() or (
            DEFAULT_SEMPOA_NAME if self.service == "sempoa" else SERVICE_NAMES[self.service]
        )

    def headline(self) -> Text:
        """One line saying the test passed, and to what."""
        if self.service == "sempoa":
            return tr("Token Sempoa diterima.")
        return tr(
            "Terhubung ke {company}.",
            company=self.company_name or SERVICE_NAMES["accurate"],
        )

    def lines(self) -> list[tuple[Text, Text | str]]:
        """Label and value per line, as the test page shows them (a value that is words of
        Jurnal Desk's is a message, read in the language shown)."""
        if self.service == "sempoa":
            return [
                (tr("Sempoa"), tr("token diterima")),
                (tr("Alamat"), self.host),
            ]
        company = self.company_name + (f" (id {self.company_id})" if self.company_id else "")
        user = self.user_name
        if self.user_email and self.user_email != self.user_name:
            user += f" <{self.user_email}>"
        lines: list[tuple[Text, Text | str]] = [
            (tr("Data Usaha"), company or "—"),
            (tr("Host"), self.host),
            (tr("Pengguna"), user or "—"),
        ]
        if self.license_end is not None:
            end = Day(self.license_end)
            licence = tr("{d} (masa percobaan)", d=end) if self.trial else verbatim(end)
            lines.append((tr("Lisensi sampai"), licence))
        if self.branches:
            lines.append((ctr("daftar cabang perusahaan", "Cabang"), _branch_list(self.branches)))
        return lines

    def notice(self) -> Text | None:
        """A licence that has ended, a trial, or branches that could not be read: worth
        knowing before posting."""
        notices = [text for text in (self._licence_notice(), self._branch_notice()) if text]
        if not notices:
            return None
        return notices[0] if len(notices) == 1 else notices[0] + notices[1]

    def _branch_notice(self) -> Text | None:
        if not self.branches_unreadable:
            return None
        return tr(
            "Token ini tidak boleh membaca daftar cabang. Bila pengguna ini melihat lebih dari "
            "satu cabang, Accurate menolak jurnal tanpa cabang: isi kolom Cabang, atau pilih "
            "cabang utama nanti di Berkas › Pengaturan › Cabang utama."
        )

    def _licence_notice(self) -> Text | None:
        if self.license_end is None:
            return None
        today = self.checked_at.astimezone(_WIB).date()
        end = Day(self.license_end)
        if self.license_end < today:
            return tr(
                "Lisensi data usaha ini berakhir {end}; Accurate bisa menolak penyimpanan "
                "jurnal. Minta pemilik data usaha memperpanjangnya.",
                end=end,
            )
        if self.trial:
            return tr(
                "Data usaha ini masih masa percobaan (sampai {end}).",
                end=end,
            )
        return None


def test_connection(check: ConnectionCheck, state: TaskState) -> Connection:
    """Worker: reach the service with the check's credentials and say who they belong to.

    `state` is a `TaskState` (its `cancel` event stops the request between attempts).
    Raises the service's `ApiError` (its message with its remedy) when the test fails.
    """
    state.check()
    connector = check.connector
    limiter = connector.limiters.for_token(check.token)
    if check.service == "sempoa":
        with SempoaClient.create(
            token=check.token, limiter=limiter, base_url=check.url, retry=connector.retry
        ) as sempoa:
            sempoa.check(cancel=state.cancel)
            return Connection("sempoa", sempoa.transport.base_url, connector.now())
    with AccurateClient.create(
        token=check.token,
        secret=check.secret,
        limiter=limiter,
        account_url=check.url,
        clock=connector.clock(),
        language=check.language,
        retry=connector.retry,
    ) as accurate:
        info = accurate.token_info(cancel=state.cancel)
        state.check()
        accurate.use_host(info.host)
        branches, unreadable = _branch_names(accurate, state)
    return Connection(
        "accurate",
        info.host,
        connector.now(),
        company_name=info.company_name,
        company_id=info.company_id,
        user_name=info.user_name,
        user_email=info.user_email,
        license_end=info.license_end,
        trial=info.trial,
        branches=branches,
        branches_unreadable=unreadable,
    )


def _branch_names(accurate: AccurateClient, state: TaskState) -> tuple[tuple[str, ...], bool]:
    """The names of the branches the token's user sees, and whether the token may not list
    them (a missing scope is not a failed test: many companies have one branch)."""
    try:
        return tuple(branch.name for branch in accurate.branches(cancel=state.cancel)), False
    except errors.PermissionDenied:
        return (), True


test_connection.__test__ = False  # type: ignore[attr-defined]  # not a pytest test, despite its name


def _branch_list(names: tuple[str, ...], shown: int = 8) -> Text:
    return listed_first(names, shown)
