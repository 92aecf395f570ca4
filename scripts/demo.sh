#!/usr/bin/env bash
# Start web (gunicorn), task worker and scheduler in the background; logs and pids in var/.
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=.venv/bin
PORT=${DEMO_PORT:-8000}
mkdir -p var/log var/run
scripts/demo-stop.sh >/dev/null 2>&1 || true
if $BIN/python -c "import socket,sys; socket.create_connection(('127.0.0.1', $PORT), 1)" 2>/dev/null; then
  echo "端口 $PORT 已被占用。请先停止占用该端口的程序，或使用 DEMO_PORT=8001 make demo。" >&2
  exit 1
fi
start() {  # start NAME COMMAND...
  local name=$1; shift
  setsid nohup "$@" >"var/log/$name.log" 2>&1 < /dev/null &
  echo $! > "var/run/$name.pid"
}
start web $BIN/gunicorn config.wsgi:application --bind "127.0.0.1:$PORT" --workers 2 --threads 4 \
  --access-logfile - --env DJANGO_SETTINGS_MODULE=config.settings.dev
start worker env DJANGO_SETTINGS_MODULE=config.settings.dev $BIN/zhengwu db_worker --queue-name "*"
start scheduler env DJANGO_SETTINGS_MODULE=config.settings.dev $BIN/zhengwu scheduler
for _ in $(seq 1 50); do
  if $BIN/python -c "import urllib.request; urllib.request.urlopen('http://127.0.0.1:$PORT/', timeout=2)" 2>/dev/null; then
    echo
    echo "政务服务平台演示环境已启动："
    echo "  群众门户   http://127.0.0.1:$PORT/"
    echo "  工作人员   http://127.0.0.1:$PORT/accounts/login/?kind=staff"
    echo "  系统管理   http://127.0.0.1:$PORT/admin/"
    echo "  API 文档   http://127.0.0.1:$PORT/api/schema/"
    echo "  日志在 var/log/，停止请运行 make stop"
    exit 0
  fi
  sleep 0.3
done
echo "网站未能启动，请查看 var/log/web.log：" >&2
tail -n 30 var/log/web.log >&2
exit 1
