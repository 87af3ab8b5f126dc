#!/usr/bin/env python3
"""Peer baseline: CPython multiprocessing on the same workloads the Java project's benchmark runs.
Prints one JSON object: metric -> value (higher is better unless the name ends in _ms).

The project's copy of the peer script the benchmark goals were set against. One addition, marked
below: the resident set of the pool's worker processes (pool_worker_rss_mb), which the Java side
reports beside its own."""
import json, multiprocessing as mp, os, sys, time

def square(x):
    return x * x

def noop():
    pass

def producer(q, n, payload):
    for _ in range(n):
        q.put(payload)
    q.put(None)

def incr(v, n):
    for _ in range(n):
        with v.get_lock():
            v.value += 1

def ponger(conn, n):
    for _ in range(n):
        conn.send(conn.recv())

def count_primes(hi):
    c = 0
    for n in range(2, hi):
        i, p = 2, True
        while i * i <= n:
            if n % i == 0:
                p = False
                break
            i += 1
        c += p
    return c

def worker_rss_mb(pool, path="status", key="VmRSS:"):  # addition of the project's copy: mean VmRSS of the pool's workers
    sizes = []
    for p in pool._pool:
        try:
            with open(f"/proc/{p.pid}/{path}") as f:
                for line in f:
                    if line.startswith(key):
                        sizes.append(int(line.split()[1]) / 1024)
        except OSError:
            pass
    return sum(sizes) / len(sizes) if sizes else None

def worker_pss_mb(pool):  # addition of the project's copy: mean PSS (shared pages split between their users)
    return worker_rss_mb(pool, "smaps_rollup", "Pss:")

def sleeper(seconds):
    time.sleep(seconds)
    return seconds

def manager_incr(d, lock, n):
    for _ in range(n):
        with lock:
            d["x"] = d["x"] + 1

def spawn_ms(method, n=10):
    ctx = mp.get_context(method)
    ctx.Process(target=noop).start()  # warm
    t = time.perf_counter()
    for _ in range(n):
        p = ctx.Process(target=noop); p.start(); p.join()
    return (time.perf_counter() - t) / n * 1000

def main():
    quick = "--quick" in sys.argv
    scale = 10 if quick else 1
    out = {"cpus": os.cpu_count()}
    out["process_start_join_spawn_ms"] = spawn_ms("spawn", 5 if quick else 10)
    out["process_start_join_fork_ms"] = spawn_ms("fork", 5 if quick else 10)
    with mp.get_context("fork").Pool(2) as pool:
        pool.map(square, range(2))
        out["pool_worker_idle_pss_mb"] = worker_pss_mb(pool)  # addition of the project's copy
        n = 1_000_000 // scale
        t = time.perf_counter(); r = pool.map(square, range(n)); dt = time.perf_counter() - t
        assert r[-1] == (n - 1) ** 2
        out["pool_map_tiny_items_per_s"] = n / dt
        out["pool_worker_rss_mb"] = worker_rss_mb(pool)  # addition of the project's copy
        out["pool_worker_pss_mb"] = worker_pss_mb(pool)  # addition of the project's copy
        n = 20_000 // scale
        t = time.perf_counter()
        rs = [pool.apply_async(square, (i,)) for i in range(n)]
        assert sum(a.get() for a in rs) == sum(i * i for i in range(n))
        out["pool_apply_async_tasks_per_s"] = n / (time.perf_counter() - t)
        t = time.perf_counter(); rs = pool.map(count_primes, [60_000] * 8, chunksize=1); dt2 = time.perf_counter() - t
        t = time.perf_counter(); count_primes(60_000); dt1 = time.perf_counter() - t
        out["pool_cpu_speedup_2workers"] = 8 * dt1 / dt2
    ctx = mp.get_context("fork")
    for name, payload, n in (("small", b"x" * 64, 200_000 // scale), ("large", b"x" * (1 << 20), 1000 // scale)):
        q = ctx.Queue()
        p = ctx.Process(target=producer, args=(q, n, payload))
        t = time.perf_counter(); p.start(); got = 0
        while q.get() is not None:
            got += 1
        dt = time.perf_counter() - t; p.join()
        assert got == n
        out[f"queue_{name}_msgs_per_s"] = n / dt
        if name == "large":
            out["queue_large_mb_per_s"] = n * len(payload) / dt / 1e6
    v = ctx.Value("i", 0); n = 100_000 // scale
    ps = [ctx.Process(target=incr, args=(v, n)) for _ in range(2)]
    t = time.perf_counter(); [p.start() for p in ps]; [p.join() for p in ps]; dt = time.perf_counter() - t
    assert v.value == 2 * n, v.value
    out["value_locked_incr_per_s"] = 2 * n / dt
    a, b = ctx.Pipe(); n = 20_000 // scale
    p = ctx.Process(target=ponger, args=(b, n)); p.start(); a.send(0); a.recv()
    t = time.perf_counter()
    for i in range(n - 1):
        a.send(i); a.recv()
    out["pipe_roundtrip_us"] = (time.perf_counter() - t) / (n - 1) * 1e6
    p.join()
    # Added in turn 2: a mix of long and short tasks (makespan over the ideal one), the Manager, shared_memory.
    with mp.get_context("fork").Pool(2) as pool:
        pool.map(square, range(100))
        t = time.perf_counter()
        rs = [pool.apply_async(sleeper, (s,)) for s in (0.8, 0.1, 0.1, 0.1)]
        [r.get() for r in rs]
        out["pool_mixed_makespan_ratio"] = (time.perf_counter() - t) / 0.8
    with ctx.Manager() as m:
        d = m.dict(); d["x"] = 0; n = 5000 // scale
        t = time.perf_counter()
        for i in range(n):
            d["k"] = i; d["k"]
        out["manager_dict_roundtrip_us"] = (time.perf_counter() - t) / (2 * n) * 1e6
        lock = m.Lock(); n = 1000 // scale
        ps = [ctx.Process(target=manager_incr, args=(d, lock, n)) for _ in range(4)]
        t = time.perf_counter(); [p.start() for p in ps]; [p.join() for p in ps]; dt = time.perf_counter() - t
        assert d["x"] == 4 * n
        out["manager_locked_incr_per_s"] = 4 * n / dt
    from multiprocessing import shared_memory
    n = 500 // scale
    t = time.perf_counter()
    for _ in range(n):
        s = shared_memory.SharedMemory(create=True, size=4096); s.close(); s.unlink()
    out["shm_create_unlink_us"] = (time.perf_counter() - t) / n * 1e6
    print(json.dumps(out, indent=1))

if __name__ == "__main__":
    main()
