#!/usr/bin/env bash
# Issue 17's benchmark: a 4000x3000 JPEG previewed as sixel into 80x40 cells,
# `ideogram-tui preview FILE --format sixel --size 80x40` against Debian's
# `chafa -f sixels --size 80x40 FILE`, side by side in one hyperfine run on the release build
# (target: at most 1.0x chafa's wall time). Prints the ratios of the medians and of the means,
# and both outputs' sixel sizes in pixels (chafa, not on a terminal, takes 8x8-pixel cells and a
# 1:2 font ratio; ours is given --cell-size 8x8 so both make pictures of about the same pixels).
#
# Needs hyperfine, chafa and ImageMagick's `convert` (apt-get install hyperfine chafa imagemagick).
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
photo="$work/photo-4000x3000.jpg"
[ -s "$photo" ] || convert -seed 5 -size 4000x3000 plasma:fractal -blur 0x2 \
  -fill '#f0c020' -draw 'circle 2000,1500 2000,2400' -quality 90 "$photo"

ours="$bin preview $photo --format sixel --size 80x40 --cell-size 8x8"
theirs="chafa -f sixels --size 80x40 $photo"
raster() { "$@" | head -c 64 | grep -ao '"1;1;[0-9]*;[0-9]*' | head -1 | cut -d';' -f3-4 | tr ';' 'x'; }
echo "sixel sizes: ideogram-tui $(raster $ours) px, chafa $(raster $theirs) px"

hyperfine -N --warmup 3 --runs 40 --export-json "$work/sixel-4000x3000.json" "$ours" "$theirs" >/dev/null
python3 - "$work/sixel-4000x3000.json" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))["results"]
ours, theirs = r[0], r[1]
ms = lambda x: f"{x*1000:.1f} ms"
print(f"sixel 4000x3000 JPEG into 80x40: ideogram-tui median {ms(ours['median'])} (mean {ms(ours['mean'])} ±{ms(ours['stddev'])}), "
      f"chafa median {ms(theirs['median'])} (mean {ms(theirs['mean'])} ±{ms(theirs['stddev'])}); "
      f"ratio {ours['median']/theirs['median']:.2f}x by medians, {ours['mean']/theirs['mean']:.2f}x by means (target <= 1.0x); "
      f"CPU (user+sys) {ms(ours['user']+ours['system'])} vs {ms(theirs['user']+theirs['system'])}")
PY
