#!/usr/bin/env bash
# Issue 17: a keystroke that moves the selection draws its frame (cells, or the placeholder while
# the pixels load) within 16 ms in a pixel mode too. Side by side in one run: the same folder of
# 24 photographs (1600x1200 JPEG) through a pty, selection moved down (uncached: decode and
# encode off the loop) and back up (cached), with IDEOGRAM_PREVIEW=symbols and =sixel.
# "to_drawn" is key → the frame ncurses writes; "to_settled" also waits for the picture itself.
# Release build. Environment: SCRATCH (build folder, default .build).
set -euo pipefail
cd "$(dirname "$0")/.."
scratch=${SCRATCH:-.build}
swift build -c release --static-swift-stdlib --scratch-path "$scratch" --product ideogram-tui >/dev/null
tui="$(swift build -c release --static-swift-stdlib --scratch-path "$scratch" --show-bin-path)/ideogram-tui"
work=$(mktemp -d /tmp/ideogram-pixel-keys.XXXXXX)
trap 'rm -rf "$work"' EXIT
mkdir -p "$work"/{pics,home,data,config,state}
for i in $(seq -w 1 24); do convert -size 1600x1200 plasma:fractal -quality 85 "$work/pics/p$i.jpg"; done
echo "machine: $(nproc) cores, load average $(cut -d" " -f1-3 /proc/loadavg)"
for mode in symbols sixel; do
  python3 bench/ui-pty.py --cols 120 --rows 40 --ready-text p01.jpg --keys "down:DOWN*23,up:UP*23" \
    --key-gap-ms 120 --quiet-ms 60 --quit-key q \
    --env HOME="$work/home" --env XDG_DATA_HOME="$work/data" --env XDG_CONFIG_HOME="$work/config" \
    --env XDG_STATE_HOME="$work/state" --env IDEOGRAM_API_KEY=test-key --env IDEOGRAM_PREVIEW=$mode \
    -- "$tui" "$work/pics" --base-url http://127.0.0.1:9 > "$work/$mode.json"
  python3 - "$work/$mode.json" "$mode" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
for k in d.get("keys", []):
    drawn, settled = k["to_drawn"], k["to_settled"]
    ok = "yes" if drawn["p95"] < 16 else "NO"
    print(f"{sys.argv[2]:8} {k['name']:5} frame drawn median {drawn['median']:.1f} ms, p95 {drawn['p95']:.1f} ms (target < 16 ms: {ok}); "
          f"picture in median {settled['median']:.1f} ms, p95 {settled['p95']:.1f} ms")
PY
done
