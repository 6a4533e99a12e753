#!/usr/bin/env bash
# The one test command (README, CI): provisions what the suites need, builds,
# type-checks, lints, then runs every suite. It never skips a suite silently:
# a missing system package is installed through apt where we may, or named.
set -euo pipefail
cd "$(dirname "$0")/.."

need_apt=()
command -v chromium >/dev/null 2>&1 || need_apt+=(chromium)
fc-list 2>/dev/null | grep -qi 'noto sans cjk' || need_apt+=(fonts-noto-cjk)
# The trainer: Debian's PyTorch for /usr/bin/python3; without OpenBLAS it falls back to reference BLAS (7.7× slower).
/usr/bin/python3 -c 'import torch, onnx' >/dev/null 2>&1 || need_apt+=(python3-torch python3-onnx python3-numpy)
# The trainer signs bundles (--sign-key) with Ed25519 from python3-cryptography.
/usr/bin/python3 -c 'import cryptography' >/dev/null 2>&1 || need_apt+=(python3-cryptography)
dpkg -s libopenblas0-pthread >/dev/null 2>&1 || need_apt+=(libopenblas0-pthread)
if [ ${#need_apt[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "Installing system packages for the browser tests and the trainer: ${need_apt[*]}"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${need_apt[@]}" >/dev/null
  else
    echo "The browser tests and the trainer need: ${need_apt[*]}. Install them (Debian: sudo apt-get install ${need_apt[*]}) and run again." >&2
    exit 1
  fi
fi

npm run build
npm run check
npx vitest run
PYTHONPATH=models /usr/bin/python3 -m unittest discover -s models/tests -t models
