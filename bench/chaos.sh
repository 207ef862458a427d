#!/usr/bin/env bash
# bench/run chaos [PHASE_SECONDS]: ./suite up --replicas 2 on its own ports and data directory (demo
# data on, the notifications scheduler on), then bench/ChaosBench.java: mixed load through both
# gateways while instances are killed with kill -9, grants is scaled 1 -> 3 -> 1 and each gateway is
# restarted; per phase requests, failures by status, p50/p99; then the data checks. Exit status 1
# when a target is missed. PHASE_SECONDS (default 60) sets the length of the steady phases and of
# the kill phase (at least 30 s: a kill every 10 s); CI runs it with 10.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
SECONDS_PER_PHASE="${1:-60}"
DATA="${GRANTLINE_CHAOS_DATA:-$(mktemp -d /tmp/grantline-chaos.XXXXXX)}"
export GRANTLINE_DATA_DIR="$DATA" GRANTLINE_DEMO_PASSWORD="chaos-password" GRANTLINE_DEMO_REGISTRY=true GRANTLINE_DEMO_GRANTS=true
export GRANTLINE_NOTIFICATIONS_SCHEDULER_ENABLED=true
export SUITE_TIMEOUT="${SUITE_TIMEOUT:-600}"   # ten JVMs starting on 2 busy cores
export GATEWAY_PORT="${GATEWAY_PORT:-28180}" JURISDICTION_PORT="${JURISDICTION_PORT:-28181}" GRANTS_PORT="${GRANTS_PORT:-28182}"
export DOCUMENTS_PORT="${DOCUMENTS_PORT:-28183}" NOTIFICATIONS_PORT="${NOTIFICATIONS_PORT:-28184}" GATEWAY2_PORT="${GATEWAY2_PORT:-28190}"
export GRANTLINE_PG_PORT="${GRANTLINE_PG_PORT:-28532}" SMTP_PORT="${SMTP_PORT:-23125}" MAIL_API_PORT="${MAIL_API_PORT:-28186}"
export CONSUL_PORT="${CONSUL_PORT:-28500}" GRANTLINE_REPLICA_PORTS_FROM="${GRANTLINE_REPLICA_PORTS_FROM:-28200}"
# The clients sign in a few times a minute each; the throttle is not what is measured.
export GRANTLINE_THROTTLE_PER_ADDRESS=100000 GRANTLINE_THROTTLE_PER_ACCOUNT=100000
trap '"$ROOT/suite" down >/dev/null 2>&1 || true; [ -n "${GRANTLINE_CHAOS_KEEP:-}" ] || rm -rf "$DATA"' EXIT
rc=0
start=$(date +%s)
"$ROOT/suite" up --replicas 2 >/dev/null
echo "suite up --replicas 2: $(( $(date +%s) - start )) s; load $(uptime | sed 's/.*load average: //')"
java "$ROOT/bench/ChaosBench.java" "$ROOT/suite" "http://127.0.0.1:$GATEWAY_PORT" "http://127.0.0.1:$GATEWAY2_PORT" \
  "$GRANTLINE_DEMO_PASSWORD" "http://127.0.0.1:$MAIL_API_PORT" "$DATA" "$SECONDS_PER_PHASE" || rc=$?
echo "load after: $(uptime | sed 's/.*load average: //')"
if [ "$rc" != 0 ] && [ -d "$DATA/logs" ]; then
  # What the apps warned about, so that a missed target can be told apart in CI's output alone.
  echo "warnings and errors in the apps' logs (the last 60):"
  grep -h -E ' (WARN|ERROR) ' "$DATA"/logs/*.log 2>/dev/null | sort | tail -n 60 || true
fi
exit $rc
