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
# The pictures in true pixels (10, 11, 15, 16) come from scripts/screenshots-pixels.sh.
# Re-run it whenever the UI changes. Installs xvfb, xterm, xdotool, imagemagick and the DejaVu
# fonts with apt-get when missing (as root). Environment: IDEOGRAM_TUI_BIN (default: build with
# SCRATCH, default .build), COLS/ROWS (default 120x36), OUT (default screenshots/).
source "$(dirname "$0")/screenshots-common.sh"
start_display
start_xterm

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
await_results 2
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
await_results 3
key m
type_text "bloom"
key Return
key ctrl+s
await_results 4
sleep 1
key Tab
key g
key space space
key c
shot 14-compare.png 1.5
key Escape

quit_demo
echo "done: $(ls "$out" | tr '\n' ' ')"
