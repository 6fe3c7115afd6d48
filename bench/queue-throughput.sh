#!/usr/bin/env bash
# Issue 3's benchmark: 400 jobs of 64 KB PNGs through `ideogram-tui upscale` at concurrency 8,
# against the fake service in another process answering each upscale after 100 ms. Reports the
# wall time against the ideal 400 x 0.1 s / 8 = 5 s (target <= 1.15x) and the client process's
# CPU time (user + sys, GNU time) per job (target < 5 ms). Random seeds: nothing is deduplicated.
# Each run starts with a fresh history and output folder; RUNS runs (default 3), median shown.
# Needs python3, curl and GNU time.
set -euo pipefail
cd "$(dirname "$0")/.."
[ -x /usr/bin/time ] || { echo "needs GNU time (apt-get install time)"; exit 2; }
jobs=400; concurrency=8; latency_ms=100; runs=${RUNS:-3}

# SCRATCH, BIN and FAKE_BIN: see bench/release-build.sh.
. bench/release-build.sh
release_build ideogram-tui ideogram-fake
# Absolute: a relative XDG_DATA_HOME is ignored (XDG spec) and runs would write the real history.
work=$PWD/bench/.work/queue
mkdir -p "$work/images"
if [ "$(ls "$work/images" | wc -l)" -ne $jobs ]; then
  rm -f "$work"/images/*
  python3 bench/make-noise-png.py "$work/source.png" 64000 >/dev/null
  for i in $(seq -w 1 $jobs); do cp "$work/source.png" "$work/images/img$i.png"; done
fi
size=$(stat -c %s "$work/source.png")
# Each run writes into folders of its own, removed at the end: deleting a run's 800 files
# just before the next makes ext4 slower at creating new ones (it skips recently freed inodes).
runs_dir=$(mktemp -d "$work/runs.XXXXXX")

"$fake_bin" --port 0 --latency-ms $latency_ms --max-in-flight 10 > "$work/fake.log" &
fake=$!
trap 'kill $fake 2>/dev/null; rm -rf "$runs_dir"' EXIT
for _ in $(seq 100); do grep -q "http://" "$work/fake.log" 2>/dev/null && break; sleep 0.1; done
base=$(sed -n 's/^fake Ideogram service on \(http:[^ ]*\).*/\1/p' "$work/fake.log")

export IDEOGRAM_API_KEY=test-key
for run in $(seq $runs); do
  out="$runs_dir/$run/out"; data="$runs_dir/$run/data"; mkdir -p "$out" "$data"
  before=$(curl -sS "$base/_fake/requests" | python3 -c 'import json,sys; print(len(json.load(sys.stdin)))')
  fake_cpu_before=$(awk '{print $14 + $15}' /proc/$fake/stat)
  XDG_DATA_HOME="$data" /usr/bin/time -f "%e %U %S %M" -o "$work/time-$run.txt" \
    "$bin" upscale "$work"/images/*.png --base-url "$base" --concurrency $concurrency --out "$out" \
    > "$work/run-$run.tsv" 2> "$work/run-$run.err" || { echo "run $run failed:"; cat "$work/run-$run.err"; exit 1; }
  echo $(( $(awk '{print $14 + $15}' /proc/$fake/stat) - fake_cpu_before )) $(getconf CLK_TCK) > "$work/fake-cpu-$run.txt"
  ok=$(grep -c "^ok" "$work/run-$run.tsv" || true)
  sent=$(curl -sS "$base/_fake/requests" | python3 -c 'import json,sys; r=json.load(sys.stdin); print(sum(1 for x in r if x["status"]==200))')
  [ "$ok" -eq $jobs ] || { echo "run $run: only $ok of $jobs results saved"; exit 1; }
  [ "$((sent - before))" -eq $jobs ] || echo "run $run: the fake answered $((sent - before)) requests (not $jobs): retries after 429?"
done

python3 - "$work" "$runs" "$jobs" "$concurrency" "$latency_ms" "$size" <<'PY'
import statistics, sys
work, runs, jobs, conc, latency, size = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4]), int(sys.argv[5]), int(sys.argv[6])
ideal = jobs * latency / 1000 / conc
rows = []
for run in range(1, runs + 1):
    wall, user, sys_, rss = open(f"{work}/time-{run}.txt").read().split()[:4]
    wall, cpu = float(wall), float(user) + float(sys_)
    ticks, hz = open(f"{work}/fake-cpu-{run}.txt").read().split()
    rows.append((wall, cpu, float(user), float(sys_), int(rss)))
    print(f"run {run}: wall {wall:.2f} s = {wall/ideal:.3f}x ideal; CPU {cpu:.2f} s (user {user}, sys {sys_}) = {cpu/jobs*1000:.2f} ms/job; "
          f"peak RSS {int(rss)/1024:.0f} MB; the fake service used {int(ticks)/int(hz)/jobs*1000:.1f} ms CPU/job")
wall = statistics.median(r[0] for r in rows)
cpu = statistics.median(r[1] for r in rows)
print(f"{jobs} jobs x {size/1000:.0f} kB, concurrency {conc}, fake latency {latency} ms: "
      f"median wall {wall:.2f} s vs ideal {ideal:.2f} s = {wall/ideal:.3f}x (target <= 1.15x); "
      f"median client CPU {cpu/jobs*1000:.2f} ms/job (target < 5 ms)")
PY
