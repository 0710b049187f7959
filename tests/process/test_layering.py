"""The layers of `app/` (docs/architecture.md): imports point down only, and nothing outside
`app/ui` loads Qt. Checked two ways: each package's modules imported in a fresh interpreter
(PySide6 must not be in `sys.modules` afterwards), and every import statement of every file
read with `ast` against the table below. A failure names the file, the line and the import."""

from __future__ import annotations

import ast
import json
import subprocess
import sys
from pathlib import Path
from typing import Final

import pytest

from tests.helpers.paths import ROOT

APP: Final = ROOT / "app"

BASE: Final = "app"  # app/__init__.py and app/version.py: anyone may read the version
QT_MODULES: Final = ("PySide6", "shiboken6")

# Which units each unit may import (besides itself and BASE). A unit is a package of app/
# or one of its top-level modules (app/logs.py, app/__main__.py).
_BELOW_USE_CASES: Final = frozenset({"core", "api", "profiles", "posting", "sandbox"})
MAY_IMPORT: Final[dict[str, frozenset[str]]] = {
    "core": frozenset(),
    "api": frozenset({"core"}),
    "profiles": frozenset({"core"}),  # the profile store and the keyring: data, no network
    "logs": frozenset({"core", "profiles"}),  # the log file lives in the app's home
    "drafts": frozenset({"core", "profiles"}),  # the grid's draft files in the app's home
    "sandbox": frozenset({"core", "api"}),
    "posting": frozenset({"core", "api", "profiles"}),
    "setup": _BELOW_USE_CASES,  # the demo company runs on the sandbox
    "firm": _BELOW_USE_CASES | {"setup"},  # many companies' postings: a use case of its own
    "selftest": _BELOW_USE_CASES | {"logs", "setup"},
    "cli": _BELOW_USE_CASES | {"logs", "setup", "selftest", "firm"},
    "ui": _BELOW_USE_CASES | {"logs", "setup", "firm", "drafts"},
    "__main__": frozenset({"cli"}),
}
# The command line is the process's entry point: with no command it starts the window, and
# `--qt-probe` is the Qt check's child. Only these, and only inside the function that runs them
# (importing app.cli loads no Qt: checked below).
ENTRY_IMPORTS: Final = {
    ("app.cli", "app.ui.shell.application"),
    ("app.cli", "app.ui.shell.qt_probe"),
}
QT_FREE_PACKAGES: Final = (
    "app.core",
    "app.api",
    "app.profiles",
    "app.drafts",
    "app.posting",
    "app.setup",
    "app.firm",
    "app.sandbox",
    "app.selftest",
    "app.cli",
    "app.logs",
)


