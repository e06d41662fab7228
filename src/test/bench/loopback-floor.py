#!/usr/bin/env python3
"""The machine's own latency floor for the benchmark's light shape (docs/benchmarks.md).

A plain TCP echo on CPU 0 and a client on CPU 1, the same placement as the server and the
generator, exchanging 64-byte messages over 127.0.0.1 at a fixed rate for a fixed time. No chat
server is involved: what this measures is how long the machine takes to carry a message to a
process that was idle and back, which bounds what any server can show at a light, spread load.

    python3 src/test/bench/loopback-floor.py [--rates 200,2000,20000] [--seconds 10]

Prints one line per rate: round trips, p50 / p99 / p99.9 / max in milliseconds. Needs taskset.
"""
import argparse
import os
import socket
import subprocess
import sys
import time


def echo(port_file):
    server = socket.socket()
    server.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    server.bind(("127.0.0.1", 0))
    server.listen(1)
    with open(port_file, "w") as f:
        f.write(str(server.getsockname()[1]))
    conn, _ = server.accept()
    conn.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    while True:
        data = conn.recv(65536)
        if not data:
            return
        conn.sendall(data)


def percentile(sorted_values, p):
    if not sorted_values:
        return float("nan")
    k = min(len(sorted_values) - 1, int(round(p / 100.0 * (len(sorted_values) - 1))))
    return sorted_values[k]


def client(port, rate, seconds):
    s = socket.create_connection(("127.0.0.1", port))
    s.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    payload = b"x" * 63 + b"\n"
    interval = 1.0 / rate
    rtts = []
    start = time.perf_counter()
    next_send = start
    while True:
        now = time.perf_counter()
        if now - start >= seconds:
            break
        if now < next_send:
            time.sleep(next_send - now)
        sent = time.perf_counter()
        s.sendall(payload)
        got = 0
        while got < len(payload):
            got += len(s.recv(65536))
        rtts.append((time.perf_counter() - sent) * 1000.0)
        next_send += interval
        if next_send < time.perf_counter() - 1.0:
            next_send = time.perf_counter()  # fell behind by a second: do not burst to catch up
    s.close()
    rtts.sort()
    return rtts


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rates", default="200,2000,20000")
    parser.add_argument("--seconds", type=float, default=10.0)
    parser.add_argument("--role", help=argparse.SUPPRESS)
    parser.add_argument("--port-file", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.role == "echo":
        echo(args.port_file)
        return
    for rate in [int(r) for r in args.rates.split(",")]:
        port_file = "/tmp/loopback-floor-%d.port" % os.getpid()
        if os.path.exists(port_file):
            os.remove(port_file)
        server = subprocess.Popen(["taskset", "-c", "0", sys.executable, __file__, "--role", "echo",
                                   "--port-file", port_file])
        try:
            deadline = time.time() + 10
            while not (os.path.exists(port_file) and open(port_file).read().strip()):
                if time.time() > deadline:
                    sys.exit("echo server did not start")
                time.sleep(0.01)
            port = int(open(port_file).read())
            os.sched_setaffinity(0, {1})
            rtts = client(port, rate, args.seconds)
        finally:
            server.wait(timeout=10)
            os.remove(port_file)
        print("rate %6d/s: %7d round trips  p50 %.3f  p99 %.3f  p99.9 %.3f  max %.1f ms" % (
            rate, len(rtts), percentile(rtts, 50), percentile(rtts, 99), percentile(rtts, 99.9),
            rtts[-1] if rtts else float("nan")))


if __name__ == "__main__":
    main()
