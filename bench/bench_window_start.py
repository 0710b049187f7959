"""Window start benchmark: building and showing the main window, offscreen.

What a user waits for between starting Jurnal Desk and seeing its window, without Python's
own start and the imports: the window with its four pages, menus and banners built, shown
and painted once, on a fresh home (the demo company, whose local sandbox starts on a
worker). The same work is done at the start of every window test, hundreds of times a run.

Measured: N windows one after another in this process, after one not counted (Qt's first
window loads fonts and plugins); wall and CPU time from the window's construction until it
has been shown and its first events handled, and the closing after.

Target: median at most 120 ms of wall time a window. A style sheet set on a whole page or on
the window makes Qt work out every widget's look through it, and again at every move of a
built page; each style sheet is set on the few widgets it styles (BENCHMARKS.md, on the
same machine and day: median 163 ms with page-wide sheets, 54 ms without).

Run alone: `python -m bench.bench_window_start [--windows N]`; or with `python -m bench`.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from bench.grid_setup import qt_app, quiet_offscreen_warnings

NAME = "window_start"
TITLE = "Window start: building and showing the main window (offscreen)"
TARGET_MEDIAN_MS = 120.0
WINDOWS = 20


@dataclass
class WindowStartResult:
    wall_ms: list[float]
    cpu_ms: list[float]
    close_ms: list[float]

    @property
    def median_ms(self) -> float:
        return statistics.median(self.wall_ms)

    @property
    def passed(self) -> bool:
        return self.median_ms <= TARGET_MEDIAN_MS

    def report_lines(self) -> list[str]:
        verdict = "OK" if self.passed else "NOT MET"
        return [
            f"{len(self.wall_ms)} windows: built and shown in median {self.median_ms:.0f} ms "
            f"(max {max(self.wall_ms):.0f} ms), CPU median {statistics.median(self.cpu_ms):.0f} "
            f"ms (target median <= {TARGET_MEDIAN_MS:.0f} ms) {verdict}",
            f"closed in median {statistics.median(self.close_ms):.0f} ms",
        ]

    def markdown(self) -> str:
        verdict = "met" if self.passed else "**not met**"
        return "\n".join(
            [
                f"Target: median at most {TARGET_MEDIAN_MS:.0f} ms from building the window "
                f"until it is shown: {verdict}.",
                "",
                "| measure | result |",
                "|---|---|",
                f"| windows built and shown, one after another | {len(self.wall_ms)} |",
                f"| wall time a window, median (max) | **{self.median_ms:.0f} ms** "
                f"({max(self.wall_ms):.0f} ms) |",
                f"| CPU time a window, median | {statistics.median(self.cpu_ms):.0f} ms |",
                f"| closing a window, median | {statistics.median(self.close_ms):.0f} ms |",
            ]
        )


def run(windows: int = WINDOWS) -> WindowStartResult:
    app = qt_app()
    quiet_offscreen_warnings()
    from app.api.ratelimit import LimiterRegistry
    from app.ui.shell.main_window import MainWindow

    executor = ThreadPoolExecutor(max_workers=4, thread_name_prefix="bench-window")
    wall, cpu, closing = [], [], []
    with tempfile.TemporaryDirectory(prefix="jd-bench-window-") as folder:
        for index in range(windows + 1):
            home = Path(folder) / f"home-{index}"
            began, began_cpu = time.perf_counter(), time.process_time()
            window = MainWindow(home=home, executor=executor, limiters=LimiterRegistry())
            window.show()
            app.processEvents()
            shown, shown_cpu = time.perf_counter(), time.process_time()
            window.close()
            window.shutdown()
            window.deleteLater()
            app.processEvents()
            if index:  # the first window loads Qt's fonts and plugins
                wall.append((shown - began) * 1000)
                cpu.append((shown_cpu - began_cpu) * 1000)
                closing.append((time.perf_counter() - shown) * 1000)
    executor.shutdown(wait=True)
    return WindowStartResult(wall, cpu, closing)


def main() -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.bench_window_start", description=TITLE)
    parser.add_argument("--windows", type=int, default=WINDOWS)
    result = run(parser.parse_args().windows)
    for line in result.report_lines():
        print(line)
    return 0 if result.passed else 1


if __name__ == "__main__":
    sys.exit(main())
