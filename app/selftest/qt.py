"""Self-test: can Qt start here, with a platform plugin that loads?

Qt is never imported in this process: a Qt that cannot load its platform plugin aborts the
process it runs in. A child process (`jurnal-desk --qt-probe`, app/ui/shell/qt_probe.py) opens the
smallest window and says which platform it got; this module reads its answer.

The platform is the one the window would use: `QT_QPA_PLATFORM` when set, else Qt's own
choice. On Linux with no display at all (DISPLAY and WAYLAND_DISPLAY unset: an SSH session,
a server) the probe runs offscreen, and the xcb plugin's libraries are still checked with
`ldd`, so the missing package is named before anyone tries the window on a desktop.
"""

from __future__ import annotations

import importlib.util
import os
import signal
import subprocess
import sys
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Final

from app.core.i18n import Text, tr
from app.selftest.qt_libraries import missing_libraries, packages_for, xcb_plugin
from app.selftest.result import CheckResult, failed, passed

PROBE_FLAG: Final = "--qt-probe"
PLATFORM_ENV: Final = "QT_QPA_PLATFORM"
PROBE_TIMEOUT_SECONDS: Final = 90.0
_SAID_LIMIT: Final = 300

NAME = tr("Qt dapat berjalan")
Runner = Callable[..., subprocess.CompletedProcess[str]]


def probe_command() -> list[str]:
    """How to start this same Jurnal Desk as the Qt probe: `python -m app --qt-probe`, or the
    standalone executable itself (a Nuitka build has no `-m`)."""
    compiled = globals().get("__compiled__")  # set by Nuitka in every module it compiles
    if compiled is None:
        return [sys.executable, "-m", "app", PROBE_FLAG]
    # A Nuitka build's sys.executable names an interpreter that is not there. The single-file
    # build runs from a temporary copy: start the file the user started, as they named it.
    binary = getattr(compiled, "original_argv0", None) or sys.argv[0]
    return [binary, PROBE_FLAG]


def check_qt(
    environ: Mapping[str, str] | None = None,
    *,
    run: Runner = subprocess.run,
    ldd: str | None = None,
    pyside_folder: Path | None = None,
) -> CheckResult:
    env = dict(os.environ if environ is None else environ)
    chosen = env.get(PLATFORM_ENV, "").strip()
    headless = not chosen and sys.platform.startswith("linux") and not _has_display(env)
    if headless:
        env[PLATFORM_ENV] = "offscreen"
    missing = _missing_xcb_libraries(chosen, ldd, pyside_folder)
    if missing:
        return _missing_result(missing)
    try:
        done = run(
            probe_command(),
            env=env,
            capture_output=True,
            text=True,
            timeout=PROBE_TIMEOUT_SECONDS,
            check=False,
        )
    except subprocess.TimeoutExpired:
        detail = tr(
            "Qt tidak selesai mulai dalam {s:.0f} detik",
            s=PROBE_TIMEOUT_SECONDS,
        )
        return failed(NAME, detail.get(), _platform_remedy())
    if done.returncode != 0 or "platform=" not in done.stdout:
        return failed(NAME, _failure_detail(done, env.get(PLATFORM_ENV, "")), _platform_remedy())
    return passed(NAME, _success_detail(done.stdout, headless).get())


def _has_display(env: Mapping[str, str]) -> bool:
    return bool(env.get("DISPLAY", "").strip() or env.get("WAYLAND_DISPLAY", "").strip())


def _missing_xcb_libraries(chosen: str, ldd: str | None, pyside_folder: Path | None) -> list[str]:
    # Only where the window would use xcb: an explicit other platform (offscreen for tests,
    # wayland) does not need these libraries.
    if not sys.platform.startswith("linux") or chosen not in ("", "xcb"):
        return []
    folder = pyside_folder or _pyside_folder()
    if folder is None:
        return []
    return missing_libraries(xcb_plugin(folder), ldd=ldd) or []


def _pyside_folder() -> Path | None:
    # find_spec on a top-level package locates it without importing it (no Qt loaded here).
    spec = importlib.util.find_spec("PySide6")
    if spec is None or not spec.submodule_search_locations:
        return None
    return Path(next(iter(spec.submodule_search_locations)))


def _missing_result(missing: list[str]) -> CheckResult:
    packages, unknown = packages_for(missing)
    detail = tr(
        "plugin xcb Qt tidak bisa dimuat, pustaka sistem tidak ada: {names}",
        names=", ".join(missing),
    )
    if packages:
        remedy = tr(
            "Pasang paketnya (Debian/Ubuntu): {sudo}apt-get install {packages}, atau jalankan "
            "perintah pemasangan pertama di README.",
            sudo="" if _is_root() else "sudo ",
            packages=" ".join(packages),
        )
    else:
        remedy = tr(
            "Pasang paket sistem yang menyediakan {names} (lihat README).",
            names=", ".join(unknown),
        )
    return failed(NAME, detail.get(), remedy)


def _is_root() -> bool:
    return hasattr(os, "geteuid") and os.geteuid() == 0


def _failure_detail(done: subprocess.CompletedProcess[str], platform: str) -> str:
    said = _what_qt_said(done.stderr) or done.stdout.strip()[-_SAID_LIMIT:]
    how = _exit_text(done.returncode)
    return tr(
        "Qt gagal mulai dengan platform {platform} ({how}): {said}",
        platform=platform or tr("bawaan").get(),
        how=how,
        said=said or "-",
    ).get()


def _what_qt_said(stderr: str) -> str:
    lines = [line.strip() for line in stderr.splitlines() if line.strip()]
    telling = [line for line in lines if "plugin" in line.lower() or "display" in line.lower()]
    text = " / ".join(telling or lines[-2:])
    return text if len(text) <= _SAID_LIMIT else text[: _SAID_LIMIT - 1] + "…"


def _exit_text(code: int) -> str:
    if code < 0:
        try:
            return signal.Signals(-code).name
        except ValueError:
            return f"signal {-code}"
    return f"exit {code}"


def _success_detail(stdout: str, headless: bool) -> Text:
    fields = dict(part.split("=", 1) for part in stdout.split() if "=" in part)
    detail = tr(
        "Qt {qt}, platform {platform}",
        qt=fields.get("qt", "?"),
        platform=fields.get("platform", "?"),
    )
    if headless:
        detail += tr("(tidak ada layar: DISPLAY kosong; jendela perlu sesi desktop)")
    return detail


def _platform_remedy() -> Text:
    return tr(
        "Jalankan dari sesi desktop (DISPLAY atau WAYLAND_DISPLAY terisi); di Debian/Ubuntu "
        "pasang pustaka sistem dengan perintah pemasangan pertama di README; periksa "
        "QT_QPA_PLATFORM (kosongkan, atau xcb/wayland; offscreen hanya untuk uji tanpa layar)."
    )
