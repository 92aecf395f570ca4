#!/usr/bin/env bash
cd "$(dirname "$0")/.."
for f in var/run/*.pid; do
  [ -e "$f" ] || continue
  pid=$(cat "$f")
  kill -- -"$pid" 2>/dev/null || kill "$pid" 2>/dev/null || true
  rm -f "$f"
done
echo "演示环境已停止。"
