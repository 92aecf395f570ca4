#!/usr/bin/env bash
# Debian packages the platform needs. Installs missing ones when run as root (as on CI);
# otherwise prints the exact install line and fails.
#   usage: scripts/system-deps.sh runtime|test
set -euo pipefail
runtime=(libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-noto-cjk)
test_only=(chromium poppler-utils)
want=("${runtime[@]}")
[ "${1:-runtime}" = "test" ] && want+=("${test_only[@]}")
missing=()
for p in "${want[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
  echo "安装缺少的系统软件包：${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
else
  echo "缺少系统软件包：${missing[*]}" >&2
  echo "请先运行： sudo apt-get install -y ${missing[*]}" >&2
  exit 1
fi
