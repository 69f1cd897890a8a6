#!/usr/bin/env bash
# Headless Chromium (Debian package chromium) for the test that renders a run's report.html the way
# a person opens it.
set -euo pipefail
if [[ -x /usr/bin/chromium ]]; then
  exit 0
fi
echo "install-chromium: installing Debian chromium (renders report.html in the report tests)"
sudo_cmd=()
if [[ $(id -u) -ne 0 ]]; then
  command -v sudo >/dev/null || { echo "install-chromium: need root or sudo for apt-get install chromium" >&2; exit 1; }
  sudo_cmd=(sudo)
fi
export DEBIAN_FRONTEND=noninteractive
"${sudo_cmd[@]}" apt-get install -y -qq chromium >/dev/null 2>&1 || {
  "${sudo_cmd[@]}" apt-get update -qq
  "${sudo_cmd[@]}" apt-get install -y -qq chromium >/dev/null
}
/usr/bin/chromium --version
