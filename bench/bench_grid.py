"""Journal grid benchmark: a 100,000-line import in the Qt model and view (offscreen).

Uses the generated 100,000-line / 25,000-entry workbook (`bench/generate.py`) and a company
chart: the Accurate sandbox's chart (`app.sandbox.ACCURATE_CHART`, turned into `Account`s the
way the Accurate client does) plus the generator's account codes, so every line is valid.

(a) worker-side preparation: `read_workbook(path, chart=chart)` then
    `table_from_import(result, chart)`, as the journal page's import worker does;
(b) GUI thread: `EntriesModel.load(table)` into the model of a `QTableView` set up like
    the journal page's grid, pending events processed, then one layout and paint (`grab()`);
    also the same in the whole `JournalPage` (its status refresh included), for reference;
(c) one cell edit: `setData` of a typed amount on a debit cell, which re-checks that entry
    (median of many edits on entries across the grid); also in the whole page;
(d) `entries()`: the copies handed to posting;
(e) `set_chart`: every entry checked again against a freshly loaded chart;
(f) peak memory of a child process doing (a), (b) and (d) once (VmHWM);
(g) Delete on the whole Debit column in the journal page, and its undo; then Remove lines on all
100,000 lines, and its undo (bench/grid_delete.py).

Targets: (b) <= 0.25 s, (c) median <= 5 ms, (d) <= 0.5 s, (g) <= 0.5 s each. The others
are reported.
Timings are medians of 5 runs unless said otherwise.

Run alone: `python -m bench.bench_grid [--runs N] [--edits N] [--profile]`, only (g) with
`--only delete-column`; or every benchmark with `python -m bench`.
"""

from __future__ import annotations

import argparse
import cProfile
import gc
import io
import json
import os
import platform
import pstats
import random
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from pathlib import Path

from bench.generate import WorkbookSpec, workbook_from_child
from bench.grid_delete import DeleteColumnResult, measure_delete_column
from bench.grid_setup import VIEW_SIZE, make_chart, prepare, qt_app, quiet_offscreen_warnings
from bench.peak_memory import current_mb, own_peak_mb

NAME = "grid"
TITLE = "Journal grid: 100,000 lines in the Qt model and view (offscreen)"
TARGET_LOAD_PAINT_SECONDS = 0.25
TARGET_EDIT_MS = 5.0
TARGET_EXPORT_SECONDS = 0.5
BENCH_ROOT = Path(__file__).resolve().parent.parent
WHAT_IS_MEASURED = """\
The workbook is `bench/generate.py`'s (25,000 balanced entries of four lines, 100,000 rows).
The chart is the Accurate sandbox's (`app.sandbox.ACCURATE_CHART`, parent and suspended
accounts included, made into `Account`s as the Accurate client does) plus the generator's
account codes, so the import has no problems. Qt runs with `QT_QPA_PLATFORM=offscreen`.
(a) is what the journal page's import worker runs: `read_workbook(path, chart=chart)` then
`table_from_import(result, chart)`. (b) is the GUI thread's share: `EntriesModel.load(table)`
on the empty model of a 1280x720 `QTableView` set up like the page's grid (column widths,
24 px rows, worksheet row numbers in the vertical header), pending events processed, then
`grab()`, which lays the view out and paints it once (the view is not shown, so the event
loop does not paint it a second time). (c) types an amount into a debit cell with `setData`
(Indonesian style, e.g. 1.250.000,00), which re-checks that entry and signals the view; half
the edits unbalance an entry, the other half put the old amount back, and the problem count
is checked after each. "In the whole journal page" repeats (b) and (c) on a `JournalPage`,
whose status line, problem list and ready badge are refreshed on every change. (d) is
`EntriesModel.entries()`, the copies posting gets. (e) is `EntriesModel.set_chart` with a
newly built, equal chart (what the page does when the chart is reloaded): every entry checked
again and the view told to repaint. Peak memory is `VmHWM` of a fresh child process that
does (a), (b) and (d) once and keeps what the app keeps (the import result, the table, the
exported entries). (g) selects the Debit column of a shown `JournalPage` holding the table,
presses Delete (one undoable step) and processes the events, then undoes it the same way;
then selects everything and takes out all 100,000 lines with the Edit menu's Remove lines,
and undoes that."""


