#!/usr/bin/env bash
# The benchmark's peer: PyTorch on the CPU from Debian's python3-torch, run with /usr/bin/python3
# (not whatever python3 is first on PATH). Installed only when missing; `milr bench` skips the
# PyTorch row, saying why, when it is absent.
set -euo pipefail
if /usr/bin/python3 -c 'import torch' 2>/dev/null; then
  exit 0
fi
echo "install-torch: installing Debian python3-torch (the PyTorch peer of milr bench)"
sudo_cmd=()
if [[ $(id -u) -ne 0 ]]; then
  command -v sudo >/dev/null || { echo "install-torch: need root or sudo for apt-get install python3-torch" >&2; exit 1; }
  sudo_cmd=(sudo)
fi
export DEBIAN_FRONTEND=noninteractive
"${sudo_cmd[@]}" apt-get install -y -qq python3-torch >/dev/null 2>&1 || {
  "${sudo_cmd[@]}" apt-get update -qq
  "${sudo_cmd[@]}" apt-get install -y -qq python3-torch >/dev/null
}
/usr/bin/python3 -c 'import torch; print("install-torch: torch", torch.__version__)'
