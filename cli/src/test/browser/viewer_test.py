#!/usr/bin/python3
"""The trace viewer in a real browser (issue 30): Debian's Chromium, driven by Selenium through
chromedriver, against a `trm serve` started here on a free loopback port with a bearer token.

It loads the page (which needs no token), gives the token, then for each bundled head (Sudoku,
maze, sequence, ARC) loads the example, solves it with the trace, steps through every step with
the keyboard and checks each shown grid cell, the changed marks, the verdict, the steps and the
answer against the API's own answer to the same request; then solves a hard Sudoku with search
restarts and checks every run's column, stepped together, against the API's search_runs.
Screenshots go to --screenshots DIR.

Needs: /usr/bin/chromium, /usr/bin/chromedriver (packages chromium, chromium-driver) and
python3-selenium; the CLI jar (mvn package). Run: /usr/bin/python3 cli/src/test/browser/viewer_test.py
"""
import argparse
import json
import os
import queue
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request

from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support import expected_conditions as ec
from selenium.webdriver.support.ui import Select, WebDriverWait

TOKEN = "viewer-test-token"
HEADS = ["sudoku", "maze", "sequence", "arc"]
# The cells of the grid in one call: position, the token's label, whether marked changed, the text.
CELLS_JS = """return Array.from(document.querySelectorAll('#grid td[data-pos]')).map(td =>
    [Number(td.dataset.pos), td.dataset.label, td.classList.contains('changed'),
     td.firstChild && td.firstChild.nodeType === 3 ? td.firstChild.nodeValue : '',
     td.title.split(':')[0]]);"""
# Each search run's column: its number, title, verdict line, step line, whether framed as chosen, its cells.
RUNS_JS = """return Array.from(document.querySelectorAll('#run-columns .run')).map(col => [Number(col.dataset.run),
    col.querySelector('.run-title').textContent, col.querySelector('.run-verdict').textContent,
    col.querySelector('.run-step').textContent, col.classList.contains('chosen'),
    Array.from(col.querySelectorAll('td[data-pos]')).map(td => [Number(td.dataset.pos), td.dataset.label,
        td.classList.contains('changed')])]);"""
# A puzzle the bundled model fails on its own (SearchBundledSudokuTest.HARD[0]): a search makes several runs.
HARD_SUDOKU = ".8..1......5....3.......4.....6.5.7.89....2.....3.....2.....1.9..67........4....."


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_server(jar, port, timeout):
    """`trm serve` with every bundled model; returns once it says it listens (or fails)."""
    env = dict(os.environ, TRM_SERVE_TOKEN=TOKEN)
    proc = subprocess.Popen(["java", "-jar", jar, "serve", "--port", str(port), "--threads", "1"],
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, env=env)
    lines = queue.Queue()
    threading.Thread(target=lambda: [lines.put(l) for l in proc.stdout], daemon=True).start()
    deadline = time.monotonic() + timeout
    seen = []
    while time.monotonic() < deadline:
        try:
            line = lines.get(timeout=max(0.1, deadline - time.monotonic()))
        except queue.Empty:
            break
        seen.append(line)
        if "listening on" in line:
            return proc
    proc.kill()
    raise AssertionError("trm serve did not start within %d s:\n%s" % (timeout, "".join(seen)))


def http(url, body=None, token=TOKEN):
    req = urllib.request.Request(url, data=json.dumps(body).encode() if body is not None else None,
                                 headers={"Content-Type": "application/json"})
    if token:
        req.add_header("Authorization", "Bearer " + token)
    try:
        with urllib.request.urlopen(req, timeout=120) as r:
            return r.status, r.read().decode()
    except urllib.error.HTTPError as e:
        return e.code, e.read().decode()


def browser():
    opts = webdriver.ChromeOptions()
    opts.binary_location = "/usr/bin/chromium"
    for a in ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
              "--window-size=1100,1500", "--force-device-scale-factor=1"]:
        opts.add_argument(a)
    opts.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    return webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=opts)


class Check:
    def __init__(self):
        self.count = 0

    def eq(self, expected, actual, what):
        self.count += 1
        if expected != actual:
            raise AssertionError("%s: expected %r, the page shows %r" % (what, expected, actual))


def answer_text(api):
    rows = (api.get("structured") or {}).get("rows")
    if isinstance(rows, list):
        return "\n".join("".join(str(v) for v in r) if isinstance(r, list) else str(r) for r in rows)
    return api["answer"]


