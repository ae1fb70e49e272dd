#!/usr/bin/env python3
"""How quickly `awsls serve` ends when told, over many runs.

Drives the binary over stdio as an editor does and keeps stdin open after
`exit` (as Neovim does). Cases:
  exit       initialize, initialized, answer workspace/configuration,
             shutdown, exit                       (expects status 0)
  early      initialize, initialized, exit at once, configuration never
             answered                             (expects status 1)
  eof        shutdown, then close stdin           (expects status 0)

Usage: tests/bench/lifecycle.py [--runs 1000] [--binary target/release/awsls]
Prints, per case, how many runs ended within 100 ms (1 s for eof), the
slowest run and the median; exits 1 when a run hung or had the wrong status.
"""
import argparse
import json
import os
import select
import statistics
import subprocess
import sys
import time


def frame(message):
    body = json.dumps(message).encode()
    return b"Content-Length: %d\r\n\r\n" % len(body) + body


class Reader:
    def __init__(self, process):
        self.process = process
        self.buffer = b""

    def message(self, timeout=5.0):
        deadline = time.time() + timeout
        while True:
            end = self.buffer.find(b"\r\n\r\n")
            if end >= 0:
                length = 0
                for line in self.buffer[:end].split(b"\r\n"):
                    name, _, value = line.partition(b":")
                    if name.strip().lower() == b"content-length":
                        length = int(value)
                if len(self.buffer) >= end + 4 + length:
                    body = self.buffer[end + 4 : end + 4 + length]
                    self.buffer = self.buffer[end + 4 + length :]
                    return json.loads(body)
            ready, _, _ = select.select([self.process.stdout], [], [], max(0, deadline - time.time()))
            if not ready:
                return None
            chunk = os.read(self.process.stdout.fileno(), 65536)
            if not chunk:
                return None
            self.buffer += chunk


def run_once(binary, case):
    process = subprocess.Popen(
        [binary, "serve"], stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL
    )
    reader = Reader(process)

    def send(message):
        process.stdin.write(frame(message))
        process.stdin.flush()

    def wait_for(predicate):
        while True:
            message = reader.message()
            if message is None:
                return None
            if predicate(message):
                return message

    send({"jsonrpc": "2.0", "id": 1, "method": "initialize", "params": {
        "processId": None, "rootUri": None,
        "capabilities": {"workspace": {"configuration": True}}}})
    wait_for(lambda m: m.get("id") == 1 and "method" not in m)
    send({"jsonrpc": "2.0", "method": "initialized", "params": {}})
    if case != "early":
        asked = wait_for(lambda m: m.get("method") == "workspace/configuration")
        if asked:
            send({"jsonrpc": "2.0", "id": asked["id"], "result": [{}]})
        send({"jsonrpc": "2.0", "id": 2, "method": "shutdown"})
        wait_for(lambda m: m.get("id") == 2 and "method" not in m)
    started = time.perf_counter()
    if case == "eof":
        process.stdin.close()
    else:
        send({"jsonrpc": "2.0", "method": "exit"})
    try:
        status = process.wait(5)
        elapsed = time.perf_counter() - started
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()
        status, elapsed = None, None
    if not process.stdin.closed:
        process.stdin.close()
    return status, elapsed


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=1000)
    parser.add_argument("--binary", default="target/release/awsls")
    parser.add_argument("--cases", default="exit,early,eof")
    args = parser.parse_args()
    expected = {"exit": 0, "early": 1, "eof": 0}
    limit = {"exit": 0.1, "early": 0.1, "eof": 1.0}
    failed = False
    print("| case | runs | within limit | hung | wrong status | median ms | max ms |")
    print("|---|--:|--:|--:|--:|--:|--:|")
    for case in args.cases.split(","):
        times, hung, wrong = [], 0, 0
        for _ in range(args.runs):
            status, elapsed = run_once(args.binary, case)
            if status is None:
                hung += 1
                continue
            if status != expected[case]:
                wrong += 1
            times.append(elapsed)
        within = sum(1 for t in times if t <= limit[case])
        failed |= hung > 0 or wrong > 0
        median = statistics.median(times) * 1000 if times else float("nan")
        slowest = max(times) * 1000 if times else float("nan")
        print(f"| {case} (limit {limit[case] * 1000:.0f} ms) | {args.runs} | {within} | {hung} | {wrong} | {median:.1f} | {slowest:.1f} |")
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
