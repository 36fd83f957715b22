#!/usr/bin/env bash
# Installs the Debian packages interleave needs to build, test and benchmark.
# As root: installs what is missing (apt-get, non-interactive). Otherwise: says
# what to install and exits 1 if anything is missing. Does nothing when all is there.
set -euo pipefail

pkgs=(build-essential g++ libstdc++-12-dev cmake clang llvm-14-tools libcmocka-dev libdw-dev libelf-dev
      libjson-c-dev pkg-config python3 python3-psutil clang-format hyperfine
      libclang-rt-14-dev python3-jsonschema python3-rfc3987 python3-sarif-python-om
      chromium groff-base)

missing=()
for p in "${pkgs[@]}"; do
    if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed'; then
        missing+=("$p")
    fi
done

if [ ${#missing[@]} -eq 0 ]; then
    exit 0
fi

if [ "$(id -u)" -ne 0 ]; then
    echo "deps.sh: missing packages, install them with: sudo apt-get install ${missing[*]}" >&2
    exit 1
fi

echo "deps.sh: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
apt-get update -q
apt-get install -y -q --no-install-recommends "${missing[@]}"
