#!/usr/bin/env bash
# Stop the nodes cluster/start.sh started, by their PID files only.
#   cluster/stop.sh          stop every node
#   cluster/stop.sh NODE     stop one node (0 or 1)
set -uo pipefail
dir="${TUTTI_CLUSTER_DIR:-/tmp/tutti-cluster}"
if (($# == 1)); then
    files=("$dir/node-$1.pid")
else
    files=("$dir"/node-*.pid)
fi
for f in "${files[@]}"; do
    [[ -f "$f" ]] || continue
    pid="$(cat "$f")"
    if kill -0 "$pid" 2>/dev/null; then
        kill -TERM "$pid"
        for _ in $(seq 1 60); do
            kill -0 "$pid" 2>/dev/null || break
            sleep 0.5
        done
        kill -0 "$pid" 2>/dev/null && kill -KILL "$pid"
    fi
    rm -f "$f"
done
exit 0
