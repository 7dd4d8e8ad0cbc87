#!/usr/bin/env bash
# Installs the Debian packages the full test suite needs; the kiosk itself (npm ci && npm run start:web) needs none.
#
#   pcscd, libpcsclite-dev, vsmartcard-vpcd, pcsc-tools, opensc  the integration layer: a real PC/SC daemon with a
#                                                                virtual reader, and the headers pcsclite builds against
#   chromium, fonts-noto-cjk                                     the end-to-end layer: headless Chromium with Japanese fonts
#   postgresql                                                   the central record's tests: each starts a throwaway
#                                                                cluster of its own with initdb and pg_ctl
#   python3, make, g++                                           node-gyp: pcsclite, and better-sqlite3 where its prebuilt
#                                                                binary cannot be downloaded
#
# Needs root (run it with sudo). Safe to run again: packages already installed are skipped, and the package
# lists are only updated when something is missing.
set -euo pipefail

packages=(pcscd libpcsclite-dev vsmartcard-vpcd pcsc-tools opensc chromium fonts-noto-cjk postgresql python3 make g++)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done

if [ ${#missing[@]} -eq 0 ]; then
  echo "Test packages already installed: ${packages[*]}"
  exit 0
fi

if [ "$(id -u)" -ne 0 ]; then
  echo "Missing Debian packages: ${missing[*]}" >&2
  echo "Installing them needs root: sudo $0" >&2
  exit 1
fi

echo "Installing: ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${missing[@]}"
