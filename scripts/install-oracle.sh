#!/usr/bin/env bash
# The independent MI oracle for the tests: scikit-learn's mutual_info_score from Debian's
# python3-sklearn, run with /usr/bin/python3 (not whatever python3 is first on PATH).
set -euo pipefail
if /usr/bin/python3 -c 'import sklearn' 2>/dev/null; then
  exit 0
fi
echo "install-oracle: installing Debian python3-sklearn (the MI oracle used by the tests)"
sudo_cmd=()
if [[ $(id -u) -ne 0 ]]; then
  command -v sudo >/dev/null || { echo "install-oracle: need root or sudo for apt-get install python3-sklearn" >&2; exit 1; }
  sudo_cmd=(sudo)
fi
export DEBIAN_FRONTEND=noninteractive
"${sudo_cmd[@]}" apt-get install -y -qq python3-sklearn >/dev/null 2>&1 || {
  "${sudo_cmd[@]}" apt-get update -qq
  "${sudo_cmd[@]}" apt-get install -y -qq python3-sklearn >/dev/null
}
/usr/bin/python3 -c 'import sklearn; print("install-oracle: scikit-learn", sklearn.__version__)'
