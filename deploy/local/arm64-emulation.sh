#!/usr/bin/env bash
# What running vz-edge's linux-arm64 publish on an x64 Debian machine takes (EmulatedArm64Tests): qemu's
# user-mode emulator, and an arm64 libc, libstdc++ and OpenSSL under /usr/aarch64-linux-gnu, the folder qemu
# is given with -L. Installs what is missing (as root), quietly; does nothing when all is there. Exits 1 naming
# what is still missing. An argument names another folder for the libraries (to try the script on a scratch copy).
set -uo pipefail
sysroot="${1:-/usr/aarch64-linux-gnu}"

packages=()
command -v qemu-aarch64-static >/dev/null 2>&1 || packages+=(qemu-user-static)
[[ -e $sysroot/lib/libc.so.6 ]] || packages+=(libc6-arm64-cross)
[[ -e $sysroot/lib/libstdc++.so.6 ]] || packages+=(libstdc++6-arm64-cross)
if (( ${#packages[@]} > 0 )); then
    { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
        "${packages[@]}"; } >/dev/null 2>&1
fi

# .NET's crypto (the model's sha256) loads libssl.so.3 and libcrypto.so.3, and no cross package carries them.
# Debian's own libssl3 for arm64 is fetched through a private package list for arm64 (the machine's
# architectures and lists stay as they are), unpacked, and its two libraries copied into the sysroot.
if [[ -d $sysroot/lib && ! ( -e $sysroot/lib/libssl.so.3 && -e $sysroot/lib/libcrypto.so.3 ) ]]; then
    work="$(mktemp -d)"
    mkdir -p "$work/lists/partial" "$work/cache/archives/partial"
    private=(-o "Dir::State::Lists=$work/lists" -o "Dir::Cache=$work/cache" -o "APT::Architectures=arm64"
        -o "APT::Sandbox::User=root")
    if { apt-get -qq "${private[@]}" update \
        && (cd "$work" && apt-get -qq "${private[@]}" download libssl3:arm64) \
        && dpkg-deb -x "$work"/libssl3_*_arm64.deb "$work/unpacked"; } >/dev/null 2>&1; then
        cp "$work/unpacked/usr/lib/aarch64-linux-gnu/libssl.so.3" \
            "$work/unpacked/usr/lib/aarch64-linux-gnu/libcrypto.so.3" "$sysroot/lib/"
    fi
    rm -rf "$work"
fi

missing=()
command -v qemu-aarch64-static >/dev/null 2>&1 || missing+=(qemu-aarch64-static)
for library in ld-linux-aarch64.so.1 libc.so.6 libstdc++.so.6 libssl.so.3 libcrypto.so.3; do
    [[ -e $sysroot/lib/$library ]] || missing+=("$sysroot/lib/$library")
done
if (( ${#missing[@]} > 0 )); then
    echo "arm64 emulation: missing ${missing[*]}" >&2
    exit 1
fi
