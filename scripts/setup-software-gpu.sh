#!/usr/bin/env bash
# Installs what a CPU-only Debian/Ubuntu machine needs to run the webgpu backend on Mesa's llvmpipe:
# Dawn (the `webgpu` npm package) reaches llvmpipe through EGL + OpenGL ES in compatibility mode
# (EGL_PLATFORM=surfaceless, which @mrnet/model sets when unset). Mesa's lavapipe Vulkan driver is
# refused by Dawn, so no Vulkan driver is needed; the Vulkan loader only lets Dawn look (and report).
# Idempotent: does nothing (not even apt-get update) when every package is already installed.
# Needs root (or sudo) and apt when something is missing.
set -euo pipefail

PACKAGES=(
  libegl1          # libEGL.so.1: the EGL dispatcher (libglvnd) Dawn opens
  libegl-mesa0     # libEGL_mesa.so.0: Mesa's EGL driver, with the surfaceless platform
  libgles2         # libGLESv2.so.2: the OpenGL ES dispatcher
  libgl1-mesa-dri  # swrast_dri.so: llvmpipe, the software rasteriser that does the work
  libvulkan1       # libvulkan.so.1: Dawn's default route looks for Vulkan first
)

missing=()
for p in "${PACKAGES[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed'; then missing+=("$p"); fi
done

if [ "${#missing[@]}" -eq 0 ]; then
  echo "setup-software-gpu: already installed: ${PACKAGES[*]}"
  exit 0
fi

if ! command -v apt-get >/dev/null; then
  echo "setup-software-gpu: missing ${missing[*]} and no apt-get here; install Mesa's EGL, OpenGL ES and DRI drivers with your package manager" >&2
  exit 1
fi
SUDO=""
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null; then SUDO="sudo"; else
    echo "setup-software-gpu: missing ${missing[*]}; run as root (apt-get install -y ${missing[*]})" >&2
    exit 1
  fi
fi
echo "setup-software-gpu: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
# apt may be locked by another install for a while: retry instead of failing.
for attempt in 1 2 3 4 5 6; do
  if $SUDO apt-get update -qq && $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null; then
    echo "setup-software-gpu: done"
    exit 0
  fi
  echo "setup-software-gpu: apt-get failed (attempt $attempt), retrying in 10 s" >&2
  sleep 10
done
echo "setup-software-gpu: could not install ${missing[*]}" >&2
exit 1