# --- results ----------------------------------------------------------------------------


@dataclass
class GridBenchResult:
    spec: WorkbookSpec
    runs: int
    chart_size: int
    read_seconds: list[float]
    table_seconds: list[float]
    load_seconds: list[float]
    load_parts: dict[str, float]  # median seconds of each part of (b)
    scrolled_paint_seconds: list[float]
    page_load_seconds: list[float]
    page_edit_seconds: list[float]
    edit_seconds: list[float]
    located_seconds: list[float]
    export_seconds: list[float]
    set_chart_seconds: list[float]
    foreign_chart_seconds: list[float]
    foreign_chart_problems: int
    memory: dict[str, object]
    entries: int
    lines: int
    problems: int
    exported_lines: int
    edits_correct: bool
    notes: list[str] = field(default_factory=list)
    delete_column: DeleteColumnResult | None = None

    @property
    def prepare_seconds(self) -> list[float]:
        return [r + t for r, t in zip(self.read_seconds, self.table_seconds, strict=True)]

    @property
    def edit_median_ms(self) -> float:
        return statistics.median(self.edit_seconds) * 1000

    @property
    def correct(self) -> bool:
        return (
            self.entries == self.spec.entries
            and self.lines == self.spec.lines == self.exported_lines
            and self.problems == 0
            and self.edits_correct
        )

    @property
    def load_ok(self) -> bool:
        return statistics.median(self.load_seconds) <= TARGET_LOAD_PAINT_SECONDS

    @property
    def edit_ok(self) -> bool:
        return self.edit_median_ms <= TARGET_EDIT_MS

    @property
    def export_ok(self) -> bool:
        return statistics.median(self.export_seconds) <= TARGET_EXPORT_SECONDS

    @property
    def passed(self) -> bool:
        return self.correct and self.load_ok and self.edit_ok and self.export_ok

    def _rows(self) -> list[tuple[str, str, str, str]]:
        runs, edits = self.runs, len(self.edit_seconds)
        mem = self.memory
        marks: dict[str, float] = mem["marks"]  # type: ignore[assignment]
        parts = ", ".join(f"{name} {seconds * 1000:.0f} ms"
                          for name, seconds in self.load_parts.items())  # fmt: skip
        return [
            ("(a) worker: prepare", f"`read_workbook`, median of {runs}",
             _median_s(self.read_seconds), ""),
            ("", f"`table_from_import`, median of {runs}", _median_s(self.table_seconds), ""),
            ("", "both", _median_s(self.prepare_seconds), ""),
            ("(b) GUI: load + first paint", f"`load` + events + `grab()`, median of {runs}",
             _median_s(self.load_seconds, bold=True), f"<= {TARGET_LOAD_PAINT_SECONDS} s"),
            ("", "parts (medians)", parts, ""),
            ("", f"paint after scrolling to the last row, median of {runs}",
             _median_s(self.scrolled_paint_seconds), ""),
            ("", f"the same in the whole journal page (status refresh), median of {runs}",
             _median_s(self.page_load_seconds), ""),
            ("(c) edit one amount", f"`setData` + re-check, median of {edits:,}",
             f"**{self.edit_median_ms:.2f} ms**", f"<= {TARGET_EDIT_MS:.0f} ms"),
            ("", "95th percentile; slowest",
             f"{_percentile(self.edit_seconds, 95) * 1000:.2f} ms; "
             f"{max(self.edit_seconds) * 1000:.2f} ms", ""),
            ("", f"the same in the whole journal page (status refresh), median of "
             f"{len(self.page_edit_seconds):,}",
             f"{statistics.median(self.page_edit_seconds) * 1000:.2f} ms", ""),
            ("", f"`located_problems()` alone (the page calls it on every change), median of "
             f"{len(self.located_seconds)}",
             f"{statistics.median(self.located_seconds) * 1000:.2f} ms", ""),
            ("(d) export for posting", f"`entries()`, median of {runs}",
             _median_s(self.export_seconds, bold=True), f"<= {TARGET_EXPORT_SECONDS} s"),
            ("(e) chart reloaded", f"`set_chart` (equal chart), median of {runs}",
             _median_s(self.set_chart_seconds), ""),
            ("", f"`set_chart` (sandbox chart alone: {self.foreign_chart_problems:,} "
             f"problems), median of {len(self.foreign_chart_seconds)}",
             _median_s(self.foreign_chart_seconds), ""),
            *(self.delete_column.rows() if self.delete_column is not None else ()),
            ("(f) memory, child process", "peak (VmHWM)", f"**{mem['peak_mb']:.0f} MB**", ""),
            ("", "interpreter + Qt + imports, QApplication",
             f"{mem['baseline_mb']:.0f} MB", ""),
            *(("", f"peak after: {step}", f"{mb:.0f} MB", "") for step, mb in marks.items()),
            ("chart", "accounts (sandbox chart + the workbook's codes)",
             f"{self.chart_size}", ""),
            ("result", "entries, lines, problems; lines exported; edits checked",
             f"{self.entries:,}, {self.lines:,}, {self.problems}; {self.exported_lines:,}; "
             f"{'yes' if self.edits_correct else 'NO'}", "all, 0, all, yes"),
        ]  # fmt: skip

    def report_lines(self) -> list[str]:
        rows = [("step", "measure", "result", "target"), *self._rows()]
        rows = [tuple(text.replace("**", "").replace("`", "") for text in row) for row in rows]
        widths = [max(len(row[i]) for row in rows) for i in range(4)]
        lines = ["  ".join(text.ljust(width) for text, width in zip(row, widths, strict=True))
                 for row in rows]  # fmt: skip
        lines.insert(1, "  ".join("-" * width for width in widths))
        lines.append(
            f"targets: (b) {_verdict(self.load_ok)}, (c) {_verdict(self.edit_ok)}, "
            f"(d) {_verdict(self.export_ok)}; result {_verdict(self.correct)}"
        )
        return [*lines, f"runs (s): {self._runs_text()}", *self.notes]

    def _runs_text(self) -> str:
        named = {
            "read_workbook": self.read_seconds,
            "table_from_import": self.table_seconds,
            "load+paint": self.load_seconds,
            "entries()": self.export_seconds,
            "set_chart": self.set_chart_seconds,
        }
        return "; ".join(f"{name} {_seconds(values)}" for name, values in named.items())

    def markdown(self) -> str:
        table = "\n".join(f"| {step} | {measure} | {result} | {target} |"
                          for step, measure, result, target in self._rows())  # fmt: skip
        verdicts = f"(b) {_met(self.load_ok)}, (c) {_met(self.edit_ok)}, (d) {_met(self.export_ok)}"
        notes = "".join(f"\n{note}\n" for note in [f"Runs (s): {self._runs_text()}.", *self.notes])
        return (
            f"{WHAT_IS_MEASURED}\n\n"
            f"Targets: (b) load + first paint at most {TARGET_LOAD_PAINT_SECONDS} s, (c) edit "
            f"median at most {TARGET_EDIT_MS:.0f} ms, (d) export at most "
            f"{TARGET_EXPORT_SECONDS} s: {verdicts}.\n\n"
            f"| step | measure | result | target |\n|---|---|---|---|\n{table}\n{notes}"
        )


