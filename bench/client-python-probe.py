"""
The Python peer (hac-client-core) doing what client-probe.mjs does, for bench/client-perf.ts: one task
in a fresh interpreter, one JSON object on stdout. Only used when HAC_BENCH_PYTHON_CORE points at a
checkout of that client (put on PYTHONPATH by python-peer.ts); nothing of it is kept in this repository.
The last two tasks are whole processes as a user's script would be (python-peer.ts times them):
`call` is one Groovy call through the client's session cache (~/.cache/hac-client; a cold call when
it is empty), `fs-csv` writes ROWS rows of the query as CSV to stdout.

    python3 bench/client-python-probe.py TASK BASE_URL [ARG]
    # TASK: login | warm | fs ROWS | impex-text FILE | call | fs-csv ROWS
"""
import csv
import json
import resource
import sys
import time
import warnings

warnings.filterwarnings("ignore")  # urllib3's notice about the unverified test certificate

from hac_client_core import BasicAuthHandler, HacClient

FS_QUERY = "SELECT {pk}, {code}, {name[en]}, {creationtime}, {modifiedtime} FROM {Product}"


def rss_bytes():
    with open("/proc/self/statm") as statm:
        return int(statm.read().split()[1]) * resource.getpagesize()


def peak_since_mib(before):
    return (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024 - before) / 1048576


def new_client(base_url, persistence=False):
    # ignore_ssl: client-perf.ts gives an https emulator with a self-signed certificate (HAC's
    # JSESSIONID is Secure, and requests sends it back over https only, loopback included).
    return HacClient(base_url, auth_handler=BasicAuthHandler("admin", "nimda"), session_persistence=persistence, quiet=True, timeout=600, ignore_ssl=True)


def main():
    task, base_url = sys.argv[1], sys.argv[2]
    arg = sys.argv[3] if len(sys.argv) > 3 else None
    if task == "login":
        client = new_client(base_url)
        started = time.perf_counter()
        client.login()
        return {"firstMs": (time.perf_counter() - started) * 1000}
    if task == "warm":
        client = new_client(base_url, persistence=True)
        client.login()
        for _ in range(50):
            client.execute_groovy("return 1")
        times = []
        for _ in range(7):
            started = time.perf_counter()
            for _ in range(200):
                client.execute_groovy("return 1")
            times.append((time.perf_counter() - started) * 1000 / 200)
        return {"ms": sorted(times)[len(times) // 2]}
    if task == "fs":
        client = new_client(base_url)
        client.login()
        before = rss_bytes()
        started = time.perf_counter()
        cpu_started = time.process_time()
        result = client.execute_flexiblesearch(FS_QUERY, max_count=int(arg))
        ms = (time.perf_counter() - started) * 1000
        cpu_ms = (time.process_time() - cpu_started) * 1000
        return {"ms": ms, "cpuMs": cpu_ms, "peakMiB": peak_since_mib(before), "rows": len(result.rows)}
    if task == "impex-text":
        client = new_client(base_url)
        client.login()
        with open(arg, encoding="utf-8") as file:
            script = file.read()
        before = rss_bytes()
        started = time.perf_counter()
        client.import_impex(script)
        return {"ms": (time.perf_counter() - started) * 1000, "peakMiB": peak_since_mib(before)}
    if task == "call":
        # The client's own path for a script: login() takes the cached session (after checking it
        # with one GET) or logs in and caches a new one.
        return new_client(base_url, persistence=True).execute_groovy("return 1").execution_result
    if task == "fs-csv":
        client = new_client(base_url, persistence=True)
        client.login()
        # hac-client-core sends a cached session's cookie only from execute_groovy (it alone puts it
        # into the requests session); execute_flexiblesearch after a cached login() goes without one
        # and HAC answers 405. hac-client-cli sets the cookie itself (create_client); so does this.
        client.http_session.cookies.set("JSESSIONID", client.session_info.session_id)
        result = client.execute_flexiblesearch(FS_QUERY, max_count=int(arg))
        if len(result.rows) != int(arg):
            raise SystemExit(f"expected {arg} rows, got {len(result.rows)}: {result.exception}")
        writer = csv.writer(sys.stdout, lineterminator="\n")
        writer.writerow(result.headers)
        writer.writerows(result.rows)
        return None
    raise SystemExit(f"unknown task {task}")


answer = main()
if isinstance(answer, dict):
    print(json.dumps(answer))
elif answer is not None:
    print(answer)
