# Shared by scripts/screenshots.sh and scripts/screenshots-pixels.sh (sourced, not run): the
# packages, the binary, an Xvfb display, a terminal emulator running `ideogram-tui --demo`
# with its own XDG folders, and the helpers that drive it (xdotool keys) and capture it
# (ImageMagick's `import`). Environment: IDEOGRAM_TUI_BIN (default: build with SCRATCH,
# default .build), COLS/ROWS (default 120x36), OUT (default screenshots/).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
cols=${COLS:-120}
rows=${ROWS:-36}
out=${OUT:-$PWD/screenshots}

need=()
command -v Xvfb >/dev/null || need+=(xvfb)
command -v xterm >/dev/null || need+=(xterm)
command -v xdotool >/dev/null || need+=(xdotool)
[ -x /usr/bin/import ] || need+=(imagemagick)
[ -n "$(fc-list "DejaVu Sans Mono" 2>/dev/null)" ] || need+=(fonts-dejavu-core)
if [ "${#need[@]}" -gt 0 ]; then
  echo "installing: ${need[*]}"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fi

if [ -n "${IDEOGRAM_TUI_BIN:-}" ]; then
  tui=$IDEOGRAM_TUI_BIN
else
  scratch=${SCRATCH:-.build}
  swift build --scratch-path "$scratch" --product ideogram-tui >/dev/null
  tui="$(swift build --scratch-path "$scratch" --show-bin-path)/ideogram-tui"
fi

work=$(mktemp -d /tmp/ideogram-screens.XXXXXX)
xvfb_pid="" term_pid="" ui_pid="" wid=""
stop_terminal() {
  [ -n "$term_pid" ] && kill "$term_pid" 2>/dev/null && wait "$term_pid" 2>/dev/null
  # The demo's own folder (samples, history, results), named after the UI's process id.
  [ -n "$ui_pid" ] && rm -rf "/tmp/ideogram-tui-demo-$ui_pid"
  term_pid="" ui_pid="" wid=""
}
cleanup() {
  stop_terminal || true
  [ -n "$xvfb_pid" ] && kill "$xvfb_pid" 2>/dev/null || true
  wait 2>/dev/null || true
  rm -rf "$work"
  true
}
trap cleanup EXIT

# Xvfb on a display number nobody uses; extra arguments go to Xvfb (kitty needs +extension GLX).
start_display() {
  local display=99
  while [ -e "/tmp/.X11-unix/X$display" ] || [ -e "/tmp/.X$display-lock" ]; do display=$((display + 1)); done
  Xvfb ":$display" -screen 0 1920x1200x24 -nolisten tcp "$@" >"$work/xvfb.log" 2>&1 &
  xvfb_pid=$!
  export DISPLAY=":$display"
  for _ in $(seq 100); do [ -e "/tmp/.X11-unix/X$display" ] && xdotool getdisplaygeometry >/dev/null 2>&1 && break; sleep 0.1; done
}

# The environment the demo runs in: a clean one, its own XDG folders (so no real settings or
# history are read), TERM as the terminal sets it. With shell_first set, a shell starts instead
# and the demo is typed into it (to see what the shell shows after Ctrl-Z and after quitting).
# With preview set, it is the demo's IDEOGRAM_PREVIEW; unset, the UI asks the terminal.
shell_first=${shell_first:-}
preview=${preview:-}
demo_command() {
  mkdir -p "$work"/{home,config,data,state}
  printf '%s\n' /usr/bin/env -i PATH=/usr/bin:/bin TERM="$1" LANG=C.UTF-8 LC_ALL=C.UTF-8 HOME="$work/home" \
    TMPDIR=/tmp XDG_CONFIG_HOME="$work/config" XDG_DATA_HOME="$work/data" XDG_STATE_HOME="$work/state"
  [ -z "$preview" ] || printf '%s\n' "IDEOGRAM_PREVIEW=$preview"
  if [ -n "$shell_first" ]; then printf '%s\n' PS1='$ ' /bin/bash --norc --noprofile -i; else printf '%s\n' "$tui" --demo; fi
}

# A dark palette (Tomorrow Night) so the UI's colours read as they would in a usual terminal.
palette=(
  '#1d1f21' '#cc6666' '#b5bd68' '#f0c674' '#81a2be' '#b294bb' '#8abeb7' '#c5c8c6'
  '#707880' '#d54e53' '#b9ca4a' '#e7c547' '#7aa6da' '#c397d8' '#70c0b1' '#eaeaea'
)

# xterm with DejaVu Sans Mono running the demo; extra arguments go to xterm (-ti vt340 for sixel).
start_xterm() {
  local resources=() i
  for i in "${!palette[@]}"; do resources+=(-xrm "XTerm*color$i: ${palette[$i]}"); done
  local command; mapfile -t command < <(demo_command xterm-256color)
  env -i PATH=/usr/bin:/bin DISPLAY="$DISPLAY" LANG=C.UTF-8 LC_ALL=C.UTF-8 HOME="$work/home" \
    xterm -u8 -fa "DejaVu Sans Mono" -fs 11 -geometry "${cols}x${rows}+0+0" -b 6 +sb \
      -bg '#1d1f21' -fg '#c5c8c6' -cr '#c5c8c6' "${resources[@]}" -xrm 'XTerm*termName: xterm-256color' \
      -T ideogram-tui-screens "$@" -e "${command[@]}" >"$work/term.log" 2>&1 &
  term_pid=$!
  await_demo --name ideogram-tui-screens
}

