"""
The Python peer (hac-client-core) doing what client-probe.mjs does, for bench/client-perf.ts: one task
in a fresh interpreter, one JSON object on stdout. Only used when HAC_BENCH_PYTHON_CORE points at a
checkout of that client (put on PYTHONPATH by client-perf.ts); nothing of it is kept in this repository.

    python3 bench/client-python-probe.py TASK BASE_URL [ARG]   # TASK: login | warm | fs ROWS | impex-text FILE
"""
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
        result = client.execute_flexiblesearch(FS_QUERY, max_count=int(arg))
        ms = (time.perf_counter() - started) * 1000
        return {"ms": ms, "peakMiB": peak_since_mib(before), "rows": len(result.rows)}
    if task == "impex-text":
        client = new_client(base_url)
        client.login()
        with open(arg, encoding="utf-8") as file:
            script = file.read()
        before = rss_bytes()
        started = time.perf_counter()
        client.import_impex(script)
        return {"ms": (time.perf_counter() - started) * 1000, "peakMiB": peak_since_mib(before)}
    raise SystemExit(f"unknown task {task}")


print(json.dumps(main()))
