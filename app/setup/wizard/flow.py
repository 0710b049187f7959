"""The credentials wizard: how an accountant connects a company once. Plain Python, no Qt.

Four pages, the same for both services, and a fifth only some Accurate companies need:

    SERVICE      Accurate Online or Sempoa
    CREDENTIALS  the token (and Accurate's Signature Secret), the address (advanced)
    TEST         the connection, tested on a worker: who the token belongs to, and (Accurate)
                 the branches its user sees
    BRANCH       the default branch (cabang): only when the user sees more than one, since
                 Accurate then refuses every save that names no branch
    NAME         the profile's name, and the language of Accurate's messages; then finish()

`pages` is the flow for what the test found; `PAGES` lists every page there can be.

Every page has a `PageState`: `valid` (may the user go on), `busy` (a test is running) and
`error` (what is wrong and what to do, as a message). The GUI (`app.ui.wizard.dialog`) is a
thin skin over this class, and the whole flow is tested without a window.

The connection test runs in three steps so that the worker never touches the wizard:
`start_test()` (GUI thread) freezes the inputs into a `ConnectionCheck`,
`test_connection(check, state)` (a plain worker function, no Qt) talks to the service, and
`test_passed`/`test_failed` (GUI thread) record the outcome, unless the inputs changed since.
The test lives in `app.setup.wizard.connection_test` (what the wizard keeps of it in
`app.setup.wizard.test_run`), the checks on typed inputs and the credentials page's state
in `app.setup.wizard.credential_checks`. The pages and their states are in
`app.setup.wizard.steps`, saving the profile with its secrets in `app.setup.wizard.save`.

Nothing here does I/O on its own when made: where the secrets would go is asked by
`secrets_place(store.secrets)` (`app.setup.wizard.secrets_place`; it may block on a locked keyring:
call it on a worker) and recorded with `keyring_checked()`, or both at once on this thread
with `check_keyring()`. Where there is no place for them, the first page says so and does
not let the user go on until there is one (the window offers the encrypted secrets file
right there); the last page names where they will go.
The names already taken are read from profiles.json once, on entering the name page, not at
every keystroke (`app.setup.wizard.name`); `finish()` reads them again (another window or the
CLI may have added one).

Secrets: the token and Signature Secret live only in this object and in the `ConnectionCheck`,
whose reprs hide them; `finish()` hands them to the password store (`SecretStore`: the
system's, or the encrypted file the user turned on) and nowhere else.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field

from app.core.i18n import Text, tr
from app.core.services import SERVICE_NAMES
from app.core.tasks import TaskState
from app.profiles.secrets import KeyringUnavailable
from app.profiles.store import (
    API_LANGUAGES,
    DEFAULT_SEMPOA_LINES,
    DEFAULT_URLS,
    SEMPOA_LINE_SHAPES,
    ApiLanguage,
    Profile,
    ProfileStore,
    SempoaLines,
    Service,
)
from app.setup.wizard.connection_test import (
    Connection,
    ConnectionCheck,
    Connector,
    test_connection,
)
from app.setup.wizard.credential_checks import credentials_state, field_problems
from app.setup.wizard.name import ProfileName
from app.setup.wizard.save import new_profile, save_failure_text, save_profile
from app.setup.wizard.secrets_place import SecretsPlace, secrets_place, store_gone_text
from app.setup.wizard.steps import (
    PAGES,
    Page,
    PageNotReady,
    PageState,
    incomplete_text,
    no_service_text,
)
from app.setup.wizard.test_run import ConnectionTestRun

# Re-exported: the wizard's callers and tests know them by this module.
__all__ = [
    "PAGES",
    "Connection",
    "Connector",
    "CredentialsWizard",
    "Page",
    "PageNotReady",
    "PageState",
    "test_connection",
]


log = logging.getLogger(__name__)


# --- the wizard --------------------------------------------------------------------------------


@dataclass
class _Inputs:
    """What the user typed for one service; switching service keeps each one's own."""

    token: str = field(default="", repr=False)
    secret: str = field(default="", repr=False)
    url: str = ""  # empty: the service's default


