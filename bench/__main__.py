"""Run every benchmark in bench/ and print the results: `python -m bench [--write] [NAME ...]`.

A benchmark is a module `bench/bench_<name>.py` exposing NAME, TITLE and `run()`, which
returns an object with `report_lines()`, `markdown()` and `passed`. With `--write`, each
benchmark's section of BENCHMARKS.md (between its markers) is replaced by the new results,
together with the machine description; other sections stay as they were.
A benchmark that raises is reported and skipped; the rest still run.
Exit status 0 when every benchmark met its targets, 1 otherwise.
"""

from __future__ import annotations

import argparse
import importlib
import os
import pkgutil
import platform
import re
import sys
import traceback
from datetime import date
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

BENCH_DIR = Path(__file__).resolve().parent
BENCHMARKS_MD = BENCH_DIR.parent / "BENCHMARKS.md"
_INTRO = """# Benchmarks

Measured with `python -m bench --write` (all benchmarks; `python -m bench NAME` runs one).
Workbooks are generated once into `bench/out/` (not committed) by `bench/generate.py`.
Timings are wall-clock on a shared machine; compare ratios rather than absolute seconds.
"""


def benchmark_modules(names: list[str] | None = None) -> list:
    found = sorted(
        info.name
        for info in pkgutil.iter_modules([str(BENCH_DIR)])
        if info.name.startswith("bench_")
    )
    modules = [importlib.import_module(f"bench.{name}") for name in found]
    if names:
        modules = [module for module in modules if module.NAME in names]
    return modules


def machine_description() -> str:
    return "\n".join(
        [
            f"- CPU: {_cpu_model()}, {_cores()}",
            f"- Python {platform.python_version()} on {platform.system()} "
            f"{platform.release()} ({platform.machine()})",
            f"- openpyxl {_version('openpyxl')}, python-calamine {_version('python-calamine')}",
            f"- date: {date.today().isoformat()}",
            f"- load average when started: {_load_average()} (the machine is shared)",
        ]
    )


def _cpu_model() -> str:
    try:
        text = Path("/proc/cpuinfo").read_text(encoding="utf-8", errors="replace")
    except OSError:
        return platform.processor() or "unknown"
    match = re.search(r"^model name\s*:\s*(.+)$", text, re.MULTILINE)
    return match.group(1).strip() if match else platform.processor() or "unknown"


def _cores() -> str:
    usable = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else None
    total = os.cpu_count()
    if usable is not None and usable != total:
        return f"{usable} of {total} cores usable"
    return f"{total} cores"


def _load_average() -> str:
    try:
        return ", ".join(f"{value:.2f}" for value in os.getloadavg())
    except OSError:
        return "unknown"


def _version(package: str) -> str:
    try:
        return version(package)
    except PackageNotFoundError:
        return "not installed"


def _section(name: str, title: str, body: str) -> str:
    return f"<!-- bench:{name} -->\n## {title}\n\n{body.strip()}\n<!-- /bench:{name} -->"


def write_markdown(sections: dict[str, str], machine_text: str) -> None:
    text = BENCHMARKS_MD.read_text(encoding="utf-8") if BENCHMARKS_MD.exists() else _INTRO
    machine = _section("machine", "Machine", machine_text)
    for name, section in {"machine": machine, **sections}.items():
        pattern = re.compile(
            rf"<!-- bench:{re.escape(name)} -->.*?<!-- /bench:{re.escape(name)} -->", re.DOTALL
        )
        if pattern.search(text):
            text = pattern.sub(lambda _, new=section: new, text)
        else:
            text = text.rstrip("\n") + "\n\n" + section + "\n"
    BENCHMARKS_MD.write_text(text, encoding="utf-8")


def main() -> int:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__.split("\n")[0])
    parser.add_argument("names", nargs="*", metavar="NAME", help="run only these benchmarks")
    parser.add_argument("--write", action="store_true", help="update BENCHMARKS.md")
    args = parser.parse_args()
    machine_text = machine_description()
    print(machine_text, end="\n\n", flush=True)
    all_passed = True
    sections = {}
    for module in benchmark_modules(args.names):
        print(f"== {module.TITLE}", flush=True)
        try:
            result = module.run()
        except Exception:  # one broken benchmark must not hide the others' results
            traceback.print_exc()
            print(f"benchmark {module.NAME} failed; its section is left as it was\n")
            all_passed = False
            continue
        print("\n".join(result.report_lines()), end="\n\n", flush=True)
        all_passed &= bool(result.passed)
        sections[module.NAME] = _section(module.NAME, module.TITLE, result.markdown())
    if args.write:
        write_markdown(sections, machine_text)
        print(f"updated {BENCHMARKS_MD.name}")
    return 0 if all_passed else 1


if __name__ == "__main__":
    sys.exit(main())
