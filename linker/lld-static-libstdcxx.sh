#!/usr/bin/env bash
# The release link's linker on Linux (Package.swift, releaseLinkFlags): the Swift toolchain's
# ld.lld, with libstdc++, which the statically linked Swift runtime needs, taken from its static
# archive rather than the shared library. Loading libstdc++.so made every start of the program
# bind 3,266 of its symbols against the whole library search list, about 1 ms
# (BENCHMARKS.md); linked in, the parts the runtime uses are bound once, when linking.
# libstdc++'s licence (GPL with the GCC runtime library exception) allows this. Without the
# archive on this machine the link is the usual one.
set -euo pipefail
# clang runs this in place of ld.lld; the toolchain's ld.lld sits next to it.
toolchain=$(dirname "$(readlink -f "/proc/$PPID/exe")")
lld=$toolchain/ld.lld
[ -x "$lld" ] || lld=$(command -v ld.lld)
archive=$("$toolchain/clang" -print-file-name=libstdc++.a 2>/dev/null || true)
if [[ "$archive" != /* || ! -f "$archive" ]]; then
  exec "$lld" "$@"
fi
# A folder that holds only the archive, searched first, so every -lstdc++ finds it.
shadow=$(mktemp -d)
trap 'rm -rf "$shadow"' EXIT
ln -s "$archive" "$shadow/libstdc++.a"
"$lld" -L"$shadow" "$@"
