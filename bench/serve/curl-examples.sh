#!/usr/bin/env bash
# The curl examples of docs/SERVICE.md against a running `./trm serve` (default settings, port 8080):
# prints each command as "$ cmd", then its output.
cd "$(dirname "$0")/../.."
run() { echo "\$ $1"; eval "$1"; }
run "curl -s localhost:8080/healthz"
run "curl -s localhost:8080/v1/models"
echo
run "curl -s -i localhost:8080/v1/solve/sudoku -H 'X-Request-Id: demo-1' -d '{\"input\": \"......95....64..7......7.1..38.15..25..87..6...72.....7...5...9.5.....2.3.94.....\"}'"
echo
run "curl -s localhost:8080/v1/solve/sequence -d '{\"input\": \"2, 4, 8, 16, ?, ?\"}'"
echo
run "curl -s localhost:8080/v1/solve/sequence -d '{\"input\": \"1, 2, 4, 8, 16, 32, 64, ?\"}'"
echo
run "MAZE=\$(python3 -c \"import json; print(json.dumps(open('cli/src/test/resources/mazes/maze15-generated.txt').read()))\")"
run "curl -s localhost:8080/v1/solve/maze -d \"{\\\"input\\\": \$MAZE}\""
echo
run "ARC=\$(python3 -c \"import json; print(json.dumps({'6150a2bd': json.load(open('cli/src/test/resources/arc/6150a2bd.json'))}))\")"
run "curl -s localhost:8080/v1/solve/arc -d \"{\\\"input\\\": \$ARC}\""
echo
run "curl -s -w ' %{http_code}\n' localhost:8080/v1/solve/chess -d '{\"input\": \"e4\"}'"
run "curl -s -w ' %{http_code}\n' localhost:8080/v1/solve/sudoku -d \"{\\\"input\\\": \\\"......95....64..7......7.1..38.15..25..87..6...72.....7...5...9.5.....2.3.94.....\\\", \\\"max_steps\\\": \$(printf '9%.0s' \$(seq 10000))}\""
run "python3 -c 'import json; print(json.dumps({\"inputs\": [\"......95....64..7......7.1..38.15..25..87..6...72.....7...5...9.5.....2.3.94.....\"] * 1000}))' | curl -s -i localhost:8080/v1/solve/sudoku:batch -d @-"
echo
run "curl -s localhost:8080/metrics | grep -E '^trm_(requests_total|request_duration_seconds_count)|^jvm_threads_live|^jvm_gc_pause_seconds_count|^jetty_connections_current'"
