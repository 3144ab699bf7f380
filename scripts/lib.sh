# Shared helpers for scripts/*: idempotent installers. Source it; do not run it.
# Each ensure_* checks first and installs only what is missing, so a second run is quick.

set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export PATH="$HOME/.cargo/bin:$PATH"

log() { printf '\033[1m==> %s\033[0m\n' "$*" >&2; }
die() { printf 'error: %s\n' "$*" >&2; exit 1; }

ensure_rust() {
  command -v cargo >/dev/null 2>&1 || die "cargo not found: install Rust (https://rustup.rs) and re-run"
}

# Installs Debian packages (as root, or through sudo). `apt-get update` runs once per script.
APT_UPDATED=0
apt_install() {
  local sudo=""
  if [ "$(id -u)" -ne 0 ]; then
    command -v sudo >/dev/null 2>&1 || die "need root (or sudo) to install: $*  (apt-get install -y $*)"
    sudo="sudo"
  fi
  command -v apt-get >/dev/null 2>&1 || die "apt-get not found: install these yourself and re-run: $*"
  if [ "$APT_UPDATED" = 0 ]; then
    log "apt-get update"
    $sudo env DEBIAN_FRONTEND=noninteractive apt-get update -qq
    APT_UPDATED=1
  fi
  log "apt-get install $*"
  $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null
}

ensure_wasm_target() {
  ensure_rust
  if ! rustup target list --installed 2>/dev/null | grep -qx wasm32-unknown-unknown; then
    log "rustup target add wasm32-unknown-unknown"
    rustup target add wasm32-unknown-unknown
  fi
}

ensure_wasm_pack() {
  ensure_rust
  if ! command -v wasm-pack >/dev/null 2>&1; then
    log "cargo install wasm-pack (a few minutes, once)"
    cargo install wasm-pack --locked
  fi
}

# wasm-bindgen-cli must be exactly the wasm-bindgen version in Cargo.lock (wasm-pack cannot
# download it here). --locked first; if a registry mirror lacks a locked dependency, unlocked.
ensure_wasm_bindgen() {
  ensure_rust
  local want
  want="$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/version = |"/, ""); print; exit }' "$ROOT/Cargo.lock")"
  [ -n "$want" ] || die "no wasm-bindgen version in Cargo.lock: run cargo build --target wasm32-unknown-unknown once"
  if [ "$(wasm-bindgen --version 2>/dev/null | awk '{print $2}')" != "$want" ]; then
    log "cargo install wasm-bindgen-cli $want (a few minutes, once)"
    cargo install wasm-bindgen-cli --version "$want" --locked \
      || cargo install wasm-bindgen-cli --version "$want"
  fi
}

# The nightly toolchain, pinned so a new nightly cannot change the build under us. It builds the
# web modules with a size-optimised std (scripts/build-web: -Z build-std, about 20% less
# gzipped wasm) and runs cargo-fuzz (-Zsanitizer).
NIGHTLY=nightly-2026-05-20

ensure_nightly() {
  ensure_rust
  if ! rustup toolchain list 2>/dev/null | grep -q "^$NIGHTLY"; then
    log "rustup toolchain install $NIGHTLY (+ rust-src, for -Z build-std)"
    rustup toolchain install "$NIGHTLY" --profile minimal --component rust-src
  elif ! rustup component list --installed --toolchain "$NIGHTLY" 2>/dev/null | grep -q '^rust-src'; then
    log "rustup component add rust-src --toolchain $NIGHTLY"
    rustup component add rust-src --toolchain "$NIGHTLY"
  fi
}

# cargo-fuzz runs the libFuzzer targets in fuzz/ with the pinned nightly.
ensure_cargo_fuzz() {
  ensure_nightly
  if ! cargo fuzz --version >/dev/null 2>&1; then
    log "cargo install cargo-fuzz (a few minutes, once)"
    cargo install cargo-fuzz --locked
  fi
}

ensure_zopfli() {
  command -v zopfli >/dev/null 2>&1 || apt_install zopfli
}

# FILE.gz (zopfli) beside FILE, unless one that decodes to FILE is there already (then false).
precompress_file() {
  ensure_zopfli
  local f="$1"
  if [ -f "$f.gz" ] && gzip -dc "$f.gz" 2>/dev/null | cmp -s - "$f"; then return 1; fi
  # (Called in conditions, where set -e does not apply: a failure must stop the build itself.)
  zopfli -c "$f" > "$f.gz.tmp" || die "zopfli could not compress $f"
  mv "$f.gz.tmp" "$f.gz" || die "could not write $f.gz"
}

