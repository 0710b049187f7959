"""Memory readings for the benchmarks' child processes (Linux's /proc, else `ru_maxrss`)."""

from __future__ import annotations

import resource


def own_peak_mb() -> float:
    """This process's own peak resident memory: VmHWM on Linux, else ru_maxrss. (A child's
    ru_maxrss starts at its parent's peak: Linux carries it across fork and exec.)"""
    return _status_mb("VmHWM:") or ru_maxrss_mb()


def current_mb() -> float:
    """This process's resident memory now (VmRSS), 0 where /proc is missing."""
    return _status_mb("VmRSS:") or 0.0


def ru_maxrss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # kilobytes on Linux


def _status_mb(key: str) -> float | None:
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith(key):
                    return int(line.split()[1]) / 1024  # kB
    except OSError:
        pass
    return None
