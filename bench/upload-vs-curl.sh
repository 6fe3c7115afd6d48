#!/usr/bin/env bash
# Issue 2's benchmark: upload a 10 MB PNG to the fake service with `ideogram-tui upscale` and with
# `curl -F`, side by side in one run on the release build, and report the wall-time ratio and the
# client's peak memory against the file size. Both ask for the answer only (--no-download), so
# both do the same work: one multipart upload and one JSON answer.
set -euo pipefail
cd "$(dirname "$0")/.."
command -v hyperfine >/dev/null || { echo "needs hyperfine (apt-get install hyperfine)"; exit 2; }
[ -x /usr/bin/time ] || { echo "needs GNU time (apt-get install time)"; exit 2; }

# BUILD_PATH picks another scratch folder (e.g. one that already holds a release build).
# BIN runs an already built release binary as it is (the fake service is FAKE_BIN, default
# ideogram-fake beside it). READ_MBIT=100 has the fake read uploads no faster than 100 Mbit/s,
# to compare over a link slower than loopback.
# The release build links the Swift runtime statically, as shipped (see the README).
scratch=(--static-swift-stdlib --scratch-path "${BUILD_PATH:-.build}")
if [ -z "${BIN:-}" ]; then
  swift build -c release "${scratch[@]}" --product ideogram-tui >/dev/null
  swift build -c release "${scratch[@]}" --product ideogram-fake >/dev/null
  BIN=$(swift build -c release "${scratch[@]}" --show-bin-path)/ideogram-tui
fi
bin=$BIN
fake_bin=${FAKE_BIN:-$(dirname "$bin")/ideogram-fake}
work=bench/.work; mkdir -p "$work"
python3 bench/make-noise-png.py "$work/big.png" 9900000 >/dev/null
size=$(stat -c %s "$work/big.png")

"$fake_bin" --port 0 --max-upload-mb 20 ${READ_MBIT:+--read-mbit "$READ_MBIT"} > "$work/fake.log" &
fake=$!
trap 'kill $fake 2>/dev/null' EXIT
for _ in $(seq 50); do grep -q "http://" "$work/fake.log" 2>/dev/null && break; sleep 0.1; done
base=$(sed -n 's/^fake Ideogram service on \(http:[^ ]*\).*/\1/p' "$work/fake.log")

export IDEOGRAM_API_KEY=test-key
# A history of its own, so the runs neither read nor fill the user's.
export XDG_DATA_HOME=$work/data; rm -rf "$XDG_DATA_HOME"
ours="$bin upscale $work/big.png --base-url $base --max-upload-mb 20 --no-download"
theirs="curl -sS -f -o /dev/null -H 'Expect:' -H 'Api-Key: test-key' -F image_file=@$work/big.png;type=image/png -F image_request={} $base/upscale"

# This machine's speed drifts by 20-30% over minutes, and hyperfine runs every run of one command
# before the next: the ratio then depends on when each block ran. So the two commands alternate
# in blocks of 5 (the order swapped each round) over 30 rounds, 150 runs each, and the ratio
# reported is the median of the rounds' ratios (each round's medians, measured side by side).
rounds=30
for round in $(seq $rounds); do
  if (( round % 2 )); then first=$ours second=$theirs; else first=$theirs second=$ours; fi
  hyperfine -N --warmup 1 --runs 5 --export-json "$work/upload-$round.json" "$first" "$second" >/dev/null 2>"$work/hyperfine.log" \
    || { cat "$work/hyperfine.log"; exit 1; }
done
python3 - "$work" "$rounds" "$bin" <<'PY'
import json, statistics, sys
work, rounds, binary = sys.argv[1], int(sys.argv[2]), sys.argv[3]
ours, curl, ratios = [], [], []
for n in range(1, rounds + 1):
    results = json.load(open(f"{work}/upload-{n}.json"))["results"]
    mine = next(r for r in results if r["command"].startswith(binary))
    theirs = next(r for r in results if r["command"].startswith("curl"))
    ours += mine["times"]; curl += theirs["times"]
    ratios.append(mine["median"] / theirs["median"])
o, c = statistics.median(ours) * 1000, statistics.median(curl) * 1000
print(f"upload 10 MB PNG, {len(ours)} runs each, alternating: ideogram-tui {o:.1f} ms, curl {c:.1f} ms (medians); "
      f"ratio {statistics.median(ratios):.2f}x, median of {rounds} rounds (from {min(ratios):.2f}x to {max(ratios):.2f}x) (target < 1.3x)")
PY

# Peak RSS varies by a few MB from run to run (threads, when the kernel frees pages): 11 runs
# each, median and largest.
peaks() { for _ in $(seq 11); do /usr/bin/time -o "$work/rss" -f %M "$@" >/dev/null 2>&1; cat "$work/rss"; done; }
peak=$(peaks $ours | sort -n | tr '\n' ' ')
idle=$(peaks "$bin" --version | sort -n | tr '\n' ' ')
python3 - "$peak" "$idle" "$size" <<'PY'
import sys, statistics
peaks = [int(v) * 1024 for v in sys.argv[1].split()]
idles = [int(v) * 1024 for v in sys.argv[2].split()]
size = int(sys.argv[3])
peak, idle = statistics.median(peaks), statistics.median(idles)
print(f"peak RSS uploading {size/1e6:.1f} MB, median of {len(peaks)}: {peak/1e6:.1f} MB = {peak/size:.2f}x the file, "
      f"largest {max(peaks)/1e6:.1f} MB = {max(peaks)/size:.2f}x (target < 3x); "
      f"the process alone (--version) {idle/1e6:.1f} MB, so the upload adds {(peak-idle)/1e6:.1f} MB = {(peak-idle)/size:.2f}x")
PY
