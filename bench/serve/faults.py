#!/usr/bin/env python3
"""trm serve under load and faults (issue 25; figures in docs/SERVICE.md).

Starts `trm serve` (every bundled model, plus a copy of the maze model on disk as `mazedisk`,
models loaded on first use) on a free loopback port and runs, in order:

  1. load: CLIENTS closed-loop clients for DURATION s, split across sudoku, maze and sequence;
     per model req/s, p50/p99, mean batch, errors; RSS before and after.
  2. slow loris, during the load: SOCKETS connections that send half a request and hold it;
     /healthz latency (20 probes) while they are held.
  3. a model directory corrupted on disk while serving: `mazedisk` (not loaded yet) gets a
     garbage cell.onnx; its requests must fail cleanly (503 with the reason), the others must not.
  4. SIGTERM under load: 32 clients, SIGTERM after 5 s; every request sent before the signal must
     get a 200, later ones a 503 or a refused connection, and the process must exit 0.

All traffic goes to 127.0.0.1; every loop is bounded in time. Needs the CLI jar:
    mvn -B -o -pl cli -am package -DskipTests
    python3 bench/serve/faults.py [--jar cli/target/trm.jar] [--out /tmp/serve-faults]
"""
import argparse, csv, http.client, json, os, random, re, shutil, signal, socket, statistics, subprocess
import sys, threading, time

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
DATA = "/work/shared/data"
SERVER_ARGS = []


def inputs():
    """Puzzles per model: the shared eval data where present, else the repository's test files."""
    out = {}
    sudoku = os.path.join(DATA, "sudoku/sudoku_eval_mix.csv")
    maze = os.path.join(DATA, "maze/maze_dataset_dfs_10x10_21x21_n1000.csv")
    if os.path.exists(sudoku):
        with open(sudoku) as f:
            out["sudoku"] = [r["question"] for r in csv.DictReader(f)][:500]
    else:
        out["sudoku"] = ["......95....64..7......7.1..38.15..25..87..6...72.....7...5...9.5.....2.3.94....."]
    if os.path.exists(maze):
        with open(maze) as f:
            out["maze"] = [r["question"] for r in csv.DictReader(f)][:500]
    else:
        with open(os.path.join(ROOT, "cli/src/test/resources/mazes/maze15-generated.txt")) as f:
            out["maze"] = [f.read()]
    rnd = random.Random(7)
    seqs = []
    for _ in range(500):
        a, d = rnd.randint(-50, 50), rnd.randint(-9, 9)
        if rnd.random() < 0.5:
            terms = [a + d * i for i in range(6)]
        else:
            r = rnd.choice([2, 3])
            terms = [max(1, abs(a) % 9 + 1) * r ** i for i in range(6)]
        seqs.append(", ".join(map(str, terms)) + ", ?")
    out["sequence"] = seqs
    return out


def request(port, method, path, body=None, timeout=120):
    """(status, parsed JSON or text, seconds); status 0 with the error when no response came."""
    start = time.perf_counter()
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    try:
        conn.request(method, path, body=None if body is None else json.dumps(body),
                     headers={"Content-Type": "application/json"})
        r = conn.getresponse()
        text = r.read().decode()
        elapsed = time.perf_counter() - start
        try:
            return r.status, json.loads(text), elapsed
        except ValueError:
            return r.status, text, elapsed
    except OSError as e:
        return 0, repr(e), time.perf_counter() - start
    finally:
        conn.close()


def rss_mb(pid):
    with open(f"/proc/{pid}/status") as f:
        return int(re.search(r"VmRSS:\s+(\d+)", f.read()).group(1)) / 1024


def pct(values, q):
    v = sorted(values)
    return v[min(len(v) - 1, int(q * len(v)))] * 1000 if v else float("nan")


def start_server(jar, out, extra):
    log = open(os.path.join(out, "server.log"), "a")
    p = subprocess.Popen(["java", "-jar", jar, "serve", "--port", "0"] + SERVER_ARGS + extra,
                         stdout=subprocess.PIPE, stderr=log, text=True)
    deadline = time.time() + 180
    for line in p.stdout:
        log.write(line)
        m = re.search(r"listening on http://127.0.0.1:(\d+)", line)
        if m:
            threading.Thread(target=lambda: [log.write(l) for l in p.stdout], daemon=True).start()
            return p, int(m.group(1))
        if time.time() > deadline:
            break
    p.kill()
    sys.exit("the server did not start: see " + log.name)


def clients(port, work, n, seconds, results, stop_at=None):
    """n closed-loop client threads over `work` (model -> inputs), round-robin by client."""
    models = list(work)
    end = time.time() + seconds

    def run(i):
        model = models[i % len(models)]
        items = work[model]
        k = i * 7919
        while time.time() < end:
            sent = time.time()
            status, body, dt = request(port, "POST", "/v1/solve/" + model, {"input": items[k % len(items)]})
            k += 1
            results.setdefault(model, []).append((sent, status, dt, body))
            if status == 0 and stop_at is not None and stop_at.is_set():
                return  # refused after the stop: this client is done
    threads = [threading.Thread(target=run, args=(i,)) for i in range(n)]
    for t in threads:
        t.start()
    return threads


