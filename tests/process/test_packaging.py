"""What a user installing Jurnal Desk gets: the wheel's contents, the app icon, the Linux menu
entry and its installer, and the standalone build's settings."""

from __future__ import annotations

import configparser
import os
import re
import shutil
import subprocess
import sys
import tomllib
import zipfile
from pathlib import Path, PureWindowsPath

import pytest
from PySide6.QtGui import QImage, QImageReader

from app.ui.common.icons import ICON_NAME, ICON_SIZES, app_icon
from tests.helpers.paths import ROOT

PACKAGING = ROOT / "packaging"
DESKTOP_FILE = PACKAGING / "linux" / "jurnal-desk.desktop"
INSTALLER = PACKAGING / "linux" / "install-desktop-entry.sh"
DEPLOY_SPEC = PACKAGING / "pysidedeploy.spec"
ICON_FOLDER = ROOT / "app" / "resources" / "icons"
INNO_SCRIPT = PACKAGING / "windows" / "jurnal-desk.iss"


def _project_version() -> str:
    with (ROOT / "pyproject.toml").open("rb") as file:
        return tomllib.load(file)["project"]["version"]


def _console_script() -> str:
    with (ROOT / "pyproject.toml").open("rb") as file:
        scripts = tomllib.load(file)["project"]["scripts"]
    (name,) = scripts
    return name


def _read_desktop_file(path: Path) -> configparser.SectionProxy:
    parser = configparser.ConfigParser(interpolation=None, strict=True)
    parser.optionxform = str  # keys are case-sensitive in a desktop entry
    parser.read(path, encoding="utf-8")
    return parser["Desktop Entry"]


@pytest.fixture
def wheel(tmp_path: Path) -> zipfile.ZipFile:
    """The wheel `pip wheel . --no-deps` builds, from a copy of the sources so the shared
    checkout gets no build/ or egg-info from the test."""
    source = tmp_path / "source"
    source.mkdir()
    for name in ("pyproject.toml", "README.md"):
        shutil.copy2(ROOT / name, source / name)
    junk = shutil.ignore_patterns("__pycache__", "*.pyc", "deployment")
    shutil.copytree(ROOT / "app", source / "app", ignore=junk)
    for name in ("tests", "bench"):  # present beside app/, as in the repository
        shutil.copytree(ROOT / name, source / name, ignore=junk)
    out = tmp_path / "dist"
    env = {**os.environ, "PIP_DISABLE_PIP_VERSION_CHECK": "1"}
    done = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", ".", "--no-deps", "-q", "-w", str(out)],
        cwd=source,
        env=env,
        capture_output=True,
        text=True,
        timeout=240,
    )
    assert done.returncode == 0, done.stderr
    (built,) = out.glob("jurnal_desk-*.whl")
    with zipfile.ZipFile(built) as archive:
        yield archive


# One test for the wheel's contents: a pip build costs several seconds of CPU time.
@pytest.mark.slow  # an isolated pip build: about 3 s on an idle machine, more when busy
def test_the_wheel_ships_the_icons_and_each_languages_catalog_and_no_tests_or_benchmarks(wheel):
    names = wheel.namelist()
    for size in ICON_SIZES:
        png = f"app/resources/icons/{ICON_NAME}-{size}.png"
        assert png in names
        image = QImage.fromData(wheel.read(png), "PNG")
        assert (image.width(), image.height()) == (size, size)
    assert not [name for name in names if name.startswith(("tests/", "bench/"))]
    top_level = {name.split("/", 1)[0] for name in names}
    dist_info = f"jurnal_desk-{_project_version()}.dist-info"
    assert top_level == {"app", dist_info}
    entry_points = wheel.read(f"{dist_info}/entry_points.txt").decode()
    assert "jurnal-desk = app.cli:main" in entry_points
    for language in ("en", "zh"):
        mo = f"app/resources/locale/{language}/LC_MESSAGES/jurnal_desk.mo"
        assert mo in names
        assert wheel.read(mo) == (ROOT / mo).read_bytes()
    assert not [name for name in names if name.endswith((".po", ".pot", ".qm"))]


