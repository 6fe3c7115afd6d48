#!/usr/bin/env bash
# Issue 4's "Speed" benchmarks for the terminal UI, on the release build:
#   1. start to first frame            target < 150 ms   (from outside, through a pty)
#   2. a keystroke in 100,000 entries  target < 16 ms    (move and filter: from outside through a
#                                                          pty, and in-process update+render)
#   3. rendering a 200x60 screen       target < 2 ms     (in-process: bench/ui-bench)
#   4. CPU while idle                  target ~0         (10 s with no input, /proc/PID/stat)
#   5. memory at rest                  target < 40 MB    (VmRSS of the idle UI)
#   6. issue 18: the 100,000-entry folder's first screenful of names on screen within 0.5x the
#      wall time of `ls -l` on the same folder (hyperfine, output to /dev/null, in the same run)
# Side by side with less and vim (plain ncurses/termcap programs) on the same 100,000 names
# where the comparison means something. Every figure is printed with its target and ratio.
#
# Environment: SCRATCH (build folder, default .build), RUNS (start-up runs, default 10),
# IDLE (idle seconds, default 10), ENTRIES (default 100000), ITERATIONS (ui-bench, default 2000).
set -euo pipefail
cd "$(dirname "$0")/.."
scratch=${SCRATCH:-.build}
runs=${RUNS:-10}
idle=${IDLE:-10}
entries=${ENTRIES:-100000}
iterations=${ITERATIONS:-2000}

echo "machine: $(nproc) cores, load average $(cut -d" " -f1-3 /proc/loadavg) at start"
echo "building (release, $scratch)…"
for product in ideogram-tui ideogram-fake ui-bench; do
  swift build -c release --static-swift-stdlib --scratch-path "$scratch" --product "$product" > "/tmp/ui-speed-build-$$.log" 2>&1 \
    || { cat "/tmp/ui-speed-build-$$.log"; exit 1; }
done
rm -f "/tmp/ui-speed-build-$$.log"
bindir=$(swift build -c release --static-swift-stdlib --scratch-path "$scratch" --show-bin-path)
tui="$bindir/ideogram-tui"
pty="python3 bench/ui-pty.py"

work=$PWD/bench/.work/ui
rm -rf "$work/home" "$work/data" "$work/state" "$work/config" "$work/results"
mkdir -p "$work"/{home,data,state,config,results}
fake_pid=""
cleanup() { [ -n "$fake_pid" ] && kill "$fake_pid" 2>/dev/null && wait "$fake_pid" 2>/dev/null; true; }
trap cleanup EXIT

# Folders: six sample pictures, and ENTRIES hard links to one PNG (real headers, little disk).
python3 - "$work" "$entries" <<'PY'
import os, struct, sys, zlib
work, count = sys.argv[1], int(sys.argv[2])
def png(width, height, seed):
    raw = bytearray()
    for y in range(height):
        raw.append(0)
        for x in range(width):
            raw += bytes(((x * 255) // width, (y * 255) // height, (seed * 40 + x + y) % 256))
    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(bytes(raw), 6)) + chunk(b"IEND", b""))
small = os.path.join(work, "small")
os.makedirs(small, exist_ok=True)
for i, (name, w, h) in enumerate([("harbour-at-dawn.png", 640, 427), ("portrait-study.png", 400, 600), ("city-lights.png", 800, 450),
                                  ("forest-path.png", 512, 512), ("desert-dunes.png", 720, 360), ("tiny-icon.png", 96, 96)]):
    path = os.path.join(small, name)
    if not os.path.exists(path):
        open(path, "wb").write(png(w, h, i))
big = os.path.join(work, f"big-{count}")
if not os.path.isdir(big) or len(os.listdir(big)) != count:
    os.makedirs(big, exist_ok=True)
    # Hard links, 50,000 per source file at most (ext4 allows 65,000 links to one inode).
    sources = {}
    for i in range(count):
        path = os.path.join(big, f"img-{i:06d}.png")
        if not os.path.exists(path):
            n = i // 50000
            if n not in sources:
                sources[n] = os.path.join(work, f"source-{n}.png")
                open(sources[n], "wb").write(png(320, 240, 9 + n))
            os.link(sources[n], path)
with open(os.path.join(work, f"names-{count}.txt"), "w") as f:
    for name in sorted(os.listdir(big)):
        f.write(name + "\n")
PY
small="$work/small"
big="$work/big-$entries"
names="$work/names-$entries.txt"