def _median_s(values: list[float], bold: bool = False) -> str:
    median = statistics.median(values)
    text = f"{median:.3f} s" if median < 1 else f"{median:.2f} s"
    return f"**{text}**" if bold else text


def _percentile(values: list[float], percent: int) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, len(ordered) * percent // 100)]


def _seconds(values: list[float]) -> str:
    return ", ".join(f"{value:.3f}" for value in values)


def _verdict(ok: bool) -> str:
    return "OK" if ok else "NOT MET"


def _met(ok: bool) -> str:
    return "met" if ok else "**not met**"


# --- the pieces -----------------------------------------------------------------------------


def make_view(chart):
    """An empty model in a QTableView set up like the journal page's grid.

    The view is not shown: on a shown one, the event loop would paint it as well as
    `grab()`. `grab()` lays it out (scroll bars, header sections) and paints it once.
    """
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QAbstractItemView, QTableView

    from app.ui.journal.grid.model import EntriesModel
    from app.ui.journal.page import _COLUMN_WIDTHS

    model = EntriesModel(chart=chart)
    view = QTableView()
    view.setModel(model)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
    view.setWordWrap(False)
    view.setCornerButtonEnabled(False)
    view.verticalHeader().setDefaultSectionSize(24)
    view.verticalHeader().setMinimumWidth(36)
    view.verticalHeader().setDefaultAlignment(
        Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
    )
    view.horizontalHeader().setStretchLastSection(True)
    view.horizontalHeader().setHighlightSections(False)
    for column, width in _COLUMN_WIDTHS.items():
        view.setColumnWidth(column, width)
    view.resize(*VIEW_SIZE)
    view.grab()  # the empty grid has been painted before the import arrives
    qt_app().processEvents()
    return model, view


