"""A local HTTP endpoint for tests of outgoing requests (messenger notices, webhooks): it records what it gets
and answers what the test tells it to. Nothing leaves the machine."""

import json
import threading
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

import pytest


@dataclass
class Received:
    method: str
    path: str
    query: dict
    headers: object  # an email.message.Message: case-insensitive lookups
    body: bytes

    @property
    def json(self):
        return json.loads(self.body.decode())


@dataclass
class FakeEndpoint:
    url: str
    received: list = field(default_factory=list)
    # path → (status, JSON answer); anything else answers 200 {"errcode": 0}.
    answers: dict = field(default_factory=dict)

    def answer(self, path: str, status: int = 200, body: dict | None = None) -> None:
        self.answers[path] = (status, body if body is not None else {})


@pytest.fixture
def fake_endpoint():
    endpoint = FakeEndpoint(url="")

    class Handler(BaseHTTPRequestHandler):
        def _handle(self):
            length = int(self.headers.get("Content-Length") or 0)
            parts = urlsplit(self.path)
            endpoint.received.append(
                Received(
                    method=self.command,
                    path=parts.path,
                    query={k: v[0] for k, v in parse_qs(parts.query).items()},
                    headers=self.headers,  # case-insensitive, as HTTP headers are
                    body=self.rfile.read(length) if length else b"",
                )
            )
            status, body = endpoint.answers.get(parts.path, (200, {"errcode": 0, "errmsg": "ok"}))
            raw = json.dumps(body).encode()
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(raw)))
            self.end_headers()
            self.wfile.write(raw)

        do_GET = do_POST = _handle

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    endpoint.url = f"http://127.0.0.1:{server.server_address[1]}"
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield endpoint
    server.shutdown()
    server.server_close()
