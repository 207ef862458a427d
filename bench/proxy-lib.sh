#!/usr/bin/env bash
# What bench/gateway-cost.sh and bench/gateway-floor.sh share: Debian's nginx as the reference reverse
# proxy (one worker, upstream keep-alive, access log on as Debian ships it), CPU time from /proc, wrk's
# latencies in ms, and medians. Sourced, not run.

# Writes DIR/nginx.conf forwarding 127.0.0.1:LISTEN to 127.0.0.1:UPSTREAM and starts nginx; its pid in DIR/nginx.pid.
start_nginx() {
  local dir="$1" listen="$2" upstream="$3"
  mkdir -p "$dir"
  cat > "$dir/nginx.conf" <<CONF
worker_processes 1;
pid $dir/nginx.pid;
error_log $dir/error.log warn;
events { worker_connections 1024; }
http {
  access_log $dir/access.log;
  client_body_temp_path $dir/body;
  proxy_temp_path $dir/proxy;
  fastcgi_temp_path $dir/fastcgi;
  uwsgi_temp_path $dir/uwsgi;
  scgi_temp_path $dir/scgi;
  upstream backend { server 127.0.0.1:$upstream; keepalive 32; }
  server {
    listen 127.0.0.1:$listen;
    location / {
      proxy_pass http://backend;
      proxy_http_version 1.1;
      proxy_set_header Connection "";
      proxy_set_header Host \$host;
      proxy_set_header X-Forwarded-For \$remote_addr;
      proxy_set_header X-Forwarded-Proto \$scheme;
    }
  }
}
CONF
  nginx -c "$dir/nginx.conf" -p "$dir" -e "$dir/error.log"
}

# nginx's master and worker pids (after start_nginx DIR).
nginx_pids() {
  local master
  master="$(cat "$1/nginx.pid")"
  echo "$master $(pgrep -P "$master" | tr '\n' ' ')"
}

# CPU time (ms) a set of processes has used so far.
cpu_ms() {
  local total=0 p tick
  tick="$(getconf CLK_TCK)"
  for p in "$@"; do total=$((total + $(awk '{print $14 + $15}' "/proc/$p/stat"))); done
  echo $((total * 1000 / tick))
}

# wrk's latency in ms, whatever unit it prints.
to_ms() { awk '{v=$1; if (v ~ /us$/) {sub(/us/,"",v); v/=1000} else if (v ~ /ms$/) {sub(/ms/,"",v)} else if (v ~ /s$/) {sub(/s/,"",v); v*=1000}; printf "%.2f", v}'; }

# The median of a space-separated list of numbers.
median() { tr ' ' '\n' <<<"$1" | grep -v '^$' | sort -g | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
