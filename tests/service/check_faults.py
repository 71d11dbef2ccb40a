#!/usr/bin/python3
"""contrascreen serve under faults, bounded (about 20 s, loopback only, a free port):
clients screening intakes, JSON Lines batches and CDS Hooks requests (a searchset Bundle in
the prefetch) on keep-alive connections while the rule
set is reloaded again and again (SIGHUP), one reload with a broken rule-set file swapped in
and then fixed, and meanwhile oversized, slow (slowloris headers, a body that stops),
malformed and over-cap requests. Checks that every well-formed request got the decision the
CLI gives for the same intake and rule-set version, that each fault got its status or its
closed connection, that the server never died, and that SIGTERM drains a request in flight
and exits 0 within 5 s.

Usage: check_faults.py --bin build/cli/contrascreen --source ROOT"""

import argparse
import http.client
import json
import os
import random
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from serve_process import ServeProcess  # noqa: E402

CLIENT_SECONDS = 8.0
ROUTE = "/v1/screen/clinic-sv-microneedling"
CDS_ROUTE = "/cds-services/clinic-sv-microneedling"
BROKEN = "id: clinic-sv/microneedling\nversion: \"broken\"\nrules: [\n"


class Results:
    def __init__(self):
        self.lock = threading.Lock()
        self.problems = []
        self.counts = {}

    def count(self, what):
        with self.lock:
            self.counts[what] = self.counts.get(what, 0) + 1

    def fail(self, message):
        with self.lock:
            if len(self.problems) < 30:
                self.problems.append(message)


def cli(binary, rules, args, cwd, output_format="json"):
    run = subprocess.run([binary, "screen", "--rules", rules, "--format", output_format] + args, cwd=cwd,
                         capture_output=True, timeout=60)
    return run.stdout.decode("utf-8")


def sha_of(output):
    record = json.loads(output.splitlines()[0])
    if "cards" in record:  # CDS Hooks: the rule set's sha256 is each card's topic version
        return record["cards"][0]["source"]["topic"]["version"]
    return record["ruleset"]["sha256"]


class CdsCase:
    """A CDS Hooks request whose prefetch is tests/service/data/cds-searchset.json, and the
    response it screens (the latest authored), written alone for the CLI."""

    def __init__(self, root, tmp):
        bundle = json.loads((root / "tests" / "service" / "data" / "cds-searchset.json").read_text(encoding="utf-8"))
        self.path = Path(tmp) / "cds-request.json"
        self.path.write_text(json.dumps({"hook": "appointment-book", "hookInstance": "9b0e8c1a-faults",
                                         "context": {"patientId": "p"}, "prefetch": {"intake": bundle}}), encoding="utf-8")
        self.latest = Path(tmp) / "cds-latest.json"
        self.latest.write_text(json.dumps(bundle["entry"][2]["resource"]), encoding="utf-8")


def expected_outputs(binary, root, variants, policy, intakes, batch, cds):
    """{sha256: {intake path: CLI output}} for each variant of the policy file; the CDS
    request's is the cards --format cds-hooks prints for the response it screens."""
    table = {}
    for text in variants:
        policy.write_text(text, encoding="utf-8")
        outputs = {path: cli(binary, str(policy), [str(path)], root) for path in intakes + [batch]}
        outputs[cds.path] = cli(binary, str(policy), [str(cds.latest)], root, "cds-hooks")
        table[sha_of(outputs[intakes[0]])] = outputs
    return table


