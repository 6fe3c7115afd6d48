#!/usr/bin/env bash
# Screenshots of the terminal UI for the README: runs `ideogram-tui --demo` in a real terminal
# emulator (xterm with DejaVu Sans Mono, under Xvfb), drives it with xdotool key presses through
# the main flows and captures each with ImageMagick's `import` into screenshots/:
#   01-browse.png      the files pane, two pictures marked, pixel sizes read from the headers
#   02-parameters.png  a prompt typed, the resemblance slider moved, the JSON that will be sent
#   03-confirm.png     Ctrl-S on two images: what it will cost, asked first
#   04-running.png     the jobs in flight
#   05-results.png     the jobs done, source and result side by side, the selected one's details
#   08-larger-view.png v: the result alone, larger
#   09-details.png     Enter: the job's details, every image, the whole prompt
#   06-help.png        the ? help, generated from the key tables
#   07-help-filter.png the help filtered by typing
#   12-model-chooser.png  m: the upscalers, filtered by typing
#   13-model-quote.png    topaz-standard-2 at x4, denoise 0.3: the output size and the service's quote
#   14-compare.png        the same picture through two models, marked and compared with c
# Re-run it whenever the UI changes. Installs xvfb, xterm, xdotool, imagemagick and the DejaVu
# fonts with apt-get when missing (as root). Environment: IDEOGRAM_TUI_BIN (default: build with
# SCRATCH, default .build), COLS/ROWS (default 120x36), OUT (default screenshots/).
set -euo pipefail
cd "$(dirname "$0")/.."
cols=${COLS:-120}
rows=${ROWS:-36}
out=${OUT:-$PWD/screenshots}

need=()
command -v Xvfb >/dev/null || need+=(xvfb)
command -v xterm >/dev/null || need+=(xterm)
command -v xdotool >/dev/null || need+=(xdotool)
[ -x /usr/bin/import ] || need+=(imagemagick)
fc-list 2>/dev/null | grep -q "DejaVu Sans Mono" || need+=(fonts-dejavu-core)
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
xvfb_pid="" xterm_pid=""
ui_pid=""
cleanup() {
  [ -n "$xterm_pid" ] && kill "$xterm_pid" 2>/dev/null || true
  [ -n "$xvfb_pid" ] && kill "$xvfb_pid" 2>/dev/null || true
  wait 2>/dev/null || true
  rm -rf "$work"
  # The demo's own folder (samples, history, results), named after the UI's process id.
  [ -n "$ui_pid" ] && rm -rf "/tmp/ideogram-tui-demo-$ui_pid"
  true
}
trap cleanup EXIT

# A display number nobody uses.
display=99
while [ -e "/tmp/.X11-unix/X$display" ] || [ -e "/tmp/.X$display-lock" ]; do display=$((display + 1)); done
Xvfb ":$display" -screen 0 1920x1200x24 -nolisten tcp >"$work/xvfb.log" 2>&1 &
xvfb_pid=$!
export DISPLAY=":$display"
for _ in $(seq 100); do [ -e "/tmp/.X11-unix/X$display" ] && xdotool getdisplaygeometry >/dev/null 2>&1 && break; sleep 0.1; done

mkdir -p "$work"/{home,config,data,state}
# A dark palette (Tomorrow Night) so the UI's colours read as they would in a usual terminal.
palette=(
  -xrm 'XTerm*color0: #1d1f21'  -xrm 'XTerm*color1: #cc6666'  -xrm 'XTerm*color2: #b5bd68'  -xrm 'XTerm*color3: #f0c674'
  -xrm 'XTerm*color4: #81a2be'  -xrm 'XTerm*color5: #b294bb'  -xrm 'XTerm*color6: #8abeb7'  -xrm 'XTerm*color7: #c5c8c6'
  -xrm 'XTerm*color8: #707880'  -xrm 'XTerm*color9: #d54e53'  -xrm 'XTerm*color10: #b9ca4a' -xrm 'XTerm*color11: #e7c547'
  -xrm 'XTerm*color12: #7aa6da' -xrm 'XTerm*color13: #c397d8' -xrm 'XTerm*color14: #70c0b1' -xrm 'XTerm*color15: #eaeaea'
)
env -i PATH=/usr/bin:/bin DISPLAY="$DISPLAY" LANG=C.UTF-8 LC_ALL=C.UTF-8 HOME="$work/home" \
  xterm -u8 -fa "DejaVu Sans Mono" -fs 11 -geometry "${cols}x${rows}+0+0" -b 6 +sb \
    -bg '#1d1f21' -fg '#c5c8c6' -cr '#c5c8c6' "${palette[@]}" -xrm 'XTerm*termName: xterm-256color' \
    -T ideogram-tui-screens \
    -e /usr/bin/env TERM=xterm-256color LANG=C.UTF-8 LC_ALL=C.UTF-8 HOME="$work/home" TMPDIR=/tmp \
       XDG_CONFIG_HOME="$work/config" XDG_DATA_HOME="$work/data" XDG_STATE_HOME="$work/state" \
       "$tui" --demo >"$work/xterm.log" 2>&1 &
