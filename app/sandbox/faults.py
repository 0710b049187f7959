"""Faults the sandbox can inject, so tests and benchmarks see what the real services do on a
bad day: slow and uneven answers, server errors, "slow down", connections cut before or after
the work was done, and a server clock that disagrees with the laptop's.

The `--faults` spec of `jurnal-desk sandbox` is read by `Faults.parse`:

    latency=100   every request takes 100 ms while it counts as in flight
    jitter=0.5    ... varying by up to +-50 % around that (uniformly drawn per request)
    error=0.02    2 % answered 500/502/503 before anything is done
    cut=0.01      1 % of connections cut without an answer, before anything is done
    drop=0.01     1 % of saves stored, then the connection cut (the client never hears)
    429=0.02      2 % answered with Accurate's limit reply without doing anything
    skew=900      the server's clock runs 900 s ahead
    fail=JV-3;JV-9  every request that mentions JV-3 or JV-9 (path, query or body) is
                  answered 500, every time: one voucher the server cannot handle
    seed=1        the random faults repeat from run to run
    jitter        (a bare word) a rough network: jitter=0.5, cut=0.01, error=0.02
"""

from __future__ import annotations

import random
import threading
from collections.abc import Callable
from dataclasses import dataclass, fields

from app.core.i18n import JurnalError, tr

SERVER_ERROR_STATUSES = (500, 502, 503)
# What the bare word "jitter" in a spec stands for.
JITTER_PRESET = {"latency_jitter": 0.5, "cut_rate": 0.01, "error_rate": 0.02}


class FaultSpecError(JurnalError, ValueError):
    """A `--faults` text that cannot be read."""


@dataclass
class Faults:
    """What goes wrong, per request. Rates are fractions between 0 and 1."""

    latency_ms: int = 0  # added to every request, while it counts as in flight
    latency_jitter: float = 0.0  # each latency drawn within latency_ms * (1 +- this)
    error_rate: float = 0.0  # answered 500/502/503 before doing anything
    cut_rate: float = 0.0  # any request: connection cut without an answer, nothing done
    drop_after_store_rate: float = 0.0  # save/bulk-save/jurnal: stored, then no response at all
    rate_limit_rate: float = 0.0  # answered with a limit reply without doing anything
    clock_skew_seconds: int = 0  # the server's clock runs this far ahead of real time
    failing_texts: tuple[str, ...] = ()  # requests mentioning one of these: always 500
    seed: int | None = None  # random faults are reproducible

    def __post_init__(self) -> None:
        self.failing_texts = tuple(self.failing_texts)
        for name in _FRACTIONS:
            value = getattr(self, name)
            if not 0.0 <= value <= 1.0:
                raise FaultSpecError(
                    tr(
                        "Nilai {name} harus antara 0 dan 1, bukan {value}.",
                        name=name,
                        value=value,
                    )
                )
        if self.latency_ms < 0:
            raise FaultSpecError(
                tr(
                    "Latensi tidak boleh negatif ({value} ms).",
                    value=self.latency_ms,
                )
            )

    @classmethod
    def parse(cls, spec: str) -> Faults:
        """Read "error=0.1,drop=0.05,429=0.02,skew=900,latency=100,jitter=0.5,seed=1" (any
        order, any subset; the field names work too; the bare word "jitter" is a rough
        network, see the module's docstring). An empty text means no faults."""
        values: dict[str, object] = {}
        for part in filter(None, (piece.strip() for piece in spec.split(","))):
            key, sep, raw = part.partition("=")
            if not sep and key.strip().lower() == "jitter":
                values.update(JITTER_PRESET)
                continue
            name = _ALIASES.get(key.strip().lower())
            if not sep or name is None:
                raise _bad_spec(part)
            try:
                values[name] = _CONVERTERS[name](raw.strip())
            except ValueError:
                raise _bad_spec(part) from None
        return cls(**values)  # type: ignore[arg-type]  # values parsed per field

    def describe(self) -> str:
        """The spec text that `parse` reads back to these faults."""
        short = {name: alias for alias, name in _SHORT.items()}
        return ",".join(
            f"{short[f.name]}={_shown(getattr(self, f.name))}"
            for f in fields(self)
            if getattr(self, f.name) not in (0, 0.0, None, ())
        )

    def fails(self, *texts: str) -> bool:
        """Whether a request made of these texts mentions one of `failing_texts`."""
        return any(wanted in text for wanted in self.failing_texts for text in texts)


def _shown(value: object) -> str:
    return ";".join(value) if isinstance(value, tuple) else str(value)


_FRACTIONS = (
    "latency_jitter",
    "error_rate",
    "cut_rate",
    "drop_after_store_rate",
    "rate_limit_rate",
)
_SHORT = {
    "latency": "latency_ms",
    "jitter": "latency_jitter",
    "error": "error_rate",
    "cut": "cut_rate",
    "drop": "drop_after_store_rate",
    "429": "rate_limit_rate",
    "skew": "clock_skew_seconds",
    "fail": "failing_texts",
    "seed": "seed",
}
_ALIASES = {**_SHORT, **{f.name: f.name for f in fields(Faults)}}
_CONVERTERS: dict[str, Callable[[str], object]] = {
    **{name: float for name in _FRACTIONS},
    "latency_ms": int,
    "clock_skew_seconds": int,
    "failing_texts": lambda raw: tuple(filter(None, (part.strip() for part in raw.split(";")))),
    "seed": int,
}
_EXAMPLE = "error=0.1,drop=0.05,429=0.02,skew=900,latency=100,jitter=0.5,cut=0.01,seed=1"


def _bad_spec(part: str) -> FaultSpecError:
    return FaultSpecError(
        tr(
            "Gangguan tidak dikenal: '{part}'. Contoh yang benar: {example}",
            part=part,
            example=_EXAMPLE,
        )
    )


class FaultDice:
    """The random draws for one `Faults`, thread-safe; a seed makes a sequential run repeat."""

    def __init__(self, faults: Faults) -> None:
        self.faults = faults
        self._random = random.Random(faults.seed)
        self._lock = threading.Lock()

    def latency_seconds(self) -> float:
        """This request's added latency: latency_ms, spread by the jitter."""
        base = self.faults.latency_ms / 1000
        spread = self.faults.latency_jitter
        if not base or not spread:
            return base  # nothing drawn: a seed repeats the same faults with or without jitter
        with self._lock:
            return base * (1 + spread * (2 * self._random.random() - 1))

    def server_error(self) -> int | None:
        """A 5xx status to answer with, or None."""
        with self._lock:
            if not self._hit(self.faults.error_rate):
                return None
            return self._random.choice(SERVER_ERROR_STATUSES)

    def cut(self) -> bool:
        with self._lock:
            return self._hit(self.faults.cut_rate)

    def rate_limited(self) -> bool:
        with self._lock:
            return self._hit(self.faults.rate_limit_rate)

    def drop_after_store(self) -> bool:
        with self._lock:
            return self._hit(self.faults.drop_after_store_rate)

    def _hit(self, rate: float) -> bool:
        # A zero rate draws nothing: a seed repeats the same faults whatever kinds are off.
        return rate > 0 and self._random.random() < rate
