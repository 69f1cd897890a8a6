# Sourced by the install-*.sh scripts: apt_install WHO PACKAGE installs a Debian package
# non-interactively, as root or through sudo, updating the package lists only when the install
# fails without them. WHO prefixes the error message.
apt_install() {
  local who=$1 package=$2
  local sudo_cmd=()
  if [[ $(id -u) -ne 0 ]]; then
    command -v sudo >/dev/null || { echo "$who: need root or sudo for apt-get install $package" >&2; exit 1; }
    sudo_cmd=(sudo)
  fi
  export DEBIAN_FRONTEND=noninteractive
  "${sudo_cmd[@]}" apt-get install -y -qq "$package" >/dev/null 2>&1 || {
    "${sudo_cmd[@]}" apt-get update -qq
    "${sudo_cmd[@]}" apt-get install -y -qq "$package" >/dev/null
  }
}