# Writes FILE.gz next to every text and wasm file under DIR but those matching the globs after
# it, for servers that send files precompressed (nginx `gzip_static on;`, scripts/serve.mjs).
# zopfli writes gzip's own format, which every browser decodes, ~5% smaller than gzip -9 (the
# query module: 83 → 79 KB), compressed once per build instead of per request. Files people
# replace by hand after a build (the data file, the offline list, the everyday words) are left
# out: a server that sends FILE.gz whenever it exists would send a stale copy of them. A .gz
# that already decodes to its file is kept.
#
#   precompress DIR [EXCLUDED_PATH_GLOB...]     (globs as find -path, e.g. '*/data/*')
precompress() {
  ensure_zopfli
  local dir="$1" f n=0 g not=()
  shift
  for g in "$@"; do not+=(-not -path "$g"); done
  while IFS= read -r -d '' f; do
    if precompress_file "$f"; then n=$((n + 1)); fi
  done < <(find "$dir" -type f \( -name '*.html' -o -name '*.js' -o -name '*.mjs' -o -name '*.css' -o -name '*.json' \
    -o -name '*.webmanifest' -o -name '*.wasm' -o -name '*.svg' -o -path '*/pkg/pinyin.txt' \) \
    -not -path '*/node_modules/*' "${not[@]}" -print0)
  log "$dir: $n files precompressed (zopfli → FILE.gz)"
}

ensure_chromium() {
  if ! command -v chromium >/dev/null 2>&1 || ! command -v chromedriver >/dev/null 2>&1; then
    apt_install chromium chromium-driver
  fi
  export CHROMIUM="${CHROMIUM:-$(command -v chromium)}"
  export CHROMEDRIVER="${CHROMEDRIVER:-$(command -v chromedriver)}"
}

# A Chinese font for the benchmarks' browser: every reader's device has one. Without any, each
# character of the pages goes through Chromium's font fallback and finds nothing, which makes
# layout far slower than for a reader (and the widget's page, with more text, slower still).
ensure_cjk_fonts() {
  command -v fc-list >/dev/null 2>&1 && [ -n "$(fc-list :lang=zh family 2>/dev/null | head -n 1)" ] \
    || apt_install fonts-noto-cjk fontconfig
}

# LibreOffice (no GUI) with Chinese fonts, and poppler's pdftotext: they make and check the
# office-format fixtures (scripts/make-format-fixtures); tests use the committed fixtures.
ensure_libreoffice() {
  command -v soffice >/dev/null 2>&1 && [ -d /usr/share/fonts/opentype/noto ] && command -v pdftotext >/dev/null 2>&1 \
    || apt_install libreoffice-writer-nogui libreoffice-calc-nogui fonts-noto-cjk poppler-utils
}

ensure_node() {
  if ! command -v node >/dev/null 2>&1 || ! node -e 'process.exit(+process.versions.node.split(".")[0] >= 18 ? 0 : 1)'; then
    apt_install nodejs npm
  fi
  command -v npm >/dev/null 2>&1 || apt_install npm
}

# Installs the npm packages of DIR from its package-lock.json, once per lock file (LABEL names
# them in the log). With FALLBACK=install, a lock file `npm ci` rejects is installed from the
# versions pinned in package.json instead.
npm_packages() {
  local dir="$1" label="$2" fallback="${3:-}"
  ensure_node
  if [ -f "$dir/node_modules/.plan-lookup-lock" ] && cmp -s "$dir/package-lock.json" "$dir/node_modules/.plan-lookup-lock"; then
    return
  fi
  log "npm ci ($label)"
  if [ "$fallback" = install ]; then
    (cd "$dir" && { npm ci --no-audit --no-fund --loglevel=error 2>/dev/null \
      || npm install --no-save --no-audit --no-fund --loglevel=error; })
  else
    (cd "$dir" && npm ci --no-audit --no-fund --loglevel=error)
  fi
  cp "$dir/package-lock.json" "$dir/node_modules/.plan-lookup-lock"
}

# npm packages of the browser tests and benchmark (playwright-core, axe-core).
ensure_browser_test_deps() {
  npm_packages "$ROOT/tests/browser" "tests/browser: playwright-core, axe-core, fflate"
}

# The peers bench/run measures plan-lookup against (pagefind, minisearch, flexsearch, fuse.js).
# A registry mirror without pagefind's binaries for other platforms makes npm ci reject the lock
# file, hence the fallback.
ensure_bench_deps() {
  npm_packages "$ROOT/bench" "bench: pagefind, minisearch, flexsearch, fuse.js" install
}

# esbuild and terser bundle and minify the offline page's JS, binaryen's wasm-opt shrinks the
# wasm modules (scripts/build-web).
ensure_web_tools() {
  npm_packages "$ROOT/scripts/web-tools" "scripts/web-tools: esbuild, terser, fflate, binaryen"
}

# Everything scripts/build-web needs.
ensure_web_toolchain() {
  ensure_nightly
  ensure_web_tools
  ensure_wasm_target
  ensure_wasm_pack
  ensure_wasm_bindgen
  ensure_zopfli
}
