"""The test suite's set-up: Qt headless unless a test says otherwise, and the shared helpers
of tests/helpers/ loaded as plugins, so a test names the fixtures it needs as arguments and
imports nothing to get them. Tests are laid out as the code is: tests/unit/<package>/ for
plain Python, tests/gui/<feature>/ for windows, tests/process/ for killed, concurrent,
packaging and set-up tests that start processes."""

from __future__ import annotations

import compileall
import getpass
import os
import py_compile
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from app.core.i18n import set_language
from app.core.i18n.catalog import SOURCE_LANGUAGE

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

APP_CODE = Path(__file__).resolve().parent.parent / "app"


def keep_compiled_modules_outside_the_checkout() -> None:
    """Every worker compiles the ~300 test modules as it collects them, pytest rewriting their
    asserts first: 10 s of CPU time a worker when nothing compiled may be kept, 2.5 s when it
    is. Where Python was told to write no compiled files (PYTHONDONTWRITEBYTECODE, often set
    to keep them out of source folders), the suite keeps them in a folder of its own, outside
    the checkout, that only this user can write: later workers and runs compile only what
    changed (each file is checked against its source's time and size, as always).

    The processes the tests start (the app's commands and windows, a few hundred of them) use
    the folder too, and may write to it: Python then reads compiled files from that folder
    only, not from the libraries' own __pycache__, so the first process compiles what no
    worker had imported yet and keeps it for the others. Without it each process compiled
    the whole of app/ it imports in memory, every time it started."""
    if not sys.dont_write_bytecode or sys.pycache_prefix is not None:
        return
    folder = Path(tempfile.gettempdir()) / f"jurnal-desk-tests-pycache-{getpass.getuser()}"
    try:
        folder.mkdir(mode=0o700, exist_ok=True)
        owned = folder.stat()
    except OSError:
        return
    if owned.st_uid != os.getuid() or owned.st_mode & 0o022:
        return  # someone else's folder: their compiled files are not run here
    sys.pycache_prefix = str(folder)
    sys.dont_write_bytecode = False
    os.environ["PYTHONPYCACHEPREFIX"] = str(folder)
    os.environ.pop("PYTHONDONTWRITEBYTECODE", None)


keep_compiled_modules_outside_the_checkout()

# Started in the background of a shell without job control (`pytest ... &` in a script), the
# suite inherits Ctrl-C (SIGINT) ignored, and so would every process a test starts: the tests
# that stop a command with Ctrl-C would wait for it in vain. A handler set here is put back to
# the default in each process started from this one.
if signal.getsignal(signal.SIGINT) is signal.SIG_IGN:
    signal.signal(signal.SIGINT, signal.default_int_handler)

pytest_plugins = [
    # Each after the plugins it imports (a plugin imported before it is named here would not
    # have its asserts rewritten).
    "tests.helpers.fixtures",
    "tests.helpers.cli_helpers",
    "tests.helpers.grid_pages",
    "tests.helpers.sandbox_helpers",
    "tests.helpers.window_helpers",
    "tests.helpers.wizard_flow",
    "tests.helpers.history_pages",
    "tests.helpers.posting_windows",
    "tests.helpers.draft_windows",
    "tests.helpers.firm_plans",
]


# Seconds the collection before the workers start may take; it took 13 s on a fresh checkout.
COLLECTING_AT_MOST = 120


def pytest_configure(config: pytest.Config) -> None:
    """With xdist workers, the run compiles once, here, before they start, what each worker
    would otherwise compile at the same time as the others: on a fresh checkout, collecting
    took a worker 12.7 s of CPU time, 2.9 s with all compiled. Compiled files kept apart
    (keep_compiled_modules_outside_the_checkout) are the only ones Python reads, so this is
    the test modules (their asserts rewritten), app/, and the libraries they import. Two
    collections alone (`--collect-only`, no worker), each of half the test files, compile
    what collecting imports, one a core (one collection of them all took 15 s on a fresh
    checkout); app/ is compiled at the same time for what the tests import later; what is
    compiled and current already is left as it is. Nothing is compiled where no compiled file
    may be written; a collection that fails is reported by the run itself."""
    if hasattr(config, "workerinput") or not getattr(config.option, "tx", None):
        return
    if sys.dont_write_bytecode or config.option.collectonly:
        return
    folder = config.invocation_params.dir
    collections = [collect_only(config, half) for half in halves(config.args, folder)]
    try:
        compileall.compile_dir(
            APP_CODE,
            quiet=1,
            # What the import system writes and checks: the source's time and size.
            invalidation_mode=py_compile.PycInvalidationMode.TIMESTAMP,
        )
    finally:
        deadline = time.monotonic() + COLLECTING_AT_MOST
        for collecting in collections:
            try:
                collecting.wait(timeout=max(0.0, deadline - time.monotonic()))
            except subprocess.TimeoutExpired:
                collecting.kill()  # the workers compile the rest, as they would have
                collecting.wait()


