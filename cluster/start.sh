#!/usr/bin/env bash
# Start a real two-node OpenSearch cluster on loopback for tutti's tests.
#
#   cluster/start.sh            build if needed, start both nodes, wait for health, print the URL
#   cluster/start.sh NODE       (re)start one node (0 or 1) of a cluster already laid out
#
# Environment: TUTTI_CLUSTER_DIR (state: data, logs, PID files; default /tmp/tutti-cluster),
# TUTTI_CLUSTER_HTTP_PORT / TUTTI_CLUSTER_TRANSPORT_PORT (first node's ports; the second node
# takes the next ones), TUTTI_CLUSTER_TIMEOUT (seconds to wait for health, default 180),
# TUTTI_CLUSTER_HEAP (per node, default 512m), JAVA_HOME (default: the Java 17 JDK if installed).
# Stop it with cluster/stop.sh, which kills the nodes by their PID files.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
dir="${TUTTI_CLUSTER_DIR:-/tmp/tutti-cluster}"
http_port="${TUTTI_CLUSTER_HTTP_PORT:-19200}"
transport_port="${TUTTI_CLUSTER_TRANSPORT_PORT:-19300}"
timeout="${TUTTI_CLUSTER_TIMEOUT:-180}"
heap="${TUTTI_CLUSTER_HEAP:-512m}"
nodes=2
# OpenSearch 2.19 is built for Java 17; a machine may have a newer JDK first on its PATH.
java_home="${JAVA_HOME:-}"
if [[ -z "$java_home" && -x /usr/lib/jvm/java-17-openjdk-amd64/bin/java ]]; then
    java_home=/usr/lib/jvm/java-17-openjdk-amd64
fi
java="${java_home:+$java_home/bin/}java"
[[ -n "$java_home" ]] && export JAVA_HOME="$java_home"

build() {
    # Offline first: after the first download every build is served from ~/.m2.
    if [[ -f "$here/target/classes/tutti/cluster/Launcher.class" && -d "$here/target/lib"
          && "$here/target/classes/tutti/cluster/Launcher.class" -nt "$here/src/main/java/tutti/cluster/Launcher.java"
          && "$here/target/classes/tutti/cluster/Launcher.class" -nt "$here/pom.xml" ]]; then
        return
    fi
    (cd "$here" && { mvn -q -B -o package -DskipTests >/dev/null 2>&1 || mvn -q -B package -DskipTests; }) >&2
}

start_node() {
    # node-0 is the one cluster manager; node-1 holds data only (see Launcher.java).
    local i="$1" seeds="" j
    for ((j = 0; j < nodes; j++)); do
        seeds+="${seeds:+,}$((transport_port + j))"
    done
    mkdir -p "$dir/node-$i"
    nohup "$java" "-Xms$heap" "-Xmx$heap" -cp "$here/target/classes:$here/target/lib/*" \
        tutti.cluster.Launcher "node-$i" "$dir/node-$i" "$((http_port + i))" "$((transport_port + i))" \
        "$seeds" node-0 >"$dir/node-$i.log" 2>&1 </dev/null &
    echo $! >"$dir/node-$i.pid"
}

wait_health() {
    # Cluster health with wait_for_nodes answers only once both nodes have joined.
    local url="http://127.0.0.1:$http_port" deadline=$((SECONDS + timeout)) body
    while ((SECONDS < deadline)); do
        for ((j = 0; j < nodes; j++)); do
            if ! kill -0 "$(cat "$dir/node-$j.pid")" 2>/dev/null; then
                echo "cluster/start.sh: node-$j exited; its log, $dir/node-$j.log, ends with:" >&2
                tail -n 20 "$dir/node-$j.log" >&2
                return 1
            fi
        done
        body="$(curl -s --max-time 5 "$url/_cluster/health?wait_for_nodes=$nodes&wait_for_status=yellow&timeout=5s" || true)"
        if [[ "$body" == *'"timed_out":false'* ]]; then
            echo "$url"
            return 0
        fi
        sleep 1
    done
    echo "cluster/start.sh: no healthy $nodes-node cluster at $url after ${timeout}s (logs in $dir)" >&2
    return 1
}

command -v "$java" >/dev/null || { echo "cluster/start.sh: java not found (OpenJDK 17 is needed)" >&2; exit 2; }
command -v mvn >/dev/null || { echo "cluster/start.sh: mvn not found (Maven is needed)" >&2; exit 2; }
build
if (($# == 1)); then
    start_node "$1"
    wait_health
    exit
fi
for ((i = 0; i < nodes; i++)); do
    if [[ -f "$dir/node-$i.pid" ]] && kill -0 "$(cat "$dir/node-$i.pid")" 2>/dev/null; then
        echo "cluster/start.sh: node-$i is already running (PID $(cat "$dir/node-$i.pid")); run cluster/stop.sh first" >&2
        exit 1
    fi
done
rm -rf "$dir"
mkdir -p "$dir"
for ((i = 0; i < nodes; i++)); do
    start_node "$i"
done
if ! wait_health; then
    "$here/stop.sh" >&2 || true
    exit 1
fi
