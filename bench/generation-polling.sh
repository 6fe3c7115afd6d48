#!/usr/bin/env bash
# Issue 15's benchmark: 40 images through `ideogram-tui upscale --model topaz-standard-2` against
# the fake service in another process, whose v2 generations take 2 s and which allows 10 images
# in flight. Reports, side by side: the wall time against the ideal 40 / 10 x 2 s = 8 s (target
# <= 1.4x), the polls per job from the fake's own record of each generation (target <= 4), and
# the client process's CPU time (user + sys, GNU time) per job (target < 5 ms). Every run gets
# a fresh fake, history and output folder; RUNS runs (default 3), median shown.
# Needs python3, curl and GNU time. Paths are absolute: a relative XDG_DATA_HOME is ignored (XDG).
set -euo pipefail
cd "$(dirname "$0")/.."
[ -x /usr/bin/time ] || { echo "needs GNU time (apt-get install time)"; exit 2; }
jobs=40; in_flight=10; generation_ms=2000; model=topaz-standard-2; runs=${RUNS:-3}

# SCRATCH, BIN and FAKE_BIN: see bench/release-build.sh.
. bench/release-build.sh
release_build ideogram-tui ideogram-fake
work=$PWD/bench/.work/generations
mkdir -p "$work/images"
if [ "$(ls "$work/images" | wc -l)" -ne $jobs ]; then
  rm -f "$work"/images/*
  python3 bench/make-noise-png.py "$work/source.png" 64000 >/dev/null
  for i in $(seq -w 1 $jobs); do cp "$work/source.png" "$work/images/img$i.png"; done
fi
runs_dir=$(mktemp -d "$work/runs.XXXXXX")
fake=
trap '[ -n "$fake" ] && kill $fake 2>/dev/null; rm -rf "$runs_dir"' EXIT

export IDEOGRAM_API_KEY=test-key
for run in $(seq $runs); do
  out="$runs_dir/$run/out"; data="$runs_dir/$run/data"; mkdir -p "$out" "$data"
  "$fake_bin" --port 0 --generation-ms $generation_ms --max-in-flight $in_flight > "$work/fake-$run.log" &
  fake=$!
  for _ in $(seq 100); do grep -q "http://" "$work/fake-$run.log" 2>/dev/null && break; sleep 0.1; done
  base=$(sed -n 's/^fake Ideogram service on \(http:[^ ]*\).*/\1/p' "$work/fake-$run.log")
  XDG_DATA_HOME="$data" /usr/bin/time -f "%e %U %S %M" -o "$work/time-$run.txt" \
    "$bin" upscale "$work"/images/*.png --model $model --base-url "$base" --dialect official --out "$out" \
    > "$work/run-$run.tsv" 2> "$work/run-$run.err" || { echo "run $run failed:"; cat "$work/run-$run.err"; exit 1; }
  ok=$(grep -c "^ok" "$work/run-$run.tsv" || true)
  [ "$ok" -eq $jobs ] || { echo "run $run: only $ok of $jobs results saved"; exit 1; }
  curl -sS "$base/_fake/v2/generations" > "$work/generations-$run.json"
  curl -sS "$base/_fake/v2/calls" > "$work/calls-$run.json"
  kill $fake; wait $fake 2>/dev/null || true; fake=
done

python3 - "$work" "$runs" "$jobs" "$in_flight" "$generation_ms" <<'PY'
import json, statistics, sys
work, runs, jobs, in_flight, generation_ms = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4]), int(sys.argv[5])
ideal = jobs / in_flight * generation_ms / 1000
rows = []
for run in range(1, runs + 1):
    wall, user, sys_, rss = open(f"{work}/time-{run}.txt").read().split()[:4]
    wall, cpu = float(wall), float(user) + float(sys_)
    generations = json.load(open(f"{work}/generations-{run}.json"))
    calls = json.load(open(f"{work}/calls-{run}.json"))
    posts = [c for c in calls if c["kind"] == "upscale"]
    refused = sum(1 for c in posts if c["status"] != 200)
    polls = [c for c in calls if c["kind"] == "poll"]
    assert len(generations) == jobs and all(g["status"] == "completed" for g in generations), "every generation completed once"
    per_job = sum(g["polls"] for g in generations) / jobs
    most = max(g["polls"] for g in generations)
    rate_limited = sum(1 for c in polls if c["status"] == 429)
    rows.append((wall, per_job, cpu))
    print(f"run {run}: wall {wall:.2f} s = {wall/ideal:.3f}x ideal; polls/job {per_job:.2f} (most {most}, 429 {rate_limited}); "
          f"POSTs {len(posts)} ({refused} refused); CPU {cpu:.2f} s (user {user}, sys {sys_}) = {cpu/jobs*1000:.2f} ms/job; "
          f"peak RSS {int(rss)/1024:.0f} MB")
wall = statistics.median(r[0] for r in rows)
per_job = statistics.median(r[1] for r in rows)
cpu = statistics.median(r[2] for r in rows)
print(f"{jobs} images, generations of {generation_ms} ms, {in_flight} in flight: median wall {wall:.2f} s vs ideal {ideal:.2f} s "
      f"= {wall/ideal:.3f}x (target <= 1.4x); median polls/job {per_job:.2f} (target <= 4); "
      f"median client CPU {cpu/jobs*1000:.2f} ms/job (target < 5 ms)")
PY
