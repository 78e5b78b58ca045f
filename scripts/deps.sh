#!/usr/bin/env bash
# Installs the Debian 12 packages deskd needs to build (and, with --test, to
# run its tests: GoogleTest, Dovecot, Postfix, python3, chromium). Idempotent: when
# everything is installed it does nothing (no apt-get update).
set -euo pipefail

build_pkgs=(
  cmake g++ make pkg-config
  libcurl4-openssl-dev libmimetic-dev libboost-dev libsqlite3-dev
  libspdlog-dev libtomlplusplus-dev libmstch-dev libgumbo-dev libcli11-dev
  libuchardet-dev libhowardhinnant-date-dev tzdata libssl-dev libsystemd-dev
  nlohmann-json3-dev libgtest-dev libgmock-dev
)
mail_pkgs=(dovecot-imapd dovecot-lmtpd postfix openssl python3 ca-certificates)

want=("${build_pkgs[@]}")
if [[ "${1:-}" == "--test" || "${1:-}" == "--mail" ]]; then
  want+=("${mail_pkgs[@]}")
fi
# Headless Chromium renders the manager digest's HTML in a test.
if [[ "${1:-}" == "--test" ]]; then
  want+=(chromium)
fi

missing=()
for p in "${want[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
[[ ${#missing[@]} -eq 0 ]] && exit 0

SUDO=""
[[ $(id -u) -ne 0 ]] && SUDO="sudo"
echo "deps: installing ${missing[*]}" >&2
export DEBIAN_FRONTEND=noninteractive
# Never let the Debian postinst start a system-wide Postfix on port 25
# (shared/mailstack-notes.md, item 1): the mail stack script does the rest.
echo "postfix postfix/main_mailer_type select No configuration" | $SUDO debconf-set-selections
$SUDO apt-get update -qq
if printf '%s\n' "${missing[@]}" | grep -qE '^(postfix|dovecot-)'; then
  # Let the mail stack script install the mail servers: it guards against
  # system daemons being started by the packages' postinst.
  others=()
  for p in "${missing[@]}"; do [[ "$p" =~ ^(postfix|dovecot-) ]] || others+=("$p"); done
  [[ ${#others[@]} -gt 0 ]] && $SUDO apt-get install -y -qq "${others[@]}"
  "$(dirname "$0")/../tests/integration/mailstack" install
else
  $SUDO apt-get install -y -qq "${missing[@]}"
fi