"$bindir/ideogram-fake" --port 0 > "$work/fake.log" 2>&1 &
fake_pid=$!
for _ in $(seq 300); do grep -q "http://" "$work/fake.log" 2>/dev/null && break; sleep 0.1; done
base=$(sed -n 's/^fake Ideogram service on \(http:[^ ]*\).*/\1/p' "$work/fake.log")
[ -n "$base" ] || { echo "the fake service did not start:"; cat "$work/fake.log"; exit 1; }

uienv=(--env "HOME=$work/home" --env "XDG_CONFIG_HOME=$work/config" --env "XDG_DATA_HOME=$work/data"
       --env "XDG_STATE_HOME=$work/state" --env "IDEOGRAM_API_KEY=test-key" --env "IDEOGRAM_OUTPUT_DIR=$work/results")
results="$work/results.jsonl"
: > "$results"

record() {  # label, then ui-pty.py arguments; appends {"label":…, …} to results.jsonl
  local label=$1; shift
  local out
  out=$($pty "$@") || { echo "$label: $out"; return 1; }
  python3 -c 'import json,sys; r=json.loads(sys.argv[2]); r["label"]=sys.argv[1]; print(json.dumps(r))' "$label" "$out" >> "$results"
}

echo "start-up: $runs runs each…"
for _ in $(seq "$runs"); do
  record "start: ideogram-tui, 6 pictures" --cols 120 --rows 40 --ready-text "harbour-at-dawn.png" "${uienv[@]}" --quit-key q \
    -- "$tui" "$small" --base-url "$base"
  record "start: ideogram-tui, $entries entries" --cols 120 --rows 40 --ready-text "img-000000.png" "${uienv[@]}" --quit-key q \
    -- "$tui" "$big" --base-url "$base"
  record "start: ideogram-tui --demo" --cols 120 --rows 40 --ready-text "city-lights.png" "${uienv[@]}" --quit-key q \
    -- "$tui" --demo
  record "start: less, $entries names" --cols 120 --rows 40 --ready-text "img-000000.png" --quit-key q -- less "$names"
  record "start: vim -u NONE, $entries names" --cols 120 --rows 40 --ready-text "img-000000.png" --quit-key ":qa!\r" \
    -- vim -u NONE -N -i NONE -n "$names"
done

echo "ls -l on the same $entries entries (hyperfine)…"
hyperfine -N --warmup 3 --runs 20 --export-json "$work/ls.json" "ls -l $big" > "$work/ls.txt"

echo "keystrokes in $entries entries…"
filter="filter-open:/*1,filter-type:img-0123*1,filter-erase:BS*8,filter-close:BS*1"
keys="down:DOWN*100,up:UP*100,pgdn:PGDN*30,$filter,$filter,$filter,$filter,$filter"
record "keys: ideogram-tui, $entries entries" --cols 120 --rows 40 --ready-text "img-000000.png" "${uienv[@]}" \
  --keys "$keys" --quit-key q -- "$tui" "$big" --base-url "$base"
record "keys: ideogram-tui, $entries entries, 200x60" --cols 200 --rows 60 --ready-text "img-000000.png" "${uienv[@]}" \
  --keys "down:DOWN*100,up:UP*100,pgdn:PGDN*30" --quit-key q -- "$tui" "$big" --base-url "$base"
record "keys: less, $entries lines" --cols 120 --rows 40 --ready-text "img-000000.png" \
  --keys "down:DOWN*100,up:UP*100,pgdn:PGDN*30" --quit-key q -- less "$names"
record "keys: vim -u NONE, $entries lines" --cols 120 --rows 40 --ready-text "img-000000.png" \
  --keys "down:DOWN*100,up:UP*100,pgdn:PGDN*30" --quit-key ":qa!\r" -- vim -u NONE -N -i NONE -n "$names"

echo "idle ($idle s each)…"
record "idle: ideogram-tui, 6 pictures" --cols 120 --rows 40 --ready-text "harbour-at-dawn.png" "${uienv[@]}" \
  --settle-ms 2000 --idle-seconds "$idle" --quit-key q -- "$tui" "$small" --base-url "$base"
record "idle: ideogram-tui, $entries entries" --cols 120 --rows 40 --ready-text "img-000000.png" "${uienv[@]}" \
  --settle-ms 2000 --idle-seconds "$idle" --quit-key q -- "$tui" "$big" --base-url "$base"
record "idle: ideogram-tui --demo" --cols 120 --rows 40 --ready-text "city-lights.png" "${uienv[@]}" \
  --settle-ms 2000 --idle-seconds "$idle" --quit-key q -- "$tui" --demo
