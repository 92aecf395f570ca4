#!/usr/bin/env bash
# The whole suite: lint, types, migrations, deploy check, then pytest on SQLite and PostgreSQL.
# PostgreSQL runs when TEST_DATABASE_URL is set or a server answers at 127.0.0.1:5432
# (throwaway database test_zhengwu_<pid>, dropped afterwards). REQUIRE_POSTGRES=1 (CI) fails
# when that pass could not run. pytest's "no tests collected" (exit 5) is a failure.
set -uo pipefail
cd "$(dirname "$0")/.."
BIN=.venv/bin
export PYTHONDONTWRITEBYTECODE=1
# Tests always use the test settings, whatever the calling shell exported.
export DJANGO_SETTINGS_MODULE=config.settings.test
status=0
summary=()

step() {  # step NAME COMMAND...
  local name=$1; shift
  echo "==> $name"
  if "$@"; then summary+=("通过  $name"); else summary+=("失败  $name"); status=1; fi
}

run_pytest() {  # run_pytest LABEL [env assignments...]
  local label=$1; shift
  echo "==> pytest ($label)"
  env -u TEST_DATABASE_URL "$@" $BIN/pytest -q -n 2 --dist loadfile
  local rc=$?
  if [ $rc -eq 0 ]; then summary+=("通过  pytest ($label)")
  elif [ $rc -eq 5 ]; then summary+=("失败  pytest ($label)：没有收集到任何测试"); status=1
  else summary+=("失败  pytest ($label)，退出码 $rc"); status=1; fi
}

step "ruff check" $BIN/ruff check .
step "ruff format --check" $BIN/ruff format --check .
step "mypy" $BIN/mypy zhengwu config
step "import boundaries" $BIN/lint-imports
step "makemigrations --check" env DJANGO_SETTINGS_MODULE=config.settings.test $BIN/python manage.py makemigrations --check --dry-run
step "check --deploy" env -i PATH="$PATH" HOME="${HOME:-/root}" \
  DJANGO_SETTINGS_MODULE=config.settings.base ZHENGWU_IGNORE_DOTENV=1 \
  DJANGO_SECRET_KEY="deploy-check-$(head -c 48 /dev/urandom | base64 | tr -d '/+=')" \
  DJANGO_ALLOWED_HOSTS=zwfw.example.gov.cn DATABASE_URL=sqlite:////tmp/zhengwu-deploy-check.sqlite3 \
  ZHENGWU_SM4_KEYS=p1=00112233445566778899aabbccddeeff ZHENGWU_SM4_ACTIVE_KEY_ID=p1 \
  ZHENGWU_BLIND_INDEX_KEY=00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff \
  $BIN/python manage.py check --deploy --fail-level WARNING

run_pytest "SQLite"

pg_url=${TEST_DATABASE_URL:-}
if [ -z "$pg_url" ] && $BIN/python -c "import socket; socket.create_connection(('127.0.0.1', 5432), 2)" 2>/dev/null; then
  pg_url="postgres://postgres@127.0.0.1:5432/zhengwu_$$"
fi
if [ -n "$pg_url" ]; then
  run_pytest "PostgreSQL" TEST_DATABASE_URL="$pg_url"
  pg_ran=1
else
  summary+=("跳过  pytest (PostgreSQL)：未设置 TEST_DATABASE_URL，127.0.0.1:5432 也无服务")
  pg_ran=0
fi

echo
echo "==== make test 汇总 ===="
printf '%s\n' "${summary[@]}"
if [ "${REQUIRE_POSTGRES:-0}" = 1 ] && [ "$pg_ran" != 1 ]; then
  echo "失败：REQUIRE_POSTGRES=1，但 PostgreSQL 测试没有运行。"
  status=1
fi
exit $status
