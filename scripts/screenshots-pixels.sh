#!/usr/bin/env bash
# Screenshots of the previews in true pixels for the README, in the same setup as
# scripts/screenshots.sh (Xvfb, DejaVu Sans Mono, the demo, xdotool, `import`). The protocol is
# not named: the UI finds it by asking the terminal at start, as it would for a user.
#   10-pixels-files.png   xterm as a VT340 (sixel): the file pane's preview
#   11-pixels-compare.png the same, one job done: source and result side by side
#   15-loupe.png          the larger view's loupe (z) at 1:1 on another job, the position shown
#   16-kitty-compare.png  kitty (graphics protocol): the side by side of 11; skipped with a
#                         message when kitty is not installed (this script never installs it)
# Same environment as scripts/screenshots.sh; kitty runs on Mesa's software renderer.
source "$(dirname "$0")/screenshots-common.sh"
start_display +extension GLX

# harbour-at-dawn.png (the fourth file) upscaled as the parameters stand, then the results pane.
harbour_compare() {
  key j j j
  [ -n "${1:-}" ] && shot "$1"
  # One image is sent without a question.
  key ctrl+s
  await_results 1
  sleep 1.5
  key Tab Tab
  shot "$2" 1.5
}

echo "capturing into $out"
start_xterm -ti vt340
harbour_compare 10-pixels-files.png 11-pixels-compare.png
quit_demo
stop_terminal

# 15. desert-dunes.png (the second file) upscaled; in the results pane v, the larger view, then z: 1:1.
start_xterm -ti vt340
key j
key ctrl+s
await_results 1
sleep 1.5
key Tab Tab
key v
key z
shot 15-loupe.png 1.5
quit_demo
stop_terminal

if command -v kitty >/dev/null; then
  start_kitty
  harbour_compare "" 16-kitty-compare.png
  quit_demo
  stop_terminal
else
  echo "kitty is not installed: 16-kitty-compare.png left as it is (apt-get install kitty to make it)"
fi
echo "done: $(ls "$out" | tr '\n' ' ')"
