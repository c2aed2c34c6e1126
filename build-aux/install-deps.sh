#!/bin/sh
# Installs the Debian 12 packages parcours needs to build, test and run,
# and generates the French locale the translation tests use.  Run as root
# or with sudo available.  Safe to run again.
set -eu
if [ "$(id -u)" -eq 0 ]; then SUDO=; else SUDO=sudo; fi
PKGS="build-essential autoconf automake autopoint gettext pkg-config
libncurses-dev libsqlcipher-dev sqlcipher sqlite3 uuid-dev libssl-dev
libjansson-dev libsodium-dev libcmocka-dev tmux locales openssh-server
openssh-client"
missing=
for p in $PKGS; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed" ||
	    missing="$missing $p"
done
if [ -n "$missing" ]; then
	$SUDO apt-get update -qq
	DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq \
	    --no-install-recommends $missing
fi
if ! locale -a 2>/dev/null | grep -qi '^fr_FR\.utf-\?8$'; then
	$SUDO sed -i 's/^# *\(fr_FR\.UTF-8 UTF-8\)/\1/' /etc/locale.gen
	grep -q '^fr_FR.UTF-8 UTF-8' /etc/locale.gen ||
	    echo 'fr_FR.UTF-8 UTF-8' | $SUDO tee -a /etc/locale.gen > /dev/null
	$SUDO locale-gen > /dev/null
fi
