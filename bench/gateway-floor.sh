#!/usr/bin/env bash
# The floor under the gateway's cost (bench/run gateway-floor): what a Micronaut 4 Netty server on this
# machine spends on the cheapest request, with nothing of GrantLine in it (bench/floor: no security, no
# logging, no routing rules). Three paths to one upstream that answers a constant JSON of ~220 bytes
# from a trivial controller: straight at it, through Debian's nginx (the same config as
# bench/gateway-cost.sh) and through a bare ProxyHttpClient forward in a filter (what the gateway's
# RoutingFilter does, minus everything else). Measured as bench/gateway-cost.sh does: wrk -t2 -c32, the
# paths in turn over ROUNDS rounds (medians), CPU ms per request of each process from /proc.
# Needs wrk and nginx; builds bench/floor (offline) if its jar is missing. Needs no suite.
# Usage: bench/gateway-floor.sh   (ports: FLOOR_SERVER_PORT, FLOOR_PROXY_PORT, FLOOR_NGINX_PORT)
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
. "$ROOT/bench/proxy-lib.sh"
SERVER_PORT="${FLOOR_SERVER_PORT:-28096}" PROXY_PORT="${FLOOR_PROXY_PORT:-28097}" NGINX_PORT="${FLOOR_NGINX_PORT:-28098}"
ROUNDS="${GRANTLINE_BENCH_ROUNDS:-3}" SECONDS_EACH="${GRANTLINE_BENCH_SECONDS:-15}" CONNECTIONS=32
JAVA_OPTS="${GRANTLINE_JAVA_OPTS:--Xms64m -Xmx384m -XX:+UseSerialGC}"   # as ./suite runs the apps
for tool in wrk nginx curl java; do
  command -v "$tool" >/dev/null || { echo "bench gateway-floor: $tool is missing (apt-get install -y wrk nginx-light curl)" >&2; exit 1; }
done
JAR="$ROOT/bench/floor/target/gateway-floor.jar"
if [ ! -f "$JAR" ]; then
  "$ROOT/mvnw" -B -ntp -q package -f "$ROOT/bench/floor/pom.xml" >/dev/null
fi
DATA="$(mktemp -d "${GRANTLINE_BENCH_TMP:-/tmp}/grantline-floor.XXXXXX")"
PIDS=()
cleanup() {
  for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done
  [ -f "$DATA/nginx/nginx.pid" ] && kill "$(cat "$DATA/nginx/nginx.pid")" 2>/dev/null || true
  rm -rf "$DATA"
}
trap cleanup EXIT
java $JAVA_OPTS -Dfloor.mode=constant -Dmicronaut.server.port="$SERVER_PORT" -jar "$JAR" >"$DATA/server.log" 2>&1 &
SERVER_PID=$!; PIDS+=("$SERVER_PID")
java $JAVA_OPTS -Dfloor.mode=proxy -Dfloor.upstream="http://127.0.0.1:$SERVER_PORT" -Dmicronaut.server.port="$PROXY_PORT" \
  -jar "$JAR" >"$DATA/proxy.log" 2>&1 &
PROXY_PID=$!; PIDS+=("$PROXY_PID")
NG="$DATA/nginx"
start_nginx "$NG" "$NGINX_PORT" "$SERVER_PORT"
PATH_="/api/jurisdictions/6f1c2a9e-3b7d-4e55-9a0c-2d8f1e4b7c31"
for port in "$SERVER_PORT" "$PROXY_PORT" "$NGINX_PORT"; do
  for _ in $(seq 1 100); do curl -sf -o /dev/null "http://127.0.0.1:$port$PATH_" && break; sleep 0.2; done
  curl -sf -o /dev/null "http://127.0.0.1:$port$PATH_" || { echo "bench gateway-floor: nothing answers on port $port" >&2; cat "$DATA"/*.log >&2; exit 1; }
done
NGINX_PIDS="$(nginx_pids "$NG")"

declare -A RPS P50 P99 SCPU PCPU
run_one() {
  local name="$1" port="$2" out s0 s1 p0 p1 reqs pids
  case "$name" in nginx) pids="$NGINX_PIDS" ;; micronaut) pids="$PROXY_PID" ;; *) pids="" ;; esac
  s0=$(cpu_ms "$SERVER_PID"); p0=0; [ -z "$pids" ] || p0=$(cpu_ms $pids)
  out="$(wrk -t2 -c$CONNECTIONS -d"${SECONDS_EACH}s" --latency -H "Authorization: Bearer not-checked-here" "http://127.0.0.1:$port$PATH_")"
  s1=$(cpu_ms "$SERVER_PID"); p1=0; [ -z "$pids" ] || p1=$(cpu_ms $pids)
  if grep -q 'Non-2xx' <<<"$out"; then echo "bench gateway-floor: $name answered non-2xx:"; echo "$out"; exit 1; fi
  reqs="$(awk '/requests in/ {print $1}' <<<"$out")"
  RPS[$name]+="$(awk '/Requests\/sec/ {print $2}' <<<"$out") "
  P50[$name]+="$(awk '$1=="50%" {print $2}' <<<"$out" | to_ms) "
  P99[$name]+="$(awk '$1=="99%" {print $2}' <<<"$out" | to_ms) "
  SCPU[$name]+="$(awk -v c=$((s1 - s0)) -v r="$reqs" 'BEGIN {printf "%.3f", c / r}') "
  [ -z "$pids" ] || PCPU[$name]+="$(awk -v c=$((p1 - p0)) -v r="$reqs" 'BEGIN {printf "%.3f", c / r}') "
}

echo "The floor: GET of a constant JSON from a bare Micronaut 4 Netty server (bench/floor), wrk -c$CONNECTIONS, ${SECONDS_EACH}s each, $ROUNDS rounds in turn"
echo "load before: $(uptime | sed 's/.*load average/load average/')"
for port in "$SERVER_PORT" "$NGINX_PORT" "$PROXY_PORT"; do
  wrk -t2 -c$CONNECTIONS -d8s "http://127.0.0.1:$port$PATH_" >/dev/null
done
for ((r = 1; r <= ROUNDS; r++)); do
  run_one direct "$SERVER_PORT"; run_one nginx "$NGINX_PORT"; run_one micronaut "$PROXY_PORT"
done
echo "load after:  $(uptime | sed 's/.*load average/load average/')"
printf '%-10s %10s %9s %9s   %s\n' path "req/s" "p50 ms" "p99 ms" "CPU ms per request: server / proxy (median of $ROUNDS)"
for name in direct nginx micronaut; do
  proxy=""
  [ "$name" = direct ] || proxy="$(median "${PCPU[$name]}")"
  printf '%-10s %10s %9s %9s   %s / %s     (rounds: %s)\n' "$name" "$(median "${RPS[$name]}")" "$(median "${P50[$name]}")" \
    "$(median "${P99[$name]}")" "$(median "${SCPU[$name]}")" "${proxy:--}" "${RPS[$name]% }"
done
awk -v g="$(median "${RPS[micronaut]}")" -v n="$(median "${RPS[nginx]}")" -v gp="$(median "${P50[micronaut]}")" \
  -v np="$(median "${P50[nginx]}")" 'BEGIN {printf "bare Micronaut forward / nginx: %.2fx the throughput, p50 %+.2f ms\n", g / n, gp - np}'
