#!/usr/bin/env bash
# Runs the whole test suite under AddressSanitizer, then under ThreadSanitizer, each in its own
# build folder (.build-asan, .build-tsan; git-ignored by `.build-*/`).
#   scripts/sanitizers.sh [address|thread]   (both when no argument)
# Extra arguments after the first go to `swift test` (e.g. --filter IdeogramKitTests).
set -euo pipefail
cd "$(dirname "$0")/.."

run() {
    local sanitizer=$1; shift
    local scratch=.build-${sanitizer:0:1}san
    echo "== swift test --sanitize=$sanitizer (scratch path $scratch)"
    # Leaks that are Foundation's own, not ours: each suppression says why.
    LSAN_OPTIONS=suppressions="$PWD/scripts/lsan-suppressions.txt" \
        swift test --sanitize="$sanitizer" --scratch-path "$scratch" --no-parallel "$@"
}

case ${1:-both} in
    address|thread) sanitizer=$1; shift; run "$sanitizer" "$@" ;;
    both) run address; run thread ;;
    *) echo "usage: $0 [address|thread] [swift test arguments]" >&2; exit 2 ;;
esac
