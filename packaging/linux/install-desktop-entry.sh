#!/usr/bin/env bash
# Adds Jurnal Desk to the current user's application menu: the .desktop entry and the icons,
# under ${XDG_DATA_HOME:-~/.local/share}. No root needed; running it again changes nothing.
#
#   packaging/linux/install-desktop-entry.sh [--exec PATH]   install or refresh
#   packaging/linux/install-desktop-entry.sh --uninstall     remove what it installed
#
# A menu does not see a virtual environment's bin/ folder, so Exec points at the jurnal-desk
# found on PATH, else at this checkout's .venv/bin/jurnal-desk, else --exec PATH (for
# example the standalone dist/jurnal-desk.bin).
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/../.." && pwd)
data=${XDG_DATA_HOME:-$HOME/.local/share}
sizes=(16 32 48 64 128 256)
entry="$data/applications/jurnal-desk.desktop"

usage() { sed -n '2,10p' "$0" | sed 's/^# \{0,1\}//'; }

refresh_caches() {
    # Both are optional: menus also pick up changes on their own, only later.
    if command -v update-desktop-database >/dev/null; then
        update-desktop-database -q "$data/applications" || true
    fi
    if command -v gtk-update-icon-cache >/dev/null && [[ -f "$data/icons/hicolor/index.theme" ]]; then
        gtk-update-icon-cache -q -t "$data/icons/hicolor" || true
    fi
}

uninstall() {
    rm -f "$entry" "$data/icons/hicolor/scalable/apps/jurnal-desk.svg"
    for size in "${sizes[@]}"; do
        rm -f "$data/icons/hicolor/${size}x${size}/apps/jurnal-desk.png"
    done
    refresh_caches
    echo "Jurnal Desk removed from the menu ($entry)."
}

find_executable() {
    if command -v jurnal-desk >/dev/null; then
        command -v jurnal-desk
    elif [[ -x "$root/.venv/bin/jurnal-desk" ]]; then
        echo "$root/.venv/bin/jurnal-desk"
    else
        echo "jurnal-desk"
    fi
}

# An Exec value is an argument list: a path with reserved characters (a space, a quote, $)
# is quoted, and inside the quotes " ` $ \ are escaped, as the Desktop Entry spec says.
exec_value() {
    local path=$1
    if [[ "$path" =~ ^[A-Za-z0-9_./+-]+$ ]]; then
        printf '%s' "$path"
        return
    fi
    # A backslash is escaped twice: once for the quoting, once for the string value.
    path=${path//\\/\\\\\\\\}
    path=${path//\"/\\\"}
    path=${path//\`/\\\`}
    path=${path//\$/\\\$}
    printf '"%s"' "$path"
}

install_entry() {
    local executable=$1 line
    mkdir -p "$data/applications"
    while IFS= read -r line; do
        case "$line" in
            Exec=*) printf 'Exec=%s\n' "$(exec_value "$executable")" ;;
            TryExec=*) printf 'TryExec=%s\n' "${executable//\\/\\\\}" ;;
            *) printf '%s\n' "$line" ;;
        esac
    done <"$here/jurnal-desk.desktop" >"$entry.tmp"
    mv -f "$entry.tmp" "$entry"
    chmod 644 "$entry"
}

install_icons() {
    local size
    for size in "${sizes[@]}"; do
        install -D -m 644 "$root/app/resources/icons/jurnal-desk-$size.png" \
            "$data/icons/hicolor/${size}x${size}/apps/jurnal-desk.png"
    done
    install -D -m 644 "$root/resources/icons/jurnal-desk.svg" \
        "$data/icons/hicolor/scalable/apps/jurnal-desk.svg"
}

executable=""
while [[ $# -gt 0 ]]; do
    case "$1" in
        --uninstall) uninstall; exit 0 ;;
        --exec) [[ $# -ge 2 ]] || { usage >&2; exit 2; }; executable=$2; shift 2 ;;
        -h | --help) usage; exit 0 ;;
        *) echo "install-desktop-entry.sh: unknown option $1" >&2; usage >&2; exit 2 ;;
    esac
done

if [[ -z "$executable" ]]; then
    executable=$(find_executable)
fi
if [[ "$executable" == */* && "$executable" != /* ]]; then
    executable="$PWD/$executable"
fi
if [[ "$executable" != */* ]] || [[ ! -x "$executable" ]]; then
    echo "warning: $executable is not an executable file; the menu entry may not start." >&2
    echo "Install Jurnal Desk first (see packaging/README.md) or pass --exec PATH." >&2
fi

install_entry "$executable"
install_icons
refresh_caches
echo "Jurnal Desk added to the menu: $entry (runs $executable)."
