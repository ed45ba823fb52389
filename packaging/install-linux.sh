#!/bin/sh
# Install the signapp bundle for the current user (no root, no Python needed): run it
# from the unpacked bundle folder, ./install-linux.sh. It copies the folder to
# ~/.local/opt/signapp, puts the `signapp` command in ~/.local/bin, and adds signapp
# with its icon to the desktop's applications menu. Run it again to update;
# ./install-linux.sh --remove takes it all away again (your data stays).
set -eu
here=$(cd "$(dirname "$0")" && pwd)
data=${XDG_DATA_HOME:-$HOME/.local/share}
target=$HOME/.local/opt/signapp
menu_entry=$data/applications/signapp.desktop
icon=$data/icons/hicolor/scalable/apps/signapp.svg

if [ "${1:-}" = "--remove" ]; then
  rm -rf "$target" "$HOME/.local/bin/signapp" "$menu_entry" "$icon"
  echo "signapp removed; your data in $data/signapp is kept"
  exit 0
fi
if [ ! -x "$here/signapp" ]; then
  echo "install-linux.sh: run it from the signapp bundle folder (no $here/signapp)" >&2
  exit 1
fi
if [ "$here" != "$target" ]; then
  rm -rf "$target"
  mkdir -p "$(dirname "$target")"
  cp -R "$here" "$target"
fi
mkdir -p "$HOME/.local/bin" "$(dirname "$menu_entry")" "$(dirname "$icon")"
ln -sf "$target/signapp" "$HOME/.local/bin/signapp"
cp "$target/_internal/signapp/resources/icons/signapp.svg" "$icon"
sed "s|^Exec=signapp\$|Exec=\"$target/signapp\"|" "$target/signapp.desktop" >"$menu_entry"
if command -v update-desktop-database >/dev/null 2>&1; then
  update-desktop-database "$(dirname "$menu_entry")" >/dev/null 2>&1 || true
fi
echo "signapp installed in $target"
echo "start it from the applications menu, or run: signapp (commands: signapp --help)"