class CredentialsWizard:
    """The wizard's state and rules. Call it from one thread (the GUI's); only
    `test_connection` runs on a worker, on a frozen `ConnectionCheck`."""

    def __init__(self, store: ProfileStore, *, connector: Connector | None = None) -> None:
        self.store = store
        self.connector = connector if connector is not None else Connector()
        self._page = Page.SERVICE
        self._service: Service | None = None
        self._inputs: dict[str, _Inputs] = {"accurate": _Inputs(), "sempoa": _Inputs()}
        self._sempoa_lines: SempoaLines = DEFAULT_SEMPOA_LINES
        self._language: ApiLanguage = "ID"
        self._name = ProfileName(store)  # the name page's field
        self._test = ConnectionTestRun()  # the connection test page's state
        self._branch: str | None = None  # the default branch chosen on the branch page
        self._finish_error: Text | None = None
        self._saved: Profile | None = None
        # Where the secrets go: asked up front (once checked), before anyone types a token
        # that could not be saved; finish() checks again (the store may change meanwhile).
        self._place: SecretsPlace | None = None

    def __repr__(self) -> str:
        return f"CredentialsWizard(page={self.page.value!r}, service={self._service!r})"

    # -- where we are --------------------------------------------------------------------------

    @property
    def page(self) -> Page:
        return self._page

    @property
    def pages(self) -> tuple[Page, ...]:
        """The pages of this flow: the branch page only for a company that needs a branch."""
        if self._test.connection is not None and self._test.connection.needs_branch:
            return PAGES
        return tuple(page for page in PAGES if page is not Page.BRANCH)

    @property
    def index(self) -> int:
        """The current page's position in `pages`."""
        return self.pages.index(self._page)

    @property
    def is_first(self) -> bool:
        return self.index == 0

    @property
    def is_last(self) -> bool:
        return self.index == len(self.pages) - 1

    @property
    def valid(self) -> bool:
        return self.state().valid

    @property
    def busy(self) -> bool:
        return self.state().busy

    @property
    def error(self) -> Text | None:
        return self.state().error

    @property
    def can_go_back(self) -> bool:
        return not self.is_first and self._saved is None

    @property
    def can_go_next(self) -> bool:
        state = self.state()
        return not self.is_last and state.valid and not state.busy

    @property
    def can_finish(self) -> bool:
        state = self.state()
        return self.is_last and state.valid and not state.busy and self._saved is None

    @property
    def saved(self) -> Profile | None:
        """The profile `finish()` saved, once it has."""
        return self._saved

    def state(self, page: Page | None = None) -> PageState:
        page = self.page if page is None else page
        if page is Page.SERVICE:
            problem = self._place.problem if self._place is not None else None
            return PageState(valid=self._service is not None and problem is None, error=problem)
        if page is Page.CREDENTIALS:
            return self._credentials_state()
        if page is Page.TEST:
            return self._test.state()
        if page is Page.BRANCH:
            return self._branch_state()
        return self._name_state()

    # -- the keyring ---------------------------------------------------------------------------

    @property
    def secrets_place(self) -> SecretsPlace | None:
        """Where the secrets will go (None: not asked yet)."""
        return self._place

    def keyring_checked(self, place: SecretsPlace) -> None:
        """Record what `secrets_place(store.secrets)` found: a problem keeps the first page
        from going on; the last page names the place."""
        self._place = place

    def check_keyring(self) -> Text | None:
        """Ask the password store now, on this thread (scripts and tests), record the answer,
        and return what keeps the secrets from being saved (None: nothing)."""
        self.keyring_checked(secrets_place(self.store.secrets))
        return self._place.problem if self._place is not None else None

    # -- inputs --------------------------------------------------------------------------------

    @property
    def service(self) -> Service | None:
        return self._service

    def choose_service(self, service: Service) -> None:
        if service not in SERVICE_NAMES:
            raise ValueError(f"unknown service {service!r}")
        if service != self._service:
            self._service = service
            self._credentials_changed()

    @property
    def token(self) -> str:
        return self._current_inputs().token

    def set_token(self, token: str) -> None:
        self._set_input("token", token.strip())

    @property
    def secret(self) -> str:
        return self._current_inputs().secret

    def set_secret(self, secret: str) -> None:
        self._set_input("secret", secret.strip())

    @property
    def url(self) -> str:
        """The address the token goes to: what the user typed, or the service's default."""
        service = self._require_service()
        return self._inputs[service].url or DEFAULT_URLS[service]

    def set_url(self, url: str) -> None:
        self._set_input("url", url.strip().rstrip("/"))

    @property
    def sempoa_lines(self) -> SempoaLines:
        return self._sempoa_lines

    def set_sempoa_lines(self, shape: SempoaLines) -> None:
        if shape not in SEMPOA_LINE_SHAPES:
            raise ValueError(f"unknown journal line shape {shape!r}")
        self._sempoa_lines = shape  # how entries are sent later; the test does not depend on it

    @property
    def language(self) -> ApiLanguage:
        return self._language

    def set_language(self, language: ApiLanguage) -> None:
        if language not in API_LANGUAGES:
            raise ValueError(f"unknown API language {language!r}")
        self._language = language

    @property
    def branch_choices(self) -> tuple[str, ...]:
        """The branches the default may be chosen from (the tested company's)."""
        return self._test.connection.branches if self._test.connection is not None else ()

    @property
    def branch(self) -> str | None:
        """The default branch chosen, or None (not chosen, or not needed)."""
        return self._branch

    def choose_branch(self, branch: str) -> None:
        if branch not in self.branch_choices:
            raise ValueError(f"{branch!r} is not one of the company's branches")
        self._branch = branch

    @property
    def name(self) -> str:
        return self._name.text

    def set_name(self, name: str) -> None:
        self._finish_error = None
        self._name.type(name, self._service)

    def field_problems(self) -> dict[str, Text]:
        """Per field ("token", "secret", "url") of the credentials page: what is wrong with
        what was typed. An empty field is not reported, only not valid."""
        inputs = self._current_inputs()
        return field_problems(self._require_service(), inputs.token, inputs.secret, self.url)

    # -- navigation ----------------------------------------------------------------------------

    def next(self) -> Page:
        """Go to the next page; raises `PageNotReady` (with the page's error) when the current
        page is not valid yet."""
        if self.is_last:
            raise PageNotReady(tr("Ini langkah terakhir; tekan Selesai."))
        self._require_ready()
        self._page = self.pages[self.index + 1]
        if self.page is Page.NAME:
            self._entering_name_page()
        return self.page

    def back(self) -> Page:
        """Go back one page, keeping what was typed; a running test is abandoned."""
        if self.can_go_back:
            if self.page is Page.TEST:
                self.cancel_test()
            self._page = self.pages[self.index - 1]
        return self.page

    # -- the connection test -------------------------------------------------------------------

    @property
    def connection(self) -> Connection | None:
        """The outcome of the last passed test for the current inputs."""
        return self._test.connection

    def start_test(self) -> ConnectionCheck:
        """Freeze the inputs for `test_connection` (run it on a worker) and mark the test page
        busy. A test already running is abandoned: its outcome will be ignored."""
        if not self._credentials_state().valid:
            raise PageNotReady(self._credentials_state().error or incomplete_text())
        service = self._require_service()
        check = ConnectionCheck(
            service=service,
            url=self.url,
            token=self.token,
            secret=self.secret if service == "accurate" else "",
            language=self._language,
            connector=self.connector,
        )
        return self._test.start(check)

    def test_passed(self, check: ConnectionCheck, connection: Connection) -> bool:
        """Record a passed test; False (and nothing changes) if it is not the current one."""
        if not self._test.passed(check, connection):
            return False
        if self._branch not in connection.branches:
            self._branch = None  # another company (or its branches changed): choose again
        return True

    def test_failed(self, check: ConnectionCheck, error: BaseException) -> bool:
        """Record a failed test; False (and nothing changes) if it is not the current one."""
        return self._test.failed(check, error)

    def cancel_test(self) -> None:
        self._test.cancel()

    def run_test(self, state: TaskState | None = None) -> bool:
        """Start, run and record a test on this thread (scripts and tests). True if passed."""
        check = self.start_test()
        try:
            connection = test_connection(check, state if state is not None else TaskState())
        except Exception as error:
            self.test_failed(check, error)
            return False
        return self.test_passed(check, connection)

    # -- finishing -----------------------------------------------------------------------------

    def finish(self) -> Profile | None:
        """Save the profile and put its secrets in the password store. Returns the profile, or
        None with the name page's `error` saying why nothing was saved (the user can fix it
        and finish again). Raises `PageNotReady` only when called before the last page."""
        if self._saved is not None:
            return self._saved
        if not self.is_last:
            raise PageNotReady(incomplete_text())
        self._finish_error = None
        # Taken meanwhile (another window, the CLI)? profiles.json is read again.
        self._name.check(self._service, reread=True)
        state = self.state()
        if not state.valid or state.busy:
            return None
        try:
            self.store.secrets.check_available()  # before anything is written
            profile = self._profile()
            save_profile(self.store, profile, self.token, self.secret)
        except KeyringUnavailable as error:
            # The store went away since the first page: ask again where the secrets can go,
            # so this page offers the way out the first one would have.
            self._place = secrets_place(self.store.secrets)
            remedy = store_gone_text(self._place) if self._place.remedy else None
            self._finish_error = save_failure_text(self.store, error, remedy)
            return None
        except Exception as error:
            self._finish_error = save_failure_text(self.store, error)
            return None
        self._saved = profile
        log.info("profile %r added (%s)", profile.name, profile.service)
        return profile

    # -- internals -----------------------------------------------------------------------------

    def _require_service(self) -> Service:
        if self._service is None:
            raise PageNotReady(no_service_text())
        return self._service

    def _current_inputs(self) -> _Inputs:
        return self._inputs[self._require_service()]

    def _set_input(self, name: str, value: str) -> None:
        inputs = self._current_inputs()
        if getattr(inputs, name) != value:
            setattr(inputs, name, value)
            self._credentials_changed()

    def _credentials_changed(self) -> None:
        """New inputs: an earlier (or running) test no longer says anything about them."""
        self._test.forget()

    def _require_ready(self) -> None:
        state = self.state()
        if not state.valid or state.busy:
            raise PageNotReady(state.error or incomplete_text())

    def _credentials_state(self) -> PageState:
        if self._service is None:
            return PageState(valid=False, error=no_service_text())
        inputs = self._inputs[self._service]
        return credentials_state(self._service, inputs.token, inputs.secret, self.url)

    def _branch_state(self) -> PageState:
        if self._test.connection is None or not self._test.connection.needs_branch:
            return PageState(valid=False, error=incomplete_text())
        return PageState(valid=self._branch is not None)

    def _name_state(self) -> PageState:
        error = self._name.problem or self._finish_error
        if self._test.connection is None:
            return PageState(valid=False, error=error or incomplete_text())
        return PageState(valid=self._name.problem is None, error=error)

    def _entering_name_page(self) -> None:
        connection = self._test.connection
        self._finish_error = None
        self._name.enter(
            connection.default_name() if connection is not None else None, self._service
        )

    def _profile(self) -> Profile:
        if self._test.connection is None:  # _require_ready() has checked; kept for type checkers
            raise PageNotReady(incomplete_text())
        branch = self._branch if Page.BRANCH in self.pages else None
        return new_profile(
            self._name.text,
            self._require_service(),
            self.url,
            self._test.connection,
            language=self._language,
            sempoa_lines=self._sempoa_lines,
            branch=branch,
        )
