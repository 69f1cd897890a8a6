#!/usr/bin/env bash
# Headless Chromium (Debian package chromium) for the test that renders a run's report.html the way
# a person opens it.
set -euo pipefail
if [[ -x /usr/bin/chromium ]]; then
  exit 0
fi
echo "install-chromium: installing Debian chromium (renders report.html in the report tests)"
# shellcheck source=scripts/apt-install.sh
source "$(dirname "${BASH_SOURCE[0]}")/apt-install.sh"
apt_install install-chromium chromium
/usr/bin/chromium --version
