# Sourced by bench scripts: `release_build PRODUCT...` builds the release products named (the
# Swift runtime linked statically, as shipped; see the README) and sets `bin` to ideogram-tui
# and `fake_bin` to ideogram-fake beside it. BIN (or IDEOGRAM_TUI_BIN) times a built
# ideogram-tui as it is and FAKE_BIN a built fake; SCRATCH (or SCRATCH_PATH) builds in another
# scratch folder (default .build).
release_build() {
  bin=${BIN:-${IDEOGRAM_TUI_BIN:-}}
  if [ -z "$bin" ]; then
    local options=(--static-swift-stdlib --scratch-path "${SCRATCH:-${SCRATCH_PATH:-.build}}") product
    for product in "$@"; do swift build -c release "${options[@]}" --product "$product" >/dev/null; done
    bin=$(swift build -c release "${options[@]}" --show-bin-path)/ideogram-tui
  fi
  fake_bin=${FAKE_BIN:-$(dirname "$bin")/ideogram-fake}
}