def screening_client(server, intakes, batch, cds, expected, results, stop):
    conn = server.connection()
    rng = random.Random(threading.get_ident())
    while not stop.is_set():
        path = rng.choice(intakes + [batch, cds.path])
        body = path.read_bytes()
        streamed = path == batch
        headers = {"Content-Type": "application/x-ndjson" if streamed else
                   "application/yaml" if path.suffix == ".yaml" else "application/json"}
        try:
            conn.request("POST", CDS_ROUTE if path == cds.path else ROUTE, body=body, headers=headers)
            response = conn.getresponse()
            got = response.read().decode("utf-8")
        except (OSError, http.client.HTTPException) as e:
            results.fail("%s: %s: %r" % (path.name, type(e).__name__, e))
            conn.close()
            conn = server.connection()
            continue
        if response.status == 503 and streamed and response.getheader("Retry-After"):
            results.count("busy")  # every stream worker busy: a legitimate answer
            continue
        if response.status != 200:
            results.fail("%s: status %d: %s" % (path.name, response.status, got[:200]))
            continue
        sha = sha_of(got)
        if sha not in expected:
            results.fail("%s: decided on an unknown rule-set version %s" % (path.name, sha))
        elif got != expected[sha][path]:
            results.fail("%s: a decision other than the CLI's:\n  %r\n  %r" % (path.name, got[:300],
                                                                                 expected[sha][path][:300]))
        results.count("jsonl" if streamed else "cds" if path == cds.path else "single")
        results.count("sha " + sha[:12])
        if response.getheader("Connection", "").lower() == "close":
            conn.close()
            conn = server.connection()
    conn.close()


def reloader(server, policy, variants, results, stop):
    """Swaps the policy file (a valid variant, the other, a broken one, the first again...)
    and sends SIGHUP, each time waiting for the server's log to say what it did."""
    cycle = [variants[1], BROKEN, variants[0], variants[1], variants[0]]
    step = 0
    while not stop.is_set():
        text = cycle[step % len(cycle)]
        temporary = policy.with_suffix(".tmp")
        temporary.write_text(text, encoding="utf-8")
        os.replace(temporary, policy)  # atomic: the server reads either file whole
        start = len(server.events)
        server.signal(signal.SIGHUP)
        if server.wait_for(lambda e: e.get("event") == "reloaded", 10, start) is None:
            results.fail("no 'reloaded' line after SIGHUP")
        elif text == BROKEN:
            failed = server.wait_for(lambda e: e.get("event") == "reload_failed", 1, start)
            if failed is None or "yaml.syntax" not in json.dumps(failed):
                results.fail("a broken rule set was not logged as reload_failed: %r" % failed)
            results.count("broken reloads")
        results.count("reloads")
        step += 1
        stop.wait(0.25)


def raw_exchange(port, data, wait_seconds, chunks=None, pause=0.0):
    """Sends `data` (or `chunks`, with `pause` between them) and reads until the server closes
    or `wait_seconds` pass. Returns (bytes read, whether the server closed)."""
    sock = socket.create_connection(("127.0.0.1", port), timeout=wait_seconds)
    received = b""
    closed = False
    try:
        for piece in chunks or [data]:
            sock.sendall(piece)
            if pause:
                time.sleep(pause)
        deadline = time.monotonic() + wait_seconds
        while time.monotonic() < deadline:
            sock.settimeout(max(0.05, deadline - time.monotonic()))
            try:
                piece = sock.recv(65536)
            except socket.timeout:
                break
            except ConnectionResetError:
                closed = True
                break
            if not piece:
                closed = True
                break
            received += piece
    except (BrokenPipeError, ConnectionResetError):
        closed = True
    finally:
        sock.close()
    return received, closed


def status_of(raw):
    line = raw.split(b"\r\n", 1)[0].decode("latin-1")
    return int(line.split(" ")[1]) if line.startswith("HTTP/1.1 ") else None