# kitty with the same font, size and palette running the demo; Mesa's software renderer under Xvfb.
start_kitty() {
  local options=(-o "font_family=DejaVu Sans Mono" -o font_size=11 -o "initial_window_width=${cols}c"
    -o "initial_window_height=${rows}c" -o window_padding_width=6 -o remember_window_size=no
    -o background=#1d1f21 -o foreground=#c5c8c6 -o cursor=#c5c8c6 -o enable_audio_bell=no) i
  for i in "${!palette[@]}"; do options+=(-o "color$i=${palette[$i]}"); done
  local command; mapfile -t command < <(demo_command xterm-kitty)
  env -i PATH=/usr/bin:/bin DISPLAY="$DISPLAY" LANG=C.UTF-8 LC_ALL=C.UTF-8 HOME="$work/home" \
    LIBGL_ALWAYS_SOFTWARE=1 KITTY_CONFIG_DIRECTORY="$work/config/kitty" \
    kitty --config NONE "${options[@]}" -T ideogram-tui-screens "${command[@]}" >"$work/term.log" 2>&1 &
  term_pid=$!
  await_demo --name ideogram-tui-screens
}

# Konsole (22.12 shows kitty graphics, sixel and iTerm2 inline images) with the same font and
# size, its menu and tab bars hidden. libchafa's iTerm2 pictures are TIFF, which Konsole decodes
# only with Qt's TIFF plugin (Debian: qt5-image-formats-plugins); without it they stay blank.
start_konsole() {
  mkdir -p "$work/config"
  printf '%s\n' '[KonsoleWindow]' 'ShowMenuBarByDefault=false' '[MainWindow]' 'MenuBar=Disabled' \
    '[TabBar]' 'TabBarVisibility=AlwaysHideTabBar' >"$work/config/konsolerc"
  local command; mapfile -t command < <(demo_command xterm-256color)
  env -i PATH=/usr/bin:/bin DISPLAY="$DISPLAY" LANG=C.UTF-8 LC_ALL=C.UTF-8 HOME="$work/home" \
    XDG_CONFIG_HOME="$work/config" XDG_DATA_HOME="$work/data" XDG_RUNTIME_DIR="$work/home" QT_QPA_PLATFORM=xcb \
    konsole --separate --nofork -p TerminalColumns="$cols" -p TerminalRows="$rows" \
      -p "Font=DejaVu Sans Mono,11,-1,5,50,0,0,0,0,0" -e "${command[@]}" >"$work/term.log" 2>&1 &
  term_pid=$!
  await_demo --onlyvisible --class konsole
}

# mlterm (sixel and iTerm2 inline images) at the same size and colours.
start_mlterm() {
  local command; mapfile -t command < <(demo_command xterm-256color)
  env -i PATH=/usr/bin:/bin DISPLAY="$DISPLAY" LANG=C.UTF-8 LC_ALL=C.UTF-8 HOME="$work/home" \
    mlterm -g "${cols}x${rows}+0+0" -w 15 -b '#1d1f21' -f '#c5c8c6' -T ideogram-tui-screens \
      -e "${command[@]}" >"$work/term.log" 2>&1 &
  term_pid=$!
  await_demo --name ideogram-tui-screens
}

# The terminal's window and the UI under it (so the demo's folder, /tmp/ideogram-tui-demo-PID,
# is known), then the listing and the pixel sizes.
await_demo() {
  wid=$(xdotool search --sync "$@" | head -1)
  # No window manager: keys go to the window under the pointer.
  xdotool mousemove --window "$wid" 40 40
  if [ -n "$shell_first" ]; then sleep 1; type_text "$tui --demo"; key Return; fi
  for _ in $(seq 100); do ui_pid=$(demo_under_terminal); [ -n "$ui_pid" ] && break; sleep 0.1; done
  for _ in $(seq 100); do [ -n "$(demo_root)" ] && [ -d "$(demo_root)/samples" ] && break; sleep 0.1; done
  sleep 2
}

# The demo started by this terminal (directly, through a shell or through kitty's helper).
demo_under_terminal() {
  local pid parent
  for pid in $(pgrep -f -- "^$tui --demo" || true); do
    parent=$pid
    while [ -n "$parent" ] && [ "$parent" -gt 1 ]; do
      [ "$parent" = "$term_pid" ] && { echo "$pid"; return; }
      parent=$(ps -o ppid= -p "$parent" | tr -d ' ')
    done
  done
}

key() { xdotool key --delay 60 "$@"; sleep 0.4; }
type_text() { xdotool type --delay 40 "$1"; sleep 0.4; }
shot() { sleep "${2:-0.6}"; mkdir -p "$out"; import -window "$wid" "$out/$1"; echo "  $out/$1"; }
demo_root() { [ -n "$ui_pid" ] && [ -d "/tmp/ideogram-tui-demo-$ui_pid" ] && echo "/tmp/ideogram-tui-demo-$ui_pid"; }
results_count() {  # result images saved by the demo so far
  local root; root=$(demo_root)
  [ -n "$root" ] && [ -d "$root/results" ] && find "$root/results" -maxdepth 1 -name '*.png' ! -name '.*' | wc -l || echo 0
}
await_results() {  # until the demo has saved $1 results (at most a minute)
  for _ in $(seq 600); do [ "$(results_count)" -ge "$1" ] && break; sleep 0.1; done
}

# q, and y when it asks because something is still in flight; then the demo ends.
quit_demo() {
  key q
  sleep 0.5
  kill -0 "$ui_pid" 2>/dev/null && key y
  for _ in $(seq 50); do kill -0 "$ui_pid" 2>/dev/null || break; sleep 0.1; done
}
