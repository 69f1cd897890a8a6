#!/usr/bin/env bash
# The benchmark's peer: PyTorch on the CPU from Debian's python3-torch, run with /usr/bin/python3
# (not whatever python3 is first on PATH). Installed only when missing; `milr bench` skips the
# PyTorch row, saying why, when it is absent.
set -euo pipefail
if /usr/bin/python3 -c 'import torch' 2>/dev/null; then
  exit 0
fi
echo "install-torch: installing Debian python3-torch (the PyTorch peer of milr bench)"
# shellcheck source=scripts/apt-install.sh
source "$(dirname "${BASH_SOURCE[0]}")/apt-install.sh"
apt_install install-torch python3-torch
/usr/bin/python3 -c 'import torch; print("install-torch: torch", torch.__version__)'
