#!/usr/bin/env bash
# The independent MI oracle for the tests: scikit-learn's mutual_info_score from Debian's
# python3-sklearn, run with /usr/bin/python3 (not whatever python3 is first on PATH).
set -euo pipefail
if /usr/bin/python3 -c 'import sklearn' 2>/dev/null; then
  exit 0
fi
echo "install-oracle: installing Debian python3-sklearn (the MI oracle used by the tests)"
# shellcheck source=scripts/apt-install.sh
source "$(dirname "${BASH_SOURCE[0]}")/apt-install.sh"
apt_install install-oracle python3-sklearn
/usr/bin/python3 -c 'import sklearn; print("install-oracle: scikit-learn", sklearn.__version__)'
