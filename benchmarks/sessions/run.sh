#!/usr/bin/env bash
# Sessions benchmark: requests/s and latency of a page that reads one session attribute and writes
# another (BenchServer in samples/session-demo), under wrk on 127.0.0.1, in one run:
#   container   Tomcat 11's own in-memory sessions
#   local       the Tandem filter on 1 node, LOCAL cache
#   1-node      the Tandem filter on 1 node, a one-member REPLICATED cache (tcp stack)
#   2-nodes     the Tandem filter on 2 nodes (2 JVMs, one REPLICATED cache), one wrk thread per
#               node, both on one session
# Every request reuses one session cookie. Needs wrk (Debian: apt-get install -y wrk).
# Usage: benchmarks/sessions/run.sh   (DURATION=20s WARMUP=10s CONNECTIONS=16 THREADS=2 MVN="mvn -B -q -o")
set -euo pipefail
cd "$(dirname "$0")/../.."
DURATION=${DURATION:-20s}
WARMUP=${WARMUP:-10s}
CONNECTIONS=${CONNECTIONS:-16}
THREADS=${THREADS:-2}
MVN=${MVN:-mvn -B -q}
HERE=benchmarks/sessions
command -v wrk >/dev/null || { echo "wrk is missing: apt-get install -y wrk" >&2; exit 1; }

$MVN install -DskipTests -pl samples/session-demo -am
$MVN -pl samples/session-demo dependency:build-classpath -Dmdep.outputFile=target/bench.cp >/dev/null
CP="samples/session-demo/target/classes:$(cat samples/session-demo/target/bench.cp)"
JAVA_OPTS=${JAVA_OPTS:--Xms512m -Xmx512m -XX:+UseParallelGC}
LOGS=$(mktemp -d)
PIDS=()
cleanup() { for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done; }
trap cleanup EXIT

start() { # name args...
  local name=$1; shift
  java $JAVA_OPTS -cp "$CP" io.tandem.samples.sessions.bench.BenchServer "$@" >"$LOGS/$name.log" 2>&1 &
  PIDS+=($!)
  for _ in $(seq 1 120); do grep -q READY "$LOGS/$name.log" && return; sleep 0.5; done
  echo "$name did not start:" >&2; cat "$LOGS/$name.log" >&2; exit 1
}
stop_all() { cleanup; wait 2>/dev/null || true; PIDS=(); }

session_cookie() { # url cookie-name -> NAME=VALUE
  curl -s -c - -o /dev/null "$1" | awk -v n="$2" '$6 == n { print $6 "=" $7 }'
}

measure() { # label nodes cookie
  local label=$1 nodes=$2 cookie=$3 first=${2%%,*}
  SESSION_COOKIE=$cookie NODES=$nodes wrk -t"$THREADS" -c"$CONNECTIONS" -d"$WARMUP" \
    -s $HERE/alternate.lua "http://$first/bench" >/dev/null
  local out
  out=$(SESSION_COOKIE=$cookie NODES=$nodes wrk -t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" \
    -s $HERE/alternate.lua "http://$first/bench" | grep '^RESULT')
  read -r _ rps mean p50 p99 max errors <<<"$out"
  printf "| %-40s | %9s | %7s | %7s | %7s | %7s | %s |\n" "$label" "$rps" "$mean" "$p50" "$p99" "$max" "$errors"
  echo "$label $rps" >>"$LOGS/rps"
}

echo "wrk -t$THREADS -c$CONNECTIONS -d$DURATION (after $WARMUP warm-up), $(nproc) CPUs, $(java -version 2>&1 | head -1)"
echo
echo "| server | requests/s | mean ms | p50 ms | p99 ms | max ms | errors |"
echo "|---|---:|---:|---:|---:|---:|---:|"

start container container 8091
measure "Tomcat in-memory sessions" "127.0.0.1:8091" "$(session_cookie http://127.0.0.1:8091/bench JSESSIONID)"
stop_all

start local local 8092
measure "Tandem filter, 1 node, local cache" "127.0.0.1:8092" "$(session_cookie http://127.0.0.1:8092/bench TSESSION)"
stop_all

start one cluster 8092 7811 "127.0.0.1[7811]"
measure "Tandem filter, 1 node, replicated cache" "127.0.0.1:8092" "$(session_cookie http://127.0.0.1:8092/bench TSESSION)"
stop_all

MEMBERS="127.0.0.1[7821],127.0.0.1[7822]"
start a cluster 8092 7821 "$MEMBERS"
start b cluster 8093 7822 "$MEMBERS"
sleep 3 # the second member's join and state transfer
measure "Tandem filter, 2 nodes, alternating" "127.0.0.1:8092,127.0.0.1:8093" "$(session_cookie http://127.0.0.1:8092/bench TSESSION)"
stop_all

echo
base=$(awk 'NR==1 { print $NF }' "$LOGS/rps")
while read -r line; do
  rps=${line##* }; label=${line% *}
  awk -v l="$label" -v r="$rps" -v b="$base" 'BEGIN { printf "%-40s %.2fx the container\n", l, r / b }'
done <"$LOGS/rps"
rm -rf "$LOGS"