def faults(server, results, stop):
    port = server.port
    post = "POST %s HTTP/1.1\r\nHost: t\r\nContent-Type: application/json\r\n" % ROUTE
    while not stop.is_set():
        # Over 1 MiB, announced: 413 before the body is read, and the connection closed.
        status, _, _ = server.request("POST", ROUTE, b"{" + b" " * (1 << 21) + b"}",
                                      {"Content-Type": "application/json"})
        if status != 413:
            results.fail("an oversized body: status %s" % status)
        # Over 1 MiB, chunked (no length to refuse it on): 413 once the limit is passed.
        chunk = b" " * 65536
        start = time.monotonic()
        raw, closed = raw_exchange(port, (post + "Transfer-Encoding: chunked\r\n\r\n").encode() +
                                   (b"10000\r\n" + chunk + b"\r\n") * 20, 5)
        if status_of(raw) != 413:
            results.fail("an oversized chunked body: closed %s after %.1f s, %r" % (closed, time.monotonic() - start,
                                                                                   raw[:100]))
        # Slowloris: headers that never end are cut off after --header-timeout (1 s), without
        # an answer (the timeout closes the socket).
        start = time.monotonic()
        raw, closed = raw_exchange(port, None, 4, [post[:20].encode(), post[20:40].encode()], pause=0.3)
        if not closed or raw or time.monotonic() - start > 3:
            results.fail("slow headers: closed %s after %.1f s, %r" % (closed, time.monotonic() - start, raw[:80]))
        # A body that stops: cut off after --body-timeout (2 s).
        start = time.monotonic()
        raw, closed = raw_exchange(port, (post + "Content-Length: 100\r\n\r\n{\"id\":").encode(), 6)
        if not closed or raw or time.monotonic() - start > 5:
            results.fail("a body that stops: closed %s after %.1f s, %r" % (closed, time.monotonic() - start, raw[:80]))
        # A JSON Lines body that stops halfway: the answer never claims to be whole.
        raw, closed = raw_exchange(port, ("POST %s HTTP/1.1\r\nHost: t\r\nContent-Type: application/x-ndjson\r\n"
                                          "Content-Length: 100000\r\n\r\n{\"id\":\"A\"}\n" % ROUTE).encode(), 6)
        if not closed or raw.endswith(b"0\r\n\r\n"):
            results.fail("a JSON Lines body cut short: closed %s, %r" % (closed, raw[-80:]))
        # Not HTTP at all, and malformed chunks: 400.
        raw, closed = raw_exchange(port, b"NOT HTTP AT ALL\r\n\r\n", 3)
        if status_of(raw) != 400 or not closed:
            results.fail("garbage: %r" % raw[:80])
        raw, closed = raw_exchange(port, (post + "Transfer-Encoding: chunked\r\n\r\nzz\r\n").encode(), 3)
        if status_of(raw) != 400:
            results.fail("a malformed chunk: %r" % raw[:80])
        # Malformed JSON: 400 with the diagnostic.
        status, _, body = server.request("POST", ROUTE, b'{"answers": {', {"Content-Type": "application/json"})
        if status != 400 or b"intake.syntax" not in body:
            results.fail("malformed JSON: %s %r" % (status, body[:200]))
        # A JSON Lines record over the per-record limit: its own error record; the next is screened.
        big = b'{"id":"' + b"x" * (5 << 20) + b'"}\n' + b'{"id":"after","date":"2026-11-21","answers":{}}\n'
        status, _, body = server.request("POST", ROUTE, big, {"Content-Type": "application/x-ndjson"}, timeout=20)
        lines = body.decode("utf-8").splitlines()
        if status != 200 or len(lines) != 2 or "intake.too_large" not in lines[0] or '"after"' not in lines[1]:
            results.fail("a record over the limit: %s %r" % (status, body[:300]))
        results.count("fault rounds")