def test_the_app_icon_loads_in_every_size(qapp):
    icon = app_icon()
    assert not icon.isNull()
    sizes = sorted(size.width() for size in icon.availableSizes())
    assert sizes == sorted(ICON_SIZES)
    # Qt picks the exact rendering for a small toolbar or title-bar size, not a blurred one.
    shown = icon.pixmap(32, 32).toImage().convertToFormat(QImage.Format.Format_ARGB32)
    assert shown == QImage(str(ICON_FOLDER / f"{ICON_NAME}-32.png"))


def test_the_icon_pngs_are_opaque_in_the_middle_and_transparent_at_the_corner(qapp):
    for size in ICON_SIZES:
        image = QImage(str(ICON_FOLDER / f"{ICON_NAME}-{size}.png"))
        assert image.pixelColor(size // 2, size // 2).alpha() == 255
        assert image.pixelColor(0, 0).alpha() == 0  # rounded tile, no square halo


@pytest.mark.slow
def test_the_window_shows_the_app_icon(jurnal_home):
    script = (
        "import sys\n"
        "from PySide6.QtWidgets import QApplication\n"
        "from app.ui.shell.application import run_gui\n"
        "code = run_gui(['jurnal-desk'])\n"
        "icon = QApplication.windowIcon()\n"
        "print(sorted(s.width() for s in icon.availableSizes()), QApplication.desktopFileName())\n"
        "sys.exit(code)\n"
    )
    env = {
        **os.environ,
        "QT_QPA_PLATFORM": "offscreen",
        "JURNAL_DESK_QUIT_AFTER_MS": "300",
        "JURNAL_DESK_HOME": str(jurnal_home),
    }
    done = subprocess.run(
        [sys.executable, "-c", script], env=env, capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == f"{sorted(ICON_SIZES)} {ICON_NAME}"


def test_the_desktop_entry_starts_the_installed_command_with_the_app_icon():
    entry = _read_desktop_file(DESKTOP_FILE)
    assert entry["Type"] == "Application"
    assert entry["Name"] == "Jurnal Desk"
    assert entry["Exec"] == _console_script() == "jurnal-desk"
    assert entry["Icon"] == ICON_NAME
    assert entry["Categories"] == "Office;Finance;"
    assert entry["Terminal"] == "false"
    # Indonesian first for the menu, English for English desktops.
    assert "jurnal" in entry["Comment"].lower()
    assert entry["Comment[en]"] != entry["Comment"]
    assert "journal" in entry["Comment[en]"].lower()


def test_the_desktop_entry_has_only_known_keys_and_list_values_end_with_a_semicolon():
    entry = _read_desktop_file(DESKTOP_FILE)
    known = {
        "Type", "Version", "Name", "GenericName", "Comment", "Exec", "TryExec", "Icon",
        "Terminal", "Categories", "Keywords", "StartupNotify",
    }  # fmt: skip
    assert {key.split("[", 1)[0] for key in entry} <= known
    for key in ("Categories", "Keywords"):
        assert entry[key].endswith(";")
    assert entry["Version"] in {"1.0", "1.1", "1.2", "1.3", "1.4", "1.5"}


def _run_installer(data_home: Path, *arguments: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "XDG_DATA_HOME": str(data_home)}
    return subprocess.run(
        ["bash", str(INSTALLER), *arguments],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )


@pytest.fixture
def fake_executable(tmp_path: Path) -> Path:
    folder = tmp_path / "my venv" / "bin"
    folder.mkdir(parents=True)
    executable = folder / "jurnal-desk"
    executable.write_text("#!/bin/sh\nexit 0\n")
    executable.chmod(0o755)
    return executable


def _installed_files(data_home: Path) -> dict[str, bytes]:
    return {
        str(path.relative_to(data_home)): path.read_bytes()
        for path in sorted(data_home.rglob("*"))
        if path.is_file()
    }


def test_the_installer_puts_the_entry_and_icons_in_the_users_menu_once(tmp_path, fake_executable):
    data_home = tmp_path / "share"
    first = _run_installer(data_home, "--exec", str(fake_executable))
    assert first.returncode == 0, first.stderr
    installed = _installed_files(data_home)
    assert f"icons/hicolor/scalable/apps/{ICON_NAME}.svg" in installed
    for size in ICON_SIZES:
        png = f"icons/hicolor/{size}x{size}/apps/{ICON_NAME}.png"
        assert installed[png] == (ICON_FOLDER / f"{ICON_NAME}-{size}.png").read_bytes()
    entry = _read_desktop_file(data_home / "applications" / "jurnal-desk.desktop")
    # A menu does not see the venv's bin/, so the entry names the executable by its path,
    # quoted because of the space.
    assert entry["Exec"] == f'"{fake_executable}"'
    assert entry["TryExec"] == str(fake_executable)
    assert entry["Icon"] == ICON_NAME and entry["Name"] == "Jurnal Desk"

    again = _run_installer(data_home, "--exec", str(fake_executable))
    assert again.returncode == 0, again.stderr
    assert _installed_files(data_home) == installed


def test_the_installer_removes_what_it_installed(tmp_path, fake_executable):
    data_home = tmp_path / "share"
    assert _run_installer(data_home, "--exec", str(fake_executable)).returncode == 0
    removed = _run_installer(data_home, "--uninstall")
    assert removed.returncode == 0, removed.stderr
    assert _installed_files(data_home) == {}


def test_the_installer_warns_when_the_command_cannot_be_found(tmp_path):
    done = _run_installer(tmp_path / "share", "--exec", str(tmp_path / "missing" / "jurnal-desk"))
    assert done.returncode == 0
    assert "--exec PATH" in done.stderr


def test_the_standalone_build_settings_point_at_the_app_and_its_icon():
    # Read the way pyside6-deploy reads it; build.sh runs it on a copy in build/, one level
    # below the repository root, so relative paths resolve from there.
    parser = configparser.ConfigParser(comment_prefixes="/", strict=False, allow_no_value=True)
    parser.read(DEPLOY_SPEC, encoding="utf-8")
    build = ROOT / "build"
    app = parser["app"]
    assert app["title"] == "jurnal-desk"
    assert (build / app["input_file"]).resolve() == ROOT / "app" / "__main__.py"
    assert (build / app["project_dir"]).resolve() == ROOT / "app"
    assert (build / app["exec_directory"]).resolve() == ROOT / "dist"
    assert (build / app["icon"]).resolve().is_file()
    assert parser["nuitka"]["mode"] in {"onefile", "standalone"}
    extra_args = parser["nuitka"]["extra_args"].split()
    # The command line finds its subcommands at run time, so the whole package goes in.
    assert "--include-package=app" in extra_args
    assert "--include-package-data=app" in extra_args
    # The built app has no pyproject.toml: its version comes from its own metadata.
    assert "--include-distribution-metadata=jurnal-desk" in extra_args
    assert parser["python"]["packages"].lower().startswith("nuitka")


def test_build_outputs_are_not_committed():
    ignored = (ROOT / ".gitignore").read_text().split()
    for folder in ("dist/", "build/", "deployment/"):
        assert folder in ignored


@pytest.mark.parametrize("name", ["jurnal-desk.ico", "jurnal-desk.icns"])
def test_the_windows_and_macos_icons_hold_every_size(qapp, name):
    reader = QImageReader(str(ROOT / "resources" / "icons" / name))
    sizes = set()
    for number in range(reader.imageCount()):
        assert reader.jumpToImage(number)
        image = reader.read()
        assert image.width() == image.height()
        sizes.add(image.width())
    assert sizes >= {16, 32, 128, 256}


# -- the Windows installer (Inno Setup) ------------------------------------------------------


def _inno_sections() -> dict[str, list[str]]:
    """The .iss file's sections and their lines, with comments and preprocessor lines left
    out (the [Code] section is Pascal and kept as it is)."""
    sections: dict[str, list[str]] = {"": []}
    current = ""
    for raw in INNO_SCRIPT.read_text(encoding="utf-8").splitlines():
        line = raw.strip()
        if not line or (current != "Code" and line.startswith((";", "#"))):
            continue
        if line.startswith("[") and line.endswith("]"):
            current = line[1:-1]
            sections[current] = []
            continue
        sections[current].append(line)
    return sections


def _inno_defines() -> dict[str, str]:
    text = INNO_SCRIPT.read_text(encoding="utf-8")
    return dict(re.findall(r'#define (\w+) "([^"]*)"', text))


def _expand(value: str) -> str:
    defines = _inno_defines()
    return re.sub(r"\{#(\w+)\}", lambda match: defines[match.group(1)], value)


def _setup() -> dict[str, str]:
    return dict(line.split("=", 1) for line in _inno_sections()["Setup"])


def _entries(section: str) -> list[dict[str, str]]:
    """`Name: "x"; Flags: y` lines as dicts, values unquoted and {#defines} expanded."""
    entries = []
    for line in _inno_sections()[section]:
        fields = {}
        for part in re.findall(r'(\w+):\s*("[^"]*"|[^;]+)', line):
            fields[part[0]] = _expand(part[1].strip().strip('"'))
        entries.append(fields)
    return entries


def _from_script(path: str) -> Path:
    """A path in the .iss, which Inno Setup resolves from the script's folder."""
    return (INNO_SCRIPT.parent / PureWindowsPath(path).as_posix()).resolve()


def test_the_installer_version_is_the_project_version():
    assert _inno_defines()["AppVersion"] == _project_version()
    setup = _setup()
    assert _expand(setup["AppVersion"]) == _project_version()
    assert _expand(setup["OutputBaseFilename"]) == f"jurnal-desk-{_project_version()}-setup"


def test_the_installer_installs_for_the_user_only_and_has_a_fixed_app_id():
    setup = _setup()
    assert setup["PrivilegesRequired"] == "lowest"  # no UAC prompt, no administrator
    assert "PrivilegesRequiredOverridesAllowed" not in setup
    assert setup["DefaultDirName"].startswith("{autopf}")  # %LOCALAPPDATA%\Programs per user
    assert re.fullmatch(r"\{\{[0-9A-F]{8}(-[0-9A-F]{4}){3}-[0-9A-F]{12}\}", setup["AppId"])
    assert _expand(setup["AppName"]) == "Jurnal Desk"


def test_every_file_the_installer_takes_exists_or_is_what_the_build_produces():
    parser = configparser.ConfigParser(comment_prefixes="/", strict=False, allow_no_value=True)
    parser.read(DEPLOY_SPEC, encoding="utf-8")
    built = (ROOT / "build" / parser["app"]["exec_directory"]).resolve()
    built_exe = built / f"{parser['app']['title']}.exe"
    sources = [_from_script(entry["Source"]) for entry in _entries("Files")]
    assert built_exe in sources
    for source in sources:
        assert source == built_exe or source.is_file(), source
    assert _from_script(_setup()["SetupIconFile"]).is_file()
    assert _from_script(_setup()["OutputDir"]) == built  # the setup lands beside the .exe


def test_the_start_menu_entry_starts_the_app_with_its_icon():
    installed = {PureWindowsPath(entry["Source"]).name for entry in _entries("Files")}
    (start_menu,) = [
        entry for entry in _entries("Icons") if entry["Name"].startswith("{autoprograms}")
    ]
    assert start_menu["Name"] == "{autoprograms}\\Jurnal Desk"
    assert start_menu["Filename"] == "{app}\\jurnal-desk.exe"
    assert PureWindowsPath(start_menu["IconFilename"]).name in installed
    assert "Tasks" not in start_menu  # always made, not optional
    (desktop,) = [entry for entry in _entries("Icons") if entry["Name"].startswith("{autodesktop}")]
    assert desktop["Tasks"] == "desktopicon"
    (task,) = _entries("Tasks")
    assert task["Name"] == "desktopicon" and "unchecked" in task["Flags"]


def test_uninstalling_removes_the_program_folder_and_keeps_the_data_unless_asked():
    assert {"Type": "filesandordirs", "Name": "{app}"} in _entries("UninstallDelete")
    code = "\n".join(_inno_sections()["Code"])
    assert "usPostUninstall" in code
    # The user's data folder is the one the app uses on Windows, and "No" is the default.
    assert _inno_defines()["DataFolder"] == "jurnal-desk"
    assert "{localappdata}\\{#DataFolder}" in code
    assert "MB_DEFBUTTON2, IDNO" in code
    for name in ("[Setup]", "[Files]", "[Icons]", "[Run]", "[UninstallDelete]", "[Code]"):
        assert name in INNO_SCRIPT.read_text(encoding="utf-8")