def load_and_paint(model, view, table) -> dict[str, float]:
    """(b): the GUI thread's work to show a prepared table; seconds of each part."""
    app = qt_app()
    started = time.perf_counter()
    model.load(table)
    loaded = time.perf_counter()
    app.processEvents()  # what the model's signals queued
    handled = time.perf_counter()
    view.grab()
    painted = time.perf_counter()
    return {"`load` (model reset)": loaded - started, "events": handled - loaded,
            "layout + paint (`grab()`)": painted - handled}  # fmt: skip


def measure_load(table, chart, runs: int) -> tuple[list[float], dict[str, float], list[float]]:
    """(b) on a fresh grid each run, and a repaint after scrolling to the bottom."""
    totals, parts, scrolled = [], [], []
    for _ in range(runs):
        model, view = make_view(chart)
        gc.collect()
        part = load_and_paint(model, view, table)
        totals.append(sum(part.values()))
        parts.append(part)
        view.scrollToBottom()
        qt_app().processEvents()
        started = time.perf_counter()
        view.grab()
        scrolled.append(time.perf_counter() - started)
        view.deleteLater()
        qt_app().processEvents()
    medians = {name: statistics.median(p[name] for p in parts) for name in parts[0]}
    return totals, medians, scrolled


def measure_edits(model, edits: int, seed: int = 2026) -> tuple[list[float], list[float], bool]:
    """(c): type new debit amounts into entries across the grid, then the old ones back.

    Returns the seconds of every setData, of located_problems() after some of them (what
    the page refreshes on every change), and whether the problem count followed the edits.
    """
    from app.core.books.number_style import format_amount
    from app.ui.journal.grid.model import Column

    table = model.table
    rng = random.Random(seed)
    chosen = rng.sample(range(len(table.entries)), edits // 2)
    seconds: list[float] = []
    located: list[float] = []
    correct = model.problem_count == 0
    for ordinal in chosen:
        entry = table.entries[ordinal]
        row = table.position(entry)[1]  # the first line: a debit in this workbook
        index = model.index(row, Column.DEBIT)
        old = entry.lines[0].debit
        for amount, problems in ((old + Decimal("1000"), 1), (old, 0)):
            text = format_amount(amount)
            started = time.perf_counter()
            accepted = model.setData(index, text)
            seconds.append(time.perf_counter() - started)
            correct &= accepted and model.problem_count == problems
            if problems and len(located) < 50:
                started = time.perf_counter()
                model.located_problems()
                located.append(time.perf_counter() - started)
    return seconds, located, correct


def measure_page(table, chart, runs: int, edits: int) -> tuple[list[float], list[float]]:
    """(b) and (c) in the whole journal page: its status line, problem list and ready badge
    are refreshed on every change (`status_changed`), so they are part of what a user waits
    for. Returns the seconds of each load + paint and of each edit."""
    from concurrent.futures import ThreadPoolExecutor

    from app.ui.journal.page import JournalPage

    app = qt_app()
    quiet_offscreen_warnings()
    with ThreadPoolExecutor(max_workers=1) as executor:
        loads = []
        for _ in range(runs):
            page = JournalPage(executor, lambda: chart)
            page.resize(VIEW_SIZE[0], VIEW_SIZE[1] + 200)
            page.grab()
            app.processEvents()
            gc.collect()
            started = time.perf_counter()
            page.model.load(table)
            app.processEvents()
            page.grab()
            loads.append(time.perf_counter() - started)
            last = runs - len(loads)
            if last:
                page.shutdown()
                page.deleteLater()
                app.processEvents()
        edit_seconds, _, _ = measure_edits(page.model, edits, seed=11)
        page.shutdown()
        page.deleteLater()
        app.processEvents()
    return loads, edit_seconds


def timed_runs(task: Callable[[], object], runs: int) -> list[float]:
    times = []
    for _ in range(runs):
        gc.collect()
        started = time.perf_counter()
        task()
        times.append(time.perf_counter() - started)
    return times


# --- memory child ---------------------------------------------------------------------------


def _child(path: Path) -> None:
    qt_app()
    import app.ui.journal.page  # noqa: F401  (with the reader, the model and Qt widgets)

    marks: dict[str, float] = {}
    baseline = own_peak_mb()
    from app.core.excel.reader import read_workbook
    from app.ui.journal.grid.model import table_from_import

    chart = make_chart()
    result = read_workbook(path, chart=chart)
    marks["(a) workbook read"] = own_peak_mb()
    table = table_from_import(result, chart)
    marks["(a) table prepared"] = own_peak_mb()
    model, view = make_view(chart)
    load_and_paint(model, view, table)
    marks["(b) loaded and painted"] = own_peak_mb()
    exported = model.entries()
    marks["(d) entries exported"] = own_peak_mb()
    resident_mb = current_mb()
    peak = own_peak_mb()
    print(
        json.dumps(
            {
                "peak_mb": peak,
                "baseline_mb": baseline,
                "marks": marks,
                "current_mb": resident_mb,
                "kept": [len(result.entries), len(table.lines), len(exported)],
            }
        )
    )


def measure_memory(path: Path) -> dict[str, object]:
    completed = subprocess.run(
        [sys.executable, "-m", "bench.bench_grid", "--child", str(path)],
        capture_output=True,
        text=True,
        check=False,
        cwd=BENCH_ROOT,
    )
    if completed.returncode != 0:
        raise RuntimeError(f"memory child failed:\n{completed.stderr[-3000:]}")
    return json.loads(completed.stdout.strip().splitlines()[-1])


# --- entry points ----------------------------------------------------------------------------


def measure_prepare(path: Path, chart, runs: int):
    """(a) `runs` times after one warm-up; returns the last (result, table) and the times."""
    read_seconds: list[float] = []
    table_seconds: list[float] = []
    result = table = None
    for attempt in range(runs + 1):
        result = table = None  # only one import alive at a time, as in the app
        gc.collect()
        result, table, read_s, table_s = prepare(path, chart)
        if attempt:  # the first run warms imports and caches
            read_seconds.append(read_s)
            table_seconds.append(table_s)
    return result, table, read_seconds, table_seconds


def measure_set_chart(model, chart, runs: int) -> tuple[list[float], list[float], int]:
    """(e) with equal, newly built charts; then with the sandbox chart alone (every line's
    account unknown), each time followed by the right chart again."""
    charts = iter([make_chart() for _ in range(runs)])
    equal = timed_runs(lambda: model.set_chart(next(charts)), runs)
    foreign = make_chart(with_generator_accounts=False)
    foreign_seconds, foreign_problems = [], 0
    for _ in range(max(1, runs // 2)):
        foreign_seconds += timed_runs(lambda: model.set_chart(foreign), 1)
        foreign_problems = model.problem_count
        model.set_chart(chart)
    return equal, foreign_seconds, foreign_problems


def run(runs: int = 5, edits: int = 1_000, profile: bool = False) -> GridBenchResult:
    load = ", ".join(f"{value:.2f}" for value in os.getloadavg())
    spec = WorkbookSpec()
    path = workbook_from_child(spec)
    launcher_mb = own_peak_mb()
    memory = measure_memory(path)  # first, while this launcher is small
    qt_app()
    chart = make_chart()
    result, table, read_seconds, table_seconds = measure_prepare(path, chart, runs)
    load_seconds, load_parts, scrolled = measure_load(table, chart, runs)
    model, view = make_view(chart)
    load_and_paint(model, view, table)
    entries, lines, problems = model.entry_count, model.line_count, model.problem_count
    edit_seconds, located_seconds, edits_correct = measure_edits(model, edits)
    export_seconds = timed_runs(model.entries, runs)
    exported_lines = sum(len(entry.lines) for entry in model.entries())
    set_chart_seconds, foreign_seconds, foreign_problems = measure_set_chart(model, chart, runs)
    page_load_seconds, page_edit_seconds = measure_page(table, chart, runs, max(2, edits // 5))
    delete_column = measure_delete_column(table, chart, max(2, runs // 2))
    outcome = GridBenchResult(
        spec=spec,
        runs=runs,
        chart_size=len(chart),
        read_seconds=read_seconds,
        table_seconds=table_seconds,
        load_seconds=load_seconds,
        load_parts=load_parts,
        scrolled_paint_seconds=scrolled,
        page_load_seconds=page_load_seconds,
        page_edit_seconds=page_edit_seconds,
        edit_seconds=edit_seconds,
        located_seconds=located_seconds,
        export_seconds=export_seconds,
        set_chart_seconds=set_chart_seconds,
        foreign_chart_seconds=foreign_seconds,
        foreign_chart_problems=foreign_problems,
        memory=memory,
        entries=entries,
        lines=lines,
        problems=problems,
        exported_lines=exported_lines,
        edits_correct=edits_correct,
        delete_column=delete_column,
        notes=[
            f"Measured {date.today().isoformat()} with Python {platform.python_version()}, "
            f"PySide6 {_pyside_version()}; load average when this benchmark started: {load} "
            "(the machine is shared).",
            f"The memory child was started from a launcher whose peak so far was "
            f"{launcher_mb:.0f} MB; its resident set at the end was "
            f"{memory['current_mb']:.0f} MB.",
        ],
    )
    outcome.notes += _findings(outcome)
    if profile or not outcome.passed:
        print(profile_steps(model, view, table))
    view.close()
    del result
    return outcome


def _findings(outcome: GridBenchResult) -> list[str]:
    """Where the time goes beyond the targets, when the numbers show it."""
    found = []
    page_ms = statistics.median(outcome.page_edit_seconds) * 1000
    located_ms = statistics.median(outcome.located_seconds) * 1000
    if located_ms > page_ms / 2:
        found.append(
            f"In the whole page an edit takes {page_ms:.1f} ms, not {outcome.edit_median_ms:.2f}"
            f" ms: on every `status_changed` the page refreshes its problem list with "
            f"`located_problems()` ({located_ms:.1f} ms), which looks at each of the "
            f"{outcome.entries:,} entries to find the ones with problems."
        )
    return found


def profile_steps(model, view, table, top: int = 20) -> str:
    """cProfile of (b), of 200 edits and of (d), each by cumulative and own time."""
    out = io.StringIO()
    steps: dict[str, Callable[[], object]] = {
        "(b) load + paint": lambda: load_and_paint(model, view, table),
        "(c) 200 edits": lambda: measure_edits(model, 200, seed=7),
        "(d) entries()": model.entries,
    }
    for name, step in steps.items():
        profiler = cProfile.Profile()
        profiler.enable()
        step()
        profiler.disable()
        out.write(f"\n=== profile: {name} ===\n")
        stats = pstats.Stats(profiler, stream=out).sort_stats("cumulative")
        stats.print_stats(top)
        out.write("--- by own time ---\n")
        stats.sort_stats("tottime").print_stats(top)
    return out.getvalue()


def _pyside_version() -> str:
    try:
        import PySide6

        return PySide6.__version__
    except (ImportError, AttributeError):
        return "unknown"


def main() -> int:
    parser = argparse.ArgumentParser(description=TITLE)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--edits", type=int, default=1_000, help="cell edits timed in (c)")
    parser.add_argument("--profile", action="store_true", help="print cProfiles of (b)-(d)")
    parser.add_argument(
        "--only",
        choices=["delete-column"],
        help="run one part alone: delete-column = (g), Delete on a whole column, Remove lines "
        "on all lines, and their undos",
    )
    parser.add_argument("--child", metavar="PATH", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        _child(Path(args.child))
        return 0
    if args.only == "delete-column":
        from bench.grid_delete import report_lines, run_delete_column

        alone = run_delete_column(max(1, args.runs))
        print("\n".join(report_lines(alone)))
        return 0 if alone.ok else 1
    result = run(args.runs, args.edits, args.profile)
    print("\n".join(result.report_lines()))
    return 0 if result.passed else 1


if __name__ == "__main__":
    sys.exit(main())