def check_step(driver, check, api, i, head):
    trace, layout = api["trace"], api["trace_layout"]
    step = trace[i]
    label = driver.find_element(By.ID, "step-label").text
    check.eq("Step %d of %d" % (step["step"], len(trace)), label.split(" \u00b7 ")[0], head + " step label")
    cells = driver.execute_script(CELLS_JS)
    expected_positions = sorted(p for row in layout["positions"] for p in row if p >= 0)
    check.eq(expected_positions, sorted(c[0] for c in cells), head + " positions shown")
    vocab = layout["vocab"]
    names = {}
    for r, row in enumerate(layout["positions"]):
        for c, p in enumerate(row):
            if p >= 0:
                names[p] = layout["names"][r][c]
    for pos, shown, changed, text, name in cells:
        want = vocab[step["prediction"][pos]]
        check.eq(want, shown, "%s step %d %s" % (head, step["step"], name))
        check.eq(names[pos], name, "%s step %d position %d's name" % (head, step["step"], pos))
        if not (want.startswith("<") and want.endswith(">")) and want != "#":
            check.eq(want, text, "%s step %d %s text" % (head, step["step"], name))
    marked = sorted(name for _, _, changed, _, name in cells if changed)
    check.eq(sorted((step.get("changed") or {}).keys()), marked, "%s step %d changed cells" % (head, step["step"]))


def check_runs(driver, check, api, i):
    """Every run's column at step index i: what it was, its verdict, and its grid at min(i, its last step)."""
    runs, vocab = api["search_runs"], api["trace_layout"]["vocab"]
    shown = driver.execute_script(RUNS_JS)
    check.eq([r["run"] for r in runs], [c[0] for c in shown], "run columns")
    for run, (_, title, verdict, step_text, framed, cells) in zip(runs, shown):
        what = "run %d step index %d" % (run["run"], i)
        check.eq("run %d: %s%s" % (run["run"], run["kind"], " \u2605 chosen" if run["chosen"] else ""), title,
                 what + " title")
        check.eq(run["chosen"], framed, what + " framed as chosen")
        check.eq(True, verdict.startswith("%s \u00b7 %d steps" % (run["verdict"]["status"], run["steps"])),
                 what + " verdict (" + verdict + ")")
        trace = run["trace"]
        n = len(trace)
        j = min(i, n - 1)
        step = trace[j]
        expected_text = ("Step %d of %d" % (step["step"], n)) if i < n else ("Halted after %d steps" % n)
        check.eq(True, step_text.startswith(expected_text), what + " step line (" + step_text + ")")
        check.eq([vocab[step["prediction"][pos]] for pos, _, _ in cells], [c[1] for c in cells], what + " cells")
        was = trace[j - 1]["prediction"] if 0 < j and i < n else None
        changed = sorted(pos for pos, _, _ in cells if was is not None and was[pos] != step["prediction"][pos])
        check.eq(changed, sorted(pos for pos, _, marked in cells if marked), what + " changed cells")
        check.eq(len(step.get("changed") or {}) if was is not None else 0, len(changed), what + " changed count")


