#!/usr/bin/env python3
"""bench/lib/connections.py — many concurrent keep-alive connections (bench/run --connections).

Opens N connections to the server, keeps them all open and idle for HOLD seconds, then sends
one token request on every one of them at once and reads every answer on the same connection
(HTTP/1.1 keep-alive). Prints one parseable line:

  CONN_RESULT connections=N connected=.. closed_while_idle=.. ok=.. failed=.. p50_ms=.. p99_ms=.. max_ms=.. wall_s=..

and, if anything failed, a line "CONN_FIRST_BAD <reason>". Between the idle hold and the
requests it prints "CONN_HOLDING" and waits HOLD seconds, so the harness can sample the
server's memory with every connection open.

Usage: connections.py HOST PORT N LIST_FILE HOLD_SECONDS TIMEOUT_SECONDS
LIST_FILE is bench/run's token.list: "path <TAB> auth-or-dash <TAB> form body" per line.
"""
import asyncio
import sys
import time


def read_list(path):
    rows = []
    with open(path) as f:
        for line in f:
            line = line.rstrip("\n")
            if line:
                p, auth, body = line.split("\t", 2)
                rows.append((p, None if auth == "-" else auth, body))
    if not rows:
        raise SystemExit("list file %s is empty" % path)
    return rows


def request_bytes(host, port, row):
    path, auth, body = row
    body = body.encode()
    head = "POST %s HTTP/1.1\r\nHost: %s:%d\r\nContent-Type: application/x-www-form-urlencoded\r\n" \
           "Content-Length: %d\r\n" % (path, host, port, len(body))
    if auth:
        head += "Authorization: %s\r\n" % auth
    return (head + "\r\n").encode() + body


async def read_response(reader):
    head = await reader.readuntil(b"\r\n\r\n")
    lines = head.decode("latin-1").split("\r\n")
    status = int(lines[0].split(" ", 2)[1])
    length = 0
    for h in lines[1:]:
        if h.lower().startswith("content-length:"):
            length = int(h.split(":", 1)[1].strip())
    body = await reader.readexactly(length) if length else b""
    return status, body


async def main():
    host, port, n, list_file, hold, timeout = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), \
        sys.argv[4], float(sys.argv[5]), float(sys.argv[6])
    rows = read_list(list_file)
    conns = []
    first_bad = []

    def bad(reason):
        if not first_bad:
            first_bad.append(reason)

    # Connect in bounded parallel batches, so the listen backlog is not the thing measured.
    gate = asyncio.Semaphore(256)

    async def connect():
        async with gate:
            try:
                r, w = await asyncio.wait_for(asyncio.open_connection(host, port), timeout)
                conns.append((r, w))
            except Exception as e:  # noqa: BLE001 - any failure counts, the reason is reported
                bad("connect: %r" % e)

    await asyncio.gather(*(connect() for _ in range(n)))
    connected = len(conns)
    print("CONN_HOLDING connected=%d" % connected, flush=True)
    await asyncio.sleep(hold)
    # A connection the server closed while idle reads EOF at once.
    open_conns = []
    for r, w in conns:
        if r.at_eof() or w.is_closing():
            bad("closed while idle")
        else:
            open_conns.append((r, w))
    closed_idle = connected - len(open_conns)

    latencies = []
    ok = 0

    async def one(i, r, w):
        nonlocal ok
        t0 = time.monotonic()
        try:
            w.write(request_bytes(host, port, rows[i % len(rows)]))
            await w.drain()
            status, body = await asyncio.wait_for(read_response(r), timeout)
            latencies.append((time.monotonic() - t0) * 1000)
            if 200 <= status < 300 and b'"access_token"' in body:
                ok += 1
            else:
                bad("status %d %s" % (status, body[:120].decode("latin-1")))
        except Exception as e:  # noqa: BLE001
            bad("request: %r" % e)

    t0 = time.monotonic()
    await asyncio.gather(*(one(i, r, w) for i, (r, w) in enumerate(open_conns)))
    wall = time.monotonic() - t0
    for _, w in conns:
        w.close()
    latencies.sort()

    def pct(p):
        return latencies[min(len(latencies) - 1, int(len(latencies) * p / 100))] if latencies else 0.0

    print("CONN_RESULT connections=%d connected=%d closed_while_idle=%d ok=%d failed=%d "
          "p50_ms=%.1f p99_ms=%.1f max_ms=%.1f wall_s=%.2f"
          % (n, connected, closed_idle, ok, n - ok, pct(50), pct(99), latencies[-1] if latencies else 0.0, wall))
    if first_bad:
        print("CONN_FIRST_BAD " + first_bad[0].replace("\n", " ")[:200])


asyncio.run(main())
