#!/usr/bin/env bash
# Installs Debian's chromium for the browser tests when it is missing (root only).
set -euo pipefail
if [ -x /usr/bin/chromium ]; then exit 0; fi
if [ "$(id -u)" -ne 0 ]; then
  echo "The browser tests need Debian's chromium (/usr/bin/chromium)." >&2
  echo "Install it with: sudo apt-get install -y chromium   (then run make test again)" >&2
  exit 1
fi
echo "Installing Debian chromium for the browser tests..." >&2
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends chromium fonts-dejavu-core >/dev/null