def search_runs_side_by_side(driver, wait, base, args, check):
    """A hard Sudoku with restarts: one column per run, stepped together with the keyboard."""
    Select(driver.find_element(By.ID, "model")).select_by_index(
        [o.text.split(" ")[0] for o in Select(driver.find_element(By.ID, "model")).options].index("sudoku"))
    driver.find_element(By.ID, "input").clear()
    driver.find_element(By.ID, "input").send_keys(HARD_SUDOKU)
    driver.find_element(By.ID, "budget").clear()
    driver.find_element(By.ID, "budget").send_keys("3")
    driver.find_element(By.ID, "solve").click()
    wait.until(lambda d: d.find_element(By.ID, "status").text.startswith("Answered in")
               or "error" in d.find_element(By.ID, "status").get_attribute("class"))
    status = driver.find_element(By.ID, "status")
    if "error" in status.get_attribute("class"):
        raise AssertionError("search: the page says " + status.text)
    code, body = http(base + "/v1/solve/sudoku", {"input": HARD_SUDOKU, "trace": True, "search": "restarts",
                                                   "budget": 3})
    check.eq(200, code, "search API answer (" + body[:200] + ")")
    api = json.loads(body)
    runs = api["search_runs"]
    check.eq(api["search"]["loop_runs"], len(runs), "one run per loop run")
    check.eq(True, len(runs) >= 2, "the model fails this puzzle alone, so restarts runs again")
    chosen = [r for r in runs if r["chosen"]]
    check.eq(1, len(chosen), "one chosen run")
    check.eq(api["trace"], chosen[0]["trace"], "the chosen run's trace is the answer's")
    check.eq(api["verdict"]["status"], driver.find_element(By.ID, "verdict").text, "search verdict")
    depth = max(len(r["trace"]) for r in runs)
    body_el = driver.find_element(By.TAG_NAME, "body")
    driver.find_element(By.ID, "result-heading").click()
    body_el.send_keys(Keys.HOME)
    check_runs(driver, check, api, 0)
    for i in range(1, depth):
        body_el.send_keys(Keys.ARROW_RIGHT)
        check_runs(driver, check, api, i)
        if i < len(api["trace"]):
            check_step(driver, check, api, i, "sudoku search")
        else:
            check.eq(True, driver.find_element(By.ID, "step-label").text.startswith(
                "Step %d \u00b7 the answer's run halted after %d steps" % (i + 1, len(api["trace"]))), "halted label")
    body_el.send_keys(Keys.ARROW_RIGHT)  # past the longest run: stays there
    check_runs(driver, check, api, depth - 1)
    body_el.send_keys(Keys.HOME)
    check_runs(driver, check, api, 0)
    if args.screenshots:
        body_el.send_keys(Keys.ARROW_RIGHT)
        driver.execute_script("document.getElementById('runs').scrollIntoView()")
        driver.find_element(By.ID, "runs").screenshot(os.path.join(args.screenshots, "viewer-sudoku-search-runs.png"))
    print("  search   restarts, %d runs (%s), up to %d steps: every run's cells at every step match the API"
          % (len(runs), ", ".join(r["kind"] + (" chosen" if r["chosen"] else "") for r in runs), depth))


def solve_in_page(driver, wait, head):
    select = Select(driver.find_element(By.ID, "model"))
    select.select_by_index([o.text.split(" ")[0] for o in select.options].index(head))
    driver.find_element(By.ID, "example").click()
    text = driver.find_element(By.ID, "input").get_attribute("value")
    driver.find_element(By.ID, "solve").click()
    wait.until(lambda d: d.find_element(By.ID, "status").text.startswith("Answered in")
               or "error" in d.find_element(By.ID, "status").get_attribute("class"))
    status = driver.find_element(By.ID, "status")
    if "error" in status.get_attribute("class"):
        raise AssertionError(head + ": the page says " + status.text)
    return text


