#!/usr/bin/env bash
# The gateway's own cost (bench/run gateway): the same authenticated GET of one jurisdiction, side by
# side in one run on loopback — straight at the jurisdiction service, through Debian's nginx as a
# reverse proxy (its own config and port, upstream keep-alive, access log on as Debian ships it), and
# through the GrantLine gateway — with wrk, 32 connections. The three are measured in turns, ROUNDS
# times, so that a neighbour's load falls on all of them alike; each line gives req/s, p50 and p99,
# and the CPU each process spent per request (from /proc: robust when the machine is shared).
# Needs wrk and nginx (apt-get install -y wrk nginx-light). Called by bench/run with the suite up.
# Usage: bench/gateway-cost.sh GATEWAY_PORT JURISDICTION_PORT NGINX_PORT DATA_DIR PASSWORD
set -euo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/proxy-lib.sh"
GW_PORT="$1" JUR_PORT="$2" NGINX_PORT="$3" DATA="$4" PASSWORD="$5"
ROUNDS="${GRANTLINE_BENCH_ROUNDS:-3}" SECONDS_EACH="${GRANTLINE_BENCH_SECONDS:-15}" CONNECTIONS=32
for tool in wrk nginx curl; do
  command -v "$tool" >/dev/null || { echo "bench gateway: $tool is missing (apt-get install -y wrk nginx-light curl)" >&2; exit 1; }
done
TOKEN="$(curl -sf -X POST "http://127.0.0.1:$GW_PORT/login" -H 'Content-Type: application/json' \
  -d "{\"username\":\"doj.officer\",\"password\":\"$PASSWORD\"}" | sed 's/.*"access_token":"\([^"]*\)".*/\1/')"
ID="$(curl -sf "http://127.0.0.1:$GW_PORT/api/jurisdictions?state=MD&size=1" -H "Authorization: Bearer $TOKEN" \
  | grep -o '"id":"[0-9a-f-]*"' | head -n 1 | cut -d'"' -f4)"
[ -n "$ID" ] || { echo "bench gateway: no jurisdiction to read (is the demo registry loaded?)" >&2; exit 1; }
PATH_="/api/jurisdictions/$ID"

NG="$DATA/nginx"
start_nginx "$NG" "$NGINX_PORT" "$JUR_PORT"
trap 'kill "$(cat "$NG/nginx.pid")" 2>/dev/null || true' EXIT
sleep 0.5

pid_of() { cat "$DATA/run/$1.pid"; }
GW_PID="$(pid_of gateway)" JUR_PID="$(pid_of jurisdiction)"
NGINX_PIDS="$(nginx_pids "$NG")"
declare -A RPS P50 P99 GWCPU JURCPU NGCPU N
run_one() {
  local name="$1" port="$2" out g0 j0 n0 g1 j1 n1 reqs
  g0=$(cpu_ms "$GW_PID"); j0=$(cpu_ms "$JUR_PID"); n0=$(cpu_ms $NGINX_PIDS)
  out="$(wrk -t2 -c$CONNECTIONS -d"${SECONDS_EACH}s" --latency -H "Authorization: Bearer $TOKEN" "http://127.0.0.1:$port$PATH_")"
  g1=$(cpu_ms "$GW_PID"); j1=$(cpu_ms "$JUR_PID"); n1=$(cpu_ms $NGINX_PIDS)
  if grep -q 'Non-2xx' <<<"$out"; then echo "bench gateway: $name answered non-2xx:"; echo "$out"; exit 1; fi
  reqs="$(awk '/requests in/ {print $1}' <<<"$out")"
  RPS[$name]+="$(awk '/Requests\/sec/ {print $2}' <<<"$out") "
  P50[$name]+="$(awk '$1=="50%" {print $2}' <<<"$out" | to_ms) "
  P99[$name]+="$(awk '$1=="99%" {print $2}' <<<"$out" | to_ms) "
  GWCPU[$name]+="$(awk -v c=$((g1 - g0)) -v r="$reqs" 'BEGIN {printf "%.3f", c / r}') "
  JURCPU[$name]+="$(awk -v c=$((j1 - j0)) -v r="$reqs" 'BEGIN {printf "%.3f", c / r}') "
  NGCPU[$name]+="$(awk -v c=$((n1 - n0)) -v r="$reqs" 'BEGIN {printf "%.3f", c / r}') "
}

echo "The gateway's own cost: GET $PATH_ (one jurisdiction, authenticated), wrk -c$CONNECTIONS, ${SECONDS_EACH}s each, $ROUNDS rounds in turn"
echo "load before: $(uptime | sed 's/.*load average/load average/')"
# Warm-up: the JIT of all three paths.
for port in "$JUR_PORT" "$NGINX_PORT" "$GW_PORT"; do
  wrk -t2 -c$CONNECTIONS -d8s -H "Authorization: Bearer $TOKEN" "http://127.0.0.1:$port$PATH_" >/dev/null
done
for ((r = 1; r <= ROUNDS; r++)); do
  run_one direct "$JUR_PORT"; run_one nginx "$NGINX_PORT"; run_one gateway "$GW_PORT"
done
echo "load after:  $(uptime | sed 's/.*load average/load average/')"
printf '%-9s %10s %9s %9s   %s\n' path "req/s" "p50 ms" "p99 ms" "CPU ms per request: service / proxy (median of $ROUNDS)"
for name in direct nginx gateway; do
  proxy=""
  [ "$name" = nginx ] && proxy="$(median "${NGCPU[$name]}")"
  [ "$name" = gateway ] && proxy="$(median "${GWCPU[$name]}")"
  printf '%-9s %10s %9s %9s   %s / %s     (rounds: %s)\n' "$name" "$(median "${RPS[$name]}")" "$(median "${P50[$name]}")" \
    "$(median "${P99[$name]}")" "$(median "${JURCPU[$name]}")" "${proxy:--}" "${RPS[$name]% }"
done
awk -v g="$(median "${RPS[gateway]}")" -v n="$(median "${RPS[nginx]}")" -v gp="$(median "${P50[gateway]}")" \
  -v np="$(median "${P50[nginx]}")" 'BEGIN {printf "gateway / nginx: %.2fx the throughput (target >= 0.8x), p50 %+.2f ms (target <= +2 ms)\n", g / n, gp - np}'
