#!/bin/bash
# One request under wrk (16 connections, its own process, so the load generator is not what
# limits) against bench/serve-kept.ts, with the CPU time per request of the Node server and of
# the PostgreSQL backends, read from /proc. Needs wrk (apt-get install wrk).
#   bash bench/wrk-cpu.sh <user> <path> [seconds]
set -euo pipefail
user=$1; path=$2; secs=${3:-10}
cookie=$(node -e "console.log(require('/tmp/nv-bench-cookies.json')['$user'])")
server=$(pgrep -f bench/serve-kept.ts | tail -1)
ticks() { local t=0; for p in "$@"; do f=$(sed 's/.*) //' "/proc/$p/stat" 2>/dev/null) || continue; set -- $f; t=$((t + ${12} + ${13})); done; echo $t; }
n0=$(ticks $server); p0=$(ticks $(pgrep -f "postgres: .*nv_bench"))
lua=$(mktemp); echo 'done = function(s, l) io.write(string.format("P95 %.1f P50 %.1f\n", l:percentile(95)/1000, l:percentile(50)/1000)) end' > "$lua"
out=$(wrk -t1 -c16 -d"${secs}s" -s "$lua" -H "Cookie: $cookie" "http://127.0.0.1:3999$path")
n1=$(ticks $server); p1=$(ticks $(pgrep -f "postgres: .*nv_bench")); rm -f "$lua"
reqs=$(echo "$out" | awk '/requests in/ {print $1}')
echo "$path [$user] $(echo "$out" | awk '/Requests\/sec/ {print $2}') req/s, p50 $(echo "$out" | awk '/^P95/ {print $4}') ms, p95 $(echo "$out" | awk '/^P95/ {print $2}') ms;" \
  "CPU per request: Node $(echo "scale=2; ($n1-$n0)*10/$reqs" | bc) ms, PostgreSQL $(echo "scale=2; ($p1-$p0)*10/$reqs" | bc) ms $(echo "$out" | grep -i non-2xx || true)"