def collect_only(config: pytest.Config, paths: list[str]) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [sys.executable, "-m", "pytest", "--collect-only", "-q", "-n", "0",
         "-p", "no:cacheprovider", "--rootdir", str(config.rootpath), *paths],
        cwd=config.invocation_params.dir,
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip


def halves(args: list[str], folder: Path) -> list[list[str]]:
    """The run's paths as two lists of about the same amount of test code: the test files
    of each folder named, shared out largest first; a file or test named is kept whole.
    One list only when there is nothing to share out."""
    weighed: list[tuple[int, str]] = []
    for arg in args:
        path = folder / arg
        if "::" in arg or not path.is_dir():
            weighed.append((1 << 30, arg))  # first, whole
            continue
        weighed.extend((test.stat().st_size, str(test)) for test in path.rglob("test_*.py"))
    if len(weighed) < 2:
        return [args]
    sizes, lists = [0, 0], [[], []]
    for size, name in sorted(weighed, reverse=True):
        smaller = sizes.index(min(sizes))
        sizes[smaller] += size
        lists[smaller].append(name)
    return lists


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """The slow tests first, the rest in their usual order after them. pytest-xdist gives a
    worker the list's next test whenever it is free (`--dist load --maxschedchunk 1`,
    pyproject.toml): the slow tests start at once, spread over the workers, and what is
    left for the end is quick tests, not a slow one that keeps the whole run waiting."""
    items.sort(key=lambda item: item.get_closest_marker("slow") is None)


@pytest.fixture(autouse=True)
def _indonesian_again() -> Iterator[None]:
    """A test that switches the process language (a command's --lang, Settings in a window)
    leaves the next test in the same worker reading Indonesian, as a fresh process does."""
    yield
    set_language(SOURCE_LANGUAGE)


# Workers per core for `-n auto`. The suite mostly waits rather than computes: on a machine of
# 2 cores a whole run on 2 workers took 345 s for 183 s of user and 21 s of system CPU time
# (the cores were idle 70 % of the time): tests wait out the services' real limits of
# 8 requests a second, processes starting, and deadlines. Workers beyond the cores fill that
# waiting. On the same machine, shared with other work, 6 workers took 270 s and 8 took 228 s
# while 5-9 processes waited for its 2 cores (load average); 8 took 308-394 s at loads up to 20.
WORKERS_PER_CORE = 4
# The most memory one worker held at once, with the processes its tests start (the app's
# command, a child posting process, Xvfb and the window on it): 840 MiB at the most over five
# whole runs on 8 workers (the RSS of each worker's process tree, sampled every second); a
# whole run's peak was 3.1 GiB.
MEMORY_PER_WORKER = 900 * 1024 * 1024


def pytest_xdist_auto_num_workers(config: pytest.Config) -> int | None:
    """`-n auto`: WORKERS_PER_CORE workers for each core this process may run on, fewer when
    the memory available would not hold them. `-n logical`, and a count given in
    PYTEST_XDIST_AUTO_NUM_WORKERS, keep pytest-xdist's own meaning."""
    if config.option.numprocesses != "auto" or os.environ.get("PYTEST_XDIST_AUTO_NUM_WORKERS"):
        return None
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    workers = WORKERS_PER_CORE * (cores or 1)
    available = available_memory()
    if available is not None:
        workers = min(workers, max(1, available // MEMORY_PER_WORKER))
    return workers


def available_memory() -> int | None:
    """The memory the system could give new processes without swapping (Linux's MemAvailable),
    or None where it does not say."""
    try:
        with open("/proc/meminfo", encoding="ascii") as meminfo:
            for line in meminfo:
                if line.startswith("MemAvailable:"):
                    return int(line.split()[1]) * 1024
    except OSError:
        return None
    return None