def drain_on_sigterm(server, results, batch):
    """A JSON Lines request in flight when SIGTERM arrives is answered whole; then exit 0."""
    body = batch.read_bytes()
    sock = socket.create_connection(("127.0.0.1", server.port), timeout=10)
    sock.sendall(("POST %s HTTP/1.1\r\nHost: t\r\nContent-Type: application/x-ndjson\r\nContent-Length: %d\r\n\r\n"
                  % (ROUTE, len(body))).encode() + body[: len(body) // 2])
    time.sleep(0.3)
    start = time.monotonic()
    server.signal(signal.SIGTERM)
    time.sleep(0.3)
    sock.sendall(body[len(body) // 2:])
    received = b""
    while True:
        piece = sock.recv(65536)
        if not piece:
            break
        received += piece
    sock.close()
    head, _, rest = received.partition(b"\r\n\r\n")
    if status_of(received) != 200 or not rest.endswith(b"0\r\n\r\n") or b"connection: close" not in head.lower():
        results.fail("the request in flight at SIGTERM: %r ... %r" % (received[:120], received[-40:]))
    status = server.stop(5.5 - (time.monotonic() - start))
    if status != 0:
        results.fail("SIGTERM: exit status %r within 5 s, expected 0" % status)


def connection_cap(binary, rules, results):
    server = ServeProcess(binary, [rules], ["--max-connections", "2"])
    try:
        held = [socket.create_connection(("127.0.0.1", server.port)) for _ in range(2)]
        time.sleep(0.2)
        raw, closed = raw_exchange(server.port, b"GET /healthz HTTP/1.1\r\nHost: t\r\n\r\n", 3)
        head, _, body = raw.partition(b"\r\n\r\n")
        length = [line.split(b":")[1].strip() for line in head.lower().split(b"\r\n") if line.startswith(b"content-length:")]
        if status_of(raw) != 503 or not closed or length != [str(len(body)).encode()] or b"Retry-After: 1" not in head:
            results.fail("over --max-connections: %r" % raw)
        for sock in held:
            sock.close()
        time.sleep(0.2)
        status, _, _ = server.request("GET", "/healthz")
        if status != 200:
            results.fail("after the connections closed: status %s" % status)
    finally:
        if server.stop() != 0:
            results.fail("the capped server did not exit 0")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--bin", required=True)
    parser.add_argument("--source", required=True)
    args = parser.parse_args()
    root = Path(args.source).resolve()
    results = Results()
    with tempfile.TemporaryDirectory() as tmp:
        rules = Path(tmp) / "rules"
        shutil.copytree(root / "rules", rules)
        policy = rules / "clinics" / "clinic-sv" / "microneedling.yaml"
        original = policy.read_text(encoding="utf-8")
        variants = [original, original.replace('version: "2026-11-21"', 'version: "2026-11-22"', 1)]
        intakes = sorted((root / "examples" / "intakes").glob("*.json")) + \
            sorted((root / "examples" / "intakes").glob("*.yaml"))
        batch = root / "examples" / "batches" / "intakes.jsonl"
        cds = CdsCase(root, tmp)
        expected = expected_outputs(args.bin, root, variants, policy, intakes, batch, cds)
        policy.write_text(original, encoding="utf-8")

        connection_cap(args.bin, str(policy), results)
        # Short timeouts, so that slow clients are cut off within the test's time; the body's
        # is longer, so that a sanitizer build on a busy machine still takes a 2 MiB body in time.
        server = ServeProcess(args.bin, [str(policy)], ["--header-timeout", "1", "--body-timeout", "2"])
        stop = threading.Event()
        threads = [threading.Thread(target=screening_client, args=(server, intakes, batch, cds, expected, results, stop))
                   for _ in range(6)]
        threads.append(threading.Thread(target=reloader, args=(server, policy, variants, results, stop)))
        threads.append(threading.Thread(target=faults, args=(server, results, stop)))
        for thread in threads:
            thread.start()
        time.sleep(CLIENT_SECONDS)
        stop.set()
        for thread in threads:
            thread.join(30)
        if not server.alive():
            results.fail("the server died: exit status %r" % server.proc.returncode)
        else:
            policy.write_text(original, encoding="utf-8")
            drain_on_sigterm(server, results, batch)
        if any(t.is_alive() for t in threads):
            results.fail("a client thread did not finish")

    counts = results.counts
    print("requests: %d single, %d JSON Lines (%d answered 503: streams busy), %d CDS Hooks; %d reloads (%d broken); %d fault rounds; versions used: %s" % (
        counts.get("single", 0), counts.get("jsonl", 0), counts.get("busy", 0), counts.get("cds", 0), counts.get("reloads", 0), counts.get("broken reloads", 0),
        counts.get("fault rounds", 0), sorted(k[4:] for k in counts if k.startswith("sha "))))
    for floor, what in ((200, "single"), (10, "jsonl"), (10, "cds"), (5, "reloads"), (1, "broken reloads"), (1, "fault rounds")):
        if counts.get(what, 0) < floor:
            results.fail("only %d %s (at least %d expected)" % (counts.get(what, 0), what, floor))
    if len([k for k in counts if k.startswith("sha ")]) < 2:
        results.fail("the requests were not screened on both rule-set versions")
    for problem in results.problems:
        print("FAIL: " + problem)
    if results.problems:
        # Every line but the 200s and the reloads (the log holds no intake id or answer).
        unusual = [line for line in server.lines if '"status":200' not in line and '"event":"reload' not in line]
        print("---- server log, all but 200s and reloads ----\n" + "\n".join(unusual[-80:]))
    print("%d passed, %d failed" % (0 if results.problems else 1, 1 if results.problems else 0))
    return 1 if results.problems else 0


if __name__ == "__main__":
    sys.exit(main())