def exercise(driver, base, args, check, started):
    """Everything the browser does: the token, then each head's example solved and stepped through."""
    # The page loads without the token; the API still refuses without it.
    check.eq(200, http(base + "/", token=None)[0], "GET / without a token")
    check.eq(401, http(base + "/v1/models", token=None)[0], "GET /v1/models without a token")
    wait = WebDriverWait(driver, args.solve_timeout)
    driver.get(base + "/")
    wait.until(lambda d: "Cannot list the models" in d.find_element(By.ID, "status").text)
    check.eq(True, "token" in driver.find_element(By.ID, "status").text, "the page asks for the token")
    token = driver.find_element(By.ID, "token")
    token.send_keys(TOKEN)
    token.send_keys(Keys.TAB)  # change event: stored in sessionStorage, models listed again
    wait.until(lambda d: d.find_element(By.ID, "model").is_enabled())
    check.eq(TOKEN, driver.execute_script("return sessionStorage.getItem('trm4j.token')"), "token kept")
    for head in HEADS:
        text = solve_in_page(driver, wait, head)
        code, body = http(base + "/v1/solve/" + head, {"input": text, "trace": True})
        check.eq(200, code, head + " API answer (" + body[:200] + ")")
        api = json.loads(body)
        check.eq(api["verdict"]["status"], driver.find_element(By.ID, "verdict").text, head + " verdict")
        check.eq(str(api["steps"]), driver.find_element(By.ID, "steps").text, head + " steps")
        check.eq(answer_text(api), driver.find_element(By.ID, "answer").get_attribute("textContent"),
                 head + " answer")
        n = len(api["trace"])
        body_el = driver.find_element(By.TAG_NAME, "body")
        driver.find_element(By.ID, "result-heading").click()  # focus outside the text fields
        check_step(driver, check, api, 0, head)
        for i in range(1, n):
            body_el.send_keys(Keys.ARROW_RIGHT)
            check_step(driver, check, api, i, head)
        body_el.send_keys(Keys.ARROW_RIGHT)  # past the last step: stays there
        check_step(driver, check, api, n - 1, head)
        body_el.send_keys(Keys.HOME)
        check_step(driver, check, api, 0, head)
        body_el.send_keys(Keys.END)
        check_step(driver, check, api, n - 1, head)
        if n > 1:
            driver.find_element(By.ID, "prev").click()
            check_step(driver, check, api, n - 2, head)
        if args.screenshots:
            shot_step = next((i for i, st in enumerate(api["trace"]) if st.get("changed")), 0)
            driver.find_element(By.ID, "first").click()
            for _ in range(shot_step):
                body_el.send_keys(Keys.ARROW_RIGHT)
            driver.execute_script("document.getElementById('result').scrollIntoView()")
            path = os.path.join(args.screenshots, "viewer-%s.png" % head)
            driver.find_element(By.ID, "result").screenshot(path)
        print("  %-8s %s, %d steps: every cell of every step matches the API (solve %.0f ms; at %.1f s)"
              % (head, api["verdict"]["status"], n, api["elapsed_ms"], time.monotonic() - started))
    # A verified search: the page says what it spent, as the API does.
    driver.find_element(By.CSS_SELECTOR, "#options summary").click()
    Select(driver.find_element(By.ID, "search")).select_by_visible_text("restarts")
    driver.find_element(By.ID, "budget").send_keys("2")
    text = solve_in_page(driver, wait, "sudoku")
    code, body = http(base + "/v1/solve/sudoku", {"input": text, "trace": True, "search": "restarts", "budget": 2})
    s = json.loads(body)["search"]
    check.eq(True, driver.find_element(By.ID, "search-info").text.startswith(
        "Search restarts: found by %s, %d loop runs, %d steps in all" % (s["found_by"], s["loop_runs"], s["steps"])),
        "search summary")
    check.eq(len(json.loads(body)["search_runs"]), len(driver.find_elements(By.CSS_SELECTOR, "#run-columns .run")),
             "a column per run")
    search_runs_side_by_side(driver, wait, base, args, check)
    errors = [e for e in driver.get_log("browser") if e["level"] == "SEVERE" and "401" not in e["message"]]
    check.eq([], errors, "browser console errors")


def run(args):
    port = free_port()
    base = "http://127.0.0.1:%d" % port
    started = time.monotonic()
    drivers = []  # Chromium starts while the server loads its models
    starting = threading.Thread(target=lambda: drivers.append(browser()))
    starting.start()
    server = None
    check = Check()
    try:
        server = start_server(args.jar, port, args.start_timeout)
        print("  trm serve listening after %.1f s" % (time.monotonic() - started))
        starting.join()
        if not drivers:
            raise AssertionError("Chromium did not start (its error is above)")
        exercise(drivers[0], base, args, check, started)
    finally:
        starting.join()
        for d in drivers:
            d.quit()
        if server:
            server.terminate()
            try:
                server.wait(timeout=30)
            except subprocess.TimeoutExpired:
                server.kill()
    print("viewer browser test: %d checks passed in %.1f s" % (check.count, time.monotonic() - started))


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    here = os.path.dirname(os.path.abspath(__file__))  # cli/src/test/browser
    root = os.path.normpath(os.path.join(here, "..", "..", "..", ".."))
    p.add_argument("--jar", default=os.path.join(root, "cli", "target", "trm.jar"))
    p.add_argument("--screenshots", default=None, help="folder for one PNG per head (default: none)")
    p.add_argument("--start-timeout", type=int, default=180)
    p.add_argument("--solve-timeout", type=int, default=120)
    args = p.parse_args()
    if not os.path.isfile(args.jar):
        sys.exit("no CLI jar at %s: build it first (mvn -pl cli -am package -DskipTests)" % args.jar)
    if args.screenshots:
        os.makedirs(args.screenshots, exist_ok=True)
    run(args)


if __name__ == "__main__":
    main()