def loris(port, count, held, opened):
    socks = []
    for _ in range(count):
        s = socket.create_connection(("127.0.0.1", port), timeout=10)
        s.sendall(b"POST /v1/solve/sudoku HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Le")
        socks.append(s)
    opened.set()
    held.wait(120)
    for s in socks:
        s.close()


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--jar", default=os.path.join(ROOT, "cli/target/trm.jar"))
    ap.add_argument("--out", default="/tmp/serve-faults")
    ap.add_argument("--clients", type=int, default=64)
    ap.add_argument("--duration", type=int, default=60)
    ap.add_argument("--sockets", type=int, default=1000)
    ap.add_argument("--server-args", default="--threads 1 --timeout-ms 120000",
                    help="more trm serve flags (default: one ORT thread per model; 120 s timeout, since a "
                         "busy shared machine makes 30 s too short for a 64-client queue)")
    a = ap.parse_args()
    SERVER_ARGS.extend(a.server_args.split())
    os.makedirs(a.out, exist_ok=True)
    jar = os.path.join(a.out, "trm.jar")
    shutil.copy(a.jar, jar)  # a rebuild during the run must not swap classes under a live JVM
    disk = os.path.join(a.out, "maze-disk")
    shutil.rmtree(disk, ignore_errors=True)
    shutil.copytree(os.path.join(ROOT, "models/src/main/resources/trm4j/models/maze"), disk)
    work = inputs()
    summary = {"cpu": open("/proc/cpuinfo").read().split("model name")[1].split("\n")[0].strip(": \t"),
               "date": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()), "clients": a.clients,
               "duration_s": a.duration, "server_args": a.server_args,
               "loadavg_before": open("/proc/loadavg").read().split()[:3]}

    p, port = start_server(jar, a.out, ["--models", "mazedisk=" + disk, "--load", "lazy"])
    for model in work:  # load each model and warm it up
        for item in work[model][:3]:
            status, body, _ = request(port, "POST", "/v1/solve/" + model, {"input": item})
            assert status == 200, (model, status, body)
    summary["rss_mb_before"] = round(rss_mb(p.pid))

    # 1 + 2: the load, with the slow-loris sockets held through its middle third.
    results = {}
    threads = clients(port, work, a.clients, a.duration, results)
    time.sleep(a.duration / 3)
    held, opened = threading.Event(), threading.Event()
    lt = threading.Thread(target=loris, args=(port, a.sockets, held, opened))
    lt.start()
    opened.wait(60)
    probes = []
    for _ in range(20):
        status, _, dt = request(port, "GET", "/healthz", timeout=30)
        probes.append((status, dt))
        time.sleep(0.25)
    held.set()
    lt.join()
    for t in threads:
        t.join()
    summary["rss_mb_after"] = round(rss_mb(p.pid))
    summary["loadavg_after"] = open("/proc/loadavg").read().split()[:3]
    summary["loris"] = {"sockets": a.sockets, "healthz_status": sorted({s for s, _ in probes}),
                        "healthz_p50_ms": round(pct([d for _, d in probes], 0.5), 1),
                        "healthz_max_ms": round(max(d for _, d in probes) * 1000, 1)}
    per = {}
    for model, rs in results.items():
        ok = [r for r in rs if r[1] == 200]
        per[model] = {"requests": len(rs), "errors": len(rs) - len(ok),
                      "req_s": round(len(ok) / a.duration, 1),
                      "p50_ms": round(pct([r[2] for r in ok], 0.5)), "p99_ms": round(pct([r[2] for r in ok], 0.99)),
                      "mean_batch": round(statistics.mean(r[3]["batch_size"] for r in ok), 1) if ok else None,
                      "statuses": sorted({r[1] for r in rs})}
    summary["load"] = per

    # 3: corrupt mazedisk on disk; it was never used, so its first request loads it.
    with open(os.path.join(disk, "cell.onnx"), "wb") as f:
        f.write(b"not an onnx model")
    bad = request(port, "POST", "/v1/solve/mazedisk", {"input": work["maze"][0]})
    good = {m: request(port, "POST", "/v1/solve/" + m, {"input": work[m][1]})[0] for m in work}
    listed = [m for m in request(port, "GET", "/v1/models")[1]["models"] if m["name"] == "mazedisk"][0]
    summary["corrupt"] = {"status": bad[0], "error": bad[1].get("error") if isinstance(bad[1], dict) else bad[1],
                          "listed_state": listed["state"], "others": good}
    os.kill(p.pid, signal.SIGTERM)
    p.wait(120)

    # 4: SIGTERM under load on a fresh server.
    p, port = start_server(jar, a.out, [])
    for model in work:
        request(port, "POST", "/v1/solve/" + model, {"input": work[model][0]})
    results, stopped = {}, threading.Event()
    threads = clients(port, work, 32, 30, results, stop_at=stopped)
    time.sleep(5)
    term_at = time.time()
    stopped.set()
    os.kill(p.pid, signal.SIGTERM)
    code = p.wait(120)
    for t in threads:
        t.join()
    before = [r for m in work for r in results.get(m, []) if r[0] < term_at]  # sent before the signal
    after = [r for m in work for r in results.get(m, []) if r[0] >= term_at]
    # A request counts as "before" from the moment its client began to connect, so a few of them
    # reach the server after the stop began and get a 503; status 0 (no response) must not occur.
    count = lambda rs: {str(s): sum(1 for r in rs if r[1] == s) for s in sorted({r[1] for r in rs})}
    summary["sigterm"] = {"exit_code": code, "before": count(before), "after (0 = refused)": count(after),
                          "no_response_before": [str(r[3])[:160] for r in before if r[1] == 0][:5]}
    with open(os.path.join(a.out, "summary.json"), "w") as f:
        json.dump(summary, f, indent=2)
    print(json.dumps(summary, indent=2))


if __name__ == "__main__":
    main()
