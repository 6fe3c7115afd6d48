#!/usr/bin/env bash
# Uploads through `ideogram-tui upscale --no-download` against `curl -F`, side by side in one
# run on the release build:
#   1. a 10 MB PNG over a link limited to 100 Mbit/s (the fake reads bodies no faster: --read-mbit)
#      target: within 1.05x of curl's wall time
#   2. the same upload over plain loopback: mostly process start; reported, no target
#   3. peak memory uploading a 45 MB image against a 9 MB one (--max-upload-mb 50)
#      target: within 5 MB of each other (memory does not grow with the file)
# Both clients ask for the answer only, so both do the same work: one multipart upload and one
# JSON answer. Environment: BUILD_PATH (scratch folder, default .build), ROUNDS (default 8).
set -euo pipefail
cd "$(dirname "$0")/.."
command -v hyperfine >/dev/null || { echo "needs hyperfine (apt-get install hyperfine)"; exit 2; }
[ -x /usr/bin/time ] || { echo "needs GNU time (apt-get install time)"; exit 2; }

# The release build links the Swift runtime statically, as the README ships it.
scratch=(--static-swift-stdlib --scratch-path "${BUILD_PATH:-.build}")
for product in ideogram-tui ideogram-fake; do
  swift build -c release "${scratch[@]}" --product "$product" >/dev/null 2>&1
done
bindir=$(swift build -c release "${scratch[@]}" --show-bin-path)
bin=$bindir/ideogram-tui
rounds=${ROUNDS:-8}
work=bench/.work/upload; mkdir -p "$work"
python3 bench/make-noise-png.py "$work/10mb.png" 9900000 >/dev/null
python3 bench/make-noise-png.py "$work/9mb.png" 9000000 >/dev/null
python3 bench/make-noise-png.py "$work/45mb.png" 45000000 >/dev/null

fakes=()
trap 'for p in "${fakes[@]}"; do kill "$p" 2>/dev/null; done' EXIT
# Starts a fake with the given flags and prints its base URL.
start_fake() {
  local log=$work/fake-$#-$RANDOM.log
  "$bindir/ideogram-fake" --port 0 --max-upload-mb 50 "$@" > "$log" 2>&1 &
  fakes+=($!)
  for _ in $(seq 100); do grep -q "http://" "$log" 2>/dev/null && break; sleep 0.05; done
  sed -n 's/.*\(http:\/\/[0-9.:]*\).*/\1/p' "$log" | head -1
}
throttled=$(start_fake --read-mbit 100)
loopback=$(start_fake)

export IDEOGRAM_API_KEY=test-key
# A history of its own, so the runs neither read nor fill the user's.
export XDG_DATA_HOME=$work/data; rm -rf "$XDG_DATA_HOME"
ours() { echo "$bin upscale $1 --base-url $2 --max-upload-mb 50 --no-download"; }
theirs() { echo "curl -sS -f -o /dev/null -H 'Expect:' -H 'Api-Key: test-key' -F image_file=@$1;type=image/png -F image_request={} $2/upscale"; }

# This machine's speed drifts over minutes and hyperfine runs every run of one command before the
# next, so the two commands alternate in blocks of 3 (the order swapped each round); the ratio is
# the median of the rounds' ratios.
compare() {
  local name=$1 file=$2 base=$3 target=$4
  local a b tag=${name//[^A-Za-z0-9]/_}
  a=$(ours "$file" "$base"); b=$(theirs "$file" "$base")
  for round in $(seq "$rounds"); do
    if (( round % 2 )); then set -- "$a" "$b"; else set -- "$b" "$a"; fi
    hyperfine -N --warmup 1 --runs 3 --export-json "$work/$tag-$round.json" "$1" "$2" >/dev/null 2>"$work/hyperfine.log" \
      || { cat "$work/hyperfine.log"; exit 1; }
  done
  python3 - "$work" "$name" "$rounds" "$bin" "$target" "$tag" <<'PY'
import json, statistics, sys
work, name, rounds, binary, target, tag = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4], sys.argv[5], sys.argv[6]
ours, curl, ratios = [], [], []
for n in range(1, rounds + 1):
    results = json.load(open(f"{work}/{tag}-{n}.json"))["results"]
    mine = next(r for r in results if r["command"].startswith(binary))
    theirs = next(r for r in results if r["command"].startswith("curl"))
    ours += mine["times"]; curl += theirs["times"]
    ratios.append(mine["median"] / theirs["median"])
o, c, r = statistics.median(ours) * 1000, statistics.median(curl) * 1000, statistics.median(ratios)
verdict = f"target < {target}x: {'met' if r < float(target) else 'NOT met'}" if target != "-" else "no target"
print(f"{name}: ideogram-tui {o:.1f} ms, curl {c:.1f} ms (medians of {len(ours)} runs each); "
      f"ratio {r:.3f}x (rounds {min(ratios):.3f}x to {max(ratios):.3f}x); {verdict}")
PY
}
compare "10 MB at 100 Mbit/s" "$work/10mb.png" "$throttled" 1.05
compare "10 MB over loopback" "$work/10mb.png" "$loopback" -

# Peak RSS varies by a few MB from run to run: 7 runs each, the median.
peak() { for _ in $(seq 7); do /usr/bin/time -o "$work/rss" -f %M $(ours "$1" "$loopback") >/dev/null 2>&1; cat "$work/rss"; done | sort -n | sed -n 4p; }
small=$(peak "$work/9mb.png")
large=$(peak "$work/45mb.png")
python3 - "$small" "$large" <<'PY'
import sys
small, large = int(sys.argv[1]) / 1024, int(sys.argv[2]) / 1024
diff = large - small
print(f"peak RSS uploading: 9 MB image {small:.1f} MB, 45 MB image {large:.1f} MB (medians of 7); "
      f"difference {diff:+.1f} MB; target within 5 MB: {'met' if abs(diff) < 5 else 'NOT met'}")
PY
