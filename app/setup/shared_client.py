"""One client per company session: the window's tasks (checking the connection, loading the
chart, checking and posting entries, undoing a batch) share one HTTP client, as the transport
is designed to be used (one `httpx.Client` per profile, shared by the worker threads).

The client is made on the first task's first use (network: on a worker) and kept while the
session lasts. When the profile's connection settings change (the API language, the address,
the default branch) the next task gets a new client; the old one, like the session's last one
once the session has ended, is closed as soon as no task uses it any more: a task still
running on a company the user has left finishes with the client it has.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Hashable
from dataclasses import dataclass

from app.posting.service import Client
from app.profiles.store import Profile


def connection_key(profile: Profile) -> Hashable:
    """What a client is made from, besides the secrets: a change needs a new client. The data
    host is not in it: a client follows a moved host itself."""
    return (
        profile.service,
        profile.url,
        profile.language,
        profile.sempoa_lines,
        profile.branch,
    )


@dataclass(eq=False)
class _Held:
    client: Client
    key: Hashable
    users: int = 0


class SharedClient:
    """Clients handed to several users at once, each closed after its last user."""

    def __init__(self) -> None:
        # Held while connecting too: a second task waits for the first one's client rather
        # than making its own.
        self._lock = threading.Lock()
        self._current: _Held | None = None
        self._retired: list[_Held] = []
        self._ended = False

    @property
    def connected(self) -> bool:
        return self._current is not None

    def acquire(self, key: Hashable, connect: Callable[[], Client]) -> Client:
        """The client for `key`, made by `connect` (network) when there is none for it yet.
        Hand it back with `release`."""
        with self._lock:
            current = self._current
            if current is None or current.key != key:
                fresh = _Held(connect(), key)  # may raise: then nothing changes
                if current is not None:
                    self._retire(current)
                self._current = current = fresh
            current.users += 1
            return current.client

    def release(self, client: Client) -> None:
        with self._lock:
            held = self._holding(client)
            if held is None:
                return  # released twice
            held.users -= 1
            if held.users <= 0 and (held is not self._current or self._ended):
                self._drop(held)

    def end(self) -> None:
        """The session is over: its client is closed now, or when its last user lets go."""
        with self._lock:
            self._ended = True
            if self._current is not None and self._current.users <= 0:
                self._drop(self._current)

    def _holding(self, client: Client) -> _Held | None:
        held = [self._current, *self._retired]
        return next((h for h in held if h is not None and h.client is client), None)

    def _retire(self, held: _Held) -> None:
        self._current = None
        if held.users <= 0:
            held.client.close()
        else:
            self._retired.append(held)

    def _drop(self, held: _Held) -> None:
        if held is self._current:
            self._current = None
        else:
            self._retired.remove(held)
        held.client.close()
