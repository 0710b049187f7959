"""The README's two set-up commands work as written, and their system packages cannot drift.

A new user pastes the README's commands into a fresh Debian/Ubuntu: as root in a container
(no sudo there) or as a user with sudo. The apt packages must be every system library Qt's
xcb window loads; those are read here off the installed PySide6's ELF files (their NEEDED
entries, what `ldd` resolves), mapped to packages by app/selftest/qt_libraries.py, and
compared with the README and .ci/run.
"""

from __future__ import annotations

import os
import re
import shlex
import shutil
import struct
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

from app.selftest.qt_libraries import BASE_SYSTEM_LIBRARIES, QT_PACKAGES, QT_SYSTEM_LIBRARIES
from tests.helpers.paths import ROOT

README = ROOT / "README.md"
CI_RUN = ROOT / ".ci" / "run"
SUDO = "$(command -v sudo)"
PYSIDE = Path(__import__("PySide6").__file__).resolve().parent
QT = PYSIDE / "Qt"
# What loads when the window opens on X11 (and offscreen, for the tests).
WINDOW_LIBRARIES = (
    "plugins/platforms/libqxcb.so",
    "plugins/platforms/libqoffscreen.so",
    "plugins/xcbglintegrations/libqxcb-egl-integration.so",
    "plugins/xcbglintegrations/libqxcb-glx-integration.so",
    "lib/libQt6XcbQpa.so.6",
    "lib/libQt6Gui.so.6",
    "lib/libQt6Core.so.6",
    "lib/libQt6Widgets.so.6",
    "lib/libQt6DBus.so.6",
    "lib/libQt6OpenGL.so.6",
)


def readme_commands() -> list[str]:
    """The bash blocks of the README's set-up section (above "## The window")."""
    setup = README.read_text(encoding="utf-8").split("## The window", 1)[0]
    return [block.strip() for block in re.findall(r"```bash\n(.*?)```", setup, re.DOTALL)]


def apt_packages(command: str) -> list[str]:
    match = re.search(r"apt-get install -y ((?:[a-z0-9][a-z0-9.+-]* ?)+?) &&", command)
    assert match, f"no `apt-get install -y ... &&` in: {command}"
    return match.group(1).split()


def ci_packages() -> list[str]:
    match = re.search(r"^system_packages=\((.*?)\)", CI_RUN.read_text(), re.DOTALL | re.MULTILINE)
    assert match, ".ci/run has no system_packages=( ... ) list"
    return match.group(1).split()


def needed_libraries(path: Path) -> list[str]:
    """The DT_NEEDED sonames of a 64-bit little-endian ELF file (what the loader must find)."""
    data = path.read_bytes()
    assert data[:4] == b"\x7fELF" and data[4] == 2 and data[5] == 1, f"not ELF64 LE: {path}"
    (section_offset,) = struct.unpack_from("<Q", data, 0x28)
    entry_size, count = struct.unpack_from("<HH", data, 0x3A)
    sections = [
        struct.unpack_from("<IIQQQQIIQQ", data, section_offset + number * entry_size)
        for number in range(count)
    ]
    dynamic = next(section for section in sections if section[1] == 6)  # SHT_DYNAMIC
    strings = sections[dynamic[6]]  # sh_link: its string table
    names = []
    for offset in range(dynamic[4], dynamic[4] + dynamic[5], 16):
        tag, value = struct.unpack_from("<qQ", data, offset)
        if tag == 0:
            break
        if tag == 1:  # DT_NEEDED
            start = strings[4] + value
            names.append(data[start : data.index(b"\0", start)].decode())
    return names


def test_both_commands_are_the_documented_pair():
    install, test = readme_commands()
    assert install.endswith("&& .venv/bin/pip install -e . && .venv/bin/jurnal-desk")
    assert test.endswith(
        "&& .venv/bin/pip install -e '.[test]' && QT_QPA_PLATFORM=offscreen "
        ".venv/bin/python -m pytest -n auto"
    )
    for command in (install, test):
        assert "\n" not in command  # one line to paste
        assert command.startswith(f"{SUDO} apt-get update && {SUDO} apt-get install -y ")


@pytest.mark.parametrize("which", [0, 1], ids=["install", "test"])
def test_apt_runs_through_sudo_only_where_there_is_one(which):
    # The rule: never a bare `sudo` (a root shell or a container has none), and apt-get
    # always behind `$(command -v sudo)`, which is empty when sudo is missing.
    command = readme_commands()[which]
    words = shlex.split(command.replace(SUDO, "SUDO"), posix=True)
    assert "sudo" not in words
    for number, word in enumerate(words):
        if word == "apt-get":
            assert words[number - 1] == "SUDO", command


def test_both_commands_install_the_libraries_qt_loads_and_python3_venv():
    install, test = readme_commands()
    expected = sorted(["python3-venv", *QT_PACKAGES])
    assert sorted(apt_packages(install)) == expected
    assert sorted(apt_packages(test)) == expected