xterm_pid=$!
wid=$(xdotool search --sync --name ideogram-tui-screens | head -1)
# No window manager: keys go to the window under the pointer.
xdotool mousemove --window "$wid" 40 40
mkdir -p "$out"

key() { xdotool key --delay 60 "$@"; sleep 0.4; }
type_text() { xdotool type --delay 40 "$1"; sleep 0.4; }
shot() { sleep "${2:-0.6}"; import -window "$wid" "$out/$1"; echo "  $out/$1"; }
demo_root() { [ -n "$ui_pid" ] && [ -d "/tmp/ideogram-tui-demo-$ui_pid" ] && echo "/tmp/ideogram-tui-demo-$ui_pid"; }
results_count() {  # result images saved by the demo so far
  local root; root=$(demo_root)
  [ -n "$root" ] && [ -d "$root/results" ] && find "$root/results" -maxdepth 1 -name '*.png' ! -name '.*' | wc -l || echo 0
}

# The UI is xterm's child (so the demo's folder, /tmp/ideogram-tui-demo-PID, is known).
for _ in $(seq 100); do ui_pid=$(pgrep -P "$xterm_pid" | head -1 || true); [ -n "$ui_pid" ] && break; sleep 0.1; done
# Wait for the listing and the pixel sizes.
for _ in $(seq 100); do [ -n "$(demo_root)" ] && [ -d "$(demo_root)/samples" ] && break; sleep 0.1; done
sleep 2

echo "capturing into $out"
# 1. Browse and mark: down to the second picture, mark it and the next one.
key j
key space space
key k
shot 01-browse.png

# 2. Parameters: a prompt, then the resemblance slider moved, detail typed.
key Tab
type_text "crisp film grain, soft morning light"
key Return
key Right Right Right Prior
key Down
type_text "35"
key Up
shot 02-parameters.png

# 3. Ctrl-S on two marked pictures: the cost question.
key ctrl+s
shot 03-confirm.png

# 4. y: the jobs go; caught while in flight.
key y
shot 04-running.png 0.8

# 5. Results: wait for both to be saved, then the results pane with the details.
for _ in $(seq 600); do [ "$(results_count)" -ge 2 ] && break; sleep 0.1; done
sleep 1.5
key Tab
key j
shot 05-results.png

# 8. v: the result alone, larger; v again goes back.
key v
shot 08-larger-view.png 1
key v

# 9. Enter: the details view of the selected job; Esc goes back.
key Return
shot 09-details.png 1
key Escape

# 6. The help overlay, then filtered.
key question
shot 06-help.png
type_text "seed"
shot 07-help-filter.png
key Escape

# 12. m: the model chooser, filtered.
key m
type_text "topaz"
shot 12-model-chooser.png
# 13. topaz-standard-2 (the first match), back in the results pane; to the parameters:
# the factor x4, denoise typed as .3, then the quote after the pause in typing.
key Return
key Tab Tab
key Right Right
key Down
type_text ".3"
sleep 1.5
shot 13-model-quote.png
# 14. One picture through topaz-standard-2, then topaz-bloom-2; both marked and compared.
key ctrl+s
for _ in $(seq 600); do [ "$(results_count)" -ge 3 ] && break; sleep 0.1; done
key m
type_text "bloom"
key Return
key ctrl+s
for _ in $(seq 600); do [ "$(results_count)" -ge 4 ] && break; sleep 0.1; done
sleep 1
key Tab
key g
key space space
key c
shot 14-compare.png 1.5
key Escape

key q
sleep 0.5
# q asks first if anything is still in flight; y answers.
kill -0 "$xterm_pid" 2>/dev/null && key y
for _ in $(seq 50); do kill -0 "$xterm_pid" 2>/dev/null || break; sleep 0.1; done
echo "done: $(ls "$out" | tr '\n' ' ')"
