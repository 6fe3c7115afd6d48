#!/usr/bin/env bash
# Issue 16: keystrokes in the v2 parameters pane stay under 16 ms and nothing waits on the
# network: through a pty, against ideogram-fake answering after 150 ms, `m` opens the model
# chooser, "stan" filters, Enter picks topaz-standard-2, Tab focuses the pane, then the factor
# stepped 12 times, the fields walked, a slider stepped 20 times and back, 80 ms apart (faster
# than the quote's pause, so the quotes wait for the typing to stop). Prints each group's
# key → frame time and the quotes the fake received. Release build. Environment: SCRATCH.
set -euo pipefail
cd "$(dirname "$0")/.."
scratch=${SCRATCH:-.build}
for product in ideogram-tui ideogram-fake; do
  swift build -c release --static-swift-stdlib --scratch-path "$scratch" --product "$product" >/dev/null
done
bindir="$(swift build -c release --static-swift-stdlib --scratch-path "$scratch" --show-bin-path)"
work=$(mktemp -d /tmp/ideogram-pane-keys.XXXXXX)
fake_pid=""
trap '[ -n "$fake_pid" ] && kill "$fake_pid" 2>/dev/null; rm -rf "$work"' EXIT
mkdir -p "$work"/{pics,home,data,config,state}
for i in $(seq -w 1 6); do convert -size 1600x1200 plasma:fractal -quality 85 "$work/pics/p$i.jpg"; done
"$bindir/ideogram-fake" --port 0 --latency-ms 150 > "$work/fake.log" 2>&1 &
fake_pid=$!
for _ in $(seq 100); do grep -q "http://" "$work/fake.log" && break; sleep 0.1; done
url=$(grep -o "http://127.0.0.1:[0-9]*" "$work/fake.log" | head -1)
echo "machine: $(nproc) cores, load average $(cut -d" " -f1-3 /proc/loadavg)"
python3 bench/ui-pty.py --cols 120 --rows 40 --ready-text p01.jpg \
  --keys "open:m*1,filter:stan*1,pick:ENTER*1,focus:TAB*1,factor:l*12,fields:j*6,slider:l*20,back:k*6" \
  --key-gap-ms 80 --quiet-ms 60 --quit-key q \
  --env HOME="$work/home" --env XDG_DATA_HOME="$work/data" --env XDG_CONFIG_HOME="$work/config" \
  --env XDG_STATE_HOME="$work/state" --env IDEOGRAM_API_KEY=test-key \
  -- "$bindir/ideogram-tui" "$work/pics" --base-url "$url" > "$work/keys.json"
python3 - "$work/keys.json" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
worst = 0.0
for k in d.get("keys", []):
    drawn = k["to_drawn"]
    worst = max(worst, drawn["max"])
    print(f"{k['name']:7} n={drawn['n']:2}  frame drawn median {drawn['median']:.2f} ms, p95 {drawn['p95']:.2f} ms, max {drawn['max']:.2f} ms")
print(f"slowest key: {worst:.2f} ms (target < 16 ms: {'yes' if worst < 16 else 'NO'})")
PY
echo "quotes the fake received: $(curl -s "$url/_fake/v2/calls" | python3 -c 'import json,sys; print(sum(1 for c in json.load(sys.stdin) if c.get("kind") == "quote"))')"
