#!/usr/bin/env bash
# Issue 18's soak: IMAGES pictures (default 1,000: ImageMagick's built-in photograph `rose:`
# resized and recompressed as JPEG, mixed with synthetic PNGs), in batches that alternate the
# legacy endpoint and a v2 model, through `ideogram-tui upscale` against `ideogram-fake` with
# faults at random (10% 503, 5% 429 with Retry-After, 2% closed mid-answer, 2% withheld
# images, 1% malformed answers, 3% failed generations). The client is killed with SIGKILL KILLS
# times (default 5) at random moments, and each time `upscale --resume` takes over (with the
# batch's files the killed run had not recorded yet); a last `--resume` runs until nothing is
# left. bench/soak_check.py then compares the history, the result folder and the fake's own log
# and exits non-zero on any violation.
#
# BIN runs a built ideogram-tui as it is (ideogram-fake beside it, or FAKE_BIN); otherwise the
# release build is made first. SEED makes the fake's faults and the kill times repeatable.
# Needs python3, curl and ImageMagick's convert. Every path is absolute (a relative
# XDG_DATA_HOME is ignored by the XDG spec and would write to the real history).
set -euo pipefail
cd "$(dirname "$0")/.."
images=${IMAGES:-1000}; batch=${BATCH:-100}; kills=${KILLS:-5}; seed=${SEED:-$RANDOM}
models=(${MODELS:-legacy topaz-standard-2})
command -v convert >/dev/null || { echo "needs ImageMagick's convert"; exit 2; }

bin=${BIN:-}
if [ -z "$bin" ]; then
  swift build -c release --static-swift-stdlib >/dev/null
  bin=$(swift build -c release --static-swift-stdlib --show-bin-path)/ideogram-tui
fi
fake_bin=${FAKE_BIN:-$(dirname "$bin")/ideogram-fake}

work=$(mktemp -d "${TMPDIR:-/tmp}/ideogram-soak.XXXXXX")
work=$(cd "$work" && pwd -P)
fake=; client=
cleanup() {
  [ -n "$client" ] && kill -9 "$client" 2>/dev/null
  [ -n "$fake" ] && kill "$fake" 2>/dev/null
  [ -n "${KEEP:-}" ] && echo "kept $work" || rm -rf "$work"
}
trap cleanup EXIT
export XDG_DATA_HOME=$work/data XDG_CONFIG_HOME=$work/config IDEOGRAM_API_KEY=test-key
touch "$work/kill-times"; mkdir -p "$work/bases" "$work/images" "$work/out" "$XDG_DATA_HOME" "$XDG_CONFIG_HOME/ideogram-tui"
# The legacy estimate the history bills per image, so images can be counted back from it.
legacy_price_usd=0.06
echo "legacy_price_usd = $legacy_price_usd" > "$XDG_CONFIG_HOME/ideogram-tui/config.toml"

# 20 photographs and 20 synthetic pictures, small so the fake's enlarged results stay quick;
# each image of the run is a copy under its own name (the fake logs the name it received).
for i in $(seq 0 19); do
  convert rose: -resize $((70 + i * 9))x -quality $((60 + i * 2)) "$work/bases/photo$i.jpg"
  convert -size $((48 + i * 7))x$((40 + i * 5)) -seed $((seed + i)) plasma:fractal "$work/bases/synthetic$i.png"
done
bases=("$work"/bases/*)
for n in $(seq 1 "$images"); do
  base=${bases[$(( (n * 7) % ${#bases[@]} ))]}
  cp "$base" "$work/images/$(printf 'img%04d' "$n").${base##*.}"
done

"$fake_bin" --port 0 --seed "$seed" --latency-ms 40 --jitter-ms 80 --generation-ms 400 --max-in-flight 10 \
  --fault-rate 0.10:503 --fault-rate 0.05:429:1 --fault-rate 0.02:close --fault-rate 0.02:unsafe \
  --fault-rate 0.01:malformed --fault-rate 0.03:fail:content_policy_violation > "$work/fake.log" &
fake=$!
for _ in $(seq 100); do grep -q "http://" "$work/fake.log" 2>/dev/null && break; sleep 0.1; done
base_url=$(sed -n 's/^fake Ideogram service on \(http:[^ ]*\).*/\1/p' "$work/fake.log")
[ -n "$base_url" ] || { echo "the fake did not start:"; cat "$work/fake.log"; exit 1; }

client_options=(--base-url "$base_url" --dialect official --out "$work/out" --concurrency 8 --json)
batches=$(( (images + batch - 1) / batch ))
# Kills fall on random batches (more surely as batches run out) at a random moment of the batch;
# a batch that ended before its moment is not killed, and a later one is tried.
rng() { python3 -c "import random; r=random.Random($seed*1009+$1); print($2)"; }
runs=0; kill_count=0
run_client() {  # runs the client in the background; $1: log name, the rest: upscale arguments
  local name=$1; shift
  "$bin" upscale "$@" "${client_options[@]}" > "$work/$name.jsonl" 2> "$work/$name.err" &
  client=$!; runs=$((runs + 1))
}
wait_client() { local status=0; wait "$client" || status=$?; client=; echo "$status" >> "$work/exit-codes"; }
recorded_sources() { "$bin" history --json --limit 1000000 | python3 -c "import json,sys; [print(json.loads(l)['source']) for l in sys.stdin if l.strip()]"; }

for b in $(seq 0 $((batches - 1))); do
  model=${models[$((b % ${#models[@]}))]}
  files=("$work"/images/*); files=("${files[@]:$((b * batch)):$batch}")
  run_client "batch$b" "${files[@]}" --model "$model"
  left=$((batches - b)); wanted=$((kills - kill_count))
  if [ "$wanted" -gt 0 ] && [ "$(rng "$b" "int(r.random() < $wanted / $left * 1.5)")" = 1 ]; then
    sleep "$(rng "$b" "round(r.uniform(0.2, 3.0), 2)")"
    if kill -0 "$client" 2>/dev/null; then
      kill -9 "$client"; kill_count=$((kill_count + 1)); date +%s.%N >> "$work/kill-times"
      echo "batch $b ($model): SIGKILL at a random moment" >&2
    fi
    wait_client
    # What the killed run never recorded is sent with the resume, as a user would.
    missing=()
    recorded=$(recorded_sources)
    for f in "${files[@]}"; do grep -qxF "$f" <<< "$recorded" || missing+=("$f"); done
    run_client "resume$b" --resume "${missing[@]}" --model "$model"
  fi
  wait_client
done
# Until nothing is left: a last resume (the history says whether anything waits).
run_client final --resume
wait_client

curl -sS "$base_url/_fake/requests" > "$work/requests.json"
curl -sS "$base_url/_fake/v2/calls" > "$work/calls.json"
curl -sS "$base_url/_fake/v2/generations" > "$work/generations.json"
"$bin" history --json --limit 1000000 > "$work/history.jsonl"
echo "seed $seed; $images images in $batches batches (${models[*]}); $kill_count SIGKILLs; $runs client runs"
python3 bench/soak_check.py "$work" "$images" "$legacy_price_usd"
