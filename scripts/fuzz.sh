#!/usr/bin/env bash
# Builds one libFuzzer target of Fuzz/ (or all) with ASan and runs it for a given time.
#   scripts/fuzz.sh TARGET SECONDS    e.g. scripts/fuzz.sh answers 300
#   scripts/fuzz.sh all SECONDS       each target in turn, SECONDS each
# Targets: answers error-answer image-headers preview-decoders terminal-input config multipart.
# Seeds are read from Fuzz/Corpus/TARGET, names and markers from Fuzz/Dictionaries/TARGET.dict (the test suite replays them); what the fuzzer finds
# goes to Fuzz/.work/TARGET, crashes to Fuzz/.artifacts/TARGET/ (both git-ignored). Copy an
# input that found a bug into Fuzz/Corpus/TARGET once it is fixed.
set -euo pipefail

targets=(answers error-answer image-headers preview-decoders terminal-input config multipart)
usage() { echo "usage: $0 TARGET|all SECONDS (targets: ${targets[*]})" >&2; exit 2; }
[[ $# -eq 2 && $2 =~ ^[0-9]+$ ]] || usage
fuzz_dir="$(cd "$(dirname "$0")/../Fuzz" && pwd)"

run() {
    local target=$1 seconds=$2
    [[ " ${targets[*]} " == *" $target "* ]] || usage
    (cd "$fuzz_dir" && swift build --sanitize=fuzzer --sanitize=address --product "fuzz-$target")
    local binary="$fuzz_dir/.build/debug/fuzz-$target"
    mkdir -p "$fuzz_dir/.work/$target" "$fuzz_dir/.artifacts/$target"
    echo "== fuzz-$target for ${seconds}s"
    # 2 GB of memory and 10 s per input at most: more is a bug (an unbounded allocation, a hang).
    local dictionary=()
    [[ -f $fuzz_dir/Dictionaries/$target.dict ]] && dictionary=(-dict="$fuzz_dir/Dictionaries/$target.dict")
    # Swift's own backtracer would take minutes per crash; libFuzzer reports it at once.
    SWIFT_BACKTRACE=enable=no LSAN_OPTIONS=suppressions="$fuzz_dir/../scripts/lsan-suppressions.txt" "$binary" "${dictionary[@]}" -max_total_time="$seconds" -rss_limit_mb=2048 -malloc_limit_mb=2048 -timeout=10 \
        -print_final_stats=1 -artifact_prefix="$fuzz_dir/.artifacts/$target/" \
        "$fuzz_dir/.work/$target" "$fuzz_dir/Corpus/$target"
}

if [[ $1 == all ]]; then
    for target in "${targets[@]}"; do run "$target" "$2"; done
else
    run "$1" "$2"
fi
