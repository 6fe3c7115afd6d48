#!/usr/bin/env bash
# Stale-pixel checks, to look at: the demo in true pixels is taken through everything that must
# take a picture away or move it (issue 17), with a screenshot after each step, into
# OUT (default /tmp/ideogram-stale-TERMINAL/). Not for the README: a picture left behind, or one
# outside its box, shows in these files. The demo is started from a shell, so the shell's
# screen after Ctrl-Z and after quitting is captured too.
#   scripts/screenshots-stale.sh [xterm|kitty|konsole|mlterm] [PROTOCOL]
# xterm as a VT340 (sixel; the default), kitty, Konsole or mlterm; the protocol is the one the UI finds
# unless PROTOCOL (kitty, sixel, iterm2, symbols) names one (Konsole answers as kitty; iterm2
# checks its inline images). Same environment as scripts/screenshots.sh; kitty, Konsole and mlterm
# must be installed to check them.
terminal=${1:-xterm}
preview=${2:-}
OUT=${OUT:-/tmp/ideogram-stale-$terminal${preview:+-$preview}}
shell_first=1
source "$(dirname "$0")/screenshots-common.sh"
start_display +extension GLX
case $terminal in
  xterm) start_xterm -ti vt340 ;;
  kitty|konsole|mlterm)
    command -v "$terminal" >/dev/null || { echo "$terminal is not installed" >&2; exit 1; }
    "start_$terminal" ;;
  *) echo "usage: $0 [xterm|kitty|konsole|mlterm] [kitty|sixel|iterm2|symbols]" >&2; exit 2 ;;
esac

echo "capturing into $out"
# Moving the selection between pictures of other shapes, then to the folder above (no picture).
key j j j
shot 01-files-harbour.png
key j
shot 02-moved-to-portrait.png
key j
shot 03-moved-to-tiny-icon.png
key k k k k k
shot 04-moved-to-city-lights.png
key BackSpace
shot 05-folder-above.png
key Return
shot 06-back-in-samples.png

# Help over a picture, then gone.
key question
shot 07-help-open.png
key Escape
shot 08-help-closed.png

# The other panes, with no job yet.
key Tab
shot 09-parameters-pane.png
key Tab
shot 10-results-pane-empty.png
key Tab

# Two marked: the cost question over the pictures, then the jobs.
key space space
shot 11-two-marked.png
key ctrl+s
shot 12-confirm-open.png
key y
await_results 2
sleep 1.5
shot 13-confirm-answered-jobs-done.png

# The results pane: side by side, the next job, the larger view and its loupe, the details.
key Tab Tab
shot 14-results-side-by-side.png 1.5
key j
shot 15-results-next-job.png 1.5
key v
shot 16-larger-view.png 1.5
key z
shot 17-loupe-1to1.png 1.5
key l l l
shot 18-loupe-panned.png 1.5
key z z
key v
shot 19-larger-view-closed.png 1.5
key Return
shot 20-details-open.png
key Escape
shot 21-details-closed.png 1.5
key Tab
shot 22-back-to-files.png 1.5

# The window made smaller, then larger again.
read -r width height < <(xdotool getwindowgeometry --shell "$wid" | awk -F= '/WIDTH|HEIGHT/ {print $2}' | paste -sd' ')
xdotool windowsize "$wid" $((width * 3 / 4)) $((height * 3 / 4))
shot 23-resized-smaller.png 2
xdotool windowsize "$wid" "$width" "$height"
shot 24-resized-back.png 2

# Ctrl-Z: the shell alone; fg: the UI and its pictures back.
key ctrl+z
shot 25-suspended-shell.png 1.5
type_text fg
key Return
shot 26-foreground-again.png 2

# q: the shell alone again.
quit_demo
shot 27-quit-shell.png 1
echo "done: $(ls "$out" | tr '\n' ' ')"
