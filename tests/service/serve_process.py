"""A `contrascreen serve` process for the service tests: started on a free loopback port
(--port 0; the port is read from its "listening" log line), its stderr log collected line
by line, plain http.client requests, signals, and its exit. Standard library only."""

import http.client
import json
import os
import signal
import subprocess
import threading
import time


class ServeProcess:
    def __init__(self, binary, rules, extra=(), startup_seconds=20):
        self.proc = subprocess.Popen(
            [binary, "serve", "--port", "0", "--threads", "2", "--log-salt", "test-salt"]
            + [arg for path in rules for arg in ("--rules", path)] + list(extra),
            stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        self.lines = []            # every stderr line, as text
        self.events = []           # the ones that parse as JSON
        self._changed = threading.Condition()
        self._reader = threading.Thread(target=self._read_log, daemon=True)
        self._reader.start()
        listening = self.wait_for(lambda e: e.get("event") == "listening", startup_seconds)
        if listening is None:
            self.proc.kill()
            raise RuntimeError("the server did not start:\n" + "\n".join(self.lines))
        self.port = listening["port"]

    def _read_log(self):
        for raw in self.proc.stderr:
            line = raw.decode("utf-8", "replace").rstrip("\n")
            with self._changed:
                self.lines.append(line)
                try:
                    self.events.append(json.loads(line))
                except ValueError:
                    pass
                self._changed.notify_all()
        with self._changed:
            self._changed.notify_all()

    def wait_for(self, predicate, seconds, start=0):
        """The first log event from index `start` that satisfies `predicate`, or None."""
        deadline = time.monotonic() + seconds
        with self._changed:
            while True:
                for event in self.events[start:]:
                    if predicate(event):
                        return event
                left = deadline - time.monotonic()
                if left <= 0 or (self.proc.poll() is not None and not self._reader_alive()):
                    return None
                self._changed.wait(min(left, 0.1))

    def _reader_alive(self):
        return self.proc.stderr is not None and not self.proc.stderr.closed

    def connection(self, timeout=10):
        return http.client.HTTPConnection("127.0.0.1", self.port, timeout=timeout)

    def request(self, method, target, body=None, headers=None, timeout=10):
        """(status, headers as a dict with lower-case names, body bytes) on a new connection."""
        conn = self.connection(timeout)
        try:
            conn.request(method, target, body=body, headers=headers or {})
            response = conn.getresponse()
            return response.status, {k.lower(): v for k, v in response.getheaders()}, response.read()
        finally:
            conn.close()

    def signal(self, number):
        os.kill(self.proc.pid, number)

    def stop(self, seconds=5):
        """SIGTERM, then the exit status within `seconds` (None when it had to be killed).
        Returns once every log line the process wrote is in `lines` and `events`."""
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
        try:
            status = self.proc.wait(seconds)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
            status = None
        # The reader may still be behind the process's last lines on a busy machine.
        self._reader.join(5)
        return status

    def alive(self):
        return self.proc.poll() is None
