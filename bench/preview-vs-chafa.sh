#!/usr/bin/env bash
# Issue 5's benchmark: `ideogram-tui preview FILE --size 80x40` against Debian's
# `chafa --size 80x40 FILE`, side by side in one hyperfine run on the release build, on a
# 4000x3000 JPEG (target: under 0.5x chafa's wall time) and a 2048x2048 PNG (target: no slower
# than chafa). Prints the ratios of the medians (robust to a busy machine's bursts) and of the means.
#
# Needs hyperfine, chafa and ImageMagick's `convert` (which makes the two pictures; CI machines
# may lack it: apt-get install hyperfine chafa imagemagick).
# SCRATCH_PATH picks the build folder (default .build); IDEOGRAM_TUI_BIN skips the build and
# times that binary instead.
set -euo pipefail
cd "$(dirname "$0")/.."
for tool in hyperfine chafa convert; do
  command -v "$tool" >/dev/null || { echo "needs $tool (apt-get install hyperfine chafa imagemagick)"; exit 2; }
done

. bench/release-build.sh
release_build ideogram-tui
work=bench/.work; mkdir -p "$work"

# Pictures worth looking at: a plasma photo-like JPEG, a swirled gradient PNG with shapes.
[ -s "$work/photo-4000x3000.jpg" ] || convert -seed 5 -size 4000x3000 plasma:fractal -blur 0x2 \
  -fill '#f0c020' -draw 'circle 2000,1500 2000,2400' -quality 90 "$work/photo-4000x3000.jpg"
[ -s "$work/art-2048x2048.png" ] || convert -size 2048x2048 gradient:'#1040a0-#f06020' -swirl 200 \
  -fill '#20c060' -draw 'rectangle 300,300 900,900' -fill '#ffffff80' -draw 'circle 1400,1400 1400,1900' \
  "$work/art-2048x2048.png"

# The same colour mode for both: 256 colours, no NO_COLOR, no true colour.
export TERM=xterm-256color
unset NO_COLOR COLORTERM

run() {  # name file target
  hyperfine -N --warmup 3 --runs 40 --export-json "$work/$1.json" \
    "$bin preview $2 --size 80x40" "chafa --size 80x40 $2" >/dev/null
  python3 - "$work/$1.json" "$1" "$3" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))["results"]
ours, theirs = r[0], r[1]
ms = lambda x: f"{x*1000:.1f} ms"
print(f"{sys.argv[2]}: ideogram-tui preview median {ms(ours['median'])} (mean {ms(ours['mean'])} ±{ms(ours['stddev'])}), "
      f"chafa median {ms(theirs['median'])} (mean {ms(theirs['mean'])} ±{ms(theirs['stddev'])}); "
      f"ratio {ours['median']/theirs['median']:.2f}x by medians, {ours['mean']/theirs['mean']:.2f}x by means (target {sys.argv[3]}); "
      f"CPU (user+sys) {ms(ours['user']+ours['system'])} vs {ms(theirs['user']+theirs['system'])}")
PY
}
run "jpeg-4000x3000" "$work/photo-4000x3000.jpg" "< 0.5x"
run "png-2048x2048" "$work/art-2048x2048.png" "<= 1.0x"