def module_name(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def unit_of(module: str) -> str | None:
    """The unit an `app.` module belongs to; None for a module outside the app."""
    parts = module.split(".")
    if parts[0] != "app":
        return None
    if len(parts) == 1 or parts[1] == "version":
        return BASE
    return parts[1]


def imported_modules(text: str, relative: Path) -> list[tuple[int, str, bool]]:
    """Every module a file imports: its line, its name, and whether the import is at the
    file's top level (not inside a function)."""
    tree = ast.parse(text, str(relative))
    module = module_name(ROOT / relative)
    package = module if relative.name == "__init__.py" else module.rpartition(".")[0]
    top_level = {id(node) for node in tree.body}
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            names = [_absolute(node, package)]
            # `from app.setup import wizard` imports app.setup.wizard.flow: both are app.setup's.
        else:
            continue
        found.extend((node.lineno, name, id(node) in top_level) for name in names)
    return found


def _absolute(node: ast.ImportFrom, package: str) -> str:
    if not node.level:
        return node.module or ""
    parts = package.split(".")
    anchor = parts[: len(parts) - node.level + 1]
    return ".".join([*anchor, node.module] if node.module else anchor)


def file_violations(text: str, relative: Path) -> list[str]:
    """What is wrong with one file's imports (`relative` to the repository), one line each."""
    importer = module_name(ROOT / relative)
    unit = unit_of(importer)
    assert unit is not None
    problems = []
    for line, name, top_level in imported_modules(text, relative):
        where = f"{relative.as_posix()}:{line} imports {name}"
        if name.split(".")[0] in QT_MODULES and unit != "ui":
            problems.append(f"{where}: Qt belongs in app/ui only")
            continue
        target = unit_of(name)
        if target is None or target in (unit, BASE):
            continue
        if (importer, name) in ENTRY_IMPORTS and not top_level:
            continue
        allowed = MAY_IMPORT.get(unit)
        if allowed is None:
            problems.append(f"{where}: app/{unit} is in no layer (add it to MAY_IMPORT)")
        elif target not in allowed:
            may = ", ".join(sorted(allowed)) or "nothing else in app"
            problems.append(f"{where}: app/{unit} may import only {may}")
    return problems


def app_files() -> list[Path]:
    return sorted(APP.rglob("*.py"))


def test_no_lower_layer_imports_a_higher_one():
    problems = [
        problem
        for path in app_files()
        for problem in file_violations(path.read_text(encoding="utf-8"), path.relative_to(ROOT))
    ]
    assert not problems, "imports that point up or sideways:\n" + "\n".join(problems)


def test_every_package_of_app_has_a_layer():
    units = {unit_of(module_name(path)) for path in app_files()}
    assert units - {BASE} <= set(MAY_IMPORT), units - set(MAY_IMPORT)


@pytest.mark.parametrize(
    ("relative", "added", "expected"),
    [
        (
            "app/profiles/store.py",
            "from app.ui.common.tasks import TaskState",
            "imports app.ui.common.tasks: app/profiles may import only core",
        ),
        ("app/api/clock.py", "from ..profiles import store", "imports app.profiles: app/api may"),
        ("app/posting/engine.py", "import PySide6.QtCore", "Qt belongs in app/ui only"),
        (
            "app/ui/common/tasks.py",
            "from app.cli import main",
            "imports app.cli: app/ui may import",
        ),
        (
            "app/cli/__init__.py",
            "from app.ui.shell.application import run_gui",
            "app/cli may import",
        ),
    ],
)
def test_the_check_names_an_import_that_points_up(relative, added, expected):
    """The checker itself: an import added where it does not belong is reported with its
    file, its line and what it imports."""
    text = (ROOT / relative).read_text(encoding="utf-8") + f"\n{added}\n"
    problems = file_violations(text, Path(relative))
    assert len(problems) == 1, problems
    assert problems[0].startswith(f"{relative}:{text.count(chr(10))} ")
    assert expected in problems[0]


# Run in a fresh interpreter: import the package, then each of its modules in turn, and say
# which import first brought PySide6 in, with the app frames that led to it.
_PROBE: Final = r"""
import importlib, json, pkgutil, sys, traceback

class QtWatch:
    chain = None
    def find_spec(self, name, path=None, target=None):
        if QtWatch.chain is None and name.split(".")[0] in ("PySide6", "shiboken6"):
            QtWatch.chain = [
                f"{frame.filename.split('/app/', 1)[-1]}:{frame.lineno} {frame.line}"
                for frame in traceback.extract_stack()
                if "/app/" in frame.filename
            ]
        return None

sys.meta_path.insert(0, QtWatch())
package = importlib.import_module(sys.argv[1])
names = [sys.argv[1]]
if hasattr(package, "__path__"):
    names += [m.name for m in pkgutil.walk_packages(package.__path__, sys.argv[1] + ".")]
culprit = None
for name in names:
    importlib.import_module(name)
    if any(m.split(".")[0] in ("PySide6", "shiboken6") for m in sys.modules):
        culprit = name
        break
print(json.dumps({"modules": len(names), "culprit": culprit, "chain": QtWatch.chain}))
"""


@pytest.mark.parametrize("package", QT_FREE_PACKAGES)
def test_importing_a_package_outside_app_ui_loads_no_qt(package):
    answer = subprocess.run(
        [sys.executable, "-c", _PROBE, package],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert answer.returncode == 0, answer.stderr
    found = json.loads(answer.stdout.strip().splitlines()[-1])
    assert found["modules"] >= 1
    assert found["culprit"] is None, (
        f"importing {found['culprit']} loads PySide6, by way of:\n" + "\n".join(found["chain"])
    )


TESTS: Final = ROOT / "tests"


def test_the_tests_mirror_the_code():
    """tests/unit/<path> tests app/<path>, tests/gui/<path> tests app/ui/<path>
    (tests/unit/app holds the tests of app's own top-level modules; a `data` folder holds the
    files its tests read, with the script that made each)."""
    strays = []
    for kind, base in (("unit", APP), ("gui", APP / "ui")):
        for folder in sorted((TESTS / kind).rglob("*")):
            if not folder.is_dir() or folder.name in ("__pycache__", "data"):
                continue
            relative = folder.relative_to(TESTS / kind)
            if kind == "unit" and relative == Path("app"):
                continue
            if not (base / relative).is_dir():
                missing = base.relative_to(ROOT) / relative
                strays.append(f"tests/{kind}/{relative.as_posix()} has no {missing}")
    assert not strays, "\n".join(strays)


def test_no_test_module_imports_another():
    """What tests share lives in tests/helpers; a test module is never imported."""
    found = []
    for path in sorted(TESTS.rglob("*.py")):
        relative = path.relative_to(ROOT)
        for line, name, _top in imported_modules(path.read_text(encoding="utf-8"), relative):
            if name.rpartition(".")[2].startswith("test_"):
                found.append(f"{relative.as_posix()}:{line} imports {name}")
    assert not found, "\n".join(found)


# The window's features, bottom to top: each may import only features of a lower rank (and
# itself). `shell` composes the pages; `journal` launches the posting window and `history`
# shows posted batches with its rows; every feature builds on `common`.
UI_FEATURE_RANKS: Final[dict[str, int]] = {
    "common": 0,
    "company": 1,
    "wizard": 2,
    "posting": 2,
    "tools": 2,
    "firm": 2,
    "history": 3,
    "journal": 3,
    "shell": 4,
}


def ui_feature(module: str) -> str | None:
    parts = module.split(".")
    return parts[2] if len(parts) > 3 and parts[:2] == ["app", "ui"] else None


def test_every_feature_of_the_window_has_a_rank():
    features = {ui_feature(module_name(path)) for path in (APP / "ui").rglob("*.py")}
    assert features - {None} == set(UI_FEATURE_RANKS)


def test_the_windows_features_import_only_features_below_them():
    problems = []
    for path in sorted((APP / "ui").rglob("*.py")):
        relative = path.relative_to(ROOT)
        feature = ui_feature(module_name(path))
        if feature is None:
            continue
        for line, name, _top in imported_modules(path.read_text(encoding="utf-8"), relative):
            target = ui_feature(name)
            if target is None or target == feature:
                continue
            if UI_FEATURE_RANKS[target] >= UI_FEATURE_RANKS[feature]:
                problems.append(f"{relative.as_posix()}:{line} imports {name}")
    assert not problems, "app/ui features importing beside or above them:\n" + "\n".join(problems)


def _module_graph(roots: tuple[str, ...]) -> dict[str, set[str]]:
    """Which of the checkout's modules each module imports (at any depth of its code,
    `TYPE_CHECKING` blocks included; a module's own package left out)."""
    modules = {
        module_name(path): path for root in roots for path in sorted((ROOT / root).rglob("*.py"))
    }
    graph: dict[str, set[str]] = {name: set() for name in modules}
    for name, path in modules.items():
        relative = path.relative_to(ROOT)
        tree = ast.parse(path.read_text(encoding="utf-8"), str(relative))
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                targets = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
                targets = [node.module, *(f"{node.module}.{a.name}" for a in node.names)]
            else:
                continue
            graph[name] |= {
                target
                for target in targets
                if target in modules and target != name and not name.startswith(target + ".")
            }
    return graph


def _circles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The groups of modules that import each other, directly or round a circle (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    found: list[list[str]] = []

    def visit(module: str) -> None:
        index[module] = low[module] = len(index)
        stack.append(module)
        for target in graph[module]:
            if target not in index:
                visit(target)
                low[module] = min(low[module], low[target])
            elif target in stack:
                low[module] = min(low[module], index[target])
        if low[module] == index[module]:
            group = []
            while True:
                member = stack.pop()
                group.append(member)
                if member == module:
                    break
            if len(group) > 1:
                found.append(sorted(group))

    for module in graph:
        if module not in index:
            visit(module)
    return found


@pytest.mark.slow
def test_no_two_files_import_each_other():
    """No circle of imports among the app's and the benchmarks' files, not even for type
    hints: where two files need each other, a third holds what they share (or a Protocol)."""
    circles = _circles(_module_graph(("app", "bench")))
    assert not circles, "files that import each other:\n" + "\n".join(map(str, circles))