record "idle: less, $entries names" --cols 120 --rows 40 --ready-text "img-000000.png" \
  --settle-ms 2000 --idle-seconds "$idle" --quit-key q -- less "$names"
record "idle: vim -u NONE, $entries names" --cols 120 --rows 40 --ready-text "img-000000.png" \
  --settle-ms 2000 --idle-seconds "$idle" --quit-key ":qa!\r" -- vim -u NONE -N -i NONE -n "$names"

echo
echo "== in-process: TerminalUI update + render (bench/ui-bench, release) =="
"$bindir/ui-bench" --entries "$entries" --iterations "$iterations" --folder "$big" | tee "$work/ui-bench.txt"

echo
python3 - "$results" "$runs" "$work/ls.json" "$entries" <<'PY'
import json, statistics, sys
rows = [json.loads(line) for line in open(sys.argv[1])]
runs = sys.argv[2]
ls = json.load(open(sys.argv[3]))["results"][0]

def ratio(value, target):
    return f"{value / target:.2f}x the target" if value is not None else "n/a"

print(f"== start to first frame (pty, 120x40; {runs} runs: median [min–max]; target < 150 ms) ==")
for label in dict.fromkeys(r["label"] for r in rows if r["label"].startswith("start:")):
    group = [r for r in rows if r["label"] == label]
    def stat(key):
        values = [r[key] for r in group if r.get(key) is not None]
        if not values:
            return None, "not measured"
        m = statistics.median(values)
        return m, f"{m:7.1f} ms [{min(values):.1f}–{max(values):.1f}]"
    first_byte, fb = stat("first_byte_ms")
    first_frame, ff = stat("first_frame_ms")
    ready, rd = stat("ready_ms")
    exits = [r.get("exit", {}).get("status") for r in group]
    print(f"{label[7:]:34} first byte {fb}   first frame {ff} ({ratio(first_frame, 150)})   listing shown {rd} ({ratio(ready, 150)})   exit statuses {sorted(set(map(str, exits)))}")

shown = [r["ready_ms"] for r in rows if r["label"] == f"start: ideogram-tui, {sys.argv[4]} entries" and r.get("ready_ms") is not None]
if shown:
    ls_ms = ls["median"] * 1000
    m = statistics.median(shown)
    print(f"\n== the {sys.argv[4]}-entry folder's first screenful against ls -l (target <= 0.5x) ==")
    print(f"listing on screen {m:.1f} ms [{min(shown):.1f}–{max(shown):.1f}]; ls -l {ls_ms:.1f} ms "
          f"(mean {ls['mean'] * 1000:.1f} ± {ls['stddev'] * 1000:.1f}); ratio {m / ls_ms:.2f}x")

print("\n== a keystroke, write to frame drawn (pty: median / p95 / max ms; target < 16 ms) ==")
for r in (r for r in rows if r["label"].startswith("keys:")):
    for g in r.get("keys", []):
        d = g["to_drawn"]
        if d is None:
            print(f"{r['label'][6:]:40} {g['name']:13} no output for any key")
            continue
        note = f" ({g['no_output']} keys drew nothing)" if g["no_output"] else ""
        print(f"{r['label'][6:]:40} {g['name']:13} {d['median']:7.2f} / {d['p95']:7.2f} / {d['max']:7.2f}  n={d['n']}  p95 {ratio(d['p95'], 16)}{note}")

print("\n== idle: no input (CPU from /proc/PID/stat, 10 ms ticks; memory in MB; targets: CPU ~0, VmRSS < 40 MB) ==")
for r in (r for r in rows if r["label"].startswith("idle:")):
    i = r.get("idle") or {}
    print(f"{r['label'][6:]:34} over {i.get('seconds')} s: CPU {i.get('cpu_ms')} ms, {i.get('context_switches')} context switches, "
          f"{i.get('output_bytes_while_idle')} bytes drawn; VmRSS {i.get('VmRSS')} ({ratio(i.get('VmRSS'), 40)}), "
          f"RssAnon {i.get('RssAnon')}, RssFile {i.get('RssFile')}, Pss {i.get('Pss')}, threads {i.get('Threads')}")
    if i.get("largest_mappings_mb"):
        print(f"{'':34} largest resident mappings (MB): " + ", ".join(f"{k} {v}" for k, v in i["largest_mappings_mb"].items()))
PY
echo
echo "raw results: $results"