def test_ci_runs_the_readme_test_command_on_parallel_workers():
    """CI and the README run the suite the same way: on parallel workers (pytest-xdist,
    which the test extra installs; how many: tests/conftest.py)."""
    readme_run = readme_commands()[1].rsplit("&& ", 1)[1].replace(".venv/bin/", "")
    assert "-n auto" in readme_run
    assert readme_run in CI_RUN.read_text().splitlines()
    extras = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    assert any(need.startswith("pytest-xdist") for need in extras["optional-dependencies"]["test"])


def test_ci_installs_what_the_readme_test_command_installs():
    assert set(apt_packages(readme_commands()[1])) <= set(ci_packages())
    assert sorted(ci_packages()) == sorted(["python3-venv", *QT_PACKAGES])


@pytest.mark.skipif(not (QT / "plugins/platforms/libqxcb.so").is_file(), reason="no xcb plugin")
def test_the_package_table_covers_every_library_the_window_loads():
    bundled = {path.name for path in (QT / "lib").iterdir()}
    needed: dict[str, set[str]] = {}
    for relative in WINDOW_LIBRARIES:
        for name in needed_libraries(QT / relative):
            needed.setdefault(name, set()).add(relative)
    from_system = {name for name in needed if name not in bundled} - BASE_SYSTEM_LIBRARIES
    unknown = sorted(from_system - QT_SYSTEM_LIBRARIES.keys())
    assert not unknown, (
        f"Qt now needs {unknown} ({[sorted(needed[n]) for n in unknown]}): add each with its "
        "Debian package to app/selftest/qt_libraries.py, the README and .ci/run"
    )
    assert sorted(QT_SYSTEM_LIBRARIES.keys() - from_system) == [], "entries nothing needs"
    # The libraries the issue found missing on a clean Debian are among them.
    assert {"libxcb-icccm.so.4", "libxcb-keysyms.so.1"} <= from_system


def _fake_bin(folder: Path, *, with_sudo: bool) -> Path:
    folder.mkdir()
    log = folder / "calls.log"
    (folder / "apt-get").write_text(f'#!/bin/sh\necho "apt-get $*" >> "{log}"\n')
    if with_sudo:
        (folder / "sudo").write_text(f'#!/bin/sh\necho "sudo" >> "{log}"\nexec "$@"\n')
    for program in folder.iterdir():
        program.chmod(0o755)
    return log


@pytest.mark.parametrize("with_sudo", [False, True], ids=["root-no-sudo", "user-with-sudo"])
def test_the_apt_part_runs_pasted_as_written(tmp_path, with_sudo):
    """Run the README's apt part in bash with a stand-in apt-get (and sudo): the same text
    works where sudo is missing and goes through sudo where it exists."""
    log = _fake_bin(tmp_path / "bin", with_sudo=with_sudo)
    apt_part = readme_commands()[0].split(" && python3 -m venv", 1)[0]
    done = subprocess.run(
        ["/bin/bash", "-c", apt_part],
        env={"PATH": str(tmp_path / "bin"), "HOME": str(tmp_path)},
        capture_output=True,
        text=True,
        timeout=30,
    )
    assert done.returncode == 0, done.stderr
    calls = log.read_text().splitlines()
    install = f"apt-get install -y {' '.join(apt_packages(apt_part + ' &&'))}"
    if with_sudo:
        assert calls == ["sudo", "apt-get update", "sudo", install]
    else:
        assert calls == ["apt-get update", install]


@pytest.fixture
def x_server():
    """A real X server (Xvfb) on a free display, when the machine has one."""
    xvfb = shutil.which("Xvfb")
    if xvfb is None:
        pytest.skip("Xvfb is not installed (.ci/run installs it)")
    read_end, write_end = os.pipe()
    server = subprocess.Popen(
        [xvfb, "-displayfd", str(write_end), "-screen", "0", "1024x768x24", "-nolisten", "tcp"],
        pass_fds=(write_end,),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    os.close(write_end)
    with os.fdopen(read_end) as announced:
        display = announced.readline().strip()
    try:
        assert display.isdigit(), "Xvfb did not start"
        yield f":{display}"
    finally:
        server.terminate()
        server.wait(timeout=30)


@pytest.mark.slow  # starts an X server and the whole window
def test_the_window_opens_on_a_real_x_server(x_server, jurnal_home):
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in {"QT_QPA_PLATFORM", "WAYLAND_DISPLAY"}
    }
    env.update(
        DISPLAY=x_server, JURNAL_DESK_HOME=str(jurnal_home), JURNAL_DESK_QUIT_AFTER_MS="1500"
    )
    probe = subprocess.run(
        [sys.executable, "-m", "app", "--qt-probe"],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert probe.returncode == 0, probe.stderr
    assert "platform=xcb" in probe.stdout
    window = subprocess.run(
        [sys.executable, "-m", "app"], env=env, capture_output=True, text=True, timeout=120
    )
    assert window.returncode == 0, window.stderr
    assert "Could not load the Qt platform plugin" not in window.stderr
