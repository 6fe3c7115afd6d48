#!/usr/bin/env bash
# Regenerates linker/startup-order.txt, the functions the release build runs when it starts,
# upscales a file, saves the result, lists the history and shows the UI's first screens. Package.swift hands the list to lld
# (--symbol-ordering-file), which puts those functions side by side at the start of .text, and
# the protocol conformance descriptors side by side in .rodata (linker/conformance-order.py).
# Without it they are spread over 32 MB of code, and the kernel maps 64 kB around each first
# touch: 16 MB of the binary became resident for one upload. A stale list costs nothing but
# that locality (names no longer in the binary are skipped), so rerun this after big changes.
set -euo pipefail
cd "$(dirname "$0")/.."
command -v valgrind >/dev/null || { echo "needs valgrind (apt-get install valgrind)"; exit 2; }
command -v objcopy >/dev/null || { echo "needs objcopy (apt-get install binutils)"; exit 2; }

scratch=(--static-swift-stdlib --scratch-path "${BUILD_PATH:-.build}")
swift build -c release "${scratch[@]}" --product ideogram-tui >/dev/null
bin=$(swift build -c release "${scratch[@]}" --show-bin-path)/ideogram-tui

work=$(mktemp -d)
fake=
trap '[ -n "$fake" ] && kill $fake 2>/dev/null; rm -rf "$work"' EXIT
# valgrind cannot read the DWARF this toolchain writes; the symbol table is enough.
objcopy --strip-debug "$bin" "$work/ideogram-tui"
python3 bench/make-noise-png.py "$work/picture.png" 2000000 >/dev/null

"$bin" fake-server --port 0 > "$work/fake.log" &
fake=$!
for _ in $(seq 50); do grep -q "http://" "$work/fake.log" 2>/dev/null && break; sleep 0.1; done
base=$(sed -n 's/^fake Ideogram service on \(http:[^ ]*\).*/\1/p' "$work/fake.log")

export IDEOGRAM_API_KEY=test-key XDG_DATA_HOME=$work/data
run() { valgrind --tool=callgrind --demangle=no --callgrind-out-file="$work/calls.%p" "$work/ideogram-tui" "$@" >/dev/null 2>&1; }
mkdir "$work/ui"
run --version
run upscale "$work/picture.png" --base-url "$base" --no-download
run upscale "$work/picture.png" --base-url "$base" --out "$work/results"
run upscale "$work/picture.png" --base-url "$base" --dialect aggregator --no-download
run history
# The terminal UI's first screens (the demo: its own fake service and pictures) in a detached
# tmux session: wait for the files pane, move once, quit.
if command -v tmux >/dev/null; then
  tmux kill-session -t startup-order 2>/dev/null || true
  tmux new-session -d -s startup-order -x 120 -y 40 \
    "valgrind --tool=callgrind --demangle=no --callgrind-out-file='$work/ui/calls.%p' '$work/ideogram-tui' --demo 2>/dev/null"
  for _ in $(seq 120); do tmux capture-pane -p -t startup-order 2>/dev/null | grep -q "forest-path" && break; sleep 0.5; done
  tmux send-keys -t startup-order j
  sleep 3
  tmux send-keys -t startup-order q
  for _ in $(seq 60); do tmux has-session -t startup-order 2>/dev/null || break; sleep 0.5; done
  tmux kill-session -t startup-order 2>/dev/null || true
fi

# Every function callgrind saw, kept when it is a function of the binary itself: the headless
# commands' first (an upload's path stays compact), then those only the UI ran.
called() { cat "$@" | sed -n 's/^c\{0,1\}fn=([0-9]*) \(.*\)$/\1/p' | sort -u; }
nm --defined-only "$bin" | awk '$2 ~ /^[tTwW]$/ { print $3 }' | sort -u > "$work/defined"
called "$work"/calls.* | comm -12 - "$work/defined" > "$work/headless"
# Then the conformance descriptors, in the order the runtime reads them (see the script).
{ cat "$work/headless"; called "$work"/ui/calls.* | comm -12 - "$work/defined" | comm -23 - "$work/headless"
  python3 linker/conformance-order.py "$bin"; } > linker/startup-order.txt
echo "linker/startup-order.txt: $(grep -cv 'Mc$' linker/startup-order.txt) functions, $(grep -c 'Mc$' linker/startup-order.txt) conformance descriptors"
