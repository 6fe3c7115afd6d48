#!/usr/bin/env bash
# Issue 18's "Scale" figures for a history of 10,000 jobs, on the release build:
#   1. start to first frame with that history         target < 150 ms  (pty, bench/ui-pty.py)
#   2. a keystroke in the results pane                 target < 16 ms   (pty: ↓, ↑, PgDn past the
#                                                                        first page, so pages load)
#   3. `ideogram-tui history --json`                   target < 0.5 s   (hyperfine; the default 50
#                                                                        jobs and --limit 10000; the
#                                                                        tab-separated listing of every
#                                                                        job beside it, no target)
# The history is made the way users make it: `ideogram-tui upscale` against the fake service
# (no latency, results not downloaded), 1,000 files a run, 10 runs into one history. It is kept
# in bench/.work/history and made again only when it does not hold JOBS jobs.
#
# Environment: SCRATCH (build folder, default .build), JOBS (default 10000), RUNS (start-up runs,
# default 10).
set -euo pipefail
cd "$(dirname "$0")/.."
scratch=${SCRATCH:-.build}
jobs=${JOBS:-10000}
runs=${RUNS:-10}
batch=1000
command -v hyperfine >/dev/null || { echo "needs hyperfine"; exit 2; }

echo "machine: $(nproc) cores, load average $(cut -d" " -f1-3 /proc/loadavg) at start"
for product in ideogram-tui ideogram-fake; do
  swift build -c release --static-swift-stdlib --scratch-path "$scratch" --product "$product" > "/tmp/history-scale-build-$$.log" 2>&1 \
    || { cat "/tmp/history-scale-build-$$.log"; exit 1; }
done
rm -f "/tmp/history-scale-build-$$.log"
bindir=$(swift build -c release --static-swift-stdlib --scratch-path "$scratch" --show-bin-path)
tui="$bindir/ideogram-tui"

work=$PWD/bench/.work/history
mkdir -p "$work"/{home,config,state,results,data}
fake_pid=""
cleanup() { [ -n "$fake_pid" ] && kill "$fake_pid" 2>/dev/null && wait "$fake_pid" 2>/dev/null; true; }
trap cleanup EXIT

"$bindir/ideogram-fake" --port 0 --max-in-flight 64 > "$work/fake.log" 2>&1 &
fake_pid=$!
for _ in $(seq 300); do grep -q "http://" "$work/fake.log" 2>/dev/null && break; sleep 0.1; done
base=$(sed -n 's/^fake Ideogram service on \(http:[^ ]*\).*/\1/p' "$work/fake.log")
[ -n "$base" ] || { echo "the fake service did not start:"; cat "$work/fake.log"; exit 1; }

export HOME="$work/home" XDG_CONFIG_HOME="$work/config" XDG_STATE_HOME="$work/state" XDG_DATA_HOME="$work/data"
export IDEOGRAM_API_KEY=test-key IDEOGRAM_OUTPUT_DIR="$work/results"

count_jobs() { "$tui" history --json --limit 1000000 2>/dev/null | wc -l; }
if [ "$(count_jobs)" -ne "$jobs" ]; then
  echo "making a history of $jobs jobs (upscale against the fake, $batch files a run)…"
  rm -rf "$work/data" "$work/images" && mkdir -p "$work/data" "$work/images"
  python3 bench/make-noise-png.py "$work/source.png" 3000 >/dev/null
  for i in $(seq -w 1 "$jobs"); do ln "$work/source.png" "$work/images/job-$i.png"; done
  started=$(date +%s)
  ls "$work/images" | sort | split -l "$batch" - "$work/batch-"
  for list in "$work"/batch-*; do
    (cd "$work/images" && xargs -a "$list" "$tui" upscale --base-url "$base" --concurrency 10 --no-download) \
      > "$work/upscale.tsv" 2> "$work/upscale.err" || { echo "upscale failed:"; tail "$work/upscale.err"; exit 1; }
    rm "$list"
  done
  echo "made in $(( $(date +%s) - started )) s"
  [ "$(count_jobs)" -eq "$jobs" ] || { echo "the history holds $(count_jobs) jobs, not $jobs"; exit 1; }
fi
newest=$(ls "$work/images" | sort | tail -1)
echo "history: $work/data/ideogram-tui/history.sqlite* ($(du -ch "$work"/data/ideogram-tui/history.sqlite* | tail -1 | cut -f1)), newest job $newest"

results="$work/results.jsonl"
: > "$results"
pty="python3 bench/ui-pty.py"
uienv=(--env "HOME=$HOME" --env "XDG_CONFIG_HOME=$XDG_CONFIG_HOME" --env "XDG_DATA_HOME=$XDG_DATA_HOME"
       --env "XDG_STATE_HOME=$XDG_STATE_HOME" --env "IDEOGRAM_API_KEY=test-key" --env "IDEOGRAM_OUTPUT_DIR=$IDEOGRAM_OUTPUT_DIR")
record() {
  local label=$1; shift
  local out
  out=$($pty "$@") || { echo "$label: $out"; return 1; }
  python3 -c 'import json,sys; r=json.loads(sys.argv[2]); r["label"]=sys.argv[1]; print(json.dumps(r))' "$label" "$out" >> "$results"
}

echo "start-up: $runs runs…"
for _ in $(seq "$runs"); do
  record "start" --cols 120 --rows 40 --ready-text "$newest" "${uienv[@]}" --quit-key q -- "$tui" "$work/home" --base-url "$base"
done
echo "keystrokes in the results pane…"
record "keys" --cols 120 --rows 40 --ready-text "$newest" "${uienv[@]}" \
  --keys "pane:TAB*1,pane:TAB*1,down:DOWN*100,up:UP*100,pgdn:PGDN*100,pgup:PGUP*30" --quit-key q \
  -- "$tui" "$work/home" --base-url "$base"

echo "history --json…"
hyperfine -N --warmup 2 --runs 15 --export-json "$work/hyperfine.json" \
  "$tui history --json" "$tui history --json --limit $jobs" "$tui history --limit $jobs" > "$work/hyperfine.txt"

echo
python3 - "$results" "$work/hyperfine.json" "$jobs" <<'PY'
import json, statistics, sys
rows = [json.loads(line) for line in open(sys.argv[1])]
jobs = sys.argv[3]
starts = [r for r in rows if r["label"] == "start"]
for key, name in (("first_frame_ms", "first frame"), ("ready_ms", "newest job on screen")):
    values = [r[key] for r in starts if r.get(key) is not None]
    if values:
        m = statistics.median(values)
        print(f"start, {jobs}-job history: {name} {m:.1f} ms [{min(values):.1f}–{max(values):.1f}] ({m / 150:.2f}x the 150 ms target)")
for r in (r for r in rows if r["label"] == "keys"):
    for g in r.get("keys", []):
        d = g["to_drawn"]
        if d is None:
            print(f"key {g['name']:6} no output")
            continue
        print(f"key {g['name']:6} in the results pane: median {d['median']:.2f} / p95 {d['p95']:.2f} / max {d['max']:.2f} ms  n={d['n']}  "
              f"(p95 {d['p95'] / 16:.2f}x the 16 ms target)")
for result in json.load(open(sys.argv[2]))["results"]:
    command = result['command'].split('/')[-1]
    target = f" ({result['median'] / 0.5:.2f}x the 0.5 s target)" if "--json" in command else ""
    print(f"{command:40} median {result['median'] * 1000:.1f} ms, mean {result['mean'] * 1000:.1f} ± {result['stddev'] * 1000:.1f} ms, "
          f"CPU {(result['user'] + result['system']) * 1000:.1f} ms{target}")
PY
