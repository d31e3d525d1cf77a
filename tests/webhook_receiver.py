"""A real local webhook receiver (threaded ``http.server``) that checks Standard Webhooks signatures.

Shared by tests/recipients, the second shop's suite and ``bench notify``.
"""

from __future__ import annotations

import base64
import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from privacy_center.services.webhooks import verify

SECRET = "whsec_" + base64.b64encode(b"0123456789abcdef0123456789abcdef").decode()


class Receiver:
    def __init__(self):
        self.received: list[dict] = []
        self.fail_next = 0  # answer 503 to this many requests
        self.delay = 0.0
        self.lock = threading.Lock()
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):
                body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
                headers = {k.lower(): v for k, v in self.headers.items()}
                if receiver.delay:
                    time.sleep(receiver.delay)
                with receiver.lock:
                    failing = receiver.fail_next > 0
                    if failing:
                        receiver.fail_next -= 1
                    receiver.received.append({"headers": headers, "body": json.loads(body), "failed": failing,
                                              "valid": verify(SECRET, headers, body)})
                try:
                    self.send_response(503 if failing else 204)
                    self.end_headers()
                except OSError:  # the sender gave up (timeout)
                    pass

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.url = f"http://127.0.0.1:{self.server.server_port}/privacy-hook"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    @property
    def delivered(self) -> list[dict]:
        return [r for r in self.received if not r["failed"]]

    def stop(self):
        self.server.shutdown()
        self.server.server_close()
