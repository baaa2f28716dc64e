#!/bin/sh
# Install this unpacked Deungdae bundle for the current user: no root, no IT staff.
#   ./install.sh                 program in ~/.local/opt, menu entry, icon
#   ./install.sh --logger        also the headless logger as a systemd user service
#   ./install.sh --uninstall     remove program, menu entry and service (the data is kept)
set -eu
HERE=$(cd "$(dirname "$0")" && pwd)
NAME=$(basename "$HERE")
PREFIX="${XDG_DATA_HOME:-$HOME/.local/share}/../opt/$NAME"
PREFIX=$(mkdir -p "$PREFIX" && cd "$PREFIX" && pwd)
APPS="${XDG_DATA_HOME:-$HOME/.local/share}/applications"
ICONS="${XDG_DATA_HOME:-$HOME/.local/share}/icons/hicolor"
UNITS="${XDG_CONFIG_HOME:-$HOME/.config}/systemd/user"

if [ "${1:-}" = "--uninstall" ]; then
    systemctl --user disable --now deungdae-logger.service 2>/dev/null || true
    rm -f "$UNITS/deungdae-logger.service" "$APPS/deungdae.desktop"
    rm -f "$ICONS"/*/apps/deungdae.png "$ICONS/scalable/apps/deungdae.svg"
    rm -rf "$PREFIX"
    echo "Deungdae removed; the data dir (~/.local/share/Deungdae) was kept."
    exit 0
fi

if [ "$HERE" != "$PREFIX" ]; then
    rm -rf "$PREFIX"
    cp -a "$HERE" "$PREFIX"
fi
mkdir -p "$APPS" "$UNITS"
sed "s|@PREFIX@|$PREFIX|g" "$HERE/deungdae.desktop" > "$APPS/deungdae.desktop"
for n in 32 48 128 256; do
    mkdir -p "$ICONS/${n}x${n}/apps"
    cp "$HERE/icons/deungdae-$n.png" "$ICONS/${n}x${n}/apps/deungdae.png"
done
mkdir -p "$ICONS/scalable/apps" && cp "$HERE/icons/deungdae.svg" "$ICONS/scalable/apps/"
echo "installed Deungdae in $PREFIX (menu: Deungdae / 등대)"
"$PREFIX/deungdae" self-test || echo "warning: the self-test failed; see above"

if [ "${1:-}" = "--logger" ]; then
    sed "s|@PREFIX@|$PREFIX|g" "$HERE/deungdae-logger.service" > "$UNITS/deungdae-logger.service"
    systemctl --user daemon-reload
    systemctl --user enable --now deungdae-logger.service
    echo "the headless logger runs as a user service (journalctl --user -u deungdae-logger)"
    echo "to record even when nobody is logged in: loginctl enable-linger $(id -un)"
fi
